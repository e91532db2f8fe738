"""Undo article-spinner substitutions, keeping a map to the original characters."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.lexicon import load_json
from kg.model import NormalisedText

CONTEXT = 60
WORD_START, WORD_END = r"(?<![\w-])", r"(?![\w-])"


@dataclass(frozen=True, slots=True)
class Substitution:
    """One lexicon entry: replace ``pattern`` when the context conditions hold."""

    id: str
    pattern: re.Pattern[str]
    replacements: dict[str, str]
    before: re.Pattern[str] | None
    after: re.Pattern[str] | None

    def replacement(self, matched: str) -> str:
        """The replacement for one matched alternative (or the single replacement)."""
        return self.replacements.get(matched.lower(), self.replacements[""])

    def applies(self, text: str, start: int, end: int) -> bool:
        if self.before and not self.before.search(text[max(0, start - CONTEXT):start]):
            return False
        return not (self.after and not self.after.search(text[end:end + CONTEXT]))


@lru_cache(maxsize=1)
def substitutions() -> tuple[Substitution, ...]:
    """The spinner lexicon, compiled."""
    entries = load_json("lexicon/spinner.json")["entries"]
    return tuple(
        Substitution(
            id=e["id"],
            pattern=re.compile(rf"{WORD_START}(?:{e['match']}){WORD_END}", re.IGNORECASE),
            replacements=alternatives(e["match"], e["replace"]),
            before=re.compile(e["before"], re.IGNORECASE) if e.get("before") else None,
            after=re.compile(e["after"], re.IGNORECASE) if e.get("after") else None,
        )
        for e in entries
    )


def alternatives(match: str, replace: str) -> dict[str, str]:
    """Map each alternative of ``match`` to its own replacement when both lists align."""
    sources, targets = match.lower().split("|"), replace.split("|")
    if len(targets) == len(sources) and len(targets) > 1:
        return {"": targets[0], **dict(zip(sources, targets))}
    return {"": replace}


def match_case(replacement: str, original: str) -> str:
    """Carry the capitalisation of the original word over to its replacement."""
    return replacement[:1].upper() + replacement[1:] if original[:1].isupper() else replacement


@lru_cache(maxsize=1)
def noise_patterns() -> tuple[tuple[str, re.Pattern[str], str], ...]:
    """Boilerplate to delete (datelines, page furniture) or to replace (names joined by underscores)."""
    entries = load_json("lexicon/noise.json")["entries"]
    return tuple((e["id"], re.compile(e["pattern"], re.MULTILINE), e.get("replace", "")) for e in entries)


def find_edits(text: str) -> list[tuple[int, int, str, str]]:
    """Non-overlapping (start, end, replacement, rule id) edits, in text order."""
    edits: list[tuple[int, int, str, str]] = []
    taken: set[int] = set()
    for rule, pattern, replacement in noise_patterns():
        for match in pattern.finditer(text):
            if match.end() > match.start() and not taken.intersection(range(match.start(), match.end())):
                taken.update(range(match.start(), match.end()))
                edits.append((match.start(), match.end(), replacement, rule))
    for start in candidates().finditer(text):
        for sub in substitutions():
            match = sub.pattern.match(text, start.start())
            if match is None:
                continue
            span = range(match.start(), match.end())
            if taken.intersection(span) or not sub.applies(text, match.start(), match.end()):
                continue
            taken.update(span)
            replacement = match_case(sub.replacement(match.group()), match.group())
            edits.append((match.start(), match.end(), replacement, sub.id))
            break
    return sorted(edits)


@lru_cache(maxsize=1)
def candidates() -> re.Pattern[str]:
    """One scan for every place where some substitution could start (the word-start test comes first:
    most positions fail it at once)."""
    words = "|".join(sub.pattern.pattern.removeprefix(WORD_START) for sub in substitutions())
    return re.compile(f"{WORD_START}(?={words})", re.IGNORECASE)


def normalise(text: str) -> NormalisedText:
    """Repair spinner noise; unspun text comes back unchanged."""
    pieces: list[str] = []
    offsets: list[int] = []
    cursor = 0
    edits = find_edits(text)
    dispatches: list[tuple[int, str]] = []
    for start, end, replacement, rule in edits:
        pieces.append(text[cursor:start])
        offsets.extend(range(cursor, start))
        if rule.startswith("dateline"):
            dispatches.append((len(offsets), text[start:end].strip()))
        pieces.append(replacement)
        offsets.extend(start + min(i, end - start - 1) for i in range(len(replacement)))
        cursor = end
    pieces.append(text[cursor:])
    offsets.extend(range(cursor, len(text) + 1))
    return NormalisedText(original=text, text="".join(pieces), offsets=tuple(offsets),
                          dateline=dispatches[0][1] if dispatches else "", dispatches=tuple(dispatches))
