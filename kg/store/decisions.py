"""Analysts' merges and splits, kept in the store as data (the named graph ``kgr:decisions``).

``merge`` and ``split`` record a decision, then re-derive the stored article graphs it touches in one
transaction, without extracting anything again; every article stored later gets every decision applied
(:meth:`kg.store.backend.LocalStore.put`), in the order they were taken.
"""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pyoxigraph as ox

from kg.errors import KgError
from kg.gazetteer import name_key
from kg.graph.rdf import EVIDENCE, FORM, HAS_SELECTOR, LABEL, OBJECT, PREDICATE, SUBJECT, SURFACE_FORM, TYPE, node_of
from kg.store.backend import LocalStore, is_endpoint, open_local
from kg.store.rewrite import DECISIONS, MERGED_ENTITY, Decision, Triples, apply_to, read
from kg.vocab import KGO, KGR

ENDS = f"{SUBJECT}|{OBJECT}"
STATED = (f"SELECT DISTINCT ?e WHERE {{{{ {{{{ ?e <{KGO.key}> {{0}} }}}} UNION "
          f"{{{{ ?e <{KGO.surfaceForm}>/<{KGO.form}> {{1}} }}}} ?s {ENDS} ?e }}}}")
TOUCHED = f"SELECT DISTINCT ?g WHERE {{{{ GRAPH ?g {{{{ ?s {ENDS} <{{0}}> }}}} }}}}"


def entity_named(store: ox.Store, name: str) -> str:
    """The IRI of the one stated entity ``name`` names (an IRI, a label or alias in any case, or a form)."""
    if "://" in name:
        found = [name] if list(store.query(TOUCHED.format(name))) else []
    else:
        found = sorted(row[0].value for row in store.query(STATED.format(ox.Literal(name_key(name)), ox.Literal(name))))
    if not found:
        raise KgError(f"no entity in the store is named '{name}' in any statement",
                      "kg entities --store S lists the entities and their forms")
    if len(found) > 1:
        raise KgError(f"'{name}' names {len(found)} entities ({', '.join(found[:4])})", "give the entity's IRI")
    return found[0]


def record(store: ox.Store, decision: Decision) -> tuple[Decision, str]:
    """The decision with its IRI, and the SPARQL Update that adds it to the decisions graph."""
    number = len(read(store)) + 1
    node = KGR[f"decision/{number}"]
    decision = Decision(decision.action, decision.entity, decision.other, decision.form, str(node))
    values = {KGO.action: ox.Literal(decision.action), KGO.keptEntity: ox.NamedNode(decision.entity),
              KGO.sequence: ox.Literal(str(number), datatype=node_of("http://www.w3.org/2001/XMLSchema#integer")),
              KGO.decidedAt: ox.Literal(datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S"),
                                        datatype=node_of("http://www.w3.org/2001/XMLSchema#dateTime"))}
    if decision.other:
        values[KGO.mergedEntity] = ox.NamedNode(decision.other)
    if decision.form:
        values[KGO.form] = ox.Literal(decision.form)
    lines = [f"<{node}> {TYPE} {node_of(KGO.Decision)} ."] + [f"<{node}> <{p}> {o} ." for p, o in values.items()]
    return decision, f"INSERT DATA {{ GRAPH <{DECISIONS}> {{\n" + "\n".join(lines) + "\n} }"


def rewrite(store: ox.Store, decision: Decision, graphs: list[str]) -> tuple[Decision, int]:
    """Record the decision and re-derive ``graphs`` with it, in one transaction; the graphs changed."""
    decision, recorded = record(store, decision)
    removed: dict[tuple, set[str]] = {}
    added: dict[tuple, set[str]] = {}
    for name in graphs:
        node = ox.NamedNode(name)
        after = Triples(view(store, node, decision))
        before = set(after)
        apply_to(after, name, [decision])
        for triple in before - after:
            removed.setdefault(triple, set()).add(name)
        for triple in after - before:
            added.setdefault(triple, set()).add(name)
    store.update(" ;\n".join([recorded, *changes(store, removed, added)]))
    return decision, len({name for names in (*removed.values(), *added.values()) for name in names})


def statement_view(store: ox.Store, graph: ox.NamedNode) -> list[ox.Quad]:
    """An article graph's statements' types, subjects, predicates and objects, and the direct triples they stand for."""
    quads = list(store.quads_for_pattern(None, TYPE, node_of(KGO.Statement), graph))
    for role in (SUBJECT, PREDICATE, OBJECT):
        quads += store.quads_for_pattern(None, role, None, graph)
    for predicate in {q.object for q in quads if q.predicate == PREDICATE}:
        quads += store.quads_for_pattern(None, predicate, None, graph)
    return quads


