"""Exports of a graph or store: Turtle, TriG, N-Quads, JSON-LD (rdflib), GraphML (networkx) and CSV.

Every export re-parses to the same graph whatever characters the text holds, except that GraphML
(XML 1.0) cannot hold most control characters: there they are written as U+FFFD.

Turtle, TriG and N-Quads are deterministic: Turtle and TriG are written sorted by :mod:`kg.turtle`
(in time linear in the graph), N-Quads are sorted lines, and ``xsd:string`` literals (Oxigraph makes
every plain literal one) become plain again, so a file and a store holding the same graph export the
same bytes, and ``kg build --out`` writes what ``kg export`` would.
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from functools import lru_cache

from rdflib import RDF, Dataset
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.graph import turtle
from kg.errors import KgError
from kg.lexicon import load_json, ontology_path
from kg.graph.rdf import bind_prefixes, plain
from kg.vocab import KGO

NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

STATEMENTS = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX kgo: <https://w3id.org/kgnews/ontology#>
SELECT ?statement ?subject ?subject_label ?predicate ?predicate_label ?object ?object_label ?status ?time
       ?confidence ?attributed_to ?article ?sentence ?start ?end
WHERE {
  ?statement a kgo:Statement ; rdf:subject ?subject ; rdf:predicate ?predicate ; rdf:object ?object ;
      kgo:status ?status ; kgo:confidence ?confidence ; prov:wasDerivedFrom ?a ; kgo:evidence ?e .
  ?a kgo:articleId ?article .
  ?e oa:hasSelector ?q , ?pos . ?q oa:exact ?sentence . ?pos oa:start ?start ; oa:end ?end .
  OPTIONAL { ?statement kgo:time ?time }
  OPTIONAL { ?statement kgo:attributedTo ?attributed_to }
  OPTIONAL { ?subject rdfs:label ?subject_label }
  OPTIONAL { ?object rdfs:label ?object_label }
  OPTIONAL { ?predicate rdfs:label ?predicate_label }
}"""
ENTITIES = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX kgo: <https://w3id.org/kgnews/ontology#>
SELECT ?entity ?label ?type ?iso3 ?sameAs WHERE {
  ?statement a kgo:Statement ; rdf:subject|rdf:object ?entity .
  ?entity a ?type ; rdfs:label ?label .
  OPTIONAL { ?entity kgo:iso3 ?iso3 }
  OPTIONAL { ?entity owl:sameAs ?sameAs }
}"""



def canonical(dataset: Dataset) -> Dataset:
    """A fresh dataset with the same quads, added graph by graph in sorted order.

    Default-graph triples that a named graph also holds are left out: a store's default graph
    is the merge of its article graphs.
    """
    copy = bind_prefixes(Dataset())
    quads = sorted((s, p, plain(o, p), g) for s, p, o, g in dataset.quads((None, None, None, None)))
    named = {(s, p, o) for s, p, o, g in quads if g != DATASET_DEFAULT_GRAPH_ID}
    for s, p, o, g in quads:
        if g == DATASET_DEFAULT_GRAPH_ID and (s, p, o) in named:
            continue
        copy.graph(g).add((s, p, o))
    return copy



def to_turtle(dataset: Dataset) -> str:
    """The merge of every graph as Turtle (linear: :mod:`kg.turtle`)."""
    return turtle.turtle((s, p, plain(o, p)) for s, p, o, _ in dataset.quads((None, None, None, None)))


def to_trig(dataset: Dataset) -> str:
    """Every graph as TriG; default-graph triples that a named graph holds are left out, as in :func:`canonical`."""
    quads = [(s, p, plain(o, p), g) for s, p, o, g in dataset.quads((None, None, None, None))]
    named = {(s, p, o) for s, p, o, g in quads if g != DATASET_DEFAULT_GRAPH_ID}
    return turtle.trig(q for q in quads if q[3] != DATASET_DEFAULT_GRAPH_ID or q[:3] not in named)


def to_nquads(dataset: Dataset) -> str:
    """Sorted N-Quads lines; lines end at "\\n" only (a literal may hold U+2028, U+0085, form feeds...)."""
    lines = canonical(dataset).serialize(format="nquads").split("\n")
    return "".join(line + "\n" for line in sorted(set(lines)) if line.strip())


@lru_cache(maxsize=1)
def jsonld_context() -> dict:
    """The ``@context`` of ``ontologies/context.jsonld``: a term for each property, typed values coerced."""
    return json.loads(ontology_path("context.jsonld").read_text(encoding="utf-8"))["@context"]


def to_jsonld(dataset: Dataset) -> str:
    """JSON-LD with kg's own context inline, so keys are short names and values plain JSON strings."""
    return canonical(dataset).serialize(format="json-ld", context=jsonld_context(), indent=2, ensure_ascii=False)


