"""The persistent graph store: one named graph per article, on disk (Oxigraph) or behind SPARQL 1.1.

Putting an article replaces its named graph, content hash included, in one transaction on disk
(the merged default graph is updated in the same transaction),
so a killed load leaves every article either wholly stored or as it was, and an article whose
hash is already there is skipped. A remote store (Virtuoso, Fuseki, GraphDB...) gets the graph
in batches with the hash last, so an interrupted load is redone by the next run.
"""
from __future__ import annotations

import fcntl
import os
import urllib.error
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox
from rdflib import Dataset, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore
from rdflib.util import guess_format

from kg.errors import KgError
from kg.store.oxstore import CachedOxigraphStore
from kg.graph.rdf import ArticleGraph, bind_prefixes
from kg.store.rewrite import DECISIONS, apply, read
from kg.vocab import KGO

FLUSH_EVERY = 100  # articles between flushes of a local store's write buffers, which otherwise grow
BATCH = 1000  # triples per INSERT DATA: Virtuoso refuses requests far above ~10k triples
HASH = ox.NamedNode(str(KGO.contentHash))
QUAD_FORMATS = ("trig", "nquads", "json-ld", "trix")


class GraphStore(Protocol):
    """Where article graphs live; ``dataset()`` is the union view that queries and exports read."""

    def digest(self, article: URIRef) -> str | None: ...
    def put(self, graph: ArticleGraph) -> None: ...
    def remove(self, article: URIRef) -> bool: ...
    def articles(self) -> list[URIRef]: ...
    def triples(self) -> int: ...
    def merged_triples(self) -> int: ...
    def dataset(self) -> Dataset: ...
    def flush(self) -> None: ...
    def close(self) -> None: ...


ARTICLE_QUADS = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?g <{KGO.contentHash}> ?h . ?s ?p ?o }} }}"
DEFAULT_TRIPLES = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
MERGED_TRIPLES = ("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { "
                  f"GRAPH ?g {{ ?g <{KGO.contentHash}> ?h . ?s ?p ?o }} }} }}")


def insert(graph_name: URIRef, lines: list[str]) -> str:
    return f"INSERT DATA {{ GRAPH <{graph_name}> {{\n" + "\n".join(lines) + "\n} }"


def forget(name: str) -> str:
    """SPARQL Update taking graph ``name`` out, with its triples from the merged default graph
    unless another article graph holds them too."""
    return (f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER (?other != <{name}>) }} }} ;\n"
            f"DROP SILENT GRAPH <{name}>")


@dataclass(frozen=True, slots=True)
class LocalStore:
    """An embedded on-disk Oxigraph store (RocksDB: one writer process at a time).

    Each article is a named graph, and the default graph is kept as their merge (a set), so
    queries without GRAPH see every triple once; Oxigraph's own union of graphs would repeat
    an entity's label once per article that mentions it.
    """

    path: Path
    inner: ox.Store

    def digest(self, article: URIRef) -> str | None:
        node = ox.NamedNode(str(article))
        return next((q.object.value for q in self.inner.quads_for_pattern(node, HASH, None, node)), None)

    def put(self, graph: ArticleGraph) -> None:
        """Store an article's graph, with the analysts' decisions the store holds applied."""
        graph = apply(graph, read(self.inner))
        if self.inner.contains_named_graph(ox.NamedNode(str(graph.name))):
            lines = "\n".join(graph.n_triples())
            self.inner.update(f"{forget(str(graph.name))} ;\nINSERT DATA {{ GRAPH <{graph.name}> {{\n{lines}\n}} }} ;\n"
                              f"INSERT DATA {{\n{lines}\n}}")
            return
        self.inner.extend([*graph.quads(), *(ox.Quad(t.subject, t.predicate, t.object) for t in graph.triples)])

    def remove(self, article: URIRef) -> bool:
        if not self.inner.contains_named_graph(ox.NamedNode(str(article))):
            return False
        self.inner.update(forget(str(article)))
        return True

    def articles(self) -> list[URIRef]:
        return sorted(URIRef(g.value) for g in self.inner.named_graphs()
                      if isinstance(g, ox.NamedNode) and g.value != DECISIONS)

    def triples(self) -> int:
        """Quads in article graphs."""
        return int(next(iter(self.inner.query(ARTICLE_QUADS)))[0].value)

    def merged_triples(self) -> int:
        """Distinct triples of the article graphs (the merged default graph), as graph.ttl counts them."""
        return int(next(iter(self.inner.query(DEFAULT_TRIPLES)))[0].value)

    def dataset(self) -> Dataset:
        """The store through rdflib: queries read the merged default graph; ``quads`` skips it."""
        return bind_prefixes(Dataset(store=CachedOxigraphStore(self.inner)))

    def flush(self) -> None:
        """Write the buffered changes out (RocksDB's write buffers otherwise grow with the load)."""
        self.inner.flush()

    def close(self) -> None:
        self.inner.flush()


