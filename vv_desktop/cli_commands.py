"""What the sub-commands do: list, render, export, import and validate, all without a window."""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from vv_desktop.core.i18n import translate


def _fail(exc: Exception) -> int:
    print(translate("cli", "Niet gelukt: {error}").format(error=message(exc)), file=sys.stderr)
    return 1


def _store(args: argparse.Namespace):
    """The plans of the data folder; a folder that can only be read gives a store that only reads."""
    from vv_desktop.core.read_only import open_data_dir, open_store

    root, writable = open_data_dir(args.data_dir)
    return open_store(root, writable)[1]


class DataFolderInUse(RuntimeError):
    pass


def _locked(store, writes: bool = True):
    """The app's own lock: a command must not run while the window uses the same folder.

    A read-only folder is read without a lock (nothing can change there); a command that writes
    is refused there. Returns something with ``release()``.
    """
    from vv_desktop.core.folder_lock import FolderLock

    if store.read_only:
        if writes:
            raise DataFolderInUse(translate("cli", "De map {root} is alleen-lezen (bijvoorbeeld een "
                                                   "schrijfbeveiligde USB-stick). Er is niets veranderd.").format(
                root=store.root))
        return _NoLock()
    lock = FolderLock(store.root)
    if not lock.acquire(500):
        raise DataFolderInUse(lock_problem_sentence(lock))
    return lock


class _NoLock:
    def release(self) -> None:
        pass


def lock_problem_sentence(lock) -> str:
    """What a command says when the data folder is locked: who has it, and how to get past."""
    from vv_desktop.core.folder_lock import LOCK_FILE, LockProblem, describe_entry

    problem = lock.problem
    if problem.kind == LockProblem.OTHER_COMPUTER:
        return translate("cli", "De map is in gebruik door Stappenplan op de computer '{host}'. Is de app daar al "
                                "dicht (of is de USB-stick eruit gehaald terwijl hij open was)? Open dan Stappenplan "
                                "hier met deze map: de app vraagt of hij de map mag overnemen.").format(
            host=problem.host)
    if problem.kind == LockProblem.IN_USE and problem.pid and not problem.running:
        return translate("cli", "De map is vergrendeld door een ander programma op deze computer (proces {pid}), "
                                "niet door een geopende Stappenplan. Open Stappenplan met deze map: de app vraagt of "
                                "hij de map mag overnemen.").format(pid=problem.pid)
    if problem.kind in (LockProblem.READ_ONLY, LockProblem.CANNOT_WRITE):
        return cannot_write_sentence(problem.error)
    if problem.kind == LockProblem.IN_THE_WAY:
        from vv_desktop.core.os_reason import os_reason
        why = os_reason(problem.error) if problem.error is not None else "?"
        return translate("cli", "In de map {root} staat {what} met de naam '{name}' in de weg. De app kon het "
                                "geen andere naam geven ({why}). Geef het zelf een andere naam en probeer het "
                                "opnieuw. Er is niets veranderd.").format(
            root=lock.folder, what=describe_entry(problem.what), name=LOCK_FILE, why=why)
    return translate("cli", "Stappenplan is geopend met deze map. Sluit het venster eerst, of "
                            "haal het bestand binnen via Bestand > Importeren.")


def cannot_write_sentence(error: OSError | None) -> str:
    from vv_desktop.core.atomic import is_disk_full

    if is_disk_full(error):
        return translate("cli", "De schijf is vol: de app kan niets bewaren in de map. Maak ruimte "
                               "vrij en probeer het opnieuw.")
    from vv_desktop.core.os_reason import os_reason
    why = os_reason(error) if error is not None else "?"
    return translate("cli", "De app kan niets bewaren in de map ({why}). Er is niets veranderd.").format(why=why)


