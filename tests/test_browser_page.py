"""The page in a real browser: Debian's headless Chromium driven by Playwright, with the network cut.

Checks what an analyst sees: every entity and one edge per relation drawn, no request leaving the machine,
no console error, filters that change the view and restore positions, search, evidence on hover and in the
panel, the timeline and contradiction controls, physics that stops, hostile text inert, and a large graph
that opens on an overview with clusters, search, expand, collapse and paths. Screenshots go to ``outputs/``.
"""
from pathlib import Path

import pytest
from conftest import BROWSER_TESTS, PUBLISHED, SEED
from rdflib import OWL, RDF
from test_page import ACCUSES, ALGERIA, ISRAEL, MOROCCO, SAMPLE, SIGNS, big_graph, corpus, hostile_graph, statement

import kg
from kg.store.query import load_graph
from kg.vocab import KGO

OUTPUTS = Path(__file__).resolve().parents[1] / "outputs"
ENTITY_TYPES = ("Country", "Territory", "Place", "Person", "Organization", "Product")

pytestmark = BROWSER_TESTS

HOSTILE_ARTICLE = """Israel and Morocco <script>window.__pwned = "title"</script> sign a deal

Israel signed an agreement with Morocco on Monday <script>window.__pwned = "script"</script> in Rabat.
Algeria accused Morocco of hostile actions "><img src=x onerror="window.__pwned='img'"> on Tuesday, officials said.
Egypt ' onmouseover='window.__pwned="attr"' x=' praised Morocco </script><svg onload="window.__pwned='svg'"> on Friday.
"""


class Visit:
    """A page opened from disk, recording every problem: outside requests, console errors, dialogs."""

    def __init__(self, browser, path: Path):
        self.problems: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.page.on("console", lambda m: m.type in ("error", "warning") and self.problems.append(f"console: {m.text}"))
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("dialog", lambda d: (self.problems.append(f"dialog: {d.message}"), d.dismiss()))
        self.page.route("**/*", self._only_local)
        self.page.goto(path.as_uri())
        self.page.wait_for_selector("body[data-settled=true]", timeout=120_000)

    def _only_local(self, route):
        if route.request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            self.problems.append(f"request: {route.request.url}")
            route.abort()

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def shown(self) -> tuple[int, int]:
        return tuple(self.js("() => [kgPage.network.body.nodeIndices.length, kgPage.network.body.edgeIndices.length]"))

    def hover_edge(self, edge_id: str) -> str:
        """Move the mouse onto a straight edge, away from nodes, and return the tooltip's text."""
        point = self.js("""id => { const n = kgPage.network, e = kgPage.edges.get(id), p = n.getPositions([e.from, e.to]);
            const canvas = document.querySelector('#graph canvas'), r = canvas.getBoundingClientRect();
            for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]) {
              const dom = n.canvasToDOM({x: p[e.from].x + t * (p[e.to].x - p[e.from].x), y: p[e.from].y + t * (p[e.to].y - p[e.from].y)});
              const visible = document.elementFromPoint(r.left + dom.x, r.top + dom.y) === canvas;  // not under a panel
              if (visible && n.getNodeAt(dom) === undefined && n.getEdgeAt(dom) === id) return dom;
            } return null; }""", edge_id)
        assert point, f"no free point on edge {edge_id}"
        box = self.page.locator("#graph canvas").bounding_box()
        self.page.mouse.move(box["x"] + point["x"] - 20, box["y"] + point["y"] - 20)
        self.page.mouse.move(box["x"] + point["x"], box["y"] + point["y"], steps=4)
        tooltip = self.page.locator("div.vis-tooltip")
        tooltip.wait_for(state="visible", timeout=5000)
        # an edge crossed on the way may have opened its own tooltip first: wait for this edge's
        self.page.wait_for_function("""id => { const t = document.querySelector('div.vis-tooltip'), e = kgPage.edges.get(id);
            const want = (typeof e.title === 'string' ? e.title : e.title.textContent).replace(/\\s+/g, ' ').slice(0, 40);
            return t && t.textContent.replace(/\\s+/g, ' ').includes(want); }""", arg=edge_id, timeout=5000)
        return tooltip.inner_text()

    def hover_any_edge(self, edge_ids: list[str]) -> str:
        """The tooltip of the first of these edges that has a point the mouse can reach."""
        for edge_id in edge_ids:
            try:
                return self.hover_edge(edge_id)
            except AssertionError:  # every point of it lies under a node, another edge or a panel
                continue
        raise AssertionError("no edge could be hovered")

    def close(self):
        self.page.close()


