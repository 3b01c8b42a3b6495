"""Backups: verified copies, made at start when the data changed and every few hours, kept
7 daily / 4 weekly / 12 monthly; restore keeps the current file first; delete-all-data; the
permissions of everything we write."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from journal import errors
from journal.clock import FixedClock
from journal.service import Journal
from journal.store import backup, db, files
from tests.helpers.safety import digest, episode, folder_state, run_cli


def test_backup_now_is_a_verified_copy_with_the_same_entries(journal: Journal) -> None:
    e = episode(note="before the backup")
    journal.add_episode(e)
    made = journal.backup_now()
    assert made.parent == files.backups_dir(journal.path)
    assert backup.verify_backup(made) == db.HEAD
    with Journal.open(made, journal.clock, create=False) as copy:
        assert copy.get_episode(e.id) == e
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    assert stat.S_IMODE(made.parent.stat().st_mode) == 0o700
    assert not list(made.parent.glob("*.part"))


def test_backup_to_a_chosen_file(journal: Journal, tmp_path: Path) -> None:
    journal.add_episode(episode())
    out = journal.backup_now(tmp_path / "elsewhere.sqlite3")
    assert out == tmp_path / "elsewhere.sqlite3"
    assert backup.verify_backup(out) == db.HEAD
    with pytest.raises(errors.StorageError, match="over the journal itself"):
        journal.backup_now(journal.path)


def test_at_start_a_backup_is_made_only_when_the_data_changed(journal: Journal,
                                                              clock: FixedClock) -> None:
    first = journal.maybe_backup(at_start=True)
    assert first is not None  # no backup yet: make one
    clock.advance(timedelta(minutes=5))
    assert journal.maybe_backup(at_start=True) is None  # nothing changed since
    journal.add_episode(episode(hours_ago=2))
    clock.advance(timedelta(minutes=5))
    assert journal.maybe_backup(at_start=True) is not None
    # An edit, a deletion and an undo each count as a change.
    e = episode(hours_ago=3)
    journal.add_episode(e)
    clock.advance(timedelta(minutes=5))
    journal.maybe_backup(at_start=True)
    for mutate in (lambda: journal.update_episode(e.with_changes(intensity=9)),
                   lambda: journal.undo(), lambda: journal.delete_episode(e.id)):
        clock.advance(timedelta(minutes=5))
        assert journal.maybe_backup(at_start=True) is None
        mutate()
        clock.advance(timedelta(seconds=1))
        assert journal.maybe_backup(at_start=True) is not None


def test_while_running_a_backup_every_few_hours_while_it_changes(journal: Journal,
                                                                 clock: FixedClock) -> None:
    journal.maybe_backup(at_start=True)
    journal.add_episode(episode(hours_ago=5))
    clock.advance(timedelta(hours=1))
    assert journal.maybe_backup() is None  # changed, but the last backup is recent
    clock.advance(backup.BACKUP_INTERVAL)
    assert journal.maybe_backup() is not None
    clock.advance(backup.BACKUP_INTERVAL * 2)
    assert journal.maybe_backup() is None  # old enough, but nothing changed


def _fake_backup(db_path: Path, at: datetime) -> Path:
    dest = backup.backup_name(db_path, at)
    files.ensure_private_dir(dest.parent)
    dest.write_bytes(b"")
    return dest


def test_retention_keeps_7_daily_4_weekly_12_monthly(tmp_path: Path) -> None:
    db_path = tmp_path / "journal.sqlite3"
    start = datetime(2024, 1, 1, 12, 0, tzinfo=UTC)
    made = [_fake_backup(db_path, start + timedelta(hours=6 * i)) for i in range(4 * 400)]
    removed = backup.prune(db_path, start)
    kept = backup.list_backups(db_path)
    assert len(kept) + len(removed) == len(made)
    times = [b.taken_at for b in kept]
    newest = max(t for t in (start + timedelta(hours=6 * i) for i in range(4 * 400)))
    assert times[0] == newest
    days = {t.astimezone().date() for t in times}
    months = {(t.astimezone().year, t.astimezone().month) for t in times}
    weeks = {t.astimezone().isocalendar()[:2] for t in times}
    assert len(days) >= 7 and len(weeks) >= 4 and len(months) == 12
    # 7 daily + up to 4 weekly + up to 12 monthly, overlapping: never more than 23.
    assert 12 <= len(kept) <= 23
    # Each of the 7 newest days keeps exactly its newest backup.
    for d in sorted(days, reverse=True)[:7]:
        same_day = [t for t in times if t.astimezone().date() == d]
        assert len(same_day) == 1
    # Pruning again removes nothing: the policy is stable.
    assert backup.prune(db_path, start) == []


def test_retention_with_a_fixed_clock_over_months_of_use(db_path: Path,
                                                         clock: FixedClock) -> None:
    j = Journal.open(db_path, clock)
    try:
        for _day in range(100):
            clock.advance(timedelta(days=1))
            j.add_episode(episode(hours_ago=1, started_at=clock.now() - timedelta(hours=1)))
            assert j.maybe_backup(at_start=True) is not None
        kept = backup.list_backups(db_path)
        assert len(kept) <= 23
        assert kept[0].taken_at == clock.now().astimezone(UTC).replace(microsecond=0)
        months = {(b.taken_at.year, b.taken_at.month) for b in kept}
        assert len(months) >= 4
    finally:
        j.close()


def test_restore_backs_up_the_current_file_first(journal: Journal, clock: FixedClock) -> None:
    a = episode(hours_ago=3, note="kept in the backup")
    journal.add_episode(a)
    made = journal.backup_now()
    b = episode(hours_ago=2, note="added after the backup")
    journal.add_episode(b)
    clock.advance(timedelta(minutes=1))
    kept = journal.restore(made)
    assert [e.id for e in journal.episodes()] == [a.id]
    assert kept is not None and ".pre-restore." in kept.name
    with Journal.open(kept, clock, create=False) as before:
        assert {e.id for e in before.episodes()} == {a.id, b.id}
    # The journal is usable after the restore, and the undo history was cleared.
    assert not journal.can_undo
    journal.add_episode(episode(hours_ago=1))
    assert journal.count_episodes() == 2
    assert journal.check() == []


def test_restore_refuses_a_damaged_backup_and_changes_nothing(journal: Journal,
                                                              tmp_path: Path) -> None:
    journal.add_episode(episode())
    made = journal.backup_now()
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(made.read_bytes()[: made.stat().st_size // 2])
    backup.checkpoint(journal.engine)
    before = folder_state(journal.path.parent)
    with pytest.raises(errors.DamagedFileError):
        journal.restore(damaged)
    assert folder_state(journal.path.parent) == before
    assert journal.count_episodes() == 1


def test_restore_of_a_damaged_journal_keeps_its_bytes(tmp_path: Path, clock: FixedClock) -> None:
    db_path = tmp_path / "data" / "journal.sqlite3"
    with Journal.open(db_path, clock) as j:
        e = episode()
        j.add_episode(e)
        good = j.backup_now()
    broken = b"\x00" * 5000
    db_path.write_bytes(broken)
    with pytest.raises(errors.DamagedFileError):
        Journal.open(db_path, clock)
    assert backup.latest_good_backup(db_path).path == good
    kept = backup.restore(db_path, good, clock.now())
    assert kept is not None and ".damaged." in kept.name and kept.read_bytes() == broken
    with Journal.open(db_path, clock) as j:
        assert j.get_episode(e.id) == e


def test_cli_backup_restore_and_backups(tmp_path: Path, clock: FixedClock) -> None:
    db_path = tmp_path / "cli" / "journal.sqlite3"
    code, _out, err = run_cli(clock, "--db", str(db_path), "add", "--kind", "cramp", "--at",
                              "2026-03-16T10:00+01:00", "--duration", "2m", "--intensity", "4")
    assert code == 0, err
    out_file = tmp_path / "copy.sqlite3"
    code, out, err = run_cli(clock, "--db", str(db_path), "backup", "--out", str(out_file))
    assert code == 0 and "integrity checked" in out and backup.verify_backup(out_file)
    code, out, _ = run_cli(clock, "--db", str(db_path), "backup")
    assert code == 0
    code, out, _ = run_cli(clock, "--db", str(db_path), "backups")
    assert code == 0 and "manual" in out
    run_cli(clock, "--db", str(db_path), "add", "--kind", "twitch", "--at",
            "2026-03-16T11:00+01:00", "--duration", "30s", "--intensity", "2")
    code, out, err = run_cli(clock, "--db", str(db_path), "restore", str(out_file))
    assert code == 0, err
    assert "pre-restore" in out
    with Journal.open(db_path, clock) as j:
        assert j.count_episodes() == 1
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"not a database at all")
    before = digest(db_path)
    code, _out, err = run_cli(clock, "--db", str(db_path), "restore", str(bad))
    assert code == 1 and "not a Symptom Journal file" in err
    assert digest(db_path) == before


def test_cli_restore_refuses_while_the_app_holds_the_lock(tmp_path: Path,
                                                          clock: FixedClock) -> None:
    db_path = tmp_path / "journal.sqlite3"
    with Journal.open(db_path, clock) as j:
        made = j.backup_now()
    # The app's lock as the app takes it (an flock held by a live process, its pid inside).
    code = ("import sys, time; from journal.service.journal_file import JournalFile; "
            "lock = JournalFile(sys.argv[1]).instance_lock(); assert lock.try_lock(); "
            "print('locked', flush=True); time.sleep(30)")
    holder = subprocess.Popen([sys.executable, "-c", code, str(db_path)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        before = digest(db_path)
        code, _out, err = run_cli(clock, "--db", str(db_path), "restore", str(made))
        assert code == 1 and "open in the app" in err
        code, _out, err = run_cli(clock, "--db", str(db_path), "delete-all-data", "--yes")
        assert code == 1 and db_path.exists() and digest(db_path) == before
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    # The process is gone: its lock no longer counts.
    assert files.app_lock_holder(db_path) is None
    # Nor does a lock file naming a live process that does not hold it (a reused pid).
    files.lock_path(db_path).write_text(f"{os.getppid()}\n")
    assert files.app_lock_holder(db_path) is None


def test_delete_all_data_removes_the_file_side_files_and_backups(tmp_path: Path,
                                                                 clock: FixedClock) -> None:
    folder = tmp_path / "data"
    db_path = folder / "journal.sqlite3"
    other = folder / "not-ours.txt"
    j = Journal.open(db_path, clock)
    j.add_episode(episode())
    j.backup_now()
    j.maybe_backup(at_start=True)
    assert any(p.exists() for p in files.side_files(db_path))
    other.write_text("someone else's file")
    removed = j.delete_all_data()
    assert db_path in removed
    assert not db_path.exists()
    assert not any(p.exists() for p in files.side_files(db_path))
    assert not files.backups_dir(db_path).exists()
    assert other.exists()  # only our files


def test_cli_delete_all_data_needs_yes(tmp_path: Path, clock: FixedClock) -> None:
    db_path = tmp_path / "journal.sqlite3"
    with Journal.open(db_path, clock) as j:
        j.add_episode(episode())
        j.backup_now()
    code, _out, err = run_cli(clock, "--db", str(db_path), "delete-all-data")
    assert code == 2 and "--yes" in err and db_path.exists()
    code, out, _err = run_cli(clock, "--db", str(db_path), "delete-all-data", "--yes")
    assert code == 0 and not db_path.exists() and not files.backups_dir(db_path).exists()
    assert "Removed 2 file(s)" in out


def test_permissions_are_repaired_at_start(tmp_path: Path, clock: FixedClock) -> None:
    folder = tmp_path / "data"
    db_path = folder / "journal.sqlite3"
    with Journal.open(db_path, clock) as j:
        j.add_episode(episode())
        made = j.backup_now()
    wal = db_path.with_name(db_path.name + "-wal")
    wal.write_bytes(b"")
    for path, mode in ((folder, 0o755), (db_path, 0o644), (wal, 0o666), (made, 0o644),
                       (made.parent, 0o777)):
        path.chmod(mode)
    with Journal.open(db_path, clock) as j:
        assert j.count_episodes() == 1
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(made.parent.stat().st_mode) == 0o700
    for path in (db_path, made):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    for side in files.side_files(db_path):
        if side.exists():
            assert stat.S_IMODE(side.stat().st_mode) & 0o077 == 0


def test_repair_never_makes_a_read_only_file_writable(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    path.write_bytes(b"x")
    path.chmod(0o444)
    changed = db.repair_permissions(path)
    assert path in changed  # group and others lose their read access...
    assert stat.S_IMODE(path.stat().st_mode) == 0o400  # ...and the owner gains nothing
    assert db.repair_permissions(path) == []


def test_a_new_journal_and_its_folder_are_private(tmp_path: Path, clock: FixedClock) -> None:
    db_path = tmp_path / "new" / "journal.sqlite3"
    old = os.umask(0o022)
    try:
        with Journal.open(db_path, clock) as j:
            j.add_episode(episode())
    finally:
        os.umask(old)
    assert stat.S_IMODE(db_path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_after_delete_all_data_nothing_recreates_the_file(db_path: Path,
                                                          clock: FixedClock) -> None:
    j = Journal.open(db_path, clock)
    j.add_episode(episode())
    j.delete_all_data()
    with pytest.raises(errors.StorageError):
        j.episodes()
    with pytest.raises(errors.StorageError):
        j.add_episode(episode(hours_ago=2))
    j.close()
    assert not db_path.exists()
    assert not any(p.exists() for p in files.side_files(db_path))
