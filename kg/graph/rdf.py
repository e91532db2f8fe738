"""Statements as RDF: the only module that writes triples.

Each article is one named graph holding its entities (with a ``kgo:key`` per label and alias, what
named queries look an entity up by), a direct triple per statement
(``kgr:country/ISR kgo:signsAgreementWith kgr:country/MAR``) and a statement node with
status, time, confidence, attribution and evidence (PROV-O and Web Annotation selectors). An entity named
in the article under another name keeps that ``kgo:SurfaceForm``, with the reason and the sentence.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

import pyoxigraph as ox
from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS

from kg.gazetteer import name_key
from kg.iri import article_iri, entity_iri, form_iri, predicate_iri, statement_iri, wikidata_iri
from kg.lexicon import load_json
from kg.model import Article, Entity, Evidence, Form, Predicate, Statement, content_hash
from kg.graph.periods import time_start
from kg.vocab import KGO, OA, PREFIXES, WDT


def node_of(iri: str) -> ox.NamedNode:
    return ox.NamedNode(str(iri))


TYPE, LABEL, ALT_LABEL, SAME_AS, SUB_PROPERTY_OF, OBJECT_PROPERTY, SYMMETRIC_PROPERTY = map(
    node_of, (RDF.type, RDFS.label, SKOS.altLabel, OWL.sameAs, RDFS.subPropertyOf, OWL.ObjectProperty,
              OWL.SymmetricProperty))
SUBJECT, PREDICATE, OBJECT = map(node_of, (RDF.subject, RDF.predicate, RDF.object))
PROV_ENTITY, DERIVED_FROM, TITLE, ISSUED, SOURCE, PUBLISHER = map(
    node_of, (PROV.Entity, PROV.wasDerivedFrom, DCTERMS.title, DCTERMS.issued, DCTERMS.source, DCTERMS.publisher))
ARTICLE, STATEMENT, EVENT, FACT = map(node_of, (KGO.Article, KGO.Statement, KGO.Event, KGO.Fact))
ISO3, ARTICLE_ID, CONTENT_HASH, CAMEO_CODE, STATUS, CONFIDENCE, RULE, TIME, ATTRIBUTED_TO, ROLE, EVIDENCE = map(
    node_of, (KGO.iso3, KGO.articleId, KGO.contentHash, KGO.cameoCode, KGO.status, KGO.confidence, KGO.rule,
              KGO.time, KGO.attributedTo, KGO.role, KGO.evidence))
SPECIFIC_RESOURCE, HAS_SOURCE, HAS_SELECTOR, QUOTE_SELECTOR, EXACT, POSITION_SELECTOR, START, END = map(
    node_of, (OA.SpecificResource, OA.hasSource, OA.hasSelector, OA.TextQuoteSelector, OA.exact,
              OA.TextPositionSelector, OA.start, OA.end))
STRING, DATE, DATE_TIME, DECIMAL, NON_NEGATIVE_INTEGER = map(
    node_of, (XSD.string, XSD.date, XSD.dateTime, XSD.decimal, XSD.nonNegativeInteger))
TIME_START, KEY, VALID_SINCE, VALID_UNTIL, CLAIMANT = map(
    node_of, (KGO.timeStart, KGO.key, KGO.validSince, KGO.validUntil, KGO.claimant))
SURFACE_FORM, SURFACE_FORM_CLASS, FORM, MERGE_REASON = map(
    node_of, (KGO.surfaceForm, KGO.SurfaceForm, KGO.form, KGO.mergeReason))


def bind_prefixes(graph: Graph) -> Graph:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for prefix, namespace in (("prov", PROV), ("dcterms", DCTERMS), ("skos", SKOS), ("owl", OWL)):
        graph.bind(prefix, namespace)
    return graph


class Triples:
    """Collects an article's triples once each, in the order written, as Oxigraph terms."""

    def __init__(self) -> None:
        self.found: dict[ox.Triple, None] = {}

    def add(self, subject: ox.NamedNode, predicate: ox.NamedNode, obj: ox.NamedNode | ox.Literal) -> None:
        self.found[ox.Triple(subject, predicate, obj)] = None


