"""The journal file itself: integrity check, backups, restore, delete everything, passphrase."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from sqlalchemy.exc import DBAPIError

from journal.clock import Clock
from journal.errors import StorageError, ValidationError
from journal.fsutil import fsync_dir
from journal.store import db, files

if TYPE_CHECKING:
    pass

from journal.service.base import _History, storage_message
from journal.service.entries import EntriesMixin


class JournalFileMixin(EntriesMixin):
    # --- health -----------------------------------------------------------------------------

    def check(self) -> list[str]:
        """Problems found by SQLite's integrity and foreign-key checks (empty: healthy)."""
        try:
            return db.integrity_problems(self._engine)
        except DBAPIError as exc:
            return [storage_message(exc)]

    # --- data safety: backups, restore, delete everything, passphrase -----------------------

    @classmethod
    def open_with_passphrase(cls, path: Path | str, passphrase: str,
                             clock: Clock | None = None, *, create: bool = False) -> Self:
        """Open a journal protected with a passphrase (kept in memory only, never on disk)."""
        opened = db.open_database(Path(path), create=create, key=passphrase)
        journal = cls(opened.engine, opened.path, clock, opened)
        journal._key = passphrase
        return journal

    @property
    def passphrase_protected(self) -> bool:
        return self._key is not None

    def backups(self) -> list[Any]:
        """The automatic and manual backups beside the journal, newest first (BackupInfo)."""
        from journal.store import backup

        return list(backup.list_backups(self.path))

    def backup_now(self, out: Path | None = None) -> Path:
        """A verified backup now: into ``backups/`` (then pruned), or to the file ``out``."""
        from journal.store import backup

        key = self._key
        if out is not None:
            return backup.make_backup(self.path, self.now(), key=key, out=Path(out))
        made = backup.make_backup(self.path, self.now(), reason="manual", key=key)
        backup.prune(self.path, self.now())
        return made

    def maybe_backup(self, *, at_start: bool = False) -> Path | None:
        """Back up if the data changed since the newest backup (at start, or every few hours)."""
        from journal.store import backup

        return backup.maybe_backup(self.path, self.now(), at_start=at_start,
                                   key=self._key)

    def _reopen(self) -> None:
        key = self._key
        opened = db.open_database(self.path, create=False, key=key)
        self._engine, self.opened = opened.engine, opened
        self._history = _History()

    def restore(self, backup_path: Path) -> Path | None:
        """Replace this journal's data with a backup; the current data is backed up first.

        A damaged backup is refused and nothing changes. Undo history is cleared. Returns where
        the data from before the restore was kept.
        """
        from journal.store import backup

        key = self._key
        backup.verify_backup(Path(backup_path), key)  # refuse before closing anything
        backup.checkpoint(self._engine)
        self._engine.dispose()
        try:
            kept = backup.restore(self.path, Path(backup_path), self.now(), key, verified=True)
        finally:
            self._reopen()
        return kept

    def delete_all_data(self) -> list[Path]:
        """Close the journal and remove its file, side files and backups. Not undoable."""
        import sqlite3

        from sqlalchemy import create_engine

        from journal.store import backup

        def deleted() -> sqlite3.Connection:
            raise sqlite3.OperationalError("this journal was deleted")

        self._engine.dispose()
        # Any later query fails clearly instead of quietly creating a new, empty file there.
        self._engine = create_engine("sqlite://", creator=deleted)
        self._history = _History()
        return backup.delete_all(self.path)

    def protect_with_passphrase(self, passphrase: str) -> Path:
        """Encrypt the journal and its backups (needs the ``encryption`` extra).

        A verified plain backup is made first; the file is replaced only once its encrypted
        copy holds the same data; then every backup is encrypted too. Returns the new file path.
        """
        from journal.store import backup, crypto

        if self.passphrase_protected:
            raise ValidationError("passphrase", "This journal is already protected.")
        crypto.validate_passphrase(passphrase)
        crypto.dbapi()  # explains how to install the extra before anything is touched
        before = backup.fingerprint(self.path)
        backup.make_backup(self.path, self.now(), reason="pre-encryption")
        backup.checkpoint(self._engine)
        self._engine.dispose()
        staging = self.path.with_name(f".{self.path.name}.encrypting")
        try:
            crypto.encrypt_file(self.path, staging, passphrase)
            if backup.fingerprint(staging, passphrase) != before:
                raise StorageError("The encrypted copy differs from the journal; nothing changed.")
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
