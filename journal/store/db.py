"""Opening a journal file: engine, pragmas on every connection, schema version, upgrades.

``open_database(path)`` is the one way in. It creates a new file at the current schema, opens a
current one as it is, upgrades an older one after a verified backup (Alembic is imported only
then), and refuses a file written by a newer version or one that is not a journal, leaving it
byte-identical.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

# The SQLite dialect is loaded here, with the rest of SQLAlchemy, not by the first
# create_engine: the app imports this module before Qt, and a module imported after PySide6
# costs more (every import then goes through its import hook); the dialect's package brings
# aiosqlite and pysqlcipher with it: 24 ms to import after Qt, 4.5 ms before it.
import sqlalchemy.dialects.sqlite  # noqa: F401
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from journal.errors import NotAJournalError, StorageError
from journal.fsutil import DIR_MODE, FILE_MODE, create_private_file
from journal.i18n import _, os_error_reason
from journal.store import files
from journal.store.check import HEAD, check_journal_tables, integrity_check
from journal.store.check import REVISIONS as REVISIONS
from journal.store.connect import connect_probe, dbapi_errors
from journal.store.engine import BUSY_TIMEOUT_MS as BUSY_TIMEOUT_MS
from journal.store.engine import make_engine as make_engine
from journal.store.engine import run_alembic_upgrade as run_alembic_upgrade
from journal.store.schema import Base


@dataclass(frozen=True)
class OpenResult:
    engine: Engine
    path: Path
    created: bool
    upgraded_from: str | None
    backup: Path | None
    #: What the person should be told about this opening (a repaired interrupted upgrade).
    notices: tuple[str, ...] = ()


def read_revision(path: Path, key: str | None = None) -> str | None:
    """The Alembic revision stored in ``path``, or None for a file with no version table.

    Raises NotAJournalError for a file SQLite cannot read. Opens read-only and writes nothing.
    """
    error, database_error = dbapi_errors(key)
    try:
        conn = connect_probe(path, key)
    except error as exc:
        raise NotAJournalError(_("{path} cannot be opened: {reason}.").format(
                                   path=path, reason=exc)) from exc
    try:
        tables = {
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        if "alembic_version" not in tables:
            if tables:
                raise NotAJournalError(
                    _("{path} is an SQLite database, but not a Symptom Journal file. It has not "
                      "been changed.").format(path=path)
                )
            return None
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return str(row[0]) if row else None
    except database_error as exc:
        raise NotAJournalError(
            _("{path} is not a Symptom Journal file, or it is damaged ({reason}). It has not "
              "been changed.").format(path=path, reason=exc)
        ) from exc
    finally:
        conn.close()


def _stamp(engine: Engine, revision: str) -> None:
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "CREATE TABLE IF NOT EXISTS alembic_version ("
            "version_num VARCHAR(32) NOT NULL, "
            "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
        )
        conn.exec_driver_sql("DELETE FROM alembic_version")
        conn.exec_driver_sql("INSERT INTO alembic_version (version_num) VALUES (?)", (revision,))


def _strip_mode(path: Path, allowed: int) -> bool:
    """Remove permission bits outside ``allowed`` (never adds any). True when changed."""
    try:
        mode = stat.S_IMODE(path.lstat().st_mode)
        if path.is_symlink() or mode & ~allowed == 0:
            return False
        path.chmod(mode & allowed)
    except (FileNotFoundError, PermissionError):
        return False
    return True


def repair_permissions(db_path: Path) -> list[Path]:
    """Make the data folder 0700 and the journal, its side files and backups 0600 at most.

    Only removes access for other people; a file the owner made read-only stays read-only.
    Returns what was changed.
    """
    changed: list[Path] = []
    folder = db_path.parent
    candidates: list[tuple[Path, int]] = [(db_path, FILE_MODE)]
    if files.is_journal_folder(folder):  # never a shared folder such as /tmp or Documents
        candidates.append((folder, DIR_MODE))
    candidates += [(side, FILE_MODE) for side in files.side_files(db_path)]
    backups = files.backups_dir(db_path)
    if backups.is_dir():
        if files.is_journal_folder(backups):
            candidates.append((backups, DIR_MODE))
        candidates += [(f, FILE_MODE) for f in sorted(backups.iterdir()) if f.is_file()]
    for item, allowed in candidates:
        if _strip_mode(item, allowed):
            changed.append(item)
    changed += _follow_main_file_mode(db_path)
    return changed


def _follow_main_file_mode(db_path: Path) -> list[Path]:
    """Give SQLite's -wal and -shm back the owner's write access the journal has again.

    SQLite creates them with the journal's own mode, so a period when the journal was
    read-only (0400) leaves a -shm of 0400 behind; once the owner makes the journal writable
    again, every write would still fail on it. Only the owner's bits are added, never others'.
    """
    changed: list[Path] = []
    try:
        main = db_path.stat()
    except OSError:
        return changed
    if not main.st_mode & stat.S_IWUSR:
        return changed
    wanted = stat.S_IMODE(main.st_mode) & FILE_MODE
    for side in files.side_files(db_path):
        try:
            st = side.lstat()
            if (stat.S_ISREG(st.st_mode) and st.st_uid == main.st_uid
                    and stat.S_IMODE(st.st_mode) & FILE_MODE != wanted):
                side.chmod(wanted)
                changed.append(side)
        except OSError:
            continue
    return changed


def open_database(path: Path, *, create: bool = True, key: str | None = None) -> OpenResult:
    """Open ``path`` (creating it when missing and ``create``), after an integrity check.

    A damaged, truncated, empty or foreign file is refused with a clear message and never
    written to. ``key`` opens (or creates) a file encrypted with SQLCipher.
    """
    path = files.real_path(path)
    if path.parent.exists():
        repair_permissions(path)
        files.clean_leftovers(path)
    else:
        files.ensure_private_dir(path.parent)
    exists = path.exists()
    if exists and not path.is_file():
        # A FIFO would hang every read, a folder or a device is no journal: refused unopened.
        raise NotAJournalError(
            _("{path} is not a regular file (it is a folder, a pipe or a device), so it is no "
              "journal. It has not been changed; open a journal file instead.").format(path=path)
        )
    if not exists and not create:
        raise StorageError(_("There is no journal at {path}.").format(path=path))
    revision: str | None = None
    tables: frozenset[str] = frozenset()
    if exists:
        revision, tables = integrity_check(path, key)
        revision = check_journal_tables(path, revision, tables)
    else:
        try:
            create_private_file(path)
        except OSError as exc:
            raise StorageError(
                _("A new journal cannot be created at {0}: {1}.").format(
                    path, os_error_reason(exc))
            ) from exc

    backup: Path | None = None
    upgraded_from: str | None = None
    created = False
    notices: list[str] = []
    if exists and revision is not None and revision != HEAD:
        from journal.store import upgrade

        now = datetime.now(UTC)
        notice = upgrade.repair_half_done(path, revision, tables, now, key)
        if notice:
            notices.append(notice)
        try:
            result = upgrade.upgrade_on_copy(path, revision, now, key)
        except (OSError, SQLAlchemyError, sqlite3.Error) as exc:
            text = str(getattr(exc, "orig", None) or getattr(exc, "strerror", None) or exc)
            raise StorageError(
                _("The journal at {path} needs an upgrade, which could not be done: "
                  "{plain_reason}. The journal has not been changed.").format(
                    path=path, plain_reason=_plain_reason(text))
            ) from exc
        backup, upgraded_from = result.backup, revision

    engine = make_engine(path, key)
    try:
        if not exists:
            Base.metadata.create_all(engine)
            _stamp(engine, HEAD)
            created = True
        with engine.connect() as conn:  # sets WAL now, so a read-only file fails here
            conn.exec_driver_sql("SELECT 1 FROM alembic_version").fetchall()
            _give_identity(conn)
    except SQLAlchemyError as exc:
        engine.dispose()
        if not exists:
            _remove_new_file(path)
        text = _plain_reason(str(getattr(exc, "orig", exc)))
        raise StorageError(
            _("The journal at {path} cannot be opened for writing: {text}. Nothing has been "
              "changed.").format(path=path, text=text)
        ) from exc
    except Exception:
        engine.dispose()
        if not exists:
            _remove_new_file(path)
        raise
    repair_permissions(path)
    low_disk = files.low_disk_warning(path)
    if low_disk is not None:
        notices.append(low_disk)
    return OpenResult(engine, path, created, upgraded_from, backup, tuple(notices))


def _give_identity(conn: Any) -> None:
    """Give the journal its identity (a random number in SQLite's user_version) if it has
    none yet: a -wal from another journal carries another one, and is then refused."""
    if conn.exec_driver_sql("PRAGMA user_version").scalar():
        return
    identity = int.from_bytes(os.urandom(4), "big") % (2**31 - 1) + 1
    conn.exec_driver_sql(f"PRAGMA user_version = {identity}")
    conn.commit()


def _plain_reason(text: str) -> str:
    lowered = text.lower()
    if "readonly" in lowered or "read-only" in lowered or "unable to open" in lowered:
        return _("the file or its folder is read-only ({text})").format(text=text)
    if "full" in lowered or "no space" in lowered:
        return _("the disk is full ({text})").format(text=text)
    return text


def _remove_new_file(path: Path) -> None:
    """Remove a journal file this call created and could not finish (never an existing one)."""
    for item in (path, *files.side_files(path)):
        item.unlink(missing_ok=True)


def integrity_problems(engine: Engine) -> list[str]:
    """Empty when the file is healthy; otherwise what SQLite found."""
    with engine.connect() as conn:
        rows = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check").fetchall()]
        fk = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    problems = [r for r in rows if r != "ok"]
    problems += [_("broken reference in {table}").format(table=r[0]) for r in fk]
    return problems
