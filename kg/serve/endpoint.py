"""Running one SPARQL request in a query worker: the network check, limits on the answer, result formats.

Answers are bounded twice: at most ``rows`` rows or triples and at most ``size`` bytes. A cut answer
says so in the HTTP headers (``Warning``, ``X-KG-Truncated``) and inside the body where the format has
room: a ``link`` and a ``warning`` member in SPARQL JSON, a ``link`` and a comment in SPARQL XML, a
comment in Turtle, N-Triples and RDF/XML.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from itertools import islice

import pyoxigraph as ox

from kg.serve.merge import update_merged
from kg.serve.guard import Unreadable, network_use
from kg.serve.protocol import GRAPH_TYPES, RESULT_TYPES, Preferences, choose
from kg.vocab import PREFIXES

RESULTS = dict(zip(RESULT_TYPES, (ox.QueryResultsFormat.JSON, ox.QueryResultsFormat.XML,
                                  ox.QueryResultsFormat.CSV, ox.QueryResultsFormat.TSV)))
GRAPHS = dict(zip(GRAPH_TYPES, (ox.RdfFormat.TURTLE, ox.RdfFormat.JSON_LD, ox.RdfFormat.N_TRIPLES,
                                ox.RdfFormat.RDF_XML)))
TRUNCATED = "urn:kg:truncated"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
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


@dataclass(frozen=True, slots=True)
class Request:
    """A query or update for a worker (dataset IRIs already checked); ``generation`` counts updates so far."""

    kind: str
    text: str
    accept: Preferences = ()
    default: tuple[str, ...] = ()
    named: tuple[str, ...] = ()
    generation: int = 0


@dataclass(frozen=True, slots=True)
class Limits:
    rows: int
    size: int
    federation: bool = False


def error(status: int, message: str) -> Reply:
    return Reply(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))


def term_json(term) -> dict:
    """A term as SPARQL 1.1 JSON results write it."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": term_json(term.subject), "predicate": term_json(term.predicate),
                                            "object": term_json(term.object)}}
    if term.language:
        return {"type": "literal", "value": term.value, "xml:lang": term.language}
    if term.datatype.value == XSD_STRING:
        return {"type": "literal", "value": term.value}
    return {"type": "literal", "value": term.value, "datatype": term.datatype.value}


def bounded(items, size_of, limits: Limits) -> tuple[list, str | None]:
    """Items until ``limits.rows`` of them or ``limits.size`` bytes (as measured by ``size_of``); why it stopped."""
    kept, used = [], 0
    for item in islice(items, limits.rows + 1):
        used += size_of(item)
        if len(kept) == limits.rows:
            return kept, f"{limits.rows} rows"
        if used > limits.size:
            return kept, f"{limits.size} bytes"
        kept.append(item)
    return kept, None


def fit(items: list, render, reason: str | None, size: int) -> tuple[bytes, str | None]:
    """``render(items, reason)``, dropping items from the end until the body is at most ``size`` bytes."""
    body = render(items, reason)
    while len(body) > size and items:
        items = items[:min(len(items) - 1, len(items) * size // len(body))]
        reason = f"{size} bytes"
        body = render(items, reason)
    return body, reason


def solutions_body(names: list[str], rows: list[dict], media_type: str, reason: str | None) -> bytes:
    head = {"vars": names, **({"link": [TRUNCATED]} if reason else {})}
    warning = {"warning": f"results truncated at {reason}"} if reason else {}
    body = json.dumps({"head": head, **warning, "results": {"bindings": rows}}, ensure_ascii=False).encode("utf-8")
    if media_type == "application/sparql-results+json":
        return body
    body = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON).serialize(format=RESULTS[media_type])
    if reason and media_type == "application/sparql-results+xml":
        body = body.replace(b"</head>", f'<link href="{TRUNCATED}"/></head><!-- truncated at {reason} -->'.encode(), 1)
    return body


def graph_body(triples: list, media_type: str, reason: str | None) -> bytes:
    body = ox.serialize(triples, format=GRAPHS[media_type]) or b""
    if reason and media_type in ("text/turtle", "application/n-triples"):
        return f"# kg: results truncated at {reason}\n".encode() + body
    if reason and media_type == "application/rdf+xml":
        return body.replace(b"?>", f"?>\n<!-- kg: results truncated at {reason} -->".encode(), 1)
    return body


def truncation(reason: str | None) -> tuple[tuple[str, str], ...]:
    return (("X-KG-Truncated", reason), ("Warning", f'199 kg "results truncated at {reason}"')) if reason else ()


def answer(result, accept: Preferences, limits: Limits) -> Reply:
    """The result in the media type the client prefers, within the limits; 406 if it accepts none we have."""
    offered = GRAPH_TYPES if isinstance(result, ox.QueryTriples) else RESULT_TYPES
    media_type = choose(accept, offered)
    if media_type is None:
        return error(406, "none of the asked media types fits; this answer comes as " + ", ".join(offered))
    if isinstance(result, ox.QueryTriples):
        triples, reason = bounded(result, lambda t: len(str(t)) + 3, limits)
        body, reason = fit(triples, lambda items, why: graph_body(items, media_type, why), reason, limits.size)
        return Reply(200, media_type, body, truncation(reason))
    if isinstance(result, ox.QueryBoolean):
        document = b'{"head":{},"boolean":%s}' % (b"true" if bool(result) else b"false")
        parsed = ox.parse_query_results(document, format=ox.QueryResultsFormat.JSON)
        return Reply(200, media_type, document if media_type == RESULT_TYPES[0] else
                     parsed.serialize(format=RESULTS[media_type]))
    names = [v.value for v in result.variables]
    rows = ({n: term_json(row[n]) for n in names if row[n] is not None} for row in result)
    kept, reason = bounded(rows, lambda row: len(json.dumps(row, ensure_ascii=False)), limits)
    body, reason = fit(kept, lambda items, why: solutions_body(names, items, media_type, why), reason, limits.size)
    return Reply(200, media_type, body, truncation(reason))


def refusal(request: Request, limits: Limits, sandboxed: bool) -> Reply | None:
    """403 for SERVICE or LOAD; 400 for a request that cannot be checked when no sandbox backs the check."""
    if limits.federation:
        return None
    try:
        word = network_use(request.text, request.kind)
    except Unreadable as problem:
        return None if sandboxed else error(400, f"invalid SPARQL: {problem}")
    if word:
        return error(403, f"{word} is disabled on this endpoint (start it with --allow-federation)")
    return None


def execute(store: ox.Store, request: Request, limits: Limits, sandboxed: bool) -> Reply:
    """Run one request against the store."""
    refused = refusal(request, limits, sandboxed)
    if refused:
        return refused
    try:
        if request.kind == "update":
            update_merged(store, request.text, lambda: store.update(request.text, prefixes=ALL_PREFIXES))
            return Reply(204, "text/plain", b"")
        graphs = {"default_graph": [ox.NamedNode(g) for g in request.default] or None,
                  "named_graphs": [ox.NamedNode(g) for g in request.named] or None}
        result = store.query(request.text, prefixes=ALL_PREFIXES, **{k: v for k, v in graphs.items() if v})
        return answer(result, request.accept, limits)
    except SyntaxError as problem:
        return error(400, f"invalid SPARQL: {str(problem).splitlines()[0]}")
    except PermissionError:
        return error(403, "this endpoint makes no network requests (start it with --allow-federation)")
    except (OSError, ValueError, TypeError, RuntimeError) as problem:
        return error(500, f"query failed: {str(problem).splitlines()[0][:300]}")
