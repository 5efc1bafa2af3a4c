"""Dialogs for a plan's name and club details, and for the trash."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vv_desktop import APP_NAME, __version__
from vv_desktop.core.dates import local_time
from vv_desktop.core.labels import club_kind_label
from vv_desktop.core.model import CLUB_KINDS, DEFAULT_CLUB_KIND
from vv_desktop.core.store import MAX_NAME_LENGTH, NameError_, PlanStore, PlanUnavailable

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
REMOVE_LOGO = b""  # marker: the user removed the logo


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("errorText")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.hide()
    return label


class NameDialog(QDialog):
    """Ask for a plan name; explains an empty or taken name instead of closing."""

    def __init__(self, store: PlanStore, title: str, initial: str, exclude_id: str | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.exclude_id = exclude_id
        self.result_name = ""
        self.setWindowTitle(title)
        layout = QFormLayout(self)
        self.name = QLineEdit(initial)
        self.name.setMaxLength(MAX_NAME_LENGTH + 20)
        self.name.selectAll()
        layout.addRow(self.tr("&Naam van het plan:"), self.name)
        self.error = _error_label()
        layout.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)

    def accept(self) -> None:
        try:
            self.result_name = self.store.check_name(self.name.text(), self.exclude_id)
        except NameError_ as exc:
            self.error.setText(str(exc))
            self.error.show()
            self.name.setFocus()
            return
        super().accept()


class _LogoSignals(QObject):
    done = Signal(bytes, str)  # png bytes (empty on error), error message


class _LogoJob(QRunnable):
    """Decoding and scaling a large image takes a moment: do it off the UI thread."""

    def __init__(self, path: Path):
        super().__init__()
        self.path = path
        self.signals = _LogoSignals()

    def run(self) -> None:
        from vv_desktop.core.logo import LogoError, prepare_logo  # Pillow: only when a logo is chosen

        try:
            self.signals.done.emit(prepare_logo(self.path), "")
        except LogoError as exc:
            self.signals.done.emit(b"", str(exc))
        except Exception:  # never leave the dialog waiting
            logging.getLogger(__name__).exception("reading logo %s failed", self.path)
            self.signals.done.emit(b"", QCoreApplication.translate(
                "PlanDialog", "De app kan dit plaatje niet gebruiken. Kies een ander bestand."))


class PlanDialog(QDialog):
    """New plan, or the club details of an open one (name, kind, logo, contact)."""

    def __init__(self, store: PlanStore, values: dict[str, str], plan_id: str | None = None,
                 logo: Path | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.plan_id = plan_id
        self.result_name = ""
        self.new_logo: bytes | None = None  # None: unchanged; REMOVE_LOGO: removed; else PNG
        self.setWindowTitle(self.tr("Nieuw stappenplan") if plan_id is None else self.tr("Clubgegevens"))
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 34)
        self.name = QLineEdit(values.get("name", ""))
        self.name.setPlaceholderText(self.tr("bijv. Stappenplan 2026-2027"))
        form.addRow(self.tr("&Naam van het plan:"), self.name)
        self.club = QLineEdit(values.get("club", ""))
        self.club.setMaxLength(120)
        form.addRow(self.tr("Naam van de &club:"), self.club)
        self.kind = QComboBox()
        for kind in CLUB_KINDS:
            self.kind.addItem(club_kind_label(kind), kind)
        self.kind.setCurrentIndex(max(self.kind.findData(values.get("kind", DEFAULT_CLUB_KIND)), 0))
        form.addRow(self.tr("&Soort club:"), self.kind)
        form.addRow(self.tr("Logo:"), self._logo_row(logo))
        self.role = QLineEdit(values.get("contact_role", ""))
        self.role.setMaxLength(120)
        self.role.setPlaceholderText(self.tr("een rol, bijv. vertrouwenspersoon of secretaris"))
        form.addRow(self.tr("&Contact (rol):"), self.role)
        self.email = QLineEdit(values.get("contact_email", ""))
        self.email.setMaxLength(200)
        self.email.setPlaceholderText(self.tr("bijv. bestuur@clubnaam.nl"))
        form.addRow(self.tr("&E-mail voor de poster:"), self.email)
        privacy = QLabel(self.tr("Schrijf geen namen van jongeren op. Gebruik rollen, zoals 'trainer O12' of "
                                 "'docent gitaar'."))
        privacy.setObjectName("muted")
        privacy.setWordWrap(True)
        form.addRow(privacy)
        self.error = _error_label()
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self._busy: QProgressDialog | None = None
        self._job: _LogoJob | None = None

    def _logo_row(self, logo: Path | None) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        self.logo_preview = QLabel(self.tr("(geen logo)"))
        self.logo_preview.setAccessibleName(self.tr("Voorbeeld van het logo"))
        if logo is not None:
            self._show_logo(QPixmap(str(logo)))
        self.choose_logo = QPushButton(self.tr("&Kiezen..."))
        self.choose_logo.clicked.connect(self.pick_logo)
        self.remove_logo = QPushButton(self.tr("&Weghalen"))
        self.remove_logo.clicked.connect(self._remove_logo)
        self.remove_logo.setEnabled(logo is not None)
        layout.addWidget(self.logo_preview, 1)
        layout.addWidget(self.choose_logo)
        layout.addWidget(self.remove_logo)
        return row

    def _show_logo(self, pixmap: QPixmap) -> None:
        if pixmap.isNull():
            self.logo_preview.setText(self.tr("(geen logo)"))
            return
        size = self.fontMetrics().height() * 3
        self.logo_preview.setPixmap(pixmap.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio,
                                                  Qt.TransformationMode.SmoothTransformation))

    def pick_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Kies een logo"), "",
                                              self.tr("Plaatjes (*.png *.jpg *.jpeg *.gif *.bmp *.webp)"))
        if path:
            self.load_logo(Path(path))

    def load_logo(self, path: Path) -> None:
        """Check and shrink the image in the background; a busy dialog shows after half a second."""
        self.choose_logo.setEnabled(False)
        self._busy = QProgressDialog(self.tr("Logo wordt ingelezen..."), "", 0, 0, self)
        self._busy.setCancelButton(None)
        self._busy.setMinimumDuration(500)
        self._busy.setWindowModality(Qt.WindowModality.WindowModal)
        self._job = _LogoJob(path)
        self._job.signals.done.connect(self._logo_ready)
        QThreadPool.globalInstance().start(self._job)

    def logo_busy(self) -> bool:
        return self._job is not None

    def _logo_ready(self, png: bytes, error: str) -> None:
        self._job = None
        if self._busy is not None:
            self._busy.reset()
            self._busy.deleteLater()
            self._busy = None
        self.choose_logo.setEnabled(True)
        if error:
            self.error.setText(error)
            self.error.show()
            return
        self.error.hide()
        self.new_logo = png
        pixmap = QPixmap()
        pixmap.loadFromData(png, "PNG")
        self._show_logo(pixmap)
        self.remove_logo.setEnabled(True)

    def _remove_logo(self) -> None:
        self.new_logo = REMOVE_LOGO
        self.logo_preview.clear()
        self.logo_preview.setText(self.tr("(geen logo)"))
        self.remove_logo.setEnabled(False)

    def values(self) -> dict[str, str]:
        return {"club": self.club.text().strip(), "kind": self.kind.currentData(),
                "contact_role": self.role.text().strip(), "contact_email": self.email.text().strip()}

    def _fail(self, text: str, widget: QWidget) -> None:
        self.error.setText(text)
        self.error.show()
        widget.setFocus()

    def accept(self) -> None:
        if self._job is not None:
            return
        try:
            self.result_name = self.store.check_name(self.name.text(), self.plan_id)
        except NameError_ as exc:
            self._fail(str(exc), self.name)
            return
        if not self.club.text().strip():
            self._fail(self.tr("Vul de naam van de club in."), self.club)
            return
        email = self.email.text().strip()
        if email and not EMAIL.match(email):
            self._fail(self.tr("Dit e-mailadres klopt niet. Het ziet eruit als naam@club.nl."), self.email)
            return
        super().accept()


class TrashDialog(QDialog):
    """Deleted plans: put back, or delete for good after a question."""

    restored = Signal(str)

    def __init__(self, store: PlanStore, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Prullenbak"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Verwijderde plannen blijven hier tot je ze definitief verwijdert."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Verwijderde plannen"))
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.restore_button = QPushButton(self.tr("&Terugzetten"))
        self.restore_button.clicked.connect(self.restore_selected)
        self.purge_button = QPushButton(self.tr("&Definitief verwijderen..."))
        self.purge_button.clicked.connect(self.purge_selected)
        close = QPushButton(self.tr("Sluiten"))
        close.clicked.connect(self.accept)
        row.addWidget(self.restore_button)
        row.addWidget(self.purge_button)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.resize(self.fontMetrics().horizontalAdvance("M") * 40, self.fontMetrics().height() * 20)
        self.fill()

    def fill(self) -> None:
        self.list.clear()
        for plan_id, name, when in self.store.trashed():
            item = QListWidgetItem(f"{name}  ({local_time(when, with_time=True)})" if when else name)
            item.setData(Qt.ItemDataRole.UserRole, plan_id)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        has = self.list.count() > 0
        self.restore_button.setEnabled(has)
        self.purge_button.setEnabled(has)

    def _selected(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def restore_selected(self) -> None:
        plan_id = self._selected()
        if plan_id:
            try:
                self.store.restore(plan_id)
            except PlanUnavailable as exc:  # damaged in the trash: set aside (never deleted), and said so
                QMessageBox.warning(self, self.windowTitle(), str(exc))
            self.restored.emit(plan_id)
            self.fill()

    def purge_selected(self) -> None:
        plan_id = self._selected()
        if not plan_id:
            return
        answer = QMessageBox.question(
            self, self.tr("Definitief verwijderen"),
            self.tr("Dit plan wordt helemaal verwijderd. Dit kun je niet ongedaan maken. Doorgaan?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            self.store.purge(plan_id)
            self.fill()


def confirm_losing_unsaved(parent: QWidget, save_elsewhere: Callable[[], list[Path]]) -> bool:
    """Saving failed and the plan is about to close: True when the user may go on.

    Offers to keep the text elsewhere first (an export of the plan as the window holds it, e.g. to
    the desktop), so that a full disk or a pulled-out stick never forces a choice between losing
    the text and staying stuck."""
    box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.applicationName(),
                      QCoreApplication.translate("dialogs", "De app kon je laatste wijzigingen niet opslaan."),
                      parent=parent)
    box.setInformativeText(QCoreApplication.translate(
        "dialogs", "Bewaar ze eerst ergens anders, bijvoorbeeld op het bureaublad. Sluit je zonder dat, "
                   "dan gaan ze verloren."))
    elsewhere = box.addButton(QCoreApplication.translate("dialogs", "&Ergens anders bewaren..."),
                              QMessageBox.ButtonRole.AcceptRole)
    lose = box.addButton(QCoreApplication.translate("dialogs", "&Toch sluiten"), QMessageBox.ButtonRole.DestructiveRole)
    stay = box.addButton(QCoreApplication.translate("dialogs", "&Blijven"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(elsewhere)
    box.setEscapeButton(stay)
    box.exec()
    clicked = box.clickedButton()
    if clicked is lose:
        return True
    return clicked is elsewhere and bool(save_elsewhere())


def show_about(parent: QWidget, data_dir: Path, log_file: Path) -> None:
    QMessageBox.about(parent, QCoreApplication.translate("MainWindow", "Over Stappenplan"), QCoreApplication.translate(
        "MainWindow",
        "{app} {version}\n\nEen stappenplan voor clubs om prestatiedruk en mentale gezondheid van jonge "
        "leden bespreekbaar te maken. Gemaakt op basis van Vleuten Versterkt.\n\nDe app werkt zonder "
        "internet en bewaart alles op deze laptop.\nJe plannen staan in: {data}\nLogbestand: {log}").format(
        app=APP_NAME, version=__version__, data=data_dir, log=log_file))
