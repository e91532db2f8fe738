"""Reading articles: text, Markdown, HTML, JSON Lines corpora, folders (recursively) and standard input.

Everything streams: a corpus is read line by line and a folder file by file. A bad input (empty,
binary, undecodable, too large, not English, a broken corpus line, an unreadable path) is a
:class:`BadInput` naming the file, and the line where there is one; :func:`read_articles` stops at
the first, or hands each to ``on_bad`` and goes on.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO

from .errors import KgError
from .model import Article
from .textcheck import TextProblem, check_language, decode

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
CORPUS_SUFFIXES = {".jsonl", ".ndjson"}
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | CORPUS_SUFFIXES
MAX_BYTES = 5_000_000
STDIN = "-"
SENTENCE = re.compile(r"(\w+[\s,;:'’-]+){3,}\w+[.!?]")  # four words and a full stop: prose, not a menu
SPLIT_HINT = "split it into articles: one per file, or one per line of a .jsonl corpus"


class BadInput(KgError):
    """One input kg cannot read: ``where`` is the file, or ``file:line`` inside a corpus."""

    def __init__(self, where: str, what: str, hint: str):
        super().__init__(f"{where}: {what}", hint)
        self.where, self.what = where, what

    def __reduce__(self):
        return BadInput, (self.where, self.what, self.hint)


def parse_date(value: str | None, where: str = "--published") -> date | None:
    """Parse an ISO date (YYYY-MM-DD), or fail with a message naming ``where``."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise KgError(f"{where}: '{value}' is not a date", "use YYYY-MM-DD, e.g. 2021-11-23") from None


def article_id(path: Path, text: str) -> str:
    """A stable id: the file stem plus a short content hash."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    return f"{path.stem or 'article'}-{digest}"


def title_of(text: str) -> str:
    return text.strip().splitlines()[0].lstrip("# ").strip()[:200]


def os_problem(path: Path, error: OSError) -> BadInput:
    """The BadInput for a file the OS would not let us read."""
    if isinstance(error, FileNotFoundError):
        hint = "the link is broken: fix or remove it" if path.is_symlink() else "check the path"
        return BadInput(str(path), "no such file", hint)
    if isinstance(error, PermissionError):
        return BadInput(str(path), "permission denied", "make the file readable (chmod +r)")
    return BadInput(str(path), f"cannot read ({error.strerror})", "check the path")


def read_bytes(path: Path) -> bytes:
    """Read one article file; refuse, before reading, one above MAX_BYTES."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise BadInput(str(path), f"{size / 1e6:.1f} MB is more than the {MAX_BYTES / 1e6:.0f} MB kg reads "
                           "as one article", SPLIT_HINT)
        return path.read_bytes()
    except OSError as error:
        raise os_problem(path, error) from None


def text_of(data: bytes, where: str) -> str:
    try:
        return decode(data)
    except TextProblem as problem:
        raise BadInput(where, problem.what, problem.hint) from None


def english(text: str, where: str) -> None:
    try:
        check_language(text)
    except TextProblem as problem:
        raise BadInput(where, problem.what, problem.hint) from None


def html_article(html: str, where: str) -> tuple[str, dict]:
    """Main text of an HTML page (trafilatura: no scripts, navigation or boilerplate) and its metadata."""
    import trafilatura

    found = trafilatura.bare_extraction(html, with_metadata=True, favor_recall=True, include_comments=False,
                                        include_tables=False,
                                        date_extraction_params={"extensive_search": False, "original_date": True})
    if found is None or not SENTENCE.search(found.text or ""):
        raise BadInput(where, "no article text found in this HTML page (only scripts, navigation or boilerplate)",
                       "give the article's own page, or its text as .txt")
    return found.text, {"title": found.title, "published": found.date, "url": found.url}


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:1000].lower()
    return head.startswith("<") and any(tag in head for tag in ("<!doctype html", "<html", "<body", "<head"))


