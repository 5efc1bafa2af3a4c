"""The data folder: one given with --data-dir, the portable folder beside the program, or the user's own."""

from __future__ import annotations

from pathlib import Path

from vv_desktop import APP_NAME, ORG_NAME


def default_data_dir() -> Path:
    from vv_desktop.core.portable import portable_data_dir

    portable = portable_data_dir()  # a copy on a USB stick keeps its plans beside itself
    if portable is not None:
        return portable
    from platformdirs import user_data_path  # only needed without --data-dir

    return user_data_path(APP_NAME, ORG_NAME, roaming=True)


def prepare_data_dir(path: Path | None) -> Path:
    """Create the folder if needed; raises OSError when it cannot be made or written."""
    folder = Path(path).expanduser().resolve() if path else default_data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    probe = folder / ".schrijftest"
    probe.write_bytes(b"")
    probe.unlink()
    return folder
