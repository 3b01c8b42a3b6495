"""The Trends view words each kind's first against last two weeks with the report's trend floor:
"not enough data" below it, the days and episodes each side rests on either way."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from journal.model import Episode, Kind


def test_the_trends_view_says_not_enough_data_below_the_floor(qtbot, window, journal) -> None:  # type: ignore[no-untyped-def]
    tz = journal.now().tzinfo
    end = journal.today()
    start = end - timedelta(days=55)  # the view's default: the last 8 weeks
    for day in (start, start + timedelta(days=3), end - timedelta(days=2), end - timedelta(days=1),
                end - timedelta(days=5)):
        journal.add_episode(Episode(kind=Kind.TWITCH, started_at=datetime.combine(
            day, time(9), tzinfo=tz), duration_s=20, intensity=3))
    window.show_section("trends")
    view = window.views["trends"]
    qtbot.waitUntil(lambda: not view._stale and view._canvas is not None)
    qtbot.waitUntil(lambda: "first vs last 2 weeks" in view.findings.toPlainText())
    text = " ".join(view.findings.toPlainText().split())
    assert ("Twitches, first vs last 2 weeks: not enough data (2 episodes on 2 recorded days, "
            "then 3 on 3") in text
