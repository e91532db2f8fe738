"""When a statement happened: the date expressions of its clause, resolved against
the article's publication date ('in August', 'last December', 'on Tuesday', 'in 1993'), and since and until
when it holds ('since 2020', 'until last year'; a former fact held until the article at the latest).
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from spacy.tokens import Span, Token

from kg.lexicon import load_json
from kg.parse.sentences import sentence_of

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}


def shift_month(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def resolve_date(text: str, published: date | None, future: bool = False) -> str | None:
    """An ISO 8601 (partial) date for a date expression, or None."""
    words = re.findall(r"[a-z]+|\d+", text.lower())
    years = [int(w) for w in words if len(w) == 4 and w.isdigit() and 1800 < int(w) < 2200]
    months = [MONTHS[w] for w in words if w in MONTHS and (w != "may" or len(words) > 1)]
    days = [int(w) for w in words if w.isdigit() and 1 <= int(w) <= 31 and len(w) <= 2]
    weekdays = [WEEKDAYS[w] for w in words if w in WEEKDAYS]
    if years and months and days:
        return f"{years[0]:04d}-{months[0]:02d}-{days[0]:02d}"
    if years and months:
        return f"{years[0]:04d}-{months[0]:02d}"
    if years:
        return f"{years[0]:04d}"
    if published is None:
        return None
    if months:
        month, year = months[0], published.year
        if "last" in words:
            year -= month >= published.month
        elif "next" in words:
            year += month <= published.month
        elif future:
            year += month < published.month
        else:
            year -= month > published.month
        return f"{year:04d}-{month:02d}-{days[0]:02d}" if days else f"{year:04d}-{month:02d}"
    if weekdays:
        delta = (weekdays[0] - published.weekday()) % 7
        day = published + timedelta(days=delta if future else delta - 7 if delta else 0)
        return day.isoformat()
    return relative_date(words, published)


def relative_date(words: list[str], published: date) -> str | None:
    """'last month', 'earlier this month', 'last week', 'yesterday', 'next year'."""
    unit = next((w.removesuffix("s") for w in words if w.removesuffix("s") in ("day", "week", "month", "year")), None)
    if "yesterday" in words:
        return (published - timedelta(days=1)).isoformat()
    if "today" in words:
        return published.isoformat()
    if "tomorrow" in words:
        return (published + timedelta(days=1)).isoformat()
    if not {"last", "past", "next", "this", "ago", "coming"} & set(words):
        return None  # a duration ('less than a year', 'two-day'), not a date
    step = -1 if "last" in words or "past" in words else 1 if "next" in words or "coming" in words else 0
    if "ago" in words:
        numbers = load_json("lexicon/time.json")["numbers"]
        step = -next((numbers.get(w) or int(w) for w in words if w in numbers or w.isdigit()), 1)
    if unit == "day":
        return (published + timedelta(days=step)).isoformat()
    if unit == "year":
        return f"{published.year + step:04d}"
    if unit == "month":
        return shift_month(published, step).strftime("%Y-%m")
    if unit == "week":
        monday = published - timedelta(days=published.weekday()) + timedelta(weeks=step)
        return f"{monday.isocalendar().year:04d}-W{monday.isocalendar().week:02d}"
    return None


def date_entities(doc) -> list[Span]:
    """The DATE entities of a document, found once."""
    if "kg.dates" not in doc.user_data:
        doc.user_data["kg.dates"] = [ent for ent in doc.ents if ent.label_ == "DATE"]
    return doc.user_data["kg.dates"]


def clause_dates(trigger: Token, verb: Token) -> list[Span]:
    """DATE entities attached to the trigger's clause, nearest first."""
    sentence = sentence_of(trigger)
    found = []
    for ent in date_entities(trigger.doc):
        if not sentence.start <= ent.start < sentence.end:
            continue
        node = ent.root
        for _ in range(4):
            if node in (trigger, verb):
                found.append(ent)
                break
            if node.head.i == node.i or node.pos_ in ("VERB", "AUX") and node not in (trigger, verb):
                break
            node = node.head
    return sorted(found, key=lambda ent: abs(ent.start - trigger.i))


def bound_of(ent: Span) -> str | None:
    """'since' or 'until' when a date expression opens or closes a period ('since 2020', 'until last year')."""
    before = ent.doc[ent.start - 1].lower_ if ent.start else ""
    cues = load_json("lexicon/modality.json")["validity_prepositions"]
    return next((bound for bound, words in cues.items() if before in words or ent[0].lower_ in words), None)


def validity(trigger: Token, verb: Token, published: date | None, status: str) -> tuple[str | None, str | None]:
    """Since and until when the statement holds, as ISO 8601 times, where the clause says."""
    found: dict[str, str | None] = {}
    for ent in clause_dates(trigger, verb):
        if (bound := bound_of(ent)) and not found.get(bound):
            found[bound] = resolve_date(ent.text, published)
    until = found.get("until") or (published.isoformat() if status == "former" and published else None)
    return found.get("since"), until


def statement_time(trigger: Token, verb: Token, published: date | None, future: bool) -> str | None:
    for ent in clause_dates(trigger, verb):
        if bound_of(ent):  # the start or end of a period, not when the event happened
            continue
        resolved = resolve_date(ent.text, published, future)
        if resolved:
            return resolved
    return None
