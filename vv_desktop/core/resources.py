"""Find the data folders (``worksheets/``, ``assets/``) from a checkout, a wheel or a frozen build.

In a wheel and in the PyInstaller build they are shipped inside the package as
``vv_desktop/data/<name>``; in a source checkout they live at the top of the repository.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def data_dir(name: str) -> Path:
    packaged = resources.files("vv_desktop") / "data" / name
    if packaged.is_dir():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parent.parent.parent / name
    return checkout


def worksheets_dir() -> Path:
    return data_dir("worksheets")


def assets_dir() -> Path:
    return data_dir("assets")