def view(store: ox.Store, graph: ox.NamedNode, decision: Decision) -> list[ox.Quad]:
    """The triples of an article graph a decision reads or changes: for a merge, the statements (with their direct
    triples) and the merged entity's label; for a split, the statements, the entity's types and each form's own
    triples (an analyst's merge's trace; an extracted form's evidence, and the sentences of the entity's statements,
    which say where it stood for the entity). Reading only these, not every triple of hundreds of graphs
    (evidence, sentences, attributes), is most of a merge's or split's time saved."""
    if decision.action == "merge":
        labels = store.quads_for_pattern(ox.NamedNode(decision.other), LABEL, None, graph)
        return statement_view(store, graph) + list(labels)
    entity = ox.NamedNode(decision.entity)
    forms = [q.object for q in store.quads_for_pattern(entity, SURFACE_FORM, None, graph)
             if any(f.object.value == decision.form for f in store.quads_for_pattern(q.object, FORM, None, graph))]
    quads = statement_view(store, graph) + list(store.quads_for_pattern(entity, TYPE, None, graph))
    statements = {q.subject for q in quads if q.predicate in (SUBJECT, OBJECT) and q.object == entity}
    for form in forms:
        quads += [*store.quads_for_pattern(form, None, None, graph), *store.quads_for_pattern(None, None, form, graph)]
        if not any(store.quads_for_pattern(form, MERGED_ENTITY, None, graph)):  # an extracted form: its sentences
            quads += sentences(store, graph, [form, *statements])
            statements = set()  # read once, whatever the number of forms
    return quads


def sentences(store: ox.Store, graph: ox.NamedNode, nodes) -> list[ox.Quad]:
    """The evidence of each node (a statement or a form) with its selectors: where in the article it was read."""
    quads = [q for node in nodes for q in store.quads_for_pattern(node, EVIDENCE, None, graph)]
    evidence = [q.object for q in quads]
    quads += [q for e in evidence for q in store.quads_for_pattern(e, None, None, graph)]
    selectors = [q.object for q in quads if q.predicate == HAS_SELECTOR]
    return quads + [q for selector in selectors for q in store.quads_for_pattern(selector, None, None, graph)]


def changes(store: ox.Store, removed: dict[tuple, set[str]], added: dict[tuple, set[str]]) -> list[str]:
    """DELETE DATA and INSERT DATA for the article graphs and the merged default graph: a triple leaves the
    default graph when no article graph holds it any more."""
    def holders(triple: tuple) -> set[str]:
        return {q.graph_name.value for q in store.quads_for_pattern(*triple) if isinstance(q.graph_name, ox.NamedNode)}

    gone = [t for t, names in removed.items() if not (holders(t) - names) and t not in added]
    line = lambda triple: " ".join(map(str, triple))
    quads = lambda found: "\n".join(f"GRAPH <{g}> {{ {line(t)} }}" for t, names in found.items() for g in sorted(names))
    return [f"DELETE DATA {{ {quads(removed)} }}", f"INSERT DATA {{ {quads(added)} }}",
            "DELETE DATA { " + "\n".join(f"{line(t)} ." for t in gone) + " }",
            "INSERT DATA { " + "\n".join(f"{line(t)} ." for t in added) + " }"]


def local(path: str | Path | LocalStore) -> ox.Store:
    """The Oxigraph store of a store folder (or of a store already open)."""
    if isinstance(path, LocalStore):
        return path.inner
    if is_endpoint(path):
        raise KgError("merges and splits are kept in a local store", "give a store folder for --store")
    return open_local(Path(path), create=False).inner


def merge(path: str | Path | LocalStore, entity: str, other: str) -> tuple[Decision, int]:
    """Merge ``other`` into ``entity`` (names or IRIs) in the store at ``path`` (or an open local store);
    the decision and the number of article graphs re-derived."""
    store = local(path)
    kept, merged = entity_named(store, entity), entity_named(store, other)
    if kept == merged:
        raise KgError(f"'{entity}' and '{other}' are the same entity ({kept})", "name two different entities")
    graphs = [row[0].value for row in store.query(TOUCHED.format(merged))]
    return rewrite(store, Decision("merge", kept, other=merged), graphs)


def split(path: str | Path | LocalStore, entity: str, form: str) -> tuple[Decision, int]:
    """Split the surface form ``form`` off ``entity`` (a name or IRI) in the store at ``path``."""
    store = local(path)
    kept = entity_named(store, entity)
    query = (f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ <{kept}> <{KGO.surfaceForm}> ?f . "
             f"?f <{KGO.form}> {ox.Literal(form)} }} }}")
    graphs = [row[0].value for row in store.query(query)]
    if not graphs:
        raise KgError(f"'{form}' is not a surface form of {kept}", "kg entities --store S lists each entity's forms")
    return rewrite(store, Decision("split", kept, form=form), graphs)
