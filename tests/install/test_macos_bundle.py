"""The macOS bundle's Info.plist additions and the disk image step (which needs macOS)."""

from __future__ import annotations

import plistlib
import sys
from pathlib import Path

import pytest

from installer.common import BuildError
from installer.macos import DOC_ICON_NAME, document_types, make_dmg, patch_info_plist


@pytest.fixture
def app(tmp_path: Path) -> Path:
    """A minimal Stappenplan.app, with the keys PyInstaller writes."""
    bundle = tmp_path / "Stappenplan.app"
    (bundle / "Contents" / "MacOS").mkdir(parents=True)
    (bundle / "Contents" / "Resources").mkdir()
    (bundle / "Contents" / "MacOS" / "Stappenplan").write_bytes(b"\xcf\xfa\xed\xfe")
    info = {
        "CFBundleExecutable": "Stappenplan",
        "CFBundleIdentifier": "nl.vleutenversterkt.Stappenplan",
        "CFBundleName": "Stappenplan",
        "CFBundlePackageType": "APPL",
        "CFBundleShortVersionString": "0.0.0",
    }
    with (bundle / "Contents" / "Info.plist").open("wb") as fh:
        plistlib.dump(info, fh)
    return bundle


def _read(plist: Path) -> dict:
    with plist.open("rb") as fh:
        return plistlib.load(fh)


def test_document_types_declare_the_vvplan_type() -> None:
    types = document_types("doc.icns")
    [doc] = types["CFBundleDocumentTypes"]
    assert doc["CFBundleTypeName"] == "Stappenplan-plan"
    assert doc["CFBundleTypeRole"] == "Editor"
    assert doc["LSHandlerRank"] == "Owner"
    assert doc["LSItemContentTypes"] == ["nl.vleutenversterkt.Stappenplan.vvplan"]
    assert doc["CFBundleTypeIconFile"] == "doc.icns"
    [uti] = types["UTExportedTypeDeclarations"]
    assert uti["UTTypeIdentifier"] == "nl.vleutenversterkt.Stappenplan.vvplan"
    assert set(uti["UTTypeConformsTo"]) == {"public.data", "public.json"}
    assert uti["UTTypeTagSpecification"] == {
        "public.filename-extension": ["vvplan"],
        "public.mime-type": ["application/x-vvplan"],
    }


def test_patch_info_plist(tmp_path: Path, app: Path) -> None:
    plist = app / "Contents" / "Info.plist"
    icns = tmp_path / "doc.icns"
    icns.write_bytes(b"icns\x00\x00\x00\x08")
    patch_info_plist(plist, "1.2.3", icns)
    info = _read(plist)
    assert info["CFBundleExecutable"] == "Stappenplan"  # PyInstaller's keys stay
    assert info["CFBundleIdentifier"] == "nl.vleutenversterkt.Stappenplan"
    assert info["CFBundleShortVersionString"] == info["CFBundleVersion"] == "1.2.3"
    assert info["NSHighResolutionCapable"] is True
    assert info["LSMinimumSystemVersion"] == "11.0"
    assert info["CFBundleDevelopmentRegion"] == "nl"
    assert "Vleuten Versterkt" in info["NSHumanReadableCopyright"]
    assert info["CFBundleDocumentTypes"][0]["CFBundleTypeIconFile"] == DOC_ICON_NAME
    assert info["UTExportedTypeDeclarations"][0]["UTTypeIconFile"] == DOC_ICON_NAME
    assert (app / "Contents" / "Resources" / DOC_ICON_NAME).read_bytes() == icns.read_bytes()
    assert sorted(p.name for p in plist.parent.iterdir()) == ["Info.plist", "MacOS", "Resources"]


def test_patch_twice_gives_the_same_plist(app: Path) -> None:
    plist = app / "Contents" / "Info.plist"
    patch_info_plist(plist, "1.0")
    once = plist.read_bytes()
    patch_info_plist(plist, "1.0")
    assert plist.read_bytes() == once
    assert not (app / "Contents" / "Resources" / DOC_ICON_NAME).exists()


def test_patch_a_missing_plist_fails(tmp_path: Path) -> None:
    with pytest.raises(BuildError, match="does not exist"):
        patch_info_plist(tmp_path / "Info.plist", "1.0")


@pytest.mark.skipif(sys.platform == "darwin", reason="hdiutil is there on macOS")
def test_make_dmg_needs_hdiutil(tmp_path: Path, app: Path) -> None:
    out = tmp_path / "dist" / "Stappenplan.dmg"
    with pytest.raises(BuildError, match="hdiutil"):
        make_dmg(app, out)
    assert not out.exists()
