"""The ``symptom-journal`` executable.

Subcommands go straight to :mod:`journal.cli` and never import Qt, so the command line works on a
machine with no display and stays fast. Only when no subcommand is given is the app imported.

A command line that only starts the app (nothing, or ``--db``, ``--lang`` and ``--smoke-test``
written out in full, each once) is read here without building the command line's parser, whose
subcommand modules take about 17 ms to import and set up; anything else, including ``--help``
and abbreviations, goes to that parser as before.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence
from pathlib import Path

#: The options that start the app, and whether each takes a value.
_GUI_OPTIONS = {"--db": True, "--lang": True, "--smoke-test": False}


def gui_only_arguments(argv: Sequence[str]) -> argparse.Namespace | None:
    """What the command line's parser makes of ``argv`` when it only starts the app; None for
    anything else (a subcommand, ``--help``, an abbreviation, a repeated or unusual option),
    which the parser itself then reads."""
    values: dict[str, str | None] = {}
    i = 0
    while i < len(argv):
        name, eq, value = argv[i].partition("=")
        if name not in _GUI_OPTIONS or name in values:
            return None
        if _GUI_OPTIONS[name]:
            if not eq:
                if i + 1 >= len(argv):
                    return None
                i += 1
                value = argv[i]
            if not value or value.startswith("-"):
                return None
        elif eq:
            return None
        values[name] = value
        i += 1
    args = argparse.Namespace(command=None, smoke_test="--smoke-test" in values)
    if "--db" in values:
        args.db = Path(str(values["--db"]))
    if "--lang" in values:
        args.lang = values["--lang"]
    return args


def _start_gui(args: argparse.Namespace) -> int:
    # No cyclic garbage collection until the window has painted (ui.app turns it back on): the
    # start makes ~81,000 tracked objects and almost no garbage (122 unreachable ones at the
    # first paint, 10-year journal), yet the collector ran 178 times over them, 36-40 ms in all.
    gc.disable()
    from journal.service.journal_file import JournalFile

    # The start-up quick check reads the whole file; it runs on its own thread (SQLite lets go
    # of the GIL) while SQLAlchemy and Qt are imported and the window is built.
    JournalFile(getattr(args, "db", None)).start_integrity_probe()
    # The journal core (SQLAlchemy, the schema, the service) before Qt: once PySide6 is loaded
    # every import goes through its import hook (for its ``__feature__`` switches; it also reads
    # each new module's source, looking for "PySide6"), which made importing sqlalchemy.orm
    # 244-282 ms after Qt against 201-206 ms before it.
    # Likewise the few standard-library modules the window's start needs (the shipped files'
    # reader, the user name for the one-instance lock, HTML escaping): ui.assets.resource_path's
    # first call took 7.6 ms after Qt and 2.0 ms with importlib.readers imported before it.
    import getpass  # noqa: F401
    import html  # noqa: F401
    import importlib.readers  # noqa: F401

    import journal.service.facade  # noqa: F401
    from ui.app import run

    return run(args)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    gui = gui_only_arguments(argv)
    if gui is not None:
        gc.disable()  # as in _start_gui, from the first import on
        # What journal.cli.main does before it starts the app, without its parser.
        from journal.i18n import set_language
        from journal.service import errorlog

        set_language(getattr(gui, "lang", None))
        errorlog.configure()
        return _start_gui(gui)
    from journal.cli import main as cli_main

    return cli_main(argv, start_gui=_start_gui)


if __name__ == "__main__":
    sys.exit(main())
