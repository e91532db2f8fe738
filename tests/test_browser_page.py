"""The page in a real browser: Debian's headless Chromium driven by Playwright, with the network cut.

Checks what an analyst sees: every entity drawn, no request leaving the machine, no console error,
filters and search changing the view, evidence on hover, physics that stops, hostile text inert,
and a 2,000-entity graph that stays usable. Screenshots go to ``outputs/``.
"""
import random
import time
from pathlib import Path

import pytest
from conftest import BROWSER_TESTS, PUBLISHED, SEED
from rdflib import RDF
from test_page import VISITS, graph_of, hostile_graph, statement

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
    groups = {(s, p, o, status) for st in graph.subjects(RDF.type, KGO.Statement)
              for s, p, o, status in [tuple(graph.value(st, x) for x in (RDF.subject, RDF.predicate,
                                                                         RDF.object, KGO.status))]}
    assert seed_visit.shown() == (entity_count(graph), len(groups))
    assert seed_visit.js("() => kgPage.network.body.nodeIndices.length") > 10
    OUTPUTS.mkdir(exist_ok=True)
    seed_visit.page.screenshot(path=OUTPUTS / "graph.png")
    assert seed_visit.problems == []


def test_physics_settles_and_stops(seed_visit):
    assert seed_visit.js("() => kgPage.network.physics.physicsEnabled") is False
    before = seed_visit.js("() => kgPage.network.getPositions()")
    seed_visit.page.wait_for_timeout(400)
    assert seed_visit.js("() => kgPage.network.getPositions()") == before


def test_filters_change_what_is_shown(seed_visit):
    nodes, edges = seed_visit.shown()
    countries = seed_visit.js("() => kgPage.nodes.get().filter(n => n.kg.type === 'Country').length")
    seed_visit.page.uncheck("#filter-types input[value=Country]")
    assert seed_visit.shown()[0] == nodes - countries
    assert f"{nodes - countries} of {nodes} entities" in seed_visit.page.inner_text("#counts")
    seed_visit.page.check("#filter-types input[value=Country]")
    assert seed_visit.shown() == (nodes, edges)

    planned = seed_visit.js("() => kgPage.edges.get().filter(e => e.kg.status === 'planned').length")
    seed_visit.page.uncheck("#filter-statuses input[value=planned]")
    assert seed_visit.shown()[1] == edges - planned > 0
    seed_visit.page.check("#filter-statuses input[value=planned]")

    seed_visit.page.click("#relations-none")
    assert seed_visit.shown() == (0, 0)
    seed_visit.page.check("#filter-relations input >> nth=0")
    assert 0 < seed_visit.shown()[1] < edges and seed_visit.shown()[0] >= 2
    seed_visit.page.click("#relations-all")

    dated = seed_visit.js("() => kgPage.edges.get().filter(e => e.kg.timeEnd && e.kg.timeEnd >= '2021-08-01' "
                          "&& e.kg.timeStart <= '2021-08-31').length")
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
    seed_visit.page.fill("#search", "Atlantis")
    seed_visit.page.press("#search", "Enter")
    assert "no entity matches" in seed_visit.page.inner_text("#status")


def test_hovering_an_edge_shows_its_evidence(seed_visit):
    edge = seed_visit.js("""() => kgPage.edges.get().filter(e => !e.smooth && e.kg.supports.length)
        .sort((a, b) => b.kg.supports[0].sentence.length - a.kg.supports[0].sentence.length)
        .map(e => ({id: e.id, sentence: e.kg.supports[0].sentence, status: e.kg.status}))""")
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
    assert "chars" in text and "confidence" in text
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
        assert visit.js("() => document.scripts.length") == 5
        assert visit.problems == []
        visit.close()


def test_two_thousand_entities_stay_usable(browser, tmp_path):
    rng = random.Random(0)
    people = [kg.Entity(f"person/p{i}", f"Person {i}", ENTITY_TYPES[i % 6]) for i in range(2000)]
    statements = [statement(people[i % 2000], VISITS, people[rng.randrange(2000)], start=i,
                            status=rng.choice(("asserted", "planned", "claimed"))) for i in range(3000)]
    path = tmp_path / "big.html"
    path.write_text(kg.render_page(graph_of(*statements), "2,000 entities"), encoding="utf-8")
    start = time.perf_counter()
    visit = Visit(browser, path)
    settled = time.perf_counter() - start
    assert visit.shown()[0] == 2000
    start = time.perf_counter()
    visit.page.uncheck("#filter-types input[value=Person]")
    assert visit.shown()[0] == 2000 - sum(1 for p in people if p.type == "Person")
    assert time.perf_counter() - start < 10
    assert settled < 60
    visit.page.screenshot(path=OUTPUTS / "graph-2000.png")
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
