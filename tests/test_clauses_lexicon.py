"""Wire wording the clause reader reads (issue 15): light verbs, event nouns and their paths, and statuses."""
from __future__ import annotations

import pytest

from conftest import extract_text
from test_clauses import read


def triples(text: str) -> set[tuple[str, str, str]]:
    return {(s.subject.label, s.predicate.id, s.object.label) for s in extract_text(text)}


@pytest.mark.parametrize("text,expected", [
    ("Japan tightened controls on the sale of chipmaking equipment to Chinese companies.",
     ("Japan", "sanctions", "China")),
    ("The United States imposed duties on Canadian aluminium.", ("United States", "sanctions", "Canada")),
    ("Beijing had lodged stern representations with the United States.", ("China", "protestsTo", "United States")),
    ("China and Russia kicked off joint naval exercises.", ("China", "cooperatesWith", "Russia")),
    ("Moscow and Beijing have stepped up military cooperation.", ("Russia", "cooperatesWith", "China")),
    ("Washington said it would coordinate with Tokyo.", ("United States", "cooperatesWith", "Japan")),
    ("Giorgia Meloni will travel to Tunisia to discuss migration with President Kais Saied.",
     ("Giorgia Meloni", "negotiatesWith", "Kais Saied")),
    ("The United States stood shoulder to shoulder with Japan.", ("United States", "supports", "Japan")),
    ("Claudia Sheinbaum said she had spoken to Donald Trump by phone.",
     ("Claudia Sheinbaum", "negotiatesWith", "Donald Trump")),
    ("Mexico deployed troops to its northern border under a deal with Washington.",
     ("Mexico", "signsAgreementWith", "United States")),
    ("The European Union, which faces U.S. tariffs on steel, said it was ready to talk.",
     ("United States", "sanctions", "European Union")),
    ("Ukraine received U.S. aid.", ("United States", "providesAidTo", "Ukraine")),
    ("Canada will impose 25% tariffs on C$30 billion of U.S. goods.", ("Canada", "sanctions", "United States")),
    ("Japan conveyed its grave concerns to Russia.", ("Japan", "protestsTo", "Russia")),
    ("Lebanon and Syria agreed to set up a joint committee to organize returns.", ("Lebanon", "cooperatesWith", "Syria")),
])
def test_wire_wording(text, expected):
    assert expected in triples(text), triples(text)


def test_denying_a_role_in_an_event_denies_it():
    found = [s for s in extract_text("Russia denied any role in the attack on Poland.") if s.predicate.id == "attacks"]
    assert [(s.subject.label, s.object.label, s.status) for s in found] == [("Russia", "Poland", "denied")]


def test_a_war_in_a_state_is_its_possessor_s_war_on_it():
    # Arnor's war in Gondor entered its fourth year
    rows = [("Arnor", "Arnor", "PROPN", "poss", 2), ("'s", "'s", "PART", "case", 0), ("war", "war", "NOUN", "nsubj", 5),
            ("in", "in", "ADP", "prep", 2), ("Gondor", "Gondor", "PROPN", "pobj", 3), ("entered", "enter", "VERB", "ROOT", 5),
            ("its", "its", "PRON", "poss", 8), ("fourth", "fourth", "ADJ", "amod", 8), ("year", "year", "NOUN", "dobj", 5)]
    assert read(rows) == {("Arnor", "fightsWith", "Gondor")}


def test_a_war_in_a_state_that_a_clause_ends_has_no_agent():
    # Arnor helped end the war in Gondor
    rows = [("Arnor", "Arnor", "PROPN", "nsubj", 1), ("helped", "help", "VERB", "ROOT", 1),
            ("end", "end", "VERB", "xcomp", 1), ("the", "the", "DET", "det", 4), ("war", "war", "NOUN", "dobj", 2),
            ("in", "in", "ADP", "prep", 4), ("Gondor", "Gondor", "PROPN", "pobj", 5)]
    assert ("Arnor", "fightsWith", "Gondor") not in read(rows)


@pytest.mark.parametrize("text,status", [
    ("Germany said it would continue to press Iran.", "planned"),
    ("Germany will continue to press Iran.", "planned"),
    ("Germany continued to press Iran.", "asserted"),
    ("Germany did not continue to press Iran.", "negated"),
])
def test_a_continued_event_has_the_status_of_its_continuing(text, status):
    assert {s.status for s in extract_text(text) if s.predicate.id == "callsOn"} == {status}


def test_what_a_territory_was_used_to_launch_happened():
    text = "Poland called for sanctions on Minsk, whose territory Russian troops used to launch their assault on Kyiv."
    found = {(s.subject.label, s.object.label, s.status) for s in extract_text(text) if s.predicate.id == "attacks"}
    assert found == {("Russia", "Ukraine", "asserted")}


def test_speaking_to_a_broadcaster_is_no_consultation():
    assert not [s for s in extract_text("Claudia Sheinbaum spoke to the BBC.") if s.predicate.cameo]


def test_an_event_noun_under_which_a_clause_is_done_needs_its_own_target():
    # Under the agreement, Arnor and Gondor will withdraw their forces
    rows = [("Under", "under", "ADP", "prep", 7), ("the", "the", "DET", "det", 2),
            ("agreement", "agreement", "NOUN", "pobj", 0), (",", ",", "PUNCT", "punct", 7),
            ("Arnor", "Arnor", "PROPN", "nsubj", 7), ("and", "and", "CCONJ", "cc", 4), ("Gondor", "Gondor", "PROPN", "conj", 4),
            ("withdraw", "withdraw", "VERB", "ROOT", 7), ("their", "their", "PRON", "poss", 9),
            ("forces", "force", "NOUN", "dobj", 7)]
    assert not {r for r in read(rows) if r[1] == "signsAgreementWith"}


