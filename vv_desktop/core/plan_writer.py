"""Plan files written off the UI thread: one writer per plan file, saves in order, the newest wins.

An autosave of a big plan used to freeze the window for 30-40 ms (encode, write, fsync, rename).
Now the UI thread only takes a :class:`SaveJob`: a snapshot of the plan document as it is at
that moment, so the plan may go on changing while the job is written. The snapshot is a deep
copy into bytes (``marshal``; ~1 ms for a 1 MiB plan, where ``json.dumps`` costs 7-20 ms and
``copy.deepcopy`` ~14 ms), one piece per round of each phase (:func:`snapshot`).

A :class:`PlanWriter` writes the jobs on one thread of its own, in the order they came: a later
save is never overtaken by an earlier one. A job that comes while another one is being written
waits; a newer one replaces it (it holds everything the older one did). ``flush`` waits until
everything handed over is written, for those who need the plan on disk now (closing, exporting,
the end of the app).

The writer thread encodes the JSON piece by piece (:class:`JSONPieces`) and keeps each piece's
JSON: the rounds that did not change since the last save (nearly all of a big plan) are not
encoded again, and no single call of the C encoder holds the GIL, and so the UI thread, for long.
"""

from __future__ import annotations

import json
import logging
import marshal
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from pathlib import Path
from typing import Any

from vv_desktop.core.model import Plan, utc_now
from vv_desktop.core.plan_file import PLAN_FILE, write_plan_bytes
from vv_desktop.core.summary import PlanSummary, summarize, write_summary
from vv_desktop.core.text import clean_document

log = logging.getLogger(__name__)

@dataclass(slots=True)
class SaveJob:
    """One save of one plan: what it writes, and (once written) how it went."""

    file: Path
    snapshot: Snapshot  # the plan document at the moment of the save
    summary: PlanSummary  # for the plan list, of the same moment
    changes: int = 0  # the caller's count of changes this save holds
    cleaned: bool = False  # text that is not valid Unicode had to be cleaned before it could be written
    error: BaseException | None = None

    def doc(self) -> dict[str, Any]:
        """The plan document of the snapshot (a new copy each time)."""
        return _restore(self.snapshot)


# A snapshot is the marshal bytes of a value, or for the top levels of the document
# ("{", [(key, snapshot), ...]) or ("[", [snapshot, ...]).
Snapshot = bytes | tuple[str, list[Any]]
_DEPTH = 4  # document, phases, a phase, its rounds: each round is one piece


def snapshot(doc: dict[str, Any]) -> Snapshot:
    """An immutable deep copy of a plan document (only JSON types, which ``marshal`` keeps exactly)."""
    return _snap(doc, _DEPTH)


def _snap(value: Any, depth: int) -> Snapshot:
    if depth and type(value) is dict and all(type(k) is str for k in value):
        return ("{", [(k, _snap(v, depth - 1)) for k, v in value.items()])
    if depth and type(value) is list:
        return ("[", [_snap(v, depth - 1) for v in value])
    return marshal.dumps(value)


def _restore(snap: Snapshot) -> Any:
    if isinstance(snap, bytes):
        return marshal.loads(snap)
    kind, items = snap
    if kind == "{":
        return {k: _restore(v) for k, v in items}
    return [_restore(v) for v in items]


def _dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _key(key: str) -> bytes:
    return encode_basestring(key).encode("utf-8")  # what json.dumps writes for a string, ensure_ascii=False


class JSONPieces:
    """Compact UTF-8 JSON of snapshots, byte for byte what ``json.dumps(doc, ensure_ascii=False,
    separators=(",", ":"))`` writes; a piece whose bytes were encoded at the previous call is not
    encoded again. For one thread (the plan's writer). A lone surrogate raises UnicodeEncodeError."""

    def __init__(self) -> None:
        self._known: dict[bytes, bytes] = {}

    def encode(self, snap: Snapshot) -> bytes:
        fresh: dict[bytes, bytes] = {}
        parts: list[bytes] = []
        self._encode(snap, fresh, parts)
        self._known = fresh  # only what this document holds: the cache never outgrows one plan
        return b"".join(parts)  # one copy of the whole file, however deep the pieces are

    def _encode(self, snap: Snapshot, fresh: dict[bytes, bytes], parts: list[bytes]) -> None:
        if isinstance(snap, bytes):
            data = self._known.get(snap)
            if data is None:
                data = _dumps(marshal.loads(snap))
            fresh[snap] = data
            parts.append(data)
            return
        kind, items = snap
        parts.append(b"{" if kind == "{" else b"[")
        for n, item in enumerate(items):
            if n:
                parts.append(b",")
            if kind == "{":
                parts.append(_key(item[0]) + b":")
                item = item[1]
            self._encode(item, fresh, parts)
        parts.append(b"}" if kind == "{" else b"]")


