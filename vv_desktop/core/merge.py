"""Merging a colleague's version of a plan into ours, field by field.

Every answer, list item and club detail carries when and on which laptop it last changed. With
the version both laptops last had in common (the *base*: what was last exported or imported), a
three-way merge decides per field:

* same value on both sides, or changed on one side only: merged by itself;
* changed on both sides to different values: a :class:`Conflict` for a person to decide
  (keep mine / take theirs / keep both).

Lists (actions, objectives, tips...) are merged per item: the union, without duplicates.
Rounds are matched by their id. Nothing is ever dropped: an item deleted on one side and changed
on the other is a conflict, not a silent loss.
"""

from __future__ import annotations

import copy
from typing import Any, NamedTuple

Cell = dict[str, Any]

MINE, THEIRS, BOTH = "mine", "theirs", "both"


class Conflict(NamedTuple):
    id: str  # stable within one merge: "phase/round/key" or "club/name"
    area: str  # "name" | "club" | "status" | "answer" | "item"
    phase: str  # "" for the club and the name
    key: str  # the club field, the answer key, or "field_id/item_id"
    mine: Any
    theirs: Any
    round_id: str = ""  # answers and items: the round they belong to

    @property
    def can_keep_both(self) -> bool:
        """Both versions fit side by side only in a list or in a written answer (not in a state or a name)."""
        return self.area == "item" or (self.area == "answer" and isinstance(self.mine, str)
                                       and isinstance(self.theirs, str))


def _stamp(cell: Cell) -> tuple[str, str]:
    return str(cell.get("t", "")), str(cell.get("d", ""))


def _changed(cell: Cell, base: Cell | None) -> bool:
    """Did this side change the field since the common version? (No common version: assume yes.)"""
    if base is None:
        return True
    return _stamp(cell) != _stamp(base) and _stamp(cell)[0] >= _stamp(base)[0]


def _newer(a: Cell, b: Cell) -> Cell:
    return a if _stamp(a) >= _stamp(b) else b


def _merge_value(local: Cell | None, remote: Cell | None, base: Cell | None,
                 same: Any) -> tuple[Cell | None, bool]:
    """(merged cell, conflict?) for one cell or item; ``same`` compares the contents."""
    if remote is None:
        return local, False
    if local is None:
        return copy.deepcopy(remote), False
    if same(local, remote):
        return copy.deepcopy(_newer(local, remote)), False
    local_changed, remote_changed = _changed(local, base), _changed(remote, base)
    if remote_changed and not local_changed:
        return copy.deepcopy(remote), False
    if local_changed and not remote_changed:
        return local, False
    return local, True


def _same_cell(a: Cell, b: Cell) -> bool:
    return a.get("v") == b.get("v")


def _same_item(a: Cell, b: Cell) -> bool:
    return a.get("values") == b.get("values") and bool(a.get("deleted")) == bool(b.get("deleted"))


class _Merger:
    def __init__(self, base: dict[str, Any] | None):
        self.base = base or {}
        self.conflicts: list[Conflict] = []

    def cell(self, local: Cell | None, remote: Cell | None, base: Cell | None, conflict: Conflict) -> Cell | None:
        merged, clash = _merge_value(local, remote, base, _same_cell)
        if clash:
            self.conflicts.append(conflict._replace(mine=local.get("v"), theirs=remote.get("v")))
        return merged

    def items(self, local: list[Cell], remote: list[Cell], base: list[Cell], phase: str, field_id: str,
              round_id: str) -> list[Cell]:
        base_by_id = {i.get("id"): i for i in base}
        remote_by_id = {i.get("id"): i for i in remote}
        merged = []
        for item in local:
            other = remote_by_id.pop(item.get("id"), None)
            result, clash = _merge_value(item, other, base_by_id.get(item.get("id")), _same_item)
            if clash:
                self.conflicts.append(Conflict(f"{phase}/{round_id}/{field_id}/{item['id']}", "item", phase,
                                               f"{field_id}/{item['id']}", item, other, round_id))
            merged.append(result)
        # Items only they have: placed after the item that precedes them on their side, so that both
        # laptops end up with the same order after exchanging both ways.
        previous_id = None
        for item in remote:
            if item.get("id") in remote_by_id:
                at = next((n + 1 for n, i in enumerate(merged) if i.get("id") == previous_id), 0 if previous_id
                          is None else len(merged))
                merged.insert(at, copy.deepcopy(item))
            previous_id = item.get("id")
        return merged

    def round(self, local: dict[str, Any], remote: dict[str, Any], base: dict[str, Any] | None,
              phase: str) -> dict[str, Any]:
        base = base or {"answers": {}, "lists": {}}
        round_id = local["id"]
        answers = dict(local["answers"])
        for key, theirs in remote["answers"].items():
            answers[key] = self.cell(local["answers"].get(key), theirs, base["answers"].get(key),
                                     Conflict(f"{phase}/{round_id}/{key}", "answer", phase, key, None, None,
                                              round_id))
        lists = dict(local["lists"])
        for field_id, theirs in remote["lists"].items():
            lists[field_id] = self.items(local["lists"].get(field_id, []), theirs,
                                         base["lists"].get(field_id, []), phase, field_id, round_id)
        return dict(local, answers=answers, lists=lists)

    def phase(self, phase: str, local: dict[str, Any], remote: dict[str, Any]) -> dict[str, Any]:
        base_phase = (self.base.get("phases") or {}).get(phase) or {}
        status = self.cell(local["status"], remote["status"], base_phase.get("status"),
                           Conflict(f"{phase}/status", "status", phase, "status", None, None))
        base_rounds = {r.get("id"): r for r in base_phase.get("rounds", [])}
        remote_rounds = {r["id"]: r for r in remote["rounds"]}
        rounds = []
        for rnd in local["rounds"]:
            theirs = remote_rounds.pop(rnd["id"], None)
            rounds.append(rnd if theirs is None else self.round(rnd, theirs, base_rounds.get(rnd["id"]), phase))
        rounds.extend(copy.deepcopy(r) for r in remote["rounds"] if r["id"] in remote_rounds)
        rounds.sort(key=lambda r: (str(r.get("started", "")), r["id"]))
        for number, rnd in enumerate(rounds, start=1):  # both may have started "round 2": number them anew
            rnd["number"] = number
        return dict(local, status=status, rounds=rounds)


