"""The trend floor: one rule for every "more / fewer / about the same" the app prints.

Two stretches of recorded days are compared by episodes per recorded day (the report's first
and last two weeks, this period against the previous one of the same length, the Trends screen
and the command line). Below a stated minimum of recorded days on either side, or of episodes
on both together, the answer is "not enough data": a handful of extra days or episodes would
flip the word (5 against 7 cramps is not a trend). The counts each side rests on are printed
either way, so a reader can judge.

Light on purpose (no SQLAlchemy, no analytics): the analytics compute the verdict with it, the
report, the command line and the Trends screen word it with it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from journal.i18n import N_, Translated, _

#: A comparison needs at least this many recorded days in each of its two stretches ...
TREND_MIN_RECORDED_DAYS: Final = 7
#: ... and this many episodes in the two together. Reason: below that a few extra days or
#: episodes flip the word (issue 18: 3 extra recorded days turned "more 5.0 -> 7.7" into "about
#: the same", and 5 against 7 cramps was printed as a trend).
TREND_MIN_EPISODES: Final = 20
#: The later rate is "more" at 1.25 times the earlier or above, "fewer" at 0.8 times or below
#: (a quarter either way: smaller changes are within a diary's week-to-week noise).
MORE_RATIO: Final = 1.25
FEWER_RATIO: Final = 0.8

MORE: Final = "more"
FEWER: Final = "fewer"
SAME: Final = "about the same"
NOT_ENOUGH: Final = "not enough data"

#: The verdicts in words, translated when read.
VERDICT_WORDS: Final = Translated({
    MORE: N_("more"), FEWER: N_("fewer"), SAME: N_("about the same"),
    NOT_ENOUGH: N_("not enough data"),
})


def enough_for_trend(first: int, last: int, first_days: int, last_days: int) -> bool:
    """Whether two stretches (episodes and recorded days in each) may be called a trend."""
    return (min(first_days, last_days) >= TREND_MIN_RECORDED_DAYS
            and first + last >= TREND_MIN_EPISODES)


def trend_verdict(first: int, last: int, first_days: int, last_days: int) -> str:
    """"more", "fewer", "about the same" (the later stretch against the earlier, per recorded
    day), or "not enough data" below the floor."""
    if not enough_for_trend(first, last, first_days, last_days):
        return NOT_ENOUGH
    a, b = first / first_days, last / last_days
    if b >= a * MORE_RATIO:
        return MORE
    if b <= a * FEWER_RATIO:
        return FEWER
    return SAME


def rate_text(episodes: int, days: int) -> str:
    """Episodes per recorded day, as the report writes rates ("2.4"); "–" without days."""
    from journal.report.formatting import format_rate

    return format_rate(episodes / days) if days else "\u2013"


def describe_trend(first: int, last: int, first_days: int, last_days: int) -> str:
    """The verdict with the figures it rests on, for a sentence on screen or in the terminal:
    "more: 1.3 → 2.1 a recorded day (13 episodes on 10 recorded days, then 21 on 10)"."""
    verdict = trend_verdict(first, last, first_days, last_days)
    basis = _("{e1} episodes on {d1} recorded days, then {e2} on {d2}").format(
        e1=first, d1=first_days, e2=last, d2=last_days)
    if verdict == NOT_ENOUGH:
        return _("not enough data ({basis}; a trend needs {days} recorded days on each side and "
                 "{episodes} episodes together)").format(
                     basis=basis, days=TREND_MIN_RECORDED_DAYS, episodes=TREND_MIN_EPISODES)
    return _("{verdict}: {first} \u2192 {last} a recorded day ({basis})").format(
        verdict=VERDICT_WORDS[verdict], first=rate_text(first, first_days),
        last=rate_text(last, last_days), basis=basis)


#: The first and the last 14 days only make two separate stretches in a period of 4 weeks or
#: more; a shorter period has no trend to show (the report says "period under 4 weeks").
TREND_MIN_PERIOD_DAYS: Final = 28


@dataclass(frozen=True)
class KindTrend:
    """One kind's first against last two weeks of a period, as the Trends screen and the command
    line print it (the report's summary table shows the same figures per side too)."""

    kind: str
    first: int
    last: int
    first_days: int
    last_days: int
    period_days: int

    @property
    def verdict(self) -> str:
        if self.period_days < TREND_MIN_PERIOD_DAYS:
            return NOT_ENOUGH
        return trend_verdict(self.first, self.last, self.first_days, self.last_days)

    @property
    def sentence(self) -> str:
        """"Twitches, first vs last 2 weeks: more: 1.3 → 2.1 a recorded day (...)"."""
        from journal import vocabulary

        kind = _(vocabulary.KINDS[self.kind].plural) if self.kind in vocabulary.KINDS \
            else self.kind
        if self.period_days < TREND_MIN_PERIOD_DAYS:
            return _("{kind}, first vs last 2 weeks: the period is under 4 weeks, so there "
                     "are no two stretches to compare").format(kind=kind)
        return _("{kind}, first vs last 2 weeks: {trend}").format(
            kind=kind, trend=describe_trend(self.first, self.last, self.first_days,
                                            self.last_days))


def kind_trends(rows: Iterable[Any], start: date, end: date) -> list[KindTrend]:
    """Each kind's trend from the summary rows (``summary_by_kind_side``'s "all" rows)."""
    days = (end - start).days + 1
    return [KindTrend(r.kind, r.first_weeks, r.last_weeks, r.first_recorded, r.last_recorded,
                      days) for r in rows if r.side == "all"]
