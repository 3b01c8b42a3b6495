"""The one list of charts: id, title, the data each shows, how it is drawn, what hovering says.

The Trends screen, ``symptom-journal chart`` and the PDF report all read :data:`CHART_SPECS`, so
a new chart is one entry here plus its draw and hover functions, and every place that shows
charts offers it under the same id and title.

A chart's data comes from ``spec.query(reader, selection)``: ``reader`` is anything with the
journal's read methods (:class:`ChartReader`, which :class:`journal.service.Journal` satisfies),
so the charts never reach into the store or the analytics themselves and the facade's error
translation always applies.

Importing this module imports neither Matplotlib nor the analytics: the draw and hover functions
are looked up when first called, so building the command line or opening the app stays fast.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Final, Protocol

from journal.vocabulary import CHARTS as CHART_WORDS

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from journal.analytics import (
        FactorResult,
        FactorTimeline,
        Frequency,
        IntensitySeries,
        RegionCounts,
        TimeOfDay,
    )
    from journal.model import Kind

#: The daily factor a factor chart shows when none is chosen.
DEFAULT_FACTOR: Final = "sitting"


@dataclass(frozen=True)
class ChartSelection:
    """What to chart: a period of local dates, which kinds (None: both) and, for the factor
    chart, which daily factor."""

    start: date
    end: date
    kinds: tuple[str, ...] | None = None
    factor: str = DEFAULT_FACTOR


class ChartReader(Protocol):
    """The read methods the charts' queries use (:class:`journal.service.Journal` has them)."""

    def frequency(self, start: date, end: date,
                  kinds: Iterable[Kind | str] | None = None) -> Frequency: ...

    def intensity_series(self, start: date, end: date,
                         kinds: Iterable[Kind | str] | None = None) -> IntensitySeries: ...

    def time_of_day(self, start: date, end: date,
                    kinds: Iterable[Kind | str] | None = None) -> TimeOfDay: ...

    def region_counts(self, start: date, end: date,
                      kinds: Iterable[Kind | str] | None = None) -> RegionCounts: ...

    def trigger_stats(self, start: date, end: date,
                      kinds: Iterable[Kind | str] | None = None) -> list[FactorResult]: ...

    def factor_timeline(self, start: date, end: date) -> FactorTimeline: ...


Query = Callable[[ChartReader, ChartSelection], Any]


@dataclass(frozen=True)
class ChartSpec:
    """One chart.

    ``title`` names it in the Trends screen's chart menu; ``report_title`` is the PDF's text for
    it (its alt text), None when the report does not show it (``in_report``); both come from
    :data:`journal.vocabulary.CHARTS`. ``draw(fig, data, **options)`` and
    ``hover(data, ax_index, x, y, **options)`` take ``factor=`` when ``uses_factor``.
    ``aliases`` are older spellings of the id the command line still accepts.
    """

    id: str
    query: Query
    draw: Callable[..., None]
    hover: Callable[..., str | None]
    in_report: bool = False
    aliases: tuple[str, ...] = ()
    in_grid: bool = False
    uses_factor: bool = False

    @property
    def title(self) -> str:
        """The chart's name in a menu or list, from the vocabulary (one place for its words)."""
        return CHART_WORDS[self.id].title

    @property
    def report_title(self) -> str | None:
        return CHART_WORDS[self.id].report_title if self.in_report else None

    def options(self, selection: ChartSelection | None) -> dict[str, Any]:
        if not self.uses_factor:
            return {}
        return {"factor": selection.factor if selection is not None else DEFAULT_FACTOR}

    def drawer(self, selection: ChartSelection | None = None) -> Callable[[Figure, Any], None]:
        """``draw`` with this selection's options bound: ``drawer(fig, data)``."""
        options = self.options(selection)
        draw = self.draw

        def bound(fig: Figure, data: Any) -> None:
            draw(fig, data, **options)

        return bound

    def describe(self, data: Any, ax_index: int, x: float | None, y: float | None,
                 selection: ChartSelection | None = None) -> str | None:
        """The hover text at data coordinates (x, y) of the chart's ``ax_index``-th axes."""
        if x is None or y is None or data is None:
            return None
        return self.hover(data, ax_index, x, y, **self.options(selection))


