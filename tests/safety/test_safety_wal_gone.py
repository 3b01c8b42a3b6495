"""The -wal deleted or replaced while a journal is open (issue 13, item 6).

SQLite keeps writing into the -wal it opened, so once another program deletes that file every
later write goes into a file nobody else can see, and a kill (or a power cut) then loses what
was acknowledged. An acknowledged entry must already be in the main file, and a journal whose
-wal has vanished or been replaced refuses further writes with a message saying what to do.

"What a kill leaves" is the files on disk at that moment: the main file copied while the journal
is still open, and whatever -wal is beside it.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from journal.clock import FixedClock
from journal.errors import JournalFileChangedError, StorageError
from journal.service import Journal
from tests.helpers.safety import episode, sqlite_reads

REPO = Path(__file__).resolve().parents[2]


def _wal(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def _what_a_kill_leaves(path: Path, into: Path) -> Path:
    """The journal's files as they are on disk now, copied while it is still open."""
    into.mkdir(parents=True)
    copy = into / path.name
    shutil.copyfile(path, copy)
    if _wal(path).exists():
        shutil.copyfile(_wal(path), _wal(copy))
    return copy


def _saved(journal: Journal, n: int, start: int) -> list[str]:
    """Add ``n`` episodes; the ids of those acknowledged (add returned), stopping at a refusal."""
    ids = []
    for i in range(n):
        ep = episode(hours_ago=start + i, note="note " * 200)
        try:
            journal.add_episode(ep)
        except StorageError:
            break
        ids.append(ep.id)
    return ids


def test_an_acknowledged_entry_is_in_the_main_file(db_path: Path, clock: FixedClock,
                                                    tmp_path: Path) -> None:
    with Journal.open(db_path, clock) as j:
        ids = _saved(j, 3, 1)
        assert len(ids) == 3
        copy = _what_a_kill_leaves(db_path, tmp_path / "after")
        _wal(copy).unlink(missing_ok=True)  # the -wal deleted by another program, then a kill
        rows, count = sqlite_reads(copy)
        assert rows == ["ok"] and count == 3


def test_writes_after_the_wal_vanished_are_refused_and_nothing_acknowledged_is_lost(
        db_path: Path, clock: FixedClock, tmp_path: Path) -> None:
    j = Journal.open(db_path, clock)
    try:
        before = _saved(j, 2, 1)
        _wal(db_path).unlink()
        with pytest.raises(JournalFileChangedError, match="write-ahead log") as info:
            j.add_episode(episode(hours_ago=10))
        message = str(info.value)
        assert "deleted or replaced" in message and "Restore" in message
        assert "\n" not in message.strip()
        # Refused every time, not only once; the undo of an earlier entry is a write too.
        after = _saved(j, 2, 20)
        assert after == []
        with pytest.raises(JournalFileChangedError):
            j.undo()
        copy = _what_a_kill_leaves(db_path, tmp_path / "killed")
    finally:
        j.close()
    with Journal.open(copy, clock) as again:
        assert {e.id for e in again.episodes()} == set(before)
        assert again.check() == []
    with Journal.open(db_path, clock) as again:  # the journal itself, reopened
        assert {e.id for e in again.episodes()} == set(before)


def test_a_replaced_wal_is_refused_too(db_path: Path, clock: FixedClock) -> None:
    j = Journal.open(db_path, clock)
    try:
        _saved(j, 2, 1)
        wal = _wal(db_path)
        data = wal.read_bytes()
        wal.unlink()
        wal.write_bytes(data)  # same bytes, another file: SQLite no longer writes into it
        with pytest.raises(JournalFileChangedError):
            j.add_episode(episode(hours_ago=10))
    finally:
        j.close()


def test_the_wal_sqlite_itself_recreates_is_not_a_false_alarm(db_path: Path,
                                                               clock: FixedClock) -> None:
    """Every connection closed (the -wal goes with the last one) and opened again: a new -wal,
    made by SQLite, is no reason to refuse."""
    j = Journal.open(db_path, clock)
    try:
        _saved(j, 1, 1)
        j.engine.dispose()  # the pool closes every connection; the -wal goes with the last
        assert len(_saved(j, 3, 5)) == 3
        assert j.count_episodes() == 4
    finally:
        j.close()


CHILD = """
import sys
from journal.errors import JournalFileChangedError, StorageError
from journal.service import Journal
from tests.helpers.safety import episode
j = Journal.open(sys.argv[1])
done = 0
for line in sys.stdin:
    for _ in range(int(line)):
        done += 1
        ep = episode(hours_ago=done)
        try:
            j.add_episode(ep)
        except StorageError as exc:
            print('refused', str(exc).replace(chr(10), ' '), flush=True)
        else:
            print('saved', ep.id, flush=True)
    print('waiting', flush=True)
"""


def _ask(proc: subprocess.Popen[str], n: int) -> list[str]:
    """Have the child add ``n`` episodes; what it printed for each."""
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(f"{n}\n")
    proc.stdin.flush()
    lines = []
    for line in proc.stdout:
        if line.startswith("waiting"):
            return lines
        lines.append(line.strip())
    raise AssertionError(f"the child ended early: {lines}")


def test_a_session_killed_after_its_wal_was_deleted_loses_no_acknowledged_entry(
        db_path: Path, clock: FixedClock) -> None:
    with Journal.open(db_path, clock):
        pass
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(db_path)], cwd=REPO, env=env,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        lines = _ask(proc, 2)
        _wal(db_path).unlink()  # another program deletes it while the session is open
        lines += _ask(proc, 2)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    saved = [line.split()[1] for line in lines if line.startswith("saved")]
    refused = [line for line in lines if line.startswith("refused")]
    assert len(saved) == 2 and len(refused) == 2, lines
    assert "write-ahead log" in refused[0]
    with Journal.open(db_path, clock) as j:
        assert {e.id for e in j.episodes()} == set(saved)


def test_after_reopening_the_new_wal_is_watched_from_the_start(db_path: Path,
                                                               clock: FixedClock) -> None:
    j = Journal.open(db_path, clock)
    try:
        _saved(j, 1, 1)
        _wal(db_path).unlink()
        with pytest.raises(JournalFileChangedError):
            j.add_episode(episode(hours_ago=10))
        j.reopen()  # what the app's "Check and reopen" does
        _wal(db_path).unlink()  # deleted again before anything is written
        with pytest.raises(JournalFileChangedError):
            j.add_episode(episode(hours_ago=11))
        j.reopen()
        assert len(_saved(j, 2, 20)) == 2  # and no false alarm after a reopen
        assert j.count_episodes() == 3
    finally:
        j.close()
