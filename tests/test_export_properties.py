"""Whatever characters the text holds, every export re-parses with an independent parser to the same
graph: pyoxigraph for Turtle, TriG, N-Quads and JSON-LD, networkx for GraphML, csv for CSV."""
import csv
import io

import networkx as nx
import pyoxigraph as ox
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rdflib import Dataset

from kg.graph.export import EXPORTERS, NOT_XML
from kg.model import Article, Entity, Evidence, Predicate, Statement
from kg.graph.rdf import article_graph, to_rdflib

RDF_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS,
               "jsonld": ox.RdfFormat.JSON_LD}
SEPARATORS = "\u2028\u2029\u0085\x0b\x0c\x1c\x1d\x1e\r\n\x00\x01\x7f\"'\\<>&"
texts = st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from(SEPARATORS), min_size=1, max_size=40)


def graph_of(sentence: str, label: str, title: str, attributed: str):
    subject = Entity("person/someone", label, "Person", aliases=(label + " ", "x"))
    obj = Entity("country/MAR", "Morocco", "Country", "MAR", "Q1028")
    statement = Statement("a1", subject, Predicate("meets", "meets", "040"), obj, Evidence(sentence, 0, len(sentence)),
                          attributed_to=attributed, rule="r")
    return article_graph(Article("a1", sentence, title=title, url="https://x.example/1"), [statement])


def dataset_of(graph) -> Dataset:
    dataset = Dataset(default_union=True)
    for quad in graph.quads():
        dataset.add(tuple(to_rdflib(term) for term in (quad.subject, quad.predicate, quad.object, quad.graph_name)))
    return dataset


def reparsed(fmt: str, text: str) -> set:
    return {(q.subject, q.predicate, q.object) for q in ox.parse(text, format=RDF_FORMATS[fmt])}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, texts, texts, texts)
@example("a\u2028b\u2029c\u0085d\x0be\x0cf\x1cg", "\x1d\x1e", "\x00\x01", '"""end"')
def test_every_export_reparses_to_the_same_graph(sentence, label, title, attributed):
    graph = graph_of(sentence, label, title, attributed)
    triples = {(t.subject, t.predicate, t.object) for t in graph.triples}
    dataset = dataset_of(graph)
    for fmt in RDF_FORMATS:
        assert reparsed(fmt, EXPORTERS[fmt](dataset)) == triples, fmt
    [row] = list(csv.DictReader(io.StringIO(EXPORTERS["csv"](dataset), newline="")))
    assert (row["sentence"], row["subject_label"], row["attributed_to"]) == (sentence, label, attributed)
    network = nx.read_graphml(io.BytesIO(EXPORTERS["graphml"](dataset).encode("utf-8")))
    [(_, _, edge)] = network.edges(data=True)
    assert edge["sentence"] == NOT_XML.sub("\ufffd", sentence)
    assert network.nodes["https://w3id.org/kgnews/resource/person/someone"]["label"] == NOT_XML.sub("\ufffd", label)


def test_nquads_lines_end_only_at_newlines():
    dataset = dataset_of(graph_of("one\u2028two\x0cthree\x85four", "L", "T", "A"))
    lines = EXPORTERS["nquads"](dataset).split("\n")
    assert all(line.endswith(" .") for line in lines[:-1]) and lines[-1] == ""
