"""Graph analytics over the RDF graph: networkx for the network and paths, igraph for the heavy parts.

``entity_network`` (:mod:`kg.explore.network`) reads the RDF graph (the single source of truth) into a
networkx MultiDiGraph: one node per entity, one edge per (subject, relation, object, status) with
the evidence of every statement behind it. The page draws that network; the functions
below rank entities (betweenness by igraph), find communities (the page's own, :mod:`kg.explore.layout`),
explain how two entities are connected and cut out the ego network of one.
"""
from __future__ import annotations

import difflib
import random
from dataclasses import dataclass
from itertools import pairwise

import igraph
import networkx as nx
from rdflib import Graph

from kg.errors import KgError
from kg.explore.corroborate import Summary, summary
from kg.explore.layout import entity_communities
from kg.explore.network import Support, entity_network, paused_gc

BETWEENNESS_SAMPLE = 300  # above this many nodes betweenness is estimated from a seeded sample


@dataclass(frozen=True, slots=True)
class Hop:
    """One step of a path: the relations between two neighbouring entities, either way."""

    source: str
    target: str
    relations: tuple[tuple[str, str, str, str, tuple[Support, ...]], ...]  # (from, label, to, status, supports)


@dataclass(frozen=True, slots=True)
class Centrality:
    label: str
    type: str
    degree: int
    betweenness: float


@dataclass(frozen=True, slots=True)
class Analysis:
    """What ``kg analyze`` reports."""

    entities: int
    relations: int
    central: tuple[Centrality, ...]
    communities: tuple[tuple[str, ...], ...]
    paths: tuple[tuple[Hop, ...], ...] = ()
    between: tuple[str, str] | None = None
    sources: Summary | None = None


def find_entity(net: nx.MultiDiGraph, name: str) -> str:
    """The node whose IRI, label or alias is ``name`` (case-insensitive)."""
    wanted = name.casefold().strip()
    names: dict[str, str] = {}
    for node, data in net.nodes(data=True):
        for known in (node, data["label"], *data["aliases"]):
            names.setdefault(known.casefold(), node)
    if wanted in names:
        return names[wanted]
    close = difflib.get_close_matches(wanted, list(names), n=3, cutoff=0.6)
    hint = "did you mean " + ", ".join(repr(net.nodes[names[c]]["label"]) for c in close) + "?" if close \
        else "give an entity label, alias or IRI from the graph"
    raise KgError(f"no entity named '{name}' in the graph", hint)


def betweenness(net: nx.MultiDiGraph) -> dict[str, float]:
    """Each entity's betweenness, ignoring direction, normalised as networkx does (0 to 1); above
    ``BETWEENNESS_SAMPLE`` entities estimated from that many seeded sources. igraph computes it: networkx
    took 150 s for the sampled estimate at 50,000 entities."""
    order = sorted(net)
    n, index = len(order), {node: i for i, node in enumerate(order)}
    graph = igraph.Graph(n=n, edges=sorted({tuple(sorted((index[u], index[v]))) for u, v in net.edges() if u != v}))
    if n <= 2:
        return dict.fromkeys(order, 0.0)
    if n <= BETWEENNESS_SAMPLE:
        raw, scale = graph.betweenness(directed=False), 2 / ((n - 1) * (n - 2))
    else:
        sources = random.Random(0).sample(range(n), BETWEENNESS_SAMPLE)
        raw = graph.betweenness(directed=False, sources=sources)  # a path counted once, twice in networkx
        scale = 2 * n / BETWEENNESS_SAMPLE / ((n - 1) * (n - 2))
    return {node: value * scale for node, value in zip(order, raw)}


def central_entities(net: nx.MultiDiGraph, top: int = 10) -> tuple[Centrality, ...]:
    """The ``top`` entities by betweenness (brokers between parts of the graph), then degree."""
    between = betweenness(net)
    ranked = sorted(net, key=lambda n: (-between[n], -net.degree(n), net.nodes[n]["label"]))
    return tuple(Centrality(net.nodes[n]["label"], net.nodes[n]["type"], net.degree(n), round(between[n], 4))
                 for n in ranked[:top])


