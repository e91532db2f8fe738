"""Statements as the JSON records of the statement spec (``kg extract`` output)."""
from __future__ import annotations

import json
from typing import Any

from kg.iri import entity_iri, predicate_iri
from kg.model import Entity, Statement


def entity_record(entity: Entity) -> dict[str, Any]:
    record: dict[str, Any] = {"id": str(entity_iri(entity)), "label": entity.label, "type": entity.type}
    if entity.iso3:
        record["iso3"] = entity.iso3
    if entity.wikidata:
        record["wikidata"] = entity.wikidata
    return record


def statement_record(statement: Statement, explain: bool = False) -> dict[str, Any]:
    """One spec record; ``explain`` adds the rule, trigger and tokens that produced it."""
    predicate = statement.predicate
    record = {
        "article": statement.article,
        "subject": entity_record(statement.subject),
        "predicate": {"id": str(predicate_iri(predicate.id)), "label": predicate.label,
                      "cameo": predicate.cameo, "wikidata": predicate.wikidata},
        "object": entity_record(statement.object),
        "status": statement.status,
        "time": statement.time,
        "source": {"sentence": statement.evidence.sentence, "start": statement.evidence.start,
                   "end": statement.evidence.end},
        "attributed_to": {"label": statement.attributed_to} if statement.attributed_to else None,
        "confidence": statement.confidence,
    }
    if statement.role:
        record["role"] = statement.role
    if statement.claimant:
        record["claimant"] = entity_record(statement.claimant)
    if explain:
        record["explain"] = {"rule": statement.rule, "trigger": statement.trigger, "tokens": list(statement.tokens)}
    return record


def to_jsonl(statements, explain: bool = False) -> str:
    return "".join(json.dumps(statement_record(s, explain), ensure_ascii=False) + "\n" for s in statements)
