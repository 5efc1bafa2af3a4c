"""The "stellingen" exercise: eens / neutraal / oneens per statement, and the three that matter most."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from vv_desktop.core.columns import STANCE, STANCES, TEXT, TOP, WHY
from vv_desktop.core.labels import source_label, stance_label
from vv_desktop.core.model import cell_key
from vv_desktop.core.worksheets import FieldDef
from vv_desktop.ui.fields.base import FieldContext, FieldWidget, as_text, drop
from vv_desktop.ui.fields.editors import PlanLineEdit, show_value
from vv_desktop.ui.undo import Spot


class StatementRow(QFrame):
    """One statement with its three choices, a note and the 'belangrijk' tick."""

    def __init__(self, owner: StatementsField, number: int, text: str, stance: str, note: str, top: bool,
                 own_item: str | None, source: str = ""):
        super().__init__()
        self.owner = owner
        self.own_item = own_item
        self.setObjectName("statementRow")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        read_only = owner.ctx.read_only
        grid = QGridLayout(self)
        if own_item is None:
            self.text_widget: QWidget = QLabel(f"{number}. {text}")
            self.text_widget.setWordWrap(True)
            self.text_widget.setTextFormat(Qt.TextFormat.PlainText)
        else:
            edit = PlanLineEdit(text, read_only, self.tr("Eigen stelling {n}").format(n=number),
                                self.tr("Schrijf hier jullie eigen stelling"))
            edit.edited.connect(lambda v: self.owner.store(self, TEXT, v, typed=True))
            self.text_widget = edit
        grid.addWidget(self.text_widget, 0, 0, 1, 4)
        row = 1
        if source:  # where the statement comes from (the kick-off in Vleuten); the others are the app's own
            self.source = QLabel(source)
            self.source.setObjectName("fieldHelp")
            self.source.setWordWrap(True)
            self.source.setTextFormat(Qt.TextFormat.PlainText)
            grid.addWidget(self.source, row, 0, 1, 4)
            self.text_widget.setAccessibleDescription(source)  # a screen reader hears it with the statement
            row += 1
        self.group = QButtonGroup(self)
        choices = QHBoxLayout()
        self.radios: dict[str, QRadioButton] = {}
        for stance_id in STANCES:
            radio = QRadioButton(stance_label(stance_id))
            radio.setAccessibleName(self.tr("{choice} met stelling {n}: {text}").format(
                n=number, choice=stance_label(stance_id), text=text[:120]))
            radio.setChecked(stance == stance_id)
            radio.setEnabled(not read_only)
            self.group.addButton(radio)
            self.radios[stance_id] = radio
            radio.toggled.connect(lambda on, s=stance_id: on and self.owner.store(self, STANCE, s))
            choices.addWidget(radio)
        choices.addStretch(1)
        grid.addLayout(choices, row, 0)
        self.note = PlanLineEdit(note, read_only, self.tr("Stelling {n}: toelichting").format(n=number),
                                 self.tr("Toelichting"))
        self.note.edited.connect(lambda v: self.owner.store(self, WHY, v, typed=True))
        grid.addWidget(self.note, row, 1, 1, 2)
        self.top = QCheckBox(self.tr("Belangrijk"))
        self.top.setToolTip(self.tr("Een van de drie belangrijkste stellingen"))
        self.top.setAccessibleName(self.tr("Stelling {n}: een van de belangrijkste").format(n=number))
        self.top.setChecked(top)
        self.top.setEnabled(not read_only)
        self.top.toggled.connect(lambda on: self.owner.set_top(self, on))
        grid.addWidget(self.top, row, 3)
        if own_item is not None and not read_only:
            remove = QToolButton()
            remove.setText(self.tr("Weg"))
            remove.setToolTip(self.tr("Deze stelling weghalen"))
            remove.setAccessibleName(self.tr("Eigen stelling {n} weghalen").format(n=number))
            remove.clicked.connect(lambda: self.owner.remove_own(self))
            grid.addWidget(remove, 0, 4)
        grid.setColumnStretch(1, 1)

    def editor(self, what: str) -> QWidget:
        if what == STANCE:
            return next((r for r in self.radios.values() if r.isChecked()), self.radios[STANCES[0]])
        return {WHY: self.note, TOP: self.top}.get(what, self.text_widget)

    def show_choice(self, stance: object) -> None:
        self.group.setExclusive(False)  # so that "no choice" can be shown again
        for stance_id, radio in self.radios.items():
            show_value(radio, stance == stance_id)
        self.group.setExclusive(True)


class StatementsField(FieldWidget):
    def __init__(self, fdef: FieldDef, ctx: FieldContext, parent: QWidget | None = None):
        super().__init__(fdef, ctx, parent)
        self.rows: list[StatementRow] = []
        self.option_ids: dict[StatementRow, str] = {}
        self.list_box = QWidget()
        self.list_layout = QVBoxLayout(self.list_box)
        self.list_layout.setContentsMargins(0, 0, 0, 0)
        self.outer.addWidget(self.list_box)
        self.pick_hint = QLabel()
        self.pick_hint.setObjectName("fieldHelp")
        self.outer.addWidget(self.pick_hint)
        add = QPushButton(self.tr("+ Eigen stelling toevoegen"))
        if ctx.read_only:  # hide only: showing a widget before it has a parent would open it as a window
            add.hide()
        add.clicked.connect(self.add_own)
        line = QHBoxLayout()
        line.addWidget(add)
        line.addStretch(1)
        self.outer.addLayout(line)
        self.reload()

    def reload(self) -> None:
        """Show the statements as the model has them (after adding or removing an own one, an undo)."""
        for row in self.rows:
            drop(row)
        self.rows, self.option_ids = [], {}
        fdef, ctx = self.fdef, self.ctx
        for n, option in enumerate(fdef.options, start=1):
            key = cell_key(fdef.id, option.id)
            row = StatementRow(self, n, option.label, as_text(ctx.answer(cell_key(key, STANCE), "")),
                               as_text(ctx.answer(cell_key(key, WHY), "")), ctx.answer(cell_key(key, TOP)) is True,
                               None, source_label(ctx.method, option.source) if option.source else "")
            self.option_ids[row] = option.id
            self._append(row)
        for item in ctx.items(fdef.id):
            values = item["values"]
            self._append(StatementRow(self, len(self.rows) + 1, as_text(values.get(TEXT, "")),
                                      as_text(values.get(STANCE, "")), as_text(values.get(WHY, "")),
                                      values.get(TOP) is True, item["id"]))
        self.title.setBuddy(self.rows[0].radios[STANCES[0]])
        self._update_pick_limit()
        ctx.structure_changed()

    def _append(self, row: StatementRow) -> None:
        self.rows.append(row)
        self.list_layout.addWidget(row)

    def add_own(self) -> StatementRow:
        item_id = self.ctx.add_item(self.fdef.id, {TEXT: ""}, self.tr("eigen stelling toevoegen"), column=TEXT)
        self.reload()
        row = next(r for r in self.rows if r.own_item == item_id)
        row.text_widget.setFocus()
        return row

    def remove_own(self, row: StatementRow) -> None:
        self.ctx.remove_item(self.fdef.id, row.own_item, self.tr("eigen stelling weghalen"))
        self.reload()

    def _row_at(self, spot: Spot) -> tuple[StatementRow | None, str]:
        if spot.item:
            return next((r for r in self.rows if r.own_item == spot.item), None), spot.column
        parts = spot.key.split("/")
        if len(parts) != 3:
            return None, ""
        return next((r for r, o in self.option_ids.items() if o == parts[1]), None), parts[2]

    def editor_for(self, spot: Spot) -> QWidget | None:
        row, what = self._row_at(spot)
        return row.editor(what) if row is not None else None

    def show_stored(self, spot: Spot) -> None:
        row, what = self._row_at(spot)
        if row is None:
            return
        if what == STANCE:
            row.show_choice(self.stored_value(spot))
        else:
            show_value(row.editor(what), self.stored_value(spot))
        self._update_pick_limit()

    def store(self, row: StatementRow, what: str, value: object, typed: bool = False) -> None:
        if row.own_item is None:
            self.ctx.set_answer(self.fdef.id, cell_key(self.fdef.id, self.option_ids[row], what), value, typed)
        else:
            self.ctx.set_item_value(self.fdef.id, row.own_item, what, value, typed)

    def set_top(self, row: StatementRow, on: bool) -> None:
        self.store(row, TOP, on)
        self._update_pick_limit()

    def picked(self) -> int:
        return sum(r.top.isChecked() for r in self.rows)

    def _update_pick_limit(self) -> None:
        limit = self.fdef.pick or len(self.rows)
        full = self.picked() >= limit
        for r in self.rows:
            r.top.setEnabled(not self.ctx.read_only and (r.top.isChecked() or not full))
        if full:
            hint = self.tr("Je hebt de {n} belangrijkste gekozen. Haal een vinkje weg om een andere te kiezen.")
        else:
            hint = self.tr("Kies de {n} stellingen die jullie het belangrijkst vinden ({k} gekozen).")
        self.pick_hint.setText(hint.format(n=limit, k=self.picked()))
