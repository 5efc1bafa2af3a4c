"""Who wrote a lock file, and whether that process is gone: the part of Qt's QLockFile we keep.

The text is QLockFile's, so a lock of the previous version (which used QLockFile) is read right
and that version reads ours: ``pid``, program, host name, and since Qt 5.10 the machine id and
the boot id, one per line (qlockfile.cpp, ``lockFileContents`` and ``getLockInfo_helper``).
A lock is gone (``isApparentlyStale`` with a stale time of 0) when it was written on this
computer and the computer has restarted since, or its pid is dead, or its pid now runs another
program (qlockfile_unix.cpp / qlockfile_win.cpp, ``isProcessRunning``). Kept out: the age of the
file (the app holds its lock for hours). Only this module looks at other processes.

Where this differs from Qt it errs on the side of "still in use" (the person is then asked): a
boot id is compared only when ours is known; a Windows process we may not open counts as alive;
on macOS no machine or boot id is written (Qt reads them from IOKit and sysctl), so the host name
decides there, as for a lock of Qt before 5.10.
"""

from __future__ import annotations

import os
import re
import socket
import sys
from dataclasses import dataclass
from pathlib import Path

_WINDOWS = sys.platform == "win32"
_PID = re.compile(rb"\s*\+?(\d{1,18})\s*")


@dataclass(frozen=True)
class LockOwner:
    """What a lock file says about the process that wrote it."""

    pid: int
    program: str = ""  # the file name of its executable (without .exe on Windows), as Qt writes it
    host: str = ""
    host_id: str = ""  # empty when the writer did not know it (Qt before 5.10, or macOS here)
    boot_id: str = ""

    def text(self) -> bytes:
        lines = (str(self.pid), self.program, self.host, self.host_id, self.boot_id)
        return "".join(f"{line}\n" for line in lines).encode("utf-8")

    def on_this_computer(self) -> bool:
        """The machine id decides when both sides know it (a renamed computer), else the host name."""
        ours = machine_id()
        if self.host_id and ours:
            return self.host_id == ours
        return not self.host or self.host == machine_name()

    def is_gone(self) -> bool:
        """True when the lock is clearly nobody's: its process on this computer no longer runs."""
        if not self.on_this_computer():
            return False  # another computer: only the person can know (a USB stick pulled out there)
        ours = boot_id()
        if self.boot_id and ours and self.boot_id != ours:
            return True  # written before this computer last started
        return not _runs(self.pid, self.program)


def parse_owner(data: bytes) -> LockOwner | None:
    """The owner in a lock file's text; None when it is empty or damaged (no positive pid)."""
    lines = data.split(b"\n")
    match = _PID.fullmatch(lines[0].rstrip(b"\r"))
    if match is None or int(match.group(1)) <= 0:
        return None
    rest = [line.rstrip(b"\r").decode("utf-8", "replace") for line in lines[1:5]]
    return LockOwner(int(match.group(1)), *rest, *[""] * (4 - len(rest)))


def read_owner(file: Path, limit: int) -> LockOwner | None:
    """The owner of ``file``; None when it cannot be read, is gone, or is damaged.

    O_NONBLOCK: something swapped in for it since it was looked at (a named pipe) must not hang."""
    try:
        fd = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    try:
        return parse_owner(os.read(fd, limit))
    except OSError:
        return None
    finally:
        os.close(fd)


def this_process() -> LockOwner:
    """What this process writes in its lock."""
    return LockOwner(os.getpid(), _program_of(os.getpid()), machine_name(), machine_id(), boot_id())


def machine_name() -> str:
    """The host name, as QLockFile writes it (on Windows %COMPUTERNAME%: Qt avoids a name lookup)."""
    if _WINDOWS:
        return os.environ.get("COMPUTERNAME", "")
    try:
        return socket.gethostname()  # gethostname(2) / uname: no network
    except OSError:
        return ""


def machine_id() -> str:
    """QSysInfo::machineUniqueId: /etc/machine-id on Linux, MachineGuid on Windows; '' elsewhere."""
    if _WINDOWS:
        return _windows_machine_guid()
    for name in ("/etc/machine-id", "/var/lib/dbus/machine-id"):
        try:
            with open(name, "rb") as fh:
                return fh.read(32).decode("ascii", "replace")
        except OSError:
            continue
    return ""


def boot_id() -> str:
    """QSysInfo::bootUniqueId: new at every start of the computer (Linux only here, as Qt on Windows)."""
    try:
        with open("/proc/sys/kernel/random/boot_id", "rb") as fh:
            text = fh.read(36)
    except OSError:
        return ""
    return text.decode("ascii", "replace") if len(text) == 36 else ""


