"""What makes the app install like a program: package data, entry points, one app id everywhere."""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from configparser import ConfigParser
from pathlib import PurePosixPath

import pytest

from tests.helpers import REPO_ROOT
from vv_desktop import APP_ID, PLAN_EXTENSION, PLAN_MIME_TYPE
from vv_desktop.core import resources
from vv_desktop.core.exchange import FORMAT

ROOT = REPO_ROOT
PACKAGE = ROOT / "vv_desktop"
LINUX = ROOT / "installer" / "linux"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_everything_the_app_reads_is_inside_the_package():
    for folder in (resources.worksheets_dir(), resources.assets_dir()):
        assert folder.is_dir() and PACKAGE in folder.parents
    assert (resources.worksheets_dir() / "common.toml").is_file()
    assert resources.icon_file().is_file() and resources.icon_file("vvplan").is_file()
    assert not (ROOT / "worksheets").exists() and not (ROOT / "assets").exists()


def _matches(relative: PurePosixPath, pattern: str) -> bool:
    """setuptools' glob: ``*`` stays within one folder, ``**/`` spans any number of folders."""
    regex = re.escape(pattern).replace(r"\*\*/", "(?:.*/)?").replace(r"\*", "[^/]*")
    return re.fullmatch(regex, relative.as_posix()) is not None


def test_every_data_file_is_declared_as_package_data():
    patterns = PYPROJECT["tool"]["setuptools"]["package-data"]["vv_desktop"]
    files = [PurePosixPath(p.relative_to(PACKAGE).as_posix()) for p in (PACKAGE / "data").rglob("*")
             if p.is_file() and "__pycache__" not in p.parts]
    assert files
    undeclared = [str(f) for f in files if not any(_matches(f, pattern) for pattern in patterns)]
    assert undeclared == []


def test_a_console_and_a_windowless_entry_point():
    assert PYPROJECT["project"]["scripts"]["vv-desktop"] == "vv_desktop.cli:main"
    assert PYPROJECT["project"]["gui-scripts"]["stappenplan"] == "vv_desktop.cli:main"


def test_the_version_is_the_same_everywhere():
    import vv_desktop

    assert vv_desktop.__version__ == PYPROJECT["project"]["version"]


def _desktop_entry() -> ConfigParser:
    parser = ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(LINUX / f"{APP_ID}.desktop", encoding="utf-8")
    return parser


def test_the_launcher_names_the_app_id_its_icon_and_the_plan_type():
    entry = _desktop_entry()["Desktop Entry"]
    assert entry["Icon"] == APP_ID
    assert entry["MimeType"].split(";")[0] == PLAN_MIME_TYPE
    assert entry["Exec"].endswith(" %f") and entry["Terminal"] == "false"


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils not installed")
def test_the_launcher_is_a_valid_desktop_file(tmp_path):
    from installer.linux import desktop_entry

    file = tmp_path / f"{APP_ID}.desktop"
    file.write_text(desktop_entry("/opt/stappenplan/Stappenplan"), encoding="utf-8")
    done = subprocess.run(["desktop-file-validate", str(file)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout


def test_the_mime_type_matches_the_files_the_app_writes():
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    mime = ET.parse(LINUX / f"{APP_ID}.xml").getroot().find("m:mime-type", ns)
    assert mime is not None and mime.get("type") == PLAN_MIME_TYPE
    assert [g.get("pattern") for g in mime.findall("m:glob", ns)] == [f"*{PLAN_EXTENSION}"]
    magic = mime.find("m:magic/m:match", ns)
    assert magic is not None and magic.get("value") == f'"{FORMAT}"'


def test_the_metainfo_describes_the_same_app():
    from installer.linux import metainfo

    root = ET.fromstring(metainfo("0.1.0"))
    assert root.findtext("id") == APP_ID
    assert root.find("launchable").text == f"{APP_ID}.desktop"
    assert root.find("provides/mediatype").text == PLAN_MIME_TYPE
    assert root.find("releases/release").get("version") == "0.1.0"


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstream not installed")
def test_the_metainfo_is_valid_appstream(tmp_path):
    from installer.linux import metainfo

    file = tmp_path / f"{APP_ID}.metainfo.xml"
    file.write_text(metainfo("0.1.0"), encoding="utf-8")
    done = subprocess.run(["appstreamcli", "validate", "--no-net", str(file)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout


def test_the_windows_and_macos_builds_use_the_same_app_id():
    from installer import macos

    assert macos.PLAN_UTI.startswith(APP_ID)
    nsis = (ROOT / "installer" / "windows" / "stappenplan.nsi").read_text(encoding="utf-8")
    assert "${APP_ID}" in nsis
