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
        return self.round_index is not None or self.session.store.read_only  # or a read-only data folder

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


class GrowingTextEdit(QPlainTextEdit):
    """A text box that grows with its text (3 to 12 lines), so a page scrolls as one."""

    MIN_LINES, MAX_LINES = 3, 12

    def __init__(self) -> None:
        super().__init__()
        self.setTabChangesFocus(True)  # Tab moves on, as in every other form field
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.textChanged.connect(self._fit)
        self._fit()

    def _fit(self) -> None:
        # For plain text the document layout measures its height in lines.
        lines = int(self.document().documentLayout().documentSize().height())
        lines = max(self.MIN_LINES, min(self.MAX_LINES, lines))
        margins = self.contentsMargins().top() + self.contentsMargins().bottom()
        height = lines * self.fontMetrics().lineSpacing() + 2 * int(self.document().documentMargin()) + margins + 4
        if height != self.height():
            self.setFixedHeight(height)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override; re-wrapping changes the line count
        super().resizeEvent(event)
        self._fit()


def as_text(value: object) -> str:
    """A stored answer as text for an editor; a wrong type from a damaged file must not crash a page."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def make_text_edit(text: str, read_only: bool) -> QPlainTextEdit:
    edit = GrowingTextEdit()
    edit.setPlainText(text)
    edit.setReadOnly(read_only)
    return edit
