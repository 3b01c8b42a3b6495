"""Opening a journal file: engine, pragmas on every connection, schema version, upgrades.

``open_database(path)`` is the one way in. It creates a new file at the current schema, opens a
current one as it is, upgrades an older one after a verified backup (Alembic is imported only
then), and refuses a file written by a newer version or one that is not a journal, leaving it
byte-identical.
"""

from __future__ import annotations

import sqlite3
import stat
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import QueuePool

from journal.errors import (  # re-exported: callers of the store catch these from here too
    DamagedFileError,
    NewerFileError,
    NotAJournalError,
    PassphraseRequiredError,
    StorageError,
    WrongPassphraseError,
)
from journal.store import files, probe
from journal.store.schema import Base

#: Every Alembic revision this version knows, oldest first. The last one is the head; a test
#: checks this list against ``migrations/versions`` so the two never drift apart.
REVISIONS: tuple[str, ...] = ("0001_initial", "0002_flag_history")
HEAD = REVISIONS[-1]
BUSY_TIMEOUT_MS = 5000


#: The first 16 bytes of every plain SQLite database.
SQLITE_HEADER = probe.SQLITE_HEADER
#: Tables a journal at the head revision must have; a file missing one is damaged.
REQUIRED_TABLES = frozenset({"episodes", "checkins", "medications", "user_triggers", "meta"})
#: Tables every revision we know has had (an older file is checked for these only).
CORE_TABLES = frozenset({"episodes", "checkins"})


@dataclass(frozen=True)
class OpenResult:
    engine: Engine
    path: Path
    created: bool
    upgraded_from: str | None
    backup: Path | None


def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    cur = dbapi_conn.cursor()
    try:
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
    finally:
        cur.close()


def make_engine(path: Path, key: str | None = None) -> Engine:
    """An engine for ``path``; with ``key`` the connections are SQLCipher ones keyed in memory."""
    connect_args: dict[str, Any] = {
        "timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False,
    }
    if key is None:
        engine = create_engine(
            f"sqlite:///{path}", poolclass=QueuePool, pool_size=2, max_overflow=2,
            connect_args=connect_args,
        )
    else:
        from journal.store import crypto

        # The key goes in through the creator, before SQLAlchemy reads anything, and is never
        # part of the URL (which ends up in logs and reprs).
        engine = create_engine(
            "sqlite://", module=crypto.dbapi(), poolclass=QueuePool, pool_size=2, max_overflow=2,
            creator=lambda: crypto.connect(path, key, **connect_args),
        )
    event.listen(engine, "connect", _on_connect)
    return engine


def _connect_readonly(path: Path, key: str | None) -> sqlite3.Connection:
    if key is None:
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    from journal.store import crypto

    conn: sqlite3.Connection = crypto.connect(path, key, readonly=True)
    return conn


def _connect_probe(path: Path, key: str | None) -> sqlite3.Connection:
    """A read-only connection for checking a file we may refuse: with no WAL beside it, opened
    immutable, so SQLite creates no -wal or -shm file next to a file it will not use."""
    path = Path(path)
    if key is None:
        return probe.connect(path)
    wal = path.with_name(path.name + "-wal")
    if wal.exists():
        return _connect_readonly(path, key)
    uri = f"file:{path}?mode=ro&immutable=1"
    from journal.store import crypto

    conn: sqlite3.Connection = crypto.dbapi().connect(uri, uri=True)
    crypto.apply_key(conn, key)
    return conn


def _dbapi_errors(key: str | None) -> tuple[type[Exception], type[Exception]]:
    """(Error, DatabaseError) of the driver used for ``key``."""
    if key is None:
        return sqlite3.Error, sqlite3.DatabaseError
    from journal.store import crypto

    module = crypto.dbapi()
    return module.Error, module.DatabaseError


def read_revision(path: Path, key: str | None = None) -> str | None:
    """The Alembic revision stored in ``path``, or None for a file with no version table.

    Raises NotAJournalError for a file SQLite cannot read. Opens read-only and writes nothing.
    """
    error, _database_error = _dbapi_errors(key)
    try:
        conn = _connect_probe(path, key)
    except error as exc:
        raise NotAJournalError(f"{path} cannot be opened: {exc}.") from exc
    try:
        tables = {
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        if "alembic_version" not in tables:
            if tables:
                raise NotAJournalError(
                    f"{path} is an SQLite database, but not a Symptom Journal file. "
                    "It has not been changed."
                )
            return None
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return str(row[0]) if row else None
    except _database_error as exc:
        raise NotAJournalError(
            f"{path} is not a Symptom Journal file, or it is damaged ({exc}). "
            "It has not been changed."
        ) from exc
    finally:
        conn.close()


def backup_copy(src_path: Path, dest: Path, key: str | None = None) -> Path:
    """Copy a live database with SQLite's backup API and verify the copy's integrity.

    With ``key`` (an encrypted journal) the copy is encrypted with the same key.
    """
    files.ensure_private_dir(dest.parent)
    tmp = dest.with_name(dest.name + ".part")
    tmp.unlink(missing_ok=True)
    files.create_private_file(tmp)
    error, _database_error = _dbapi_errors(key)
    try:
        src = _connect_readonly(src_path, key)
        try:
            if key is None:
                dst = sqlite3.connect(tmp)
            else:
                from journal.store import crypto

                dst = crypto.connect(tmp, key)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")
                result = dst.execute("PRAGMA integrity_check").fetchone()
            finally:
                dst.close()
        finally:
            src.close()
    except error as exc:
        tmp.unlink(missing_ok=True)
        raise StorageError(f"The backup of {src_path} could not be made: {exc}.") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if not result or result[0] != "ok":
        tmp.unlink(missing_ok=True)
        raise StorageError(f"The backup copy of {src_path} failed its integrity check.")
    tmp.replace(dest)
    files.fsync_dir(dest.parent)
    return dest


def backups_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def _stamp(engine: Engine, revision: str) -> None:
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "CREATE TABLE IF NOT EXISTS alembic_version ("
            "version_num VARCHAR(32) NOT NULL, "
            "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
        )
        conn.exec_driver_sql("DELETE FROM alembic_version")
        conn.exec_driver_sql("INSERT INTO alembic_version (version_num) VALUES (?)", (revision,))


