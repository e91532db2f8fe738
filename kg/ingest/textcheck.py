"""Is this input an English article? Decoding bytes to text, and spotting binary data and other languages.

Both raise :class:`TextProblem` (what is wrong, what to do); :mod:`kg.ingest` adds which file and line.
"""
from __future__ import annotations

import codecs
import re
from functools import lru_cache

BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
MAGIC = ((b"%PDF", "a PDF document"), (b"PK\x03\x04", "a ZIP archive (or a .docx, .odt or .epub)"),
         (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
         (b"\x1f\x8b", "gzip-compressed data"), (b"{\\rtf", "an RTF document"),
         (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"), (b"\x7fELF", "a program"))
TO_TEXT = "convert it to text first, e.g. with pdftotext, pandoc -t plain or gunzip"
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
WORD = re.compile(r"\w{2,}")
MIN_WORDS = 20
SAMPLE = 5000
LANGUAGE_SAMPLE = 2000
CONFIDENT = 0.9
RESAVE = "re-save it as UTF-8, e.g. with iconv -f ENCODING -t UTF-8"


class TextProblem(ValueError):
    """Why some bytes or text are not an English article, and what to do about it."""

    def __init__(self, what: str, hint: str):
        super().__init__(what)
        self.what, self.hint = what, hint


def position(data: bytes, offset: int) -> str:
    line, line_start = data.count(b"\n", 0, offset) + 1, data.rfind(b"\n", 0, offset)
    return f"line {line}, column {offset - line_start}"


def utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when every other byte is NUL, as in ASCII text saved as UTF-16."""
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and not even.count(0):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and not odd.count(0):
        return "utf-16-be"
    return None


def decode(data: bytes) -> str:
    """Text from bytes: UTF-8, any Unicode encoding with a BOM, UTF-16 without one, or Windows-1252/Latin-1."""
    if not data.strip():
        raise TextProblem("the file is empty" + ("" if not data else ": it holds only whitespace"),
                          "give an article with some text in it")
    for magic, kind in MAGIC:
        if data.startswith(magic):
            raise TextProblem(f"this is a binary file ({kind}), not text", TO_TEXT)
    codec = next((name for bom, name in BOMS if data.startswith(bom)), None)
    if codec is None and b"\x00" in data[:4096]:
        codec = utf16_without_bom(data[:4096])
        if codec is None:
            raise TextProblem("this looks like a binary file, not text (it holds NUL bytes)", TO_TEXT)
    text = strict(data, codec) if codec else legacy(data)
    if not text.strip():  # only a byte-order mark, or Unicode spaces
        raise TextProblem("the file holds no text, only a byte-order mark or spaces",
                          "give an article with some text in it")
    controls = len(CONTROL.findall(text[:SAMPLE]))
    if controls > 0.01 * min(len(text), SAMPLE):
        raise TextProblem(f"this looks like binary data, not text ({controls} control characters)", TO_TEXT)
    return text


def strict(data: bytes, codec: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        raise TextProblem(f"not valid {codec.upper()} at {position(data, error.start)}", RESAVE) from None


def mostly_utf8(data: bytes) -> bool:
    """True when most non-ASCII characters decode as UTF-8: a UTF-8 file with some broken bytes."""
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    return sum(ch > "\x7f" for ch in text) - broken >= broken


def legacy(data: bytes) -> str:
    """UTF-8; else, unless it is mostly UTF-8, a single-byte Western encoding (Windows-1252, Latin-1)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        where = position(data, error.start)
    if mostly_utf8(data):
        raise TextProblem(f"not valid UTF-8 at {where} (broken or mixed encodings)", RESAVE)
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise TextProblem(f"not UTF-8 (first bad byte at {where}) nor a Western encoding", RESAVE) from None
    if sum(ch > "\x7f" for ch in text[:SAMPLE]) > 0.3 * min(len(text), SAMPLE):
        raise TextProblem(f"not UTF-8 (first bad byte at {where}); it seems to be in another encoding", RESAVE)
    return text


@lru_cache(maxsize=1)
def identifier():
    """py3langid's bundled model (loaded once, offline), giving normalised probabilities."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def language(text: str) -> tuple[str, float] | None:
    """(ISO 639-1 code, probability) of ``text``, or None when it is too short to tell."""
    sample = text[:LANGUAGE_SAMPLE]
    if len(WORD.findall(sample)) < MIN_WORDS:
        return None
    code, probability = identifier().classify(sample)
    return code, float(probability)


def language_name(code: str) -> str:
    import pycountry

    found = pycountry.languages.get(alpha_2=code)
    return found.name if found else code


def check_language(text: str) -> None:
    """Raise TextProblem when ``text`` is confidently in a language other than English."""
    found = language(text)
    if found and found[0] != "en" and found[1] >= CONFIDENT:
        code, probability = found
        raise TextProblem(f"the text is in {language_name(code)} ({code}, {probability:.0%} sure), not English",
                          "kg reads English news: give an English version of the article")
