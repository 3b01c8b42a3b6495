"""Revision 0002_flag_history: the 0001 fixture upgrades with every row intact, a verified
backup first, and the new table ready; the saved 0002 fixture opens as it is."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path

from journal.clock import FixedClock
from journal.rules import Tier
from journal.service import Journal
from journal.store import db

FIXTURES = Path(__file__).parent.parent / "fixtures" / "migrations"


def _all_rows(path: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr)
                for t in tables}
    finally:
        conn.close()


def _copy(fixture: str, tmp_path: Path) -> Path:
    path = tmp_path / "data" / "journal.sqlite3"
    path.parent.mkdir()
    shutil.copy(FIXTURES / fixture, path)
    return path


def test_0001_fixture_upgrades_to_flag_history(tmp_path: Path, clock: FixedClock) -> None:
    fixture_bytes = (FIXTURES / "0001_initial.sqlite3").read_bytes()
    path = _copy("0001_initial.sqlite3", tmp_path)
    before = _all_rows(path)
    assert "flag_history" not in before and before["episodes"]

    with Journal.open(path, clock) as journal:
        opened = journal.opened
        assert opened is not None and opened.upgraded_from == "0001_initial"
        assert journal.flag_history() == []
        episodes = journal.episodes()
    after = _all_rows(path)

    # every old row intact, in every old table
    for table, rows in before.items():
        if table == "alembic_version":
            continue
        assert after[table] == rows, table
    assert len(episodes) == len(before["episodes"])
    assert after["alembic_version"] == [("0002_flag_history",)]
    assert after["flag_history"] == []
    conn = sqlite3.connect(path)
    cols = {r[1]: (r[2].upper(), r[3]) for r in conn.execute("PRAGMA table_info(flag_history)")}
    conn.close()
    assert cols == {
        "id": ("INTEGER", 1), "rule": ("VARCHAR(48)", 1), "tier": ("VARCHAR(16)", 1),
        "first_fired_on": ("DATE", 1), "cleared_on": ("DATE", 0), "dismissed": ("BOOLEAN", 1),
        "evidence": ("JSON", 1),
    }

    # a verified backup of the 0001 file was made first; the fixture itself is untouched
    assert opened.backup is not None and opened.backup.exists()
    conn = sqlite3.connect(opened.backup)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == (
            "0001_initial")
    finally:
        conn.close()
    assert _all_rows(opened.backup) == before
    assert (FIXTURES / "0001_initial.sqlite3").read_bytes() == fixture_bytes


def test_upgraded_file_keeps_flag_history(tmp_path: Path, clock: FixedClock) -> None:
    path = _copy("0001_initial.sqlite3", tmp_path)
    with Journal.open(path, clock) as journal:
        fired = {f.rule for f in journal.record_flags(date(2026, 10, 23))}
        assert {"fever", "nerve_root"} <= fired
    with Journal.open(path, clock) as journal:
        assert journal.opened is not None and journal.opened.upgraded_from is None
        records = {r.rule: r for r in journal.flag_history()}
        assert records["fever"].tier is Tier.URGENT
        assert records["fever"].first_fired_on == date(2026, 10, 23)
        assert records["fever"].cleared_on is None


def test_0002_fixture_opens_at_head_with_its_history(tmp_path: Path, clock: FixedClock) -> None:
    path = _copy("0002_flag_history.sqlite3", tmp_path)
    assert db.read_revision(path) == "0002_flag_history"
    before = _all_rows(path)
    with Journal.open(path, clock) as journal:
        history = journal.flag_history()
        assert len(journal.episodes()) == len(before["episodes"])
    assert [(r.rule, r.cleared_on is None, r.dismissed) for r in history] == [
        ("fever", False, False), ("nerve_root", False, False),
        ("frequent_cramps", True, False), ("minor_injury", True, True),
    ]
    if db.HEAD == "0002_flag_history":
        assert _all_rows(path) == before
