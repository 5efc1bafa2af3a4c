"""Every field type of a worksheet, declared once (no Qt, no ReportLab).

A field type says what its answer stores (the columns of its list items and the parts of its
answer keys, as named constants below), which keys its worksheet entry may have, when it counts
as answered, what a finished round keeps of it, which conflicting values a merge may keep both
of, and how it becomes a :class:`Block` that any PDF layout can print. The screen looks up its
widget by type (``ui/fields``), the PDFs their layout (``render/``).

To add a field type: one :class:`FieldType` in :data:`FIELD_TYPES` here (its stored names in
:mod:`vv_desktop.core.columns`), one widget in
``ui/fields`` and, if the generic layouts do not fit, one layout in ``render/``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from vv_desktop.core.columns import (
    ACTION_COLUMNS,
    GOAL,
    LEVEL,
    NOTE,
    SNAPSHOT,
    SNAPSHOT_COLUMNS,
    STANCE,
    STATUS,
    TEXT,
    TOP,
    WHAT,
    WHEN,
    WHO,
    WHY,
)
from vv_desktop.core.i18n import translate
from vv_desktop.core.labels import column_label, stance_label
from vv_desktop.core.model import Plan, cell_key

if TYPE_CHECKING:  # the worksheet loader checks its files against the types declared here
    from vv_desktop.core.worksheets import FieldDef, Method

TEXT_COLUMN_TYPES = frozenset({"text", "line"})  # column types of a levels field that hold free text


class Block(NamedTuple):
    """The answer to one question, ready for a PDF: a text, a list of lines, or a table."""

    field: FieldDef
    kind: str  # "text" | "list" | "table"
    text: str = ""
    items: tuple[str, ...] = ()
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    marked: tuple[bool, ...] = ()  # table rows to highlight (the chosen top statements)
    statuses: tuple[str, ...] = ()  # actions: each row's status, as a person reads it


def has_text(value: object) -> bool:
    """Whether an answer counts as filled in: text, a ticked box, or a number on a scale."""
    if isinstance(value, bool):
        return value
    return bool(value.strip()) if isinstance(value, str) else isinstance(value, int | float)


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


class RoundView:
    """One round of one phase of a plan, as the field types read it (default: the current round)."""

    def __init__(self, plan: Plan, method: Method, phase: str, round_index: int | None = None):
        self.plan, self.method, self.phase, self.round_index = plan, method, phase, round_index

    def answer(self, key: str, default: Any = "") -> Any:
        return self.plan.answer(self.phase, key, default, self.round_index)

    def items(self, field_id: str) -> list[dict[str, Any]]:
        return self.plan.items(self.phase, field_id, self.round_index)

    def any_answer_under(self, field_id: str) -> bool:
        prefix = f"{field_id}/"
        answers = self.plan.round(self.phase, self.round_index)["answers"]
        return any(key.startswith(prefix) and has_text(cell["v"]) for key, cell in answers.items())

    def any_item_filled(self, field_id: str) -> bool:
        return any(any(has_text(v) for v in item["values"].values()) for item in self.items(field_id))

    def is_current(self) -> bool:
        last = len(self.plan.rounds(self.phase)) - 1
        return self.round_index is None or self.round_index in (-1, last)

    def progress_rows(self, f: FieldDef) -> list[dict[str, Any]]:
        """action_progress: the actions as they stand now, or as a finished round recorded them."""
        if self.is_current():
            return [i["values"] for i in self.plan.items(f.source_phase, f.source_field)]
        snapshot = self.answer(f"{f.id}/{SNAPSHOT}", [])
        return [r for r in snapshot if isinstance(r, dict)] if isinstance(snapshot, list) else []

    def scale_text(self, value: object) -> str:
        scale = self.method.scale
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= len(scale):
            return f"{value} · {scale[value - 1]}"
        return ""


# -- when an answer counts as filled -----------------------------------------------------------
def _one_answer_filled(view: RoundView, f: FieldDef) -> bool:
    return has_text(view.answer(f.id))


def _items_filled(view: RoundView, f: FieldDef) -> bool:
    return view.any_item_filled(f.id)


def _parts_or_items_filled(view: RoundView, f: FieldDef) -> bool:
    return view.any_answer_under(f.id) or view.any_item_filled(f.id)


def _progress_reported(view: RoundView, f: FieldDef) -> bool:
    if not view.is_current():
        return bool(view.progress_rows(f))
    reported = view.method.action_statuses.reported
    return any(v.get(STATUS) in reported or has_text(v.get(NOTE, "")) for v in view.progress_rows(f))


# -- the content blocks for the PDFs -----------------------------------------------------------
def _text_block(view: RoundView, f: FieldDef) -> Block | None:
    text = _text(view.answer(f.id))
    return Block(f, "text", text=text) if text else None


def _list_block(view: RoundView, f: FieldDef) -> Block | None:
    items = tuple(t for t in (_text(i["values"].get(TEXT)) for i in view.items(f.id)) if t)
    return Block(f, "list", items=items) if items else None


def _levels_block(view: RoundView, f: FieldDef) -> Block | None:
    rows = []
    for level_id in f.levels:
        cells = []
        for column in f.columns:
            value = view.answer(cell_key(f.id, level_id, column.id))
            cells.append(view.scale_text(value) if column.type == "scale" else _text(value))
        if any(cells):
            rows.append((view.method.level(level_id).label, *cells))
    header = (column_label(LEVEL), *(c.label for c in f.columns))
    return Block(f, "table", header=header, rows=tuple(rows)) if rows else None


def _statements_block(view: RoundView, f: FieldDef) -> Block | None:
    answers = []
    for option in f.options:
        key = cell_key(f.id, option.id)
        answers.append((option.label, view.answer(cell_key(key, STANCE)), view.answer(cell_key(key, WHY)),
                        view.answer(cell_key(key, TOP))))
    answers += [(_text(v.get(TEXT)), v.get(STANCE, ""), v.get(WHY), v.get(TOP))
                for v in (i["values"] for i in view.items(f.id)) if _text(v.get(TEXT))]
    rows, marked = [], []
    for n, (text, stance, why, top) in enumerate(answers):
        if n >= len(f.options) or stance or _text(why) or top is True:  # an own statement always shows
            rows.append((text, stance_label(str(stance)), _text(why)))
            marked.append(top is True)
    header = (translate("content", "Stelling"), column_label(STANCE), column_label(WHY))
    return Block(f, "table", header=header, rows=tuple(rows), marked=tuple(marked)) if rows else None


def _actions_block(view: RoundView, f: FieldDef) -> Block | None:
    goals = {i["id"]: _text(i["values"].get(TEXT)) for i in view.items(f.objectives_field)} \
        if f.objectives_field else {}
    status_label = view.method.action_statuses.label
    levels = {lv.id: lv.label for lv in view.method.levels}
    rows, statuses = [], []
    for v in (i["values"] for i in view.items(f.id)):
        statuses.append(status_label(str(v.get(STATUS, ""))))
        rows.append((_text(v.get(WHAT)) or translate("content", "(actie zonder naam)"),
                     goals.get(str(v.get(GOAL, "")), ""), _text(v.get(WHO)), levels.get(str(v.get(LEVEL, "")), ""),
                     _text(v.get(WHEN)), statuses[-1]))
    header = tuple(column_label(c) for c in ACTION_COLUMNS)
    return Block(f, "table", header=header, rows=tuple(rows), statuses=tuple(statuses)) if rows else None


def _progress_block(view: RoundView, f: FieldDef) -> Block | None:
    status_label = view.method.action_statuses.label
    unnamed = translate("content", "(actie zonder naam)")
    source = view.progress_rows(f)
    statuses = tuple(status_label(str(v.get(STATUS, ""))) for v in source)
    rows = tuple((_text(v.get(WHAT)) or unnamed, status, _text(v.get(NOTE)))
                 for v, status in zip(source, statuses, strict=True))
    header = (column_label(WHAT), column_label(STATUS), column_label(NOTE))
    return Block(f, "table", header=header, rows=rows, statuses=statuses) if rows else None


def _checklist_block(view: RoundView, f: FieldDef) -> Block | None:
    items = [o.label for o in f.options if view.answer(cell_key(f.id, o.id)) is True]
    items += [t for t in (_text(i["values"].get(TEXT)) for i in view.items(f.id)) if t]
    return Block(f, "list", items=tuple(items)) if items else None


# -- what a merge may keep both of -------------------------------------------------------------
def _always(_f: FieldDef, _parts: list[str]) -> bool:
    return True


def _never(_f: FieldDef, _parts: list[str]) -> bool:
    return False


def _text_column(f: FieldDef, parts: list[str]) -> bool:
    column = next((c for c in f.columns if parts and c.id == parts[-1]), None)
    return column is not None and column.type in TEXT_COLUMN_TYPES


# -- what a finished round keeps ---------------------------------------------------------------
def _record_progress(plan: Plan, f: FieldDef) -> dict[str, Any]:
    """The state of the actions lives in Concretiseren; a finished Uitvoeren round keeps a copy of
    how far each action was, so that it stays readable later."""
    rows = [{col: item["values"].get(col, "") for col in SNAPSHOT_COLUMNS}
            for item in plan.items(f.source_phase, f.source_field)]
    return {f"{f.id}/{SNAPSHOT}": rows}


@dataclass(frozen=True)
class FieldType:
    id: str
    keys: frozenset[str]  # what its worksheet entry may hold besides id, type, label and help
    needs: tuple[str, ...]  # of those keys, the ones it cannot do without
    filled: Callable[[RoundView, FieldDef], bool]
    block: Callable[[RoundView, FieldDef], Block | None]
    keep_both: Callable[[FieldDef, list[str]], bool] = _never  # a conflicting answer (key parts after the id)
    record_round: Callable[[Plan, FieldDef], dict[str, Any]] | None = None  # answers a finished round keeps


FIELD_TYPES: dict[str, FieldType] = {t.id: t for t in (
    FieldType("text", frozenset({"placeholder"}), (), _one_answer_filled, _text_block, _always),
    FieldType("line", frozenset({"placeholder"}), (), _one_answer_filled, _text_block, _always),
    FieldType("list", frozenset({"placeholder"}), (), _items_filled, _list_block),
    FieldType("levels", frozenset({"levels", "columns"}), ("levels", "columns"), _parts_or_items_filled,
              _levels_block, _text_column),
    FieldType("statements", frozenset({"options", "pick"}), ("options",), _parts_or_items_filled, _statements_block),
    # an action's 'placeholder' is the example in its 'wie' (a role that fits the kind of club)
    FieldType("actions", frozenset({"objectives_field", "placeholder"}), (), _items_filled, _actions_block),
    FieldType("action_progress", frozenset({"source_phase", "source_field"}), ("source_phase", "source_field"),
              _progress_reported, _progress_block, record_round=_record_progress),
    FieldType("checklist", frozenset({"options"}), ("options",), _parts_or_items_filled, _checklist_block),
)}


def field_type(f: FieldDef) -> FieldType:
    return FIELD_TYPES[f.type]


def field_block(plan: Plan, method: Method, phase: str, f: FieldDef, round_index: int | None = None) -> Block | None:
    """The answer to one question in one round (default: the current round), or None if empty."""
    return field_type(f).block(RoundView(plan, method, phase, round_index), f)

