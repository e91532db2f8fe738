"""Page at scale: render a synthetic 2,000-entity graph, open it in headless Chromium, time it.

Prints ``name=value`` lines: render seconds, page size, load-to-settled seconds, filter seconds.
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

import kg
from kg.explore.page import render_page

TYPES = ("Country", "Person", "Organization", "Place", "Territory", "Product")
PREDICATES = (("visits", "visits", "042"), ("accuses", "accuses", "112"), ("signsAgreementWith", "signs agreement with", "057"),
              ("fightsWith", "fights with", "190"), ("worksFor", "works for", None), ("locatedIn", "is located in", None))
STATUSES = ("asserted", "asserted", "asserted", "planned", "claimed", "denied", "former")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


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


def open_in_browser(path: Path) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
        start = time.perf_counter()
        page.goto(path.as_uri())
        page.wait_for_selector("body[data-settled=true]", timeout=300_000)
        settled = time.perf_counter() - start
        start = time.perf_counter()
        page.uncheck("#filter-types input[value=Person]")
        page.evaluate("() => new Promise(requestAnimationFrame)")
        filtered = time.perf_counter() - start
        start = time.perf_counter()
        page.evaluate("() => window.kgPage.network.redraw()")
        redraw = time.perf_counter() - start
        browser.close()
    return {"page_settle_seconds": settled, "page_filter_seconds": filtered, "page_redraw_seconds": redraw}


def main() -> None:
    graph = synthetic_graph()
    start = time.perf_counter()
    html = render_page(graph, "Synthetic 2,000 entities")
    print(f"page_render_seconds={time.perf_counter() - start:.2f}")
    print(f"page_megabytes={len(html.encode()) / 1e6:.2f}")
    if not shutil.which("chromium"):
        print("chromium not installed: browser timings skipped (run scripts/ensure-browser.sh)", file=sys.stderr)
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "graph.html"
        path.write_text(html, encoding="utf-8")
        for name, value in open_in_browser(path).items():
            print(f"{name}={value:.2f}")


if __name__ == "__main__":
    main()
