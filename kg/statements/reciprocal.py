"""'Venezuela and Guyana pledged not to use force against each other', 'the two traded strikes on each other's
territory': an event whose phrase names a reciprocal is each of its coordinated agents' on the others.
"""
from __future__ import annotations

from spacy.tokens import Token

RECIPROCALS = frozenset({("each", "other"), ("one", "another")})
SUBJECTS = ("nsubj", "nsubjpass", "csubj")


def is_reciprocal(token: Token) -> bool:
    return token.i > 0 and (token.doc[token.i - 1].lower_, token.lower_) in RECIPROCALS


def reciprocal(trigger: Token, light: Token | None = None) -> bool:
    """Whether the trigger's phrase, or that of the light verb that carries it, names 'each other' or 'one
    another' (outside its subject)."""
    return any(is_reciprocal(t) for start in (trigger, light) if start is not None
               for child in start.children if child.dep_ not in SUBJECTS for t in child.subtree)
