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


def _in_place_update_wal(path: Path, note: str) -> bytes:
    """A -wal holding one transaction that only changes a page in place (no page-1 frame, as
    an edit of a note to one of the same length writes), copied while it is still open."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("UPDATE episodes SET note = ? WHERE rowid = (SELECT min(rowid) FROM "
                     "episodes)", (note,))
        conn.commit()
        data = path.with_name(path.name + "-wal").read_bytes()
    finally:
        conn.close()
    frames = [int.from_bytes(data[32 + i * (24 + 4096):36 + i * (24 + 4096)], "big")
              for i in range((len(data) - 32) // (24 + 4096))]
    assert frames and 1 not in frames, frames  # the case this test is about
    return data


def test_a_foreign_wal_without_a_page_one_is_refused_when_its_size_says_so(
        tmp_path: Path, clock: FixedClock) -> None:
    """No page-1 frame carries no identity; but a transaction that leaves page 1 alone cannot
    have changed the number of pages either, so a -wal whose commits say another size than the
    journal's header belongs to another file."""
    mine = tmp_path / "mine" / "journal.sqlite3"
    other = tmp_path / "other" / "journal.sqlite3"
    _journal(mine, clock, 3, "mine ")
    _journal(other, clock, 40, "other ")
    wal = mine.with_name(mine.name + "-wal")
    wal.write_bytes(_in_place_update_wal(other, "OTHER " * 300))
    before = digest(mine), digest(wal)
    with pytest.raises(DamagedFileError, match="belongs to another journal"):
        Journal.open(mine, clock)
    code, _out, err = run_cli(clock, "list", "--db", str(mine))
    assert code == 1 and "another journal" in err, err
    assert (digest(mine), digest(wal)) == before


def test_the_journal_s_own_wal_without_a_page_one_is_used(tmp_path: Path,
                                                         clock: FixedClock) -> None:
    path = tmp_path / "data" / "journal.sqlite3"
    _journal(path, clock, 3, "mine ")
    main = path.read_bytes()
    wal = _in_place_update_wal(path, "EDIT " * 300)
    path.write_bytes(main)  # as a kill leaves it: the main file, and the -wal beside it
    path.with_name(path.name + "-wal").write_bytes(wal)
    with Journal.open(path, clock) as j:
        assert "EDIT" in "".join(e.note for e in j.episodes())
        assert j.check() == []


def test_the_journal_s_own_wal_is_never_taken_for_another_s(tmp_path: Path,
                                                            clock: FixedClock) -> None:
    """Random inserts, edits (same length and not) and deletes, checkpoints now and then: at
    every commit, the file and its -wal as a kill would leave them are not called foreign."""
    import random

    from journal.store import check

    path = tmp_path / "data" / "journal.sqlite3"
    _journal(path, clock, 5, "seed ")
    rng = random.Random(13)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_autocheckpoint=0")
    wal = path.with_name(path.name + "-wal")
    seen_without_page_one = 0
    try:
        template = conn.execute("SELECT * FROM episodes LIMIT 1").fetchone()
        columns = [d[0] for d in conn.execute("SELECT * FROM episodes LIMIT 1").description]
        for step in range(150):
            ids = [r[0] for r in conn.execute("SELECT id FROM episodes")]
            action = rng.random()
            if action < 0.35 or len(ids) < 3:
                row = list(template)
                row[columns.index("id")] = f"00000000-0000-4000-8000-{step:012d}"
                row[columns.index("note")] = "n" * rng.choice((0, 10, 500, 5000))
                marks = ",".join("?" * len(row))
                conn.execute(f"INSERT INTO episodes VALUES ({marks})", row)
            elif action < 0.75:
                conn.execute("UPDATE episodes SET note = substr(note, 1, length(note) - 1) "
                             "|| 'x' WHERE id = ?", (rng.choice(ids),))
            elif action < 0.9:
                conn.execute("DELETE FROM episodes WHERE id = ?", (rng.choice(ids),))
            else:
                conn.execute("UPDATE episodes SET note = ? WHERE id = ?",
                             ("m" * rng.randint(0, 8000), rng.choice(ids)))
            conn.commit()
            if rng.random() < 0.1:
                conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
            header = path.read_bytes()[:100]
            scan = check.scan_wal(wal, 4096)
            if scan is not None and not scan.page_one:
                seen_without_page_one += 1
            assert not check._foreign_wal(path, path.stat().st_size, header), step
    finally:
        conn.close()
    print("commits whose -wal had no page 1:", seen_without_page_one)
    assert seen_without_page_one > 0  # the case the page count rule judges was met


def test_every_write_of_this_version_carries_the_identity_so_any_of_its_wals_is_told_apart(
        tmp_path: Path, clock: FixedClock) -> None:
    """Two journals of exactly the same size (so the page-count rule cannot tell them apart);
    an edit that changes a page in place is what the other one wrote last. Its -wal still
    names its journal, because every transaction this version writes includes page 1."""
    mine = tmp_path / "mine" / "journal.sqlite3"
    other = tmp_path / "other" / "journal.sqlite3"
    _journal(mine, clock, 3, "same ")
    _journal(other, clock, 3, "same ")
    assert mine.stat().st_size == other.stat().st_size
    held = Journal.open(other, clock)
    try:
        first = held.episodes()[0]
        held.update_episode(first.with_changes(note="SAME " * 300))  # same length: in place
        wal = other.with_name(other.name + "-wal")
        data = wal.read_bytes()
    finally:
        held.close()
    frames = [int.from_bytes(data[32 + i * 4120:36 + i * 4120], "big")
              for i in range((len(data) - 32) // 4120)]
    assert 1 in frames, frames
    target = mine.with_name(mine.name + "-wal")
    target.write_bytes(data)
    before = digest(mine), digest(target)
    with pytest.raises(DamagedFileError, match="belongs to another journal"):
        Journal.open(mine, clock)
    assert (digest(mine), digest(target)) == before
