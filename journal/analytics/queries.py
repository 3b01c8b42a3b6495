"""Aggregations over the journal, in SQL grouped by the user's local date.

Every function takes the journal (anything with an ``engine``) or a SQLAlchemy ``Engine`` and an
inclusive date range, and returns a frozen dataclass of plain tuples: the charts, the Trends screen,
the command line and the PDF report all read the same numbers.

*Recorded days* (a check-in or at least one episode) are counted everywhere a rate is shown: an
unrecorded day is not a symptom-free day, so rates divide by recorded days only.
"""

from __future__ import annotations

import json
import math
import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal, Protocol

from sqlalchemy import Engine, text

from journal.analytics.factors import FACTORS
from journal.analytics.stats import DayRecord, FactorResult, trigger_statistics_from_days
from journal.i18n import _, format_number, format_percent, in_sentence
from journal.model import Kind

Bucket = Literal["day", "week"]
KINDS: tuple[str, ...] = tuple(k.value for k in Kind)

#: Ranges up to this many days are shown per day, longer ones per week (a bar per day stops
#: being readable past about four months at the printed width).
DAILY_UP_TO_DAYS = 120
#: Rolling means: a week of days, or four weeks of weeks (trailing, so the last value is current).
ROLLING_DAYS = 7
ROLLING_WEEKS = 4
#: A rolling mean is shown only where at least this many of each week's days are recorded (4 of
#: 7; 16 of the 28 days of four weeks). A mean over one or two recorded days swings wildly and,
#: drawn on through unrecorded days, reads as a sharp rise or fall: a product choice, not a fact.
ROLLING_MIN_RECORDED_PER_WEEK = 4
#: "Trend" in the summary compares the first and the last this-many days of the period.
TREND_DAYS = 14


class HasEngine(Protocol):
    @property
    def engine(self) -> Engine: ...


Source = HasEngine | Engine


def _engine(source: Source) -> Engine:
    return source if isinstance(source, Engine) else source.engine


def _rows(source: Source, sql: str, **params: Any) -> list[Any]:
    with _engine(source).connect() as conn:
        return list(conn.execute(text(sql), params))


def _kinds(kinds: Iterable[Kind | str] | None) -> tuple[str, ...]:
    if kinds is None:
        return KINDS
    chosen = {str(k.value if isinstance(k, Kind) else k) for k in kinds}
    return tuple(k for k in KINDS if k in chosen)


def _kind_clause(kinds: tuple[str, ...]) -> str:
    # Only values from the Kind enum get here, so inlining them is safe.
    return "kind IN (" + ",".join(f"'{k}'" for k in kinds) + ")" if kinds else "0"


