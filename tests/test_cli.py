"""The kg command as users run it: outputs, queries and bad input."""
import csv
import io
import json
import os

import pytest
from rdflib import Graph

from conftest import SEED, run_kg


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    result = run_kg("build", SEED, "--out", out, "--published", "2021-11-23")
    assert result.returncode == 0, result.stderr
    return out


def test_build_writes_every_output(built):
    graph = Graph().parse(built / "graph.ttl")
    assert len(graph) > 100
    lines = (built / "statements.jsonl").read_text(encoding="utf-8").splitlines()
    assert lines and all(json.loads(line)["source"]["sentence"] for line in lines)
    page = (built / "graph.html").read_text(encoding="utf-8")
    assert "<script src" not in page and "<link" not in page


def test_turtle_is_deterministic(built, tmp_path):
    again = run_kg("build", SEED, "--out", tmp_path, "--published", "2021-11-23")
    assert again.returncode == 0
    assert (tmp_path / "graph.ttl").read_bytes() == (built / "graph.ttl").read_bytes()


def test_extract_prints_spec_records():
    result = run_kg("extract", SEED, "--published", "2021-11-23", "--explain")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records
    for record in records:
        assert {"article", "subject", "predicate", "object", "status", "time", "source", "attributed_to",
                "confidence"} <= set(record)
        assert record["explain"]["rule"]


def test_query_by_label(built):
    query = """SELECT ?o WHERE { ?s rdfs:label "Israel" . ?x rdfs:label "Morocco" .
               ?s ?p ?x . ?p rdfs:label ?o }"""
    sign = run_kg("query", built / "graph.ttl",
                  'SELECT ?p WHERE { ?s rdfs:label "United States" . ?o rdfs:label "Western Sahara" . '
                  '?s ?pp ?o . ?pp rdfs:label ?p }', "--format", "csv")
    assert "recognises" in sign.stdout
    assert run_kg("query", built / "graph.ttl", query, "--format", "json").returncode == 0


def test_invalid_sparql_is_a_clear_error(built):
    result = run_kg("query", built / "graph.ttl", "SELEC ?x WHERE {")
    assert result.returncode == 2
    assert "invalid SPARQL" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("name,params,undated", [("events-between", ["a=Algeria", "b=Morocco"], True),
                                                  ("timeline", ["entity=Morocco"], False)])
def test_named_queries_sorted_by_time_run_on_graph_files(built, name, params, undated):
    """rdflib (files) sorts by time like the store does, undated statements first."""
    args = [arg for param in params for arg in ("-p", param)]
    result = run_kg("query", built / "graph.trig", name, *args, "--format", "csv")
    assert result.returncode == 0, result.stderr
    times = [row["time"] for row in csv.DictReader(io.StringIO(result.stdout))]
    assert len(times) >= 2 and times == sorted(times) and ("" in times) == undated


def test_a_query_that_fails_while_running_is_a_clear_error(built):
    result = run_kg("query", built / "graph.ttl", "SELECT ?o WHERE { ?s ?p ?o } ORDER BY STR(?unbound) ?o")
    assert result.returncode == 1
    assert "failed while running" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("name,content,message", [
    ("empty.txt", b"", "empty"), ("binary.bin.txt", b"\x00\x01\x02\x89PNG\x00", "binary")])
def test_bad_input_exits_2_and_writes_nothing(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    out = tmp_path / "out"
    result = run_kg("build", path, "--out", out)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not out.exists() or not any(out.iterdir())


def test_missing_file_and_unreadable_folder(tmp_path):
    result = run_kg("build", tmp_path / "missing.txt", "--out", tmp_path / "out")
    assert result.returncode == 2 and "no such file" in result.stderr
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "a.txt").write_text("Chile met Peru.")
    locked.chmod(0)
    try:
        result = run_kg("build", locked, "--out", tmp_path / "out2")
        if os.geteuid() != 0:
            assert result.returncode == 2 and "permission" in result.stderr.lower()
        assert "Traceback" not in result.stderr
    finally:
        locked.chmod(0o755)


def test_missing_model_names_the_install_command():
    result = run_kg("extract", SEED, "--model", "en_core_web_lg")
    assert result.returncode == 2
    assert "pip install" in result.stderr and "Traceback" not in result.stderr


def test_query_csv_quotes_a_lone_carriage_return(tmp_path):
    """SPARQL 1.1 CSV results: CRLF line ends, and a value holding a lone CR is quoted, so it reads back whole."""
    import csv
    import io

    import kg

    graph = kg.union(kg.to_dataset([]))
    graph.parse(data='<http://e/x> <http://e/p> "one\\rtwo" .', format="nt")
    text = kg.format_result(kg.run_query(graph, "SELECT ?o WHERE { ?s ?p ?o }"), "csv")
    assert text.endswith("\r\n") and list(csv.reader(io.StringIO(text, newline=""))) == [["o"], ["one\rtwo"]]
