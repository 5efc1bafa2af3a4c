"""What a plan says, per question, in a form any PDF layout can print (no ReportLab here).

Each question becomes a :class:`Block`: a text, a list of lines, or a table with a header.
Empty answers give ``None``, so a layout can leave them out or print writing space instead.
"""

from __future__ import annotations

from typing import NamedTuple

from vv_desktop.core.i18n import translate
from vv_desktop.core.model import Plan, cell_key
from vv_desktop.core.rounds import SNAPSHOT
from vv_desktop.core.worksheets import FieldDef, Method

STANCES = ("eens", "neutraal", "oneens")


class Block(NamedTuple):
    field: FieldDef
    kind: str  # "text" | "list" | "table"
    text: str = ""
    items: tuple[str, ...] = ()
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    marked: tuple[bool, ...] = ()  # table rows to highlight (the chosen top statements)


def status_label(status: str) -> str:
    return {"niet_gestart": translate("content", "Niet gestart"), "bezig": translate("content", "Bezig"),
            "afgerond": translate("content", "Afgerond")}.get(status, status)


def stance_label(stance: str) -> str:
    return {"eens": translate("content", "Eens"), "neutraal": translate("content", "Neutraal"),
            "oneens": translate("content", "Oneens")}.get(stance, "")


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _scale(method: Method, value: object) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= len(method.scale):
        return f"{value} · {method.scale[value - 1]}"
    return ""


class _Reader:
    def __init__(self, plan: Plan, method: Method, phase: str, round_index: int | None):
        self.plan, self.method, self.phase, self.round_index = plan, method, phase, round_index

    def answer(self, key: str) -> object:
        return self.plan.answer(self.phase, key, "", self.round_index)

    def items(self, field_id: str) -> list[dict]:
        return self.plan.items(self.phase, field_id, self.round_index)

    def is_current(self) -> bool:
        last = len(self.plan.rounds(self.phase)) - 1
        return self.round_index is None or self.round_index in (-1, last)

    def text(self, f: FieldDef) -> Block | None:
        text = _text(self.answer(f.id))
        return Block(f, "text", text=text) if text else None

    def list(self, f: FieldDef) -> Block | None:
        items = tuple(t for t in (_text(i["values"].get("tekst")) for i in self.items(f.id)) if t)
        return Block(f, "list", items=items) if items else None

    def levels(self, f: FieldDef) -> Block | None:
        rows = []
        for level_id in f.levels:
            cells = []
            for column in f.columns:
                value = self.answer(cell_key(f.id, level_id, column.id))
                cells.append(_scale(self.method, value) if column.type == "scale" else _text(value))
            if any(cells):
                rows.append((self.method.level(level_id).label, *cells))
        header = (translate("content", "Niveau"), *(c.label for c in f.columns))
        return Block(f, "table", header=header, rows=tuple(rows)) if rows else None

    def statements(self, f: FieldDef) -> Block | None:
        rows, marked = [], []
        for option in f.options:
            key = cell_key(f.id, option.id)
            stance, note = self.answer(f"{key}/keuze"), self.answer(f"{key}/toelichting")
            top = self.answer(f"{key}/top")
            if stance or _text(note) or top is True:
                rows.append((option.label, stance_label(str(stance)), _text(note)))
                marked.append(top is True)
        for item in self.items(f.id):
            v = item["values"]
            if _text(v.get("tekst")):
                rows.append((_text(v.get("tekst")), stance_label(str(v.get("keuze", ""))), _text(v.get("toelichting"))))
                marked.append(v.get("top") is True)
        header = (translate("content", "Stelling"), translate("content", "Keuze"), translate("content", "Toelichting"))
        return Block(f, "table", header=header, rows=tuple(rows), marked=tuple(marked)) if rows else None

    def actions(self, f: FieldDef) -> Block | None:
        goals = {i["id"]: _text(i["values"].get("tekst")) for i in self.items(f.objectives_field)} \
            if f.objectives_field else {}
        statuses = {s.id: s.label for s in self.method.action_statuses}
        levels = {lv.id: lv.label for lv in self.method.levels}
        rows = []
        for item in self.items(f.id):
            v = item["values"]
            what = _text(v.get("wat")) or translate("content", "(actie zonder naam)")
            rows.append((what, goals.get(str(v.get("doel", "")), ""), _text(v.get("wie")),
                         levels.get(str(v.get("niveau", "")), ""), _text(v.get("wanneer")),
                         statuses.get(str(v.get("status", "")), "")))
        header = (translate("content", "Actie"), translate("content", "Doel"), translate("content", "Wie"),
                  translate("content", "Niveau"), translate("content", "Wanneer"), translate("content", "Status"))
        return Block(f, "table", header=header, rows=tuple(rows)) if rows else None

    def action_progress(self, f: FieldDef) -> Block | None:
        statuses = {s.id: s.label for s in self.method.action_statuses}
        if self.is_current():
            source = [i["values"] for i in self.plan.items(f.source_phase, f.source_field)]
        else:
            snapshot = self.answer(f"{f.id}/{SNAPSHOT}")
            source = [r for r in snapshot if isinstance(r, dict)] if isinstance(snapshot, list) else []
        unnamed = translate("content", "(actie zonder naam)")
        rows = tuple((_text(v.get("wat")) or unnamed, statuses.get(str(v.get("status", "")), ""),
                      _text(v.get("notitie"))) for v in source)
        header = (translate("content", "Actie"), translate("content", "Status"), translate("content", "Notitie"))
        return Block(f, "table", header=header, rows=rows) if rows else None

    def checklist(self, f: FieldDef) -> Block | None:
        items = [o.label for o in f.options if self.answer(cell_key(f.id, o.id)) is True]
        items += [t for t in (_text(i["values"].get("tekst")) for i in self.items(f.id)) if t]
        return Block(f, "list", items=tuple(items)) if items else None


_BY_TYPE = {"text": "text", "line": "text", "list": "list", "levels": "levels", "statements": "statements",
            "actions": "actions", "action_progress": "action_progress", "checklist": "checklist"}


def field_block(plan: Plan, method: Method, phase: str, f: FieldDef, round_index: int | None = None) -> Block | None:
    """The answer to one question in one round (default: the current round), or None if empty."""
    reader = _Reader(plan, method, phase, round_index)
    return getattr(reader, _BY_TYPE[f.type])(f)


def own_fields() -> tuple[FieldDef, FieldDef]:
    """The club's own tips and good practices (the empty slots on the original poster)."""
    from vv_desktop.core.worksheets import OWN_PRACTICES, OWN_TIPS

    return (FieldDef(OWN_TIPS, "list", translate("content", "Onze eigen tips en voorwaarden")),
            FieldDef(OWN_PRACTICES, "list", translate("content", "Onze eigen good practices")))
