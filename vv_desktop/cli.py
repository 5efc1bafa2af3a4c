"""Command line: ``vv-desktop [--data-dir DIR]`` starts the app; sub-commands do work without a window.

Sub-commands are registered in ``COMMANDS`` so that later features (printing, sharing) can add
theirs without touching how the app starts.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from vv_desktop import APP_NAME, __version__
from vv_desktop.core.i18n import translate


def _add_help(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-h", "--help", action="help", help=translate("cli", "toon deze uitleg en stop"))


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir", type=Path, metavar="MAP",
        help=translate("cli", "map voor de plannen (bijvoorbeeld op een USB-stick); "
                              "standaard de gegevensmap van je account"),
    )


def _cmd_plans(args: argparse.Namespace) -> int:
    """List the plans in the data folder."""
    from vv_desktop.core.paths import prepare_data_dir
    from vv_desktop.core.settings import Settings
    from vv_desktop.core.store import PlanStore

    root = prepare_data_dir(args.data_dir)
    store = PlanStore(root, Settings(root).device_id)
    summaries, problems = store.scan()
    for s in summaries:
        print(f"{s.id}  {s.name}  ({s.club})")
    for p in problems:
        print(p.message, file=sys.stderr)
    if not summaries:
        print(translate("cli", "Nog geen plannen in {root}.").format(root=root))
    return 0


def _configure_render(parser: argparse.ArgumentParser) -> None:
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


def _cmd_render(args: argparse.Namespace) -> int:
    """Make a poster or PDF without opening the window."""
    from vv_desktop.core.paths import prepare_data_dir
    from vv_desktop.core.schema import PlanFileError
    from vv_desktop.core.settings import Settings
    from vv_desktop.core.store import PlanStore
    from vv_desktop.core.worksheets import WorksheetError, load_method
    from vv_desktop.render.fonts import FontError
    from vv_desktop.render.kinds import Request, render
    from vv_desktop.render.output import RenderError

    try:
        method = load_method()
        plan, logo = None, None
        if args.plan:
            root = prepare_data_dir(args.data_dir)
            store = PlanStore(root, Settings(root).device_id)
            plan = store.find(args.plan)
            logo = store.logo_file(plan.id)
        out = render(Request(args.kind, args.phase, args.paper, args.all_rounds), args.output, method, plan, logo)
    except (RenderError, PlanFileError, WorksheetError, FontError, LookupError) as exc:
        print(translate("cli", "Niet gelukt: {error}").format(error=_message(exc)), file=sys.stderr)
        return 1
    print(out)
    return 0


def _message(exc: Exception) -> str:
    return exc.args[0] if isinstance(exc, LookupError) and exc.args else str(exc)


# name -> (help text, configure parser, run)
COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]]] = {
    "plans": (translate("cli", "toon de plannen in de gegevensmap"), lambda p: None, _cmd_plans),
    "render": (translate("cli", "maak een poster of PDF zonder venster"), _configure_render, _cmd_render),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vv-desktop",
        description=translate("cli",
            "{app}: werk met je club stap voor stap aan het bespreekbaar maken van prestatiedruk. "
            "Zonder opdracht start de app."
        ).format(app=APP_NAME),
        epilog=translate("cli", "Opdrachten: {commands}. Meer uitleg: vv-desktop OPDRACHT --help").format(
            commands=", ".join(COMMANDS)),
        add_help=False,
    )
    _add_help(parser)
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}",
                        help=translate("cli", "toon het versienummer en stop"))
    _add_common(parser)
    return parser


def _command_parser(name: str) -> argparse.ArgumentParser:
    help_text, configure, _ = COMMANDS[name]
    parser = argparse.ArgumentParser(prog=f"vv-desktop {name}", description=help_text, add_help=False)
    _add_help(parser)
    _add_common(parser)
    configure(parser)
    return parser


def _find_command(argv: list[str]) -> int | None:
    """Index of the sub-command in ``argv``; options such as --data-dir may stand before it."""
    skip_next = False
    for index, token in enumerate(argv):
        if skip_next:
            skip_next = False
        elif token == "--data-dir":
            skip_next = True
        elif not token.startswith("-"):
            return index if token in COMMANDS else None
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    at = _find_command(argv)
    if at is not None:
        name = argv[at]
        args = _command_parser(name).parse_args(argv[:at] + argv[at + 1:])
        try:
            return COMMANDS[name][2](args)
        except OSError as exc:
            print(translate("cli", "Dat lukt niet: {error}").format(error=exc), file=sys.stderr)
            return 1
    args = build_parser().parse_args(argv)
    from vv_desktop.ui.app import run_gui  # Qt is imported only when a window is needed

    return run_gui(args.data_dir)


if __name__ == "__main__":
    sys.exit(main())
