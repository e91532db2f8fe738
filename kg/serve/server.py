"""``kg serve``: a SPARQL 1.1 Protocol endpoint over a store, safe by default.

Queries at ``/sparql`` (GET, POST form, POST direct), its Service Description at the same URL without
a query, a plain query page at ``/``. It binds to 127.0.0.1, is read-only unless started with
``allow_update`` and a token (``Authorization: Bearer TOKEN``), makes no network request unless
``allow_federation``, and bounds what clients can take: connections (``max_connections``, each dropped
after ``read_timeout`` idle seconds), time per request (``timeout``), rows and bytes per answer. One
event loop reads requests; ``workers`` query processes run them, beside the process that owns the store.
"""
from __future__ import annotations

import asyncio
import hmac
import os
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs

import pyoxigraph as ox
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets
from tornado.web import Application, RequestHandler, stream_request_body

from kg.serve.endpoint import Limits, Reply, Request, error
from kg.errors import KgError
from kg.serve.protocol import GRAPH_TYPES, choose, cors_headers, from_format, parse_accept, service_description
from kg.serve.query_page import PAGE, POLICY
from kg.store.backend import claim, is_store
from kg.serve.workers import Pool

MAX_BODY = 10_000_000
FORMS = ("application/x-www-form-urlencoded", "application/sparql-query", "application/sparql-update")
SD_FORMATS = {"text/turtle": "turtle", "application/ld+json": "json-ld", "application/n-triples": "nt",
              "application/rdf+xml": "xml"}


@dataclass(frozen=True, slots=True)
class ServeSettings:
    """How the endpoint runs; the defaults are the safe ones."""

    store: Path
    host: str = "127.0.0.1"
    port: int = 7878
    allow_update: bool = False
    token: str | None = None
    allow_federation: bool = False
    timeout: float = 30.0
    max_rows: int = 10_000
    max_bytes: int = 10_000_000
    workers: int = 4
    cors: str | None = None
    read_timeout: float = 10.0
    max_connections: int = 512


@dataclass(frozen=True, slots=True)
class Service:
    """What every request handler shares."""

    settings: ServeSettings
    pool: Pool
    threads: ThreadPoolExecutor


class Base(RequestHandler):
    @property
    def service(self) -> Service:
        return self.application.settings["service"]

    def compute_etag(self) -> None:
        return None

    def set_default_headers(self) -> None:
        self.clear_header("Server")
        for name, value in cors_headers(self.service.settings.cors, self.request.headers.get("Origin")):
            self.set_header(name, value)

    def send(self, reply: Reply) -> None:
        self.set_status(reply.status)
        self.set_header("Content-Type", reply.media_type)
        for name, value in reply.headers:
            self.set_header(name, value)
        self.finish(reply.body if reply.status != 204 else None)

    def options(self) -> None:
        asked = {"headers": self.request.headers.get("Access-Control-Request-Headers", "")}
        for name, value in cors_headers(self.service.settings.cors, self.request.headers.get("Origin"), asked):
            self.set_header(name, value)
        self.set_header("Allow", "GET, POST, OPTIONS")
        self.set_status(204)
        self.finish()

    def write_error(self, status_code: int, **kwargs) -> None:
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(f"{self._reason}\n")


class PageHandler(Base):
    def get(self) -> None:
        self.set_header("Content-Security-Policy", POLICY)
        self.send(Reply(200, "text/html; charset=utf-8", PAGE))


class IconHandler(Base):
    def get(self) -> None:
        self.send(Reply(204, "image/x-icon", b""))


class MissingHandler(Base):
    def prepare(self) -> None:
        self.send(error(404, "the SPARQL endpoint is at /sparql"))


