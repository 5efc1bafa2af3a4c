"""The club's own levels: model, migration from schema 2, merge of two laptops, old exchange files."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from tests.helpers.factory import hockey_club_halfway
from tests.helpers.stored import stored_doc, write_stored_doc
from vv_desktop.core import plan_levels, schema, sharing
from vv_desktop.core.merge import THEIRS, apply_choices, merge
from vv_desktop.core.model import SCHEMA_VERSION, Plan, cell_key
from vv_desktop.core.settings import Settings
from vv_desktop.core.store import PlanStore

CHECK = ("uitvoeren", "check")  # a levels question (ids, not wording)


def _ids(method, plan) -> list[str]:
    return [lv.id for lv in method.for_plan(plan).levels]


def _check_levels(method, plan) -> tuple[str, ...]:
    return method.for_plan(plan).phase(CHECK[0]).field(CHECK[1]).levels


def test_a_new_plan_starts_with_the_method_levels(method):
    plan = Plan.new("p", "c", "a")
    assert _ids(method, plan) == [lv.id for lv in method.levels]
    assert method.for_plan(plan) is method.for_kind(plan.club("kind"))
    schema.validate(plan.doc)


def test_add_rename_remove_and_restore_an_own_level(method):
    plan = Plan.new("p", "c", "a", kind="cultuur")
    own = plan_levels.add_level(plan, "jeugdorkest")
    assert own not in {lv.id for lv in method.levels}
    assert _ids(method, plan)[-1] == own
    assert method.for_plan(plan).level(own).label == "jeugdorkest"
    listed = method.phase(CHECK[0]).field(CHECK[1]).levels
    assert _check_levels(method, plan) == (*listed, own)  # own levels join every levels question
    plan.set_answer("uitvoeren", cell_key("check", own, "uitleg"), "goed")

    plan_levels.rename_level(plan, "teams", "Orkesten")
    assert method.for_plan(plan).level("teams").label == "Orkesten"
    # a method level that was not renamed keeps the words of the club kind
    assert method.for_plan(plan).level("trainers").label == method.for_kind("cultuur").level("trainers").label

    plan_levels.remove_level(plan, own)
    assert own not in _ids(method, plan) and own not in _check_levels(method, plan)
    assert plan.answer("uitvoeren", cell_key("check", own, "uitleg")) == "goed"  # kept, hidden
    plan_levels.restore_level(plan, own)
    assert own in _check_levels(method, plan)
    second = plan_levels.add_level(plan, "jeugdorkest")
    assert second != own  # an id is never used twice
    schema.validate(plan.doc)


def test_removing_a_method_level_hides_it_from_its_questions(method):
    plan = Plan.new("p", "c", "a")
    plan_levels.remove_level(plan, "jongeren")
    assert "jongeren" not in _check_levels(method, plan)
    assert "jongeren" not in _ids(method, plan)


def _schema2(doc: dict) -> dict:
    old = copy.deepcopy(doc)
    old.pop("levels", None)
    old["schema"] = 2
    return old


def test_an_old_plan_opens_with_the_same_answers_after_a_backup(method, tmp_path: Path):
    ps = PlanStore(tmp_path, "laptop-a")
    plan = hockey_club_halfway(ps, method)
    plan.set_answer("uitvoeren", cell_key("check", "leden", "uitleg"), "prima")
    old = _schema2(plan.doc)
    file = write_stored_doc(ps, plan.id, old)
    original = file.read_bytes()

    loaded = PlanStore(tmp_path, "laptop-a").load(plan.id)
    assert loaded.doc["schema"] == SCHEMA_VERSION == 3
    assert _ids(method, loaded) == [lv.id for lv in method.levels]
    for phase, ph in old["phases"].items():
        assert [r["answers"] for r in loaded.rounds(phase)] == [r["answers"] for r in ph["rounds"]]
    assert loaded.answer("uitvoeren", cell_key("check", "leden", "uitleg")) == "prima"
    backups = list((tmp_path / "backups").iterdir())
    assert len(backups) == 1 and backups[0].name.startswith(f"{plan.id}-schema2-")
    assert backups[0].read_bytes() == original
    assert stored_doc(ps, plan.id)["schema"] == 3


def test_migration_2_to_3_is_idempotent():
    doc = Plan.new("p", "c", "a").doc
    once = schema.migrate(_schema2(doc))
    again = copy.deepcopy(once)
    again["schema"] = 2
    assert schema.migrate(again) == once


def _two_laptops(tmp_path: Path, method):
    stores = []
    for name in ("a", "b"):
        root = tmp_path / name
        root.mkdir()
        stores.append(PlanStore(root, Settings(root).device_id))
    a, b = stores
    plan = hockey_club_halfway(a, method)
    sharing.finish_import(b, sharing.prepare_import(b, sharing.export_plan(a, plan.id, tmp_path / "0.vvplan")))
    return a, b, plan.id


def _change(store: PlanStore, plan_id: str, change) -> None:
    plan = store.load(plan_id)
    change(plan)
    store.save(plan)


def test_levels_added_on_both_laptops_both_survive(method, tmp_path):
    a, b, pid = _two_laptops(tmp_path, method)
    _change(a, pid, lambda p: plan_levels.add_level(p, "jeugdorkest"))
    _change(b, pid, lambda p: plan_levels.add_level(p, "ouders van jeugd"))
    _change(b, pid, lambda p: plan_levels.rename_level(p, "leden", "Muzikanten"))
    merged, conflicts = merge(a.load(pid).doc, b.load(pid).doc)
    assert conflicts == []
    plan = Plan(merged, "x")
    labels = [lv.label for lv in method.for_plan(plan).levels]
    assert "jeugdorkest" in labels and "ouders van jeugd" in labels and "Muzikanten" in labels
    schema.validate(merged)
    # and through the real exchange files, both ways
    outcome = sharing.prepare_import(a, sharing.export_plan(b, pid, tmp_path / "b.vvplan"))
    assert outcome.kind != "conflicts"
    sharing.finish_import(a, outcome)
    assert len(method.for_plan(a.load(pid)).levels) == len(method.levels) + 2


def test_rename_on_both_laptops_is_one_conflict(method, tmp_path):
    a, b, pid = _two_laptops(tmp_path, method)
    _change(a, pid, lambda p: plan_levels.rename_level(p, "teams", "Orkesten"))
    _change(b, pid, lambda p: plan_levels.rename_level(p, "teams", "Koren"))
    merged, conflicts = merge(a.load(pid).doc, b.load(pid).doc)
    assert [(c.area, c.key) for c in conflicts] == [("level", "teams")]
    assert not conflicts[0].can_keep_both
    assert method.for_plan(Plan(merged, "x")).level("teams").label == "Orkesten"  # mine until chosen
    settled = apply_choices(merged, conflicts, {conflicts[0].id: THEIRS}, ("2026-05-01T00:00:00.000+00:00", "a"))
    assert method.for_plan(Plan(settled, "x")).level("teams").label == "Koren"
    schema.validate(settled)


def test_remove_on_one_laptop_and_rename_on_the_other_is_asked(method, tmp_path):
    a, b, pid = _two_laptops(tmp_path, method)
    _change(a, pid, lambda p: plan_levels.remove_level(p, "teams"))
    _change(b, pid, lambda p: plan_levels.rename_level(p, "teams", "Koren"))
    _merged, conflicts = merge(a.load(pid).doc, b.load(pid).doc)
    assert [(c.area, c.key) for c in conflicts] == [("level", "teams")]


def test_an_exchange_file_of_the_previous_format_still_imports_and_merges(method, tmp_path):
    a, b, pid = _two_laptops(tmp_path, method)
    _change(a, pid, lambda p: plan_levels.add_level(p, "jeugdorkest"))
    _change(b, pid, lambda p: p.set_answer("uitvoeren", cell_key("check", "leden", "uitleg"), "van b"))
    file = sharing.export_plan(b, pid, tmp_path / "old.vvplan")
    data = json.loads(file.read_text(encoding="utf-8"))
    data["format_version"] = 1
    data["plan"] = _schema2(data["plan"])
    file.write_text(json.dumps(data), encoding="utf-8")

    outcome = sharing.prepare_import(a, file)
    assert outcome.kind != "conflicts"
    sharing.finish_import(a, outcome)
    plan = a.load(pid)
    assert plan.answer("uitvoeren", cell_key("check", "leden", "uitleg")) == "van b"
    assert "jeugdorkest" in [lv.label for lv in method.for_plan(plan).levels]
