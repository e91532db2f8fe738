"""Shared fixtures: the seed article, its statements (extracted once), and a CLI runner."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import kg

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "seed-article.txt"
PUBLISHED = date(2021, 11, 23)


@pytest.fixture(scope="session")
def seed_article() -> kg.Article:
    return next(kg.read_articles([SEED], PUBLISHED))


@pytest.fixture(scope="session")
def seed_statements(seed_article) -> tuple[kg.Statement, ...]:
    return kg.extract(seed_article)


def run_kg(*args: str, cwd: Path | None = None, timeout: int = 300, **env: str) -> subprocess.CompletedProcess:
    """Run the real ``kg`` command in a subprocess."""
    return subprocess.run([sys.executable, "-m", "kg", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=timeout, env={**os.environ, **env})


def triples(statements) -> set[tuple[str, str, str]]:
    """(subject label, predicate id, object label) of each statement."""
    return {(s.subject.label, s.predicate.id, s.object.label) for s in statements}


def extract_text(text: str, published: date | None = PUBLISHED) -> tuple[kg.Statement, ...]:
    return kg.extract(kg.Article(id="t", text=text, published=published))


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
BROWSER_TESTS = [pytest.mark.browser,
                 pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed "
                                                             "(scripts/ensure-browser.sh installs it)")]


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless, driven by Playwright (no downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
