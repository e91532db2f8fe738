"""Reading articles: text, Markdown, HTML, JSON Lines corpora, folders (recursively) and standard input.

Everything streams: a corpus is read line by line (:mod:`kg.feed`) and a folder file by file, regular
files only (:mod:`kg.files`). A bad input (empty, binary, undecodable, too large, not English, a
broken corpus line, an unreadable path, a pipe or device, an id taken by another article) is a
:class:`BadInput` naming the file, and the line where there is one; :func:`read_articles` stops at
the first, or hands each to ``on_bad`` and goes on.
"""
from __future__ import annotations

import io
import os
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from kg.errors import BadInput, KgError
from kg.ingest.feed import corpus_file, corpus_items
from kg.ingest.fields import article_id, english, parse_date
from kg.ingest.files import MAX_BYTES, SPLIT_HINT, read_bytes
from kg.iri import article_iri
from kg.model import Article
from kg.model import content_hash
from kg.ingest.textcheck import TextProblem, decode

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
CORPUS_SUFFIXES = {".jsonl", ".ndjson"}
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | CORPUS_SUFFIXES
STDIN = "-"
SENTENCE = re.compile(r"(\w+[\s,;:'’-]+){3,}\w+[.!?]")  # four words and a full stop: prose, not a menu


def title_of(text: str) -> str:
    return text.strip().splitlines()[0].lstrip("# ").strip()[:200]


def text_of(data: bytes, where: str) -> str:
    try:
        return decode(data)
    except TextProblem as problem:
        raise BadInput(where, problem.what, problem.hint) from None


def html_article(html: str, where: str) -> tuple[str, dict]:
    """Main text of an HTML page (trafilatura: no scripts, navigation or boilerplate) and its metadata."""
    import trafilatura

    try:
        found = trafilatura.bare_extraction(html, with_metadata=True, favor_recall=True, include_comments=False,
                                            include_tables=False,
                                            date_extraction_params={"extensive_search": False, "original_date": True})
    except Exception as error:  # lxml and trafilatura raise many types on broken markup
        raise BadInput(where, f"this HTML page cannot be parsed ({type(error).__name__})",
                       "give the article's text as .txt") from None
    if found is None or not SENTENCE.search(found.text or ""):
        raise BadInput(where, "no article text found in this HTML page (only scripts, navigation or boilerplate)",
                       "give the article's own page, or its text as .txt")
    return found.text, {"title": found.title, "published": found.date, "url": found.url,
                        "publisher": found.sitename}


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:1000].lower()
    return head.startswith("<") and any(tag in head for tag in ("<!doctype html", "<html", "<body", "<head"))


def make_article(text: str, where: str, source: Path, published: date | None, html: bool) -> Article:
    """An Article from decoded file text: HTML main text and metadata, then the language check."""
    meta: dict = {}
    if html:
        text, meta = html_article(text, where)
    english(text, where)
    try:
        when = parse_date(meta.get("published"), f"{where} date") or published
    except KgError as error:
        raise BadInput(where, error.problem, error.hint) from None
    return Article(id=article_id(source, text), text=text, title=meta.get("title") or title_of(text),
                   published=when, url=meta.get("url"), source=where, publisher=meta.get("publisher"))


def read_article(path: Path, published: date | None = None) -> Article:
    """Read one text, Markdown or HTML file as an Article."""
    text = text_of(read_bytes(path), str(path))
    return make_article(text, str(path), path, published, path.suffix.lower() in HTML_SUFFIXES)


def stdin_items(published: date | None) -> Iterator[Article | BadInput]:
    """Standard input: a JSON Lines corpus when it starts with ``{``, else one article (text or HTML)."""
    where = "<stdin>"
    if sys.stdin is None or sys.stdin.isatty():
        yield BadInput(where, "nothing was piped in", "pipe an article or a .jsonl corpus in: cat a.txt | kg build -")
        return
    stream = sys.stdin.buffer
    stream = stream if hasattr(stream, "peek") else io.BufferedReader(stream)
    if stream.peek(64).lstrip()[:1] == b"{":
        yield from corpus_items(stream, where, published, Path("stdin"))
        return
    try:
        data = stream.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise BadInput(where, f"more than the {MAX_BYTES / 1e6:.0f} MB kg reads as one article", SPLIT_HINT)
        text = text_of(data, where)
        yield make_article(text, where, Path("stdin"), published, looks_like_html(text))
    except BadInput as bad:
        yield bad


def file_items(path: Path, published: date | None) -> Iterator[Article | BadInput]:
    if path.suffix.lower() in CORPUS_SUFFIXES:
        yield from corpus_file(path, published)
        return
    try:
        yield read_article(path, published)
    except BadInput as bad:
        yield bad


def folder_items(folder: Path, published: date | None) -> Iterator[Article | BadInput]:
    """Every article file under ``folder`` (sorted, hidden entries skipped); other files are ignored."""
    errors: list[OSError] = []
    found, ignored, walked = 0, Counter(), False
    for root, dirs, files in os.walk(folder, onerror=errors.append):
        walked = True
        yield from unreadable(errors)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(f for f in files if not f.startswith(".")):
            path = Path(root, name)
            if path.suffix.lower() not in ARTICLE_SUFFIXES:
                ignored[path.suffix.lower()] += 1
                continue
            found += 1
            yield from file_items(path, published)
    yield from unreadable(errors)
    if walked and not found:
        others = f" (only {', '.join(f'{n} {s}' for s, n in ignored.most_common(5))} files)" if ignored else ""
        yield BadInput(str(folder), f"no articles in this folder{others}", "add .txt, .md, .html or .jsonl files")


def unreadable(errors: list[OSError]) -> Iterator[BadInput]:
    while errors:
        error = errors.pop(0)
        yield BadInput(str(error.filename), f"cannot read this folder ({error.strerror})",
                       "make it readable (chmod +rx), or move it out of the corpus")


def input_items(paths: list[Path], published: date | None = None) -> Iterator[Article | BadInput]:
    """Each article named by ``paths``, or the BadInput that stands in its place."""
    for path in paths:
        if str(path) == STDIN:
            yield from stdin_items(published)
        elif path.is_dir():
            yield from folder_items(path, published)
        else:
            yield from file_items(path, published)


def distinct(items: Iterator[Article | BadInput]) -> Iterator[Article | BadInput]:
    """The items with each article id once: an article read again is left out, and another article
    under an id already read (the same IRI) is a BadInput naming both sources."""
    seen: dict[str, tuple[str, str | None]] = {}
    for item in items:
        if isinstance(item, Article):
            key, digest = str(article_iri(item.id)), content_hash(item)[:32]
            if key not in seen:
                seen[key] = (digest, item.source)
            elif seen[key][0] == digest:
                continue
            else:
                item = BadInput(item.source or item.id, f"article id '{item.id}' is already taken by another "
                                f"article ({seen[key][1]})", "give each article an id of its own")
        yield item


def read_articles(paths: list[Path], published: date | None = None,
                  on_bad: Callable[[BadInput], None] | None = None) -> Iterator[Article]:
    """Every article in ``paths`` (files, folders, ``-`` for standard input), streamed.

    A bad input raises :class:`BadInput`, unless ``on_bad`` is given: then it is handed over and
    reading goes on. An id is read once: a second, different article under it is a bad input.
    """
    for item in distinct(input_items(list(paths), published)):
        if isinstance(item, BadInput):
            if on_bad is None:
                raise item
            on_bad(item)
        else:
            yield item
