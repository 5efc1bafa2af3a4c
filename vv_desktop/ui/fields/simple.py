"""Free text, one line, and a list of short texts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QToolButton, QVBoxLayout, QWidget

from vv_desktop.core.worksheets import FieldDef
from vv_desktop.ui.fields.base import FieldContext, FieldWidget, as_text, make_text_edit

MAX_LINE_LENGTH = 100_000  # far beyond a line; only there so a stray paste cannot freeze a field


class TextField(FieldWidget):
    def __init__(self, fdef: FieldDef, ctx: FieldContext, parent: QWidget | None = None):
        super().__init__(fdef, ctx, parent)
        self.edit = make_text_edit(as_text(ctx.answer(fdef.id, "")), ctx.read_only)
        if fdef.placeholder:
            self.edit.setPlaceholderText(fdef.placeholder)
        self.label_for(self.edit)
        self.outer.addWidget(self.edit)
        self.edit.textChanged.connect(self._store)

    def _store(self) -> None:
        if not self.ctx.read_only:
            self.ctx.set_answer(self.fdef.id, self.fdef.id, self.edit.toPlainText())


class LineField(FieldWidget):
    def __init__(self, fdef: FieldDef, ctx: FieldContext, parent: QWidget | None = None):
        super().__init__(fdef, ctx, parent)
        self.edit = QLineEdit(as_text(ctx.answer(fdef.id, "")))
        self.edit.setReadOnly(ctx.read_only)
        self.edit.setMaxLength(MAX_LINE_LENGTH)
        self.edit.setPlaceholderText(fdef.placeholder)
        self.label_for(self.edit)
        self.outer.addWidget(self.edit)
        self.edit.textEdited.connect(lambda text: self.ctx.set_answer(self.fdef.id, self.fdef.id, text))


class ListField(FieldWidget):
    """A list of short texts (objectives, organisations, own tips) with add and remove."""

    def __init__(self, fdef: FieldDef, ctx: FieldContext, parent: QWidget | None = None):
        super().__init__(fdef, ctx, parent)
        self.rows = QVBoxLayout()
        self.outer.addLayout(self.rows)
        self.edits: list[QLineEdit] = []
        for item in ctx.items(fdef.id):
            self._add_row(item["id"], as_text(item["values"].get("tekst", "")))
        self.add_button = QPushButton(self.tr("+ Toevoegen"))
        self.add_button.setAccessibleName(self.tr("{label}: regel toevoegen").format(label=fdef.label))
        self.add_button.clicked.connect(self.add_item)
        self.add_button.setVisible(not ctx.read_only)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        self.outer.addLayout(row)
        # One click removes a line; one click brings it back.
        self.undo_bar = QWidget()
        undo_row = QHBoxLayout(self.undo_bar)
        undo_row.setContentsMargins(0, 0, 0, 0)
        self.undo_text = QLabel()
        self.undo_text.setObjectName("fieldHelp")
        self.undo_text.setTextFormat(Qt.TextFormat.PlainText)
        self.undo_button = QPushButton(self.tr("Terugzetten"))
        self.undo_button.setAccessibleName(self.tr("{label}: weggehaalde regel terugzetten").format(
            label=fdef.label))
        self.undo_button.clicked.connect(self.restore_last)
        undo_row.addWidget(self.undo_text, 1)
        undo_row.addWidget(self.undo_button)
        self.undo_bar.hide()
        self.outer.addWidget(self.undo_bar)
        self._removed: str | None = None
        self.title.setBuddy(self.edits[0] if self.edits else self.add_button)

    def add_item(self) -> QLineEdit:
        item_id = self.ctx.plan.add_item(self.ctx.phase, self.fdef.id, {"tekst": ""})
        self.ctx.session.touch(self.ctx.phase, self.fdef.id)
        edit = self._add_row(item_id, "")
        edit.setFocus()
        return edit

    def _add_row(self, item_id: str, text: str) -> QLineEdit:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        edit = QLineEdit(text)
        edit.setMaxLength(MAX_LINE_LENGTH)
        edit.setReadOnly(self.ctx.read_only)
        edit.setPlaceholderText(self.fdef.placeholder)
        number = len(self.edits) + 1
        edit.setAccessibleName(self.tr("{label}: regel {n}").format(label=self.fdef.label, n=number))
        edit.textEdited.connect(lambda value, i=item_id: self._store(i, value))
        edit.returnPressed.connect(self._next_or_new)
        layout.addWidget(edit, 1)
        remove = QToolButton()
        remove.setText(self.tr("Weg"))
        remove.setToolTip(self.tr("Deze regel weghalen"))
        remove.setAccessibleName(self.tr("Regel {n} weghalen").format(n=number))
        remove.setVisible(not self.ctx.read_only)
        remove.clicked.connect(lambda _=False, i=item_id, w=row, e=edit: self._remove(i, w, e))
        layout.addWidget(remove)
        self.rows.addWidget(row)
        self.edits.append(edit)
        return edit

    def _next_or_new(self) -> None:
        sender = self.sender()
        if self.ctx.read_only:
            return
        if sender is self.edits[-1]:
            self.add_item()
        else:
            self.focusNextChild()

    def _store(self, item_id: str, value: str) -> None:
        if self.ctx.plan.set_item_value(self.ctx.phase, self.fdef.id, item_id, "tekst", value):
            self.ctx.session.touch(self.ctx.phase, self.fdef.id)

    def _remove(self, item_id: str, row: QWidget, edit: QLineEdit) -> None:
        self.ctx.plan.remove_item(self.ctx.phase, self.fdef.id, item_id)
        self.edits.remove(edit)
        row.deleteLater()
        self._removed = item_id
        text = edit.text().strip()
        self.undo_text.setText(self.tr("'{text}' is weggehaald.").format(text=text[:60]) if text else
                               self.tr("Een lege regel is weggehaald."))
        self.undo_bar.show()
        self.add_button.setFocus()
        self.ctx.session.touch(self.ctx.phase, self.fdef.id)

    def restore_last(self) -> None:
        if self._removed is None:
            return
        item = self.ctx.plan.restore_item(self.ctx.phase, self.fdef.id, self._removed)
        self._removed = None
        self.undo_bar.hide()
        self._add_row(item["id"], as_text(item["values"].get("tekst", ""))).setFocus()
        self.ctx.session.touch(self.ctx.phase, self.fdef.id)
