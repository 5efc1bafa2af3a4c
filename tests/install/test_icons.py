"""The icon sources are plain, self-contained SVG that Qt draws, and the build turns them into PNG, ICO and ICNS."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageChops

from installer.common import BuildError
from installer.icons import APP_ICON, DOC_ICON, ICO_SIZES, PNG_SIZES, IconSet, main, make_icons, render_svg
from vv_desktop.core.resources import icon_file
from vv_desktop.core.worksheets import PHASE_COLOURS

NAMES = (APP_ICON, DOC_ICON)
# Nothing that runs, loads from elsewhere, or that Qt's SVG Tiny renderer would quietly leave out.
FORBIDDEN = ("<script", 'href="http', "href='http", "<style", "<filter", "<mask", "<image", "<foreignobject")


@pytest.fixture(scope="module")
def icons(qapp, tmp_path_factory: pytest.TempPathFactory) -> IconSet:
    # qapp first: the session's own application, so make_icons never has to create one
    return make_icons(tmp_path_factory.mktemp("icons"))


@pytest.mark.parametrize("name", NAMES)
def test_the_svg_exists_and_qt_can_draw_it(qapp, name: str):
    from PySide6.QtSvg import QSvgRenderer

    svg = icon_file(name)
    assert svg.is_file()
    renderer = QSvgRenderer(str(svg))
    assert renderer.isValid()
    assert renderer.viewBoxF().getRect() == (0, 0, 512, 512)


@pytest.mark.parametrize("name", NAMES)
def test_qt_draws_the_svg_without_complaints(qapp, name: str):
    from PySide6.QtCore import qInstallMessageHandler

    messages: list[str] = []
    previous = qInstallMessageHandler(lambda _type, _context, text: messages.append(text))
    try:
        render_svg(icon_file(name), 64)
    finally:
        qInstallMessageHandler(previous)
    assert messages == []  # an unsupported element or attribute makes qt.svg warn


@pytest.mark.parametrize("name", NAMES)
def test_the_svg_is_self_contained(name: str):
    text = icon_file(name).read_text(encoding="utf-8").lower()
    assert [bad for bad in FORBIDDEN if bad in text] == []


@pytest.mark.parametrize("name", NAMES)
def test_the_steps_carry_the_phase_colours(name: str):
    text = icon_file(name).read_text(encoding="utf-8").lower()
    assert [colour for colour in PHASE_COLOURS.values() if colour.lower() not in text] == []


@pytest.mark.parametrize("name", NAMES)
def test_every_png_has_its_size_a_transparent_corner_and_a_solid_centre(icons: IconSet, name: str):
    pngs = icons.app_png if name == APP_ICON else icons.doc_png
    assert sorted(pngs) == list(PNG_SIZES)
    for size, path in pngs.items():
        assert path == icons.folder / f"{name}-{size}.png"
        with Image.open(path) as png:
            assert png.format == "PNG"
            assert png.size == (size, size)
            rgba = png.convert("RGBA")
        assert rgba.getpixel((0, 0))[3] == 0, f"{path.name}: the background is not transparent"
        assert rgba.getpixel((size // 2, size // 2))[3] == 255, f"{path.name}: nothing drawn in the centre"


@pytest.mark.parametrize("name", NAMES)
def test_the_ico_holds_every_size_each_drawn_at_that_size(icons: IconSet, name: str):
    ico, pngs = (icons.app_ico, icons.app_png) if name == APP_ICON else (icons.doc_ico, icons.doc_png)
    with Image.open(ico) as image:
        assert image.format == "ICO"
        assert image.info["sizes"] == {(s, s) for s in ICO_SIZES}
        for size in (16, 32, 256):
            image.size = (size, size)
            frame = image.convert("RGBA")
            with Image.open(pngs[size]) as png:
                assert ImageChops.difference(frame, png.convert("RGBA")).getbbox() is None, f"{size}: scaled"


@pytest.mark.parametrize("name", NAMES)
def test_the_icns_opens_up_to_retina_512(icons: IconSet, name: str):
    icns = icons.app_icns if name == APP_ICON else icons.doc_icns
    with Image.open(icns) as image:
        assert image.format == "ICNS"
        assert {(512, 512, 1), (512, 512, 2), (32, 32, 2)} <= set(image.info["sizes"])
        image.load()
        assert image.size == (1024, 1024)
        assert image.convert("RGBA").getpixel((512, 512))[3] == 255


def test_a_missing_svg_stops_the_build_before_anything_is_written(qapp, monkeypatch, tmp_path: Path):
    import vv_desktop.core.resources as resources

    monkeypatch.setattr(resources, "icon_file", lambda name: tmp_path / f"{name}.svg")
    out = tmp_path / "out"
    with pytest.raises(BuildError, match="is missing"):
        make_icons(out)
    assert list(out.glob("*")) == []


def test_an_svg_qt_cannot_read_is_a_build_error(qapp, tmp_path: Path):
    broken = tmp_path / "broken.svg"
    broken.write_text("<svg xmlns='http://www.w3.org/2000/svg'><rect", encoding="utf-8")
    with pytest.raises(BuildError, match="cannot render"):
        render_svg(broken, 16)


def test_the_command_says_what_is_wrong_in_one_line(qapp, monkeypatch, tmp_path: Path, capsys):
    import vv_desktop.core.resources as resources

    monkeypatch.setattr(resources, "icon_file", lambda name: tmp_path / f"{name}.svg")
    assert main([str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "is missing" in err and err.count("\n") == 1