def _date_range(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def _date_column(source: Source, start: date, end: date, prefix: str = "") -> str:
    """The date column to filter on: indexed for a slice of the journal, scanned for most of it.

    A range covering most of the journal reads nearly every row anyway, and a straight table
    scan does that faster than an index walk with a row lookup per episode; the unary ``+``
    tells SQLite not to use the index. Index-only queries never need this.
    """
    (lo, hi), = _rows(source, "SELECT (SELECT min(local_date) FROM episodes), "
                      "(SELECT max(local_date) FROM episodes)")
    column = f"{prefix}local_date"
    if lo is None:
        return column
    first, last = date.fromisoformat(lo), date.fromisoformat(hi)
    covered = (min(end, last) - max(start, first)).days + 1
    span = (last - first).days + 1
    return f"+{column}" if covered * 2 >= span else column


def choose_bucket(start: date, end: date) -> Bucket:
    return "day" if (end - start).days + 1 <= DAILY_UP_TO_DAYS else "week"


def _bucket_origin(start: date, bucket: Bucket) -> date:
    return start if bucket == "day" else start - timedelta(days=start.weekday())


# --- recorded days ------------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordedDays:
    start: date
    end: date
    days: tuple[date, ...]  # recorded days, in order
    checkin_days: int
    episode_days: int

    @property
    def total_days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def recorded(self) -> int:
        return len(self.days)

    @property
    def unrecorded(self) -> int:
        return self.total_days - len(self.days)


def recorded_days(source: Source, start: date, end: date) -> RecordedDays:
    """Days with a check-in or an episode (the rest are unrecorded, not symptom-free)."""
    from journal.store.repository import recorded_dates

    with _engine(source).connect() as conn:
        ep, ci = recorded_dates(conn, start, end)
    return RecordedDays(start, end, tuple(sorted(ep | ci)), len(ci), len(ep))


# --- frequency ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Frequency:
    """Episodes per day or per week, split by kind, with recorded days per bucket."""

    start: date
    end: date
    bucket: Bucket
    kinds: tuple[str, ...]
    periods: tuple[date, ...]  # first day of each bucket (weeks start on Monday)
    counts: Mapping[str, tuple[int, ...]]  # per kind, per bucket
    recorded_days: tuple[int, ...]  # recorded days in each bucket (within the range)
    unrecorded_days: tuple[date, ...]
    rolling_mean: tuple[float, ...]  # episodes per recorded day (per week: x7); nan: no data
    rolling_window: int  # buckets

    @property
    def bucket_days(self) -> int:
        return 1 if self.bucket == "day" else 7

    @property
    def totals(self) -> tuple[int, ...]:
        return tuple(sum(c) for c in zip(*(self.counts[k] for k in self.kinds), strict=True)) \
            if self.kinds else tuple(0 for _ in self.periods)

    @property
    def total_episodes(self) -> int:
        return sum(sum(self.counts[k]) for k in self.kinds)

    @property
    def recorded(self) -> int:
        return sum(self.recorded_days)

    @property
    def per_recorded_day(self) -> float | None:
        return self.total_episodes / self.recorded if self.recorded else None

    @property
    def rolling_label(self) -> str:
        return (_("7-day mean per recorded day") if self.bucket == "day"
                else _("4-week mean per 7 recorded days"))


def frequency(source: Source, start: date, end: date, kinds: Iterable[Kind | str] | None = None,
              bucket: Bucket | None = None) -> Frequency:
    chosen = _kinds(kinds)
    bucket = bucket or choose_bucket(start, end)
    origin = _bucket_origin(start, bucket)
    width = 1 if bucket == "day" else 7
    n = ((end - origin).days // width) + 1
    periods = tuple(origin + timedelta(days=i * width) for i in range(n))
    counts = {k: [0] * n for k in chosen}
    # Grouped by (local_date, kind): answered from the index alone, without reading the rows,
    # which is several times faster than computing week numbers per row in SQL.
    rows = _rows(
        source,
        "SELECT local_date, kind, count(*) FROM episodes "
        f"WHERE local_date BETWEEN :s AND :e AND {_kind_clause(chosen)} GROUP BY local_date, kind",
        s=start.isoformat(), e=end.isoformat(),
    )
    origin_ordinal = origin.toordinal()
    for day, kind, c in rows:
        counts[kind][(date.fromisoformat(day).toordinal() - origin_ordinal) // width] += int(c)
    rec = recorded_days(source, start, end)
    per_bucket = [0] * n
    for d in rec.days:
        per_bucket[(d - origin).days // width] += 1
    recorded_set = set(rec.days)
    unrecorded = tuple(d for d in _date_range(start, end) if d not in recorded_set)
    totals = [sum(counts[k][i] for k in chosen) for i in range(n)]
    window = ROLLING_DAYS if bucket == "day" else ROLLING_WEEKS
    rolling = _rolling_rate(totals, per_bucket, window, scale=width,
                            min_recorded=ROLLING_MIN_RECORDED_PER_WEEK * window * width // 7)
    return Frequency(start, end, bucket, chosen, periods,
                     {k: tuple(v) for k, v in counts.items()}, tuple(per_bucket), unrecorded,
                     rolling, window)


def _rolling_rate(counts: Sequence[int], recorded: Sequence[int], window: int,
                  scale: int, min_recorded: int = 1) -> tuple[float, ...]:
    """Trailing sum of episodes over trailing sum of recorded days (x scale); nan (drawn as a
    gap) where fewer than ``min_recorded`` days of the window are recorded."""
    out: list[float] = []
    c_sum = r_sum = 0
    for i in range(len(counts)):
        c_sum += counts[i]
        r_sum += recorded[i]
        if i >= window:
            c_sum -= counts[i - window]
            r_sum -= recorded[i - window]
        out.append(c_sum / r_sum * scale if r_sum and r_sum >= min_recorded else math.nan)
    return tuple(out)


# --- intensity ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class IntensitySeries:
    """Per bucket and kind: median, quartiles and highest intensity (nan: no episodes)."""

    start: date
    end: date
    bucket: Bucket
    kinds: tuple[str, ...]
    periods: tuple[date, ...]
    median: Mapping[str, tuple[float, ...]]
    q1: Mapping[str, tuple[float, ...]]
    q3: Mapping[str, tuple[float, ...]]
    highest: Mapping[str, tuple[float, ...]]
    episodes: Mapping[str, tuple[int, ...]]

    @property
    def bucket_days(self) -> int:
        return 1 if self.bucket == "day" else 7


def _weighted_quantile(hist: Mapping[int, int], q: float) -> float:
    """Quantile of integer values given as {value: count} (the 'lower/higher midpoint' rule)."""
    total = sum(hist.values())
    if total == 0:
        return math.nan
    pos = q * (total - 1)
    lo_i, hi_i = math.floor(pos), math.ceil(pos)
    frac = pos - lo_i
    lo = hi = math.nan
    seen = 0
    for value in sorted(hist):
        nxt = seen + hist[value]
        if seen <= lo_i < nxt:
            lo = value
        if seen <= hi_i < nxt:
            hi = value
            break
        seen = nxt
    return float(lo + (hi - lo) * frac)


def intensity_series(source: Source, start: date, end: date,
                     kinds: Iterable[Kind | str] | None = None,
                     bucket: Bucket | None = None) -> IntensitySeries:
    chosen = _kinds(kinds)
    col = _date_column(source, start, end)
    bucket = bucket or choose_bucket(start, end)
    origin = _bucket_origin(start, bucket)
    width = 1 if bucket == "day" else 7
    n = ((end - origin).days // width) + 1
    periods = tuple(origin + timedelta(days=i * width) for i in range(n))
    hists: dict[str, list[dict[int, int]]] = {k: [{} for _ in range(n)] for k in chosen}
    rows = _rows(
        source,
        "SELECT CAST(julianday(local_date) - julianday(:o) AS INTEGER) / :w AS b, kind, "
        "intensity, count(*) FROM episodes "
        f"WHERE {col} BETWEEN :s AND :e AND {_kind_clause(chosen)} "
        "GROUP BY b, kind, intensity",
        o=origin.isoformat(), w=width, s=start.isoformat(), e=end.isoformat(),
    )
    for b, kind, value, c in rows:
        hists[kind][int(b)][int(value)] = int(c)
    med: dict[str, tuple[float, ...]] = {}
    q1: dict[str, tuple[float, ...]] = {}
    q3: dict[str, tuple[float, ...]] = {}
    top: dict[str, tuple[float, ...]] = {}
    eps: dict[str, tuple[int, ...]] = {}
    for k in chosen:
        hs = hists[k]
        med[k] = tuple(_weighted_quantile(h, 0.5) for h in hs)
        q1[k] = tuple(_weighted_quantile(h, 0.25) for h in hs)
        q3[k] = tuple(_weighted_quantile(h, 0.75) for h in hs)
        top[k] = tuple(float(max(h)) if h else math.nan for h in hs)
        eps[k] = tuple(sum(h.values()) for h in hs)
    return IntensitySeries(start, end, bucket, chosen, periods, med, q1, q3, top, eps)


# --- time of day --------------------------------------------------------------------------------

WEEKDAYS: tuple[str, ...] = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True)
class TimeOfDay:
    """Episode counts by weekday (rows, Monday first) and local hour (columns 0-23)."""

    start: date
    end: date
    kinds: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]

    @property
    def total(self) -> int:
        return sum(sum(r) for r in self.counts)

    @property
    def by_hour(self) -> tuple[int, ...]:
        return tuple(sum(r[h] for r in self.counts) for h in range(24))


def time_of_day(source: Source, start: date, end: date,
                kinds: Iterable[Kind | str] | None = None) -> TimeOfDay:
    chosen = _kinds(kinds)
    col = _date_column(source, start, end)
    grid = [[0] * 24 for _ in range(7)]
    rows = _rows(
        source,
        # The integer part of a midnight Julian day number is 6 on Mondays (mod 7); +1 makes
        # Monday row 0. Faster than strftime('%w') per row.
        "SELECT (CAST(julianday(local_date) AS INTEGER) + 1) % 7 AS wd, "
        "local_minute / 60 AS h, count(*) FROM episodes "
        f"WHERE {col} BETWEEN :s AND :e AND {_kind_clause(chosen)} "
        "GROUP BY wd, h",
        s=start.isoformat(), e=end.isoformat(),
    )
    for wd, h, c in rows:
        grid[int(wd)][min(int(h), 23)] += int(c)
    return TimeOfDay(start, end, chosen, tuple(tuple(r) for r in grid))


# --- regions ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegionCounts:
    """Episodes naming each region, per kind, most frequent first (an episode may name several)."""

    start: date
    end: date
    kinds: tuple[str, ...]
    regions: tuple[str, ...]
    counts: Mapping[str, tuple[int, ...]]  # per kind, aligned with ``regions``
    episodes: int
    without_region: int

    def total(self, region: str) -> int:
        i = self.regions.index(region)
        return sum(self.counts[k][i] for k in self.kinds)


def region_counts(source: Source, start: date, end: date,
                  kinds: Iterable[Kind | str] | None = None) -> RegionCounts:
    chosen = _kinds(kinds)
    col = _date_column(source, start, end)
    p = {"s": start.isoformat(), "e": end.isoformat()}
    # One pass grouped by the JSON text itself (a few hundred distinct combinations at most),
    # expanded here: as fast as json_each, and it also yields the totals.
    rows = _rows(
        source,
        f"SELECT regions, kind, count(*) FROM episodes WHERE {col} BETWEEN :s AND :e "
        "AND "
        f"{_kind_clause(chosen)} GROUP BY regions, kind", **p,
    )
    per: dict[str, dict[str, int]] = defaultdict(dict)
    total = without = 0
    for text_value, kind, c in rows:
        names = json.loads(text_value) if text_value else []
        total += int(c)
        if not names:
            without += int(c)
        for region in dict.fromkeys(names):
            per[str(region)][kind] = per[str(region)].get(kind, 0) + int(c)
    regions = tuple(sorted(per, key=lambda r: (-sum(per[r].values()), r)))
    counts = {k: tuple(per[r].get(k, 0) for r in regions) for k in chosen}
    return RegionCounts(start, end, chosen, regions, counts, int(total), int(without))


# --- durations ----------------------------------------------------------------------------------

#: Upper bounds (seconds, exclusive) of the duration bins; the last bin is open-ended.
DURATION_BINS: tuple[tuple[int, str], ...] = (
    (10, "under 10 s"), (30, "10-30 s"), (60, "30-60 s"), (120, "1-2 min"), (300, "2-5 min"),
    (600, "5-10 min"),
)
DURATION_LABELS: tuple[str, ...] = (*(label for _, label in DURATION_BINS), "10 min or more")


@dataclass(frozen=True)
class DurationDistribution:
    start: date
    end: date
    kinds: tuple[str, ...]
    labels: tuple[str, ...]
    counts: Mapping[str, tuple[int, ...]]


def duration_distribution(source: Source, start: date, end: date,
                          kinds: Iterable[Kind | str] | None = None) -> DurationDistribution:
    chosen = _kinds(kinds)
    col = _date_column(source, start, end)
    case = "CASE " + " ".join(f"WHEN duration_s < {ub} THEN {i}"
                              for i, (ub, _) in enumerate(DURATION_BINS))
    case += f" ELSE {len(DURATION_BINS)} END"
    rows = _rows(
        source,
        f"SELECT {case} AS bin, kind, count(*) FROM episodes "
        f"WHERE {col} BETWEEN :s AND :e AND {_kind_clause(chosen)} "
        "GROUP BY bin, kind",
        s=start.isoformat(), e=end.isoformat(),
    )
    counts = {k: [0] * len(DURATION_LABELS) for k in chosen}
    for b, kind, c in rows:
        counts[kind][int(b)] = int(c)
    return DurationDistribution(start, end, chosen, DURATION_LABELS,
                                {k: tuple(v) for k, v in counts.items()})


# --- per-episode trigger tags -------------------------------------------------------------------


@dataclass(frozen=True)
class TagShare:
    tag: str
    label: str
    episodes: int
    total_episodes: int
    share: float
    sentence: str


def trigger_label(tag: str) -> str:
    """A trigger's word inside a sentence ("prolonged sitting"), from the vocabulary."""
    return in_sentence(_trigger_name(tag))


def _trigger_name(tag: str) -> str:
    from journal import vocabulary

    words = vocabulary.TRIGGERS.get(tag)
    return _(words.report) if words is not None else vocabulary.trigger_fallback(tag)


def trigger_tag_shares(source: Source, start: date, end: date,
                       kinds: Iterable[Kind | str] | None = None,
                       labels: Mapping[str, str] | None = None) -> list[TagShare]:
    """The share of episodes tagged with each suspected trigger, most frequent first."""
    chosen = _kinds(kinds)
    col = _date_column(source, start, end, "e.")
    p = {"s": start.isoformat(), "e": end.isoformat()}
    (total,), = _rows(source, "SELECT count(*) FROM episodes WHERE local_date BETWEEN :s AND :e "
                      f"AND {_kind_clause(chosen)}", **p)
    rows = _rows(
        source,
        "SELECT json_extract(j.value, '$.id') AS tag, count(DISTINCT e.id) "
        "FROM episodes AS e, json_each(e.triggers) AS j "
        f"WHERE {col} BETWEEN :s AND :e AND e.{_kind_clause(chosen)} "
        "GROUP BY tag", **p,
    )
    names = dict(labels or {})
    out: list[TagShare] = []
    for tag, c in sorted(rows, key=lambda r: (-int(r[1]), str(r[0]))):
        label = names.get(tag) or trigger_label(str(tag))
        share = int(c) / total if total else 0.0
        # TRANSLATORS: {label} is the trigger in lower case, as English reads it mid-sentence;
        # {name} is the same trigger as written on its own (a German noun keeps its capital).
        sentence = _("{share} of episodes ({count} of {total}) were tagged with {label} as a "
                     "suspected trigger.").format(
            share=format_percent(share), count=format_number(int(c)),
            total=format_number(int(total)), label=label,
            name=names.get(tag) or _trigger_name(str(tag)))
        out.append(TagShare(str(tag), label, int(c), int(total), share, sentence))
    return out



# --- daily factors ------------------------------------------------------------------------------


def day_records(source: Source, start: date, end: date,
                kinds: Iterable[Kind | str] | None = None) -> list[DayRecord]:
    """One record per recorded day in [start, end + 1] (the extra day feeds the next-day lag).

    ``kinds`` counts only those episodes; a day is recorded by any episode or check-in all the
    same (a day with twitches only is a recorded day with no cramps, not an unknown one)."""
    last = end + timedelta(days=1)
    p = {"s": start.isoformat(), "e": last.isoformat()}
    chosen = _kinds(kinds)
    counts = {r[0]: int(r[1]) for r in _rows(
        source, "SELECT local_date, sum(" + _kind_clause(chosen) + ") FROM episodes "
        "WHERE local_date BETWEEN :s AND :e GROUP BY local_date", **p)}
    cols = [f.column for f in FACTORS]
    checkins = {r[0]: r[1:] for r in _rows(
        source, f"SELECT local_date, {', '.join(cols)} FROM checkins "
        "WHERE local_date BETWEEN :s AND :e", **p)}
    out: list[DayRecord] = []
    for key in sorted(set(counts) | set(checkins)):
        values = checkins.get(key)
        factors = ({f.id: (None if v is None else float(v))
                    for f, v in zip(FACTORS, values, strict=True)} if values else {})
        out.append(DayRecord(date.fromisoformat(key), counts.get(key, 0), factors))
    return out


def trigger_statistics(source: Source, start: date, end: date,
                       kinds: Iterable[Kind | str] | None = None) -> list[FactorResult]:
    """Adjusted rate ratios for every daily factor: same day, and next day as a second family.

    Exposure is read on days in [start, end]; the next-day outcome may fall on end + 1, where
    that day's own check-in is the same-day adjustment of the next-day model. ``kinds`` counts
    only those episodes (Trends' "Cramps only").
    """
    return trigger_statistics_from_days(day_records(source, start, end, kinds), exposure_end=end)


@dataclass(frozen=True)
class FactorTimeline:
    """Per calendar day: episodes (nan when unrecorded) and each factor's value (nan unknown)."""

    start: date
    end: date
    days: tuple[date, ...]
    episodes: tuple[float, ...]
    values: Mapping[str, tuple[float, ...]]
    thresholds: Mapping[str, float | None]
    exposures: Mapping[str, str]  # the threshold in words


def factor_timeline(source: Source, start: date, end: date) -> FactorTimeline:
    records = {r.date: r for r in day_records(source, start, end) if r.date <= end}
    days = tuple(_date_range(start, end))
    episodes = tuple(float(records[d].episodes) if d in records else math.nan for d in days)
    values: dict[str, tuple[float, ...]] = {}
    thresholds: dict[str, float | None] = {}
    exposures: dict[str, str] = {}
    for f in FACTORS:
        col = [records[d].factors.get(f.id) if d in records else None for d in days]
        values[f.id] = tuple(math.nan if v is None else float(v) for v in col)
        thresholds[f.id] = f.resolve_threshold(col)
        exposures[f.id] = f.describe(thresholds[f.id])
    return FactorTimeline(start, end, days, episodes, values, thresholds, exposures)


# --- summary per kind and side ------------------------------------------------------------------


@dataclass(frozen=True)
class KindSideSummary:
    kind: str
    side: str  # "left", "right", "both", "unspecified", or "all" for the per-kind total
    episodes: int
    days_with_episodes: int
    recorded_days: int
    per_week: float | None  # episodes per 7 recorded days
    median_duration_s: float | None
    longest_duration_s: int | None
    median_intensity: float | None
    highest_intensity: int | None
    first_weeks: int  # episodes in the first TREND_DAYS days of the period
    last_weeks: int  # episodes in the last TREND_DAYS days
    first_recorded: int  # recorded days in those windows
    last_recorded: int
    trend: str  # "more", "fewer", "about the same", "not enough data"


def _trend(first: int, last: int, first_days: int, last_days: int) -> str:
    # The one trend rule, floor included (journal/report/trend.py): the report, the command line
    # and the Trends screen all print this verdict.
    from journal.report.trend import trend_verdict

    return trend_verdict(first, last, first_days, last_days)


def summary_by_kind_side(source: Source, start: date, end: date) -> list[KindSideSummary]:
    """Per kind, one row for every side used plus an 'all' row; the report's summary table."""
    col = _date_column(source, start, end)
    rows = _rows(source, "SELECT kind, coalesce(side, 'unspecified'), local_date, duration_s, "
                 f"intensity FROM episodes WHERE {col} BETWEEN :s AND :e",
                 s=start.isoformat(), e=end.isoformat())
    rec = recorded_days(source, start, end)
    first_end = start + timedelta(days=TREND_DAYS - 1)
    last_start = end - timedelta(days=TREND_DAYS - 1)
    first_rec = sum(1 for d in rec.days if d <= first_end)
    last_rec = sum(1 for d in rec.days if d >= last_start)
    groups: dict[tuple[str, str], list[tuple[str, int, int]]] = defaultdict(list)
    for kind, side, day, dur, inten in rows:
        groups[(kind, side)].append((day, int(dur), int(inten)))
        groups[(kind, "all")].append((day, int(dur), int(inten)))
    side_order = {"all": 0, "left": 1, "right": 2, "both": 3, "unspecified": 4}
    out: list[KindSideSummary] = []
    for kind, side in sorted(groups, key=lambda g: (KINDS.index(g[0]) if g[0] in KINDS else 9,
                                                    side_order.get(g[1], 9))):
        items = groups[(kind, side)]
        days = {d for d, _, _ in items}
        first = sum(1 for d, _, _ in items if date.fromisoformat(d) <= first_end)
        last = sum(1 for d, _, _ in items if date.fromisoformat(d) >= last_start)
        durations = [du for _, du, _ in items]
        intens = [i for _, _, i in items]
        out.append(KindSideSummary(
            kind, side, len(items), len(days), rec.recorded,
            len(items) / rec.recorded * 7 if rec.recorded else None,
            float(statistics.median(durations)), max(durations),
            float(statistics.median(intens)), max(intens),
            first, last, first_rec, last_rec, _trend(first, last, first_rec, last_rec),
        ))
    return out
