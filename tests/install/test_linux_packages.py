"""The Linux packages, made from a stand-in app folder: install.sh, uninstall.sh, .tar.gz and .deb."""

from __future__ import annotations

import os
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from installer import linux
from installer.common import APP_ID, NAME, PACKAGE_NAME, PLAN_MIME_TYPE, BuildError, project_version
from installer.icons import make_icons
from installer.linux_check import leftover_files

SYSTEM_PATH = "/usr/local/bin:/usr/bin:/bin"


@pytest.fixture(scope="module")
def icons(tmp_path_factory, qapp):
    return make_icons(tmp_path_factory.mktemp("icons"))


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    """A stand-in for dist/Stappenplan/: a program that notes how it was started."""
    folder = tmp_path / "dist" / NAME
    (folder / "_internal").mkdir(parents=True)
    (folder / "_internal" / "data.txt").write_text("x", encoding="utf-8")
    program = folder / NAME
    program.write_text('#!/bin/sh\nprintf "%s\\n" "$*" >> "$HOME/gestart.txt"\n', encoding="utf-8")
    program.chmod(0o755)
    return folder


def _env(home: Path) -> dict[str, str]:
    return {"HOME": str(home), "PATH": SYSTEM_PATH, "LANG": "C.UTF-8"}


def _unpacked(tarball: Path, where: Path) -> Path:
    with tarfile.open(tarball) as tar:
        tar.extractall(where, filter="data")
    return next(where.iterdir())


def _sh(script: Path, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["sh", str(script)], env=_env(home), capture_output=True, text=True, timeout=60)


def test_the_tarball_holds_the_app_the_scripts_and_the_desktop_files(bundle, icons, tmp_path):
    tarball = linux.make_tarball(bundle, icons, tmp_path / "out", arch="x86_64")
    assert tarball.name == f"{PACKAGE_NAME}-{project_version()}-linux-x86_64.tar.gz"
    top = _unpacked(tarball, tmp_path / "uit")
    assert os.access(top / "install.sh", os.X_OK) and os.access(top / NAME / NAME, os.X_OK)
    assert (top / "share/applications" / f"{APP_ID}.desktop").is_file()
    assert (top / "share/icons/hicolor/scalable/apps" / f"{APP_ID}.svg").is_file()
    assert (top / "share/icons/hicolor/48x48/mimetypes/application-x-vvplan.png").is_file()
    assert "install.sh" in (top / "LEESMIJ.txt").read_text(encoding="utf-8")


