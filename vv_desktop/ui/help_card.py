"""The card "Als een jongere iets vertelt" on screen: what a volunteer can do, and the club's contacts.

The texts come from kaart.toml (in the words of the plan's kind of club); the contacts are club
fields of the open plan (``kaart_<id>``), changed as one undoable step and saved at once. Without
an open plan the card can be read, and printed from an open plan.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from vv_desktop.core.exchange_checks import CARD_CONTACT_LENGTH
from vv_desktop.core.labels import source_label
from vv_desktop.core.model import card_key
from vv_desktop.core.worksheets import Method
from vv_desktop.ui.session import PlanSession
from vv_desktop.ui.style import scaled_font
from vv_desktop.ui.undo import ClubDetails, PlanUndo


def _label(text: str, name: str = "", bold: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if name:
        label.setObjectName(name)
    if bold:
        font = label.font()
        font.setBold(True)
        label.setFont(font)
    return label


class HelpCardDialog(QDialog):
    def __init__(self, method: Method, session: PlanSession | None, undo: PlanUndo | None, phase: str,
                 print_card: Callable[[], None] | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.undo, self.phase = session, undo, phase
        plan = session.plan if session is not None else None
        self.method = method.for_kind(plan.club("kind")) if plan is not None else method
        card = self.method.card
        assert card is not None  # the loader requires kaart.toml
        self.setWindowTitle(card.title)
        layout = QVBoxLayout(self)
        title = _label(card.title)
        title.setFont(scaled_font(title, 1.5))
        layout.addWidget(title)
        body = QWidget()
        steps = QVBoxLayout(body)
        if card.intro:
            steps.addWidget(_label(card.intro))
        for n, step in enumerate(card.steps, start=1):
            steps.addWidget(_label(f"{n}. {step.title}", bold=True))
            steps.addWidget(_label(step.text))
            steps.addWidget(_label(source_label(self.method, step.source) if step.source else step.addition,
                                   "fieldHelp"))
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setAccessibleName(card.title)
        layout.addWidget(scroll, 1)

        layout.addWidget(_label(self.tr("Wie kun je bij jullie club bellen of mailen?"), bold=True))
        form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        writable = plan is not None and undo is not None and not session.store.read_only
        for contact in card.contacts:
            edit = QLineEdit(plan.club(card_key(contact.id)) if plan is not None else "")
            edit.setMaxLength(CARD_CONTACT_LENGTH)
            edit.setPlaceholderText(contact.placeholder)
            edit.setAccessibleName(contact.label)
            edit.setEnabled(writable)
            form.addRow(_label(contact.label), edit)
            self.edits[contact.id] = edit
        layout.addLayout(form)
        if plan is None:
            layout.addWidget(_label(self.tr("Open een plan om de contactpersonen van je club in te vullen en de "
                                            "kaart af te drukken."), "fieldHelp"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        if print_card is not None and plan is not None:
            self.print_button = QPushButton(self.tr("&Afdrukken en PDF..."))
            buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
            self.print_button.clicked.connect(lambda: (self.store_contacts(), print_card()))
        layout.addWidget(buttons)
        screen = self.screen().availableGeometry()
        self.resize(min(720, screen.width() - 40), min(760, screen.height() - 40))

    def store_contacts(self) -> bool:
        """Keep what was typed in the contacts, as one step of the plan's undo; True when it changed."""
        if self.session is None or self.undo is None or self.session.store.read_only:
            return False
        plan = self.session.plan
        old = {card_key(cid): plan.club(card_key(cid)) for cid in self.edits}
        new = {card_key(cid): " ".join(edit.text().split()) for cid, edit in self.edits.items()}
        if old == new:
            return False
        logo = self.session.store.logo_bytes(plan.id)
        self.undo.set_club_details(self.phase, ClubDetails(plan.name, old, logo), ClubDetails(plan.name, new, logo))
        self.session.save_now()
        return True

    def done(self, result: int) -> None:  # closing in any way keeps what was typed
        self.store_contacts()
        super().done(result)
