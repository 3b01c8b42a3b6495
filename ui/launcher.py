"""The ``symptom-journal`` executable.

Subcommands go straight to :mod:`journal.cli` and never import Qt, so the command line works on a
machine with no display and stays fast. Only when no subcommand is given is the app imported.
"""

from __future__ import annotations

import argparse
import sys


def _start_gui(args: argparse.Namespace) -> int:
    from journal.service.journal_file import JournalFile

    # The start-up quick check reads the whole file; it runs on its own thread (SQLite lets go
    # of the GIL) while SQLAlchemy and Qt are imported and the window is built.
    JournalFile(getattr(args, "db", None)).start_integrity_probe()
    # The journal core (SQLAlchemy, the schema, the service) before Qt: once PySide6 is loaded
    # it reads the source of every module imported after it (looking for "PySide6", for its
    # ``__feature__`` switches), which made the same ~300 modules about 50 ms slower to import.
    import journal.service.facade  # noqa: F401
    from ui.app import run

    return run(args)


def main(argv: list[str] | None = None) -> int:
    from journal.cli import main as cli_main

    return cli_main(sys.argv[1:] if argv is None else argv, start_gui=_start_gui)


if __name__ == "__main__":
    sys.exit(main())
