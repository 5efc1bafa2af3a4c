"""Fixtures of the window and lock tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture
def instances(qapp: object) -> Iterator[list]:
    """Single instances made by a test; all released afterwards, so a failing test leaves no lock behind."""
    made: list = []
    yield made
    for inst in made:
        inst.release()