def _drawn_by(name: str) -> Callable[..., None]:
    """``journal.charts.draw.<name>``, imported on first use (it imports Matplotlib)."""

    def draw(fig: Figure, data: Any, **options: Any) -> None:
        from journal.charts import draw as module

        getattr(module, name)(fig, data, **options)

    draw.__name__ = draw.__qualname__ = name
    return draw


def _described_by(name: str) -> Callable[..., str | None]:
    """``journal.charts.hover.<name>``, imported on first use."""

    def describe(data: Any, ax_index: int, x: float, y: float, **options: Any) -> str | None:
        from journal.charts import hover as module

        text: str | None = getattr(module, name)(data, ax_index, x, y, **options)
        return text

    describe.__name__ = describe.__qualname__ = name
    return describe


def _frequency(reader: ChartReader, s: ChartSelection) -> Any:
    return reader.frequency(s.start, s.end, s.kinds)


def _intensity(reader: ChartReader, s: ChartSelection) -> Any:
    return reader.intensity_series(s.start, s.end, s.kinds)


def _time_of_day(reader: ChartReader, s: ChartSelection) -> Any:
    return reader.time_of_day(s.start, s.end, s.kinds)


def _regions(reader: ChartReader, s: ChartSelection) -> Any:
    return reader.region_counts(s.start, s.end, s.kinds)


def _trigger_forest(reader: ChartReader, s: ChartSelection) -> Any:
    return reader.trigger_stats(s.start, s.end, s.kinds)


def _factor(reader: ChartReader, s: ChartSelection) -> Any:
    return reader.factor_timeline(s.start, s.end)


#: Every chart, in menu order (the report prints those with a ``report_title`` in this order).
CHART_SPECS: Final[tuple[ChartSpec, ...]] = (
    ChartSpec("frequency", _frequency,
              _drawn_by("draw_frequency"), _described_by("describe_frequency"),
              in_report=True, in_grid=True),
    ChartSpec("intensity", _intensity,
              _drawn_by("draw_intensity"), _described_by("describe_intensity"),
              in_report=True, in_grid=True),
    ChartSpec("time_of_day", _time_of_day,
              _drawn_by("draw_time_of_day"), _described_by("describe_time_of_day"),
              in_report=True, aliases=("timeofday",), in_grid=True),
    ChartSpec("regions", _regions,
              _drawn_by("draw_regions"), _described_by("describe_regions"),
              in_report=True, in_grid=True),
    ChartSpec("trigger_forest", _trigger_forest,
              _drawn_by("draw_trigger_forest"), _described_by("describe_trigger_forest"),
              in_report=True, aliases=("triggers",)),
    ChartSpec("factor", _factor,
              _drawn_by("draw_factor_timeline"), _described_by("describe_factor_timeline"),
              uses_factor=True),
)

_BY_NAME: Final = {name: spec for spec in CHART_SPECS for name in (spec.id, *spec.aliases)}


def chart_ids() -> tuple[str, ...]:
    """Every chart's id, in menu order."""
    return tuple(spec.id for spec in CHART_SPECS)


def grid_chart_ids() -> tuple[str, ...]:
    """The charts the Trends screen shows together in its four-chart grid."""
    return tuple(spec.id for spec in CHART_SPECS if spec.in_grid)


def report_chart_ids() -> tuple[str, ...]:
    """The charts the PDF report can show, in print order."""
    return tuple(spec.id for spec in CHART_SPECS if spec.report_title is not None)


def is_chart(name: str) -> bool:
    """True for a chart's id or one of its older spellings."""
    return name in _BY_NAME


def chart_spec(name: str) -> ChartSpec:
    """The chart with this id (or older spelling); KeyError for an unknown one."""
    try:
        return _BY_NAME[name]
    except KeyError:
        raise KeyError(f"unknown chart {name!r}; charts: {', '.join(chart_ids())}") from None
