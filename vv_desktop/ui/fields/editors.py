"""Text editors of the plan pages: cleaned input, and Ctrl+Z that reaches the plan's undo stack.

QLineEdit and QPlainTextEdit keep an undo history of their own and take Ctrl+Z before any menu
shortcut sees it. Two histories would fight (the field's undo changes the text behind the plan's
back), so these editors leave the undo keys to Bewerken > Ongedaan maken, and their context menu
offers the plan's undo instead of their own.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QMimeData, Signal
from PySide6.QtGui import QAction, QContextMenuEvent, QInputMethodEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QSizePolicy,
    QWidget,
)

from vv_desktop.core.text import clean_text
from vv_desktop.ui.undo import REDO_ACTION, UNDO_ACTION

MAX_LINE_LENGTH = 100_000  # far beyond a line; only there so a stray paste cannot freeze a field


def is_undo_key(event: QKeyEvent) -> bool:
    return event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)


def leave_undo_keys(widget: QWidget, event: QEvent) -> bool:
    """True when ``event`` is an undo or redo key: the editor lets the window's action have it."""
    if event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and is_undo_key(event):
        event.ignore()
        return True
    return False


def plan_context_menu(widget: QWidget, menu: QMenu) -> QMenu:
    """The editor's own menu with the window's undo and redo in place of the editor's."""
    own = [a for a in menu.actions() if a.objectName() in ("edit-undo", "edit-redo")]
    window_actions = [widget.window().findChild(QAction, name) for name in (UNDO_ACTION, REDO_ACTION)]
    first = menu.actions()[0] if menu.actions() else None
    for action in window_actions:
        if action is not None:
            menu.insertAction(first, action)
    for action in own:
        menu.removeAction(action)
    return menu


class PlanLineEdit(QLineEdit):
    """One line of text; what is typed or pasted is cleaned (one line, no control characters)."""

    edited = Signal(str)  # the cleaned text, after the user changed it

    def __init__(self, text: str = "", read_only: bool = False, name: str = "", placeholder: str = "",
                 parent: QWidget | None = None):
        super().__init__(text, parent)
        self.setMaxLength(MAX_LINE_LENGTH)
        self.setReadOnly(read_only)
        if name:
            self.setAccessibleName(name)
        self.setPlaceholderText(placeholder)
        self.textEdited.connect(self._clean)

    def _clean(self, text: str) -> None:
        clean = clean_text(text, one_line=True)
        if clean != text:  # a paste with line breaks or control characters; normal typing never gets here
            before_cursor = clean_text(text[:self.cursorPosition()], one_line=True)
            self.setText(clean)
            self.setCursorPosition(len(before_cursor))
        self.edited.emit(clean)

    def event(self, event: QEvent) -> bool:
        return leave_undo_keys(self, event) or super().event(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt override
        plan_context_menu(self, self.createStandardContextMenu()).exec(event.globalPos())


class GrowingTextEdit(QPlainTextEdit):
    """A text box that grows with its text (3 to 12 lines), so a page scrolls as one."""

    MIN_LINES, MAX_LINES = 3, 12

    def __init__(self) -> None:
        super().__init__()
        self.setTabChangesFocus(True)  # Tab moves on, as in every other form field
        self.setUndoRedoEnabled(False)  # the plan's undo stack has it (see the module's note)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.textChanged.connect(self.fit)
        self.fit()

    def fit(self) -> None:
        # For plain text the document layout measures its height in lines.
        lines = int(self.document().documentLayout().documentSize().height())
        lines = max(self.MIN_LINES, min(self.MAX_LINES, lines))
        margins = self.contentsMargins().top() + self.contentsMargins().bottom()
        height = lines * self.fontMetrics().lineSpacing() + 2 * int(self.document().documentMargin()) + margins + 4
        if height != self.height():
            self.setFixedHeight(height)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override; re-wrapping changes the line count
        super().resizeEvent(event)
        self.fit()

    def event(self, event: QEvent) -> bool:
        return leave_undo_keys(self, event) or super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        typed = event.text()
        if typed and clean_text(typed) != typed and not self.isReadOnly():
            self.insertPlainText(clean_text(typed))  # e.g. a line separator from an input method
            return
        super().keyPressEvent(event)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:  # noqa: N802 - Qt override
        commit = event.commitString()
        if commit and clean_text(commit) != commit:  # what an input method hands over is cleaned too
            fixed = QInputMethodEvent(event.preeditString(), event.attributes())
            fixed.setCommitString(clean_text(commit), event.replacementStart(), event.replacementLength())
            event = fixed
        super().inputMethodEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 - Qt override: paste and drop
        if source.hasText():
            self.insertPlainText(clean_text(source.text()))

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt override
        plan_context_menu(self, self.createStandardContextMenu(event.pos())).exec(event.globalPos())


def show_value(editor: QWidget, value: Any) -> None:
    """Put a stored value back in its editor (after an undo), without it counting as an edit."""
    was = editor.blockSignals(True)
    try:
        if isinstance(editor, QLineEdit):
            text = "" if value is None else str(value)
            if editor.text() != text:
                editor.setText(text)
        elif isinstance(editor, GrowingTextEdit):
            text = value if isinstance(value, str) else ""
            if editor.toPlainText() != text:
                editor.setPlainText(text)
                editor.moveCursor(editor.textCursor().MoveOperation.End)
                editor.fit()
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(value if value is not None else ""), 0))
        elif isinstance(editor, QAbstractButton):
            editor.setChecked(value is True)
    finally:
        editor.blockSignals(was)
