"""The app's Qt objects are torn down cleanly when the process ends, also after a merge dialog."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.helpers import REPO_ROOT

ROOT = REPO_ROOT


def test_the_process_ends_cleanly_after_merging_two_opened_plans(tmp_path):
    """A merge dialog that outlived its import was deleted twice at exit: 'shared QObject was deleted
    directly', then heap corruption (exit code 134/139). Only a fresh process shows it, at its end."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--basetemp", str(tmp_path / "t"),
         "tests/gui/test_file_open.py::test_two_plans_opened_together_are_merged_one_after_the_other"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert "1 passed" in result.stdout, result.stdout + result.stderr
    assert "shared QObject was deleted directly" not in result.stderr
    assert result.returncode == 0, result.stderr[-2000:]
