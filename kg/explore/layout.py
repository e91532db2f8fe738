"""Communities and seeded positions for the page of a large graph, in time linear in the graph.

Communities are igraph's multilevel (Louvain) partition, seeded, so the same graph opens the same way;
each community is a disc (most connected members at its centre, on a sunflower spiral) and the discs
are laid out by networkx's spring layout of the graph of communities. networkx's own Louvain and
spring layout take minutes at 50,000 entities; this takes about a second.
"""
from __future__ import annotations

import math
import random
from collections.abc import Sequence

import igraph
import networkx as nx

SPACING = 40  # pixels between neighbouring entities, roughly
LAID_OUT = 300  # the largest communities laid out by force; the rest ring them
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def communities(size: int, weights: dict[tuple[int, int], float]) -> list[list[int]]:
    """Groups of node indices (``weights`` maps index pairs to edge weights), largest first, each by index."""
    if not weights:
        return [[i] for i in range(size)]
    graph = igraph.Graph(n=size, edges=list(weights))
    graph.es["weight"] = list(weights.values())
    igraph.set_random_number_generator(random.Random(0))
    try:
        membership = graph.community_multilevel(weights="weight").membership
    finally:
        igraph.set_random_number_generator(random)
    groups: dict[int, list[int]] = {}
    for node, group in enumerate(membership):
        groups.setdefault(group, []).append(node)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))


def _centres(groups: Sequence[Sequence[int]], member: list[int], weights: dict) -> list[tuple[float, float]]:
    """Unit-scale centres: the largest communities by spring layout, the others on a ring around them."""
    shown = min(len(groups), LAID_OUT)
    between = nx.Graph()
    between.add_nodes_from(range(shown))
    for (u, v), weight in weights.items():
        a, b = member[u], member[v]
        if a != b and a < shown and b < shown:
            between.add_edge(a, b, weight=between.get_edge_data(a, b, {"weight": 0})["weight"] + weight)
    spread = nx.spring_layout(between, seed=0) if shown > 1 else {0: (0.0, 0.0)}
    centres = [tuple(spread[i]) for i in range(shown)]
    for k in range(len(groups) - shown):
        radius = 1.15 + 0.02 * math.sqrt(k)
        centres.append((radius * math.cos(k * GOLDEN_ANGLE), radius * math.sin(k * GOLDEN_ANGLE)))
    return centres


def positions(groups: Sequence[Sequence[int]], rank: Sequence[int],
              weights: dict[tuple[int, int], float]) -> list[tuple[float, float]]:
    """A position per node index: ``groups`` from :func:`communities`, ``rank`` orders members (lower first)."""
    member = [0] * len(rank)
    for g, group in enumerate(groups):
        for node in group:
            member[node] = g
    centres = _centres(groups, member, weights)
    reach = SPACING * math.sqrt(len(rank))
    placed = [(0.0, 0.0)] * len(rank)
    for g, group in enumerate(groups):
        cx, cy = centres[g]
        for k, node in enumerate(sorted(group, key=lambda n: rank[n])):
            r = 0.8 * SPACING * math.sqrt(k)
            placed[node] = (round(cx * reach + r * math.cos(k * GOLDEN_ANGLE), 1),
                            round(cy * reach + r * math.sin(k * GOLDEN_ANGLE), 1))
    return placed
