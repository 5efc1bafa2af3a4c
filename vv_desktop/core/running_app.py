"""Is a Stappenplan window open with this data folder? Asked over its local socket, without Qt.

The window listens with a QLocalServer (vv_desktop/ui/single_instance.py) on :func:`app_address`.
That is where Qt puts a server with a plain name, so an app of the previous version (which
listened on the plain name) is found as well: on POSIX a Unix domain socket in QDir::tempPath()
(qlocalsocket_unix.cpp, ``pathNameForConnection``), on Windows the named pipe ``\\\\.\\pipe\\<name>``.
Local inter-process communication only: nothing here opens a network connection.
"""

from __future__ import annotations

import errno
import hashlib
import os
import socket
import sys
from pathlib import Path

CONNECT_TIMEOUT_S = 1.0  # as long as the window used to wait (QLocalSocket.waitForConnected(1000))
_ERROR_PIPE_BUSY = 231


def server_name(data_dir: Path) -> str:
    """The plain name of the window's server for ``data_dir`` (one per folder)."""
    digest = hashlib.sha1(str(Path(data_dir).resolve()).encode("utf-8")).hexdigest()[:16]
    return f"vv-desktop-{digest}"


def app_address(data_dir: Path) -> str:
    """Where the window for ``data_dir`` listens: a full path, which Qt takes as it is."""
    if sys.platform == "win32":
        return rf"\\.\pipe\{server_name(data_dir)}"
    return f"{temp_path()}/{server_name(data_dir)}"


def temp_path() -> str:
    """QDir::tempPath() on POSIX: $TMPDIR when set, else the user's temp folder on macOS, else /tmp."""
    temp = os.environ.get("TMPDIR", "")
    if not temp and sys.platform == "darwin":
        try:
            temp = os.confstr("CS_DARWIN_USER_TEMP_DIR") or ""  # what NSTemporaryDirectory() returns
        except (ValueError, OSError):
            temp = ""
    return _clean_path(temp or "/tmp")


def _clean_path(path: str) -> str:
    """QDir::cleanPath: no '.', '..', doubled or trailing slashes (only '/' keeps its slash)."""
    cleaned = os.path.normpath(path)
    return "/" + cleaned.lstrip("/") if cleaned.startswith("//") else cleaned


def ask_running_app(data_dir: Path) -> bool:
    """True when a Stappenplan with this data folder runs on this computer (its server answers)."""
    address = app_address(data_dir)
    if sys.platform == "win32":
        return _pipe_answers(address)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        client.settimeout(CONNECT_TIMEOUT_S)
        try:
            client.connect(address)
        except OSError:  # nobody there, a socket left by a crash, a path too long, no answer in time
            return False
    return True


def _pipe_answers(address: str) -> bool:
    """A named pipe exists only while its server process runs; a busy one is there all the same."""
    try:
        with open(address, "r+b", buffering=0):
            return True
    except OSError as exc:
        # Busy: every instance is serving another start. open() goes through the C runtime, which
        # turns ERROR_PIPE_BUSY into EINVAL without a winerror; a pipe that is not there is ENOENT.
        return getattr(exc, "winerror", None) == _ERROR_PIPE_BUSY or exc.errno == errno.EINVAL
