"""kg serve from a real browser (Debian's Chromium through Playwright): a page on another origin queries
kg through --cors (preflight included) and a page on an origin not allowed is blocked; the query page
at / runs a query under its CSP with no console error."""
from __future__ import annotations

import functools
import http.server
import threading

import pytest
from test_serve import Server

from conftest import BROWSER_TESTS, PUBLISHED, SEED, run_kg

APP = """<!DOCTYPE html><html><head><link rel="icon" href="data:,"></head><body><script>
fetch("%s", {method: "POST", body: 'SELECT ?label WHERE { ?c kgo:iso3 "MAR" ; rdfs:label ?label }',
             headers: {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"}})
  .then(r => r.json()).then(d => { document.body.dataset.result = d.results.bindings.map(b => b.label.value).join(); })
  .catch(e => { document.body.dataset.result = "blocked"; });
</script></body></html>"""

pytestmark = BROWSER_TESTS


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        return None


class Site:
    """A static site on its own 127.0.0.1 port (so its own origin) serving one page."""

    def __init__(self, folder, page: str):
        (folder / "index.html").write_text(page, encoding="utf-8")
        handler = functools.partial(Quiet, directory=str(folder))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture(scope="module")
def setting(tmp_path_factory):
    """(kg endpoint allowing the first site, the allowed site, a site not allowed)."""
    root = tmp_path_factory.mktemp("cors")
    store = root / "store"
    assert run_kg("build", SEED, "--published", PUBLISHED.isoformat(), "--store", store).returncode == 0
    (root / "a").mkdir()
    (root / "b").mkdir()
    allowed, other = Site(root / "a", ""), Site(root / "b", "")
    server = Server(store, "--cors", allowed.origin, "--workers", "1")
    for folder in ("a", "b"):
        (root / folder / "index.html").write_text(APP % server.url, encoding="utf-8")
    yield server, allowed, other
    server.stop()
    allowed.server.shutdown()
    other.server.shutdown()


def result_of(browser, url: str) -> tuple[str, list[str]]:
    page = browser.new_page()
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.goto(url)
    page.wait_for_selector("body[data-result]", state="attached", timeout=60_000)
    result = page.evaluate("document.body.dataset.result")
    page.close()
    return result, problems


def test_a_page_on_the_allowed_origin_queries_kg(setting, browser):
    server, allowed, _ = setting
    result, problems = result_of(browser, allowed.origin + "/index.html")
    assert result == "Morocco" and not problems


def test_a_page_on_another_origin_is_blocked(setting, browser):
    server, _, other = setting
    result, problems = result_of(browser, other.origin + "/index.html")
    assert result == "blocked" and any("CORS" in p for p in problems)


def test_the_query_page_runs_a_query(setting, browser):
    server, _, _ = setting
    page = browser.new_page()
    problems: list[str] = []
    page.on("console", lambda m: m.type in ("error", "warning") and problems.append(m.text))
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(server.url.removesuffix(
        "sparql")) else (problems.append(route.request.url), route.abort()))
    page.goto(server.url.removesuffix("sparql"))
    page.click("button[type=submit]")
    page.wait_for_selector("body[data-done=true]", timeout=60_000)
    cells = page.locator("td").all_inner_texts()
    assert "Morocco" in cells and page.locator("#status").inner_text().startswith("200") and not problems
    page.close()