@stream_request_body
class SparqlHandler(Base):
    def prepare(self) -> None:
        self.chunks: list[bytes] = []
        length = self.request.headers.get("Content-Length", "0")
        if length.isdigit() and int(length) > MAX_BODY:
            self.send(error(413, f"request body over {MAX_BODY} bytes"))
            return
        self.request.connection.set_max_body_size(MAX_BODY)

    def data_received(self, chunk: bytes) -> None:
        self.chunks.append(chunk)

    async def get(self) -> None:
        params = parse_qs(self.request.query)
        if "update" in params:
            return self.send(error(400, "updates must be sent with POST"))
        if "query" not in params:
            return self.describe()
        await self.dispatch(params, "query", params["query"][0])

    async def post(self) -> None:
        media_type = (self.request.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if media_type not in FORMS:
            return self.send(error(415, "send application/sparql-query, application/sparql-update or a form"))
        body = b"".join(self.chunks).decode("utf-8", errors="replace")
        params = parse_qs(self.request.query)
        if media_type == FORMS[0]:
            params = {**params, **parse_qs(body)}
            kind = "update" if "update" in params else "query"
            return await self.dispatch(params, kind, params.get(kind, [None])[0])
        await self.dispatch(params, media_type.rsplit("-", 1)[1], body)

    def describe(self) -> None:
        """The Service Description, in the RDF format asked for."""
        media_type = choose(self.preferences(parse_qs(self.request.query)), GRAPH_TYPES)
        if media_type is None:
            return self.send(error(406, "the service description comes as " + ", ".join(GRAPH_TYPES)))
        url = f"{self.request.protocol}://{self.request.host}{self.request.path}"
        graph = service_description(url, self.service.settings.allow_update)
        self.send(Reply(200, media_type, graph.serialize(format=SD_FORMATS[media_type], encoding="utf-8")))

    def preferences(self, params: dict):
        named = params.get("format", []) + params.get("output", [])
        return (from_format(named) if named else None) or parse_accept(self.request.headers.get("Accept", ""))

    async def dispatch(self, params: dict, kind: str, text: str | None) -> None:
        if not text:
            return self.send(error(400, f"no {kind} given"))
        refused = self.refuse_update() if kind == "update" else None
        graphs = params.get("default-graph-uri", []), params.get("named-graph-uri", [])
        refused = refused or bad_dataset(*graphs)
        if refused:
            return self.send(refused)
        request = Request(kind, text, self.preferences(params), tuple(graphs[0]), tuple(graphs[1]))
        pool = self.service.pool
        run = pool.update if kind == "update" else pool.query
        self.send(await asyncio.get_running_loop().run_in_executor(self.service.threads, run, request))

    def refuse_update(self) -> Reply | None:
        settings = self.service.settings
        if not settings.allow_update:
            return error(403, "this endpoint is read-only (start it with --allow-update --token TOKEN)")
        given = (self.request.headers.get("Authorization") or "").removeprefix("Bearer ").strip()
        if not hmac.compare_digest(given.encode("utf-8"), (settings.token or "").encode("utf-8")):
            reply = error(401, "updates need the token: send Authorization: Bearer TOKEN")
            return Reply(reply.status, reply.media_type, reply.body, (("WWW-Authenticate", "Bearer"),))
        return None


def bad_dataset(default: list[str], named: list[str]) -> Reply | None:
    """400 for a default-graph-uri or named-graph-uri that is not an absolute IRI."""
    for iri in (*default, *named):
        try:
            ox.NamedNode(iri)
        except ValueError:
            return error(400, f"not an absolute IRI in default-graph-uri or named-graph-uri: {iri[:200]!r}")
    return None


class CappedServer(HTTPServer):
    """An HTTP server that turns connections past ``cap`` away with a 503 instead of holding them."""

    cap = 512

    def handle_stream(self, stream, address) -> None:
        if len(self._connections) >= self.cap:
            stream.write(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            stream.close()
            return
        super().handle_stream(stream, address)


class Endpoint:
    """A bound endpoint: its store processes are running; ``serve_forever`` answers requests."""

    def __init__(self, settings: ServeSettings, pool: Pool, sockets: list, lock: int | None):
        self.settings, self.pool, self.sockets, self.lock = settings, pool, sockets, lock
        self.server_address = sockets[0].getsockname()[:2]

    def application(self) -> Application:
        service = Service(self.settings, self.pool, ThreadPoolExecutor(self.settings.workers + 1, "kg-query"))
        routes = [("/", PageHandler), ("/sparql", SparqlHandler), ("/favicon.ico", IconHandler),
                  (r"/.*", MissingHandler)]
        return Application(routes, service=service, log_function=lambda handler: None)  # no per-request lines

    async def main(self) -> None:
        server = CappedServer(self.application(), idle_connection_timeout=self.settings.read_timeout,
                              body_timeout=self.settings.read_timeout, max_header_size=65_536)
        server.cap = self.settings.max_connections
        server.add_sockets(self.sockets)
        await asyncio.Event().wait()

    def serve_forever(self) -> None:
        asyncio.run(self.main())

    def server_close(self) -> None:
        self.pool.stop()
        for sock in self.sockets:
            sock.close()
        if self.lock is not None:
            os.close(self.lock)
            self.lock = None


def check(settings: ServeSettings) -> None:
    if not is_store(settings.store):
        raise KgError(f"{settings.store}: no store there", "build one first with kg build FILES --store PATH")
    if settings.allow_update and not settings.token:
        raise KgError("--allow-update needs a --token", "choose a secret token (or set KG_SERVE_TOKEN)")
    numbers = (settings.timeout, settings.max_rows, settings.max_bytes, settings.workers, settings.read_timeout,
               settings.max_connections)
    if settings.cors and settings.cors != "*" and not re.fullmatch(r"https?://[^/\s]+", settings.cors):
        raise KgError(f"--cors {settings.cors}: not an origin",
                      "give scheme://host[:port], e.g. https://app.example.org")
    if min(numbers) <= 0:
        raise KgError("--timeout, --max-rows, --max-bytes, --workers, --read-timeout and --max-connections "
                      "must be positive", "give positive limits")


def make_server(settings: ServeSettings) -> Endpoint:
    """A bound, ready endpoint (port 0 picks a free one) holding the store's lock; ``serve_forever`` runs it."""
    check(settings)
    lock = claim(settings.store, hold=True)
    limits = Limits(settings.max_rows, settings.max_bytes, settings.allow_federation)
    pool = Pool(str(settings.store), settings.workers, limits, settings.timeout)
    started = pool.start()
    if started.status != 200:
        os.close(lock)
        raise KgError(f"{settings.store}: {started.body.decode().strip()}", "stop the other process using it")
    try:
        sockets = bind_sockets(settings.port, settings.host)
    except OSError as problem:
        pool.stop()
        os.close(lock)
        raise KgError(f"cannot listen on {settings.host}:{settings.port} ({problem.strerror})",
                      "choose another --port") from None
    return Endpoint(settings, pool, sockets, lock)
