"""Opening a journal file: engine, pragmas on every connection, schema version, upgrades.

``open_database(path)`` is the one way in. It creates a new file at the current schema, opens a
current one as it is, upgrades an older one after a verified backup (Alembic is imported only
then), and refuses a file written by a newer version or one that is not a journal, leaving it
byte-identical.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from journal.store import files
from journal.store.schema import Base

#: Every Alembic revision this version knows, oldest first. The last one is the head; a test
#: checks this list against ``migrations/versions`` so the two never drift apart.
REVISIONS: tuple[str, ...] = ("0001_initial",)
HEAD = REVISIONS[-1]
BUSY_TIMEOUT_MS = 5000


class StorageError(Exception):
    """The journal file cannot be used as asked; the message says why in plain words."""


class NewerFileError(StorageError):
    pass


class NotAJournalError(StorageError):
    pass


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


def make_engine(path: Path) -> Engine:
    engine = create_engine(
        f"sqlite:///{path}",
        poolclass=QueuePool,
        pool_size=2,
        max_overflow=2,
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )
    event.listen(engine, "connect", _on_connect)
    return engine


def read_revision(path: Path) -> str | None:
    """The Alembic revision stored in ``path``, or None for a file with no version table.

    Raises NotAJournalError for a file SQLite cannot read. Opens read-only and writes nothing.
    """
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise NotAJournalError(f"{path} cannot be opened: {exc}.") from exc
    try:
        tables = {
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        if "alembic_version" not in tables:
            if tables:
                raise NotAJournalError(
                    f"{path} is an SQLite database, but not a Symptom Journal file."
                )
            return None
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return str(row[0]) if row else None
    except sqlite3.DatabaseError as exc:
        raise NotAJournalError(
            f"{path} is not a Symptom Journal file, or it is damaged ({exc})."
        ) from exc
    finally:
        conn.close()


def backup_copy(src_path: Path, dest: Path) -> Path:
    """Copy a live database with SQLite's backup API and verify the copy's integrity."""
    files.ensure_private_dir(dest.parent)
    tmp = dest.with_name(dest.name + ".part")
    tmp.unlink(missing_ok=True)
    files.create_private_file(tmp)
    src = sqlite3.connect(f"file:{src_path}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
            result = dst.execute("PRAGMA integrity_check").fetchone()
        finally:
            dst.close()
    finally:
        src.close()
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


def open_database(path: Path, *, create: bool = True) -> OpenResult:
    path = Path(path)
    files.ensure_private_dir(path.parent)
    exists = path.exists()
    if not exists and not create:
        raise StorageError(f"There is no journal at {path}.")
    revision: str | None = None
    if exists:
        revision = read_revision(path)
        if revision is not None and revision not in REVISIONS:
            raise NewerFileError(
                f"{path} was written by a newer version of Symptom Journal (schema {revision}). "
                "Install the newer version to open it; the file has not been changed."
            )
    else:
        files.create_private_file(path)
    files.tighten_file(path)

    backup: Path | None = None
    upgraded_from: str | None = None
    created = False
    if exists and revision is not None and revision != HEAD:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        backup = backup_copy(
            path, backups_dir(path) / f"{path.stem}.pre-upgrade-{revision}-{stamp}.sqlite3"
        )
        upgraded_from = revision

    engine = make_engine(path)
    try:
        if revision is None:
            Base.metadata.create_all(engine)
            _stamp(engine, HEAD)
            created = True
        elif upgraded_from is not None:
            run_alembic_upgrade(engine)
    except Exception:
        engine.dispose()
        raise
    for side in files.side_files(path):
        files.tighten_file(side)
    return OpenResult(engine, path, created, upgraded_from, backup)


def integrity_problems(engine: Engine) -> list[str]:
    """Empty when the file is healthy; otherwise what SQLite found."""
    with engine.connect() as conn:
        rows = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check").fetchall()]
        fk = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    problems = [r for r in rows if r != "ok"]
    problems += [f"broken reference in {r[0]}" for r in fk]
    return problems
