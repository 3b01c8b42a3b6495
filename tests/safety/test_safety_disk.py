"""A full or nearly full disk: "damaged" is what SQLite's check and the schema say, never a
guess from the file's size, so a healthy journal is never refused (nor a restore advised); a
nearly full disk gets its own message before anything is written, and what was acknowledged is
kept. On a real, tiny file system (a tmpfs mount, where the machine allows it) as well as with
the free space and the write errors simulated."""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from journal.clock import FixedClock
from journal.errors import LowDiskError, StorageError
from journal.service import Journal
from journal.store import backup, files
from tests.helpers.safety import DiskFull, episode, run_cli, sqlite_reads


def test_a_healthy_file_whose_size_is_not_whole_pages_opens(db_path: Path,
                                                            clock: FixedClock) -> None:
    with Journal.open(db_path, clock) as j:
        for i in range(30):
            j.add_episode(episode(hours_ago=1 + i))
        backup.checkpoint(j.engine)
    with open(db_path, "ab") as handle:  # what a checkpoint cut short by ENOSPC can leave
        handle.write(b"\0" * 1000)
    assert sqlite_reads(db_path) == (["ok"], 30)
    with Journal.open(db_path, clock) as j:
        assert j.count_episodes() == 30
        assert j.check() == []
    code, _out, err = run_cli(clock, "list", "--db", str(db_path))
    assert code == 0 and "truncated" not in err and "Restore" not in err


@pytest.fixture
def nearly_full(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, int]]:
    """The free space the store sees, set by the test (200 KiB to begin with)."""
    state = {"free": 200 * 1024}
    monkeypatch.setattr(files, "free_bytes", lambda folder: state["free"])
    yield state


def test_a_nearly_full_disk_is_said_before_writing_and_the_journal_still_reads(
        db_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch) -> None:
    with Journal.open(db_path, clock) as j:
        j.add_episode(episode())
    before = db_path.read_bytes()
    monkeypatch.setattr(files, "free_bytes", lambda folder: 200 * 1024)
    with Journal.open(db_path, clock) as j:
        assert any("nearly full" in n for n in j.opening_notices)
        assert j.count_episodes() == 1
        with pytest.raises(LowDiskError, match=r"nearly full \(200 KiB free.*nothing was written"):
            j.add_episode(episode(hours_ago=2))
        with pytest.raises(LowDiskError):
            j.backup_now()
        assert j.count_episodes() == 1
    assert db_path.read_bytes() == before
    code, out, err = run_cli(clock, "list", "--db", str(db_path))
    assert code == 0 and "cramp" in out and "nearly full" in err
    code, _out, err = run_cli(clock, "add", "--db", str(db_path), "--kind", "cramp", "--at",
                              "2026-03-16T10:00", "--duration", "1m", "--intensity", "3")
    assert code == 1 and "nearly full" in err and "Traceback" not in err
    monkeypatch.undo()
    with Journal.open(db_path, clock) as j:  # space freed: everything works again
        assert j.opening_notices == ()
        j.add_episode(episode(hours_ago=2))
        assert j.count_episodes() == 2


def test_an_upgrade_on_a_nearly_full_disk_is_refused_before_it_starts(
        tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    fixture = Path(__file__).parent.parent / "fixtures" / "migrations" / "0001_initial.sqlite3"
    path = tmp_path / "data" / "journal.sqlite3"
    path.parent.mkdir()
    shutil.copy(fixture, path)
    monkeypatch.setattr(files, "free_bytes", lambda folder: 1024 * 1024 + 10)
    with pytest.raises(LowDiskError, match="nearly full"):
        Journal.open(path, clock)
    assert path.read_bytes() == fixture.read_bytes()
    assert not (path.parent / "backups").exists() or not list((path.parent / "backups").iterdir())


def test_enospc_on_write_keeps_what_was_saved_and_the_file_opens(db_path: Path,
                                                                 clock: FixedClock) -> None:
    with Journal.open(db_path, clock) as j:
        j.add_episode(episode())
        fault = DiskFull(j, fail_at=1)
        with pytest.raises(StorageError, match="disk is full"):
            j.add_episode(episode(hours_ago=2))
        fault.remove()
    assert sqlite_reads(db_path) == (["ok"], 1)
    with Journal.open(db_path, clock) as j:
        assert j.count_episodes() == 1 and j.check() == []


# --- a real, tiny file system ------------------------------------------------------------------

@contextlib.contextmanager
def _tmpfs(where: Path, size: str) -> Iterator[Path]:
    where.mkdir()
    try:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700",
                               "tmpfs", str(where)], capture_output=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        done = None
    if done is None or done.returncode != 0:
        pytest.skip("this machine does not allow mounting a small tmpfs")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True, timeout=20)


def _fill(folder: Path, leave: int) -> Path:
    """Fill the file system holding ``folder`` until about ``leave`` bytes are free."""
    filler = folder / "filler.bin"
    with open(filler, "ab") as handle:
        while True:
            st = os.statvfs(folder)
            free = st.f_bavail * st.f_frsize
            if free <= leave:
                break
            try:
                handle.write(b"\0" * min(4096, free - leave))
                handle.flush()
            except OSError:
                break
    return filler


def test_on_a_full_tmpfs_nothing_acknowledged_is_lost_and_the_file_still_opens(
        tmp_path: Path, clock: FixedClock) -> None:
    with _tmpfs(tmp_path / "small", "3m") as mount:
        path = mount / "data" / "journal.sqlite3"
        saved = 0
        with Journal.open(path, clock) as j:
            j.add_episode(episode())
            saved = 1
            # Leave a little more than the store keeps in hand, then write big entries until
            # the disk refuses: first the store's own check, or ENOSPC from SQLite itself.
            filler = _fill(mount, files.LOW_DISK_BYTES + 160 * 1024)
            refusals: list[str] = []
            for i in range(200):
                try:
                    j.add_episode(episode(hours_ago=2 + i, note="n" * 4000))
                except StorageError as exc:
                    refusals.append(str(exc))
                    if len(refusals) >= 3:
                        break
                else:
                    saved += 1
            assert refusals, "the disk never filled"
            assert all("full" in r for r in refusals), refusals
            # The tmpfs has no room left at all now: even the store's margin is gone.
            _fill(mount, 0)
        assert sqlite_reads(path) == (["ok"], saved)
        # sqlite3 reads it, so the app opens it: never "truncated", never "restore a backup".
        with Journal.open(path, clock) as j:
            assert j.count_episodes() == saved
            assert any("nearly full" in n for n in j.opening_notices)
            with pytest.raises(LowDiskError):
                j.add_episode(episode(hours_ago=500))
        code, _out, err = run_cli(clock, "list", "--db", str(path))
        assert code == 0, err
        assert "truncated" not in err and "Restore" not in err
        code, _out, err = run_cli(clock, "check", "--db", str(path))
        assert code == 0, err
        filler.unlink()
        with Journal.open(path, clock) as j:
            j.add_episode(episode(hours_ago=600))
            assert j.count_episodes() == saved + 1
