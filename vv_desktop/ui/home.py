"""The start page: a short welcome, the plans on this laptop, and what to do with them."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from vv_desktop.core.dates import local_time
from vv_desktop.core.labels import phase_status_word
from vv_desktop.core.store import PlanSummary, Problem
from vv_desktop.core.worksheets import Method
from vv_desktop.ui.style import scaled_font


class HomePage(QWidget):
    new_requested = Signal()
    open_requested = Signal(str)
    rename_requested = Signal(str)
    duplicate_requested = Signal(str)
    delete_requested = Signal(str)
    trash_requested = Signal()
    undo_delete_requested = Signal(str)

    def __init__(self, method: Method, parent: QWidget | None = None):
        super().__init__(parent)
        self.method = method
        self.setObjectName("home")
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Welkom bij Stappenplan"))
        title.setFont(scaled_font(title, 1.8))
        layout.addWidget(title)
        welcome = QLabel(self.tr(
            "Met dit stappenplan maakt jullie club prestatiedruk en mentale gezondheid van jonge leden "
            "bespreekbaar, samen met de jongeren. Het plan heeft vier stappen: Agenderen, Concretiseren, "
            "Uitvoeren en Verduurzamen. Je kunt beginnen bij de stap die bij jullie past, teruggaan en een "
            "stap opnieuw doen. Het doel is een open en veilige club. Leden vertellen daar hoe het met ze gaat, "
            "als ze dat willen. Alles wat je invult, bewaart de app meteen op deze laptop."))
        welcome.setWordWrap(True)
        layout.addWidget(welcome)

        self.problems = QLabel()
        self.problems.setObjectName("banner")
        self.problems.setWordWrap(True)
        self.problems.setTextFormat(Qt.TextFormat.PlainText)
        self.problems.hide()
        self._problems: list[Problem] = []
        layout.addWidget(self.problems)

        self.undo_bar = QWidget()
        undo_layout = QHBoxLayout(self.undo_bar)
        undo_layout.setContentsMargins(0, 0, 0, 0)
        self.undo_text = QLabel()
        self.undo_text.setTextFormat(Qt.TextFormat.PlainText)
        self.undo_button = QPushButton(self.tr("Ongedaan &maken"))
        self.undo_button.clicked.connect(lambda: self.undo_delete_requested.emit(self._undo_id))
        undo_layout.addWidget(self.undo_text, 1)
        undo_layout.addWidget(self.undo_button)
        self.undo_bar.hide()
        self._undo_id = ""
        layout.addWidget(self.undo_bar)

        start = QHBoxLayout()
        self.new_button = QPushButton(self.tr("&Nieuw stappenplan"))
        self.new_button.setObjectName("primary")
        self.new_button.clicked.connect(self.new_requested.emit)
        start.addWidget(self.new_button)
        start.addStretch(1)
        layout.addLayout(start)

        self.list_label = QLabel(self.tr("&Jullie plannen op deze laptop:"))
        self.list_label.setObjectName("fieldTitle")
        layout.addWidget(self.list_label)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Plannen op deze laptop"))
        # Every entry has three lines: equal heights keep a list of hundreds of plans quick.
        self.list.setUniformItemSizes(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setSpacing(4)
        self.list.setAlternatingRowColors(True)
        self.list_label.setBuddy(self.list)
        self.list.itemActivated.connect(lambda _item: self._emit(self.open_requested))
        self.list.currentRowChanged.connect(lambda _r: self._update_buttons())
        layout.addWidget(self.list, 1)
        self.empty = QLabel(self.tr("Er staan nog geen plannen op deze laptop. Begin met 'Nieuw stappenplan'."))
        self.empty.setObjectName("muted")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.empty.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        layout.addWidget(self.empty, 1)

        actions = QHBoxLayout()
        self.open_button = QPushButton(self.tr("&Openen"))
        self.rename_button = QPushButton(self.tr("Naam &wijzigen..."))
        self.duplicate_button = QPushButton(self.tr("&Kopie maken..."))
        self.delete_button = QPushButton(self.tr("&Verwijderen..."))
        self.trash_button = QPushButton(self.tr("&Prullenbak..."))
        for button, signal in ((self.open_button, self.open_requested), (self.rename_button, self.rename_requested),
                               (self.duplicate_button, self.duplicate_requested),
                               (self.delete_button, self.delete_requested)):
            button.clicked.connect(lambda _=False, s=signal: self._emit(s))
            actions.addWidget(button)
        actions.addStretch(1)
        self.trash_button.clicked.connect(self.trash_requested.emit)
        actions.addWidget(self.trash_button)
        layout.addLayout(actions)
        self.read_only = False
        self._update_buttons()

    def _emit(self, signal: Signal) -> None:
        plan_id = self.selected_id()
        if plan_id:
            signal.emit(plan_id)

    def selected_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def show_plans(self, plans: list[PlanSummary], select: str | None = None,
                   more_problems: list[Problem] | None = None) -> None:
        """The list anew; ``more_problems``: added to those shown (plans read after the start)."""
        if more_problems:
            self.show_problems([*self._problems, *more_problems])
        self.list.clear()
        titles = [p.title for p in self.method.phases]
        words: dict[str, str] = {}  # each status translated once, not once per plan (1,000 plans at the start)
        for s in plans:
            phases = " · ".join(f"{title}: {words[st] if st in words else words.setdefault(st, phase_status_word(st))}"
                                for title, st in zip(titles, s.statuses, strict=True))
            first = f"{s.name} — {s.club}" if s.club and s.club != s.name else s.name
            item = QListWidgetItem(f"{first}\n{phases}\n" + self.tr("Laatst bewaard: {when}").format(
                when=local_time(s.updated, with_time=True)))
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            self.list.addItem(item)
            if s.id == select:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self.empty.setVisible(not plans)
        self.list.setVisible(bool(plans))
        self.list_label.setVisible(bool(plans))
        self._update_buttons()

    def show_problems(self, problems: list[Problem]) -> None:
        self._problems = list(problems)
        self.problems.setText("\n".join(p.message for p in problems))
        self.problems.setVisible(bool(problems))

    def offer_undo(self, plan_id: str, name: str) -> None:
        self._undo_id = plan_id
        self.undo_text.setText(self.tr("'{name}' staat in de prullenbak.").format(name=name))
        self.undo_bar.setVisible(bool(plan_id))

    def hide_undo(self) -> None:
        self.undo_bar.hide()
        self._undo_id = ""

    def set_read_only(self, read_only: bool) -> None:
        """A read-only data folder: plans open for viewing; nothing is made, renamed or deleted."""
        self.read_only = read_only
        self.new_button.setEnabled(not read_only)
        self.trash_button.setEnabled(not read_only)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.selected_id() is not None
        self.open_button.setEnabled(has)
        for button in (self.rename_button, self.duplicate_button, self.delete_button):
            button.setEnabled(has and not self.read_only)
