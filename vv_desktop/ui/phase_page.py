"""One phase on screen: its worksheet (per round), its state, and the tips beside it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from vv_desktop.core.dates import local_time
from vv_desktop.core.i18n import translate
from vv_desktop.core.labels import phase_status_label
from vv_desktop.core.model import STATUSES
from vv_desktop.core.worksheets import PHASE_COLOURS, Method, PhaseDef, own_fields
from vv_desktop.ui.fields import FieldContext, FieldWidget, make_field
from vv_desktop.ui.focus import put_in_reading_order
from vv_desktop.ui.session import PlanSession
from vv_desktop.ui.style import scaled_font
from vv_desktop.ui.tips_panel import TipsPanel
from vv_desktop.ui.undo import ROUND_FIELD, STATUS_FIELD, PlanUndo, Spot


def ask_new_round(parent: QWidget, title: str) -> bool | None:
    """True: start from the previous answers; False: start empty; None: cancelled."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(translate("PhasePage", "Deze stap opnieuw doen"))
    box.setText(translate("PhasePage", "Je begint een nieuwe ronde van {phase}. De vorige ronde blijft bewaard en "
                          "kun je altijd teruglezen.").format(phase=title))
    box.setInformativeText(translate("PhasePage", "Waarmee wil je beginnen?"))
    copy = box.addButton(translate("PhasePage", "Met de vorige antwoorden"), QMessageBox.ButtonRole.AcceptRole)
    empty = box.addButton(translate("PhasePage", "Met een leeg werkblad"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(translate("PhasePage", "Annuleren"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(copy)
    box.exec()
    if box.clickedButton() is copy:
        return True
    if box.clickedButton() is empty:
        return False
    return None



class PhasePage(QWidget):
    navigate = Signal(str)
    levels_requested = Signal(str)  # the button under a question per level (its id): "Niveaus van de club"

    def __init__(self, phase: PhaseDef, method: Method, session: PlanSession, undo: PlanUndo,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.phase = phase
        self.method = method
        self.session = session
        self.undo = undo
        self.round_index: int | None = None
        self.fields: list[FieldWidget] = []
        self.setObjectName(f"phase-{phase.id}")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # Title, toolbar and worksheet scroll together, so that a small or 200%-scaled screen
        # still shows a useful part of the worksheet.
        self.content = QWidget()
        self.content_layout = QVBoxLayout(self.content)
        title = QLabel(f"{phase.number}. {phase.title}")
        title.setFont(scaled_font(title, 1.6))
        title.setStyleSheet(f"color: {PHASE_COLOURS[phase.id]};")
        title.setAccessibleName(self.tr("Stap {n}: {title}").format(n=phase.number, title=phase.title))
        subtitle = QLabel(phase.subtitle)
        subtitle.setFont(scaled_font(subtitle, 1.1, bold=False))
        subtitle.setWordWrap(True)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addWidget(subtitle, 1, Qt.AlignmentFlag.AlignBottom)
        self.content_layout.addLayout(head)
        self.toolbar = self._build_toolbar()
        self.content_layout.addLayout(self.toolbar)
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.content_layout.addWidget(self.banner)
        self.form: QWidget | None = None

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setWidget(self.content)
        self.splitter.addWidget(self.scroll)
        self.tips = TipsPanel(method, phase)
        self.splitter.addWidget(self.tips)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        em = self.fontMetrics().horizontalAdvance("M")
        self.tips.setMinimumSize(em * 12, em * 6)
        self.splitter.setSizes([em * 60, em * 24])
        layout.addWidget(self.splitter, 1)
        self.compact = False
        self.changed_elsewhere: set[tuple[str, str]] = set()  # (phase, field) changed from another page
        self.building = False
        self.build_form()

    # -- toolbar: state, rounds, tips -----------------------------------------------------------
    def _build_toolbar(self) -> QGridLayout:
        bar = QGridLayout()
        status_label = QLabel(self.tr("&Stand:"))
        self.status_combo = QComboBox()
        for status in STATUSES:
            self.status_combo.addItem(phase_status_label(status), status)
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
        self.toolbar_widgets = (status_label, self.status_combo, round_label, self.round_combo,
                                self.again_button, self.tips_button)
        self._place_toolbar(bar, compact=False)
        return bar

    def _place_toolbar(self, bar: QGridLayout, compact: bool) -> None:
        """One row on a wide window; on a narrow one (small screen, 200%) two rows."""
        for widget in self.toolbar_widgets:
            bar.removeWidget(widget)
        status_label, status, round_label, rounds, again, tips = self.toolbar_widgets
        if compact:
            places = ((status_label, 0, 0), (status, 0, 1), (round_label, 0, 2), (rounds, 0, 3),
                      (again, 1, 0, 1, 2), (tips, 1, 2, 1, 2))
        else:
            places = ((status_label, 0, 0), (status, 0, 1), (round_label, 0, 2), (rounds, 0, 3), (again, 0, 4),
                      (tips, 0, 6))
        for widget, *where in places:
            bar.addWidget(widget, *where)
        for column in range(7):
            bar.setColumnStretch(column, 0)
        bar.setColumnStretch(3 if compact else 5, 1)

    def set_compact(self, compact: bool) -> None:
        if compact == self.compact:
            return
        self.compact = compact
        self._place_toolbar(self.toolbar, compact)
        self.fix_tab_order()
        self.splitter.setOrientation(Qt.Orientation.Vertical if compact else Qt.Orientation.Horizontal)

    def _status_chosen(self) -> None:
        self.undo.set_status(self.phase.id, self.status_combo.currentData())

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
        self.undo.new_round(self.method, self.phase.id, copy_previous=choice)
        self.show_round(None)

    # -- the form -------------------------------------------------------------------------------
    def show_round(self, round_index: int | None) -> None:
        self.round_index = round_index
        self.build_form()

    def build_form(self) -> None:
        """(Re)build the worksheet for the shown round; earlier rounds are read-only."""
        plan = self.session.plan
        self.changed_elsewhere.clear()
        ctx = FieldContext(self.session, self.undo, self.method, self.phase.id, self.round_index,
                           self.navigate.emit, self.fix_tab_order, self.levels_requested.emit)
        body = QWidget()
        form = QVBoxLayout(body)
        form.setContentsMargins(0, 0, 0, 0)
        if self.phase.intro:
            intro = QLabel(" ".join(self.phase.intro.split()))
            intro.setWordWrap(True)
            form.addWidget(intro)
        self.building = True  # the fields' rows report themselves; the order is set once, at the end
        self.fields = [make_field(f, ctx) for f in (*self.phase.fields, *own_fields())]
        self.building = False
        for widget in self.fields:
            form.addWidget(widget)
        form.addStretch(1)
        if self.form is not None:
            self.content_layout.removeWidget(self.form)
            self.form.deleteLater()
        self.form = body
        self.content_layout.addWidget(body, 1)
        self._refresh_toolbar()
        self.fix_tab_order()
        rounds = plan.rounds(self.phase.id)
        if self.round_index is None:
            self.banner.hide()
        else:
            shown = rounds[self.round_index]
            self.banner.setText(self.tr("Je bekijkt ronde {n} van {date}. Een eerdere ronde kun je lezen, niet "
                                        "veranderen. Kies bij Ronde de laatste om verder te werken.").format(
                n=shown["number"], date=local_time(shown.get("started", ""))))
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
            label = self.tr("Ronde {n} · {date}").format(n=rnd["number"], date=local_time(rnd.get("started", "")))
            if index == len(rounds) - 1:
                label += self.tr(" (nu)")
            self.round_combo.addItem(label, index)
        shown = len(rounds) - 1 if self.round_index is None else self.round_index
        self.round_combo.setCurrentIndex(shown)
        self.round_combo.setEnabled(len(rounds) > 1)

    def reads_from(self) -> set[str]:
        """The phases whose answers this page shows (its own, and where its actions come from)."""
        return {self.phase.id} | {f.source_phase for f in self.phase.fields if f.source_phase}

    def changed_from_elsewhere(self, phase: str, field: str) -> None:
        """Another page changed (phase, field), which this page shows: it follows when it comes into view."""
        self.changed_elsewhere.add((phase, field))

    def refresh(self) -> None:
        """Called when the page comes into view: show what another page changed, in place where
        the fields can (actions planned in Concretiseren, ticked off in Uitvoeren), else rebuilt."""
        changed, self.changed_elsewhere = self.changed_elsewhere, set()
        if changed and not self._follow(changed):
            self.build_form()
        else:
            self._refresh_toolbar()

    def _follow(self, changed: set[tuple[str, str]]) -> bool:
        """Update the fields that show ``changed`` in place; False when the page must be built again."""
        todo = []
        for phase, field_id in changed:
            if phase == self.phase.id:
                widget = self.field(field_id)
                if widget is None or not hasattr(widget, "follow_own"):
                    return False
                todo.append(widget.follow_own)
                continue
            readers = [f for f in self.fields if (f.fdef.source_phase, f.fdef.source_field) == (phase, field_id)
                       or (f.fdef.source_phase == phase and not field_id)]
            if any(not hasattr(f, "follow_source") for f in readers):
                return False
            todo.extend(f.follow_source for f in readers)
        return all([follow() is not False for follow in todo])

    def first_editor(self) -> QWidget | None:
        for widget in self.fields:
            buddy = widget.title.buddy()
            if buddy is not None:
                return buddy
        return None

    # -- focus and undo ---------------------------------------------------------------------------
    def fix_tab_order(self) -> None:
        """Tab follows the screen, also after rows were added, removed or moved."""
        if not self.building:
            put_in_reading_order(self.content)

    def field(self, field_id: str) -> FieldWidget | None:
        return next((f for f in self.fields if f.fdef.id == field_id), None)

    def show_change(self, spot: Spot, rebuild: bool) -> None:
        """After an undo or redo: show the changed value and put the focus on it."""
        if spot.field == STATUS_FIELD:
            self.refresh_status()
            self.status_combo.setFocus()
            return
        if spot.field == ROUND_FIELD or self.round_index is not None:
            self.show_round(None)  # the round was added or taken off, or an earlier round was shown
            editor = self.first_editor()
        else:
            editor = self._show_field(spot, rebuild)
        if editor is not None:
            editor.setFocus()
            self.scroll.ensureWidgetVisible(editor)  # also when it had the focus already (scrolled away)

    def _show_field(self, spot: Spot, rebuild: bool) -> QWidget | None:
        widget = self.field(spot.field)
        if widget is None:
            return None
        if rebuild and widget.reload is not None:
            widget.reload()  # its rows, in place
        elif rebuild:
            self.build_form()
            widget = self.field(spot.field)
        else:
            widget.show_stored(spot)
        return widget.editor_for(spot) or widget.title.buddy()
