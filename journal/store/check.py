"""Checking a journal file before it is used, reading only: is it healthy SQLite, is it ours.

``integrity_check`` (SQLite's full integrity check and its foreign-key check, never the lighter
``PRAGMA quick_check``) refuses an empty, truncated, damaged, foreign or unreadable file (and
tells a passphrase-protected one from a damaged one); ``check_journal_tables`` refuses a healthy
SQLite file that is not a journal this version can open. Neither writes anything, so a refused
file stays byte-identical.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path

from journal.errors import (
    DamagedFileError,
    NewerFileError,
    NotAJournalError,
    PassphraseRequiredError,
    StorageError,
    WrongPassphraseError,
)
from journal.i18n import _
from journal.store import crypto, probe
from journal.store.connect import connect_probe, dbapi_errors

#: Every Alembic revision this version knows, oldest first. The last one is the head; a test
#: checks this list against ``migrations/versions`` so the two never drift apart.
REVISIONS: tuple[str, ...] = ("0001_initial", "0002_flag_history")
HEAD = REVISIONS[-1]
#: The tables each revision has (besides ``alembic_version``): a file whose version table says
#: one revision but which already holds a later one's tables was left half-upgraded.
REVISION_TABLES: dict[str, frozenset[str]] = {
    "0001_initial": frozenset({"episodes", "checkins", "medications", "user_triggers", "meta"}),
    "0002_flag_history": frozenset(
        {"episodes", "checkins", "medications", "user_triggers", "meta", "flag_history"}),
}

#: The first 16 bytes of every plain SQLite database.
SQLITE_HEADER = probe.SQLITE_HEADER
#: Tables a journal at the head revision must have; a file missing one is damaged.
REQUIRED_TABLES = frozenset({"episodes", "checkins", "medications", "user_triggers", "meta"})
#: Tables every revision we know has had (an older file is checked for these only).
CORE_TABLES = frozenset({"episodes", "checkins"})


def _damaged(path: Path, what: str) -> DamagedFileError:
    return DamagedFileError(
        _("{path} {what}. It has not been changed. Restore the latest good backup (File > "
          "Restore from backup, or `symptom-journal restore FILE`) or open another file.").format(
            path=path, what=what)
    )


def _looks_encrypted(size: int, header: bytes) -> bool:
    # A SQLCipher file is whole pages of random-looking bytes; plain SQLite starts with its
    # magic string. Anything else of a page-multiple size may be either damaged or encrypted.
    return size >= 1024 and size % 512 == 0 and not header.startswith(b"SQLite")


#: Where a journal keeps its identity: SQLite's user_version, in the header on page 1.
IDENTITY_OFFSET = 60
_WAL_MAGIC = (0x377F0682, 0x377F0683)


@dataclass(frozen=True)
class WalScan:
    """What the committed transactions in a -wal say (frames after the last commit, or with
    other salts than its header, are not counted: SQLite would not use them either)."""

    #: The journal identity in the newest committed copy of page 1 (None: no page 1 in it).
    identity: int | None
    #: Whether any committed transaction wrote page 1.
    page_one: bool
    #: The database's size in pages after each commit, as its commit frame records it.
    sizes: frozenset[int]


def scan_wal(wal: Path, page_size: int) -> WalScan | None:
    """Read the committed transactions of ``wal`` (None when it is not a WAL for pages of
    ``page_size`` or holds no commit). Reads only."""
    try:
        with open(wal, "rb") as handle:
            head = handle.read(32)
            if len(head) < 32 or int.from_bytes(head[:4], "big") not in _WAL_MAGIC:
                return None
            if int.from_bytes(head[8:12], "big") != page_size:
                return None
            salts = head[16:24]
            found: int | None = None
            pending: int | None = None
            page_one = pending_one = False
            sizes: set[int] = set()
            while True:
                frame = handle.read(24)
                if len(frame) < 24 or frame[8:16] != salts:
                    break
                page = handle.read(page_size)
                if len(page) < page_size:
                    break
                if int.from_bytes(frame[:4], "big") == 1:
                    pending = int.from_bytes(page[IDENTITY_OFFSET:IDENTITY_OFFSET + 4], "big")
                    pending_one = True
                commit = int.from_bytes(frame[4:8], "big")
                if commit:  # a commit frame: what came before counts
                    sizes.add(commit)
                    if pending is not None:
                        found = pending
                    page_one = page_one or pending_one
                    pending, pending_one = None, False
    except OSError:
        return None
    if not sizes:
        return None
    return WalScan(found, page_one, frozenset(sizes))


def wal_page_one_identity(wal: Path, page_size: int) -> int | None:
    """The journal identity in the newest committed copy of page 1 inside ``wal`` (None when
    the WAL holds no valid committed page 1, or is not a WAL). Reads only."""
    scan = scan_wal(wal, page_size)
    return scan.identity if scan is not None else None


def _foreign_wal(path: Path, size: int, header: bytes) -> bool:
    """A -wal beside ``path`` that cannot be this journal's.

    A journal's identity goes from 0 (not set yet) to its own number and never changes, so a
    WAL whose page 1 says otherwise than the main file (once the main file has one) came from
    another journal: folding it in would write that journal's pages over this one's.

    A WAL with no page 1 in it carries no identity, but SQLite writes page 1 in every
    transaction that changes the number of pages (the count is in its header) or the list of
    free pages, so each of that WAL's commits must leave the file at the page count the main
    file's header holds (when SQLite would trust that count); one that says another size came
    from another file. What this cannot tell: a foreign WAL without page 1 from a file of the
    very same page count (nothing else in a WAL refers to its database; its salts are random).
    """
    del size
    wal = path.with_name(path.name + "-wal")
    if len(header) < 100 or not wal.is_file():
        return False
    main = int.from_bytes(header[IDENTITY_OFFSET:IDENTITY_OFFSET + 4], "big")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    scan = scan_wal(wal, page_size)
    if scan is None:
        return False
    if scan.page_one:
        return main != 0 and scan.identity is not None and scan.identity != main
    pages = int.from_bytes(header[28:32], "big")
    if header[24:28] != header[92:96] or not pages:
        return False  # an in-header page count SQLite itself would not trust
    return scan.sizes != {pages}


def _missing_pages_without_wal(path: Path, size: int, header: bytes) -> bool:
    """The header counts whole pages beyond the end of the file and no WAL is beside it."""
    if len(header) < 100 or header[24:28] != header[92:96]:
        return False  # an in-header page count SQLite itself would not trust
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    if not pages or size >= pages * page_size:
        return False
    try:
        wal_size = path.with_name(path.name + "-wal").stat().st_size
    except OSError:
        wal_size = 0
    return wal_size == 0


def _short_hint(size: int, header: bytes) -> str:
    """Once SQLite has found a file damaged: whether it is also shorter than its header says,
    which tells a person it was cut short (a copy or download that did not finish)."""
    if len(header) < 100:
        return _("; it is truncated")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    if header[24:28] == header[92:96] and pages and size < pages * page_size:
        return _("; it is truncated ({size} of {expected} bytes are there)").format(
            size=size, expected=pages * page_size)
    return ""


def integrity_check(path: Path, key: str | None = None,
                    *, fresh: bool = False) -> tuple[str | None, frozenset[str]]:
    """Refuse, without writing anything, a file that is not a healthy SQLite database: the
    whole ``PRAGMA integrity_check`` and ``PRAGMA foreign_key_check``, as ``check`` runs them.

    Returns the file's schema revision (None without a version table) and its table names,
    read on the same connection (with a key, each connection costs a key derivation).
    The result of the check begun at start-up (:mod:`journal.store.probe`) is taken when it is
    there and the file is unchanged since; ``fresh`` checks the file now in any case.

    Raises DamagedFileError for an empty, truncated, damaged or non-SQLite file;
    PassphraseRequiredError for what looks like an encrypted file when no ``key`` is given;
    WrongPassphraseError when ``key`` does not open it; StorageError when it cannot be read.
    """
    path = Path(path)
    try:
        info = path.stat()
        size = info.st_size
        if not stat.S_ISREG(info.st_mode):  # a FIFO would block the read below forever
            raise _damaged(path, _("is not a regular file (a folder, a pipe or a device)"))
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise StorageError(_("{path} cannot be read: {reason}.").format(
                               path=path, reason=exc.strerror or exc)) from exc
    if size == 0:
        raise _damaged(path, _("is empty (0 bytes), so it holds no journal"))
    if key is None and not header.startswith(SQLITE_HEADER):
        if _looks_encrypted(size, header):
            if not crypto.available():
                raise DamagedFileError(
                    _("{path} is not a plain SQLite file: it is damaged, or protected with a "
                      "passphrase. If you protected it, {hint} Otherwise restore the "
                      "latest good backup. The file has not been changed.").format(
                        path=path, hint=_(crypto.INSTALL_HINT))
                )
            raise PassphraseRequiredError(
                _("{path} is protected with a passphrase (or it is damaged). Enter the "
                  "passphrase to open it; the file has not been changed.").format(path=path)
            )
        raise _damaged(path, _("is not a Symptom Journal file (not SQLite), or it is damaged"))
    # Whether the file is damaged is SQLite's word (the check below and the schema), never a
    # guess from its size: on a nearly full disk a healthy file's size need not be a whole
    # number of pages, nor match the page count in its header while its WAL holds the rest.
    # One fact is checked first: with no WAL that could hold them, pages its header counts
    # but the file lacks are gone (SQLite would read them as zeros and call the file ok).
    if key is None and _missing_pages_without_wal(path, size, header):
        raise _damaged(path, "is damaged" + _short_hint(size, header))
    if key is None and _foreign_wal(path, size, header):
        raise DamagedFileError(
            _("The write-ahead log beside {path} ({name}-wal) belongs to another journal, so it "
              "was not used: folding it in would write that journal's pages over this one. "
              "Nothing has been changed. Move that -wal file away to open the journal as it was "
              "at its last checkpoint, or restore the latest good backup.").format(
                path=path, name=path.name)
        )
    error, database_error = dbapi_errors(key)
    # Begun at start-up on another thread (plain files only), used if the file is unchanged.
    early = probe.take(path) if key is None and not fresh else None
    conn = None
    try:
        if early is None:
            conn = connect_probe(path, key)
        elif early.connect_error is not None:
            raise early.connect_error
    except error as exc:
        raise StorageError(_("{path} cannot be opened: {reason}.").format(
            path=path, reason=exc)) from exc
    try:
        if conn is not None:
            rows, tables, revision = probe.read(conn)
        else:
            assert early is not None
            if early.check_error is not None:
                raise early.check_error
            rows, tables, revision = early.rows or [], early.tables, early.revision
    except UnicodeDecodeError as exc:
        raise _damaged(path, _("is damaged (it holds names that are not text: {reason})").format(
                                 reason=exc.reason)
                       ) from exc
    except database_error as exc:
        message = str(exc)
        if key is not None and "not a database" in message:
            raise WrongPassphraseError(
                _("That passphrase does not open this journal. Check it (letter case matters) "
                  "and try again; nothing has been changed.")
            ) from exc
        if "readonly" in message or "read-only" in message or "unable to open" in message:
            raise StorageError(
                _("{path} cannot be opened: the file or its folder is read-only, and SQLite "
                  "needs to write beside it ({message}). Nothing has been changed.").format(
                    path=path, message=message)
            ) from exc
        if "locked" in message or "busy" in message:
            raise StorageError(
                _("{path} is busy in another program; try again in a moment.").format(path=path)
            ) from exc
        raise _damaged(path, _("is damaged ({message}){short_hint}").format(
                                 message=message, short_hint=_short_hint(size, header))) from exc
    finally:
        if conn is not None:
            conn.close()
    if rows != ["ok"]:
        raise _damaged(path, _("is damaged ({problems}){short_hint}").format(
            problems="; ".join(rows[:3]), short_hint=_short_hint(size, header)))
    return revision, tables


def check_journal_tables(path: Path, revision: str | None, tables: frozenset[str]) -> str:
    """Refuse a healthy SQLite file that is not a journal we can open; returns its revision."""
    if "alembic_version" not in tables:
        if tables:
            raise NotAJournalError(
                _("{path} is an SQLite database, but not a Symptom Journal file. It has not "
                  "been changed.").format(path=path)
            )
        # No tables at all holds no journal we wrote: refuse it rather than fill it (it may
        # be someone else's empty database, or a file truncated to its header).
        raise _damaged(path, _("is an empty SQLite database, not a journal"))
    if revision is None:
        raise _damaged(path, _("is damaged: its schema version is missing"))
    if revision not in REVISIONS:
        raise NewerFileError(
            _("{path} was written by a newer version of Symptom Journal (schema {revision}). "
              "Install the newer version to open it; the file has not been changed.").format(
                path=path, revision=revision)
        )
    required = REQUIRED_TABLES if revision == HEAD else CORE_TABLES
    missing = sorted(required - tables)
    if missing:
        raise _damaged(path, _("is damaged: the table {tables} is missing").format(
            tables=", ".join(missing)))
    return revision
