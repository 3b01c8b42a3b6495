"""The start-up integrity check, begun early on a thread of its own.

``PRAGMA integrity_check`` reads the whole file (about 0.1 s for ten years of entries). SQLite
releases the GIL while it works, so the app starts it here before importing Qt and building the
window, and :func:`journal.store.check.integrity_check` takes the finished result instead of
checking again. The result is used only if the file (and its write-ahead log) still has the size,
modification time and inode it had when the check began; anything else and the check runs
again, in full, as before. Only plain SQLite files are checked early: a passphrase-protected one
needs its key first.

Standard library only: this runs before SQLAlchemy is imported.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\x00"

Signature = tuple[tuple[int, int, int] | None, ...]


def signature(path: Path) -> Signature:
    """What must not change between the early check and its use: the file and its WAL."""
    parts: list[tuple[int, int, int] | None] = []
    for p in (path, path.with_name(path.name + "-wal")):
        try:
            st = os.stat(p)
        except OSError:
            parts.append(None)
        else:
            parts.append((st.st_size, st.st_mtime_ns, st.st_ino))
    return tuple(parts)


@dataclass
class EarlyCheck:
    path: Path
    signature: Signature
    done: threading.Event = field(default_factory=threading.Event)
    rows: list[str] | None = None
    tables: frozenset[str] = frozenset()
    revision: str | None = None
    #: The file could not be opened for the check.
    connect_error: sqlite3.Error | None = None
    #: The check itself failed (a damaged, locked or unreadable file, or names in it that
    #: are not UTF-8).
    check_error: sqlite3.Error | UnicodeDecodeError | None = None


_pending: dict[Path, EarlyCheck] = {}
_lock = threading.Lock()


def file_uri(path: Path, **params: str) -> str:
    """An SQLite ``file:`` URI naming exactly ``path``: the characters a URI gives a meaning
    (``?`` ``#`` ``%``, spaces) are percent-quoted, so ``a?b`` is not a query, ``a#b`` not a
    fragment and ``%41`` not the letter A."""
    from urllib.parse import quote

    uri = "file:" + quote(str(Path(path).absolute()), safe="/")
    if params:
        uri += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    return uri


def connect(path: Path) -> sqlite3.Connection:
    """A read-only connection for checking a file we may refuse: with no WAL beside it, opened
    immutable, so SQLite creates no -wal or -shm file next to a file it will not use."""
    wal = path.with_name(path.name + "-wal")
    if wal.exists():
        return sqlite3.connect(file_uri(path, mode="ro"), uri=True)
    return sqlite3.connect(file_uri(path, mode="ro", immutable="1"), uri=True)


def read(conn: sqlite3.Connection) -> tuple[list[str], frozenset[str], str | None]:
    """The check's rows and, when it says ok, the table names and the schema revision.

    The same checks as the ``check`` command (the full integrity check, about 0.07 s for ten
    years of entries, and the foreign-key check), so a file that ``check`` reports damaged is
    never opened for writing."""
    rows = [str(r[0]) for r in conn.execute("PRAGMA integrity_check").fetchall()]
    if rows == ["ok"]:
        broken = conn.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            rows = [f"broken reference in {r[0]}" for r in broken[:3]]
    tables: frozenset[str] = frozenset()
    revision: str | None = None
    if rows == ["ok"]:
        tables = frozenset(
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'"))
        if "alembic_version" in tables:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = str(row[0]) if row else None
    return rows, tables, revision


def _run(check: EarlyCheck) -> None:
    try:
        try:
            conn = connect(check.path)
        except sqlite3.Error as exc:
            check.connect_error = exc
            return
        try:
            check.rows, check.tables, check.revision = read(conn)
        except (sqlite3.Error, UnicodeDecodeError) as exc:
            check.check_error = exc
        finally:
            conn.close()
    finally:
        check.done.set()


def start(path: Path) -> None:
    """Begin the integrity check of ``path`` in the background (nothing for a missing file, an
    empty one or one that is not plain SQLite: those are refused or prompted for as before)."""
    path = Path(path).absolute()
    if not path.is_file():  # opening a FIFO would block the start-up until someone writes
        return
    try:
        with open(path, "rb") as handle:
            if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                return
    except OSError:
        return
    check = EarlyCheck(path, signature(path))
    with _lock:
        _pending[path] = check
    threading.Thread(target=_run, args=(check,), name="early integrity check", daemon=True).start()


def take(path: Path) -> EarlyCheck | None:
    """The early check of ``path``, once finished, if the file has not changed since it began;
    None otherwise (the caller then checks the file itself). Each early check is used once."""
    path = Path(path).absolute()
    with _lock:
        check = _pending.pop(path, None)
    if check is None:
        return None
    check.done.wait()
    if signature(path) != check.signature:
        return None
    return check
