"""Communities and seeded positions for the page of a large graph, in time linear in the graph.

Communities are igraph's Leiden partition (modularity, two iterations), seeded, so the same graph opens
the same way; each community is a disc (most connected members at its centre, on a sunflower spiral) and the discs
lie on a sunflower spiral of their own, largest at the centre. networkx's own Louvain and spring
layout take minutes at 50,000 entities, igraph's Louvain 7-14 s; this takes under a second.
"""
from __future__ import annotations

import math
import random
from collections.abc import Sequence

import igraph
import networkx as nx

from kg.explore.relations import Relation, relations

LEIDEN_ITERATIONS = 2  # at 50,000 entities: 0.3 s, where Louvain (multilevel) took 7-14 s for a lower modularity
SPACING = 40  # pixels between neighbouring entities, roughly
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def communities(size: int, weights: dict[tuple[int, int], float]) -> list[list[int]]:
    """Groups of node indices (``weights`` maps index pairs to edge weights), largest first, each by index."""
    if not weights:
        return [[i] for i in range(size)]
    graph = igraph.Graph(n=size, edges=list(weights))
    graph.es["weight"] = list(weights.values())
    igraph.set_random_number_generator(random.Random(0))
    try:
        membership = graph.community_leiden("modularity", weights="weight", n_iterations=LEIDEN_ITERATIONS).membership
    finally:
        igraph.set_random_number_generator(random)
    groups: dict[int, list[int]] = {}
    for node, group in enumerate(membership):
        groups.setdefault(group, []).append(node)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))


def weights(found: Sequence[Relation], index: dict[str, int]) -> dict[tuple[int, int], float]:
    """Edge weights between node indices: each relation weighs its number of statements (at least 1)."""
    found_weights: dict[tuple[int, int], float] = {}
    for rel in found:
        u, v = sorted((index[rel.source], index[rel.target]))
        if u != v:
            found_weights[u, v] = found_weights.get((u, v), 0) + max(len(rel.supports), 1)
    return found_weights


def entity_communities(net: nx.MultiDiGraph) -> list[list[str]]:
    """The page's communities of an entity network, as node ids: largest first, each in node order."""
    order = sorted(net)
    groups = communities(len(order), weights(relations(net), {node: i for i, node in enumerate(order)}))
    return [[order[i] for i in group] for group in groups]


def _radius(size: int) -> float:
    return 0.8 * SPACING * math.sqrt(size)


def _centres(groups: Sequence[Sequence[int]]) -> list[tuple[float, float]]:
    """Community centres on a sunflower spiral, largest first, clear of the largest disc and of each other."""
    sizes = [len(g) for g in groups]
    step = 2.4 * _radius(max(1, round(sum(sizes[1:]) / max(len(sizes) - 1, 1))))
    first = _radius(sizes[0]) + step / 2 if sizes else 0.0
    centres = [(0.0, 0.0)]
    for k in range(1, len(groups)):
        r = first + step * math.sqrt(k - 1)
        centres.append((r * math.cos(k * GOLDEN_ANGLE), r * math.sin(k * GOLDEN_ANGLE)))
    return centres


def positions(groups: Sequence[Sequence[int]], rank: Sequence[int]) -> list[tuple[float, float]]:
    """A position per node index: ``groups`` from :func:`communities`, ``rank`` orders members (lower first):
    each community a disc, its members on a sunflower spiral, the most connected at its centre."""
    placed = [(0.0, 0.0)] * len(rank)
    for (cx, cy), group in zip(_centres(groups), groups):
        for k, node in enumerate(sorted(group, key=lambda n: rank[n])):
            r = 0.8 * SPACING * math.sqrt(k)
            angle = k * GOLDEN_ANGLE
            placed[node] = (round(cx + r * math.cos(angle), 1), round(cy + r * math.sin(angle), 1))
    return placed