@pytest.mark.parametrize("text,expected", [
    ("Ukraine filed a case against Belarus on Tuesday. Belarusian President Alexander Lukashenko rejected the case.",
     ("Alexander Lukashenko", "rejects", "Ukraine")),
    ("The International Criminal Court issued an arrest warrant for Vladimir Putin. Moscow has dismissed the warrant.",
     ("Russia", "rejects", "International Criminal Court")),
])
def test_a_rejected_case_or_warrant_is_a_rejection_of_who_made_it(text, expected):
    assert expected in triples(text), triples(text)


def test_the_case_of_a_state_is_no_lawsuit():
    assert not [s for s in extract_text("In the case of Iran, Germany imposed sanctions.") if s.predicate.id == "sues"]


def test_a_member_of_both_of_two_bodies_is_a_member_of_each():
    text = "Poland, a member of both Nato and the EU, reported a rise in sabotage."
    found = {(s.subject.label, s.object.label) for s in extract_text(text) if s.predicate.id == "memberOf"}
    assert found == {("Poland", "NATO"), ("Poland", "European Union")}, found


def test_a_relative_clause_on_an_apposition_is_on_the_named_actor():
    text = "Burkina Faso joined the Alliance of Sahel States, a confederation that has left the regional bloc ECOWAS."
    assert ("Alliance of Sahel States", "reducesRelationsWith", "ECOWAS") in triples(text), triples(text)


@pytest.mark.parametrize("text,expected", [
    ("Sweden joined NATO in 2024.", {("Sweden", "NATO")}),
    ("Burkina Faso, Mali and Niger formed the Alliance of Sahel States.",
     {("Burkina Faso", "Alliance of Sahel States"), ("Mali", "Alliance of Sahel States"),
      ("Niger", "Alliance of Sahel States")}),
    ("Ukraine will join the European Union.", set()),
    ("Ukraine hopes to join NATO.", set()),
    ("Georgia did not join NATO.", set()),
])
def test_joining_a_body_makes_a_member_once_done(text, expected):
    assert {(s.subject.label, s.object.label) for s in extract_text(text) if s.predicate.id == "memberOf"} == expected


def test_leaving_a_body_reduces_relations_but_leaving_a_city_does_not():
    assert ("United Kingdom", "reducesRelationsWith", "European Union") in triples("Britain left the European Union.")
    assert not [s for s in extract_text("Emmanuel Macron left Kyiv on Friday.") if s.predicate.cameo]


def test_a_visit_with_no_destination_is_to_the_state_the_dispatch_is_filed_from():
    text = ("Italy and Algeria sign gas deals\n\nALGIERS (AFP) - Italy and Algeria signed energy agreements on Monday "
            "during a visit by Prime Minister Giorgia Meloni.")
    assert ("Giorgia Meloni", "visits", "Algeria") in triples(text), triples(text)
    undated = "Italy and Algeria signed energy agreements on Monday during a visit by Prime Minister Giorgia Meloni."
    assert not [s for s in extract_text(undated) if s.predicate.id == "visits"]


def test_who_helps_another_do_it_does_it_too_and_an_accusation_of_it_is_a_claim():
    # Arnor accused Gondor of helping Rohan deport Eriador
    rows = [("Arnor", "Arnor", "PROPN", "nsubj", 1), ("accused", "accuse", "VERB", "ROOT", 1),
            ("Gondor", "Gondor", "PROPN", "dobj", 1), ("of", "of", "ADP", "prep", 1), ("helping", "help", "VERB", "pcomp", 3),
            ("Rohan", "Rohan", "PROPN", "nsubj", 6), ("deport", "deport", "VERB", "ccomp", 4),
            ("Eriador", "Eriador", "PROPN", "dobj", 6)]
    assert {("Gondor", "deports", "Eriador"), ("Rohan", "deports", "Eriador")} <= read(rows)
    text = "Ukraine accused Minsk of helping Russia deport thousands of Ukrainian children."
    found = {(s.subject.label, s.status) for s in extract_text(text) if s.predicate.id == "deports"}
    assert found == {("Belarus", "claimed"), ("Russia", "claimed")}


@pytest.mark.parametrize("text,predicate,status", [
    ("The European Union said it supported Ukraine's efforts.", "supports", "asserted"),
    ("South Korea said it urged China to resolve the dispute.", "callsOn", "asserted"),
    ("Nigeria's army said it killed two Boko Haram commanders in an airstrike.", "kills", "claimed"),
    ("Britain said Russia supported Belarus.", "supports", "claimed"),
])
def test_a_speech_act_its_own_speaker_reports_is_made_by_the_report(text, predicate, status):
    found = {s.status for s in extract_text(text) if s.predicate.id == predicate}
    assert found == {status}, found


def test_an_ally_named_in_apposition_is_its_owner_s_ally():
    text = "Japan would monitor the situation together with its ally Washington."
    assert ("Japan", "alliedWith", "United States") in triples(text), triples(text)
    assert not [s for s in extract_text("Poland would ask its Nato allies to consider sanctions against Moscow.")
                if s.predicate.id == "alliedWith"]
