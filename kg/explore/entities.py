"""Entities with the surface forms merged into them and why: what ``kg entities`` lists."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from rdflib import Graph

from kg.store.query import run_query

FORMS = """
SELECT ?entity ?label ?type ?form ?reason ?article ?sentence ?merged WHERE {
  { SELECT DISTINCT ?entity WHERE { ?statement rdf:subject|rdf:object ?entity } }
  ?entity rdfs:label ?label ; a ?type .
  FILTER (STRSTARTS(STR(?type), STR(kgo:)))
  OPTIONAL {
    ?entity kgo:surfaceForm ?node . ?node kgo:form ?form ; kgo:mergeReason ?reason .
    OPTIONAL { ?node prov:wasDerivedFrom/kgo:articleId ?article }
    OPTIONAL { ?node kgo:evidence/oa:hasSelector/oa:exact ?sentence }
    OPTIONAL { ?node kgo:mergedEntity ?merged }
  }
}"""


@dataclass(frozen=True, slots=True)
class SurfaceForm:
    """One surface form of an entity: its text, why, and where (article and sentence, or the merged entity)."""

    form: str
    reason: str
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
    """Every entity a statement names, by label, with its forms (by form, reason and article)."""
    found: dict[str, tuple[str, str, set[SurfaceForm]]] = {}
    for row in run_query(graph, FORMS):
        iri = str(row.entity)
        label, type_, forms = found.setdefault(iri, (str(row.label), str(row.type).rpartition("#")[2], set()))
        if row.form is not None:
            forms.add(SurfaceForm(str(row.form), str(row.reason), *(str(v or "") for v in
                                                                    (row.article, row.sentence, row.merged))))
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
            where = f"merged {form.merged}" if form.merged else f'{form.article}: "{form.sentence}"'
            lines.append(f"    {form.form!r:28} {form.reason:12} {where}")
    return "\n".join(lines) + "\n" if lines else ""
