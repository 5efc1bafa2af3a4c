"""The plan store: one folder per plan, the trash, unreadable files and migration (plain pytest)."""

from __future__ import annotations

import copy
import itertools
import json
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.stored import BROKEN_BYTES, BROKEN_DOCS, plan_file, schema1_doc, stored_doc, write_stored_doc
from vv_desktop.core import schema, store
from vv_desktop.core.model import SCHEMA_VERSION
from vv_desktop.core.store import LOGO_FILE, MAX_NAME_LENGTH, PLAN_FILE, NameError_, PlanStore
from vv_desktop.core.summary import SUMMARY_FILE

DEVICE = "laptop-a"


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Callable[[], str]:
    """Save times one second apart, so that "newest first" does not depend on the real clock."""
    ticks = itertools.count()

    def now() -> str:
        n = next(ticks)
        return f"2026-03-14T12:{n // 60:02d}:{n % 60:02d}.000+00:00"

    monkeypatch.setattr(store, "utc_now", now)
    return now


@pytest.fixture
def ps(tmp_path: Path) -> PlanStore:
    return PlanStore(tmp_path, DEVICE)


# -- create, save, load, scan ---------------------------------------------------------------


def test_create_save_load_round_trip(ps: PlanStore, tmp_path: Path) -> None:
    plan = ps.create("  Seizoen   2026 ", "HC Vleuten", "sport")
    assert plan.name == "Seizoen 2026"  # spaces tidied by check_name
    plan.set_answer("agenderen", "al_bezig", "Gesprekken met de trainers")
    item = plan.add_item("concretiseren", "doelen", {"tekst": "Elk team één gesprek"})
    plan.set_club("contact_email", "bestuur@hcvleuten.nl")
    ps.save(plan)

    loaded = PlanStore(tmp_path, "laptop-b").load(plan.id)
    assert loaded.doc == plan.doc
    assert loaded.name == "Seizoen 2026"
    assert loaded.club("name") == "HC Vleuten"
    assert loaded.club("contact_email") == "bestuur@hcvleuten.nl"
    assert loaded.answer("agenderen", "al_bezig") == "Gesprekken met de trainers"
    assert loaded.item("concretiseren", "doelen", item)["values"] == {"tekst": "Elk team één gesprek"}
    assert loaded.updated == plan.doc["updated"]
    assert [p.name for p in (tmp_path / "plans").iterdir()] == [plan.id]


def test_scan_sorts_newest_first(ps: PlanStore, tmp_path: Path, clock: Callable[[], str]) -> None:
    a = ps.create("Plan A", "Club A")
    b = ps.create("Plan B", "Club B")
    c = ps.create("Plan C", "Club C")
    ps.save(a)  # A is now the most recently saved

    summaries, problems = PlanStore(tmp_path, DEVICE).scan()
    assert problems == []
    assert [s.name for s in summaries] == ["Plan A", "Plan C", "Plan B"]
    first = summaries[0]
    assert (first.id, first.club, first.kind) == (a.id, "Club A", "sport")
    assert first.statuses == ("niet_gestart",) * 4
    assert first.rounds == (1, 1, 1, 1)
    assert {b.id, c.id} == {s.id for s in summaries[1:]}


# -- names ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Geef het plan een naam."),
        ("    ", "Geef het plan een naam."),
        ("\t\n", "Geef het plan een naam."),
        ("x" * (MAX_NAME_LENGTH + 1), f"Die naam is te lang. Gebruik hoogstens {MAX_NAME_LENGTH} tekens."),
        ("seizoen 2026", "Er is al een plan met de naam 'Seizoen 2026'. Kies een andere naam."),
        ("  SEIZOEN   2026 ", "Er is al een plan met de naam 'Seizoen 2026'. Kies een andere naam."),
    ],
    ids=["empty", "spaces", "whitespace", "too-long", "duplicate", "duplicate-case-and-spaces"],
)
def test_check_name_rejects_with_dutch_message(ps: PlanStore, name: str, message: str) -> None:
    ps.create("Seizoen 2026", "HC Vleuten")
    with pytest.raises(NameError_) as err:
        ps.check_name(name)
    assert str(err.value) == message


