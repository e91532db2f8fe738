"""Running SPARQL for the endpoint: the safety check, result formats, and a killable worker process.

Oxigraph offers no way to stop a running query, so queries and updates run in one child
process that owns the store; a request that outlives the time limit gets the worker killed
and a fresh one started (store writes are transactions, so a kill loses no data).
"""
from __future__ import annotations

import multiprocessing
import re
import threading
from dataclasses import dataclass
from itertools import islice

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef, Variable
from rdflib.query import Result

from .vocab import PREFIXES

RESULTS = {"application/sparql-results+json": ox.QueryResultsFormat.JSON,
           "application/sparql-results+xml": ox.QueryResultsFormat.XML,
           "text/csv": ox.QueryResultsFormat.CSV, "text/tab-separated-values": ox.QueryResultsFormat.TSV}
GRAPHS = {"text/turtle": ox.RdfFormat.TURTLE, "application/ld+json": ox.RdfFormat.JSON_LD,
          "application/n-triples": ox.RdfFormat.N_TRIPLES, "application/rdf+xml": ox.RdfFormat.RDF_XML}
SHORT = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml", "csv": "text/csv",
         "tsv": "text/tab-separated-values", "turtle": "text/turtle", "jsonld": "application/ld+json"}
ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
OPAQUE = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>\s"{}|^`]*>|#[^\n]*')
KEYWORDS = {"query": ("SERVICE",), "update": ("SERVICE", "LOAD")}
ALL_PREFIXES = {**{k: str(v) for k, v in PREFIXES.items()}, "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
                "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "xsd": "http://www.w3.org/2001/XMLSchema#",
                "owl": "http://www.w3.org/2002/07/owl#", "prov": "http://www.w3.org/ns/prov#",
                "skos": "http://www.w3.org/2004/02/skos/core#", "dcterms": "http://purl.org/dc/terms/"}


@dataclass(frozen=True, slots=True)
class Reply:
    """An HTTP answer: status, media type, body and extra headers."""

    status: int
    media_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


def error(status: int, message: str) -> Reply:
    return Reply(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))


def forbidden_keyword(text: str, kind: str) -> str | None:
    """SERVICE (and LOAD in updates) outside strings, IRIs and comments, after \\u escapes as SPARQL reads them."""
    text = ESCAPE.sub(lambda m: chr(int(m[1] or m[2], 16)), text)
    bare = OPAQUE.sub(" ", text)
    for word in KEYWORDS[kind]:
        if re.search(rf"(?<![\w:?$\-.]){word}(?![\w:\-])", bare, re.IGNORECASE):
            return word
    return None


def rdflib_term(term):
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def solutions_reply(solutions, media_type: str, limit: int) -> Reply:
    """At most ``limit`` rows in ``media_type``: rdflib writes SPARQL JSON, pyoxigraph converts it."""
    names = [Variable(v.value) for v in solutions.variables]
    rows = list(islice(solutions, limit + 1))
    result = Result("SELECT")
    result.vars = names
    result.bindings = [{n: rdflib_term(row[n]) for n in names if row[n] is not None} for row in rows[:limit]]
    body = result.serialize(format="json")
    if media_type != "application/sparql-results+json":
        body = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON).serialize(format=RESULTS[media_type])
    headers = (("X-KG-Truncated", str(limit)),) if len(rows) > limit else ()
    return Reply(200, media_type, body, headers)


def answer(result, accept: str, limit: int) -> Reply:
    if isinstance(result, ox.QueryTriples):
        media_type = accept if accept in GRAPHS else "text/turtle"
        triples = list(islice(result, limit + 1))
        headers = (("X-KG-Truncated", str(limit)),) if len(triples) > limit else ()
        return Reply(200, media_type, ox.serialize(triples[:limit], format=GRAPHS[media_type]), headers)
    media_type = accept if accept in RESULTS else "application/sparql-results+json"
    if isinstance(result, ox.QueryBoolean):
        document = b'{"head":{},"boolean":%s}' % (b"true" if bool(result) else b"false")
        return Reply(200, media_type, ox.parse_query_results(document, format=ox.QueryResultsFormat.JSON)
                     .serialize(format=RESULTS[media_type]))
    return solutions_reply(result, media_type, limit)


def execute(store: ox.Store, request: dict) -> Reply:
    """Run one checked request against the store."""
    try:
        if request["kind"] == "update":
            store.update(request["text"], prefixes=ALL_PREFIXES)
            return Reply(204, "text/plain", b"")
        graphs = {"default_graph": [ox.NamedNode(g) for g in request["default"]] or None,
                  "named_graphs": [ox.NamedNode(g) for g in request["named"]] or None}
        result = store.query(request["text"], prefixes=ALL_PREFIXES, **{k: v for k, v in graphs.items() if v})
        return answer(result, request["accept"], request["limit"])
    except SyntaxError as problem:
        return error(400, f"invalid SPARQL: {str(problem).splitlines()[0]}")
    except (OSError, ValueError, TypeError) as problem:
        return error(500, f"query failed: {str(problem).splitlines()[0][:300]}")


def work(path: str, connection) -> None:
    """The worker loop: open the store once, answer requests until the pipe closes."""
    try:
        store = ox.Store(path)
    except OSError as problem:
        connection.send(error(503, f"cannot open the store: {problem}"))
        return
    connection.send(Reply(200, "text/plain", b"ready"))
    while True:
        try:
            request = connection.recv()
        except EOFError:
            return
        connection.send(execute(store, request))


class Worker:
    """The store's process; ``run`` returns its reply, or kills and replaces it past ``timeout`` seconds."""

    def __init__(self, path: str, timeout: float):
        self.path, self.timeout = path, timeout
        self.lock = threading.Lock()
        self.process = self.connection = None

    def start(self) -> Reply:
        context = multiprocessing.get_context("spawn")
        self.connection, child = context.Pipe()
        self.process = context.Process(target=work, args=(self.path, child), daemon=True)
        self.process.start()
        child.close()
        ready = self.connection.recv() if self.connection.poll(60) else error(503, "the store did not open in 60 s")
        if ready.status != 200:
            self.stop()
        return ready

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.join()
        self.process = None

    def run(self, request: dict) -> Reply:
        with self.lock:
            if self.process is None or not self.process.is_alive():
                started = self.start()
                if started.status != 200:
                    return started
            self.connection.send(request)
            if self.connection.poll(self.timeout):
                try:
                    return self.connection.recv()
                except EOFError:
                    self.stop()
                    return error(500, "the query worker died; it has been restarted")
            self.stop()
            return error(503, f"query stopped: it ran longer than the {self.timeout:g} s time limit")