def run_alembic_upgrade(engine: Engine, target: str = "head") -> None:
    """Upgrade with Alembic in batch mode, foreign keys off, one transaction per migration."""
    from importlib.resources import files as package_files

    from alembic import command
    from alembic.config import Config

    script_location = str(package_files("journal.migrations"))
    config = Config()
    config.set_main_option("script_location", script_location)
    config.set_main_option("sqlalchemy.url", str(engine.url))
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        conn.commit()
        config.attributes["connection"] = conn
        command.upgrade(config, target)
        conn.commit()
        conn.exec_driver_sql("PRAGMA foreign_keys=ON")
        problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise StorageError(f"The upgrade left {len(problems)} broken references.")


def _damaged(path: Path, what: str) -> DamagedFileError:
    return DamagedFileError(
        f"{path} {what}. It has not been changed. Restore the latest good backup "
        "(File > Restore from backup, or `symptom-journal restore FILE`) or open another file."
    )


def _looks_encrypted(size: int, header: bytes) -> bool:
    # A SQLCipher file is whole pages of random-looking bytes; plain SQLite starts with its
    # magic string. Anything else of a page-multiple size may be either damaged or encrypted.
    return size >= 1024 and size % 512 == 0 and not header.startswith(b"SQLite")


def quick_check(path: Path, key: str | None = None,
                *, full: bool = False) -> tuple[str | None, frozenset[str]]:
    """Refuse, without writing anything, a file that is not a healthy SQLite database.

    Returns the file's schema revision (None without a version table) and its table names,
    read on the same connection (with a key, each connection costs a key derivation).
    ``full`` runs the complete integrity check instead of the quick one.

    Raises DamagedFileError for an empty, truncated, damaged or non-SQLite file;
    PassphraseRequiredError for what looks like an encrypted file when no ``key`` is given;
    WrongPassphraseError when ``key`` does not open it; StorageError when it cannot be read.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise StorageError(f"{path} cannot be read: {exc.strerror or exc}.") from exc
    if size == 0:
        raise _damaged(path, "is empty (0 bytes), so it holds no journal")
    if key is None and not header.startswith(SQLITE_HEADER):
        if _looks_encrypted(size, header):
            from journal.store import crypto

            if not crypto.available():
                raise DamagedFileError(
                    f"{path} is not a plain SQLite file: it is damaged, or protected with a "
                    f"passphrase. If you protected it, {crypto.INSTALL_HINT} "
                    "Otherwise restore the latest good backup. The file has not been changed."
                )
            raise PassphraseRequiredError(
                f"{path} is protected with a passphrase (or it is damaged). "
                "Enter the passphrase to open it; the file has not been changed."
            )
        raise _damaged(path, "is not a Symptom Journal file (not SQLite), or it is damaged")
    if key is None:
        page_size = int.from_bytes(header[16:18], "big")
        page_size = 65536 if page_size == 1 else page_size
        pages = int.from_bytes(header[28:32], "big")
        valid_count = header[24:28] == header[92:96]
        if size < 100 or page_size < 512 or size % page_size:
            raise _damaged(path, "is truncated (its size is not a whole number of pages)")
        if valid_count and pages and size < pages * page_size:
            raise _damaged(path, f"is truncated ({size} of {pages * page_size} bytes are there)")
    error, database_error = _dbapi_errors(key)
    # Begun at start-up on another thread (plain files only), used if the file is unchanged.
    early = probe.take(path) if key is None and not full else None
    conn = None
    try:
        if early is None:
            conn = _connect_probe(path, key)
        elif early.connect_error is not None:
            raise early.connect_error
    except error as exc:
        raise StorageError(f"{path} cannot be opened: {exc}.") from exc
    try:
        if conn is not None:
            rows, tables, revision = probe.read(conn, full)
        else:
            assert early is not None
            if early.check_error is not None:
                raise early.check_error
            rows, tables, revision = early.rows or [], early.tables, early.revision
    except database_error as exc:
        message = str(exc)
        if key is not None and "not a database" in message:
            raise WrongPassphraseError(
                "That passphrase does not open this journal. Check it (letter case matters) "
                "and try again; nothing has been changed."
            ) from exc
        if "readonly" in message or "read-only" in message or "unable to open" in message:
            raise StorageError(
                f"{path} cannot be opened: the file or its folder is read-only, and SQLite "
                f"needs to write beside it ({message}). Nothing has been changed."
            ) from exc
        if "locked" in message or "busy" in message:
            raise StorageError(
                f"{path} is busy in another program; try again in a moment."
            ) from exc
        raise _damaged(path, f"is damaged ({message})") from exc
    finally:
        if conn is not None:
            conn.close()
    if rows != ["ok"]:
        raise _damaged(path, f"is damaged ({'; '.join(rows[:3])})")
    return revision, tables


def check_journal_tables(path: Path, revision: str | None, tables: frozenset[str]) -> str:
    """Refuse a healthy SQLite file that is not a journal we can open; returns its revision."""
    if "alembic_version" not in tables:
        if tables:
            raise NotAJournalError(
                f"{path} is an SQLite database, but not a Symptom Journal file. "
                "It has not been changed."
            )
        # No tables at all holds no journal we wrote: refuse it rather than fill it (it may
        # be someone else's empty database, or a file truncated to its header).
        raise _damaged(path, "is an empty SQLite database, not a journal")
    if revision is None:
        raise _damaged(path, "is damaged: its schema version is missing")
    if revision not in REVISIONS:
        raise NewerFileError(
            f"{path} was written by a newer version of Symptom Journal (schema {revision}). "
            "Install the newer version to open it; the file has not been changed."
        )
    required = REQUIRED_TABLES if revision == HEAD else CORE_TABLES
    missing = sorted(required - tables)
    if missing:
        raise _damaged(path, f"is damaged: the table {', '.join(missing)} is missing")
    return revision


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
    candidates: list[tuple[Path, int]] = [(db_path, files.FILE_MODE)]
    if files.is_journal_folder(folder):  # never a shared folder such as /tmp or Documents
        candidates.append((folder, files.DIR_MODE))
    candidates += [(side, files.FILE_MODE) for side in files.side_files(db_path)]
    backups = backups_dir(db_path)
    if backups.is_dir():
        if files.is_journal_folder(backups):
            candidates.append((backups, files.DIR_MODE))
        candidates += [(f, files.FILE_MODE) for f in sorted(backups.iterdir()) if f.is_file()]
    for item, allowed in candidates:
        if _strip_mode(item, allowed):
            changed.append(item)
    return changed


def open_database(path: Path, *, create: bool = True, key: str | None = None) -> OpenResult:
    """Open ``path`` (creating it when missing and ``create``), after a quick check.

    A damaged, truncated, empty or foreign file is refused with a clear message and never
    written to. ``key`` opens (or creates) a file encrypted with SQLCipher.
    """
    path = Path(path)
    if path.parent.exists():
        repair_permissions(path)
    else:
        files.ensure_private_dir(path.parent)
    exists = path.exists()
    if not exists and not create:
        raise StorageError(f"There is no journal at {path}.")
    revision: str | None = None
    if exists:
        revision = check_journal_tables(path, *quick_check(path, key))
    else:
        try:
            files.create_private_file(path)
        except OSError as exc:
            raise StorageError(
                f"A new journal cannot be created at {path}: {exc.strerror or exc}."
            ) from exc

    backup: Path | None = None
    upgraded_from: str | None = None
    created = False
    if exists and revision is not None and revision != HEAD:
        # Named like every other backup, with its reason, so the restore dialog lists it and
        # retention never prunes it (the revision it holds is inside the file).
        from journal.store.backup import backup_name

        backup = backup_copy(path, backup_name(path, datetime.now(UTC), "pre-upgrade"), key)
        upgraded_from = revision

    engine = make_engine(path, key)
    try:
        if not exists:
            Base.metadata.create_all(engine)
            _stamp(engine, HEAD)
            created = True
        elif upgraded_from is not None:
            run_alembic_upgrade(engine)
        else:
            with engine.connect() as conn:  # sets WAL now, so a read-only file fails here
                conn.exec_driver_sql("SELECT 1 FROM alembic_version").fetchall()
    except SQLAlchemyError as exc:
        engine.dispose()
        if not exists:
            _remove_new_file(path)
        text = str(getattr(exc, "orig", exc))
        lowered = text.lower()
        if "readonly" in lowered or "read-only" in lowered or "unable to open" in lowered:
            text = f"the file or its folder is read-only ({text})"
        elif "full" in lowered:
            text = f"the disk is full ({text})"
        raise StorageError(
            f"The journal at {path} cannot be opened for writing: {text}. "
            "Nothing has been changed."
        ) from exc
    except Exception:
        engine.dispose()
        if not exists:
            _remove_new_file(path)
        raise
    repair_permissions(path)
    return OpenResult(engine, path, created, upgraded_from, backup)


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
    problems += [f"broken reference in {r[0]}" for r in fk]
    return problems
