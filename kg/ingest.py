"""Reading articles from files: text, Markdown, HTML and JSON Lines corpora."""
from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from .errors import KgError
from .model import Article

TEXT_SUFFIXES = {".txt", ".md", ".text", ""}
HTML_SUFFIXES = {".html", ".htm"}
CORPUS_SUFFIXES = {".jsonl", ".ndjson"}
MAX_BYTES = 20_000_000
FALLBACK_ENCODINGS = ("utf-16", "cp1252")


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


def decode(data: bytes, path: Path) -> str:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 with BOM, or cp1252."""
    if not data.strip():
        raise KgError(f"{path}: the file is empty", "give an article with some text in it")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise KgError(f"{path}: this looks like a binary file, not text",
                      "give a .txt, .md, .html or .jsonl article")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            raise KgError(f"{path}: not valid UTF-8 (byte {error.start})",
                          "re-save the file as UTF-8") from None


def read_bytes(path: Path) -> bytes:
    """Read a file, turning OS errors into messages a user can act on."""
    if not path.exists():
        raise KgError(f"{path}: no such file", "check the path")
    if path.is_dir():
        raise KgError(f"{path}: is a directory", "give the article files, or use a folder with kg build")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise KgError(f"{path}: {size / 1e6:.1f} MB is larger than the {MAX_BYTES / 1e6:.0f} MB limit",
                          "split the article, or give it as a .jsonl corpus")
        return path.read_bytes()
    except PermissionError:
        raise KgError(f"{path}: permission denied", "make the file readable") from None
    except OSError as error:
        raise KgError(f"{path}: cannot read ({error.strerror})", "check the path") from None


def html_to_text(html: str) -> str:
    """Main text of an HTML page (trafilatura), without scripts or navigation."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_recall=True)
    return text or ""


def read_article(path: Path, published: date | None = None) -> Article:
    """Read one text, Markdown or HTML file as an Article."""
    text = decode(read_bytes(path), path)
    if path.suffix.lower() in HTML_SUFFIXES:
        text = html_to_text(text)
    if not text.strip():
        raise KgError(f"{path}: no article text found", "give an article with some text in it")
    return Article(id=article_id(path, text), text=text, published=published,
                   title=text.strip().splitlines()[0][:200], source=str(path))


def read_corpus(path: Path, published: date | None = None) -> Iterator[Article]:
    """Read a JSON Lines corpus: one object per line with ``text`` and optional metadata."""
    text = decode(read_bytes(path), path)
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            body = row["text"]
            if not isinstance(body, str) or not body.strip():
                raise ValueError("empty 'text'")
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as error:
            raise KgError(f"{path}:{number}: not an article record ({error})",
                          "each line needs a JSON object with a 'text' field") from None
        yield Article(id=str(row.get("id") or article_id(path, body)), text=body,
                      published=parse_date(row.get("published"), f"{path}:{number} published") or published,
                      title=row.get("title"), url=row.get("url"), source=f"{path}:{number}")


def read_articles(paths: list[Path], published: date | None = None) -> Iterator[Article]:
    """Read every article named by ``paths`` (files or folders, recursively)."""
    for path in paths:
        if path.is_dir():
            if not os.access(path, os.R_OK | os.X_OK):
                raise KgError(f"{path}: permission denied (folder not readable)", "make the folder readable")
            try:
                files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower()
                               in TEXT_SUFFIXES | HTML_SUFFIXES | CORPUS_SUFFIXES)
            except PermissionError as error:
                raise KgError(f"{error.filename}: permission denied", "make the folder readable") from None
            if not files:
                raise KgError(f"{path}: no articles in this folder", "add .txt, .md, .html or .jsonl files")
            yield from read_articles(files, published)
        elif path.suffix.lower() in CORPUS_SUFFIXES:
            yield from read_corpus(path, published)
        else:
            yield read_article(path, published)
