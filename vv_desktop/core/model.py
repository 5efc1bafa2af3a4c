"""The plan: a club's answers to the four phases, with rounds and change marks.

A plan is kept as one plain JSON-able document so that storage, migration and (later)
exchange files all see the same thing. :class:`Plan` is a thin view over that document.

Every answer and list item carries ``t`` (when it last changed, UTC ISO time) and ``d`` (the
random id of the laptop that changed it), so that two boards' edits can be merged later.
Removed list items stay as tombstones (``deleted``) for the same reason.

Document layout (schema 3)::

    {"schema": 2, "kind": "vv-plan", "id": uuid, "created": iso, "seen": {laptop: newest iso seen},
     "name": cell, "club": {"name": cell, "kind": cell, "contact_role": cell,
                             "contact_email": cell, "logo": cell},
     "levels": [item, ...],
     "phases": {phase_id: {"status": cell, "rounds": [round, ...]}}}
    cell  = {"v": value, "t": iso, "d": device}
    round = {"id": uuid, "number": n, "started": iso,
             "answers": {key: cell}, "lists": {field_id: [item, ...]},
             "order"?: {field_id: cell}}
    item  = {"id": uuid, "t": iso, "d": device, "values": {column: value}, "deleted"?: true}

``levels`` are the club's levels (core/plan_levels: the method's, renamed, removed, or its own).
``order`` holds, per list that was reordered, a cell whose value is the item ids in their new
order: a move is a change of its own, so the newer order wins a merge (items it does not name
keep their place after the item before them). Plans without it keep the order of their list.
"""

from __future__ import annotations

import copy
import re
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from vv_desktop.core.phases import PHASE_IDS
from vv_desktop.core.plan_levels import initial_levels

SCHEMA_VERSION = 3
DOC_KIND = "vv-plan"

CLUB_KINDS = ("sport", "cultuur", "buurt", "anders")
DEFAULT_CLUB_KIND = CLUB_KINDS[0]
CLUB_FIELDS = ("name", "kind", "contact_role", "contact_email", "logo")
# The club's own contacts on the card "Als een jongere iets vertelt" (kaart.toml): optional club fields
# "kaart_<contact id>", so that a plan of before the card needs no migration.
CARD_PREFIX = "kaart_"
_CARD_KEY = re.compile(CARD_PREFIX + "[A-Za-z0-9_]{1,60}")  # docs/vvplan.schema.json says the same


def card_key(contact_id: str) -> str:
    return CARD_PREFIX + contact_id


def is_club_key(key: object) -> bool:
    """A club field the plan may hold: one of CLUB_FIELDS, or a contact of the card."""
    return isinstance(key, str) and (key in CLUB_FIELDS or _CARD_KEY.fullmatch(key) is not None)
# A phase's state (stored). What a person reads for each: core/labels.
NOT_STARTED, STARTED, FINISHED = "niet_gestart", "bezig", "afgerond"
STATUSES = (NOT_STARTED, STARTED, FINISHED)


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def new_id() -> str:
    return str(uuid.uuid4())


def _just_after(iso: str) -> str | None:
    """The first mark after ``iso``; None when there is none (not a time, or the end of year 9999).

    A plan may hold marks from a file an older app accepted (year 9999): past its last millisecond
    a microsecond still sorts after it ("...59.999001+00:00" > "...59.999+00:00").
    """
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return None
    for step, spec in ((timedelta(milliseconds=1), "milliseconds"), (timedelta(microseconds=1), "microseconds")):
        try:
            later = (moment + step).isoformat(timespec=spec)
        except OverflowError:
            continue
        if later > iso:
            return later
    return None


def cell_key(field_id: str, *parts: str) -> str:
    """The answer key of one cell: ``besproken/bestuur/datum``."""
    return "/".join((field_id, *parts))


