"""What every field widget shares: where it writes, and how it is labelled."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QSizePolicy, QVBoxLayout, QWidget

from vv_desktop.core.model import Plan
from vv_desktop.core.worksheets import FieldDef, Method
from vv_desktop.ui.session import PlanSession


@dataclass
class FieldContext:
    session: PlanSession
    method: Method
    phase: str
    round_index: int | None  # None: the current round, editable; else an earlier one, read-only
    navigate: Callable[[str], None] | None = None  # open another phase (e.g. "Naar Concretiseren")

    @property
    def plan(self) -> Plan:
        return self.session.plan

    @property
    def read_only(self) -> bool:
        return self.round_index is not None

    def answer(self, key: str, default: Any = "") -> Any:
        return self.plan.answer(self.phase, key, default, self.round_index)

    def set_answer(self, field_id: str, key: str, value: Any) -> None:
        if self.plan.set_answer(self.phase, key, value):
            self.session.touch(self.phase, field_id)

    def items(self, field_id: str) -> list[dict[str, Any]]:
        return self.plan.items(self.phase, field_id, self.round_index)


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


def make_text_edit(text: str, read_only: bool, lines: int = 4) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setPlainText(text)
    edit.setReadOnly(read_only)
    edit.setTabChangesFocus(True)  # Tab moves on, as in every other form field
    edit.setMinimumHeight(edit.fontMetrics().lineSpacing() * lines + 16)
    edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    return edit