@dataclass(frozen=True, slots=True)
class RemoteStore:
    """A SPARQL 1.1 Query + Update endpoint; updates go in batches of ``BATCH`` triples."""

    query_url: str
    update_url: str

    def connection(self) -> SPARQLUpdateStore:
        return SPARQLUpdateStore(self.query_url, self.update_url, returnFormat="json", autocommit=True)

    def run(self, sparql: str):
        try:
            return self.dataset().query(sparql)
        except (urllib.error.URLError, OSError) as error:
            raise KgError(f"{self.query_url}: SPARQL endpoint unreachable ({error})", "check the URL") from None

    def update(self, sparql: str) -> None:
        try:
            self.connection().update(sparql)
        except (urllib.error.URLError, OSError) as error:
            raise KgError(f"{self.update_url}: SPARQL update failed ({error})",
                          "check the update URL and that it accepts updates") from None

    def digest(self, article: URIRef) -> str | None:
        rows = list(self.run(f"SELECT ?h WHERE {{ GRAPH <{article}> {{ <{article}> <{KGO.contentHash}> ?h }} }}"))
        return str(rows[0][0]) if rows else None

    def put(self, graph: ArticleGraph) -> None:
        self.update(f"DROP SILENT GRAPH <{graph.name}>")
        lines = graph.n_triples()
        for start in range(0, len(lines), BATCH):
            self.update(insert(graph.name, lines[start:start + BATCH]))

    def remove(self, article: URIRef) -> bool:
        if article not in self.articles():
            return False
        self.update(f"DROP SILENT GRAPH <{article}>")  # Virtuoso refuses DROP GRAPH unless CREATE GRAPH made it
        return True

    def articles(self) -> list[URIRef]:
        rows = self.run(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?g <{KGO.contentHash}> ?h }} }}")
        return sorted(URIRef(str(row[0])) for row in rows)

    def triples(self) -> int:
        """Quads in article graphs (the server's own graphs are not counted)."""
        return int(next(iter(self.run(ARTICLE_QUADS)))[0])

    def merged_triples(self) -> int:
        """Distinct triples of the article graphs."""
        return int(next(iter(self.run(MERGED_TRIPLES)))[0])

    def dataset(self) -> Dataset:
        return bind_prefixes(Dataset(store=self.connection(), default_union=True))

    def flush(self) -> None:
        return None

    def close(self) -> None:
        return None


def is_store(path: Path) -> bool:
    """True for a folder that holds an Oxigraph (RocksDB) store."""
    return path.is_dir() and (path / "CURRENT").is_file()


def claim(path: Path, hold: bool = False) -> int | None:
    """Lock the store folder against other kg processes (``kg serve`` holds it for its whole life, even while
    it restarts its store process); without ``hold`` only check that nobody holds it. The fd, if held."""
    if not path.is_dir():
        return None
    handle = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(handle)
        raise KgError(f"{path}: the store is in use by another kg process (kg serve or kg build)",
                      "stop it, or query that server") from None
    if not hold:
        os.close(handle)
        return None
    return handle


def open_local(path: Path, create: bool) -> LocalStore:
    if not create and not is_store(path):
        raise KgError(f"{path}: no store there", "build one first with kg build FILES --store PATH")
    if path.exists() and not path.is_dir():
        raise KgError(f"{path}: is a file, not a store folder", "give a folder for --store")
    claim(path)
    try:
        return LocalStore(path, ox.Store(str(path)))
    except OSError as error:
        reason = str(error).splitlines()[0][:200]
        hint = ("another kg process (kg serve or kg build) has it open: stop it or query that server"
                if "lock" in reason.lower() else "give a writable folder for --store")
        raise KgError(f"{path}: cannot open the store ({reason})", hint) from None


def open_snapshot(path: Path) -> LocalStore:
    """A read-only view of the local store at ``path`` as it is now, beside its writer process."""
    try:
        return LocalStore(path, ox.Store.read_only(str(path)))
    except OSError as error:
        raise KgError(f"{path}: cannot read the store ({str(error).splitlines()[0][:200]})",
                      "give a readable store folder") from None


def is_endpoint(spec: str | Path) -> bool:
    return str(spec).startswith(("http://", "https://"))


def open_store(spec: str | Path, update_url: str | None = None, create: bool = False) -> GraphStore:
    """A store from a folder path or a SPARQL endpoint URL (``update_url`` defaults to the same URL)."""
    text = str(spec)
    if is_endpoint(text):
        return RemoteStore(text, update_url or text)
    return open_local(Path(spec), create)


def open_dataset(spec: str | Path) -> Dataset:
    """The graph to read: an RDF file, a store folder or an endpoint URL, as a dataset whose default graph
    is the union of its named graphs; a file of triples (Turtle...) becomes one graph named after the file."""
    if is_endpoint(spec) or is_store(Path(spec)):
        return open_store(spec).dataset()
    path = Path(spec)
    if not path.is_file():
        raise KgError(f"{path}: no such graph file or store", "give a file written by kg build, or a --store folder")
    dataset = bind_prefixes(Dataset(default_union=True))
    fmt = guess_format(str(path)) or "turtle"
    try:
        if fmt in QUAD_FORMATS:
            return dataset.parse(path, format=fmt)
        dataset.graph(URIRef(path.resolve().as_uri())).parse(path, format=fmt)
        return dataset
    except Exception as error:  # rdflib's parsers raise many types on malformed files
        raise KgError(f"{path}: not readable RDF ({str(error).splitlines()[0][:200] if str(error) else error!r})",
                      "give a Turtle, TriG, N-Quads or JSON-LD file") from None
