#!/bin/sh
# The install checks of CI (after ./test): the wheel in a fresh venv, the frozen Linux build with
# its --self-test, the .deb and .tar.gz installed in a fresh HOME, and the Windows installer
# script compiled against the Linux build (a smoke test: makensis runs on Linux too).
# Run from the repository root; the same steps a developer runs by hand (see the README).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/scripts/venv.sh"
cd "$ROOT"

# Tools the package steps and their checks use (Debian names); without root, say what is missing.
PKG_DEBS="nsis xdg-utils shared-mime-info desktop-file-utils libfile-mimeinfo-perl binutils appstream dpkg \
xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-xkb1 libxkbcommon-x11-0"
missing=""
for tool in makensis xdg-mime update-mime-database desktop-file-validate mimetype readelf appstreamcli dpkg-deb \
    xvfb-run xauth; do
    command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
if [ -n "$missing" ]; then
    if can_apt; then
        # shellcheck disable=SC2086
        apt_install $PKG_DEBS || die "apt-get could not install: $PKG_DEBS"
    else
        die "Missing tools:$missing. On Debian/Ubuntu: sudo apt-get install $PKG_DEBS"
    fi
fi

say "== the wheel, installed into a fresh virtual environment"
"$VPY" scripts/check_wheel.py

say "== PyInstaller (pinned in pyproject.toml, extra 'build')"
"$VPY" -m pip install --disable-pip-version-check -q --progress-bar=off -e "$ROOT[build,dev]" >&2

say "== the Linux build: dist/Stappenplan/, its check (with --self-test), the .deb and the .tar.gz"
"$VPY" build_installer.py build
"$VPY" build_installer.py check-packages

say "== the Windows installer script, compiled against the Linux build"
"$VPY" build_installer.py windows-installer --out "$ROOT/build/windows-smoke"
