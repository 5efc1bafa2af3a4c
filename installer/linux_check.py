"""Check the Linux packages the way a user meets them, in a fresh HOME with no Python on the PATH.

The .tar.gz: unpack, ``install.sh``, then the launcher, the MIME type and the default app must be
known to the desktop (``xdg-mime``), the installed command must pass ``--self-test``, and
``xdg-open plan.vvplan`` must start the app and import the plan, also when a window is already
open. ``uninstall.sh`` must remove the program and leave the data folder as it was.
The .deb: its control fields, its files, the frozen app inside it, and that every system library
the bundle links to belongs to a package it depends on. ``--install-deb`` also installs it for
real with apt-get (root only), checks the same things system-wide and removes it again.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import tarfile
import tempfile
import time
from pathlib import Path

from installer.check import run, stop, wait_for_log
from installer.common import APP_ID, NAME, PACKAGE_NAME, PLAN_MIME_TYPE, BuildError, project_version

SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


class CheckFailed(Exception):
    pass


def fresh_env(home: Path) -> dict[str, str]:
    """A user's session: own HOME, the system PATH only (no venv, no pyenv), offscreen Qt.

    DISPLAY only needs to be set for xdg-open to look for a graphical app at all; with
    QT_QPA_PLATFORM=offscreen the app never connects to it.
    """
    env = {"HOME": str(home), "PATH": f"{home}/.local/bin:{SYSTEM_PATH}", "LANG": "C.UTF-8",
           "QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":424242", "XDG_RUNTIME_DIR": str(home / ".run")}
    (home / ".run").mkdir(mode=0o700, parents=True, exist_ok=True)
    return env


def _need(ok: bool, what: str) -> None:
    if not ok:
        raise CheckFailed(what)
    print(f"ok  {what}")


def _sample_plan(folder: Path, env: dict[str, str], exe: str) -> tuple[Path, str]:
    """Returns the file and the plan's name."""
    """A .vvplan made by the installed app itself (export of a fresh plan in a throwaway folder)."""
    scratch = folder / "collega"
    done = run([exe, "--data-dir", str(scratch), "render", "--kind", "stellingen", "-o", str(folder / "x.pdf")], env)
    if done.returncode != 0:
        raise CheckFailed(f"the installed app cannot render: {done.stderr.strip()}")
    # A plan file as a colleague would mail it; written with the source tree's exchange code.
    from vv_desktop.core.exchange import write_exchange
    from vv_desktop.core.model import Plan

    plan = Plan.new("Seizoen van de collega", "Muziekvereniging Harmonie", "collega-laptop", kind="cultuur")
    plan.set_answer("agenderen", "al_bezig", "We hebben een vertrouwenspersoon.")
    file = folder / "plan van de collega.vvplan"
    write_exchange(file, plan.doc, "collega-laptop")
    return file, plan.name


def _xdg(env: dict[str, str], *args: str) -> str:
    return run(["xdg-mime", *args], env).stdout.strip()


def _plan_named(data: Path, name: str) -> Path | None:
    for file in (data / "plans").glob("*/plan.json"):
        if name in file.read_text("utf-8", "replace"):
            return file.parent
    return None


