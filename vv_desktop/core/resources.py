"""Find the files the app ships (``worksheets/``, ``assets/``) with ``importlib.resources``.

They live inside the package, as ``vv_desktop/data/<name>``, so a checkout, an installed wheel
and the PyInstaller build (which copies them to the same place) find them in the same way.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

PACKAGE = "vv_desktop"


def data_dir(name: str) -> Path:
    # The package is always installed as plain files (never imported from a zip), so the
    # traversable is a real folder; ReportLab and Qt need file paths.
    return Path(str(resources.files(PACKAGE) / "data" / name))


def worksheets_dir() -> Path:
    return data_dir("worksheets")


def assets_dir() -> Path:
    return data_dir("assets")


def icon_file(name: str = "stappenplan") -> Path:
    """The SVG source of an icon: ``stappenplan`` (the app) or ``vvplan`` (a plan file)."""
    return assets_dir() / "icons" / f"{name}.svg"
