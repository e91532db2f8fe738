"""Per-Doc caches: its tokens and sentences (spaCy rebuilds both on every access)."""
from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

KEY = "kg.parse.sentences"


def sentences(doc: Doc) -> list[Span]:
    if KEY not in doc.user_data:
        doc.user_data[KEY] = list(doc.sents)
    return doc.user_data[KEY]


def sentence_of(token: Token) -> Span:
    """The sentence a token belongs to."""
    spans = sentences(token.doc)
    return spans[bisect_right([s.start for s in spans], token.i) - 1]


def previous_sentence_start(token: Token) -> int:
    """Where the sentence before the token's own begins (or its own, if first)."""
    spans = sentences(token.doc)
    index = bisect_right([s.start for s in spans], token.i) - 1
    return spans[max(0, index - 1)].start


def tokens_of(doc: Doc) -> list[Token]:
    """The tokens of a Doc as one list, made once (iterating a Doc builds new Token objects)."""
    if "kg.tokens" not in doc.user_data:
        doc.user_data["kg.tokens"] = list(doc)
    return doc.user_data["kg.tokens"]
