"""What every packaging step shares: names, paths, the version, tool checks and all-or-nothing output."""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
import tomllib
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the build runs from a checkout: use its vv_desktop for the names

from vv_desktop import APP_ID, APP_NAME, ORG_NAME, PLAN_EXTENSION, PLAN_MIME_TYPE  # noqa: E402

NAME = APP_NAME
DIST = ROOT / "dist"
WORK = ROOT / "build"
PACKAGE_NAME = "stappenplan"  # the Debian package, the command on the PATH, the tarball's folder
SUMMARY_NL = "Prestatiedruk en mentale gezondheid bespreekbaar maken bij je club"

__all__ = [
    "APP_ID", "DIST", "NAME", "ORG_NAME", "PACKAGE_NAME", "PLAN_EXTENSION", "PLAN_MIME_TYPE", "ROOT",
    "SUMMARY_NL", "WORK", "BuildError", "folder_size", "project_version", "require_tool", "staged_file", "staged_dir",
]


def folder_size(folder: Path) -> int:
    """Bytes of the files in ``folder`` (links not followed): what a package or an install holds."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def _default_mode(folder: bool) -> int:
    """What a plain open()/mkdir() would give: mkstemp and mkdtemp make private (0600/0700) files."""
    umask = os.umask(0)
    os.umask(umask)
    return (0o777 if folder else 0o666) & ~umask


class BuildError(Exception):
    """A build step cannot go on; the message is one line that says what to do."""


def project_version() -> str:
    with open(ROOT / "pyproject.toml", "rb") as fh:
        return tomllib.load(fh)["project"]["version"]


def require_tool(tool: str, package: str) -> str:
    """The path of ``tool``, or a BuildError naming the (Debian) package that provides it."""
    found = shutil.which(tool)
    if found is None:
        raise BuildError(f"'{tool}' is needed for this step but was not found; install the package "
                         f"'{package}' (Debian/Ubuntu: sudo apt-get install {package}).")
    return found


@contextlib.contextmanager
def staged_file(final: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``final``; it becomes ``final`` only if the block succeeds.

    A failed or interrupted step never leaves half a package under the final name.
    """
    final.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".part", dir=final.parent)
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
        temp.chmod(_default_mode(folder=False))  # a package must be readable by everyone
        os.replace(temp, final)
    finally:
        temp.unlink(missing_ok=True)


@contextlib.contextmanager
def staged_dir(final: Path) -> Iterator[Path]:
    """Like staged_file, for a folder: built aside, then moved into place whole."""
    final.parent.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp(prefix=f".{final.name}.", suffix=".part", dir=final.parent))
    try:
        yield temp
        temp.chmod(_default_mode(folder=True))
        if final.exists():
            shutil.rmtree(final)
        os.replace(temp, final)
    finally:
        if temp.exists():
            shutil.rmtree(temp, ignore_errors=True)
