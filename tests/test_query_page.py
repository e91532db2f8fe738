"""kg query NAME --page: the subgraph a named query returns, as a page titled with the query and its parameters."""
from __future__ import annotations

import re

import pytest
from rdflib import RDF, RDFS
from rdflib.namespace import PROV

import kg
from kg.store.backend import open_snapshot
from kg.store.named_queries import named_queries
from kg.vocab import KGO

from conftest import FIXTURES, run_kg

CORPUS = FIXTURES / "multi" / "articles.jsonl"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("page") / "store"
    list(kg.store_articles([CORPUS], path))
    return path


@pytest.fixture(scope="module")
def dataset(store):
    return open_snapshot(store).dataset()  # read-only: the command line opens the store beside it


def statements(graph) -> set[tuple[str, str]]:
    """(subject label, article id) of every statement in the graph."""
    return {(str(graph.value(graph.value(st, RDF.subject), RDFS.label)),
             str(graph.value(graph.value(st, PROV.wasDerivedFrom), KGO.articleId)))
            for st in graph.subjects(RDF.type, KGO.Statement)}


def test_a_select_gives_the_statements_its_rows_name(dataset):
    sub = kg.query_subgraph(dataset, "contradictions")
    rows = list(kg.run_query(dataset, named_queries()["contradictions"].text))
    named = {(str(r.subject), str(r.article)) for r in rows} | {(str(r.otherSubject), str(r.otherArticle)) for r in rows}
    assert statements(sub) == named
    assert len(set(sub.subjects(RDF.type, KGO.Statement))) < len(set(dataset.subjects(RDF.type, KGO.Statement)))


def test_an_entity_query_keeps_only_that_entitys_relations(dataset):
    sub = kg.query_subgraph(dataset, "relations-of", ["entity=spain"])
    ends = {str(sub.value(st, p)).rsplit("/", 1)[1] for st in sub.subjects(RDF.type, KGO.Statement)
            for p in (RDF.subject, RDF.object)}
    assert "ESH" in ends and all(
        "ESP" in {str(sub.value(st, p)).rsplit("/", 1)[1] for p in (RDF.subject, RDF.object)}
        for st in sub.subjects(RDF.type, KGO.Statement))


def test_a_construct_gives_its_graph_and_the_statements_it_links(dataset):
    sub = kg.query_subgraph(dataset, "corroboration")
    assert set(sub.subjects(RDF.type, KGO.Corroboration))
    linked = set(sub.objects(None, KGO.supportedBy)) | set(sub.objects(None, KGO.opposedBy))
    assert linked and linked <= set(sub.subjects(RDF.type, KGO.Statement))


def test_the_page_is_titled_with_the_query_and_its_parameters(dataset):
    page = kg.render_query_page(dataset, "relations-of", ["entity=Western Sahara"])
    title = re.search(r"<title>(.*?)</title>", page)[1]
    assert re.fullmatch(r"kg query relations-of --param entity=Western Sahara: \d+ statements", title)
    assert "Western Sahara" in page and "Benny Gantz" not in page


def test_cli_writes_the_page_and_refuses_an_ask(store, tmp_path):
    out = tmp_path / "view.html"
    done = run_kg("query", "contradictions", "--store", str(store), "--page", str(out))
    assert done.returncode == 0, done.stderr
    assert "<title>kg query contradictions: " in out.read_text(encoding="utf-8")
    bad = run_kg("query", "ASK { ?s ?p ?o }", "--store", str(store), "--page", str(tmp_path / "no.html"))
    assert bad.returncode == 2 and "names no graph" in bad.stderr and not (tmp_path / "no.html").exists()
