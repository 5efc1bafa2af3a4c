"""The club's own levels: which levels (bestuur, leden, jeugdorkest...) a plan asks about.

A plan keeps its levels in ``doc["levels"]``: items like list items (``id``, ``t``, ``d``, ``values``,
``deleted``), so that they merge as list items do. A new plan (and a plan of schema 2, when it is
migrated) holds one item per level of the method, with the method's id, so answers keep their keys
(``check/leden/score``). ``values["label"]`` is empty while the club has not renamed a method level: its
words then follow the club kind (:meth:`Method.for_kind`). An own level gets a new id, never used
before. Removing a level marks it deleted: its answers stay in the file, hidden; undo brings them back.

:func:`method_for_plan` gives the method as this plan sees it: its levels, and every ``levels`` question
asking about its listed method levels that are still there plus every own level of the club.
"""

from __future__ import annotations

import tomllib
import uuid
from functools import cache
from typing import TYPE_CHECKING, Any

from vv_desktop.core.columns import LEVEL
from vv_desktop.core.resources import worksheets_dir
from vv_desktop.core.text import clean_text

if TYPE_CHECKING:
    from vv_desktop.core.model import Plan
    from vv_desktop.core.worksheets import Level, Method

LEVELS = "levels"  # the key in the plan document
LABEL = "label"  # the one value of a level item
OWN_PREFIX = "eigen-"  # the id of an own level: this prefix and a random part
MAX_LABEL_LENGTH = 60


@cache
def method_level_ids() -> tuple[str, ...]:
    """The ids of the method's levels (common.toml), for a new plan and for the migration of an old one."""
    with open(worksheets_dir() / "common.toml", "rb") as fh:
        data = tomllib.load(fh)
    return tuple(str(level["id"]) for level in data.get("levels", []))


def initial_levels(stamp: tuple[str, str]) -> list[dict[str, Any]]:
    """The level items a new plan starts with: the method's levels, not renamed."""
    t, d = stamp
    return [{"id": level_id, "t": t, "d": d, "values": {LABEL: ""}} for level_id in method_level_ids()]


def _items(doc: dict[str, Any]) -> list[dict[str, Any]]:
    items = doc.get(LEVELS)
    return items if isinstance(items, list) else []


def _item(plan: Plan, level_id: str) -> dict[str, Any]:
    for item in _items(plan.doc):
        if item.get("id") == level_id:
            return item
    raise KeyError(level_id)


def _touch(plan: Plan, item: dict[str, Any]) -> None:
    item["t"], item["d"] = plan.change_mark()


def clean_label(label: str) -> str:
    return " ".join(clean_text(label, one_line=True).split())[:MAX_LABEL_LENGTH]


def add_level(plan: Plan, label: str, level_id: str | None = None) -> str:
    """A new own level at the end; returns its id (new, unless ``level_id`` puts back one made before)."""
    t, d = plan.change_mark()
    item = {"id": level_id or OWN_PREFIX + uuid.uuid4().hex[:12], "t": t, "d": d,
            "values": {LABEL: clean_label(label)}}
    plan.doc.setdefault(LEVELS, []).append(item)
    return item["id"]


def rename_level(plan: Plan, level_id: str, label: str) -> bool:
    """A new name; the id stays, so do the answers. An empty name gives a method level back its own words."""
    item = _item(plan, level_id)
    label = clean_label(label)
    if item["values"].get(LABEL, "") == label:
        return False
    item["values"] = dict(item["values"], **{LABEL: label})
    _touch(plan, item)
    return True


def remove_level(plan: Plan, level_id: str) -> None:
    item = _item(plan, level_id)
    item["deleted"] = True
    _touch(plan, item)


def restore_level(plan: Plan, level_id: str) -> None:
    item = _item(plan, level_id)
    item.pop("deleted", None)
    _touch(plan, item)


def stored_label(plan: Plan, level_id: str) -> str:
    """What the plan itself says the level is called ('' for a method level that was not renamed)."""
    return str(_item(plan, level_id)["values"].get(LABEL, ""))


def is_own(level_id: str, method: Method) -> bool:
    return level_id not in {lv.id for lv in method.levels}


def levels_of(doc: dict[str, Any], method: Method) -> tuple[Level, ...]:
    """The plan's live levels in their order, each with its name (a method level's name in the words of
    ``method``'s kind unless the club renamed it). A method level the plan does not know yet (a later
    version of the method) comes at the end, so nothing the method asks about goes missing."""
    from vv_desktop.core.worksheets import Level

    words = {lv.id: lv.label for lv in method.levels}
    result, known = [], set()
    for item in _items(doc):
        level_id = item.get("id")
        if not isinstance(level_id, str) or level_id in known:
            continue
        known.add(level_id)
        label = str((item.get("values") or {}).get(LABEL) or "")
        if item.get("deleted") or not (label or level_id in words):
            continue
        result.append(Level(level_id, label or words[level_id]))
    result.extend(lv for lv in method.levels if lv.id not in known)
    return tuple(result)


_FOR_PLAN: dict[tuple[int, tuple[Level, ...]], tuple[Method, Method]] = {}


def method_for_plan(method: Method, doc: dict[str, Any]) -> Method:
    """``method`` in the words of the plan's club kind, with the plan's own levels.

    The same object for the same levels (a page compares methods to know when to rebuild).
    """
    kind = (doc.get("club") or {}).get("kind") or {}
    base = method.for_kind(kind.get("v", "") if isinstance(kind, dict) else "")
    levels = levels_of(doc, base)
    if levels == base.levels:
        return base
    key = (id(base), levels)
    if key not in _FOR_PLAN:
        _FOR_PLAN[key] = (base, _with_levels(base, levels))  # base kept alive: its id stays its own
    return _FOR_PLAN[key][1]


def _with_levels(base: Method, levels: tuple[Level, ...]) -> Method:
    live = {lv.id for lv in levels}
    own = tuple(lv.id for lv in levels if is_own(lv.id, base))

    def asked(field_levels: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(level_id for level_id in field_levels if level_id in live) + own

    phases = tuple(
        phase._replace(fields=tuple(f._replace(levels=asked(f.levels)) if f.type == "levels" else f
                                    for f in phase.fields))
        for phase in base.phases)
    return base._replace(phases=phases, levels=levels)


def answers_about(doc: dict[str, Any], level_id: str) -> int:
    """How many filled-in answers and actions of the plan are about this level (to ask before removing it)."""
    count = 0
    for phase in (doc.get("phases") or {}).values():
        for rnd in phase.get("rounds", []):
            count += sum(1 for key, cell in rnd.get("answers", {}).items()
                         if key.split("/")[1:2] == [level_id] and cell.get("v") not in ("", None, False, 0))
            count += sum(1 for items in rnd.get("lists", {}).values() for item in items
                         if not item.get("deleted") and item.get("values", {}).get(LEVEL) == level_id)
    return count
