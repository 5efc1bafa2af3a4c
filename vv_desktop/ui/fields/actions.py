"""Actions: planned in Concretiseren, ticked off and updated in Uitvoeren."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vv_desktop.core.columns import GOAL, LEVEL, NOTE, SNAPSHOT, STATUS, TEXT, WHAT, WHEN, WHO
from vv_desktop.core.worksheets import FieldDef
from vv_desktop.ui.fields.base import FieldContext, FieldWidget, drop, tool_button
from vv_desktop.ui.fields.editors import PlanLineEdit, show_value
from vv_desktop.ui.undo import Spot


def _combo(items: list[tuple[str, str]], current: str, read_only: bool, name: str) -> QComboBox:
    combo = QComboBox()
    for value, label in items:
        combo.addItem(label, value)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    combo.setEnabled(not read_only)
    combo.setAccessibleName(name)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(8)
    return combo


def _edit(text: str, read_only: bool, name: str, placeholder: str = "") -> PlanLineEdit:
    return PlanLineEdit(text, read_only, name, placeholder)


def _label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


class ActionCard(QFrame):
    def __init__(self, owner: ActionsField, number: int, item: dict[str, Any]):
        super().__init__()
        self.owner = owner
        self.item_id = item["id"]
        self.setObjectName("actionCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        values = item["values"]
        ro = owner.ctx.read_only
        grid = QGridLayout(self)
        head = QLabel(self.tr("Actie {n}").format(n=number))
        bold = QFont(head.font())
        bold.setBold(True)
        head.setFont(bold)
        grid.addWidget(head, 0, 0)
        self.what = _edit(str(values.get(WHAT, "")), ro, self.tr("Actie {n}: wat gaan we doen?").format(n=number),
                          self.tr("Wat gaan jullie doen?"))
        grid.addWidget(self.what, 0, 1, 1, 5)
        statuses = owner.ctx.method.action_statuses
        self.status = _combo([(s.id, s.label) for s in statuses.options], str(values.get(STATUS, statuses.start)),
                             ro, self.tr("Actie {n}: status").format(n=number))
        grid.addWidget(self.status, 0, 6)
        self.up_button = tool_button("▲", self.tr("Deze actie een plek omhoog"), self.tr("Actie {n} omhoog").format(
            n=number), not ro)
        self.down_button = tool_button("▼", self.tr("Deze actie een plek omlaag"), self.tr("Actie {n} omlaag").format(
            n=number), not ro)
        self.up_button.clicked.connect(lambda: owner.move(self, -1))
        self.down_button.clicked.connect(lambda: owner.move(self, 1))
        remove = tool_button(self.tr("Weg"), self.tr("Deze actie weghalen"), self.tr("Actie {n} weghalen").format(
            n=number), not ro)
        remove.clicked.connect(lambda: owner.ask_remove(self))
        grid.addWidget(self.up_button, 0, 7)
        grid.addWidget(self.down_button, 0, 8)
        grid.addWidget(remove, 0, 9)
        self.goal = _combo(owner.objective_choices(), str(values.get(GOAL, "")), ro,
                           self.tr("Actie {n}: bij welk doel").format(n=number))
        self.who = _edit(str(values.get(WHO, "")), ro, self.tr("Actie {n}: wie (rol)").format(n=number),
                         owner.fdef.placeholder or self.tr("Een rol, geen naam"))
        levels = [("", "—")] + [(lv.id, lv.label) for lv in owner.ctx.method.levels]
        self.level = _combo(levels, str(values.get(LEVEL, "")), ro, self.tr("Actie {n}: niveau").format(n=number))
        self.when = _edit(str(values.get(WHEN, "")), ro, self.tr("Actie {n}: wanneer").format(n=number),
                          self.tr("bijv. voor de zomer"))
        for col, (text, widget) in enumerate(((self.tr("Doel"), self.goal), (self.tr("Wie"), self.who),
                                              (self.tr("Niveau"), self.level), (self.tr("Wanneer"), self.when))):
            grid.addWidget(_label(text, widget), 1, col * 2, Qt.AlignmentFlag.AlignRight)
            grid.addWidget(widget, 1, col * 2 + 1)
        for column in (1, 3, 5, 7):  # the four editors of the second row share the width
            grid.setColumnStretch(column, 1)
        self.what.edited.connect(lambda v: owner.store(self, WHAT, v, typed=True))
        self.who.edited.connect(lambda v: owner.store(self, WHO, v, typed=True))
        self.when.edited.connect(lambda v: owner.store(self, WHEN, v, typed=True))
        self.editors = {WHAT: self.what, WHO: self.who, WHEN: self.when, STATUS: self.status, LEVEL: self.level,
                        GOAL: self.goal}
        self.status.currentIndexChanged.connect(lambda _i: owner.store(self, STATUS, self.status.currentData()))
        self.level.currentIndexChanged.connect(lambda _i: owner.store(self, LEVEL, self.level.currentData()))
        self.goal.currentIndexChanged.connect(lambda _i: owner.store(self, GOAL, self.goal.currentData() or ""))


class ActionsField(FieldWidget):
    def __init__(self, fdef: FieldDef, ctx: FieldContext, parent: QWidget | None = None):
        super().__init__(fdef, ctx, parent)
        self.cards: list[ActionCard] = []
        self.list_box = QWidget()
        self.list_layout = QVBoxLayout(self.list_box)
        self.list_layout.setContentsMargins(0, 0, 0, 0)
        self.outer.addWidget(self.list_box)
        self.add_button = QPushButton(self.tr("+ Actie toevoegen"))
        if ctx.read_only:  # hide only: showing a widget before it has a parent would open it as a window
            self.add_button.hide()
        self.add_button.clicked.connect(self.add_action)
        line = QHBoxLayout()
        line.addWidget(self.add_button)
        line.addStretch(1)
        self.outer.addLayout(line)
        self.reload()
        ctx.session.changed.connect(self._on_changed)

    def objective_choices(self) -> list[tuple[str, str]]:
        choices = [("", self.tr("— geen doel gekozen —"))]
        if self.fdef.objectives_field:
            for n, item in enumerate(self.ctx.items(self.fdef.objectives_field), start=1):
                text = str(item["values"].get(TEXT, "")).strip() or self.tr("(doel zonder tekst)")
                choices.append((item["id"], f"{n}. {text[:60]}"))
        return choices

    def reload(self) -> None:
        """Show the cards as the model has them (after an add, a remove, a move, an undo)."""
        for card in self.cards:
            drop(card)
        self.cards = []
        for item in self.ctx.items(self.fdef.id):
            card = ActionCard(self, len(self.cards) + 1, item)
            self.cards.append(card)
            self.list_layout.addWidget(card)
        if self.cards:
            self.cards[0].up_button.setEnabled(False)
            self.cards[-1].down_button.setEnabled(False)
        self.title.setBuddy(self.cards[0].what if self.cards else self.add_button)
        self.ctx.structure_changed()

    def card(self, item_id: str) -> ActionCard | None:
        return next((c for c in self.cards if c.item_id == item_id), None)

    def add_action(self) -> ActionCard:
        item_id = self.ctx.add_item(self.fdef.id, {WHAT: "", STATUS: self.ctx.method.action_statuses.start},
                                    self.tr("actie toevoegen"), column=WHAT)
        self.reload()
        card = self.card(item_id)
        card.what.setFocus()
        return card

    def store(self, card: ActionCard, column: str, value: Any, typed: bool = False) -> None:
        self.ctx.set_item_value(self.fdef.id, card.item_id, column, value, typed)

    def ask_remove(self, card: ActionCard) -> None:
        """An action holds six answers: removing one with content asks first (Ctrl+Z brings it back)."""
        if card.what.text().strip() or card.who.text().strip() or card.when.text().strip():
            answer = QMessageBox.question(
                self, self.tr("Actie weghalen"),
                self.tr("De actie '{what}' weghalen?").format(what=card.what.text().strip()[:80] or "…"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.remove(card)

    def remove(self, card: ActionCard) -> None:
        self.ctx.remove_item(self.fdef.id, card.item_id, self.tr("actie weghalen"))
        self.reload()
        self.add_button.setFocus()

    def move(self, card: ActionCard, offset: int) -> None:
        item_id = card.item_id
        if self.ctx.move_item(self.fdef.id, item_id, offset, self.tr("actie verplaatsen"), column=WHAT):
            self.reload()
            moved = self.card(item_id)
            button = moved.up_button if offset < 0 else moved.down_button
            (button if button.isEnabled() else moved.what).setFocus()

    def editor_for(self, spot: Spot) -> QWidget | None:
        card = self.card(spot.item)
        if card is None:
            return self.add_button if not self.ctx.read_only else None
        return card.editors.get(spot.column, card.what)

    def _on_changed(self, phase: str, field: str) -> None:
        if phase != self.ctx.phase or field != self.fdef.objectives_field:
            return
        choices = self.objective_choices()
        for card in self.cards:
            current = card.goal.currentData()
            card.goal.blockSignals(True)
            card.goal.clear()
            for value, label in choices:
                card.goal.addItem(label, value)
            card.goal.setCurrentIndex(max(card.goal.findData(current), 0))
            card.goal.blockSignals(False)


class ActionProgressField(FieldWidget):
    """The actions of Concretiseren, to tick off and update while carrying them out."""

    def __init__(self, fdef: FieldDef, ctx: FieldContext, parent: QWidget | None = None):
        super().__init__(fdef, ctx, parent)
        self.rows: list[tuple[str, QCheckBox, QComboBox, QLineEdit]] = []
        self.statuses = ctx.method.action_statuses
        self.source = (fdef.source_phase, fdef.source_field)
        if ctx.round_index is not None:  # an earlier round: the actions as they were then
            self._show_snapshot(ctx.answer(f"{fdef.id}/{SNAPSHOT}", []))
            return
        items = ctx.plan.items(fdef.source_phase, fdef.source_field)
        if not items:
            empty = QLabel(self.tr("Er zijn nog geen acties. Maak ze in de stap Concretiseren."))
            empty.setWordWrap(True)
            self.outer.addWidget(empty)
            if ctx.navigate is not None:
                go = QPushButton(self.tr("Naar Concretiseren"))
                go.clicked.connect(lambda: ctx.navigate(fdef.source_phase))
                line = QHBoxLayout()
                line.addWidget(go)
                line.addStretch(1)
                self.outer.addLayout(line)
                self.title.setBuddy(go)
            return
        for n, item in enumerate(items, start=1):
            self._add_row(n, item)
        self.title.setBuddy(self.rows[0][1])

    def _add_row(self, number: int, item: dict[str, Any]) -> None:
        values = item["values"]
        frame = QFrame()
        frame.setObjectName("actionCard")
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(frame)
        what = str(values.get(WHAT, "")).strip() or self.tr("(actie zonder naam)")
        done = QCheckBox(f"{number}. {what}")
        done.setAccessibleName(self.tr("Actie {n} is klaar: {what}").format(n=number, what=what))
        done.setChecked(values.get(STATUS) == self.statuses.done)
        done.setEnabled(not self.ctx.read_only)  # a read-only data folder
        grid.addWidget(done, 0, 0, 1, 3)
        details = [t for t in (values.get(WHO, ""), values.get(WHEN, "")) if isinstance(t, str) and t.strip()]
        if details:
            info = QLabel(" · ".join(details))
            info.setObjectName("fieldHelp")
            info.setTextFormat(Qt.TextFormat.PlainText)
            grid.addWidget(info, 1, 0)
        status = _combo([(s.id, s.label) for s in self.statuses.options], str(values.get(STATUS, "")),
                        self.ctx.read_only, self.tr("Actie {n}: status").format(n=number))
        note = _edit(str(values.get(NOTE, "")), self.ctx.read_only, self.tr("Actie {n}: notitie").format(n=number),
                     self.tr("Notitie: hoe gaat het?"))
        grid.addWidget(status, 1, 1)
        grid.addWidget(note, 1, 2)
        grid.setColumnStretch(2, 1)
        self.outer.addWidget(frame)
        item_id = item["id"]
        self.rows.append((item_id, done, status, note))
        done.toggled.connect(lambda on, s=status: s.setCurrentIndex(
            s.findData(self.statuses.done if on else self.statuses.busy)))
        status.currentIndexChanged.connect(lambda _i, i=item_id, s=status, d=done: self._status(i, s, d))
        note.edited.connect(lambda v, i=item_id: self._store(i, NOTE, v, typed=True))

    def _status(self, item_id: str, status: QComboBox, done: QCheckBox) -> None:
        done.blockSignals(True)
        done.setChecked(status.currentData() == self.statuses.done)
        done.blockSignals(False)
        self._store(item_id, STATUS, status.currentData())

    def _store(self, item_id: str, column: str, value: Any, typed: bool = False) -> None:
        self.ctx.set_item_value(self.fdef.id, item_id, column, value, typed, source=self.source)

    def stored_value(self, spot: Spot) -> Any:
        try:
            return self.ctx.plan.item(*self.source, spot.item)["values"].get(spot.column)
        except KeyError:
            return None

    def editor_for(self, spot: Spot) -> QWidget | None:
        row = next((r for r in self.rows if r[0] == spot.item), None)
        if row is None:
            return None
        return row[3] if spot.column == NOTE else row[2]

    def show_stored(self, spot: Spot) -> None:
        row = next((r for r in self.rows if r[0] == spot.item), None)
        if row is None:
            return
        _item, done, status, note = row
        if spot.column == NOTE:
            show_value(note, self.stored_value(spot))
        else:
            show_value(status, self.stored_value(spot))
            show_value(done, status.currentData() == self.statuses.done)

    def _show_snapshot(self, snapshot: Any) -> None:
        rows = snapshot if isinstance(snapshot, list) else []
        if not rows:
            self.outer.addWidget(QLabel(self.tr("In deze ronde waren er geen acties.")))
        for n, row in enumerate(r for r in rows if isinstance(r, dict)):
            status = str(row.get(STATUS, ""))
            text = f"{n + 1}. {row.get(WHAT) or self.tr('(actie zonder naam)')} — " \
                   f"{self.statuses.label(status) or status}"
            if row.get(NOTE):
                text += f" ({row[NOTE]})"
            label = QLabel(text)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            self.outer.addWidget(label)
