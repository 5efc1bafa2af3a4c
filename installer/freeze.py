"""The PyInstaller one-folder build: ``dist/Stappenplan/`` (``dist/Stappenplan.app`` on macOS too).

The spec is made in code each time (in build/pyinstaller/), so there is no .spec file to keep.
Everything the app reads at run time is package data in ``vv_desktop/data/``; it goes into the
bundle at the same place, where ``vv_desktop.core.resources`` finds it with importlib.resources.
"""

from __future__ import annotations

import os
import platform
import re
import sys
from pathlib import Path

from installer.common import APP_ID, DIST, NAME, ORG_NAME, ROOT, WORK

ENTRY = ROOT / "vv_desktop" / "__main__.py"
PYI_WORK = WORK / "pyinstaller"

# Qt modules the app does not use. Most are not in PySide6-Essentials at all; listing them keeps
# them out if a developer has the full PySide6 installed.
QT_EXCLUDES = [
    "Qt3DAnimation", "Qt3DCore", "Qt3DExtras", "Qt3DInput", "Qt3DLogic", "Qt3DRender",
    "QtAxContainer", "QtBluetooth", "QtCharts", "QtConcurrent", "QtDataVisualization", "QtDesigner",
    "QtGraphs", "QtGraphsWidgets", "QtHelp", "QtHttpServer", "QtLabsStyleKit", "QtLocation",
    "QtMultimedia", "QtMultimediaWidgets", "QtNetworkAuth", "QtNfc", "QtOpenGL", "QtOpenGLWidgets",
    "QtPositioning", "QtQml", "QtQmlFeatures", "QtQuick", "QtQuick3D", "QtQuickControls2",
    "QtQuickTest", "QtQuickWidgets", "QtRemoteObjects", "QtScxml", "QtSensors", "QtSerialBus",
    "QtSerialPort", "QtSpatialAudio", "QtSql", "QtStateMachine", "QtTest", "QtTextToSpeech",
    "QtUiTools", "QtWebChannel", "QtWebEngineCore", "QtWebEngineQuick", "QtWebEngineWidgets",
    "QtWebSockets", "QtWebView", "QtXml",
]
OTHER_EXCLUDES = ["tkinter", "pytest", "pytest_qt", "hypothesis", "ruff", "PyInstaller", "installer"]
# Pillow's AVIF codec (5 MB of libavif) and its Tk glue: a logo is PNG, JPEG, GIF, BMP or WebP
# (the logo dialog's filter), so the app never needs them.
APP_EXCLUDES = ["PIL._avif", "PIL.AvifImagePlugin", "PIL._imagingtk", "PIL.ImageTk"]


def platform_tag() -> str:
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    return f"{system}-{platform.machine().lower() or 'unknown'}"


def executable(dist: Path = DIST) -> Path:
    return dist / NAME / (f"{NAME}.exe" if sys.platform == "win32" else NAME)


def windows_version_file(version: str, work: Path = PYI_WORK) -> Path:
    """A VERSIONINFO resource, so Windows shows name and version in the file's properties."""
    numbers = [int(n) for n in re.findall(r"\d+", version)[:4]]
    numbers += [0] * (4 - len(numbers))
    nums = ", ".join(map(str, numbers))
    text = f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers=({nums}), prodvers=({nums}), mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('041304B0', [
      StringStruct('CompanyName', '{ORG_NAME}'),
      StringStruct('FileDescription', '{NAME}'),
      StringStruct('FileVersion', '{version}'),
      StringStruct('InternalName', '{NAME}'),
      StringStruct('OriginalFilename', '{NAME}.exe'),
      StringStruct('ProductName', '{NAME}'),
      StringStruct('ProductVersion', '{version}')])]),
    VarFileInfo([VarStruct('Translation', [0x0413, 1200])])
  ]
)
"""
    work.mkdir(parents=True, exist_ok=True)
    file = work / "version_info.txt"
    file.write_text(text, encoding="utf-8")
    return file


def common_args(name: str, dist: Path, work: Path) -> list[str]:
    """What every one-folder build here shares (the app's and bench/'s bare wizard's)."""
    args = [
        "--name", name, "--onedir", "--noconfirm", "--clean", "--log-level", "WARN",
        "--distpath", str(dist), "--workpath", str(work), "--specpath", str(work),
    ]
    for module in QT_EXCLUDES:
        args += ["--exclude-module", f"PySide6.{module}"]
    for module in OTHER_EXCLUDES:
        args += ["--exclude-module", module]
    if sys.platform.startswith("linux"):
        args.append("--strip")  # debug symbols (a self-built Python's libpython has 20 MB of them)
    return args


def pyinstaller_args(version: str, console: bool = False, icon: Path | None = None,
                     dist: Path = DIST, work: Path = PYI_WORK) -> list[str]:
    """The PyInstaller command line for the app's one-folder build (everything with absolute paths)."""
    args = [str(ENTRY), *common_args(NAME, dist, work), "--paths", str(ROOT),
            # ReportLab's fonts and other data (Vera.ttf...) are not collected by its hook
            # (pyinstaller issue #8135); this is collect_data_files("reportlab").
            "--collect-data", "reportlab",
            # The barcode package imports its symbologies by name at run time (the poster's QR code).
            "--collect-submodules", "reportlab.graphics.barcode",
            "--add-data", f"{ROOT / 'vv_desktop' / 'data'}{os.pathsep}vv_desktop/data"]
    for module in APP_EXCLUDES:
        args += ["--exclude-module", module]
    if sys.platform in ("win32", "darwin") and not console:
        args.append("--windowed")
    if sys.platform == "win32":
        args += ["--version-file", str(windows_version_file(version, work))]
    if sys.platform == "darwin":
        args += ["--osx-bundle-identifier", APP_ID]
    if icon is not None:
        args += ["--icon", str(icon)]
    return args


def freeze(args: list[str]) -> None:
    import PyInstaller.__main__ as pyinstaller

    pyinstaller.run(args)
