"""The command line: argparse, one module per group of subcommands.

Each group of subcommands is a module with ``register(subparsers, common)``, listed by name in
:data:`COMMAND_GROUPS`; it adds its subcommands with ``set_defaults(handler=...)``. A handler
takes ``(args, ctx)`` and returns the exit status. Keep heavy imports (matplotlib, fpdf2) inside
handlers so ``--help`` and ``list`` stay fast. No Qt.

Exit status: 0 done, 1 the file or the disk refused (a clear message), 2 bad input (a one-line
message on stderr, nothing stored).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn, TextIO

from journal import __version__
from journal.cli import core, desktop, flags, report, safety, trends
from journal.clock import Clock, SystemClock

PROG = "symptom-journal"
#: The groups' ``register`` functions, in the order their commands appear in ``--help``.
COMMAND_GROUPS: tuple[Callable[[Any, argparse.ArgumentParser], None], ...] = (
    core.register,
    flags.register,
    trends.register,
    report.register,
    safety.register,
    desktop.register,
)
EXIT_OK, EXIT_STORAGE, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad input on the command line: printed on one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line, not argparse's usage block: scripts and people both read it easily.
        raise UsageError(f"{message} (see '{PROG} --help')")


@dataclass
class Context:
    """What handlers need, passed in rather than read from globals (tests swap the clock)."""

    db: Path | None
    clock: Clock
    out: TextIO
    err: TextIO

    def open_journal(self, *, create: bool = True):  # type: ignore[no-untyped-def]
        from journal.service import Journal

        journal = Journal.open(self.db, self.clock, create=create)
        for notice in journal.opening_notices:  # e.g. an interrupted upgrade repaired
            print(f"{PROG}: {notice}", file=self.err)
        return journal


def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument("--db", type=Path, default=argparse.SUPPRESS, metavar="PATH",
                        help="journal file (default: $SYMPTOM_JOURNAL_DB or the user data folder)")
    parser = _Parser(
        prog=PROG,
        description="A private journal for buttock and hip muscle twitches and cramps. "
        "Without a command, starts the app.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument("--smoke-test", action="store_true",
                        help="start the app, show the main window with its data, then exit 0")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for register in COMMAND_GROUPS:
        register(sub, common)
    return parser


def main(
    argv: Sequence[str] | None = None,
    *,
    start_gui: Callable[[argparse.Namespace], int] | None = None,
    clock: Clock | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    from journal.errors import StorageError, ValidationError

    out = out or sys.stdout
    err = err or sys.stderr
    try:
        args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    except UsageError as exc:
        print(f"{PROG}: error: {exc}", file=err)
        return EXIT_USAGE
    except SystemExit as exc:  # --help and --version
        return int(exc.code or 0)
    from journal.service import errorlog

    errorlog.configure()  # warnings and errors to the platform's log folder, rotated
    db = getattr(args, "db", None)
    if args.command is None:
        if start_gui is None:
            print(f"{PROG}: error: no command given (see '{PROG} --help')", file=err)
            return EXIT_USAGE
        return start_gui(args)
    ctx = Context(db=db, clock=clock or SystemClock(), out=out, err=err)
    try:
        return int(args.handler(args, ctx))
    except (ValidationError, UsageError) as exc:
        print(f"{PROG}: error: {exc}", file=err)
        return EXIT_USAGE
    except StorageError as exc:
        print(f"{PROG}: {exc}", file=err)
        return EXIT_STORAGE
    except BrokenPipeError:
        return EXIT_OK
    except UnicodeDecodeError as exc:  # a file (or a name in one) that is not UTF-8 text
        print(f"{PROG}: a file it read is not UTF-8 text ({exc.reason} at byte {exc.start}). "
              "Nothing has been changed.", file=err)
        return EXIT_STORAGE
