"""Our own corpus of 32 short news-style articles (courts, central banks, ministries, health, sports,
business, disasters, elections; institutions named without their country) built end to end."""
import json
import re

import pytest

from conftest import FIXTURES, run_kg
from kg.iri import article_iri
from kg.store.backend import open_store

NEWS = FIXTURES / "news"
IDS = [json.loads(line)["id"] for line in (NEWS / "wire.jsonl").read_text().splitlines()]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    store = tmp_path_factory.mktemp("news") / "store"
    result = run_kg("build", NEWS, "--store", store)
    target = open_store(store)
    stored = {str(iri) for iri in target.articles()}
    target.close()
    return result, stored


def test_the_corpus_is_varied_enough():
    assert len(IDS) == len(set(IDS)) >= 30
    text = (NEWS / "wire.jsonl").read_text().lower()
    assert all(beat in text for beat in ("supreme court", "central bank", "health ministry", "election", "earthquake"))


def test_every_article_is_stored_or_named_as_failed(built):
    result, stored = built
    assert result.returncode in (0, 3) and "Traceback" not in result.stderr
    failed = set(re.findall(r"^kg: failed: \S+ \(article (\S+)\)", result.stderr, re.M))
    added = set(re.findall(r"^added (\S+) ", result.stderr, re.M))
    assert added | failed == set(IDS) and not added & failed
    assert stored == {str(article_iri(i)) for i in added}
    assert (result.returncode == 3) == bool(failed)


def test_every_article_builds_without_failure(built):
    result, stored = built
    assert result.returncode == 0, result.stderr
    assert stored == {str(article_iri(i)) for i in IDS}
