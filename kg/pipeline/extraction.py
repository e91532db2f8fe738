"""The orchestrator: articles in, statements out; one spaCy pipeline per process, loaded once.

Articles stream through in batches bounded by count and by characters, so memory stays flat
whatever the corpus size; long articles are parsed in pieces. With ``processes`` above one,
groups of articles go to worker processes that each load the pipeline once.
"""
from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path

from kg.errors import KgError
from kg.statements.facts import extract_facts
from kg.pipeline.failures import Failure
from kg.gazetteer import load_gazetteer
from kg.entities.mentions import extract_mentions
from kg.model import Article, Form, Passage, Statement
from kg.parse.sentences import sentence_of
from kg.parse.nlp import default_model, load_pipeline, resolve_model
from kg.parse.normalise import normalise
from kg.statements.events import extract_relations
from kg.entities.linker import Linker
from kg.entities.resolve import Resolution, resolve
from kg.statements.assemble import deduplicate, evidence, to_statement

CHUNK = 50_000  # characters per parse: spaCy needs about 1 GB of scratch memory per 100,000
BATCH_CHARS = 100_000  # characters per nlp.pipe batch, whatever the number of articles in it

Result = tuple[Article, tuple[Statement, ...]]
OnError = Callable[[Article, Failure], None]


@dataclass(frozen=True, slots=True)
class Settings:
    """What the pipeline runs with: the spaCy model, a user gazetteer, batch size and processes."""

    model: str = field(default_factory=default_model)
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


def statements_of(doc, passage: Passage, settings: Settings) -> list[Statement]:
    """All statements of one parsed piece of an article.

    The stages cache the Doc's sentences, tokens and dates in ``doc.user_data``; those point back at the
    Doc, so the cache is emptied after: the Doc (its tensor, tokens and pool, tens of KB) is freed at once
    instead of waiting, piece after piece, for Python's rare full collection (30 MB and more of them).
    """
    try:
        resolution = resolve(doc, list(extract_mentions(doc)), load_gazetteer(settings.gazetteer),
                             passage.text.dateline, passage.dispatches())
        linker = Linker(doc, resolution)
        relations = [*extract_relations(doc, resolution), *extract_facts(doc, linker)]
        statements = [to_statement(r, doc, linker, passage) for r in relations]
        forms = forms_of(doc, resolution, passage)
    finally:
        doc.user_data.clear()
    return [replace(s, forms=tuple(f for f in forms if f.entity in (s.subject.key, s.object.key))) for s in statements]


def forms_of(doc, resolution: Resolution, passage: Passage) -> list[Form]:
    """Each merged surface form of the piece once, with the first sentence it stands in."""
    first = {(m.entity, m.form, m.reason): m for m in reversed(resolution.merges)}
    return [Form(m.entity, m.form, m.reason, evidence(sentence_of(doc[m.token]), passage))
            for m in sorted(first.values(), key=lambda m: m.token)]


def pieces(articles: Iterable[Article], on_error: OnError | None = None) -> Iterator[tuple[str, tuple]]:
    """(piece of normalised text, (its passage, is last piece)) for every article; an article
    whose normalisation raises is handed to ``on_error`` and left out."""
    for article in articles:
        try:
            text = normalise(article.text)
        except Exception as error:
            if on_error is None:
                raise
            on_error(article, Failure.of(error))
            continue
        parts = list(chunks(text.text))
        for index, (base, piece) in enumerate(parts):
            yield piece, (Passage(article, text, base), index == len(parts) - 1)


def parsed(nlp, batch: list[tuple[str, tuple]], keep_going: bool) -> list[tuple[object, tuple]]:
    """(Doc, context) of each piece of a batch; if the batch's parse raises, the pieces are parsed one by
    one and a piece that still fails comes back with its exception in place of the Doc."""
    try:
        return list(zip(nlp.pipe([p for p, _ in batch], batch_size=len(batch)), [c for _, c in batch]))
    except Exception:
        if not keep_going:
            raise
    found = []
    for piece, context in batch:
        try:
            found.append((nlp(piece), context))
        except Exception as error:
            found.append((error, context))
    return found


