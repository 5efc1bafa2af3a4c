"""An import with a store that has not listed its plans yet (the command line): the same result, less reading."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.factory import hockey_club_halfway
from vv_desktop.core import plan_index, sharing, store
from vv_desktop.core.model import cell_key
from vv_desktop.core.settings import Settings
from vv_desktop.core.store import PLAN_FILE, PlanStore


def laptop(root: Path) -> PlanStore:
    root.mkdir(parents=True, exist_ok=True)
    return PlanStore(root, Settings(root).device_id)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The plan folders whose plan or summary file was read."""
    seen: list[str] = []

    def counting(real):
        def read(file, *args, **kwargs):
            seen.append(Path(file).parent.name)
            return real(file, *args, **kwargs)
        return read

    monkeypatch.setattr(store, "read_plan_doc", counting(store.read_plan_doc))
    monkeypatch.setattr(plan_index, "read_summary", counting(plan_index.read_summary))
    return seen


@pytest.fixture
def world(tmp_path: Path, method):
    """A laptop with a plan and 5 others, and a colleague's file of that plan with one more answer."""
    mine = laptop(tmp_path / "mijn")
    plan = hockey_club_halfway(mine, method)
    others = [mine.create(f"Ander plan {i}", "Club").id for i in range(5)]
    colleague = laptop(tmp_path / "collega")
    sharing.finish_import(colleague, sharing.prepare_import(
        colleague, sharing.export_plan(mine, plan.id, tmp_path / "heen.vvplan")))
    theirs = colleague.load(plan.id)
    theirs.set_answer("agenderen", cell_key("besproken", "bestuur", "uitkomst"), "Van de collega")
    colleague.save(theirs)
    return mine.root, plan.id, others, sharing.export_plan(colleague, plan.id, tmp_path / "terug.vvplan")


def test_a_merge_reads_only_the_plan_it_merges_into(world, reads) -> None:
    root, plan_id, others, file = world
    outcome = sharing.prepare_import(PlanStore(root, Settings(root).device_id), file)
    assert outcome.kind == "merged" and outcome.plan_id == plan_id
    assert set(reads) == {plan_id}


def test_the_merge_is_the_same_as_with_a_listed_store(world) -> None:
    root, plan_id, _others, file = world
    listed = PlanStore(root, Settings(root).device_id)
    listed.scan()
    before = sharing.prepare_import(listed, file)
    fresh = sharing.prepare_import(PlanStore(root, Settings(root).device_id), file)
    assert (fresh.kind, fresh.plan_id, fresh.name, fresh.conflicts) == \
        (before.kind, before.plan_id, before.name, before.conflicts)
    assert fresh.merged == before.merged
    fresh_store = PlanStore(root, Settings(root).device_id)
    sharing.finish_import(fresh_store, sharing.prepare_import(fresh_store, file))
    assert fresh_store.load(plan_id).answer("agenderen", cell_key("besproken", "bestuur", "uitkomst")) == \
        "Van de collega"


def test_a_new_plan_still_gets_a_name_of_its_own(tmp_path: Path, method) -> None:
    mine = laptop(tmp_path / "mijn")
    mine.create("Seizoen 2026", "Club")
    other = laptop(tmp_path / "ander")
    file = sharing.export_plan(other, other.create("Seizoen 2026", "Andere club").id, tmp_path / "x.vvplan")
    fresh = PlanStore(mine.root, Settings(mine.root).device_id)
    outcome = sharing.prepare_import(fresh, file)
    assert outcome.kind == "new"
    sharing.finish_import(fresh, outcome)
    names = sorted(s.name for s in PlanStore(mine.root, Settings(mine.root).device_id).scan()[0])
    assert len(names) == 2 and len(set(n.casefold() for n in names)) == 2


def test_a_damaged_plan_with_the_same_id_is_set_aside_and_the_file_comes_in_new(world) -> None:
    root, plan_id, _others, file = world
    (root / "plans" / plan_id / PLAN_FILE).write_bytes(b"{kapot")
    fresh = PlanStore(root, Settings(root).device_id)
    outcome = sharing.prepare_import(fresh, file)
    assert outcome.kind == "new"
    assert any(p.name.startswith(plan_id) for p in (root / "onleesbaar").iterdir())  # kept, never deleted
