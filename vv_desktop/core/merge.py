"""Merging a colleague's version of a plan into ours, field by field.

Every answer, list item and club detail carries when and on which laptop it last changed, and a
plan remembers per laptop the newest change it has seen from it (``seen``). A change is new to
the other side when that side has not seen it; only times of the same laptop are compared, so
laptops whose clocks differ cannot lose each other's work. Per field:

* same value on both sides, or changed on one side only: merged by itself;
* changed on both sides to different values: a :class:`Conflict` for a person to decide
  (keep mine / take theirs / keep both).

Lists (actions, objectives, tips...) are merged per item: the union, without duplicates.
Rounds are matched by their id. Nothing is ever dropped: an item deleted on one side and changed
on the other is a conflict, not a silent loss.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any, NamedTuple

Cell = dict[str, Any]

MINE, THEIRS, BOTH = "mine", "theirs", "both"
STATE_AREA = "status"  # a conflict about a phase's state (the other areas: "name", "club", "answer", "item")
LEVEL_AREA = "level"  # a conflict about one of the club's levels (renamed on both sides, or removed and renamed)


class Conflict(NamedTuple):
    id: str  # stable within one merge: "phase/round/key" or "club/name"
    area: str  # "name" | "club" | "status" | "answer" | "item" | "level"
    phase: str  # "" for the club and the name
    key: str  # the club field, the answer key, "field_id/item_id", or the level id
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


def seen_by(doc: dict[str, Any]) -> dict[str, str]:
    """Per laptop, the newest change this document has seen (stored, and at least what it holds)."""
    seen = dict(doc.get("seen") or {})
    stack: list[Any] = [doc.get("name"), doc.get("club"), doc.get("levels"), doc.get("phases")]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            t, d = node.get("t"), node.get("d")
            if isinstance(t, str) and isinstance(d, str) and d and t > seen.get(d, ""):
                seen[d] = t
            stack.extend(v for v in node.values() if isinstance(v, dict | list))
        elif isinstance(node, list):
            stack.extend(node)
    return seen


def _new_to(cell: Cell, seen: dict[str, str]) -> bool:
    """Has the side with knowledge ``seen`` not yet seen this version of the field?"""
    t, d = _stamp(cell)
    return bool(d) and t > seen.get(d, "")


def _newer(a: Cell, b: Cell) -> Cell:
    return a if _stamp(a) >= _stamp(b) else b


def _merge_value(local: Cell | None, remote: Cell | None, known: tuple[dict[str, str], dict[str, str]],
                 same: Any) -> tuple[Cell | None, bool]:
    """(merged cell, conflict?) for one cell or item; ``same`` compares the contents.

    ``known`` is (what my side has seen, what their side has seen).
    """
    if remote is None:
        return local, False
    if local is None:
        return remote, False
    if same(local, remote):
        return _newer(local, remote), False
    mine_seen, theirs_seen = known
    local_changed, remote_changed = _new_to(local, theirs_seen), _new_to(remote, mine_seen)
    if remote_changed and not local_changed:
        return remote, False
    if local_changed and not remote_changed:
        return local, False
    if not local_changed and not remote_changed:  # both seen by both: an old file, keep the newer
        return _newer(local, remote), False
    return local, True


def _same_cell(a: Cell, b: Cell) -> bool:
    return a.get("v") == b.get("v")


def _same_item(a: Cell, b: Cell) -> bool:
    return a.get("values") == b.get("values") and bool(a.get("deleted")) == bool(b.get("deleted"))


class _Merger:
    def __init__(self, known: tuple[dict[str, str], dict[str, str]]):
        self.known = known
        self.conflicts: list[Conflict] = []

    def cell(self, local: Cell | None, remote: Cell | None, conflict: Conflict) -> Cell | None:
        merged, clash = _merge_value(local, remote, self.known, _same_cell)
        if clash:
            self.conflicts.append(conflict._replace(mine=local.get("v"), theirs=remote.get("v")))
        return merged

    def items(self, local: list[Cell], remote: list[Cell], phase: str, field_id: str, round_id: str) -> list[Cell]:
        return self._by_id(local, remote, lambda item, other: Conflict(
            f"{phase}/{round_id}/{field_id}/{item['id']}", "item", phase, f"{field_id}/{item['id']}", item, other,
            round_id))

    def levels(self, local: list[Cell], remote: list[Cell]) -> list[Cell]:
        """The club's levels, merged as list items: both sides' new levels survive, a rename on one side
        is taken over, a rename (or removal) on both sides is asked once."""
        return self._by_id(local, remote, lambda item, other: Conflict(
            f"levels/{item['id']}", LEVEL_AREA, "", item["id"], item, other))

    def _by_id(self, local: list[Cell], remote: list[Cell],
               conflict: Callable[[Cell, Cell | None], Conflict]) -> list[Cell]:
        """Items matched by id, each merged as a whole; theirs that are new are placed as they stood."""
        remote_by_id = {i.get("id"): i for i in remote}
        merged = []
        for item in local:
            other = remote_by_id.pop(item.get("id"), None)
            result, clash = _merge_value(item, other, self.known, _same_item)
            if clash:
                self.conflicts.append(conflict(item, other))
            merged.append(result)
        return _place_theirs(merged, remote, remote_by_id)

    def round(self, local: dict[str, Any], remote: dict[str, Any], phase: str) -> dict[str, Any]:
        round_id = local["id"]
        answers = dict(local["answers"])
        for key, theirs in remote["answers"].items():
            answers[key] = self.cell(local["answers"].get(key), theirs,
                                     Conflict(f"{phase}/{round_id}/{key}", "answer", phase, key, None, None,
                                              round_id))
        lists = dict(local["lists"])
        for field_id, theirs in remote["lists"].items():
            lists[field_id] = self.items(local["lists"].get(field_id, []), theirs, phase, field_id, round_id)
        merged = dict(local, answers=answers, lists=lists)
        order = self.order(local.get("order") or {}, remote.get("order") or {})
        if order:
            merged["order"] = order
            for field_id, cell in order.items():
                if field_id in lists:
                    lists[field_id] = _ordered(lists[field_id], cell["v"])
        return merged

    def order(self, local: dict[str, Cell], remote: dict[str, Cell]) -> dict[str, Cell]:
        """Per list, the newest order. Both moved items around: the newer move wins, without a question
        (an order loses nothing); both laptops pick the same one."""
        merged = dict(local)
        for field_id, theirs in remote.items():
            mine = local.get(field_id)
            cell, clash = _merge_value(mine, theirs, self.known, _same_cell)
            merged[field_id] = _newer(mine, theirs) if clash else cell
        return merged

    def phase(self, phase: str, local: dict[str, Any], remote: dict[str, Any]) -> dict[str, Any]:
        status = self.cell(local["status"], remote["status"],
                           Conflict(f"{phase}/status", STATE_AREA, phase, "status", None, None))
        remote_rounds = {r["id"]: r for r in remote["rounds"]}
        # A phase this laptop never received (a one-phase file) holds one empty stand-in round: theirs replaces it.
        local_rounds = [r for r in local["rounds"] if not _empty_stand_in(r)] or \
            ([] if remote["rounds"] else local["rounds"])
        rounds = []
        for rnd in local_rounds:
            theirs = remote_rounds.pop(rnd["id"], None)
            rounds.append(rnd if theirs is None else self.round(rnd, theirs, phase))
        # Their empty stand-in for a phase they never received adds nothing to a real phase here.
        rounds.extend(_copy(r) for r in remote["rounds"] if r["id"] in remote_rounds
                      and not (_empty_stand_in(r) and local_rounds))
        rounds.sort(key=lambda r: (str(r.get("started", "")), r["id"]))
        for number, rnd in enumerate(rounds, start=1):  # both may have started "round 2": number them anew
            rnd["number"] = number
        return dict(local, status=status, rounds=rounds)


_START = object()  # the place before the first item


def _place_theirs(merged: list[Cell], remote: list[Cell], only_theirs: dict[Any, Cell]) -> list[Cell]:
    """``merged`` with the items only they have, each right after the item that precedes it on their side,
    so that both laptops end up with the same order after exchanging both ways. One pass: each item has
    one predecessor on their side, so the new items form chains hanging after an item (or the start)."""
    if not only_theirs:
        return merged
    follower: dict[Any, Cell] = {}  # an item's id (or the start) -> the new item right after it on their side
    previous: Any = _START
    for item in remote:
        if item.get("id") in only_theirs:
            follower[previous] = item
        previous = item.get("id")

    result: list[Cell] = []

    def chain_after(anchor: Any) -> None:
        item = follower.pop(anchor, None)  # pop: after the first item with that id only
        while item is not None:
            result.append(item)
            item = follower.pop(item.get("id"), None)

    chain_after(_START)
    for item in merged:
        result.append(item)
        chain_after(item.get("id"))
    return result


def _ordered(items: list[Cell], order: list[Any]) -> list[Cell]:
    """``items`` in the order of the newest move (``order``: item ids); an item it does not name (added
    since, or by the other laptop) stays right after the item before it."""
    position = {item_id: n for n, item_id in enumerate(order)}
    keys = []
    anchor = -1
    for n, item in enumerate(items):
        at = position.get(item.get("id"))
        if at is None:
            keys.append((anchor, 1, n))
        else:
            keys.append((at, 0, n))
            anchor = at
    return [items[n] for *_key, n in sorted(keys)]


def _copy(doc: dict[str, Any]) -> dict[str, Any]:
    """A deep copy of a JSON document, at the speed of the json module (copy.deepcopy is ten times slower)."""
    return json.loads(json.dumps(doc))


def _empty_stand_in(rnd: dict[str, Any]) -> bool:
    return bool(rnd.get("stand_in")) and not rnd["answers"] and not any(rnd["lists"].values())


def merge(local: dict[str, Any], remote: dict[str, Any]) -> tuple[dict[str, Any], list[Conflict]]:
    """Merge ``remote`` into ``local`` (plan documents of the same plan id).

    Returns the merged document, holding *my* value wherever there is a conflict, and the
    conflicts. Neither input is changed; the result shares what it took from ``remote`` (a file just
    read: a copy of 20 MB would cost seconds and its size again), so change a copy of it, not it.
    """
    mine_seen, theirs_seen = seen_by(local), seen_by(remote)
    local = _copy(local)
    m = _Merger((mine_seen, theirs_seen))
    local["name"] = m.cell(local["name"], remote.get("name"), Conflict("name", "name", "", "name", None, None))
    for key, theirs in (remote.get("club") or {}).items():
        local["club"][key] = m.cell(local["club"].get(key), theirs,
                                    Conflict(f"club/{key}", "club", "", key, None, None))
    if isinstance(remote.get("levels"), list):
        local["levels"] = m.levels(local.get("levels") or [], remote["levels"])
    for phase, theirs in (remote.get("phases") or {}).items():
        if phase in local["phases"]:
            local["phases"][phase] = m.phase(phase, local["phases"][phase], theirs)
    # After the merge this laptop knows everything either side had seen.
    local["seen"] = {d: max(mine_seen.get(d, ""), theirs_seen.get(d, "")) for d in {*mine_seen, *theirs_seen}}
    return local, m.conflicts


def apply_choices(merged: dict[str, Any], conflicts: list[Conflict], choices: dict[str, str],
                  stamp: tuple[str, str]) -> dict[str, Any]:
    """Settle the conflicts: ``choices`` maps a conflict id to mine / theirs / both (default: mine).

    A choice is a new change, so it gets a fresh ``stamp`` (time, laptop): the other laptop then
    takes it over by itself on the next exchange.
    """
    doc = _copy(merged)
    now, device = stamp
    if conflicts:
        doc.setdefault("seen", {})[device] = max(doc.get("seen", {}).get(device, ""), now)
    for c in conflicts:
        choice = choices.get(c.id, MINE)
        if choice == BOTH and not c.can_keep_both:
            choice = MINE
        if c.area == "item":
            _settle_item(doc, c, choice, stamp)
            continue
        if c.area == LEVEL_AREA:
            _settle_level(doc, c, choice, stamp)
            continue
        # Every choice, "mine" too, is a new change: the other laptop then takes it over by itself.
        value = {MINE: c.mine, THEIRS: c.theirs}.get(choice, f"{c.mine}\n\n— {_OTHER_VERSION} —\n{c.theirs}")
        cell = {"v": value, "t": now, "d": device}
        if c.area == "name":
            doc["name"] = cell
        elif c.area == "club":
            doc["club"][c.key] = cell
        elif c.area == STATE_AREA:
            doc["phases"][c.phase]["status"] = cell
        else:
            _round_of(doc, c)["answers"][c.key] = cell
    return doc


_OTHER_VERSION = "andere versie"


def _round_of(doc: dict[str, Any], c: Conflict) -> dict[str, Any]:
    return next(r for r in doc["phases"][c.phase]["rounds"] if r["id"] == c.round_id)


def _settle_level(doc: dict[str, Any], c: Conflict, choice: str, stamp: tuple[str, str]) -> None:
    """Mine or theirs (a level has one name: never both), as a new change."""
    levels = doc["levels"]
    index = next(n for n, i in enumerate(levels) if i["id"] == c.key)
    chosen = c.theirs if choice == THEIRS else levels[index]
    levels[index] = dict(copy.deepcopy(chosen), t=stamp[0], d=stamp[1])


def _settle_item(doc: dict[str, Any], c: Conflict, choice: str, stamp: tuple[str, str]) -> None:
    from vv_desktop.core.model import new_id

    field_id, item_id = c.key.split("/", 1)
    items = _round_of(doc, c)["lists"][field_id]
    index = next(n for n, i in enumerate(items) if i["id"] == item_id)
    theirs = dict(copy.deepcopy(c.theirs), t=stamp[0], d=stamp[1])
    if choice == THEIRS:
        items[index] = theirs
        return
    items[index] = dict(items[index], t=stamp[0], d=stamp[1])  # mine, as a new change
    if choice == BOTH and not theirs.get("deleted"):  # both: theirs as an extra item beside mine
        items.insert(index + 1, dict(theirs, id=new_id()))
