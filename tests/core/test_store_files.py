"""The store owns its files: backups and putting them back, the trash, logos, and what happens to a plan
that cannot be opened (plain pytest, no window)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from tests.helpers.factory import hockey_club_halfway
from vv_desktop.core import sharing
from vv_desktop.core.read_only import ReadOnlyPlanStore
from vv_desktop.core.schema import NewerVersionError, PlanFileError
from vv_desktop.core.settings import Settings
from vv_desktop.core.store import LOGO_FILE, PLAN_FILE, PlanStore, PlanUnavailable

DEVICE = "laptop-a"


@pytest.fixture
def ps(tmp_path: Path) -> PlanStore:
    return PlanStore(tmp_path, DEVICE)


def _file(ps: PlanStore, plan_id: str) -> Path:
    return ps.plan_folder(plan_id) / PLAN_FILE


def _content(doc: dict) -> dict:
    return {k: v for k, v in doc.items() if k != "updated"}


def _everything(root: Path) -> dict[str, bytes]:
    """Every file in the data folder with its bytes: to show that nothing changed."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


# -- backups -----------------------------------------------------------------------------------------


def test_backup_and_restore_round_trip(ps: PlanStore, tmp_path: Path) -> None:
    plan = ps.create("Seizoen", "HC Vleuten")
    plan.set_answer("agenderen", "kansen", "Ouderavond in april")
    ps.save(plan)
    kept = copy.deepcopy(_content(plan.doc))
    original = _file(ps, plan.id).read_bytes()

    backup = ps.backup(plan.id, "voor-import")
    assert backup.parent == tmp_path / "backups"
    assert backup.name.startswith(f"{plan.id}-voor-import-") and backup.suffix == ".json"
    assert backup.read_bytes() == original  # a copy of the TinyDB file, byte for byte

    plan.set_answer("agenderen", "kansen", "Iets anders")
    ps.save(plan)
    restored = ps.restore_backup(plan.id, backup)
    assert _content(restored.doc) == kept
    again = PlanStore(tmp_path, DEVICE)
    assert _content(again.load(plan.id).doc) == kept
    assert [s.name for s in again.scan()[0]] == ["Seizoen"]  # the summary of the list follows
    assert backup.exists()  # a backup is never removed


def _not_json(file: Path) -> None:
    file.write_bytes(b'{"plan": {"1": {"schema": 2, "id"')


def _empty(file: Path) -> None:
    file.write_bytes(b"")


def _not_a_plan(file: Path) -> None:
    data = json.loads(file.read_bytes())
    data["plan"]["1"]["phases"] = "geen fasen"
    file.write_text(json.dumps(data), "utf-8")


def _another_plans_document(file: Path) -> None:
    data = json.loads(file.read_bytes())
    data["plan"]["1"]["id"] = "een-ander-plan"
    file.write_text(json.dumps(data), "utf-8")


def _too_deep(file: Path) -> None:
    file.write_text('{"plan": {"1": ' + "[" * 5000 + "]" * 5000 + "}}", "utf-8")


def _of_a_newer_app(file: Path) -> None:
    data = json.loads(file.read_bytes())
    data["plan"]["1"]["schema"] = 99
    file.write_text(json.dumps(data), "utf-8")


@pytest.mark.parametrize("damage", [_not_json, _empty, _not_a_plan, _another_plans_document, _too_deep,
                                    _of_a_newer_app])
def test_a_damaged_backup_is_refused_and_nothing_changes(ps: PlanStore, tmp_path: Path, damage) -> None:
    plan = ps.create("Seizoen", "HC Vleuten")
    backup = ps.backup(plan.id, "voor-import")
    plan.set_answer("agenderen", "kansen", "Na de import")
    ps.save(plan)
    damage(backup)
    before = _everything(tmp_path)

    with pytest.raises(PlanFileError) as refused:
        ps.restore_backup(plan.id, backup)
    assert str(refused.value)  # a reason the window can show
    assert _everything(tmp_path) == before
    assert ps.load(plan.id).answer("agenderen", "kansen") == "Na de import"


def test_only_a_backup_of_the_store_itself_is_put_back(ps: PlanStore, tmp_path: Path) -> None:
    plan = ps.create("Seizoen", "HC Vleuten")
    other = ps.create("Ander plan", "HC Vleuten")
    elsewhere = tmp_path / "elders.json"
    elsewhere.write_bytes(_file(ps, plan.id).read_bytes())
    of_the_other = ps.backup(other.id, "voor-import")
    before = _everything(tmp_path)
    for wrong in (elsewhere, of_the_other):
        with pytest.raises(ValueError):
            ps.restore_backup(plan.id, wrong)
    assert _everything(tmp_path) == before


def test_a_file_named_backups_is_kept_and_the_backup_is_made(ps: PlanStore, tmp_path: Path) -> None:
    plan = ps.create("Seizoen", "HC Vleuten")
    (tmp_path / "backups").write_text("geen map", "utf-8")
    backup = ps.backup(plan.id, "voor-import")
    assert backup.read_bytes() == _file(ps, plan.id).read_bytes()
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("backups-")]
    assert len(kept) == 1 and kept[0].read_text("utf-8") == "geen map"


