"""Run lengths across daylight-saving changes (Europe/London, America/New_York) and offsets.

The decision (engine.py): the 7-day gap and the 14-day span are elapsed time between instants.
So "the same clock time two weeks later" is 14 days minus an hour in spring (no flag) and 14
days plus an hour in autumn (flag); one minute past exactly 14 elapsed days always fires. Each
case is checked with the zone's own ZoneInfo (where naive Python subtraction would use wall
time), and again after a round trip through the journal file (fixed offsets).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from rules_factory import ci, ep, hist, run

from journal.clock import FixedClock
from journal.model import Kind
from journal.rules import History, evaluate, find_runs
from journal.service import Journal

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")


def local(tz: ZoneInfo, y: int, m: int, d: int, h: int, mi: int = 0) -> datetime:
    return datetime(y, m, d, h, mi, tzinfo=tz)


def _run_between(first: datetime, last: datetime) -> list:
    # middle episodes at a quarter, half and three quarters of the real elapsed time
    span = last.astimezone(ZoneInfo("UTC")) - first.astimezone(ZoneInfo("UTC"))
    middles = [(first.astimezone(ZoneInfo("UTC")) + span * k / 4).astimezone(first.tzinfo)
               for k in (1, 2, 3)]
    return [ep(first), *(ep(m) for m in middles), ep(last)]


# (zone, first start, last start, fires): spring forward and fall back for both zones.
SPAN_CASES = [
    # London: clocks go forward 2026-03-29 01:00 GMT -> 02:00 BST
    (LONDON, (2026, 3, 20, 9), (2026, 4, 3, 9, 0), False),   # same clock time: 13 d 23 h
    (LONDON, (2026, 3, 20, 9), (2026, 4, 3, 10, 0), False),  # exactly 14 d elapsed
    (LONDON, (2026, 3, 20, 9), (2026, 4, 3, 10, 1), True),   # 14 d and a minute
    # London: clocks go back 2026-10-25 02:00 BST -> 01:00 GMT
    (LONDON, (2026, 10, 20, 9), (2026, 11, 3, 8, 0), False),  # exactly 14 d elapsed
    (LONDON, (2026, 10, 20, 9), (2026, 11, 3, 8, 1), True),
    (LONDON, (2026, 10, 20, 9), (2026, 11, 3, 9, 0), True),   # same clock time: 14 d 1 h
    # New York: forward 2026-03-08 02:00 EST -> 03:00 EDT
    (NEW_YORK, (2026, 3, 1, 9), (2026, 3, 15, 9, 0), False),
    (NEW_YORK, (2026, 3, 1, 9), (2026, 3, 15, 10, 0), False),
    (NEW_YORK, (2026, 3, 1, 9), (2026, 3, 15, 10, 1), True),
    # New York: back 2026-11-01 02:00 EDT -> 01:00 EST
    (NEW_YORK, (2026, 10, 25, 9), (2026, 11, 8, 8, 0), False),
    (NEW_YORK, (2026, 10, 25, 9), (2026, 11, 8, 8, 1), True),
    (NEW_YORK, (2026, 10, 25, 9), (2026, 11, 8, 9, 0), True),
]


@pytest.mark.parametrize(("tz", "first", "last", "fires"), SPAN_CASES,
                         ids=[f"{c[0].key}-{c[1][1]}-{c[2][3]}:{c[2][4]:02d}" for c in SPAN_CASES])
def test_14_day_span_across_dst(tz: ZoneInfo, first: tuple, last: tuple, fires: bool,
                                tmp_path: Path) -> None:
    start, end = local(tz, *first), local(tz, *last)
    entries = _run_between(start, end)
    today = end.date()
    assert ("persistent" in run(hist(*entries), today)) is fires

    # the same episodes stored in and read back from a journal file (fixed offsets) agree
    clock = FixedClock(end + timedelta(hours=1))
    with Journal.open(tmp_path / "j.sqlite3", clock) as journal:
        for e in entries:
            journal.add_episode(e)
        stored = History(tuple(journal.episodes()), ())
    assert ("persistent" in run(stored, today)) is fires


GAP_CASES = [
    # London spring: 7 days after 09:00 GMT is 10:00 BST
    (LONDON, (2026, 3, 25, 9), (2026, 4, 1, 10, 0), True),
    (LONDON, (2026, 3, 25, 9), (2026, 4, 1, 10, 1), False),
    (LONDON, (2026, 3, 25, 9), (2026, 4, 1, 9, 0), True),   # same clock time: 6 d 23 h
    # London autumn: 7 days after 09:00 BST is 08:00 GMT
    (LONDON, (2026, 10, 22, 9), (2026, 10, 29, 8, 0), True),
    (LONDON, (2026, 10, 22, 9), (2026, 10, 29, 9, 0), False),  # same clock time: 7 d 1 h
    # New York
    (NEW_YORK, (2026, 3, 5, 9), (2026, 3, 12, 10, 0), True),
    (NEW_YORK, (2026, 3, 5, 9), (2026, 3, 12, 10, 1), False),
    (NEW_YORK, (2026, 10, 29, 9), (2026, 11, 5, 8, 0), True),
    (NEW_YORK, (2026, 10, 29, 9), (2026, 11, 5, 8, 1), False),
]


@pytest.mark.parametrize(("tz", "before", "after", "one_run"), GAP_CASES,
                         ids=[f"{c[0].key}-{c[1][1]}-{c[2][3]}:{c[2][4]:02d}" for c in GAP_CASES])
def test_7_day_gap_across_dst(tz: ZoneInfo, before: tuple, after: tuple, one_run: bool) -> None:
    a, b = local(tz, *before), local(tz, *after)
    runs = find_runs([ep(a), ep(b)], Kind.TWITCH)
    assert (len(runs) == 1) is one_run


def test_an_offset_change_from_travel_uses_the_real_elapsed_time() -> None:
    # logged at 09:00 in London, then 14 days later at 05:00 in New York = 14 d exactly in UTC
    first = local(LONDON, 2026, 6, 1, 9)
    last_same_instant = local(NEW_YORK, 2026, 6, 15, 4)   # 08:00 UTC: 13 d 23 h
    last_later = local(NEW_YORK, 2026, 6, 15, 4, 1)       # 08:01 UTC: 14 d and a minute
    mid = [ep(local(LONDON, 2026, 6, d, 9)) for d in (5, 9, 13)]
    today = date(2026, 6, 15)
    assert "persistent" not in run(hist(ep(first), *mid, ep(last_same_instant)), today)
    assert "persistent" in run(hist(ep(first), *mid, ep(last_later)), today)


def test_current_is_counted_in_local_dates() -> None:
    # the last episode at 23:30 New York time on 1 March is already 2 March in UTC
    last = local(NEW_YORK, 2026, 3, 1, 23, 30)
    entries = _run_between(last - timedelta(days=15), last)
    # a check-in on each following day, so the quiet days are recorded ones
    entries += [ci(date(2026, 3, d), asked=()) for d in range(2, 9)]
    flags = {f.rule for f in evaluate(hist(*entries), date(2026, 3, 8))}
    assert flags == {"persistent"}                       # 7 local days after 1 March
    flags = {f.rule for f in evaluate(hist(*entries), date(2026, 3, 9))}
    assert flags == {"persistent_past"}
