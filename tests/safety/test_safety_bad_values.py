"""A file that ``check`` reports damaged is never opened for writing, and one bad value in a
row (an unknown kind, JSON that is not JSON, a date that is not one, text that is not UTF-8, a
10 MB value) never crashes ``list`` or ``export``: a clear one-line message, nothing changed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from journal import errors
from journal.clock import FixedClock
from journal.service import Journal
from journal.store import backup
from tests.helpers.safety import digest, episode, run_cli


def _journal(db_path: Path, clock: FixedClock, n: int = 40) -> list[str]:
    with Journal.open(db_path, clock) as j:
        ids = [j.add_episode(episode(hours_ago=1 + i, note=f"n{i}")).ids[0] for i in range(n)]
        backup.checkpoint(j.engine)
    return ids


def _sql(db_path: Path, statement: str) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.execute(statement)
    conn.commit()
    conn.close()


BAD_VALUES = {
    "unknown kind": "UPDATE episodes SET kind = 'explosion' WHERE rowid = 3",
    "regions not JSON": "UPDATE episodes SET regions = '{not json' WHERE rowid = 3",
    "triggers of the wrong shape": "UPDATE episodes SET triggers = '[1, 2]' WHERE rowid = 3",
    "date that is not one": "UPDATE episodes SET local_date = 'someday' WHERE rowid = 3",
    "instant that is not one": "UPDATE episodes SET started_at_utc = 'x' WHERE rowid = 3",
    "note not UTF-8": "UPDATE episodes SET note = CAST(x'ff41fe' AS TEXT) WHERE rowid = 3",
    "10 MB kind": "UPDATE episodes SET kind = printf('%.*c', 10000000, 'k') WHERE rowid = 3",
}


@pytest.mark.parametrize("name", sorted(BAD_VALUES))
def test_a_bad_value_in_one_row_gives_a_clear_message_not_a_traceback(
        name: str, db_path: Path, clock: FixedClock, tmp_path: Path) -> None:
    _journal(db_path, clock)
    _sql(db_path, BAD_VALUES[name])
    run_cli(clock, "list", "--db", str(db_path))  # back in WAL mode, as the app keeps it
    before = digest(db_path)
    for argv in (["list"], ["list", "--json"],
                 ["export", "--format", "json", "--out", str(tmp_path / "o.json")],
                 ["export", "--format", "csv", "--out", str(tmp_path / "o.csv")]):
        code, _out, err = run_cli(clock, *argv, "--db", str(db_path))
        assert code == 1, (name, argv, err[:300])
        assert "Traceback" not in err
        assert len(err) < 800, (name, argv, len(err))
        assert err.count("\n") == 1 and "cannot" in err, err[:300]
    code, out, err = run_cli(clock, "check", "--db", str(db_path))
    assert code != 0 and "Traceback" not in err and len(out + err) < 4000
    assert digest(db_path) == before  # nothing was changed by any of it


def _swap_index_roots(db_path: Path) -> None:
    """Damage only index contents: quick_check misses it, integrity_check does not."""
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA journal_mode=DELETE")
    roots = dict(conn.execute(
        "SELECT name, rootpage FROM sqlite_master WHERE name IN "
        "('ix_episodes_local_date_kind', 'ix_episodes_started_at_utc')").fetchall())
    conn.execute("PRAGMA writable_schema=ON")
    a, b = roots["ix_episodes_local_date_kind"], roots["ix_episodes_started_at_utc"]
    conn.execute("UPDATE sqlite_master SET rootpage = ? WHERE name = ?",
                 (b, "ix_episodes_local_date_kind"))
    conn.execute("UPDATE sqlite_master SET rootpage = ? WHERE name = ?",
                 (a, "ix_episodes_started_at_utc"))
    conn.commit()
    conn.close()


def test_a_file_check_reports_damaged_is_never_opened_for_writing(db_path: Path,
                                                                  clock: FixedClock) -> None:
    _journal(db_path, clock)
    _swap_index_roots(db_path)
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    assert conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    assert conn.execute("PRAGMA integrity_check").fetchall() != [("ok",)]
    conn.close()
    before = digest(db_path)
    with pytest.raises(errors.DamagedFileError):
        Journal.open(db_path, clock)
    code, _out, err = run_cli(clock, "add", "--db", str(db_path), "--kind", "cramp", "--at",
                              "2026-03-16T10:00", "--duration", "1m", "--intensity", "3")
    assert code == 1 and "damaged" in err
    assert digest(db_path) == before


def test_a_broken_reference_is_refused_like_check_reports_it(db_path: Path,
                                                             clock: FixedClock) -> None:
    _journal(db_path, clock, n=2)
    conn = sqlite3.connect(db_path)
    refs = conn.execute("SELECT count(*) FROM sqlite_master WHERE sql LIKE '%REFERENCES%'")
    has_fk = refs.fetchone()[0]
    conn.close()
    if not has_fk:
        pytest.skip("no table of this schema has a foreign key")
