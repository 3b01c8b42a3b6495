"""File-level operations on a journal that may be closed or damaged, in one place for the app and
the command line: backups, restore (stamped by the clock passed in), delete everything, the lock."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from journal.clock import FixedClock
from journal.errors import StorageError
from journal.model import Episode, Kind
from journal.service import Journal
from journal.service.journal_file import JournalFile

TZ = timezone(timedelta(hours=1))


def _journal_with_backup(path: Path, clock: FixedClock) -> Path:
    with Journal.open(path, clock) as j:
        j.add_episode(Episode(kind=Kind.TWITCH, intensity=3, duration_s=30,
                              started_at=datetime(2026, 3, 1, 8, tzinfo=TZ)))
        return j.backup_now()


def test_a_damaged_journal_is_restored_from_its_latest_good_backup_stamped_by_the_clock(
        db_path: Path, clock: FixedClock) -> None:
    made = _journal_with_backup(db_path, clock)
    damaged = b"not a journal any more"
    db_path.write_bytes(damaged)
    clock.advance(timedelta(days=2))
    journal_file = JournalFile(db_path, clock)
    latest = journal_file.latest_good_backup()
    assert latest is not None and latest.path == made
    kept = journal_file.restore(latest.path)
    assert kept is not None and kept.read_bytes() == damaged
    # The damaged file is set aside under the clock's time, not the machine's.
    assert clock.now().astimezone(UTC).strftime("%Y%m%dT%H%M%SZ") in kept.name
    assert kept.name.endswith(".damaged.sqlite3")
    with Journal.open(db_path, clock, create=False) as j:
        assert j.count_episodes() == 1


def test_the_open_journal_and_the_closed_file_list_the_same_backups(
        db_path: Path, clock: FixedClock) -> None:
    _journal_with_backup(db_path, clock)
    with Journal.open(db_path, clock, create=False) as j:
        assert j.backups() == JournalFile(db_path).backups() == j.file.backups()


def test_files_to_delete_are_exactly_what_delete_all_removes(
        db_path: Path, clock: FixedClock) -> None:
    _journal_with_backup(db_path, clock)
    journal_file = JournalFile(db_path, clock)
    listed = journal_file.files_to_delete()
    assert db_path in listed and any(p.parent.name == "backups" for p in listed)
    assert sorted(journal_file.delete_all()) == sorted(listed)
    assert not db_path.exists() and journal_file.files_to_delete() == []


def test_a_live_lock_holder_is_named_and_refused(db_path: Path, clock: FixedClock) -> None:
    _journal_with_backup(db_path, clock)
    journal_file = JournalFile(db_path, clock)
    assert journal_file.lock_holder() is None
    journal_file.refuse_while_open_in_app()  # nobody holds it: nothing raised
    # The app's lock as the app takes it: an flock held by a live process, its pid inside.
    code = ("import sys, time; from journal.service.journal_file import JournalFile; "
            "lock = JournalFile(sys.argv[1]).instance_lock(); assert lock.try_lock(); "
            "print('locked', flush=True); time.sleep(60)")
    holder = subprocess.Popen([sys.executable, "-c", code, str(db_path)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        assert journal_file.lock_holder() == holder.pid
        with pytest.raises(StorageError, match=f"open in the app \\(process {holder.pid}\\)"):
            journal_file.refuse_while_open_in_app()
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    assert journal_file.lock_holder() is None  # a lock left by a process that is gone
    # A lock file naming a live process that holds no lock (a reused pid) does not count.
    journal_file.lock_path.write_text(f"{os.getppid()}\nsymptom-journal\nhost\n")
    assert journal_file.lock_holder() is None


def test_the_default_path_follows_the_environment(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SYMPTOM_JOURNAL_DB", str(tmp_path / "mine.sqlite3"))
    assert JournalFile().path == tmp_path / "mine.sqlite3"


def test_file_level_operations_load_neither_sqlalchemy_nor_qt(tmp_path: Path) -> None:
    """The launcher starts the integrity probe through the service before anything heavy loads."""
    code = (
        "import sys\n"
        "from journal.service.journal_file import JournalFile\n"
        f"f = JournalFile({str(tmp_path / 'j.sqlite3')!r})\n"
        "f.start_integrity_probe(); f.backups(); f.files_to_delete(); f.lock_holder()\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'PySide6'}))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[3])}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=env, check=True, timeout=60)
    assert result.stdout.strip() == "[]"
