"""Hand exported files to the user's own mail program; the app itself never sends anything.

Per platform the best way to get a new message *with* the attachments: ``xdg-email`` on Linux,
Simple MAPI on Windows, Mail via AppleScript on macOS. When that is missing or fails, the fallback
always works: open the folder holding the files and a ``mailto:`` that says what to attach.
"""

from __future__ import annotations

import ctypes
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal
from urllib.parse import quote

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from vv_desktop.core.i18n import translate

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

Way = Literal["xdg-email", "mapi", "mail-app", "fallback"]

# xdg-email may wait for a mail program it started itself (Thunderbird): still running after this
# many seconds means the program is up, so it counts as success and is left running.
XDG_EMAIL_WAIT = 15.0
# Mail may have to start first; AppleScript returns once the message is made.
OSASCRIPT_TIMEOUT = 60.0


@dataclass(frozen=True)
class MailResult:
    way: Way
    message: str  # one Dutch sentence for the status bar


def open_url(url: QUrl) -> bool:
    """The one place that asks the OS to open something; tests replace it to record the URLs."""
    return QDesktopServices.openUrl(url)


def default_subject_and_body(club: str, plan_name: str, files: list[Path]) -> tuple[str, str]:
    """A friendly subject and body that tell the receiver what each attachment is for."""
    title = f"{club}: {plan_name}" if plan_name else club
    subject = translate("mail", "Stappenplan {title}").format(title=title)
    intro = translate("mail", "Hierbij het stappenplan van {title}.").format(title=title)
    lines = [translate("mail", "Hoi,"), "", intro, ""]
    for file in files:
        if file.suffix.lower() == ".vvplan":
            text = translate("mail", "- {name}: open dit bestand met de app Stappenplan, via Bestand > Importeren "
                             "of door het op het venster te slepen. Staat het plan al bij jou, dan zie je wat er "
                             "verschilt en kies je zelf wat je overneemt.")
            lines.append(text.format(name=file.name))
        elif file.suffix.lower() == ".pdf":
            lines.append(translate("mail", "- {name}: om te lezen of af te drukken.").format(name=file.name))
        else:
            lines.append(f"- {file.name}")
    lines += ["", translate("mail", "Groet,")]
    return subject, "\n".join(lines)


def hand_off(attachments: list[Path], subject: str, body: str, parent: QWidget | None = None, *,
             platform: str | None = None, which: Callable[[str], str | None] = shutil.which) -> MailResult:
    """Open a new message with ``attachments`` in the user's mail program, or fall back to ``mailto:``."""
    platform = sys.platform if platform is None else platform
    files = [Path(f).resolve() for f in attachments]
    attached = translate("mail", "Je mailprogramma is geopend met het bestand als bijlage.")
    try:
        if platform.startswith("linux") or "bsd" in platform:
            if _xdg_email(files, subject, body, which):
                return MailResult("xdg-email", attached)
        elif platform == "win32":
            if _mapi(files, subject, body, parent):
                return MailResult("mapi", attached)
        elif platform == "darwin" and _mail_app(files, subject, body, which):
            return MailResult("mail-app", translate("mail", "Mail is geopend met het bestand als bijlage."))
    except Exception:  # whatever goes wrong here, the fallback below still works
        log.exception("mail hand-off via %s failed", platform)
    return _fallback(files, subject, body)


def _system_env() -> dict[str, str]:
    """The environment for system tools: a PyInstaller build puts its own libraries first; undo that."""
    env = dict(os.environ)
    if getattr(sys, "frozen", False):
        for name in ("LD_LIBRARY_PATH", "DYLD_LIBRARY_PATH"):
            original = env.pop(name + "_ORIG", None)
            env.pop(name, None)
            if original is not None:
                env[name] = original
    return env


def _xdg_email(files: list[Path], subject: str, body: str, which: Callable[[str], str | None]) -> bool:
    exe = which("xdg-email")
    if exe is None:
        return False
    # No recipient: the user picks one in the mail program. A list, never a shell.
    args = [exe, "--utf8", "--subject", subject, "--body", body]
    for file in files:
        args += ["--attach", str(file)]
    process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env=_system_env(), start_new_session=True)
    try:
        code = process.wait(timeout=XDG_EMAIL_WAIT)
    except subprocess.TimeoutExpired:
        log.info("xdg-email still running after %ss; assuming the mail program is open", XDG_EMAIL_WAIT)
        return True
    if code != 0:
        log.warning("xdg-email exited with %s", code)
    return code == 0


# Mail has to exist and accept the files; the paths and texts arrive as arguments (argv), so nothing
# from the user ever becomes script text. item 1 is the number of files: it keeps osascript from
# reading a subject that starts with "-" as one of its own options.
_APPLESCRIPT = [
    "on run argv",
    "set n to (item 1 of argv) as integer",
    "set theFiles to {}",
    "repeat with i from 4 to (3 + n)",
    "set end of theFiles to (POSIX file (item i of argv)) as alias",
    "end repeat",
    'tell application "Mail"',
    "set m to make new outgoing message with properties "
    "{subject:(item 2 of argv), content:(item 3 of argv) & return & return, visible:true}",
    "tell m",
    "repeat with f in theFiles",
    "make new attachment with properties {file name:f} at after the last paragraph",
    "end repeat",
    "end tell",
    "activate",
    "end tell",
    "end run",
]


