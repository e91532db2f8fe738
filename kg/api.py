"""The public API behind the CLI: read, extract, build, query."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rdflib import Dataset, Graph

from kg.pipeline.corpus import Stored
from kg.pipeline.corpus import store as corpus_store
from kg.graph.export import to_trig, to_turtle
from kg.ingest.reader import read_articles
from kg.model import Article, Statement
from kg.pipeline.outputs import prepare_dir, write_files
from kg.explore.page import render_page
from kg.pipeline.extraction import Settings, extract_all
from kg.graph.rdf import to_dataset, union
from kg.statements.records import to_jsonl
from kg.pipeline.report import Run, RunOptions


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What ``build`` produced: the dataset, its statements and the files written."""

    dataset: Dataset
    statements: tuple[Statement, ...]
    files: tuple[Path, ...]

    @property
    def graph(self) -> Graph:
        return union(self.dataset)


def extract_files(paths: Iterable[Path], published: date | None = None,
                  settings: Settings = Settings()) -> list[tuple[Article, tuple[Statement, ...]]]:
    """Statements of every article in ``paths`` (files or folders)."""
    return list(extract_all(read_articles(list(paths), published), settings))


def build(paths: Iterable[Path], out: Path, published: date | None = None,
          settings: Settings = Settings()) -> BuildResult:
    """Extract, then write graph.ttl, graph.trig, statements.jsonl and graph.html into ``out``."""
    prepare_dir(out)
    results = extract_files(paths, published, settings)
    dataset = to_dataset(results)
    statements = tuple(s for _, found in results for s in found)
    files = write_outputs(dataset, to_jsonl(statements), out, ", ".join(a.title or a.id for a, _ in results))
    return BuildResult(dataset, statements, files)


def write_outputs(dataset: Dataset, records: str, out: Path, title: str,
                  graph: Graph | None = None) -> tuple[Path, ...]:
    """Write graph.ttl, graph.trig, statements.jsonl (``records``) and graph.html into ``out``, atomically;
    ``graph`` is the dataset's union when the caller has it already."""
    graph = union(dataset) if graph is None else graph
    files = {
        out / "graph.ttl": to_turtle(dataset),
        out / "graph.trig": to_trig(dataset),
        out / "statements.jsonl": records,
        out / "graph.html": render_page(graph, title=title[:120]),
    }
    write_files(files)
    return tuple(files)


def store_articles(paths: Iterable[Path], store: str | Path, update_url: str | None = None,
                   published: date | None = None, settings: Settings = Settings()) -> Iterator[Stored]:
    """Add each article's named graph to ``store`` (a folder, created if missing, or a SPARQL endpoint URL),
    one transaction per article, streaming; articles whose content hash the store already holds come back
    ``unchanged``. An article whose extraction fails is reported on stderr (traceback in the error log)
    and left out. Open the store afterwards with :func:`kg.open_store` to query or count it."""
    files = list(paths)
    yield from corpus_store(files, store, update_url, published, settings, Run(files, RunOptions()))
