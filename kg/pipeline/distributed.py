"""Extraction past one machine: groups of articles run on a Dask distributed cluster.

Each worker loads the pipeline once (a worker plugin) and sends back one :class:`Shard` per group:
the statements of each article. Groups are submitted a few at a time, so memory stays flat, and
shards come back in input order, so the graph and the records are the same as a single process makes.
Workers need the same kg and spaCy model installed as the client, and one thread each:
``dask worker ADDRESS --nthreads 1``.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import islice

from distributed import Client, WorkerPlugin

from kg.errors import KgError
from kg.pipeline.failures import Failure
from kg.model import Article, Statement
from kg.parse.nlp import resolve_model
from kg.pipeline.extraction import Settings, extract_all, warm

CONNECT_TIMEOUT = "10s"


@dataclass(frozen=True, slots=True)
class Shard:
    """What a worker returns for a group: each article's statements, and the articles that failed."""

    found: tuple[tuple[str, tuple[Statement, ...]], ...]
    failures: tuple[tuple[Article, Failure], ...] = ()


class PipelineLoader(WorkerPlugin):
    """Loads the spaCy pipeline and gazetteer once, when a worker joins."""

    name = "kg-pipeline"

    def __init__(self, settings: Settings):
        self.settings = settings

    def setup(self, worker) -> None:
        warm(self.settings)


def extract_shard(articles: list[Article], settings: Settings, keep_going: bool) -> Shard:
    """Run on a worker: the statements of one group of articles (the client holds the articles themselves)."""
    failures: list[tuple[Article, Failure]] = []
    on_error = (lambda article, error: failures.append((article, error))) if keep_going else None
    found = tuple((article.id, statements) for article, statements in extract_all(articles, settings, on_error))
    return Shard(found, tuple(failures))


def connect(address: str) -> Client:
    """A client of the scheduler at ``address``, with at least one worker."""
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as error:
        raise KgError(f"{address}: cannot reach a Dask scheduler ({error})",
                      "start one with: dask scheduler, then dask worker ADDRESS --nthreads 1") from None
    try:
        client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
    except TimeoutError:
        client.close()
        raise KgError(f"{address}: the Dask scheduler has no workers", "start some: dask worker ADDRESS --nthreads 1")
    return client


def extract_distributed(articles: Iterable[Article], settings: Settings, address: str, *,
                        keep_going: bool = False) -> Iterator[tuple[list[Article], Shard]]:
    """Each group of ``articles`` with its shard, extracted on the cluster at ``address``, in input order."""
    resolve_model(settings.model)
    single = replace(settings, processes=1)
    client = connect(address)
    try:
        on_workers(client.register_plugin, PipelineLoader(single))
        window = 2 * max(1, len(client.scheduler_info()["workers"]))
        pending: deque = deque()
        stream = iter(articles)
        while group := list(islice(stream, settings.batch_size)):
            pending.append((group, client.submit(extract_shard, group, single, keep_going, pure=False)))
            if len(pending) > window:
                yield finished(*pending.popleft())
        while pending:
            yield finished(*pending.popleft())
    finally:
        client.close()


def finished(group: list[Article], future) -> tuple[list[Article], Shard]:
    return group, on_workers(future.result)


def on_workers(call, *args):
    """``call(*args)``, with a failure on the cluster (other than bad input) turned into a KgError."""
    try:
        return call(*args)
    except KgError:
        raise
    except Exception as error:  # the cluster's own failure, reported without a traceback
        raise KgError(f"the Dask cluster failed to run kg ({type(error).__name__}: {error})",
                      "install kg and its spaCy model on every worker, and check the workers' logs",
                      exit_code=1) from None