def entity_count(graph) -> int:
    return len({s for t in ENTITY_TYPES for s in graph.subjects(RDF.type, KGO[t])})


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed")
    kg.build([SEED], out=out, published=PUBLISHED)
    return out / "graph.html", load_graph(out / "graph.ttl")


@pytest.fixture()
def seed_visit(browser, seed):
    visit = Visit(browser, seed[0])
    yield visit
    visit.close()


def test_seed_page_draws_every_entity_and_relation_offline(seed_visit, seed):
    graph = seed[1]
    symmetric = set(graph.subjects(RDF.type, OWL.SymmetricProperty))
    groups = {(min(s, o), p, max(s, o)) if p in symmetric else (s, p, o) for st in graph.subjects(RDF.type, KGO.Statement)
              for s, p, o in [tuple(graph.value(st, x) for x in (RDF.subject, RDF.predicate, RDF.object))]}
    assert seed_visit.shown() == (entity_count(graph), len(groups))  # one edge per pair and relation
    assert seed_visit.js("() => kgPage.network.body.nodeIndices.length") > 10
    OUTPUTS.mkdir(exist_ok=True)
    seed_visit.page.screenshot(path=OUTPUTS / "graph.png")
    assert seed_visit.problems == []


def test_physics_settles_and_stops(seed_visit):
    assert seed_visit.js("() => kgPage.network.physics.physicsEnabled") is False
    before = seed_visit.js("() => kgPage.network.getPositions()")
    seed_visit.page.wait_for_timeout(400)
    assert seed_visit.js("() => kgPage.network.getPositions()") == before


def test_filters_change_what_is_shown_and_restore_positions(seed_visit):
    nodes, edges = seed_visit.shown()
    before = seed_visit.js("() => kgPage.network.getPositions()")
    countries = seed_visit.js("() => kgPage.nodes.get().filter(n => n.kg.type === 'Country').length")
    seed_visit.page.uncheck("#filter-types input[value=Country]")
    assert seed_visit.shown()[0] == nodes - countries
    assert f"{nodes - countries} of {nodes} entities" in seed_visit.page.inner_text("#counts")
    seed_visit.page.check("#filter-types input[value=Country]")
    assert seed_visit.shown() == (nodes, edges)
    assert seed_visit.js("() => kgPage.network.getPositions()") == before  # back where they were

    planned = seed_visit.js("() => kgPage.edges.get().filter(e => e.kg.statuses.every(s => s === 'planned')).length")
    seed_visit.page.uncheck("#filter-statuses input[value=planned]")
    assert seed_visit.shown()[1] == edges - planned > 0
    seed_visit.page.check("#filter-statuses input[value=planned]")

    seed_visit.page.click("#relations-none")
    assert seed_visit.shown() == (0, 0)
    seed_visit.page.check("#filter-relations input >> nth=0")
    assert 0 < seed_visit.shown()[1] < edges and seed_visit.shown()[0] >= 2
    seed_visit.page.click("#relations-all")
    assert seed_visit.js("() => kgPage.network.getPositions()") == before

    dated = seed_visit.js("() => kgPage.edges.get().filter(e => e.kg.spans.some(([a, b]) => b >= '2021-08-01' "
                          "&& a <= '2021-08-31')).length")
    seed_visit.page.fill("#time-from", "2021-08-01")
    seed_visit.page.fill("#time-to", "2021-08-31")
    seed_visit.page.uncheck("#time-undated")
    assert seed_visit.shown()[1] == dated > 0
    assert seed_visit.problems == []


def test_search_focuses_an_entity(seed_visit):
    seed_visit.page.fill("#search", "morocco")
    seed_visit.page.press("#search", "Enter")
    selected = seed_visit.js("() => kgPage.network.getSelectedNodes()")
    assert selected == ["https://w3id.org/kgnews/resource/country/MAR"]
    seed_visit.page.wait_for_function("""id => { const v = kgPage.network.getViewPosition(),
        p = kgPage.network.getPositions([id])[id]; return Math.hypot(v.x - p.x, v.y - p.y) < 2; }""",
                                      arg=selected[0], timeout=5000)  # the view is centred on it
    assert "Morocco" in seed_visit.page.inner_text("#details") and "Kingdom of Morocco" in seed_visit.page.inner_text("#details")
    seed_visit.page.fill("#search", "kingdom of MOROCCO")  # an alias, any case
    seed_visit.page.press("#search", "Enter")
    assert seed_visit.js("() => kgPage.network.getSelectedNodes()") == selected
    seed_visit.page.fill("#search", "Atlantis")
    seed_visit.page.press("#search", "Enter")
    assert "no entity matches" in seed_visit.page.inner_text("#status")


