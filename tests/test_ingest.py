import json

import pytest

from kg.errors import KgError
from kg.ingest.reader import read_articles


def read(path):
    return list(read_articles([path]))


def test_reads_utf8_utf16_and_cp1252(tmp_path):
    (tmp_path / "a.txt").write_text("Chile recognised Peru’s claim.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Chile recognised Peru’s claim.", encoding="utf-16")
    (tmp_path / "c.txt").write_bytes("Chile recognised Peru’s claim.".encode("cp1252"))
    texts = {a.text for a in read(tmp_path)}
    assert texts == {"Chile recognised Peru’s claim."}


@pytest.mark.parametrize("content,message", [(b"", "empty"), (b"  \n\t ", "empty"),
                                             (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary")])
def test_bad_files_say_what_is_wrong(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(KgError, match=message):
        read(path)


def test_missing_file(tmp_path):
    with pytest.raises(KgError, match="no such file"):
        read(tmp_path / "nope.txt")


def test_jsonl_corpus_with_metadata_and_a_broken_line(tmp_path):
    path = tmp_path / "corpus.jsonl"
    good = {"id": "a1", "title": "T", "published": "2021-11-23", "url": "http://x", "text": "Chile met Peru."}
    path.write_text(json.dumps(good) + "\n", encoding="utf-8")
    [article] = read(path)
    assert (article.id, article.published.isoformat(), article.url) == ("a1", "2021-11-23", "http://x")
    path.write_text(json.dumps(good) + "\n{broken\n", encoding="utf-8")
    with pytest.raises(KgError, match=r"corpus.jsonl:2"):
        read(path)


def test_html_keeps_the_article_and_drops_scripts(tmp_path):
    path = tmp_path / "page.html"
    body = "<p>" + "Chile signed an agreement with Peru on trade and fisheries cooperation. " * 5 + "</p>"
    path.write_text(f"<html><head><script>alert(1)</script></head><body><nav>Home | News</nav>"
                    f"<article>{body}</article></body></html>", encoding="utf-8")
    [article] = read(path)
    assert "Chile signed an agreement" in article.text
    assert "alert" not in article.text
