"""Corpus runs: many articles streamed from files, folders, corpora or standard input through extraction.

Extraction runs here, in worker processes (``Settings.processes``) or on a Dask cluster
(``scheduler``). A :class:`Run` reports on standard error: a progress bar on long work, one line per
bad input skipped, and the counts. Without ``skip_bad`` the first bad input ends the run.
"""
from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rdflib import Dataset

from .errors import KgError
from .ingest import CORPUS_SUFFIXES, STDIN, BadInput, read_articles
from .iri import article_iri
from .model import Article
from .pipeline import Settings, extract_all
from .rdf import ArticleGraph, article_graph, bind_prefixes, content_hash, from_nquads, to_dataset
from .records import to_jsonl
from .store import FLUSH_EVERY, GraphStore, is_endpoint, is_store, open_snapshot, open_store
from .writer import AVAILABLE as WRITER_PROCESS
from .writer import Writer

PROGRESS_EVERY = 100  # inputs between two plain progress lines, when standard error is not a terminal
SKIP_HINT = "or pass --skip-bad to report bad inputs and go on"


@dataclass(frozen=True, slots=True)
class Stored:
    """What happened to one article in a store build: ``added``, or ``unchanged`` (same content hash)."""

    article: str
    action: str
    statements: int = 0
    triples: int = 0


@dataclass(frozen=True, slots=True)
class RunOptions:
    """How a corpus run goes: skip bad inputs, show progress, use a Dask scheduler."""

    skip_bad: bool = False
    progress: bool = False
    scheduler: str | None = None


def count_lines(path: Path) -> int:
    with path.open("rb") as stream:
        return sum(block.count(b"\n") for block in iter(lambda: stream.read(1 << 20), b""))


def estimate(paths: list[Path]) -> int | None:
    """Roughly how many articles ``paths`` hold (files, corpus lines), or None for standard input."""
    total = 0
    for path in paths:
        if str(path) == STDIN:
            return None
        files = [Path(root, name) for root, _, names in os.walk(path) for name in names] if path.is_dir() else [path]
        for file in files:
            try:
                total += count_lines(file) if file.suffix.lower() in CORPUS_SUFFIXES else 1
            except OSError:
                total += 1
    return total


class Run:
    """The standard-error side of a corpus run, and its counts; use it as a context manager."""

    def __init__(self, paths: list[Path], options: RunOptions):
        self.options = options
        self.articles = self.statements = self.unchanged = 0
        self.skipped: list[str] = []
        self.many = len(paths) > 1 or any(str(p) == STDIN or p.is_dir() or p.suffix.lower() in CORPUS_SUFFIXES
                                          for p in paths)
        self.bar = self.task = None
        self.done, self.total, self.started = 0, estimate(paths) if options.progress else None, time.monotonic()
        self.lines = options.progress and not sys.stderr.isatty()  # a log file: a plain line now and then
        if options.progress and not self.lines:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.bar = Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(),
                                TextColumn("{task.fields[rate]}"), TimeRemainingColumn(),
                                console=Console(stderr=True), transient=True)
            self.task = self.bar.add_task("", total=self.total, rate="")

    def __enter__(self) -> Run:
        if self.bar:
            self.bar.start()
        return self

    def __exit__(self, *exc) -> None:
        if self.bar:
            self.bar.stop()

    def say(self, line: str) -> None:
        (self.bar.console.print(line, markup=False, highlight=False) if self.bar
         else print(line, file=sys.stderr, flush=True))

    def bad(self, problem: KgError | str) -> None:
        self.skipped.append(str(problem))
        self.say(f"kg: skipped: {problem}")
        self.tick(1)

    def failed(self, article: Article, error: str) -> None:
        self.bad(f"{article.source or article.id}: extraction failed ({error}) (this is a bug in kg: "
                 "please report it with the article)")

    def advance(self, statements: int, articles: int = 1) -> None:
        self.articles += articles
        self.statements += statements
        self.tick(articles)

    def tick(self, steps: int) -> None:
        before, self.done = self.done, self.done + steps
        if self.lines and before // PROGRESS_EVERY < self.done // PROGRESS_EVERY:
            rate = self.articles / max(time.monotonic() - self.started, 1e-9)
            self.say(f"kg: {self.done}{f'/{self.total}' if self.total else ''} inputs, {self.articles} articles, "
                     f"{self.statements} statements, {rate:.1f} articles/s")
        if self.bar:
            elapsed = self.bar.tasks[0].elapsed
            rate = f"{self.articles / elapsed:.1f} articles/s" if elapsed else ""
            self.bar.update(self.task, advance=steps, rate=rate)

    def same(self) -> None:
        """An article the store already holds with the same content: skipped before extraction."""
        self.unchanged += 1
        self.tick(1)

    def summary(self) -> str:
        text = f"{self.articles} articles, {self.statements} statements"
        text += f", {self.unchanged} unchanged articles already in the store" if self.unchanged else ""
        return text + (f"; skipped {len(self.skipped)} bad inputs (listed above)" if self.skipped else "")

    def check(self) -> None:
        """Fail when bad inputs were skipped and nothing at all could be read."""
        if self.skipped and not (self.articles or self.unchanged):
            raise KgError(f"no article could be read: all {len(self.skipped)} inputs were bad",
                          "see the messages above")