def test_hovering_an_edge_shows_its_evidence(seed_visit):
    edge = seed_visit.js("""() => kgPage.edges.get().filter(e => !e.smooth && e.kg.supports.length)
        .sort((a, b) => b.kg.supports[0].sentence.length - a.kg.supports[0].sentence.length)
        .map(e => ({id: e.id, sentence: e.kg.supports[0].sentence, status: e.kg.statuses.join(", ")}))""")
    for candidate in edge:
        try:
            text = seed_visit.hover_edge(candidate["id"])
            break
        except AssertionError:  # every point of this edge lies under a node or another edge
            continue
    else:
        pytest.fail("no straight edge with evidence could be hovered")
    assert candidate["sentence"][:60] in " ".join(text.split())
    assert f"Status{candidate['status']}" in text.replace("\n", "").replace("\t", "")
    assert "chars" in text and "confidence" in text and "published 2021-11-23" in text
    assert seed_visit.js("id => kgPage.edges.get(id).label", candidate["id"])  # labelled while hovered
    seed_visit.page.screenshot(path=OUTPUTS / "graph-hover.png")


def test_hostile_article_executes_nothing(browser, tmp_path):
    article = tmp_path / "hostile.txt"
    article.write_text(HOSTILE_ARTICLE, encoding="utf-8")
    built = kg.build([article], out=tmp_path / "built", published=PUBLISHED)
    assert any("<script>" in record["source"]["sentence"] for record in built.records())
    direct = tmp_path / "direct.html"
    direct.write_text(kg.render_page(hostile_graph(), "<img src=x onerror=window.__pwned=9>"), encoding="utf-8")
    for path in (tmp_path / "built" / "graph.html", direct):
        visit = Visit(browser, path)
        for edge in visit.js("() => kgPage.edges.getIds()"):
            visit.js("id => kgPage.network.emit('click', {nodes: [], edges: [id]})", edge)
            assert "\u2192" in visit.page.inner_text("#details h3")
        visit.js("() => kgPage.network.emit('click', {nodes: [], edges: []})")
        hover = visit.hover_any_edge(visit.js("() => kgPage.edges.get().filter(e => !e.smooth).map(e => e.id)"))
        assert "window.__pwned" in hover
        shown = visit.js("""() => { for (const item of [...kgPage.nodes.get(), ...kgPage.edges.get()])
            document.body.append(item.title); return document.body.innerText; }""")
        assert "window.__pwned" in shown  # the hostile text is there, as text
        visit.page.wait_for_timeout(300)
        assert visit.js("() => window.__pwned") is None
        assert visit.js("() => document.querySelectorAll('img, iframe, object, embed').length") == 0
        assert visit.js("() => [...document.querySelectorAll('svg')].every(s => s.closest('#filter-statuses'))")
        assert visit.js("() => document.scripts.length") == 4
        assert visit.problems == []
        visit.close()


def open_page(browser, tmp_path, html: str, name: str) -> Visit:
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return Visit(browser, path)


def test_evidence_panel_lists_every_statement_with_article_and_date(browser, tmp_path):
    found = statement(ISRAEL, SIGNS, MOROCCO, sentence="Israel signed a deal with Morocco.")
    graph = corpus(("a1", "2021-11-24", "https://www.reuters.com/x", (found,)),
                   ("a2", "2021-11-25", "https://apnews.com/y", (found,)),
                   ("a3", "2021-11-26", None, (statement(ALGERIA, ACCUSES, MOROCCO), found)))
    visit = open_page(browser, tmp_path, kg.render_page(graph), "evidence.html")
    assert visit.shown() == (3, 2)  # three statements of one relation: one edge
    edge = visit.js("() => kgPage.edges.get().find(e => e.kg.label === 'signs agreement with')")
    assert edge["width"] > visit.js("() => kgPage.edges.get().find(e => e.kg.label === 'accuses').width")
    visit.js("id => kgPage.network.emit('click', {nodes: [], edges: [id]})", edge["id"])
    details = visit.page.inner_text("#details")
    assert details.count("Israel signed a deal with Morocco.") == 3
    for article, day in (("Article a1", "2021-11-24"), ("Article a2", "2021-11-25"), ("Article a3", "2021-11-26")):
        assert f"{article} · published {day}" in details
    assert "3 independent sources" in details
    assert visit.page.locator("#details a[href='https://apnews.com/y']").count() == 1
    assert visit.problems == []
    visit.close()


