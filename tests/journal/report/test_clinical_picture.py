"""What a clinician asks beyond the counts (issue 18, item 9): since when the symptoms have been
recorded, this period against the previous one of the same length (under the trend column's
floor), side x region, the activity at onset, the share at night, and medications "none
entered" not read as "takes none". One small journal with known figures."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta, timezone

import pytest

from journal.clock import FixedClock
from journal.model import Activity, Episode, Kind, Region, Side
from journal.report.content import ReportContent, gather, summary_text
from journal.report.options import ReportOptions
from journal.report.trend import NOT_ENOUGH, TREND_MIN_EPISODES
from journal.service import Journal
from tests.helpers.report import pages_text

NOW = datetime(2026, 3, 16, 15, 0, tzinfo=timezone(timedelta(hours=1)))
TZ = NOW.tzinfo
START, END = date(2026, 2, 17), date(2026, 3, 16)  # 28 days; the previous: 01-20 to 02-16
OPTIONS = ReportOptions(start=START, end=END)


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=TZ)


def _twitch(day: date, hour: int, **kw: object) -> Episode:
    return Episode(kind=Kind.TWITCH, started_at=_at(day, hour), duration_s=20, intensity=3, **kw)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Journal]:
    j = Journal.open(tmp_path_factory.mktemp("picture") / "j.sqlite3", FixedClock(NOW))
    j.add_episode(_twitch(date(2025, 12, 1), 9))  # long before: symptoms are older
    for i in range(8):  # previous period: 8 twitches on 8 days, one cramp
        j.add_episode(_twitch(date(2026, 1, 22) + timedelta(days=i), 9))
    j.add_episode(Episode(kind=Kind.CRAMP, started_at=_at(date(2026, 1, 22), 14), duration_s=60,
                          intensity=5))
    for i in range(10):  # this period: 20 twitches on 10 days, three night cramps
        day = date(2026, 3, 1) + timedelta(days=i)
        j.add_episode(_twitch(day, 10, side=Side.LEFT, regions=(Region.PIRIFORMIS,),
                              activity=Activity.SITTING))
        j.add_episode(_twitch(day, 11, side=Side.RIGHT if i < 8 else Side.LEFT,
                              regions=(Region.PIRIFORMIS, Region.GLUTE_MED) if i < 8 else (),
                              activity=Activity.WALKING if i < 8 else None))
        if i < 3:
            j.add_episode(Episode(kind=Kind.CRAMP, started_at=_at(day, 23, 30), duration_s=90,
                                  intensity=6, side=Side.BOTH, regions=(Region.LATERAL_HIP,),
                                  activity=Activity.LYING))
    yield j
    j.close()


@pytest.fixture(scope="module")
def content(journal: Journal) -> ReportContent:
    return gather(journal, OPTIONS)


@pytest.fixture(scope="module")
def pages(journal: Journal) -> list[str]:
    return pages_text(journal.build_report(OPTIONS))


def test_the_first_entry_is_dated_and_labelled_as_before_the_period(
        content: ReportContent, pages: list[str]) -> None:
    assert content.picture is not None
    onsets = {o.kind: (o.first, o.before_period) for o in content.picture.onsets}
    assert onsets == {Kind.TWITCH: (date(2025, 12, 1), True),
                      Kind.CRAMP: (date(2026, 1, 22), True)}
    assert ("Symptoms first recorded: twitches 2025-12-01, cramps 2026-01-22, before this "
            "report\u2019s period") in pages[0]


def test_the_previous_period_of_the_same_length_is_compared_per_recorded_day(
        content: ReportContent, pages: list[str]) -> None:
    assert content.picture is not None
    comp = content.picture.comparison
    assert (comp.previous_start, comp.previous_end) == (date(2026, 1, 20), date(2026, 2, 16))
    by_kind = {k.kind: k for k in comp.kinds}
    twitch, cramp = by_kind[Kind.TWITCH], by_kind[Kind.CRAMP]
    assert (twitch.previous_episodes, twitch.previous_days, twitch.episodes, twitch.days) == \
        (8, 8, 20, 10)
    assert twitch.verdict == "more"  # 1.0 -> 2.0 a recorded day, 28 episodes on 8 and 10 days
    assert (cramp.previous_episodes, cramp.episodes) == (1, 3)
    assert cramp.previous_episodes + cramp.episodes < TREND_MIN_EPISODES
    assert cramp.verdict == NOT_ENOUGH
    assert "Previous 28 days (2026-01-20 to 2026-02-16)" in pages[0]
    assert "twitches 8/8 d (1.0) \u2192 now 20/10 d (2.0): \u2191 more" in pages[0]
    assert "cramps 1/8 d (0.12) \u2192 now 3/10 d (0.30): not enough data" in pages[0]


def test_side_by_region_counts_each_region_an_episode_names(content: ReportContent,
                                                            pages: list[str]) -> None:
    assert content.picture is not None
    bm = content.picture.body_map
    assert bm.regions[0] == Region.PIRIFORMIS
    assert bm.cell(Region.PIRIFORMIS, Side.LEFT, Kind.TWITCH) == 10
    assert bm.cell(Region.PIRIFORMIS, Side.RIGHT, Kind.TWITCH) == 8
    assert bm.cell(Region.GLUTE_MED, Side.RIGHT, Kind.TWITCH) == 8
    assert bm.cell(Region.LATERAL_HIP, Side.BOTH, Kind.CRAMP) == 3
    assert bm.region_total(Region.PIRIFORMIS, Kind.TWITCH) == 18
    assert bm.without_region[Kind.TWITCH] == 2
    detail = pages[1]
    assert "Where, doing what, and at night" in detail
    assert "Deep mid-buttock (piriformis) 10 / 0 8 / 0 \u2013 \u2013 18 / 0" in detail
    assert "No region given" in detail


def test_activity_at_onset_and_the_share_at_night(content: ReportContent,
                                                  pages: list[str]) -> None:
    assert content.picture is not None
    acts = {a.activity: (a.counts[Kind.TWITCH], a.counts[Kind.CRAMP])
            for a in content.picture.activities}
    assert acts == {Activity.SITTING: (10, 0), Activity.WALKING: (8, 0), None: (2, 0),
                    Activity.LYING: (0, 3)}
    night = {n.kind: (n.at_night, n.episodes) for n in content.picture.night}
    assert night == {Kind.TWITCH: (0, 20), Kind.CRAMP: (3, 3)}
    detail = pages[1]
    assert "Sitting 10 (50%) 0 (0%)" in detail
    assert ("Began at night (22:00 to 05:59 local time): 0 of 20 twitches (0%); 3 of 3 cramps "
            "(100%)") in detail


def test_no_medication_entered_is_not_reported_as_taking_none(pages: list[str]) -> None:
    text = " ".join(pages)
    assert "No medications or supplements recorded" not in text
    assert ("None entered. The diary does not ask whether the patient takes no medication, so "
            "this is not a record of taking none.") in text


def test_the_plain_text_preview_carries_the_same_lines(content: ReportContent) -> None:
    text = summary_text(content)
    assert ("Symptoms first recorded: twitches 2025-12-01, cramps 2026-01-22, before this "
            "report\u2019s period") in text
    assert "Previous 28 days (2026-01-20 to 2026-02-16): twitches 8/8 d (1.0)" in text
