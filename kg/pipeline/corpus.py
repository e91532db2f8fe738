"""Corpus runs: many articles streamed from files, folders, corpora or standard input through extraction.

Extraction runs here, in worker processes (``Settings.processes``) or on a Dask cluster
(``scheduler``). A :class:`Run` reports on standard error: a progress bar on long work, one line per
bad input skipped or article failed, and the counts. Without ``skip_bad`` the first bad input ends the
run; an article whose extraction fails never does. An article id the store already holds with other
content is a bad input: the store's article is never silently replaced.
"""
from __future__ import annotations

import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rdflib import Dataset
from rdflib.namespace import DCTERMS

from kg.errors import BadInput
from kg.ingest.reader import read_articles
from kg.iri import article_iri
from kg.model import Article, content_hash
from kg.pipeline.extraction import Settings, extract_all
from kg.graph.rdf import ArticleGraph, article_graph, bind_prefixes, from_nquads, to_dataset
from kg.statements.records import to_jsonl
from kg.pipeline.report import Run
from kg.store.backend import FLUSH_EVERY, GraphStore, is_endpoint, is_store, open_snapshot, open_store
from kg.store.writer import AVAILABLE as WRITER_PROCESS
from kg.store.writer import Writer


@dataclass(frozen=True, slots=True)
class Stored:
    """What happened to one article in a store build: ``added``, or ``unchanged`` (same content hash)."""

    article: str
    action: str
    statements: int = 0
    triples: int = 0


def articles(paths: list[Path], published: date | None, run: Run) -> Iterator[Article]:
    """The articles of ``paths``; a bad input is skipped and reported, or ends the run."""
    try:
        yield from read_articles(paths, published, run.bad if run.options.skip_bad else None)
    except BadInput as bad:
        run.refuse(bad)


def extracted(stream: Iterable[Article], settings: Settings, run: Run) -> Iterator[tuple[Article, tuple]]:
    """extract_all with each failure reported (the run goes on) and at most MAX_STATEMENTS per article."""
    for article, found in extract_all(stream, settings, run.failed):
        yield article, run.kept(article, found)


def records(paths: list[Path], published: date | None, settings: Settings, run: Run,
            explain: bool = False) -> Iterator[str]:
    """Statement records (JSON Lines text) of every article, a group or an article at a time."""
    stream = articles(paths, published, run)
    if run.options.scheduler:
        for shard in shards(stream, settings, run, explain):
            yield shard.records
        return
    for _, found in extracted(stream, settings, run):
        run.advance(len(found))
        yield to_jsonl(found, explain)


def shards(stream: Iterator[Article], settings: Settings, run: Run, explain: bool = False):
    """Shards from the Dask cluster of ``run.options.scheduler``, counted and with failures reported."""
    from kg.pipeline.distributed import extract_distributed

    for shard in extract_distributed(stream, settings, run.options.scheduler, explain=explain,
                                     keep_going=True):
        for article, error in shard.failures:
            run.failed(article, error)
        for article, total in shard.truncated:
            run.truncated(article, total)
        run.advance(sum(shard.statements), len(shard.articles))
        yield shard


def dataset(paths: list[Path], published: date | None, settings: Settings,
            run: Run) -> tuple[Dataset, str, str]:
    """The dataset (one named graph per article), statement records and title of a corpus."""
    stream = articles(paths, published, run)
    if run.options.scheduler:
        merged = bind_prefixes(Dataset())
        parts = []
        for shard in shards(stream, settings, run):
            merged.parse(data=shard.nquads, format="nquads")
            parts.append(shard.records)
        return merged, "".join(parts), f"{run.articles} articles"
    results = []
    for article, found in extracted(stream, settings, run):
        run.advance(len(found))
        results.append((article, found))
    title = ", ".join(article.title or article.id for article, _ in results)
    return to_dataset(results), to_jsonl(s for _, found in results for s in found), title


def store(paths: list[Path], spec: str | Path, update_url: str | None, published: date | None,
          settings: Settings, run: Run) -> Iterator[Stored]:
    """Add every article's named graph to the store ``spec`` (a folder or an endpoint URL), one
    transaction each, streaming.

    An article whose content hash the store already holds is skipped before extraction, so
    re-running over a corpus resumes where it stopped. When extraction runs in this process, a
    local store is written by a process of its own (:mod:`kg.writer`), so parsing and writing overlap.
    """
    created = None if is_endpoint(spec) or Path(spec).exists() else Path(spec)
    try:
        if settings.processes == 1 and not run.options.scheduler and not is_endpoint(spec) and WRITER_PROCESS:
            yield from store_beside(paths, Path(spec), published, settings, run)
            return
        target = open_store(spec, update_url, create=True)
        try:
            yield from store_here(paths, target, published, settings, run)
        finally:
            target.close()
    except BaseException:
        if created is not None and not holds_articles(created):  # a failed run leaves no empty store behind
            shutil.rmtree(created, ignore_errors=True)
        raise


def holds_articles(path: Path) -> bool:
    return is_store(path) and bool(open_snapshot(path).articles())


def fresh(stream: Iterator[Article], target: GraphStore | None, run: Run,
          unchanged: list[Stored]) -> Iterator[Article]:
    """The articles whose content hash ``target`` does not hold; the others go to ``unchanged``.

    An article whose id the store holds with another content hash is a bad input (never replaced).
    """
    for article in stream:
        held = target.digest(article_iri(article.id)) if target is not None else None
        if held is None:
            yield article
        elif held == content_hash(article):
            unchanged.append(Stored(article.id, "unchanged"))
            run.same()
        else:
            run.refuse(taken(target, article))


def taken(target: GraphStore, article: Article) -> BadInput:
    """The bad input of an article whose id the store already holds for another content."""
    iri = article_iri(article.id)
    rows = target.dataset().query(f"SELECT ?t WHERE {{ GRAPH <{iri}> {{ <{iri}> <{DCTERMS.title}> ?t }} }}")
    title = next((str(row[0]) for row in rows), None)
    held = f"'{title[:80]}'" if title else "an article without a title"
    return BadInput(article.source or article.id, f"article id '{article.id}' is already in the store for "
                    f"another article ({held}, stored earlier)",
                    f"give this one an id of its own, or replace the stored one: kg remove {article.id} --store STORE")


def store_beside(paths: list[Path], path: Path, published: date | None, settings: Settings,
                 run: Run) -> Iterator[Stored]:
    """Extract here, write in the writer process; an article is reported once committed."""
    unchanged: list[Stored] = []
    snapshot = open_snapshot(path) if is_store(path) else None  # before the writer opens (or creates) it
    with Writer(path) as writer:
        for article, found in extracted(fresh(articles(paths, published, run), snapshot, run, unchanged),
                                        settings, run):
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
    for article, found in extracted(stream, settings, run):
        run.advance(len(found))
        yield article.id, len(found), article_graph(article, found)