def test_timeline_range_filters_by_event_month(browser, tmp_path):
    visit = open_page(browser, tmp_path, kg.render_page(SAMPLE), "timeline.html")
    bars = visit.page.locator("#timeline-bars span")
    assert bars.count() == 4 and bars.nth(1).get_attribute("title") == "2021-09: 0 statements"
    nodes, edges = visit.shown()
    visit.page.locator("#timeline-from").fill("3")
    assert "2021-11 to 2021-11 · 2 dated statements" in visit.page.inner_text("#timeline-label")
    assert visit.page.input_value("#time-from") == "2021-11-01" and visit.page.input_value("#time-to") == "2021-11-30"
    visit.page.uncheck("#time-undated")
    assert visit.shown()[1] == 2  # the visit (2021-11) and the signed deal (2021-11-24)
    visit.page.locator("#timeline-from").fill("0")
    visit.page.check("#time-undated")
    assert visit.shown() == (nodes, edges)
    assert visit.problems == []
    visit.close()


def test_contradictions_are_marked_and_can_be_shown_alone(browser, tmp_path):
    graph = corpus(("a1", "2021-09-01", None, (statement(ALGERIA, ACCUSES, MOROCCO), statement(ISRAEL, SIGNS, MOROCCO))),
                   ("a2", "2021-09-02", None, (statement(ALGERIA, ACCUSES, MOROCCO, "denied", start=40),)))
    visit = open_page(browser, tmp_path, kg.render_page(graph), "contradictions.html")
    marked = visit.js("() => kgPage.edges.get().filter(e => e.background && e.background.enabled).map(e => e.kg.label)")
    assert marked == ["accuses"]
    visit.page.check("#contradiction-only")
    assert visit.shown() == (2, 1)
    visit.page.click("#contradiction-list button")
    assert "⚠ denied: its statements disagree" in visit.page.inner_text("#details")
    visit.page.uncheck("#contradiction-only")
    assert visit.shown() == (3, 2)
    assert visit.problems == []
    visit.close()


def test_a_large_graph_opens_on_an_overview_that_search_expand_and_paths_reach_into(browser, tmp_path):
    visit = open_page(browser, tmp_path, kg.render_page(big_graph()), "large.html")
    overview = visit.js("() => kgPage.data.overview")
    drawn = visit.js("() => kgPage.drawn()")
    assert len(drawn["nodes"]) == len(overview["nodes"]) < 400
    clusters = visit.js("() => kgPage.network.body.nodeIndices.filter(id => kgPage.network.isCluster(id))")
    assert len(clusters) == len(overview["clusters"]) > 0
    visit.js("id => kgPage.network.emit('click', {nodes: [id], edges: []})", clusters[0])  # a community opens
    assert visit.js("id => kgPage.network.body.nodes[id] === undefined", clusters[0])
    assert len(visit.js("() => kgPage.drawn().nodes")) > len(drawn["nodes"])
    visit.page.click("#details button")  # and closes again
    assert visit.js("() => kgPage.drawn().nodes.length") == len(drawn["nodes"])

    hidden = visit.js("() => kgPage.data.nodes.findIndex((n, i) => !kgPage.drawn().nodes.includes(n.id))")
    label = visit.js("i => kgPage.data.nodes[i].label", hidden)
    visit.page.fill("#search", label.lower())
    visit.page.press("#search", "Enter")
    iri = visit.js("i => kgPage.data.nodes[i].id", hidden)
    assert visit.js("() => kgPage.network.getSelectedNodes()") == [iri]
    before = len(visit.js("() => kgPage.drawn().nodes"))
    visit.page.dblclick("#graph canvas", position=visit.js("id => kgPage.network.canvasToDOM(kgPage.network.getPosition(id))", iri))
    expanded = visit.js("() => kgPage.drawn().nodes")
    assert len(expanded) > before and "expand" not in visit.page.inner_text("#details")  # expanded: collapse offered
    visit.page.click("#details button")
    assert len(visit.js("() => kgPage.drawn().nodes")) == before

    chain = visit.js("() => kgPage.followPath('P1', 'P57')")  # two hops: P1 visits P8, who visits P57 (or via P0)
    assert len(chain) == 3 and chain[0].endswith("/p1") and chain[-1].endswith("/p57")
    assert set(chain) <= set(visit.js("() => kgPage.drawn().nodes"))
    assert "Path of" in visit.page.inner_text("#details")
    visit.page.screenshot(path=OUTPUTS / "graph-large.png")
    assert visit.problems == []
    visit.close()


def test_notebook_embedding_renders_the_page(browser, seed, tmp_path):
    wrapper = tmp_path / "notebook.html"
    wrapper.write_text("<!DOCTYPE html><html><body>" + kg.embed_page(seed[0].read_text(encoding="utf-8"))
                       + "</body></html>", encoding="utf-8")
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(wrapper.as_uri())
    frame = page.frames[1]
    frame.wait_for_selector("body[data-settled=true]", timeout=60_000)
    assert frame.evaluate("() => kgPage.network.body.nodeIndices.length") == entity_count(seed[1])
    assert errors == []
    page.close()
