"""The entity network: the RDF graph's entities and the statements between them, in one pass per property.

``read_entities`` is the single way from the RDF graph (the source of truth: an rdflib graph, or a store's
default graph, :mod:`kg.explore.triples`) to the entities and their edges: one per (subject, relation,
object, status) with the evidence of every statement behind it. ``entity_network`` makes a networkx
MultiDiGraph of them; the page groups them into relations without one. Each property is read once for the
whole graph, so the cost is linear in it (looking values up statement by statement costs minutes at 100,000
statements); a statement's values are held in lists by its number, not in a dict per property keyed by it.
"""
from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache

import networkx as nx
import pyoxigraph as ox
from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS

from kg.explore.triples import GraphTriples, StoreTriples, triples_of
from kg.lexicon import load_json
from kg.vocab import KGO, OA, WD

NO_QUOTE = ("", None, None)  # the sentence, start and end of a statement without evidence
DOMAIN = re.compile(r"^[a-z][a-z0-9+.-]*://(?:www\.)?([^/:?#]+)")
STATEMENT_PROPERTIES = {name: str(p) for name, p in (
    ("subject", RDF.subject), ("predicate", RDF.predicate), ("object", RDF.object), ("status", KGO.status),
    ("time", KGO.time), ("confidence", KGO.confidence), ("role", KGO.role), ("attributed", KGO.attributedTo),
    ("article", PROV.wasDerivedFrom))}
SHARED_PROPERTIES = {"title": DCTERMS.title, "id": KGO.articleId, "url": DCTERMS.source, "issued": DCTERMS.issued,
                     "publisher": DCTERMS.publisher, "label": RDFS.label, "cameo": KGO.cameoCode, "iso3": KGO.iso3}
EVIDENCE, HAS_SELECTOR, EXACT, START, END = map(str, (KGO.evidence, OA.hasSelector, OA.exact, OA.start, OA.end))


@dataclass(frozen=True, slots=True)
class Support:
    """One statement behind an edge: the sentence that says it, where, when and how sure.

    ``source`` names the independent source (publisher, else the URL's domain, else the article)."""

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
    """What entities, predicates and articles share, read once (``values[name][iri]``, keys as plain strings:
    rdflib terms hash in Python, strings in C), and each statement's own values as columns by its number."""

    def __init__(self, source: GraphTriples | StoreTriples):
        self.values = {name: source.column(str(p)) for name, p in SHARED_PROPERTIES.items()}
        self.articles: dict[str | None, tuple] = {}
        self.symmetric = set(source.subjects(str(RDF.type), str(OWL.SymmetricProperty)))

    def text(self, name: str, node: str | None) -> str | None:
        return self.values[name].get(node)


def _columns(source: GraphTriples | StoreTriples, statements: list[str]) -> dict[str, list]:
    """Each statement's values by its number, a pass per property (no dict keyed by statement but the
    numbering): ``sentence``, ``start`` and ``end`` are what its evidence's selectors say."""
    number = {iri: i for i, iri in enumerate(statements)}
    found = {name: _column(source, p, number) for name, p in STATEMENT_PROPERTIES.items()}
    found["sentence"], found["start"], found["end"] = _quotes(source, number)
    return found


def _column(source: GraphTriples | StoreTriples, predicate: str, number: dict[str, int]) -> list:
    values = [None] * len(number)
    for s, o in source.pairs(predicate):
        if (i := number.get(s)) is not None:
            values[i] = o
    return values


def _quotes(source: GraphTriples | StoreTriples, number: dict[str, int]) -> tuple[list, list, list]:
    """Per statement number, the sentence of its evidence and where it stands (what its selectors say),
    joined a property at a time: statement to evidence to selector, each map let go of once used."""
    evidence = {e: i for s, e in source.pairs(EVIDENCE, shared=False) if (i := number.get(s)) is not None}
    selectors = {sel: i for e, sel in source.pairs(HAS_SELECTOR, shared=False) if (i := evidence.get(e)) is not None}
    del evidence
    sentence, start, end = [""] * len(number), [None] * len(number), [None] * len(number)
    for column, predicate, kind in ((sentence, EXACT, str), (start, START, int), (end, END, int)):
        for selector, value in source.pairs(predicate, shared=False):
            if (i := selectors.get(selector)) is not None and value:
                column[i] = kind(value)
    return sentence, start, end


def _article(values: _Values, article: str | None) -> tuple:
    """Title, URL, publication date and independent source of an article (read once per article)."""
    if article not in values.articles:
        publisher, url = values.text("publisher", article), values.text("url", article)
        domain = DOMAIN.match(url.lower()) if url else None
        values.articles[article] = (
            values.text("title", article) or values.text("id", article) or article or "", url,
            values.text("issued", article), publisher.lower() if publisher else domain[1] if domain else article or "")
    return values.articles[article]


