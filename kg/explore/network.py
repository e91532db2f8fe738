"""The entity network: the RDF graph's entities and statements read into networkx, in one pass per property.

``entity_network`` is the single way from the RDF graph (the source of truth: an rdflib graph, or a store's
default graph, :mod:`kg.explore.triples`) to networkx: one node per entity, one edge per (subject,
relation, object, status) with the evidence of every statement behind it.
Each property is read once for the whole graph (a dict per property), so the cost is linear in the graph:
looking values up statement by statement costs minutes at 100,000 statements.
"""
from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import networkx as nx
import pyoxigraph as ox
from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS

from kg.explore.triples import GraphTriples, StoreTriples, triples_of
from kg.lexicon import load_json
from kg.vocab import KGO, OA, WD

NO_QUOTE = ("", None, None)  # the sentence, start and end of a statement without evidence
DOMAIN = re.compile(r"^[a-z][a-z0-9+.-]*://(?:www\.)?([^/:?#]+)")
STATEMENT_PROPERTIES = {"subject": RDF.subject, "predicate": RDF.predicate, "object": RDF.object,
                        "status": KGO.status, "time": KGO.time, "confidence": KGO.confidence, "role": KGO.role,
                        "attributed": KGO.attributedTo, "article": PROV.wasDerivedFrom, "title": DCTERMS.title,
                        "id": KGO.articleId, "url": DCTERMS.source, "issued": DCTERMS.issued,
                        "publisher": DCTERMS.publisher, "label": RDFS.label, "cameo": KGO.cameoCode,
                        "iso3": KGO.iso3}


@dataclass(frozen=True, slots=True)
class Support:
    """One statement behind an edge: the sentence that says it, where, when and how sure.

    ``source`` names the independent source (publisher, else the URL's domain, else the article)."""

    statement: str
    sentence: str
    start: int | None
    end: int | None
    article: str
    article_url: str | None
    time: str | None
    confidence: float | None
    attributed_to: str | None
    status: str = "asserted"
    role: str | None = None
    article_iri: str = ""
    published: str | None = None
    source: str = ""


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection while a network or page is built: each full collection walks every
    object alive, the whole RDF graph included, and at 50,000 entities they took most of the build.
    What the build allocates holds no cycles worth collecting early; collection resumes after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def entity_types() -> tuple[str, ...]:
    """The entity classes (local names in kgo:) the page and analytics show."""
    return tuple(load_json("style/page.json")["entity_types"])


class _Values:
    """Every property the network needs, read once: ``values[name][iri]`` is the node's value (keys as
    plain strings: rdflib terms hash in Python, strings in C)."""

    def __init__(self, source: GraphTriples | StoreTriples):
        self.values = {name: source.column(str(p)) for name, p in STATEMENT_PROPERTIES.items()}
        self.articles: dict[str | None, tuple] = {}
        self.quotes = _quotes(source)
        self.symmetric = set(source.subjects(str(RDF.type), str(OWL.SymmetricProperty)))

    def text(self, name: str, node: str | None) -> str | None:
        return self.values[name].get(node)

    def number(self, name: str, node: str, kind=int):
        value = self.values[name].get(node)
        return None if value is None else kind(value)


def _quotes(source: GraphTriples | StoreTriples) -> dict[str, tuple[str, int | None, int | None]]:
    """Per statement, the sentence of its evidence and where it stands (what its selectors say, the last
    one first), read once: the evidence and selector IRIs go once joined, not held to the end of the network."""
    exact, start, end = (source.column(str(p)) for p in (OA.exact, OA.start, OA.end))
    by_evidence: dict[str, tuple[str, int | None, int | None]] = {}
    for evidence, selector in source.pairs(str(OA.hasSelector)):
        sentence, first, last = by_evidence.get(evidence, NO_QUOTE)
        by_evidence[evidence] = (exact.get(selector) or sentence, int(start[selector]) if selector in start else first,
                                 int(end[selector]) if selector in end else last)
    return {statement: by_evidence.get(e, NO_QUOTE) for statement, e in source.pairs(str(KGO.evidence))}


def _article(values: _Values, article: str | None) -> tuple:
    """Title, URL, publication date and independent source of an article (read once per article)."""
    if article not in values.articles:
        publisher, url = values.text("publisher", article), values.text("url", article)
        domain = DOMAIN.match(url.lower()) if url else None
        values.articles[article] = (
            values.text("title", article) or values.text("id", article) or article or "", url,
            values.text("issued", article), publisher.lower() if publisher else domain[1] if domain else article or "")
    return values.articles[article]


def _support(values: _Values, statement: str) -> Support:
    sentence, start, end = values.quotes.get(statement, NO_QUOTE)
    article = values.text("article", statement)
    title, url, published, source = _article(values, article)
    return Support(
        statement=statement, sentence=sentence, start=start, end=end, article=title, article_url=url,
        time=values.text("time", statement), confidence=values.number("confidence", statement, float),
        attributed_to=values.text("attributed", statement), status=values.text("status", statement) or "asserted",
        role=values.text("role", statement), article_iri=article or "", published=published, source=source)


def _add_entities(net: nx.MultiDiGraph, source: GraphTriples | StoreTriples, values: _Values) -> None:
    many: dict[URIRef, dict[str, list[str]]] = {p: {} for p in (OWL.sameAs, SKOS.altLabel)}
    for p, found in many.items():
        for s, o in source.pairs(str(p)):
            found.setdefault(s, []).append(o)
    for name in entity_types():
        for node in source.subjects(str(RDF.type), str(KGO[name])):
            wikidata = [o.removeprefix(str(WD)) for o in many[OWL.sameAs].get(node, ()) if o.startswith(str(WD))]
            net.add_node(node, label=values.text("label", node) or node, type=name,
                         aliases=tuple(sorted(many[SKOS.altLabel].get(node, ()))),
                         iso3=values.text("iso3", node), wikidata=tuple(sorted(wikidata)))


def _add_edge(net: nx.MultiDiGraph, values: _Values, s: str, p: str, o: str, status: str,
              supports: tuple[Support, ...]) -> None:
    key = f"{p} {status}"
    if net.has_edge(s, o, key):
        net.edges[s, o, key]["supports"] += supports
        return
    net.add_edge(s, o, key, predicate=p, status=status, supports=supports, symmetric=p in values.symmetric,
                 label=values.text("label", p) or p.rsplit("#", 1)[-1], cameo=values.text("cameo", p))


def entity_network(graph: Graph | ox.Store) -> nx.MultiDiGraph:
    """The entities and relations of the RDF graph (or of a store's default graph) as a networkx MultiDiGraph.

    Parallel relations between the same two entities stay separate edges; direct triples
    between entities that no statement node describes become ``asserted`` edges without evidence.
    """
    source = triples_of(graph)
    net, values = nx.MultiDiGraph(), _Values(source)
    _add_entities(net, source, values)
    described = set()
    for statement in sorted(source.subjects(str(RDF.type), str(KGO.Statement))):
        s, p, o = (values.text(r, statement) for r in ("subject", "predicate", "object"))
        if s in net and o in net and p is not None:
            described.add((s, p, o))
            _add_edge(net, values, s, p, o, values.text("status", statement) or "asserted",
                      (_support(values, statement),))
    skipped = {str(OWL.sameAs), str(RDF.type)}
    for node in list(net):
        for p, o in source.outgoing(node):
            if o in net and (node, p, o) not in described and p not in skipped:
                _add_edge(net, values, node, p, o, "asserted", ())
    return net
