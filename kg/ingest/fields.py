"""The fields of an article as read: its id, date and language, and the type of every corpus field.

A JSON Lines record may hold anything JSON can: each field kg reads is checked for its type, and
text is made valid Unicode (a lone surrogate, which JSON's ``\\ud800`` escapes allow, becomes
U+FFFD, so offsets are unchanged); an id, which becomes part of an IRI, is refused instead.
"""
from __future__ import annotations

import hashlib
import re
from datetime import date
from pathlib import Path

from kg.errors import BadInput, KgError
from kg.ingest.textcheck import TextProblem, check_language

SURROGATE = re.compile("[\ud800-\udfff]")
MAX_ID = 200
OPTIONAL = ("title", "url", "published", "source")
JSON_TYPES = {dict: "an object", list: "an array", bool: "true or false", int: "a number", float: "a number"}


def parse_date(value: str | None, where: str = "--published") -> date | None:
    """Parse an ISO date (YYYY-MM-DD), or fail with a message naming ``where``."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        shown = str(value)[:40].encode("unicode_escape").decode("ascii")  # one line, however the value is written
        raise KgError(f"{where}: '{shown}' is not a date", "use YYYY-MM-DD, e.g. 2021-11-23") from None


def article_id(path: Path, text: str) -> str:
    """A stable id: the file stem (undecodable bytes of a file name as U+FFFD) plus a short content hash."""
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return f"{valid_text(path.stem) or 'article'}-{digest}"


def english(text: str, where: str) -> None:
    try:
        check_language(text)
    except TextProblem as problem:
        raise BadInput(where, problem.what, problem.hint) from None


def valid_text(text: str) -> str:
    """``text`` with each lone surrogate (not Unicode, cannot be written as UTF-8) replaced by U+FFFD."""
    return SURROGATE.sub("\ufffd", text)


def json_type(value: object) -> str:
    return JSON_TYPES.get(type(value), "null")


def string_field(row: dict, name: str, where: str) -> str | None:
    """The string value of ``row[name]``; None when missing, null or empty; BadInput for another type."""
    value = row.get(name)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise BadInput(where, f"'{name}' is {json_type(value)}, not a string",
                       f"give '{name}' as a JSON string, or leave it out")
    return valid_text(value)


def record_id(row: dict, where: str) -> str | None:
    """The record's own id (a string, or a whole number written as one), checked to make an IRI from."""
    value = row.get("id")
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if string_field(row, "id", where) is None:
        return None
    if SURROGATE.search(value):
        raise BadInput(where, "'id' is not valid Unicode (it holds a lone surrogate such as \\ud800)",
                       "give the record an id of letters, digits and punctuation")
    if len(value) > MAX_ID:
        raise BadInput(where, f"'id' is {len(value)} characters long, more than the {MAX_ID} kg takes",
                       "give the record a shorter id")
    return value


def record_fields(row: dict, where: str) -> dict[str, str | None]:
    """The optional string fields of a record (title, url, published, source), each checked for its type."""
    return {name: string_field(row, name, where) for name in OPTIONAL}
