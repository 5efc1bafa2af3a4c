#!/usr/bin/env python3
"""Build the desktop app as one folder with PyInstaller: ``dist/Stappenplan/``.

Usage (from the repository root, in the project's virtual environment)::

    pip install -e .[build]              # once: PyInstaller, pinned in pyproject.toml
    python build_installer.py            # = build: dist/Stappenplan/, then a quick check
    python build_installer.py build --zip   # also dist/Stappenplan-<version>-<os>-<arch>.zip
    python build_installer.py check      # start the built app once more and check it
    python build_installer.py clean      # remove build/ and dist/

The folder build (not one file) starts faster and is what an installer packs. The spec is made
in code each time (in build/pyinstaller/), so there is no .spec file to keep in the repository.
The worksheets and assets go into the bundle as ``vv_desktop/data/worksheets`` and
``vv_desktop/data/assets``: that is where ``vv_desktop.core.resources`` looks first.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent
NAME = "Stappenplan"
ENTRY = ROOT / "vv_desktop" / "__main__.py"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
BUNDLE_ID = "nl.vleutenversterkt.stappenplan"

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
OTHER_EXCLUDES = ["tkinter", "pytest", "pytest_qt", "hypothesis", "ruff", "PyInstaller"]


def project_version() -> str:
    with open(ROOT / "pyproject.toml", "rb") as fh:
        return tomllib.load(fh)["project"]["version"]


def platform_tag() -> str:
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    return f"{system}-{platform.machine().lower() or 'unknown'}"


def executable() -> Path:
    return DIST / NAME / (f"{NAME}.exe" if sys.platform == "win32" else NAME)


def _windows_version_file(version: str) -> Path:
    """A VERSIONINFO resource, so Windows shows name and version in the file's properties."""
    numbers = [int(n) for n in re.findall(r"\d+", version)[:4]]
    numbers += [0] * (4 - len(numbers))
    nums = ", ".join(map(str, numbers))
    text = f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers=({nums}), prodvers=({nums}), mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('041304B0', [
      StringStruct('CompanyName', 'Vleuten Versterkt'),
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
    WORK.mkdir(parents=True, exist_ok=True)
    file = WORK / "version_info.txt"
    file.write_text(text, encoding="utf-8")
    return file


def _data_arg(source: Path, target: str) -> list[str]:
    return ["--add-data", f"{source}{os.pathsep}{target}"]


def _has_files(folder: Path) -> bool:
    return folder.is_dir() and any(p.is_file() for p in folder.rglob("*"))


def _find_icon(explicit: Path | None) -> Path | None:
    if explicit is not None:
        return explicit.resolve()
    wanted = {"win32": (".ico", ".png"), "darwin": (".icns", ".png")}.get(sys.platform, (".png",))
    for suffix in wanted:
        candidate = ROOT / "assets" / f"icon{suffix}"
        if candidate.is_file():
            return candidate
    return None


def pyinstaller_args(console: bool = False, icon: Path | None = None) -> list[str]:
    """The PyInstaller command line for the one-folder build (everything with absolute paths)."""
    version = project_version()
    args = [
        str(ENTRY),
        "--name", NAME,
        "--onedir",
        "--noconfirm",
        "--clean",
        "--log-level", "WARN",
        "--distpath", str(DIST),
        "--workpath", str(WORK),
        "--specpath", str(WORK),
        "--paths", str(ROOT),
        # ReportLab's fonts and other data (Vera.ttf...) are not collected by its hook
        # (pyinstaller issue #8135); this is collect_data_files("reportlab").
        "--collect-data", "reportlab",
        # The barcode package imports its symbologies by name at run time (the poster's QR code).
        "--collect-submodules", "reportlab.graphics.barcode",
    ]
    args += _data_arg(ROOT / "worksheets", "vv_desktop/data/worksheets")
    if _has_files(ROOT / "assets"):
        args += _data_arg(ROOT / "assets", "vv_desktop/data/assets")
    for module in QT_EXCLUDES:
        args += ["--exclude-module", f"PySide6.{module}"]
    for module in OTHER_EXCLUDES:
        args += ["--exclude-module", module]
    if sys.platform in ("win32", "darwin") and not console:
        args.append("--windowed")
    if sys.platform.startswith("linux"):
        args.append("--strip")  # debug symbols (a self-built Python's libpython has 20 MB of them)
    if sys.platform == "win32":
        args += ["--version-file", str(_windows_version_file(version))]
    if sys.platform == "darwin":
        args += ["--osx-bundle-identifier", BUNDLE_ID]
    icon = _find_icon(icon)
    if icon is not None:
        args += ["--icon", str(icon)]
    return args


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.0f} MB"


def cmd_build(options: argparse.Namespace) -> int:
    try:
        import PyInstaller.__main__ as pyinstaller
    except ImportError:
        print("PyInstaller is not installed. Run: pip install -e .[build]", file=sys.stderr)
        return 1
    if not (ROOT / "worksheets").is_dir():
        print(f"No worksheets folder at {ROOT / 'worksheets'}.", file=sys.stderr)
        return 1
    version = project_version()
    from vv_desktop import __version__

    if __version__ != version:
        print(f"Warning: pyproject.toml says {version}, vv_desktop.__version__ says {__version__}.",
              file=sys.stderr)
    args = pyinstaller_args(console=options.console, icon=options.icon)
    print(f"Building {NAME} {version} for {platform_tag()} with PyInstaller...")
    started = time.monotonic()
    pyinstaller.run(args)
    folder = DIST / NAME
    print(f"Built {folder} ({_mb(folder_size(folder))}) in {time.monotonic() - started:.0f} s.")
    if options.zip:
        archive = shutil.make_archive(str(DIST / f"{NAME}-{version}-{platform_tag()}"), "zip",
                                      root_dir=DIST, base_dir=NAME)
        print(f"Archive: {archive} ({_mb(Path(archive).stat().st_size)})")
    if options.check:
        return cmd_check(options)
    return 0


def _run(cmd: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)


def _render_poster(exe: Path, env: dict[str, str], data: Path, tmp: Path) -> str:
    """Make a plan with the source tree's own code, then its poster with the built app; '' when fine."""
    sys.path.insert(0, str(ROOT))
    from vv_desktop.core.settings import Settings
    from vv_desktop.core.store import PlanStore

    store = PlanStore(data, Settings(data).device_id)
    plan = store.create("Controle", "Controleclub")
    plan.set_club("contact_email", "test@example.org")
    store.save(plan)
    pdf = tmp / "poster.pdf"
    made = _run([str(exe), "render", "--data-dir", str(data), "--plan", plan.id, "--kind", "poster", "-o", str(pdf)],
                env)
    if made.returncode != 0 or not pdf.exists():
        return f"render poster: exit {made.returncode}: {made.stdout!r} {made.stderr!r}"
    return ""


def cmd_check(options: argparse.Namespace) -> int:
    """Start the built app: --version, the plans command, and the window (offscreen) once."""
    exe = executable()
    if not exe.exists():
        print(f"{exe} does not exist: build first.", file=sys.stderr)
        return 1
    failures = []
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    windowed = sys.platform in ("win32", "darwin") and not getattr(options, "console", False)

    version = _run([str(exe), "--version"], env)
    if version.returncode != 0 or (not windowed and project_version() not in version.stdout):
        failures.append(f"--version: exit {version.returncode}, output {version.stdout!r} {version.stderr!r}")
    else:
        print(f"ok  --version {version.stdout.strip()}")

    bundled = list(exe.parent.rglob("vv_desktop/data/worksheets/*.toml"))
    if not bundled:
        failures.append("no worksheets in the bundle (vv_desktop/data/worksheets)")
    else:
        print(f"ok  {len(bundled)} worksheet files in the bundle")

    with tempfile.TemporaryDirectory(prefix="stappenplan-check-") as tmp:
        data = Path(tmp) / "data"
        plans = _run([str(exe), "plans", "--data-dir", str(data)], env)
        if plans.returncode != 0:
            failures.append(f"plans: exit {plans.returncode}: {plans.stdout!r} {plans.stderr!r}")
        else:
            print(f"ok  plans: {plans.stdout.strip()}")

        # Every kind of PDF without a plan, so the fonts and ReportLab's lazily imported parts are there.
        for kind, extra in (("stellingen", []), ("blank", ["--phase", "concretiseren"])):
            pdf = Path(tmp) / f"{kind}.pdf"
            made = _run([str(exe), "render", "--kind", kind, *extra, "-o", str(pdf)], env)
            if made.returncode != 0 or not pdf.exists() or not pdf.read_bytes().startswith(b"%PDF"):
                failures.append(f"render {kind}: exit {made.returncode}: {made.stdout!r} {made.stderr!r}")
            else:
                print(f"ok  render {kind}: {pdf.stat().st_size // 1024} KB")
        poster = _render_poster(exe, env, data, Path(tmp))
        if poster:
            failures.append(poster)
        else:
            print("ok  render poster (with a plan, QR code and embedded fonts)")

        # The window: the app logs "started" only after it has read the worksheets.
        log_file = data / "logs" / "stappenplan.log"
        app = subprocess.Popen([str(exe), "--data-dir", str(data)], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        started = False
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and app.poll() is None:
                if log_file.exists() and "started" in log_file.read_text("utf-8", "replace"):
                    started = True
                    break
                time.sleep(0.3)
        finally:
            if app.poll() is None:
                app.terminate()
                try:
                    app.wait(10)
                except subprocess.TimeoutExpired:
                    app.kill()
                    app.wait()
        output = app.stdout.read() if app.stdout else ""
        if started:
            print("ok  the window opens with the worksheets loaded (offscreen)")
        else:
            log = log_file.read_text("utf-8", "replace") if log_file.exists() else "(no log)"
            failures.append(f"the app did not start: exit {app.returncode}\n{output}\n{log}")

    for failure in failures:
        print(f"FAILED  {failure}", file=sys.stderr)
    return 1 if failures else 0


def cmd_clean(options: argparse.Namespace) -> int:
    for path in (ROOT / "build", DIST):
        if path.exists():
            shutil.rmtree(path)
            print(f"removed {path}")
    for spec in ROOT.glob("*.spec"):  # left by a hand-run pyinstaller
        spec.unlink()
        print(f"removed {spec}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description=f"Build {NAME} as one folder (dist/{NAME}/) with PyInstaller.",
        epilog="Without a command: build.",
    )
    sub = parser.add_subparsers(dest="command")
    build = sub.add_parser("build", help=f"build dist/{NAME}/ (the default), then check it")
    build.add_argument("--zip", action="store_true", help="also pack the folder as a zip for handing out")
    build.add_argument("--no-check", dest="check", action="store_false",
                       help="do not start the built app afterwards to check it")
    build.add_argument("--console", action="store_true",
                       help="keep a console window on Windows/macOS (to see error output)")
    build.add_argument("--icon", type=Path, help="icon file (default: assets/icon.ico/.icns/.png if present)")
    build.set_defaults(func=cmd_build)
    check = sub.add_parser("check", help="start the built app: --version, plans, the window (offscreen)")
    check.add_argument("--console", action="store_true", help="the build was made with --console")
    check.set_defaults(func=cmd_check)
    clean = sub.add_parser("clean", help="remove build/ and dist/")
    clean.set_defaults(func=cmd_clean)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    if not argv or argv[0].startswith("-") and argv[0] not in ("-h", "--help"):
        argv = ["build", *argv]
    options = parser.parse_args(argv)
    return options.func(options)


if __name__ == "__main__":
    sys.exit(main())
