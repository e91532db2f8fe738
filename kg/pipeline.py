"""The orchestrator: articles in, statements out; one spaCy pipeline, loaded once."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .facts import extract_facts
from .gazetteer import load_gazetteer
from .mentions import extract_mentions
from .model import Article, NormalisedText, Statement
from .nlp import DEFAULT_MODEL, load_pipeline
from .normalise import normalise
from .relations import Linker, extract_relations
from .resolve import resolve
from .statements import deduplicate, to_statement

CHUNK = 100_000


@dataclass(frozen=True, slots=True)
class Settings:
    """What the pipeline runs with: the spaCy model and an optional user gazetteer."""

    model: str = DEFAULT_MODEL
    gazetteer: Path | None = None
    batch_size: int = 32
    processes: int = 1


def chunks(text: str, limit: int = CHUNK) -> Iterator[tuple[int, str]]:
    """(offset, piece) of at most ``limit`` characters, cut at paragraph or line breaks."""
    start = 0
    while start < len(text):
        end = min(len(text), start + limit)
        if end < len(text):
            cut = max(text.rfind("\n\n", start, end), text.rfind("\n", start, end), text.rfind(". ", start, end))
            end = cut + 1 if cut > start else end
        yield start, text[start:end]
        start = end


def statements_of(doc, text: NormalisedText, article: Article, base: int, settings: Settings) -> list[Statement]:
    """All statements of one parsed piece of an article."""
    resolution = resolve(doc, list(extract_mentions(doc)), load_gazetteer(settings.gazetteer))
    linker = Linker(doc, resolution)
    relations = [*extract_relations(doc, resolution), *extract_facts(doc, linker)]
    return [to_statement(r, doc, linker, text, article.id, article.published, base) for r in relations]


def extract_all(articles: Iterable[Article], settings: Settings = Settings()
                ) -> Iterator[tuple[Article, tuple[Statement, ...]]]:
    """Statements of every article, streamed; the parse runs in batches through ``nlp.pipe``."""
    nlp = load_pipeline(settings.model, settings.gazetteer)

    def pieces():
        for article in articles:
            text = normalise(article.text)
            parts = list(chunks(text.text))
            for index, (base, piece) in enumerate(parts):
                yield piece, (article, text, base, index == len(parts) - 1)

    found: list[Statement] = []
    for doc, (article, text, base, last) in nlp.pipe(pieces(), as_tuples=True, batch_size=settings.batch_size,
                                                     n_process=settings.processes):
        found += statements_of(doc, text, article, base, settings)
        if last:
            yield article, tuple(deduplicate(found))
            found = []


def extract(article: Article, settings: Settings = Settings()) -> tuple[Statement, ...]:
    """Statements of one article."""
    return next(extract_all([article], settings))[1]