def text(value) -> str:
    return "" if value is None else str(value)


def statement_rows(dataset: Dataset) -> list[dict[str, str]]:
    result = dataset.query(STATEMENTS)
    names = [str(v) for v in result.vars]
    return sorted(({n: text(row[n]) for n in names} for row in result), key=lambda r: tuple(r.values()))


def to_csv(dataset: Dataset) -> str:
    """One row per statement: ids, labels, status, time, confidence, attribution and evidence.

    Rows end in CRLF (RFC 4180), so that a field holding a carriage return is quoted too."""
    rows = statement_rows(dataset)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[str(v) for v in dataset.query(STATEMENTS).vars],
                            lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def xml_text(value: str) -> str:
    """``value`` with each character XML 1.0 cannot hold (most control characters) as U+FFFD."""
    return NOT_XML.sub("\ufffd", value)


CAMEO_CODES = "PREFIX kgo: <https://w3id.org/kgnews/ontology#> SELECT ?p ?code WHERE { ?p kgo:cameoCode ?code }"
STATEMENT_LABELS = """PREFIX kgo: <https://w3id.org/kgnews/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?st ?label WHERE { ?st a kgo:Statement ; rdfs:label ?label }"""
EDGE_NUMBERS = {"confidence": float, "start": int, "end": int}


def edge_attributes(row: dict[str, str], cameo: dict[str, str],
                    labels: dict[str, str]) -> dict[str, str | float | int]:
    """A statement as typed GraphML edge data: ``label`` (the statement's own, as an uncoded event's verb,
    or its relation's) and ``weight`` (the confidence) for Gephi, numbers as numbers, the CAMEO code and class."""
    edge: dict[str, str | float | int] = {k: EDGE_NUMBERS.get(k, xml_text)(v) for k, v in row.items()
                                          if v and k not in ("subject", "object", "statement", "predicate_label")}
    code = cameo.get(row["predicate"])
    label = xml_text(labels.get(row["statement"]) or row["predicate_label"])
    edge.update(label=label, weight=edge["confidence"], cameo_class=cameo_class(code)["name"])
    return edge | ({"cameo_code": code} if code else {})


def to_graphml(dataset: Dataset) -> str:
    """Entities as nodes, one edge per statement, for Gephi, yEd, networkx or igraph.

    Attributes are typed: ``confidence`` and ``weight`` double, offsets ``long``, the rest string.
    """
    import networkx as nx

    network = nx.MultiDiGraph()
    for row in sorted(dataset.query(ENTITIES), key=lambda r: tuple(map(text, r))):
        kind = str(row.type).removeprefix(str(KGO))
        if row.type == RDF.Statement or kind == str(row.type):
            continue
        attributes = {"label": text(row.label), "type": kind, "iso3": text(row.iso3), "sameAs": text(row.sameAs)}
        network.add_node(str(row.entity), **{k: xml_text(v) for k, v in attributes.items() if v})
    cameo = {str(row.p): str(row.code) for row in dataset.query(CAMEO_CODES)}
    labels = {str(row.st): str(row.label) for row in dataset.query(STATEMENT_LABELS)}
    for row in statement_rows(dataset):
        edge = edge_attributes(row, cameo, labels)
        network.add_edge(row["subject"], row["object"], key=row["statement"], **edge)
    buffer = io.BytesIO()
    nx.write_graphml(network, buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8")


EXPORTERS: dict[str, Callable[[Dataset], str]] = {
    "turtle": to_turtle, "trig": to_trig, "nquads": to_nquads, "jsonld": to_jsonld,
    "graphml": to_graphml, "csv": to_csv}
SUFFIXES = {"turtle": ".ttl", "trig": ".trig", "nquads": ".nq", "jsonld": ".jsonld", "graphml": ".graphml",
            "csv": ".csv"}


def export(dataset: Dataset, fmt: str) -> str:
    """The dataset in ``fmt``, one of ``EXPORTERS``."""
    if fmt not in EXPORTERS:
        raise KgError(f"unknown export format '{fmt}'", f"use one of {', '.join(EXPORTERS)}")
    return EXPORTERS[fmt](dataset)


def cameo_class(code: str | None) -> dict:
    """Name, colour and tone of the CAMEO QuadClass of an event code (``ontologies/style/cameo.json``)."""
    style = load_json("style/cameo.json")
    for name, entry in style["classes"].items():
        if code and code[:2] in entry["roots"]:
            return {"name": name, "color": entry["color"], "tone": entry["tone"]}
    return dict(style["fact"])
