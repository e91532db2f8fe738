"""Updates through the endpoint keep the store's merged default graph: after an update, the default graph
is again the merge of the named graphs (the convention of :mod:`kg.store.backend`), so queries without
``GRAPH`` see what the update did.

An update that names its graphs (``INSERT DATA { GRAPH <g> ... }``, ``DROP GRAPH <g>``, ``WITH <g>``,
``COPY <a> TO <b>``...) costs a look at those graphs before and after it: their new triples join the
default graph, and the ones they lost leave it unless another graph still holds them. An update whose
graphs are only known when it runs (``GRAPH ?g``, ``CLEAR ALL``, a prefixed graph name) is followed
by a pass over the whole store instead (:data:`MERGE`), which takes seconds at a million triples.
"""
from __future__ import annotations

from collections.abc import Callable

import pyoxigraph as ox
from pyparsing import ParseException
from rdflib import URIRef
from rdflib.plugins.sparql.parser import parseUpdate

from kg.serve.guard import syntax_nodes

MERGE = ("DELETE { ?s ?p ?o } WHERE { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } } ;\n"
         "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } FILTER NOT EXISTS { ?s ?p ?o } }")
GRAPH_KEYS = {"QuadsNotTriples": "term", "Modify": "withClause", "Drop": "graphiri", "Clear": "graphiri",
              "Create": "graphiri", "Load": "graphiri", "Add": "graph", "Move": "graph", "Copy": "graph"}
DEFAULT = "DEFAULT"


def named_graphs(text: str) -> set[str] | None:
    """The named graphs an update writes, or None when they cannot be known before it runs."""
    try:
        tree = parseUpdate(text.replace("\r\n", "\n").replace("\r", "\n"))
    except (ParseException, ValueError, RecursionError):
        return None
    found: set[str] = set()
    for node in syntax_nodes(tree):
        if node.name not in GRAPH_KEYS or node.get(GRAPH_KEYS[node.name]) is None:
            continue
        value = node.get(GRAPH_KEYS[node.name])
        for term in value if isinstance(value, list) else [value]:
            if isinstance(term, URIRef):
                found.add(str(term))
            elif term != DEFAULT:
                return None
    return found


def triples_of(store: ox.Store, name: str) -> set[ox.Triple]:
    return {quad.triple for quad in store.quads_for_pattern(None, None, None, ox.NamedNode(name))}


def held_elsewhere(store: ox.Store, triple: ox.Triple) -> bool:
    quads = store.quads_for_pattern(triple.subject, triple.predicate, triple.object, None)
    return any(not isinstance(quad.graph_name, ox.DefaultGraph) for quad in quads)


def update_merged(store: ox.Store, text: str, run: Callable[[], None]) -> None:
    """Run the update (``run``), then bring the merged default graph in line with it."""
    names = named_graphs(text)
    if names is None:
        run()
        store.update(MERGE)
        return
    before = {name: triples_of(store, name) for name in names}
    run()
    default = ox.DefaultGraph()
    for name, old in before.items():
        new = triples_of(store, name)
        for triple in new - old:
            store.add(ox.Quad(triple.subject, triple.predicate, triple.object, default))
        for triple in old - new:
            if not held_elsewhere(store, triple):
                store.remove(ox.Quad(triple.subject, triple.predicate, triple.object, default))
