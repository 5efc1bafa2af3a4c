"""Linux packages of the one-folder build: a .deb and a portable .tar.gz with install scripts.

Both carry the same desktop integration (the files in ``installer/linux/``): the launcher
(``<APP_ID>.desktop``, the id the window sets with setDesktopFileName), the MIME type
``application/x-vvplan`` for ``*.vvplan``, AppStream metainfo and the icons in the hicolor theme.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import stat
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from installer.common import (
    APP_ID,
    NAME,
    PACKAGE_NAME,
    PLAN_MIME_TYPE,
    SUMMARY_NL,
    BuildError,
    folder_size,
    project_version,
    require_tool,
    staged_file,
)

if TYPE_CHECKING:
    from installer.icons import IconSet

TEMPLATES = Path(__file__).resolve().parent / "linux"
DOC_ICON_NAME = PLAN_MIME_TYPE.replace("/", "-")  # the theme name of a MIME type's icon
DEB_PREFIX = f"opt/{PACKAGE_NAME}"
MAINTAINER = "Vleuten Versterkt <stappenplan@vleutenversterkt.invalid>"  # no address yet: .invalid on purpose
# What the bundle links to and does not carry itself: PyInstaller copies most libraries into the
# bundle, but not glibc, the GL/EGL drivers (they must match the machine) and what the build
# machine lacked. `build_installer.py check-packages` reads every program's NEEDED entries and
# fails when one of them is not provided by a package named here. Debian 12 / Ubuntu 22.04 names.
DEB_DEPENDS = (
    "libc6", "libegl1", "libgl1", "libdrm2", "libwayland-client0", "libwayland-cursor0", "libwayland-egl1",
    "libxcb1", "libxcb-icccm4", "libxcb-keysyms1",
    # Not linked, but read at run time by the bundled fontconfig: its configuration and one font.
    "fontconfig-config", "fonts-dejavu-core",
)
DEB_RECOMMENDS = ("xdg-utils", "shared-mime-info", "desktop-file-utils", "hicolor-icon-theme")


def _template(name: str, **values: str) -> str:
    text = (TEMPLATES / name).read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace(f"@{key}@", value)
    return text


def desktop_entry(exec_path: str) -> str:
    return _template(f"{APP_ID}.desktop", EXEC=exec_path)


def metainfo(version: str, today: dt.date | None = None) -> str:
    return _template(f"{APP_ID}.metainfo.xml", VERSION=version, DATE=(today or dt.date.today()).isoformat())


def write_share_tree(share: Path, icons: IconSet, version: str, exec_path: str) -> list[Path]:
    """Lay out ``share/`` (applications, mime, metainfo, icons) as under /usr/share; returns the files."""
    files: dict[str, str | Path] = {
        f"applications/{APP_ID}.desktop": desktop_entry(exec_path),
        f"mime/packages/{APP_ID}.xml": TEMPLATES / f"{APP_ID}.xml",
        f"metainfo/{APP_ID}.metainfo.xml": metainfo(version),
        f"icons/hicolor/scalable/apps/{APP_ID}.svg": icons.app_svg,
        f"icons/hicolor/scalable/mimetypes/{DOC_ICON_NAME}.svg": icons.doc_svg,
    }
    for size, png in icons.app_png.items():
        files[f"icons/hicolor/{size}x{size}/apps/{APP_ID}.png"] = png
    for size, png in icons.doc_png.items():
        files[f"icons/hicolor/{size}x{size}/mimetypes/{DOC_ICON_NAME}.png"] = png
    written = []
    for relative, source in sorted(files.items()):
        target = share / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(source, Path):
            shutil.copyfile(source, target)
        else:
            target.write_text(source, encoding="utf-8")
        target.chmod(0o644)
        written.append(target)
    return written


def _check_bundle(bundle: Path) -> None:
    if not (bundle / NAME).is_file():
        raise BuildError(f"{bundle / NAME} does not exist: build the app folder first (python build_installer.py).")


def _normalise_modes(root: Path) -> None:
    """Files 644 and folders/programs 755, owned by nobody in particular (packages must not carry 777)."""
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        mode = path.stat().st_mode
        executable = path.is_dir() or mode & stat.S_IXUSR
        path.chmod(0o755 if executable else 0o644)


# ---------------------------------------------------------------- portable .tar.gz

def tarball_name(version: str, arch: str) -> str:
    return f"{PACKAGE_NAME}-{version}-linux-{arch}"


def make_tarball(bundle: Path, icons: IconSet, out_dir: Path, arch: str) -> Path:
    """``stappenplan-<version>-linux-<arch>.tar.gz``: the app folder, share/, install.sh, uninstall.sh."""
    _check_bundle(bundle)
    version = project_version()
    top = tarball_name(version, arch)
    with tempfile.TemporaryDirectory(prefix="stappenplan-tar-") as tmp:
        root = Path(tmp) / top
        shutil.copytree(bundle, root / NAME, symlinks=True)
        write_share_tree(root / "share", icons, version, exec_path="@EXEC@")  # install.sh fills in the path
        for script in ("install.sh", "uninstall.sh"):
            shutil.copyfile(TEMPLATES / script, root / script)
        (root / "LEESMIJ.txt").write_text(_readme(version), encoding="utf-8")
        _normalise_modes(root)
        for script in ("install.sh", "uninstall.sh"):
            (root / script).chmod(0o755)
        final = out_dir / f"{top}.tar.gz"
        with staged_file(final) as part, tarfile.open(part, "w:gz", compresslevel=6) as tar:
            tar.add(root, arcname=top, filter=_anonymous)
    return final


def _anonymous(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def _readme(version: str) -> str:
    return f"""{NAME} {version}: {SUMMARY_NL}.

