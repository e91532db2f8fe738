"""Extraction on a Dask cluster (a LocalCluster on 127.0.0.1) gives the same graph as one process."""
import pytest
from distributed import LocalCluster
from typer.testing import CliRunner

from conftest import FIXTURES
from kg.cli.main import app
from kg.pipeline.distributed import extract_distributed
from kg.ingest.reader import read_articles
from kg.pipeline.extraction import Settings, extract_all
from kg.store.backend import open_store

INPUTS = [FIXTURES / "corpus", FIXTURES / "seed-article.txt"]


@pytest.fixture(scope="module")
def scheduler():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def local():
    return list(extract_all(read_articles(INPUTS)))


def quads(text: str) -> list[str]:
    return sorted(line for line in text.splitlines() if line.strip())


def test_shards_hold_the_same_statements_as_one_process(scheduler, local):
    shards = list(extract_distributed(read_articles(INPUTS), Settings(batch_size=2), scheduler))
    assert len(shards) == 4 and all(len(group) <= 2 for group, _ in shards)
    assert [a.id for group, _ in shards for a in group] == [article.id for article, _ in local]
    assert [found for _, shard in shards for _, found in shard.found] == [found for _, found in local]


def test_build_into_a_store_on_the_cluster_equals_the_local_build(scheduler, tmp_path):
    runner = CliRunner()
    for name, extra in (("local", []), ("cluster", ["--scheduler", scheduler])):
        result = runner.invoke(app, ["build", *map(str, INPUTS), "--store", str(tmp_path / name), *extra])
        assert result.exit_code == 0, result.stderr
    exported = []
    for name in ("local", "cluster"):
        store = open_store(tmp_path / name)
        exported.append(quads(store.dataset().serialize(format="nquads")))
        store.close()
    assert exported[0] == exported[1] and len(exported[0]) > 500


def test_build_files_on_the_cluster_equal_the_local_build(scheduler, tmp_path):
    runner = CliRunner()
    for name, extra in (("local", []), ("cluster", ["--scheduler", scheduler])):
        result = runner.invoke(app, ["build", *map(str, INPUTS), "--out", str(tmp_path / name), *extra])
        assert result.exit_code == 0, result.stderr
    for name in ("graph.ttl", "graph.trig", "statements.jsonl"):
        assert (tmp_path / "cluster" / name).read_bytes() == (tmp_path / "local" / name).read_bytes()


def test_extract_on_the_cluster_prints_the_same_records(scheduler):
    runner = CliRunner()
    here = runner.invoke(app, ["extract", *map(str, INPUTS)])
    there = runner.invoke(app, ["extract", *map(str, INPUTS), "--scheduler", scheduler, "--skip-bad"])
    assert there.exit_code == 0, there.stderr
    assert there.stdout == here.stdout


def test_an_unreachable_scheduler_is_a_clear_error(monkeypatch):
    monkeypatch.setattr("kg.pipeline.distributed.CONNECT_TIMEOUT", "2s")
    result = CliRunner().invoke(app, ["extract", str(FIXTURES / "seed-article.txt"), "--scheduler",
                                      "tcp://127.0.0.1:9"])
    assert result.exit_code == 2
    assert "cannot reach a Dask scheduler" in result.stderr and "dask scheduler" in result.stderr


def test_a_failure_on_the_cluster_is_reported_without_a_traceback(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("no model here")

    monkeypatch.setattr("kg.pipeline.distributed.extract_all", broken)
    with LocalCluster(n_workers=1, processes=False, protocol="tcp", host="127.0.0.1",
                      dashboard_address=None) as cluster:
        result = CliRunner().invoke(app, ["extract", str(FIXTURES / "seed-article.txt"), "--scheduler",
                                          cluster.scheduler_address])
    assert result.exit_code == 1
    assert "the Dask cluster failed to run kg (RuntimeError: no model here)" in result.stderr
    assert "Traceback" not in result.stderr
