"""What a clinician asks beyond the counts: since when, compared with before, where, doing what,
and how often at night.

- :class:`Onset`: the first episode of each kind ever recorded, and whether it lies before the
  report's period (then the symptoms are older than the report).
- :class:`PeriodComparison`: this period against the previous one of the same length, per kind,
  by episodes per recorded day, with the recorded days each rests on and the same "not enough
  data" floor as the trend column (``journal.report.trend``).
- :class:`BodyMap`: episodes by side and region (the body map's regions, from the vocabulary),
  for twitches and cramps.
- :class:`OnsetActivity` and :class:`NightShare`: what the patient was doing when an episode
  began, and the share of episodes that began at night.

Plain values gathered through the read protocol; ``page_one`` and ``sections`` print them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Final

from journal.model import Activity, Episode, Kind, Region, Side
from journal.report.trend import trend_verdict

if TYPE_CHECKING:
    from journal.report.reader import ReportSource

#: An episode that begins at or after NIGHT_FROM o'clock or before NIGHT_UNTIL (local time) began
#: at night. Reason: the usual hours of sleep; cramps and pain that wake a person are what
#: NHS Leg cramps and the CKS red flags ("pain at night") ask about.
NIGHT_FROM: Final = 22
NIGHT_UNTIL: Final = 6

#: The side columns of the body map, in print order (None: side not given).
MAP_SIDES: Final[tuple[Side | None, ...]] = (Side.LEFT, Side.RIGHT, Side.BOTH, None)


@dataclass(frozen=True)
class Onset:
    kind: Kind
    first: date
    before_period: bool


@dataclass(frozen=True)
class PeriodComparison:
    """One kind's episodes in the previous period and in this one, each on its recorded days."""

    kind: Kind
    previous_episodes: int
    previous_days: int
    episodes: int
    days: int

    @property
    def verdict(self) -> str:
        return trend_verdict(self.previous_episodes, self.episodes, self.previous_days,
                             self.days)


@dataclass(frozen=True)
class Comparison:
    previous_start: date
    previous_end: date
    kinds: tuple[PeriodComparison, ...]


@dataclass(frozen=True)
class BodyMap:
    """Episodes naming each region, by side: ``counts[(region, side)][kind]``. An episode naming
    two regions counts once in each; ``without_region`` counts those naming none."""

    regions: tuple[Region, ...]  # those named at least once, most often first
    counts: dict[tuple[Region, Side | None], Counter[Kind]]
    without_region: Counter[Kind]

    def cell(self, region: Region, side: Side | None, kind: Kind) -> int:
        return self.counts.get((region, side), Counter())[kind]

    def region_total(self, region: Region, kind: Kind) -> int:
        return sum(self.cell(region, side, kind) for side in MAP_SIDES)


@dataclass(frozen=True)
class OnsetActivity:
    activity: Activity | None  # None: not noted
    counts: Counter[Kind]


@dataclass(frozen=True)
class NightShare:
    kind: Kind
    at_night: int
    episodes: int


@dataclass(frozen=True)
class ClinicalPicture:
    onsets: tuple[Onset, ...]
    comparison: Comparison
    body_map: BodyMap
    activities: tuple[OnsetActivity, ...]
    night: tuple[NightShare, ...]


def began_at_night(e: Episode) -> bool:
    hour = e.started_at.hour  # the local time it was logged in
    return hour >= NIGHT_FROM or hour < NIGHT_UNTIL


def gather_picture(journal: ReportSource, episodes: Sequence[Episode], recorded: set[date],
                   start: date, end: date) -> ClinicalPicture:
    firsts = journal.first_episode_dates()
    onsets = tuple(Onset(k, firsts[k.value], firsts[k.value] < start)
                   for k in Kind if k.value in firsts)
    return ClinicalPicture(
        onsets=onsets,
        comparison=compare_previous(journal, episodes, recorded, start, end),
        body_map=body_map(episodes),
        activities=onset_activities(episodes),
        night=tuple(NightShare(k, sum(1 for e in episodes if e.kind == k and began_at_night(e)),
                               sum(1 for e in episodes if e.kind == k)) for k in Kind),
    )


def compare_previous(journal: ReportSource, episodes: Sequence[Episode], recorded: set[date],
                     start: date, end: date) -> Comparison:
    """This period against the one of the same length just before it."""
    length = (end - start).days + 1
    prev_end = start - timedelta(days=1)
    prev_start = start - timedelta(days=length)
    prev_days = len(journal.recorded_days(prev_start, prev_end))
    prev = {r.kind: r.episodes for r in journal.summary_by_kind_side(prev_start, prev_end)
            if r.side == "all"}
    now_days = len({d for d in recorded if start <= d <= end})
    now = Counter(e.kind for e in episodes)
    return Comparison(prev_start, prev_end, tuple(
        PeriodComparison(k, prev.get(k.value, 0), prev_days, now[k], now_days) for k in Kind))


def body_map(episodes: Sequence[Episode]) -> BodyMap:
    counts: dict[tuple[Region, Side | None], Counter[Kind]] = {}
    totals: Counter[Region] = Counter()
    without: Counter[Kind] = Counter()
    for e in episodes:
        if not e.regions:
            without[e.kind] += 1
        for region in dict.fromkeys(e.regions):
            counts.setdefault((region, e.side), Counter())[e.kind] += 1
            totals[region] += 1
    order = list(Region)
    regions = tuple(sorted(totals, key=lambda r: (-totals[r], order.index(r))))
    return BodyMap(regions, counts, without)


def onset_activities(episodes: Sequence[Episode]) -> tuple[OnsetActivity, ...]:
    by_activity: dict[Activity | None, Counter[Kind]] = {}
    for e in episodes:
        by_activity.setdefault(e.activity, Counter())[e.kind] += 1
    noted = sorted((a for a in by_activity if a is not None),
                   key=lambda a: (-sum(by_activity[a].values()), list(Activity).index(a)))
    out = [OnsetActivity(a, by_activity[a]) for a in noted]
    if None in by_activity:
        out.append(OnsetActivity(None, by_activity[None]))
    return tuple(out)
