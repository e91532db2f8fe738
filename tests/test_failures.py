"""A bug on one article never ends a corpus run: it is named with its cause, its traceback is logged,
the other articles are written and the run exits 3 (local, worker processes, a Dask cluster)."""
import json
import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES, run_kg
from kg.cli.main import app
from kg.pipeline.failures import FAILED, Failure
from kg.store.backend import open_store

FEED = FIXTURES / "corpus" / "feed.jsonl"
INJECT = Path(__file__).parent / "inject"
runner = CliRunner()


@pytest.fixture
def broken(monkeypatch):
    """Extraction of article feed-002 raises, as a bug would."""
    from kg.pipeline import extraction as pipeline

    real = pipeline.statements_of

    def flaky(doc, passage, settings):
        if passage.article.id == "feed-002":
            raise KeyError("organization/supreme-court")
        return real(doc, passage, settings)

    monkeypatch.setattr(pipeline, "statements_of", flaky)


def failure_line(stderr: str) -> str:
    [line] = [line for line in stderr.splitlines() if line.startswith("kg: failed: ")]
    assert f"{FEED}:2 (article feed-002): extraction failed (KeyError: 'organization/supreme-court')" in line
    return line


def logged(line: str) -> str:
    log = Path(re.search(r"traceback in (\S+)", line).group(1))
    text = log.read_text()
    assert "article feed-002" in text and "Traceback (most recent call last)" in text and "KeyError" in text
    return text


def test_a_store_build_goes_on_past_a_failed_article_and_exits_3(broken, tmp_path):
    store = tmp_path / "store"
    result = runner.invoke(app, ["build", str(FEED), "--store", str(store)])
    assert result.exit_code == FAILED == 3
    logged(failure_line(result.stderr))
    assert "added feed-001" in result.stderr and "added feed-003" in result.stderr
    last = result.stderr.splitlines()[-1]
    assert last.startswith("kg: error: extraction failed for 1 of 3 articles: feed-002")
    target = open_store(store)
    assert [iri.rsplit("/", 1)[1] for iri in target.articles()] == ["feed-001", "feed-003"]
    target.close()


def test_extract_without_skip_bad_goes_on_too(broken):
    result = runner.invoke(app, ["extract", str(FEED)])
    assert result.exit_code == 3
    failure_line(result.stderr)
    assert {json.loads(line)["article"] for line in result.stdout.splitlines()} == {"feed-001", "feed-003"}
    assert "kg: 2 articles, " in result.stderr and "1 article failed" in result.stderr


def test_build_out_writes_the_others_and_logs_in_the_output_folder(broken, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(FEED), "--out", str(out)])
    assert result.exit_code == 3
    assert f"traceback in {out / 'kg-errors.log'}" in failure_line(result.stderr)
    logged(failure_line(result.stderr))
    articles = {json.loads(line)["article"] for line in (out / "statements.jsonl").read_text().splitlines()}
    assert articles == {"feed-001", "feed-003"} and (out / "graph.ttl").exists()


def test_a_bad_input_still_ends_the_run_with_2(broken, tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(FEED.read_text() + "{broken\n")
    result = runner.invoke(app, ["extract", str(feed)])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith(f"kg: error: {feed}:4: not valid JSON")


def injected(**env: str) -> dict[str, str]:
    return {"PYTHONPATH": os.pathsep.join([str(INJECT), os.environ.get("PYTHONPATH", "")]), **env}


def test_worker_processes_report_the_failed_article(tmp_path):
    env = injected(KG_TEST_FAIL_ARTICLE="feed-002")
    result = run_kg("build", FEED, "--store", tmp_path / "store", "--processes", "2", **env)
    assert result.returncode == 3, result.stderr
    failed = [line for line in result.stderr.splitlines() if line.startswith("kg: failed: ")]
    assert len(failed) == 1 and "(article feed-002)" in failed[0] and "organization/injected-bug" in failed[0]
    assert "Traceback" not in result.stderr
    assert "added feed-001" in result.stderr and "added feed-003" in result.stderr


def test_a_worker_process_that_dies_is_one_line_not_a_traceback(tmp_path):
    result = run_kg("extract", FEED, "--processes", "2", **injected(KG_TEST_KILL_ARTICLE="feed-002"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1].startswith("kg: error: an extraction process stopped unexpectedly")


def test_a_dask_cluster_reports_the_failed_article(broken, tmp_path):
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, processes=False, dashboard_address=None) as cluster:
        result = runner.invoke(app, ["build", str(FEED), "--store", str(tmp_path / "s"),
                                     "--scheduler", cluster.scheduler_address])
    assert result.exit_code == 3, result.stderr
    logged(failure_line(result.stderr))
    assert "added feed-003" in result.stderr


def test_a_failure_is_one_line_and_pickles():
    import pickle

    try:
        raise ValueError("two\nlines " + "x" * 1000)
    except ValueError as error:
        failure = Failure.of(error)
    assert "\n" not in failure.cause and len(failure.cause) < 400 and failure.cause.startswith("ValueError: two lines")
    assert "Traceback" in failure.trace and pickle.loads(pickle.dumps(failure)) == failure


@pytest.mark.parametrize("stage", ["normalise", "parse"])
def test_a_failure_in_normalisation_or_the_parse_is_the_article_s_own(monkeypatch, stage):
    """Not only the rules: an article that breaks the normaliser or spaCy is left out and named; the others go on."""
    import kg
    from kg.pipeline import extraction

    poison = "POISON"
    if stage == "normalise":
        real = extraction.normalise
        monkeypatch.setattr(extraction, "normalise",
                            lambda text: (_ for _ in ()).throw(ValueError("bad text")) if poison in text else real(text))
    else:
        load = extraction.load_pipeline

        class Fragile:
            def __init__(self, nlp):
                self.nlp = nlp

            def pipe(self, texts, batch_size):
                if any(poison in text for text in texts):
                    raise ValueError("bad text")
                return self.nlp.pipe(texts, batch_size=batch_size)

            def __call__(self, text):
                if poison in text:
                    raise ValueError("bad text")
                return self.nlp(text)

        monkeypatch.setattr(extraction, "load_pipeline", lambda *args: Fragile(load(*args)))
    articles = [kg.Article(id=name, text=text) for name, text in (
        ("a1", "Chile signed a trade agreement with Peru."), ("a2", f"{poison}: Chile criticised Peru."),
        ("a3", "Peru criticised Chile over the border dispute."))]
    failed = []
    done = list(kg.extract_all(articles, kg.Settings(), lambda article, error: failed.append((article.id, error))))
    assert [a.id for a, found in done if found] == ["a1", "a3"]
    assert [(name, error.cause) for name, error in failed] == [("a2", "ValueError: bad text")]
