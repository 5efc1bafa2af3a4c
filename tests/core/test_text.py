"""Text as it enters the app is made safe to store, print and list."""

from __future__ import annotations

import json
import unicodedata

from vv_desktop.core.text import clean_document, clean_text


def test_a_lone_surrogate_becomes_a_replacement_character_that_utf8_can_hold():
    cleaned = clean_text("a\udc00b")
    assert cleaned == "a\ufffdb"
    cleaned.encode("utf-8")


def test_control_characters_go_but_lines_and_tabs_stay():
    assert clean_text("rood\x1b[31m\x00\tgroen\r\nblauw") == "rood[31m\tgroen\nblauw"


def test_a_one_line_text_has_no_line_breaks_nor_bidi_overrides():
    assert clean_text("een\ntwee\u202eeert", one_line=True) == "een tweeeert"


def test_text_is_composed_so_the_same_letters_compare_equal():
    decomposed = unicodedata.normalize("NFD", "café")
    assert clean_text(decomposed) == "café"


def test_a_document_is_cleaned_everywhere_keys_included_and_keeps_its_shape():
    doc = json.loads('{"a\\udc00": [1, "x\\ud800", {"b": [null, true, "\\u001b"]}], "n": 2.5}')
    cleaned = clean_document(doc)
    assert cleaned == {"a\ufffd": [1, "x\ufffd", {"b": [None, True, ""]}], "n": 2.5}
    json.dumps(cleaned, ensure_ascii=False).encode("utf-8")


def test_a_very_deep_document_is_cleaned_without_recursion():
    deep: list = []
    node = deep
    for _ in range(5_000):
        child: list = []
        node.append(child)
        node = child
    node.append("\udc00")
    cleaned = clean_document(deep)
    for _ in range(5_000):
        cleaned = cleaned[0]
    assert cleaned == ["\ufffd"]
