"""oxrdflib's Oxigraph store, with SELECT results converted to rdflib terms once per distinct value.

Oxigraph answers a named query over a million triples in a few tenths of a second; building an
rdflib term for every cell of its table took several times that. A table repeats its labels,
relations, statuses and articles row after row, so each distinct value is converted once.
"""
from __future__ import annotations

from functools import lru_cache

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.query import Result

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
            result = Result("SELECT")
            result.vars = [Variable(v.value) for v in answer.variables]
            result.bindings = [{v: convert(value) for v, value in zip(result.vars, solution)} for solution in answer]
        else:
            result = Result("CONSTRUCT")
            result.graph = Graph()
            add = result.graph.store.add  # Memory's own add, without Graph.add's checks, each distinct term converted once
            for triple in answer:
                add((convert(triple.subject), convert(triple.predicate), convert(triple.object)), result.graph)
        return result
