"""macOS: the ``.vvplan`` file type in the app bundle's Info.plist, and a disk image to hand out.

PyInstaller's ``--windowed`` build on macOS is ``dist/Stappenplan.app``. ``patch_info_plist`` adds
what Finder needs to open plans with it; ``make_dmg`` packs the app with a link to /Applications,
so the user drags one onto the other. Editing Info.plist breaks the bundle's signature (PyInstaller
signs ad hoc on Apple Silicon): sign again afterwards (``adhoc_sign`` or a real identity).
"""

from __future__ import annotations

import datetime
import os
import plistlib
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from installer.common import (
    APP_ID,
    NAME,
    ORG_NAME,
    PLAN_EXTENSION,
    PLAN_MIME_TYPE,
    BuildError,
    require_tool,
    staged_file,
)

__all__ = ["DOC_ICON_NAME", "PLAN_UTI", "TYPE_NAME", "adhoc_sign", "document_types", "make_dmg", "patch_info_plist"]

PLAN_UTI = f"{APP_ID}{PLAN_EXTENSION}"  # nl.vleutenversterkt.Stappenplan.vvplan
TYPE_NAME = f"{NAME}-plan"
DOC_ICON_NAME = f"{NAME}-plan.icns"
MINIMUM_MACOS = "11.0"


def document_types(doc_icon_name: str) -> dict[str, Any]:
    """The Info.plist keys that make the app the owner and editor of .vvplan files."""
    extension = PLAN_EXTENSION.lstrip(".")
    return {
        "CFBundleDocumentTypes": [{
            "CFBundleTypeName": TYPE_NAME,
            "CFBundleTypeRole": "Editor",
            "LSHandlerRank": "Owner",
            "LSItemContentTypes": [PLAN_UTI],
            "CFBundleTypeIconFile": doc_icon_name,
        }],
        "UTExportedTypeDeclarations": [{
            "UTTypeIdentifier": PLAN_UTI,
            "UTTypeDescription": TYPE_NAME,
            "UTTypeConformsTo": ["public.data", "public.json"],
            "UTTypeIconFile": doc_icon_name,
            "UTTypeTagSpecification": {
                "public.filename-extension": [extension],
                "public.mime-type": [PLAN_MIME_TYPE],
            },
        }],
    }


def _copyright_year() -> int:
    """This year, or the one of SOURCE_DATE_EPOCH for a reproducible build."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).year
    return datetime.date.today().year


def info_plist_additions(version: str, doc_icon_name: str) -> dict[str, Any]:
    return {
        "CFBundleShortVersionString": version,
        "CFBundleVersion": version,
        "CFBundleDevelopmentRegion": "nl",
        "NSHighResolutionCapable": True,
        "LSMinimumSystemVersion": MINIMUM_MACOS,
        "NSHumanReadableCopyright": f"© {_copyright_year()} {ORG_NAME}",
        **document_types(doc_icon_name),
    }


def patch_info_plist(plist: Path, version: str, doc_icns: Path | None = None) -> None:
    """Add version, file type and display keys to ``Contents/Info.plist`` of the app bundle.

    With ``doc_icns`` the document icon is copied into ``Contents/Resources/`` (as
    Stappenplan-plan.icns); without it the keys name that file anyway, and Finder uses a plain icon.
    """
    if not plist.is_file():
        raise BuildError(f"{plist} does not exist: build the app on macOS first (python build_installer.py).")
    with plist.open("rb") as fh:
        info = plistlib.load(fh)
    if doc_icns is not None:
        if not doc_icns.is_file():
            raise BuildError(f"The document icon {doc_icns} does not exist.")
        resources = plist.parent / "Resources"
        resources.mkdir(exist_ok=True)
        shutil.copyfile(doc_icns, resources / DOC_ICON_NAME)
    info.update(info_plist_additions(version, DOC_ICON_NAME))
    with staged_file(plist) as temp:
        with temp.open("wb") as fh:
            plistlib.dump(info, fh, fmt=plistlib.FMT_XML, sort_keys=True)
        temp.chmod(0o644)


def adhoc_sign(app: Path) -> None:
    """Sign the bundle again ad hoc (``codesign -s -``) after its Info.plist was changed."""
    codesign = require_tool("codesign", "Xcode command line tools (macOS only)")
    done = subprocess.run([codesign, "--force", "--deep", "--sign", "-", str(app)], capture_output=True, text=True)
    if done.returncode != 0:
        lines = (done.stderr or done.stdout).strip().splitlines()
        raise BuildError(f"codesign failed (exit {done.returncode}): {lines[-1] if lines else 'no output'}")


def make_dmg(app: Path, out_file: Path) -> Path:
    """A compressed disk image with the app and a link to /Applications; all or nothing."""
    hdiutil = require_tool("hdiutil", "Xcode command line tools (macOS only)")
    if not (app / "Contents" / "Info.plist").is_file():
        raise BuildError(f"{app} is not an app bundle: build the app on macOS first (python build_installer.py).")
    out_file.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".dmg-", dir=out_file.parent) as tmp, staged_file(out_file) as temp:
        staging = Path(tmp) / NAME
        staging.mkdir()
        shutil.copytree(app, staging / app.name, symlinks=True)  # the bundle's frameworks use symlinks
        (staging / "Applications").symlink_to("/Applications")
        image = Path(tmp) / f"{NAME}.dmg"  # hdiutil adds .dmg to a name without it: not the .part name
        cmd = [hdiutil, "create", "-volname", NAME, "-srcfolder", str(staging), "-ov", "-format", "UDZO", str(image)]
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode != 0 or not image.is_file():
            lines = (done.stderr or done.stdout).strip().splitlines()
            raise BuildError(f"hdiutil create failed (exit {done.returncode}): {lines[-1] if lines else 'no output'}")
        os.replace(image, temp)
        temp.chmod(0o644)
    return out_file
