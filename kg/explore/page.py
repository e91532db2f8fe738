"""The interactive page: a pyvis network of the graph's entities and relations, offline and safe.

The page is drawn from :func:`kg.analytics.entity_network` (itself read from the RDF graph).
pyvis renders our own template (``kg/templates/page.html``), which inlines pyvis's bundled
vis-network instead of loading it from a CDN and carries the data as JSON blocks that the
page script turns into DOM elements with ``textContent``: article text is never parsed as HTML.
A Content-Security-Policy with the hashes of our two scripts blocks anything injected anyway.
"""
from __future__ import annotations

import base64
import hashlib
import html
import re
from importlib.resources import files
from pathlib import Path

import networkx as nx
from pyvis.network import Network
from rdflib import Graph

from kg.explore.analytics import Support, ego_network, entity_network, find_entity
from kg.iri import WIKIDATA_ID
from kg.lexicon import load_json
from kg.graph.export import cameo_class
from kg.graph.periods import time_span

TEMPLATES = Path(__file__).resolve().parent / "templates"
CSP_MARKER = "KG-CONTENT-SECURITY-POLICY"
SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
DENSE_LIMIT = 500  # networkx lays out larger graphs with SciPy only
LAYOUT_SPACING = 40  # pixels between neighbouring nodes, roughly
WEB_URL = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)



def _links(data: dict) -> list[dict]:
    return [{"label": f"Wikidata {q}", "url": f"https://www.wikidata.org/wiki/{q}"}
            for q in data["wikidata"] if WIKIDATA_ID.match(q)]


def _support(s: Support) -> dict:
    return {"sentence": s.sentence, "start": s.start, "end": s.end, "article": s.article,
            "url": s.article_url if s.article_url and WEB_URL.match(s.article_url) else None,
            "time": s.time, "confidence": s.confidence, "attributedTo": s.attributed_to}


def node_element(node: str, data: dict, degree: int, position: tuple[float, float] | None) -> dict:
    style = load_json("style/page.json")["entity_types"][data["type"]]
    element = {"id": node, "label": data["label"], "shape": style["shape"], "value": max(degree, 1),
               "color": style["color"], "kg": {"type": data["type"], "aliases": list(data["aliases"]),
                                               "iso3": data["iso3"], "links": _links(data), "degree": degree}}
    if position:
        element["x"], element["y"] = round(position[0], 1), round(position[1], 1)
    return element