def merge(local: dict[str, Any], remote: dict[str, Any], base: dict[str, Any] | None) -> tuple[dict[str, Any],
                                                                                              list[Conflict]]:
    """Merge ``remote`` into ``local`` (plan documents of the same plan id).

    Returns the merged document, holding *my* value wherever there is a conflict, and the
    conflicts. Neither input is changed.
    """
    local = copy.deepcopy(local)
    m = _Merger(base)
    local["name"] = m.cell(local["name"], remote.get("name"), m.base.get("name"),
                           Conflict("name", "name", "", "name", None, None))
    base_club = m.base.get("club") or {}
    for key, theirs in (remote.get("club") or {}).items():
        local["club"][key] = m.cell(local["club"].get(key), theirs, base_club.get(key),
                                    Conflict(f"club/{key}", "club", "", key, None, None))
    for phase, theirs in (remote.get("phases") or {}).items():
        if phase in local["phases"]:
            local["phases"][phase] = m.phase(phase, local["phases"][phase], theirs)
    return local, m.conflicts


def apply_choices(merged: dict[str, Any], conflicts: list[Conflict], choices: dict[str, str],
                  stamp: tuple[str, str]) -> dict[str, Any]:
    """Settle the conflicts: ``choices`` maps a conflict id to mine / theirs / both (default: mine).

    A choice is a new change, so it gets a fresh ``stamp`` (time, laptop): the other laptop then
    takes it over by itself on the next exchange.
    """
    doc = copy.deepcopy(merged)
    now, device = stamp
    for c in conflicts:
        choice = choices.get(c.id, MINE)
        if choice == BOTH and not c.can_keep_both:
            choice = MINE
        if choice == MINE:
            continue
        if c.area == "item":
            _settle_item(doc, c, choice, stamp)
            continue
        value = c.theirs if choice == THEIRS else f"{c.mine}\n\n— {_OTHER_VERSION} —\n{c.theirs}"
        cell = {"v": value, "t": now, "d": device}
        if c.area == "name":
            doc["name"] = cell
        elif c.area == "club":
            doc["club"][c.key] = cell
        elif c.area == "status":
            doc["phases"][c.phase]["status"] = cell
        else:
            _round_of(doc, c)["answers"][c.key] = cell
    return doc


_OTHER_VERSION = "andere versie"


def _round_of(doc: dict[str, Any], c: Conflict) -> dict[str, Any]:
    return next(r for r in doc["phases"][c.phase]["rounds"] if r["id"] == c.round_id)


def _settle_item(doc: dict[str, Any], c: Conflict, choice: str, stamp: tuple[str, str]) -> None:
    from vv_desktop.core.model import new_id

    field_id, item_id = c.key.split("/", 1)
    items = _round_of(doc, c)["lists"][field_id]
    index = next(n for n, i in enumerate(items) if i["id"] == item_id)
    theirs = dict(copy.deepcopy(c.theirs), t=stamp[0], d=stamp[1])
    if choice == THEIRS:
        items[index] = theirs
    elif not theirs.get("deleted"):  # both: theirs as an extra item beside mine
        items.insert(index + 1, dict(theirs, id=new_id()))