def _stop_app_of(data: Path) -> None:
    """Stop the app that uses ``data`` (started by xdg-open, so not our child): its pid is in the lock."""
    lock = data / "stappenplan.lock"
    try:
        pid = int(lock.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return
    try:
        os.kill(pid, signal.SIGTERM)
        for _ in range(50):
            os.kill(pid, 0)
            time.sleep(0.1)
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _open_with_xdg(file: Path, env: dict[str, str], data: Path, plan_name: str, running: bool) -> None:
    """xdg-open the file (as a double-click does) and wait until the plan is in the data folder."""
    first = None
    if running:
        first = subprocess.Popen([f"{env['HOME']}/.local/bin/{PACKAGE_NAME}"], env=env, text=True,
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if not wait_for_log(data / "logs" / "stappenplan.log", "started", first, 60):
            stop(first)
            raise CheckFailed("the installed app did not start")
    # No pipe: the app xdg-open starts would inherit it, and reading it would wait for the app.
    opener = subprocess.Popen(["xdg-open", str(file)], env=env, text=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and _plan_named(data, plan_name) is None:
        time.sleep(0.2)
    imported = _plan_named(data, plan_name)
    handed_over = True
    if running:
        try:  # the second start hands the file to the first window and quits by itself
            opener.wait(30)
        except subprocess.TimeoutExpired:
            handed_over = False
    stop(opener)
    if first is not None:
        stop(first)
    _stop_app_of(data)
    how = "handed to the open window" if running else "started the app"
    _need(imported is not None and handed_over, f"xdg-open of a .vvplan {how} and the plan was imported")
    assert imported is not None
    shutil.rmtree(imported)  # so the next check starts without it


def check_tarball(tarball: Path, home: Path) -> None:
    env = fresh_env(home)
    with tarfile.open(tarball) as tar:
        tar.extractall(home / "Downloads", filter="data")
    top = next((home / "Downloads").iterdir())
    done = run(["sh", str(top / "install.sh")], env)
    _need(done.returncode == 0, f"install.sh ran: {done.stdout.strip().splitlines()[0] if done.stdout else ''}")
    share = home / ".local/share"
    desktop = share / "applications" / f"{APP_ID}.desktop"
    _need(desktop.is_file() and "@EXEC@" not in desktop.read_text(), "the launcher is installed with its path")
    if shutil.which("desktop-file-validate"):
        valid = run(["desktop-file-validate", str(desktop)], env)
        _need(valid.returncode == 0, f"the launcher is a valid .desktop file {valid.stdout.strip()}")
    _need((share / "icons/hicolor/256x256/apps" / f"{APP_ID}.png").is_file(), "the app icon is in the hicolor theme")
    _need("*.vvplan" in (share / "mime/globs2").read_text(), "the MIME database knows *.vvplan")
    _need(_xdg(env, "query", "default", PLAN_MIME_TYPE) == f"{APP_ID}.desktop",
          f"xdg-mime query default {PLAN_MIME_TYPE} names {APP_ID}.desktop")
    sample, plan_name = _sample_plan(home, env, f"{home}/.local/bin/{PACKAGE_NAME}")
    if shutil.which("mimetype"):
        _need(_xdg(env, "query", "filetype", str(sample)) == PLAN_MIME_TYPE, "a .vvplan file is recognised")
    self_test = run([f"{home}/.local/bin/{PACKAGE_NAME}", "--self-test"], env, timeout=180)
    _need(self_test.returncode == 0, "the installed command passes --self-test")
    check_real_display(f"{home}/.local/bin/{PACKAGE_NAME}", env, home / "x11-data")
    data = share / NAME
    if shutil.which("mimetype"):
        _open_with_xdg(sample, env, data, plan_name, running=False)
        _open_with_xdg(sample, env, data, plan_name, running=True)
    else:
        print("--  xdg-open not checked: 'mimetype' (Debian: libfile-mimeinfo-perl) is missing")
    done = run([f"{home}/.local/bin/{PACKAGE_NAME}", "import", str(sample)], env)
    _need(done.returncode == 0 and _plan_named(data, plan_name) is not None, "the installed command imports a .vvplan")
    before = _snapshot(data)
    done = run(["sh", str(home / ".local/lib" / PACKAGE_NAME / "uninstall.sh")], env)
    _need(done.returncode == 0, "uninstall.sh ran")
    left = leftover_files(home / ".local/share") + [p for p in (home / ".local").glob("*/*stappenplan*")]
    _need(not left, f"nothing of the app is left in ~/.local {[str(p) for p in left][:5]}")
    _need(_xdg(env, "query", "default", PLAN_MIME_TYPE) != f"{APP_ID}.desktop", "the file association is gone")
    _need(_snapshot(data) == before and before, "the data folder is untouched by uninstalling")


def leftover_files(share: Path) -> list[Path]:
    """Our files still in share/ (the data folder aside); caches the desktop tools rebuild do not count."""
    generated = {"mimeinfo.cache", "mimeapps.list", "icon-theme.cache"}
    return [p for p in share.rglob("*") if p.is_file() and p.relative_to(share).parts[0] != NAME
            and p.name not in generated
            and not (p.relative_to(share).parts[0] == "mime" and "packages" not in p.parts)]


def check_real_display(exe: str, env: dict[str, str], data: Path) -> None:
    """The window on a real X server (Xvfb), not offscreen: the xcb plugin and the system libraries it needs."""
    if not shutil.which("xvfb-run"):
        print("--  not checked on an X server: 'xvfb-run' (Debian: xvfb, xauth) is missing")
        return
    x_env = {k: v for k, v in env.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    x_env["STAPPENPLAN_QUIT_WHEN_SHOWN"] = "1"
    done = run(["xvfb-run", "-a", exe, "--data-dir", str(data)], x_env, timeout=120)
    _need(done.returncode == 0 and "could not" not in done.stderr.lower(),
          f"the window opens on an X server (xcb) {done.stderr.strip()[-300:]}")


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and "logs" not in p.parts} if folder.is_dir() else {}


def check_deb(deb: Path, root: Path) -> None:
    env = fresh_env(root / "home")
    info = run(["dpkg-deb", "--field", str(deb), "Package", "Version", "Depends"], env).stdout
    _need(f"Package: {PACKAGE_NAME}" in info and f"Version: {project_version()}" in info, "the .deb's control fields")
    contents = run(["dpkg-deb", "--contents", str(deb)], env).stdout
    for path in (f"./usr/share/applications/{APP_ID}.desktop", f"./usr/share/mime/packages/{APP_ID}.xml",
                 f"./usr/share/metainfo/{APP_ID}.metainfo.xml", f"./usr/bin/{PACKAGE_NAME}",
                 f"./usr/share/icons/hicolor/48x48/apps/{APP_ID}.png", f"./opt/{PACKAGE_NAME}/{NAME}"):
        _need(path in contents, f"the .deb has {path}")
    lines = [line for line in contents.splitlines() if line.strip()]
    _need(all(" root/root " in line for line in lines), f"all {len(lines)} entries of the .deb are owned by root")
    unpacked = root / "unpacked"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(unpacked)], check=True)
    exe = unpacked / "opt" / PACKAGE_NAME / NAME
    done = run([str(exe), "--self-test"], env, timeout=180)
    _need(done.returncode == 0, "the app inside the .deb passes --self-test")
    check_real_display(str(exe), env, root / "x11-data")
    check_depends(unpacked / "opt" / PACKAGE_NAME, info)


GLIBC = {"ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1", "libc.so.6", "libdl.so.2", "libm.so.6",
         "libpthread.so.0", "libresolv.so.2", "librt.so.1"}


def _needed(file: Path, readelf: str) -> list[str]:
    out = subprocess.run([readelf, "-d", str(file)], capture_output=True, text=True).stdout
    return [line.split("[", 1)[1].rstrip("]") for line in out.splitlines() if "(NEEDED)" in line]


def _package_of(soname: str, system_paths: dict[str, str]) -> str:
    """The Debian package that provides a library: dpkg where it is installed, else by Debian's naming rule."""
    if soname in GLIBC:
        return "libc6"
    path = system_paths.get(soname)
    for candidate in (path, os.path.realpath(path) if path else None):
        if candidate:
            found = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True).stdout
            if found:
                return found.split(":")[0].strip()
    stem, _, version = soname.partition(".so.")  # libxcb-icccm.so.4 -> libxcb-icccm4
    stem = stem.lower().replace("_", "-")
    return f"{stem}-{version}" if stem[-1].isdigit() else f"{stem}{version}"


