"""End to end on our own articles: wire copy, spun text, datelines, quotes."""
import json
from datetime import date

import pytest

import kg
from conftest import FIXTURES

ARTICLES = FIXTURES / "articles"
EXPECTED = json.loads((ARTICLES / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_article(name):
    expected = EXPECTED[name]
    [article] = kg.read_articles([ARTICLES / name], date.fromisoformat(expected["published"]))
    statements = kg.extract(article)
    found = {(s.subject.label, s.predicate.id, s.object.label): s.status for s in statements}
    for subject, predicate, obj, status in expected["statements"]:
        assert found.get((subject, predicate, obj)) == status, (subject, predicate, obj, found)
    labels = {e.label for s in statements for e in (s.subject, s.object)}
    assert not labels & set(expected["not_labels"])
    for statement in statements:
        assert article.text[statement.evidence.start:statement.evidence.end] == statement.evidence.sentence
