"""The knowledge files load, validate, and report every bad entry at once."""
import json

import pytest

from kg import lexicon
from kg.errors import KgError
from kg.statements.facts import appositions, roles
from kg.parse.normalise import substitutions
from kg.statements.relations import frames, predicates


def test_every_lexicon_loads():
    assert len(substitutions()) > 20
    assert len(frames()) > 30
    assert {"visits", "signsAgreementWith", "cutsTiesWith", "holdsPositionIn"} <= set(predicates())
    assert roles()["minister"]["predicate"] == "holdsPositionIn"
    assert {entry["predicate"] for entry in appositions().values()} <= set(predicates())


def test_frames_only_name_known_predicates_and_events_carry_codes():
    known = predicates()
    assert all(frame.predicate in known for frame in frames())
    for predicate in known.values():
        assert predicate.cameo is None or predicate.cameo.isdigit()
        assert predicate.wikidata is None or predicate.wikidata.startswith("P")
        assert predicate.kind in ("event", "fact", "uncoded") and not (predicate.kind != "event" and predicate.cameo)


def test_bad_entries_are_all_reported(tmp_path, monkeypatch):
    (tmp_path / "lexicon").mkdir()
    (tmp_path / "lexicon" / "bad.json").write_text(json.dumps(
        {"version": "1", "entries": [{"id": "a"}, {"id": "b", "match": "x"}]}), encoding="utf-8")
    monkeypatch.setattr(lexicon, "ONTOLOGIES", tmp_path)
    lexicon.load_json.cache_clear()
    try:
        with pytest.raises(KgError) as error:
            lexicon.load_json("lexicon/bad.json", required=("id", "match", "replace"))
        assert "entry 0 (a)" in str(error.value) and "entry 1 (b)" in str(error.value)
    finally:
        lexicon.load_json.cache_clear()


def test_every_predicate_is_declared_in_the_ontology():
    from rdflib import RDFS, Graph, Literal

    from kg.lexicon import ontology_path
    from kg.vocab import KGO

    ontology = Graph().parse(ontology_path("kg.ttl"))
    for name, predicate in predicates().items():
        assert (KGO[name], RDFS.label, Literal(predicate.label, lang="en")) in ontology, name
        if predicate.cameo:
            assert str(ontology.value(KGO[name], KGO.cameoCode)) == predicate.cameo, name


def test_a_typo_in_a_lexicon_key_is_refused_naming_file_and_place(tmp_path, monkeypatch):
    import json
    import shutil

    import kg.lexicon as lexicon
    from kg.errors import KgError

    shutil.copytree(lexicon.ONTOLOGIES / "schemas", tmp_path / "schemas")
    (tmp_path / "lexicon").mkdir()
    data = json.loads((lexicon.ONTOLOGIES / "lexicon" / "relations.json").read_text(encoding="utf-8"))
    data["verb_frames"][0]["objekt"] = data["verb_frames"][0].pop("object")
    (tmp_path / "lexicon" / "relations.json").write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(lexicon, "ONTOLOGIES", tmp_path)
    lexicon.load_json.cache_clear()
    try:
        with pytest.raises(KgError) as refused:
            lexicon.load_json("lexicon/relations.json")
    finally:
        lexicon.load_json.cache_clear()
    assert "relations.json: at verb_frames/0" in str(refused.value) and "'objekt'" in str(refused.value)


@pytest.mark.parametrize("name", ["relations", "events", "roles"])
def test_each_lexicon_with_a_schema_conforms(name):
    from kg.lexicon import load_json

    assert load_json(f"lexicon/{name}.json")["version"]


def test_every_confidence_is_in_one_table_and_used():
    import re
    from pathlib import Path

    from kg.lexicon import load_json

    table = load_json("lexicon/confidence.json")
    package = Path(__file__).resolve().parent.parent / "kg"
    code = "\n".join(p.read_text(encoding="utf-8") for p in package.rglob("*.py") if p.name != "model.py")  # a field default
    assert len(code) > 100_000, "the scan found no module"
    for name in table["start"]:
        assert f'"{name}"' in code, f"confidence '{name}' is not used"
    assert not re.search(r"confidence[^\n]*\b0\.\d+", code.replace("confidence.json", "")), "a confidence number in code"


def test_fact_patterns_name_known_predicates_and_types():
    from kg.statements.facts import patterns
    from kg.gazetteer import TYPES

    data = patterns()
    named = [o["predicate"] for o in data["owners"]] + [data[k]["predicate"] for k in ("based", "located", "colonies")]
    assert set(named) <= set(predicates())
    types = {t for o in data["owners"] for t in (o["owned"], o["owner"])} | set(data["located"]["inner"])
    assert types <= set(TYPES)