def test_check_name_allows_longest_name_and_own_name_on_rename(ps: PlanStore, tmp_path: Path) -> None:
    plan = ps.create("Seizoen 2026", "HC Vleuten")
    other = ps.create("Ander plan", "HC Vleuten")
    assert ps.check_name("y" * MAX_NAME_LENGTH) == "y" * MAX_NAME_LENGTH
    assert ps.check_name("seizoen 2026", exclude_id=plan.id) == "seizoen 2026"
    ps.rename(plan, "SEIZOEN 2026")  # only the case changes: allowed
    assert PlanStore(tmp_path, DEVICE).load(plan.id).name == "SEIZOEN 2026"
    with pytest.raises(NameError_, match="Er is al een plan met de naam 'Ander plan'"):
        ps.rename(plan, "ander plan")
    assert ps.load(plan.id).name == "SEIZOEN 2026"
    assert ps.load(other.id).name == "Ander plan"


def test_a_fresh_store_knows_names_after_scan(ps: PlanStore, tmp_path: Path) -> None:
    ps.create("Seizoen 2026", "HC Vleuten")
    fresh = PlanStore(tmp_path, DEVICE)
    fresh.scan()
    with pytest.raises(NameError_):
        fresh.check_name("Seizoen 2026")


# -- duplicate ----------------------------------------------------------------------------------


def test_duplicate_gets_new_id_and_a_copy_of_the_logo(ps: PlanStore, tmp_path: Path) -> None:
    plan = ps.create("Seizoen 2026", "HC Vleuten")
    plan.set_answer("agenderen", "al_bezig", "Trainersavond")
    ps.store_logo(plan, b"\x89PNG fake logo bytes")

    clone = ps.duplicate(plan.id, "Seizoen 2027")
    assert clone.id != plan.id
    assert clone.name == "Seizoen 2027"
    assert clone.answer("agenderen", "al_bezig") == "Trainersavond"
    assert (ps.plan_folder(clone.id) / LOGO_FILE).read_bytes() == b"\x89PNG fake logo bytes"
    assert ps.logo_file(clone.id) != ps.logo_file(plan.id)

    summaries, problems = PlanStore(tmp_path, DEVICE).scan()
    assert problems == []
    assert sorted(s.name for s in summaries) == ["Seizoen 2026", "Seizoen 2027"]
    with pytest.raises(NameError_):
        ps.duplicate(plan.id, "seizoen 2026")


# -- trash ----------------------------------------------------------------------------------------


def test_trash_and_restore_bring_the_plan_back_identical(ps: PlanStore, tmp_path: Path) -> None:
    keep = ps.create("Blijft", "HC Vleuten")
    plan = ps.create("Weg en terug", "HC Vleuten")
    plan.set_answer("agenderen", "kansen", "Ouderavond in april")
    ps.store_logo(plan, b"logo")
    before = plan_file(ps, plan.id).read_bytes()

    ps.trash(plan.id)
    summaries, _ = ps.scan()
    assert [s.id for s in summaries] == [keep.id]
    assert [(pid, name) for pid, name, _when in ps.trashed()] == [(plan.id, "Weg en terug")]

    restored = ps.restore(plan.id)
    assert restored.doc == plan.doc
    assert plan_file(ps, plan.id).read_bytes() == before
    assert (ps.plan_folder(plan.id) / LOGO_FILE).read_bytes() == b"logo"
    assert ps.trashed() == []
    assert sorted(p.name for p in ps.plan_folder(plan.id).iterdir()) == sorted([PLAN_FILE, LOGO_FILE, SUMMARY_FILE])
    assert {s.id for s in ps.scan()[0]} == {keep.id, plan.id}