def _curve(u: str, v: str, index: int) -> dict | bool:
    """Parallel edges between two nodes fan out on alternate sides so that none hides another."""
    if index == 0:
        return False
    side = 1 if index % 2 else -1
    side = side if u < v else -side
    return {"enabled": True, "type": "curvedCW" if side > 0 else "curvedCCW", "roundness": 0.25 * ((index + 1) // 2)}


def edge_element(u: str, v: str, data: dict, index: int) -> dict:
    status = load_json("style/page.json")["statuses"].get(data["status"], {"dashes": True})
    klass = cameo_class(data["cameo"])
    spans = [span for s in data["supports"] if (span := time_span(s.time))]
    label = data["label"] if data["status"] == "asserted" else f"{data['label']} ({data['status']})"
    return {"id": f"{u} {data['predicate']} {data['status']} {v}", "from": u, "to": v, "label": label,
            "color": {"color": klass["color"], "highlight": klass["color"], "hover": klass["color"]},
            "dashes": status["dashes"], "smooth": _curve(u, v, index),
            "width": 1 + min(len(data["supports"]), 4) * 0.5,
            "arrows": {"to": {"enabled": True}, "middle": {"enabled": "marker" in status,
                                                           "type": status.get("marker", "arrow")}},
            "kg": {"relation": data["predicate"], "relationLabel": data["label"], "status": data["status"],
                   "cameo": data["cameo"], "cameoClass": klass["name"], "tone": klass["tone"],
                   "supports": [_support(s) for s in data["supports"]],
                   "timeStart": min((a for a, _ in spans), default=None),
                   "timeEnd": max((b for _, b in spans), default=None)}}


def _spread(graph: nx.Graph) -> dict:
    """Unit-scale positions of a small graph: networkx's spring layout (dense, numpy only)."""
    if len(graph) < 2:
        return {n: (0.0, 0.0) for n in graph}
    return nx.spring_layout(graph, seed=0) if len(graph) < DENSE_LIMIT else nx.circular_layout(graph)


def community_layout(graph: nx.Graph, depth: int = 0) -> dict:
    """Positions for a large graph in seconds: Louvain communities are laid out as discs
    (spring layout of the community graph), and each community inside its disc.

    networkx's own spring layout needs SciPy and minutes above 500 nodes; this needs neither.
    """
    groups = nx.community.louvain_communities(graph, seed=0) if len(graph) >= DENSE_LIMIT else [set(graph)]
    if len(groups) == 1 or depth > 3:
        return {n: (x * LAYOUT_SPACING * len(graph) ** 0.5, y * LAYOUT_SPACING * len(graph) ** 0.5)
                for n, (x, y) in _spread(graph).items()}
    member = {n: i for i, group in enumerate(groups) for n in group}
    between = nx.Graph()
    between.add_nodes_from(range(len(groups)))
    for u, v in graph.edges():
        if member[u] != member[v]:
            weight = between.get_edge_data(member[u], member[v], {"weight": 0})["weight"]
            between.add_edge(member[u], member[v], weight=weight + 1)
    centres = _spread(between)
    reach = 1.8 * LAYOUT_SPACING * len(graph) ** 0.5
    positions = {}
    for i, group in enumerate(groups):
        inner = community_layout(graph.subgraph(group), depth + 1)
        cx, cy = centres[i]
        positions.update({n: (cx * reach + x, cy * reach + y) for n, (x, y) in inner.items()})
    return positions


def layout(net: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Positions computed here for large graphs, so the browser shows them at once."""
    if len(net) <= load_json("style/page.json")["large_graph"]["nodes"]:
        return {}
    return community_layout(nx.Graph(net))


def network_elements(net: nx.MultiDiGraph) -> tuple[list[dict], list[dict]]:
    """The vis-network nodes and edges of an entity network, in a stable order."""
    positions = layout(net)
    nodes = [node_element(n, net.nodes[n], net.degree(n), positions.get(n)) for n in sorted(net)]
    edges, seen = [], {}
    for u, v, key in sorted(net.edges(keys=True)):
        pair = tuple(sorted((u, v)))
        seen[pair] = seen.get(pair, -1) + 1
        edges.append(edge_element(u, v, net.edges[u, v, key], seen[pair]))
    return nodes, edges


def vis_options(large: bool) -> dict:
    """vis-network options: physics that stabilises then stops, or none when the layout came from Python."""
    style = load_json("style/page.json")
    options = dict(style["vis"])
    for section, values in (style["large_graph"]["vis"] if large else {}).items():
        options[section] = {**options.get(section, {}), **values}
    return options


def _legend() -> dict:
    style, cameo = load_json("style/page.json"), load_json("style/cameo.json")
    return {"types": [{"name": k, **v} for k, v in style["entity_types"].items()],
            "statuses": [{"name": k, **v} for k, v in style["statuses"].items()],
            "classes": [{"name": k, "color": v["color"], "tone": v["tone"]} for k, v in cameo["classes"].items()]
            + [dict(cameo["fact"])]}


def _with_csp(page: str) -> str:
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'"
                      for s in SCRIPT.findall(page))
    policy = (f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data:; "
              "base-uri 'none'; form-action 'none'")
    return page.replace(CSP_MARKER, policy, 1)


def render_network(net: nx.MultiDiGraph, title: str = "Knowledge graph") -> str:
    """A self-contained HTML page of an entity network: no network access needed to open it."""
    page = Network(height="100%", width="100%", directed=True, cdn_resources="in_line", heading=title)
    page.set_template_dir([str(TEMPLATES), str(files("pyvis") / "templates")], "page.html")
    nodes, edges = network_elements(net)
    for node in nodes:
        page.add_node(node.pop("id"), **node)
    for edge in edges:
        page.add_edge(edge.pop("from"), edge.pop("to"), **edge)
    page.options = {"vis": vis_options(large=bool(nodes) and "x" in nodes[0]), "legend": _legend()}
    return _with_csp(page.generate_html(name="graph.html"))


def render_page(graph: Graph, title: str = "Knowledge graph") -> str:
    """The page of an RDF graph's entities and relations."""
    return render_network(entity_network(graph), title)


def embed_page(page: str, height: int = 650) -> str:
    """The page inside an ``iframe srcdoc``, for notebooks: it runs isolated, under its own policy."""
    return (f'<div class="kg-page"><iframe srcdoc="{html.escape(page, quote=True)}" '
            f'style="width:100%;height:{int(height)}px;border:1px solid #ddd" '
            'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"></iframe></div>')


def render_ego_page(graph: Graph, name: str, radius: int = 1) -> str:
    """The page of one entity's ego network: it, its neighbours up to ``radius`` hops, their relations."""
    net = entity_network(graph)
    ego = ego_network(net, name, radius)
    label = net.nodes[find_entity(net, name)]["label"]
    return render_network(ego, f"{label}: {radius}-hop neighbourhood")
