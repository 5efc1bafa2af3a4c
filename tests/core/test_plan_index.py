"""The plan index (plannen-index.json): a cache for the plan list, never the source of truth (plain pytest)."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from tests.helpers.reads import count_reads
from vv_desktop.core import plan_index
from vv_desktop.core.model import SCHEMA_VERSION
from vv_desktop.core.plan_index import INDEX_FILE, INDEX_VERSION, SYNC_LOADS, read_index
from vv_desktop.core.store import PLAN_FILE, PlanStore

DEVICE = "laptop-a"


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    return count_reads(monkeypatch)


def make_plans(root: Path, n: int) -> list[str]:
    ps = PlanStore(root, DEVICE)
    return [ps.create(f"Plan {i}", f"Club {i}").id for i in range(n)]


def touch(root: Path, plan_id: str, step: int = 1) -> None:
    """Another program changes the plan file's time (a copy, a restore): no cache matches it any more."""
    file = root / "plans" / plan_id / PLAN_FILE
    stat = file.stat()
    os.utime(file, ns=(stat.st_atime_ns, stat.st_mtime_ns + step * 1_000_000_000))


def rename_elsewhere(root: Path, plan_id: str, name: str) -> None:
    """Another program (the command line, a second laptop's copy) renames a plan."""
    other = PlanStore(root, "laptop-b")
    plan = other.load(plan_id)
    plan.name = name
    other.save(plan)
    (root / "plans" / plan_id / "summary.json").unlink()  # as an older app that wrote no summary


def names(ps: PlanStore) -> set[str]:
    return {s.name for s in ps.summaries()}


def test_a_scan_writes_the_index_and_a_new_start_lists_from_it_without_reading_plan_files(
        tmp_path: Path, reads: dict[str, int]) -> None:
    ids = make_plans(tmp_path, 5)
    PlanStore(tmp_path, DEVICE).scan()
    assert set(read_index(tmp_path / INDEX_FILE)) == set(ids)
    reads.update(plan=0, summary=0)
    summaries, problems = PlanStore(tmp_path, DEVICE).scan()  # the next start
    assert {s.id for s in summaries} == set(ids) and problems == []
    assert reads == {"plan": 0, "summary": 0}


@pytest.mark.parametrize("content", [
    b"", b"{", b"[]", b"\xff\xfe", json.dumps({"index": INDEX_VERSION + 1, "plans": []}).encode(),
    json.dumps({"index": INDEX_VERSION, "schema": 1, "plans": []}).encode(),
    json.dumps({"index": INDEX_VERSION, "schema": SCHEMA_VERSION, "plans": [["x", 3]]}).encode(),
], ids=["empty", "cut off", "a list", "not utf-8", "newer version", "old schema", "damaged entry"])
def test_a_damaged_or_other_version_index_is_ignored_and_rebuilt(tmp_path: Path, content: bytes) -> None:
    ids = make_plans(tmp_path, 3)
    (tmp_path / INDEX_FILE).write_bytes(content)
    summaries, problems = PlanStore(tmp_path, DEVICE).scan()
    assert {s.id for s in summaries} == set(ids) and problems == []
    assert set(read_index(tmp_path / INDEX_FILE)) == set(ids)


def test_a_wrong_entry_in_a_well_formed_index_is_never_believed(tmp_path: Path) -> None:
    """An entry whose plan file changed since (another program renamed it) is read anew."""
    ids = make_plans(tmp_path, 3)
    PlanStore(tmp_path, DEVICE).scan()
    rename_elsewhere(tmp_path, ids[1], "Nieuwe naam")
    ps = PlanStore(tmp_path, DEVICE)
    ps.scan()
    assert names(ps) == {"Plan 0", "Nieuwe naam", "Plan 2"}
    assert read_index(tmp_path / INDEX_FILE)[ids[1]].summary.name == "Nieuwe naam"


def test_a_plan_added_or_removed_by_another_program_shows_up(tmp_path: Path) -> None:
    ids = make_plans(tmp_path, 2)
    ps = PlanStore(tmp_path, DEVICE)
    ps.scan()
    PlanStore(tmp_path, "laptop-b").create("Van de opdrachtregel", "Club")  # e.g. `vv-desktop import`
    import shutil

    shutil.rmtree(tmp_path / "plans" / ids[0])
    ps.scan()
    assert names(ps) == {"Plan 1", "Van de opdrachtregel"}
    assert {e.summary.name for e in read_index(tmp_path / INDEX_FILE).values()} == names(ps)


def test_a_damaged_plan_is_still_set_aside_when_the_index_lists_it(tmp_path: Path) -> None:
    ids = make_plans(tmp_path, 2)
    PlanStore(tmp_path, DEVICE).scan()
    (tmp_path / "plans" / ids[0] / PLAN_FILE).write_bytes(b"{kapot")
    summaries, problems = PlanStore(tmp_path, DEVICE).scan()
    assert [s.id for s in summaries] == [ids[1]]
    assert [p.name for p in problems] == [ids[0]] and problems[0].moved_to is not None


def test_a_read_only_store_writes_no_index(tmp_path: Path) -> None:
    from vv_desktop.core.read_only import ReadOnlyPlanStore

    make_plans(tmp_path, 2)
    ReadOnlyPlanStore(tmp_path, DEVICE).scan()
    assert not (tmp_path / INDEX_FILE).exists()


