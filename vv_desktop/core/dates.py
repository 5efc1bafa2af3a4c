"""Dates as people type them: 14-3-2026, 14/03/2026, 2026-03-14, 14 maart 2026."""

from __future__ import annotations

import re
from datetime import date, datetime

MONTHS = {
    "jan": 1, "januari": 1, "feb": 2, "februari": 2, "mrt": 3, "maart": 3, "apr": 4, "april": 4,
    "mei": 5, "jun": 6, "juni": 6, "jul": 7, "juli": 7, "aug": 8, "augustus": 8, "sep": 9, "sept": 9,
    "september": 9, "okt": 10, "oktober": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

_NUMERIC = re.compile(r"^\s*(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{2}|\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_WORDS = re.compile(r"^\s*(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})\s*$", re.IGNORECASE)


def parse_date(text: str) -> date | None:
    """The date meant by ``text``, or None when it is not a date we recognise."""
    try:
        if m := _ISO.match(text):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := _NUMERIC.match(text):
            year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
            return date(year, int(m[2]), int(m[1]))
        if (m := _WORDS.match(text)) and m[2].lower() in MONTHS:
            return date(int(m[3]), MONTHS[m[2].lower()], int(m[1]))
    except ValueError:
        return None
    return None


def format_date(value: date) -> str:
    return value.strftime("%d-%m-%Y")


def normalise(text: str) -> tuple[str, bool]:
    """(text to keep, recognised?): a recognised date is written as dd-mm-jjjj, anything else kept."""
    if not text.strip():
        return "", True
    parsed = parse_date(text)
    return (format_date(parsed), True) if parsed else (text, False)


def local_time(iso: str, with_time: bool = False) -> str:
    """A stored UTC time stamp as the user reads it: 22-11-2026 (14:05), in the laptop's time zone."""
    try:
        moment = datetime.fromisoformat(iso).astimezone()
    except (TypeError, ValueError):
        return ""
    return moment.strftime("%d-%m-%Y %H:%M" if with_time else "%d-%m-%Y")
