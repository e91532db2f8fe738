"""The public API behind the CLI: read, extract, build, query."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rdflib import Dataset, Graph

from .ingest import read_articles
from .model import Article, Statement
from .outputs import prepare_dir, write_files
from .page import render_page
from .pipeline import Settings, extract_all
from .iri import article_iri
from .rdf import article_graph, content_hash, to_dataset, union
from .records import to_jsonl
from .store import GraphStore


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What ``build`` produced: the dataset, its statements and the files written."""

    dataset: Dataset
    statements: tuple[Statement, ...]
    files: tuple[Path, ...]

    @property
    def graph(self) -> Graph:
        return union(self.dataset)


def extract_files(paths: Iterable[Path], published: date | None = None,
                  settings: Settings = Settings()) -> list[tuple[Article, tuple[Statement, ...]]]:
    """Statements of every article in ``paths`` (files or folders)."""
    return list(extract_all(read_articles(list(paths), published), settings))


def build(paths: Iterable[Path], out: Path, published: date | None = None,
          settings: Settings = Settings()) -> BuildResult:
    """Extract, then write graph.ttl, graph.trig, statements.jsonl and graph.html into ``out``."""
    prepare_dir(out)
    results = extract_files(paths, published, settings)
    dataset = to_dataset(results)
    statements = tuple(s for _, found in results for s in found)
    files = write_outputs(dataset, to_jsonl(statements), out, ", ".join(a.title or a.id for a, _ in results))
    return BuildResult(dataset, statements, files)


def write_outputs(dataset: Dataset, records: str, out: Path, title: str) -> tuple[Path, ...]:
    """Write graph.ttl, graph.trig, statements.jsonl (``records``) and graph.html into ``out``, atomically."""
    graph = union(dataset)
    files = {
        out / "graph.ttl": graph.serialize(format="turtle"),
        out / "graph.trig": dataset.serialize(format="trig"),
        out / "statements.jsonl": records,
        out / "graph.html": render_page(graph, title=title[:120]),
    }
    write_files(files)
    return tuple(files)


@dataclass(frozen=True, slots=True)
class Stored:
    """What happened to one article in ``store_articles``: ``added`` or ``skipped`` (same content hash)."""

    article: str
    action: str
    statements: int = 0
    triples: int = 0


def store_articles(paths: Iterable[Path], store: GraphStore, published: date | None = None,
                   settings: Settings = Settings()) -> Iterator[Stored]:
    """Add each article's named graph to ``store``, one transaction per article, streaming.

    Articles whose content hash the store already holds are skipped before extraction.
    """
    skipped: list[Stored] = []

    def fresh(articles: Iterable[Article]) -> Iterator[Article]:
        for article in articles:
            if store.digest(article_iri(article.id)) == content_hash(article):
                skipped.append(Stored(article.id, "skipped"))
            else:
                yield article

    for article, statements in extract_all(fresh(read_articles(list(paths), published)), settings):
        yield from skipped
        skipped.clear()
        graph = article_graph(article, statements)
        store.put(graph)
        yield Stored(article.id, "added", len(statements), len(graph))
    yield from skipped
