"""Where the entity network reads its triples: an rdflib graph, or the default graph of an Oxigraph store.

Both answer the same few questions, in plain strings (an IRI, a blank node's id, a literal's lexical
form): every (subject, object) of a property, the subjects of a (property, object), a node's outgoing
triples. Reading a store directly is how ``kg build --out`` draws its page without copying the merged
graph into rdflib first (which held the whole corpus in memory a second time).
"""
from __future__ import annotations

from collections.abc import Iterator
from sys import intern

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.plugins.stores.memory import Memory


class GraphTriples:
    """An rdflib graph. A graph that owns an in-memory store (what ``kg.union`` and ``Graph().parse`` give)
    is read through rdflib's own ``spo``/``pos`` indexes: 20 times faster than the public triple
    patterns, which check every triple's contexts one by one."""

    def __init__(self, graph: Graph):
        self.graph = graph
        owns = type(graph) is Graph and type(graph.store) is Memory and len(graph.store) == len(graph)
        self.spo = getattr(graph.store, "_Memory__spo", None) if owns else None
        self.pos = getattr(graph.store, "_Memory__pos", None) if owns else None

    def pairs(self, predicate: str, shared: bool = True) -> Iterator[tuple[str, str]]:
        """Every (subject, object) of ``predicate`` (``shared`` matters to a store's strings only)."""
        if self.pos is None:
            return ((str(s), str(o)) for s, o in self.graph.subject_objects(URIRef(predicate)))
        return ((str(s), str(o)) for o, subjects in self.pos.get(URIRef(predicate), {}).items() for s in subjects)

    def column(self, predicate: str) -> dict[str, str]:
        """Subject to object of every triple of ``predicate`` (one of them, if a subject has several)."""
        if self.pos is None:
            return dict(self.pairs(predicate))
        return {str(s): str(o) for o, subjects in self.pos.get(URIRef(predicate), {}).items() for s in subjects}

    def subjects(self, predicate: str, obj: str) -> list[str]:
        if self.pos is None:
            return [str(s) for s in self.graph.subjects(URIRef(predicate), URIRef(obj))]
        return [str(s) for s in self.pos.get(URIRef(predicate), {}).get(URIRef(obj), ())]

    def outgoing(self, node: str) -> Iterator[tuple[str, str]]:
        if self.spo is None:
            return ((str(p), str(o)) for p, o in self.graph.predicate_objects(URIRef(node)))
        return ((str(p), str(o)) for p, objects in self.spo.get(URIRef(node), {}).items() for o in objects)


class StoreTriples:
    """The default graph of an Oxigraph store (in a kg store, the merge of its article graphs)."""

    def __init__(self, store: ox.Store):
        self.store, self.default = store, ox.DefaultGraph()

    def pairs(self, predicate: str, shared: bool = True) -> Iterator[tuple[str, str]]:
        """Every (subject, object), the object as one shared string (``sys.intern``) unless ``shared`` is false:
        a statement's status, time, article and entities repeat across statements, and a string of their own
        for each more than doubled the page's memory on a large corpus (95 MB against 41 MB at 34,000
        statements). Values of their own (evidence and selector IRIs, looked up once) are better not
        shared: the table of shared strings never shrinks."""
        found = self.store.quads_for_pattern(None, ox.NamedNode(predicate), None, self.default)
        if not shared:
            return ((q.subject.value, q.object.value) for q in found)
        return ((q.subject.value, intern(q.object.value)) for q in found)

    def column(self, predicate: str) -> dict[str, str]:
        return dict(self.pairs(predicate))

    def subjects(self, predicate: str, obj: str) -> list[str]:
        found = self.store.quads_for_pattern(None, ox.NamedNode(predicate), ox.NamedNode(obj), self.default)
        return [q.subject.value for q in found]

    def outgoing(self, node: str) -> Iterator[tuple[str, str]]:
        found = self.store.quads_for_pattern(ox.NamedNode(node), None, None, self.default)
        return ((q.predicate.value, q.object.value) for q in found)


def triples_of(source: Graph | ox.Store) -> GraphTriples | StoreTriples:
    return StoreTriples(source) if isinstance(source, ox.Store) else GraphTriples(source)
