"""What every field widget shares: where it writes, and how it is labelled."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QToolButton, QVBoxLayout, QWidget

from vv_desktop.core.model import Plan
from vv_desktop.core.worksheets import FieldDef, Method
from vv_desktop.ui.fields.editors import GrowingTextEdit, show_value
from vv_desktop.ui.session import PlanSession
from vv_desktop.ui.undo import PlanUndo, Spot


@dataclass
class FieldContext:
    session: PlanSession
    undo: PlanUndo  # every change goes through it
    method: Method
    phase: str
    round_index: int | None  # None: the current round, editable; else an earlier one, read-only
    navigate: Callable[[str], None] | None = None  # open another phase (e.g. "Naar Concretiseren")
    rows_changed: Callable[[], None] | None = None  # rows came or went: the page puts Tab in order again
    edit_levels: Callable[[str], None] | None = None  # open "Niveaus van de club" from this question (its id)

    @property
    def plan(self) -> Plan:
        return self.session.plan

    @property
    def read_only(self) -> bool:
        return self.round_index is not None or self.session.store.read_only  # or a read-only data folder

    def answer(self, key: str, default: Any = "") -> Any:
        return self.plan.answer(self.phase, key, default, self.round_index)

    def items(self, field_id: str) -> list[dict[str, Any]]:
        return self.plan.items(self.phase, field_id, self.round_index)

    # -- changes: all through the plan's undo stack ---------------------------------------------
    def set_answer(self, field_id: str, key: str, value: Any, typed: bool = False) -> None:
        if not self.read_only:
            self.undo.set_value(Spot(self.phase, field_id, key=key), self.phase, field_id, value, typed)

    def set_item_value(self, field_id: str, item_id: str, column: str, value: Any, typed: bool = False,
                       source: tuple[str, str] | None = None) -> None:
        """One column of a list item; ``source``: the (phase, field) that keeps the items, if elsewhere."""
        if self.read_only:
            return
        phase, list_field = source or (self.phase, field_id)
        spot = Spot(self.phase, field_id, item=item_id, column=column)
        self.undo.set_value(spot, phase, list_field, value, typed)

    def add_item(self, field_id: str, values: dict[str, Any], text: str, column: str = "") -> str:
        return self.undo.add_item(Spot(self.phase, field_id, column=column), field_id, values, text)

    def remove_item(self, field_id: str, item_id: str, text: str) -> None:
        self.undo.remove_item(Spot(self.phase, field_id, item=item_id), field_id, text)

    def restore_item(self, field_id: str, item_id: str, text: str) -> None:
        self.undo.restore_item(Spot(self.phase, field_id, item=item_id), field_id, text)

    def move_item(self, field_id: str, item_id: str, offset: int, text: str, column: str = "") -> bool:
        return self.undo.move_item(Spot(self.phase, field_id, item=item_id, column=column), field_id, offset, text)

    def structure_changed(self) -> None:
        if self.rows_changed is not None:
            self.rows_changed()


class FieldWidget(QWidget):
    """A question: its label, its help text and the editor(s) for the answer."""

    def __init__(self, fdef: FieldDef, ctx: FieldContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.fdef = fdef
        self.ctx = ctx
        self.setObjectName(f"field-{fdef.id}")
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(fdef.label)
        self.title.setObjectName("fieldTitle")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.outer.addWidget(self.title)
        if fdef.help:
            helper = QLabel(fdef.help)
            helper.setObjectName("fieldHelp")
            helper.setWordWrap(True)
            helper.setTextFormat(Qt.TextFormat.PlainText)
            self.outer.addWidget(helper)

    def label_for(self, widget: QWidget, what: str = "") -> None:
        """Tie the visible question to ``widget`` for screen readers and Alt-shortcuts."""
        self.title.setBuddy(widget)
        name = f"{self.fdef.label}: {what}" if what else self.fdef.label
        widget.setAccessibleName(name)
        if self.fdef.help:
            widget.setAccessibleDescription(self.fdef.help)

    # -- after an undo or redo ------------------------------------------------------------------
    reload: Callable[[], None] | None = None  # rebuilds the rows in place; None: the page rebuilds the field

    def editor_for(self, spot: Spot) -> QWidget | None:
        """The editor that shows ``spot`` (focused after an undo); None: the field's first editor."""
        return None

    def stored_value(self, spot: Spot) -> Any:
        if spot.item:
            try:
                return self.ctx.plan.item(self.ctx.phase, spot.field, spot.item)["values"].get(spot.column)
            except KeyError:
                return None
        return self.ctx.answer(spot.key, None)

    def show_stored(self, spot: Spot) -> None:
        """Show the model's value of ``spot`` again (it was undone or redone)."""
        editor = self.editor_for(spot)
        if editor is not None:
            show_value(editor, self.stored_value(spot))


def as_text(value: object) -> str:
    """A stored answer as text for an editor; a wrong type from a damaged file must not crash a page."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def tool_button(text: str, tip: str, name: str, visible: bool, parent: QWidget | None = None) -> QToolButton:
    button = QToolButton(parent)
    button.setText(text)
    button.setToolTip(tip)
    button.setAccessibleName(name)
    if not visible:  # hide only: showing a widget before it has a parent would open it as a window
        button.hide()
    return button


def drop(widget: QWidget) -> None:
    """Take a row off the screen and out of its layout at once; Qt deletes it when it can."""
    widget.hide()
    if widget.parentWidget() is not None and widget.parentWidget().layout() is not None:
        widget.parentWidget().layout().removeWidget(widget)
    widget.deleteLater()


def make_text_edit(text: str, read_only: bool) -> QPlainTextEdit:
    """A growing, cleaned text box (see :mod:`vv_desktop.ui.fields.editors`)."""
    edit = GrowingTextEdit()
    edit.setPlainText(text)
    edit.setReadOnly(read_only)
    return edit