def test_restore_when_the_name_was_taken_adds_kopie(ps: PlanStore, tmp_path: Path) -> None:
    old = ps.create("Seizoen 2026", "HC Vleuten")
    ps.trash(old.id)
    new = ps.create("Seizoen 2026", "HC Vleuten")  # allowed: the old one is in the trash

    restored = ps.restore(old.id)
    assert restored.name == "Seizoen 2026 (kopie)"
    summaries, problems = PlanStore(tmp_path, DEVICE).scan()
    assert problems == []
    assert {(s.id, s.name) for s in summaries} == {(new.id, "Seizoen 2026"), (old.id, "Seizoen 2026 (kopie)")}


def test_free_copy_name_counts_up(ps: PlanStore) -> None:
    ps.create("Plan", "C")
    assert ps.free_copy_name("Plan") == "Plan (kopie)"
    ps.create("Plan (kopie)", "C")
    assert ps.free_copy_name("Plan") == "Plan (kopie 2)"


def test_purge_removes_only_that_plan(ps: PlanStore, tmp_path: Path) -> None:
    live = ps.create("Blijft", "C")
    gone = ps.create("Definitief weg", "C")
    other_trashed = ps.create("Ook in de prullenbak", "C")
    ps.trash(gone.id)
    ps.trash(other_trashed.id)

    ps.purge(gone.id)
    assert not (tmp_path / "prullenbak" / gone.id).exists()
    assert [pid for pid, _, _ in ps.trashed()] == [other_trashed.id]
    assert [s.id for s in ps.scan()[0]] == [live.id]
    assert ps.restore(other_trashed.id).name == "Ook in de prullenbak"


# -- unreadable and newer files ------------------------------------------------------------------
def _corrupt_cases() -> Iterator[Any]:
    for name, breaker in BROKEN_DOCS.items():
        yield pytest.param(breaker, id=name)
    for name, raw in BROKEN_BYTES.items():
        yield pytest.param(raw, id=name)


@pytest.mark.parametrize("damage", list(_corrupt_cases()))
def test_unreadable_plan_is_set_aside_with_every_byte(
    ps: PlanStore, tmp_path: Path, clock: Callable[[], str], damage: Any
) -> None:
    good = [ps.create(f"Goed {n}", "HC Vleuten") for n in range(2)]
    bad = ps.create("Kapot", "HC Vleuten")
    ps.store_logo(bad, b"logo van het kapotte plan")
    if isinstance(damage, bytes):
        raw = damage
    else:
        doc = stored_doc(ps, bad.id)
        damage(doc)
        raw = json.dumps({"plan": {"1": doc}}, indent=1).encode()
    plan_file(ps, bad.id).write_bytes(raw)

    fresh = PlanStore(tmp_path, DEVICE)
    summaries, problems = fresh.scan()

    assert sorted(s.name for s in summaries) == ["Goed 0", "Goed 1"]
    assert [p.name for p in problems] == [bad.id]
    problem = problems[0]
    assert problem.moved_to is not None and problem.moved_to.parent == tmp_path / "onleesbaar"
    assert problem.moved_to.name.startswith(bad.id)
    assert (problem.moved_to / PLAN_FILE).read_bytes() == raw  # every byte kept
    assert (problem.moved_to / LOGO_FILE).read_bytes() == b"logo van het kapotte plan"
    assert not ps.plan_folder(bad.id).exists()
    assert problem.message.startswith(f"De app kan het plan in map '{bad.id}' niet lezen (")
    assert f"apart gezet in {problem.moved_to}" in problem.message
    assert "je andere plannen werken gewoon" in problem.message
    for plan in good:  # the other plans are untouched and open normally
        assert fresh.load(plan.id).doc == plan.doc

    again, problems2 = PlanStore(tmp_path, DEVICE).scan()  # the next start is clean
    assert problems2 == [] and len(again) == 2


