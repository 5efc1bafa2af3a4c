"""Nothing in the data folder can hide the other plans or stop the start (plain pytest).

The kinds of damage are in tests/damage.py; the damaged plan files themselves (bad JSON, wrong
types) are in tests/core/test_store.py. The window and the command line run the same kinds.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers.damage import DAMAGES, LONE, VICTIM, prepare
from vv_desktop.core.sharing import export_plan
from vv_desktop.core.store import PLAN_FILE, PlanStore
from vv_desktop.core.text import needs_cleaning

DEVICE = "laptop-a"


def _temp_entries(root: Path) -> list[Path]:
    return [p for p in root.rglob(".*") if p.name.endswith(".tmp")]


@pytest.mark.parametrize("kind", list(DAMAGES))
def test_other_plans_still_list_open_and_save(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    good, victim = prepare(tmp_path, kind, monkeypatch)
    ps = PlanStore(tmp_path, DEVICE)
    ps.tidy()  # what the app does at start
    summaries, problems = ps.scan()

    listed = {s.id: s for s in summaries}
    assert set(good) <= set(listed), problems
    for plan_id in good:
        plan = ps.load(plan_id)
        plan.set_answer("agenderen", "kansen", f"Nieuw in {kind}")
        ps.save(plan)
        assert PlanStore(tmp_path, DEVICE).load(plan_id).answer("agenderen", "kansen") == f"Nieuw in {kind}"
    assert (victim in listed) == DAMAGES[kind].victim_lists
    for s in summaries:  # nothing that cannot be printed or saved reaches the list
        assert not any(needs_cleaning(text) for text in (s.id, s.name, s.club))
    for p in problems:
        assert not needs_cleaning(p.message) and p.message
    assert _temp_entries(tmp_path) == []
    again, _ = PlanStore(tmp_path, DEVICE).scan()  # and the next start lists the same plans
    assert {s.id for s in again} == set(listed)


@pytest.mark.parametrize("kind", ["lone-surrogate-in-an-answer", "lone-surrogate-in-the-name"])
def test_a_plan_with_a_lone_surrogate_opens_saves_and_exports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              kind: str) -> None:
    _good, victim = prepare(tmp_path, kind, monkeypatch)
    ps = PlanStore(tmp_path, DEVICE)
    ps.scan()
    plan = ps.load(victim)
    assert LONE not in json.dumps(plan.doc, ensure_ascii=False)
    plan.set_answer("uitvoeren", "reflectie", "Nog een zin")
    ps.save(plan)  # raised UnicodeEncodeError for the rest of the session
    raw = (ps.plan_folder(victim) / PLAN_FILE).read_bytes().decode("utf-8")
    assert "Nog een zin" in raw and "\ufffd" in raw
    out = export_plan(ps, victim, tmp_path / "uit.vvplan")
    assert out.is_file()
    if kind == "lone-surrogate-in-the-name":
        assert ps.load(victim).name == f"{VICTIM} \ufffd"


def test_very_deep_nesting_is_set_aside_with_a_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _good, victim = prepare(tmp_path, "nested-5000-levels", monkeypatch)
    raw = (tmp_path / "plans" / victim / PLAN_FILE).read_bytes()
    _summaries, problems = PlanStore(tmp_path, DEVICE).scan()
    (problem,) = problems
    assert problem.name == victim and problem.moved_to is not None
    assert (problem.moved_to / PLAN_FILE).read_bytes() == raw


def test_a_plan_folder_that_cannot_be_moved_is_skipped_with_a_message(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    _good, victim = prepare(tmp_path, "plan-folder-cannot-be-moved", monkeypatch)
    _summaries, problems = PlanStore(tmp_path, DEVICE).scan()
    (problem,) = problems
    assert problem.name == victim and problem.moved_to is None
    assert (tmp_path / "plans" / victim / PLAN_FILE).exists()  # left where it was, every byte


@pytest.mark.parametrize("name", ["onleesbaar", "prullenbak", "backups"])
def test_a_file_where_a_folder_belongs_is_kept_under_another_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                  name: str) -> None:
    kind = "file-named-backups-and-an-old-plan" if name == "backups" else f"file-named-{name}"
    _good, victim = prepare(tmp_path, kind, monkeypatch)
    ps = PlanStore(tmp_path, DEVICE)
    _summaries, problems = ps.scan()
    assert (tmp_path / name).is_dir()
    kept = [p for p in tmp_path.iterdir() if p.name.startswith(f"{name}-") and p.is_file()]
    assert len(kept) == 1 and kept[0].read_text("utf-8") == "geen map"
    assert any(str(kept[0].name) in p.message for p in problems)
    if name == "prullenbak":
        ps.trash(ps.scan()[0][0].id)
        assert len(ps.trashed()) == 1


def test_a_file_named_plans_does_not_stop_the_start(tmp_path: Path) -> None:
    (tmp_path / "plans").write_text("geen map", "utf-8")
    ps = PlanStore(tmp_path, DEVICE)
    summaries, problems = ps.scan()
    assert summaries == [] and len(problems) == 1
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("plans-")]
    assert len(kept) == 1 and kept[0].read_text("utf-8") == "geen map"
    plan = ps.create("Nieuw", "Club")
    assert [s.id for s in PlanStore(tmp_path, DEVICE).scan()[0]] == [plan.id]


def test_an_empty_plan_folder_left_by_a_killed_creation_is_removed_without_a_message(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _good, victim = prepare(tmp_path, "empty-plan-folder", monkeypatch)
    _summaries, problems = PlanStore(tmp_path, DEVICE).scan()
    assert problems == [] and not (tmp_path / "plans" / victim).exists()
    assert not (tmp_path / "onleesbaar").exists()


def test_damage_kinds_count() -> None:
    """The report names how many kinds of damage leave the other plans working."""
    from tests.helpers.stored import BROKEN_BYTES, BROKEN_DOCS

    assert len(DAMAGES) + len(BROKEN_DOCS) + len(BROKEN_BYTES) + 1 >= 39  # +1: a file named plans


def test_a_name_of_control_characters_only_gets_a_name_when_loaded(tmp_path: Path) -> None:
    ps = PlanStore(tmp_path, DEVICE)
    plan = ps.create("Tijdelijk", "Club")
    plan.doc["name"]["v"] = "\x1b\x00"  # cleaned away on loading: a plan needs a name to be listed and renamed
    ps.save(plan)
    assert PlanStore(tmp_path, DEVICE).load(plan.id).name.strip()
