"""Command line: ``vv-desktop [--data-dir DIR]`` starts the app; sub-commands do work without a window.

Sub-commands are registered in ``COMMANDS`` so that later features (printing, sharing) can add
theirs without touching how the app starts.
"""

from __future__ import annotations

import argparse
import os
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


def _command(name: str) -> Callable:
    """``cli_commands.<name>``, imported when a command is used (not when the window starts)."""

    def call(*args: object) -> object:
        from vv_desktop import cli_commands

        return getattr(cli_commands, name)(*args)

    return call


# name -> (help text, configure parser, run)
COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]]] = {
    "plans": (translate("cli", "toon de plannen in de gegevensmap"), lambda p: None, _command("cmd_plans")),
    "render": (translate("cli", "maak een poster of PDF zonder venster"), _command("configure_render"),
               _command("cmd_render")),
    "export": (translate("cli", "zet een plan (of één fase) in een .vvplan-bestand om te mailen"),
               _command("configure_export"), _command("cmd_export")),
    "import": (translate("cli", "haal een .vvplan-bestand binnen (nieuw plan, of samenvoegen)"),
               _command("configure_import"), _command("cmd_import")),
    "validate": (translate("cli", "controleer een .vvplan-bestand zonder iets te veranderen"),
                 _command("configure_validate"), _command("cmd_validate")),
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
    parser.add_argument("--self-test", action="store_true",
                        help=translate("cli", "controleer zonder venster of de app goed werkt (in een tijdelijke map) "
                                              "en stop; exit-code 0 als alles werkt"))
    _add_common(parser)
    parser.add_argument("file", nargs="?", type=Path, metavar="BESTAND.vvplan",
                        help=translate("cli", "een plan van een collega om binnen te halen"))
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


def _ensure_streams() -> None:
    """Started without a console (the Windows launcher, a windowed build), print() must not fail."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 - lives as long as the app


def main(argv: Sequence[str] | None = None) -> int:
    _ensure_streams()
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
    if args.self_test:
        from vv_desktop.ui.selftest import run_self_test

        return run_self_test()
    from vv_desktop.ui.app import run_gui  # Qt is imported only when a window is needed

    return run_gui(args.data_dir, args.file)


if __name__ == "__main__":
    sys.exit(main())
