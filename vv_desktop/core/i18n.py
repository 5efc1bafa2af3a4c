"""Translation hook for the Qt-free core.

The core must not import Qt, but every user-visible string has to pass through Qt's
translation machinery. The Qt layer installs ``QCoreApplication.translate`` here at start-up;
without Qt (plain tests, command line) the Dutch source text is returned as is.
"""

from __future__ import annotations

from collections.abc import Callable

_translator: Callable[[str, str], str] | None = None


def install(translator: Callable[[str, str], str] | None) -> None:
    global _translator
    _translator = translator


def translate(context: str, text: str) -> str:
    if _translator is None:
        return text
    return _translator(context, text)
