"""A write-ahead log from another journal beside this one is refused, never folded in: each
journal carries an identity on its page 1, and a -wal whose page 1 says another is left alone
(so are the journal and the -wal themselves), with a message saying what to do."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from journal.clock import FixedClock
from journal.errors import DamagedFileError
from journal.service import Journal
from tests.helpers.safety import digest, episode, run_cli


def _journal(path: Path, clock: FixedClock, n: int, note: str) -> None:
    with Journal.open(path, clock) as j:
        for i in range(n):
            j.add_episode(episode(hours_ago=1 + i, note=note * 300))


def test_a_wal_from_another_journal_is_refused_and_nothing_changes(tmp_path: Path,
                                                                   clock: FixedClock) -> None:
    mine = tmp_path / "mine" / "journal.sqlite3"
    other = tmp_path / "other" / "journal.sqlite3"
    _journal(mine, clock, 3, "mine ")
    _journal(other, clock, 3, "other ")
    held = Journal.open(other, clock)
    try:
        for i in range(20):  # written to the other journal's -wal, not yet checkpointed
            held.add_episode(episode(hours_ago=50 + i, note="other " * 300))
        shutil.copy(other.with_name(other.name + "-wal"), mine.with_name(mine.name + "-wal"))
    finally:
        held.close()
    before = digest(mine), digest(mine.with_name(mine.name + "-wal"))
    with pytest.raises(DamagedFileError, match="belongs to another journal"):
        Journal.open(mine, clock)
    for argv in (["list"], ["check"]):
        code, _out, err = run_cli(clock, *argv, "--db", str(mine))
        assert code == 1 and "another journal" in err, err
    assert (digest(mine), digest(mine.with_name(mine.name + "-wal"))) == before
    mine.with_name(mine.name + "-wal").unlink()  # as the message says: move it away
    with Journal.open(mine, clock) as j:
        assert j.count_episodes() == 3 and j.check() == []


def test_the_journal_s_own_wal_after_a_crash_is_used(tmp_path: Path, clock: FixedClock) -> None:
    path = tmp_path / "data" / "journal.sqlite3"
    _journal(path, clock, 3, "mine ")
    held = Journal.open(path, clock)
    for i in range(20):
        held.add_episode(episode(hours_ago=50 + i, note="later " * 300))
    # A crash: the -wal is left as it is (copied away before the clean close, then put back).
    wal = path.with_name(path.name + "-wal")
    saved = wal.read_bytes()
    main = path.read_bytes()
    held.close()
    path.write_bytes(main)
    wal.write_bytes(saved)
    with Journal.open(path, clock) as j:
        assert j.count_episodes() == 23 and j.check() == []
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] != 0
    conn.close()
