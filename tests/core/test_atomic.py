"""Crash-safe writes (plain pytest, no Qt).

The promise of :mod:`vv_desktop.core.atomic`: a save that is interrupted at any moment leaves
either the previous or the new version of a plan, never a half-written file. These tests break
the next save at every byte of the new content, both "politely" (an exception, so the clean-up
code runs) and "hard" (no clean-up at all, as when the process is killed), and once with a real
SIGKILL in a child process.
"""

from __future__ import annotations

import contextlib
import json
import os
import pathlib
import shutil
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tinydb import TinyDB

from tests.helpers.effort import every
from vv_desktop.core import atomic, store
from vv_desktop.core.atomic import AtomicJSONStorage, atomic_write_bytes
from vv_desktop.core.model import Plan
from vv_desktop.core.store import PLAN_FILE, PlanStore

DEVICE = "test-device"
FIXED_NOW = "2026-03-14T12:00:00.000+00:00"


class SimulatedCrash(BaseException):  # stands in for a killed process, like KeyboardInterrupt
    """Raised in the middle of a write; a BaseException so that ``except Exception`` cannot swallow it."""


def _fill(plan: Plan, text: str) -> None:
    """A few answers and list items so that the document is a few KB and has nested structure."""
    plan.set_answer("agenderen", "al_bezig", f"{text}: we praten al over druk bij de selectieteams.")
    plan.set_answer("agenderen", "besproken/bestuur/datum", "14-03-2026")
    plan.set_answer("agenderen", "besproken/bestuur/uitkomst", f"{text}: bestuur wil meedoen")
    plan.add_item("concretiseren", "doelen", {"tekst": f"{text}: elk team bespreekt het één keer"})
    plan.add_item("concretiseren", "acties", {"wat": f"{text}: avond voor trainers", "status": "gepland"})


@pytest.fixture
def saved_plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Plan, bytes]:
    """A plan saved once through the store; returns (data folder, plan, bytes of plan.json)."""
    monkeypatch.setattr(store, "utc_now", lambda: FIXED_NOW)
    ps = PlanStore(tmp_path, DEVICE)
    plan = ps.create("Seizoen 2026", "HC Vleuten")
    _fill(plan, "oud")
    ps.save(plan)
    return tmp_path, plan, (ps.plan_folder(plan.id) / PLAN_FILE).read_bytes()


def _temp_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.name.endswith(".tmp"))


def _assert_old_version_intact(root: Path, plan: Plan, old_bytes: bytes) -> None:
    file = root / "plans" / plan.id / PLAN_FILE
    assert file.read_bytes() == old_bytes
    fresh = PlanStore(root, "other-device")
    summaries, problems = fresh.scan()
    assert problems == []
    assert [s.id for s in summaries] == [plan.id]
    loaded = fresh.load(plan.id)
    assert loaded.answer("agenderen", "al_bezig").startswith("oud:")
    assert loaded.doc == json.loads(old_bytes)["plan"]["1"]


class _CrashingFile:
    """Wraps a real file: ``write`` stores only the first ``limit`` bytes and then 'the process dies'."""

    def __init__(self, real: Any, limit: int, seen: list[int]):
        self.real = real
        self.limit = limit
        self.seen = seen

    def write(self, data: bytes) -> int:
        self.seen.append(len(data))
        self.real.write(data[: self.limit])
        self.real.flush()
        if self.limit < len(data):
            raise SimulatedCrash(f"killed after {self.limit} of {len(data)} bytes")
        return len(data)

    def flush(self) -> None:
        self.real.flush()

    def fileno(self) -> int:
        if self.limit >= max(self.seen, default=0):
            raise SimulatedCrash("killed after the last byte, before fsync/replace")
        return self.real.fileno()

    def __enter__(self) -> _CrashingFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.real.close()


@contextlib.contextmanager
def _crash_after(monkeypatch: pytest.MonkeyPatch, limit: int, seen: list[int], cleanup: bool) -> Iterator[None]:
    """Let the next atomic write die after ``limit`` bytes; without ``cleanup`` no clean-up code runs."""
    real_open = open

    def fake_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        fh = real_open(file, mode, *args, **kwargs)
        return _CrashingFile(fh, limit, seen) if "w" in mode else fh

    with monkeypatch.context() as m:
        m.setattr(atomic, "open", fake_open, raising=False)
        if not cleanup:  # a killed process does not get to remove its temporary file
            m.setattr(pathlib.Path, "unlink", lambda self, missing_ok=False: None)
        yield


