"""Text as it enters the app: from the keyboard, a paste, an imported file or a file on disk.

Whatever enters goes through :func:`clean_text` (or :func:`clean_document` for a whole loaded
document), so that nothing the app later writes, prints or lists can fail on it:

- a lone surrogate (``\\udc00``, valid in JSON's ``\\u`` escapes, not in UTF-8) would make every
  later save raise ``UnicodeEncodeError``; it becomes U+FFFD (the replacement character);
- control characters (escape sequences a terminal would obey, NUL, form feeds) are dropped;
  tabs and, where the text may have more lines, line breaks stay;
- the text is put in Unicode's composed form (NFC), so that "é" typed on a Mac and "é" typed on
  Windows are the same answer for the merge and the duplicate-name check.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

_SURROGATE = re.compile("[\ud800-\udfff]")
# C0 and C1 controls except tab and the line breaks, plus the Unicode line/paragraph separators.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
# Bidirectional overrides and isolates: in a one-line name they can make text read backwards.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Anything clean_text would change, for the fast path (nearly every text is clean already).
_NEEDS_WORK = re.compile("[\ud800-\udfff\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_NEEDS_WORK_ONE_LINE = re.compile("[\ud800-\udfff\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def clean_text(text: str, *, one_line: bool = False) -> str:
    """``text`` made safe to store, print and list; ``one_line`` also joins lines with spaces."""
    needs_work = _NEEDS_WORK_ONE_LINE if one_line else _NEEDS_WORK
    if needs_work.search(text) is None and (text.isascii() or unicodedata.is_normalized("NFC", text)):
        return text  # a plan opens with thousands of texts: most need nothing
    text = _SURROGATE.sub("\ufffd", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    if one_line:
        text = _BIDI.sub("", text.replace("\n", " ").replace("\t", " "))
    return unicodedata.normalize("NFC", text)


def clean_document(value: Any) -> Any:
    """A copy of a JSON value with every string (keys too) passed through :func:`clean_text`.

    Works without recursion, so a document nested deeper than Python's recursion limit cannot
    stop it (the JSON reader refuses such a document before it gets here anyway).
    """
    if isinstance(value, str):
        return clean_text(value)
    if not isinstance(value, dict | list):
        return value
    root: Any = {} if isinstance(value, dict) else []
    stack: list[tuple[Any, Any]] = [(value, root)]
    while stack:
        source, target = stack.pop()
        items = source.items() if isinstance(source, dict) else enumerate(source)
        for key, item in items:
            if isinstance(item, dict | list):
                copy: Any = {} if isinstance(item, dict) else []
                stack.append((item, copy))
            else:
                copy = clean_text(item) if isinstance(item, str) else item
            if isinstance(target, dict):
                target[clean_text(key) if isinstance(key, str) else key] = copy
            else:
                target.append(copy)
    return root


def needs_cleaning(text: str, *, one_line: bool = False) -> bool:
    return clean_text(text, one_line=one_line) != text