def add_entity(triples: Triples, entity: Entity) -> ox.NamedNode:
    node = node_of(entity_iri(entity))
    triples.add(node, TYPE, node_of(KGO[entity.type]))
    triples.add(node, LABEL, ox.Literal(entity.label))
    for alias in sorted(set(entity.aliases) - {entity.label}):
        triples.add(node, ALT_LABEL, ox.Literal(alias))
    for key in sorted({name_key(name) for name in (entity.label, *entity.aliases)} - {""}):
        triples.add(node, KEY, ox.Literal(key))
    if entity.iso3:
        triples.add(node, ISO3, ox.Literal(entity.iso3))
    if same := wikidata_iri(entity.wikidata):
        triples.add(node, SAME_AS, node_of(same))
    return node



def add_article(triples: Triples, article: Article) -> ox.NamedNode:
    node = node_of(article_iri(article.id))
    triples.add(node, TYPE, ARTICLE)
    triples.add(node, TYPE, PROV_ENTITY)
    triples.add(node, ARTICLE_ID, ox.Literal(article.id))
    triples.add(node, CONTENT_HASH, ox.Literal(content_hash(article)))
    if article.title:
        triples.add(node, TITLE, ox.Literal(article.title))
    if article.published:
        triples.add(node, ISSUED, ox.Literal(article.published.isoformat(), datatype=DATE))
    if article.url:
        triples.add(node, SOURCE, ox.Literal(article.url))
    if article.publisher:
        triples.add(node, PUBLISHER, ox.Literal(article.publisher))
    return node


def declared_label(name: str) -> str:
    """A property's label as the lexicon declares it."""
    return load_json("lexicon/relations.json")["predicates"][name]["label"]


def add_predicate(triples: Triples, predicate: Predicate) -> ox.NamedNode:
    """The property with its label and alignments, so the graph reads on its own."""
    node = node_of(predicate_iri(predicate.id))
    triples.add(node, TYPE, OBJECT_PROPERTY)
    if predicate.symmetric:  # corroboration counts such a fact in either direction as one
        triples.add(node, TYPE, SYMMETRIC_PROPERTY)
    # an uncoded predicate's own verb is on the statement
    label = declared_label(predicate.id) if predicate.kind == "uncoded" else predicate.label
    triples.add(node, LABEL, ox.Literal(label, language="en"))
    if predicate.cameo:
        triples.add(node, CAMEO_CODE, ox.Literal(predicate.cameo))
    if predicate.wikidata:
        triples.add(node, SUB_PROPERTY_OF, node_of(WDT[predicate.wikidata]))
    return node


def add_statement(triples: Triples, statement: Statement, article: ox.NamedNode) -> ox.NamedNode:
    subject, obj = add_entity(triples, statement.subject), add_entity(triples, statement.object)
    predicate = add_predicate(triples, statement.predicate)
    triples.add(subject, predicate, obj)
    iri = statement_iri(statement)
    node = node_of(iri)
    kind = EVENT if statement.predicate.cameo or statement.predicate.kind == "uncoded" else FACT
    for p, o in ((TYPE, STATEMENT), (TYPE, kind), (SUBJECT, subject), (PREDICATE, predicate), (OBJECT, obj),
                 (STATUS, ox.Literal(statement.status)),
                 (CONFIDENCE, ox.Literal(str(Decimal(str(statement.confidence))), datatype=DECIMAL)),
                 (RULE, ox.Literal(statement.rule)), (DERIVED_FROM, article)):
        triples.add(node, p, o)
    if statement.time:  # the ISO 8601 text as a string, and its first instant: both OWL 2 datatypes
        triples.add(node, TIME, ox.Literal(statement.time))
        if start := time_start(statement.time):
            triples.add(node, TIME_START, ox.Literal(start, datatype=DATE_TIME))
    for bound, value in ((VALID_SINCE, statement.valid_since), (VALID_UNTIL, statement.valid_until)):
        if value:  # the period the fact holds in: ISO 8601 text like kgo:time
            triples.add(node, bound, ox.Literal(value))
    if statement.attributed_to:
        triples.add(node, ATTRIBUTED_TO, ox.Literal(statement.attributed_to))
    if statement.role:
        triples.add(node, ROLE, ox.Literal(statement.role))
    if statement.claimant:  # whose claim a recognition or dispute is about
        triples.add(node, CLAIMANT, add_entity(triples, statement.claimant))
    if statement.predicate.kind == "uncoded":
        triples.add(node, LABEL, ox.Literal(statement.predicate.label, language="en"))
    add_evidence(triples, node, statement.evidence, article)
    for form in statement.forms:
        add_form(triples, form, article)
    return node


