"""Analyst decisions applied to an article graph: merge one entity into another, split a surface form off.

A merge re-points the article's statements from one entity to the other and leaves a ``kgo:SurfaceForm``
(reason ``analyst``) that names the merged entity and the statements it re-pointed, so that splitting the
form off again gives back exactly the graph before the merge. Splitting a form the extractor merged
(a capital for its state, a demonym, a pronoun) gives it an entity of its own in the sentences it stands in.
Direct triples are re-derived from the statement nodes, which hold each one.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from kg.gazetteer import entity_key, name_key
from kg.graph.rdf import (DERIVED_FROM, EVIDENCE, FORM, KEY, LABEL, MERGE_REASON, OBJECT, PREDICATE, SUBJECT,
                          SURFACE_FORM, SURFACE_FORM_CLASS, TYPE, ArticleGraph, node_of)
from kg.iri import entity_iri, form_iri
from kg.lexicon import load_json
from kg.model import Entity
from kg.vocab import KGO, KGR, OA

MERGED_ENTITY, AS_SUBJECT, AS_OBJECT = map(node_of, (KGO.mergedEntity, KGO.asSubjectOf, KGO.asObjectOf))
HAS_SELECTOR, START = node_of(OA.hasSelector), node_of(OA.start)
ANALYST = "analyst"
DECISIONS = KGR["decisions"]  # the named graph of analysts' decisions
ACTION, KEPT, SEQUENCE = map(node_of, (KGO.action, KGO.keptEntity, KGO.sequence))


@dataclass(frozen=True, slots=True)
class Decision:
    """An analyst's decision: ``merge`` ``other`` into ``entity``, or ``split`` ``form`` off ``entity``."""

    action: str
    entity: str
    other: str = ""
    form: str = ""
    node: str = ""  # the decision's IRI in the store


class Triples(set):
    """An article graph's triples as a set, with the look-ups a rewrite needs (an index kept up to date as the
    set changes, not rebuilt: a merge over hundreds of article graphs spent half its time rebuilding it)."""

    def __init__(self, triples: Iterable[ox.Triple] = ()) -> None:
        super().__init__((t.subject, t.predicate, t.object) for t in triples)  # plain tuples: fast to look into
        self.index: dict | None = None

    def indexed(self) -> dict:
        if self.index is None:
            self.index = {}
            for triple in self:
                self.enter(triple)
        return self.index

    def enter(self, triple) -> None:
        s, p, o = triple
        self.index.setdefault((s, p, None), {})[o] = None  # dicts as ordered sets
        self.index.setdefault((None, p, o), {})[s] = None

    def leave(self, triple) -> None:
        s, p, o = triple
        self.index.get((s, p, None), {}).pop(o, None)
        self.index.get((None, p, o), {}).pop(s, None)

    def add(self, triple) -> None:
        if triple not in self:
            super().add(triple)
            if self.index is not None:
                self.enter(triple)

    def update(self, *others) -> None:
        for other in others:
            for triple in other:
                self.add(triple)

    def difference_update(self, *others) -> None:
        for other in others:
            for triple in list(other):
                if triple in self:
                    self.remove(triple)
                    if self.index is not None:
                        self.leave(triple)

    def objects(self, subject, predicate) -> list:
        return list(self.indexed().get((subject, predicate, None), ()))

    def subjects(self, predicate, obj) -> list:
        return list(self.indexed().get((None, predicate, obj), ()))

    def graph(self, name) -> ArticleGraph:
        return ArticleGraph(name, tuple(ox.Triple(*t) for t in sorted(self, key=str)))

    def direct(self) -> set[tuple]:
        """The direct triple each statement node stands for."""
        found = set()
        for statement in self.subjects(TYPE, node_of(KGO.Statement)):
            parts = [self.objects(statement, p) for p in (SUBJECT, PREDICATE, OBJECT)]
            if all(parts):
                found.add((parts[0][0], parts[1][0], parts[2][0]))
        return found


def repoint(triples: Triples, changes: Iterable[tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode]]) -> None:
    """Set (statement, rdf:subject or rdf:object) to a new entity, re-deriving the direct triples."""
    changes = list(changes)
    before = triples.direct() | {(st, role, o) for st, role, _ in changes for o in triples.objects(st, role)}
    triples.difference_update(before)
    triples.update(changes)
    triples.update(triples.direct())


