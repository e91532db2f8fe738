"""``kg serve``: a SPARQL 1.1 Protocol endpoint over a store, safe by default.

GET and POST queries at ``/sparql``; results as SPARQL JSON, XML, CSV or TSV, graphs as Turtle,
JSON-LD, N-Triples or RDF/XML (``Accept`` header, or ``format=json|xml|csv|tsv|turtle|jsonld``).
It binds to 127.0.0.1, is read-only unless started with ``allow_update`` and a token (sent as
``Authorization: Bearer TOKEN``), refuses SERVICE and LOAD unless ``allow_federation``, stops
queries after ``timeout`` seconds and returns at most ``max_rows`` rows or triples.
"""
from __future__ import annotations

import hmac
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from .endpoint import GRAPHS, RESULTS, SHORT, Reply, Worker, error, forbidden_keyword
from .errors import KgError
from .store import is_store

MAX_BODY = 10_000_000


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


def negotiate(accept: str, fmt: str | None) -> str:
    """The media type asked for by ``format=`` or the first known type of the Accept header."""
    if fmt:
        return SHORT.get(fmt, fmt)
    for part in accept.split(","):
        media_type = part.split(";")[0].strip().lower()
        if media_type in RESULTS or media_type in GRAPHS:
            return media_type
        if media_type in ("application/json", "application/sparql-results+json"):
            return "application/sparql-results+json"
        if media_type in ("application/xml", "text/xml"):
            return "application/sparql-results+xml"
    return ""


class Handler(BaseHTTPRequestHandler):
    settings: ServeSettings
    worker: Worker
    server_version = "kg-sparql/1"

    def log_message(self, format, *args):  # noqa: A002  (quiet: no per-request lines on stderr)
        return None

    def send(self, reply: Reply) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.media_type)
        self.send_header("Content-Length", str(len(reply.body)))
        for name, value in reply.headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(reply.body)

    def do_GET(self):  # noqa: N802
        url = urlsplit(self.path)
        if url.path != "/sparql":
            return self.send(error(404, "the SPARQL endpoint is at /sparql"))
        params = parse_qs(url.query)
        if "update" in params:
            return self.send(error(400, "updates must be sent with POST"))
        self.dispatch(params, "query", params.get("query", [None])[0])

    def do_POST(self):  # noqa: N802
        url = urlsplit(self.path)
        if url.path != "/sparql":
            return self.send(error(404, "the SPARQL endpoint is at /sparql"))
        length = self.headers.get("Content-Length") or "0"
        if not length.isdigit():
            return self.send(error(411, "send a valid Content-Length"))
        length = int(length)
        if length > MAX_BODY:
            return self.send(error(413, f"request body over {MAX_BODY} bytes"))
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        media_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(url.query)
        if media_type == "application/x-www-form-urlencoded":
            params = {**params, **parse_qs(body)}
            kind = "update" if "update" in params else "query"
            return self.dispatch(params, kind, params.get(kind, [None])[0])
        if media_type in ("application/sparql-query", "application/sparql-update"):
            return self.dispatch(params, media_type.rsplit("-", 1)[1], body)
        self.send(error(415, "send application/sparql-query, application/sparql-update or a form"))

    def dispatch(self, params: dict, kind: str, text: str | None) -> None:
        if not text:
            return self.send(error(400, f"no {kind} given"))
        if kind == "update":
            refusal = self.refuse_update()
            if refusal:
                return self.send(refusal)
        word = forbidden_keyword(text, kind) if not self.settings.allow_federation else None
        if word:
            return self.send(error(403, f"{word} is disabled on this endpoint (start it with --allow-federation)"))
        accept = negotiate(self.headers.get("Accept", ""), params.get("format", [None])[0])
        self.send(self.worker.run({"kind": kind, "text": text, "accept": accept, "limit": self.settings.max_rows,
                                   "default": params.get("default-graph-uri", []),
                                   "named": params.get("named-graph-uri", [])}))

    def refuse_update(self) -> Reply | None:
        if not self.settings.allow_update:
            return error(403, "this endpoint is read-only (start it with --allow-update --token TOKEN)")
        given = (self.headers.get("Authorization") or "").removeprefix("Bearer ").strip()
        if not hmac.compare_digest(given.encode("utf-8"), (self.settings.token or "").encode("utf-8")):
            reply = error(401, "updates need the token: send Authorization: Bearer TOKEN")
            return Reply(reply.status, reply.media_type, reply.body, (("WWW-Authenticate", "Bearer"),))
        return None


def make_server(settings: ServeSettings) -> ThreadingHTTPServer:
    """A bound, ready server (port 0 picks a free one); ``serve_forever`` runs it."""
    if not is_store(settings.store):
        raise KgError(f"{settings.store}: no store there", "build one first with kg build FILES --store PATH")
    if settings.allow_update and not settings.token:
        raise KgError("--allow-update needs a --token", "choose a secret token (or set KG_SERVE_TOKEN)")
    if settings.timeout <= 0 or settings.max_rows <= 0:
        raise KgError("--timeout and --max-rows must be positive", "give positive limits")
    worker = Worker(str(settings.store), settings.timeout)
    started = worker.start()
    if started.status != 200:
        raise KgError(f"{settings.store}: {started.body.decode().strip()}", "stop the other kg process using it")
    handler = type("BoundHandler", (Handler,), {"settings": settings, "worker": worker})
    try:
        server = ThreadingHTTPServer((settings.host, settings.port), handler)
    except OSError as problem:
        worker.stop()
        raise KgError(f"cannot listen on {settings.host}:{settings.port} ({problem.strerror})",
                      "choose another --port") from None
    server.daemon_threads = True
    return server
