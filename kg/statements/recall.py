"""An event noun named again: 'Militants attacked a base on Sunday. ... Jordan condemned the attack' -- the
condemnation is of the militants.

Only a definite noun ('the attack', 'this strike') of a family of ``events.json``'s ``recalled_events`` that
refers back, within a few sentences, to an event statement whose trigger is of the same family; the reacting
predicates are listed there too. Where the earlier event had no named agent, nothing is found.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from kg.lexicon import load_json
from kg.parse.sentences import sentence_index
from kg.statements.frames import predicates
from kg.statements.relations import Relation, dobj_of


@dataclass(frozen=True, slots=True)
class Recall:
    """``recalled_events`` of ``events.json``: the reacting predicates, each event word's family, the determiners
    that refer back and the furthest look-back in sentences."""

    predicates: frozenset[str]
    families: dict[str, int]
    determiners: frozenset[str]
    sentences: int


@lru_cache(maxsize=1)
def settings() -> Recall:
    data = load_json("lexicon/events.json")["recalled_events"]
    families = {word: number for number, family in enumerate(data["families"]) for word in family}
    return Recall(frozenset(data["predicates"]), families, frozenset(data["determiners"]), data["sentences"])


def family(token: Token) -> int | None:
    families = settings().families
    return families.get(token.lemma_.lower(), families.get(token.lower_))


def recalled_noun(verb: Token) -> Token | None:
    """The definite event noun a reacting verb takes as its object ('condemned the attack')."""
    determiners = settings().determiners
    noun = dobj_of(verb)
    if noun is None or family(noun) is None or noun.ent_type_:
        return None
    if not any(c.dep_ == "det" and c.lower_ in determiners for c in noun.children):
        return None
    if any(c.dep_ in ("poss", "compound", "amod") and c.ent_type_ for c in noun.children):
        return None  # 'the Israeli strike': its agent is named here
    return noun


def event_agents(relations: list[Relation], own: set[str]) -> list[str]:
    """Every agent of one event ('the United States and Britain struck'), both parties of a symmetric one
    ('welcomed the ceasefire')."""
    found = [k for r in relations for k in (r.subject, r.object if predicates()[r.predicate].symmetric else "")]
    return [k for k in dict.fromkeys(found) if k and k not in own]


def recalled_agents(verb: Token, earlier: list[Relation], own: set[str]) -> list[str]:
    """Who did the event the verb's object names again: the agents of the last event of its family."""
    noun = recalled_noun(verb)
    if noun is None:
        return []
    doc, here = verb.doc, sentence_index(verb)
    for relation in reversed(earlier):
        trigger = doc[relation.trigger]
        if relation.trigger >= noun.i or predicates()[relation.predicate].kind != "event":
            continue
        if here - sentence_index(trigger) > settings().sentences:
            return []
        if family(trigger) == family(noun) and relation.subject not in own:
            return event_agents([r for r in earlier if r.trigger == relation.trigger], own)
    return []
