"""Communities and seeded positions for the page of a large graph, in time linear in the graph.

Communities are igraph's multilevel (Louvain) partition, seeded, so the same graph opens the same way;
each community is a disc (most connected members at its centre, on a sunflower spiral) and the discs
lie on a sunflower spiral of their own, largest at the centre. networkx's own Louvain and spring
layout take minutes at 50,000 entities; this takes about a second.
"""
from __future__ import annotations

import math
import random
from collections.abc import Sequence

import igraph

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
        membership = graph.community_multilevel(weights="weight").membership
    finally:
        igraph.set_random_number_generator(random)
    groups: dict[int, list[int]] = {}
    for node, group in enumerate(membership):
        groups.setdefault(group, []).append(node)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))


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
            placed[node] = (round(cx + r * math.cos(k * GOLDEN_ANGLE), 1), round(cy + r * math.sin(k * GOLDEN_ANGLE), 1))
    return placed
