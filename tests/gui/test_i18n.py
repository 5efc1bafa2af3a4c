"""Every user-visible string can be found by Qt's translation tools, with a context Qt uses at run time."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.helpers import REPO_ROOT

ROOT = REPO_ROOT


def _lupdate() -> str | None:
    exe = Path(sys.executable).with_name("pyside6-lupdate")
    return str(exe) if exe.exists() else shutil.which("pyside6-lupdate")


@pytest.mark.skipif(_lupdate() is None, reason="pyside6-lupdate is not installed")
def test_strings_are_extractable_with_real_contexts(tmp_path):
    ts = tmp_path / "en.ts"
    sources = sorted(str(p) for p in (ROOT / "vv_desktop").rglob("*.py"))
    subprocess.run([_lupdate(), *sources, "-ts", str(ts)], check=True, capture_output=True)
    root = ET.parse(ts).getroot()
    contexts = {c.findtext("name"): [m.findtext("source") for m in c.iter("message")] for c in root.iter("context")}
    assert "" not in contexts, f"strings without a context: {contexts.get('')[:5]}"
    total = sum(len(v) for v in contexts.values())
    assert total > 200
    # A few strings the user sees first must be among them.
    everything = {s for v in contexts.values() for s in v}
    for text in ("Welkom bij Stappenplan", "&Nieuw stappenplan", "Deze stap &opnieuw doen", "Geef het plan een naam."):
        assert text in everything