Installeren (alleen voor jou, zonder beheerder): open een terminal in deze map en typ
    ./install.sh
Daarna staat {NAME} bij je programma's, en opent een .vvplan-bestand van een collega met een dubbelklik.

Zonder installeren starten kan ook: dubbelklik op {NAME}/{NAME} (of ./{NAME}/{NAME} in een terminal).

Verwijderen: ~/.local/lib/{PACKAGE_NAME}/uninstall.sh
Je plannen staan in ~/.local/share/{NAME}; die blijven altijd bewaard, ook als je de app verwijdert.
De app gebruikt geen internet.
"""


# ---------------------------------------------------------------- .deb

def deb_control(version: str, arch: str, installed_kb: int) -> str:
    return "\n".join([
        f"Package: {PACKAGE_NAME}",
        f"Version: {version}",
        f"Architecture: {arch}",
        f"Maintainer: {MAINTAINER}",
        f"Installed-Size: {installed_kb}",
        f"Depends: {', '.join(DEB_DEPENDS)}",
        f"Recommends: {', '.join(DEB_RECOMMENDS)}",
        "Section: misc",
        "Priority: optional",
        f"Description: {NAME} - {SUMMARY_NL.lower()}",
        " A step plan for sport clubs, theatre groups, music schools and neighbourhood",
        " activities to make performance pressure and the mental health of young members",
        " discussable: worksheets, posters and sharing by e-mail. Works offline.",
        "",
    ])


def deb_arch() -> str:
    dpkg = shutil.which("dpkg")
    if dpkg:
        return subprocess.run([dpkg, "--print-architecture"], capture_output=True, text=True, check=True).stdout.strip()
    return {"x86_64": "amd64", "aarch64": "arm64"}.get(os.uname().machine, os.uname().machine)


def make_deb(bundle: Path, icons: IconSet, out_dir: Path) -> Path:
    """``stappenplan_<version>_<arch>.deb``: the app in /opt/stappenplan, launcher and file type in /usr."""
    _check_bundle(bundle)
    dpkg_deb = require_tool("dpkg-deb", "dpkg")
    version, arch = project_version(), deb_arch()
    with tempfile.TemporaryDirectory(prefix="stappenplan-deb-") as tmp:
        root = Path(tmp) / "root"
        shutil.copytree(bundle, root / DEB_PREFIX, symlinks=True)
        (root / "usr/bin").mkdir(parents=True)
        (root / "usr/bin" / PACKAGE_NAME).symlink_to(f"/{DEB_PREFIX}/{NAME}")
        write_share_tree(root / "usr/share", icons, version, exec_path=f"/usr/bin/{PACKAGE_NAME}")
        doc = root / "usr/share/doc" / PACKAGE_NAME
        doc.mkdir(parents=True)
        (doc / "copyright").write_text(_copyright(), encoding="utf-8")
        _normalise_modes(root)
        installed_kb = folder_size(root) // 1024
        (root / "DEBIAN").mkdir()
        (root / "DEBIAN/control").write_text(deb_control(version, arch, installed_kb), encoding="utf-8")
        (root / "DEBIAN").chmod(0o755)
        final = out_dir / f"{PACKAGE_NAME}_{version}_{arch}.deb"
        with staged_file(final) as part:
            done = subprocess.run([dpkg_deb, "--root-owner-group", "-Zxz", "--build", str(root), str(part)],
                                  capture_output=True, text=True)
            if done.returncode != 0:
                raise BuildError(f"dpkg-deb failed: {(done.stderr or done.stdout).strip().splitlines()[-1:]}")
    return final


def _copyright() -> str:
    return f"""Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: {NAME}

Files: *
Copyright: Vleuten Versterkt
License: EUPL-1.2

Files: {DEB_PREFIX}/_internal/vv_desktop/data/assets/fonts/*
Copyright: Lato: Łukasz Dziedzic; DejaVu: the DejaVu authors
License: OFL-1.1 (Lato), Bitstream Vera / DejaVu licence (DejaVu Sans); see the LICENSE files beside the fonts

Files: {DEB_PREFIX}/_internal/*
Comment: Python, Qt (PySide6, LGPL-3.0), ReportLab (BSD), TinyDB (MIT), Pillow (MIT-CMU), platformdirs (MIT)
 bundled by PyInstaller; their licences are in the bundle's *.dist-info folders.
"""
