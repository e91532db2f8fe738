"""The corpus side of ``kg extract`` and ``kg build``: bad inputs skipped, processes, progress, Dask.

The option types are declared here and used by the commands in :mod:`kg.cli`.
"""
from __future__ import annotations

import sys
from collections import Counter
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Annotated, Optional, TYPE_CHECKING

import typer

from kg import KgError

if TYPE_CHECKING:  # the pipeline (and spaCy) is imported when a command runs, so kg --help starts fast
    from kg import Run, RunOptions, Settings

SkipBad = Annotated[bool, typer.Option(help="Report each bad input (file, corpus line) on stderr, skip it and go on.")]
Processes = Annotated[int, typer.Option(min=1, help="Extraction processes on this machine.")]
Progress = Annotated[Optional[bool], typer.Option(help="Show a progress bar (default: when stderr is a terminal).")]
Scheduler = Annotated[Optional[str], typer.Option(help="Extract on this Dask scheduler, e.g. tcp://10.0.0.5:8786.")]


def run_options(skip_bad: bool, progress: bool | None, scheduler: str | None) -> RunOptions:
    from kg import RunOptions

    return RunOptions(skip_bad, sys.stderr.isatty() if progress is None else progress, scheduler)


def run_extract(files: list[Path], published: date | None, settings: Settings, explain: bool,
                options: RunOptions) -> None:
    """``kg extract``: statement records on stdout as they come, counts on stderr."""
    from kg import executor, RecordSink, Run, run_corpus

    with Run(files, options) as run:
        sink = RecordSink(sys.stdout, explain)
        for _ in run_corpus(files, published, executor(settings, options.scheduler), sink, run):
            pass
    if run.skipped or run.failures or options.progress:
        typer.echo(f"kg: {run.summary()}", err=True)
    run.check()
    run.finish()


def build_store(files: list[Path], store: str, update_url: str | None, published: date | None,
                settings: Settings, run: Run) -> str:
    """Add the articles to ``store``, a line per article on stderr unless a progress bar shows; what was done."""
    from kg import executor, open_store, run_corpus, StoreSink

    counts: Counter[str] = Counter()
    for stored in run_corpus(files, published, executor(settings, run.options.scheduler),
                             StoreSink(store, update_url), run):
        counts[stored.action] += 1
        if not run.options.progress:
            detail = f" ({stored.statements} statements, {stored.triples} triples)" if stored.action == "added" else ""
            run.say(f"{stored.action} {stored.article}{detail}")
    target = open_store(store, update_url)
    try:
        merged, quads, articles = target.merged_triples(), target.triples(), len(target.articles())
    finally:
        target.close()
    return (f"{counts['added']} added, {counts['unchanged']} unchanged in {store}; its merged graph holds {merged} "
            f"triples ({quads} in its {articles} article graphs, which repeat shared entities)")


def run_build(files: list[Path], out: Path | None, store: str | None, update_url: str | None,
              published: date | None, settings: Settings, options: RunOptions) -> None:
    """``kg build`` of a corpus: into a store (resuming by content hash) or into OUT's files."""
    from kg import default_log, Run

    if store and out is not None:
        raise KgError("--out and --store do not go together", "build into the store, then run kg export --store")
    folder = None if store else out or Path("outputs")
    with Run(files, replace(options, error_log=options.error_log or default_log(folder))) as run:
        if store:
            written = build_store(files, store, update_url, published, settings, run)
        else:
            written = build_files(files, folder, published, settings, run)
    run.check()
    typer.echo(f"kg: {run.summary()} -> {written}", err=True)
    run.finish()


def build_files(files: list[Path], folder: Path, published: date | None, settings: Settings, run: Run) -> str:
    """Write the files of ``folder``; what was written."""
    from kg import executor, FileSink, run_corpus

    sink = FileSink(folder)
    for _ in run_corpus(files, published, executor(settings, run.options.scheduler), sink, run):
        pass
    run.check()
    return f"{', '.join(map(str, sink.files))}; the merged graph holds {sink.triples} triples"
