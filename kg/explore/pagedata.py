"""The page's data: every entity, relation, article and community of a network, and what opens first.

All of it goes into the page (one JSON block); the page draws only the overview and what the analyst
opens. A graph of more than ``overview.nodes`` entities comes laid out (:mod:`kg.explore.layout`) and
opens on its most connected entities, its largest communities as clusters of their leading members,
and the strongest relations among them; a smaller one is drawn whole and laid out by the browser.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import networkx as nx

from kg.explore.layout import communities, positions, weights
from kg.explore.network import Entities, Support
from kg.explore.pack import Table
from kg.explore.relations import Relation, contradictions, grouped, relations
from kg.graph.export import cameo_class
from kg.graph.periods import time_span
from kg.iri import WIKIDATA_ID
from kg.lexicon import load_json

WEB_URL = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)
span_of = lru_cache(maxsize=4096)(time_span)  # a corpus names few distinct times, each many times


def _links(data: dict) -> list[dict]:
    return [{"label": f"Wikidata {q}", "url": f"https://www.wikidata.org/wiki/{q}"}
            for q in data["wikidata"] if WIKIDATA_ID.match(q)]


def _articles(found: list[Relation]) -> dict[str, int]:
    return {iri: i for i, iri in enumerate(sorted({s.article_iri for r in found for s in r.supports}))}


def _article(s: Support) -> dict:
    return {"title": s.article, "url": s.article_url if s.article_url and WEB_URL.match(s.article_url) else None,
            "published": s.published, "source": s.source}


def _support(s: Support, articles: dict[str, int]) -> dict:
    """One statement; what it does not have is left out (the page holds a lot of them)."""
    record = {"sentence": s.sentence, "start": s.start, "end": s.end, "article": articles[s.article_iri],
              "time": s.time, "confidence": s.confidence, "attributedTo": s.attributed_to, "status": s.status,
              "role": s.role}
    return {k: v for k, v in record.items() if v is not None}


def _predicates(found: list[Relation]) -> dict[str, dict]:
    """What every relation of a predicate shares: label, CAMEO code, class, tone and colour."""
    table = {}
    for rel in found:
        if rel.predicate not in table:
            klass = cameo_class(rel.cameo)
            table[rel.predicate] = {"relation": rel.predicate, "label": rel.label, "cameo": rel.cameo,
                                    "cameoClass": klass["name"], "tone": klass["tone"], "color": klass["color"]}
    return table


def _line(kinds: tuple[str, ...]) -> tuple[object, str | None]:
    """Dashes and middle marker of an edge: solid if any statement is solid-styled, crossed if all are."""
    style = load_json("style/page.json")["statuses"]
    looks = [style.get(k, {"dashes": True}) for k in kinds] or [style["asserted"]]
    dashes = False if any(look["dashes"] is False for look in looks) else looks[0]["dashes"]
    return dashes, looks[0].get("marker") if all("marker" in look for look in looks) else None


def edge_record(rel: Relation, index: dict[str, int], predicates: dict[str, int], articles: dict[str, int],
                marks: list[dict], statements: Table) -> dict:
    """A relation, its statements added to ``statements`` (the edge keeps their number): ``p`` indexes the
    predicate table; no marker, time span or contradiction is left out."""
    spans = sorted({span for s in rel.supports if (span := span_of(s.time))})
    dashes, marker = _line(rel.statuses)
    record = {"from": index[rel.source], "to": index[rel.target], "p": predicates[rel.predicate],
              "statuses": list(rel.statuses), "dashes": dashes, "statements": len(rel.supports),
              "sources": rel.sources(), "stating": rel.sources("supporting"),
              "opposing": rel.sources("opposing", "ended"), "supports": len(rel.supports)}
    for s in rel.supports:
        statements.add(_support(s, articles))
    for key, value in (("marker", marker), ("spans", [list(s) for s in spans]), ("contradictions", marks)):
        if value:
            record[key] = value
    return record


def node_record(node: str, data: dict, degree: int, community: int, position: tuple | None) -> dict:
    record = {"id": node, "label": data["label"], "type": data["type"], "aliases": list(data["aliases"]),
              "iso3": data["iso3"], "links": _links(data), "degree": degree, "community": community}
    if position:
        record["x"], record["y"] = position
    return record


def timeline(found: list[Relation]) -> list[dict]:
    """Statements per month of their event time (the month it starts), every month from first to last."""
    counts: dict[str, int] = {}
    for rel in found:
        for s in rel.supports:
            if span := span_of(s.time):
                counts[span[0][:7]] = counts.get(span[0][:7], 0) + 1
    if not counts:
        return []
    (year, month), last = map(int, min(counts).split("-")), max(counts)
    months = []
    while (current := f"{year:04d}-{month:02d}") <= last:
        months.append({"month": current, "count": counts.get(current, 0)})
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _bend(record: dict, seen: dict[tuple[int, int], int]) -> dict:
    """Number the relations of each pair of entities, in edge order, so that the page fans them out (0 is
    straight); ``seen`` holds the last number of each pair."""
    pair = (min(record["from"], record["to"]), max(record["from"], record["to"]))
    record["bend"] = seen[pair] = seen.get(pair, -1) + 1
    return record


def _overview(nodes: list[dict], edges: Table, groups: list[list[int]], rank: list[int]) -> dict:
    """The entities, clusters and relations drawn first."""
    limits = load_json("style/page.json")["overview"]
    if len(nodes) <= limits["nodes"]:
        return {"large": False, "nodes": list(range(len(nodes))), "edges": list(range(edges.rows)), "clusters": []}
    ranked = sorted(range(len(nodes)), key=lambda n: rank[n])
    hubs = set(ranked[:limits["hubs"]])
    clusters = [{"community": g, "members": [n for n in group if n not in hubs][:limits["members"]]}
                for g, group in enumerate(groups[:limits["clusters"]]) if len(group) > 1]
    shown = hubs | {n for c in clusters for n in c["members"]}
    sources, statements = edges.values["sources"], edges.values["statements"]
    strongest = sorted((i for i, ends in enumerate(zip(edges.values["from"], edges.values["to"]))
                        if ends[0] in shown and ends[1] in shown), key=lambda i: (-sources[i], -statements[i], i))
    return {"large": True, "nodes": sorted(shown, key=lambda n: rank[n]), "edges": sorted(strongest[:limits["edges"]]),
            "clusters": [c for c in clusters if c["members"]]}


def _taken(found: list) -> Iterator:
    """The items of ``found``, each let go of by the list as it is given."""
    for i in range(len(found)):
        item, found[i] = found[i], None
        yield item


def page_data(net: nx.MultiDiGraph) -> dict:
    """Everything the page shows of an entity network, JSON-ready and in a stable order (its tables as
    :class:`kg.explore.pack.Table`)."""
    return data_of(dict(net.nodes(data=True)), relations(net))


def entities_data(found: Entities) -> dict:
    """What :func:`page_data` gives of the network of ``found``, without building it: each edge is let go
    of once grouped into its relation."""
    return data_of(found.nodes, grouped(found.ordered()))


def data_of(entities: dict[str, dict], found: list[Relation]) -> dict:
    """The page data of entities (node to attributes) and their relations. The edges and their statements
    are added to tables (a list per key, not a dict per record) last, each relation let go of once added."""
    order = sorted(entities)
    index = {node: i for i, node in enumerate(order)}
    attrs = [entities[n] for n in order]
    articles, marks, shared = _articles(found), contradictions(found), _predicates(found)
    degree = [0] * len(order)
    for rel in found:
        degree[index[rel.source]] += len(rel.supports) or 1
        degree[index[rel.target]] += len(rel.supports) or 1
    rank = [0] * len(order)
    for place, n in enumerate(sorted(range(len(order)), key=lambda n: (-degree[n], attrs[n]["label"]))):
        rank[n] = place
    large = len(order) > load_json("style/page.json")["overview"]["nodes"]
    groups = communities(len(order), weights(found, index))
    member = {n: g for g, group in enumerate(groups) for n in group}
    placed = positions(groups, rank) if large else [None] * len(order)
    nodes = [node_record(n, attrs[i], degree[i], member[i], placed[i]) for i, n in enumerate(order)]
    first = {s.article_iri: s for rel in found for s in rel.supports}
    sources, months = [_article(first[iri]) for iri in articles], timeline(found)
    del first
    predicates = {p: i for i, p in enumerate(shared)}
    statements, edges, seen = Table(), Table(), {}
    for i, rel in enumerate(_taken(found)):
        edges.add(_bend(edge_record(rel, index, predicates, articles, marks.get(i, []), statements), seen))
    return {"nodes": Table.of(nodes), "edges": edges, "predicates": list(shared.values()), "articles": sources,
            "communities": [{"size": len(g), "members": sorted(g, key=lambda n: rank[n])} for g in groups],
            "overview": _overview(nodes, edges, groups, rank), "timeline": months, "statements": statements}
