"""Extraction past one machine: groups of articles run on a Dask distributed cluster.

Each worker loads the pipeline once (a worker plugin) and sends back one :class:`Shard` per group:
the articles' named graphs as N-Quads and their statement records as JSON Lines. Groups are
submitted a few at a time, so memory stays flat, and shards come back in input order, so the
graph and the records are the same as a single process makes. Workers need the same kg and spaCy
model installed as the client, and one thread each: ``dask worker ADDRESS --nthreads 1``.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import islice

from distributed import Client, WorkerPlugin

from kg.errors import KgError
from kg.pipeline.failures import Failure
from kg.model import Article
from kg.parse.nlp import resolve_model
from kg.pipeline.extraction import Settings, extract_all, warm
from kg.graph.rdf import article_graph, to_nquads
from kg.statements.records import to_jsonl
from kg.pipeline.report import MAX_STATEMENTS

CONNECT_TIMEOUT = "10s"


@dataclass(frozen=True, slots=True)
class Shard:
    """What a worker returns for a group: N-Quads, statement records, the articles that failed and those
    whose statements were capped at MAX_STATEMENTS."""

    articles: tuple[str, ...]
    statements: tuple[int, ...]
    nquads: str
    records: str
    failures: tuple[tuple[Article, Failure], ...] = ()
    truncated: tuple[tuple[Article, int], ...] = ()  # (article without its text, statements found) when capped


class PipelineLoader(WorkerPlugin):
    """Loads the spaCy pipeline and gazetteer once, when a worker joins."""

    name = "kg-pipeline"

    def __init__(self, settings: Settings):
        self.settings = settings

    def setup(self, worker) -> None:
        warm(self.settings)


def extract_shard(articles: list[Article], settings: Settings, explain: bool, keep_going: bool) -> Shard:
    """Run on a worker: the shard of one group of articles."""
    failures: list[tuple[Article, Failure]] = []
    on_error = (lambda article, error: failures.append((article, error))) if keep_going else None
    found_all = list(extract_all(articles, settings, on_error))
    truncated = tuple((replace(a, text=""), len(found)) for a, found in found_all if len(found) > MAX_STATEMENTS)
    results = [(article, found[:MAX_STATEMENTS]) for article, found in found_all]
    return Shard(tuple(a.id for a, _ in results), tuple(len(found) for _, found in results),
                 to_nquads(article_graph(article, found) for article, found in results),
                 to_jsonl((s for _, found in results for s in found), explain), tuple(failures), truncated)


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
                        explain: bool = False, keep_going: bool = False) -> Iterator[Shard]:
    """Shards of ``articles`` extracted on the cluster at ``address``, in input order."""
    resolve_model(settings.model)
    single = replace(settings, processes=1)
    client = connect(address)
    try:
        on_workers(client.register_plugin, PipelineLoader(single))
        window = 2 * max(1, len(client.scheduler_info()["workers"]))
        pending: deque = deque()
        stream = iter(articles)
        while group := list(islice(stream, settings.batch_size)):
            pending.append(client.submit(extract_shard, group, single, explain, keep_going, pure=False))
            if len(pending) > window:
                yield on_workers(pending.popleft().result)
        while pending:
            yield on_workers(pending.popleft().result)
    finally:
        client.close()


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