def _printable_output() -> None:
    """A name the console cannot show (an emoji on a Windows code page) prints as '?', not a traceback."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")


def cmd_plans(args: argparse.Namespace) -> int:
    """List the plans in the data folder."""
    _printable_output()
    store = _store(args)
    summaries, problems = store.scan()
    for s in summaries:
        print(f"{s.id}  {s.name}  ({s.club})")
    for p in problems:
        print(p.message, file=sys.stderr)
    if not summaries:
        print(translate("cli", "Nog geen plannen in {root}.").format(root=store.root))
    return 0


def configure_render(parser: argparse.ArgumentParser) -> None:
    from vv_desktop.render.kinds import KINDS

    parser.add_argument("--plan", metavar="NAAM_OF_ID",
                        help=translate("cli", "het plan (naam of id); niet nodig voor --kind blank of stellingen"))
    parser.add_argument("--kind", required=True, metavar="SOORT",
                        help=translate("cli", "wat je wilt maken: {kinds}").format(kinds=", ".join(KINDS)))
    parser.add_argument("--phase", metavar="FASE",
                        help=translate("cli", "agenderen, concretiseren, uitvoeren of verduurzamen"))
    parser.add_argument("--paper", metavar="FORMAAT", help=translate("cli", "A4, A3 of A2 (posters: A3 of A2)"))
    parser.add_argument("--all-rounds", action="store_true",
                        help=translate("cli", "werkblad: alle rondes, niet alleen de huidige"))
    parser.add_argument("-o", "--output", required=True, type=Path, metavar="BESTAND.pdf",
                        help=translate("cli", "waar de PDF komt"))


def cmd_render(args: argparse.Namespace) -> int:
    """Make a poster or PDF without opening the window."""
    from vv_desktop.core.exchange import ExchangeError
    from vv_desktop.core.schema import PlanFileError
    from vv_desktop.core.worksheets import WorksheetError, load_method
    from vv_desktop.render.fonts import FontError
    from vv_desktop.render.kinds import Request, render
    from vv_desktop.render.output import RenderError

    plan, logo, unpacked = None, None, False
    try:
        method = load_method()
        if args.plan and args.plan.lower().endswith(".vvplan") and Path(args.plan).is_file():
            plan, logo = _plan_from_file(Path(args.plan), args.output)
            unpacked = logo is not None
        elif args.plan:
            store = _store(args)  # also a read-only folder: rendering writes only the PDF
            plan = store.find(args.plan)
            logo = store.logo_file(plan.id)
        notes: list[str] = []  # what the PDF was made without (a damaged logo, a QR code): said, not an error
        out = render(Request(args.kind, args.phase, args.paper, args.all_rounds), args.output, method, plan, logo,
                     notes)
    except (RenderError, PlanFileError, WorksheetError, FontError, LookupError, ExchangeError) as exc:
        return _fail(exc)
    finally:
        if unpacked:
            shutil.rmtree(logo.parent, ignore_errors=True)  # the logo unpacked from the .vvplan file
    for note in notes:
        print(note, file=sys.stderr)
    print(out)
    return 0


def _plan_from_file(file: Path, output: Path):
    """The plan inside a .vvplan file (checked like an import), for rendering without importing it."""
    import tempfile

    from vv_desktop.core.exchange import read_exchange
    from vv_desktop.core.model import Plan
    from vv_desktop.core.sharing import full_plan

    ex = read_exchange(file)
    logo = None
    if ex.logo:
        folder = Path(tempfile.mkdtemp(prefix="stappenplan-"))
        logo = folder / "logo.png"
        logo.write_bytes(ex.logo)
    return Plan(full_plan(ex.plan, "render"), "render"), logo


def message(exc: Exception) -> str:
    return exc.args[0] if isinstance(exc, LookupError) and exc.args else str(exc)


def configure_export(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--plan", required=True, metavar="NAAM_OF_ID", help=translate("cli", "het plan (naam of id)"))
    parser.add_argument("--phase", metavar="FASE", help=translate("cli", "alleen deze fase"))
    parser.add_argument("-o", "--output", required=True, type=Path, metavar="BESTAND.vvplan",
                        help=translate("cli", "waar het bestand komt"))


def cmd_export(args: argparse.Namespace) -> int:
    from vv_desktop.core.exchange import ExchangeError
    from vv_desktop.core.schema import PlanFileError
    from vv_desktop.core.sharing import export_plan
    from vv_desktop.core.worksheets import PHASE_IDS

    _printable_output()
    if args.phase is not None and args.phase not in PHASE_IDS:
        return _fail(ValueError(translate("cli", "Onbekende fase '{phase}'. Kies uit: {phases}.").format(
            phase=args.phase, phases=", ".join(PHASE_IDS))))
    try:
        store = _store(args)
        lock = _locked(store, writes=False)
        try:
            plan = store.find(args.plan)
            out = export_plan(store, plan.id, args.output, args.phase)
        finally:
            lock.release()
    except (PlanFileError, LookupError, DataFolderInUse, OSError, ExchangeError) as exc:
        return _fail(exc)
    print(out)
    return 0


def configure_import(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="BESTAND.vvplan")


def cmd_import(args: argparse.Namespace) -> int:
    """Import without a person to ask: a conflict keeps both versions, side by side."""
    from vv_desktop.core.exchange import ExchangeError
    from vv_desktop.core.merge_policy import default_choices
    from vv_desktop.core.schema import PlanFileError
    from vv_desktop.core.sharing import finish_import, prepare_import
    from vv_desktop.core.worksheets import load_method

    try:
        store = _store(args)
        lock = _locked(store)
        try:
            outcome = prepare_import(store, args.file)
            if outcome.kind == "conflicts":
                # No person to ask: both texts side by side where they fit, my version elsewhere.
                choices = default_choices(outcome.conflicts, load_method())
                finish_import(store, outcome, choices)
                both = sum(1 for c in choices.values() if c == "both")
                print(translate("cli", "Samengevoegd in '{name}'. Op {n} plekken was op beide laptops iets anders "
                                       "ingevuld: bij {both} daarvan staan nu beide versies onder elkaar, bij de "
                                       "rest is jouw versie gehouden. Met de app kun je per vraag kiezen; de "
                                       "toestand van voor het importeren staat in backups/.").format(
                    name=outcome.name, n=len(outcome.conflicts), both=both))
            elif outcome.kind == "unchanged":
                print(translate("cli", "Dit bestand bevat niets nieuws voor '{name}'.").format(name=outcome.name))
            else:
                finish_import(store, outcome)
                text = (translate("cli", "Nieuw plan '{name}' toegevoegd.") if outcome.kind == "new" else
                        translate("cli", "De wijzigingen zijn samengevoegd in '{name}'."))
                print(text.format(name=outcome.name))
        finally:
            lock.release()
    except (ExchangeError, PlanFileError, DataFolderInUse, OSError) as exc:
        return _fail(exc)
    except MemoryError:
        return _fail(ValueError(translate("cli", "Het bestand is te groot om in te lezen. Er is niets veranderd.")))
    return 0


def configure_validate(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="BESTAND.vvplan")


def cmd_validate(args: argparse.Namespace) -> int:
    from vv_desktop.core.exchange import ExchangeError, read_exchange

    try:
        ex = read_exchange(args.file)
    except ExchangeError as exc:
        return _fail(exc)
    except MemoryError:
        return _fail(ValueError(translate("cli", "Het bestand is te groot om in te lezen.")))
    club = ex.plan["club"]["name"]["v"]
    print(translate("cli", "Het bestand is in orde: plan '{name}' van {club}.").format(
        name=ex.plan["name"]["v"], club=club or "?"))
    return 0