class PlanWriter:
    """Writes :class:`SaveJob` s on one thread, in order, coalescing to the newest one waiting.

    ``write`` does the work (in the writer thread) and raises when it fails; the job then carries
    the exception. ``notify`` is called in the writer thread after each job: it must only pass
    the news on (a queued Qt signal); :meth:`take_done` then gives the finished jobs, in order.
    ``after`` runs after the news of a job that was written (before :meth:`flush` returns).

    The thread is its own (not a ThreadPoolExecutor) and started at once, and the state is guarded
    by a reentrant lock only: a SIGTERM handler that saves may run in the middle of :meth:`submit`
    on the same thread, and must not wait for a lock that this very thread holds.
    """

    def __init__(self, write: Callable[[SaveJob], None], notify: Callable[[], None] = lambda: None,
                 after: Callable[[SaveJob], None] = lambda job: None):
        self._write = write
        self.notify = notify
        self._after = after
        self._state = threading.Condition(threading.RLock())
        self._pending: SaveJob | None = None
        self._closing = False
        self._writing = False
        self._done: deque[SaveJob] = deque()
        # A daemon: a writer nobody closed never keeps the app from ending (every way out flushes first).
        self._thread = threading.Thread(target=self._run, name="plan-writer", daemon=True)
        self._thread.start()

    def submit(self, job: SaveJob) -> None:
        """Write ``job`` after the one being written now; an older job still waiting is dropped."""
        with self._state:
            self._pending = job
            self._state.notify_all()

    def _run(self) -> None:
        while True:
            with self._state:
                self._state.wait_for(lambda: self._pending is not None or self._closing)
                job, self._pending = self._pending, None
                if job is None:  # closing, and nothing left to write
                    return
                self._writing = True
            self._one(job)
            with self._state:
                self._writing = False
                self._state.notify_all()

    def _one(self, job: SaveJob) -> None:
        try:
            self._write(job)
        except Exception as exc:  # noqa: BLE001 - told to the UI thread, which keeps the text and retries
            job.error = exc
        with self._state:
            self._done.append(job)
        try:
            self.notify()
        except RuntimeError:  # the receiver is gone (the session was closed): nobody to tell
            log.debug("plan writer: no one to notify")
        if job.error is None:
            self._after(job)  # what may follow the news (the summary: a cache, it never raises)

    def flush(self) -> None:
        """Wait until every job handed over is written (or failed)."""
        with self._state:
            self._state.wait_for(lambda: not self._busy())

    def cancel(self) -> None:
        """Drop the job that waits (the one being written finishes): for a plan closed without saving."""
        with self._state:
            if self._pending is not None:
                self._pending = None
                self._state.notify_all()

    def take_done(self) -> list[SaveJob]:
        """The jobs finished since the last call, oldest first."""
        with self._state:
            done = list(self._done)
            self._done.clear()
        return done

    @property
    def idle(self) -> bool:
        with self._state:
            return not self._busy()

    def _busy(self) -> bool:
        """A job is waiting or being written (with the lock held)."""
        return self._pending is not None or self._writing

    def close(self) -> None:
        """Finish what was handed over and end the thread."""
        self.flush()
        with self._state:
            self._closing = True
            self._state.notify_all()
        if threading.current_thread() is not self._thread:
            self._thread.join()


class PlanSaving:
    """How :class:`~vv_desktop.core.store.PlanStore` saves a plan: at once (:meth:`save`), or in
    three steps for a writer thread (:meth:`snapshot` and :meth:`saved` on the UI thread,
    :meth:`write` in the :meth:`writer`'s thread)."""

    _known: dict[str, PlanSummary]
    _writers: dict[str, PlanWriter]
    _pieces: dict[Path, JSONPieces]

    def plan_folder(self, plan_id: str) -> Path:
        raise NotImplementedError

    def _write_doc(self, file: Path, doc: dict[str, Any]) -> None:
        raise NotImplementedError

    def save(self, plan: Plan) -> None:
        """Write a plan now. Its folder must exist: a plan that was moved to the trash is not brought back.
        A save by the plan's :meth:`writer` that is under way is finished first, so this one comes last."""
        if plan.id in self._writers:
            self._writers[plan.id].flush()
        job = self.snapshot(plan)
        self.write(job)
        write_summary(job.file, job.summary)
        self.saved(plan, job)

    def snapshot(self, plan: Plan, changes: int = 0) -> SaveJob:
        """What a save of ``plan`` writes, taken now (on the UI thread); the plan may go on changing."""
        plan.doc["updated"] = utc_now()
        return SaveJob(self.plan_folder(plan.id) / PLAN_FILE, snapshot(plan.doc), summarize(plan), changes)

    def write(self, job: SaveJob) -> None:
        """Write a job's plan file (in any thread); raises when it is not written. The summary is apart."""
        pieces = self._pieces.setdefault(job.file, JSONPieces())
        try:
            write_plan_bytes(job.file, pieces.encode(job.snapshot))
        except UnicodeEncodeError:  # a lone surrogate got in after all (a paste): keep the rest savable
            log.warning("plan in %s held text that is not valid Unicode; cleaned before saving", job.file.parent)
            job.cleaned = True
            self._write_doc(job.file, clean_document(job.doc()))

    def saved(self, plan: Plan, job: SaveJob) -> None:
        """On the UI thread, once ``job`` is written: the plan list knows it; the plan is cleaned like the file."""
        if job.cleaned:
            cleaned = clean_document(plan.doc)
            plan.doc.clear()
            plan.doc.update(cleaned)
        self._known[plan.id] = summarize(plan) if job.cleaned else job.summary

    def writer(self, plan: Plan, notify: Callable[[], None]) -> PlanWriter:
        """The one writer (thread) of ``plan``'s file, until :meth:`close_writer`; ``notify`` as for PlanWriter."""
        if plan.id not in self._writers:
            self._writers[plan.id] = PlanWriter(lambda job: self.write(job), notify,
                                                lambda job: write_summary(job.file, job.summary))
        writer = self._writers[plan.id]
        writer.notify = notify  # a session that was dropped without closing left its writer behind
        return writer

    def close_writer(self, plan_id: str) -> None:
        """Finish the writes of ``plan_id``'s writer and end its thread."""
        writer = self._writers.pop(plan_id, None)
        if writer is not None:
            writer.close()
        self._pieces.pop(self.plan_folder(plan_id) / PLAN_FILE, None)
