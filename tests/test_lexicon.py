"""The knowledge files load, validate, and report every bad entry at once."""
import json

import pytest

from kg import lexicon
from kg.errors import KgError
from kg.statements.facts import appositions
from kg.statements.titles import roles
from kg.parse.normalise import substitutions
from kg.statements.frames import frames, predicates


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
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "bad.schema.json").write_text(
        (lexicon.ONTOLOGIES / "schemas" / "spinner.schema.json").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "lexicon" / "bad.json").write_text(json.dumps(
        {"version": "1", "entries": [{"id": "a"}, {"id": "b", "match": "x"}]}), encoding="utf-8")
    monkeypatch.setattr(lexicon, "ONTOLOGIES", tmp_path)
    lexicon.load_json.cache_clear()
    try:
        with pytest.raises(KgError) as error:
            lexicon.load_json("lexicon/bad.json")
        assert "at entries/0: 'match' is a required property" in str(error.value)
        assert "at entries/1: 'replace' is a required property" in str(error.value)
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
    assert "relations.json: at verb_frames/0: unknown key 'objekt' (did you mean 'object'?)" in str(refused.value), \
        str(refused.value)


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


KNOWLEDGE = sorted(str(p.relative_to(lexicon.ONTOLOGIES)) for folder in ("lexicon", "style")
                   for p in (lexicon.ONTOLOGIES / folder).glob("*.json"))
SCHEMAS = sorted((lexicon.ONTOLOGIES / "schemas").glob("*.schema.json"))
# a place in each file where the keys are fixed, below the top level: a typo there must be refused too
NESTED = {"lexicon/relations.json": ("verb_frames", 0), "lexicon/events.json": ("entries", 0),
          "lexicon/roles.json": ("appositions", 0), "lexicon/confidence.json": ("start",),
          "lexicon/contradiction.json": ("entries", 0), "lexicon/claims.json": ("entries", 0),
          "lexicon/spinner.json": ("entries", 0),
          "lexicon/noise.json": ("entries", 0), "lexicon/gazetteer.json": ("entities", 0),
          "lexicon/facts.json": ("based",), "style/cameo.json": ("fact",),
          "style/page.json": ("statuses", "denied"), "lexicon/coreference.json": ("ner_types",),
          "lexicon/modality.json": (), "lexicon/time.json": ("numbers",),
          "lexicon/merges.json": ("reasons", "alias"), "lexicon/figures.json": ("people", 0)}


def mutated_copy(tmp_path, monkeypatch, name: str, change) -> None:
    """ontologies/ copied to tmp_path with ``name`` changed by ``change(data)``, and kg pointed at the copy."""
    import shutil

    shutil.copytree(lexicon.ONTOLOGIES, tmp_path, dirs_exist_ok=True)
    data = json.loads((tmp_path / name).read_text(encoding="utf-8"))
    change(data)
    (tmp_path / name).write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(lexicon, "ONTOLOGIES", tmp_path)
    lexicon.load_json.cache_clear()


def refusal(name: str) -> str:
    try:
        with pytest.raises(KgError) as refused:
            lexicon.load_json(name)
    finally:
        lexicon.load_json.cache_clear()
    return str(refused.value)


def test_the_knowledge_files_and_schemas_are_the_ones_expected():
    assert len(KNOWLEDGE) >= 14 and set(KNOWLEDGE) == set(NESTED)
    stems = sorted(name.rsplit("/", 1)[1].removesuffix(".json") for name in KNOWLEDGE)
    schemas = sorted(p.name.removesuffix(".schema.json") for p in SCHEMAS)
    assert stems == schemas, "a knowledge file without schema, a schema without file, or two files of one name"


@pytest.mark.parametrize("name", KNOWLEDGE)
def test_every_knowledge_file_loads_and_validates(name):
    assert lexicon.load_json(name)["version"]


@pytest.mark.parametrize("schema", SCHEMAS, ids=lambda p: p.name)
def test_every_schema_is_valid_strict_and_versioned(schema):
    import jsonschema

    data = json.loads(schema.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(data)
    assert data["additionalProperties"] is False and "version" in data["required"]


@pytest.mark.parametrize("place", ["top", "nested"])
@pytest.mark.parametrize("name", KNOWLEDGE)
def test_an_unknown_key_is_refused_naming_file_and_key(tmp_path, monkeypatch, name, place):
    path = () if place == "top" else NESTED[name]
    if place == "nested" and not path:
        pytest.skip(f"{name} has fixed keys only at the top level")

    def add_key(data):
        for step in path:
            data = data[step]
        data["zz_typo"] = data[next(iter(data))] if data else 1

    mutated_copy(tmp_path, monkeypatch, name, add_key)
    message = refusal(name)
    where = "/".join(str(step) for step in path) or "top level"
    assert f"{name}: at {where}: " in message and "'zz_typo'" in message, message
    assert f"{name.rsplit('/', 1)[1].removesuffix('.json')}.schema.json" in message


def test_a_knowledge_file_without_schema_is_refused(tmp_path, monkeypatch):
    mutated_copy(tmp_path, monkeypatch, "lexicon/noise.json", lambda data: None)
    (tmp_path / "schemas" / "noise.schema.json").unlink()
    message = refusal("lexicon/noise.json")
    assert "lexicon/noise.json: no schema" in message and "schemas/noise.schema.json" in message


def test_a_wrong_key_of_an_open_map_is_refused_by_name(tmp_path, monkeypatch):
    mutated_copy(tmp_path, monkeypatch, "lexicon/gazetteer.json", lambda data: data["wikidata"].update(usa="Q30"))
    assert "at wikidata: key 'usa' is not allowed" in refusal("lexicon/gazetteer.json")


def test_the_schemas_name_the_types_and_statuses_of_the_model():
    from kg.gazetteer import TYPES
    from kg.model import STATUSES

    page = json.loads((lexicon.ONTOLOGIES / "schemas" / "page.schema.json").read_text(encoding="utf-8"))
    contradiction = json.loads((lexicon.ONTOLOGIES / "schemas" / "contradiction.schema.json").read_text("utf-8"))
    assert page["$defs"]["entity_type"]["enum"] == list(TYPES)
    assert page["$defs"]["status"]["enum"] == contradiction["$defs"]["status"]["enum"] == list(STATUSES)
