"""Portable mode: a marker file beside the program keeps the data beside it (a USB stick)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from vv_desktop.core import paths, portable
from vv_desktop.core.portable import PORTABLE_DATA, PORTABLE_MARKER, portable_data_dir


@pytest.fixture(autouse=True)
def system_temp_elsewhere(tmp_path_factory, monkeypatch):
    """The tests' folders live in /tmp; the system's temp folder must be somewhere else for them."""
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path_factory.mktemp("systeem-temp")))


def _frozen_at(monkeypatch: pytest.MonkeyPatch, exe: Path) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))


def test_without_a_marker_the_normal_data_folder_is_used(tmp_path, monkeypatch):
    exe = tmp_path / "Stappenplan" / "Stappenplan.exe"
    exe.parent.mkdir()
    exe.write_bytes(b"")
    _frozen_at(monkeypatch, exe)
    assert portable_data_dir() is None
    assert paths.default_data_dir() != exe.parent / PORTABLE_DATA


def test_a_marker_beside_the_frozen_program_keeps_the_data_beside_it(tmp_path, monkeypatch):
    exe = tmp_path / "USB" / "Stappenplan" / "Stappenplan.exe"
    exe.parent.mkdir(parents=True)
    exe.write_bytes(b"")
    (exe.parent / PORTABLE_MARKER).write_text("draagbaar", encoding="utf-8")
    _frozen_at(monkeypatch, exe)
    assert paths.default_data_dir() == exe.parent / PORTABLE_DATA
    folder = paths.prepare_data_dir(None)
    assert folder == exe.parent.resolve() / PORTABLE_DATA and folder.is_dir()


def test_data_dir_on_the_command_line_wins_over_the_marker(tmp_path, monkeypatch):
    exe = tmp_path / "Stappenplan" / "Stappenplan"
    exe.parent.mkdir()
    (exe.parent / PORTABLE_MARKER).write_text("", encoding="utf-8")
    _frozen_at(monkeypatch, exe)
    assert paths.prepare_data_dir(tmp_path / "elders") == (tmp_path / "elders").resolve()


def test_from_python_a_marker_beside_the_interpreter_is_ignored(tmp_path, monkeypatch):
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python3"))
    (tmp_path / PORTABLE_MARKER).write_text("", encoding="utf-8")
    assert portable.program_folder() is None
    assert portable_data_dir() is None


def test_on_macos_the_marker_may_sit_beside_the_app(tmp_path):
    macos = tmp_path / "USB" / "Stappenplan.app" / "Contents" / "MacOS"
    macos.mkdir(parents=True)
    (tmp_path / "USB" / PORTABLE_MARKER).write_text("", encoding="utf-8")
    assert portable_data_dir(macos) == tmp_path / "USB" / PORTABLE_DATA


def test_a_folder_named_like_the_marker_is_not_a_marker(tmp_path):
    (tmp_path / PORTABLE_MARKER).mkdir()
    assert portable_data_dir(tmp_path) is None


def test_a_marker_made_in_explorer_with_hidden_extensions_counts_too(tmp_path):
    (tmp_path / f"{PORTABLE_MARKER}.txt").write_text("", encoding="utf-8")
    assert portable_data_dir(tmp_path) == tmp_path / PORTABLE_DATA


def test_a_copy_started_inside_a_zip_from_the_temp_folder_keeps_no_data_there(tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    inside_zip = tmp_path / "Temp1_Stappenplan.zip" / "Stappenplan"
    inside_zip.mkdir(parents=True)
    (inside_zip / PORTABLE_MARKER).write_text("", encoding="utf-8")
    assert portable_data_dir(inside_zip) is None


def test_a_read_only_data_folder_is_explained_in_dutch_with_its_path(tmp_path):
    import errno

    from vv_desktop.ui.app import _folder_problem

    exc = OSError(errno.EROFS, "Read-only file system", str(tmp_path / PORTABLE_DATA))
    text = _folder_problem(None, exc)
    assert str(tmp_path / PORTABLE_DATA) in text and "schrijfbeveiligd" in text


def test_the_window_says_where_a_portable_copy_keeps_its_plans(tmp_path, monkeypatch, open_window):
    from vv_desktop.ui.app import _say_where_portable_data_is

    exe = tmp_path / "USB" / "Stappenplan" / "Stappenplan.exe"
    exe.parent.mkdir(parents=True)
    (exe.parent / PORTABLE_MARKER).write_text("", encoding="utf-8")
    _frozen_at(monkeypatch, exe)
    root = paths.prepare_data_dir(None)
    window = open_window(root)
    _say_where_portable_data_is(window, None, root)
    assert str(root) in window.statusBar().currentMessage()
    window.statusBar().clearMessage()
    _say_where_portable_data_is(window, root, root)  # chosen with --data-dir: nothing to explain
    assert window.statusBar().currentMessage() == ""