def check_depends(bundle: Path, control: str) -> None:
    """Every library a program in the bundle links to directly is in the bundle or in Depends."""
    readelf = shutil.which("readelf")
    if readelf is None:
        print("--  Depends not checked: 'readelf' (Debian: binutils) is missing")
        return
    depends = {d.strip().split(" ")[0] for line in control.splitlines() if line.startswith("Depends:")
               for d in line.split(":", 1)[1].split(",")}
    bundled = {p.name for p in bundle.rglob("*")}
    needed: dict[str, str] = {}
    for file in bundle.rglob("*"):
        if file.parent.name == "platformthemes":
            continue  # GTK/XDG look-alike themes: Qt loads them only where the desktop has those libraries
        if file.is_file() and not file.is_symlink() and (".so" in file.name or file.name == NAME):
            for soname in _needed(file, readelf):
                if soname not in bundled:
                    needed.setdefault(soname, file.name)
    ldconfig = subprocess.run(["/sbin/ldconfig", "-p"], capture_output=True, text=True).stdout
    system_paths = {line.split()[0]: line.split("=>")[-1].strip() for line in ldconfig.splitlines()[1:] if "=>" in line}
    owners = {soname: _package_of(soname, system_paths) for soname in needed}
    missing = {soname: f"{pkg} (for {needed[soname]})" for soname, pkg in owners.items() if pkg not in depends}
    _need(not missing, f"Depends covers the {len(owners)} system libraries the bundle links to {missing}")


