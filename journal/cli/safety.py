"""Data-safety subcommands: backup, backups, restore, delete-all-data.

``restore`` works even when the journal itself is damaged (it never opens it); the current file
is kept first (a verified backup, or a byte-for-byte copy when it is damaged). Both ``restore``
and ``delete-all-data`` refuse while the app has the journal open.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journal.errors import ValidationError
from journal.i18n import N_, _, format_date, format_time

if TYPE_CHECKING:
    from journal.service.journal_file import JournalFile


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    bk = sub.add_parser("backup", parents=[common],
                        help=_("make a verified backup now (into backups/ beside the journal)"))
    bk.add_argument("--out", type=Path, metavar="FILE",
                    help=_("write the backup to this file instead"))
    bk.set_defaults(handler=cmd_backup)
    ls = sub.add_parser("backups", parents=[common], help=_("list the backups, newest first"))
    ls.set_defaults(handler=cmd_backups)
    rs = sub.add_parser("restore", parents=[common],
                        help=_("replace the journal with a backup (the current data is kept "
                               "first)"))
    rs.add_argument("file", type=Path, metavar="FILE", help=_("the backup to restore"))
    rs.set_defaults(handler=cmd_restore)
    rm = sub.add_parser("delete-all-data", parents=[common],
                        help=_("remove the journal, its side files and all its backups"))
    rm.add_argument("--yes", action="store_true",
                    help=_("really delete (without it, only says what would be removed)"))
    rm.set_defaults(handler=cmd_delete_all_data)


#: Why a backup was made, as the backups list says it (the reason is part of its file name).
BACKUP_REASONS = {
    "manual": N_("made by hand"),
    "pre-restore": N_("before a restore"),
    "pre-import": N_("before an import"),
    "pre-upgrade": N_("before an upgrade"),
    "pre-encryption": N_("before encryption"),
}


def _journal_file(ctx: Any) -> JournalFile:
    from journal.service.journal_file import JournalFile

    return JournalFile(ctx.db, ctx.clock)


def _ask_passphrase(ctx: Any, exc: Exception) -> str:
    """Ask on the terminal (never echoed, never stored); without a terminal, say why not."""
    from journal.errors import StorageError

    if not sys.stdin.isatty():
        raise StorageError(_("{0} Run this command in a terminal to type the passphrase.").format(
            exc))
    import getpass

    return getpass.getpass(_("Passphrase: "))


def _open(ctx: Any) -> Any:
    from journal.errors import PassphraseRequiredError
    from journal.service import Journal

    try:
        return ctx.open_journal(create=False)
    except PassphraseRequiredError as exc:
        passphrase = _ask_passphrase(ctx, exc)
        return Journal.open_with_passphrase(_journal_file(ctx).path, passphrase, ctx.clock)


def cmd_backup(args: argparse.Namespace, ctx: Any) -> int:
    with _open(ctx) as journal:
        made = journal.backup_now(args.out)
    print(_("Backed up to {0} (integrity checked).").format(made), file=ctx.out)
    return 0


def cmd_backups(args: argparse.Namespace, ctx: Any) -> int:
    found = _journal_file(ctx).backups()
    if not found:
        print(_("No backups yet."), file=ctx.out)
        return 0
    for b in found:
        local = b.taken_at.astimezone()
        when = f"{format_date(local.date())} {format_time(local)}"
        why = BACKUP_REASONS.get(b.reason, b.reason.replace("-", " "))
        label = _("{0} ({1})").format(when, _(why)) if why else when
        print(f"{label}\t{b.path}", file=ctx.out)
    return 0


def cmd_restore(args: argparse.Namespace, ctx: Any) -> int:
    from journal.errors import PassphraseRequiredError

    journal_file = _journal_file(ctx)
    source = Path(args.file)
    if not source.is_file():
        raise ValidationError("file", _("There is no backup at {0}.").format(source))
    journal_file.refuse_while_open_in_app()
    key: str | None = None
    try:
        journal_file.verify_backup(source)
    except PassphraseRequiredError as exc:
        key = _ask_passphrase(ctx, exc)
    kept = journal_file.restore(source, key)
    print(_("Restored {0} from {1}.").format(journal_file.path, source), file=ctx.out)
    if kept is not None:
        print(_("The data from before the restore is kept in {0}.").format(kept), file=ctx.out)
    return 0


def cmd_delete_all_data(args: argparse.Namespace, ctx: Any) -> int:
    journal_file = _journal_file(ctx)
    targets = journal_file.files_to_delete()
    if not args.yes:
        print(_("This would permanently remove {0} file(s): the journal {1}, its side files and "
                "all its backups. Run again with --yes to do it.").format(
                    len(targets), journal_file.path), file=ctx.err)
        return 2
    journal_file.refuse_while_open_in_app()
    removed = journal_file.delete_all()
    print(_("Removed {0} file(s): the journal, its side files and its backups.").format(
        len(removed)),
          file=ctx.out)
    return 0