def merge_into(triples: Triples, name: str, decision: Decision) -> None:
    """Re-point ``decision.other``'s statements in the graph ``name`` to ``decision.entity``, with the trace."""
    entity, other = ox.NamedNode(decision.entity), ox.NamedNode(decision.other)
    changes = [(s, role, entity) for role in (SUBJECT, OBJECT) for s in triples.subjects(role, other)]
    if not changes:
        return
    label = next((o.value for o in triples.objects(other, LABEL)), other.value)
    form = node_of(form_iri(name, decision.entity, label, ANALYST, 0))
    triples.update({(entity, SURFACE_FORM, form), (form, TYPE, SURFACE_FORM_CLASS), (form, FORM, ox.Literal(label)),
                    (form, MERGE_REASON, ox.Literal(ANALYST)), (form, MERGED_ENTITY, other),
                    (form, DERIVED_FROM, ox.NamedNode(decision.node))})
    triples.update((form, AS_SUBJECT if role == SUBJECT else AS_OBJECT, s) for s, role, _ in changes)
    repoint(triples, changes)


def undo_merge(triples: Triples, form: ox.NamedNode) -> None:
    """Give the statements an analyst's merge re-pointed back to the merged entity, and drop its trace."""
    other = triples.objects(form, MERGED_ENTITY)[0]
    changes = [(s, SUBJECT, other) for s in triples.objects(form, AS_SUBJECT)]
    changes += [(s, OBJECT, other) for s in triples.objects(form, AS_OBJECT)]
    triples.difference_update({t for t in triples if form in (t[0], t[2])})
    repoint(triples, changes)


def split_off(triples: Triples, entity: ox.NamedNode, form: ox.NamedNode) -> None:
    """Give an extracted surface form an entity of its own in the sentences where it stood for ``entity``."""
    text = triples.objects(form, FORM)[0].value
    reason = triples.objects(form, MERGE_REASON)[0].value
    kind = next((t.value.rpartition("#")[2] for t in triples.objects(entity, TYPE)), "Entity")
    kind = load_json("lexicon/merges.json")["reasons"].get(reason, {}).get("split_type") or kind
    new = node_of(entity_iri(Entity(entity_key(kind, text), text, kind)))
    sentence = {o.value for e in triples.objects(form, EVIDENCE) for o in sentence_start(triples, e)}
    changes = [(s, role, new) for role in (SUBJECT, OBJECT) for s in triples.subjects(role, entity)
               if {o.value for e in triples.objects(s, EVIDENCE) for o in sentence_start(triples, e)} & sentence]
    evidence = triples.objects(form, EVIDENCE)
    triples.difference_update({t for t in triples if form in (t[0], t[2]) or
                               any(t[0] == e or t[0].value.startswith(e.value + "/") for e in evidence)})
    if changes:
        triples.update({(new, TYPE, node_of(KGO[kind])), (new, LABEL, ox.Literal(text)),
                        (new, KEY, ox.Literal(name_key(text)))})
    repoint(triples, changes)


def sentence_start(triples: Triples, evidence) -> list:
    return [o for selector in triples.objects(evidence, HAS_SELECTOR) for o in triples.objects(selector, START)]


def split_from(triples: Triples, name: str, decision: Decision) -> None:
    """Split every surface form ``decision.form`` of ``decision.entity`` off in the graph ``name``."""
    entity = ox.NamedNode(decision.entity)
    forms = [f for f in triples.objects(entity, SURFACE_FORM)
             if any(o.value == decision.form for o in triples.objects(f, FORM))]
    for form in forms:
        if triples.objects(form, MERGED_ENTITY):
            undo_merge(triples, form)
        else:
            split_off(triples, entity, form)


def read(store: ox.Store) -> list[Decision]:
    """The decisions a store holds, in the order taken."""
    graph = ox.NamedNode(str(DECISIONS))
    found = []
    for quad in store.quads_for_pattern(None, SEQUENCE, None, graph):
        node = quad.subject
        values = {p: next((q.object.value for q in store.quads_for_pattern(node, p, None, graph)), "")
                  for p in (ACTION, KEPT, MERGED_ENTITY, FORM)}
        found.append((int(quad.object.value), Decision(values[ACTION], values[KEPT], values[MERGED_ENTITY],
                                                       values[FORM], node.value)))
    return [decision for _, decision in sorted(found, key=lambda item: item[0])]


def apply_to(triples: Triples, name: str, decisions: Iterable[Decision]) -> None:
    """Apply every decision, in order, to the triples of graph ``name``."""
    for decision in decisions:
        (merge_into if decision.action == "merge" else split_from)(triples, name, decision)


def apply(graph: ArticleGraph, decisions: Iterable[Decision]) -> ArticleGraph:
    """The graph with every decision applied, in order."""
    decisions = list(decisions)
    if not decisions:
        return graph
    triples = Triples(graph.triples)
    apply_to(triples, str(graph.name), decisions)
    return triples.graph(graph.name)
