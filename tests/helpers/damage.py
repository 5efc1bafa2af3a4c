"""Every kind of damaged or odd data folder we know of, for the store, CLI and window tests.

Each kind damages a data folder that holds two good plans ("Goed 0", "Goed 1") and one more plan,
the victim ("Slachtoffer"). Whatever the damage, the good plans must still list, open and save.
``victim_lists`` says whether the victim itself must still list too (its text was only cleaned).
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import sys
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from vv_desktop.core import store as store_module
from vv_desktop.core.settings import Settings
from vv_desktop.core.store import PLAN_FILE, PlanStore
from vv_desktop.core.summary import SUMMARY_FILE

GOOD = ("Goed 0", "Goed 1")
VICTIM = "Slachtoffer"
LONE = "\udc00"  # valid in a JSON \u escape, not in UTF-8


@dataclass(frozen=True)
class Damage:
    apply: Callable[[Path, str, pytest.MonkeyPatch], None]  # (data folder, victim id, monkeypatch)
    victim_lists: bool = False


def make_folder(root: Path) -> tuple[list[str], str]:
    """The two good plans and the victim; returns (good ids, victim id)."""
    root.mkdir(parents=True, exist_ok=True)
    ps = PlanStore(root, Settings(root).device_id)
    good = [ps.create(name, "HC Vleuten").id for name in GOOD]
    victim = ps.create(VICTIM, "HC Vleuten")
    victim.set_answer("agenderen", "kansen", "Tekst van het slachtoffer")
    ps.save(victim)
    return good, victim.id


def _plan_file(root: Path, plan_id: str) -> Path:
    return root / "plans" / plan_id / PLAN_FILE


def _doc(root: Path, plan_id: str) -> dict[str, Any]:
    return json.loads(_plan_file(root, plan_id).read_bytes())["plan"]["1"]


def _write_doc(root: Path, plan_id: str, doc: dict[str, Any]) -> None:
    # ensure_ascii: a lone surrogate is written as the escape \udc00, as another program might
    _plan_file(root, plan_id).write_text(json.dumps({"plan": {"1": doc}}, ensure_ascii=True), "utf-8")


def _surrogate_answer(root: Path, victim: str, _mp: pytest.MonkeyPatch) -> None:
    doc = _doc(root, victim)
    doc["phases"]["agenderen"]["rounds"][-1]["answers"]["kansen"]["v"] = f"half{LONE}teken"
    _write_doc(root, victim, doc)


def _surrogate_name(root: Path, victim: str, _mp: pytest.MonkeyPatch) -> None:
    doc = _doc(root, victim)
    doc["name"]["v"] = f"{VICTIM} {LONE}"
    doc["club"]["name"]["v"] = f"Club{LONE}"
    _write_doc(root, victim, doc)


def _surrogate_in_summary(root: Path, victim: str, _mp: pytest.MonkeyPatch) -> None:
    file = root / "plans" / victim / SUMMARY_FILE
    data = json.loads(file.read_bytes())
    data["name"] = f"{VICTIM} {LONE}"
    file.write_text(json.dumps(data, ensure_ascii=True), "utf-8")


def _nested(depth: int) -> Callable[[Path, str, pytest.MonkeyPatch], None]:
    def apply(root: Path, victim: str, _mp: pytest.MonkeyPatch) -> None:
        doc = _doc(root, victim)
        doc["phases"]["agenderen"]["rounds"][-1]["answers"]["kansen"]["v"] = "@"
        text = json.dumps({"plan": {"1": doc}})
        _plan_file(root, victim).write_text(text.replace('"@"', "[" * depth + "]" * depth), "utf-8")
    return apply


def _summary_is_a_folder(root: Path, victim: str, _mp: pytest.MonkeyPatch) -> None:
    file = root / "plans" / victim / SUMMARY_FILE
    file.unlink()
    file.mkdir()


def _plan_file_is_a_folder(root: Path, victim: str, _mp: pytest.MonkeyPatch) -> None:
    file = _plan_file(root, victim)
    file.unlink()
    file.mkdir()


def _break_victim(root: Path, victim: str) -> None:
    _plan_file(root, victim).write_bytes(b"{kapot")


def _file_named(name: str) -> Callable[[Path, str, pytest.MonkeyPatch], None]:
    def apply(root: Path, victim: str, _mp: pytest.MonkeyPatch) -> None:
        folder = root / name
        if folder.is_dir():
            shutil.rmtree(folder)
        folder.write_text("geen map", "utf-8")
        _break_victim(root, victim)  # so that a plan must be set aside
    return apply


def _backups_is_a_file(root: Path, victim: str, _mp: pytest.MonkeyPatch) -> None:
    (root / "backups").write_text("geen map", "utf-8")
    doc = _doc(root, victim)
    doc["schema"] = 1  # an old file: migrating it makes a backup first
    _write_doc(root, victim, doc)


def _cannot_be_moved(root: Path, victim: str, mp: pytest.MonkeyPatch) -> None:
    _break_victim(root, victim)

    def busy(*_args: Any, **_kwargs: Any) -> None:  # Windows: another program has a file in it open
        raise PermissionError(errno.EACCES, "The process cannot access the file", str(root))

    mp.setattr(store_module.shutil, "move", busy)


def _folder_not_an_id(root: Path, victim: str, _mp: pytest.MonkeyPatch) -> None:
    (root / "plans" / victim).rename(root / "plans" / ("x" * 150))


def _folder_name_bad_bytes(root: Path, victim: str, _mp: pytest.MonkeyPatch) -> None:
    if sys.platform in ("win32", "darwin"):  # those file systems refuse such names
        pytest.skip("only Linux allows names that are not UTF-8")
    os.rename(os.fsencode(root / "plans" / victim), os.fsencode(root / "plans") + b"/plan\xff\xfe")


def _empty_plan_folder(root: Path, victim: str, _mp: pytest.MonkeyPatch) -> None:
    folder = root / "plans" / victim  # an older version was killed between mkdir and the first save
    shutil.rmtree(folder)
    folder.mkdir()


def _temp_files_left(root: Path, victim: str, _mp: pytest.MonkeyPatch) -> None:
    for folder in (root, root / "plans" / victim):
        (folder / f".{PLAN_FILE}.{uuid.uuid4().hex}.tmp").write_text('{"half', "utf-8")


def _temp_plan_folder_left(root: Path, victim: str, _mp: pytest.MonkeyPatch) -> None:
    # a creation killed before its folder was renamed into place
    (root / "plans" / victim).rename(root / "plans" / f".{victim}.{uuid.uuid4().hex}.tmp")


def _plain_file_in_plans(root: Path, victim: str, _mp: pytest.MonkeyPatch) -> None:
    (root / "plans" / "notities.txt").write_text("van iemand anders", "utf-8")
    (root / "plans" / ".DS_Store").write_bytes(b"\0\1")


def _dangling_link(root: Path, victim: str, _mp: pytest.MonkeyPatch) -> None:
    if sys.platform == "win32":
        pytest.skip("symbolic links need extra rights on Windows")
    (root / "plans" / "weg").symlink_to(root / "bestaat-niet")


def _summary_of_another_plan(root: Path, victim: str, _mp: pytest.MonkeyPatch) -> None:
    other = next(p for p in (root / "plans").iterdir() if p.name != victim)
    shutil.copy2(other / SUMMARY_FILE, root / "plans" / victim / SUMMARY_FILE)


def _trash_note_damaged(root: Path, victim: str, _mp: pytest.MonkeyPatch) -> None:
    ps = PlanStore(root, Settings(root).device_id)
    ps.scan()
    ps.trash(victim)
    (root / "prullenbak" / victim / "verwijderd.json").write_bytes(b"\xff[")


DAMAGES: dict[str, Damage] = {
    "lone-surrogate-in-an-answer": Damage(_surrogate_answer, victim_lists=True),
    "lone-surrogate-in-the-name": Damage(_surrogate_name, victim_lists=True),
    "lone-surrogate-in-summary-json": Damage(_surrogate_in_summary, victim_lists=True),
    "nested-5000-levels": Damage(_nested(5000)),
    "nested-500-levels": Damage(_nested(500)),
    "summary-json-is-a-folder": Damage(_summary_is_a_folder, victim_lists=True),
    "plan-json-is-a-folder": Damage(_plan_file_is_a_folder),
    "file-named-onleesbaar": Damage(_file_named("onleesbaar")),
    "file-named-prullenbak": Damage(_file_named("prullenbak")),
    "file-named-backups-and-an-old-plan": Damage(_backups_is_a_file, victim_lists=True),
    "plan-folder-cannot-be-moved": Damage(_cannot_be_moved),
    "folder-name-not-a-plan-id": Damage(_folder_not_an_id),
    "folder-name-not-utf8": Damage(_folder_name_bad_bytes),
    "empty-plan-folder": Damage(_empty_plan_folder),
    "temporary-files-left": Damage(_temp_files_left, victim_lists=True),
    "temporary-plan-folder-left": Damage(_temp_plan_folder_left),
    "plain-files-in-plans": Damage(_plain_file_in_plans, victim_lists=True),
    "dangling-link-in-plans": Damage(_dangling_link, victim_lists=True),
    "summary-of-another-plan": Damage(_summary_of_another_plan, victim_lists=True),
    "trash-note-damaged": Damage(_trash_note_damaged),
}


def prepare(root: Path, kind: str, monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], str]:
    good, victim = make_folder(root)
    DAMAGES[kind].apply(root, victim, monkeypatch)
    return good, victim
