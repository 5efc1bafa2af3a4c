"""A small summary beside each plan file, so the list of plans opens fast.

Listing 200 plans by parsing every plan file costs about as much as starting Qt. Each plan
folder therefore holds ``summary.json``: what the plan list shows, plus the size and change
time of ``plan.json`` when the summary was written. A summary is used only while those still
match; otherwise (an older app, a crash between the two writes, a file changed or damaged by
something else) the plan file itself is read and checked, and the summary is written anew.
The summary is a cache: losing it loses nothing.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any, NamedTuple

from vv_desktop.core.atomic import atomic_write_bytes
from vv_desktop.core.model import SCHEMA_VERSION, Plan
from vv_desktop.core.text import needs_cleaning
from vv_desktop.core.worksheets import PHASE_IDS

log = logging.getLogger(__name__)

SUMMARY_FILE = "summary.json"


TEXT_FIELDS = ("id", "name", "club", "kind", "updated")


class PlanSummary(NamedTuple):
    id: str
    name: str
    club: str
    kind: str
    updated: str
    statuses: tuple[str, ...]
    rounds: tuple[int, ...]


def summarize(plan: Plan) -> PlanSummary:
    return PlanSummary(
        id=plan.id,
        name=plan.name,
        club=plan.club("name"),
        kind=plan.club("kind"),
        updated=plan.updated,
        statuses=tuple(plan.status(p) for p in PHASE_IDS),
        rounds=tuple(len(plan.rounds(p)) for p in PHASE_IDS),
    )


def _fingerprint(plan_file: Path) -> list[int]:
    stat = plan_file.stat()
    return [stat.st_size, stat.st_mtime_ns]


def to_data(summary: PlanSummary, fingerprint: list[int]) -> dict[str, Any]:
    """The JSON form of a summary (a summary file, an entry of the plan index)."""
    return {"plan_file": list(fingerprint), **summary._asdict()}


def write_summary(plan_file: Path, summary: PlanSummary, fingerprint: list[int] | None = None) -> None:
    """Record ``summary`` for the plan file as it is on disk now (no fsync: it is a cache).

    ``fingerprint``: of the plan file as it was when it was read (from another thread); a file
    changed since then no longer matches it, so the summary is not used for the newer file.

    A summary that cannot be written (a folder named summary.json, a full disk) costs only a
    slower plan list: the plan itself is saved already, so that is no reason to report a failure.
    """
    try:
        data = {"schema": SCHEMA_VERSION, **to_data(summary, fingerprint or _fingerprint(plan_file))}
        atomic_write_bytes(plan_file.with_name(SUMMARY_FILE), json.dumps(data, ensure_ascii=False).encode("utf-8"),
                           durable=False)
    except (OSError, UnicodeError) as exc:
        log.warning("summary of %s not written: %s", plan_file, exc)


def _text(data: dict[str, Any], key: str, check: bool = True) -> str:
    value = data.get(key)
    if not isinstance(value, str) or (check and needs_cleaning(value)):  # e.g. a lone surrogate: read the plan
        raise ValueError(key)
    return value


def from_data(data: Any, check_text: bool = True) -> PlanSummary | None:
    """A summary from its JSON form, or None when ``data`` is not one (damaged, of another version).

    ``check_text=False``: the caller checks the texts itself (the plan index, all at once)."""
    if not isinstance(data, dict):
        return None
    statuses, rounds = data.get("statuses"), data.get("rounds")
    if not (isinstance(statuses, list) and len(statuses) == len(PHASE_IDS)
            and all(isinstance(s, str) for s in statuses)
            and isinstance(rounds, list) and len(rounds) == len(PHASE_IDS)
            and all(isinstance(r, int) for r in rounds)):
        return None
    try:
        return PlanSummary(*(_text(data, key, check_text) for key in TEXT_FIELDS), tuple(statuses), tuple(rounds))
    except ValueError:
        return None


def read_summary(plan_file: Path) -> PlanSummary | None:
    """The summary of ``plan_file``, or None when it is missing, damaged or out of date."""
    try:
        data = json.loads(plan_file.with_name(SUMMARY_FILE).read_bytes())
        if not isinstance(data, dict) or data.get("schema") != SCHEMA_VERSION \
                or data.get("plan_file") != _fingerprint(plan_file):
            return None
        return from_data(data)
    except (OSError, ValueError):
        return None
