"""JSON Lines corpora: one article per line, read line by line in bounded memory.

A line that is not a JSON object with a ``text``, is nested too deeply to decode, holds a field of
the wrong type or is longer than the size limit is a :class:`BadInput` naming ``file:line``.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO

from kg.errors import BadInput, KgError
from kg.ingest.fields import article_id, english, parse_date, record_fields, record_id, string_field
from kg.ingest.files import MAX_BYTES, SPLIT_HINT, open_regular, os_problem
from kg.model import Article

FIX_LINE = "fix or remove that line"


def decode_line(line: bytes, where: str) -> dict:
    """The JSON object of one line; the decoder's recursion bounds its depth (about 1,000 levels)."""
    try:
        row = json.loads(line)
    except UnicodeDecodeError as error:
        raise BadInput(where, f"not valid UTF-8 (column {error.start + 1})", "re-save the corpus as UTF-8") from None
    except json.JSONDecodeError as error:
        raise BadInput(where, f"not valid JSON ({error.msg} at column {error.colno})", FIX_LINE) from None
    except RecursionError:
        raise BadInput(where, "the JSON is nested too deeply to read", FIX_LINE) from None
    except ValueError as error:  # e.g. a number of more than 4,300 digits
        raise BadInput(where, f"not readable JSON ({str(error)[:120]})", FIX_LINE) from None
    if not isinstance(row, dict):
        raise BadInput(where, f"a JSON {type(row).__name__}, not an article object",
                       'each line needs an object like {"id": ..., "text": ...}')
    return row


def record_article(line: bytes, where: str, source: Path, published: date | None) -> Article:
    """The Article of one corpus line: a JSON object with ``text`` and optional id, title, published, url and
    source (its publisher)."""
    row = decode_line(line, where)
    body = string_field(row, "text", where)
    if body is None or not body.strip():
        raise BadInput(where, "no article text ('text' is missing or empty)", "give each line a non-empty 'text'")
    english(body, where)
    fields, given = record_fields(row, where), record_id(row, where)
    try:
        when = parse_date(fields["published"], "'published'") or published
    except KgError as error:
        raise BadInput(where, error.problem, error.hint) from None
    return Article(id=given or article_id(source, body), text=body, published=when,
                   title=fields["title"], url=fields["url"], source=where, publisher=fields["source"])


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
        with open_regular(path) as stream:
            yield from corpus_items(stream, str(path), published)
    except BadInput as bad:
        yield bad
    except OSError as error:
        yield os_problem(path, error)
