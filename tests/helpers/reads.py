"""Counting the reads of plan files and summary files (the index must spare them)."""

from __future__ import annotations

from typing import Any

import pytest

from vv_desktop.core import plan_file, plan_index, store


def count_reads(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How often a plan file and a summary file are read from now on (by the scan, the index, later reads)."""
    counts = {"plan": 0, "summary": 0}

    def counted(name: str, real: Any) -> Any:
        def read(*args: Any, **kwargs: Any) -> Any:
            counts[name] += 1
            return real(*args, **kwargs)
        return read

    monkeypatch.setattr(store, "read_plan_doc", counted("plan", store.read_plan_doc))
    monkeypatch.setattr(plan_file, "read_plan_doc", counted("plan", plan_file.read_plan_doc))
    monkeypatch.setattr(plan_index, "read_summary", counted("summary", plan_index.read_summary))
    return counts