def batches(items: Iterable[tuple[str, tuple]], size: int, chars: int = BATCH_CHARS) -> Iterator[list]:
    """Lists of at most ``size`` items and, unless one item alone is larger, ``chars`` characters."""
    batch, total = [], 0
    for item in items:
        if batch and (len(batch) >= size or total + len(item[0]) > chars):
            yield batch
            batch, total = [], 0
        batch.append(item)
        total += len(item[0])
    if batch:
        yield batch


def extract_all(articles: Iterable[Article], settings: Settings = Settings(),
                on_error: OnError | None = None) -> Iterator[Result]:
    """Statements of every article, streamed in input order; the parse runs in batches through ``nlp.pipe``.

    An article whose extraction raises is handed to ``on_error`` (with the error) and left out;
    without ``on_error`` the error propagates.
    """
    if settings.processes > 1:
        yield from extract_parallel(articles, settings, on_error)
        return
    found: list[Statement] = []
    failed = False
    for batch in batches(pieces(articles, on_error), settings.batch_size):
        nlp = load_pipeline(settings.model, settings.gazetteer)  # cached; not loaded at all when nothing comes
        for doc, (passage, last) in parsed(nlp, batch, on_error is not None):
            article = passage.article
            try:
                if isinstance(doc, Exception):
                    raise doc
                found += [] if failed else statements_of(doc, passage, settings)
            except Exception as error:  # one article's failure must not end a corpus run
                if on_error is None:
                    raise
                if not failed:
                    on_error(article, Failure.of(error))
                failed = True
            if last:
                if not failed:
                    yield article, tuple(deduplicate(found))
                found, failed = [], False


def warm(settings: Settings) -> None:
    """Worker initialiser: load the pipeline and gazetteer once per process."""
    load_pipeline(settings.model, settings.gazetteer)
    load_gazetteer(settings.gazetteer)


def extract_group(articles: list[Article], settings: Settings, keep_going: bool
                  ) -> tuple[list[tuple[int, tuple[Statement, ...]]], list[tuple[int, Failure]]]:
    """Run in a worker: (index, statements) of each article of the group, and (index, error) of failures."""
    index = {id(article): i for i, article in enumerate(articles)}
    failures: list[tuple[int, Failure]] = []
    on_error = (lambda article, error: failures.append((index[id(article)], error))) if keep_going else None
    return [(index[id(a)], found) for a, found in extract_all(articles, settings, on_error)], failures


def extract_parallel(articles: Iterable[Article], settings: Settings, on_error: OnError | None) -> Iterator[Result]:
    """extract_all over ``settings.processes`` worker processes, a bounded number of groups in flight.

    Groups are a quarter of a batch, so that workers share short corpora evenly.
    """
    resolve_model(settings.model)  # a missing model fails here, with its message, not in a worker
    single = replace(settings, processes=1)
    pool = ProcessPoolExecutor(settings.processes, mp_context=multiprocessing.get_context("spawn"),
                               initializer=warm, initargs=(single,))
    pending: deque[tuple[list[Article], Future]] = deque()
    stream = iter(articles)
    try:
        while group := list(islice(stream, max(1, settings.batch_size // 4))):
            pending.append((group, pool.submit(extract_group, group, single, on_error is not None)))
            if len(pending) > 2 * settings.processes:
                yield from settle(*pending.popleft(), on_error)
        while pending:
            yield from settle(*pending.popleft(), on_error)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def settle(group: list[Article], future: Future, on_error: OnError | None) -> Iterator[Result]:
    try:
        results, failures = future.result()
    except BrokenProcessPool:
        raise KgError("an extraction process stopped unexpectedly (killed, or out of memory)",
                      "run again with fewer --processes; a store build resumes where it stopped", exit_code=1) from None
    for index, error in failures:
        on_error(group[index], error)
    for index, found in results:
        yield group[index], found


def extract(article: Article, settings: Settings = Settings()) -> tuple[Statement, ...]:
    """Statements of one article."""
    return next(extract_all([article], settings), (article, ()))[1]
