"""Windows: a per-user NSIS installer and a portable zip, both from the PyInstaller folder.

The installer needs no admin rights: it goes to ``%LOCALAPPDATA%\\Programs\\Stappenplan``, and the
``.vvplan`` file type, the Start-menu shortcut and the "Apps & features" entry are for this user
only (``installer/windows/stappenplan.nsi``). makensis also runs on Linux (Debian package
``nsis``), so the installer can be compiled on any machine from a Windows build folder.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from installer.common import (
    APP_ID,
    NAME,
    ORG_NAME,
    PLAN_EXTENSION,
    PLAN_MIME_TYPE,
    BuildError,
    folder_size,
    project_version,
    require_tool,
    staged_file,
)
from vv_desktop.core.portable import PORTABLE_DATA, PORTABLE_MARKER

__all__ = [
    "EXE_NAME", "NSIS_SCRIPT", "PORTABLE_DATA", "PORTABLE_MARKER", "installer_name", "make_portable_zip",
    "make_windows_installer", "nsis_defines", "portable_note",
]

NSIS_SCRIPT = Path(__file__).resolve().parent / "windows" / "stappenplan.nsi"
EXE_NAME = f"{NAME}.exe"
# What the installer adds beside the bundle's own files (names in the .nsi script).
_INSTALLER_FILES = {f"{NAME}.ico", f"{NAME}-plan.ico", "uninstall.exe"}


def installer_name(version: str) -> str:
    return f"{NAME}-{version}-windows-setup.exe"


def vi_version(version: str) -> str:
    """The four numbers Windows wants in a VERSIONINFO resource: "0.1.0" -> "0.1.0.0"."""
    numbers = [int(n) for n in re.findall(r"\d+", version)[:4]]
    return ".".join(map(str, numbers + [0] * (4 - len(numbers))))


def installed_kb(bundle: Path) -> int:
    """The bundle's size in KiB, for "Apps & features" (EstimatedSize)."""
    total = folder_size(bundle) if bundle.is_dir() else 0
    return (total + 1023) // 1024


def nsis_defines(bundle: Path, app_ico: Path, doc_ico: Path, out_file: Path, version: str,
                 exe_name: str = EXE_NAME, bundle_entries: Path | None = None) -> list[str]:
    """The ``-DNAME=value`` arguments the .nsi script needs (absolute paths; no shell quoting)."""
    values = {
        "APP_NAME": NAME,
        "APP_ID": APP_ID,
        "ORG_NAME": ORG_NAME,
        "PLAN_EXT": PLAN_EXTENSION,
        "PLAN_MIME": PLAN_MIME_TYPE,
        "VERSION": version,
        "VI_VERSION": vi_version(version),
        "EXE": exe_name,
        "BUNDLE": str(bundle.resolve()),
        "APP_ICON": str(app_ico.resolve()),
        "DOC_ICON": str(doc_ico.resolve()),
        "OUTFILE": str(out_file.resolve()),
        "INSTALLED_KB": str(installed_kb(bundle)),
    }
    if bundle_entries is not None:
        values["BUNDLE_ENTRIES"] = str(bundle_entries.resolve())
    return [f"-D{key}={value}" for key, value in values.items()]


def _nsis_quote(name: str) -> str:
    return name.replace("$", "$$").replace('"', '$\\"')


def bundle_entries_nsh(bundle: Path) -> str:
    """An NSIS include whose macro removes the bundle's top-level files and folders from $INSTDIR.

    The uninstaller (and an update) removes exactly these, so a folder the user picked that already
    held other files keeps them.
    """
    lines = ["!macro REMOVE_BUNDLE_ENTRIES"]
    for entry in sorted(bundle.iterdir()):
        if entry.name in _INSTALLER_FILES:
            continue
        target = f"$INSTDIR\\{_nsis_quote(entry.name)}"
        lines.append(f'  RMDir /r "{target}"' if entry.is_dir() else f'  Delete "{target}"')
    lines.append("!macroend")
    return "\n".join(lines) + "\n"


def find_exe_name(bundle: Path) -> str:
    """``Stappenplan.exe``; a Linux build's ``Stappenplan`` only serves to smoke-test the script."""
    for candidate in (EXE_NAME, NAME):
        if (bundle / candidate).is_file():
            return candidate
    raise BuildError(f"{bundle} has no {EXE_NAME}: build the app folder on Windows first "
                     f"(python build_installer.py).")


