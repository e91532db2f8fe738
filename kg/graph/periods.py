"""The periods that statement times name: ISO 8601 dates at the precision the article gives."""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta


def time_span(value: str | None) -> tuple[str, str] | None:
    """First and last day (ISO dates) of a ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or ``YYYY-Www`` time."""
    if not value:
        return None
    if m := re.fullmatch(r"(\d{4})-W(\d{2})", value):
        first = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        return first.isoformat(), (first + timedelta(days=6)).isoformat()
    if m := re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value):
        year = int(m[1])
        if m[3]:
            return value, value
        if m[2]:
            last = calendar.monthrange(year, int(m[2]))[1]
            return f"{m[1]}-{m[2]}-01", f"{m[1]}-{m[2]}-{last:02d}"
        return f"{year:04d}-01-01", f"{year:04d}-12-31"
    return None


def time_start(value: str | None) -> str | None:
    """The first instant of the period, as an ``xsd:dateTime`` lexical form without a time zone."""
    span = time_span(value)
    return f"{span[0]}T00:00:00" if span else None
