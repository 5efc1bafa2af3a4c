"""Actions, planned in Concretiseren: one card per action (what, status, goal, who, level, when)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vv_desktop.core.columns import GOAL, LEVEL, STATUS, TEXT, WHAT, WHEN, WHO
from vv_desktop.core.worksheets import FieldDef
from vv_desktop.ui.fields.base import FieldContext, FieldWidget, as_text, tool_button
from vv_desktop.ui.fields.card_list import CardList, choice_model, set_choices, shared_combo
from vv_desktop.ui.fields.editors import PlanLineEdit, show_value
from vv_desktop.ui.focus import reading_order
from vv_desktop.ui.undo import Spot


def _label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text, buddy.parentWidget())
    label.setBuddy(buddy)
    return label


class ActionCard(QFrame):
    def __init__(self, owner: ActionsField, number: int, total: int, item: dict[str, Any]):
        super().__init__(owner.list_box)  # made in its place: not styled once more when it joins the page
        self.owner = owner
        self.item_id = item["id"]
        self.number = 0
        self.setObjectName("actionCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        ro = owner.ctx.read_only
        grid = QGridLayout(self)
        self.head = QLabel(self)
        bold = QFont(self.head.font())
        bold.setBold(True)
        self.head.setFont(bold)
        grid.addWidget(self.head, 0, 0)
        self.what = PlanLineEdit("", ro, placeholder=self.tr("Wat gaan jullie doen?"), parent=self)
        grid.addWidget(self.what, 0, 1, 1, 5)
        self.status = shared_combo(owner.status_model, "", ro, "", self)
        grid.addWidget(self.status, 0, 6)
        self.up_button = tool_button("▲", self.tr("Deze actie een plek omhoog"), "", not ro, self)
        self.down_button = tool_button("▼", self.tr("Deze actie een plek omlaag"), "", not ro, self)
        self.up_button.clicked.connect(lambda: owner.move(self, -1))
        self.down_button.clicked.connect(lambda: owner.move(self, 1))
        self.remove_button = tool_button(self.tr("Weg"), self.tr("Deze actie weghalen"), "", not ro, self)
        self.remove_button.clicked.connect(lambda: owner.ask_remove(self))
        grid.addWidget(self.up_button, 0, 7)
        grid.addWidget(self.down_button, 0, 8)
        grid.addWidget(self.remove_button, 0, 9)
        self.goal = shared_combo(owner.goal_model, "", ro, "", self)
        self.who = PlanLineEdit("", ro, placeholder=owner.fdef.placeholder or self.tr("Een rol, geen naam"),
                                parent=self)
        self.level = shared_combo(owner.level_model, "", ro, "", self)
        self.when = PlanLineEdit("", ro, placeholder=self.tr("bijv. voor de zomer"), parent=self)
        for col, (text, widget) in enumerate(((self.tr("Doel"), self.goal), (self.tr("Wie"), self.who),
                                              (self.tr("Niveau"), self.level), (self.tr("Wanneer"), self.when))):
            grid.addWidget(_label(text, widget), 1, col * 2, Qt.AlignmentFlag.AlignRight)
            grid.addWidget(widget, 1, col * 2 + 1)
        for column in (1, 3, 5, 7):  # the four editors of the second row share the width
            grid.setColumnStretch(column, 1)
        self.editors = {WHAT: self.what, WHO: self.who, WHEN: self.when, STATUS: self.status, LEVEL: self.level,
                        GOAL: self.goal}
        self.show_item(number, total, item)
        self.tab_widgets = reading_order(self)
        self.what.edited.connect(lambda v: owner.store(self, WHAT, v, typed=True))
        self.who.edited.connect(lambda v: owner.store(self, WHO, v, typed=True))
        self.when.edited.connect(lambda v: owner.store(self, WHEN, v, typed=True))
        self.status.currentIndexChanged.connect(lambda _i: owner.store(self, STATUS, self.status.currentData()))
        self.level.currentIndexChanged.connect(lambda _i: owner.store(self, LEVEL, self.level.currentData()))
        self.goal.currentIndexChanged.connect(lambda _i: owner.store(self, GOAL, self.goal.currentData() or ""))

    def show_item(self, number: int, total: int, item: dict[str, Any]) -> None:
        """Show the action as the model has it, as the ``number``-th of ``total``."""
        shown = (number, number < total, dict(item["values"]))
        if shown == getattr(self, "shown", None):
            return  # as it is on screen already (most cards, when one was added, moved or removed)
        self.shown = shown
        if number != self.number:
            self.number = number
            n = number
            self.head.setText(self.tr("Actie {n}").format(n=n))
            self.what.setAccessibleName(self.tr("Actie {n}: wat gaan we doen?").format(n=n))
            self.status.setAccessibleName(self.tr("Actie {n}: status").format(n=n))
            self.up_button.setAccessibleName(self.tr("Actie {n} omhoog").format(n=n))
            self.down_button.setAccessibleName(self.tr("Actie {n} omlaag").format(n=n))
            self.remove_button.setAccessibleName(self.tr("Actie {n} weghalen").format(n=n))
            self.goal.setAccessibleName(self.tr("Actie {n}: bij welk doel").format(n=n))
            self.who.setAccessibleName(self.tr("Actie {n}: wie (rol)").format(n=n))
            self.level.setAccessibleName(self.tr("Actie {n}: niveau").format(n=n))
            self.when.setAccessibleName(self.tr("Actie {n}: wanneer").format(n=n))
        self.up_button.setEnabled(number > 1)
        self.down_button.setEnabled(number < total)
        values = item["values"]
        for column in (WHAT, WHO, WHEN):
            show_value(self.editors[column], as_text(values.get(column, "")))
        show_value(self.status, str(values.get(STATUS, self.owner.ctx.method.action_statuses.start)))
        show_value(self.level, str(values.get(LEVEL, "")))
        show_value(self.goal, str(values.get(GOAL, "")))


class ActionsField(FieldWidget):
    def __init__(self, fdef: FieldDef, ctx: FieldContext, parent: QWidget | None = None):
        super().__init__(fdef, ctx, parent)
        statuses = ctx.method.action_statuses
        self.status_model = choice_model([(s.id, s.label) for s in statuses.options], self)
        self.level_model = choice_model([("", "—")] + [(lv.id, lv.label) for lv in ctx.method.levels], self)
        self.goal_model = choice_model(self.objective_choices(), self)
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
        self.list = CardList(self, self.list_layout, lambda: self.ctx.items(self.fdef.id),
                             lambda n, total, item: ActionCard(self, n, total, item), [self.add_button])
        self.list.sync(lazy=True)
        self._set_buddy()
        ctx.session.changed.connect(self._on_changed)

    @property
    def cards(self) -> list[ActionCard]:
        """Every action's card (the ones still to come are built now)."""
        self.list.finish()
        return self.list.cards

    def rows_pending(self) -> bool:
        """True while some cards are still being built (in batches, after the page showed)."""
        return self.list.pending()

    def objective_choices(self) -> list[tuple[str, str]]:
        choices = [("", self.tr("— geen doel gekozen —"))]
        if self.fdef.objectives_field:
            for n, item in enumerate(self.ctx.items(self.fdef.objectives_field), start=1):
                text = str(item["values"].get(TEXT, "")).strip() or self.tr("(doel zonder tekst)")
                choices.append((item["id"], f"{n}. {text[:60]}"))
        return choices

    def reload(self) -> None:
        """Show the cards as the model has them (after an add, a remove, a move, an undo): the cards
        of the actions that stay are kept and updated, only new actions get a new card."""
        self.list.sync(lazy=self.list.pending() or not self.list.cards)
        self._set_buddy()

    def follow_own(self) -> bool:
        """The actions changed on another page (ticked off in Uitvoeren): show them in place."""
        self.reload()
        return True

    def _set_buddy(self) -> None:
        self.title.setBuddy(self.list.cards[0].what if self.list.cards else self.add_button)

    def card(self, item_id: str) -> ActionCard | None:
        return self.list.card(item_id)

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
        model = self.goal_model
        if [model.item(row).data(Qt.ItemDataRole.UserRole) for row in range(model.rowCount())] == \
                [value for value, _label in choices]:
            for row, (_value, label) in enumerate(choices):  # the same goals, a text changed
                if model.item(row).text() != label:
                    model.item(row).setText(label)
            return
        cards = self.list.cards
        current = [card.goal.currentData() for card in cards]
        blocked = [card.goal.blockSignals(True) for card in cards]
        try:
            set_choices(model, choices)
            for card, value in zip(cards, current, strict=True):
                card.goal.setCurrentIndex(max(card.goal.findData(value), 0))
        finally:
            for card, was in zip(cards, blocked, strict=True):
                card.goal.blockSignals(was)
