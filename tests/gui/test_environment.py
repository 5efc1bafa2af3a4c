"""The Python and Qt combination must survive a long editing session.

PySide6 6.12 drops a reference to None/True/False on each call of a method that returns
nothing. On Python 3.11 that ends in "Fatal Python error: none_dealloc" after a few thousand
calls (a user typing for a while); from Python 3.12 on these objects are immortal.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.helpers import REPO_ROOT

LONG_SESSION = """
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel
app = QApplication([])
label, box = QLabel(), QCheckBox()
for i in range(30_000):
    label.setText("x")
    box.setChecked(i % 2 == 0)
print("ok")
"""


def test_thirty_thousand_qt_calls_do_not_crash_the_interpreter():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", LONG_SESSION], capture_output=True, text=True, env=env,
                            timeout=120)
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.strip() == "ok"


def test_run_never_imports_modules_from_the_current_folder(tmp_path):
    """A tinydb.py or reportlab_settings.py lying in the folder the user starts ./run from must not run."""
    root = REPO_ROOT
    for module in ("tinydb", "reportlab_settings", "vv_desktop"):
        (tmp_path / f"{module}.py").write_text('raise SystemExit("opgepikt uit de huidige map")\n')
    if not (root / ".venv" / "bin" / "python").exists():
        pytest.skip("./run needs the checkout's .venv (made by ./test)")
    result = subprocess.run(["sh", str(root / "run"), "--version"], cwd=tmp_path, capture_output=True,
                            text=True, timeout=300, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.startswith("Stappenplan ")
