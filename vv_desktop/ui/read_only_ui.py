"""The window on a read-only data folder: a bar at the top that says so, and no way to change anything."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QVBoxLayout, QWidget

from vv_desktop import APP_NAME
from vv_desktop.core.i18n import translate

if TYPE_CHECKING:
    from vv_desktop.ui.main_window import MainWindow


def show_read_only(window: MainWindow) -> QLabel:
    """Put the read-only bar above everything and switch off what would write; returns the bar."""
    text = translate("read_only", "Deze map is alleen-lezen (bijvoorbeeld een schrijfbeveiligde USB-stick). Je kunt "
                                  "je plannen bekijken, afdrukken en exporteren, maar niets veranderen. Map: {dir}")
    banner = QLabel(text.format(dir=window.store.root))
    banner.setObjectName("banner")
    banner.setWordWrap(True)
    banner.setTextFormat(Qt.TextFormat.PlainText)
    banner.setAccessibleName(translate("read_only", "Alleen-lezen"))
    stack = window.takeCentralWidget()
    frame = QWidget()
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(banner)
    layout.addWidget(stack, 1)
    window.setCentralWidget(frame)
    for action in (window.new_action, window.trash_action, window.import_action):
        action.setEnabled(False)
    window.home.set_read_only(True)
    window.save_label.setText(translate("read_only", "Alleen-lezen"))
    return banner


def refuse_import(parent: QWidget) -> None:
    box = QMessageBox(QMessageBox.Icon.Information, APP_NAME, translate(
        "read_only", "Deze map is alleen-lezen, dus er kan geen plan bij. Er is niets veranderd."), parent=parent)
    box.setObjectName("readOnlyImport")
    box.setInformativeText(translate("read_only", "Start Stappenplan met een map waarin je mag schrijven, en "
                                                  "importeer het bestand daar."))
    box.exec()
