"""Trigger statistics are reused while the file is unchanged, and never after a change."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from journal.clock import FixedClock
from journal.model import CheckIn, Episode, Kind
from journal.service import Journal

TZ = timezone(timedelta(hours=1))
START, END = date(2026, 1, 1), date(2026, 3, 15)


def _fill(journal: Journal) -> None:
    day = START
    n = 0
    while day <= END:
        journal.save_checkin(CheckIn(date=day, caffeine_mg=float(80 * (n % 4)),
                                     sitting_h=float(4 + n % 7), stress=n % 9))
        for k in range(n % 3):
            journal.add_episode(Episode(kind=Kind.TWITCH, duration_s=30, intensity=3,
                                        started_at=datetime(day.year, day.month, day.day,
                                                            9 + k, tzinfo=TZ)))
        day += timedelta(days=1)
        n += 1


def test_asked_again_unchanged_the_same_results_come_back(journal: Journal) -> None:
    _fill(journal)
    first = journal.trigger_stats(START, END)
    again = journal.trigger_stats(START, END)
    assert first == again and all(a is b for a, b in zip(first, again, strict=True))
    other = journal.trigger_stats(START + timedelta(days=7), END)
    assert other[0] is not first[0]


def test_a_write_here_or_in_another_process_means_new_results(
        journal: Journal, db_path: Path, clock: FixedClock) -> None:
    _fill(journal)
    first = journal.trigger_stats(START, END)
    journal.add_episode(Episode(kind=Kind.CRAMP, duration_s=60, intensity=6,
                                started_at=datetime(2026, 3, 10, 20, tzinfo=TZ)))
    after_own = journal.trigger_stats(START, END)
    assert after_own[0] is not first[0]
    time.sleep(0.01)  # a file time that can tell the write apart on coarse clocks too
    with Journal.open(db_path, clock) as elsewhere:
        elsewhere.save_checkin(CheckIn(date=date(2026, 3, 11), caffeine_mg=400.0))
    after_other = journal.trigger_stats(START, END)
    assert after_other[0] is not after_own[0]
    with Journal.open(db_path, clock) as fresh:
        assert after_other == fresh.trigger_stats(START, END)


def test_results_are_never_reused_across_languages(journal: Journal) -> None:
    from journal.i18n import language

    _fill(journal)
    english = journal.trigger_stats(START, END)
    with language("de"):
        german = journal.trigger_stats(START, END)
    assert german[0] is not english[0]
    assert [r.sentence for r in german] != [r.sentence for r in english]
