"""Keeping an open journal's write-ahead log honest: checkpointed after every write, and watched.

SQLite writes each transaction into the ``-wal`` file it opened and copies it into the main file
only at a checkpoint (by default every 1,000 pages, or when the last connection closes). If
another program deletes or replaces that ``-wal`` while the journal is open, SQLite keeps writing
into the file it holds, which no one else can see any more: a kill or a power cut then loses
every entry since the last checkpoint, and another program that opens the journal meanwhile
reads (and may write) a different journal.

Two things close that hole, both cheap next to the write itself:

- :func:`checkpoint` after every committed write copies the transaction into the main file
  (``PRAGMA wal_checkpoint(FULL)``, which the synchronous=FULL setting makes durable), so an
  entry the app has said "Saved" for is in the journal file whatever happens to its -wal;
- :class:`WalWatch` remembers which file the open connections use as their -wal (its device and
  inode, taken when the first connection opens it) and :meth:`WalWatch.ensure_same` refuses the
  next write when the file at that name has vanished or is another one.

Nothing here imports Qt; the messages go through :func:`journal.i18n._`.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.exc import SQLAlchemyError

from journal.errors import JournalFileChangedError
from journal.i18n import _

Identity = tuple[int, int]


def wal_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + "-wal")


def identity(path: Path) -> Identity | None:
    """(device, inode) of ``path``, or None when there is no such file."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


class WalWatch:
    """Which -wal file the engine's open connections write into, and whether it is still there.

    SQLite opens the -wal with the first connection and removes it when the last one closes, so
    the identity is taken again whenever a connection opens while none was open: a -wal SQLite
    itself made anew is no alarm. While any connection is open, the file at the -wal's name must
    be the one they hold.
    """

    def __init__(self, engine: Engine, db_path: Path) -> None:
        self.engine = engine
        self.db_path = Path(db_path)
        self.wal = wal_path(self.db_path)
        self._lock = threading.Lock()
        # Connections the pool opened before this watch began (the one the opening used).
        pool: Any = engine.pool
        try:
            self._open = int(pool.checkedin()) + int(pool.checkedout())
        except (AttributeError, TypeError):
            self._open = 0
        self._identity: Identity | None = identity(self.wal) if self._open else None
        #: Set once the -wal was found gone or replaced: every later write is refused.
        self.broken = False
        event.listen(engine, "connect", self._connected)
        event.listen(engine, "close", self._closed)
        event.listen(engine, "close_detached", self._closed)

    def _connected(self, _dbapi: Any, _record: Any) -> None:
        # Registered after the engine's own connect listener, which has set WAL mode: the
        # connection has opened the -wal by now.
        with self._lock:
            if self._open == 0:
                self._identity = identity(self.wal)
            self._open += 1

    def _closed(self, _dbapi: Any, _record: Any = None) -> None:
        with self._lock:
            self._open = max(0, self._open - 1)
            if self._open == 0:
                self._identity = None

    def changed(self) -> bool:
        """Whether the -wal the open connections hold is no longer the file at its name."""
        with self._lock:
            if self._open == 0 or self._identity is None:
                return False
            return identity(self.wal) != self._identity

    def note_change(self) -> bool:
        """Remember a vanished or replaced -wal, so the next write is refused. True the first
        time it is found."""
        if not self.broken and self.changed():
            self.broken = True
            return True
        return False

    def ensure_same(self) -> None:
        """Raise JournalFileChangedError when the -wal has vanished or been replaced (and from
        then on, every time: the connections still hold the old one)."""
        if self.broken or self.note_change():
            raise JournalFileChangedError(changed_message(self.db_path))


def changed_message(db_path: Path) -> str:
    return _(
        "The journal's write-ahead log ({name}-wal, beside {path}) was deleted or replaced by "
        "another program while the journal was open. Everything saved until now is in the "
        "journal file; to keep it so, nothing more is written. Close Symptom Journal and open "
        "the journal again, which checks it; if the check finds a problem, restore the latest "
        "good backup (File > Restore from backup)."
    ).format(name=db_path.name, path=db_path)


def carry_identity(connection: Any) -> None:
    """Write the journal's identity (SQLite's user_version, on page 1) again, unchanged, in the
    transaction ``connection`` has open.

    SQLite writes page 1 only when a transaction changes the page count or the free list, so an
    edit in place leaves a -wal without page 1, which says nothing of the journal it belongs
    to. Writing the same identity again puts page 1 (4 KB) into every transaction's frames, so
    every -wal this version writes names its journal, and one copied beside another journal is
    refused (:func:`journal.store.check._foreign_wal`) whatever the two files' sizes."""
    identity = connection.exec_driver_sql("PRAGMA user_version").scalar()
    if identity:
        connection.exec_driver_sql(f"PRAGMA user_version = {int(identity)}")


def checkpoint(engine: Engine) -> tuple[int, int, int] | None:
    """Copy every committed transaction from the -wal into the main file.

    ``FULL`` waits (up to the busy timeout) for readers in other programs still on an older
    snapshot, so what was just committed is in the main file when this returns; returns SQLite's
    (busy, frames in the log, frames checkpointed), or None when the checkpoint could not run.
    """
    try:
        with engine.connect() as conn:
            row = conn.exec_driver_sql("PRAGMA wal_checkpoint(FULL)").fetchone()
    except SQLAlchemyError:  # the write is committed (in the -wal); the copy waits
        return None
    if row is None:
        return None
    return int(row[0]), int(row[1]), int(row[2])
