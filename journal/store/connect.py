"""Raw DB-API connections to a journal file, plain (sqlite3) or encrypted (SQLCipher).

For reading a file without SQLAlchemy: checking it before it is opened, copying it for a
backup, fingerprinting it. The engine the open journal uses is made in :mod:`journal.store.db`.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from journal.store import crypto, probe


def connect_readonly(path: Path, key: str | None) -> sqlite3.Connection:
    """A read-only connection to ``path`` (with ``key``, a keyed SQLCipher one)."""
    if key is None:
        return sqlite3.connect(probe.file_uri(path, mode="ro"), uri=True)
    conn: sqlite3.Connection = crypto.connect(path, key, readonly=True)
    return conn


def connect_probe(path: Path, key: str | None) -> sqlite3.Connection:
    """A read-only connection for checking a file we may refuse: with no WAL beside it, opened
    immutable, so SQLite creates no -wal or -shm file next to a file it will not use."""
    path = Path(path)
    if key is None:
        return probe.connect(path)
    wal = path.with_name(path.name + "-wal")
    if wal.exists():
        return connect_readonly(path, key)
    uri = probe.file_uri(path, mode="ro", immutable="1")
    conn: sqlite3.Connection = crypto.dbapi().connect(uri, uri=True)
    crypto.apply_key(conn, key)
    return conn


def dbapi_errors(key: str | None) -> tuple[type[Exception], type[Exception]]:
    """(Error, DatabaseError) of the driver used for ``key``."""
    if key is None:
        return sqlite3.Error, sqlite3.DatabaseError
    module = crypto.dbapi()
    return module.Error, module.DatabaseError
