"""Niveaus van de club: add, rename and remove the levels the plan asks about (bestuur, leden, ...).

Every change is a step on the plan's undo stack (ui/level_commands) and is saved by itself.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QStringListModel
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from vv_desktop.core import plan_levels
from vv_desktop.core.worksheets import Method
from vv_desktop.ui import level_commands
from vv_desktop.ui.undo import PlanUndo


class LevelsDialog(QDialog):
    """The plan's levels in a list; below it, a name field with Toevoegen and Naam wijzigen, and Weghalen."""

    def __init__(self, method: Method, undo: PlanUndo, phase: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.method, self.undo, self.phase = method, undo, phase
        self.setWindowTitle(self.tr("Niveaus van de club"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Bij sommige vragen vul je iets in per niveau: bestuur, leden, groepen... Hier kies je welke "
            "niveaus jullie club heeft. Een niveau dat je toevoegt, komt bij al die vragen. Haal je een niveau "
            "weg, dan blijven de antwoorden bewaard; met Ongedaan maken komt het terug."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        # A string model and button boxes: with QListWidget items and two local QHBoxLayouts here, a garbage
        # collection during the dialog crashed in a layout's references (PySide 6.12; seen in the GUI test).
        self.model = QStringListModel(self)
        self.ids: list[str] = []
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.list.setAccessibleName(self.tr("Niveaus van de club"))
        self.list.selectionModel().currentChanged.connect(self._on_current)
        layout.addWidget(self.list, 1)
        self.name = QLineEdit()
        self.name.setAccessibleName(self.tr("Naam van het niveau"))
        self.name.setMaxLength(plan_levels.MAX_LABEL_LENGTH)
        form = QFormLayout()
        form.addRow(self.tr("&Naam:"), self.name)
        layout.addLayout(form)
        changes = QDialogButtonBox()
        self.add_button = changes.addButton(self.tr("Als nieuw niveau &toevoegen"),
                                            QDialogButtonBox.ButtonRole.ActionRole)
        self.rename_button = changes.addButton(self.tr("Naam &wijzigen"), QDialogButtonBox.ButtonRole.ActionRole)
        self.remove_button = changes.addButton(self.tr("Niveau w&eghalen"), QDialogButtonBox.ButtonRole.ActionRole)
        self.add_button.clicked.connect(self.add)
        self.rename_button.clicked.connect(self.rename)
        self.remove_button.clicked.connect(self.remove)
        layout.addWidget(changes)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.name.textChanged.connect(self._update_buttons)
        self._fill()

    # -- what the list shows ----------------------------------------------------------------------
    def _levels(self) -> Method:
        return self.method.for_plan(self.undo.plan)

    def _fill(self, select: str = "") -> None:
        levels = self._levels().levels
        self.ids = [lv.id for lv in levels]
        self.model.setStringList([lv.label for lv in levels])
        if select in self.ids:
            self.select(select)
        else:
            self.list.setCurrentIndex(QModelIndex())
            self._on_current()

    def labels(self) -> list[str]:
        return self.model.stringList()

    def select(self, level_id: str) -> None:
        index = self.model.index(self.ids.index(level_id))
        self.list.setCurrentIndex(index)
        self._on_current()

    def current_id(self) -> str:
        row = self.list.currentIndex().row()
        return self.ids[row] if 0 <= row < len(self.ids) else ""

    def _on_current(self, *_indexes: object) -> None:
        row = self.list.currentIndex().row()
        self.name.setText(self.labels()[row] if 0 <= row < len(self.ids) else "")
        self._update_buttons()

    def _update_buttons(self) -> None:
        named = bool(plan_levels.clean_label(self.name.text()))
        self.add_button.setEnabled(named)
        self.rename_button.setEnabled(named and bool(self.current_id()))
        self.remove_button.setEnabled(bool(self.current_id()))

    # -- the changes ------------------------------------------------------------------------------
    def _done(self, select: str) -> None:
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
