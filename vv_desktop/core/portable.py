"""The portable build: a copy of the app folder that keeps its data beside itself.

The Windows zip ships a marker file at the top of the app folder, beside ``Stappenplan.exe``.
When the marker is there, the app keeps its plans and settings in the folder ``PORTABLE_DATA``
beside it (on a USB stick, say) instead of the user's application data folder. Deleting the
marker turns the copy back into a normal one. No Qt here: the packaging scripts import it too.
"""

from __future__ import annotations

import sys
from pathlib import Path

PORTABLE_MARKER = "portable.txt"
PORTABLE_DATA = "Stappenplan-gegevens"
# With "hide extensions" on, a note made in Windows Explorer and named portable.txt is portable.txt.txt.
MARKER_NAMES = (PORTABLE_MARKER, f"{PORTABLE_MARKER}.txt")


def program_folder() -> Path | None:
    """The folder of the frozen app's executable; None when running from Python (a checkout or wheel)."""
    if not getattr(sys, "frozen", False):
        return None
    return Path(sys.executable).resolve().parent


def portable_data_dir(folder: Path | None = None) -> Path | None:
    """The data folder beside the program when the marker file is there, else None.

    ``folder`` is the program's folder (default: that of the frozen executable). On macOS the
    marker may also sit beside the ``.app`` (the folder the user sees), not inside it.
    """
    folder = program_folder() if folder is None else folder
    if folder is None:
        return None
    candidates = [folder]
    app = next((p for p in folder.parents if p.suffix == ".app"), None)
    if app is not None:
        candidates.append(app.parent)
    for place in candidates:
        if any((place / name).is_file() for name in MARKER_NAMES) and not _in_temp_folder(place):
            return place / PORTABLE_DATA
    return None


def _in_temp_folder(place: Path) -> bool:
    """Started from inside a zip, Windows runs the program from the temp folder, which gets cleaned:
    plans must not go there, so such a copy uses the normal data folder."""
    import tempfile

    try:
        return place.resolve().is_relative_to(Path(tempfile.gettempdir()).resolve())
    except OSError:
        return False