def add_evidence(triples: Triples, node: ox.NamedNode, found: Evidence, article: ox.NamedNode) -> None:
    """The sentence ``node`` comes from, as a Web Annotation resource with quote and position selectors."""
    evidence = ox.NamedNode(f"{node.value}/evidence")
    quote, position = ox.NamedNode(f"{evidence.value}/quote"), ox.NamedNode(f"{evidence.value}/position")
    for s, p, o in ((node, EVIDENCE, evidence), (evidence, TYPE, SPECIFIC_RESOURCE), (evidence, HAS_SOURCE, article),
                    (evidence, HAS_SELECTOR, quote), (evidence, HAS_SELECTOR, position),
                    (quote, TYPE, QUOTE_SELECTOR), (quote, EXACT, ox.Literal(found.sentence)),
                    (position, TYPE, POSITION_SELECTOR),
                    (position, START, ox.Literal(str(found.start), datatype=NON_NEGATIVE_INTEGER)),
                    (position, END, ox.Literal(str(found.end), datatype=NON_NEGATIVE_INTEGER))):
        triples.add(s, p, o)


def add_form(triples: Triples, form: Form, article: ox.NamedNode) -> None:
    """A surface form merged into an entity: the form, why, the sentence and the article."""
    node = node_of(form_iri(article.value, form.entity, form.form, form.reason, form.evidence.start))
    triples.add(node_of(entity_iri(Entity(form.entity, "", ""))), SURFACE_FORM, node)
    for p, o in ((TYPE, SURFACE_FORM_CLASS), (FORM, ox.Literal(form.form)), (MERGE_REASON, ox.Literal(form.reason)),
                 (DERIVED_FROM, article)):
        triples.add(node, p, o)
    add_evidence(triples, node, form.evidence, article)


@dataclass(frozen=True, slots=True)
class ArticleGraph:
    """One article's named graph, as the store takes it and shards carry it."""

    name: URIRef
    triples: tuple[ox.Triple, ...]

    def __len__(self) -> int:
        return len(self.triples)

    def n_triples(self) -> list[str]:
        """The triples as sorted N-Triples lines, the content hash last (a remote store writes it last)."""
        lines = sorted(str(triple) + " ." for triple in self.triples)
        return sorted(lines, key=lambda line: f"<{KGO.contentHash}>" in line)

    def quads(self) -> list[ox.Quad]:
        name = node_of(self.name)
        return [ox.Quad(t.subject, t.predicate, t.object, name) for t in self.triples]

    def graph(self, graph: Graph | None = None) -> Graph:
        """The same triples in an rdflib graph: ``graph``, or a new one named after the article."""
        graph = bind_prefixes(Graph(identifier=self.name)) if graph is None else graph
        for triple in self.triples:
            graph.add((to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object)))
        return graph


def to_rdflib(term: ox.NamedNode | ox.Literal) -> URIRef | Literal:
    """An rdflib term for an Oxigraph one; an xsd:string literal stays a plain literal, as rdflib writes it."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=None if term.datatype == STRING else URIRef(term.datatype.value))


def article_graph(article: Article, statements: Iterable[Statement]) -> ArticleGraph:
    """The named graph of one article (named by the article IRI)."""
    triples = Triples()
    node = add_article(triples, article)
    for statement in statements:
        add_statement(triples, statement, node)
    return ArticleGraph(article_iri(article.id), tuple(triples.found))


def to_dataset(results: Iterable[tuple[Article, Iterable[Statement]]]) -> Dataset:
    """A Dataset with one named graph per article."""
    dataset = bind_prefixes(Dataset())
    for article, statements in results:
        article_graph(article, statements).graph(dataset.graph(article_iri(article.id)))
    return dataset




OFFSETS = (OA.start, OA.end)

def plain(term, predicate=None):
    """A literal as kg wrote it: Oxigraph stores plain literals as xsd:string, and offsets as xsd:integer."""
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    if predicate in OFFSETS and isinstance(term, Literal) and term.datatype == XSD.integer:
        return Literal(str(term), datatype=XSD.nonNegativeInteger)
    return term


def union(dataset: Dataset) -> Graph:
    """All named graphs merged into one graph (what Turtle can hold)."""
    graph = bind_prefixes(Graph())
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, plain(o, p)))
    return graph
