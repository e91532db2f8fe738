"""oxrdflib's Oxigraph store, with SELECT results read in bulk and converted once per distinct value.

Oxigraph answers a named query over a million triples in a few tenths of a second; building an
rdflib term for every cell of its table took several times that, and so did a Python object for every
Oxigraph term and rdflib's own row objects. So a SELECT's answer comes as one block of SPARQL TSV
(written by Oxigraph), each distinct cell text becomes an rdflib term once (a table repeats its
labels, relations, statuses and articles row after row), and :class:`Table` makes rows and binding
dicts only when asked.
"""
from __future__ import annotations

import re
from functools import lru_cache

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import XSD
from rdflib.query import Result, ResultRow

Term = ox.NamedNode | ox.BlankNode | ox.Literal


def to_rdflib(term: Term | ox.Triple | None):
    """The rdflib term oxrdflib gives for an Oxigraph one (a literal keeps its datatype)."""
    if term is None or isinstance(term, ox.NamedNode | ox.BlankNode):
        return None if term is None else (URIRef if isinstance(term, ox.NamedNode) else BNode)(term.value)
    if isinstance(term, ox.Triple):  # a whole triple, as CONSTRUCT gives (or an RDF-star term)
        return to_rdflib(term.subject), to_rdflib(term.predicate), to_rdflib(term.object)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"unexpected Oxigraph term {term!r}")


ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.DOTALL)
ESCAPED = {"t": "\t", "n": "\n", "r": "\r", "b": "\b", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescape(match: re.Match) -> str:
    short, long, char = match.groups()
    return chr(int(short or long, 16)) if short or long else ESCAPED[char]


def from_tsv(cell: str):
    """The rdflib term of one SPARQL TSV cell as Oxigraph writes it (None for an empty, unbound one)."""
    if not cell:
        return None
    if cell[0] == "<":
        return URIRef(cell[1:-1])
    if cell.startswith("_:"):
        return BNode(cell[2:])
    if cell[0] != '"':  # a number or boolean in Turtle's short form
        kind = XSD.boolean if cell in ("true", "false") else XSD.double if "e" in cell.lower() \
            else XSD.decimal if "." in cell else XSD.integer
        return Literal(cell, datatype=kind)
    end = cell.rindex('"')
    text, rest = cell[1:end], cell[end + 1:]
    text = ESCAPE.sub(_unescape, text) if "\\" in text else text
    if rest.startswith("@"):
        return Literal(text, lang=rest[1:])
    return Literal(text, datatype=URIRef(rest[3:-1]) if rest else XSD.string)


class Table(Result):
    """A SELECT answer as rows of rdflib terms; binding dicts and rdflib's row objects made when asked."""

    def __init__(self, variables: list[Variable], rows: list[tuple]):
        super().__init__("SELECT")
        self.vars, self.rows = variables, rows

    @property
    def bindings(self) -> list[dict]:
        if self._bindings is None:
            self._bindings = [dict(zip(self.vars, row)) for row in self.rows]
        return self._bindings

    @bindings.setter
    def bindings(self, value) -> None:
        self._bindings = list(value)
        self.rows = [tuple(b.get(v) for v in self.vars) for b in self._bindings]

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self):
        labels = {str(v): i for i, v in enumerate(self.vars)}  # one for all rows (rdflib makes one per row)
        for values in self.rows:
            row = tuple.__new__(ResultRow, values)
            row.labels = labels
            yield row


def table(answer: ox.QuerySolutions) -> Table:
    """An Oxigraph SELECT answer, read as one block of TSV."""
    lines = answer.serialize(format=ox.QueryResultsFormat.TSV).decode("utf-8").split("\n")
    convert = lru_cache(maxsize=None)(from_tsv)
    variables = [Variable(name[1:]) for name in lines[0].split("\t")] if lines[0] else []
    width = len(variables)
    rows = [tuple(map(convert, line.split("\t"))) if width else () for line in lines[1:-1]]
    return Table(variables, rows)


class CachedOxigraphStore(OxigraphStore):
    """The store kg's datasets read: a query given as text runs on Oxigraph, each distinct value of its
    answer converted once; one with bindings given, or over the union of graphs, as oxrdflib runs it."""

    def __init__(self, store: ox.Store) -> None:
        super().__init__(store=store)
        self.oxigraph = store

    def query(self, query, initNs, initBindings, queryGraph, **kwargs) -> Result:  # noqa: N803 (rdflib's names)
        if not isinstance(query, str) or initBindings or kwargs or queryGraph == "__UNION__":
            return super().query(query, initNs, initBindings, queryGraph, **kwargs)
        prefixes = {**{prefix: str(namespace) for prefix, namespace in self.namespaces()},
                    **{prefix: str(namespace) for prefix, namespace in initNs.items()}}
        default = None if queryGraph == DATASET_DEFAULT_GRAPH_ID else ox.NamedNode(str(queryGraph))
        answer = self.oxigraph.query(query, default_graph=default, prefixes=prefixes)
        convert = lru_cache(maxsize=None)(to_rdflib)
        if isinstance(answer, ox.QueryBoolean):
            result = Result("ASK")
            result.askAnswer = bool(answer)
        elif isinstance(answer, ox.QuerySolutions):
            result = table(answer)
        else:
            result = Result("CONSTRUCT")
            result.graph = Graph()
            add = result.graph.store.add  # Memory's own add, without Graph.add's checks; each term converted once
            for triple in answer:
                add((convert(triple.subject), convert(triple.predicate), convert(triple.object)), result.graph)
        return result
