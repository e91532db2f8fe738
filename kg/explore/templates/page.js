/* The page script: tooltips, legend, filters and search over vis-network DataViews.
   Every piece of article text reaches the DOM through textContent or a property, never as HTML. */
(() => {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const read = (id) => JSON.parse($(id).textContent);
  const config = read("kg-config");
  const nodeItems = read("kg-nodes");
  const edgeItems = read("kg-edges");
  const nodeById = new Map(nodeItems.map((n) => [n.id, n]));
  const edgeById = new Map(edgeItems.map((e) => [e.id, e]));

  function el(tag, text, className) {
    const element = document.createElement(tag);
    if (text !== undefined && text !== null) element.textContent = String(text);
    if (className) element.className = className;
    return element;
  }
  const present = (v) => v !== undefined && v !== null && v !== "" && !(Array.isArray(v) && v.length === 0);
  const unique = (values) => [...new Set(values.filter(present))];

  function rows(pairs) {
    const list = el("dl");
    for (const [key, value] of pairs) {
      if (present(value)) list.append(el("dt", key), el("dd", Array.isArray(value) ? value.join(", ") : value));
    }
    return list;
  }

  function link(label, url) {
    const anchor = el("a", label);
    if (/^https?:\/\//i.test(url || "")) {
      anchor.href = url;
      anchor.target = "_blank";
      anchor.rel = "noopener noreferrer";
    }
    return anchor;
  }

  function nodeCard(node) {
    const card = el("div", null, "card");
    card.append(el("h3", node.label), rows([["Type", node.kg.type], ["Aliases", node.kg.aliases],
      ["ISO 3166", node.kg.iso3], ["Relations", node.kg.degree], ["IRI", node.id]]));
    if (node.kg.links.length) {
      const links = el("div", "Links: ");
      node.kg.links.forEach((l, i) => links.append(i ? ", " : "", link(l.label, l.url)));
      card.append(links);
    }
    return card;
  }

  function sourceLine(s) {
    const line = el("div", null, "source");
    line.append(s.url ? link(s.article, s.url) : el("span", s.article));
    const extra = [present(s.start) ? `chars ${s.start}\u2013${s.end}` : "", s.time ? `time ${s.time}` : "",
      present(s.confidence) ? `confidence ${s.confidence}` : "", s.attributedTo ? `according to ${s.attributedTo}` : ""];
    line.append(el("span", extra.filter(Boolean).map((x) => ` \u00b7 ${x}`).join("")));
    return line;
  }

  function edgeCard(edge, limit) {
    const k = edge.kg;
    const card = el("div", null, "card");
    card.append(el("h3", `${nodeById.get(edge.from).label} \u2192 ${k.relationLabel} \u2192 ${nodeById.get(edge.to).label}`));
    card.append(rows([["Status", k.status], ["CAMEO", k.cameo ? `${k.cameo} (${k.cameoClass})` : k.cameoClass],
      ["Time", unique(k.supports.map((s) => s.time))], ["Confidence", unique(k.supports.map((s) => s.confidence))],
      ["Attributed to", unique(k.supports.map((s) => s.attributedTo))], ["Source", unique(k.supports.map((s) => s.article))]]));
    for (const s of k.supports.slice(0, limit)) card.append(el("blockquote", s.sentence, "evidence"), sourceLine(s));
    if (!k.supports.length) card.append(el("div", "No evidence recorded.", "source"));
    if (k.supports.length > limit) card.append(el("div", `+ ${k.supports.length - limit} more: click the relation`, "source"));
    return card;
  }

  // ---- filters ----
  const state = {
    types: new Set(nodeItems.map((n) => n.kg.type)),
    statuses: new Set(edgeItems.map((e) => e.kg.status)),
    relations: new Set(edgeItems.map((e) => e.kg.relation)),
    from: "", to: "", undated: true,
  };
  const full = { statuses: state.statuses.size, relations: state.relations.size };
  let visibleNodes = new Set(nodeItems.map((n) => n.id));
  let visibleEdges = new Set(edgeItems.map((e) => e.id));

  function edgePasses(edge) {
    const k = edge.kg;
    if (!state.relations.has(k.relation) || !state.statuses.has(k.status)) return false;
    if (!state.types.has(nodeById.get(edge.from).kg.type) || !state.types.has(nodeById.get(edge.to).kg.type)) return false;
    if (!k.timeStart) return state.undated;
    return (!state.from || k.timeEnd >= state.from) && (!state.to || k.timeStart <= state.to);
  }

  function compute() {
    visibleEdges = new Set(edgeItems.filter(edgePasses).map((e) => e.id));
    const edgeFilter = state.statuses.size < full.statuses || state.relations.size < full.relations
      || state.from || state.to || !state.undated;
    const touched = new Set();
    for (const e of edgeItems) if (visibleEdges.has(e.id)) touched.add(e.from).add(e.to);
    visibleNodes = new Set(nodeItems.filter((n) => state.types.has(n.kg.type) && (!edgeFilter || touched.has(n.id)))
      .map((n) => n.id));
  }

  const nodes = new vis.DataSet(nodeItems.map((n) => Object.assign({}, n, { title: nodeCard(n) })));
  const edges = new vis.DataSet(edgeItems.map((e) => Object.assign({}, e, { title: edgeCard(e, 3) })));
  const nodeView = new vis.DataView(nodes, { filter: (n) => visibleNodes.has(n.id) });
  const edgeView = new vis.DataView(edges, { filter: (e) => visibleEdges.has(e.id) });

  function apply() {
    compute();
    nodeView.refresh();
    edgeView.refresh();
    $("counts").textContent = `${visibleNodes.size} of ${nodeItems.length} entities \u00b7 `
      + `${visibleEdges.size} of ${edgeItems.length} relations`;
  }

  function checkbox(list, set, value, decorate, count) {
    const item = el("li");
    const label = el("label");
    const box = el("input");
    box.type = "checkbox";
    box.checked = set.has(value);
    box.value = value;
    box.addEventListener("change", () => { box.checked ? set.add(value) : set.delete(value); apply(); });
    label.append(box, ...decorate, el("span", count, "count"));
    item.append(label);
    list.append(item);
  }

  function countBy(items, key) {
    const counts = new Map();
    for (const item of items) counts.set(key(item), (counts.get(key(item)) || 0) + 1);
    return counts;
  }

  function lineSample(status) {
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", "34");
    svg.setAttribute("height", "10");
    const line = document.createElementNS(ns, "line");
    for (const [k, v] of [["x1", 1], ["y1", 5], ["x2", 33], ["y2", 5], ["stroke", "#444"], ["stroke-width", 2]]) line.setAttribute(k, v);
    if (status.dashes) line.setAttribute("stroke-dasharray", (Array.isArray(status.dashes) ? status.dashes : [5, 5]).join(" "));
    svg.append(line);
    if (status.marker) {
      const bar = document.createElementNS(ns, "line");
      for (const [k, v] of [["x1", 17], ["y1", 0], ["x2", 17], ["y2", 10], ["stroke", "#444"], ["stroke-width", 2]]) bar.setAttribute(k, v);
      svg.append(bar);
    }
    return svg;
  }

  function buildPanel() {
    const types = countBy(nodeItems, (n) => n.kg.type);
    for (const t of config.legend.types.filter((t) => types.has(t.name))) {
      const glyph = el("span", t.glyph, "glyph");
      glyph.style.color = t.color;
      checkbox($("filter-types"), state.types, t.name, [glyph, el("span", t.name)], types.get(t.name));
    }
    const statuses = countBy(edgeItems, (e) => e.kg.status);
    for (const s of config.legend.statuses.filter((s) => statuses.has(s.name))) {
      const name = el("span", s.name);
      name.title = s.description;
      checkbox($("filter-statuses"), state.statuses, s.name, [lineSample(s), name], statuses.get(s.name));
    }
    const relations = countBy(edgeItems, (e) => e.kg.relation);
    const byRelation = new Map(edgeItems.map((e) => [e.kg.relation, e]));
    const sorted = [...byRelation.values()].sort((a, b) => a.kg.relationLabel.localeCompare(b.kg.relationLabel));
    for (const e of sorted) {
      const swatch = el("span", null, "swatch");
      swatch.style.background = e.color.color;
      checkbox($("filter-relations"), state.relations, e.kg.relation, [swatch, el("span", e.kg.relationLabel)],
        relations.get(e.kg.relation));
    }
    const classes = countBy(edgeItems, (e) => e.kg.cameoClass);
    for (const c of config.legend.classes) {
      const item = el("li");
      const swatch = el("span", null, "swatch");
      swatch.style.background = c.color;
      item.append(swatch, el("span", ` ${c.name} (${c.tone})`), el("span", classes.get(c.name) || 0, "count"));
      $("legend-classes").append(item);
    }
    const setAll = (on) => {
      for (const box of $("filter-relations").querySelectorAll("input")) box.checked = on;
      edgeItems.forEach((e) => (on ? state.relations.add(e.kg.relation) : state.relations.delete(e.kg.relation)));
      apply();
    };
    $("relations-all").addEventListener("click", () => setAll(true));
    $("relations-none").addEventListener("click", () => setAll(false));
    for (const [id, key] of [["time-from", "from"], ["time-to", "to"]]) {
      $(id).addEventListener("change", (event) => { state[key] = event.target.value; apply(); });
    }
    $("time-undated").addEventListener("change", (event) => { state.undated = event.target.checked; apply(); });
    for (const label of [...new Set(nodeItems.map((n) => n.label))].sort()) {
      const option = el("option");
      option.value = label;
      $("kg-labels").append(option);
    }
  }

  // ---- network, search, details ----
  const options = config.vis;
  const network = new vis.Network($("graph"), { nodes: nodeView, edges: edgeView }, options);
  const showDetails = (card) => $("details").replaceChildren(card);

  function settle() {
    network.setOptions({ physics: { enabled: false } });
    document.body.dataset.settled = "true";
    $("status").textContent = "";
  }
  network.on("stabilizationProgress", (p) => {
    $("status").textContent = `laying out\u2026 ${Math.round((100 * p.iterations) / p.total)}%`;
  });
  network.once("stabilizationIterationsDone", settle);
  if (!nodeItems.length || !options.physics.enabled) settle();

  network.on("click", (params) => {
    if (params.nodes.length) showDetails(nodeCard(nodeById.get(params.nodes[0])));
    else if (params.edges.length) showDetails(edgeCard(edgeById.get(params.edges[0]), Infinity));
  });

  function find(term) {
    const wanted = term.trim().toLowerCase();
    if (!wanted) return null;
    const names = (n) => [n.label, ...n.kg.aliases].map((x) => x.toLowerCase());
    const match = nodeItems.find((n) => names(n).includes(wanted))
      || nodeItems.find((n) => names(n).some((x) => x.includes(wanted)));
    if (!match) {
      $("status").textContent = `no entity matches \u201c${term.trim()}\u201d`;
      return null;
    }
    if (!visibleNodes.has(match.id)) {
      $("status").textContent = `${match.label} is hidden by the filters`;
      return null;
    }
    $("status").textContent = "";
    network.selectNodes([match.id]);
    network.focus(match.id, { scale: 1.4, animation: { duration: 300 } });
    showDetails(nodeCard(match));
    return match.id;
  }
  $("search").addEventListener("keydown", (event) => { if (event.key === "Enter") find(event.target.value); });
  $("search").addEventListener("change", (event) => find(event.target.value));

  buildPanel();
  apply();
  window.kgPage = { network, nodes, edges, nodeView, edgeView, state, apply, find,
    visible: () => ({ nodes: [...visibleNodes], edges: [...visibleEdges] }) };
})();
