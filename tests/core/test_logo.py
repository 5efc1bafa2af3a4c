"""Checking club logos: usable images are shrunk to PNG, everything else gets a Dutch message."""

from __future__ import annotations

import io
import struct
import time
import zlib
from pathlib import Path

import pytest
from PIL import Image

from vv_desktop.core.logo import LOGO_BOX, MAX_FILE_BYTES, MAX_PIXELS, LogoError, prepare_logo

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _open_png(data: bytes) -> Image.Image:
    assert data.startswith(PNG_SIGNATURE)
    img = Image.open(io.BytesIO(data))
    assert img.format == "PNG"
    img.load()
    return img


def _gradient(size: tuple[int, int], mode: str = "RGB") -> Image.Image:
    img = Image.linear_gradient("L").resize(size)
    return Image.merge("RGB", (img, img.transpose(Image.Transpose.FLIP_LEFT_RIGHT), img)).convert(mode)


@pytest.mark.parametrize(
    ("fmt", "size", "mode", "expected"),
    [
        ("PNG", (3000, 1500), "RGBA", (1200, 600)),
        ("JPEG", (2400, 3200), "RGB", (900, 1200)),
        ("PNG", (300, 200), "RGB", (300, 200)),  # small enough already: not enlarged
        ("JPEG", (640, 480), "L", (640, 480)),
    ],
)
def test_usable_image_becomes_small_png(
    tmp_path: Path, fmt: str, size: tuple[int, int], mode: str, expected: tuple[int, int]
) -> None:
    source = tmp_path / f"logo.{fmt.lower()}"
    _gradient(size, mode).save(source, format=fmt)
    data = prepare_logo(source)
    img = _open_png(data)
    assert img.size == expected
    assert max(img.size) <= max(LOGO_BOX)
    assert img.mode == "RGBA"


def test_transparency_is_kept(tmp_path: Path) -> None:
    source = tmp_path / "logo.png"
    img = Image.new("RGBA", (50, 50), (255, 0, 0, 0))
    img.putpixel((10, 10), (0, 0, 255, 255))
    img.save(source)
    out = _open_png(prepare_logo(source))
    assert out.getpixel((0, 0))[3] == 0
    assert out.getpixel((10, 10)) == (0, 0, 255, 255)


def test_text_file_named_png_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "logo.png"
    source.write_text("Dit is geen plaatje maar een brief van de penningmeester.", "utf-8")
    with pytest.raises(LogoError) as err:
        prepare_logo(source)
    assert str(err.value) == "Dit bestand is geen plaatje dat de app kan lezen. Kies een PNG of JPG."


def test_empty_file_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "logo.png"
    source.write_bytes(b"")
    with pytest.raises(LogoError, match="geen plaatje"):
        prepare_logo(source)


def test_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(LogoError, match="bestand niet openen"):
        prepare_logo(tmp_path / "bestaat-niet.png")


@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_truncated_image_is_refused(tmp_path: Path, fmt: str) -> None:
    buf = io.BytesIO()
    _gradient((400, 300)).save(buf, format=fmt)
    source = tmp_path / f"kapot.{fmt.lower()}"
    source.write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])
    with pytest.raises(LogoError) as err:
        prepare_logo(source)
    assert "beschadigd" in str(err.value)


def test_huge_file_is_refused_with_size_in_mb(tmp_path: Path) -> None:
    source = tmp_path / "groot.png"
    with source.open("wb") as fh:  # sparse: a real PNG header, then a hole up to 25 MB
        fh.write(PNG_SIGNATURE)
        fh.truncate(25 * 1024 * 1024)
    assert source.stat().st_size > MAX_FILE_BYTES
    with pytest.raises(LogoError) as err:
        prepare_logo(source)
    assert str(err.value) == "Dit bestand is te groot (25 MB). Kies een logo kleiner dan 20 MB."


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def _png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG file whose header says ``width`` x ``height`` (grey, 8 bit); the data is a stub."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1024)  # far too little for the claimed size: decoding would fail late
    return PNG_SIGNATURE + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")


@pytest.mark.parametrize(
    "size",
    [(7000, 7000), (12000, 12000), (20000, 20000), (100_000, 1000)],
    ids=["49M-over-app-limit", "144M-over-pillow-warning", "400M-over-pillow-error", "very-wide"],
)
def test_image_with_too_many_pixels_is_refused_without_decoding(tmp_path: Path, size: tuple[int, int]) -> None:
    width, height = size
    assert width * height > MAX_PIXELS
    source = tmp_path / "bom.png"
    source.write_bytes(_png_claiming(width, height))
    assert source.stat().st_size < 10_000

    start = time.perf_counter()
    with pytest.raises(LogoError) as err:
        prepare_logo(source)
    elapsed = time.perf_counter() - start

    message = str(err.value)
    assert message.startswith("Dit plaatje is te groot (") and "pixels" in message, message
    assert message.endswith("Maak het eerst kleiner.")
    assert elapsed < 0.5  # refused from the header; decoding 400M pixels would take seconds and GBs


def test_image_just_under_the_pixel_limit_is_accepted(tmp_path: Path) -> None:
    source = tmp_path / "breed.png"
    Image.new("L", (8000, 100), 128).save(source)  # 800k pixels: fine, scaled to the box
    img = _open_png(prepare_logo(source))
    assert img.size == (1200, 15)


def _real_png(width: int, height: int, channels: int = 1) -> bytes:
    """A real PNG, small as a file (zeros compress well) but huge once decoded."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, {1: 0, 4: 6}[channels], 0, 0, 0)
    packer = zlib.compressobj(9)
    row = b"\x00" * (1 + width * channels)
    data = b"".join(packer.compress(row * min(4096, height - n)) for n in range(0, height, 4096)) + packer.flush()
    return PNG_SIGNATURE + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", data) + _chunk(b"IEND", b"")


@pytest.mark.parametrize("size", [(1, 40_000_000), (6324, 6324), (4001, 4001), (10_001, 10)],
                         ids=["1x40M-took-1.3GB", "6324-rgba-took-550MB", "just-over-16M", "side-over-10000"])
def test_a_png_that_would_take_hundreds_of_megabytes_is_refused_before_decoding(tmp_path: Path, size) -> None:
    from vv_desktop.core.logo import MAX_DECODED_PIXELS, MAX_SIDE

    width, height = size
    assert width * height > MAX_DECODED_PIXELS or max(size) > MAX_SIDE
    source = tmp_path / "groot.png"
    source.write_bytes(_real_png(width, height, 4 if width == height == 6324 else 1))
    with pytest.raises(LogoError, match="te groot"):
        prepare_logo(source)


def test_a_big_jpeg_photo_is_still_fine_it_is_decoded_at_reduced_size(tmp_path: Path) -> None:
    source = tmp_path / "foto.jpg"
    Image.new("RGB", (6000, 4000), "green").save(source, quality=50)  # 24 MP: over 16M, decoded at 1/4
    assert _open_png(prepare_logo(source)).size == (1200, 800)
