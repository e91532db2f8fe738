"""Per-Doc caches: its tokens and sentences (spaCy rebuilds both on every access)."""
from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

KEY = "kg.parse.sentences"


def sentences(doc: Doc) -> list[Span]:
    if KEY not in doc.user_data:
        doc.user_data[KEY] = list(doc.sents)
    return doc.user_data[KEY]


def sentence_index(token: Token) -> int:
    """The number of the sentence a token belongs to, from 0."""
    return bisect_right([s.start for s in sentences(token.doc)], token.i) - 1


def sentence_of(token: Token) -> Span:
    """The sentence a token belongs to."""
    return sentences(token.doc)[sentence_index(token)]


def previous_sentence_start(token: Token) -> int:
    """Where the sentence before the token's own begins (or its own, if first)."""
    return sentences(token.doc)[max(0, sentence_index(token) - 1)].start


def tokens_of(doc: Doc) -> list[Token]:
    """The tokens of a Doc as one list, made once (iterating a Doc builds new Token objects)."""
    if "kg.tokens" not in doc.user_data:
        doc.user_data["kg.tokens"] = list(doc)
    return doc.user_data["kg.tokens"]