def make_article(text: str, where: str, source: Path, published: date | None, html: bool) -> Article:
    """An Article from decoded file text: HTML main text and metadata, then the language check."""
    meta: dict = {}
    if html:
        text, meta = html_article(text, where)
    english(text, where)
    return Article(id=article_id(source, text), text=text, title=meta.get("title") or title_of(text),
                   published=parse_date(meta.get("published"), f"{where} date") or published,
                   url=meta.get("url"), source=where)


def read_article(path: Path, published: date | None = None) -> Article:
    """Read one text, Markdown or HTML file as an Article."""
    text = text_of(read_bytes(path), str(path))
    return make_article(text, str(path), path, published, path.suffix.lower() in HTML_SUFFIXES)


def record_article(line: bytes, where: str, source: Path, published: date | None) -> Article:
    """The Article of one corpus line: a JSON object with ``text`` and optional id, title, published, url."""
    try:
        row = json.loads(line)
    except UnicodeDecodeError as error:
        raise BadInput(where, f"not valid UTF-8 (column {error.start + 1})", "re-save the corpus as UTF-8") from None
    except json.JSONDecodeError as error:
        raise BadInput(where, f"not valid JSON ({error.msg} at column {error.colno})",
                       "fix or remove that line") from None
    if not isinstance(row, dict):
        raise BadInput(where, f"a JSON {type(row).__name__}, not an article object",
                       'each line needs an object like {"id": ..., "text": ...}')
    body = row.get("text")
    if not isinstance(body, str) or not body.strip():
        raise BadInput(where, "no article text ('text' is missing or empty)", "give each line a non-empty 'text'")
    english(body, where)
    try:
        when = parse_date(row.get("published"), "'published'") or published
    except KgError as error:
        raise BadInput(where, error.problem, error.hint) from None
    return Article(id=str(row.get("id") or article_id(source, body)), text=body, published=when,
                   title=row.get("title") or None, url=row.get("url") or None, source=where)


def lines_of(stream: BinaryIO) -> Iterator[bytes | None]:
    """Lines of a stream, each read in bounded memory; ``None`` stands for a line above MAX_BYTES."""
    while line := stream.readline(MAX_BYTES + 1):
        if len(line) > MAX_BYTES and not line.endswith(b"\n"):
            while (rest := stream.readline(MAX_BYTES)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield line


def corpus_items(stream: BinaryIO, name: str, published: date | None,
                 source: Path | None = None) -> Iterator[Article | BadInput]:
    """Articles (or bad lines) of a JSON Lines stream, line by line; ``source`` names ids without one."""
    source, empty = source or Path(name), True
    for number, line in enumerate(lines_of(stream), 1):
        where = f"{name}:{number}"
        if line is None:
            yield BadInput(where, f"the line is longer than the {MAX_BYTES / 1e6:.0f} MB kg reads as one article",
                           SPLIT_HINT)
            continue
        line = line.removeprefix(b"\xef\xbb\xbf") if number == 1 else line
        if not line.strip():
            continue
        empty = False
        try:
            yield record_article(line, where, source, published)
        except BadInput as bad:
            yield bad
    if empty:
        yield BadInput(name, "the corpus is empty", "give one JSON object with a 'text' field per line")


def corpus_file(path: Path, published: date | None) -> Iterator[Article | BadInput]:
    try:
        with path.open("rb") as stream:
            yield from corpus_items(stream, str(path), published)
    except OSError as error:
        yield os_problem(path, error)


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


def read_articles(paths: list[Path], published: date | None = None,
                  on_bad: Callable[[BadInput], None] | None = None) -> Iterator[Article]:
    """Every article in ``paths`` (files, folders, ``-`` for standard input), streamed.

    A bad input raises :class:`BadInput`, unless ``on_bad`` is given: then it is handed over and
    reading goes on.
    """
    for item in input_items(list(paths), published):
        if isinstance(item, BadInput):
            if on_bad is None:
                raise item
            on_bad(item)
        else:
            yield item
