"""Reading the worksheet files: TOML tables with typed access, and errors that name the file and the place.

A mistake raises :class:`WorksheetError` with a Dutch sentence ("Fout in werkblad-bestand
agenderen.toml, fields nr. 2: ..."), so a facilitator who edits a question sees what to fix.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from vv_desktop.core.i18n import translate
from vv_desktop.core.model import CLUB_KINDS
from vv_desktop.core.os_reason import os_reason

# The keys whose text may differ per kind of club (a variant: ``cultuur = { label = "..." }``).
# Ids, types and references never do: a plan's answers must fit whatever its kind.
TEXT_KEYS = frozenset({"label", "help", "placeholder", "title", "subtitle", "intro", "text", "club"})


class WorksheetError(ValueError):
    """A phase definition file is missing, unreadable or wrong; the message says where."""


class TableReader:
    """Typed access to one TOML table that reports errors with file and place.

    With a ``kind`` (a club kind), a text key reads that kind's variant when the table has one.
    """

    def __init__(self, file: Path, place: str, table: Any, kind: str = ""):
        self.file = file
        self.place = place
        self.kind = kind
        if not isinstance(table, dict):
            self.fail(translate("worksheets", "hier hoort een tabel te staan"))
        self.table: dict[str, Any] = table

    def fail(self, what: str) -> None:
        where = f"{self.file.name}, {self.place}" if self.place else self.file.name
        raise WorksheetError(
            translate("worksheets", "Fout in werkblad-bestand {where}: {what}.").format(
                where=where, what=what
            )
        )

    def only(self, keys: frozenset[str]) -> TableReader:
        """Refuse a key the code does not read: a typo would otherwise drop what it was meant for.
        A table with texts may also have a variant per club kind, holding only (some of) those texts."""
        texts = keys & TEXT_KEYS
        allowed = keys | frozenset(CLUB_KINDS) if texts else keys
        unknown = sorted(set(self.table) - allowed)
        if unknown:
            self.fail(translate("worksheets", "onbekende sleutel '{key}' (bedoel je een van: {keys}?)").format(
                key=unknown[0], keys=", ".join(sorted(allowed))))
        for kind in sorted(set(self.table) & set(CLUB_KINDS)):
            self._check_variant(kind, texts)
        return self

    def _check_variant(self, kind: str, texts: frozenset[str]) -> None:
        variant = TableReader(self.file, f"{self.place} > {kind}" if self.place else kind, self.table[kind])
        unknown = sorted(set(variant.table) - texts)
        if unknown:
            variant.fail(translate("worksheets", "onbekende sleutel '{key}': per soort club mogen alleen de teksten "
                                                 "verschillen (kies uit: {keys})").format(
                key=unknown[0], keys=", ".join(sorted(texts))))
        for key in variant.table:
            variant.text(key)

    def _variant(self, key: str) -> Any:
        """This kind's text for ``key``, or None (no kind, no variant, or the variant keeps the default)."""
        variant = self.table.get(self.kind) if self.kind else None
        return variant.get(key) if isinstance(variant, dict) else None

    def text(self, key: str, default: str | None = None) -> str:
        value = self._variant(key) if key in TEXT_KEYS else None
        if value is None:
            value = self.table.get(key, default)
        if value is None:
            self.fail(translate("worksheets", "'{key}' ontbreekt").format(key=key))
        if not isinstance(value, str):
            self.fail(translate("worksheets", "'{key}' moet tekst zijn").format(key=key))
        return value.strip()

    def nonempty(self, key: str) -> str:
        value = self.text(key)
        if not value:
            self.fail(translate("worksheets", "'{key}' is leeg").format(key=key))
        return value

    def key_id(self, key: str = "id") -> str:
        """An id that becomes part of an answer's key ('vraag/niveau/kolom'): a '/' in it would split it."""
        value = self.nonempty(key)
        if "/" in value:
            self.fail(translate("worksheets", "'{key}' mag geen '/' bevatten ('{value}')").format(key=key, value=value))
        return value

    def integer(self, key: str, default: int | None = None) -> int:
        value = self.table.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool):
            self.fail(translate("worksheets", "'{key}' moet een heel getal zijn").format(key=key))
        return value

    def tables(self, key: str, required: bool = True) -> list[TableReader]:
        value = self.table.get(key)
        if value is None:
            if required:
                self.fail(translate("worksheets", "'{key}' ontbreekt").format(key=key))
            return []
        if not isinstance(value, list):
            self.fail(translate("worksheets", "'{key}' moet een lijst zijn").format(key=key))
        prefix = f"{self.place} > " if self.place else ""
        return [TableReader(self.file, f"{prefix}{key} nr. {i + 1}", t, self.kind) for i, t in enumerate(value)]

    def strings(self, key: str) -> tuple[str, ...]:
        value = self.table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(translate("worksheets", "'{key}' moet een lijst met teksten zijn").format(key=key))
        return tuple(value)


def read_toml(file: Path) -> dict[str, Any]:
    try:
        with file.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise WorksheetError(
            translate("worksheets", "Het werkblad-bestand {name} ontbreekt.").format(name=file.name)
        ) from None
    except OSError as exc:
        raise WorksheetError(
            translate("worksheets", "De app kan het werkblad-bestand {name} niet lezen: {what}.").format(
                name=file.name, what=os_reason(exc)
            )
        ) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise WorksheetError(
            translate("worksheets", "Fout in werkblad-bestand {name}: {what}.").format(
                name=file.name, what=str(exc)
            )
        ) from None


def unique(reader: TableReader, ids: list[str], what: str) -> None:
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            reader.fail(translate("worksheets", "{what} '{id}' komt twee keer voor").format(what=what, id=i))
        seen.add(i)


def only(readers: list[TableReader], keys: frozenset[str]) -> list[TableReader]:
    return [r.only(keys) for r in readers]
