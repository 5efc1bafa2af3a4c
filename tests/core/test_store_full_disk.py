"""A full disk never sets a good plan aside: an older plan that cannot be brought up to date stays as
it is, with a sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.read_only_folder import fill, full_disk
from tests.helpers.stored import schema1_doc, write_stored_doc
from vv_desktop.core.store import PlanStore, PlanUnavailable

DEVICE = "review-device"


def test_a_full_disk_never_sets_a_good_older_plan_aside(tmp_path: Path) -> None:
    """An older plan (schema 1) is backed up before it is migrated. On a full disk that backup
    fails with OSError; scan() takes any exception as "cannot be read" and moves the plan's
    folder to onleesbaar/ with "onverwachte fout" (a rename still works on a full disk). Nothing
    is wrong with the plan: it should stay, with a message that the disk is full."""
    with full_disk(tmp_path / "data") as root:
        ps = PlanStore(root, DEVICE)
        plan_id = "0b8a3c1e-oud-prototype"
        write_stored_doc(ps, plan_id, schema1_doc(plan_id))
        fill(root)
        _summaries, problems = PlanStore(root, DEVICE).scan()
        assert not (root / "onleesbaar").exists(), f"a good plan was set aside: {problems}"
        assert (root / "plans" / plan_id).is_dir()


def test_opening_an_older_plan_on_a_full_disk_says_so_and_keeps_it(tmp_path: Path) -> None:
    """open_plan only turns PlanFileError into PlanUnavailable: the OSError of the failed backup
    goes up through MainWindow.open_plan (which catches only PlanUnavailable) to the crash handler."""
    with full_disk(tmp_path / "data") as root:
        ps = PlanStore(root, DEVICE)
        plan_id = "0b8a3c1e-oud-prototype"
        write_stored_doc(ps, plan_id, schema1_doc(plan_id))
        fill(root)
        try:
            PlanStore(root, DEVICE).open_plan(plan_id)
        except PlanUnavailable:
            pass  # a sentence for the person: fine
        except OSError as exc:
            pytest.fail(f"open_plan let {exc!r} through instead of a sentence")
        assert (root / "plans" / plan_id).is_dir()
