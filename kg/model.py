"""The typed artefacts that flow through the pipeline, one per stage.

Article -> NormalisedText -> (spaCy Doc) -> Mention -> Entity -> Statement.
All are frozen: stages return new objects and never mutate their input.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

STATUSES = ("asserted", "planned", "claimed", "denied", "negated", "former", "hypothetical")


@dataclass(frozen=True, slots=True)
class Article:
    """One input document, as read from disk or a corpus."""

    id: str
    text: str
    published: date | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None  # where it was read from (file, file:line), for messages
    publisher: str | None = None  # the outlet the input names (a corpus line's "source", a page's site name)


@dataclass(frozen=True, slots=True)
class NormalisedText:
    """Text after spinner repair, with a map back to the original characters.

    ``offsets[i]`` is the original index of normalised character ``i``;
    the final entry maps the end of the text. ``dateline`` is the wire dateline taken out of it
    ('KABUL, Afghanistan (AP) —'), if there was one; ``dispatches`` each dateline taken out, with where its
    dispatch starts in the normalised text (a roundup of several).
    """

    original: str
    text: str
    offsets: tuple[int, ...]
    dateline: str = ""
    dispatches: tuple[tuple[int, str], ...] = ()

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised half-open span to the original text."""
        if end <= start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1



@dataclass(frozen=True, slots=True)
class Passage:
    """The context of one parsed piece of an article: the article (its id, publication date, source), its
    normalised text, and where the piece starts in that text. Every stage after the parse reads it."""

    article: Article
    text: NormalisedText
    start: int = 0

    def dispatches(self) -> tuple[tuple[int, str], ...]:
        """Each dispatch's dateline with where it starts, as a character of the piece (before it if negative)."""
        return tuple((start - self.start, dateline) for start, dateline in self.text.dispatches)

    def evidence(self, start: int, end: int) -> Evidence:
        """The original text and offsets of the piece's characters ``start:end``."""
        first, last = self.text.to_original(start + self.start, end + self.start)
        return Evidence(sentence=self.text.original[first:last], start=first, end=last)


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of the normalised text that names something, in tokens and characters.

    ``hint`` is the gazetteer key the EntityRuler attached, if any
    (``country/MAR``, ``seat:country/MAR``, ``demonym:country/MAR``).
    """

    token_start: int
    token_end: int
    start: int
    end: int
    text: str
    label: str
    hint: str = ""


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical real-world thing: one node whatever its surface forms."""

    key: str
    label: str
    type: str
    iso3: str | None = None
    wikidata: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Predicate:
    """An ontology property, as the lexicon describes it."""

    id: str
    label: str
    cameo: str | None = None
    wikidata: str | None = None
    symmetric: bool = False
    kind: str = "event"


@dataclass(frozen=True, slots=True)
class Evidence:
    """The sentence a statement comes from, with offsets in the original text."""

    sentence: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Form:
    """A surface form resolved to an entity of another name (``Rabat`` for Morocco), why, and where."""

    entity: str
    form: str
    reason: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Statement:
    """One relation or event between two entities, with everything that backs it."""

    article: str
    subject: Entity
    predicate: Predicate
    object: Entity
    evidence: Evidence
    status: str = "asserted"
    time: str | None = None
    attributed_to: str | None = None
    confidence: float = 0.5
    rule: str = ""
    trigger: str = ""
    tokens: tuple[str, ...] = field(default=())
    role: str = ""
    forms: tuple[Form, ...] = ()
    valid_since: str | None = None  # the period it holds in, as ISO 8601 times like ``time``
    valid_until: str | None = None
    claimant: Entity | None = None  # whose claim a recognition or dispute is about ("Morocco's sovereignty over")


def content_hash(article: Article) -> str:
    """SHA-256 of everything the article's graph is built from: text, title, date, URL and publisher
    (which counts only when given, so that the hashes of articles without one stay as they were)."""
    parts = (article.text, article.title or "", article.published.isoformat() if article.published else "",
             article.url or "", *((article.publisher,) if article.publisher else ()))
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
