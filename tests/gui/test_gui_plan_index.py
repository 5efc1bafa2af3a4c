"""The start page lists the plans from the plan index, and corrects the list when plans changed."""

from __future__ import annotations

import os

import pytest

from tests.helpers.gui import listed_names, make_plans
from tests.helpers.reads import count_reads
from vv_desktop.core.plan_index import INDEX_FILE, SYNC_LOADS, read_index
from vv_desktop.core.settings import Settings
from vv_desktop.core.store import PLAN_FILE, PlanStore


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    return count_reads(monkeypatch)


def _rename_elsewhere(data_dir, plan_id: str, name: str) -> None:
    """Another program renames the plan (and leaves no summary file, as an older app)."""
    other = PlanStore(data_dir, "other-laptop")
    plan = other.load(plan_id)
    plan.name = name
    other.save(plan)
    (data_dir / "plans" / plan_id / "summary.json").unlink()


def test_the_start_page_lists_the_plans_from_a_valid_index_without_reading_them(
        qtbot, open_window, data_dir, method, reads) -> None:
    make_plans(data_dir, method, "Seizoen 2026", "Seizoen 2027", "Zomer")
    open_window().close()  # the first start with this version writes the index
    assert len(read_index(data_dir / INDEX_FILE)) == 3
    reads.update(plan=0, summary=0)
    window = open_window()
    assert sorted(listed_names(window)) == ["Seizoen 2026", "Seizoen 2027", "Zomer"]
    qtbot.wait(50)  # nothing is read afterwards either: every plan file still matches its entry
    assert reads == {"plan": 0, "summary": 0}


def test_a_corrupt_index_is_rebuilt_and_the_list_is_right(qtbot, open_window, data_dir, method) -> None:
    make_plans(data_dir, method, "Seizoen 2026", "Zomer")
    (data_dir / INDEX_FILE).write_bytes(b'{"index": 1, "plans": [{"id": "x"')
    window = open_window()
    assert sorted(listed_names(window)) == ["Seizoen 2026", "Zomer"]
    assert window.home.problems.isHidden()  # a cache: never a message for the person
    assert len(read_index(data_dir / INDEX_FILE)) == 2


def test_many_changed_plans_are_listed_at_once_and_corrected_after_the_first_paint(
        qtbot, open_window, data_dir, method) -> None:
    count = SYNC_LOADS + 4
    plans = make_plans(data_dir, method, *[f"Plan {i:02d}" for i in range(count)])
    open_window().close()
    for i, plan in enumerate(plans):
        _rename_elsewhere(data_dir, plan.id, f"Hernoemd {i:02d}")
    window = open_window()
    assert len(listed_names(window)) == count  # at once: the ones not read yet as the index has them
    assert any(name.startswith("Plan ") for name in listed_names(window))
    qtbot.waitUntil(lambda: sorted(listed_names(window)) == [f"Hernoemd {i:02d}" for i in range(count)],
                    timeout=10_000)
    assert not window.list_later.running
    assert {e.summary.name for e in read_index(data_dir / INDEX_FILE).values()} == set(listed_names(window))
    window.close()


def test_a_plan_damaged_meanwhile_is_set_aside_with_a_message(qtbot, open_window, data_dir, method) -> None:
    plans = make_plans(data_dir, method, *[f"Plan {i:02d}" for i in range(SYNC_LOADS + 2)])
    open_window().close()
    for plan in plans:
        file = data_dir / "plans" / plan.id / PLAN_FILE
        os.utime(file, ns=(file.stat().st_atime_ns, file.stat().st_mtime_ns + 10**9))
    late = sorted(plan.id for plan in plans)[-1]  # the scan goes in folder order: this one is read later
    (data_dir / "plans" / late / PLAN_FILE).write_bytes(b"{kapot")
    window = open_window()
    qtbot.waitUntil(lambda: len(listed_names(window)) == SYNC_LOADS + 1, timeout=10_000)
    assert window.home.problems.isVisible()
    assert not (data_dir / "plans" / late).exists() and (data_dir / "onleesbaar").is_dir()


def test_settings_are_untouched_by_the_index(open_window, data_dir, method) -> None:
    make_plans(data_dir, method, "Seizoen 2026", open_last=True)
    window = open_window()
    assert window.session is not None and Settings(data_dir).get("last_plan") == window.session.plan.id
