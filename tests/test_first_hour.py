"""What a newcomer meets first (issue 19): file modes, --version, help texts, progress in a log, hints, counts."""
from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph

from kg.pipeline.outputs import write_files

from conftest import FIXTURES, PUBLISHED, SEED, run_kg

ARTICLES = FIXTURES / "articles"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("first-hour")
    result = run_kg("build", SEED, "--out", out, "--published", PUBLISHED.isoformat())
    assert result.returncode == 0, result.stderr
    return out


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("umask,expected", [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_written_files_get_the_mode_of_the_umask(tmp_path, umask, expected):
    old = os.umask(umask)
    try:
        write_files({tmp_path / "a.ttl": "x", tmp_path / "b.html": b"y"})
    finally:
        os.umask(old)
    assert mode(tmp_path / "a.ttl") == mode(tmp_path / "b.html") == expected


def test_kg_build_outputs_are_readable_by_others_under_umask_022(tmp_path):
    result = subprocess.run([sys.executable, "-m", "kg", "build", str(SEED), "--out", str(tmp_path)],
                            capture_output=True, text=True, timeout=300, preexec_fn=lambda: os.umask(0o022))
    assert result.returncode == 0, result.stderr
    names = ("graph.ttl", "graph.trig", "statements.jsonl", "graph.html")
    assert {name: mode(tmp_path / name) for name in names} == dict.fromkeys(names, 0o644)


def test_version():
    from kg import __version__

    result = run_kg("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"kg {__version__}"


@pytest.mark.parametrize("command", ["export", "query", "validate"])
def test_store_help_does_not_promise_a_new_store_where_none_is_made(command):
    text = " ".join(run_kg(command, "--help", COLUMNS="200").stdout.split())
    assert "An existing store" in text and "created if missing" not in text


def test_build_store_help_says_it_is_created():
    assert "created if missing" in " ".join(run_kg("build", "--help", COLUMNS="200").stdout.split())


def test_serve_help_shows_whole_option_names_at_80_columns():
    result = run_kg("serve", "--help", COLUMNS="80", TERMINAL_WIDTH="")
    assert result.returncode == 0 and "…" not in result.stdout
    assert max(map(len, result.stdout.splitlines())) <= 80
    for name in ("--store", "--host", "--port", "--allow-update", "--token", "--allow-federation", "--timeout",
                 "--max-rows"):
        assert re.search(rf"{name}\b", result.stdout), name


def corpus(path: Path, articles: int) -> Path:
    with path.open("w", encoding="utf-8") as stream:
        for number in range(articles):
            record = {"id": f"a{number}", "text": f"Chile signed an agreement with Peru on day {number}."}
            stream.write(json.dumps(record) + "\n")
    return path


def test_progress_prints_plain_lines_when_stderr_is_a_log(tmp_path):
    result = run_kg("extract", corpus(tmp_path / "c.jsonl", 230), "--progress")
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if "articles/s" in line]
    assert [line.split(" inputs")[0] for line in lines] == ["kg: 100/230", "kg: 200/230"]
    assert "\x1b" not in result.stderr and "230 articles" in result.stderr.splitlines()[-1]


def test_misspelt_entity_in_a_named_query_names_the_nearest_labels(built):
    result = run_kg("query", built / "graph.trig", "timeline", "-p", "entity=Marocco")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "no entity has the label or alias 'Marocco'" in result.stderr and "did you mean 'Morocco'" in result.stderr
    assert result.stdout == ""
    assert run_kg("query", built / "graph.trig", "timeline", "-p", "entity=Morocco").returncode == 0


def test_every_entity_parameter_is_checked_and_iris_pass(built):
    result = run_kg("query", built / "graph.ttl", "events-between", "-p", "a=Algeria", "-p", "b=Isreal")
    assert result.returncode == 2 and "did you mean 'Israel'" in result.stderr
    iri = "https://w3id.org/kgnews/resource/country/MAR"
    result = run_kg("query", built / "graph.ttl", "relations-of", "-p", f"entity={iri}", "--format", "csv")
    assert result.returncode == 0 and "Morocco" in result.stdout
    assert run_kg("query", built / "graph.ttl", "statements-by-status", "-p", "status=claimed").returncode == 0


def merged_count(stderr: str) -> int:
    match = re.search(r"(\d+) triples in the merged graph|merged graph holds (\d+) triples", stderr)
    return int(match[1] or match[2])


def test_out_and_store_report_the_same_triple_count(tmp_path):
    out = run_kg("build", ARTICLES, "--out", tmp_path / "out")
    store = run_kg("build", ARTICLES, "--store", tmp_path / "store")
    assert out.returncode == store.returncode == 0, out.stderr + store.stderr
    turtle = len(Graph().parse(tmp_path / "out" / "graph.ttl"))
    assert merged_count(out.stderr) == merged_count(store.stderr.splitlines()[-1]) == turtle
    quads = int(re.search(r"\((\d+) in its 5 article graphs", store.stderr)[1])
    assert quads > turtle  # entities named in several articles repeat in each article's graph


def test_an_unknown_named_query_is_named_as_such(tmp_path):
    from conftest import SEED, run_kg

    store = tmp_path / "store"
    assert run_kg("build", SEED, "--store", store, "--published", "2021-11-23").returncode == 0
    result = run_kg("query", "--store", store, "timelin")
    assert result.returncode == 2
    assert "no named query 'timelin'" in result.stderr and "did you mean 'timeline'" in result.stderr
