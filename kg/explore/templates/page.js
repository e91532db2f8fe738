/* The page script. The whole graph is in the kg-data block; only what the analyst opens is drawn:
   the overview, then what search, expand, a path, a community or a contradiction adds, each under a
   reason that collapsing takes away again. Filters are vis-network DataViews over what is drawn.
   Every piece of article text reaches the DOM through textContent or a property, never as HTML. */
(() => {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const read = (id) => JSON.parse($(id).textContent);
  const config = read("kg-config");
  const data = read("kg-data");

  // ---- the data block: nodes, edges and statements as columns (kg/explore/pack.py), unpacked here ----
  function values(column, rows) {  // one value per row; undefined where a row lacks the key
    if (Array.isArray(column)) return column;
    if (column.at) {
      const found = new Array(rows), given = values(column.values, column.at.length);
      column.at.forEach((row, k) => { found[row] = given[k]; });
      return found;
    }
    if (column.rest) return column.rest.map((rest) => column.prefix + rest);
    return column.codes.map((code) => column.table[code]);
  }
  function records(table, make, skip) {
    const found = Array.from({ length: table.rows }, make);
    for (const [key, column] of Object.entries(table.columns)) {
      if (key === skip) continue;
      const given = values(column, table.rows);
      for (let i = 0; i < table.rows; i++) if (given[i] !== undefined) found[i][key] = given[i];
    }
    return found;
  }
  const statementColumns = Object.entries(data.statements.columns).map(([key, column]) => [key, values(column, data.statements.rows)]);
  function statement(row) {
    const s = {};
    for (const [key, given] of statementColumns) if (given[row] !== undefined) s[key] = given[row];
    return s;
  }
  const predicates = data.predicates;
  class Edge {  // shared fields come from the predicate table; statements become objects when first shown
    constructor(index) { this.index = index; }
    get supports() {
      if (!this.cached) {
        const first = firstStatement[this.index];
        this.cached = Array.from({ length: statementCounts[this.index] }, (_, k) => statement(first + k));
      }
      return this.cached;
    }
  }
  for (const key of ["relation", "label", "cameo", "cameoClass", "tone", "color"]) {
    Object.defineProperty(Edge.prototype, key, { get() { return predicates[this.p][key]; } });
  }
  Edge.prototype.spans = Edge.prototype.contradictions = Object.freeze([]);  // what the data leaves out
  data.nodes = records(data.nodes, () => ({}));
  const statementCounts = values(data.edges.columns.supports || [], data.edges.rows);
  const firstStatement = new Int32Array(statementCounts.length);
  for (let i = 1; i < statementCounts.length; i++) firstStatement[i] = firstStatement[i - 1] + statementCounts[i - 1];
  data.edges = records(data.edges, (_, i) => new Edge(i), "supports");
  const N = data.nodes, E = data.edges, A = data.articles, limits = config.overview;
  const typeStyle = new Map(config.legend.types.map((t) => [t.name, t]));
  const indexOf = new Map(N.map((n, i) => [n.id, i]));
  const adjacency = N.map(() => []);
  E.forEach((e, i) => { adjacency[e.from].push(i); if (e.to !== e.from) adjacency[e.to].push(i); });
  const strengths = Float64Array.from(E, (e) => e.sources * 1000 + e.statements);
  adjacency.forEach((list) => list.sort((a, b) => strengths[b] - strengths[a] || a - b));
  const other = (i, n) => (E[i].from === n ? E[i].to : E[i].from);

  function el(tag, text, className) {
    const element = document.createElement(tag);
    if (text !== undefined && text !== null) element.textContent = String(text);
    if (className) element.className = className;
    return element;
  }
  const present = (v) => v !== undefined && v !== null && v !== "" && !(Array.isArray(v) && v.length === 0);
  const unique = (values) => [...new Set(values.filter(present))];
  const plural = (n, noun, many) => `${n.toLocaleString("en")} ${n === 1 ? noun : many || noun + "s"}`;
  function button(text, action) {
    const b = el("button", text);
    b.type = "button";
    b.addEventListener("click", action);
    return b;
  }
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

  // ---- cards ----
  const relationText = (i) => `${N[E[i].from].label} \u2192 ${E[i].label} \u2192 ${N[E[i].to].label}`;

  function nodeCard(i, actions) {
    const n = N[i];
    const card = el("div", null, "card");
    card.append(el("h3", n.label), rows([["Type", n.type], ["Aliases", n.aliases], ["ISO 3166", n.iso3],
      ["Relations", plural(adjacency[i].length, "relation")], ["Community", `${data.communities[n.community].size} entities`],
      ["IRI", n.id]]));
    if (n.links.length) {
      const links = el("div", "Links: ");
      n.links.forEach((l, k) => links.append(k ? ", " : "", link(l.label, l.url)));
      card.append(links);
    }
    if (actions) {
      card.append(expanded.has(i) ? button("collapse", () => collapse(i))
        : button(`expand (${plural(neighbours(i).length, "neighbour")})`, () => expand(i)));
    }
    return card;
  }

  function sourceLine(s) {
    const line = el("div", null, "source");
    const article = A[s.article];
    line.append(article.url ? link(article.title, article.url) : el("span", article.title));
    const extra = [article.published ? `published ${article.published.slice(0, 10)}` : "", s.status,
      s.time ? `time ${s.time}` : "", present(s.start) ? `chars ${s.start}\u2013${s.end}` : "",
      present(s.confidence) ? `confidence ${s.confidence}` : "", s.attributedTo ? `according to ${s.attributedTo}` : ""];
    line.append(el("span", extra.filter(Boolean).map((x) => ` \u00b7 ${x}`).join("")));
    return line;
  }

  function contradictionLines(i, actions) {
    const box = el("div", null, "contradiction");
    for (const c of E[i].contradictions) {
      const line = el("div", `${config.contradiction.symbol} ${c.kind}` + (c.with === i ? ": its statements disagree" : " with "));
      if (c.with !== i) line.append(actions ? button(relationText(c.with), () => showEdge(c.with)) : el("span", relationText(c.with)));
      box.append(line);
    }
    return box;
  }

  function edgeCard(i, limit, actions) {
    const e = E[i];
    const card = el("div", null, "card");
    card.append(el("h3", relationText(i)));
    card.append(rows([["Status", e.statuses], ["CAMEO", e.cameo ? `${e.cameo} (${e.cameoClass})` : e.cameoClass],
      ["Statements", e.statements], ["Sources", `${plural(e.sources, "independent source")} (${e.stating} stating, ${e.opposing} opposing)`],
      ["Time", unique(e.supports.map((s) => s.time))], ["Confidence", unique(e.supports.map((s) => s.confidence))],
      ["Attributed to", unique(e.supports.map((s) => s.attributedTo))]]));
    if (e.contradictions.length) card.append(contradictionLines(i, actions));
    for (const s of e.supports.slice(0, limit)) card.append(el("blockquote", s.sentence, "evidence"), sourceLine(s));
    if (!e.supports.length) card.append(el("div", "No evidence recorded.", "source"));
    if (e.supports.length > limit) card.append(el("div", `+ ${e.supports.length - limit} more: click the relation`, "source"));
    return card;
  }

  // ---- drawn items, each under the reasons it was opened for ----
  function edgeLabel(i) {
    const e = E[i], mark = e.contradictions.length ? `${config.contradiction.symbol} ` : "";
    return mark + (e.statuses.length === 1 && e.statuses[0] === "asserted" ? e.label : `${e.label} (${e.statuses.join(", ")})`);
  }
  function visNode(i) {
    const n = N[i], style = typeStyle.get(n.type) || {};
    const item = { id: n.id, label: n.label, shape: style.shape, color: style.color, value: Math.max(n.degree, 1),
      kgIndex: i, kg: n, title: nodeCard(i, false) };
    if ("x" in n) Object.assign(item, { x: n.x, y: n.y });
    return item;
  }
  function visEdge(i) {
    const e = E[i], width = Math.min(limits.max_width, 1 + limits.width_per_source * Math.max(e.sources - 1, 0));
    const item = { id: `e${i}`, from: N[e.from].id, to: N[e.to].id, label: labelsOn ? edgeLabel(i) : "", width,
      color: { color: e.color, highlight: e.color, hover: e.color }, dashes: e.dashes, kgIndex: i, kg: e,
      arrows: { to: { enabled: true }, middle: { enabled: !!e.marker, type: e.marker || "arrow" } }, title: edgeCard(i, 3, false) };
    if (e.bend) {  // the relations of one pair fan out on alternate sides, so that none hides another
      const side = (e.bend % 2 ? 1 : -1) * (e.from < e.to ? 1 : -1);
      item.smooth = { enabled: true, type: side > 0 ? "curvedCW" : "curvedCCW", roundness: 0.25 * Math.ceil(e.bend / 2) };
    }
    if (e.contradictions.length) item.background = { enabled: true, color: config.contradiction.color, size: 7 };
    return item;
  }

  const nodeReasons = new Map(), edgeReasons = new Map(), expanded = new Set();
  const nodes = new vis.DataSet(), edges = new vis.DataSet();
  let labelsOn = false;

  function addNodes(indices, reason) {
    const fresh = [];
    for (const i of indices) {
      if (!nodeReasons.has(i)) { nodeReasons.set(i, new Set()); fresh.push(visNode(i)); }
      nodeReasons.get(i).add(reason);
    }
    if (fresh.length) nodes.add(fresh);
  }
  function addEdges(indices, reason) {
    const fresh = [];
    for (const i of indices) {
      if (!nodeReasons.has(E[i].from) || !nodeReasons.has(E[i].to)) continue;
      if (!edgeReasons.has(i)) { edgeReasons.set(i, new Set()); fresh.push(visEdge(i)); }
      edgeReasons.get(i).add(reason);
    }
    if (fresh.length) edges.add(fresh);
  }
  function drop(reason) {
    const gone = [];
    for (const [i, reasons] of nodeReasons) if (reasons.delete(reason) && !reasons.size) { nodeReasons.delete(i); gone.push(i); }
    const goneNodes = new Set(gone), goneEdges = [];
    for (const [i, reasons] of edgeReasons) {
      if ((reasons.delete(reason) && !reasons.size) || goneNodes.has(E[i].from) || goneNodes.has(E[i].to)) {
        edgeReasons.delete(i);
        goneEdges.push(`e${i}`);
      }
    }
    edges.remove(goneEdges);
    nodes.remove(gone.map((i) => N[i].id));
  }
  const drawnEdgesOf = (i) => adjacency[i].filter((k) => nodeReasons.has(other(k, i)));

  // ---- filters ----
  const state = { types: new Set(N.map((n) => n.type)), statuses: new Set(E.flatMap((e) => e.statuses)),
    relations: new Set(E.map((e) => e.relation)), from: "", to: "", undated: true, contradictions: false };
  const full = { statuses: state.statuses.size, relations: state.relations.size };
  let touched = new Set();

  function edgePasses(i) {
    const e = E[i];
    if (!state.relations.has(e.relation) || !e.statuses.some((s) => state.statuses.has(s))) return false;
    if (!state.types.has(N[e.from].type) || !state.types.has(N[e.to].type)) return false;
    if (state.contradictions && !e.contradictions.length) return false;
    if (!e.spans.length) return state.undated;
    return e.spans.some(([a, b]) => (!state.from || b >= state.from) && (!state.to || a <= state.to));
  }
  const edgeFilter = () => state.statuses.size < full.statuses || state.relations.size < full.relations
    || state.from || state.to || !state.undated || state.contradictions;
  const nodePasses = (i) => state.types.has(N[i].type) && (!edgeFilter() || touched.has(i));
  const nodeView = new vis.DataView(nodes, { filter: (item) => nodePasses(item.kgIndex) });
  const edgeView = new vis.DataView(edges, { filter: (item) => edgePasses(item.kgIndex) });

  function apply() {
    touched = new Set();
    for (const i of edgeReasons.keys()) if (edgePasses(i)) touched.add(E[i].from).add(E[i].to);
    nodeView.refresh();
    edgeView.refresh();
    counts();
  }
  function counts() {
    const shownNodes = [...nodeReasons.keys()].filter(nodePasses).length;
    const shownEdges = [...edgeReasons.keys()].filter(edgePasses).length;
    $("counts").textContent = `${shownNodes.toLocaleString("en")} of ${plural(N.length, "entity", "entities")} \u00b7 `
      + `${shownEdges.toLocaleString("en")} of ${plural(E.length, "relation")} drawn`;
  }

  // ---- panel ----
  function checkbox(list, set, value, decorate, count) {
    const item = el("li"), label = el("label"), box = el("input");
    box.type = "checkbox";
    box.checked = set.has(value);
    box.value = value;
    box.addEventListener("change", () => { box.checked ? set.add(value) : set.delete(value); apply(); });
    label.append(box, ...decorate, el("span", count, "count"));
    item.append(label);
    list.append(item);
  }
  function countBy(items, key) {
    const found = new Map();
    for (const item of items) for (const k of [].concat(key(item))) found.set(k, (found.get(k) || 0) + 1);
    return found;
  }
  function lineSample(status) {
    const ns = "http://www.w3.org/2000/svg", svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", "34");
    svg.setAttribute("height", "10");
    const draw = (x1, y1, x2, y2) => {
      const line = document.createElementNS(ns, "line");
      for (const [k, v] of [["x1", x1], ["y1", y1], ["x2", x2], ["y2", y2], ["stroke", "#444"], ["stroke-width", 2]]) line.setAttribute(k, v);
      svg.append(line);
      return line;
    };
    const line = draw(1, 5, 33, 5);
    if (status.dashes) line.setAttribute("stroke-dasharray", (Array.isArray(status.dashes) ? status.dashes : [5, 5]).join(" "));
    if (status.marker) draw(17, 0, 17, 10);
    return svg;
  }

  function buildFilters() {
    const types = countBy(N, (n) => n.type);
    for (const t of config.legend.types.filter((t) => types.has(t.name))) {
      const glyph = el("span", t.glyph, "glyph");
      glyph.style.color = t.color;
      checkbox($("filter-types"), state.types, t.name, [glyph, el("span", t.name)], types.get(t.name));
    }
    const statuses = countBy(E, (e) => e.statuses);
    for (const s of config.legend.statuses.filter((s) => statuses.has(s.name))) {
      const name = el("span", s.name);
      name.title = s.description;
      checkbox($("filter-statuses"), state.statuses, s.name, [lineSample(s), name], statuses.get(s.name));
    }
    const relations = countBy(E, (e) => e.relation);
    const byRelation = new Map(E.map((e) => [e.relation, e]));
    for (const e of [...byRelation.values()].sort((a, b) => a.label.localeCompare(b.label))) {
      const swatch = el("span", null, "swatch");
      swatch.style.background = e.color;
      checkbox($("filter-relations"), state.relations, e.relation, [swatch, el("span", e.label)], relations.get(e.relation));
    }
    const classes = countBy(E, (e) => e.cameoClass);
    for (const c of config.legend.classes) {
      const item = el("li"), swatch = el("span", null, "swatch");
      swatch.style.background = c.color;
      item.append(swatch, el("span", ` ${c.name} (${c.tone})`), el("span", classes.get(c.name) || 0, "count"));
      $("legend-classes").append(item);
    }
    const setAll = (on) => {
      for (const box of $("filter-relations").querySelectorAll("input")) box.checked = on;
      E.forEach((e) => (on ? state.relations.add(e.relation) : state.relations.delete(e.relation)));
      apply();
    };
    $("relations-all").addEventListener("click", () => setAll(true));
    $("relations-none").addEventListener("click", () => setAll(false));
    for (const [id, key] of [["time-from", "from"], ["time-to", "to"]]) {
      $(id).addEventListener("change", (event) => { state[key] = event.target.value; apply(); });
    }
    $("time-undated").addEventListener("change", (event) => { state.undated = event.target.checked; apply(); });
  }

  function buildContradictions() {
    const marked = E.map((e, i) => i).filter((i) => E[i].contradictions.length);
    $("contradiction-count").textContent = `only the ${plural(marked.length, "relation")} in a contradiction`;
    $("contradiction-only").addEventListener("change", (event) => { state.contradictions = event.target.checked; apply(); });
    for (const i of marked.slice(0, 30)) {
      const item = el("li");
      item.append(button(`${config.contradiction.symbol} ${relationText(i)}`, () => showEdge(i)));
      $("contradiction-list").append(item);
    }
  }

  // ---- timeline: statements per month of their event time, and a range over those months ----
  const months = data.timeline;
  const monthEnd = (m) => new Date(Date.UTC(+m.slice(0, 4), +m.slice(5, 7), 0)).toISOString().slice(0, 10);
  function setRange() {
    let a = +$("timeline-from").value, b = +$("timeline-to").value;
    if (a > b) [a, b] = [b, a];
    const whole = a === 0 && b === months.length - 1;
    state.from = whole ? "" : `${months[a].month}-01`;
    state.to = whole ? "" : monthEnd(months[b].month);
    $("time-from").value = state.from;
    $("time-to").value = state.to;
    const total = months.slice(a, b + 1).reduce((sum, m) => sum + m.count, 0);
    $("timeline-label").textContent = `${months[a].month} to ${months[b].month} \u00b7 ${plural(total, "dated statement")}`;
    [...$("timeline-bars").children].forEach((bar, k) => bar.classList.toggle("in", k >= a && k <= b));
    apply();
  }
  function buildTimeline() {
    if (!months.length) { $("timeline").hidden = true; return; }
    const most = Math.max(...months.map((m) => m.count));
    for (const m of months) {
      const bar = el("span", null, "in");
      bar.style.height = `${Math.max(1, Math.round((36 * m.count) / most))}px`;
      bar.title = `${m.month}: ${plural(m.count, "statement")}`;
      $("timeline-bars").append(bar);
    }
    for (const id of ["timeline-from", "timeline-to"]) {
      $(id).max = String(months.length - 1);
      $(id).addEventListener("input", setRange);
    }
    $("timeline-to").value = String(months.length - 1);
    $("timeline-label").textContent = `${months[0].month} to ${months[months.length - 1].month} \u00b7 `
      + plural(months.reduce((sum, m) => sum + m.count, 0), "dated statement");
  }

  // ---- the network, clusters, expand and collapse ----
  addNodes(data.overview.nodes, "overview");  // before the network exists, so that it lays them out at once
  addEdges(data.overview.edges, "overview");
  const network = new vis.Network($("graph"), { nodes: nodeView, edges: edgeView }, config.vis);
  const showDetails = (card) => $("details").replaceChildren(card);
  const clusterId = (c) => `community:${c}`;
  const opened = new Set();
  const isCluster = (id) => network.body.nodes[id] !== undefined && network.isCluster(id);

  function cluster(c, refresh = true) {  // refresh: redraw at once (once is enough after many)
    const entry = data.overview.clusters.find((x) => x.community === c);
    if (!entry) return;
    const members = new Set(entry.members.map((i) => N[i].id)), size = data.communities[c].size;
    const names = entry.members.slice(0, 2).map((i) => N[i].label).join(", ");
    network.cluster({ joinCondition: (item) => members.has(item.id), clusterNodeProperties: {
      id: clusterId(c), label: `${names}\u2026\n${plural(size, "entity", "entities")}`, shape: "hexagon",
      color: "#c7c7c7", value: size, allowSingleNodeCluster: true, title: `Community of ${size} entities: click to open` } }, refresh);
  }
  function openCommunity(c) {
    if (isCluster(clusterId(c))) network.openCluster(clusterId(c));
    opened.add(c);
    const members = data.communities[c].members.slice(0, limits.opened), inside = new Set(members);
    addNodes(members, `community:${c}`);
    addEdges(members.flatMap((m) => adjacency[m].filter((k) => inside.has(other(k, m)))), `community:${c}`);
    apply();
    const card = el("div", null, "card");
    card.append(el("h3", `Community of ${plural(data.communities[c].size, "entity", "entities")}`),
      el("div", `${members.length} leading members drawn`), button("collapse", () => closeCommunity(c)));
    showDetails(card);
  }
  function closeCommunity(c) {
    drop(`community:${c}`);
    opened.delete(c);
    cluster(c);
    apply();
  }
  function unclusterNode(i) {
    const path = network.clustering.findNode(N[i].id);
    if (path.length > 1) openCommunity(+String(path[0]).split(":")[1]);
  }

  const neighbours = (i) => unique(adjacency[i].map((k) => other(k, i))).slice(0, limits.expand);
  function expand(i) {
    unclusterNode(i);
    expanded.add(i);
    addNodes([i, ...neighbours(i)], `expand:${i}`);
    addEdges(drawnEdgesOf(i), `expand:${i}`);
    apply();
    showDetails(nodeCard(i, true));
  }
  function collapse(i) {
    expanded.delete(i);
    drop(`expand:${i}`);
    apply();
    if (nodeReasons.has(i)) showDetails(nodeCard(i, true));
  }

  function reveal(indices, reason) {
    indices.forEach(unclusterNode);
    addNodes(indices, reason);
    addEdges(indices.flatMap(drawnEdgesOf), reason);
    apply();
  }
  function showEdge(i) {
    reveal([E[i].from, E[i].to], `edge:${i}`);
    network.selectEdges([`e${i}`]);
    network.fit({ nodes: [N[E[i].from].id, N[E[i].to].id], animation: false });
    showDetails(edgeCard(i, Infinity, true));
  }

  // ---- search over every entity and alias ----
  const norm = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  const names = N.map((n) => [n.label, ...n.aliases].map(norm));
  function matches(term, limit) {
    const wanted = norm(term), found = [[], [], []];
    if (!wanted) return [];
    names.forEach((list, i) => {
      const rank = list.includes(wanted) ? 0 : list.some((x) => x.startsWith(wanted)) ? 1 : list.some((x) => x.includes(wanted)) ? 2 : -1;
      if (rank >= 0) found[rank].push(i);
    });
    return found.flatMap((list) => list.sort((a, b) => N[b].degree - N[a].degree || a - b)).slice(0, limit);
  }
  function focus(i) {
    network.selectNodes([N[i].id]);
    network.focus(N[i].id, { scale: Math.max(network.getScale(), 1.2), animation: false });
    showDetails(nodeCard(i, true));
  }
  function find(term) {
    const [match] = matches(term, 1);
    $("suggestions").replaceChildren();
    if (match === undefined) {
      $("status").textContent = `no entity matches \u201c${term.trim()}\u201d`;
      return null;
    }
    reveal([match], `search:${match}`);
    if (!nodePasses(match)) {
      $("status").textContent = `${N[match].label} is hidden by the filters`;
      return null;
    }
    $("status").textContent = "";
    focus(match);
    return N[match].id;
  }
  function suggest(term) {
    const list = $("suggestions");
    list.replaceChildren(...matches(term, 8).map((i) => {
      const item = el("li");
      item.append(button(`${N[i].label} (${N[i].type})`, () => { $("search").value = N[i].label; find(N[i].label); }));
      return item;
    }));
  }
  $("search").addEventListener("keydown", (event) => { if (event.key === "Enter") find(event.target.value); });
  $("search").addEventListener("input", (event) => suggest(event.target.value));

  // ---- follow a path: the shortest chain of relations between two entities, either direction ----
  function shortestPath(a, b) {
    const via = new Map([[a, -1]]);
    for (let queue = [a], k = 0; k < queue.length && !via.has(b); k++) {
      for (const e of adjacency[queue[k]]) {
        const n = other(e, queue[k]);
        if (!via.has(n)) { via.set(n, e); queue.push(n); }
      }
    }
    if (!via.has(b)) return null;
    const steps = [];
    for (let n = b; n !== a; n = other(via.get(n), n)) steps.unshift(via.get(n));
    return steps;
  }
  function followPath(fromTerm, toTerm) {
    const [a] = matches(fromTerm, 1), [b] = matches(toTerm, 1);
    if (a === undefined || b === undefined) { $("status").textContent = "give two entities for a path"; return null; }
    const steps = shortestPath(a, b);
    if (!steps) { $("status").textContent = `no path between ${N[a].label} and ${N[b].label}`; return null; }
    const chain = [a];
    for (const e of steps) chain.push(other(e, chain[chain.length - 1]));
    drop("path");
    chain.forEach(unclusterNode);
    addNodes(chain, "path");
    addEdges(steps, "path");
    apply();
    network.setSelection({ nodes: chain.map((i) => N[i].id), edges: steps.map((e) => `e${e}`) });
    network.fit({ nodes: chain.map((i) => N[i].id), animation: false });
    const card = el("div", null, "card");
    card.append(el("h3", `Path of ${plural(steps.length, "hop")}: ${chain.map((i) => N[i].label).join(" \u2013 ")}`));
    for (const e of steps) card.append(button(relationText(e), () => showEdge(e)));
    showDetails(card);
    $("status").textContent = "";
    return chain.map((i) => N[i].id);
  }
  $("path-find").addEventListener("click", () => followPath($("path-from").value, $("path-to").value));

  // ---- edge labels on hover or past a zoom level ----
  function setLabels(on) {
    if (on === labelsOn) return;
    labelsOn = on;
    edges.update([...edgeReasons.keys()].map((i) => ({ id: `e${i}`, label: on ? edgeLabel(i) : "" })));
  }
  network.on("zoom", () => setLabels(network.getScale() >= limits.label_zoom));
  network.on("hoverEdge", (p) => { const e = edges.get(p.edge); if (e && !labelsOn) edges.update({ id: p.edge, label: edgeLabel(e.kgIndex) }); });
  network.on("blurEdge", (p) => { if (!labelsOn && edges.get(p.edge)) edges.update({ id: p.edge, label: "" }); });

  // ---- clicks, layout that stays put ----
  network.on("click", (params) => {
    const id = params.nodes[0];
    if (id !== undefined && isCluster(id)) openCommunity(+String(id).split(":")[1]);
    else if (id !== undefined) showDetails(nodeCard(indexOf.get(id), true));
    else if (params.edges.length && edges.get(params.edges[0])) showDetails(edgeCard(edges.get(params.edges[0]).kgIndex, Infinity, true));
  });
  network.on("doubleClick", (params) => {
    const i = indexOf.get(params.nodes[0]);
    if (i !== undefined) (expanded.has(i) ? collapse : expand)(i);
  });
  function keepPositions() {  // a node hidden by a filter and shown again comes back where it was
    nodes.update(Object.entries(network.getPositions()).filter(([id]) => indexOf.has(id))
      .map(([id, p]) => ({ id, x: p.x, y: p.y })));
  }
  network.on("dragEnd", keepPositions);
  function settle() {
    network.setOptions({ physics: { enabled: false } });
    keepPositions();
    document.body.dataset.settled = "true";
    $("status").textContent = "";
  }
  network.on("stabilizationProgress", (p) => {
    $("status").textContent = `laying out\u2026 ${Math.round((100 * p.iterations) / p.total)}%`;
  });
  network.once("stabilizationIterationsDone", settle);
  network.once("afterDrawing", () => { document.body.dataset.drawn = "true"; });

  // ---- the overview ----
  buildFilters();
  buildContradictions();
  buildTimeline();
  data.overview.clusters.forEach((c, k, all) => cluster(c.community, k === all.length - 1));
  $("overview-info").textContent = data.overview.large
    ? `Overview: the ${plural(limits.hubs, "most connected entity", "most connected entities")} and the `
      + `${plural(data.overview.clusters.length, "largest community", "largest communities")} of `
      + `${plural(data.communities.length, "community", "communities")} (click one to open it). Search, expand `
      + "(double-click) or follow a path to reach the rest."
    : `The whole graph: ${plural(data.communities.length, "community", "communities")}. Double-click an entity to expand or collapse it.`;
  apply();
  if (!N.length || !config.vis.physics.enabled) settle();
  window.kgPage = { network, nodes, edges, nodeView, edgeView, state, apply, find, expand, collapse, followPath,
    showEdge, openCommunity, data, setRange,
    drawn: () => ({ nodes: [...nodeReasons.keys()].map((i) => N[i].id), edges: [...edgeReasons.keys()].map((i) => `e${i}`) }) };
})();
