"""The open journal's foundation: its engine, clock, sessions, undo stack and error wording.

Every part of the facade (entries, interchange, journal file, flags, trends, report) builds on
:class:`JournalBase`; :class:`Change` is what every mutation returns.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Self

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session

from journal.clock import Clock, SystemClock
from journal.errors import StorageError
from journal.i18n import _
from journal.model import (
    Episode,
    format_duration,
)
from journal.store import db, files
from journal.store.repository import bad_value
from journal.store.walwatch import WalWatch, carry_identity, changed_message, checkpoint

if TYPE_CHECKING:
    pass

Entity = Literal["episode", "checkin", "medication", "trigger", "journal"]
Action = Literal["added", "updated", "deleted", "imported", "undone", "redone"]

#: How many changes Ctrl+Z can walk back.
UNDO_DEPTH = 200



@dataclass(frozen=True)
class Change:
    """What a mutation changed: enough for a view to refresh only what it shows."""

    entity: Entity
    action: Action
    ids: tuple[str, ...] = ()
    dates: tuple[date, ...] = ()
    label: str = ""


@dataclass(frozen=True)
class _Undoable:
    entity: Entity
    key: str | date
    before: Any
    after: Any
    label: str


@dataclass
class _History:
    undo: list[_Undoable] = field(default_factory=list)
    redo: list[_Undoable] = field(default_factory=list)

    def push(self, op: _Undoable) -> None:
        self.undo.append(op)
        del self.undo[:-UNDO_DEPTH]
        self.redo.clear()


def _describe_episode(ep: Episode) -> str:
    return _("{kind} at {start} ({duration})").format(
        kind=ep.kind.value, start=f"{ep.started_at:%Y-%m-%d %H:%M}",
        duration=format_duration(ep.duration_s))


def storage_message(exc: BaseException) -> str:
    """Plain words for what went wrong under SQLAlchemy."""
    text = str(getattr(exc, "orig", exc)).lower()
    if "readonly" in text or "read-only" in text or "permission" in text:
        return _("The journal file cannot be written (it or its folder is read-only).")
    if "disk is full" in text or "full" in text:
        return _("The disk is full, so the entry could not be saved. Free some space and try "
                 "again.")
    if "locked" in text or "busy" in text:
        return _("The journal file is busy in another program; try again in a moment.")
    if "could not decode" in text:
        return _("The journal holds text that is not valid UTF-8, so it cannot be read; "
                 "restore a backup (File > Restore from backup).")
    if "malformed" in text or "not a database" in text:
        return _("The journal file is damaged; restore a backup (File > Restore from backup).")
    return _("The journal file could not be written: {reason}.").format(
        reason=getattr(exc, "orig", exc))


class JournalBase:
    """An open journal file. Use as a context manager or call :meth:`close`."""

    def __init__(self, engine: Engine, path: Path, clock: Clock | None = None,
                 opened: db.OpenResult | None = None) -> None:
        self._engine = engine
        self.path = Path(path)
        self.clock: Clock = clock or SystemClock()
        self.opened = opened
        self._history = _History()
        #: Transactions written through this object (cached results compare it).
        self.writes = 0
        #: The passphrase of an encrypted journal, in memory only (never written anywhere).
        self._key: str | None = None
        #: Called before every change to the person's entries (not the flag history): raising
        #: refuses the change before anything is written. The app sets it on a sample journal
        #: so nothing is logged into made-up data without the person choosing to.
        self.entry_write_guard: Callable[[], None] | None = None
        #: Which -wal file this journal writes into; a write is refused once it is gone.
        self._wal_watch = WalWatch(engine, self.path)
        #: Called once, with what to tell the person, when that -wal is found deleted or
        #: replaced (the app then offers to reopen the journal, which checks it, or a restore).
        self.on_file_changed: Callable[[str], None] | None = None

    # --- lifetime ---------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str | None = None, clock: Clock | None = None,
             *, create: bool = True) -> Self:
        target = Path(path) if path is not None else files.default_db_path()
        opened = db.open_database(target, create=create)
        return cls(opened.engine, opened.path, clock, opened)

    @property
    def opening_notices(self) -> tuple[str, ...]:
        """What the person should be told about how the file was opened (an interrupted
        upgrade repaired from its backup); empty almost always."""
        return self.opened.notices if self.opened is not None else ()

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def engine(self) -> Engine:
        return self._engine

    def now(self) -> datetime:
        return self.clock.now()

    def today(self) -> date:
        return self.clock.now().date()

    @contextlib.contextmanager
    def _read(self) -> Iterator[Session]:
        try:
            with Session(self._engine) as session:
                yield session
        except DBAPIError as exc:
            raise StorageError(storage_message(exc)) from exc
        except (ValueError, TypeError) as exc:
            # A stored value the column's type cannot read back (JSON that is not JSON, a
            # date that is not one): a clear message, never a traceback. Input is validated
            # before any session is opened, so a ValidationError here is about stored data.
            raise bad_value("journal", None, exc) from exc

    @property
    def is_sample_data(self) -> bool:
        """Whether this file is a sample journal (made-up entries written by ``demo``)."""
        from journal.store import repository as repo

        with self._read() as s:
            return repo.get_meta(s, repo.SAMPLE_DATA_KEY) == "1"

    @contextlib.contextmanager
    def _entry_write(self) -> Iterator[Session]:
        """:meth:`_write` for the person's entries, asking :attr:`entry_write_guard` first."""
        if self.entry_write_guard is not None:
            self.entry_write_guard()
        with self._write() as session:
            yield session

    @contextlib.contextmanager
    def _write(self) -> Iterator[Session]:
        """One transaction; any storage failure rolls it back whole and becomes StorageError.

        On a nearly full disk it is refused before anything is written (LowDiskError); once
        the journal's -wal was deleted or replaced by another program, every write is refused
        (JournalFileChangedError). A committed write is copied into the main file at once, so
        what was acknowledged does not depend on the -wal staying where it is."""
        watch = self._wal_watch
        if watch.engine is not self._engine:  # reopened (a restore, a passphrase)
            watch = self._wal_watch = WalWatch(self._engine, self.path)
        was_broken = watch.broken
        try:
            watch.ensure_same()
        except StorageError:
            if not was_broken:
                self._file_changed()
            raise
        files.ensure_room(self.path)
        try:
            with Session(self._engine) as session, session.begin():
                yield session
                carry_identity(session.connection())
        except (DBAPIError, SQLAlchemyError) as exc:
            raise StorageError(storage_message(exc)) from exc
        finally:
            # Whatever happened, results computed before may no longer match the file.
            self.writes += 1
        checkpoint(self._engine)
        # Vanished during this write: what it wrote was copied into the main file just now
        # (through the -wal SQLite still holds), so it stands; the next write is refused.
        if watch.note_change():
            self._file_changed()

    def _file_changed(self) -> None:
        if self.on_file_changed is not None:
            self.on_file_changed(changed_message(self.path))
        # No blanket ValueError -> "restore a backup" here: stored rows that cannot be read raise
        # BadStoredValueError where they are read (repository._reads_stored), and any other
        # ValueError in a write is a fault of ours; advising a restore for it would cost the
        # person their recent entries.