class Plan:
    """A view over a plan document that records who changed what, and when."""

    def __init__(self, doc: dict[str, Any], device_id: str, clock: Callable[[], str] = utc_now):
        self.doc = doc
        self.device_id = device_id
        self._clock = clock

    # -- creation -------------------------------------------------------------------------
    @classmethod
    def new(cls, name: str, club_name: str, device_id: str, kind: str = DEFAULT_CLUB_KIND,
            clock: Callable[[], str] = utc_now) -> Plan:
        now = clock()
        plan = cls({"schema": SCHEMA_VERSION, "kind": DOC_KIND, "id": new_id(), "created": now,
                    "name": {}, "club": {}, "phases": {}}, device_id, clock)
        plan.doc["name"] = plan._cell(name.strip())
        for key in CLUB_FIELDS:
            plan.doc["club"][key] = plan._cell("")
        plan.doc["club"]["name"] = plan._cell(club_name.strip())
        plan.doc["club"]["kind"] = plan._cell(kind)
        plan.doc["levels"] = initial_levels(plan._stamp())
        for pid in PHASE_IDS:
            plan.doc["phases"][pid] = {"status": plan._cell(NOT_STARTED),
                                       "rounds": [plan._new_round(1)]}
        return plan

    def copy_as(self, name: str) -> Plan:
        """A duplicate with a new identity (for a new season, or a second club)."""
        doc = copy.deepcopy(self.doc)
        doc["id"] = new_id()
        doc["created"] = self._clock()
        clone = Plan(doc, self.device_id, self._clock)
        clone.doc["name"] = clone._cell(name.strip())
        return clone

    def _stamp(self) -> tuple[str, str]:
        """A change mark (time, laptop). The plan also remembers, per laptop, the newest change it
        has seen from it (``seen``): merging compares times of one laptop only, so clocks that
        differ between laptops do not matter."""
        now = self._clock()
        seen = self.doc.setdefault("seen", {})
        last = seen.get(self.device_id, "")
        if now <= last:  # this laptop's clock went back (it was corrected): stay after its own last change
            now = _just_after(last) or now
        seen[self.device_id] = max(now, last)
        return now, self.device_id

    def change_mark(self) -> tuple[str, str]:
        """A fresh change mark (time, laptop) for a change made outside this view (e.g. a merge choice)."""
        return self._stamp()

    def _cell(self, value: Any) -> dict[str, Any]:
        t, d = self._stamp()
        return {"v": value, "t": t, "d": d}

    def _new_round(self, number: int) -> dict[str, Any]:
        return {"id": new_id(), "number": number, "started": self._clock(),
                "answers": {}, "lists": {}}

    # -- identity and club ------------------------------------------------------------------
    @property
    def id(self) -> str:
        return self.doc["id"]

    @property
    def name(self) -> str:
        return self.doc["name"]["v"]

    @name.setter
    def name(self, value: str) -> None:
        self.doc["name"] = self._cell(value.strip())

    def club(self, key: str) -> str:
        return self.doc["club"].get(key, {}).get("v", "")

    def set_club(self, key: str, value: str) -> bool:
        if not is_club_key(key):
            raise KeyError(key)
        if self.club(key) == value:
            return False
        self.doc["club"][key] = self._cell(value)
        return True

    @property
    def updated(self) -> str:
        """When the plan was last saved (set by the store; for sorting the plan list)."""
        return self.doc.get("updated") or self.doc.get("created", "")

    # -- phases, status and rounds ----------------------------------------------------------
    def status(self, phase: str) -> str:
        return self.doc["phases"][phase]["status"]["v"]

    def set_status(self, phase: str, status: str) -> bool:
        if status not in STATUSES:
            raise ValueError(status)
        if self.status(phase) == status:
            return False
        self.doc["phases"][phase]["status"] = self._cell(status)
        return True

    def rounds(self, phase: str) -> list[dict[str, Any]]:
        return self.doc["phases"][phase]["rounds"]

    def round(self, phase: str, index: int | None = None) -> dict[str, Any]:
        rounds = self.rounds(phase)
        return rounds[-1 if index is None else index]

    def start_new_round(self, phase: str, copy_previous: bool) -> dict[str, Any]:
        """Begin another round of a phase; earlier rounds stay as they are, readable."""
        rounds = self.rounds(phase)
        fresh = self._new_round(rounds[-1]["number"] + 1)
        if copy_previous:
            fresh["answers"] = copy.deepcopy(rounds[-1]["answers"])
            fresh["lists"] = _copy_lists(rounds[-1]["lists"])
        rounds.append(fresh)
        if self.status(phase) == FINISHED:
            self.set_status(phase, STARTED)
        return fresh

    # -- answers ----------------------------------------------------------------------------
    def answer(self, phase: str, key: str, default: Any = "", round_index: int | None = None) -> Any:
        cell = self.round(phase, round_index)["answers"].get(key)
        return default if cell is None else cell["v"]

    def set_answer(self, phase: str, key: str, value: Any) -> bool:
        """Store one answer in the current round; returns False when nothing changed."""
        answers = self.round(phase)["answers"]
        old = answers.get(key)
        if (old is None and value in ("", None, False)) or (old is not None and old["v"] == value):
            return False
        answers[key] = self._cell(value)
        self._mark_started(phase)
        return True

    def _mark_started(self, phase: str) -> None:
        if self.status(phase) == NOT_STARTED:
            self.set_status(phase, STARTED)

    # -- list items -------------------------------------------------------------------------
    def _raw_items(self, phase: str, field_id: str, round_index: int | None = None,
                   create: bool = False) -> list[dict[str, Any]]:
        lists = self.round(phase, round_index)["lists"]
        if create:
            return lists.setdefault(field_id, [])
        return lists.get(field_id, [])

    def items(self, phase: str, field_id: str, round_index: int | None = None) -> list[dict[str, Any]]:
        return [i for i in self._raw_items(phase, field_id, round_index) if not i.get("deleted")]

    def item(self, phase: str, field_id: str, item_id: str) -> dict[str, Any]:
        for it in self._raw_items(phase, field_id):
            if it["id"] == item_id and not it.get("deleted"):
                return it
        raise KeyError(item_id)

    def add_item(self, phase: str, field_id: str, values: dict[str, Any] | None = None,
                 item_id: str | None = None) -> str:
        t, d = self._stamp()
        item = {"id": item_id or new_id(), "t": t, "d": d, "values": dict(values or {})}
        self._raw_items(phase, field_id, create=True).append(item)
        self._mark_started(phase)
        return item["id"]

    def set_item_value(self, phase: str, field_id: str, item_id: str, column: str, value: Any) -> bool:
        item = self.item(phase, field_id, item_id)
        if item["values"].get(column) == value:
            return False
        item["values"][column] = value
        item["t"], item["d"] = self._stamp()
        return True

    def remove_item(self, phase: str, field_id: str, item_id: str) -> None:
        """Mark an item deleted; it keeps its values, so a merge or an undo can still see them."""
        item = self.item(phase, field_id, item_id)
        item["deleted"] = True
        item["t"], item["d"] = self._stamp()

    def restore_item(self, phase: str, field_id: str, item_id: str) -> dict[str, Any]:
        """Undo :meth:`remove_item`: the item is back, with the values it had."""
        item = next(i for i in self._raw_items(phase, field_id) if i["id"] == item_id)
        item.pop("deleted", None)
        item["t"], item["d"] = self._stamp()
        return item

    def move_item(self, phase: str, field_id: str, item_id: str, offset: int) -> bool:
        """Swap an item with the live item ``offset`` places away; the new order gets a change mark
        (``order``), so that the other laptop takes it over on the next exchange."""
        raw = self._raw_items(phase, field_id)
        live = [i for i in raw if not i.get("deleted")]
        pos = next(n for n, i in enumerate(live) if i["id"] == item_id)
        target = pos + offset
        if not 0 <= target < len(live):
            return False
        a, b = raw.index(live[pos]), raw.index(live[target])
        raw[a], raw[b] = raw[b], raw[a]
        self.round(phase).setdefault("order", {})[field_id] = self._cell([i["id"] for i in raw])
        return True



def _copy_lists(lists: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """Copies of the live items with new ids; references between them (an action's objective) follow."""
    new_ids = {item["id"]: new_id() for items in lists.values() for item in items if not item.get("deleted")}
    copied: dict[str, list[dict[str, Any]]] = {}
    for field_id, items in lists.items():
        copied[field_id] = []
        for item in items:
            if item.get("deleted"):
                continue
            clone = copy.deepcopy(item)
            clone["id"] = new_ids[item["id"]]
            clone["values"] = {k: new_ids.get(v, v) if isinstance(v, str) else v for k, v in clone["values"].items()}
            copied[field_id].append(clone)
    return copied
