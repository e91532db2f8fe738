"""kg export: every format from a file, TriG round-trips, Turtle/TriG/N-Quads are byte-for-byte deterministic."""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import networkx as nx
import pytest
from rdflib import Dataset, Graph

from kg.graph.export import export as kg_export
from kg.store.backend import open_dataset

from conftest import PUBLISHED, SEED, run_kg


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("export")
    result = run_kg("build", SEED, "--out", out, "--published", PUBLISHED.isoformat())
    assert result.returncode == 0, result.stderr
    return out


def export(source, fmt: str) -> str:
    return kg_export(open_dataset(source), fmt)


def exports_in_a_fresh_process(source, seed: str) -> str:
    script = ("import sys; from kg.graph.export import export; from kg.store.backend import open_dataset; "
              "d = open_dataset(sys.argv[1]); print(*(export(d, f) for f in ('turtle', 'trig', 'nquads')))")
    result = subprocess.run([sys.executable, "-c", script, str(source)], capture_output=True, text=True,
                            env={**os.environ, "PYTHONHASHSEED": seed}, timeout=300)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_trig_round_trips_with_the_same_quads(built):
    written = Dataset().parse(built / "graph.trig")
    exported = Dataset().parse(data=export(built / "graph.trig", "trig"), format="trig")
    assert len(list(exported.quads())) == len(list(written.quads())) > 100
    assert {g.identifier for g in exported.graphs() if len(g)} == {g.identifier for g in written.graphs() if len(g)}


def test_deterministic_across_processes(built):
    first = exports_in_a_fresh_process(built / "graph.trig", "1")
    assert first == exports_in_a_fresh_process(built / "graph.trig", "2")


def test_turtle_export_is_the_built_turtle(built):
    assert export(built / "graph.ttl", "turtle") == (built / "graph.ttl").read_text(encoding="utf-8")


def test_nquads_and_jsonld_keep_named_graphs(built):
    quads = Dataset().parse(data=export(built / "graph.trig", "nquads"), format="nquads")
    jsonld = Dataset().parse(data=export(built / "graph.trig", "jsonld"), format="json-ld")
    assert len(list(quads.quads())) == len(list(jsonld.quads())) == len(Graph().parse(built / "graph.ttl"))
    assert all(str(g).startswith("https://w3id.org/kgnews/resource/article/") for *_, g in quads.quads())


def test_csv_has_one_row_per_statement(built):
    rows = list(csv.DictReader(io.StringIO(export(built / "graph.ttl", "csv"))))
    statements = (built / "statements.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(rows) == len(statements)
    assert {"subject_label", "predicate_label", "object_label", "status", "sentence", "start", "end"} <= set(rows[0])
    record = json.loads(statements[0])
    assert any(r["sentence"] == record["source"]["sentence"] and r["status"] == record["status"] for r in rows)


def test_graphml_loads_in_networkx(built, tmp_path):
    path = tmp_path / "graph.graphml"
    assert run_kg("export", built / "graph.ttl", "--format", "graphml", "--out", path).returncode == 0
    network = nx.read_graphml(path)
    labels = {data.get("label") for _, data in network.nodes(data=True)}
    assert {"Israel", "Morocco"} <= labels
    assert network.number_of_edges() == len((built / "statements.jsonl").read_text().splitlines())
    assert all(data.get("status") for *_, data in network.edges(data=True))


def test_unknown_format_and_missing_source(built, tmp_path):
    result = run_kg("export", built / "graph.ttl", "--format", "xlsx")
    assert result.returncode == 2 and "unknown export format" in result.stderr
    result = run_kg("export", tmp_path / "missing.ttl")
    assert result.returncode == 2 and "no such graph file" in result.stderr and "Traceback" not in result.stderr
