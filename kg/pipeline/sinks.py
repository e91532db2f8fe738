"""Where a run's statements go: JSON Lines records on a stream, a store, or an output folder's files.

Each sink is a context manager: ``put`` takes one article's statements as they come, ``close`` ends
the run's writing, and leaving on a failure keeps what is whole and removes what it created empty.
"""
from __future__ import annotations

import ctypes
import gc
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TextIO

import pyoxigraph as ox

from rdflib.namespace import DCTERMS

from kg.errors import BadInput
from kg.explore.page import write_page
from kg.gazetteer import load_gazetteer
from kg.graph.rdf import article_graph
from kg.graph.turtle import write_store_files
from kg.iri import article_iri
from kg.model import Article, Statement, content_hash
from kg.parse.nlp import load_pipeline
from kg.pipeline.outputs import prepare_dir, write_files
from kg.pipeline.report import Run
from kg.statements.records import to_jsonl
from kg.store.backend import FLUSH_EVERY, GraphStore, is_endpoint, is_store, open_snapshot, open_store
from kg.store.writer import AVAILABLE as WRITER_PROCESS
from kg.store.writer import Writer

LIBC = ctypes.CDLL(None) if sys.platform.startswith("linux") else None


@dataclass(frozen=True, slots=True)
class Stored:
    """What happened to one article in a store: ``added``, or ``unchanged`` (same content hash)."""

    article: str
    action: str
    statements: int = 0
    triples: int = 0


class Sink(Protocol):
    def __enter__(self) -> Sink: ...
    def __exit__(self, kind, error, trace) -> None: ...
    def fresh(self, articles: Iterable[Article], run: Run, unchanged: list[Stored]) -> Iterator[Article]: ...
    def put(self, article: Article, found: tuple[Statement, ...]) -> Iterator[Stored]: ...
    def close(self) -> Iterator[Stored]: ...


class RecordSink:
    """Statement records (the statement spec's JSON Lines) written to ``stream`` as each article ends."""

    def __init__(self, stream: TextIO, explain: bool = False):
        self.stream, self.explain = stream, explain

    def __enter__(self) -> RecordSink:
        return self

    def __exit__(self, kind, error, trace) -> None:
        self.stream.flush()

    def fresh(self, articles: Iterable[Article], run: Run, unchanged: list[Stored]) -> Iterator[Article]:
        return iter(articles)

    def put(self, article: Article, found: tuple[Statement, ...]) -> Iterator[Stored]:
        self.stream.write(to_jsonl(found, self.explain))
        self.stream.flush()
        return iter(())

    def close(self) -> Iterator[Stored]:
        return iter(())


class StoreSink:
    """Each article's named graph in the store ``spec`` (a folder or an endpoint URL), one transaction each.

    A local store is written by a process of its own (:mod:`kg.store.writer`), so that parsing and
    writing overlap; an article is reported once committed. An article whose content hash the store
    holds is skipped before extraction, so a re-run resumes where it stopped; another article under
    a stored id is a bad input (never replaced). A failed run leaves no empty store behind.
    """

    def __init__(self, spec: str | Path, update_url: str | None = None):
        self.spec, self.update_url = spec, update_url
        self.created = None if is_endpoint(spec) or Path(spec).exists() else Path(spec)
        self.writer: Writer | None = None
        self.target: GraphStore | None = None
        self.held: GraphStore | None = None
        self.count = 0

    def __enter__(self) -> StoreSink:
        if not is_endpoint(self.spec) and WRITER_PROCESS:
            path = Path(self.spec)
            self.held = open_snapshot(path) if is_store(path) else None  # before the writer opens (or creates) it
            self.writer = Writer(path).__enter__()
        else:
            self.target = self.held = open_store(self.spec, self.update_url, create=True)
        return self

    def __exit__(self, kind, error, trace) -> None:
        try:
            if self.writer is not None:
                self.writer.__exit__(kind, error, trace)
            elif self.target is not None:
                self.target.close()
        finally:
            if kind is not None and self.created is not None and not holds_articles(self.created):
                shutil.rmtree(self.created, ignore_errors=True)

    def fresh(self, articles: Iterable[Article], run: Run, unchanged: list[Stored]) -> Iterator[Article]:
        for article in articles:
            held = self.held.digest(article_iri(article.id)) if self.held is not None else None
            if held is None:
                yield article
            elif held == content_hash(article):
                unchanged.append(Stored(article.id, "unchanged"))
                run.same()
            else:
                run.refuse(taken(self.held, article))

    def put(self, article: Article, found: tuple[Statement, ...]) -> Iterator[Stored]:
        if self.writer is not None:
            yield from added(self.writer.put(article, found))
            return
        graph = article_graph(article, found)
        self.target.put(graph)
        self.count += 1
        if self.count % FLUSH_EVERY == 0:
            self.target.flush()
        yield Stored(article.id, "added", len(found), len(graph))

    def close(self) -> Iterator[Stored]:
        return added(self.writer.close()) if self.writer is not None else iter(())


