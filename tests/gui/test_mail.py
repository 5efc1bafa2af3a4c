"""The "Mailen..." hand-off: xdg-email, Mail and MAPI get the files; otherwise the mailto: fallback always works.

The system tools are replaced by stub scripts that record their arguments; ``open_url`` (the one call that
asks the OS to open something) is replaced to record the URLs instead of opening them.
"""

from __future__ import annotations

import ctypes
import os
import stat
import sys
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from PySide6.QtCore import QUrl

from vv_desktop.ui import mail

CLUB = "MHC Vleuten"
PLAN_FILE = "MHC Vleuten – stappenplan é.vvplan"
PDF_FILE = "MHC Vleuten – stappenplan.pdf"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the stubs are shell scripts")


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "Mijn export"
    folder.mkdir()
    paths = [folder / PLAN_FILE, folder / PDF_FILE]
    for path in paths:
        path.write_bytes(b"x")
    return paths


@pytest.fixture
def opened(monkeypatch) -> list[QUrl]:
    urls: list[QUrl] = []

    def record(url: QUrl) -> bool:
        urls.append(url)
        return True

    monkeypatch.setattr(mail, "open_url", record)
    return urls


def stub(tmp_path: Path, monkeypatch, name: str, exit_code: int = 0, extra: str = "") -> Path:
    """An executable ``name`` first on PATH that writes its arguments (NUL-separated: the body has newlines)."""
    folder = tmp_path / "bin"
    folder.mkdir(exist_ok=True)
    record = tmp_path / f"{name}.args"
    script = folder / name
    script.write_text(f"#!/bin/sh\nprintf '%s\\0' \"$@\" > '{record}'\n{extra}\nexit {exit_code}\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ.get('PATH', '')}")
    return record


def recorded(record: Path) -> list[str]:
    return record.read_bytes().decode("utf-8").split("\0")[:-1]


def subject_and_body() -> tuple[str, str]:
    return mail.default_subject_and_body(CLUB, "Seizoen 2025", [Path(PLAN_FILE), Path(PDF_FILE)])


def assert_fallback(result: mail.MailResult, opened: list[QUrl], files: list[Path]) -> None:
    assert result.way == "fallback"
    assert result.message
    folder_urls = [u for u in opened if u.isLocalFile()]
    assert [u.toLocalFile() for u in folder_urls] == [str(files[0].parent)]
    mailtos = [u for u in opened if u.scheme() == "mailto"]
    assert len(mailtos) == 1 and mailtos[0].isValid()
    encoded = mailtos[0].query(QUrl.ComponentFormattingOption.FullyEncoded)
    assert "%0D%0A" in encoded  # RFC 6068 line breaks
    query = parse_qs(encoded, strict_parsing=True)
    subject, body = query["subject"][0], query["body"][0]
    assert subject == f"Stappenplan {CLUB}: Seizoen 2025"
    assert "Voeg de bestanden" in body and "toe als bijlage" in body
    assert PLAN_FILE in body and PDF_FILE in body and str(files[0].parent) in body
    assert CLUB in body and "Bestand > Importeren" in body  # the normal text follows the hint


def test_default_subject_and_body_explain_each_file():
    subject, body = subject_and_body()
    assert subject == "Stappenplan MHC Vleuten: Seizoen 2025"
    assert "Bestand > Importeren" in body and "slepen" in body and PLAN_FILE in body
    assert f"{PDF_FILE}: om te lezen of af te drukken" in body
    only_plan = mail.default_subject_and_body(CLUB, "Seizoen 2025", [Path(PLAN_FILE)])[1]
    assert ".pdf" not in only_plan


def test_linux_xdg_email_gets_subject_body_and_exact_paths(qtbot, tmp_path, monkeypatch, files, opened):
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    record = stub(tmp_path, monkeypatch, "xdg-email")
    subject, body = subject_and_body()
    result = mail.hand_off(files, subject, body, parent, platform="linux")
    assert result.way == "xdg-email" and "bijlage" in result.message
    args = recorded(record)
    assert args[args.index("--subject") + 1] == subject
    assert args[args.index("--body") + 1] == body
    attached = [args[i + 1] for i, arg in enumerate(args) if arg == "--attach"]
    assert attached == [str(files[0]), str(files[1])]
    assert all(Path(a).is_absolute() for a in attached)
    assert "@" not in "".join(args)  # no recipient: the user chooses one
    assert opened == []


def test_relative_paths_are_made_absolute(tmp_path, monkeypatch, files, opened):
    record = stub(tmp_path, monkeypatch, "xdg-email")
    monkeypatch.chdir(files[0].parent)
    mail.hand_off([Path(PLAN_FILE)], "s", "b", platform="linux")
    args = recorded(record)
    assert args[args.index("--attach") + 1] == str(files[0])


