"""Each stored id has one definition: no column, stance or status id is written out in the code
outside the modules that define them (the action statuses only in common.toml). The same check by
hand: the grep command in the README ("One definition for each concept").
"""

from __future__ import annotations

import ast
from importlib.resources import files
from pathlib import Path

from vv_desktop.core import columns, model
from vv_desktop.core.worksheets import load_method


def _stored_ids() -> tuple[str, ...]:
    """Every stored name: the constants of core/columns, a phase's states, the club kinds, the action statuses."""
    names: set[str] = {*model.STATUSES, *model.CLUB_KINDS, *(o.id for o in load_method().action_statuses.options)}
    for name, value in vars(columns).items():
        if not name.isupper():  # the constants, not the module's own __doc__ or __name__
            continue
        if isinstance(value, str):
            names.add(value)
        elif isinstance(value, tuple):
            names.update(v for v in value if isinstance(v, str))
    return tuple(sorted(names))


IDS = _stored_ids()
DEFINITIONS = {"core/columns.py", "core/model.py"}  # the stored names, a phase's states, the club kinds
# "status" is also the key of a phase's state in the plan document (docs/data-folder.md), part of the
# document's structure like "phases" and "rounds": the modules that read and write that structure may
# name it; anywhere else it would be the action's column, which is columns.STATUS.
DOCUMENT_STRUCTURE = {"core/schema.py", "core/merge.py", "core/exchange.py", "core/exchange_checks.py",
                      "core/sharing.py"}


def _package() -> Path:
    return Path(str(files("vv_desktop")))


TRANSLATED = {"translate", "tr"}  # translate("ctx", "Dutch text"), self.tr("..."): a message, not an id


def _messages(tree: ast.AST) -> set[int]:
    """The string constants that are the text of a message or a docstring (their words are Dutch or
    English, not ids)."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            found.add(id(node.value))
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in TRANSLATED:
                found.update(id(arg) for arg in node.args if isinstance(arg, ast.Constant))
    return found


def literals_outside_the_definitions(root: Path) -> list[str]:
    """Every string constant (also a piece of an f-string, or a part of 'a/b/c') that is a stored id."""
    found = []
    for file in sorted(root.rglob("*.py")):
        where = file.relative_to(root).as_posix()
        if where in DEFINITIONS:
            continue
        allowed = {"status"} if where in DOCUMENT_STRUCTURE else set()
        tree = ast.parse(file.read_text("utf-8"))
        messages = _messages(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in messages:
                hits = {part for part in node.value.split("/") if part in IDS} - allowed
                if hits:
                    found.append(f"{where}:{node.lineno}: {node.value!r}")
    return found


def test_no_column_or_status_id_is_written_out_twice() -> None:
    assert literals_outside_the_definitions(_package()) == []


def test_the_check_finds_a_literal(tmp_path) -> None:
    """The check itself works: a column written out in a module is found, its definition is not."""
    (tmp_path / "ui").mkdir()
    (tmp_path / "ui" / "x.py").write_text(
        'value = item["values"].get("wie", "")\n'
        'key = f"{field}/keuze"\n'
        'state = phase["status"]\n'
        'label = translate("labels", "wie")\n', "utf-8")
    (tmp_path / "core").mkdir()
    (tmp_path / "core" / "columns.py").write_text('WHO = "wie"\n', "utf-8")
    (tmp_path / "core" / "merge.py").write_text('state = phase["status"]\n', "utf-8")
    assert literals_outside_the_definitions(tmp_path) == ["ui/x.py:1: 'wie'", "ui/x.py:2: '/keuze'",
                                                          "ui/x.py:3: 'status'"]
