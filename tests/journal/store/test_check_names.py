"""The check a journal gets before it is used is named for what it does: SQLite's full
integrity check and its foreign-key check, never the lighter ``PRAGMA quick_check``."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from journal.clock import FixedClock
from journal.errors import DamagedFileError
from journal.service import Journal
from journal.store import check, probe
from tests.helpers.safety import episode
from tests.safety.test_safety_bad_values import _swap_index_roots


def test_no_function_is_called_a_quick_check() -> None:
    assert not hasattr(check, "quick_check")
    for module in (check, probe):
        assert "quick check" not in (module.__doc__ or "").lower()


def test_the_integrity_check_finds_what_quick_check_misses(db_path: Path,
                                                           clock: FixedClock) -> None:
    with Journal.open(db_path, clock) as j:
        for i in range(30):
            j.add_episode(episode(hours_ago=1 + i))
    revision, tables = check.integrity_check(db_path)
    assert revision == check.HEAD and "episodes" in tables
    _swap_index_roots(db_path)
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    assert conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    conn.close()
    with pytest.raises(DamagedFileError):
        check.integrity_check(db_path)
    with pytest.raises(DamagedFileError):
        check.integrity_check(db_path, fresh=True)
