"""The one build path: articles -> statements -> a sink, for every run (``kg extract``, ``kg build --out``,
``kg build --store``, :func:`kg.build`, :func:`kg.store_articles`).

Articles stream from files, folders, corpora or standard input; an :class:`~kg.pipeline.executors.Executor`
chosen once extracts them (here, in worker processes or on a Dask cluster); a
:class:`~kg.pipeline.sinks.Sink` takes each article's statements as they come (records, a store,
an output folder). A :class:`Run` reports on standard error: progress, one line per bad input
skipped or article failed, and the counts. Without ``skip_bad`` the first bad input ends the run;
an article whose extraction fails never does.
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

from kg.errors import BadInput
from kg.ingest.reader import read_articles
from kg.model import Article
from kg.pipeline.executors import Executor
from kg.pipeline.report import Run
from kg.pipeline.sinks import Sink, Stored


def articles(paths: list[Path], published: date | None, run: Run) -> Iterator[Article]:
    """The articles of ``paths``; a bad input is skipped and reported, or ends the run."""
    try:
        yield from read_articles(paths, published, run.bad if run.options.skip_bad else None)
    except BadInput as bad:
        run.refuse(bad)


def run_corpus(paths: list[Path], published: date | None, executor: Executor, sink: Sink,
               run: Run) -> Iterator[Stored]:
    """Every article of ``paths`` through ``executor`` into ``sink``; what the sink did, as it happens.

    ``published`` is the date of the articles that give none.
    """
    unchanged: list[Stored] = []
    with sink:
        stream = sink.fresh(articles(paths, published, run), run, unchanged)
        for article, found in executor.extract(stream, run):
            yield from drained(unchanged)
            yield from sink.put(article, found)
        yield from drained(unchanged)
        yield from sink.close()


def drained(items: list[Stored]) -> Iterator[Stored]:
    while items:
        yield items.pop(0)
