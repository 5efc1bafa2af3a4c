"""Dates as people type them (plain pytest)."""

from __future__ import annotations

from datetime import date

import pytest

from vv_desktop.core.dates import format_date, normalise, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14-3-2026", date(2026, 3, 14)),
        ("14-03-2026", date(2026, 3, 14)),
        ("14/03/2026", date(2026, 3, 14)),
        ("14.03.2026", date(2026, 3, 14)),
        ("14 3 2026", date(2026, 3, 14)),
        ("1-1-26", date(2026, 1, 1)),
        ("  7-9-2026  ", date(2026, 9, 7)),
        ("2026-03-14", date(2026, 3, 14)),
        ("2026-3-4", date(2026, 3, 4)),
        ("14 maart 2026", date(2026, 3, 14)),
        ("14 Maart 2026", date(2026, 3, 14)),
        ("14 MRT 2026", date(2026, 3, 14)),
        ("14 mrt. 2026", date(2026, 3, 14)),
        ("1 mei 2026", date(2026, 5, 1)),
        ("3 sept 2026", date(2026, 9, 3)),
        ("31 december 2026", date(2026, 12, 31)),
        ("29-02-2028", date(2028, 2, 29)),  # leap year
    ],
)
def test_recognised_dates(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "morgen",
        "volgende week dinsdag",
        "31-02-2026",  # no such day
        "29-02-2027",  # not a leap year
        "32-01-2026",
        "00-01-2026",
        "14-13-2026",
        "2026-02-30",
        "2026-13-01",
        "14 maartje 2026",
        "14 march 2026",  # English month names are not Dutch ones
        "14-03",
        "14-03-202",
        "14-03-20260",
        "2026/03/14",
        "14--03-2026",
        "14-03-2026 extra",
    ],
)
def test_unrecognised_text(text: str) -> None:
    assert parse_date(text) is None


def test_format_is_dutch_day_month_year() -> None:
    assert format_date(date(2026, 3, 4)) == "04-03-2026"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4-3-2026", ("04-03-2026", True)),
        ("2026-03-04", ("04-03-2026", True)),
        ("4 maart 2026", ("04-03-2026", True)),
        ("", ("", True)),  # empty is fine: the date is simply not filled in
        ("   ", ("", True)),
        ("morgen", ("morgen", False)),  # kept as typed, but marked as not a date
        ("31-02-2026", ("31-02-2026", False)),
    ],
)
def test_normalise(text: str, expected: tuple[str, bool]) -> None:
    assert normalise(text) == expected


def test_normalise_is_stable() -> None:
    once, ok = normalise("14 mrt 2026")
    assert ok and normalise(once) == (once, True)
