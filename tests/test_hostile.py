"""Hostile inputs (issue 13): each is one line naming the file (and line) with exit 2, or a skip with
--skip-bad; never a traceback, a hang or unbounded memory, and no store folder left behind."""
import json
import os
import socket
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import run_kg
from kg.cli import graph  # noqa: F401  (registers kg remove)
from kg.cli.main import app
from kg.ingest.reader import read_articles
from kg.iri import article_iri

ENGLISH = ("Chile signed an agreement with Peru on Monday to share data on fishing fleets in the Pacific, "
           "the two governments said in a joint statement after talks in Lima that lasted two days.")
OTHER = "Kenya signed a trade agreement with Uganda on Friday in Nairobi to build a new railway line."
runner = CliRunner()


def kg(*args):
    return runner.invoke(app, [str(a) for a in args])


def one_error_line(result, where: str, what: str) -> str:
    assert result.exit_code == 2, result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith(f"kg: error: {where}: ") and what in line and "Traceback" not in result.stderr
    return line


def record(**fields) -> str:
    return json.dumps({"text": ENGLISH, **fields})


def feed(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_json_nested_100000_deep_is_bad_input_and_leaves_no_store(tmp_path):
    path = feed(tmp_path, '{"text": ' + "[" * 100_000 + "]" * 100_000 + "}")
    store = tmp_path / "store"
    one_error_line(kg("build", path, "--store", store), f"{path}:1", "nested too deeply")
    one_error_line(kg("build", path, "--out", tmp_path / "out"), f"{path}:1", "nested too deeply")
    assert not store.exists() and not (tmp_path / "out").exists()
    path.write_text(path.read_text() + record(id="ok") + "\n")
    result = kg("build", path, "--store", store, "--skip-bad")
    assert result.exit_code == 0 and "added ok" in result.stderr and "skipped: " in result.stderr


@pytest.mark.parametrize("fields,what", [
    ({"id": {"a": 1}}, "'id' is an object, not a string"),
    ({"title": {"t": [1]}}, "'title' is an object, not a string"),
    ({"url": 123}, "'url' is a number, not a string"),
    ({"published": ["2024-01-01"]}, "'published' is an array, not a string"),
    ({"id": True}, "'id' is true or false, not a string"),
    ({"text": 5}, "'text' is a number, not a string"),
    ({"id": "x" * 300}, "more than the 200 kg takes"),
])
def test_fields_of_the_wrong_type_are_named(tmp_path, fields, what):
    path = feed(tmp_path, record(**fields))
    one_error_line(kg("extract", path), f"{path}:1", what)


def test_a_numeric_id_is_taken_as_text(tmp_path):
    [article] = read_articles([feed(tmp_path, record(id=42))])
    assert article.id == "42"


def test_a_lone_surrogate_in_an_id_is_refused(tmp_path):
    path = feed(tmp_path, '{"id": "a\\ud800", "text": "%s"}' % ENGLISH)
    one_error_line(kg("extract", path), f"{path}:1", "lone surrogate")


def test_lone_surrogates_in_text_and_title_become_replacement_characters(tmp_path):
    path = feed(tmp_path, '{"id": "s1", "title": "T \\udc80", "text": "%s \\ud800"}' % ENGLISH)
    [article] = read_articles([path])
    assert article.text == ENGLISH + " \ufffd" and article.title == "T \ufffd"
    result = kg("build", path, "--store", tmp_path / "store")
    assert result.exit_code == 0 and "added s1" in result.stderr


def test_a_fifo_in_a_corpus_folder_is_refused_without_waiting(tmp_path):
    os.mkfifo(tmp_path / "f.txt")
    (tmp_path / "a.txt").write_text(ENGLISH)
    result = run_kg("extract", tmp_path, timeout=30)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{tmp_path / 'f.txt'}: this is a named pipe (FIFO), not a regular file" in result.stderr
    store = tmp_path.parent / f"{tmp_path.name}-store"
    skipped = run_kg("build", tmp_path, "--skip-bad", "--store", store, "--progress", timeout=30)
    assert skipped.returncode == 0 and "skipped 1 bad input " in skipped.stderr


def test_a_link_to_dev_zero_is_refused_by_type(tmp_path):
    (tmp_path / "z.txt").symlink_to("/dev/zero")
    (tmp_path / "feed.jsonl").symlink_to("/dev/zero")
    (tmp_path / "a.txt").write_text(ENGLISH)
    store = tmp_path.parent / f"{tmp_path.name}-store"
    result = run_kg("build", tmp_path, "--skip-bad", "--store", store, "--progress", timeout=30)
    assert result.returncode == 0, result.stderr
    assert "z.txt: this is a character device" in result.stderr
    assert "feed.jsonl: this is a character device" in result.stderr


def test_a_socket_is_refused(tmp_path):
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(tmp_path / "s.txt"))
    try:
        one_error_line(kg("extract", tmp_path / "s.txt"), str(tmp_path / "s.txt"), "this is a socket")
    finally:
        server.close()


