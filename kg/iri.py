"""The one place where IRIs are minted: stable, valid, never built from raw labels."""
from __future__ import annotations

import hashlib
import re

from rdflib import URIRef

from kg.model import Entity, Statement
from kg.vocab import KGO, KGR, WD

SAFE = re.compile(r"[^A-Za-z0-9._-]+")
WIKIDATA_ID = re.compile(r"^Q[0-9]+$")


def safe_segment(text: str) -> str:
    """A path segment of letters, digits, dot, dash and underscore (hash-suffixed if changed)."""
    cleaned = SAFE.sub("-", text).strip("-.") or "x"
    if cleaned != text:
        cleaned = f"{cleaned[:60]}-{hashlib.sha1(text.encode('utf-8')).hexdigest()[:8]}"
    return cleaned


def entity_iri(entity: Entity) -> URIRef:
    kind, _, name = entity.key.partition("/")
    return KGR[f"{safe_segment(kind)}/{safe_segment(name)}"]


def predicate_iri(name: str) -> URIRef:
    return KGO[safe_segment(name)]


def article_iri(article_id: str) -> URIRef:
    return KGR[f"article/{safe_segment(article_id)}"]


def statement_iri(statement: Statement) -> URIRef:
    basis = "|".join((statement.article, statement.subject.key, statement.predicate.id,
                      statement.object.key, str(statement.evidence.start), str(statement.evidence.end)))
    return KGR[f"statement/{hashlib.sha1(basis.encode('utf-8')).hexdigest()[:20]}"]


def form_iri(article: str, entity: str, form: str, reason: str, start: int) -> URIRef:
    """A surface form merged into an entity, in one article (first seen at ``start``)."""
    basis = "|".join((article, entity, form, reason, str(start)))
    return KGR[f"form/{hashlib.sha1(basis.encode('utf-8')).hexdigest()[:20]}"]


def wikidata_iri(item: str | None) -> URIRef | None:
    """The Wikidata entity IRI of an id such as Q1028; None for anything else (no IRI from raw text)."""
    return WD[item] if item and WIKIDATA_ID.match(item) else None
