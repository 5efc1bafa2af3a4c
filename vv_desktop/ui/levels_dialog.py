"""Niveaus van de club: add, rename and remove the levels the plan asks about (bestuur, leden, ...).

Every change is a step on the plan's undo stack (ui/level_commands) and is saved by itself.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vv_desktop.core import plan_levels
from vv_desktop.core.worksheets import Method
from vv_desktop.ui import level_commands
from vv_desktop.ui.undo import PlanUndo


class LevelsDialog(QDialog):
    """The plan's levels in a list; below it, a name field with Toevoegen and Naam wijzigen, and Weghalen."""

    def __init__(self, method: Method, undo: PlanUndo, phase: str, changed: Callable[[], None],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.method, self.undo, self.phase, self.changed = method, undo, phase, changed
        self.setWindowTitle(self.tr("Niveaus van de club"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Bij sommige vragen vul je iets in per niveau: bestuur, leden, groepen... Hier kies je welke "
            "niveaus jullie club heeft. Een niveau dat je toevoegt, komt bij al die vragen. Haal je een niveau "
            "weg, dan blijven de antwoorden bewaard; met Ongedaan maken komt het terug."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Niveaus van de club"))
        self.list.currentItemChanged.connect(self._on_current)
        layout.addWidget(self.list, 1)
        name_label = QLabel(self.tr("&Naam:"))
        self.name = QLineEdit()
        self.name.setAccessibleName(self.tr("Naam van het niveau"))
        self.name.setMaxLength(plan_levels.MAX_LABEL_LENGTH)
        name_label.setBuddy(self.name)
        row = QHBoxLayout()
        row.addWidget(name_label)
        row.addWidget(self.name, 1)
        layout.addLayout(row)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Als nieuw niveau &toevoegen"))
        self.rename_button = QPushButton(self.tr("Naam &wijzigen"))
        self.remove_button = QPushButton(self.tr("Niveau w&eghalen"))
        for button, slot in ((self.add_button, self.add), (self.rename_button, self.rename),
                             (self.remove_button, self.remove)):
            button.clicked.connect(slot)
            buttons.addWidget(button)
        layout.addLayout(buttons)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.name.textChanged.connect(self._update_buttons)
        self._fill()

    # -- what the list shows ----------------------------------------------------------------------
    def _levels(self) -> Method:
        return self.method.for_plan(self.undo.plan)

    def _fill(self, select: str = "") -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for level in self._levels().levels:
            item = QListWidgetItem(level.label)
            item.setData(Qt.ItemDataRole.UserRole, level.id)
            self.list.addItem(item)
            if level.id == select:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self._on_current(self.list.currentItem())

    def current_id(self) -> str:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else ""

    def _on_current(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None = None) -> None:
        self.name.setText(item.text() if item is not None else "")
        self._update_buttons()

    def _update_buttons(self) -> None:
        named = bool(plan_levels.clean_label(self.name.text()))
        self.add_button.setEnabled(named)
        self.rename_button.setEnabled(named and bool(self.current_id()))
        self.remove_button.setEnabled(bool(self.current_id()))

    # -- the changes ------------------------------------------------------------------------------
    def _done(self, select: str) -> None:
        self.changed()
        self._fill(select)

    def add(self) -> None:
        label = plan_levels.clean_label(self.name.text())
        if not label:
            return
        self._done(level_commands.add_level(self.undo, self.phase, label))
        self.name.setFocus()

    def rename(self) -> None:
        level_id, label = self.current_id(), plan_levels.clean_label(self.name.text())
        if level_id and label:
            level_commands.rename_level(self.undo, self.phase, level_id, label)
            self._done(level_id)

    def remove(self) -> None:
        level_id = self.current_id()
        if not level_id:
            return
        label = self._levels().level(level_id).label
        if plan_levels.answers_about(self.undo.plan.doc, level_id):
            answer = QMessageBox.question(self, self.tr("Niveau weghalen"), self.tr(
                "Bij '{name}' zijn al antwoorden ingevuld. Als je het niveau weghaalt, zie je die antwoorden "
                "niet meer. Ze blijven wel bewaard: met Ongedaan maken komen ze terug. Wil je '{name}' "
                "weghalen?").format(name=label))
            if answer != QMessageBox.StandardButton.Yes:
                return
        level_commands.remove_level(self.undo, self.phase, level_id)
        self._done("")
