"""A rotating log file in the data folder, so a helper can see what happened."""

from __future__ import annotations

import logging
from pathlib import Path

LOG_NAME = "stappenplan.log"


def log_file_in(data_dir: Path) -> Path:
    return data_dir / "logs" / LOG_NAME


def setup_logging(data_dir: Path) -> Path:
    from logging.handlers import RotatingFileHandler  # with socket and pickle: not before the first window

    file = log_file_in(data_dir)
    file.parent.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(file, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, RotatingFileHandler)]:
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return file
