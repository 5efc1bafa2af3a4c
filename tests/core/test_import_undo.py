"""What "Import ongedaan maken" puts back (the plan and its logo), and what it must never delete."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

from PIL import Image

from tests.helpers.factory import hockey_club_halfway
from vv_desktop.core import sharing
from vv_desktop.core.settings import Settings
from vv_desktop.core.store import PlanStore


def laptop(root: Path) -> PlanStore:
    root.mkdir(parents=True, exist_ok=True)
    return PlanStore(root, Settings(root).device_id)


def png(colour: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (80, 40), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def colour_of(store: PlanStore, plan_id: str) -> tuple[int, int, int] | None:
    data = store.logo_bytes(plan_id)
    if data is None:
        return None
    with Image.open(io.BytesIO(data)) as logo:
        return logo.convert("RGB").getpixel((5, 5))


def test_undoing_an_import_whose_logo_won_brings_my_logo_back(tmp_path, method):
    """The backup holds plan.json only; finish_import overwrites logo.png (replace_logo_file).
    After the undo the plan's logo field is mine again, but the file is the colleague's: my logo
    is gone for good, and the next export sends their picture under my logo's hash."""
    secretary, chair = laptop(tmp_path / "secretaris"), laptop(tmp_path / "voorzitter")
    plan = hockey_club_halfway(secretary, method)
    secretary.store_logo(secretary.load(plan.id), png("navy"))
    sharing.finish_import(chair, sharing.prepare_import(chair, sharing.export_plan(
        secretary, plan.id, tmp_path / "1.vvplan")))
    chair.store_logo(chair.load(plan.id), png("orange"))  # the chair picks a new logo
    my_field = secretary.load(plan.id).club("logo")

    backup = sharing.finish_import(secretary, sharing.prepare_import(
        secretary, sharing.export_plan(chair, plan.id, tmp_path / "2.vvplan")))
    assert colour_of(secretary, plan.id) == (255, 165, 0)  # their logo won the merge
    sharing.undo_import(secretary, plan.id, backup)

    assert secretary.load(plan.id).club("logo") == my_field
    assert colour_of(secretary, plan.id) == (0, 0, 128), "my logo did not come back with the undo"


def test_undoing_an_import_whose_logo_removal_won_brings_my_logo_back(tmp_path, method):
    secretary, chair = laptop(tmp_path / "secretaris"), laptop(tmp_path / "voorzitter")
    plan = hockey_club_halfway(secretary, method)
    secretary.store_logo(secretary.load(plan.id), png("navy"))
    sharing.finish_import(chair, sharing.prepare_import(chair, sharing.export_plan(
        secretary, plan.id, tmp_path / "1.vvplan")))
    chair.store_logo(chair.load(plan.id), None)  # the chair removes the logo

    backup = sharing.finish_import(secretary, sharing.prepare_import(
        secretary, sharing.export_plan(chair, plan.id, tmp_path / "2.vvplan")))
    assert secretary.logo_bytes(plan.id) is None  # logo.png was unlinked, not backed up
    sharing.undo_import(secretary, plan.id, backup)
    assert colour_of(secretary, plan.id) == (0, 0, 128), "my logo was deleted for good"


def test_undoing_a_new_plan_import_twice_never_deletes_the_trashed_plan(tmp_path, method):
    """undo_import(None) trashes the plan; a second trash of the same id (the plan is already in
    the trash: the window still offers the undo, see test_review_gui) rmtree's the trashed copy
    in Trash.put before it finds out that plans/<id> is not there."""
    secretary, chair = laptop(tmp_path / "secretaris"), laptop(tmp_path / "voorzitter")
    plan = hockey_club_halfway(secretary, method)
    file = sharing.export_plan(secretary, plan.id, tmp_path / "1.vvplan")
    sharing.finish_import(chair, sharing.prepare_import(chair, file))
    chair.scan()
    chair.trash(plan.id)  # the person deleted it (it is in the trash, can be brought back)
    assert chair.is_trashed(plan.id)
    with contextlib.suppress(OSError):  # an error is fine; deleting what is in the trash is not
        sharing.undo_import(chair, plan.id, None)
    assert chair.is_trashed(plan.id), "the plan in the trash was deleted for good"