@pytest.mark.parametrize("cleanup", [True, False], ids=["exception", "no-cleanup"])
def test_write_interrupted_at_any_byte_leaves_previous_version(
    saved_plan: tuple[Path, Plan, bytes], monkeypatch: pytest.MonkeyPatch, cleanup: bool
) -> None:
    root, plan, old_bytes = saved_plan
    ps = PlanStore(root, DEVICE)
    plan = ps.load(plan.id)
    _fill(plan, "nieuw")

    seen: list[int] = []
    limit = 0
    total: int | None = None
    step = every(7)  # every byte; in the quick loop every 7th (and the last)
    while total is None or limit <= total:
        with _crash_after(monkeypatch, limit, seen, cleanup), pytest.raises(SimulatedCrash):
            ps.save(plan)
        total = seen[-1]
        _assert_old_version_intact(root, plan, old_bytes)
        if cleanup:
            assert _temp_files(root) == [], f"temp file left after a crash at byte {limit}"
        limit = min(limit + step, total) if limit < total else limit + 1

    assert total > len(old_bytes) > 2000  # the new version was really bigger, and every byte (or a sample) was tried
    assert len(seen) == len(range(0, total, step)) + 1

    if not cleanup:
        assert len(_temp_files(root)) == len(seen)  # left-overs of the "killed" saves ...
    ps.save(plan)  # ... do not stop the next save, nor the next start
    fresh = PlanStore(root, DEVICE)
    summaries, problems = fresh.scan()
    assert problems == [] and [s.id for s in summaries] == [plan.id]
    assert fresh.load(plan.id).answer("agenderen", "al_bezig").startswith("nieuw:")


