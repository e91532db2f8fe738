"""kg validate: everything kg build writes conforms to the SHACL shapes; broken graphs do not."""
from __future__ import annotations

import pytest
from rdflib import RDF, Graph, Literal, URIRef

from kg.store.backend import open_dataset
from kg.graph.validate import validate
from kg.vocab import KGO, OA

from conftest import PUBLISHED, SEED, run_kg


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("validate")
    result = run_kg("build", SEED, "--out", out, "--published", PUBLISHED.isoformat())
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture
def graph(built) -> Graph:
    return Graph().parse(built / "graph.ttl")


def test_every_written_graph_conforms(built):
    for name in ("graph.ttl", "graph.trig"):
        assert validate(open_dataset(built / name)).conforms, name
    result = run_kg("validate", built / "graph.trig")
    assert result.returncode == 0 and "conforms" in result.stderr


def test_the_cli_reports_violations_with_exit_1(graph, tmp_path):
    statement = next(graph.subjects(RDF.type, KGO.Statement))
    graph.set((statement, KGO.status, Literal("rumoured")))
    graph.serialize(tmp_path / "bad.ttl", format="turtle")
    result = run_kg("validate", tmp_path / "bad.ttl")
    assert result.returncode == 1 and "1 violation" in result.stderr


def first_statement(graph: Graph) -> URIRef:
    return sorted(graph.subjects(RDF.type, KGO.Statement))[0]


def drop_direct_triple(graph):
    statement = first_statement(graph)
    graph.remove((graph.value(statement, RDF.subject), graph.value(statement, RDF.predicate),
                  graph.value(statement, RDF.object)))


def drop_evidence_offsets(graph):
    for position in list(graph.subjects(RDF.type, OA.TextPositionSelector))[:1]:
        graph.remove((position, OA.start, None))


def confidence_above_one(graph):
    graph.set((first_statement(graph), KGO.confidence, Literal(1.5)))


def untyped_subject(graph):
    graph.remove((graph.value(first_statement(graph), RDF.subject), RDF.type, None))


def bad_hash(graph):
    article = next(graph.subjects(RDF.type, KGO.Article))
    graph.set((article, KGO.contentHash, Literal("not-a-hash")))


@pytest.mark.parametrize("damage", [drop_direct_triple, drop_evidence_offsets, confidence_above_one,
                                    untyped_subject, bad_hash])
def test_shapes_catch_damage(graph, damage):
    damage(graph)
    result = validate(graph)
    assert not result.conforms and result.violations >= 1


def test_missing_graph_is_exit_2(tmp_path):
    result = run_kg("validate", tmp_path / "nothing.ttl")
    assert result.returncode == 2 and "Traceback" not in result.stderr
