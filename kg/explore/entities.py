"""Entities with the surface forms merged into them and why: what ``kg entities`` lists."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from rdflib import Graph

from kg.store.query import run_query

FORMS = """
SELECT ?entity ?label ?type ?form ?reason (COUNT(DISTINCT ?article) AS ?articles) (MIN(?where) AS ?first)
       (SAMPLE(?merged) AS ?mergedEntity) WHERE {
  { SELECT DISTINCT ?entity WHERE { ?statement rdf:subject|rdf:object ?entity } }
  ?entity rdfs:label ?label ; a ?type .
  FILTER (STRSTARTS(STR(?type), STR(kgo:)))
  OPTIONAL {
    ?entity kgo:surfaceForm ?node . ?node kgo:form ?form ; kgo:mergeReason ?reason .
    OPTIONAL { ?node prov:wasDerivedFrom/kgo:articleId ?article . ?node kgo:evidence/oa:hasSelector/oa:exact ?sentence }
    OPTIONAL { ?node kgo:mergedEntity ?merged }
    BIND (CONCAT(COALESCE(?article, ""), "\\t", COALESCE(?sentence, "")) AS ?where)
  }
} GROUP BY ?entity ?label ?type ?form ?reason"""


@dataclass(frozen=True, slots=True)
class SurfaceForm:
    """One surface form of an entity and why: in how many articles, the first article and its sentence (or
    the entity an analyst merged)."""

    form: str
    reason: str
    articles: int = 0
    article: str = ""
    sentence: str = ""
    merged: str = ""


@dataclass(frozen=True, slots=True)
class EntityForms:
    """An entity of the graph with every surface form merged into it."""

    iri: str
    label: str
    type: str
    forms: tuple[SurfaceForm, ...]


def entity_forms(graph: Graph) -> list[EntityForms]:
    """Every entity a statement names, by label, with its forms (one per form and reason)."""
    found: dict[str, tuple[str, str, set[SurfaceForm]]] = {}
    for row in run_query(graph, FORMS):
        iri = str(row.entity)
        label, type_, forms = found.setdefault(iri, (str(row.label), str(row.type).rpartition("#")[2], set()))
        if row.form is not None:
            article, _, sentence = str(row.first or "").partition("\t")
            forms.add(SurfaceForm(str(row.form), str(row.reason), int(row.articles), article, sentence,
                                  str(row.mergedEntity or "")))
    return sorted((EntityForms(iri, label, type_, tuple(sorted(forms, key=lambda f: (f.form, f.reason, f.article))))
                   for iri, (label, type_, forms) in found.items()), key=lambda e: (e.label.casefold(), e.iri))


def format_entities(found: list[EntityForms], fmt: str = "table", merged_only: bool = False) -> str:
    """The entities as text (one line each, then one per form) or as JSON."""
    shown = [e for e in found if e.forms or not merged_only]
    if fmt == "json":
        return json.dumps([asdict(e) for e in shown], ensure_ascii=False, indent=1) + "\n"
    lines = []
    for entity in shown:
        lines.append(f"{entity.label} ({entity.type}) <{entity.iri}>")
        for form in entity.forms:
            where = f"merged <{form.merged}>" if form.merged else \
                f'{form.articles} article(s), first {form.article}: "{form.sentence}"'
            lines.append(f"    {form.form!r:28} {form.reason:12} {where}")
    return "\n".join(lines) + "\n" if lines else ""