def _last_error(output: str) -> str:
    """The line of makensis's output that says what went wrong, with the script line when known.

    makensis ends with "Error in script ... on line N -- aborting"; the cause is the line before it
    (after a usage text). With -WX a warning is the cause ("Error: warning treated as error").
    """
    lines = [line.rstrip() for line in output.splitlines() if line.strip()]
    warnings = [line for line in lines if line.startswith("warning ")]
    if warnings:
        return f"{warnings[-1]} (-WX: warnings count as errors)"
    where, before = "", lines
    for index in range(len(lines) - 1, -1, -1):
        found = re.match(r'Error in script "(.*)" on line (\d+)', lines[index])
        if found:
            where, before = f" ({Path(found[1]).name}, line {found[2]})", lines[:index]
            break
    causes = [line.strip() for line in before
              if not line.startswith((" ", "\t", "Usage:", "Error in macro", "Note:"))]
    if causes:
        return causes[-1] + where
    return (lines[-1] if lines else "no output") + where


def run_makensis(makensis: str, defines: list[str]) -> None:
    """Compile the script; warnings count as errors (-WX), so a sloppy script never ships."""
    cmd = [makensis, "-V2", "-WX", "-INPUTCHARSET", "UTF8", *defines, str(NSIS_SCRIPT)]
    done = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", errors="replace")
    if done.returncode != 0:
        raise BuildError(f"makensis failed (exit {done.returncode}): {_last_error(done.stdout + done.stderr)}")


def find_makensis() -> str:
    """makensis on the PATH; on Windows also where the NSIS installer puts it (it leaves PATH alone)."""
    if sys.platform == "win32" and shutil.which("makensis") is None:
        for base in (os.environ.get("PROGRAMFILES(X86)"), os.environ.get("PROGRAMFILES")):
            candidate = Path(base or "C:\\Program Files (x86)") / "NSIS" / "makensis.exe"
            if candidate.is_file():
                return str(candidate)
    return require_tool("makensis", "nsis")


def make_windows_installer(bundle: Path, app_ico: Path, doc_ico: Path, out_dir: Path) -> Path:
    """Compile ``out_dir/Stappenplan-<version>-windows-setup.exe`` from the PyInstaller folder."""
    makensis = find_makensis()
    if not bundle.is_dir():
        raise BuildError(f"The app folder {bundle} does not exist: run python build_installer.py first.")
    exe_name = find_exe_name(bundle)
    version = project_version()
    final = out_dir / installer_name(version)
    with tempfile.TemporaryDirectory(prefix="stappenplan-nsis-") as tmp, staged_file(final) as temp:
        entries = Path(tmp) / "bundle_entries.nsh"
        entries.write_text(bundle_entries_nsh(bundle), encoding="utf-8")
        run_makensis(makensis, nsis_defines(bundle, app_ico, doc_ico, temp, version, exe_name, entries))
        with temp.open("rb") as fh:
            is_program = fh.read(2) == b"MZ"
        if not is_program:
            raise BuildError(f"makensis made no Windows program at {temp}.")
        temp.chmod(0o644)  # staged_file's temporary file is private (0600)
    return final


def portable_note(exe_name: str = EXE_NAME, version: str | None = None) -> str:
    """The text of the marker file (plain Dutch, Windows line ends so Notepad shows it right)."""
    version = version or project_version()
    lines = [
        f"{NAME} {version} - zonder installatie",
        "",
        f"Dit is {NAME} zonder installatie. Je kunt deze map overal neerzetten, ook op een USB-stick.",
        f"Start {exe_name} in deze map.",
        "",
        "Waar staan je plannen?",
        f'Je plannen en instellingen staan in de map "{PORTABLE_DATA}", naast dit bestand.',
        "Neem je de hele map mee, dan neem je je plannen ook mee.",
        f'Gooi de map "{PORTABLE_DATA}" dus niet weg.',
        "",
        "Wil je liever de gewone map voor gegevens op deze computer gebruiken?",
        f"Verwijder dan dit bestand ({PORTABLE_MARKER}). {NAME} gebruikt daarna de map",
        f"%APPDATA%\\{ORG_NAME}\\{NAME}, net als na een gewone installatie.",
    ]
    return "\r\n".join(lines) + "\r\n"


def make_portable_zip(bundle: Path, out_file: Path) -> Path:
    """The app folder as a zip (one folder ``Stappenplan/``), with the portable marker beside the exe."""
    if not bundle.is_dir():
        raise BuildError(f"The app folder {bundle} does not exist: run python build_installer.py first.")
    exe_name = find_exe_name(bundle)
    marker = f"{NAME}/{PORTABLE_MARKER}"
    with staged_file(out_file) as temp, zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(bundle.rglob("*")):
            name = f"{NAME}/{path.relative_to(bundle).as_posix()}"
            if name != marker:
                archive.write(path, name)
        archive.writestr(marker, portable_note(exe_name))
        temp.chmod(0o644)  # staged_file's temporary file is private (0600)
    return out_file
