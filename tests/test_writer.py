"""The store-writer process: articles reported only once committed, its failures raised in the parent."""
from __future__ import annotations

import pytest

from kg.errors import KgError
from kg.model import Article, Entity, Evidence, Predicate, Statement
from kg.graph.rdf import article_graph
from kg.store.backend import open_store
from kg.store.writer import Writer

CHILE = Entity("country/CHL", "Chile", "Country", "CHL", "Q298")
PERU = Entity("country/PER", "Peru", "Country", "PER", "Q419")
SIGNS = Predicate("signsAgreementWith", "signs agreement with", "057")


def article(number: int) -> tuple[Article, tuple[Statement, ...]]:
    text = f"Chile signed agreement number {number} with Peru."
    found = Statement(f"a{number}", CHILE, SIGNS, PERU, Evidence(text, 0, len(text)), confidence=0.8, rule="test")
    return Article(f"a{number}", text), (found,)


def test_every_article_reported_is_in_the_store_with_its_graph(tmp_path):
    items = [article(n) for n in range(12)]
    reported = []
    with Writer(tmp_path / "store") as writer:
        for item in items:
            reported += writer.put(*item)
        reported += writer.close()
    assert [name for name, _, _ in reported] == [a.id for a, _ in items]
    store = open_store(tmp_path / "store")
    try:
        expected = {str(article_graph(*item).name): len(article_graph(*item)) for item in items}
        assert {str(name) for name in store.articles()} == set(expected)
        assert [triples for _, _, triples in reported] == list(expected.values())
        assert store.triples() == sum(expected.values())
    finally:
        store.close()


def test_a_store_the_writer_cannot_open_fails_in_the_parent_with_the_reason(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(KgError, match="is a file") as raised:
        with Writer(blocker) as writer:
            list(writer.put(*article(1)))
            list(writer.close())
    assert raised.value.exit_code == 2 and blocker.read_text() == "x"


def test_an_interrupt_stops_the_writer_and_keeps_what_was_committed(tmp_path):
    with pytest.raises(KeyboardInterrupt):
        with Writer(tmp_path / "store") as writer:
            list(writer.put(*article(1)))
            raise KeyboardInterrupt
    assert writer.process.poll() is not None
    store = open_store(tmp_path / "store", create=True)  # the lock is free again
    try:
        assert len(store.articles()) <= 1
    finally:
        store.close()


def test_a_failure_in_the_parent_still_writes_what_was_handed_over(tmp_path):
    with pytest.raises(KgError, match="bad input"):
        with Writer(tmp_path / "store") as writer:
            for number in range(5):
                list(writer.put(*article(number)))
            raise KgError("bad input")
    store = open_store(tmp_path / "store")
    try:
        assert len(store.articles()) == 5
    finally:
        store.close()
