"""Corroboration and contradiction across articles, on the own multi-article corpus (tests/fixtures/multi)."""
from __future__ import annotations

import io
import json
import textwrap
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, XSD

import kg
from kg.explore.corroborate import (Summary, contradictions, corroboration, exclusive_predicates, exclusive_rules,
                                    exclusive_values, status_list, summary)
from kg.store.named_queries import named_queries
from kg.store.query import run_query
from kg.vocab import KGO

from conftest import FIXTURES, run_kg

CORPUS = FIXTURES / "multi" / "articles.jsonl"
EXPECTED = json.loads((FIXTURES / "multi" / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def results():
    return kg.extract_files([CORPUS])


@pytest.fixture(scope="module")
def graph_file(results, tmp_path_factory):
    """The corpus as kg build writes it (graph.trig), read back as kg query reads a file."""
    path = tmp_path_factory.mktemp("multi") / "graph.trig"
    path.write_text(kg.to_dataset(results).serialize(format="trig"), encoding="utf-8")
    return kg.open_dataset(path)


@pytest.fixture(scope="module")
def store_dataset(results, tmp_path_factory):
    path = tmp_path_factory.mktemp("multi") / "store"
    list(kg.store_articles([CORPUS], path))
    return kg.open_store(path).dataset()


@pytest.fixture(params=["file", "store"])
def dataset(request, graph_file, store_dataset):
    """The corpus as an rdflib dataset (rdflib's engine) and as an Oxigraph store (its own engine)."""
    return graph_file if request.param == "file" else store_dataset


def relation_rows(dataset, query: str) -> dict[tuple[str, str, str], dict]:
    labels = {str(r[0]): str(r[1]) for r in run_query(dataset, "SELECT ?p ?l WHERE { ?p a owl:ObjectProperty ; rdfs:label ?l }")}
    found = {}
    for row in run_query(dataset, named_queries()[query].text):
        name = next(k.rsplit("#", 1)[1] for k, v in labels.items() if v == str(row.relation))
        found[(str(row.subject), name, str(row.object))] = row
    return found


def test_source_counts_dates_and_articles_are_exact(dataset):
    rows = relation_rows(dataset, "corroborated") | relation_rows(dataset, "single-source")
    for expected in EXPECTED["relations"]:
        row = rows[tuple(expected["relation"])]
        assert int(row.sources) == expected["sources"], expected
        assert sorted(str(row.articleIds).split()) == expected["articles"], expected
        assert int(row.articles) == len(expected["articles"]) and int(row.against) == expected["against"], expected
        assert (str(row.firstSeen), str(row.lastSeen)) == (expected["first"], expected["last"]), expected


def test_corroborated_and_single_source_split_by_independent_sources(dataset):
    corroborated, single = relation_rows(dataset, "corroborated"), relation_rows(dataset, "single-source")
    assert corroborated and single and not set(corroborated) & set(single)
    assert all(int(r.sources) >= 2 for r in corroborated.values()) and all(int(r.sources) == 1 for r in single.values())
    # two articles of one domain (www. or not) are one source; a publisher named in two cases is one source
    assert int(single[("Polisario Front", "claimsSovereigntyOver", "Western Sahara")].articles) == 2
    assert int(corroborated[("Morocco", "claimsSovereigntyOver", "Western Sahara")].sources) == 2


def test_confidence_grows_with_sources_and_falls_with_opposition(dataset):
    rows = relation_rows(dataset, "corroborated") | relation_rows(dataset, "single-source")
    confidence = {key: float(row.confidence) for key, row in rows.items()}
    one = confidence[("Algeria", "criticises", "Morocco")]  # one source, unopposed
    assert confidence[("Algeria", "criticises", "Spain")] > one  # two sources
    assert confidence[("Spain", "recognisesSovereigntyOver", "Western Sahara")] < one  # one source, one negation
    assert confidence[("Aziz Akhannouch", "holdsPositionIn", "Morocco")] > confidence[("Benny Gantz", "holdsPositionIn", "Israel")]


def key(kind, subject, relation, obj, article, other, other_article):
    return kind, relation, obj, frozenset({(subject, article), (other, other_article)})


def test_every_expected_contradiction_is_found_and_no_other(dataset):
    found = [key(c.kind, c.subject, c.relation, c.object, c.article, c.other_subject, c.other_article)
             for c in contradictions(dataset)]
    assert len(found) == len(set(found))
    assert set(found) == {key(*row) for row in EXPECTED["contradictions"]}


def test_a_change_of_office_is_no_contradiction(dataset):
    """Othmani as prime minister before he is called former, and Akhannouch after him, agree with the record."""
    offices = [c for c in contradictions(dataset) if c.relation == "holds position in"]
    pairs = {(c.article, c.other_article) for c in offices} | {(c.other_article, c.article) for c in offices}
    assert ("m08", "m06") in pairs
    assert ("m01", "m06") not in pairs and ("m01", "m02") not in pairs
    assert not {("m03", "m04"), ("m07", "m10")} & pairs  # one holder named twice; two offices of two states


def test_corroboration_nodes_link_their_statements(dataset):
    nodes = corroboration(dataset)
    agreement = next(n for n in nodes.subjects(RDF.type, KGO.Corroboration)
                     if nodes.value(n, RDF.predicate) == KGO.signsAgreementWith)
    assert int(nodes.value(agreement, KGO.sourceCount)) == 3 and int(nodes.value(agreement, KGO.opposingSourceCount)) == 1
    assert len(set(nodes.objects(agreement, KGO.supportedBy))) == 4 and len(set(nodes.objects(agreement, KGO.opposedBy))) == 1
    assert str(agreement).startswith("https://w3id.org/kgnews/resource/relation/")


def test_both_engines_derive_the_same_nodes(graph_file, store_dataset):
    def plain(graph: Graph) -> set:
        return {(s, p, Literal(str(o)) if isinstance(o, Literal) and not o.language else o) for s, p, o in graph}
    assert plain(corroboration(graph_file)) == plain(corroboration(store_dataset))


def rdf11(graph: Graph) -> set:
    """The triples, a simple literal and an xsd:string one the same (as in RDF 1.1)."""
    def term(value):
        plain = isinstance(value, Literal) and not value.language and value.datatype is None
        return Literal(str(value), datatype=XSD.string) if plain else value
    return {(s, p, term(o)) for s, p, o in graph}


@pytest.mark.parametrize("fmt", ["turtle", "nt", "table"])
@pytest.mark.parametrize("name", ["corroboration", "claims"])
def test_a_construct_on_a_store_is_written_by_oxigraph_with_the_same_triples(graph_file, store_dataset, name, fmt):
    """kg query --store S corroboration (--format turtle, nt): Oxigraph's serialisation, the triples rdflib gave."""
    output, query = io.BytesIO(), named_queries()[name].text
    assert kg.write_construct(store_dataset, query, fmt, output)
    written = rdf11(Graph().parse(data=output.getvalue(), format="nt" if fmt == "nt" else "turtle"))
    assert written and written == rdf11(run_query(store_dataset, query).graph)
    assert len(written) == len(run_query(graph_file, query).graph)


def test_only_a_construct_on_a_local_store_is_streamed(graph_file, store_dataset):
    output = io.BytesIO()
    assert not kg.write_construct(graph_file, named_queries()["corroboration"].text, "nt", output)
    assert not kg.write_construct(store_dataset, named_queries()["corroborated"].text, "nt", output)
    assert not kg.write_construct(store_dataset, named_queries()["corroboration"].text, "json", output)
    assert not output.getvalue()
    assert kg.write_construct(store_dataset, "# a comment <x>\nPREFIX ex: <http://ex/#a>\n construct { ?s ?p ?o } "
                              "WHERE { ?s a kgo:Corroboration ; ?p ?o }", "nt", output)
    described = io.BytesIO()
    assert kg.write_construct(store_dataset, "DESCRIBE ?s WHERE { ?s kgo:articleId 'm03' }", "turtle", described)
    assert rdf11(Graph().parse(data=described.getvalue(), format="turtle")) == rdf11(
        run_query(store_dataset, "DESCRIBE ?s WHERE { ?s kgo:articleId 'm03' }").graph)
    with pytest.raises(kg.KgError, match="for CONSTRUCT"):
        kg.format_result(run_query(store_dataset, named_queries()["corroborated"].text), "nt")
    assert kg.format_result(run_query(graph_file, named_queries()["corroboration"].text), "nt").count(" .\n") > 100


def test_publisher_and_symmetry_are_in_the_graph(graph_file):
    publishers = {str(o) for o in graph_file.objects(None, DCTERMS.publisher)}
    assert publishers == {"Morocco World News", "morocco world news", "El País"}
    assert (KGO.signsAgreementWith, RDF.type, URIRef("http://www.w3.org/2002/07/owl#SymmetricProperty")) in graph_file


def test_rules_load_and_the_queries_hold_them():
    rules = exclusive_rules()
    assert {rule.predicate for rule in rules} == {"holdsPositionIn", "claimsSovereigntyOver"}
    assert "prime minister" in next(r for r in rules if r.predicate == "holdsPositionIn").roles
    queries = named_queries()
    assert textwrap.indent(exclusive_values(), " " * 10) in queries["contradictions"].text
    assert queries["contradictions"].text.count(exclusive_predicates()) == 2
    for kind in ("supporting", "opposing", "ended"):
        assert f"IN {status_list(kind)}" in queries["contradictions"].text, kind
    for name in ("corroborated", "single-source", "corroboration"):
        assert f"IN {status_list('supporting')}" in queries[name].text
        assert f"IN {status_list('supporting', 'opposing', 'ended')}" in queries[name].text


def test_kg_analyze_reports_sources_and_contradictions(graph_file, tmp_path):
    assert summary(graph_file) == Summary(9, 13, len(EXPECTED["contradictions"]))
    out = tmp_path / "multi.ttl"
    out.write_text(kg.union(graph_file).serialize(format="turtle"), encoding="utf-8")
    result = run_kg("analyze", out)
    assert result.returncode == 0, result.stderr
    assert f"{len(EXPECTED['contradictions'])} contradictions" in result.stdout
    listed = run_kg("query", "--list")
    assert all(name in listed.stdout for name in ("corroborated", "single-source", "contradictions"))


def test_source_field_must_be_text(tmp_path):
    corpus = tmp_path / "bad.jsonl"
    corpus.write_text(json.dumps({"text": "Israel signed an agreement with Morocco.", "source": 3}) + "\n", encoding="utf-8")
    result = run_kg("extract", corpus)
    assert result.returncode == 2 and "'source' is a number, not a string" in result.stderr
    assert "Traceback" not in result.stderr and Path(corpus).exists()
