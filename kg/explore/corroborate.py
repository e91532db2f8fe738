"""Across articles: how many independent sources state each relation, and which statements disagree.

Both are derived when asked, by the named queries ``corroborated``, ``single-source``, ``corroboration``
(the aggregate nodes as RDF) and ``contradictions`` over a graph, store or endpoint, so they always agree
with the statements as they are (nothing is materialised at build time). Which statuses support or oppose
a fact, and which predicates have one holder, are data: ``ontologies/lexicon/contradiction.json``, whose
rules the queries hold as VALUES blocks and IN lists (:func:`exclusive_values` and :func:`status_list`
write them; a test keeps the two in step).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rdflib import Graph

from kg.errors import KgError
from kg.lexicon import load_json
from kg.store.named_queries import named_queries
from kg.store.query import run_query
from kg.statements.frames import predicates

RULES = "lexicon/contradiction.json"
STATUS_KINDS = ("supporting", "opposing", "ended")


@dataclass(frozen=True, slots=True)
class Exclusive:
    """A predicate that two different subjects cannot hold for one object (and role); ``at_once``: at the same time."""

    id: str
    predicate: str
    at_once: bool
    roles: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Contradiction:
    """Two statements that disagree: ``kind`` is denied, ended or exclusive."""

    kind: str
    subject: str
    relation: str
    object: str
    role: str
    status: str
    time: str
    article: str
    other_subject: str
    other_status: str
    other_time: str
    other_article: str
    sentence: str
    other_sentence: str


@dataclass(frozen=True, slots=True)
class Summary:
    """What ``kg analyze`` says about sources: relations by independent support, and contradictions."""

    corroborated: int
    single_source: int
    contradictions: int


@lru_cache(maxsize=1)
def exclusive_rules() -> tuple[Exclusive, ...]:
    """The exclusive predicates of the lexicon; a predicate the relation lexicon does not know is an error."""
    data = load_json(RULES)
    rules = tuple(Exclusive(e["id"], e["predicate"], bool(e["at_once"]), tuple(e.get("roles", ())))
                  for e in data["entries"])
    unknown = sorted({rule.predicate for rule in rules} - set(predicates()))
    if unknown or any(kind not in data for kind in STATUS_KINDS):
        raise KgError(f"{RULES}: unknown predicate {', '.join(unknown)}" if unknown
                      else f"{RULES}: needs {', '.join(STATUS_KINDS)}", "fix the file", 1)
    return rules


def statuses(kind: str) -> tuple[str, ...]:
    """The statuses that are ``supporting``, ``opposing`` or ``ended`` (former)."""
    exclusive_rules()
    return tuple(load_json(RULES)[kind])


def status_list(*kinds: str) -> str:
    """The statuses of ``kinds`` as a SPARQL IN list: ``("asserted", "claimed")``."""
    return "(" + ", ".join(f'"{status}"' for kind in kinds for status in statuses(kind)) + ")"


def exclusive_values() -> str:
    """The rows of the ``contradictions`` query's VALUES (?p ?exclusiveRole ?atOnce) block."""
    rows = [f'(kgo:{rule.predicate} "{role}" {str(rule.at_once).lower()})'
            for rule in exclusive_rules() for role in rule.roles or ("",)]
    return "\n".join(rows)


def exclusive_predicates() -> str:
    """The ``contradictions`` query's VALUES ?p of the exclusive predicates, whose statements' roles it works out."""
    return "VALUES ?p { " + " ".join(sorted({f"kgo:{rule.predicate}" for rule in exclusive_rules()})) + " }"


def contradictions(graph: Graph) -> tuple[Contradiction, ...]:
    """Every pair of statements of ``graph`` (a graph, store or endpoint dataset) that disagree."""
    result = run_query(graph, named_queries()["contradictions"].text)
    return tuple(Contradiction(*("" if value is None else str(value) for value in row)) for row in result)


def corroboration(graph: Graph) -> Graph:
    """The aggregate node of every relation (kgo:Corroboration), with its counts, dates and statements."""
    return run_query(graph, named_queries()["corroboration"].text).graph


def count(graph: Graph, query: str) -> int:
    return len(run_query(graph, named_queries()[query].text))


def summary(graph: Graph) -> Summary:
    return Summary(count(graph, "corroborated"), count(graph, "single-source"), count(graph, "contradictions"))
