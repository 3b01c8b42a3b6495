"""Opening files: pragmas, permissions, the schema version, refusing newer files."""

from __future__ import annotations

import hashlib
import sqlite3
import stat
from pathlib import Path

import pytest

from journal import errors
from journal.service import Journal
from journal.store import db, files


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_connection_gets_the_pragmas(journal: Journal) -> None:
    with journal.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == db.BUSY_TIMEOUT_MS


def test_folder_is_0700_and_files_are_0600(tmp_path: Path, clock) -> None:
    path = tmp_path / "deep" / "er" / "journal.sqlite3"
    with Journal.open(path, clock) as j:
        j.count_episodes()  # opens a connection, so the -wal and -shm files exist
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        present = [p for p in files.side_files(path) if p.exists()]
        assert present, "WAL side files should exist while the journal is open"
        for side in present:
            assert stat.S_IMODE(side.stat().st_mode) == 0o600, side


def test_loose_permissions_are_tightened_on_open(tmp_path: Path, clock) -> None:
    path = tmp_path / "j" / "journal.sqlite3"
    Journal.open(path, clock).close()
    path.chmod(0o644)
    path.parent.chmod(0o755)
    Journal.open(path, clock).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_new_file_is_created_at_head(db_path: Path, clock) -> None:
    with Journal.open(db_path, clock) as j:
        assert j.opened is not None and j.opened.created
    assert db.read_revision(db_path) == db.HEAD


def test_default_path_comes_from_env_or_platformdirs(tmp_path: Path) -> None:
    assert db is not None
    custom = tmp_path / "x.sqlite3"
    assert files.default_db_path({"SYMPTOM_JOURNAL_DB": str(custom)}) == custom
    default = files.default_db_path({})
    assert default.name == files.DB_FILENAME
    assert "SymptomJournal" in str(default)


def test_file_from_a_newer_version_is_refused_and_left_byte_identical(
    db_path: Path, clock
) -> None:
    Journal.open(db_path, clock).close()
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()
    before = digest(db_path)
    with pytest.raises(errors.NewerFileError) as err:
        Journal.open(db_path, clock)
    assert "newer version" in str(err.value)
    assert digest(db_path) == before


def test_a_foreign_sqlite_database_is_refused(tmp_path: Path, clock) -> None:
    path = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER)")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(errors.NotAJournalError):
        Journal.open(path, clock)
    assert digest(path) == before


def test_check_reports_a_healthy_file(journal: Journal) -> None:
    assert journal.check() == []


def test_a_shared_folder_is_never_tightened(tmp_path: Path, clock) -> None:
    """A journal kept in /tmp-like (sticky) or Documents-like (other files) folders: our files
    are 0600, the folder stays as its owner set it (chmod 0700 of /tmp breaks the machine)."""
    sticky = tmp_path / "tmp"
    sticky.mkdir()
    sticky.chmod(0o1777)
    documents = tmp_path / "Documents"
    documents.mkdir()
    (documents / "letter.odt").write_text("not ours")
    documents.chmod(0o755)
    for folder, mode in ((sticky, 0o1777), (documents, 0o755)):
        path = folder / "journal.sqlite3"
        with Journal.open(path, clock) as j:
            j.count_episodes()
            made = j.backup_now()
        Journal.open(path, clock).close()
        assert stat.S_IMODE(folder.stat().st_mode) == mode, folder
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        # Its own backups folder is the journal's and is private.
        assert stat.S_IMODE(made.parent.stat().st_mode) == 0o700
        assert stat.S_IMODE(made.stat().st_mode) == 0o600
        assert db.repair_permissions(path) == []
        assert stat.S_IMODE(folder.stat().st_mode) == mode


def test_the_journal_folder_test(tmp_path: Path) -> None:
    own = tmp_path / "own"
    own.mkdir()
    for name in ("journal.sqlite3", "journal.sqlite3-wal", "journal.sqlite3.lock", "work.sqlite3"):
        (own / name).write_bytes(b"")
    (own / "backups").mkdir()
    assert files.is_journal_folder(own)
    (own / "photo.jpg").write_bytes(b"")
    assert not files.is_journal_folder(own)
    assert not files.is_journal_folder(tmp_path / "missing")


def test_the_default_data_folder_is_always_the_journals(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "notes.txt").write_text("someone's own file")
    monkeypatch.setattr(files, "default_db_path", lambda environ=None: data / "journal.sqlite3")
    assert files.is_journal_folder(data)
