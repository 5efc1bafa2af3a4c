"""What the core tests of the worksheet files share."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from vv_desktop.core.resources import worksheets_dir


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the worksheet files, to break or extend in one test."""
    copy = tmp_path / "worksheets"
    shutil.copytree(worksheets_dir(), copy)
    return copy