def test_many_changed_plans_at_the_start_are_read_later_on_another_thread(
        tmp_path: Path, reads: dict[str, int]) -> None:
    count = SYNC_LOADS + 5
    ids = make_plans(tmp_path, count)
    PlanStore(tmp_path, DEVICE).scan()
    for i, plan_id in enumerate(ids):
        rename_elsewhere(tmp_path, plan_id, f"Hernoemd {i}")
    reads.update(plan=0, summary=0)
    ps = PlanStore(tmp_path, DEVICE)
    summaries, problems = ps.scan(later=True)
    assert len(summaries) == count and problems == []  # every plan listed at once: some as the index had them
    assert len(ps.index.later) == count - SYNC_LOADS
    assert reads["plan"] == SYNC_LOADS
    assert {s.name for s in summaries} != {f"Hernoemd {i}" for i in range(count)}

    before = plan_index.known_now(ps)
    found = plan_index.read_later(ps, ps.index.later, threading.Event())
    changed, problems = plan_index.adopt(ps, found, before)
    assert changed and problems == []
    assert names(ps) == {f"Hernoemd {i}" for i in range(count)}
    assert {e.summary.name for e in read_index(tmp_path / INDEX_FILE).values()} == names(ps)
    reads.update(plan=0, summary=0)
    PlanStore(tmp_path, DEVICE).scan(later=True)  # the next start: all from the index again
    assert reads == {"plan": 0, "summary": 0}


def started_with_changed_plans(root: Path, n: int) -> PlanStore:
    """A store started (``scan(later=True)``) on ``n`` plans that all changed since the index was written."""
    ids = make_plans(root, n)
    PlanStore(root, DEVICE).scan()
    for plan_id in ids:
        touch(root, plan_id)
    ps = PlanStore(root, DEVICE)
    ps.scan(later=True)
    return ps


def test_what_the_ui_did_meanwhile_wins_over_the_later_read(tmp_path: Path) -> None:
    ps = started_with_changed_plans(tmp_path, SYNC_LOADS + 3)
    late = list(ps.index.later)
    before = plan_index.known_now(ps)
    found = plan_index.read_later(ps, late, threading.Event())
    renamed, trashed = late[0], late[1]
    ps.rename(ps.load(renamed), "Net hernoemd")  # while the other thread read
    ps.trash(trashed)
    plan_index.adopt(ps, found, before)
    listed = {s.id: s.name for s in ps.summaries()}
    assert listed[renamed] == "Net hernoemd"
    assert trashed not in listed


def test_a_damaged_plan_read_later_is_set_aside_with_a_problem(tmp_path: Path) -> None:
    ps = started_with_changed_plans(tmp_path, SYNC_LOADS + 2)
    broken = ps.index.later[-1]
    (tmp_path / "plans" / broken / PLAN_FILE).write_bytes(b"{kapot")
    found = plan_index.read_later(ps, ps.index.later, threading.Event())
    changed, problems = plan_index.adopt(ps, found, plan_index.known_now(ps))
    assert changed and [p.name for p in problems] == [broken]
    assert broken not in {s.id for s in ps.summaries()}
    assert not (tmp_path / "plans" / broken).exists()  # set aside, never deleted
    assert any(p.name.startswith(broken) for p in (tmp_path / "onleesbaar").iterdir())


@pytest.mark.parametrize("bad", ["Plan \ud800", "Plan\x00", "Cafe\u0301"], ids=["lone surrogate", "control", "not NFC"])
def test_an_index_with_a_text_that_needs_cleaning_is_not_believed(tmp_path: Path, bad: str) -> None:
    ids = make_plans(tmp_path, 3)
    PlanStore(tmp_path, DEVICE).scan()
    file = tmp_path / INDEX_FILE
    data = json.loads(file.read_bytes())
    data["plans"][1][1] = bad  # the name
    file.write_text(json.dumps(data), "utf-8")  # ensure_ascii: the lone surrogate as an escape
    assert read_index(file) is None
    ps = PlanStore(tmp_path, DEVICE)
    ps.scan()
    assert names(ps) == {"Plan 0", "Plan 1", "Plan 2"} and {s.id for s in ps.summaries()} == set(ids)


def test_without_an_index_many_unreadable_summaries_are_read_later_and_none_is_lost(tmp_path: Path) -> None:
    """A folder copied from an older app (no index, summaries that do not match): every plan still comes."""
    ids = make_plans(tmp_path, SYNC_LOADS + 4)
    for plan_id in ids:
        touch(tmp_path, plan_id)
    ps = PlanStore(tmp_path, DEVICE)
    summaries, problems = ps.scan(later=True)
    assert len(summaries) == SYNC_LOADS and problems == [] and len(ps.index.later) == 4
    found = plan_index.read_later(ps, ps.index.later, threading.Event())
    changed, problems = plan_index.adopt(ps, found, plan_index.known_now(ps))
    assert changed and problems == []
    assert {s.id for s in ps.summaries()} == set(ids)
    assert set(read_index(tmp_path / INDEX_FILE)) == set(ids)
