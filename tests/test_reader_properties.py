"""Random bytes and random JSON values fed to the readers: an article, or KgError (bad input), never
another exception. No spaCy here: these only read. 2,300 examples in all."""
import io
import json
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import KgError
from kg.ingest.feed import corpus_items
from kg.ingest.reader import read_articles
from kg.iri import article_iri
from kg.model import Article

def examples(count: int) -> settings:
    return settings(max_examples=count, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
ENGLISH = ("Chile signed an agreement with Peru on Monday to share data on fishing fleets in the Pacific, "
           "the two governments said in a joint statement after talks in Lima that lasted two days.")
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12)
field_values = json_values | st.sampled_from([ENGLISH, "", " ", "2024-05-08", "\ud800", "a\udfff", "x" * 250, 10**30])
records = st.fixed_dictionaries({}, optional={name: field_values for name in
                                              ("id", "title", "url", "published", "source", "text")})
byte_soup = st.binary(max_size=600) | st.lists(st.sampled_from(
    [b"{", b"}", b"[", b"]", b'"text":', b'"id":', b'"', b"\\ud800", b"\n", b"\xef\xbb\xbf", b"\x00", b"\xff\xfe",
     b"<html>", b"%PDF", ENGLISH.encode()[:60], b",", b"1e999", b"\\u0000"]), max_size=40).map(b"".join)


def well_formed(article: Article) -> None:
    """An article kg can go on with: valid Unicode everywhere and an id that makes an IRI."""
    for value in (article.id, article.text, article.title, article.url, article.source):
        assert value is None or isinstance(value, str)
        if value is not None:
            value.encode("utf-8")
    assert article.text.strip() and str(article_iri(article.id))


def read_all(paths: list[Path]) -> None:
    """Read ``paths`` both ways: stopping at the first bad input, and skipping bad inputs."""
    try:
        for article in read_articles(paths):
            well_formed(article)
    except KgError as error:
        assert "\n" not in str(error)
    for article in read_articles(paths, on_bad=lambda bad: None):
        well_formed(article)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("random")


@examples(500)
@given(data=byte_soup, suffix=st.sampled_from([".txt", ".md", ".jsonl"]))
def test_random_bytes_as_a_file(folder, data, suffix):
    path = folder / f"a{suffix}"
    path.write_bytes(data)
    read_all([path])


@examples(100)
@given(data=byte_soup | st.text(alphabet=string.printable + "<>/ä", max_size=300).map(
    lambda t: f"<html><body><p>{t}</p></body></html>".encode()))
def test_random_bytes_as_an_html_page(folder, data):
    path = folder / "a.html"
    path.write_bytes(data)
    read_all([path])


@examples(600)
@given(st.lists(json_values, min_size=1, max_size=5))
def test_random_json_values_as_corpus_lines(folder, values):
    path = folder / "values.jsonl"
    path.write_text("\n".join(json.dumps(v) for v in values) + "\n", encoding="utf-8")
    read_all([path])


@examples(800)
@given(st.lists(records, min_size=1, max_size=4))
def test_random_records_as_corpus_lines(folder, rows):
    path = folder / "records.jsonl"
    path.write_bytes(b"\n".join(json.dumps(row).encode("utf-8", "surrogatepass") for row in rows) + b"\n")
    read_all([path])


@examples(300)
@given(byte_soup)
def test_random_bytes_as_a_stream(data):
    for item in corpus_items(io.BytesIO(data), "<stdin>", None, Path("stdin")):
        assert isinstance(item, (Article, KgError))
        if isinstance(item, Article):
            well_formed(item)