def articles(paths: list[Path], published: date | None, run: Run) -> Iterator[Article]:
    """The articles of ``paths``; a bad input is skipped and reported, or ends the run."""
    try:
        yield from read_articles(paths, published, run.bad if run.options.skip_bad else None)
    except BadInput as bad:
        raise KgError(bad.problem, f"{bad.hint}; {SKIP_HINT}" if run.many else bad.hint) from None


def on_error(run: Run):
    return run.failed if run.options.skip_bad else None


def records(paths: list[Path], published: date | None, settings: Settings, run: Run,
            explain: bool = False) -> Iterator[str]:
    """Statement records (JSON Lines text) of every article, a group or an article at a time."""
    stream = articles(paths, published, run)
    if run.options.scheduler:
        for shard in shards(stream, settings, run, explain):
            yield shard.records
        return
    for _, found in extract_all(stream, settings, on_error(run)):
        run.advance(len(found))
        yield to_jsonl(found, explain)


def shards(stream: Iterator[Article], settings: Settings, run: Run, explain: bool = False):
    """Shards from the Dask cluster of ``run.options.scheduler``, counted and with failures reported."""
    from .distributed import extract_distributed

    for shard in extract_distributed(stream, settings, run.options.scheduler, explain=explain,
                                     keep_going=run.options.skip_bad):
        for article, error in shard.failures:
            run.failed(article, error)
        run.advance(sum(shard.statements), len(shard.articles))
        yield shard


def dataset(paths: list[Path], published: date | None, settings: Settings, run: Run) -> tuple[Dataset, str]:
    """The dataset (one named graph per article) and statement records of a corpus."""
    stream = articles(paths, published, run)
    if run.options.scheduler:
        merged = bind_prefixes(Dataset())
        parts = []
        for shard in shards(stream, settings, run):
            merged.parse(data=shard.nquads, format="nquads")
            parts.append(shard.records)
        return merged, "".join(parts)
    results = []
    for article, found in extract_all(stream, settings, on_error(run)):
        run.advance(len(found))
        results.append((article, found))
    return to_dataset(results), to_jsonl(s for _, found in results for s in found)


def store(paths: list[Path], spec: str | Path, update_url: str | None, published: date | None,
          settings: Settings, run: Run) -> Iterator[Stored]:
    """Add every article's named graph to the store ``spec`` (a folder or an endpoint URL), one
    transaction each, streaming.

    An article whose content hash the store already holds is skipped before extraction, so
    re-running over a corpus resumes where it stopped. When extraction runs in this process, a
    local store is written by a process of its own (:mod:`kg.writer`), so parsing and writing overlap.
    """
    if settings.processes == 1 and not run.options.scheduler and not is_endpoint(spec) and WRITER_PROCESS:
        yield from store_beside(paths, Path(spec), published, settings, run)
        return
    target = open_store(spec, update_url, create=True)
    try:
        yield from store_here(paths, target, published, settings, run)
    finally:
        target.close()


def fresh(stream: Iterator[Article], target: GraphStore | None, run: Run,
          unchanged: list[Stored]) -> Iterator[Article]:
    """The articles whose content hash ``target`` does not hold; the others go to ``unchanged``."""
    for article in stream:
        if target is not None and target.digest(article_iri(article.id)) == content_hash(article):
            unchanged.append(Stored(article.id, "unchanged"))
            run.same()
        else:
            yield article


def store_beside(paths: list[Path], path: Path, published: date | None, settings: Settings,
                 run: Run) -> Iterator[Stored]:
    """Extract here, write in the writer process; an article is reported once committed."""
    unchanged: list[Stored] = []
    snapshot = open_snapshot(path) if is_store(path) else None  # before the writer opens (or creates) it
    with Writer(path) as writer:
        for article, found in extract_all(fresh(articles(paths, published, run), snapshot, run, unchanged),
                                          settings, on_error(run)):
            run.advance(len(found))
            yield from unchanged
            unchanged.clear()
            yield from added(writer.put(article, found))
        yield from unchanged
        yield from added(writer.close())


def added(committed: Iterable[tuple[str, int, int]]) -> Iterator[Stored]:
    return (Stored(name, "added", statements, triples) for name, statements, triples in committed)


def store_here(paths: list[Path], target: GraphStore, published: date | None, settings: Settings,
               run: Run) -> Iterator[Stored]:
    """Extract elsewhere (worker processes, a cluster) or write elsewhere (an endpoint); put graphs from here."""
    unchanged: list[Stored] = []
    stream = fresh(articles(paths, published, run), target, run, unchanged)
    for count, (article, statements, graph) in enumerate(graphs(stream, settings, run), 1):
        target.put(graph)
        if count % FLUSH_EVERY == 0:
            target.flush()
        yield from unchanged
        unchanged.clear()
        yield Stored(article, "added", statements, len(graph))
    yield from unchanged


def graphs(stream: Iterator[Article], settings: Settings, run: Run) -> Iterator[tuple[str, int, ArticleGraph]]:
    """(article id, statement count, named graph) of each article, extracted here or on the cluster."""
    if run.options.scheduler:
        for shard in shards(stream, settings, run):
            parsed = from_nquads(shard.nquads)
            for article, count in zip(shard.articles, shard.statements):
                yield article, count, parsed[str(article_iri(article))]
        return
    for article, found in extract_all(stream, settings, on_error(run)):
        run.advance(len(found))
        yield article.id, len(found), article_graph(article, found)
