"""The plan writer: snapshots that later changes do not touch, the same bytes as json.dumps, one
thread that writes in order and keeps only the newest waiting save."""

from __future__ import annotations

import json
import threading
from pathlib import Path

from tests.helpers.factory import hockey_club_halfway
from vv_desktop.core.plan_file import PLAN_FILE
from vv_desktop.core.plan_writer import PlanWriter, SaveJob, snapshot
from vv_desktop.core.store import PlanStore


def make_plan(store: PlanStore):
    from vv_desktop.core.worksheets import load_method

    return hockey_club_halfway(store, load_method())


def compact(doc) -> bytes:
    return json.dumps({"plan": {"1": doc}}, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def test_a_snapshot_keeps_the_plan_as_it_was_when_it_was_taken(tmp_path: Path) -> None:
    store = PlanStore(tmp_path, "dev")
    plan = make_plan(store)
    job = store.snapshot(plan)
    before = json.loads(json.dumps(plan.doc))
    plan.set_answer("agenderen", "kansen", "later getypt")
    plan.doc["phases"]["agenderen"]["rounds"].append({"answers": {}})
    assert job.doc() == before
    assert job.doc() is not job.doc()


def test_saved_files_hold_the_same_bytes_as_json_dumps_also_after_many_small_changes(tmp_path: Path) -> None:
    store = PlanStore(tmp_path, "dev")
    plan = make_plan(store)
    file = store.plan_folder(plan.id) / PLAN_FILE
    for n, text in enumerate(["één", "twee 👍", "", "drie \"aanhalingstekens\"\n", "vier"]):
        plan.set_answer("agenderen" if n % 2 else "uitvoeren", "kansen" if n % 2 else "reflectie", text)
        job = store.snapshot(plan)
        store.write(job)
        assert file.read_bytes() == compact(job.doc())
    assert store.load(plan.id).doc == plan.doc


def test_a_lone_surrogate_is_cleaned_in_the_file_and_in_the_plan(tmp_path: Path) -> None:
    store = PlanStore(tmp_path, "dev")
    plan = make_plan(store)
    plan.set_answer("agenderen", "kansen", "kapot \ud800 teken")
    job = store.snapshot(plan)
    store.write(job)
    assert job.cleaned
    store.saved(plan, job)
    assert "\ud800" not in plan.answer("agenderen", "kansen")
    assert store.load(plan.id).answer("agenderen", "kansen") == plan.answer("agenderen", "kansen")


def test_the_writer_writes_in_its_own_thread_in_order_and_keeps_only_the_newest_waiting_job(tmp_path: Path) -> None:
    gate, started = threading.Event(), threading.Event()
    written: list[tuple[int, int]] = []

    def write(job: SaveJob) -> None:
        started.set()
        gate.wait(5)
        written.append((threading.get_ident(), job.changes))

    def job(n: int) -> SaveJob:
        return SaveJob(tmp_path / "plan.json", snapshot({"n": n}), None, n)  # type: ignore[arg-type]

    told: list[int] = []
    writer = PlanWriter(write, lambda: told.append(1))
    writer.submit(job(1))
    assert started.wait(5)  # job 1 is being written (held at the gate)
    for n in (2, 3, 4):
        writer.submit(job(n))  # each replaces the one that waited
    gate.set()
    writer.flush()
    assert [n for _, n in written] == [1, 4]
    assert all(thread != threading.get_ident() for thread, _ in written)
    assert [j.changes for j in writer.take_done()] == [1, 4] and len(told) == 2
    writer.close()


def test_a_failed_write_is_kept_with_its_job_and_the_next_job_is_still_written(tmp_path: Path) -> None:
    def write(job: SaveJob) -> None:
        if job.changes == 1:
            raise OSError(28, "No space left on device")

    writer = PlanWriter(write)
    for n in (1, 2):
        writer.submit(SaveJob(tmp_path / "plan.json", snapshot({}), None, n))  # type: ignore[arg-type]
        writer.flush()
    first, second = writer.take_done()
    assert isinstance(first.error, OSError) and second.error is None
    writer.close()


def test_a_direct_save_waits_for_the_writer_so_it_comes_last(tmp_path: Path) -> None:
    store = PlanStore(tmp_path, "dev")
    plan = make_plan(store)
    writer = store.writer(plan, lambda: None)
    plan.set_answer("agenderen", "kansen", "oud")
    writer.submit(store.snapshot(plan, 1))
    plan.set_answer("agenderen", "kansen", "nieuw")
    store.save(plan)
    store.close_writer(plan.id)
    assert store.load(plan.id).answer("agenderen", "kansen") == "nieuw"
