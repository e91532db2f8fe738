"""Explained, reversible merges: surface forms with reasons, kg merge / kg split, decisions on later builds."""
from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

import kg
from kg.graph.rdf import to_rdflib
from kg.store import decisions
from kg.store.backend import open_snapshot
from kg.store.rewrite import DECISIONS, read

from conftest import FIXTURES, run_kg

CORPUS = FIXTURES / "multi" / "articles.jsonl"
MOROCCO = "https://w3id.org/kgnews/resource/country/MAR"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("merges") / "store"
    list(kg.store_articles([CORPUS], path))
    return path


@pytest.fixture
def store(built, tmp_path) -> Path:
    """A fresh copy of the corpus store for each test."""
    return Path(shutil.copytree(built, tmp_path / "store"))


def article_quads(path: Path) -> Graph:
    """Every stored triple but the decisions' (article graphs and the merged default graph), as one rdflib graph."""
    store = ox.Store.read_only(str(path))
    graph = Graph()
    for quad in store.quads_for_pattern(None, None, None, None):
        if quad.graph_name != ox.NamedNode(str(DECISIONS)):
            graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    return graph


def per_graph(path: Path) -> dict[str, set]:
    store = ox.Store.read_only(str(path))
    found: dict[str, set] = {}
    for quad in store.quads_for_pattern(None, None, None, None):
        found.setdefault(str(quad.graph_name), set()).add(quad.triple)
    found.pop(str(ox.NamedNode(str(DECISIONS))), None)
    return found


def forms_of(path: Path, iri: str) -> set[tuple[str, str, str]]:
    entity = next(e for e in kg.entity_forms(open_snapshot(path).dataset()) if e.iri == iri)
    return {(f.form, f.reason, f.article) for f in entity.forms}


def test_forms_are_listed_with_their_reason_and_sentence(built):
    entity = next(e for e in kg.entity_forms(open_snapshot(built).dataset()) if e.iri == MOROCCO)
    rabat = [f for f in entity.forms if f.form == "Rabat" and f.article == "m03"]
    assert rabat and rabat[0].reason == "capital" and rabat[0].sentence == \
        "Israeli Defence Minister Benny Gantz visited Rabat."
    assert {("Moroccan", "demonym", "m14"), ("it", "coreference", "m06")} <= forms_of(built, MOROCCO)


def test_a_merge_then_a_split_gives_back_exactly_the_graph_before(store):
    before, graphs = article_quads(store), per_graph(store)
    decision, changed = kg.merge(store, "Algeria", "Polisario Front")
    assert changed == 2 and decision.other.endswith("organization/polisario-front")
    merged = article_quads(store)
    assert not isomorphic(before, merged)
    rows = kg.run_query(open_snapshot(store).dataset(), "SELECT ?s WHERE { ?s kgo:claimsSovereigntyOver ?o }")
    assert {str(r.s).rsplit("/", 1)[1] for r in rows} == {"MAR", "DZA"}
    assert ("Polisario Front", "analyst", "") in forms_of(store, decision.entity)
    kg.split(store, "Algeria", "Polisario Front")
    assert isomorphic(before, article_quads(store))
    assert per_graph(store) == graphs


def test_decisions_are_applied_to_articles_stored_later(tmp_path):
    lines = CORPUS.read_text(encoding="utf-8").splitlines(keepends=True)
    first, rest = tmp_path / "first.jsonl", tmp_path / "rest.jsonl"
    first.write_text("".join(lines[:6]), encoding="utf-8")
    rest.write_text("".join(lines[6:]), encoding="utf-8")
    later, whole = tmp_path / "later", tmp_path / "whole"
    list(kg.store_articles([first], later))
    kg.merge(later, "Algeria", "Polisario Front")
    list(kg.store_articles([rest], later))
    list(kg.store_articles([first, rest], whole))
    kg.merge(whole, "Algeria", "Polisario Front")
    assert per_graph(later) == per_graph(whole)
    assert isomorphic(article_quads(later), article_quads(whole))


def test_splitting_an_extracted_form_gives_it_its_own_entity(store):
    kg.split(store, "Morocco", "Rabat")
    rows = kg.run_query(open_snapshot(store).dataset(), "SELECT ?o WHERE { ?s kgo:visits ?o ; rdfs:label 'Benny Gantz' }")
    assert {str(r.o) for r in rows} == {"https://w3id.org/kgnews/resource/place/rabat"}
    assert not {f for f in forms_of(store, MOROCCO) if f[0] == "Rabat"}
    assert [d.action for d in read(open_snapshot(store).inner)] == ["split"]


def test_a_split_reads_only_what_it_changes_and_gives_what_reading_whole_graphs_gave(built, store, tmp_path,
                                                                                     monkeypatch):
    whole = Path(shutil.copytree(store, tmp_path / "whole"))
    splits = [("Morocco", "Rabat"), ("Morocco", "Moroccan"), ("Morocco", "it")]
    for entity, form in splits:
        kg.split(store, entity, form)
    monkeypatch.setattr(decisions, "view", lambda inner, graph, _: list(inner.quads_for_pattern(None, None, None, graph)))
    for entity, form in splits:
        kg.split(whole, entity, form)
    assert per_graph(store) == per_graph(whole) != per_graph(built)
    assert isomorphic(article_quads(store), article_quads(whole))


def test_bad_merges_and_splits_are_refused(store):
    with pytest.raises(kg.KgError, match="no entity in the store is named 'Atlantis'"):
        kg.merge(store, "Morocco", "Atlantis")
    with pytest.raises(kg.KgError, match="same entity"):
        kg.merge(store, "Morocco", "Kingdom of Morocco")
    with pytest.raises(kg.KgError, match="is not a surface form"):
        kg.split(store, "Morocco", "Paris")


def test_cli_lists_entities_and_records_a_merge(store):
    done = run_kg("merge", "Algeria", "Polisario Front", "--store", str(store))
    assert done.returncode == 0 and "in 2 article graph(s)" in done.stderr
    listed = run_kg("entities", "--store", str(store), "--merged")
    assert "Algeria (Country)" in listed.stdout and "'Polisario Front'" in listed.stdout and "analyst" in listed.stdout
    extracted = run_kg("entities", str(CORPUS), "--merged", "--format", "json")
    assert extracted.returncode == 0 and '"form": "Rabat"' in extracted.stdout and '"reason": "capital"' in extracted.stdout
    bad = run_kg("split", "Algeria", "Nowhere", "--store", str(store))
    assert bad.returncode == 2 and bad.stderr.startswith("kg: error: 'Nowhere' is not a surface form")
