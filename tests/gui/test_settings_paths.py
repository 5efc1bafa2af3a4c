"""Values from instellingen.json are not trusted as paths (it may come from someone else's USB stick)."""

from __future__ import annotations

import json
import re

import pytest

from vv_desktop.core.store import PlanStore, is_plan_id


@pytest.mark.parametrize("bad", ["../../buiten", "..", ".", "", "/tmp/x", "a/b", "a\\b", "C:x", " a", 7, None])
def test_only_a_plain_folder_name_is_a_plan_id(bad):
    assert not is_plan_id(bad)


def test_real_ids_are_plan_ids(data_dir):
    store = PlanStore(data_dir, "laptop")
    assert is_plan_id(store.create("Seizoen", "Club").id)


@pytest.mark.parametrize("kind", ["relative", "absolute"])
def test_a_last_plan_outside_the_data_folder_is_never_moved(open_window, data_dir, tmp_path, kind):
    outside = tmp_path / "buiten" / "belangrijk"
    outside.mkdir(parents=True)
    (outside / "plan.json").write_text("dit is geen plan", encoding="utf-8")
    (outside / "foto.jpg").write_bytes(b"\xff\xd8")
    last = "../../buiten/belangrijk" if kind == "relative" else str(outside)
    (data_dir / "instellingen.json").write_text(json.dumps({"last_plan": last}), encoding="utf-8")
    window = open_window()
    assert window.session is None  # the start page, no plan opened
    assert sorted(p.name for p in outside.iterdir()) == ["foto.jpg", "plan.json"]
    assert not (data_dir / "onleesbaar").exists()


def test_set_aside_refuses_a_folder_outside_plans(data_dir, tmp_path):
    store = PlanStore(data_dir, "laptop")
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    with pytest.raises(ValueError):
        store.set_aside(elsewhere)
    with pytest.raises(ValueError):
        store.set_aside(store.plans_dir / ".." / "prullenbak")
    assert elsewhere.is_dir() and store.trash_dir.is_dir()


@pytest.mark.parametrize("bad", ["", "x" * 100_000, "laptop\udc00", "../laptop", 7, None, ["a"]])
def test_a_laptop_id_that_the_app_never_makes_is_replaced(data_dir, bad):
    """The id goes into every change mark and every exported file: only the app's own form is kept."""
    from vv_desktop.core.settings import Settings

    (data_dir / "instellingen.json").write_text(json.dumps({"device_id": bad, "tips_visible": False}),
                                                encoding="utf-8")
    settings = Settings(data_dir)
    assert re.fullmatch("[0-9a-f]{32}", settings.device_id)
    assert settings.get("tips_visible") is False  # the other settings stay
    assert Settings(data_dir).device_id == settings.device_id


def test_the_apps_own_laptop_id_is_kept(data_dir):
    from vv_desktop.core.settings import Settings

    first = Settings(data_dir).device_id
    assert Settings(data_dir).device_id == first


def test_a_settings_file_nested_too_deep_is_set_aside_not_fatal(data_dir):
    from vv_desktop.core.settings import Settings

    (data_dir / "instellingen.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert Settings(data_dir).device_id
    assert (data_dir / "instellingen.json.onleesbaar").exists()