def test_plan_of_a_newer_version_is_left_alone(ps: PlanStore, tmp_path: Path) -> None:
    good = ps.create("Goed", "HC Vleuten")
    newer = ps.create("Uit de toekomst", "HC Vleuten")
    doc = stored_doc(ps, newer.id)
    doc["schema"] = 99
    doc["iets_nieuws"] = {"wat": "we nog niet kennen"}
    file = write_stored_doc(ps, newer.id, doc)
    before = file.read_bytes()
    mtime = file.stat().st_mtime_ns

    summaries, problems = PlanStore(tmp_path, DEVICE).scan()
    assert [s.id for s in summaries] == [good.id]
    assert len(problems) == 1
    problem = problems[0]
    assert problem.name == newer.id and problem.moved_to is None
    assert f"'{newer.id}'" in problem.message
    assert "nieuwere versie van Stappenplan (versie 99)" in problem.message
    assert problem.message.endswith("Werk de app bij om het te openen.")
    assert file.read_bytes() == before and file.stat().st_mtime_ns == mtime
    assert not (tmp_path / "onleesbaar").exists()
    assert not (tmp_path / "backups").exists()
    with pytest.raises(schema.NewerVersionError):
        ps.load(newer.id)


# -- migration from schema 1 -----------------------------------------------------------------------


def test_schema1_file_is_migrated_after_a_backup(ps: PlanStore, tmp_path: Path) -> None:
    plan_id = "0b8a3c1e-oud-prototype"
    file = write_stored_doc(ps, plan_id, schema1_doc(plan_id))
    original = file.read_bytes()

    summaries, problems = PlanStore(tmp_path, DEVICE).scan()
    assert problems == []
    assert [(s.id, s.name, s.club) for s in summaries] == [(plan_id, "x", "HC")]
    plan = PlanStore(tmp_path, DEVICE).load(plan_id)
    assert plan.doc["schema"] == SCHEMA_VERSION == 3
    stamp = "2025-09-01T10:00:00.000+00:00"
    assert plan.doc["name"] == {"v": "x", "t": stamp, "d": "onbekend"}
    assert plan.doc["club"]["name"] == {"v": "HC", "t": stamp, "d": "onbekend"}
    assert plan.doc["club"]["contact_email"] == {"v": "", "t": stamp, "d": "onbekend"}
    assert plan.status("agenderen") == "bezig"
    assert plan.status("uitvoeren") == "niet_gestart"
    assert plan.answer("agenderen", "k") == "v"
    assert plan.round("agenderen")["answers"]["k"] == {"v": "v", "t": stamp, "d": "onbekend"}
    assert plan.answer("agenderen", "besproken/bestuur/datum") == "01-09-2025"
    items = plan.items("concretiseren", "doelen")
    assert [i["values"]["tekst"] for i in items] == ["Eerste doel", "Tweede doel"]
    assert all(i["t"] == stamp and i["d"] == "onbekend" for i in items)
    schema.validate(plan.doc)

    backups = list((tmp_path / "backups").iterdir())
    assert len(backups) == 1
    assert backups[0].name.startswith(f"{plan_id}-schema1-")
    assert backups[0].read_bytes() == original
    assert stored_doc(ps, plan_id)["schema"] == 3  # the migrated version was written back

    migrated = file.read_bytes()
    PlanStore(tmp_path, DEVICE).load(plan_id)
    PlanStore(tmp_path, DEVICE).scan()
    assert len(list((tmp_path / "backups").iterdir())) == 1  # no second backup
    assert file.read_bytes() == migrated  # and no second write


def test_migration_is_idempotent() -> None:
    once = schema.migrate(schema1_doc("p"))
    again_input = copy.deepcopy(once)
    again_input["schema"] = 1  # as if a crash came after the migration but before the version was stored
    twice = schema.migrate(again_input)
    assert twice == once
    assert schema.migrate(copy.deepcopy(once)) == once  # a current document is left as it is
    schema.validate(twice)


def test_failed_migration_sets_file_aside_and_keeps_backup(ps: PlanStore, tmp_path: Path) -> None:
    doc = schema1_doc("p1")
    doc["phases"]["agenderen"]["rounds"] = "geen lijst"
    file = write_stored_doc(ps, "p1", doc)
    original = file.read_bytes()
    summaries, problems = PlanStore(tmp_path, DEVICE).scan()
    assert summaries == [] and len(problems) == 1
    assert problems[0].moved_to is not None
    assert (problems[0].moved_to / PLAN_FILE).read_bytes() == original


# -- an autosave touches only its own plan ---------------------------------------------------------