def communities(net: nx.MultiDiGraph) -> tuple[tuple[str, ...], ...]:
    """Groups of entities more connected to each other than to the rest: the page's communities (igraph's
    Leiden, seeded, each relation weighing its statements)."""
    groups = entity_communities(net)
    labelled = (tuple(sorted(net.nodes[n]["label"] for n in group)) for group in groups)
    return tuple(sorted(labelled, key=lambda g: (-len(g), g)))


def _hop(net: nx.MultiDiGraph, u: str, v: str) -> Hop:
    label = net.nodes
    relations = tuple((label[a]["label"], data["label"], label[b]["label"], data["status"], data["supports"])
                      for a, b in ((u, v), (v, u)) if net.has_edge(a, b)
                      for data in net.get_edge_data(a, b).values())
    return Hop(label[u]["label"], label[v]["label"], relations)


def connections(net: nx.MultiDiGraph, source: str, target: str, limit: int = 5) -> tuple[tuple[Hop, ...], ...]:
    """The shortest paths (ignoring direction) between two entities, each hop with its evidence."""
    start, end = find_entity(net, source), find_entity(net, target)
    undirected = net.to_undirected(as_view=True)
    if not nx.has_path(undirected, start, end):
        return ()
    paths = sorted(nx.all_shortest_paths(undirected, start, end), key=lambda p: [net.nodes[n]["label"] for n in p])
    return tuple(tuple(_hop(net, u, v) for u, v in pairwise(path)) for path in paths[:limit])


def ego_network(net: nx.MultiDiGraph, name: str, radius: int = 1) -> nx.MultiDiGraph:
    """The entity, its neighbours up to ``radius`` hops (either direction) and the relations among them."""
    return nx.ego_graph(net, find_entity(net, name), radius=radius, undirected=True).copy()


def analyze(graph: Graph, top: int = 10, between: tuple[str, str] | None = None) -> Analysis:
    """Central entities, communities and, if asked, how two entities are connected."""
    with paused_gc():
        net = entity_network(graph)
    return Analysis(entities=net.number_of_nodes(), relations=net.number_of_edges(),
                    central=central_entities(net, top), communities=communities(net),
                    paths=connections(net, *between) if between else (), between=between, sources=summary(graph))


def _evidence_lines(supports: tuple[Support, ...]) -> list[str]:
    lines = []
    for s in supports:
        where = f", chars {s.start}-{s.end}" if s.start is not None else ""
        extra = "".join(f", {k} {v}" for k, v in (("time", s.time), ("confidence", s.confidence),
                                                   ("according to", s.attributed_to)) if v is not None)
        lines.append(f'        "{" ".join(s.sentence.split())}"')
        lines.append(f"        ({s.article}{where}{extra})")
    return lines or ["        (no evidence recorded)"]


def format_analysis(analysis: Analysis) -> str:
    """The analysis as plain text for people."""
    lines = [f"{analysis.entities} entities, {analysis.relations} relations"]
    if analysis.sources:
        s = analysis.sources
        lines.append(f"{s.corroborated} relations stated by two or more independent sources, {s.single_source} by one; "
                     f"{s.contradictions} contradictions (kg query GRAPH contradictions lists them)")
    lines += ["", "Central entities:"]
    lines += [f"  {i:>2}. {c.label} ({c.type}): betweenness {c.betweenness:.3f}, degree {c.degree}"
              for i, c in enumerate(analysis.central, 1)]
    lines += ["", "Communities:"]
    lines += [f"  {i:>2}. {', '.join(group)}" for i, group in enumerate(analysis.communities, 1)]
    if analysis.between:
        source, target = analysis.between
        lines += ["", f"How is {source} connected to {target}?"]
        if not analysis.paths:
            lines.append("  not connected")
        for number, path in enumerate(analysis.paths, 1):
            lines.append(f"  Path {number}: " + " - ".join([path[0].source, *(hop.target for hop in path)]))
            for hop in path:
                for a, label, b, status, supports in hop.relations:
                    lines.append(f"      {a} -> {label} -> {b} [{status}]")
                    lines += _evidence_lines(supports)
    return "\n".join(lines) + "\n"
