"""The import's driver-level insert writes exactly what the ORM writes for the same episode."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from journal.errors import BadStoredValueError
from journal.model import (
    Activity,
    Episode,
    Kind,
    Radiates,
    Region,
    Relief,
    Side,
    TriggerTag,
    WarningSign,
)
from journal.store import db
from journal.store import repository as repo

NOW = datetime(2026, 3, 16, 9, 30, 12, 345678, tzinfo=UTC)


def _episodes() -> list[Episode]:
    plus_one = timezone(timedelta(hours=1))
    minus_five_half = timezone(-timedelta(hours=5, minutes=30))
    return [
        Episode(kind=Kind.CRAMP, started_at=datetime(2026, 3, 1, 0, 10, tzinfo=plus_one),
                duration_s=75, intensity=7, side=Side.LEFT,
                regions=(Region.GLUTE_MAX_UPPER, Region.SI_JOINT), radiates_to=Radiates.THIGH,
                activity=Activity.SITTING,
                triggers=(TriggerTag("caffeine", 200.0, "mg"), TriggerTag("stress", None, None)),
                warning_signs=(WarningSign.FEVER,), relief=(Relief.HEAT, Relief.STRETCH),
                relief_score=4, note="Zoë: «ça tire» \u2013 \U0001f4aa"),
        Episode(kind=Kind.TWITCH, started_at=datetime(2025, 12, 31, 23, 59, 59, 120,
                                                      tzinfo=minus_five_half),
                duration_s=0, intensity=0),
    ]


def _rows(path: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT * FROM episodes ORDER BY id").fetchall()


def test_bulk_insert_writes_the_orm_text_to_the_character(tmp_path: Path) -> None:
    episodes = _episodes()
    orm, bulk = tmp_path / "orm.sqlite3", tmp_path / "bulk.sqlite3"
    opened = db.open_database(orm, create=True)
    try:
        with Session(opened.engine) as s, s.begin():
            for ep in episodes:
                repo.put_episode(s, ep, NOW)
    finally:
        opened.engine.dispose()
    opened = db.open_database(bulk, create=True)
    try:
        with opened.engine.begin() as conn:
            assert repo.bulk_insert_episodes(conn, episodes, NOW) == 2
        with Session(opened.engine) as s:
            assert sorted(repo.list_episodes(s), key=lambda e: e.id) == sorted(
                episodes, key=lambda e: e.id)
    finally:
        opened.engine.dispose()
    assert _rows(bulk) == _rows(orm)


@pytest.mark.parametrize("column, value", [("kind", "bogus"), ("regions", "not json"),
                                           ("relief", '["no_such_relief"]'), ("triggers", "5")])
def test_a_bad_stored_value_is_reported_not_raised_raw(tmp_path: Path, column: str,
                                                       value: str) -> None:
    path = tmp_path / "bad.sqlite3"
    opened = db.open_database(path, create=True)
    try:
        with opened.engine.begin() as conn:
            repo.bulk_insert_episodes(conn, _episodes(), NOW)
        with sqlite3.connect(path) as raw:
            raw.execute(f"UPDATE episodes SET {column} = ? WHERE duration_s = 0", (value,))
        with Session(opened.engine) as s, pytest.raises(BadStoredValueError):
            repo.list_episodes(s)
    finally:
        opened.engine.dispose()
