"""One relation per (subject, predicate, object): the statements of every status between two entities,
drawn as one edge, and the contradictions among them (the rules of ``kg query contradictions``).

A symmetric predicate's two directions are one relation, as in the ``corroboration`` query. Independent
sources are counted as there: publisher, else the URL's domain, else the article.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

import networkx as nx

from kg.explore.corroborate import exclusive_rules, statuses
from kg.explore.network import Support
from kg.vocab import KGO

ROLE_NOISE = re.compile(r"^the | of$")


@dataclass(frozen=True, slots=True)
class Relation:
    """The statements of one (source, predicate, target); ``forward[i]``: statement i runs source to target."""

    source: str
    target: str
    predicate: str
    label: str
    cameo: str | None
    statuses: tuple[str, ...]
    supports: tuple[Support, ...]
    forward: tuple[bool, ...]

    def sources(self, *kinds: str) -> int:
        """Independent sources of the statements whose status is of ``kinds`` (all statements if none)."""
        wanted = _statuses(kinds)
        return len({s.source for s in self.supports if not kinds or s.status in wanted})


@lru_cache(maxsize=16)
def _statuses(kinds: tuple[str, ...]) -> frozenset[str]:
    return frozenset(status for kind in kinds for status in statuses(kind))


def relations(net: nx.MultiDiGraph) -> list[Relation]:
    """The relations of an entity network, in a stable order."""
    return grouped(net.edges(data=True))


def grouped(edges: Iterable[tuple[str, str, dict]]) -> list[Relation]:
    """The relations of (subject, object, attributes) edges, as networkx lists them, in a stable order; the
    few distinct status and direction tuples are shared between relations."""
    groups: dict[tuple[str, str, str], list] = {}
    for u, v, data in edges:
        swap = data.get("symmetric", False) and v < u
        key = (v, data["predicate"], u) if swap else (u, data["predicate"], v)
        group = groups.setdefault(key, [data["label"], data["cameo"], [], []])  # not the edge's attributes
        group[2].append(data["status"])
        group[3].extend((s, not swap) for s in data["supports"])
    found, shared = [], {}
    for (u, p, v) in sorted(groups):
        label, cameo, kinds, supports = groups.pop((u, p, v))  # each group let go of once it is a relation
        supports.sort(key=lambda pair: (pair[0].published or "", pair[0].article, pair[0].start or 0))
        kinds, forward = tuple(sorted(set(kinds))), tuple(f for _, f in supports)
        found.append(Relation(u, v, p, label, cameo, shared.setdefault(kinds, kinds),
                              tuple(s for s, _ in supports), shared.setdefault(forward, forward)))
    return found


def _role(support: Support) -> str:
    return ROLE_NOISE.sub("", (support.role or "").lower())


def _when(support: Support) -> str:
    return support.time or support.published or ""


def _overlap(a: Support, b: Support) -> bool:
    x, y = _when(a), _when(b)
    return not x or not y or x.startswith(y) or y.startswith(x)


def _disagree(rel: Relation) -> set[str]:
    """``denied`` and ``ended`` contradictions inside one relation."""
    supporting, opposing, ended = (_statuses((kind,)) for kind in ("supporting", "opposing", "ended"))
    kinds = set()
    for i, a in enumerate(rel.supports):
        if a.status not in supporting:
            continue
        for j, b in enumerate(rel.supports):
            if _role(a) != _role(b):
                continue
            if b.status in opposing:
                kinds.add("denied")
            elif b.status in ended and rel.forward[i] == rel.forward[j] and (_overlap(a, b) or _when(a) > _when(b)):
                kinds.add("ended")
    return kinds


def _holders(found: list[Relation]) -> dict[tuple[str, str, str, bool], list[tuple[int, Support]]]:
    """Supporting statements of exclusive predicates, by (predicate, object, role, at once)."""
    rules = {(str(KGO[r.predicate]), role): r.at_once for r in exclusive_rules() for role in r.roles or ("",)}
    supporting = set(statuses("supporting"))
    held: dict = {}
    for index, rel in enumerate(found):
        for s in rel.supports:
            at_once = rules.get((rel.predicate, _role(s)))
            if at_once is not None and s.status in supporting:
                held.setdefault((rel.predicate, rel.target, _role(s), at_once), []).append((index, s))
    return held


def contradictions(found: list[Relation]) -> dict[int, list[dict]]:
    """Per relation index, its contradictions: ``{"kind": denied|ended|exclusive, "with": relation index}``."""
    marks: dict[int, set[tuple[str, int]]] = {}
    for index, rel in enumerate(found):
        for kind in _disagree(rel):
            marks.setdefault(index, set()).add((kind, index))
    for (_, _, _, at_once), held in _holders(found).items():
        for (i, a), (j, b) in combinations(held, 2):
            if found[i].source != found[j].source and (_overlap(a, b) or not at_once):
                marks.setdefault(i, set()).add(("exclusive", j))
                marks.setdefault(j, set()).add(("exclusive", i))
    return {i: [{"kind": k, "with": w} for k, w in sorted(pairs)] for i, pairs in marks.items()}
