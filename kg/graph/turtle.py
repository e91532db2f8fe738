"""Turtle and TriG through Oxigraph's serialisers, with kg's fixed prefixes: linear in the graph's size.

rdflib's serialisers split every IRI into a namespace and insert each new one into a trie, so
their cost grows with the number of distinct namespaces a corpus mints (one per statement's
evidence). Here the prefixes are fixed (the vocabularies only: a resource IRI such as
``kgr:country/MAR`` would need its slash escaped), triples are written sorted, subject by subject
with ``rdf:type`` first, and the prefix lines are kg's own, in alphabetical order, so the same
graph is always the same bytes.
"""
from __future__ import annotations

import contextlib
import io
import sqlite3
from collections.abc import Iterable, Iterator
from itertools import groupby
from pathlib import Path
from typing import TextIO

import pyoxigraph as ox
from rdflib import RDF, BNode, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import DCTERMS, OWL, PROV, RDFS, SKOS, XSD

from kg.vocab import KGO, OA, WD, WDT

PREFIXES = {"dcterms": DCTERMS, "kgo": KGO, "oa": OA, "owl": OWL, "prov": PROV, "rdf": RDF, "rdfs": RDFS,
            "skos": SKOS, "wd": WD, "wdt": WDT, "xsd": XSD}
HEADER = "".join(f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in PREFIXES.items()) + "\n"
TYPE = f"<{RDF.type}>"


def to_oxigraph(term) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An Oxigraph term for an rdflib one (an IRI, a blank node or a literal)."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal) and term.language:
        return ox.Literal(str(term), language=term.language)
    if isinstance(term, Literal) and term.datatype:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


def order(quad: ox.Quad) -> tuple[str, str, bool, str, str]:
    """Graph, subject, then ``rdf:type`` before the other predicates, then objects."""
    predicate = str(quad.predicate)
    return str(quad.graph_name), str(quad.subject), predicate != TYPE, predicate, str(quad.object)


def _lines(quads: list[ox.Quad], fmt: ox.RdfFormat) -> list[str]:
    """The lines of sorted ``quads`` in ``fmt`` without prefix lines, a blank line after each subject."""
    items = [quad.triple for quad in quads] if fmt == ox.RdfFormat.TURTLE else quads
    body = ox.serialize(items, format=fmt, prefixes={p: str(n) for p, n in PREFIXES.items()}).decode("utf-8")
    lines = body.split("\n")  # a literal's line breaks are escaped: a line ending " ." ends a subject
    start = next((i for i, line in enumerate(lines) if not line.startswith("@prefix ")), len(lines))
    spaced: list[str] = []
    for line in lines[start:]:
        if line == "}" and spaced and not spaced[-1]:
            spaced.pop()
        spaced += [line, ""] if line.endswith(" .") else [line]
    while spaced and not spaced[-1]:
        spaced.pop()
    return spaced


def write_sorted(chunks: Iterable[list[ox.Quad]], fmt: ox.RdfFormat, stream: TextIO) -> None:
    """Write quads in ``fmt`` under kg's own prefix lines, chunk by chunk (each chunk sorted, whole subjects
    or graphs, after the previous one): the same text as one chunk of them all, without holding it."""
    stream.write(HEADER)
    last = None
    for quads in chunks:
        quads.sort(key=order)
        spaced = _lines(quads, fmt) if quads else []
        if spaced:
            stream.write("" if last is None else "\n\n" if last.endswith(" .") else "\n")
            stream.write("\n".join(spaced))
            last = spaced[-1]
    stream.write("\n")


def serialised(quads: list[ox.Quad], fmt: ox.RdfFormat) -> str:
    """``quads`` sorted and written in ``fmt``, under kg's own prefix lines."""
    text = io.StringIO()
    write_sorted([quads], fmt, text)
    return text.getvalue()


def turtle(triples: Iterable[tuple]) -> str:
    """rdflib (subject, predicate, object) triples as Turtle, each once."""
    default = ox.DefaultGraph()
    quads = {ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), default) for s, p, o in triples}
    return serialised(list(quads), ox.RdfFormat.TURTLE)


def trig(quads: Iterable[tuple]) -> str:
    """rdflib (subject, predicate, object, graph) quads as TriG, each once."""
    def graph(name) -> ox.NamedNode | ox.BlankNode | ox.DefaultGraph:
        return ox.DefaultGraph() if name is None or name == DATASET_DEFAULT_GRAPH_ID else to_oxigraph(name)

    found = {ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), graph(g)) for s, p, o, g in quads}
    return serialised(list(found), ox.RdfFormat.TRIG)


OFFSETS = {ox.NamedNode(str(OA.start)), ox.NamedNode(str(OA.end))}
INTEGER, NON_NEGATIVE = ox.NamedNode(str(XSD.integer)), ox.NamedNode(str(XSD.nonNegativeInteger))


def as_written(quad: ox.Quad) -> ox.Quad:
    """A stored quad as kg wrote it: Oxigraph keeps an offset's xsd:nonNegativeInteger as xsd:integer."""
    if quad.predicate in OFFSETS and isinstance(quad.object, ox.Literal) and quad.object.datatype == INTEGER:
        return ox.Quad(quad.subject, quad.predicate, ox.Literal(quad.object.value, datatype=NON_NEGATIVE),
                       quad.graph_name)
    return quad


def _subject_chunks(store: ox.Store, size: int = 5000) -> Iterator[list[ox.Quad]]:
    """The default graph's quads, ``size`` subjects at a time, subjects in order (of their ``str``).

    The subjects are sorted on disk, in a temporary SQLite table (its text order is code point order, as
    Python's): a corpus's graph has several subjects per statement, and a sorted list of them all held
    in Python grew the build by 10 KB an article."""
    default = ox.DefaultGraph()
    with contextlib.closing(sqlite3.connect("")) as sorter:  # "": a private database in a temporary file
        sorter.execute("CREATE TABLE subject (name TEXT PRIMARY KEY) WITHOUT ROWID")
        subjects = (str(quad.subject) for quad in store.quads_for_pattern(None, None, None, default))
        sorter.executemany("INSERT OR IGNORE INTO subject VALUES (?)", ((name,) for name, _ in groupby(subjects)))
        names = sorter.execute("SELECT name FROM subject ORDER BY name")
        while batch := names.fetchmany(size):
            yield [as_written(quad) for (name,) in batch
                   for quad in store.quads_for_pattern(_term(name), None, None, default)]


def _term(name: str) -> ox.NamedNode | ox.BlankNode:
    """The subject whose ``str`` is ``name``."""
    return ox.BlankNode(name[2:]) if name.startswith("_:") else ox.NamedNode(name[1:-1])


def _graph_chunks(store: ox.Store) -> Iterator[list[ox.Quad]]:
    """The named graphs' quads, a graph at a time, graphs in order."""
    for name in sorted(store.named_graphs(), key=str):
        yield [as_written(quad) for quad in store.quads_for_pattern(None, None, None, name)]


def write_store_files(store: ox.Store, turtle_path: Path, trig_path: Path) -> None:
    """The Turtle and TriG of a store kg wrote, read straight from Oxigraph and written as they are read
    (a subject or graph at a time, never the whole text): Turtle is its merged default graph, TriG its
    named graphs (each triple of the default graph is in one of them)."""
    with turtle_path.open("w", encoding="utf-8", newline="") as stream:
        write_sorted(_subject_chunks(store), ox.RdfFormat.TURTLE, stream)
    with trig_path.open("w", encoding="utf-8", newline="") as stream:
        write_sorted(_graph_chunks(store), ox.RdfFormat.TRIG, stream)
