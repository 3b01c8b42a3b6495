"""The SQLAlchemy engine of a journal file: pragmas on every connection, and Alembic upgrades.

Below :mod:`journal.store.upgrade` (which upgrades a copy) and :mod:`journal.store.db` (which
opens the journal); Alembic is imported only when an upgrade runs.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from journal.errors import StorageError
from journal.i18n import _
from journal.store import crypto

BUSY_TIMEOUT_MS = 5000


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
        # Connected by a creator with the path as it is (not in a URL), so "?", "#" and "%"
        # in a folder or file name mean nothing special.
        engine = create_engine(
            "sqlite://", poolclass=QueuePool, pool_size=2, max_overflow=2,
            creator=lambda: sqlite3.connect(str(path), **connect_args),
        )
    else:
        # The key goes in through the creator, before SQLAlchemy reads anything, and is never
        # part of the URL (which ends up in logs and reprs).
        engine = create_engine(
            "sqlite://", module=crypto.dbapi(), poolclass=QueuePool, pool_size=2, max_overflow=2,
            creator=lambda: crypto.connect(path, key, **connect_args),
        )
    event.listen(engine, "connect", _on_connect)
    return engine


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
            raise StorageError(_("The upgrade left {count} broken references.").format(
                count=len(problems)))