@lru_cache(maxsize=1024)
def _number(value: str) -> float:
    """A confidence as a float, one object per distinct value (a corpus has few)."""
    return float(value)


def _support(values: _Values, columns: dict[str, list], i: int) -> Support:
    article = columns["article"][i]
    title, url, published, source = _article(values, article)
    confidence = columns["confidence"][i]
    return Support(
        sentence=columns["sentence"][i], start=columns["start"][i], end=columns["end"][i],
        article=title, article_url=url, time=columns["time"][i],
        confidence=None if confidence is None else _number(confidence), attributed_to=columns["attributed"][i],
        status=columns["status"][i] or "asserted", role=columns["role"][i], article_iri=article or "",
        published=published, source=source)


def _entities(source: GraphTriples | StoreTriples, values: _Values) -> dict[str, dict]:
    """Each entity's attributes, in the order the network adds them (a node of two types keeps its place)."""
    many: dict[URIRef, dict[str, list[str]]] = {p: {} for p in (OWL.sameAs, SKOS.altLabel)}
    for p, found in many.items():
        for s, o in source.pairs(str(p)):
            found.setdefault(s, []).append(o)
    nodes: dict[str, dict] = {}
    for name in entity_types():
        for node in source.subjects(str(RDF.type), str(KGO[name])):
            wikidata = [o.removeprefix(str(WD)) for o in many[OWL.sameAs].get(node, ()) if o.startswith(str(WD))]
            nodes.setdefault(node, {}).update(
                label=values.text("label", node) or node, type=name,
                aliases=tuple(sorted(many[SKOS.altLabel].get(node, ()))), iso3=values.text("iso3", node),
                wikidata=tuple(sorted(wikidata)))
    return nodes


@dataclass(frozen=True, slots=True)
class Entities:
    """The entities of a graph (node to attributes) and the edges between them: (subject, object, predicate,
    status) to the supports of its statements, in the order they were first stated."""

    nodes: dict[str, dict]
    edges: dict[tuple[str, str, str, str], list[Support]]
    values: _Values

    def attributes(self, predicate: str, status: str, supports: tuple[Support, ...]) -> dict:
        """An edge's attributes, as the network holds them."""
        return {"predicate": predicate, "status": status, "supports": supports,
                "symmetric": predicate in self.values.symmetric,
                "label": self.values.text("label", predicate) or predicate.rsplit("#", 1)[-1],
                "cameo": self.values.text("cameo", predicate)}

    def ordered(self) -> Iterator[tuple[str, str, dict]]:
        """(subject, object, attributes) of each edge as networkx lists a MultiDiGraph's edges (by subject,
        then object in the order first linked, then key), each let go of here as it is given."""
        place, first = {node: i for i, node in enumerate(self.nodes)}, {}
        for i, (u, v, _, _) in enumerate(self.edges):
            first.setdefault((u, v), i)
        order = sorted(self.edges, key=lambda e: (place[e[0]], first[e[0], e[1]]))
        del first
        for u, v, p, status in order:
            yield u, v, self.attributes(p, status, tuple(self.edges.pop((u, v, p, status))))


def read_entities(graph: Graph | ox.Store) -> Entities:
    """The entities of the RDF graph (or of a store's default graph) and every statement between them, read a
    property at a time. Direct triples between entities that no statement node describes become ``asserted``
    edges without evidence."""
    source = triples_of(graph)
    values = _Values(source)
    found = Entities(_entities(source, values), {}, values)
    nodes, edges = found.nodes, found.edges
    statements = sorted(source.subjects(str(RDF.type), str(KGO.Statement)))
    columns, statuses = _columns(source, statements), set()
    for i in range(len(statements)):
        s, p, o = columns["subject"][i], columns["predicate"][i], columns["object"][i]
        if s in nodes and o in nodes and p is not None:
            statuses.add(status := columns["status"][i] or "asserted")
            edges.setdefault((s, o, p, status), []).append(_support(values, columns, i))
    del columns, statements
    skipped = {str(OWL.sameAs), str(RDF.type)}
    for node in nodes:
        for p, o in source.outgoing(node):
            if o in nodes and p not in skipped and not any((node, o, p, status) in edges for status in statuses):
                edges.setdefault((node, o, p, "asserted"), [])  # a triple no statement describes
    return found


def entity_network(graph: Graph | ox.Store) -> nx.MultiDiGraph:
    """The entities and relations of the RDF graph (or of a store's default graph) as a networkx MultiDiGraph.

    Parallel relations between the same two entities stay separate edges (one per predicate and status);
    direct triples between entities that no statement node describes become ``asserted`` edges without evidence.
    """
    found = read_entities(graph)
    net = nx.MultiDiGraph()
    net.add_nodes_from(found.nodes.items())
    for (s, o, p, status), supports in found.edges.items():
        net.add_edge(s, o, f"{p} {status}", **found.attributes(p, status, tuple(supports)))
    return net
