#!/usr/bin/env python3
"""Build Stappenplan for handing out: the app folder, and the installer of this platform.

Usage (from the repository root, in the project's virtual environment)::

    pip install -e .[build]              # once: PyInstaller, pinned in pyproject.toml
    python build_installer.py            # = build: icons, dist/Stappenplan/, check it, then the packages
    python build_installer.py build --zip        # also dist/Stappenplan-<version>-<os>-<arch>.zip
    python build_installer.py build --no-package # only the app folder (and its check)
    python build_installer.py package    # the packages of this platform from an existing build
    python build_installer.py check      # start the built app again and check it (with --self-test)
    python build_installer.py check-packages     # Linux: install the .tar.gz in a fresh HOME, check, uninstall
    python build_installer.py windows-installer  # compile the NSIS script (on Linux: a smoke test)
    python build_installer.py clean      # remove build/ and dist/

The packages per platform (PyInstaller does not cross-compile: build on each platform itself):

- Linux: ``stappenplan_<version>_<arch>.deb`` and ``stappenplan-<version>-linux-<arch>.tar.gz``
  (with install.sh / uninstall.sh for ~/.local);
- Windows: ``Stappenplan-<version>-windows-setup.exe`` (NSIS, per user) and a portable zip;
- macOS: ``Stappenplan.app`` with the .vvplan document type, and ``Stappenplan-<version>-macos-<arch>.dmg``.

Every tool a step needs is checked first; a missing one gives one line naming its package, and
no half-written package is left behind. The code of each step is in ``installer/``.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

from installer.common import DIST, NAME, ROOT, WORK, BuildError, folder_size, project_version
from installer.freeze import executable, platform_tag


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.0f} MB"


def _icons():
    from installer.icons import make_icons

    return make_icons(WORK / "icons")


def _platform_icon(icons) -> Path:
    return {"win32": icons.app_ico, "darwin": icons.app_icns}.get(sys.platform, icons.app_png[256])


def cmd_build(options: argparse.Namespace) -> int:
    try:
        from installer.freeze import freeze, pyinstaller_args
    except ImportError:
        raise BuildError("PyInstaller is not installed; run: pip install -e .[build]") from None
    version = project_version()
    from vv_desktop import __version__

    if __version__ != version:
        raise BuildError(f"pyproject.toml says {version}, vv_desktop.__version__ says {__version__}: make them equal.")
    icons = _icons()
    icon = options.icon.resolve() if options.icon else _platform_icon(icons)
    print(f"Building {NAME} {version} for {platform_tag()} with PyInstaller...")
    started = time.monotonic()
    freeze(pyinstaller_args(version, console=options.console, icon=icon))
    if sys.platform == "darwin":
        from installer.macos import adhoc_sign, patch_info_plist

        app = DIST / f"{NAME}.app"
        patch_info_plist(app / "Contents" / "Info.plist", version, icons.doc_icns)
        adhoc_sign(app)  # the changed Info.plist breaks PyInstaller's signature; macOS refuses an unsigned app
    folder = DIST / NAME
    print(f"Built {folder} ({_mb(folder_size(folder))}) in {time.monotonic() - started:.0f} s.")
    if options.zip:
        archive = shutil.make_archive(str(DIST / f"{NAME}-{version}-{platform_tag()}"), "zip",
                                      root_dir=DIST, base_dir=NAME)
        print(f"Archive: {archive} ({_mb(Path(archive).stat().st_size)})")
    if options.check and cmd_check(options) != 0:
        return 1
    return cmd_package(options) if options.package else 0


def cmd_package(options: argparse.Namespace) -> int:
    bundle = DIST / NAME
    if not executable().exists():
        raise BuildError(f"{executable()} does not exist: build the app folder first (build_installer.py build).")
    icons = _icons()
    made: list[Path] = []
    if sys.platform.startswith("linux"):
        from installer.linux import make_deb, make_tarball

        made.append(make_deb(bundle, icons, DIST))
        made.append(make_tarball(bundle, icons, DIST, arch=platform_tag().split("-", 1)[1]))
    elif sys.platform == "win32":
        from installer.windows import make_portable_zip, make_windows_installer

        made.append(make_windows_installer(bundle, icons.app_ico, icons.doc_ico, DIST))
        made.append(make_portable_zip(bundle, DIST / f"{NAME}-{project_version()}-{platform_tag()}-portable.zip"))
    elif sys.platform == "darwin":
        from installer.macos import make_dmg

        made.append(make_dmg(DIST / f"{NAME}.app", DIST / f"{NAME}-{project_version()}-{platform_tag()}.dmg"))
    else:
        raise BuildError(f"No package format for {sys.platform}; the app folder {bundle} works as it is.")
    for file in made:
        print(f"Package: {file} ({_mb(file.stat().st_size)})")
    return 0


def cmd_check(options: argparse.Namespace) -> int:
    from installer.check import check_bundle

    windowed = sys.platform in ("win32", "darwin") and not getattr(options, "console", False)
    return check_bundle(executable(), windowed)


def cmd_check_packages(options: argparse.Namespace) -> int:
    from installer.linux_check import check_packages

    return check_packages(DIST, install_deb=options.install_deb)


def cmd_windows_installer(options: argparse.Namespace) -> int:
    """Compile the NSIS script against the existing app folder (on Linux: a smoke test of the script)."""
    from installer.windows import make_windows_installer

    icons = _icons()
    out = make_windows_installer(DIST / NAME, icons.app_ico, icons.doc_ico, options.out or DIST)
    print(f"Windows installer: {out} ({_mb(out.stat().st_size)})")
    return 0


def cmd_clean(options: argparse.Namespace) -> int:
    for path in (WORK, DIST):
        if path.exists():
            shutil.rmtree(path)
            print(f"removed {path}")
    for spec in ROOT.glob("*.spec"):  # left by a hand-run pyinstaller
        spec.unlink()
        print(f"removed {spec}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description=f"Build {NAME}: the app folder (dist/{NAME}/) with PyInstaller, and this platform's packages.",
        epilog="Without a command: build (with check and packages).",
    )
    sub = parser.add_subparsers(dest="command")
    build = sub.add_parser("build", help=f"build dist/{NAME}/ (the default), check it, make the packages")
    build.add_argument("--zip", action="store_true", help="also pack the folder as a zip for handing out")
    build.add_argument("--no-check", dest="check", action="store_false",
                       help="do not start the built app afterwards to check it")
    build.add_argument("--no-package", dest="package", action="store_false",
                       help="only the app folder: no .deb/.tar.gz, setup.exe or .dmg")
    build.add_argument("--console", action="store_true",
                       help="keep a console window on Windows/macOS (to see error output)")
    build.add_argument("--icon", type=Path, help="icon file (default: made from the app's SVG icon)")
    build.set_defaults(func=cmd_build)
    package = sub.add_parser("package", help="make this platform's packages from an existing build")
    package.set_defaults(func=cmd_package)
    check = sub.add_parser("check", help="start the built app: --version, plans, PDFs, --self-test, the window")
    check.add_argument("--console", action="store_true", help="the build was made with --console")
    check.set_defaults(func=cmd_check)
    check_packages = sub.add_parser("check-packages", help="Linux: install the packages in a fresh HOME and check")
    check_packages.add_argument("--install-deb", action="store_true",
                                help="also install the .deb on this system with apt-get (root), check, remove it")
    check_packages.set_defaults(func=cmd_check_packages)
    windows = sub.add_parser("windows-installer", help="compile the Windows installer script (needs makensis)")
    windows.add_argument("--out", type=Path, help="folder for the setup file (default: dist/)")
    windows.set_defaults(func=cmd_windows_installer)
    clean = sub.add_parser("clean", help="remove build/ and dist/")
    clean.set_defaults(func=cmd_clean)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    if not argv or argv[0].startswith("-") and argv[0] not in ("-h", "--help"):
        argv = ["build", *argv]
    options = parser.parse_args(argv)
    try:
        return options.func(options)
    except BuildError as exc:
        print(f"Build stopped: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
