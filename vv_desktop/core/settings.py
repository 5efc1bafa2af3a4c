"""Small per-data-folder settings, including the random id of this laptop."""

from __future__ import annotations

import contextlib
import json
import logging
import re
import uuid
from pathlib import Path
from typing import Any

from vv_desktop.core.atomic import atomic_write_json

log = logging.getLogger(__name__)

SETTINGS_FILE = "instellingen.json"
_DEVICE_ID = re.compile("[0-9a-f]{32}")


def is_device_id(value: object) -> bool:
    """The form the app gives a laptop id: 32 hex digits (uuid4().hex)."""
    return isinstance(value, str) and _DEVICE_ID.fullmatch(value) is not None


class Settings:
    """Key/value settings stored as JSON; a damaged file is kept aside and defaults are used."""

    def __init__(self, root: Path, read_only: bool = False):
        self.file = Path(root) / SETTINGS_FILE
        self.read_only = read_only  # a read-only data folder: changes last until the app ends
        self._values: dict[str, Any] = self._read()
        if not is_device_id(self._values.get("device_id")):
            # Random, not derived from the machine or the user: it only tells laptops apart. Any other
            # value (a hand-edited or foreign file) would go into every change mark and exported file.
            self._values["device_id"] = uuid.uuid4().hex
            self._write()

    def _read(self) -> dict[str, Any]:
        try:
            values = json.loads(self.file.read_text("utf-8"))
            if isinstance(values, dict):
                return values
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, RecursionError):  # RecursionError: nested deeper than json can read
            pass
        aside = self.file.with_name(self.file.name + ".onleesbaar")
        with contextlib.suppress(OSError):
            self.file.replace(aside)
        log.warning("settings file unreadable, kept as %s", aside)
        return {}

    def _write(self) -> None:
        if not self.read_only:
            atomic_write_json(self.file, self._values)

    @property
    def device_id(self) -> str:
        return self._values["device_id"]

    def get(self, key: str, default: Any = None) -> Any:
        return self._values.get(key, default)

    def set(self, key: str, value: Any) -> None:
        if self._values.get(key) != value:
            self._values[key] = value
            self._write()
