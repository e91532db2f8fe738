"""The input matrix (issue 7): every bad input is named, with its line where it has one, and what to do.

These read files only (no spaCy model), so they are fast.
"""
import json
import os
from pathlib import Path

import pytest

from kg.ingest.reader import MAX_BYTES, BadInput, read_articles

ENGLISH = ("Chile signed an agreement with Peru on Monday to share data on fishing fleets in the Pacific, "
           "the two governments said in a joint statement after talks in Lima that lasted two days.")
FRENCH = ("Le président de la République a signé mardi un accord de coopération avec le Maroc, selon un "
          "communiqué publié par l'Élysée après une longue réunion avec les ministres des deux pays.")
RUSSIAN = ("Президент России подписал во вторник соглашение о сотрудничестве с Казахстаном, сообщили "
           "в Кремле после долгих переговоров министров иностранных дел двух стран в Москве и Астане.")


def read(*paths, on_bad=None):
    return list(read_articles(list(paths), on_bad=on_bad))


def bad(path) -> BadInput:
    with pytest.raises(BadInput) as caught:
        read(path)
    return caught.value


def write(tmp_path, name, content: bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


@pytest.mark.parametrize("content,what", [
    (b"", "the file is empty"),
    (b" \n\t\r\n  ", "only whitespace"),
    (b"\x00\x01\x02\x03binary\x00", "binary file"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF document"),
    (b"PK\x03\x04\x14\x00\x06\x00", "ZIP archive"),
    (b"\x1f\x8b\x08\x00\x00\x00", "gzip"),
    (b"\xef\xbb\xbf", "only a byte-order mark"),  # found by the random-bytes property test
    ("Some text \x01\x02\x03\x04\x05\x06 with many \x07\x08 controls \x0e\x0f".encode() * 3, "binary data"),
])
def test_empty_and_binary_files(tmp_path, content, what):
    error = bad(write(tmp_path, "a.txt", content))
    assert what in str(error) and error.where.endswith("a.txt") and error.hint
    assert len(str(error).splitlines()) == 1


def test_invalid_utf8_names_line_and_column(tmp_path):
    data = "Chile met Peru.\nThe café opened — then\n".encode() + b"a broken \xe2\x80 sequence\n"
    error = bad(write(tmp_path, "broken.txt", data))
    assert "not valid UTF-8 at line 3, column 10" in str(error)
    assert "UTF-8" in error.hint


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252", "latin-1"])
def test_other_encodings_are_decoded(tmp_path, encoding):
    text = ENGLISH.replace("Lima", "Lima’s café" if encoding != "latin-1" else "Lima's café")
    [article] = read(write(tmp_path, "a.txt", text.encode(encoding)))
    assert article.text == text


def test_an_undecodable_legacy_encoding_is_reported(tmp_path):
    error = bad(write(tmp_path, "sjis.txt", ("日本の首相は火曜日に中国と協定を結んだ。" * 5).encode("shift_jis")))
    assert "not UTF-8" in str(error) and "re-save it as UTF-8" in error.hint


def test_a_20_mb_article_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as stream:
        stream.write((ENGLISH + "\n").encode() * (20_000_000 // len(ENGLISH)))
    error = bad(path)
    assert "MB is more than the 5 MB" in str(error) and "split it" in error.hint


@pytest.mark.parametrize("text,language", [(FRENCH, "French"), (RUSSIAN, "Russian")])
def test_non_english_text_is_detected(tmp_path, text, language):
    error = bad(write(tmp_path, "foreign.txt", text.encode()))
    assert f"in {language}" in str(error) and "not English" in str(error)


def test_short_or_mixed_text_is_not_judged(tmp_path):
    assert read(write(tmp_path, "short.txt", "Chile met Peru.".encode()))
    assert read(write(tmp_path, "quote.txt", (ENGLISH + ' He said: "Nous sommes prêts."').encode()))


def test_html_full_of_scripts_and_navigation(tmp_path):
    [article] = read(Path(__file__).parent / "fixtures" / "corpus" / "world" / "nordic.html")
    assert "Norway signed an agreement with Sweden" in article.text
    for noise in ("tracker", "Subscribe", "Sign in", "cookies", "Most read", "Copyright", "console.log"):
        assert noise not in article.text
    assert (article.title, article.published.isoformat()) == ("Norway and Sweden agree on power grid", "2024-03-14")
    assert article.url == "https://news.example.org/world/norway-sweden-grid"


@pytest.mark.parametrize("body", [b"", b"<nav><a href='/'>Home</a> | <a href='/w'>World</a></nav><ul><li>Sport</li></ul>"])
def test_html_without_article_text(tmp_path, body):
    page = b"<html><head><script>alert(1)</script></head><body>" + body + b"</body></html>"
    error = bad(write(tmp_path, "empty.html", page))
    assert "no article text found in this HTML page" in str(error)


def corpus(tmp_path, *lines: str) -> Path:
    return write(tmp_path, "feed.jsonl", "\n".join(lines).encode() + b"\n")


def test_jsonl_broken_lines_are_reported_by_line_number(tmp_path):
    good = json.dumps({"id": "a1", "text": ENGLISH, "published": "2024-05-08"})
    path = corpus(tmp_path, good, "", '{"id": "a2", "text": "cut off', "[1, 2]", '{"id": "a3"}',
                  json.dumps({"id": "a4", "text": ENGLISH, "published": "yesterday"}), good.replace("a1", "a5"))
    error = bad(path)
    assert error.where == f"{path}:3" and "not valid JSON" in error.what
    problems = []
    articles = read(path, on_bad=problems.append)
    assert [a.id for a in articles] == ["a1", "a5"]
    assert [p.where.rsplit(":", 1)[1] for p in problems] == ["3", "4", "5", "6"]
    assert "a JSON list" in problems[1].what and "'text' is missing" in problems[2].what
    assert "'yesterday' is not a date" in problems[3].what


def test_jsonl_invalid_utf8_and_overlong_lines(tmp_path, monkeypatch):
    monkeypatch.setattr("kg.ingest.feed.MAX_BYTES", 400)
    path = write(tmp_path, "feed.jsonl", b'{"text": "caf\xe9 in Lima"}\n' + json.dumps({"text": "x" * 500}).encode()
                 + b"\n" + json.dumps({"id": "ok", "text": ENGLISH}).encode() + b"\n")
    problems = []
    assert [a.id for a in read(path, on_bad=problems.append)] == ["ok"]
    assert "not valid UTF-8" in problems[0].what and problems[0].where.endswith(":1")
    assert "longer than" in problems[1].what and problems[1].where.endswith(":2")


def test_empty_corpus(tmp_path):
    assert "the corpus is empty" in str(bad(write(tmp_path, "feed.jsonl", b"\n\n")))


def test_missing_paths_and_broken_links(tmp_path):
    assert "no such file" in str(bad(tmp_path / "missing.txt"))
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "gone.txt")
    assert "link is broken" in bad(link).hint


def test_unreadable_file(tmp_path, monkeypatch):
    path = write(tmp_path, "locked.txt", ENGLISH.encode())

    def denied(path, flags):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr("kg.ingest.files.os.open", denied)
    error = bad(path)
    assert "permission denied" in str(error) and "chmod" in error.hint


def test_unreadable_subfolder_is_reported_and_the_rest_read(tmp_path, monkeypatch):
    write(tmp_path, "a.txt", ENGLISH.encode())
    write(tmp_path, "locked/b.txt", ENGLISH.encode())
    walk = os.walk

    def walk_with_locked_folder(top, onerror=None, **kwargs):
        for root, dirs, files in walk(top, onerror=onerror, **kwargs):
            if root.endswith("locked"):
                onerror(PermissionError(13, "Permission denied", root))
                continue
            yield root, dirs, files

    monkeypatch.setattr("kg.ingest.reader.os.walk", walk_with_locked_folder)
    problems = []
    assert [a.source for a in read(tmp_path, on_bad=problems.append)] == [str(tmp_path / "a.txt")]
    assert "cannot read this folder (Permission denied)" in str(problems[0])


def test_mixed_folder(tmp_path):
    write(tmp_path, "b.txt", ENGLISH.encode())
    write(tmp_path, "a/c.md", ("# Title\n\n" + ENGLISH).encode())
    write(tmp_path, "a/feed.jsonl", json.dumps({"id": "f1", "text": ENGLISH}).encode())
    write(tmp_path, "d.html", f"<html><body><article><p>{ENGLISH}</p></article></body></html>".encode())
    write(tmp_path, "photo.png", b"\x89PNG\r\n\x1a\n")
    write(tmp_path, "notes.pdf", b"%PDF-1.4")
    write(tmp_path, ".hidden.txt", b"\x00")
    write(tmp_path, ".git/HEAD.txt", b"\x00")
    articles = read(tmp_path)
    assert [Path(a.source.split(":")[0]).name for a in articles] == ["b.txt", "d.html", "c.md", "feed.jsonl"]
    assert articles[2].title == "Title"


def test_folder_with_no_articles_says_what_it_found(tmp_path):
    write(tmp_path, "photo.png", b"\x89PNG")
    write(tmp_path, "notes.pdf", b"%PDF")
    error = bad(tmp_path)
    assert "no articles in this folder (only 1 .pdf, 1 .png files)" in str(error)


def test_a_bad_input_pickles_with_its_hint():
    import pickle

    error = pickle.loads(pickle.dumps(BadInput("a.txt:3", "broken", "fix it")))
    assert (error.where, error.what, error.hint, str(error)) == ("a.txt:3", "broken", "fix it", "a.txt:3: broken (fix it)")


def test_the_size_limit_is_a_few_megabytes():
    assert 1_000_000 <= MAX_BYTES <= 20_000_000


@pytest.mark.parametrize("name,content,where", [
    ("empty.txt", b"", ""), ("blank.md", b"\n \n", ""), ("binary.txt", b"\x00\x01\x02", ""),
    ("paper.pdf", b"%PDF-1.5\n", ""), ("broken.txt", b"caf\xc3\xa9 \xc3 ok", ""),
    ("french.txt", FRENCH.encode(), ""), ("menu.html", b"<html><body><nav>Home</nav></body></html>", ""),
    ("feed.jsonl", b'{"text": "Chile met Peru."}\n{"text": \n', ":2"),
])
def test_each_bad_input_exits_2_with_one_line_naming_it(tmp_path, name, content, where):
    from typer.testing import CliRunner

    from kg.cli.main import app

    path = write(tmp_path, name, content)
    result = CliRunner().invoke(app, ["extract", str(path)])
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"kg: error: {path}{where}: ") and line.endswith(")")
    assert result.stdout == ""  # nothing half-written: a bad input stops the run before its batch is printed


def test_a_bad_date_with_a_line_break_is_named_on_one_line():
    from kg import KgError
    from kg.ingest.fields import parse_date

    with pytest.raises(KgError) as caught:
        parse_date("2021\n-11")
    assert "\n" not in str(caught.value) and "'2021\\n-11' is not a date" in str(caught.value)
