"""Cutting user text into pieces and shortening it: nothing lost, no accent parted from its letter."""

from __future__ import annotations

import unicodedata

from hypothesis import example, given
from hypothesis import strategies as st

from vv_desktop.render.safe_text import CELL_BUDGET, ELLIPSIS, PIECE, pieces, shorten, shorten_cell

TEXT = st.lists(st.sampled_from(["x", "xxxxxxxxxx", " ", ". ", "\n", "e\u0301", "\u0308", "👍🏽", "ש", "<", "&"]),
                max_size=1500).map("".join)


@given(TEXT, st.integers(2, PIECE))
@example("x" * 26 + " \u0308x", 7)  # an accent on a space, right after the last word that fits
def test_pieces_give_the_whole_text_back_and_keep_accents_with_their_letter(text: str, size: int):
    parts = pieces(text, size)
    assert "".join(parts) == text
    assert all(len(part) <= size for part in parts)
    # An accent starts a piece only when its letter has more accents than a piece holds (then it cannot be helped).
    assert all(len(parts[n - 1]) == 1 for n, part in enumerate(parts) if n and unicodedata.combining(part[0]))


@given(TEXT)
def test_shortened_text_is_the_start_of_the_text(text: str):
    short = shorten(text, 300)
    assert short == text or (short.endswith(ELLIPSIS) and text.startswith(short[:-1].rstrip()) and len(short) <= 300)


def test_a_cell_keeps_thousands_of_words_but_not_a_word_of_100000_letters():
    prose = " ".join(f"woord{n}" for n in range(4000))
    assert shorten_cell(prose) == prose
    short = shorten_cell("x" * 100_000)
    assert short.startswith("x" * CELL_BUDGET) and len(short) < CELL_BUDGET + 100
