"""The project's own development set (tests/devset): its shape, the scorer's rules, and floors the extractor
must keep. Floors sit a little under the figures measured on main; raise them as the extractor improves.
fresh.jsonl was first scored on main 26a3e59 (recall 0.81, precision 0.985) before anyone tuned on it."""
from __future__ import annotations

from datetime import date

import pytest

from devset import score
from kg.gazetteer import load_gazetteer

ROOTS = {f"{n:02d}" for n in range(1, 21)}
CONSTRUCTIONS = ("passive", "coordination", "coordinated_verbs", "control_raising", "object_control",
                 "relative_participial", "apposition", "reporting", "nominal", "titles_demonyms", "negation",
                 "denial", "future", "dateline", "long_wire", "noevents")
CATEGORIES = {f"root{root}" for root in ROOTS} | set(CONSTRUCTIONS)
SETS = {"dev": score.SET, "fresh": score.FRESH}
FLOORS = {
    "dev": {"recall": 0.87, "precision": 0.95, "root_accuracy": 0.94, "status_accuracy": 0.95},
    "fresh": {"recall": 0.77, "precision": 0.95, "root_accuracy": 0.87, "status_accuracy": 0.93},
}
MAX_NOEVENT_PAIRS = 1
CATEGORY_RECALL = {  # dev set, measured minus about one sentence's worth; categories still near 0 have no floor yet
    "root01": 0.45, "root02": 0.8, "root03": 0.65, "root04": 0.8, "root05": 0.65, "root06": 0.8, "root07": 0.8,
    "root08": 0.45, "root09": 0.6, "root10": 0.45, "root11": 0.65, "root12": 0.8, "root13": 0.8, "root14": 0.8,
    "root15": 0.4, "root16": 0.65, "root17": 0.8, "root18": 0.8, "root19": 0.8, "root20": 0.6, "passive": 0.8,
    "coordination": 0.7, "coordinated_verbs": 0.8, "control_raising": 0.65, "object_control": 0.8,
    "relative_participial": 0.8, "apposition": 0.8, "reporting": 0.55, "nominal": 0.7, "titles_demonyms": 0.8,
    "negation": 0.8, "denial": 0.8, "future": 0.8, "dateline": 0.65, "long_wire": 0.5,
}


@pytest.fixture(scope="module")
def records() -> dict[str, list[score.Record]]:
    return {name: score.load(path) for name, path in SETS.items()}


@pytest.fixture(scope="module")
def outcomes(records) -> dict[str, list[score.Outcome]]:
    return {name: score.run(found) for name, found in records.items()}


def test_dev_set_has_150_sentences_and_several_of_each_category(records):
    dev = records["dev"]
    assert len(dev) >= 150
    assert {r.category for r in dev} == CATEGORIES
    assert all(sum(r.category == c for r in dev) >= 5 for c in CATEGORIES)


@pytest.mark.parametrize("name", SETS)
def test_set_covers_every_cameo_root_and_category_with_unique_sentences(records, name):
    found = records[name]
    assert {g.root for r in found for g in r.gold} == ROOTS
    assert {r.category for r in found} == CATEGORIES
    assert len({r.id for r in found}) == len({r.text for r in found}) == len(found)


def test_sets_share_no_sentence(records):
    assert {r.text for r in records["dev"]} & {r.text for r in records["fresh"]} == set()


@pytest.mark.parametrize("name", SETS)
def test_noevent_sentences_have_no_gold_and_the_others_do(records, name):
    assert sum(r.noevents for r in records[name]) >= (15 if name == "dev" else 8)
    assert all(r.noevents == (not r.gold) for r in records[name])


@pytest.mark.parametrize("name", SETS)
def test_gold_uses_kg_canonical_labels(records, name):
    gazetteer = load_gazetteer()
    labels = {label for r in records[name] for g in r.gold for label in (*g.subjects, *g.objects)}
    known = {alias.lower(): gazetteer.entities[key].label.lower() for alias, key in gazetteer.names.items()}
    assert {label for label in labels if known.get(label, label) != label} == set()