def test_xdg_email_failing_falls_back_to_folder_and_mailto(tmp_path, monkeypatch, files, opened):
    record = stub(tmp_path, monkeypatch, "xdg-email", exit_code=3)
    result = mail.hand_off(files, *subject_and_body(), platform="linux")
    assert record.exists()  # it was tried first
    assert_fallback(result, opened, files)


def test_no_xdg_email_on_path_falls_back(tmp_path, monkeypatch, files, opened):
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert_fallback(mail.hand_off(files, *subject_and_body(), platform="linux"), opened, files)


def test_xdg_email_still_waiting_for_the_mail_program_counts_as_opened(tmp_path, monkeypatch, files, opened):
    # xdg-email waits for a Thunderbird it started itself; that must not freeze the app or open a second message.
    stub(tmp_path, monkeypatch, "xdg-email", extra="exec sleep 2")
    monkeypatch.setattr(mail, "XDG_EMAIL_WAIT", 0.3)
    result = mail.hand_off(files, *subject_and_body(), platform="linux")
    assert result.way == "xdg-email" and opened == []


def test_fallback_says_where_the_file_is_when_no_mail_program_opens(monkeypatch, files):
    monkeypatch.setattr(mail, "open_url", lambda url: False)
    result = mail.hand_off(files[:1], "s", "b", platform="sunos5")
    assert result.way == "fallback" and str(files[0].parent) in result.message


def test_macos_mail_gets_paths_as_arguments_never_in_the_script(tmp_path, monkeypatch, files, opened):
    record = stub(tmp_path, monkeypatch, "osascript")
    subject, body = subject_and_body()
    result = mail.hand_off(files, subject, body, platform="darwin")
    assert result.way == "mail-app" and opened == []
    args = recorded(record)
    script = "\n".join(args[i + 1] for i, arg in enumerate(args) if arg == "-e")
    assert "on run argv" in script and 'tell application "Mail"' in script
    for file in files:
        assert file.name not in script and str(file) not in script
    assert CLUB not in script and subject not in script
    rest = args[2 * len(mail._APPLESCRIPT):]  # what follows the -e pairs: the run handler's argv
    assert rest == ["2", subject, body, str(files[0]), str(files[1])]


def test_macos_mail_failing_falls_back(tmp_path, monkeypatch, files, opened):
    stub(tmp_path, monkeypatch, "osascript", exit_code=1)
    assert_fallback(mail.hand_off(files, *subject_and_body(), platform="darwin"), opened, files)


def test_windows_without_mapi_falls_back(monkeypatch, files, opened):
    def no_mapi():
        raise OSError("mapi32.dll not found")

    monkeypatch.setattr(mail, "_load_mapi_send", no_mapi)
    assert_fallback(mail.hand_off(files, *subject_and_body(), platform="win32"), opened, files)


def test_windows_branch_on_this_system_falls_back_without_touching_windows_apis(files, opened):
    # The real loader: no ctypes.WinDLL here, which must mean "no MAPI", not a crash.
    assert_fallback(mail.hand_off(files, *subject_and_body(), platform="win32"), opened, files)


@pytest.mark.parametrize(("code", "way"), [(0, "mapi"), (mail.MAPI_USER_ABORT, "mapi"), (2, "fallback")])
def test_windows_mapi_message_is_built_with_dialog_and_attachments(monkeypatch, files, opened, code, way):
    calls = []

    def send(session, window, message, flags, reserved):
        msg = message.contents
        names = [(msg.lpFiles[i].lpszPathName, msg.lpFiles[i].lpszFileName) for i in range(msg.nFileCount)]
        calls.append((msg.lpszSubject, msg.lpszNoteText, msg.nRecipCount, names, flags))
        return code

    monkeypatch.setattr(mail, "_load_mapi_send", lambda: send)
    subject, body = subject_and_body()
    result = mail.hand_off(files, subject, body, platform="win32")
    assert result.way == way
    assert calls == [(subject, body, 0, [(str(f), f.name) for f in files], mail.MAPI_DIALOG | mail.MAPI_LOGON_UI)]
    assert mail.MapiFileDescW.lpszPathName.offset == (16 if ctypes.sizeof(ctypes.c_void_p) == 8 else 12)


def test_frozen_build_gives_system_tools_the_original_library_path(monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setenv("LD_LIBRARY_PATH", "/tmp/_MEI123")
    monkeypatch.setenv("LD_LIBRARY_PATH_ORIG", "/usr/local/lib")
    env = mail._system_env()
    assert env["LD_LIBRARY_PATH"] == "/usr/local/lib" and "LD_LIBRARY_PATH_ORIG" not in env
