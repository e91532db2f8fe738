"""Event nouns given or met: 'drew condemnation from Britain', 'faces U.S. tariffs' (the giver is the noun's agent,
the one who receives it its target); a preposition the parser hung on the verb after an event noun."""
from __future__ import annotations

from spacy.tokens import Token

from kg.lexicon import load_json
from kg.entities.linker import Linker, follow
from kg.statements.clauses import Found, agents, noun_agents


def received(noun: Token, linker: Linker) -> tuple[Found, Found] | None:
    """'drew condemnation from Britain', 'received U.S. aid', 'despite warnings from Caracas': the giver
    is the noun's agent, the one who draws, receives or defies it (or whose event does: 'Iran's attack drew
    condemnation') its target."""
    verb = noun.head
    if noun.dep_ == "pobj" and verb.lower_ in load_json("lexicon/events.json")["reception_prepositions"]:
        verb = verb.head  # 'met them despite warnings from Caracas', 'resigned under pressure from'
    elif noun.dep_ != "dobj" or verb.lemma_.lower() not in load_json("lexicon/events.json")["reception_verbs"]:
        return None
    givers = [e for t in follow(noun, "@from") + follow(verb, "@from") for e in linker.entities(t)] or \
        (named_giver(noun, linker) if noun.dep_ == "dobj" else [])
    if not givers:
        return None
    subjects = [s for s in verb.children if s.dep_ == "nsubj"]
    return givers, agents(verb, linker) or [e for s in subjects for e in noun_agents(s, linker, None)]


def named_giver(noun: Token, linker: Linker) -> Found:
    """'faces U.S. tariffs', 'won Iran's backing': the giver named as the received noun's modifier (not 'its')."""
    return [e for c in noun.children if c.dep_ in ("poss", "compound", "amod", "nmod") and c.pos_ != "PRON"
            for e in linker.entities(c)]


def hung_after(noun: Token, paths: tuple[str, ...], linker: Linker) -> Found:
    """'lambasted Israel's incursion into Rafah' with 'into' hung on the verb: a preposition right after an
    object noun, on one of the noun's paths, is the noun's."""
    verb, nxt = noun.head, noun.right_edge.i + 1
    if noun.dep_ != "dobj" or nxt >= len(noun.doc) or noun.doc[nxt].head.i != verb.i:
        return []
    prep = noun.doc[nxt]
    return [e for p in paths if p == f"@{prep.lower_}" and prep.dep_ == "prep"
            for o in prep.children if o.dep_ == "pobj" for e in linker.entities(o)]
