"""Free text, one line, and a list of short texts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QToolButton, QVBoxLayout, QWidget

from vv_desktop.core.columns import TEXT
from vv_desktop.core.worksheets import FieldDef
from vv_desktop.ui.fields.base import FieldContext, FieldWidget, as_text, drop, make_text_edit, tool_button
from vv_desktop.ui.fields.editors import MAX_LINE_LENGTH, PlanLineEdit
from vv_desktop.ui.undo import Spot

__all__ = ["MAX_LINE_LENGTH", "LineField", "ListField", "TextField"]


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
            # What enters is cleaned on its way in (GrowingTextEdit): no second pass over a long text here.
            self.ctx.set_answer(self.fdef.id, self.fdef.id, self.edit.toPlainText(), typed=True)

    def editor_for(self, spot: Spot) -> QWidget | None:
        return self.edit


class LineField(FieldWidget):
    def __init__(self, fdef: FieldDef, ctx: FieldContext, parent: QWidget | None = None):
        super().__init__(fdef, ctx, parent)
        self.edit = PlanLineEdit(as_text(ctx.answer(fdef.id, "")), ctx.read_only, placeholder=fdef.placeholder)
        self.label_for(self.edit)
        self.outer.addWidget(self.edit)
        self.edit.edited.connect(lambda text: self.ctx.set_answer(self.fdef.id, self.fdef.id, text, typed=True))

    def editor_for(self, spot: Spot) -> QWidget | None:
        return self.edit


class ListField(FieldWidget):
    """A list of short texts (objectives, organisations, own tips) with add and remove."""

    def __init__(self, fdef: FieldDef, ctx: FieldContext, parent: QWidget | None = None):
        super().__init__(fdef, ctx, parent)
        self.rows_box = QWidget()
        self.rows = QVBoxLayout(self.rows_box)
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.outer.addWidget(self.rows_box)
        self.edits: list[QLineEdit] = []
        self.item_ids: list[str] = []
        self.move_buttons: list[tuple[QToolButton, QToolButton]] = []
        self.add_button = QPushButton(self.tr("+ Toevoegen"))
        self.add_button.setAccessibleName(self.tr("{label}: regel toevoegen").format(label=fdef.label))
        self.add_button.clicked.connect(self.add_item)
        if ctx.read_only:  # hide only: showing a widget before it has a parent would open it as a window
            self.add_button.hide()
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        self.outer.addLayout(row)
        # One click removes a line; one click (or Ctrl+Z) brings it back.
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
        self.reload_rows()

    def reload_rows(self) -> None:
        """Show the list's lines as the model has them (after an add, a remove, an undo)."""
        for edit in self.edits:
            drop(edit.parentWidget())
        self.edits, self.item_ids, self.move_buttons = [], [], []
        for item in self.ctx.items(self.fdef.id):
            self._add_row(item["id"], as_text(item["values"].get(TEXT, "")))
        if self.move_buttons:
            self.move_buttons[0][0].setEnabled(False)
            self.move_buttons[-1][1].setEnabled(False)
        self.title.setBuddy(self.edits[0] if self.edits else self.add_button)
        if self._removed in self.item_ids:  # it came back (an undo)
            self._removed = None
            self.undo_bar.hide()
        self.ctx.structure_changed()

    reload = reload_rows

    def add_item(self) -> QLineEdit:
        item_id = self.ctx.add_item(self.fdef.id, {TEXT: ""}, self.tr("regel toevoegen"), column=TEXT)
        self.reload_rows()
        edit = self.edits[self.item_ids.index(item_id)]
        edit.setFocus()
        return edit

    def _add_row(self, item_id: str, text: str) -> QLineEdit:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        number = len(self.edits) + 1
        edit = PlanLineEdit(text, self.ctx.read_only, self.tr("{label}: regel {n}").format(
            label=self.fdef.label, n=number), self.fdef.placeholder)
        edit.edited.connect(lambda value, i=item_id: self.ctx.set_item_value(self.fdef.id, i, TEXT, value,
                                                                               typed=True))
        edit.returnPressed.connect(self._next_or_new)
        layout.addWidget(edit, 1)
        ro = self.ctx.read_only
        remove = tool_button(self.tr("Weg"), self.tr("Deze regel weghalen"),
                             self.tr("Regel {n} weghalen").format(n=number), not ro)
        remove.setParent(row)  # the row's first button among its children, as before the arrows came
        up = tool_button("▲", self.tr("Deze regel een plek omhoog"), self.tr("Regel {n} omhoog").format(n=number),
                         not ro)
        down = tool_button("▼", self.tr("Deze regel een plek omlaag"), self.tr("Regel {n} omlaag").format(n=number),
                           not ro)
        up.clicked.connect(lambda _=False, i=item_id: self.move(i, -1))
        down.clicked.connect(lambda _=False, i=item_id: self.move(i, 1))
        remove.clicked.connect(lambda _=False, i=item_id: self.remove(i))
        for button in (up, down, remove):
            layout.addWidget(button)
        self.move_buttons.append((up, down))
        self.rows.addWidget(row)
        self.edits.append(edit)
        self.item_ids.append(item_id)
        return edit

    def _next_or_new(self) -> None:
        sender = self.sender()
        if self.ctx.read_only:
            return
        if sender is self.edits[-1]:
            self.add_item()
        else:
            self.edits[self.edits.index(sender) + 1].setFocus()

    def remove(self, item_id: str) -> None:
        text = self.edits[self.item_ids.index(item_id)].text().strip()
        self.ctx.remove_item(self.fdef.id, item_id, self.tr("regel weghalen"))
        self._removed = item_id
        self.undo_text.setText(self.tr("'{text}' is weggehaald.").format(text=text[:60]) if text else
                               self.tr("Een lege regel is weggehaald."))
        self.undo_bar.show()
        self.reload_rows()
        self.add_button.setFocus()

    def move(self, item_id: str, offset: int) -> None:
        if self.ctx.move_item(self.fdef.id, item_id, offset, self.tr("regel verplaatsen"), column=TEXT):
            self.reload_rows()
            up, down = self.move_buttons[self.item_ids.index(item_id)]
            button = up if offset < 0 else down
            (button if button.isEnabled() else self.edits[self.item_ids.index(item_id)]).setFocus()

    def restore_last(self) -> None:
        if self._removed is None:
            return
        item_id = self._removed
        self.ctx.restore_item(self.fdef.id, item_id, self.tr("regel terugzetten"))
        self.reload_rows()
        self.edits[self.item_ids.index(item_id)].setFocus()

    def editor_for(self, spot: Spot) -> QWidget | None:
        if spot.item in self.item_ids:
            return self.edits[self.item_ids.index(spot.item)]
        return self.add_button if not self.ctx.read_only else None
