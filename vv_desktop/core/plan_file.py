"""The plan file: one TinyDB database per plan, read and written here only.

A plan file holds one table ``"plan"`` with one document (doc id 1), the plan itself. The plan
store reads every plan file through :func:`read_plan_doc` (a plan, and a backup being put back)
and writes it through :func:`write_plan_doc`, so the checks on what is read and the atomic write
are the same everywhere; nothing else knows TinyDB's layout.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tinydb import TinyDB

from vv_desktop.core.atomic import AtomicJSONStorage, atomic_write_bytes
from vv_desktop.core.data_folder import deeper_than
from vv_desktop.core.i18n import translate
from vv_desktop.core.schema import PlanFileError
from vv_desktop.core.text import clean_document

PLAN_FILE = "plan.json"
_TABLE = "plan"
_DOC_ID = 1
MAX_DEPTH = 64  # a plan document is about 8 levels deep: far deeper is damage, not a plan


def read_plan_doc(file: Path) -> dict[str, Any]:
    """The plan document in a TinyDB file, cleaned; :class:`PlanFileError` (a Dutch reason) when it
    cannot be read, is empty or is damaged. Whether the document is a valid plan is checked later."""
    try:
        with TinyDB(file, storage=AtomicJSONStorage) as db:
            doc = db.table(_TABLE).get(doc_id=_DOC_ID)
    except (ValueError, AttributeError, TypeError, RecursionError) as exc:  # JSON and UTF-8 errors too
        raise PlanFileError(translate("store", "het bestand is beschadigd")) from exc
    except OSError as exc:
        raise PlanFileError(translate("store", "de app kan het bestand niet lezen")) from exc
    if doc is None:
        raise PlanFileError(translate("store", "het bestand is leeg"))
    if deeper_than(doc, MAX_DEPTH):
        raise PlanFileError(translate("store", "het bestand is beschadigd"))
    # A lone surrogate (valid in JSON, not in UTF-8) would make every later save fail.
    return clean_document(dict(doc))


def write_plan_doc(file: Path, doc: dict[str, Any]) -> None:
    """Write the whole TinyDB file at once. TinyDB's own upsert would read the old file first, and
    a damaged old file would then block every save of the text the user is typing now."""
    AtomicJSONStorage(file).write({_TABLE: {str(_DOC_ID): doc}})


def write_plan_bytes(file: Path, doc_json: bytes) -> None:
    """:func:`write_plan_doc` for a document already encoded as compact UTF-8 JSON (the same bytes)."""
    atomic_write_bytes(file, b'{"%s":{"%d":%s}}' % (_TABLE.encode(), _DOC_ID, doc_json))