def test_save_touches_only_its_own_file(ps: PlanStore, tmp_path: Path) -> None:
    plans = [ps.create(f"Plan {n:02d}", f"Club {n}") for n in range(20)]
    target = plans[7]
    others = [plan_file(ps, p.id) for p in plans if p is not target]
    before = {f: (f.stat().st_mtime_ns, f.read_bytes()) for f in others}

    touched: list[str] = []
    listed: list[str] = []
    recording = [False]

    def audit(event: str, args: tuple[Any, ...]) -> None:
        if not recording[0]:
            return
        if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
            touched.append(os.fsdecode(args[0]))
        elif event in ("os.listdir", "os.scandir") and args and args[0] is not None:
            listed.append(os.fsdecode(args[0]))

    sys.addaudithook(audit)
    target.set_answer("agenderen", "al_bezig", "Nieuwe tekst")
    recording[0] = True
    try:
        ps.save(target)
    finally:
        recording[0] = False

    own_folder = str(ps.plan_folder(target.id))
    assert touched, "the audit hook saw no file being opened"
    assert all(path.startswith(own_folder) for path in touched), touched
    assert listed == []
    for f, (mtime, data) in before.items():
        assert f.stat().st_mtime_ns == mtime and f.read_bytes() == data
    assert PlanStore(tmp_path, DEVICE).load(target.id).answer("agenderen", "al_bezig") == "Nieuwe tekst"


def test_load_of_a_plan_reads_only_its_own_file(ps: PlanStore, tmp_path: Path) -> None:
    plans = [ps.create(f"Plan {n}", "C") for n in range(5)]
    target = plans[2]
    touched: list[str] = []
    recording = [False]

    def audit(event: str, args: tuple[Any, ...]) -> None:
        if recording[0] and event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
            touched.append(os.fsdecode(args[0]))

    sys.addaudithook(audit)
    fresh = PlanStore(tmp_path, DEVICE)
    recording[0] = True
    try:
        fresh.load(target.id)
    finally:
        recording[0] = False
    assert touched and all(p.startswith(str(ps.plan_folder(target.id))) for p in touched), touched



# -- the summary cache beside each plan -------------------------------------------------------


def test_scan_reads_summaries_not_plan_files(ps: PlanStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for n in range(5):
        ps.create(f"Plan {n}", "HC Vleuten")
    fresh = PlanStore(tmp_path, DEVICE)

    def no_parsing(*_args: Any) -> None:
        raise AssertionError("a plan file was parsed although its summary was up to date")

    monkeypatch.setattr(fresh, "_read_doc", no_parsing)
    summaries, problems = fresh.scan()
    assert sorted(s.name for s in summaries) == [f"Plan {n}" for n in range(5)] and problems == []


def test_a_summary_left_behind_by_a_crash_is_not_trusted(ps: PlanStore, tmp_path: Path) -> None:
    plan = ps.create("Oude naam", "HC Vleuten")
    plan.name = "Nieuwe naam"
    plan.set_status("uitvoeren", "afgerond")
    ps._write_doc(plan_file(ps, plan.id), plan.doc)  # the process died before the summary was written
    summaries, _ = PlanStore(tmp_path, DEVICE).scan()
    assert [(s.name, s.statuses[2]) for s in summaries] == [("Nieuwe naam", "afgerond")]
    # ... and the summary is up to date again for the next start.
    assert json.loads((ps.plan_folder(plan.id) / SUMMARY_FILE).read_text("utf-8"))["name"] == "Nieuwe naam"


@pytest.mark.parametrize("damage", [b"", b"{", b'{"schema": 2, "plan_file": [1, 2], "id": 5}', b"[]"])
def test_a_damaged_summary_falls_back_to_the_plan_file(ps: PlanStore, tmp_path: Path, damage: bytes) -> None:
    plan = ps.create("Plan", "HC Vleuten")
    (ps.plan_folder(plan.id) / SUMMARY_FILE).write_bytes(damage)
    summaries, problems = PlanStore(tmp_path, DEVICE).scan()
    assert [s.name for s in summaries] == ["Plan"] and problems == []
