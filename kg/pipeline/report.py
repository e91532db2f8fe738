"""The standard-error side of a corpus run: progress, bad inputs skipped, articles that failed, counts.

Exit statuses: a bad input ends the run with 2 (unless skipped with ``skip_bad``); an article whose
extraction fails (a bug in kg) is reported with its id and cause, its traceback goes to the error
log, the run goes on, and it ends with status 3 (:data:`kg.failures.FAILED`) once the rest is written.
"""
from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from kg.errors import BadInput, KgError
from kg.pipeline.failures import FAILED, Failure, default_log, log_failure
from kg.ingest.files import is_regular, open_regular
from kg.ingest.reader import CORPUS_SUFFIXES, STDIN
from kg.model import Article

PROGRESS_EVERY = 100  # inputs between two plain progress lines, when standard error is not a terminal
SKIP_HINT = "or pass --skip-bad to report bad inputs and go on"
MAX_STATEMENTS = 2_000  # kept per article (a news article has tens): bounds the graph of an article at the size limit


@dataclass(frozen=True, slots=True)
class RunOptions:
    """How a corpus run goes: skip bad inputs, show progress, use a Dask scheduler, where tracebacks go."""

    skip_bad: bool = False
    progress: bool = False
    scheduler: str | None = None
    error_log: Path | None = None


def count_lines(path: Path) -> int:
    with open_regular(path) as stream:
        return sum(block.count(b"\n") for block in iter(lambda: stream.read(1 << 20), b""))


def estimate(paths: list[Path]) -> int | None:
    """Roughly how many articles ``paths`` hold (files, corpus lines), or None for standard input."""
    total = 0
    for path in paths:
        if str(path) == STDIN:
            return None
        files = [Path(root, name) for root, _, names in os.walk(path) for name in names] if path.is_dir() else [path]
        for file in files:
            corpus = file.suffix.lower() in CORPUS_SUFFIXES and is_regular(file)
            try:
                total += count_lines(file) if corpus else 1
            except (OSError, BadInput):
                total += 1
    return total


def counted(number: int, noun: str) -> str:
    """'1 article', '2 articles'."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


class Run:
    """The standard-error side of a corpus run, and its counts; use it as a context manager."""

    def __init__(self, paths: list[Path], options: RunOptions):
        self.options = options
        self.articles = self.statements = self.unchanged = 0
        self.skipped: list[str] = []
        self.failures: list[str] = []
        self.log = options.error_log or default_log()
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
        (self.bar.console.print(line, markup=False, highlight=False, soft_wrap=True) if self.bar
         else print(line, file=sys.stderr, flush=True))

    def bad(self, problem: KgError | str) -> None:
        self.skipped.append(str(problem))
        self.say(f"kg: skipped: {problem}")
        self.tick(1)

    def refuse(self, bad: BadInput) -> None:
        """A bad input found during the run: skipped with ``skip_bad``, else the end of the run (exit 2)."""
        if not self.options.skip_bad:
            raise KgError(bad.problem, f"{bad.hint}; {SKIP_HINT}" if self.many else bad.hint) from None
        self.bad(bad)

    def failed(self, article: Article, failure: Failure) -> None:
        """An article whose extraction raised: reported on one line, its traceback logged; the run goes on."""
        self.failures.append(article.id)
        where = log_failure(self.log, article, failure)
        self.say(f"kg: failed: {article.source or article.id} (article {article.id}): extraction failed "
                 f"({failure.cause}); {where} (this is a bug in kg: please report it with the article)")
        self.tick(1)

    def kept(self, article: Article, found: tuple) -> tuple:
        """The first MAX_STATEMENTS statements of an article; dropping the rest is reported."""
        if len(found) > MAX_STATEMENTS:
            self.truncated(article, len(found))
        return found[:MAX_STATEMENTS]

    def truncated(self, article: Article, total: int) -> None:
        self.say(f"kg: note: {article.source or article.id} (article {article.id}): kept the first {MAX_STATEMENTS} "
                 f"of its {total} statements, the most kg keeps per article (split it into articles to keep all)")

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
        text = f"{counted(self.articles, 'article')}, {counted(self.statements, 'statement')}"
        text += f", {counted(self.unchanged, 'unchanged article')} already in the store" if self.unchanged else ""
        text += f"; skipped {counted(len(self.skipped), 'bad input')} (listed above)" if self.skipped else ""
        return text + (f"; {counted(len(self.failures), 'article')} failed (listed above)" if self.failures else "")

    def check(self) -> None:
        """Fail when bad inputs were skipped and nothing at all could be read."""
        if self.skipped and not (self.articles or self.unchanged or self.failures):
            raise KgError(f"no article could be read: all {len(self.skipped)} inputs were bad",
                          "see the messages above")

    def finish(self) -> None:
        """End a run whose outputs are written: exit status 3 when some articles failed."""
        if self.failures:
            raise KgError(f"extraction failed for {len(self.failures)} of "
                          f"{len(self.failures) + self.articles} articles: {', '.join(self.failures[:5])}"
                          f"{' ...' if len(self.failures) > 5 else ''} (tracebacks in {self.log})",
                          "the other articles were written; please report the failed ones", exit_code=FAILED)
