"""The facade's trend methods: thin wrappers returning the analytics values."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from journal.model import CheckIn, Episode, Kind
from journal.service import Journal

TZ = timezone(timedelta(hours=1))


def test_trend_methods_return_analytics_values(journal: Journal) -> None:
    assert journal.first_entry_date() is None
    journal.save_checkin(CheckIn(date(2026, 3, 1), sitting_h=9))
    journal.add_episode(Episode(Kind.CRAMP, datetime(2026, 3, 10, 9, 0, tzinfo=TZ), 60, 6))
    start, end = date(2026, 3, 1), date(2026, 3, 14)
    assert journal.first_entry_date() == date(2026, 3, 1)
    assert journal.frequency(start, end).counts["cramp"][9] == 1
    assert journal.frequency(start, end, kinds=[Kind.TWITCH]).total_episodes == 0
    assert journal.diary_completeness(start, end).recorded == 2
    assert journal.time_of_day(start, end).total == 1
    assert journal.region_counts(start, end).episodes == 1
    assert journal.intensity_series(start, end).median["cramp"][9] == 6.0
    assert sum(journal.duration_distribution(start, end).counts["cramp"]) == 1
    assert len(journal.trigger_stats(start, end)) == 12
    assert journal.trigger_tag_shares(start, end) == []
    assert journal.factor_timeline(start, end).values["sitting"][0] == 9.0
    assert journal.summary_by_kind_side(start, end)[0].kind == "cramp"


def test_trigger_statistics_count_only_the_kinds_asked_for(journal: Journal) -> None:
    from journal import analytics

    for day in range(1, 15):
        journal.save_checkin(CheckIn(date(2026, 3, day), sitting_h=9 if day % 2 else 2))
        journal.add_episode(Episode(Kind.TWITCH, datetime(2026, 3, day, 9, tzinfo=TZ), 5, 2))
        if day % 2:
            journal.add_episode(Episode(Kind.CRAMP, datetime(2026, 3, day, 10, tzinfo=TZ), 60, 6))
    start, end = date(2026, 3, 1), date(2026, 3, 14)
    every = {r.date: r.episodes for r in analytics.day_records(journal, start, end)}
    cramps = {r.date: r.episodes for r in analytics.day_records(journal, start, end, ["cramp"])}
    assert set(every) == set(cramps)  # a day with twitches only is recorded, with 0 cramps
    assert every[date(2026, 3, 2)] == 1 and cramps[date(2026, 3, 2)] == 0
    assert cramps[date(2026, 3, 1)] == 1
    assert journal.trigger_stats(start, end, ["cramp"]) != journal.trigger_stats(start, end)
    assert journal.trigger_stats(start, end, None) == journal.trigger_stats(start, end)
