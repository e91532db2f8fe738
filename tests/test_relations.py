"""Relation and event rules, one family at a time, on sentences other than the seed's."""
import pytest

from conftest import extract_text, triples

CASES = [
    # verb frames, passive and coordination
    ("Russia invaded Ukraine in February 2022.", ("Russia", "attacks", "Ukraine")),
    ("Egypt and Sudan signed a defence pact in Cairo last week.", ("Egypt", "signsAgreementWith", "Sudan")),
    ("The United States imposed sanctions on North Korea.", ("United States", "sanctions", "North Korea")),
    ("Venezuela severed ties with Colombia in 2019.", ("Venezuela", "cutsTiesWith", "Colombia")),
    ("Ethiopia accused Egypt of backing rebels.", ("Ethiopia", "accuses", "Egypt")),
    ("Moscow has long backed the Assad regime in Syria.", ("Russia", "supports", "Bashar al-Assad")),
    ("Lockheed Martin, which is based in Bethesda, did not respond.",
     ("Lockheed Martin", "headquarteredIn", "Bethesda")),
    ("Beijing considers Taiwan part of its territory.", ("China", "claimsSovereigntyOver", "Taiwan")),
    # relative clauses and metonymy
    ("Tensions rose between Peru and Chile, which backs the Andean Community.",
     ("Chile", "supports", "Andean Community")),
    ("Kenya's President William Ruto said Nairobi would restore diplomatic relations with Somalia.",
     ("Kenya", "normalisesRelationsWith", "Somalia")),
    # nominal frames, light verbs and nominalisations
    ("It was the first visit by an Egyptian leader to Turkey in more than a decade.", ("Egypt", "visits", "Turkey")),
    ("Germany's Chancellor Olaf Scholz praised Poland for its support of Ukraine.", ("Poland", "supports", "Ukraine")),
    ("The Saudi-led coalition launched airstrikes on Yemen.", ("Saudi Arabia", "attacks", "Yemen")),
    ("Tensions have flared between Serbia and Kosovo.", ("Serbia", "hasTensionsWith", "Kosovo")),
    ("Ethiopia accused Egypt of backing rebels, an accusation rejected by Cairo.",
     ("Egypt", "deniesAccusationBy", "Ethiopia")),
    # hyphen compounds
    ("The Qatar-brokered deal between Israel and Hamas was announced on Wednesday.",
     ("Qatar", "mediatesBetween", "Hamas")),
    ("Iran-backed Hezbollah fired rockets at Israel.", ("Iran", "supports", "Hezbollah")),
    # the two X
    ("Erdogan hosted Egyptian President Abdel Fattah al-Sisi. The two leaders signed a joint declaration.",
     ("Abdel Fattah al-Sisi", "signsAgreementWith", "Recep Tayyip Erdogan")),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_frame(text, expected):
    found = triples(extract_text(text))
    subject, predicate, obj = expected
    assert (subject, predicate, obj) in found or (
        predicate in ("signsAgreementWith", "hasTensionsWith") and (obj, predicate, subject) in found), found


FACTS = [
    ("French President Emmanuel Macron visited Beijing.", ("Emmanuel Macron", "holdsPositionIn", "France")),
    ("Polisario head Brahim Ghali said the movement would fight.", ("Brahim Ghali", "leads", "Polisario Front")),
    ("Chinese Defence Ministry spokesman Wu Qian warned Taipei.", ("Wu Qian", "holdsPositionIn",
                                                                   "Chinese Defence Ministry")),
    ("Hasan Ozertem, an analyst at the Ankara-based Center for Strategic Studies, said so.",
     ("Center for Strategic Studies", "headquarteredIn", "Ankara")),
    ("Poland, a member of NATO, has supplied Kyiv with tanks.", ("Poland", "memberOf", "NATO")),
    ("Last month, Israel's Ratio Petroleum announced a deal with Rabat.", ("Ratio Petroleum", "belongsToCountry",
                                                                           "Israel")),
    ("Investors fled Dakhla in Western Sahara.", ("Dakhla", "locatedIn", "Western Sahara")),
]


@pytest.mark.parametrize("text,expected", FACTS, ids=[c[0][:40] for c in FACTS])
def test_fact(text, expected):
    assert expected in triples(extract_text(text))


def test_former_titles():
    [statement] = [s for s in extract_text("Former Japanese Prime Minister Shinzo Abe was killed in 2022.")
                   if s.predicate.id == "holdsPositionIn"]
    assert (statement.object.label, statement.status, statement.time, statement.role) == (
        "Japan", "former", None, "Prime Minister")


def test_no_relation_without_two_entities():
    assert extract_text("The talks were described as constructive by everyone present.") == ()


def test_spun_sentence_is_read_as_its_original():
    found = triples(extract_text("Peru lowered diplomatic ties with Chile, the supply stated."))
    assert ("Peru", "cutsTiesWith", "Chile") in found


@pytest.mark.parametrize("text,expected", [
    ("Russia sold S-400 systems to Turkey.", ("Russia", "supplies", "Turkey")),
    ("Israel's NSO Group developed Pegasus spyware.", ("Pegasus", "madeBy", "NSO Group")),
    ("Turkey builds Bayraktar TB2 drones.", ("Bayraktar TB2", "madeBy", "Turkey")),
    ("Kyiv was attacked by Russian drones overnight.", ("Russia", "attacks", "Ukraine")),
    ("A deal signed by Sudan and South Sudan in 2012 ended the dispute.", ("Sudan", "signsAgreementWith",
                                                                          "South Sudan")),
])
def test_products_passives_and_participles(text, expected):
    assert expected in triples(extract_text(text))
