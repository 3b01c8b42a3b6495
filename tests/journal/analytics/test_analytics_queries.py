"""Aggregations in SQL by local date: counts, recorded days, time of day, regions, summaries."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta, timezone

import pytest

from journal import analytics
from journal.model import CheckIn, Episode, Kind, Region, Side, TriggerTag
from journal.service import Journal
from journal.store import repository as repo

PLUS1 = timezone(timedelta(hours=1))
MINUS5 = timezone(timedelta(hours=-5))


def ep(day: date, hour: int, kind: Kind = Kind.TWITCH, *, tz: timezone = PLUS1,
       intensity: int = 3, duration: int = 20, side: Side | None = Side.LEFT,
       regions: tuple[Region, ...] = (Region.PIRIFORMIS,),
       triggers: tuple[TriggerTag, ...] = (), minute: int = 0) -> Episode:
    return Episode(kind=kind, started_at=datetime(day.year, day.month, day.day, hour, minute,
                                                   tzinfo=tz),
                   duration_s=duration, intensity=intensity, side=side, regions=regions,
                   triggers=triggers)


def bulk(journal: Journal, episodes: list[Episode], checkins: list[CheckIn] | None = None) -> None:
    now = journal.now()
    with journal.engine.begin() as conn:
        repo.bulk_insert_episodes(conn, episodes, now)
        if checkins:
            repo.bulk_upsert_checkins(conn, checkins, now)


D0 = date(2026, 3, 2)  # a Monday


def test_frequency_counts_per_local_day_and_kind(journal: Journal) -> None:
    eps = [ep(D0, 9), ep(D0, 10), ep(D0, 11, Kind.CRAMP), ep(D0 + timedelta(days=2), 8),
           # 23:30 at -05:00 is 04:30 UTC next day: it belongs to its local date.
           ep(D0 + timedelta(days=3), 23, tz=MINUS5, minute=30)]
    bulk(journal, eps)
    f = analytics.frequency(journal, D0, D0 + timedelta(days=6))
    assert f.bucket == "day" and f.periods[0] == D0 and len(f.periods) == 7
    assert f.counts["twitch"] == (2, 0, 1, 1, 0, 0, 0)
    assert f.counts["cramp"] == (1, 0, 0, 0, 0, 0, 0)
    assert f.total_episodes == 5
    assert f.recorded_days == (1, 0, 1, 1, 0, 0, 0)
    assert f.unrecorded_days == tuple(D0 + timedelta(days=i) for i in (1, 4, 5, 6))
    only_cramps = analytics.frequency(journal, D0, D0 + timedelta(days=6), kinds=[Kind.CRAMP])
    assert only_cramps.kinds == ("cramp",) and only_cramps.total_episodes == 1
    # Recorded days do not depend on the kind filter.
    assert only_cramps.recorded == 3


def test_unrecorded_days_are_excluded_from_rates(journal: Journal) -> None:
    # Twenty recorded days with two episodes each, spread over thirty calendar days (every
    # third day unrecorded, so each week still has enough recorded days for a rolling mean).
    days = [D0 - timedelta(days=i) for i in range(30) if i % 3]
    bulk(journal, [ep(d, h) for d in days for h in (9, 15)])
    start, end = min(days), max(days)
    f = analytics.frequency(journal, start, end)
    assert f.recorded == 20
    assert f.per_recorded_day == pytest.approx(2.0)
    # The rolling mean is per recorded day too: exactly 2 wherever it is shown.
    assert {round(v, 6) for v in f.rolling_mean if not math.isnan(v)} == {2.0}
    rec = analytics.recorded_days(journal, start, end)
    assert rec.recorded == 20 and rec.unrecorded == (end - start).days + 1 - 20


def test_no_rolling_mean_where_fewer_than_4_of_its_7_days_are_recorded(journal: Journal) -> None:
    """Ten recorded days, a gap, then one busy recorded day: the mean is not carried on through
    the gap, nor taken over that one day (it read as a sharp recent rise, ~17 a day)."""
    days = [D0 + timedelta(days=i) for i in range(10)]
    busy = D0 + timedelta(days=16)
    bulk(journal, [ep(d, h) for d in days for h in (9, 15)] + [ep(busy, h) for h in range(5, 22)])
    f = analytics.frequency(journal, D0, busy)
    assert f.bucket == "day"
    mean = dict(zip(range(17), f.rolling_mean, strict=True))
    assert mean[9] == pytest.approx(2.0)
    assert mean[12] == pytest.approx(2.0)  # days 6-12: 4 of 7 recorded
    assert all(math.isnan(mean[i]) for i in (13, 14, 15, 16))  # 3, 2, 1, 1 of 7 recorded
    assert all(math.isnan(mean[i]) for i in (0, 1, 2))  # the start: fewer than 4 days yet
    # Weekly buckets follow the same rule: 16 of a four-week window's 28 days.
    weeks = analytics.frequency(journal, D0 - timedelta(days=140), busy, bucket="week")
    assert all(math.isnan(v) for v in weeks.rolling_mean)


def test_a_checkin_alone_makes_a_day_recorded_with_zero_episodes(journal: Journal) -> None:
    bulk(journal, [ep(D0, 9), ep(D0, 10)], [CheckIn(D0 + timedelta(days=1), sitting_h=3)])
    f = analytics.frequency(journal, D0, D0 + timedelta(days=2))
    assert f.recorded_days == (1, 1, 0)
    assert f.per_recorded_day == pytest.approx(1.0)


def test_trigger_statistics_use_recorded_days_only(journal: Journal) -> None:
    checkins, eps = [], []
    for i in range(12):
        d = D0 - timedelta(days=3 * i)  # two unrecorded days between each recorded day
        sitting = i % 2 == 0
        checkins.append(CheckIn(d, sitting_h=9.0 if sitting else 3.0))
        eps += [ep(d, 8 + h) for h in range(4 if sitting else 2)]
    bulk(journal, eps, checkins)
    results = analytics.trigger_statistics(journal, D0 - timedelta(days=40), D0)
    sitting = next(r for r in results if r.factor == "sitting" and r.lag == 0)
    assert (sitting.exposed_days, sitting.unexposed_days) == (6, 6)
    assert sitting.exposed_rate == pytest.approx(4.0)
    assert sitting.unexposed_rate == pytest.approx(2.0)
    assert sitting.rate_ratio == pytest.approx(2.0)
    nxt = next(r for r in results if r.factor == "sitting" and r.lag == 1)
    assert nxt.exposed_days == 0  # every next day is unrecorded
    water = next(r for r in results if r.factor == "water")
    assert not water.tested and "No check-ins record this yet" in water.sentence


def test_weekly_buckets_start_on_monday(journal: Journal) -> None:
    start = date(2025, 1, 1)  # a Wednesday
    end = date(2025, 12, 31)
    bulk(journal, [ep(date(2025, 1, 6), 9), ep(date(2025, 1, 12), 9), ep(date(2025, 1, 13), 9)])
    f = analytics.frequency(journal, start, end)
    assert f.bucket == "week"
    assert f.periods[0] == date(2024, 12, 30) and all(p.weekday() == 0 for p in f.periods)
    assert f.counts["twitch"][:3] == (0, 2, 1)
    assert sum(f.recorded_days) == 3


def test_intensity_series_medians_per_day(journal: Journal) -> None:
    bulk(journal, [ep(D0, 9, intensity=2), ep(D0, 10, intensity=4), ep(D0, 11, intensity=9),
                   ep(D0, 12, Kind.CRAMP, intensity=7)])
    s = analytics.intensity_series(journal, D0, D0 + timedelta(days=1))
    assert s.median["twitch"][0] == 4.0 and math.isnan(s.median["twitch"][1])
    assert s.highest["twitch"][0] == 9.0 and s.q1["twitch"][0] == 3.0
    assert s.median["cramp"][0] == 7.0 and s.episodes["cramp"] == (1, 0)


def test_time_of_day_uses_local_weekday_and_hour(journal: Journal) -> None:
    bulk(journal, [ep(D0, 23, tz=MINUS5, minute=30), ep(D0 + timedelta(days=6), 0, minute=5)])
    t = analytics.time_of_day(journal, D0, D0 + timedelta(days=6))
    assert t.counts[0][23] == 1  # Monday 23:xx local, although Tuesday in UTC
    assert t.counts[6][0] == 1  # Sunday 00:xx
    assert t.total == 2


def test_region_counts_and_tag_shares_read_inside_json(journal: Journal) -> None:
    bulk(journal, [
        ep(D0, 9, regions=(Region.PIRIFORMIS, Region.GLUTE_MED),
           triggers=(TriggerTag("caffeine", 200, "mg"), TriggerTag("stress"))),
        ep(D0, 10, Kind.CRAMP, regions=(Region.PIRIFORMIS,), triggers=(TriggerTag("caffeine"),)),
        ep(D0, 11, regions=()),
        ep(D0, 12),
    ])
    rc = analytics.region_counts(journal, D0, D0)
    assert rc.regions[0] == "piriformis" and rc.total("piriformis") == 3
    assert rc.counts["cramp"][rc.regions.index("piriformis")] == 1
    assert rc.total("glute_med") == 1 and rc.without_region == 1 and rc.episodes == 4
    shares = analytics.trigger_tag_shares(journal, D0, D0)
    assert [(s.tag, s.episodes) for s in shares] == [("caffeine", 2), ("stress", 1)]
    assert shares[0].share == pytest.approx(0.5)
    assert "50% of episodes (2 of 4)" in shares[0].sentence


def test_summary_by_kind_and_side(journal: Journal) -> None:
    start, end = D0 - timedelta(days=55), D0
    early = [ep(start + timedelta(days=i), 9, duration=10 * (i + 1), intensity=2 + i)
             for i in range(3)]
    late = [ep(end - timedelta(days=i), h, side=Side.RIGHT if h == 9 else Side.LEFT)
            for i in range(5) for h in (9, 10)]
    cramp = [ep(end, 20, Kind.CRAMP, duration=300, intensity=8, side=None)]
    bulk(journal, early + late + cramp)
    rows = {(r.kind, r.side): r for r in analytics.summary_by_kind_side(journal, start, end)}
    allt = rows[("twitch", "all")]
    assert allt.episodes == 13 and allt.days_with_episodes == 8 and allt.recorded_days == 8
    assert allt.per_week == pytest.approx(13 / 8 * 7)
    assert allt.longest_duration_s == 30 and allt.highest_intensity == 4
    assert allt.median_intensity == 3.0
    # 3 against 10 episodes on 3 and 5 recorded days: under the one trend floor
    # (journal/report/trend.py), so no direction is claimed.
    assert (allt.first_weeks, allt.last_weeks) == (3, 10) and allt.trend == "not enough data"
    assert rows[("twitch", "right")].episodes == 5
    assert rows[("cramp", "unspecified")].median_duration_s == 300
    assert next(iter(rows)) == ("twitch", "all")


def test_summary_trend_names_a_direction_only_above_the_floor(journal: Journal) -> None:
    start, end = D0 - timedelta(days=55), D0
    early = [ep(start + timedelta(days=i), 9) for i in range(7)]
    late = [ep(end - timedelta(days=i), h) for i in range(7) for h in (9, 10)]
    bulk(journal, early + late)
    allt = next(r for r in analytics.summary_by_kind_side(journal, start, end) if r.side == "all")
    assert (allt.first_weeks, allt.last_weeks, allt.first_recorded, allt.last_recorded) == \
        (7, 14, 7, 7)
    assert allt.trend == "more"  # 21 episodes, 7 recorded days a side: 1.0 -> 2.0 a day


def test_duration_distribution_bins(journal: Journal) -> None:
    bulk(journal, [ep(D0, 9, duration=5), ep(D0, 9, duration=45), ep(D0, 9, duration=700)])
    dd = analytics.duration_distribution(journal, D0, D0)
    assert dd.counts["twitch"] == (1, 0, 1, 0, 0, 0, 1)
    assert len(dd.labels) == len(dd.counts["twitch"])


def test_factor_timeline_marks_unrecorded_days_as_missing(journal: Journal) -> None:
    bulk(journal, [ep(D0, 9)], [CheckIn(D0, sitting_h=10), CheckIn(D0 + timedelta(days=2))])
    tl = analytics.factor_timeline(journal, D0, D0 + timedelta(days=2))
    assert tl.episodes[0] == 1.0 and math.isnan(tl.episodes[1]) and tl.episodes[2] == 0.0
    assert tl.values["sitting"][0] == 10.0 and math.isnan(tl.values["sitting"][2])
    assert tl.thresholds["sitting"] == 8.0


def test_empty_journal_gives_zeroes_not_errors(journal: Journal) -> None:
    start, end = date(2016, 1, 1), date(2026, 3, 15)
    assert analytics.frequency(journal, start, end).total_episodes == 0
    assert analytics.region_counts(journal, start, end).regions == ()
    assert analytics.summary_by_kind_side(journal, start, end) == []
    assert analytics.trigger_tag_shares(journal, start, end) == []
    assert all(not r.tested for r in analytics.trigger_statistics(journal, start, end))


def test_a_short_range_on_a_long_journal_counts_the_same_as_a_scan(journal: Journal) -> None:
    # Ranges covering most of the journal scan the table; short ones use the date index.
    days = [D0 - timedelta(days=i) for i in range(0, 400, 3)]
    bulk(journal, [ep(d, 9 + i % 10, Kind.CRAMP if i % 4 == 0 else Kind.TWITCH)
                   for i, d in enumerate(days)])
    short = (D0 - timedelta(days=20), D0)
    expected = [d for d in days if short[0] <= d <= short[1]]
    assert analytics.time_of_day(journal, *short).total == len(expected)
    assert analytics.region_counts(journal, *short).episodes == len(expected)
    whole = (D0 - timedelta(days=400), D0)
    assert analytics.time_of_day(journal, *whole).total == len(days)
    assert analytics.region_counts(journal, *whole).episodes == len(days)
