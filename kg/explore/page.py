"""The interactive page: an offline vis-network page of the graph's entities and relations, safe and fast.

The page carries the whole graph as one JSON block (:func:`kg.explore.pagedata.page_data`, packed as
columns by :mod:`kg.explore.pack`) and draws only
what the analyst opens: the overview first, then what search, expand, a path or a community adds. pyvis
provides the template set and its bundled vis-network, inlined (no CDN). Article text reaches the DOM
only through ``textContent``, and a Content-Security-Policy with the hashes of our two scripts blocks
anything injected anyway.
"""
from __future__ import annotations

import base64
import hashlib
import html
import io
import os
import re
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
from pyvis.network import Network
from rdflib import RDF, Graph
from rdflib.namespace import DCTERMS

from kg.explore.analytics import ego_network, entity_network, find_entity
from kg.explore.network import paused_gc, read_entities
from kg.explore.pack import to_json, write_json
from kg.explore.pagedata import entities_data, page_data
from kg.explore.triples import GraphTriples, StoreTriples, triples_of
from kg.lexicon import load_json
from kg.vocab import KGO

TEMPLATES = Path(__file__).resolve().parent / "templates"
CSP_MARKER = "KG-CONTENT-SECURITY-POLICY"
SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
DATA_MARKER = "<kg-data/>"  # where the data block goes: a title or subtitle reaches the page escaped, never as this


def plural(count: int, noun: str, many: str | None = None) -> str:
    """``1 article``, ``2 articles``, ``1,200 entities``."""
    return f"{count:,} {noun if count == 1 else many or noun + 's'}"


def _articles(graph: Graph | ox.Store) -> tuple[list[str], GraphTriples | StoreTriples]:
    source = triples_of(graph)
    return sorted(set(source.subjects(str(RDF.type), str(KGO.Article)))), source


def corpus_line(graph: Graph | ox.Store) -> str:
    """What a graph's articles are: ``12 articles, 2021-09-02 to 2021-12-11``."""
    articles, source = _articles(graph)
    wanted = set(articles)
    dates = sorted(d[:10] for a, d in source.pairs(str(DCTERMS.issued)) if a in wanted)
    span = "" if not dates else f", {dates[0]}" if dates[0] == dates[-1] else f", {dates[0]} to {dates[-1]}"
    return plural(len(articles), "article") + span


def page_title(graph: Graph | ox.Store) -> str:
    """One article's title, or what the corpus is (``300 articles, 2021-08-01 to 2021-11-30``)."""
    articles, source = _articles(graph)
    if len(articles) == 1:
        return source.column(str(DCTERMS.title)).get(articles[0]) or source.column(str(KGO.articleId)).get(
            articles[0]) or "Article"
    return corpus_line(graph) if articles else "Knowledge graph"


def vis_options(large: bool) -> dict:
    """vis-network options: physics that stabilises then stops, or none when the layout came from Python."""
    style = load_json("style/page.json")
    options = dict(style["vis"])
    for section, values in (style["large_graph"]["vis"] if large else {}).items():
        options[section] = {**options.get(section, {}), **values}
    return options


def _config(large: bool) -> dict:
    style, cameo = load_json("style/page.json"), load_json("style/cameo.json")
    legend = {"types": [{"name": k, **v} for k, v in style["entity_types"].items()],
              "statuses": [{"name": k, **v} for k, v in style["statuses"].items()],
              "classes": [{"name": k, "color": v["color"], "tone": v["tone"]} for k, v in cameo["classes"].items()]
              + [dict(cameo["fact"])]}
    return {"vis": vis_options(large), "legend": legend, "overview": style["overview"],
            "contradiction": style["contradiction"]}


def _with_csp(page: str) -> str:
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'"
                      for s in SCRIPT.findall(page))
    policy = (f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data:; "
              "base-uri 'none'; form-action 'none'")
    return page.replace(CSP_MARKER, policy, 1)


def _write(data: dict, title: str, subtitle: str, write: Callable[[str], object]) -> None:
    """The page of ``data`` (:func:`page_data`) written a part at a time: its data block is written as it
    is packed, a column at a time (the block's text is never held whole, nor the page's)."""
    page = Network(heading=title, cdn_resources="in_line")  # pyvis: its template set and bundled vis-network
    page.set_template_dir([str(TEMPLATES), str(files("pyvis") / "templates")], "page.html")
    config = to_json(_config(data["overview"]["large"]))
    html_page = page.templateEnv.get_template(page.path).render(heading=title, subtitle=subtitle, data=DATA_MARKER,
                                                                config=config)
    head, tail = _with_csp(html_page).split(DATA_MARKER, 1)  # the data block is not a script the policy hashes
    write(head)
    write_json(data, write)
    write(tail)


def render_network(net: nx.MultiDiGraph, title: str = "Knowledge graph", subtitle: str = "") -> str:
    """A self-contained HTML page of an entity network: no network access needed to open it."""
    page = io.StringIO()
    with paused_gc():
        _write(page_data(net), title, subtitle, page.write)
    return page.getvalue()


def write_page(graph: Graph | ox.Store, path: Path, title: str | None = None) -> None:
    """Write the page of an RDF graph's entities and relations (or of a store's default graph, read without
    copying it into rdflib) to ``path``, a part at a time; ``title`` defaults to the article's title, or what
    the corpus is (``300 articles, 2021-08-01 to 2021-11-30``), which the header shows anyway."""
    with path.open("w", encoding="utf-8", newline="") as stream:
        _graph_page(graph, title, stream.write)
        stream.flush()
        os.fsync(stream.fileno())


def render_page(graph: Graph | ox.Store, title: str | None = None) -> str:
    """The page :func:`write_page` writes, as a string."""
    page = io.StringIO()
    _graph_page(graph, title, page.write)
    return page.getvalue()


def _graph_page(graph: Graph | ox.Store, title: str | None, write: Callable[[str], object]) -> None:
    title, subtitle = title or page_title(graph), corpus_line(graph)
    with paused_gc():
        _write(entities_data(read_entities(graph)), title, subtitle, write)


def embed_page(page: str, height: int = 650) -> str:
    """The page inside an ``iframe srcdoc``, for notebooks: it runs isolated, under its own policy."""
    return (f'<div class="kg-page"><iframe srcdoc="{html.escape(page, quote=True)}" '
            f'style="width:100%;height:{int(height)}px;border:1px solid #ddd" '
            'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"></iframe></div>')


def render_ego_page(graph: Graph, name: str, radius: int = 1) -> str:
    """The page of one entity's ego network: it, its neighbours up to ``radius`` hops, their relations."""
    with paused_gc():
        net = entity_network(graph)
    ego = ego_network(net, name, radius)
    label = net.nodes[find_entity(net, name)]["label"]
    return render_network(ego, f"{label}: {radius}-hop neighbourhood", corpus_line(graph))
