"""The interactive page: a pyvis network of the graph's entities and relations, offline.

pyvis's templates load vis-network and Bootstrap from CDNs; this module inlines
pyvis's own bundled copy of vis-network and drops every remote reference.
"""
from __future__ import annotations

import html
import json
import re
from importlib.resources import files

from rdflib import RDF, RDFS, Graph

from .vocab import KGO

TYPE_STYLE = {"Country": ("#1f77b4", "dot"), "Territory": ("#17becf", "diamond"), "Place": ("#2ca02c", "triangle"),
              "Person": ("#ff7f0e", "star"), "Organization": ("#9467bd", "square"), "Product": ("#8c564b", "hexagon")}


def vis_assets() -> tuple[str, str]:
    lib = files("pyvis") / "templates" / "lib" / "vis-9.1.2"
    return (lib / "vis-network.min.js").read_text(encoding="utf-8"), (lib / "vis-network.css").read_text(encoding="utf-8")


def graph_elements(graph: Graph) -> tuple[list[dict], list[dict]]:
    """Nodes and edges of the page, read from the RDF graph."""
    nodes = {}
    for node, type_ in graph.subject_objects(RDF.type):
        name = str(type_).removeprefix(str(KGO))
        if name in TYPE_STYLE:
            color, shape = TYPE_STYLE[name]
            nodes[str(node)] = {"id": str(node), "label": str(graph.value(node, RDFS.label) or node),
                                "group": name, "color": color, "shape": shape, "title": name}
    edges = []
    for statement in sorted(graph.subjects(RDF.type, KGO.Statement)):
        subject, predicate, obj = (graph.value(statement, p) for p in (RDF.subject, RDF.predicate, RDF.object))
        if str(subject) not in nodes or str(obj) not in nodes:
            continue
        label = str(graph.value(predicate, RDFS.label) or str(predicate).removeprefix(str(KGO)))
        status = str(graph.value(statement, KGO.status) or "asserted")
        edges.append({"from": str(subject), "to": str(obj), "label": label, "arrows": "to",
                      "dashes": status not in ("asserted", "former"), "status": status,
                      "title": f"{label} ({status})"})
    return sorted(nodes.values(), key=lambda n: n["id"]), edges


PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<style>{css}
body {{ font-family: sans-serif; margin: 0; }} #graph {{ width: 100vw; height: 92vh; }}
#bar {{ padding: 6px; }}</style>
<script>{js}</script></head>
<body><div id="bar"><input id="search" placeholder="Search entity"> <span id="count"></span></div>
<div id="graph"></div>
<script>
const nodes = new vis.DataSet({nodes});
const edges = new vis.DataSet({edges});
const network = new vis.Network(document.getElementById("graph"), {{nodes, edges}},
  {{physics: {{stabilization: {{iterations: 300}}}}, edges: {{font: {{size: 10}}, smooth: {{type: "dynamic"}}}}}});
network.once("stabilizationIterationsDone", () => network.setOptions({{physics: false}}));
document.getElementById("count").textContent = nodes.length + " entities, " + edges.length + " relations";
document.getElementById("search").addEventListener("change", (event) => {{
  const term = event.target.value.toLowerCase();
  const hit = nodes.get().find((n) => n.label.toLowerCase().includes(term));
  if (hit) {{ network.selectNodes([hit.id]); network.focus(hit.id, {{scale: 1.5}}); }}
}});
</script></body></html>
"""


def safe_json(value) -> str:
    """JSON that cannot close a script element, whatever the article text holds."""
    return re.sub(r"[<>&\u2028\u2029]", lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, ensure_ascii=False))


def render_page(graph: Graph, title: str = "Knowledge graph") -> str:
    """A self-contained HTML page of the graph: no network needed to open it."""
    js, css = vis_assets()
    nodes, edges = graph_elements(graph)
    return PAGE.format(title=html.escape(title), css=css, js=js.replace("</script", "<\\/script"),
                       nodes=safe_json(nodes), edges=safe_json(edges))