class FileSink:
    """``graph.ttl``, ``graph.trig``, ``statements.jsonl`` and ``graph.html`` in ``folder``, all or none.

    The graphs go to a scratch store in the folder as they come (memory stays flat while extracting),
    and the files are written from it at the end, as ``kg export --store`` would write them: Turtle and
    TriG straight from Oxigraph, a subject or graph at a time, the page from its merged default graph
    (no rdflib copy of it).
    """

    def __init__(self, folder: Path, explain: bool = False):
        self.folder, self.explain = folder, explain
        self.created = not folder.exists()
        self.files: tuple[Path, ...] = ()
        self.triples = 0

    def __enter__(self) -> FileSink:
        self.scratch = Path(tempfile.mkdtemp(prefix=".kg-build-", dir=prepare_dir(self.folder)))
        self.store: StoreSink | None = StoreSink(self.scratch / "store").__enter__()
        self.records = (self.scratch / "statements.jsonl").open("w", encoding="utf-8")
        return self

    def __exit__(self, kind, error, trace) -> None:
        try:
            self.records.close()
            if self.store is not None:
                self.store.__exit__(kind, error, trace)
        finally:
            shutil.rmtree(self.scratch, ignore_errors=True)
            if kind is not None and self.created and self.folder.is_dir() and not any(self.folder.iterdir()):
                self.folder.rmdir()  # leave no empty folder behind

    def fresh(self, articles: Iterable[Article], run: Run, unchanged: list[Stored]) -> Iterator[Article]:
        return iter(articles)

    def put(self, article: Article, found: tuple[Statement, ...]) -> Iterator[Stored]:
        self.records.write(to_jsonl(found, self.explain))
        return self.store.put(article, found)

    def close(self) -> Iterator[Stored]:
        yield from self.store.close()
        self.store.__exit__(None, None, None)  # the writer process ends, and lets go of the store
        self.store = None
        self.records.close()
        let_go_of_pipelines()
        store = ox.Store.read_only(str(self.scratch / "store"))
        write_store_files(store, self.scratch / "graph.ttl", self.scratch / "graph.trig")
        self.triples = default_triples(store)
        del store  # its caches go with it (Oxigraph's grow to about 100 MB in a pass over a large store)
        give_back()
        write_page(ox.Store.read_only(str(self.scratch / "store")), self.scratch / "graph.html")
        names = ("graph.ttl", "graph.trig", "statements.jsonl", "graph.html")
        files = {self.folder / name: self.scratch / name for name in names}
        write_files(files)
        self.files = tuple(files)




def let_go_of_pipelines() -> None:
    """Once extraction is over, the spaCy pipelines and gazetteers loaded for it (the next run in this
    process loads them again) are let go of, and their memory given back: the files are written from
    about 75 MB lower."""
    load_pipeline.cache_clear()
    load_gazetteer.cache_clear()
    gc.collect()
    give_back()


def give_back() -> None:
    """Give the memory freed so far back to the system (glibc keeps freed memory for the process)."""
    trim = getattr(LIBC, "malloc_trim", None) if LIBC is not None else None
    if trim is not None:
        trim(0)


def default_triples(store: ox.Store) -> int:
    """The triples of a store's default graph (in a kg store, the merged graph ``graph.ttl`` holds)."""
    return int(next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))[0].value)


def holds_articles(path: Path) -> bool:
    return is_store(path) and bool(open_snapshot(path).articles())


def taken(target: GraphStore, article: Article) -> BadInput:
    """The bad input of an article whose id the store already holds for another content."""
    iri = article_iri(article.id)
    rows = target.dataset().query(f"SELECT ?t WHERE {{ GRAPH <{iri}> {{ <{iri}> <{DCTERMS.title}> ?t }} }}")
    title = next((str(row[0]) for row in rows), None)
    held = f"'{title[:80]}'" if title else "an article without a title"
    return BadInput(article.source or article.id, f"article id '{article.id}' is already in the store for "
                    f"another article ({held}, stored earlier)",
                    f"give this one an id of its own, or replace the stored one: kg remove {article.id} --store STORE")


def added(committed: Iterable[tuple[str, int, int]]) -> Iterator[Stored]:
    return (Stored(name, "added", statements, triples) for name, statements, triples in committed)
