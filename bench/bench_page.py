"""Page at scale: render synthetic graphs of 2,000, 10,000 and 50,000 entities (three statements each),
open each in headless Chromium, time it.

Prints ``name=value`` lines: render seconds (wall and CPU) from the rdflib graph and from an Oxigraph store
holding it (as ``kg build --out`` draws its page), page size, seconds to the first overview drawn
and to settled, search, expand, collapse (measured in the page, until the next frame) and a type filter.
Skips the browser part (with a message) when Debian's chromium is not installed.
"""
from __future__ import annotations

import random
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import pyoxigraph as ox

import kg
from kg.explore.page import render_page
from kg.graph.turtle import to_oxigraph

TYPES = ("Country", "Person", "Organization", "Place", "Territory", "Product")
PREDICATES = (("visits", "visits", "042"), ("accuses", "accuses", "112"), ("signsAgreementWith", "signs agreement with", "057"),
              ("fightsWith", "fights with", "190"), ("worksFor", "works for", None), ("locatedIn", "is located in", None))
STATUSES = ("asserted", "asserted", "asserted", "planned", "claimed", "denied", "former")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--js-flags=--max-old-space-size=8192"]


def synthetic_graph(entities: int = 2000, statements: int = 3000, seed: int = 0):
    """A graph of random statements between ``entities`` entities, built through kg's own RDF writer."""
    rng = random.Random(seed)
    people = [kg.Entity(key=f"{TYPES[i % 6].lower()}/e{i}", label=f"Entity {i}", type=TYPES[i % 6]) for i in range(entities)]
    found = []
    for i in range(statements):
        # every entity appears at least once, then a preferential-attachment-like choice keeps hubs
        subject = people[i % entities] if i < entities else rng.choice(people[: rng.randint(1, entities)])
        obj = rng.choice(people)
        name, label, cameo = rng.choice(PREDICATES)
        sentence = f"Sentence {i}: {subject.label} {label} {obj.label}."
        found.append(kg.Statement(article="bench", subject=subject, object=obj,
                                  predicate=kg.Predicate(id=name, label=label, cameo=cameo),
                                  evidence=kg.Evidence(sentence, i * 50, i * 50 + len(sentence)),
                                  status=rng.choice(STATUSES), time=f"20{rng.randint(10, 24)}-0{rng.randint(1, 9)}",
                                  confidence=0.8))
    article = kg.Article(id="bench", text="", published=date(2024, 1, 1), title="Synthetic")
    return kg.union(kg.to_dataset([(article, found)]))


TIMED = """async ([action, arg]) => {  // milliseconds until the action's result is drawn
  const start = performance.now();
  kgPage[action](arg);
  await new Promise(requestAnimationFrame);
  return performance.now() - start; }"""


def open_in_browser(path: Path, entities: int) -> dict[str, float]:
    """Seconds to the first overview drawn, then search, expand, collapse and a filter, in Chromium."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
        start = time.perf_counter()
        page.goto(path.as_uri())
        page.wait_for_selector("body[data-drawn=true]", timeout=300_000)
        figures = {"overview_drawn_seconds": time.perf_counter() - start}
        page.wait_for_selector("body[data-settled=true]", timeout=300_000)
        figures["settled_seconds"] = time.perf_counter() - start
        target = page.evaluate("() => kgPage.data.nodes.findIndex(n => n.label === 'Entity %d')" % (entities // 3 + 1))
        figures["search_seconds"] = page.evaluate(TIMED, ["find", "entity %d" % (entities // 3 + 1)]) / 1000
        figures["expand_seconds"] = page.evaluate(TIMED, ["expand", target]) / 1000
        figures["collapse_seconds"] = page.evaluate(TIMED, ["collapse", target]) / 1000
        start = time.perf_counter()
        page.uncheck("#filter-types input[value=Person]")
        page.evaluate("() => new Promise(requestAnimationFrame)")
        figures["filter_seconds"] = time.perf_counter() - start
        figures["drawn_nodes"] = page.evaluate("() => kgPage.network.body.nodeIndices.length")
        browser.close()
    return figures


def measure(entities: int) -> None:
    start = time.perf_counter()
    graph = synthetic_graph(entities, 3 * entities)
    print(f"entities={entities} statements={3 * entities} graph_seconds={time.perf_counter() - start:.1f}", flush=True)
    start, cpu = time.perf_counter(), time.process_time()
    html = render_page(graph, f"Synthetic {entities:,} entities")
    print(f"  page_render_seconds={time.perf_counter() - start:.2f} page_render_cpu_seconds={time.process_time() - cpu:.2f}"
          f" page_megabytes={len(html.encode()) / 1e6:.1f}", flush=True)
    store = ox.Store()  # in memory: the page as kg build --out draws it, from a store's default graph
    store.bulk_extend(ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), ox.DefaultGraph()) for s, p, o in graph)
    del graph
    start, cpu = time.perf_counter(), time.process_time()
    from_store = render_page(store, f"Synthetic {entities:,} entities")
    print(f"  page_render_from_store_seconds={time.perf_counter() - start:.2f}"
          f" page_render_from_store_cpu_seconds={time.process_time() - cpu:.2f}", flush=True)
    assert len(from_store) == len(html), "the same page from the store"
    del store, from_store
    if not shutil.which("chromium"):
        print("chromium not installed: browser timings skipped (run scripts/ensure-browser.sh)", file=sys.stderr)
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "graph.html"
        path.write_text(html, encoding="utf-8")
        print("  " + " ".join(f"{k}={v:.2f}" if isinstance(v, float) else f"{k}={v}"
                              for k, v in open_in_browser(path, entities).items()), flush=True)


def main() -> None:
    """``python bench/bench_page.py [ENTITIES ...]`` (default 2000 10000 50000), three statements per entity."""
    for entities in [int(a) for a in sys.argv[1:]] or [2000, 10_000, 50_000]:
        measure(entities)


if __name__ == "__main__":
    main()
