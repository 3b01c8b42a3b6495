"""Damaged files are refused with a clear message and left byte-identical; a read-only folder
and an injected storage error (disk full) give a clear StorageError with nothing half-written."""

from __future__ import annotations

import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from journal import errors
from journal.clock import FixedClock
from journal.errors import ValidationError
from journal.service import Journal
from journal.store import backup, crypto
from tests.helpers.safety import DiskFull, digest, episode, folder_state, run_cli

PAGE = 4096


def _healthy(path: Path, clock: FixedClock, n: int = 120) -> None:
    with Journal.open(path, clock) as j:
        for i in range(n):
            j.add_episode(episode(hours_ago=1 + i, note=f"entry {i} " + "x" * 200))
        backup.checkpoint(j.engine)


def _set_page_bytes(offset: int, data: bytes) -> Callable[[bytes], bytes]:
    def mutate(b: bytes) -> bytes:
        return b[:offset] + data + b[offset + len(data):]
    return mutate


def _flip_page_header(page: int) -> Callable[[bytes], bytes]:
    def mutate(b: bytes) -> bytes:
        start = (page - 1) * PAGE
        flipped = bytes(x ^ 0xFF for x in b[start:start + 12])
        return b[:start] + flipped + b[start + 12:]
    return mutate


def _flip_random_bytes_in_pages(b: bytes) -> bytes:
    rng = random.Random(7)
    out = bytearray(b)
    for page in range(2, len(b) // PAGE + 1):  # a few bytes of every b-tree page header
        for i in rng.sample(range(0, 8), 3):
            out[(page - 1) * PAGE + i] ^= 0xFF
    return bytes(out)


def _sql(statements: str) -> Callable[[Path], None]:
    def build(path: Path) -> None:
        conn = sqlite3.connect(path)
        conn.executescript(statements)
        conn.commit()
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.close()
    return build


class LOOKS_ENCRYPTED(Exception):  # a marker, never raised
    """Whole pages with no SQLite header: with the encryption extra installed the journal asks
    for a passphrase; without it, it is refused as damaged and the message says how to install
    the extra (a passphrase prompt could not open it anyway)."""


#: name -> (how to damage a healthy journal's bytes, or build a file; the error expected)
BYTE_VARIANTS: dict[str, tuple[Callable[[bytes], bytes], type[Exception]]] = {
    "zero bytes": (lambda b: b"", errors.DamagedFileError),
    "truncated to half": (lambda b: b[: len(b) // 2 // PAGE * PAGE], errors.DamagedFileError),
    "truncated mid-page": (lambda b: b[: len(b) - 1000], errors.DamagedFileError),
    "truncated to the header": (lambda b: b[:100], errors.DamagedFileError),
    "truncated to one page": (lambda b: b[:PAGE], errors.DamagedFileError),
    "random bytes": (lambda b: random.Random(1).randbytes(5000), errors.DamagedFileError),
    "random whole pages": (lambda b: random.Random(2).randbytes(3 * PAGE),
                           LOOKS_ENCRYPTED),  # indistinguishable from encrypted
    "a text file": (lambda b: json.dumps({"episodes": []}).encode(), errors.DamagedFileError),
    "header zeroed": (_set_page_bytes(0, b"\x00" * 16), LOOKS_ENCRYPTED),
    "header zeroed, odd size": (lambda b: b"\x00" * 16 + b[16:-7], errors.DamagedFileError),
    "flipped bytes in a page header": (_flip_page_header(3), errors.DamagedFileError),
    "flipped bytes in every page": (_flip_random_bytes_in_pages, errors.DamagedFileError),
    "a page overwritten": (lambda b: b[:2 * PAGE] + b"\xa5" * PAGE + b[3 * PAGE:],
                           errors.DamagedFileError),
}
SQL_VARIANTS: dict[str, tuple[Callable[[Path], None], type[Exception]]] = {
    "a non-journal SQLite database": (_sql("CREATE TABLE photos (id INTEGER, jpg BLOB);"),
                                      errors.NotAJournalError),
    "an empty SQLite database": (_sql("PRAGMA user_version = 1;"), errors.DamagedFileError),
    "a missing table": (_sql("DROP TABLE checkins;"), errors.DamagedFileError),
    "a missing episodes table": (_sql("DROP TABLE episodes;"), errors.DamagedFileError),
}
VARIANTS_TRIED = len(BYTE_VARIANTS) + len(SQL_VARIANTS)


def _assert_refused(path: Path, clock: FixedClock, expected: type[Exception]) -> None:
    before = folder_state(path.parent)
    looks_encrypted = expected is LOOKS_ENCRYPTED
    if looks_encrypted:
        expected = errors.PassphraseRequiredError if crypto.available() else errors.DamagedFileError
    with pytest.raises(expected) as err:
        Journal.open(path, clock)
    message = str(err.value)
    if looks_encrypted and not crypto.available():
        assert crypto.INSTALL_HINT in message
        assert not isinstance(err.value, errors.PassphraseRequiredError)
    assert isinstance(err.value, errors.StorageError)
    assert str(path) in message
    assert "not been changed" in message
    # The command line refuses it the same way, and creates nothing.
    for argv in (("list",), ("check",), ("add", "--kind", "cramp", "--at",
                                          "2026-03-16T10:00+01:00", "--duration", "1m",
                                          "--intensity", "3")):
        code, out, err_text = run_cli(clock, "--db", str(path), *argv)
        assert code == 1, (argv, out, err_text)
        assert "Traceback" not in err_text and err_text.strip()
    assert folder_state(path.parent) == before


def _damaged_copy(name: str, tmp_path: Path, clock: FixedClock) -> Path:
    """A healthy journal damaged the way BYTE_VARIANTS[name] says, in a private data folder."""
    source = tmp_path / "healthy.sqlite3"
    _healthy(source, clock)
    path = tmp_path / "data" / "journal.sqlite3"
    path.parent.mkdir(mode=0o700)
    path.write_bytes(BYTE_VARIANTS[name][0](source.read_bytes()))
    path.chmod(0o600)
    return path


@pytest.mark.parametrize("name", sorted(BYTE_VARIANTS))
def test_a_damaged_file_is_refused_and_left_byte_identical(name: str, tmp_path: Path,
                                                           clock: FixedClock) -> None:
    _assert_refused(_damaged_copy(name, tmp_path, clock), clock, BYTE_VARIANTS[name][1])


@pytest.mark.parametrize("name", sorted(n for n, (_, e) in BYTE_VARIANTS.items()
                                         if e is LOOKS_ENCRYPTED))
def test_without_the_encryption_extra_a_headerless_file_is_refused_with_the_install_hint(
        name: str, tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch) -> None:
    # Runs the same way whether or not sqlcipher3 is installed on this machine.
    monkeypatch.setitem(sys.modules, "sqlcipher3", None)
    monkeypatch.setitem(sys.modules, "sqlcipher3.dbapi2", None)
    assert not crypto.available()
    _assert_refused(_damaged_copy(name, tmp_path, clock), clock, LOOKS_ENCRYPTED)


@pytest.mark.parametrize("name", sorted(SQL_VARIANTS))
def test_a_foreign_or_incomplete_database_is_refused(name: str, tmp_path: Path,
                                                     clock: FixedClock) -> None:
    build, expected = SQL_VARIANTS[name]
    path = tmp_path / "data" / "journal.sqlite3"
    if "journal" not in name and "table" in name:
        _healthy(path, clock, n=3)
    path.parent.mkdir(mode=0o700, exist_ok=True)
    build(path)
    _assert_refused(path, clock, expected)


def test_an_empty_file_is_never_replaced_by_a_new_journal(tmp_path: Path,
                                                          clock: FixedClock) -> None:
    path = tmp_path / "journal.sqlite3"
    path.write_bytes(b"")
    for _ in range(2):
        with pytest.raises(errors.DamagedFileError, match="empty"):
            Journal.open(path, clock)
    assert path.stat().st_size == 0


def test_the_latest_good_backup_is_offered_skipping_damaged_ones(tmp_path: Path,
                                                                 clock: FixedClock) -> None:
    from datetime import timedelta

    path = tmp_path / "journal.sqlite3"
    with Journal.open(path, clock) as j:
        j.add_episode(episode())
        good = j.backup_now()
        clock.advance(timedelta(hours=1))
        j.add_episode(episode(hours_ago=3))
        newer = j.backup_now()
    newer.write_bytes(newer.read_bytes()[:5000])
    found = backup.latest_good_backup(path)
    assert found is not None and found.path == good


# --- disk full and read-only --------------------------------------------------------------


def test_disk_full_gives_a_clear_message_and_stores_nothing(journal: Journal) -> None:
    kept = episode(hours_ago=5)
    journal.add_episode(kept)
    fault = DiskFull(journal, fail_at=1)
    try:
        with pytest.raises(errors.StorageError, match="disk is full"):
            journal.add_episode(episode(hours_ago=2, note="typed but not saved"))
        with pytest.raises(errors.StorageError, match="disk is full"):
            journal.update_episode(kept.with_changes(intensity=9))
    finally:
        fault.remove()
    assert [e for e in journal.episodes()] == [kept]
    assert journal.undo_label.startswith("Add")  # the failed changes are not on the undo stack
    assert journal.check() == []


def test_disk_full_midway_through_an_import_stores_none_of_it(journal: Journal) -> None:
    from datetime import date

    from journal.model import CheckIn
    from journal.report import interchange

    journal.add_episode(episode(hours_ago=30))
    doc = interchange.to_document(
        [episode(hours_ago=h) for h in range(1, 8)],
        [CheckIn(date(2026, 3, d), stress=3) for d in range(1, 6)], [], [],
        exported_at=journal.now())
    fault = DiskFull(journal, fail_at=2)  # the episodes are written, then the check-ins fail
    try:
        with pytest.raises(errors.StorageError, match="disk is full"):
            journal.import_document(doc)
    finally:
        fault.remove()
    assert fault.calls == 2
    assert journal.count_episodes() == 1
    assert journal.checkins() == []
    assert journal.import_document(doc).episodes_added == 7  # and it works once there is room


def test_a_validation_error_is_not_a_storage_error(journal: Journal) -> None:
    with pytest.raises(ValidationError):
        journal.add_episode(episode(intensity=-1))


_CHILD = r"""
import json, os, sys
from datetime import datetime, timedelta
import sqlalchemy.dialects.sqlite.pysqlite  # noqa: F401 - imported before dropping rights
import journal.store.backup  # noqa: F401
from journal.model import Episode, Kind
from journal.service import Journal
from journal.store.db import StorageError
if os.geteuid() == 0:
    os.setgid(65534)
    os.setuid(65534)
result = {}
try:
    j = Journal.open(sys.argv[1], create=False)
except StorageError as exc:
    result = {"stage": "open", "error": type(exc).__name__, "message": str(exc)}
else:
    result["count"] = j.count_episodes()
    try:
        j.add_episode(Episode(kind=Kind.CRAMP, duration_s=10, intensity=3,
                              started_at=datetime.now().astimezone() - timedelta(hours=1)))
        result.update(stage="add", error=None)
    except StorageError as exc:
        result.update(stage="add", error=type(exc).__name__, message=str(exc))
    j.close()
print(json.dumps(result))
"""


@pytest.mark.parametrize("folder_writable", [False, True], ids=["folder", "file"])
def test_a_read_only_journal_gives_a_clear_message(folder_writable: bool,
                                                   clock: FixedClock) -> None:
    # Root ignores permission bits, so as root the child drops to 'nobody' in a folder that
    # 'nobody' may enter (the usual temp folder here is root-only).
    base = Path(tempfile.mkdtemp(dir="/var/tmp" if os.geteuid() == 0 else None))
    try:
        base.chmod(0o755)
        path = base / "data" / "journal.sqlite3"
        with Journal.open(path, FixedClock(clock.now())) as j:
            j.add_episode(episode())
        path.chmod(0o444)
        path.parent.chmod(0o777 if folder_writable else 0o555)
        before = digest(path)
        names = sorted(p.name for p in path.parent.iterdir())
        proc = subprocess.run([sys.executable, "-c", _CHILD, str(path)], capture_output=True,
                              text=True, timeout=60)
        assert proc.returncode == 0, proc.stderr
        result = json.loads(proc.stdout)
        assert result["error"] == "StorageError", result
        assert "read-only" in result["message"]
        assert digest(path) == before
        if not folder_writable:
            assert sorted(p.name for p in path.parent.iterdir()) == names
    finally:
        for p in (base / "data", base):
            if p.exists():
                p.chmod(0o700)
        shutil.rmtree(base, ignore_errors=True)
