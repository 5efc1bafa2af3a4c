"""The core, the render layer and the command line work without Qt: importing them never loads PySide6.

Run in a fresh interpreter, because the test process itself has Qt loaded already.
"""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = """
import importlib, json, pkgutil, sys
import vv_desktop.core, vv_desktop.render
names = []
for package in (vv_desktop.core, vv_desktop.render):
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        importlib.import_module(info.name)
        names.append(info.name)
import vv_desktop.cli, vv_desktop.cli_commands  # the commands without a window, too
qt = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6"))
print(json.dumps({"modules": names, "qt": qt}))
"""


def test_core_and_render_never_load_qt():
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-800:]
    found = json.loads(result.stdout)
    assert len(found["modules"]) > 20  # it really imported the layers
    assert found["qt"] == [], f"Qt loaded by core/render: {found['qt']}"
