"""Statements as RDF: the only module that writes triples.

Each article is one named graph holding its entities, a direct triple per statement
(``kgr:country/ISR kgo:signsAgreementWith kgr:country/MAR``) and a statement node with
status, time, confidence, attribution and evidence (PROV-O and Web Annotation selectors).
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from decimal import Decimal

from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS

from .iri import article_iri, entity_iri, predicate_iri, statement_iri
from .model import Article, Entity, Predicate, Statement
from .vocab import KGO, OA, PREFIXES, WD, WDT

TIME_TYPES = ((re.compile(r"^\d{4}-\d{2}-\d{2}$"), XSD.date), (re.compile(r"^\d{4}-\d{2}$"), XSD.gYearMonth),
              (re.compile(r"^\d{4}$"), XSD.gYear))


def bind_prefixes(graph: Graph) -> Graph:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for prefix, namespace in (("prov", PROV), ("dcterms", DCTERMS), ("skos", SKOS), ("owl", OWL)):
        graph.bind(prefix, namespace)
    return graph


def time_literal(value: str) -> Literal:
    for pattern, datatype in TIME_TYPES:
        if pattern.match(value):
            return Literal(value, datatype=datatype)
    return Literal(value)


def add_entity(graph: Graph, entity: Entity, surfaces: Iterable[str] = ()) -> URIRef:
    node = entity_iri(entity)
    graph.add((node, RDF.type, KGO[entity.type]))
    graph.add((node, RDFS.label, Literal(entity.label)))
    for alias in sorted({*entity.aliases, *surfaces} - {entity.label}):
        graph.add((node, SKOS.altLabel, Literal(alias)))
    if entity.iso3:
        graph.add((node, KGO.iso3, Literal(entity.iso3)))
    if entity.wikidata:
        graph.add((node, OWL.sameAs, WD[entity.wikidata]))
    return node


def content_hash(article: Article) -> str:
    """SHA-256 of everything the article's graph is built from: text, title, date and URL."""
    parts = (article.text, article.title or "", article.published.isoformat() if article.published else "",
             article.url or "")
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def add_article(graph: Graph, article: Article) -> URIRef:
    node = article_iri(article.id)
    graph.add((node, RDF.type, KGO.Article))
    graph.add((node, RDF.type, PROV.Entity))
    graph.add((node, KGO.articleId, Literal(article.id)))
    graph.add((node, KGO.contentHash, Literal(content_hash(article))))
    if article.title:
        graph.add((node, DCTERMS.title, Literal(article.title)))
    if article.published:
        graph.add((node, DCTERMS.issued, Literal(article.published.isoformat(), datatype=XSD.date)))
    if article.url:
        graph.add((node, DCTERMS.source, Literal(article.url)))
    return node


def add_predicate(graph: Graph, predicate: Predicate) -> URIRef:
    """The property with its label and alignments, so the graph reads on its own."""
    node = predicate_iri(predicate.id)
    graph.add((node, RDF.type, OWL.ObjectProperty))
    graph.add((node, RDFS.label, Literal(predicate.label, lang="en")))
    if predicate.cameo:
        graph.add((node, KGO.cameoCode, Literal(predicate.cameo)))
    if predicate.wikidata:
        graph.add((node, RDFS.subPropertyOf, WDT[predicate.wikidata]))
    return node


def add_statement(graph: Graph, statement: Statement, article: URIRef) -> URIRef:
    subject, obj = entity_iri(statement.subject), entity_iri(statement.object)
    predicate = add_predicate(graph, statement.predicate)
    graph.add((subject, predicate, obj))
    node = statement_iri(statement)
    kind = KGO.Event if statement.predicate.cameo else KGO.Fact
    for p, o in ((RDF.type, KGO.Statement), (RDF.type, kind), (RDF.subject, subject), (RDF.predicate, predicate),
                 (RDF.object, obj), (KGO.status, Literal(statement.status)),
                 (KGO.confidence, Literal(Decimal(str(statement.confidence)))),
                 (KGO.rule, Literal(statement.rule)), (PROV.wasDerivedFrom, article)):
        graph.add((node, p, o))
    if statement.time:
        graph.add((node, KGO.time, time_literal(statement.time)))
    if statement.attributed_to:
        graph.add((node, KGO.attributedTo, Literal(statement.attributed_to)))
    if statement.role:
        graph.add((node, KGO.role, Literal(statement.role)))
    evidence = URIRef(f"{node}/evidence")
    graph.add((node, KGO.evidence, evidence))
    graph.add((evidence, RDF.type, OA.SpecificResource))
    graph.add((evidence, OA.hasSource, article))
    quote, position = URIRef(f"{evidence}/quote"), URIRef(f"{evidence}/position")
    graph.add((evidence, OA.hasSelector, quote))
    graph.add((evidence, OA.hasSelector, position))
    graph.add((quote, RDF.type, OA.TextQuoteSelector))
    graph.add((quote, OA.exact, Literal(statement.evidence.sentence)))
    graph.add((position, RDF.type, OA.TextPositionSelector))
    graph.add((position, OA.start, Literal(statement.evidence.start, datatype=XSD.nonNegativeInteger)))
    graph.add((position, OA.end, Literal(statement.evidence.end, datatype=XSD.nonNegativeInteger)))
    return node


def article_graph(article: Article, statements: Iterable[Statement], graph: Graph | None = None) -> Graph:
    """The named graph of one article (identifier: the article IRI)."""
    graph = bind_prefixes(graph if graph is not None else Graph(identifier=article_iri(article.id)))
    node = add_article(graph, article)
    for statement in statements:
        add_entity(graph, statement.subject)
        add_entity(graph, statement.object)
        add_statement(graph, statement, node)
    return graph


def to_dataset(results: Iterable[tuple[Article, Iterable[Statement]]]) -> Dataset:
    """A Dataset with one named graph per article."""
    dataset = bind_prefixes(Dataset())
    for article, statements in results:
        article_graph(article, statements, dataset.graph(article_iri(article.id)))
    return dataset


def union(dataset: Dataset) -> Graph:
    """All named graphs merged into one graph (what Turtle can hold)."""
    graph = bind_prefixes(Graph())
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph
