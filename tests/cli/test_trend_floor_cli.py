"""The trend floor of the report applies on the command line too (issue 18, item 6 leftovers):
``stats`` prints each kind's first against last 14 days with the days and episodes each side
rests on, and "not enough data" below the report's floor, in text and in JSON."""

from __future__ import annotations

import io
import json
from datetime import date, datetime, time, timedelta
from pathlib import Path

from journal.cli import main
from journal.clock import FixedClock
from journal.model import Episode, Kind
from journal.service import Journal

START, END = date(2026, 2, 1), date(2026, 3, 14)  # 42 days


def _journal(path: Path, clock: FixedClock) -> Path:
    tz = clock.now().tzinfo
    with Journal.open(path, clock) as j:
        for i in range(14):  # twitches: 1 a day in the first two weeks, 2 a day in the last
            for day, n in ((START + timedelta(days=i), 1), (END - timedelta(days=i), 2)):
                for k in range(n):
                    j.add_episode(Episode(kind=Kind.TWITCH, started_at=datetime.combine(
                        day, time(9 + k), tzinfo=tz), duration_s=20, intensity=3))
        for day in (START + timedelta(days=2), END - timedelta(days=1)):  # 1 against 1 cramp
            j.add_episode(Episode(kind=Kind.CRAMP, started_at=datetime.combine(
                day, time(15), tzinfo=tz), duration_s=60, intensity=5))
    return path


def _run(clock: FixedClock, *argv: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    assert main(list(argv), clock=clock, out=out, err=err) == 0, err.getvalue()
    return out.getvalue()


def test_stats_prints_the_trend_under_the_reports_floor(clock: FixedClock,
                                                        tmp_path: Path) -> None:
    db = str(_journal(tmp_path / "j.sqlite3", clock))
    period = ["--from", START.isoformat(), "--to", END.isoformat()]
    text = " ".join(_run(clock, "--db", db, "stats", *period).split())
    assert ("Twitches, first vs last 2 weeks: more: 1.0 \u2192 2.0 a recorded day (14 episodes "
            "on 14 recorded days, then 28 on 14)") in text
    assert ("Cramps, first vs last 2 weeks: not enough data (1 episodes on 14 recorded days, "
            "then 1 on 14; a trend needs 7 recorded days on each side and 20 episodes "
            "together)") in text
    doc = json.loads(_run(clock, "--db", db, "stats", "--json", *period))
    assert doc["trends"] == [
        {"kind": "twitch", "first_episodes": 14, "last_episodes": 28, "first_recorded_days": 14,
         "last_recorded_days": 14, "trend": "more"},
        {"kind": "cramp", "first_episodes": 1, "last_episodes": 1, "first_recorded_days": 14,
         "last_recorded_days": 14, "trend": "not enough data"},
    ]


def test_a_period_under_four_weeks_has_no_trend(clock: FixedClock, tmp_path: Path) -> None:
    db = str(_journal(tmp_path / "j.sqlite3", clock))
    text = " ".join(_run(clock, "--db", db, "stats", "--from", "2026-03-01", "--to",
                         END.isoformat()).split())
    assert "Twitches, first vs last 2 weeks: the period is under 4 weeks" in text
    assert "more: " not in text
