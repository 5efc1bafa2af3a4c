"""Reword every text a facilitator may change in the worksheet files, to prove no test pins it.

    python scripts/reword_worksheets.py FOLDER

puts "Anders gezegd. " in front of every label, help, title, text, subtitle, intro, placeholder, club and
publisher, and "Anders " before every step of the scale, in the TOML files in FOLDER (a copy of
vv_desktop/data/worksheets: scripts/reworded-check.sh makes one). Ids stay as they are. The texts
inside a club kind's variant (``cultuur = { label = "..." }``, ``[tips.buurt]``) are reworded too;
a text the patterns miss stops the script, so no test can lean on it unnoticed.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path
from typing import Any

KEYS = "label|help|title|text|subtitle|intro|placeholder|publisher|club"
PREFIX = "Anders gezegd. "  # a sentence of its own (the plain-Dutch test counts per sentence); no colon: file names


def reword(text: str) -> str:
    text = re.sub(rf'\b({KEYS}) = """\\\n', rf'\1 = """{PREFIX}\\\n', text)  # """\ and the text on the next line
    text = re.sub(rf'\b({KEYS}) = """(?!\\)', rf'\1 = """{PREFIX}', text)
    text = re.sub(rf'\b({KEYS}) = "(?!")', rf'\1 = "{PREFIX}', text)
    return re.sub(r"^scale = \[(.*)\]$", lambda m: "scale = [" + re.sub(r'"([^"]*)"', r'"Anders \1"', m.group(1)) + "]",
                  text, flags=re.MULTILINE)


def missed(value: Any, where: str = "") -> list[str]:
    """The places of texts that were not reworded, at any depth (variants included)."""
    if isinstance(value, list):
        return [m for i, v in enumerate(value) for m in missed(v, f"{where}[{i}]")]
    if not isinstance(value, dict):
        return []
    found = []
    for key, v in value.items():
        if key in KEYS.split("|") and isinstance(v, str) and not v.startswith(PREFIX):
            found.append(f"{where}.{key}")
        found.extend(missed(v, f"{where}.{key}"))
    return found


def main(folder: Path) -> None:
    for file in sorted(folder.glob("*.toml")):
        before = tomllib.loads(file.read_text("utf-8"))
        after_text = reword(file.read_text("utf-8"))
        after = tomllib.loads(after_text)  # still valid TOML
        if after == before:
            raise SystemExit(f"nothing reworded in {file.name}")
        if missed(after):
            raise SystemExit(f"not reworded in {file.name}: {', '.join(missed(after))}")
        file.write_text(after_text, "utf-8")
    print(f"reworded the worksheets in {folder}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