def test_an_import_backs_up_through_the_store_and_a_damaged_backup_undoes_nothing(tmp_path: Path, method) -> None:
    (tmp_path / "ik").mkdir()
    (tmp_path / "zij").mkdir()
    mine = PlanStore(tmp_path / "ik", Settings(tmp_path / "ik").device_id)
    theirs = PlanStore(tmp_path / "zij", Settings(tmp_path / "zij").device_id)
    plan = hockey_club_halfway(mine, method)
    sharing.finish_import(theirs, sharing.prepare_import(theirs, sharing.export_plan(mine, plan.id,
                                                                                      tmp_path / "1.vvplan")))
    changed = theirs.load(plan.id)
    changed.set_answer("agenderen", "kansen", "Van de voorzitter")
    theirs.save(changed)
    backup = sharing.finish_import(mine, sharing.prepare_import(mine, sharing.export_plan(theirs, plan.id,
                                                                                          tmp_path / "2.vvplan")))
    assert backup is not None and backup.parent == mine.backup_dir
    assert backup.name.startswith(f"{plan.id}-voor-import-")

    backup.write_bytes(b"\xff kapot")
    before = _everything(tmp_path / "ik")
    with pytest.raises(PlanFileError):
        sharing.undo_import(mine, plan.id, backup)
    assert _everything(tmp_path / "ik") == before
    assert mine.load(plan.id).answer("agenderen", "kansen") == "Van de voorzitter"


# -- the trash and the folders -----------------------------------------------------------------------


def test_is_trashed_and_has_folder(ps: PlanStore) -> None:
    plan = ps.create("Seizoen", "HC Vleuten")
    assert ps.has_folder(plan.id) and not ps.is_trashed(plan.id)
    ps.trash(plan.id)
    assert ps.is_trashed(plan.id) and not ps.has_folder(plan.id)
    ps.restore(plan.id)
    assert ps.has_folder(plan.id) and not ps.is_trashed(plan.id)
    for not_an_id in ("..", "../plans", "", None, 42):
        assert not ps.has_folder(not_an_id)
    assert not ps.is_trashed("..")


def test_replace_logo_file_leaves_the_plan_as_it_is(ps: PlanStore) -> None:
    plan = ps.create("Seizoen", "HC Vleuten")
    before = _file(ps, plan.id).read_bytes()
    ps.replace_logo_file(plan.id, b"png")
    assert ps.logo_bytes(plan.id) == b"png" == (ps.plan_folder(plan.id) / LOGO_FILE).read_bytes()
    ps.replace_logo_file(plan.id, None)
    assert ps.logo_bytes(plan.id) is None and ps.logo_file(plan.id) is None
    assert _file(ps, plan.id).read_bytes() == before


# -- a plan that cannot be opened --------------------------------------------------------------------


def test_open_plan_sets_a_damaged_plan_aside_and_says_so(ps: PlanStore, tmp_path: Path) -> None:
    keep = ps.create("Blijft", "HC")
    plan = ps.create("Kapot", "HC")
    ps.store_logo(plan, b"logo")
    _file(ps, plan.id).write_bytes(b"\x00 kapot")  # damaged after the list was made
    damaged = _everything(ps.plan_folder(plan.id))

    with pytest.raises(PlanUnavailable) as refused:
        ps.open_plan(plan.id)
    problem = refused.value.problem
    assert problem.moved_to is not None and problem.moved_to.parent == tmp_path / "onleesbaar"
    assert _everything(problem.moved_to) == damaged  # every byte kept, the logo too
    assert not ps.has_folder(plan.id)
    assert str(refused.value) == problem.message == ps.problem_sentence(plan.id, PlanFileError(
        "het bestand is beschadigd"), problem.moved_to)
    assert str(problem.moved_to) in problem.message
    assert [s.id for s in ps.summaries()] == [keep.id]
    assert ps.open_plan(keep.id).name == "Blijft"


def test_open_plan_leaves_a_plan_of_a_newer_app_where_it_is(ps: PlanStore) -> None:
    plan = ps.create("Nieuwer", "HC")
    _of_a_newer_app(_file(ps, plan.id))
    before = _everything(ps.root)
    with pytest.raises(PlanUnavailable) as refused:
        ps.open_plan(plan.id)
    assert refused.value.problem.moved_to is None
    assert isinstance(refused.value.__cause__, NewerVersionError)
    assert _everything(ps.root) == before


def test_open_plan_on_a_read_only_folder_moves_nothing(tmp_path: Path) -> None:
    writable = PlanStore(tmp_path, DEVICE)
    plan = writable.create("Kapot", "HC")
    _file(writable, plan.id).write_bytes(b"kapot")
    before = _everything(tmp_path)
    with pytest.raises(PlanUnavailable) as refused:
        ReadOnlyPlanStore(tmp_path, DEVICE).open_plan(plan.id)
    assert refused.value.problem.moved_to is None and str(refused.value)
    assert _everything(tmp_path) == before