def test_install_then_uninstall_for_one_user_keeps_the_plans(bundle, icons, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    top = _unpacked(linux.make_tarball(bundle, icons, tmp_path / "out", arch="x86_64"), tmp_path / "uit")
    done = _sh(top / "install.sh", home)
    assert done.returncode == 0, done.stdout + done.stderr
    app_dir = home / ".local/lib" / PACKAGE_NAME
    desktop = home / ".local/share/applications" / f"{APP_ID}.desktop"
    assert f"Exec={app_dir / NAME} %f" in desktop.read_text(encoding="utf-8")  # plain: xdg-open's fallback
    assert os.readlink(home / ".local/bin" / PACKAGE_NAME) == str(app_dir / NAME)
    assert (home / ".local/share/icons/hicolor/256x256/apps" / f"{APP_ID}.png").is_file()
    if shutil.which("xdg-mime"):
        query = subprocess.run(["xdg-mime", "query", "default", PLAN_MIME_TYPE], env=_env(home),
                               capture_output=True, text=True)
        assert query.stdout.strip() == f"{APP_ID}.desktop"
    # The user works with the app: plans appear in the data folder.
    plans = home / ".local/share" / NAME / "plans" / "p1"
    plans.mkdir(parents=True)
    (plans / "plan.json").write_text('{"plan": {}}', encoding="utf-8")
    # Installing again (an update) works over the old version.
    assert _sh(top / "install.sh", home).returncode == 0

    done = _sh(app_dir / "uninstall.sh", home)
    assert done.returncode == 0, done.stdout + done.stderr
    assert not app_dir.exists() and not desktop.exists()
    assert not (home / ".local/bin" / PACKAGE_NAME).exists()
    assert (plans / "plan.json").read_text(encoding="utf-8") == '{"plan": {}}'
    assert leftover_files(home / ".local/share") == []


def _installed(tmp_path: Path, bundle: Path, icons, home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    top = _unpacked(linux.make_tarball(bundle, icons, tmp_path / "out", arch="x86_64"), tmp_path / "uit")
    return subprocess.run(["sh", str(top / "install.sh")], env={**_env(home), **env}, capture_output=True,
                          text=True, timeout=60)


def test_a_home_folder_with_spaces_gets_a_launcher_that_starts_the_app(bundle, icons, tmp_path):
    import shlex

    home = tmp_path / "home van jan de vries"
    home.mkdir()
    assert _installed(tmp_path, bundle, icons, home).returncode == 0
    desktop = (home / ".local/share/applications" / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    exec_line = next(line for line in desktop.splitlines() if line.startswith("Exec="))
    program = shlex.split(exec_line.removeprefix("Exec="))
    assert program == [str(home / ".local/lib" / PACKAGE_NAME / NAME), "%f"]
    subprocess.run([program[0], "plan.vvplan"], env=_env(home), check=True)
    assert (home / "gestart.txt").read_text(encoding="utf-8") == "plan.vvplan\n"


def test_uninstall_removes_only_the_desktop_files_even_from_a_tampered_list(bundle, icons, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    assert _installed(tmp_path, bundle, icons, home).returncode == 0
    plans = home / ".local/share" / NAME / "plans" / "p1"
    plans.mkdir(parents=True)
    (plans / "plan.json").write_text("{}", encoding="utf-8")
    (home / "belangrijk.txt").write_text("x", encoding="utf-8")
    manifest = home / ".local/lib" / PACKAGE_NAME / "installed-files.txt"
    with manifest.open("a", encoding="utf-8") as fh:
        fh.write(f"{NAME}/plans/p1/plan.json\napplications\n../../belangrijk.txt\n/etc/passwd\n")
    done = _sh(home / ".local/lib" / PACKAGE_NAME / "uninstall.sh", home)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (plans / "plan.json").exists() and (home / "belangrijk.txt").exists()
    assert leftover_files(home / ".local/share") == []


def test_uninstall_finds_the_files_after_xdg_data_home_changed(bundle, icons, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    assert _installed(tmp_path, bundle, icons, home, XDG_DATA_HOME=str(home / "elders")).returncode == 0
    assert (home / "elders/applications" / f"{APP_ID}.desktop").is_file()
    assert _sh(home / ".local/lib" / PACKAGE_NAME / "uninstall.sh", home).returncode == 0
    assert leftover_files(home / "elders") == []


def test_install_with_sudo_is_refused(bundle, icons, tmp_path):
    if os.geteuid() != 0:
        pytest.skip("needs root to look like sudo")
    home = tmp_path / "home"
    home.mkdir()
    done = _installed(tmp_path, bundle, icons, home, SUDO_USER="jan")
    assert done.returncode == 1 and "zonder sudo" in done.stdout
    assert not (home / ".local").exists()


def test_install_without_the_app_folder_stops_and_installs_nothing(bundle, icons, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    top = _unpacked(linux.make_tarball(bundle, icons, tmp_path / "out", arch="x86_64"), tmp_path / "uit")
    shutil.rmtree(top / NAME)
    done = _sh(top / "install.sh", home)
    assert done.returncode == 1 and "Installeren lukt niet" in done.stdout
    assert not (home / ".local").exists()


def test_uninstall_when_nothing_is_installed_changes_nothing(tmp_path):
    home = tmp_path / "home"
    (home / ".local/share" / NAME).mkdir(parents=True)
    done = _sh(linux.TEMPLATES / "uninstall.sh", home)
    assert done.returncode == 0 and (home / ".local/share" / NAME).is_dir()


@pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="dpkg-deb (package dpkg) is not installed")
def test_the_deb_declares_its_needs_and_puts_the_files_in_place(bundle, icons, tmp_path):
    deb = linux.make_deb(bundle, icons, tmp_path / "out")
    fields = subprocess.run(["dpkg-deb", "--field", str(deb)], capture_output=True, text=True, check=True).stdout
    assert f"Package: {PACKAGE_NAME}" in fields and f"Version: {project_version()}" in fields
    assert "libxcb-icccm4" in fields and "xdg-utils" in fields
    contents = subprocess.run(["dpkg-deb", "--contents", str(deb)], capture_output=True, text=True).stdout
    assert f"./usr/bin/{PACKAGE_NAME} -> /opt/{PACKAGE_NAME}/{NAME}" in contents
    assert f"./usr/share/mime/packages/{APP_ID}.xml" in contents
    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    desktop = (root / "usr/share/applications" / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    assert f"Exec=/usr/bin/{PACKAGE_NAME} %f" in desktop
    assert oct((root / "opt" / PACKAGE_NAME / NAME).stat().st_mode & 0o777) == "0o755"
    assert oct(deb.stat().st_mode & 0o044) == "0o44"  # readable by everyone who gets it


def test_a_missing_build_tool_names_its_package_and_leaves_no_file(bundle, icons, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "leeg"))
    with pytest.raises(BuildError, match="dpkg-deb.*'dpkg'"):
        linux.make_deb(bundle, icons, tmp_path / "out")
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_failing_package_step_leaves_no_half_file(bundle, icons, tmp_path, monkeypatch):
    def broken_add(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tarfile.TarFile, "add", broken_add)
    with pytest.raises(OSError):
        linux.make_tarball(bundle, icons, tmp_path / "out", arch="x86_64")
    assert list((tmp_path / "out").iterdir()) == []


def test_packaging_without_a_build_says_what_to_do(icons, tmp_path):
    with pytest.raises(BuildError, match="build"):
        linux.make_tarball(tmp_path / "nothing", icons, tmp_path / "out", arch="x86_64")