@pytest.mark.parametrize("name", SETS)
def test_overall_floors(outcomes, name):
    figures = score.summary(outcomes[name])
    floors = FLOORS[name]
    assert {figure: figures[figure] for figure in floors if figures[figure] < floors[figure]} == {}
    assert figures["noevent_pairs"] <= MAX_NOEVENT_PAIRS


def test_dev_category_recall_floors(outcomes):
    recall = {category: f.recall for category, f in score.by_category(outcomes["dev"]).items()}
    assert {c: round(recall[c], 2) for c, floor in CATEGORY_RECALL.items() if recall[c] < floor} == {}


def record(*gold: score.Gold) -> score.Record:
    return score.Record("x", date(2024, 1, 1), "text", "root19", gold, not gold)


def gold(subject: str, object_: str, root: str = "19", status: str = "asserted", symmetric: bool = False):
    return score.Gold(frozenset({subject}), frozenset({object_}), root, status, symmetric)


def test_symmetric_gold_matches_either_direction_directed_only_its_own():
    outcome = score.judge(record(gold("india", "china", symmetric=True), gold("russia", "ukraine")),
                          (score.Event("china", "india", "19", "asserted"),
                           score.Event("ukraine", "russia", "19", "asserted")))
    assert outcome.found == (True, False)
    assert outcome.wrong == (("ukraine", "russia"),)


def test_root_and_status_are_scored_apart_from_the_pair():
    outcome = score.judge(record(gold("iran", "israel", "13", "planned")),
                          (score.Event("iran", "israel", "19", "asserted"),))
    assert (outcome.found, outcome.root_ok, outcome.status_ok) == ((True,), (False,), (False,))


def test_negated_output_counts_for_precision_only_when_the_gold_says_negated():
    events = (score.Event("turkey", "russia", "16", "negated"),)
    assert score.judge(record(gold("turkey", "russia", "16")), events).pairs == ()
    assert score.judge(record(gold("turkey", "russia", "16", "negated")), events).pairs == (("turkey", "russia"),)
    assert score.judge(record(), (score.Event("spain", "england", "19", "asserted"),)).wrong == (("spain", "england"),)


def test_figures_count_recall_precision_and_noevent_pairs():
    outcomes = [score.judge(record(gold("a", "b")), (score.Event("a", "b", "19", "asserted"),)),
                score.judge(record(gold("c", "d")), ()),
                score.judge(record(), (score.Event("e", "f", "04", "asserted"),))]
    figures = score.summary(outcomes)
    assert (figures["recall"], figures["precision"], figures["noevent_pairs"]) == (0.5, 0.5, 1)


WIRE = score.SET.with_name("wire_sentences.jsonl")  # issue 15's constructions of wire copy, and two held-out batches
WIRE_FLOORS = {"recall": 0.85, "precision": 0.9, "root_accuracy": 0.93, "status_accuracy": 0.93}
WIRE_MAX_NOEVENT_PAIRS = 4  # 'Chilean tourists', 'Myanmar rebels', 'the coast guard', 'Latin American': actors, not events


@pytest.fixture(scope="module")
def wire() -> list[score.Record]:
    return score.load(WIRE)


def test_wire_set_is_its_own_and_uses_canonical_labels(records, wire):
    assert len(wire) >= 60 and sum(r.noevents for r in wire) >= 10
    assert all(r.noevents == (not r.gold) for r in wire)
    assert len({r.id for r in wire}) == len({r.text for r in wire}) == len(wire)
    assert {r.text for r in wire} & {r.text for name in SETS for r in records[name]} == set()
    gazetteer = load_gazetteer()
    labels = {label for r in wire for g in r.gold for label in (*g.subjects, *g.objects)}
    known = {alias.lower(): gazetteer.entities[key].label.lower() for alias, key in gazetteer.names.items()}
    assert {label for label in labels if known.get(label, label) != label} == set()


def test_wire_set_floors(wire):
    figures = score.summary(score.run(wire))
    assert {f: figures[f] for f in WIRE_FLOORS if figures[f] < WIRE_FLOORS[f]} == {}
    assert figures["noevent_pairs"] <= WIRE_MAX_NOEVENT_PAIRS