def test_two_articles_under_one_id_are_refused_naming_both(tmp_path):
    path = feed(tmp_path, record(id="a1"), json.dumps({"id": "a1", "text": OTHER}), record(id="a1"))
    line = one_error_line(kg("build", path, "--store", tmp_path / "store"), f"{path}:2", "'a1' is already taken")
    assert f"({path}:1)" in line
    result = kg("build", path, "--store", tmp_path / "store2", "--skip-bad")
    assert result.exit_code == 0 and "1 added" in result.stderr and "skipped 1 bad input " in result.stderr


def test_an_id_the_store_holds_for_another_article_is_refused(tmp_path):
    store = tmp_path / "store"
    first = feed(tmp_path, json.dumps({"id": "a1", "title": "Chile and Peru", "text": ENGLISH}))
    assert kg("build", first, "--store", store).exit_code == 0
    second = tmp_path / "second.jsonl"
    second.write_text(json.dumps({"id": "a1", "text": OTHER}) + "\n")
    line = one_error_line(kg("build", second, "--store", store), f"{second}:1", "already in the store")
    assert "'Chile and Peru'" in line and "kg remove a1" in line
    assert kg("build", first, "--store", store).exit_code == 0  # the same article again: unchanged


def test_remove_of_an_id_that_is_not_an_iri(tmp_path):
    store = tmp_path / "store"
    assert kg("build", feed(tmp_path, record(id="a1")), "--store", store).exit_code == 0
    result = kg("remove", "http://x> } } ; DROP ALL ; #", "--store", store)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == ["kg: error: 'http://x> } } ; DROP ALL ; #' is not a valid IRI (give an "
                                          "article id, or its IRI as kg query --store S articles lists it)"]
    assert kg("remove", "a1", "--store", store).exit_code == 0


def test_statements_past_the_cap_of_an_article_are_dropped_and_reported(tmp_path, monkeypatch):
    monkeypatch.setattr("kg.pipeline.report.MAX_STATEMENTS", 2)
    path = tmp_path / "long.txt"
    path.write_text(" ".join(f"Chile signed an agreement with Peru on day {n}." for n in range(1, 6)))
    result = kg("extract", path)
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 2
    [note] = [line for line in result.stderr.splitlines() if line.startswith("kg: note: ")]
    assert f"{path} (article long-" in note and "kept the first 2 of its 5 statements" in note


def test_a_file_name_that_is_not_utf8_gives_a_valid_id(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / os.fsdecode(b"caf\xff.txt")).write_text(ENGLISH)
    [article] = read_articles([folder])
    assert article.id.startswith("caf\ufffd-") and str(article_iri(article.id))
    result = kg("build", folder, "--store", tmp_path / "store")
    assert result.exit_code == 0, result.stderr


def test_a_store_with_separators_and_control_characters_exports_what_parsers_read(tmp_path):
    import io

    import networkx as nx
    import pyoxigraph as ox

    text = "Chile signed an agreement with Peru on Monday \u2028in Lima\x0b, officials\u0085 said\x1c."
    path = feed(tmp_path, json.dumps({"id": "w1", "title": "Odd\u2029title\x1e\x01", "text": text}))
    store = tmp_path / "store"
    assert kg("build", path, "--store", store).exit_code == 0
    formats = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS,
               "jsonld": ox.RdfFormat.JSON_LD}
    literals = []
    for name, fmt in formats.items():
        exported = tmp_path / f"export.{name}"
        result = run_kg("export", "--store", store, "--format", name, "--out", exported)
        assert result.returncode == 0, result.stderr
        parsed = ox.parse(exported.read_bytes(), format=fmt)
        literals.append({q.object.value for q in parsed if isinstance(q.object, ox.Literal)})
        assert "Odd\u2029title\x1e\x01" in literals[-1]
    assert all(found == literals[0] for found in literals)
    graphml = tmp_path / "export.graphml"
    assert run_kg("export", "--store", store, "--format", "graphml", "--out", graphml).returncode == 0
    assert nx.read_graphml(io.BytesIO(graphml.read_bytes())).number_of_nodes() >= 2
