"""A journal reached through a symbolic link is the same journal: one lock and one window,
restore refused while the app has it open under either name, backups beside the real file, and
deleting everything removes the real files (and the link), not only the link."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from journal.clock import FixedClock
from journal.errors import StorageError
from journal.service import Journal
from journal.service.journal_file import JournalFile
from tests.helpers.safety import episode, run_cli


@pytest.fixture
def linked(tmp_path: Path, clock: FixedClock) -> tuple[Path, Path]:
    real = tmp_path / "real" / "journal.sqlite3"
    with Journal.open(real, clock) as j:
        j.add_episode(episode())
        j.backup_now()
    link_dir = tmp_path / "elsewhere"
    link_dir.mkdir()
    link = link_dir / "my-journal.sqlite3"
    link.symlink_to(real)
    return real, link


def test_the_link_and_the_file_are_one_journal(linked: tuple[Path, Path],
                                               clock: FixedClock) -> None:
    real, link = linked
    assert JournalFile(link).path == real
    assert JournalFile(link).lock_path == JournalFile(real).lock_path
    with Journal.open(link, clock) as j:
        assert j.path == real
        made = j.backup_now()
    assert made.parent == real.parent / "backups"
    assert not (link.parent / "backups").exists()


def test_restore_through_the_link_is_refused_while_the_app_has_the_file_open(
        linked: tuple[Path, Path], clock: FixedClock) -> None:
    real, link = linked
    backups = JournalFile(real).backups()
    code = ("import sys, time; from journal.service.journal_file import JournalFile; "
            "lock = JournalFile(sys.argv[1]).instance_lock(); assert lock.try_lock(); "
            "print('locked', flush=True); time.sleep(60)")
    # The app takes its lock under the real file's name, whichever name it was given.
    holder = subprocess.Popen([sys.executable, "-c", code, str(real)], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(StorageError, match="open in the app"):
            JournalFile(link).refuse_while_open_in_app()
        code, _out, err = run_cli(clock, "restore", "--db", str(link), str(backups[0].path))
        assert code == 1 and "open in the app" in err
    finally:
        holder.kill()
        holder.wait()


def test_delete_all_through_the_link_removes_the_real_files(linked: tuple[Path, Path],
                                                            clock: FixedClock) -> None:
    real, link = linked
    with Journal.open(real, clock) as j:
        j.add_episode(episode(hours_ago=3))
        code, _out, err = run_cli(clock, "delete-all-data", "--db", str(link))
        assert code == 2 and str(real) in err
        j.close()
    code, _out, err = run_cli(clock, "delete-all-data", "--db", str(link), "--yes")
    assert code == 0, err
    leftover = [p.name for p in real.parent.rglob("*")]
    assert leftover == []
    assert not link.exists() and not link.is_symlink()


def test_the_app_keeps_one_window_for_the_file_and_its_link(linked: tuple[Path, Path],
                                                            qtbot) -> None:  # type: ignore[no-untyped-def]
    from ui.session import SingleInstance, instance_key

    real, link = linked
    first = SingleInstance(real)
    second = SingleInstance(link)
    try:
        assert first.acquire()
        assert instance_key(link) == instance_key(real)
        assert not second.acquire()
    finally:
        second.release()
        first.release()
