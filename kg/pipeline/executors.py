"""Where extraction runs, chosen once per run: here (and in ``Settings.processes`` worker processes) or
on a Dask cluster. Either way the run gets back (article, statements) pairs in input order, with
failures and capped articles reported to the run's :class:`~kg.pipeline.report.Run`."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

from kg.model import Article, Statement
from kg.pipeline.extraction import Settings, extract_all
from kg.pipeline.report import Run

Extracted = tuple[Article, tuple[Statement, ...]]


class Executor(Protocol):
    settings: Settings

    def extract(self, articles: Iterable[Article], run: Run) -> Iterator[Extracted]: ...


@dataclass(frozen=True, slots=True)
class InProcess:
    """Extraction in this process, or in its worker processes when ``settings.processes`` > 1."""

    settings: Settings = Settings()

    def extract(self, articles: Iterable[Article], run: Run) -> Iterator[Extracted]:
        for article, found in extract_all(articles, self.settings, run.failed):
            yield counted(article, found, run)


@dataclass(frozen=True, slots=True)
class OnDask:
    """Extraction in groups on the Dask scheduler at ``address`` (:mod:`kg.pipeline.distributed`)."""

    settings: Settings
    address: str

    def extract(self, articles: Iterable[Article], run: Run) -> Iterator[Extracted]:
        from kg.pipeline.distributed import extract_distributed

        for group, shard in extract_distributed(articles, self.settings, self.address, keep_going=True):
            for article, failure in shard.failures:
                run.failed(article, failure)
            by_id = {article.id: article for article in group}
            for name, found in shard.found:
                yield counted(by_id[name], found, run)


def counted(article: Article, found: tuple[Statement, ...], run: Run) -> Extracted:
    """The article with at most MAX_STATEMENTS statements (a cap reported), counted in the run."""
    kept = run.kept(article, found)
    run.advance(len(kept))
    return article, kept


def executor(settings: Settings, scheduler: str | None = None) -> Executor:
    """The executor of a run: on the cluster at ``scheduler`` when given, else here."""
    return OnDask(settings, scheduler) if scheduler else InProcess(settings)
