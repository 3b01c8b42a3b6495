"""Upgrades are crash-safe: killed at every step (and at random moments), the journal is
either the old revision, untouched, or the new one, complete; the next start upgrades it with
every row intact, and retries reuse one pre-upgrade backup instead of piling them up. A file an
earlier version left half-upgraded is repaired from its pre-upgrade backup, with a message."""

from __future__ import annotations

import random
import shutil
import signal
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from journal.clock import FixedClock
from journal.errors import DamagedFileError, StorageError
from journal.service import Journal
from journal.store import backup, db, upgrade
from tests.helpers.safety import table_rows

FIXTURES = Path(__file__).parent.parent / "fixtures" / "migrations"
CHILD = Path(__file__).with_name("upgrade_child.py")
OLD = "0001_initial"


def _copy_old(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "journal.sqlite3"
    path.parent.mkdir(parents=True)
    shutil.copy(FIXTURES / f"{OLD}.sqlite3", path)
    return path


def _rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    # Read-only, and without the flag history, which an upgrade creates.
    return table_rows(path, skip=("alembic_version", "flag_history"), read_only=True)


def _state(path: Path) -> tuple[str, list[str]]:
    """(revision, integrity rows) of the file at the journal's path. A read-write connection,
    like any reader after a kill: it may have to recover the WAL index a killed writer left,
    which a read-only one refuses ("attempt to write a readonly database")."""
    conn = sqlite3.connect(path)
    try:
        integrity = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        conn.close()
    return revision, integrity


def _pre_upgrade_backups(path: Path) -> list[Path]:
    return [b.path for b in backup.list_backups(path) if b.reason == "pre-upgrade"]


def _run_child(path: Path, when: str) -> int:
    proc = subprocess.run([sys.executable, str(CHILD), str(path), when],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode in (0, -signal.SIGKILL), proc.stderr
    return proc.returncode


def _assert_upgrades_intact(path: Path, before: dict[str, list[tuple]],
                            clock: FixedClock) -> None:
    revision, integrity = _state(path)
    assert integrity == ["ok"]
    assert revision in (OLD, db.HEAD)  # never anything in between
    with Journal.open(path, clock, create=False) as journal:
        assert journal.check() == []
        assert journal.flag_history() == []
    assert _rows(path) == before
    assert _state(path)[0] == db.HEAD
    leftovers = [p.name for p in path.parent.iterdir() if ".upgrading" in p.name]
    assert leftovers == []
    assert len(_pre_upgrade_backups(path)) == 1


@pytest.mark.parametrize("step", upgrade.STEPS)
def test_killed_after_each_step_the_next_start_upgrades_with_every_row(
        step: str, tmp_path: Path, clock: FixedClock) -> None:
    path = _copy_old(tmp_path)
    before = _rows(path)
    assert _run_child(path, step) == -signal.SIGKILL
    revision, integrity = _state(path)
    assert integrity == ["ok"]
    assert revision == (db.HEAD if step == "replaced" else OLD)
    _assert_upgrades_intact(path, before, clock)


def test_killed_at_random_moments_of_opening_never_leaves_a_half_upgrade(
        tmp_path: Path, clock: FixedClock) -> None:
    rng = random.Random(20261204)
    kills = 0
    for round_no in range(6):
        path = _copy_old(tmp_path / str(round_no))
        before = _rows(path)
        # A few kills in a row on the same file, as a person restarting a crashing app would.
        for _ in range(3):
            if _state(path)[0] == db.HEAD:
                break
            if _run_child(path, f"random:{rng.uniform(0.0, 0.5):.3f}") == -signal.SIGKILL:
                kills += 1
            revision, integrity = _state(path)
            assert integrity == ["ok"] and revision in (OLD, db.HEAD)
        _assert_upgrades_intact(path, before, clock)
    assert kills >= 3


def test_a_failing_upgrade_changes_nothing_and_retries_reuse_one_backup(
        tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _copy_old(tmp_path)
    before = _rows(path)

    def fail(engine: object, target: str = "head") -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(upgrade, "run_alembic_upgrade", fail)
    for _attempt in range(3):
        with pytest.raises(StorageError, match=r"disk is full.*has not been changed"):
            Journal.open(path, clock)
        assert _state(path) == (OLD, ["ok"])
    assert len(_pre_upgrade_backups(path)) == 1
    monkeypatch.undo()
    _assert_upgrades_intact(path, before, clock)


def _half_upgrade_like_an_earlier_version(path: Path) -> None:
    """What an earlier version left when killed mid-upgrade: the pre-upgrade backup made, the
    new table created on the journal itself (pysqlite commits DDL at once), and the version
    table still at the old revision."""
    backup.backup_copy(path, backup.backup_name(path, datetime.now(UTC), "pre-upgrade"))
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE flag_history (id INTEGER PRIMARY KEY, rule VARCHAR(48))")
    conn.commit()
    conn.close()


def test_a_half_done_upgrade_is_repaired_from_its_backup_with_a_message(
        tmp_path: Path, clock: FixedClock) -> None:
    path = _copy_old(tmp_path)
    before = _rows(path)
    _half_upgrade_like_an_earlier_version(path)
    with Journal.open(path, clock) as journal:
        notices = journal.opening_notices
        assert journal.check() == []
        assert journal.flag_history() == []
    assert len(notices) == 1
    assert "interrupted" in notices[0] and "put back from the backup" in notices[0]
    assert _rows(path) == before and _state(path) == (db.HEAD, ["ok"])
    # The half-upgraded file itself is kept, never thrown away.
    assert any(b.reason == "pre-restore" for b in backup.list_backups(path))
    with Journal.open(path, clock) as journal:  # and the next start says nothing more
        assert journal.opening_notices == ()


def test_the_command_line_tells_about_the_repair(tmp_path: Path, clock: FixedClock) -> None:
    from tests.helpers.safety import run_cli

    path = _copy_old(tmp_path)
    _half_upgrade_like_an_earlier_version(path)
    code, _out, err = run_cli(clock, "list", "--db", str(path))
    assert code == 0, err
    assert "interrupted" in err and "Traceback" not in err


def test_a_half_done_upgrade_without_its_backup_is_refused_untouched(tmp_path: Path,
                                                                     clock: FixedClock) -> None:
    path = _copy_old(tmp_path)
    _half_upgrade_like_an_earlier_version(path)
    for item in _pre_upgrade_backups(path):
        item.unlink()
    data = path.read_bytes()
    with pytest.raises(DamagedFileError, match="half-upgraded"):
        Journal.open(path, clock)
    assert path.read_bytes() == data


def test_revision_tables_match_the_saved_fixtures() -> None:
    from journal.store.check import REVISION_TABLES

    for revision in db.REVISIONS:
        conn = sqlite3.connect(FIXTURES / f"{revision}.sqlite3")
        tables = {r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name != 'alembic_version'")}
        conn.close()
        assert tables == REVISION_TABLES[revision], revision
