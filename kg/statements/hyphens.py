"""Hyphenated compounds that state a relation: 'the Qatar-brokered deal between Israel and Hamas',
'Iran-backed Hezbollah', 'Saudi-led coalition' (``hyphen_frames`` of relations.json)."""
from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from spacy.tokens import Token

from kg.statements.clauses import verb_subjects
from kg.lexicon import confidence as start_confidence
from kg.lexicon import load_json
from kg.entities.linker import Linker, follow
from kg.statements.frames import Frame
from kg.statements.relations import Relation, make


@lru_cache(maxsize=1)
def hyphen_frames() -> dict[str, dict]:
    """Participle -> frame for 'Qatar-brokered', 'Iran-backed', 'Saudi-led'."""
    return {word: frame for frame in load_json("lexicon/relations.json")["hyphen_frames"] for word in frame["words"]}


def is_hyphen_participle(token: Token) -> bool:
    """'Iran-backed': read by its hyphen frame only, not again by the clause reader."""
    return token.lower_ in hyphen_frames() and token.i >= 2 and token.doc[token.i - 1].text == "-"


def hyphen_relations(token: Token, linker: Linker) -> Iterator[Relation]:
    """'the Qatar-brokered deal between Israel and Hamas', 'Iran-backed Hezbollah'."""
    frame = hyphen_frames().get(token.lower_)
    doc = token.doc
    if frame is None or token.i < 2 or doc[token.i - 1].text != "-":
        return
    subject = linker.resolution.tokens.get(token.i - 2)
    noun = token.head if token.head.i != token.i else None
    if not subject or noun is None:
        return
    if frame["object"] == "parties":
        clause = noun.head if noun.dep_ in ("nsubj", "nsubjpass", "dobj") else noun
        parties = [e for t in follow(noun, "@between") for e in linker.entities(t)] or verb_subjects(clause, linker)
    else:  # 'Iran-backed militias in Iraq' back no one in Iraq
        located = {linker.resolution.tokens.get(x.i) for t in follow(noun, "@in") for x in (t, *t.conjuncts)}
        parties = [(k, t) for k, t in linker.entities(noun) if k not in located]
    rule = Frame(frame["id"], "hyphen", frozenset(frame["words"]), frame["predicate"], ())
    for obj, obj_token in parties:
        relation = make(subject, rule, obj, token, [doc[token.i - 2], obj_token], linker, start_confidence("hyphen"))
        if relation:
            yield relation
