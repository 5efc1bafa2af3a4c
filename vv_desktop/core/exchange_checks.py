"""What an exchange file must hold beyond its shape: clean text, fields as the window allows them,
and change marks within a sane time window.

Part of reading a ``.vvplan`` file (:mod:`vv_desktop.core.exchange`): each check works on a plan
document that has passed ``schema.validate``, and raises :class:`ExchangeError` with one Dutch
sentence. The walks are loops, not recursion, and cost one pass over the plan.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

from vv_desktop.core.i18n import translate
from vv_desktop.core.model import CLUB_KINDS
from vv_desktop.core.plan_levels import LABEL, clean_label
from vv_desktop.core.store import MAX_NAME_LENGTH
from vv_desktop.core.text import clean_text

# As long as the club dialog lets them be (ui/dialogs.py); an e-mail address is at most 254 characters (RFC 5321).
CLUB_FIELD_LENGTHS = {"name": 120, "contact_role": 120, "contact_email": 254, "logo": 100}
CARD_CONTACT_LENGTH = 200  # a contact on the card: a role and a phone number or address (ui/help_card.py)

MAX_LEVEL_ID = 100  # a level id is part of answer keys
MAX_DEVICE_ID = 100  # a laptop id (docs/vvplan.schema.json: deviceId); it becomes a key of "seen"

# Change marks: a laptop's clock may be off by days, months or a few years (a dead clock battery starts at
# 1970 or 2000); a mark decades ahead is no clock at all, and at year 9999 every later change overflows.
EARLIEST_MARK = datetime(1970, 1, 1, tzinfo=UTC)
APP_YEAR = datetime(2026, 1, 1, tzinfo=UTC)  # a laptop that says it is earlier than this has a wrong clock
MARKS_AHEAD = timedelta(days=10 * 366)

# Text that needs no cleaning, found without running the cleaner: plain ASCII without control characters.
_ASCII_DIRTY = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


class ExchangeError(ValueError):
    """The file cannot be used; the message is one Dutch sentence saying why."""


def _fail(text: str) -> None:
    raise ExchangeError(text)


# -- text -------------------------------------------------------------------------------------------
def _clean(text: str) -> str:
    if text.isascii() and not _ASCII_DIRTY.search(text):
        return text
    return clean_text(text)


def clean_in_place(doc: dict[str, Any]) -> None:
    """Every text in the document (keys too) through :func:`vv_desktop.core.text.clean_text`.

    In place: a file of 20 MB would cost its size again as a copy.
    """
    stack: list[Any] = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if any(_clean(k) != k for k in node):
                cleaned = {_clean(k): v for k, v in node.items()}
                node.clear()
                node.update(cleaned)
            for key, value in node.items():
                if isinstance(value, str):
                    node[key] = _clean(value)
                elif isinstance(value, dict | list):
                    stack.append(value)
        elif isinstance(node, list):
            for n, value in enumerate(node):
                if isinstance(value, str):
                    node[n] = _clean(value)
                elif isinstance(value, dict | list):
                    stack.append(value)


# -- the name and the club details ----------------------------------------------------------------------
def check_one_line_fields(plan: dict[str, Any]) -> None:
    """The plan's name under the window's rules (store.check_name), the club details as its dialog allows."""
    name = " ".join(clean_text(plan["name"]["v"], one_line=True).split())
    if not name:
        _fail(translate("exchange", "Het plan in het bestand heeft geen naam."))
    if len(name) > MAX_NAME_LENGTH:
        _fail(translate("exchange", "De naam van het plan in het bestand is te lang (meer dan {n} tekens).").format(
            n=MAX_NAME_LENGTH))
    plan["name"]["v"] = name
    club = plan["club"]
    for key, cell in club.items():
        cell["v"] = clean_text(cell["v"], one_line=True).strip()
        limit = CLUB_FIELD_LENGTHS.get(key, CARD_CONTACT_LENGTH)
        if len(cell["v"]) > limit:
            _fail(translate("exchange", "De clubgegevens in het bestand zijn te lang ({key}: meer dan {n} "
                                        "tekens).").format(key=key[:40], n=limit))
    for item in plan.get("levels", []):  # a level's name as the levels dialog allows it
        item["values"][LABEL] = clean_label(item["values"].get(LABEL, ""))
        if len(item["id"]) > MAX_LEVEL_ID:  # a level id is part of answer keys
            _fail(translate("exchange", "Het bestand bevat een niveau dat niet klopt."))
    if club["kind"]["v"] not in CLUB_KINDS:
        _fail(translate("exchange", "Het bestand noemt een onbekende soort club."))


# -- change marks and dates ---------------------------------------------------------------------------------
class _Window:
    """Which times a file may hold; each distinct text is parsed once (a big file repeats its marks)."""

    def __init__(self, now: datetime):
        self.latest = max(now, APP_YEAR) + MARKS_AHEAD
        self.verdict: dict[str, str | None] = {"": None}

    def problem(self, iso: str) -> str | None:
        """None when ``iso`` is fine; else "form" (not a time) or "future"."""
        if iso not in self.verdict:
            try:
                moment = datetime.fromisoformat(iso)
                if moment.tzinfo is None:
                    moment = moment.replace(tzinfo=UTC)
                self.verdict[iso] = ("form" if moment < EARLIEST_MARK else
                                     "future" if moment > self.latest else None)
            except (ValueError, OverflowError):
                self.verdict[iso] = "form"
        return self.verdict[iso]


def _marked(plan: dict[str, Any]) -> list[dict[str, Any]]:
    """Every cell and item with a change mark (``t``, ``d``) in a checked plan document."""
    marked = [plan["name"], *plan["club"].values(), *plan.get("levels", [])]
    for phase in plan["phases"].values():
        marked.append(phase["status"])
        for rnd in phase["rounds"]:
            marked.extend(rnd["answers"].values())
            marked.extend(rnd.get("order", {}).values())
            for items in rnd["lists"].values():
                marked.extend(items)
    return marked


def _times(plan: dict[str, Any], marked: list[dict[str, Any]]) -> list[str]:
    """Every change mark and date in a checked plan document."""
    times = [plan.get("created", ""), plan.get("updated", "")]
    times.extend(plan.get("seen", {}).values())
    times.extend(rnd.get("started", "") for phase in plan["phases"].values() for rnd in phase["rounds"])
    times.extend(cell.get("t", "") for cell in marked)
    return times


def check_marks(plan: dict[str, Any], now: datetime | None = None) -> None:
    window = _Window(now or datetime.now(UTC))
    marked = _marked(plan)
    # A laptop id is at most 100 characters (the schema's deviceId); after a merge it is a key of "seen",
    # and a longer one would make the merged plan a file the colleague's app refuses.
    if any(len(cell.get("d", "")) > MAX_DEVICE_ID for cell in marked):
        _fail(translate("exchange", "Het bestand bevat een ongeldige laptop bij een wijziging."))
    for iso in _times(plan, marked):
        problem = window.problem(iso) if isinstance(iso, str) else "form"
        if problem == "future":
            _fail(translate("exchange", "Het bestand bevat een wijzigingstijd ver in de toekomst ({iso}). De klok "
                                        "van de laptop waar het vandaan komt staat niet goed.").format(iso=iso[:30]))
        if problem:
            _fail(translate("exchange", "Het bestand bevat een ongeldige tijd van een wijziging ({iso}).").format(
                iso=iso[:30] if isinstance(iso, str) else "?"))
