"""Reading back a PDF the app made: its pages and its text."""

from __future__ import annotations

import io
import re
from collections.abc import Callable

from pypdf import PdfReader


def pdf(build: Callable[[io.BytesIO], None]) -> PdfReader:
    fh = io.BytesIO()
    build(fh)
    fh.seek(0)
    return PdfReader(fh)


def text_of(reader: PdfReader) -> str:
    """All text, with line breaks and repeated spaces made single spaces (table cells wrap)."""
    return re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in reader.pages))
