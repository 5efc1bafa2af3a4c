"""One phase on screen: its worksheet (per round), its state, and the tips beside it."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from vv_desktop.core.model import STATUSES
from vv_desktop.core.rounds import start_round
from vv_desktop.core.worksheets import OWN_PRACTICES, OWN_TIPS, FieldDef, Method, PhaseDef
from vv_desktop.ui.fields import FieldContext, FieldWidget, make_field
from vv_desktop.ui.session import PlanSession
from vv_desktop.ui.style import PHASE_COLOURS, scaled_font
from vv_desktop.ui.tips_panel import TipsPanel


def ask_new_round(parent: QWidget, title: str) -> bool | None:
    """True: start from the previous answers; False: start empty; None: cancelled."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(parent.tr("Deze stap opnieuw doen"))
    box.setText(parent.tr("Je begint een nieuwe ronde van {phase}. De vorige ronde blijft bewaard en "
                          "kun je altijd teruglezen.").format(phase=title))
    box.setInformativeText(parent.tr("Waarmee wil je beginnen?"))
    copy = box.addButton(parent.tr("Met de vorige antwoorden"), QMessageBox.ButtonRole.AcceptRole)
    empty = box.addButton(parent.tr("Met een leeg werkblad"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(parent.tr("Annuleren"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(copy)
    box.exec()
    if box.clickedButton() is copy:
        return True
    if box.clickedButton() is empty:
        return False
    return None


def _local_date(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%d-%m-%Y")
    except ValueError:
        return ""


class PhasePage(QWidget):
    navigate = Signal(str)

    def __init__(self, phase: PhaseDef, method: Method, session: PlanSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.phase = phase
        self.method = method
        self.session = session
        self.round_index: int | None = None
        self.fields: list[FieldWidget] = []
        self.setObjectName(f"phase-{phase.id}")

        layout = QVBoxLayout(self)
        title = QLabel(f"{phase.number}. {phase.title}")
        title.setFont(scaled_font(title, 1.6))
        title.setStyleSheet(f"color: {PHASE_COLOURS[phase.id]};")
        title.setAccessibleName(self.tr("Stap {n}: {title}").format(n=phase.number, title=phase.title))
        subtitle = QLabel(phase.subtitle)
        subtitle.setFont(scaled_font(subtitle, 1.1, bold=False))
        head = QHBoxLayout()
        head.addWidget(title)
        head.addWidget(subtitle, 1, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(head)

        layout.addLayout(self._build_toolbar())
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        layout.addWidget(self.banner)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.splitter.addWidget(self.scroll)
        self.tips = TipsPanel(method, phase)
        self.splitter.addWidget(self.tips)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        layout.addWidget(self.splitter, 1)
        self.build_form()

    # -- toolbar: state, rounds, tips -----------------------------------------------------------
    def _build_toolbar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        status_label = QLabel(self.tr("&Stand:"))
        self.status_combo = QComboBox()
        names = {"niet_gestart": self.tr("Niet gestart"), "bezig": self.tr("Bezig"), "afgerond": self.tr("Afgerond")}
        for status in STATUSES:
            self.status_combo.addItem(names[status], status)
        self.status_combo.setAccessibleName(self.tr("Stand van {phase}").format(phase=self.phase.title))
        status_label.setBuddy(self.status_combo)
        self.status_combo.activated.connect(self._status_chosen)
        round_label = QLabel(self.tr("&Ronde:"))
        self.round_combo = QComboBox()
        self.round_combo.setAccessibleName(self.tr("Ronde van {phase} om te bekijken").format(phase=self.phase.title))
        round_label.setBuddy(self.round_combo)
        self.round_combo.activated.connect(self._round_chosen)
        self.again_button = QPushButton(self.tr("Deze stap &opnieuw doen"))
        self.again_button.setToolTip(self.tr("Begin een nieuwe ronde; de vorige blijft leesbaar"))
        self.again_button.clicked.connect(self.start_new_round)
        self.tips_button = QPushButton(self.tr("Tips verbergen"))
        self.tips_button.setCheckable(True)
        self.tips_button.setChecked(True)
        self.tips_button.toggled.connect(self.set_tips_visible)
        for widget in (status_label, self.status_combo, round_label, self.round_combo, self.again_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.tips_button)
        return bar

    def _status_chosen(self) -> None:
        if self.session.plan.set_status(self.phase.id, self.status_combo.currentData()):
            self.session.touch(self.phase.id)

    def _round_chosen(self) -> None:
        last = len(self.session.plan.rounds(self.phase.id)) - 1
        index = self.round_combo.currentData()
        self.show_round(None if index == last else index)

    def set_tips_visible(self, visible: bool) -> None:
        self.tips.setVisible(visible)
        self.tips_button.blockSignals(True)
        self.tips_button.setChecked(visible)
        self.tips_button.blockSignals(False)
        self.tips_button.setText(self.tr("Tips verbergen") if visible else self.tr("Tips tonen"))

    def start_new_round(self) -> None:
        choice = ask_new_round(self, self.phase.title)
        if choice is None:
            return
        start_round(self.session.plan, self.method, self.phase.id, copy_previous=choice)
        self.session.touch(self.phase.id)
        self.show_round(None)

    # -- the form -------------------------------------------------------------------------------
    def own_fields(self) -> tuple[FieldDef, FieldDef]:
        return (
            FieldDef(OWN_TIPS, "list", self.tr("Onze eigen tips en voorwaarden"),
                     help=self.tr("Wat werkt bij jullie club? Wat is nodig om te slagen?"),
                     placeholder=self.tr("Nieuwe tip")),
            FieldDef(OWN_PRACTICES, "list", self.tr("Onze eigen good practices"),
                     help=self.tr("Wat ging goed, hier of bij een andere club?"),
                     placeholder=self.tr("Nieuw voorbeeld")),
        )

    def show_round(self, round_index: int | None) -> None:
        self.round_index = round_index
        self.build_form()

    def build_form(self) -> None:
        """(Re)build the worksheet for the shown round; earlier rounds are read-only."""
        plan = self.session.plan
        ctx = FieldContext(self.session, self.method, self.phase.id, self.round_index, self.navigate.emit)
        body = QWidget()
        form = QVBoxLayout(body)
        if self.phase.intro:
            intro = QLabel(" ".join(self.phase.intro.split()))
            intro.setWordWrap(True)
            form.addWidget(intro)
        self.fields = [make_field(f, ctx) for f in (*self.phase.fields, *self.own_fields())]
        for widget in self.fields:
            form.addWidget(widget)
        form.addStretch(1)
        old = self.scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self.scroll.setWidget(body)
        self._refresh_toolbar()
        rounds = plan.rounds(self.phase.id)
        if self.round_index is None:
            self.banner.hide()
        else:
            shown = rounds[self.round_index]
            self.banner.setText(self.tr("Je bekijkt ronde {n} van {date}. Een eerdere ronde kun je lezen, niet "
                                        "veranderen. Kies bij Ronde de laatste om verder te werken.").format(
                n=shown["number"], date=_local_date(shown["started"])))
            self.banner.show()

    def refresh_status(self) -> None:
        status = self.session.plan.status(self.phase.id)
        self.status_combo.setCurrentIndex(self.status_combo.findData(status))

    def _refresh_toolbar(self) -> None:
        plan = self.session.plan
        self.refresh_status()
        rounds = plan.rounds(self.phase.id)
        self.round_combo.clear()
        for index, rnd in enumerate(rounds):
            label = self.tr("Ronde {n} · {date}").format(n=rnd["number"], date=_local_date(rnd["started"]))
            if index == len(rounds) - 1:
                label += self.tr(" (nu)")
            self.round_combo.addItem(label, index)
        shown = len(rounds) - 1 if self.round_index is None else self.round_index
        self.round_combo.setCurrentIndex(shown)
        self.round_combo.setEnabled(len(rounds) > 1)

    def refresh(self) -> None:
        """Called when the page comes into view: pick up changes made in other phases."""
        if any(f.fdef.type == "action_progress" for f in self.fields):
            self.build_form()
        else:
            self._refresh_toolbar()

    def first_editor(self) -> QWidget | None:
        for widget in self.fields:
            buddy = widget.title.buddy()
            if buddy is not None:
                return buddy
        return None
