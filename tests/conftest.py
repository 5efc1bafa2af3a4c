"""Shared fixtures: a headless Qt, the real method, and the real main window on a temp data folder."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from vv_desktop.core.worksheets import Method, load_method


@pytest.fixture(scope="session")
def qapp_cls():
    """pytest-qt makes the app's own QApplication class (it handles files opened by the desktop)."""
    from vv_desktop.ui.application import Application

    return Application


@pytest.fixture(scope="session")
def method() -> Method:
    return load_method()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


@pytest.fixture
def open_window(qtbot, data_dir: Path, method: Method) -> Iterator[Callable[..., object]]:
    """Start the main window the way ``run_gui`` does; call again to 'restart' the app."""
    from tests.helpers.gui import activate  # Qt: imported only by the tests that open a window
    from vv_desktop.core.settings import Settings
    from vv_desktop.core.store import PlanStore
    from vv_desktop.ui.app import install_translations
    from vv_desktop.ui.main_window import MainWindow
    from vv_desktop.ui.services import AppServices

    windows = []

    def start(folder: Path = data_dir):
        from PySide6.QtWidgets import QApplication

        install_translations(QApplication.instance())
        settings = Settings(folder)
        store = PlanStore(folder, settings.device_id)
        window = MainWindow(AppServices(store, settings, method, folder / "logs" / "stappenplan.log"))
        qtbot.addWidget(window)
        window.show()
        window.start()
        activate(qtbot, window)
        windows.append(window)
        return window

    yield start
    for window in windows:
        window.save_all()