def _runs(pid: int, program: str) -> bool:
    if not _is_alive(pid):
        return False
    running = _program_of(pid)
    return not running or running == program  # another program: the pid was reused (Qt's test, kept)


def _is_alive(pid: int) -> bool:
    if _WINDOWS:
        return _windows_is_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, it is just not ours
        return True
    except (OSError, OverflowError):
        return False
    return True


def _program_of(pid: int) -> str:
    """The file name of the executable that runs as ``pid``; '' when that cannot be known here."""
    if _WINDOWS:
        return _windows_program_of(pid)
    if sys.platform.startswith("linux"):
        if not os.path.exists("/proc/self/exe"):
            return ""  # no /proc: Qt then trusts the pid alone, and so do we
        try:
            target = os.readlink(f"/proc/{pid}/exe")
        except OSError:
            return "/ERROR/"  # as Qt: the pid is gone (or not ours to look at), so it is not our app
        return os.path.basename(target.removesuffix(" (deleted)"))
    if sys.platform == "darwin":
        return _mac_program_of(pid)
    return ""


def _mac_program_of(pid: int) -> str:
    import ctypes

    try:
        libproc = ctypes.CDLL("/usr/lib/libproc.dylib")
    except OSError:
        return ""
    buffer = ctypes.create_string_buffer(1024)
    length = libproc.proc_name(ctypes.c_int(pid), buffer, ctypes.c_uint32(len(buffer)))
    return buffer.raw[:length].decode("utf-8", "replace") if length > 0 else ""


# -- Windows (ctypes; CI runs Linux, so this is kept small and written to the documented API) ---------
_QUERY_LIMITED_INFORMATION = 0x1000  # PROCESS_QUERY_LIMITED_INFORMATION
_STILL_ACTIVE = 259
_ERROR_ACCESS_DENIED = 5


def _kernel32():
    import ctypes
    from ctypes import wintypes

    k = ctypes.WinDLL("kernel32", use_last_error=True)
    k.OpenProcess.argtypes = (wintypes.DWORD, wintypes.BOOL, wintypes.DWORD)
    k.OpenProcess.restype = wintypes.HANDLE
    k.GetExitCodeProcess.argtypes = (wintypes.HANDLE, ctypes.POINTER(wintypes.DWORD))
    k.GetExitCodeProcess.restype = wintypes.BOOL
    k.QueryFullProcessImageNameW.argtypes = (wintypes.HANDLE, wintypes.DWORD, wintypes.LPWSTR,
                                             ctypes.POINTER(wintypes.DWORD))
    k.QueryFullProcessImageNameW.restype = wintypes.BOOL
    k.CloseHandle.argtypes = (wintypes.HANDLE,)
    k.CloseHandle.restype = wintypes.BOOL
    return k


def _windows_is_alive(pid: int) -> bool:
    import ctypes
    from ctypes import wintypes

    if not 0 < pid < 2**32:
        return False
    k = _kernel32()
    handle = k.OpenProcess(_QUERY_LIMITED_INFORMATION, False, pid)
    if not handle:
        return ctypes.get_last_error() == _ERROR_ACCESS_DENIED  # it exists, it is just not ours
    try:
        code = wintypes.DWORD(0)
        return bool(k.GetExitCodeProcess(handle, ctypes.byref(code))) and code.value == _STILL_ACTIVE
    finally:
        k.CloseHandle(handle)


def _windows_program_of(pid: int) -> str:
    import ctypes
    from ctypes import wintypes

    if not 0 < pid < 2**32:
        return ""
    k = _kernel32()
    handle = k.OpenProcess(_QUERY_LIMITED_INFORMATION, False, pid)
    if not handle:
        return ""
    try:
        buffer = ctypes.create_unicode_buffer(32768)
        size = wintypes.DWORD(len(buffer))
        if not k.QueryFullProcessImageNameW(handle, 0, buffer, ctypes.byref(size)):
            return ""
        return os.path.splitext(os.path.basename(buffer.value[:size.value]))[0]  # Qt drops the extension
    finally:
        k.CloseHandle(handle)


def _windows_machine_guid() -> str:
    import winreg

    try:
        with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, r"SOFTWARE\Microsoft\Cryptography", 0,
                            winreg.KEY_READ | winreg.KEY_WOW64_64KEY) as key:
            value, _kind = winreg.QueryValueEx(key, "MachineGuid")
    except OSError:
        return ""
    return str(value)
