"""The Windows installer (NSIS, compiled here with makensis) and the portable zip, from a fake bundle."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from installer.common import BuildError, project_version
from installer.windows import (
    NSIS_SCRIPT,
    PORTABLE_DATA,
    PORTABLE_MARKER,
    bundle_entries_nsh,
    installer_name,
    make_portable_zip,
    make_windows_installer,
    nsis_defines,
    vi_version,
)

needs_makensis = pytest.mark.skipif(shutil.which("makensis") is None, reason="makensis (Debian: nsis) not installed")


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    """What PyInstaller makes on Windows: the exe and an _internal folder."""
    folder = tmp_path / "Stappenplan"
    (folder / "_internal" / "PySide6").mkdir(parents=True)
    (folder / "Stappenplan.exe").write_bytes(b"MZ" + bytes(range(256)) * 40)
    (folder / "_internal" / "base_library.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    (folder / "_internal" / "PySide6" / "Qt6Core.dll").write_bytes(b"MZ fake dll")
    return folder


@pytest.fixture
def icons(tmp_path: Path) -> tuple[Path, Path]:
    app, doc = tmp_path / "app.ico", tmp_path / "doc.ico"
    Image.new("RGBA", (64, 64), (200, 40, 40, 255)).save(app, sizes=[(16, 16), (32, 32), (64, 64)])
    Image.new("RGBA", (64, 64), (40, 40, 200, 255)).save(doc, sizes=[(16, 16), (32, 32), (64, 64)])
    return app, doc


def _defines(defines: list[str]) -> dict[str, str]:
    return dict(d.removeprefix("-D").split("=", 1) for d in defines)


def test_defines_carry_the_version_from_pyproject(tmp_path: Path, bundle: Path) -> None:
    version = project_version()
    values = _defines(nsis_defines(bundle, tmp_path / "a.ico", tmp_path / "d.ico", tmp_path / "out.exe", version))
    assert values["VERSION"] == version
    assert values["VI_VERSION"] == vi_version(version)
    assert len(values["VI_VERSION"].split(".")) == 4
    assert values["EXE"] == "Stappenplan.exe"
    assert values["APP_ID"] == "nl.vleutenversterkt.Stappenplan"
    assert values["ORG_NAME"] == "Vleuten Versterkt"
    assert values["PLAN_EXT"] == ".vvplan"
    assert Path(values["BUNDLE"]).is_absolute()
    assert int(values["INSTALLED_KB"]) > 0


def test_vi_version_has_four_numbers() -> None:
    assert vi_version("0.1.0") == "0.1.0.0"
    assert vi_version("2") == "2.0.0.0"
    assert vi_version("1.2.3.4.5") == "1.2.3.4"


def test_script_is_per_user_and_keeps_the_data_folder() -> None:
    script = NSIS_SCRIPT.read_text(encoding="utf-8")
    assert "RequestExecutionLevel user" in script
    assert 'InstallDir "$LOCALAPPDATA\\Programs\\${APP_NAME}"' in script
    assert "HKLM" not in script
    assert '!insertmacro MUI_LANGUAGE "Dutch"' in script
    assert "SHChangeNotify" in script
    # The only recursive deletes are the bundle's own entries, never $INSTDIR or the data folder.
    removals = [line.strip() for line in script.splitlines() if line.strip().startswith("RMDir /r")]
    assert removals == ['RMDir /r "$INSTDIR\\_internal"']


def test_uninstall_list_names_only_the_bundle_entries(bundle: Path) -> None:
    text = bundle_entries_nsh(bundle)
    assert 'Delete "$INSTDIR\\Stappenplan.exe"' in text
    assert 'RMDir /r "$INSTDIR\\_internal"' in text
    assert text.count("$INSTDIR") == 2


@needs_makensis
def test_installer_compiles(tmp_path: Path, bundle: Path, icons: tuple[Path, Path]) -> None:
    out = make_windows_installer(bundle, *icons, tmp_path / "dist")
    assert out == tmp_path / "dist" / installer_name(project_version())
    assert out.name == f"Stappenplan-{project_version()}-windows-setup.exe"
    data = out.read_bytes()
    assert data.startswith(b"MZ")
    assert b"NullsoftInst" in data  # the NSIS header before the compressed data
    assert [p.name for p in out.parent.iterdir()] == [out.name]  # no staging leftovers


@needs_makensis
def test_installer_compiles_against_a_linux_build(tmp_path: Path, bundle: Path, icons: tuple[Path, Path]) -> None:
    (bundle / "Stappenplan.exe").rename(bundle / "Stappenplan")
    assert make_windows_installer(bundle, *icons, tmp_path / "dist").read_bytes()[:2] == b"MZ"


@needs_makensis
def test_missing_bundle_fails_cleanly(tmp_path: Path, icons: tuple[Path, Path]) -> None:
    out_dir = tmp_path / "dist"
    with pytest.raises(BuildError, match="does not exist"):
        make_windows_installer(tmp_path / "nothing-here", *icons, out_dir)
    assert not (out_dir / installer_name(project_version())).exists()


@needs_makensis
def test_failed_compile_raises_and_leaves_nothing(tmp_path: Path, bundle: Path, icons: tuple[Path, Path]) -> None:
    out_dir = tmp_path / "dist"
    missing_icon = tmp_path / "missing.ico"
    with pytest.raises(BuildError, match=r"makensis failed.*missing\.ico.*no files found"):
        make_windows_installer(bundle, icons[0], missing_icon, out_dir)
    assert list(out_dir.iterdir()) == []


def test_portable_zip_has_the_marker_beside_the_exe(tmp_path: Path, bundle: Path) -> None:
    out = make_portable_zip(bundle, tmp_path / "dist" / "Stappenplan-portable.zip")
    with zipfile.ZipFile(out) as archive:
        names = set(archive.namelist())
        note = archive.read(f"Stappenplan/{PORTABLE_MARKER}").decode("utf-8")
        assert archive.testzip() is None
    files = {f"Stappenplan/{p.relative_to(bundle).as_posix()}" for p in bundle.rglob("*") if p.is_file()}
    assert files <= names
    assert "Stappenplan/Stappenplan.exe" in names
    assert f"Stappenplan/{PORTABLE_MARKER}" in names
    assert PORTABLE_DATA in note and PORTABLE_MARKER in note and "Stappenplan.exe" in note
    assert "\r\n" in note
    assert [p.name for p in out.parent.iterdir()] == [out.name]


def test_portable_zip_of_a_missing_folder_fails(tmp_path: Path) -> None:
    out = tmp_path / "dist" / "portable.zip"
    with pytest.raises(BuildError):
        make_portable_zip(tmp_path / "nothing-here", out)
    assert not out.exists()


def test_portable_names_come_from_the_app() -> None:
    from vv_desktop.core import portable

    assert (PORTABLE_MARKER, PORTABLE_DATA) == (portable.PORTABLE_MARKER, portable.PORTABLE_DATA)
    assert (PORTABLE_MARKER, PORTABLE_DATA) == ("portable.txt", "Stappenplan-gegevens")