def _mail_app(files: list[Path], subject: str, body: str, which: Callable[[str], str | None]) -> bool:
    exe = which("osascript")
    if exe is None:
        return False
    args = [exe]
    for line in _APPLESCRIPT:
        args += ["-e", line]
    args += [str(len(files)), subject, body, *(str(f) for f in files)]
    done = subprocess.run(args, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          timeout=OSASCRIPT_TIMEOUT, env=_system_env(), check=False)
    if done.returncode != 0:
        log.warning("osascript exited with %s: %s", done.returncode, done.stderr.strip())
    return done.returncode == 0


# Simple MAPI (mapi.h), wide-character variant. Plain ctypes types, so this imports on any platform.
MAPI_LOGON_UI = 0x00000001
MAPI_DIALOG = 0x00000008
MAPI_USER_ABORT = 1
_ULONG = ctypes.c_uint32


class MapiFileDescW(ctypes.Structure):
    _fields_ = [("ulReserved", _ULONG), ("flFlags", _ULONG), ("nPosition", _ULONG),
                ("lpszPathName", ctypes.c_wchar_p), ("lpszFileName", ctypes.c_wchar_p), ("lpFileType", ctypes.c_void_p)]


class MapiMessageW(ctypes.Structure):
    _fields_ = [("ulReserved", _ULONG), ("lpszSubject", ctypes.c_wchar_p), ("lpszNoteText", ctypes.c_wchar_p),
                ("lpszMessageType", ctypes.c_wchar_p), ("lpszDateReceived", ctypes.c_wchar_p),
                ("lpszConversationID", ctypes.c_wchar_p), ("flFlags", _ULONG), ("lpOriginator", ctypes.c_void_p),
                ("nRecipCount", _ULONG), ("lpRecips", ctypes.c_void_p), ("nFileCount", _ULONG),
                ("lpFiles", ctypes.POINTER(MapiFileDescW))]


def _load_mapi_send() -> Callable[..., int]:
    """MAPISendMailW from mapi32.dll; raises OSError/AttributeError when there is none (tests replace this)."""
    dll = ctypes.WinDLL("mapi32.dll")  # type: ignore[attr-defined]  # only reached on Windows
    send = dll.MAPISendMailW
    send.argtypes = [ctypes.c_size_t, ctypes.c_size_t, ctypes.POINTER(MapiMessageW), _ULONG, _ULONG]
    send.restype = _ULONG
    return send


def _mapi(files: list[Path], subject: str, body: str, parent: QWidget | None) -> bool:
    try:
        send = _load_mapi_send()
    except (OSError, AttributeError) as exc:
        log.info("no Simple MAPI: %s", exc)
        return False
    descs = (MapiFileDescW * len(files))()
    for desc, file in zip(descs, files, strict=True):
        desc.nPosition = 0xFFFFFFFF  # -1: attach, do not place inside the text
        desc.lpszPathName = str(file)
        desc.lpszFileName = file.name
    message = MapiMessageW(lpszSubject=subject, lpszNoteText=body, nFileCount=len(files), lpFiles=descs)
    window = int(parent.window().winId()) if parent is not None else 0  # makes the mail dialog modal to us
    code = send(0, window, ctypes.pointer(message), MAPI_DIALOG | MAPI_LOGON_UI, 0)
    if code == MAPI_USER_ABORT:  # the user closed the message: that is a choice, not a failure
        return True
    if code != 0:
        log.warning("MAPISendMailW returned %s", code)
    return code == 0


def _fallback(files: list[Path], subject: str, body: str) -> MailResult:
    """Open the folder with the saved files and a ``mailto:`` whose body says what to attach."""
    folders = list(dict.fromkeys(f.parent for f in files))
    opened_folder = all([open_url(QUrl.fromLocalFile(str(folder))) for folder in folders])
    names = ", ".join(f"\u201c{f.name}\u201d" for f in files)
    where = ", ".join(str(folder) for folder in folders)
    if len(files) == 1:
        hint = translate("mail", "Voeg het bestand {names} toe als bijlage; het staat in de map {where}.")
    else:
        hint = translate("mail", "Voeg de bestanden {names} toe als bijlage; ze staan in de map {where}.")
    hint = hint.format(names=names, where=where) + " " + translate("mail", "(Deze zin mag je daarna weghalen.)")
    text = (hint + "\n\n" + body).replace("\r\n", "\n").replace("\n", "\r\n")  # RFC 6068: CRLF in a mailto body
    url = f"mailto:?subject={quote(subject, safe='')}&body={quote(text, safe='')}"
    opened_mail = open_url(QUrl(url, QUrl.ParsingMode.StrictMode))
    if opened_mail and opened_folder:
        message = translate("mail", "Je mailprogramma is geopend. Voeg het bestand toe vanuit de map die nu openstaat.")
    elif opened_mail:
        message = translate("mail", "Je mailprogramma is geopend. Voeg het bestand toe; het staat in {where}.")
    else:
        message = translate("mail", "Geen mailprogramma gevonden. Het bestand staat in {where}; "
                            "stuur het zelf mee als bijlage.")
    return MailResult("fallback", message.format(where=where))
