"""The public API behind the CLI: read, extract, build, query."""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rdflib import Dataset, Graph

from kg.ingest.reader import read_articles
from kg.model import Article, Statement
from kg.pipeline.corpus import run_corpus
from kg.pipeline.executors import InProcess
from kg.pipeline.extraction import Settings, extract_all
from kg.pipeline.report import Run, RunOptions
from kg.pipeline.sinks import FileSink, StoreSink, Stored


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What ``build`` wrote: the files, and how many articles and statements they hold.

    ``dataset`` and ``graph`` read the written TriG and Turtle back (each time they are asked for),
    and ``records()`` the statement records, so a build of any size holds nothing in memory.
    """

    out: Path
    files: tuple[Path, ...]
    articles: int
    statements: int

    @property
    def dataset(self) -> Dataset:
        return Dataset().parse(self.out / "graph.trig", format="trig")

    @property
    def graph(self) -> Graph:
        return Graph().parse(self.out / "graph.ttl", format="turtle")

    def records(self) -> Iterator[dict]:
        with (self.out / "statements.jsonl").open(encoding="utf-8") as lines:
            yield from map(json.loads, lines)


def extract_files(paths: Iterable[Path], published: date | None = None,
                  settings: Settings = Settings()) -> list[tuple[Article, tuple[Statement, ...]]]:
    """Statements of every article in ``paths`` (files or folders), in memory."""
    return list(extract_all(read_articles(list(paths), published), settings))


def build(paths: Iterable[Path], out: Path, published: date | None = None,
          settings: Settings = Settings()) -> BuildResult:
    """Extract, then write graph.ttl, graph.trig, statements.jsonl and graph.html into ``out`` (all or none),
    streaming. An article whose extraction fails is reported on stderr and left out; the others are
    written, then a KgError (exit code 3) says which failed."""
    files = list(paths)
    sink = FileSink(out)
    with Run(files, RunOptions()) as run:
        for _ in run_corpus(files, published, InProcess(settings), sink, run):
            pass
    run.finish()
    return BuildResult(out, sink.files, run.articles, run.statements)


def store_articles(paths: Iterable[Path], store: str | Path, update_url: str | None = None,
                   published: date | None = None, settings: Settings = Settings()) -> Iterator[Stored]:
    """Add each article's named graph to ``store`` (a folder, created if missing, or a SPARQL endpoint URL),
    one transaction per article, streaming; articles whose content hash the store already holds come back
    ``unchanged``. An article whose extraction fails is reported on stderr (traceback in the error log)
    and left out. Open the store afterwards with :func:`kg.open_store` to query or count it."""
    files = list(paths)
    yield from run_corpus(files, published, InProcess(settings), StoreSink(store, update_url),
                          Run(files, RunOptions()))
