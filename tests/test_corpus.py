"""Corpus runs through the CLI: bad inputs stop the run or are skipped and counted, resumption, processes."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES
from kg.cli import graph  # noqa: F401  (registers kg export)
from kg.cli.main import app
from kg.ingest.reader import read_articles
from kg.pipeline.extraction import Settings, extract_all

CORPUS = FIXTURES / "corpus"
runner = CliRunner()


def kg(*args):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def records(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture
def mixed(tmp_path) -> Path:
    """The fixture corpus plus one bad file, one foreign article and two broken corpus lines."""
    folder = tmp_path / "mixed"
    shutil.copytree(CORPUS, folder)
    (folder / "b-empty.txt").write_bytes(b"  \n")
    (folder / "world" / "fr.txt").write_text(
        "Le président de la République a signé mardi un accord de coopération avec le Maroc, selon un "
        "communiqué publié par l'Élysée après une longue réunion avec les ministres des deux pays.")
    feed = folder / "feed.jsonl"
    lines = feed.read_text().splitlines()
    feed.write_text("\n".join([lines[0], "{not json", lines[1], '{"id": "x"}', lines[2]]) + "\n")
    return folder


def test_a_bad_input_stops_the_run_with_file_line_and_what_to_do(mixed):
    result = kg("extract", mixed)
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"kg: error: {mixed / 'b-empty.txt'}: the file is empty")
    assert "--skip-bad" in line


def test_skip_bad_reports_each_bad_input_counts_them_and_goes_on(mixed):
    result = kg("extract", mixed, "--skip-bad")
    assert result.exit_code == 0, result.stderr
    skipped = [line for line in result.stderr.splitlines() if line.startswith("kg: skipped: ")]
    assert [line.split(": ")[2] for line in skipped] == [
        str(mixed / "b-empty.txt"), f"{mixed / 'feed.jsonl'}:2", f"{mixed / 'feed.jsonl'}:4",
        str(mixed / "world" / "fr.txt")]
    assert result.stderr.splitlines()[-1].startswith("kg: 6 articles, ")
    assert "skipped 4 bad inputs" in result.stderr.splitlines()[-1]
    assert {r["article"] for r in records(result)} >= {"feed-001", "feed-002"}


def test_nothing_readable_is_an_error_even_with_skip_bad(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01")
    result = kg("extract", tmp_path, "--skip-bad")
    assert result.exit_code == 2
    assert "no article could be read: all 2 inputs were bad" in result.stderr


def test_publication_dates_from_metadata_feed_time_resolution():
    found = {(r["article"], r["time"]) for r in records(kg("extract", CORPUS))}
    assert ("feed-001", "2023-06-02") in found
    assert any(article.startswith("nordic-") and time == "2024-03-14" for article, time in found)


def test_build_with_skip_bad_writes_the_good_articles(mixed, tmp_path):
    result = kg("build", mixed, "--skip-bad", "--out", tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    assert "skipped 4 bad inputs" in result.stderr
    statements = (tmp_path / "out" / "statements.jsonl").read_text().splitlines()
    assert {json.loads(s)["article"] for s in statements} >= {"feed-001", "feed-002"}


def test_rerunning_into_a_store_resumes_by_content_hash(mixed, tmp_path):
    store = tmp_path / "store"
    first = kg("build", mixed, "--skip-bad", "--store", store)
    assert first.exit_code == 0, first.stderr
    assert "6 articles" in first.stderr
    (mixed / "new.txt").write_text("Kenya signed an agreement with Uganda on Monday to build a new railway line.")
    again = kg("build", mixed, "--skip-bad", "--store", store)
    assert "kg: 1 article, " in again.stderr and "6 unchanged articles already in the store" in again.stderr


def test_an_article_whose_extraction_fails_is_reported_and_the_rest_go_on(monkeypatch):
    from kg.pipeline import extraction as pipeline

    real = pipeline.statements_of

    def flaky(doc, passage, settings):
        if passage.article.id == "feed-002":
            raise RuntimeError("boom")
        return real(doc, passage, settings)

    monkeypatch.setattr(pipeline, "statements_of", flaky)
    failures = []
    done = [a.id for a, _ in extract_all(read_articles([CORPUS / "feed.jsonl"]), Settings(),
                                         lambda article, error: failures.append((article.id, error)))]
    assert done == ["feed-001", "feed-003"]
    assert [(article, str(error)) for article, error in failures] == [("feed-002", "RuntimeError: boom")]
    result = kg("extract", CORPUS / "feed.jsonl", "--skip-bad")
    assert result.exit_code == 3
    assert "feed.jsonl:2 (article feed-002): extraction failed (RuntimeError: boom)" in result.stderr


def test_two_processes_give_the_same_records_as_one():
    one = kg("extract", CORPUS, FIXTURES / "seed-article.txt")
    two = kg("extract", CORPUS, FIXTURES / "seed-article.txt", "--processes", "2")
    assert two.exit_code == 0, two.stderr
    assert two.stdout == one.stdout and one.stdout


def test_progress_and_counts_on_stderr():
    result = kg("extract", CORPUS, "--progress")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[-1].startswith("kg: 6 articles, ")


@pytest.mark.parametrize("data,article", [
    (b"Chile signed an agreement with Peru on Monday.", "stdin-"),
    ((CORPUS / "feed.jsonl").read_bytes(), "feed-001"),
])
def test_standard_input(data, article):
    result = subprocess.run([sys.executable, "-m", "kg", "extract", "-", "--published", "2024-05-08"],
                            input=data, capture_output=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[0])["article"].startswith(article)


def test_stdin_needs_something_piped_in():
    result = kg("extract", "-")
    assert result.exit_code == 2 and "<stdin>: the file is empty" in result.stderr


def test_parse_batches_are_bounded_by_characters_so_memory_stays_flat():
    from kg.model import Article
    from kg.pipeline.extraction import BATCH_CHARS, CHUNK, batches, pieces

    long = Article(id="long", text=("Chile met Peru in Lima. " * 40 + "\n\n") * 1000)
    items = list(pieces([Article(id=f"a{i}", text="Chile met Peru.") for i in range(100)] + [long]))
    assert max(len(piece) for piece, _ in items) <= CHUNK
    groups = list(batches(items, size=32))
    assert all(len(group) <= 32 and sum(len(p) for p, _ in group) <= BATCH_CHARS for group in groups)
    assert [context[0].article.id for group in groups for _, context in group][-1] == "long"


def test_entities_merge_across_articles_in_the_store(tmp_path):
    from kg.store.backend import open_store

    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "one", "text": "The US signed an agreement with Peru on Monday."}) + "\n"
                    + json.dumps({"id": "two", "text": "The United States accused Chile of spying."}) + "\n")
    assert kg("build", feed, "--store", tmp_path / "store", "--skip-bad").exit_code == 0
    store = open_store(tmp_path / "store")
    try:
        rows = list(store.dataset().query(
            'SELECT DISTINCT ?e ?g WHERE { GRAPH ?g { ?e rdfs:label "United States" } }'))
    finally:
        store.close()
    assert len({row[0] for row in rows}) == 1 and len({row[1] for row in rows}) == 2


def test_every_build_path_gives_the_same_graph(tmp_path):
    """``kg build --out``, ``kg build --store`` then ``kg export``, and ``kg.build`` go through one orchestrator."""
    import kg as api

    for command in (("build", CORPUS, "--out", tmp_path / "files"), ("build", CORPUS, "--store", tmp_path / "store"),
                    ("export", "--store", tmp_path / "store", "--format", "trig", "--out", tmp_path / "exported.trig")):
        assert kg(*command).exit_code == 0
    built = api.build([CORPUS], tmp_path / "api")
    written = (tmp_path / "files" / "graph.trig").read_bytes()
    assert written == (tmp_path / "exported.trig").read_bytes() == (tmp_path / "api" / "graph.trig").read_bytes()
    assert (tmp_path / "files" / "statements.jsonl").read_bytes() == (tmp_path / "api" / "statements.jsonl").read_bytes()
    assert built.articles == len(list(read_articles([CORPUS]))) and built.statements == len(list(built.records()))
    assert not [p for p in (tmp_path / "files").iterdir() if p.name.startswith(".")], "the scratch store is left"


def test_a_corpus_page_is_titled_by_its_articles_and_dates(tmp_path):
    kg("build", CORPUS, "--out", tmp_path)
    count = len(list(read_articles([CORPUS])))
    assert f"<title>{count} articles" in (tmp_path / "graph.html").read_text(encoding="utf-8")
