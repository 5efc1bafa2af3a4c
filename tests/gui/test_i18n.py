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


def _literal_texts() -> set[str]:
    """The literal strings the package passes to tr() and translate(): each one is a text the user reads."""
    import ast

    found = set()
    for file in (ROOT / "vv_desktop").rglob("*.py"):
        for node in ast.walk(ast.parse(file.read_text("utf-8"))):
            if isinstance(node, ast.Call):
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                index = {"tr": 0, "translate": 1}.get(name)
                if index is not None and len(node.args) > index:
                    arg = node.args[index]
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        found.add(arg.value)
    return found


@pytest.mark.skipif(_lupdate() is None, reason="pyside6-lupdate is not installed")
def test_every_literal_text_reaches_the_translation_file(tmp_path):
    """A text in extra brackets (translate("ctx", ("a " "b"))) is not seen by lupdate: it can never be translated."""
    ts = tmp_path / "en.ts"
    sources = sorted(str(p) for p in (ROOT / "vv_desktop").rglob("*.py"))
    subprocess.run([_lupdate(), *sources, "-ts", str(ts)], check=True, capture_output=True)
    extracted = {m.findtext("source") for m in ET.parse(ts).getroot().iter("message")}
    missing = sorted(_literal_texts() - extracted)
    assert not missing, f"{len(missing)} texts lupdate does not find:\n" + "\n".join(t[:80] for t in missing)
