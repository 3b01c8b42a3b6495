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
from journal.i18n import _, npgettext, os_error_reason, pgettext, set_language

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
#: The longest error message printed: enough for any message we write, never a whole value.
MESSAGE_LIMIT = 1000


#: The context of argparse's own words in our catalogue (tools/translations.py extracts them).
ARGPARSE_CONTEXT = "argparse"


def _argparse_gettext(message: str) -> str:
    return pgettext(ARGPARSE_CONTEXT, message)


def _argparse_ngettext(singular: str, plural: str, n: int) -> str:
    return npgettext(ARGPARSE_CONTEXT, singular, plural, n)


def speak_argparse() -> None:
    """argparse writes its own words ("usage:", "the following arguments are required: %s",
    "invalid choice: ...") through ``argparse._`` and ``argparse.ngettext``, the gettext
    functions it bound at its import, looked up each time it writes. Python's documented way
    to translate them ("How to translate the argparse output") is a catalogue of argparse's
    messages and gettext bound to it: ours holds them under the context "argparse", and these
    two names now read it in the current language (English: the words as they are)."""
    setattr(argparse, "_", _argparse_gettext)  # noqa: B010 (not a typed attribute)
    setattr(argparse, "ngettext", _argparse_ngettext)  # noqa: B010


speak_argparse()


class UsageError(Exception):
    """Bad input on the command line: printed on one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line, not argparse's usage block: scripts and people both read it easily.
        raise UsageError(_("{message} (see '{prog} --help')").format(message=message, prog=PROG))


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


def requested_language(argv: Sequence[str]) -> str | None:
    """The ``--lang CODE`` (or ``--lang=CODE``) anywhere on the command line, if given."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
    return None


def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument("--lang", default=argparse.SUPPRESS, metavar="CODE",
                        help=_("language of messages, the app and reports: en, de or es "
                               "(default: the system's, from LANGUAGE or LANG)"))
    common.add_argument("--db", type=Path, default=argparse.SUPPRESS, metavar="PATH",
                        help=_("journal file (default: $SYMPTOM_JOURNAL_DB or the user data "
                               "folder)"))
    parser = _Parser(
        prog=PROG,
        description=_("A private journal for buttock and hip muscle twitches and cramps. "
        "Without a command, starts the app."),
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}",
                        help=_("show the program's version number and exit"))
    parser.add_argument("--smoke-test", action="store_true",
                        help=_("start the app, show the main window with its data, then exit 0"))
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
    from journal.errors import StorageError, ValidationError, shorten

    out = out or sys.stdout
    err = err or sys.stderr
    argv = list(sys.argv[1:] if argv is None else argv)
    # Before the parser is built, so --help and argparse's own errors speak it too.
    set_language(requested_language(argv))
    try:
        args = build_parser().parse_args(argv)
    except UsageError as exc:
        print(_("{prog}: error: {message}").format(prog=PROG, message=exc), file=err)
        return EXIT_USAGE
    except SystemExit as exc:  # --help and --version
        return int(exc.code or 0)
    from journal.service import errorlog

    errorlog.configure()  # warnings and errors to the platform's log folder, rotated
    db = getattr(args, "db", None)
    if args.command is None:
        if start_gui is None:
            print(_("{prog}: error: no command given (see '{prog} --help')").format(prog=PROG),
                  file=err)
            return EXIT_USAGE
        return start_gui(args)
    ctx = Context(db=db, clock=clock or SystemClock(), out=out, err=err)
    try:
        return int(args.handler(args, ctx))
    except (ValidationError, UsageError) as exc:
        # One line, whatever was typed or imported (a 10 MB value is quoted in part).
        message = shorten(" ".join(str(exc).split()), MESSAGE_LIMIT)
        print(_("{prog}: error: {message}").format(prog=PROG, message=message), file=err)
        return EXIT_USAGE
    except StorageError as exc:
        print(f"{PROG}: {shorten(exc, MESSAGE_LIMIT)}", file=err)
        return EXIT_STORAGE
    except BrokenPipeError:
        return EXIT_OK
    except IsADirectoryError as exc:
        print(_("{prog}: {path} is a folder; give a file name (nothing was written).").format(
            prog=PROG, path=exc.filename), file=err)
        return EXIT_STORAGE
    except OSError as exc:  # a file named on the command line that cannot be used as asked
        where = f" ({exc.filename})" if exc.filename else ""
        print(_("{prog}: {reason}{where}. Nothing was changed.").format(
            prog=PROG, reason=os_error_reason(exc), where=where), file=err)
        return EXIT_STORAGE
    except UnicodeDecodeError as exc:  # a file (or a name in one) that is not UTF-8 text
        print(_("{prog}: a file it read is not UTF-8 text (byte {byte} cannot be read). Nothing "
                "has been changed.").format(prog=PROG, byte=exc.start), file=err)
        return EXIT_STORAGE
    except UnicodeEncodeError:  # a name that the file system cannot be given
        print(_("{prog}: error: a name or value given cannot be written as text. Nothing has "
                "been changed.").format(prog=PROG), file=err)
        return EXIT_USAGE
    except ValueError as exc:
        if "null byte" not in str(exc):
            raise
        # A NUL in a file name (impossible from a shell, possible from a script's argv list).
        print(_("{prog}: error: a file name given contains a NUL character. Nothing has been "
                "changed.").format(prog=PROG), file=err)
        return EXIT_USAGE
