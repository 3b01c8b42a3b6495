"""The journal file itself: where it lives, its lock, its integrity, backups, restore, deleting
everything, its passphrase.

The one place for what is done to the file rather than to the entries in it, used by the app
and the command line alike. :class:`JournalFile` works on a file that may be closed or damaged
(it never opens the journal): list its backups, find the latest good one, restore one, delete
everything, say who holds its lock. :class:`JournalFileMixin` gives an open :class:`Journal` the
same operations (it closes and reopens its engine around them) plus the integrity check and
encryption.

Importing this module loads neither SQLAlchemy nor Qt (the store's file-level modules are
standard library only), so the launcher can start the integrity probe before anything heavy is
imported.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Self

from journal.clock import Clock, SystemClock
from journal.errors import ENCRYPTION_INSTALL_HINT, StorageError, ValidationError
from journal.i18n import _
from journal.store import backup, crypto, files, probe
from journal.store.backup import BackupInfo, JournalSummary

if TYPE_CHECKING:
    from journal.service.base import JournalBase

    _MixinBase = JournalBase
else:  # the facade supplies the base; importing it here would load SQLAlchemy
    _MixinBase = object

__all__ = ["ENCRYPTION_INSTALL_HINT", "BackupInfo", "JournalFile", "JournalFileMixin",
           "JournalSummary",
           "default_journal_path", "encryption_available", "validate_passphrase"]


def default_journal_path() -> Path:
    """``$SYMPTOM_JOURNAL_DB`` if set, else the journal file in the user data folder."""
    return files.default_db_path()


def encryption_available() -> bool:
    """Whether the ``encryption`` extra (SQLCipher) is installed."""
    return crypto.available()


def validate_passphrase(passphrase: str) -> None:
    """Raise ValidationError for a passphrase too short (or padded with spaces) to protect."""
    crypto.validate_passphrase(passphrase)


class JournalFile:
    """A journal file, open elsewhere, closed, or damaged: what can be done to it as a file.

    Nothing here opens the journal; the clock stamps the backups a restore makes.
    """

    def __init__(self, path: Path | str | None = None, clock: Clock | None = None) -> None:
        given = Path(path) if path is not None else default_journal_path()
        #: The name it was given, which may be a symbolic link to the journal.
        self.given_path = given.expanduser()
        #: The journal file itself: everything here works on it, never on a link to it.
        self.path = files.real_path(given)
        self.clock: Clock = clock or SystemClock()

    # --- where it lives, who has it -----------------------------------------------------------

    def prepare_folder(self) -> None:
        """Create the journal's folder (0700), tightening it only when it is the journal's own."""
        files.ensure_private_dir(self.path.parent)

    @property
    def lock_path(self) -> Path:
        """The app's single-instance lock file beside the journal."""
        return files.lock_path(self.path)

    def instance_lock(self) -> files.InstanceLock:
        """The app's one-window lock for this journal (not taken until ``try_lock``)."""
        return files.InstanceLock(self.path)

    def lock_holder(self) -> int | None:
        """The process id of a running app that has this journal open, or None."""
        return files.app_lock_holder(self.path)

    def refuse_while_open_in_app(self) -> None:
        """Raise StorageError while a running app has this journal open."""
        pid = self.lock_holder()
        if pid is not None:
            raise StorageError(
                _("The journal is open in the app (process {pid}). Close the app first; nothing "
                  "has been changed.").format(pid=pid)
            )

    def start_integrity_probe(self) -> None:
        """Begin the start-up integrity check of the file on a thread of its own (opening the
        journal later takes its result when the file has not changed meanwhile)."""
        probe.start(self.path)

    # --- backups and restore ------------------------------------------------------------------

    def backups(self) -> list[BackupInfo]:
        """The automatic and manual backups beside the journal, newest first."""
        return backup.list_backups(self.path)

    def summary(self, of: Path | None = None, key: str | None = None) -> JournalSummary:
        """Counts and date range of this journal, or of the backup file ``of``. Reads only."""
        return backup.summarize(Path(of) if of is not None else self.path, key)

    def latest_good_backup(self, key: str | None = None) -> BackupInfo | None:
        """The newest backup that passes verification (damaged ones are skipped)."""
        return backup.latest_good_backup(self.path, key)

    def verify_backup(self, backup_path: Path, key: str | None = None) -> str:
        """Raise StorageError (PassphraseRequiredError for a protected one, DamagedFileError...)
        unless ``backup_path`` is a healthy journal; returns its schema revision. Reads only."""
        return backup.verify_backup(Path(backup_path), key)

    def restore(self, backup_path: Path, key: str | None = None, *,
                verified: bool = False) -> Path | None:
        """Replace the (closed) journal with ``backup_path``; the current file is kept first (a
        verified backup, or a byte-for-byte copy when it is damaged). A damaged backup is
        refused and nothing changes. Returns where the file from before the restore was kept.
        """
        return backup.restore(self.path, Path(backup_path), self.clock.now(), key,
                              verified=verified)

    # --- delete everything --------------------------------------------------------------------

    def files_to_delete(self) -> list[Path]:
        """What :meth:`delete_all` would remove: the journal, its side files, its backups."""
        found = [p for p in (self.path, *files.side_files(self.path)) if p.exists()]
        return found + backup.backup_files(self.path) + self._link()

    def _link(self) -> list[Path]:
        """The symbolic link the journal was reached through, if it was."""
        return [self.given_path] if self.given_path.is_symlink() else []

    def delete_all(self) -> list[Path]:
        """Remove the (closed) journal, its side files and all of its backups, and the link it
        was reached through (the real files, never only the link); returns them."""
        links = self._link()
        removed = backup.delete_all(self.path)
        for link in links:
            link.unlink(missing_ok=True)
            removed.append(link)
        return removed


