"""The four phases, always in view: where the club is, and how far each phase is filled in."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QBoxLayout, QButtonGroup, QLabel, QPushButton, QVBoxLayout, QWidget

from vv_desktop.core.labels import phase_status_label
from vv_desktop.core.model import Plan
from vv_desktop.core.progress import phase_progress
from vv_desktop.core.worksheets import PHASE_COLOURS, Method


class StepBar(QWidget):
    phase_chosen = Signal(str)

    def __init__(self, method: Method, parent: QWidget | None = None):
        super().__init__(parent)
        self.method = method
        self.setObjectName("stepBar")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(self.tr("De vier stappen"))
        self.heading.setObjectName("fieldTitle")
        layout.addWidget(self.heading)
        self.row = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        layout.addLayout(self.row)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QPushButton] = {}
        for phase in method.phases:
            button = QPushButton()
            button.setObjectName("stepButton")
            button.setCheckable(True)
            button.setStyleSheet(f"QPushButton#stepButton {{ border-left-color: {PHASE_COLOURS[phase.id]}; }}")
            button.setToolTip(self.tr("Alt+{n}").format(n=phase.number))
            button.clicked.connect(lambda _=False, p=phase.id: self.phase_chosen.emit(p))
            self.group.addButton(button)
            self.buttons[phase.id] = button
            self.row.addWidget(button)
        self.compact = False
        self.note = note = QLabel(self.tr(
            "Het stappenplan is geen rechte lijn: begin waar het past, ga terug of doe een stap opnieuw."))
        note.setObjectName("muted")
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addStretch(1)

    def set_compact(self, compact: bool) -> None:
        """Narrow window: the four steps in a row above the worksheet, two lines each."""
        self.compact = compact
        self.row.setDirection(QBoxLayout.Direction.LeftToRight if compact else QBoxLayout.Direction.TopToBottom)
        self.heading.setVisible(not compact)
        self.note.setVisible(not compact)

    def refresh(self, plan: Plan, current: str) -> None:
        for phase in self.method.phases:
            filled, total = phase_progress(plan, self.method, phase)
            rounds = len(plan.rounds(phase.id))
            status = phase_status_label(plan.status(phase.id))
            line2 = status if rounds == 1 else self.tr("{status} · ronde {n}").format(status=status, n=rounds)
            line3 = self.tr("{filled} van {total} vragen ingevuld").format(filled=filled, total=total)
            button = self.buttons[phase.id]
            if self.compact:
                button.setText(f"{phase.number}. {phase.title}\n{line2} · {filled}/{total}")
            else:
                button.setText(f"{phase.number}. {phase.title}\n{line2}\n{line3}")
            button.setAccessibleName(self.tr("Stap {n}: {title}, {state}, {filled}").format(
                n=phase.number, title=phase.title, state=line2, filled=line3))
            button.setChecked(phase.id == current)
