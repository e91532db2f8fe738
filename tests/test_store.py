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


def test_select_answers_read_in_bulk_give_the_same_terms():
    """A SELECT's answer read as one block of TSV gives the terms Oxigraph's own objects give, however odd."""
    from kg.store.oxstore import table, to_rdflib

    xsd = "http://www.w3.org/2001/XMLSchema#"
    typed = [("12", "integer"), ("-3.50", "decimal"), ("1.5E3", "double"), ("INF", "double"), ("true", "boolean"),
             ("007", "integer"), ("5", "nonNegativeInteger"), ("2021-11-23", "date"), (".5", "decimal")]
    values = [pyoxigraph.Literal('tab\there "q" back\\slash \n\r \u2028 \x85 \x0c \x01 é 😀 \\u0041'),
              pyoxigraph.Literal("x", language="en-GB"), pyoxigraph.Literal(""), pyoxigraph.BlankNode("b1"),
              pyoxigraph.NamedNode("http://ex.org/a?b=c#d%20é"),
              *(pyoxigraph.Literal(v, datatype=pyoxigraph.NamedNode(xsd + t)) for v, t in typed)]
    store = pyoxigraph.Store()
    for i, value in enumerate(values):
        store.add(pyoxigraph.Quad(pyoxigraph.NamedNode(f"http://ex.org/s{i}"), pyoxigraph.NamedNode("http://ex.org/p"),
                                  value, pyoxigraph.DefaultGraph()))
    query = "SELECT ?s ?o ?unbound WHERE { ?s ?p ?o OPTIONAL { ?s <http://ex.org/none> ?unbound } } ORDER BY ?s"
    expected = [tuple(to_rdflib(v) for v in solution) for solution in store.query(query)]
    found = table(store.query(query))
    assert [(str(v), repr(v)) for row in found.rows for v in row] == [(str(v), repr(v)) for row in expected for v in row]
    assert len(found) == len(values) and [list(row) for row in found] == [list(row) for row in expected]
    assert found.bindings[0][found.vars[1]] == expected[0][1] and list(table(store.query("SELECT * WHERE {}"))) == [()]
