"""Each stored id has one definition: no column, stance or status id is written out in the code
outside the modules that define them (the action statuses only in common.toml). The same check by
hand: the grep command in the README ("One definition for each concept").
"""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path

from vv_desktop.core import columns, model
from vv_desktop.core.worksheets import load_method


def _stored_ids() -> tuple[str, ...]:
    """Every stored name: the constants of core/columns, a phase's states, the action statuses."""
    names: set[str] = set(model.STATUSES) | {o.id for o in load_method().action_statuses.options}
    for name, value in vars(columns).items():
        if not name.isupper():  # the constants, not the module's own __doc__ or __name__
            continue
        if isinstance(value, str):
            names.add(value)
        elif isinstance(value, tuple):
            names.update(v for v in value if isinstance(v, str))
    # "status" is also the key of a phase's state in the plan document (docs/data-folder.md), a part
    # of the document's structure like "phases" and "rounds": left out here.
    return tuple(sorted(names - {"status"}))


IDS = _stored_ids()
LITERAL = re.compile("[\"'](" + "|".join(IDS) + ")[\"']")
DEFINITIONS = {"core/columns.py", "core/model.py"}  # the stored names, and a phase's states


def _package() -> Path:
    return Path(str(files("vv_desktop")))


def literals_outside_the_definitions(root: Path) -> list[str]:
    found = []
    for file in sorted(root.rglob("*.py")):
        if file.relative_to(root).as_posix() in DEFINITIONS:
            continue
        for number, line in enumerate(file.read_text("utf-8").splitlines(), start=1):
            if LITERAL.search(line) and "translate(" not in line:  # a Dutch word in a message is no id
                found.append(f"{file.relative_to(root)}:{number}: {line.strip()}")
    return found


def test_no_column_or_status_id_is_written_out_twice() -> None:
    assert literals_outside_the_definitions(_package()) == []


def test_the_check_finds_a_literal(tmp_path) -> None:
    """The check itself works: a column written out in a module is found, its definition is not."""
    (tmp_path / "ui").mkdir()
    (tmp_path / "ui" / "x.py").write_text('value = item["values"].get("wie", "")\n', "utf-8")
    (tmp_path / "core").mkdir()
    (tmp_path / "core" / "columns.py").write_text('WHO = "wie"\n', "utf-8")
    assert literals_outside_the_definitions(tmp_path) == ['ui/x.py:1: value = item["values"].get("wie", "")']