def check_installed_deb(deb: Path, root: Path) -> None:
    """Install the .deb for real (apt-get resolves its Depends), check it system-wide, remove it."""
    if os.geteuid() != 0:
        raise BuildError("--install-deb needs root (it runs apt-get install and apt-get remove).")
    apt = {"DEBIAN_FRONTEND": "noninteractive", **os.environ}
    subprocess.run(["apt-get", "install", "-y", "-q", str(deb.resolve())], check=True, env=apt,
                   stdout=subprocess.DEVNULL)
    try:
        home = root / "deb-home"
        env = fresh_env(home)
        _need(_xdg(env, "query", "default", PLAN_MIME_TYPE) == f"{APP_ID}.desktop",
              "system-wide: xdg-mime query default names the app")
        done = run([PACKAGE_NAME, "--self-test"], env, timeout=180)
        _need(done.returncode == 0, "system-wide: stappenplan --self-test")
        sample, plan_name = _sample_plan(home, env, PACKAGE_NAME)
        if shutil.which("mimetype"):
            _open_with_xdg(sample, env, home / ".local/share" / NAME, plan_name, running=False)
        run([PACKAGE_NAME, "import", str(sample)], env)  # leaves a plan in the data folder
    finally:
        subprocess.run(["apt-get", "remove", "-y", "-q", PACKAGE_NAME], check=True, env=apt,
                       stdout=subprocess.DEVNULL)
    _need(not Path(f"/opt/{PACKAGE_NAME}").exists(), "apt-get remove took the program away")
    _need((home / ".local/share" / NAME / "plans").is_dir(), "the user's data folder is still there")


def check_packages(dist: Path, install_deb: bool = False) -> int:
    for tool, package in (("xdg-mime", "xdg-utils"), ("update-mime-database", "shared-mime-info")):
        if not shutil.which(tool):
            raise BuildError(f"'{tool}' is needed to check the packages; install the package '{package}'.")
    tarballs = sorted(dist.glob(f"{PACKAGE_NAME}-{project_version()}-linux-*.tar.gz"))
    debs = sorted(dist.glob(f"{PACKAGE_NAME}_{project_version()}_*.deb"))
    if not tarballs or not debs:
        raise BuildError(f"no .tar.gz or .deb of version {project_version()} in {dist}: run build_installer.py first.")
    try:
        with tempfile.TemporaryDirectory(prefix="stappenplan-pkgcheck-") as tmp:
            print(f"== {tarballs[-1].name}, installed for one user in a fresh HOME")
            check_tarball(tarballs[-1], Path(tmp) / "home")
            print(f"== {debs[-1].name}")
            check_deb(debs[-1], Path(tmp) / "deb")
            if install_deb:
                print(f"== {debs[-1].name}, installed on this system")
                check_installed_deb(debs[-1], Path(tmp))
    except CheckFailed as exc:
        print(f"FAILED  {exc}")
        return 1
    print(json.dumps({"checked": [tarballs[-1].name, debs[-1].name], "install_deb": install_deb}))
    return 0
