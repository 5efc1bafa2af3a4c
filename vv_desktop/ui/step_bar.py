"""The four phases, always in view: where the club is, and how far each phase is filled in."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QLabel, QPushButton, QVBoxLayout, QWidget

from vv_desktop.core.model import Plan
from vv_desktop.core.progress import phase_progress
from vv_desktop.core.worksheets import Method
from vv_desktop.ui.style import PHASE_COLOURS


class StepBar(QWidget):
    phase_chosen = Signal(str)

    def __init__(self, method: Method, parent: QWidget | None = None):
        super().__init__(parent)
        self.method = method
        self.setObjectName("stepBar")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(self.tr("De vier stappen"))
        heading.setObjectName("fieldTitle")
        layout.addWidget(heading)
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
            layout.addWidget(button)
        note = QLabel(self.tr("Het stappenplan is geen rechte lijn: begin waar het past, ga terug of doe een "
                              "stap opnieuw."))
        note.setObjectName("muted")
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addStretch(1)

    def status_text(self, status: str) -> str:
        return {"niet_gestart": self.tr("Niet gestart"), "bezig": self.tr("Bezig"),
                "afgerond": self.tr("Afgerond")}.get(status, status)

    def refresh(self, plan: Plan, current: str) -> None:
        for phase in self.method.phases:
            filled, total = phase_progress(plan, phase)
            rounds = len(plan.rounds(phase.id))
            status = self.status_text(plan.status(phase.id))
            line2 = self.tr("{status} · {filled} van {total} vragen").format(status=status, filled=filled,
                                                                             total=total)
            if rounds > 1:
                line2 += self.tr(" · ronde {n}").format(n=rounds)
            button = self.buttons[phase.id]
            button.setText(f"{phase.number}. {phase.title}\n{line2}")
            button.setAccessibleName(self.tr("Stap {n}: {title}, {state}").format(
                n=phase.number, title=phase.title, state=line2))
            button.setChecked(phase.id == current)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
