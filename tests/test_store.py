"""kg build --store: a persistent Oxigraph store that merges articles, skips repeats and removes articles."""
from __future__ import annotations

import csv
import io
import json

import pyoxigraph
import pytest

from kg.iri import article_iri

from conftest import PUBLISHED, SEED, run_kg

OTHER = ("Spain signed an agreement with Morocco on Monday, officials in Madrid said.\n\n"
         "Algeria accused Spain of betraying the Sahrawi people.\n")
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def count(store) -> int:
    result = run_kg("query", "--store", store, COUNT, "--format", "csv")
    assert result.returncode == 0, result.stderr
    return int(result.stdout.splitlines()[1])


def build(store, *files) -> str:
    result = run_kg("build", *files, "--published", PUBLISHED.isoformat(), "--store", store)
    assert result.returncode == 0, result.stderr
    return result.stderr


@pytest.fixture(scope="module")
def other(tmp_path_factory):
    path = tmp_path_factory.mktemp("articles") / "spain.txt"
    path.write_text(OTHER, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    store = tmp_path_factory.mktemp("store") / "kg"
    build(store, SEED)
    return store, count(store)


def test_building_twice_changes_nothing(seeded):
    store, triples = seeded
    log = build(store, SEED)
    assert "0 added, 1 unchanged" in log
    assert count(store) == triples


def test_store_and_files_hold_the_same_graph(seeded, tmp_path):
    store, triples = seeded
    assert run_kg("build", SEED, "--published", PUBLISHED.isoformat(), "--out", tmp_path).returncode == 0
    for fmt in ("trig", "nquads"):
        from_store = run_kg("export", "--store", store, "--format", fmt).stdout
        assert from_store == run_kg("export", tmp_path / "graph.trig", "--format", fmt).stdout
    assert len(run_kg("export", "--store", store, "--format", "nquads").stdout.splitlines()) == triples


def test_articles_merge_and_remove(seeded, other, tmp_path):
    store = tmp_path / "kg"
    build(store, SEED)
    alone = count(store)
    build(store, other)
    assert count(store) > alone
    morocco = run_kg("query", "--store", store, 'SELECT ?e WHERE { ?e rdfs:label "Morocco" }',
                     "--format", "csv").stdout.splitlines()[1:]
    assert len(morocco) == 1
    relations = run_kg("query", "--store", store, "relations-of", "-p", "entity=Morocco", "--format", "csv")
    articles = {row["article"] for row in csv.DictReader(io.StringIO(relations.stdout))}
    assert len(articles) == 2
    listed = run_kg("query", "--store", store, "articles", "--format", "csv").stdout
    article_id = next(line.split(",")[0] for line in listed.splitlines()[1:] if line.startswith("spain"))
    removed = run_kg("remove", article_id, "--store", store)
    assert removed.returncode == 0, removed.stderr
    assert count(store) == alone
    again = run_kg("remove", article_id, "--store", store)
    assert again.returncode == 2 and "not in the store" in again.stderr
    assert len(again.stderr.strip().splitlines()) == 1


def test_a_changed_article_is_refused_until_the_stored_one_is_removed(tmp_path):
    store, corpus = tmp_path / "kg", tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": "a1", "text": OTHER}) + "\n", encoding="utf-8")
    build(store, corpus)
    first = count(store)
    corpus.write_text(json.dumps({"id": "a1", "text": OTHER.replace("Monday", "Tuesday")}) + "\n", encoding="utf-8")
    refused = run_kg("build", corpus, "--store", store)
    assert refused.returncode == 2 and "already in the store for another article" in refused.stderr
    assert count(store) == first
    assert run_kg("remove", "a1", "--store", store).returncode == 0
    assert "1 added" in build(store, corpus)
    assert [g.value for g in pyoxigraph.Store.read_only(str(store)).named_graphs()] == [str(article_iri("a1"))]
    assert abs(count(store) - first) < 5


@pytest.mark.parametrize("make,command,message", [
    (lambda p: p.write_text("not a store"), "build", "is a file"),
    (lambda p: p.mkdir(), "query", "no such graph file or store"),
])
def test_bad_store_paths(tmp_path, make, command, message):
    path = tmp_path / "x"
    make(path)
    result = run_kg(command, SEED if command == "build" else COUNT, "--store", path)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_out_and_store_together_is_refused(tmp_path):
    result = run_kg("build", SEED, "--store", tmp_path / "s", "--out", tmp_path / "o")
    assert result.returncode == 2 and "--out and --store" in result.stderr
