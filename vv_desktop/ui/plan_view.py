"""An open plan: the step bar, the phase pages and Vorige / Volgende."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from vv_desktop.core.flow import Flow
from vv_desktop.core.worksheets import Method
from vv_desktop.ui.phase_page import PhasePage
from vv_desktop.ui.session import PlanSession
from vv_desktop.ui.step_bar import StepBar
from vv_desktop.ui.style import scaled_font
from vv_desktop.ui.undo import CLUB_FIELD, PlanUndo, Spot


class PlanView(QWidget):
    print_requested = Signal()
    edit_club_requested = Signal()
    home_requested = Signal()

    def __init__(self, session: PlanSession, method: Method, undo: PlanUndo, tips_visible: bool = True,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.undo = undo
        self.method = method.for_plan(session.plan)  # the words of this kind of club, with its own levels
        self.flow = Flow.for_plan(session.plan)
        layout = QVBoxLayout(self)

        header = QHBoxLayout()
        self.logo = QLabel()
        self.logo.setAccessibleName(self.tr("Logo van de club"))
        header.addWidget(self.logo)
        self.heading = QLabel()
        self.heading.setFont(scaled_font(self.heading, 1.25))
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        header.addWidget(self.heading, 1)
        self.club_button = QPushButton(self.tr("&Clubgegevens..."))
        self.club_button.clicked.connect(self.edit_club_requested.emit)
        self.levels_button = QPushButton(self.tr("N&iveaus..."))
        self.levels_button.setToolTip(self.tr("Niveaus van de club: bestuur, leden, groepen..."))
        self.levels_button.setAccessibleName(self.tr("Niveaus van de club"))
        self.levels_button.clicked.connect(lambda: self.edit_levels())
        self.home_button = QPushButton(self.tr("Alle &plannen"))
        self.home_button.clicked.connect(self.home_requested.emit)
        self.print_button = QPushButton(self.tr("Afdrukken en P&DF..."))
        self.print_button.clicked.connect(self.print_requested.emit)
        header.addWidget(self.print_button)
        header.addWidget(self.club_button)
        header.addWidget(self.levels_button)
        header.addWidget(self.home_button)
        layout.addLayout(header)
        self.club_button.setEnabled(not session.store.read_only)
        self.levels_button.setEnabled(not session.store.read_only)

        self.body = body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.step_bar = StepBar(self.method)
        self.step_bar.setMaximumWidth(self.step_bar.fontMetrics().horizontalAdvance("M") * 20)
        self.compact = False
        self.tips_wanted = tips_visible
        self.step_bar.phase_chosen.connect(self.go)
        body.addWidget(self.step_bar)
        self.stack = QStackedWidget()
        self.pages: dict[str, PhasePage] = {}  # built when first shown: opening a plan stays quick
        body.addWidget(self.stack, 1)
        layout.addLayout(body, 1)

        nav = QHBoxLayout()
        self.previous_button = QPushButton(self.tr("← &Vorige stap"))
        self.previous_button.clicked.connect(self.go_previous)
        self.next_button = QPushButton(self.tr("Volgende s&tap →"))
        self.next_button.clicked.connect(self.go_next)
        nav.addWidget(self.previous_button)
        nav.addStretch(1)
        nav.addWidget(self.next_button)
        layout.addLayout(nav)

        session.changed.connect(self._on_changed)
        undo.shown.connect(self.show_change)
        QApplication.instance().focusChanged.connect(self._on_focus_changed)
        self.refresh_header()
        self.go(self.flow.current)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        em = self.fontMetrics().horizontalAdvance("M")
        self.set_compact(self.width() < em * 75)

    def set_compact(self, compact: bool) -> None:
        """Small screens and 200% scaling: steps above the worksheet, tips below it."""
        if compact == self.compact:
            return
        self.compact = compact
        self.body.setDirection(QBoxLayout.Direction.TopToBottom if compact else QBoxLayout.Direction.LeftToRight)
        self.step_bar.setMaximumWidth(16777215 if compact else self.fontMetrics().horizontalAdvance("M") * 20)
        self.step_bar.set_compact(compact)
        for page in self.pages.values():
            page.set_compact(compact)
            # Little room: the worksheet first; the tips are one click (or Ctrl+T) away.
            page.set_tips_visible(self.tips_wanted and not compact)
        self.step_bar.refresh(self.session.plan, self.flow.current)

    def page(self, phase: str) -> PhasePage:
        """The page of a phase, built the first time it is needed."""
        if phase not in self.pages:
            page = PhasePage(self.method.phase(phase), self.method, self.session, self.undo)
            page.set_compact(self.compact)
            page.set_tips_visible(self.tips_wanted and not self.compact)
            page.navigate.connect(self.go)
            page.levels_requested.connect(self.edit_levels)
            if self.session.store.read_only:  # the answers themselves are read-only (FieldContext)
                page.status_combo.setEnabled(False)
                page.again_button.setEnabled(False)
            self.pages[phase] = page
            self.stack.addWidget(page)
        return self.pages[phase]

    @property
    def current_page(self) -> PhasePage:
        return self.page(self.flow.current)

    def go(self, phase: str) -> None:
        self.flow.go(phase)
        page = self.page(phase)
        self.stack.setCurrentWidget(page)
        page.refresh()
        self._refresh_nav()

    def go_next(self) -> None:
        self.go(self.flow.next())

    def go_previous(self) -> None:
        self.go(self.flow.previous())

    def _refresh_nav(self) -> None:
        self.previous_button.setEnabled(self.flow.has_previous)
        self.next_button.setEnabled(self.flow.has_next)
        self.step_bar.refresh(self.session.plan, self.flow.current)

    def _on_changed(self, phase: str, field: str) -> None:
        self.step_bar.refresh(self.session.plan, self.flow.current)
        if phase in self.pages:
            self.pages[phase].refresh_status()
        for page_phase, page in self.pages.items():
            # Changed from another page (actions planned in Concretiseren, ticked off in Uitvoeren):
            # that page follows when it comes into view again, and only then.
            if page_phase != self.flow.current and phase in page.reads_from():
                page.changed_from_elsewhere(phase, field)

    def show_change(self, spot: Spot, rebuild: bool) -> None:
        """After an undo or redo: the page of the change, with the changed field in view and focused."""
        if spot.field == CLUB_FIELD:  # the name, club details or logo: they show in the header
            self.refresh_header()
            return
        if self.flow.current != spot.page:
            self.go(spot.page)
        self.pages[spot.page].show_change(spot, rebuild)

    def _follow_club_kind(self) -> None:
        """The club kind changed (Clubgegevens, or an undo of it): the pages are built again with
        that kind's words. The answers stay where they are: the ids are the same for every kind."""
        method = self.method.for_plan(self.session.plan)
        if method is self.method:
            return
        self.method = self.step_bar.method = method
        for page in self.pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages.clear()
        self.go(self.flow.current)

    def edit_levels(self, from_question: str = "") -> None:
        """The club's levels (Niveaus van de club); the pages follow once the dialog is closed, and the
        focus goes back to the button it was opened with, on the page built again."""
        from vv_desktop.ui.levels_dialog import LevelsDialog

        dialog = LevelsDialog(self.method, self.undo, self.flow.current, self.window())
        dialog.exec()
        self._follow_club_kind()
        page = self.page(self.flow.current)
        button = next((getattr(f, "levels_button", None) for f in page.fields if f.fdef.id == from_question), None)
        (button or self.levels_button).setFocus(Qt.FocusReason.OtherFocusReason)

    def detach(self) -> None:
        """The plan closes: stop following the application's focus."""
        QApplication.instance().focusChanged.disconnect(self._on_focus_changed)

    def _on_focus_changed(self, _old: QWidget | None, now: QWidget | None) -> None:
        self.undo.seal()  # typing in the next field is an undo step of its own
        if now is None or self.flow.current not in self.pages:
            return
        page = self.pages[self.flow.current]
        if page.content.isAncestorOf(now):
            # Never select what the user cannot see (Tab into a field below the fold). A row just
            # added has its place once the layout ran: look again then.
            page.scroll.ensureWidgetVisible(now)
            QTimer.singleShot(0, lambda: isValid(now) and now.hasFocus() and page.scroll.ensureWidgetVisible(now))

    def set_tips_visible(self, visible: bool) -> None:
        self.tips_wanted = visible
        for page in self.pages.values():
            page.set_tips_visible(visible)

    def refresh_header(self) -> None:
        plan = self.session.plan
        self._follow_club_kind()
        club = plan.club("name")
        self.heading.setText(f"{club} · {plan.name}" if club and club != plan.name else plan.name)
        logo = self.session.store.logo_file(plan.id)
        pixmap = QPixmap(str(logo)) if logo else QPixmap()
        if pixmap.isNull():
            self.logo.hide()
        else:
            size = self.heading.fontMetrics().height() * 2
            self.logo.setPixmap(pixmap.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio,
                                              Qt.TransformationMode.SmoothTransformation))
            self.logo.show()
