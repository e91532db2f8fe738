"""The SPARQL 1.1 Protocol as clients speak it: media types, ``format=`` names, Accept with q-values,
CORS, and the Service Description of the endpoint."""
from __future__ import annotations

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF

RESULT_TYPES = ("application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                "text/tab-separated-values")
GRAPH_TYPES = ("text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml")
#: Media types clients send that stand for one of ours (results type first, then graph type).
ALIASES = {"application/json": ("application/sparql-results+json", "application/ld+json"),
           "application/xml": ("application/sparql-results+xml", "application/rdf+xml"),
           "text/xml": ("application/sparql-results+xml", "application/rdf+xml"),
           "text/plain": ("text/tab-separated-values", "application/n-triples"),
           "application/x-turtle": ("text/turtle",), "application/turtle": ("text/turtle",),
           "text/n3": ("text/turtle",), "text/rdf+n3": ("text/turtle",),
           "application/json-ld": ("application/ld+json",)}
#: ``format=`` (also ``output=``) names, as SPARQLWrapper, YASGUI and Virtuoso-style clients send them.
FORMATS = {"json": "application/json", "xml": "application/xml", "csv": "text/csv", "tsv": "text/tab-separated-values",
           "json-ld": "application/ld+json", "jsonld": "application/ld+json", "turtle": "text/turtle",
           "ttl": "text/turtle", "n3": "text/turtle", "ntriples": "application/n-triples",
           "n-triples": "application/n-triples", "nt": "application/n-triples", "rdf+xml": "application/rdf+xml",
           "rdfxml": "application/rdf+xml", "rdf": "application/rdf+xml"}
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMAT_IRIS = {"application/sparql-results+json": "SPARQL_Results_JSON",
               "application/sparql-results+xml": "SPARQL_Results_XML", "text/csv": "SPARQL_Results_CSV",
               "text/tab-separated-values": "SPARQL_Results_TSV",
               "text/turtle": "Turtle", "application/ld+json": "JSON-LD", "application/n-triples": "N-Triples",
               "application/rdf+xml": "RDF_XML"}
Preferences = tuple[tuple[str, float], ...]


def parse_accept(header: str) -> Preferences:
    """(media range, q) pairs of an Accept header, in the client's order; malformed q-values count as 0."""
    ranges = []
    for part in header.split(","):
        media_range, *params = (piece.strip() for piece in part.split(";"))
        if not media_range:
            continue
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    quality = 0.0
        ranges.append((media_range.lower(), quality))
    return tuple(ranges)


def from_format(values: list[str]) -> Preferences | None:
    """Preferences from ``format=`` values (names or media types); None when none is known."""
    known = [FORMATS.get(v.strip().lower(), v.strip().lower()) for v in values]
    known = [v for v in known if v in RESULT_TYPES or v in GRAPH_TYPES or v in ALIASES]
    return tuple((v, 1.0) for v in known) or None


def matches(media_range: str, offered: str) -> int:
    """How specifically ``media_range`` names ``offered``: 3 exactly (or by alias), 2 by type/*, 1 by */*, 0 not."""
    if media_range == offered or offered in ALIASES.get(media_range, ()):
        return 3
    if media_range.endswith("/*") and offered.startswith(media_range[:-1]):
        return 2
    return 1 if media_range == "*/*" else 0


def choose(preferences: Preferences, offered: tuple[str, ...]) -> str | None:
    """The offered type the client prefers most (q-values, then its own order); None if it accepts none."""
    if not preferences:
        return offered[0]
    best, best_key = None, (0.0, 0)
    for position, media_type in enumerate(offered):
        ranked = [(matches(r, media_type), q, -i) for i, (r, q) in enumerate(preferences) if matches(r, media_type)]
        if not ranked:
            continue
        _, quality, order = max(ranked)
        key = (quality, order, -position)
        if quality > 0 and key > best_key:
            best, best_key = media_type, key
    return best


def cors_headers(allowed: str | None, origin: str | None, preflight: dict[str, str] | None = None) -> list:
    """CORS answer headers for a request from ``origin`` when ``allowed`` is an origin or ``*``."""
    if not allowed or not origin or (allowed != "*" and origin != allowed):
        return []
    headers = [("Access-Control-Allow-Origin", "*" if allowed == "*" else origin), ("Vary", "Origin"),
               ("Access-Control-Expose-Headers", "Warning, X-KG-Truncated")]
    if preflight is not None:
        asked = [h.strip() for h in preflight.get("headers", "").split(",") if h.strip()]
        allowed_headers = [h for h in asked if h.lower() in ("content-type", "accept", "authorization")]
        headers += [("Access-Control-Allow-Methods", "GET, POST, OPTIONS"), ("Access-Control-Max-Age", "600")]
        if allowed_headers:
            headers.append(("Access-Control-Allow-Headers", ", ".join(allowed_headers)))
    return headers


def service_description(url: str, update: bool) -> Graph:
    """The SPARQL 1.1 Service Description of the endpoint at ``url``."""
    graph = Graph()
    graph.bind("sd", SD)
    service, dataset, default = URIRef(url + "#service"), BNode(), BNode()
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, URIRef(url)))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    if update:
        graph.add((service, SD.supportedLanguage, SD.SPARQL11Update))
    for name in FORMAT_IRIS.values():
        graph.add((service, SD.resultFormat, URIRef(f"http://www.w3.org/ns/formats/{name}")))
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    graph.add((dataset, SD.defaultGraph, default))
    graph.add((default, RDF.type, SD.Graph))
    graph.add((service, URIRef("http://www.w3.org/2000/01/rdf-schema#comment"),
               Literal("kg: a knowledge graph of news articles; the default graph is the merge of the article graphs")))
    return graph
