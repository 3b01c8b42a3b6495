"""Trends and trigger statistics: the same numbers for the Trends screen, the CLI and the report.

Also each chart's data by chart id (:meth:`TrendsMixin.chart_data`, through the chart registry,
see :mod:`journal.service.charts`) and the sample journals the Trends screen and ``demo`` offer.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError

from journal.charts.registry import CHART_SPECS, ChartSelection, ChartSpec, chart_spec
from journal.errors import StorageError
from journal.model import (
    Kind,
)
from journal.store.schema import CheckInRow, EpisodeRow

if TYPE_CHECKING:
    from journal import analytics
    from journal.report.trend import KindTrend

from journal.service.base import storage_message
from journal.service.entries import EntriesMixin

#: Trigger statistics kept per journal (periods asked for recently).
_CACHED_STATS = 4


def make_demo_journal(path: Path, *, years: float, episodes_per_day: float, seed: int,
                      today: date, effects: Mapping[str, float] | None = None) -> Path:
    """Write a realistic sample journal into the NEW file ``path`` and return its path.

    Refuses an existing file (FileExistsError): sample data never mixes with anyone's entries.
    """
    from journal import demo

    return demo.generate(path, years=years, episodes_per_day=episodes_per_day, seed=seed,
                         today=today, effects=effects)


class TrendsMixin(EntriesMixin):
    # --- trends and trigger statistics
    # Thin wrappers over journal.analytics: same numbers for the Trends screen, CLI and report.

    @contextlib.contextmanager
    def _reading_storage(self) -> Iterator[None]:
        try:
            yield
        except DBAPIError as exc:
            raise StorageError(storage_message(exc)) from exc

    @staticmethod
    def chart_specs() -> tuple[ChartSpec, ...]:
        """Every chart the Trends screen, the command line and the report can show."""
        return CHART_SPECS

    def chart_data(self, chart_id: str, selection: ChartSelection) -> Any:
        """The numbers chart ``chart_id`` (or an older spelling of it) shows for ``selection``."""
        return chart_spec(chart_id).query(self, selection)

    def first_entry_date(self) -> date | None:
        """The earliest local date with an episode or a check-in (the start of "All")."""
        from sqlalchemy import func

        with self._read() as s:
            dates = [s.scalar(select(func.min(EpisodeRow.local_date))),
                     s.scalar(select(func.min(CheckInRow.local_date)))]
        known = [d for d in dates if d is not None]
        return min(known) if known else None

    def kind_trends(self, start: date, end: date) -> list[KindTrend]:
        """Each kind's first against last two weeks, under the one trend floor
        (``journal.report.trend``): what the Trends screen and ``stats`` print."""
        from journal.report.trend import kind_trends

        return kind_trends(self.summary_by_kind_side(start, end), start, end)

    def first_episode_dates(self) -> dict[str, date]:
        """The earliest local date with an episode, by kind id (when symptoms were first
        recorded; the report prints it with the period it lies before)."""
        from sqlalchemy import func

        with self._read() as s:
            rows = s.execute(select(EpisodeRow.kind, func.min(EpisodeRow.local_date))
                             .group_by(EpisodeRow.kind)).all()
        return {str(kind): day for kind, day in rows if day is not None}

    def frequency(self, start: date, end: date, kinds: Iterable[Kind | str] | None = None,
                  bucket: Literal["day", "week"] | None = None) -> analytics.Frequency:
        from journal import analytics

        with self._reading_storage():
            return analytics.frequency(self, start, end, kinds, bucket)

    def intensity_series(self, start: date, end: date,
                         kinds: Iterable[Kind | str] | None = None) -> analytics.IntensitySeries:
        from journal import analytics

        with self._reading_storage():
            return analytics.intensity_series(self, start, end, kinds)

    def time_of_day(self, start: date, end: date,
                    kinds: Iterable[Kind | str] | None = None) -> analytics.TimeOfDay:
        from journal import analytics

        with self._reading_storage():
            return analytics.time_of_day(self, start, end, kinds)

    def region_counts(self, start: date, end: date,
                      kinds: Iterable[Kind | str] | None = None) -> analytics.RegionCounts:
        from journal import analytics

        with self._reading_storage():
            return analytics.region_counts(self, start, end, kinds)

    def duration_distribution(self, start: date, end: date, kinds: Iterable[Kind | str] | None
                              = None) -> analytics.DurationDistribution:
        from journal import analytics

        with self._reading_storage():
            return analytics.duration_distribution(self, start, end, kinds)

    def diary_completeness(self, start: date, end: date) -> analytics.RecordedDays:
        from journal import analytics

        with self._reading_storage():
            return analytics.recorded_days(self, start, end)

    def trigger_stats(self, start: date, end: date,
                      kinds: Iterable[Kind | str] | None = None) -> list[analytics.FactorResult]:
        """Adjusted rate ratios per daily factor for [start, end] (episodes of ``kinds``, all
        when None).

        The regressions take about half a second on ten years, and the Trends screen asks again
        on every change of chart or layout, none of which changes them: the last few results
        are kept while the file is unchanged (no write through this journal, and the file and
        its write-ahead log have the same size and time, so another process's write counts
        too)."""
        from journal import analytics
        from journal.i18n import current_language

        # The results carry sentences in the language they were made in: a report in another
        # language must not be given the app's.
        key = (start, end, None if kinds is None else tuple(sorted(str(k) for k in kinds)),
               current_language(), self.writes, self._file_stamp())
        cache: dict[Any, list[analytics.FactorResult]] = self.__dict__.setdefault(
            "_trigger_stats_cache", {})
        cached = cache.get(key)
        if cached is not None:
            return list(cached)
        with self._reading_storage():
            results = analytics.trigger_statistics(self, start, end, kinds)
        if len(cache) >= _CACHED_STATS:
            cache.pop(next(iter(cache)))
        cache[key] = results
        return list(results)

    def _file_stamp(self) -> tuple[int, ...]:
        stamp: list[int] = []
        for path in (self.path, self.path.with_name(self.path.name + "-wal")):
            try:
                info = os.stat(path)
            except OSError:
                stamp += [0, 0]
            else:
                stamp += [info.st_mtime_ns, info.st_size]
        return tuple(stamp)

    def trigger_tag_shares(self, start: date, end: date,
                           kinds: Iterable[Kind | str] | None = None) -> list[analytics.TagShare]:
        from journal import analytics

        labels = {t.id: t.label for t in self.user_triggers()}
        with self._reading_storage():
            return analytics.trigger_tag_shares(self, start, end, kinds, labels)

    def factor_timeline(self, start: date, end: date) -> analytics.FactorTimeline:
        from journal import analytics

        with self._reading_storage():
            return analytics.factor_timeline(self, start, end)

    def summary_by_kind_side(self, start: date, end: date) -> list[analytics.KindSideSummary]:
        from journal import analytics

        with self._reading_storage():
            return analytics.summary_by_kind_side(self, start, end)
