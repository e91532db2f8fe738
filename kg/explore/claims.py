"""Contested territories: who claims each territory, and who recognises, disputes or withdrew recognition of each claim.

A sovereignty or control fact is never collapsed into one edge: every statement keeps its party, status, source
and date, and a recognition or dispute names the party whose claim it bears on (``kgo:claimant``, "Spain
recognised *Morocco's* sovereignty over Western Sahara"). The named queries ``contested`` (a table) and
``claims`` (one ``kgo:Claim`` node per claimant, territory and kind, as RDF) group them when asked. Which
predicates take part, where their claimant is and what each stance is called are data:
``ontologies/lexicon/claims.json``, whose rows the queries hold as a VALUES block (:func:`claim_values`
writes it; a test keeps the two in step).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rdflib import Graph

from kg.errors import KgError
from kg.explore.corroborate import status_list
from kg.lexicon import load_json
from kg.statements.frames import predicates
from kg.store.named_queries import resolve
from kg.store.query import run_query

RULES = "lexicon/claims.json"
STANCE_KINDS = ("supporting", "opposing", "ended")


@dataclass(frozen=True, slots=True)
class ClaimRule:
    """A predicate whose statements take part in claims: where its claimant is, the kind of claim, its stances."""

    predicate: str
    claimant: str  # subject: the subject claims (controls, is a member of) the object itself; claimant: the claimant
    # is kgo:claimant; object: the object is the claimant and the subject what is claimed (an organisation suspends it)
    kind: str  # sovereignty, control, membership, or claim (a dispute of whatever claim the claimant makes)
    role: str  # claim, recognition, dispute or withdrawal: how a supporting statement bears on the claim
    stances: tuple[str, str, str]  # what a supporting, opposing and ended (former) statement says the party does


@dataclass(frozen=True, slots=True)
class Stance:
    """One party's stance on one claim to a territory, over all the statements that state it."""

    territory: str
    claimant: str  # empty when a recognition names no claimant
    kind: str
    party: str
    stance: str
    sources: int
    articles: int
    first_seen: str
    last_seen: str
    article_ids: tuple[str, ...]


@lru_cache(maxsize=1)
def claim_rules() -> tuple[ClaimRule, ...]:
    """The claim predicates of the lexicon; one the relation lexicon does not know is an error."""
    rules = tuple(ClaimRule(e["predicate"], e["claimant"], e["kind"], e["role"],
                            tuple(e["stances"][kind] for kind in STANCE_KINDS))
                  for e in load_json(RULES)["entries"])
    unknown = sorted({rule.predicate for rule in rules} - set(predicates()))
    if unknown:
        raise KgError(f"{RULES}: unknown predicate {', '.join(unknown)}", "add it to lexicon/relations.json", 1)
    return rules


def claim_values() -> str:
    """The rows of the VALUES (?p ?claimantAt ?kind ?role ?supporting ?opposing ?ended) block of the claim queries."""
    return "\n".join(f'(kgo:{rule.predicate} "{rule.claimant}" "{rule.kind}" "{rule.role}" '
                     + " ".join(f'"{stance}"' for stance in rule.stances) + ")" for rule in claim_rules())


def stance_condition() -> str:
    """The BIND that names a statement's stance from its status (the status kinds of lexicon/contradiction.json)."""
    return (f'BIND (IF(STR(?status) IN {status_list("supporting")}, ?supporting,\n'
            f'         IF(STR(?status) IN {status_list("opposing")}, ?opposing, '
            f'IF(STR(?status) IN {status_list("ended")}, ?ended, ?none))) AS ?stance)')


def contested(graph: Graph, entity: str | None = None) -> tuple[Stance, ...]:
    """Every party's stance on every claim to a territory of ``graph`` (a graph, store or endpoint dataset);
    with ``entity`` (a label, alias or IRI), those whose territory, claimant or party it is."""
    result = run_query(graph, resolve("contested", [f"entity={entity}"] if entity else [], graph))
    return tuple(Stance(*("" if value is None else str(value) for value in row[:5]), int(row.sources),
                        int(row.articles), str(row.firstSeen or ""), str(row.lastSeen or ""),
                        tuple(sorted(str(row.articleIds).split()))) for row in result)
