"""A table with one row per level of the club (bestuur, leden, teams, ...)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from vv_desktop.core.dates import normalise
from vv_desktop.core.model import cell_key
from vv_desktop.core.worksheets import Column, FieldDef
from vv_desktop.ui.fields.base import FieldContext, FieldWidget, as_text
from vv_desktop.ui.fields.editors import PlanLineEdit
from vv_desktop.ui.undo import Spot


class LevelsField(FieldWidget):
    def __init__(self, fdef: FieldDef, ctx: FieldContext, parent: QWidget | None = None):
        super().__init__(fdef, ctx, parent)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(8)
        self.outer.addLayout(self.grid)
        self.editors: dict[tuple[str, str], QWidget] = {}
        self.by_key: dict[str, QWidget] = {}
        self.date_hints: dict[tuple[str, str], QLabel] = {}
        for col, column in enumerate(fdef.columns, start=1):
            head = QLabel(column.label)
            head.setObjectName("columnHead")
            self.grid.addWidget(head, 0, col)
            self.grid.setColumnStretch(col, 0 if column.type in ("date", "scale") else 1)
        row = 1
        for level_id in fdef.levels:
            level = ctx.method.level(level_id)
            self.grid.addWidget(QLabel(level.label), row, 0)
            for col, column in enumerate(fdef.columns, start=1):
                editor = self._editor(level_id, level.label, column)
                self.editors[(level_id, column.id)] = editor
                self.by_key[cell_key(fdef.id, level_id, column.id)] = editor
                self.grid.addWidget(editor, row, col)
            hint = QLabel()
            hint.setObjectName("dateHint")
            hint.setTextFormat(Qt.TextFormat.PlainText)
            hint.setWordWrap(True)
            hint.hide()
            self.grid.addWidget(hint, row + 1, 1, 1, len(fdef.columns))
            for column in fdef.columns:
                if column.type == "date":
                    self.date_hints[(level_id, column.id)] = hint
            row += 2
        self.levels_button: QPushButton | None = None
        if ctx.edit_levels is not None and not ctx.read_only:  # where a club misses its own level
            self.levels_button = QPushButton(self.tr("Niveau toevoegen of aanpassen..."))
            self.levels_button.setAccessibleName(self.tr("Niveaus van de club aanpassen, bij {question}").format(
                question=fdef.label))
            self.levels_button.clicked.connect(lambda: ctx.edit_levels(fdef.id))
            line = QHBoxLayout()
            line.addWidget(self.levels_button)
            line.addStretch(1)
            self.outer.addLayout(line)
        first = next(iter(self.editors.values()), None)  # none: the club removed every level it asks about
        if first is not None:
            self.title.setBuddy(first)

    def _editor(self, level_id: str, level_label: str, column: Column) -> QWidget:
        key = cell_key(self.fdef.id, level_id, column.id)
        value = self.ctx.answer(key, "")
        name = self.tr("{question}: {level}, {column}").format(
            question=self.fdef.label, level=level_label, column=column.label
        )
        if column.type == "scale":
            combo = QComboBox()
            combo.addItem(self.tr("Kies..."), 0)
            for n, label in enumerate(self.ctx.method.scale, start=1):
                combo.addItem(f"{n} · {label}", n)
            index = combo.findData(value if isinstance(value, int) else 0)
            combo.setCurrentIndex(max(index, 0))
            combo.setEnabled(not self.ctx.read_only)
            combo.setAccessibleName(name)
            combo.currentIndexChanged.connect(
                lambda _i, c=combo, k=key: self.ctx.set_answer(self.fdef.id, k, c.currentData() or "")
            )
            return combo
        edit = PlanLineEdit(as_text(value), self.ctx.read_only, name)
        edit.edited.connect(lambda text, k=key: self.ctx.set_answer(self.fdef.id, k, text, typed=True))
        if column.type == "date":
            edit.setPlaceholderText(self.tr("dd-mm-jjjj"))
            edit.setMaximumWidth(edit.fontMetrics().horizontalAdvance("00-00-00000") + 24)
            edit.editingFinished.connect(lambda e=edit, k=key, lv=level_id, c=column.id: self._check_date(e, k, lv, c))
        return edit

    def _check_date(self, edit: QLineEdit, key: str, level_id: str, column_id: str) -> None:
        if self.ctx.read_only:
            return
        text, recognised = normalise(edit.text())
        hint = self.date_hints[(level_id, column_id)]
        if recognised:
            hint.hide()
            if text != edit.text():
                edit.setText(text)
                self.ctx.set_answer(self.fdef.id, key, text, typed=True)
        else:
            # Keep what was typed (nothing is lost), but say how a date is written.
            hint.setText(self.tr("'{text}' is geen datum die de app herkent. Schrijf bijvoorbeeld 14-03-2026.")
                         .format(text=edit.text()[:40]))
            hint.show()

    def editor_for(self, spot: Spot) -> QWidget | None:
        return self.by_key.get(spot.key)