def test_crash_during_replace_leaves_previous_version(
    saved_plan: tuple[Path, Plan, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, plan, old_bytes = saved_plan
    ps = PlanStore(root, DEVICE)
    plan = ps.load(plan.id)
    _fill(plan, "nieuw")

    def dying_replace(src: Any, dst: Any) -> None:
        raise SimulatedCrash("killed just before the rename")

    with monkeypatch.context() as m, pytest.raises(SimulatedCrash):
        m.setattr(atomic.os, "replace", dying_replace)
        ps.save(plan)
    _assert_old_version_intact(root, plan, old_bytes)
    assert _temp_files(root) == []


_CHILD = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from vv_desktop.core import atomic
    from vv_desktop.core.store import PlanStore

    root, plan_id, limit, stage = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
    store = PlanStore(root, "child")
    plan = store.load(plan_id)
    plan.set_answer("agenderen", "al_bezig", "nieuw: " + "y" * 800)
    real_open = open

    class Dying:
        def __init__(self, fh):
            self.fh = fh
        def __enter__(self):
            return self
        def __exit__(self, *exc):
            self.fh.close()
        def write(self, data):
            self.fh.write(data[:limit])
            self.fh.flush()
            os.fsync(self.fh.fileno())
            if limit < len(data):
                os.kill(os.getpid(), signal.SIGKILL)
            return len(data)
        def flush(self):
            self.fh.flush()
        def fileno(self):
            return self.fh.fileno()

    def fake_open(file, mode="r", *args, **kwargs):
        fh = real_open(file, mode, *args, **kwargs)
        return Dying(fh) if "w" in mode else fh

    real_replace = atomic.replace_with_retry
    def dying_replace(src, dst):
        if stage == "rename":
            os.kill(os.getpid(), signal.SIGKILL)
        real_replace(src, dst)

    atomic.open = fake_open
    atomic.replace_with_retry = dying_replace
    store.save(plan)
    print("saved")
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("where", ["start", "one byte", "half", "last byte missing", "before rename"])
def test_sigkilled_save_leaves_previous_version(saved_plan: tuple[Path, Plan, bytes], where: str) -> None:
    root, plan, old_bytes = saved_plan
    # the exact size of the new content, from a dry run in a copy of the data folder
    probe = root.with_name(root.name + "-probe")
    shutil.copytree(root, probe)
    done = subprocess.run([sys.executable, "-c", _CHILD, str(probe), plan.id, str(10**9), "write"],
                          capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "saved", done.stderr
    size = len((probe / "plans" / plan.id / PLAN_FILE).read_bytes())
    limit, stage = {"start": (0, "write"), "one byte": (1, "write"), "half": (size // 2, "write"),
                    "last byte missing": (size - 1, "write"), "before rename": (size, "rename")}[where]
    child = subprocess.run([sys.executable, "-c", _CHILD, str(root), plan.id, str(limit), stage],
                           capture_output=True, text=True, timeout=60)
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert "saved" not in child.stdout
    assert len(_temp_files(root)) == 1  # a killed process leaves its temporary file ...
    _assert_old_version_intact(root, plan, old_bytes)  # ... which harms neither the plan nor the scan
    assert PlanStore(root, DEVICE).tidy() == 1  # ... and the next start removes it
    assert _temp_files(root) == []
    _assert_old_version_intact(root, plan, old_bytes)


_CREATE_CHILD = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from vv_desktop.core import store

    root, stage = Path(sys.argv[1]), sys.argv[2]
    ps = store.PlanStore(root, "child")
    ps.scan()

    def die(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGKILL)

    if stage == "after mkdir":
        ps._write_doc = die
    elif stage == "before rename":
        store.replace_with_retry = die
    else:  # after the rename, before plans/ is fsynced
        real = store.fsync_folder
        store.fsync_folder = lambda folder: die() if Path(folder) == ps.plans_dir else real(folder)
    ps.create("Nieuw plan", "HC Vleuten")
    print("created")
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("stage", ["after mkdir", "before rename", "after rename"])
def test_a_killed_plan_creation_is_rolled_back_or_complete(saved_plan: tuple[Path, Plan, bytes], stage: str) -> None:
    root, plan, old_bytes = saved_plan
    child = subprocess.run([sys.executable, "-c", _CREATE_CHILD, str(root), stage],
                           capture_output=True, text=True, timeout=60)
    assert child.returncode == -signal.SIGKILL, child.stderr
    fresh = PlanStore(root, DEVICE)
    fresh.tidy()  # the next start
    summaries, problems = fresh.scan()
    assert problems == []  # never "onleesbaar"
    assert _temp_files(root) == [] and not (root / "onleesbaar").exists()
    names = sorted(s.name for s in summaries)
    assert names == (["Nieuw plan", "Seizoen 2026"] if stage == "after rename" else ["Seizoen 2026"])
    assert (root / "plans" / plan.id / PLAN_FILE).read_bytes() == old_bytes


# -- Windows: a virus scanner holds the file for a moment -------------------------------------


def test_replace_retries_after_permission_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "plan.json"
    target.write_bytes(b"oud")
    real_replace = os.replace
    calls: list[int] = []
    pauses: list[float] = []

    def flaky_replace(src: Any, dst: Any) -> None:
        calls.append(1)
        if len(calls) <= 3:
            raise PermissionError(13, "Het bestand is in gebruik door een ander proces")
        real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", flaky_replace)
    monkeypatch.setattr(atomic.time, "sleep", pauses.append)
    atomic_write_bytes(target, b"nieuw")
    monkeypatch.undo()
    assert target.read_bytes() == b"nieuw"
    assert len(calls) == 4
    assert len(pauses) == 3 and all(p > 0 for p in pauses)
    assert _temp_files(tmp_path) == []


def test_replace_that_keeps_failing_raises_and_keeps_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "plan.json"
    target.write_bytes(b"oud")
    calls: list[int] = []

    def locked(src: Any, dst: Any) -> None:
        calls.append(1)
        raise PermissionError(13, "Het bestand is in gebruik door een ander proces")

    monkeypatch.setattr(atomic.os, "replace", locked)
    monkeypatch.setattr(atomic.time, "sleep", lambda s: None)
    with pytest.raises(PermissionError):
        atomic_write_bytes(target, b"nieuw")
    monkeypatch.undo()
    assert len(calls) == atomic.REPLACE_ATTEMPTS
    assert target.read_bytes() == b"oud"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.json"]  # the temp file is gone


def test_other_os_errors_are_not_retried(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "plan.json"
    target.write_bytes(b"oud")
    calls: list[int] = []

    def full_disk(src: Any, dst: Any) -> None:
        calls.append(1)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", full_disk)
    with pytest.raises(OSError, match="space"):
        atomic_write_bytes(target, b"nieuw")
    monkeypatch.undo()
    assert len(calls) == 1
    assert target.read_bytes() == b"oud"
    assert _temp_files(tmp_path) == []


# -- the TinyDB storage ---------------------------------------------------------------------


@pytest.mark.parametrize("content", [b"", b"   \n", None], ids=["empty", "whitespace", "missing"])
def test_storage_reads_empty_or_missing_file_as_none(tmp_path: Path, content: bytes | None) -> None:
    file = tmp_path / "plan.json"
    if content is not None:
        file.write_bytes(content)
    assert AtomicJSONStorage(file).read() is None
    with TinyDB(file, storage=AtomicJSONStorage) as db:  # and TinyDB treats it as an empty database
        assert db.table("plan").all() == []
        db.table("plan").insert({"a": 1})
    assert json.loads(file.read_bytes()) == {"plan": {"1": {"a": 1}}}


def test_storage_writes_utf8_without_escapes(tmp_path: Path) -> None:
    file = tmp_path / "plan.json"
    AtomicJSONStorage(file).write({"plan": {"1": {"naam": "Zwemclub 'De Dolfijn' 🐬"}}})
    assert "🐬".encode() in file.read_bytes()
    assert AtomicJSONStorage(file).read() == {"plan": {"1": {"naam": "Zwemclub 'De Dolfijn' 🐬"}}}
