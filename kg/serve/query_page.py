"""The plain query page ``kg serve`` shows at ``/``: no CDN, no outside request, inline code pinned by a CSP."""
from __future__ import annotations

import base64
import hashlib

STYLE = """body{font:15px system-ui,sans-serif;margin:2em auto;max-width:70em;padding:0 1em}
textarea{width:100%;height:12em;font:14px monospace}table{border-collapse:collapse;margin-top:1em}
td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}
#status{margin-left:1em;color:#555}pre{background:#f6f6f6;padding:1em;overflow:auto}"""

SCRIPT = """const form = document.getElementById("form"), out = document.getElementById("out"),
  status = document.getElementById("status");
function cell(row, text, tag) { const c = document.createElement(tag); c.textContent = text; row.appendChild(c); }
function table(data) {
  const t = document.createElement("table"), head = document.createElement("tr");
  if (data.boolean !== undefined) { cell(head, String(data.boolean), "td"); t.appendChild(head); return t; }
  data.head.vars.forEach(v => cell(head, v, "th")); t.appendChild(head);
  data.results.bindings.forEach(b => { const r = document.createElement("tr");
    data.head.vars.forEach(v => cell(r, b[v] ? b[v].value : "", "td")); t.appendChild(r); });
  return t;
}
form.addEventListener("submit", async event => {
  event.preventDefault(); out.replaceChildren(); status.textContent = "running...";
  const started = performance.now();
  const response = await fetch("sparql", {method: "POST", body: new URLSearchParams({query: form.query.value}),
    headers: {Accept: "application/sparql-results+json, text/turtle;q=0.9"}});
  const text = await response.text(), type = response.headers.get("Content-Type") || "";
  const warning = response.headers.get("Warning");
  status.textContent = `${response.status} in ${Math.round(performance.now() - started)} ms` +
    (warning ? ` (${warning})` : "");
  if (response.ok && type.startsWith("application/sparql-results+json")) { out.appendChild(table(JSON.parse(text))); }
  else { const pre = document.createElement("pre"); pre.textContent = text; out.appendChild(pre); }
  document.body.dataset.done = "true";
});"""

EXAMPLE = "SELECT ?country ?label WHERE { ?country a kgo:Country ; rdfs:label ?label } ORDER BY ?label LIMIT 20"


def digest(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>kg SPARQL endpoint</title><style>{STYLE}</style></head>
<body><h1>kg SPARQL endpoint</h1>
<p>Query the knowledge graph with <a href="https://www.w3.org/TR/sparql11-query/">SPARQL 1.1</a>. The prefixes
kgo, kgr, rdf, rdfs, xsd, owl, prov, skos, dcterms, oa, wd, wdt and cameo are predefined. The endpoint for
programs is <code>/sparql</code>.</p>
<form id="form"><textarea name="query" spellcheck="false">{EXAMPLE}</textarea>
<p><button type="submit">Run</button><span id="status"></span></p></form>
<div id="out"></div><script>{SCRIPT}</script></body></html>""".encode("utf-8")

POLICY = (f"default-src 'none'; script-src {digest(SCRIPT)}; style-src {digest(STYLE)}; connect-src 'self'; "
          "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