class JournalFileMixin(_MixinBase):
    """The open journal's file-level operations; each closes and reopens its engine as needed."""

    @property
    def file(self) -> JournalFile:
        """This journal's file, for what works on it as a file (backups, lock, restore)."""
        return JournalFile(self.path, self.clock)

    # --- health -----------------------------------------------------------------------------

    def check(self) -> list[str]:
        """Problems found by SQLite's integrity and foreign-key checks (empty: healthy)."""
        from sqlalchemy.exc import DBAPIError

        from journal.service.base import storage_message
        from journal.store import db

        try:
            problems = db.integrity_problems(self._engine)
        except DBAPIError as exc:
            return [storage_message(exc)]
        if problems:
            return problems
        from sqlalchemy.orm import Session

        from journal.store import repository

        with Session(self._engine) as session:
            return repository.unreadable_rows(session)

    # --- data safety: backups, restore, delete everything, passphrase -----------------------

    @classmethod
    def open_with_passphrase(cls, path: Path | str, passphrase: str,
                             clock: Clock | None = None, *, create: bool = False) -> Self:
        """Open a journal protected with a passphrase (kept in memory only, never on disk)."""
        from journal.store import db

        opened = db.open_database(Path(path), create=create, key=passphrase)
        journal = cls(opened.engine, opened.path, clock, opened)
        journal._key = passphrase
        # A protection interrupted after the journal was encrypted but before its backups
        # were leaves plain backups beside it: encrypt them now, each replaced atomically.
        try:
            crypto.encrypt_backups(opened.path, passphrase)
        except BaseException:
            journal.close()
            raise
        return journal

    @property
    def passphrase_protected(self) -> bool:
        return self._key is not None

    def backups(self) -> list[BackupInfo]:
        """The automatic and manual backups beside the journal, newest first."""
        return self.file.backups()

    def summary(self, of: Path | None = None) -> JournalSummary:
        """Counts and date range of this journal, or of the backup file ``of`` (read with this
        journal's passphrase). Reads only."""
        return self.file.summary(of, self._key)

    def backup_now(self, out: Path | None = None, *, reason: str = "manual") -> Path:
        """A verified backup now: into ``backups/`` (then pruned), or to the file ``out``.
        ``reason`` names it in the backup list (``pre-import``: the restore point of an import).
        """
        key = self._key
        if out is not None:
            return backup.make_backup(self.path, self.now(), key=key, out=Path(out))
        made = backup.make_backup(self.path, self.now(), reason=reason, key=key)
        backup.prune(self.path, self.now())
        return made

    def maybe_backup(self, *, at_start: bool = False) -> Path | None:
        """Back up if the data changed since the newest backup (at start, or every few hours)."""
        return backup.maybe_backup(self.path, self.now(), at_start=at_start,
                                   key=self._key)

    def _reopen(self) -> None:
        from journal.service.base import _History
        from journal.store import db
        from journal.store.walwatch import WalWatch

        key = self._key
        opened = db.open_database(self.path, create=False, key=key)
        self._engine, self.opened = opened.engine, opened
        self._history = _History()
        # The -wal the new engine's first connection opened, watched from now on.
        self._wal_watch = WalWatch(self._engine, self.path)

    def reopen(self) -> None:
        """Close the journal and open it again, checked as at start: after its -wal was deleted
        or replaced by another program (every write is refused until then). Raises what
        opening raises (a damaged file: restore a backup); the undo history is cleared."""
        backup.checkpoint(self._engine)
        self._engine.dispose()
        self._reopen()

    def restore(self, backup_path: Path) -> Path | None:
        """Replace this journal's data with a backup; the current data is backed up first.

        A damaged backup is refused and nothing changes. Undo history is cleared. Returns where
        the data from before the restore was kept.
        """
        key = self._key
        journal_file = self.file
        journal_file.verify_backup(Path(backup_path), key)  # refuse before closing anything
        backup.checkpoint(self._engine)
        self._engine.dispose()
        try:
            kept = journal_file.restore(Path(backup_path), key, verified=True)
        finally:
            self._reopen()
        return kept

    def delete_all_data(self) -> list[Path]:
        """Close the journal and remove its file, side files and backups. Not undoable."""
        import sqlite3

        from sqlalchemy import create_engine

        from journal.service.base import _History

        def deleted() -> sqlite3.Connection:
            raise sqlite3.OperationalError("this journal was deleted")

        self._engine.dispose()
        # Any later query fails clearly instead of quietly creating a new, empty file there.
        self._engine = create_engine("sqlite://", creator=deleted)
        self._history = _History()
        return self.file.delete_all()

    def protect_with_passphrase(self, passphrase: str) -> Path:
        """Encrypt the journal and its backups (needs the ``encryption`` extra).

        A verified plain backup is made first; the file is replaced only once its encrypted
        copy holds the same data; then every backup is encrypted too. Returns the new file path.
        """
        from journal.fsutil import fsync_dir

        if self.passphrase_protected:
            raise ValidationError("passphrase", _("This journal is already protected."))
        crypto.validate_passphrase(passphrase)
        crypto.dbapi()  # explains how to install the extra before anything is touched
        # Room for the plain backup and the encrypted copy, before either is begun.
        files.ensure_room(self.path, 2 * files.journal_bytes(self.path))
        from journal.store.upgrade import fold_wal

        before = backup.fingerprint(self.path)
        backup.make_backup(self.path, self.now(), reason="pre-encryption")
        backup.checkpoint(self._engine)
        self._engine.dispose()
        staging = self.path.with_name(f".{self.path.name}.encrypting")
        try:
            # Every write in the main file and no -wal left, or refused (another program has
            # it open): removing the side files below can then lose nothing, even if killed.
            fold_wal(self.path, None)
            crypto.encrypt_file(self.path, staging, passphrase)
            if backup.fingerprint(staging, passphrase) != before:
                raise StorageError(_("The encrypted copy differs from the journal; nothing "
                                     "changed."))
            for side in files.side_files(self.path):
                side.unlink(missing_ok=True)
            staging.replace(self.path)
            fsync_dir(self.path.parent)
        except BaseException:
            staging.unlink(missing_ok=True)
            self._reopen()
            raise
        self._key = passphrase
        self._reopen()
        crypto.encrypt_backups(self.path, passphrase)
        return self.path
