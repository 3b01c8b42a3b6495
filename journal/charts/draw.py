"""Chart drawing: pure functions ``draw_*(fig, data) -> None`` on a bare Matplotlib Figure.

No pyplot and no Qt: the Trends screen hosts the same figure in a canvas, the PDF report renders
it to SVG, the command line to PNG or SVG. Long ranges are drawn as filled stairs and polygon
collections (one artist per series), never one bar per day, so ten years draws as fast as two
weeks. Artists carry a ``gid`` (e.g. ``frequency-twitch``) so tests and tooltips can find them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import matplotlib
import numpy as np
from matplotlib import dates as mdates
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Polygon

from journal import i18n
from journal.analytics import (
    FactorResult,
    FactorTimeline,
    Frequency,
    IntensitySeries,
    RegionCounts,
    TimeOfDay,
)
from journal.analytics.factors import FACTORS_BY_ID
from journal.charts.style import (
    KIND_COLOURS,
    KIND_HATCHES,
    KIND_LABELS,
    KIND_LINESTYLES,
    KIND_MARKERS,
    LABEL_SIZE,
    LEGEND_SIZE,
    OKABE_ITO,
    REGION_LABELS,
    SEQUENTIAL_CMAP,
    SEQUENTIAL_SHADES,
    TICK_SIZE,
    TITLE_SIZE,
    UNRECORDED_COLOUR,
    foreground,
)
from journal.i18n import _
from journal.vocabulary import CHARTS as CHART_WORDS
from journal.vocabulary import FACTORS as FACTOR_WORDS

#: Markers on a line only while they stay distinguishable (beyond this they merge into a smear).
MAX_MARKED_POINTS = 120
#: Figures narrower than this (inches) get the compact layout.
NARROW_IN = 5.0
#: Unrecorded days are dotted (as well as grey) up to this range; beyond it a day is a hairline.
DAILY_HATCH_UP_TO_DAYS = 366



def _figure_title(chart_id: str) -> str:
    """The title drawn on a chart, in the current language (the report's or the app's)."""
    return _(CHART_WORDS[chart_id].figure_title)

def date_nums(days: Sequence[date]) -> np.ndarray:
    """Matplotlib date numbers for dates (vectorised: thousands of days cost microseconds)."""
    nums = mdates.date2num(np.asarray(days, dtype="datetime64[D]"))  # type: ignore[no-untyped-call]
    return np.asarray(nums, dtype=float)


def step_polygon(values: np.ndarray, edges: np.ndarray, **kwargs: Any) -> Polygon:
    """A filled step outline from zero: bucket i spans edges[i]..edges[i+1] at height values[i].

    Built by hand rather than with ``Axes.stairs``: its filled patch leaves local minima unfilled
    with a zero baseline, and it walks every vertex in Python to update the data limits, which
    dominates at ten years. The caller sets the limits.
    """
    xs = np.repeat(edges, 2)
    ys = np.concatenate(([0.0], np.repeat(np.asarray(values, dtype=float), 2), [0.0]))
    return Polygon(np.column_stack((xs, ys)), closed=True, **kwargs)


def step_values(polygon: Polygon) -> np.ndarray:
    """The bucket heights of a :func:`step_polygon` (for tests and tooltips)."""
    xy = polygon.get_xy()
    return np.asarray(xy[1:-2:2, 1], dtype=float)


def _style_axes(ax: Axes, title: str, ylabel: str | None = None) -> None:
    ax.set_title(title, fontsize=TITLE_SIZE, loc="left")
    if ylabel:
        ax.set_ylabel(ylabel, fontsize=LABEL_SIZE)
    ax.tick_params(labelsize=TICK_SIZE)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def narrow(fig: Any) -> bool:
    """True for a small figure (a grid cell on screen): fewer ticks, one legend column."""
    return bool(fig.bbox.width / fig.dpi < NARROW_IN)


#: Where matplotlib's concise date labels put a month's name: a number between markers, named
#: by journal.i18n afterwards. strftime's "%b" would be the C library's English (or, once Qt
#: has called setlocale, the system's language rather than the one chosen).
_MONTH = "\x01%m\x02"
_MONTH_MARK = re.compile("\x01(\\d\\d)\x02")


class _LocalDateFormatter(mdates.ConciseDateFormatter):
    """matplotlib's concise date labels with the language's month names ("Feb", "Feb.", "feb")."""

    def __init__(self, locator: Any) -> None:
        formats = ["%Y", _MONTH, "%d", "%H:%M", "%H:%M", "%S.%f"]
        super().__init__(  # type: ignore[no-untyped-call]
            locator, formats=formats, zero_formats=["", *formats[:-1]],
            offset_formats=["", "%Y", f"%Y-{_MONTH}", f"%Y-{_MONTH}-%d", f"%Y-{_MONTH}-%d",
                            f"%Y-{_MONTH}-%d %H:%M"])

    @staticmethod
    def _named(text: str) -> str:
        return _MONTH_MARK.sub(lambda m: i18n.month_name(int(m.group(1))), text)

    def format_ticks(self, values: Any) -> list[str]:
        return [self._named(t) for t in super().format_ticks(values)]  # type: ignore[no-untyped-call]

    def get_offset(self) -> str:
        return self._named(super().get_offset())  # type: ignore[no-untyped-call]


def _date_axis(ax: Axes, start: date, end: date) -> None:
    most = 5 if narrow(ax.get_figure()) else 9
    locator = mdates.AutoDateLocator(minticks=3, maxticks=most)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(_LocalDateFormatter(locator))
    lo, hi = date_nums([start, end + timedelta(days=1)])
    ax.set_xlim(lo, hi)


def _empty(ax: Axes, message: str) -> None:
    ax.text(0.5, 0.5, message, transform=ax.transAxes, ha="center", va="center",
            fontsize=LABEL_SIZE, color=foreground(), gid="empty-message")


def _runs(days: Sequence[date]) -> list[tuple[date, int]]:
    """Consecutive runs of dates as (first day, length)."""
    runs: list[tuple[date, int]] = []
    for d in days:
        if runs and runs[-1][0] + timedelta(days=runs[-1][1]) == d:
            runs[-1] = (runs[-1][0], runs[-1][1] + 1)
        else:
            runs.append((d, 1))
    return runs


def _shade_unrecorded(ax: Axes, days: Sequence[date], span_days: int) -> Patch | None:
    runs = _runs(days)
    if not runs:
        return None
    starts = date_nums([r[0] for r in runs])
    # Dotted while a day is wide enough to show it; over years a day is a hairline and the
    # hatch only costs drawing time, so the band is plain grey (the legend names it).
    hatch = ".." if span_days <= DAILY_HATCH_UP_TO_DAYS else None
    ax.broken_barh(list(zip(starts, [float(r[1]) for r in runs], strict=True)), (0, 1),
                   transform=ax.get_xaxis_transform(), facecolor=UNRECORDED_COLOUR,
                   alpha=0.18 if hatch else 0.3, hatch=hatch, edgecolor=UNRECORDED_COLOUR,
                   linewidth=0, gid="unrecorded", zorder=0)
    return Patch(facecolor=UNRECORDED_COLOUR, alpha=0.3, hatch=hatch,
                 edgecolor=UNRECORDED_COLOUR, label=_("Unrecorded days"))


def _legend_beside(ax: Axes, handles: Sequence[Any], labels: Sequence[str]) -> None:
    """The legend to the right of the axes, outside the data area: inside it covered the
    highest bars and points (issue 18: the intensity peaks at 10 and 9, and in German the
    frequency chart's "Tage ohne Einträge" over the bars). The constrained layout makes room."""
    legend = ax.legend(handles, labels, fontsize=LEGEND_SIZE, loc="upper left",
                       bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0, frameon=False, ncols=1)
    legend.set_gid("legend-beside")  # journal.charts.layout.LEGEND_BESIDE_GID: room is made


# --- frequency ----------------------------------------------------------------------------------


def draw_frequency(fig: Figure, data: Frequency) -> None:
    """Episodes per day or week, stacked by kind, with a rolling mean and unrecorded days shaded."""
    ax = fig.add_subplot()
    per = _("day") if data.bucket == "day" else _("week")
    _style_axes(ax, _figure_title("frequency").format(per=per), _("Episodes"))
    edges = date_nums([*data.periods, data.periods[-1] + timedelta(days=data.bucket_days)])
    handles: list[Any] = []
    # Stacked as cumulative tops drawn from the highest down, each from zero and opaque: the
    # lower series covers the one above it, so each band shows exactly its own count. (Stairs
    # filled between two arrays leave gaps where a band is empty.)
    tops: list[tuple[str, np.ndarray]] = []
    running = np.zeros(len(data.periods))
    for kind in data.kinds:
        running = running + np.asarray(data.counts[kind], dtype=float)
        tops.append((kind, running))
    for kind, top in reversed(tops):
        artist = step_polygon(top, edges, facecolor=KIND_COLOURS[kind],
                              edgecolor=foreground() if KIND_HATCHES[kind] else KIND_COLOURS[kind],
                              hatch=KIND_HATCHES[kind] or None, linewidth=0.3,
                              label=KIND_LABELS[kind], gid=f"frequency-{kind}")
        ax.add_artist(artist)
        handles.insert(0, artist)
    centres = (edges[:-1] + edges[1:]) / 2
    (line,) = ax.plot(centres, np.asarray(data.rolling_mean, dtype=float),
                      color=foreground(), linewidth=1.8, label=data.rolling_label,
                      gid="frequency-rolling")
    handles.append(line)
    shade = _shade_unrecorded(ax, data.unrecorded_days, (data.end - data.start).days + 1)
    if shade is not None:
        handles.append(shade)
    _date_axis(ax, data.start, data.end)
    rolling = np.asarray(data.rolling_mean, dtype=float)
    highest = max(float(running.max()) if len(running) else 0.0,
                  float(np.nanmax(rolling)) if np.isfinite(rolling).any() else 0.0)
    ax.set_ylim(0, max(highest, 1.0) * 1.3)
    if data.total_episodes == 0:
        _empty(ax, _("No episodes in this period"))
    rate = data.per_recorded_day
    # The totals as the axis label: laid out with the chart, never over the title.
    if narrow(fig):
        ax.set_xlabel(_("{0} recorded days").format(data.recorded)
                      + (_(", {0} a day").format(
                          i18n.format_decimal(rate)) if rate is not None else ""),
                      fontsize=LABEL_SIZE)
    else:
        ax.set_xlabel(_("{0} episodes on {1} recorded days").format(
            data.total_episodes, data.recorded)
                      + (_(" ({0} a day)").format(i18n.format_decimal(rate))
                         if rate is not None else ""),
                      fontsize=LABEL_SIZE)
    labels = [h.get_label() for h in handles]
    if narrow(fig):  # short labels, two columns: the legend stays above the data
        labels = [label.split(" per ")[0].replace(_("Unrecorded days"), _("Unrecorded"))
                  for label in labels]
        ax.legend(handles, labels, fontsize=LEGEND_SIZE, loc="upper left", frameon=False,
                  ncols=2)
    else:
        _legend_beside(ax, handles, labels)


# --- intensity ----------------------------------------------------------------------------------


def draw_intensity(fig: Figure, data: IntensitySeries) -> None:
    """Median intensity per day or week for each kind, with the middle half of episodes shaded."""
    ax = fig.add_subplot()
    per = _("day") if data.bucket == "day" else _("week")
    _style_axes(ax, _figure_title("intensity").format(per=per),
                _("Intensity (0-10)"))
    edges = date_nums([*data.periods, data.periods[-1] + timedelta(days=data.bucket_days)])
    centres = (edges[:-1] + edges[1:]) / 2
    marked = len(centres) <= MAX_MARKED_POINTS
    any_data = False
    for kind in data.kinds:
        med = np.asarray(data.median[kind], dtype=float)
        if np.all(np.isnan(med)):
            continue
        any_data = True
        q1 = np.asarray(data.q1[kind], dtype=float)
        q3 = np.asarray(data.q3[kind], dtype=float)
        ax.fill_between(centres, q1, q3, color=KIND_COLOURS[kind], alpha=0.18, linewidth=0,
                        hatch=KIND_HATCHES[kind] or None, gid=f"intensity-band-{kind}",
                        label=_("{0}: middle half").format(KIND_LABELS[kind]))
        ax.plot(centres, med, color=KIND_COLOURS[kind], linestyle=KIND_LINESTYLES[kind],
                linewidth=1.6, marker=KIND_MARKERS[kind] if marked else None, markersize=4,
                label=_("{0}: median").format(KIND_LABELS[kind]), gid=f"intensity-median-{kind}")
    _date_axis(ax, data.start, data.end)
    ax.set_ylim(0, 10.5)
    ax.set_yticks(range(0, 11, 2))
    if any_data:
        handles, labels = ax.get_legend_handles_labels()
        if narrow(fig):  # the medians only; the band explains itself
            keep = [i for i, label in enumerate(labels) if "median" in label]
            handles, labels = [handles[i] for i in keep], [labels[i] for i in keep]
            ax.legend(handles, labels, fontsize=LEGEND_SIZE, loc="upper left", frameon=False,
                      ncols=2)
        else:
            _legend_beside(ax, handles, labels)
    else:
        _empty(ax, _("No episodes in this period"))


# --- time of day --------------------------------------------------------------------------------


def draw_time_of_day(fig: Figure, data: TimeOfDay) -> None:
    """Episodes by weekday and hour as a heatmap with an even-lightness scale."""
    ax = fig.add_subplot()
    _style_axes(ax, _figure_title("time_of_day"))
    grid = np.asarray(data.counts, dtype=float)
    # 64 shades, not 256: indistinguishable on screen and paper, and the colour bar is drawn
    # as one strip per shade (a quarter of the vectors in the report's SVG, which fpdf2 parses).
    cmap = matplotlib.colormaps[SEQUENTIAL_CMAP].resampled(SEQUENTIAL_SHADES)
    image = ax.imshow(grid, aspect="auto", cmap=cmap, interpolation="nearest",
                      origin="upper", extent=(0, 24, 6.5, -0.5), vmin=0,
                      vmax=max(1.0, float(grid.max())))
    image.set_gid("timeofday-grid")
    ax.set_yticks(range(7), [i18n.weekday_name(i) for i in range(7)])
    ax.set_xticks(range(0, 25, 3), [f"{h:02d}" for h in range(0, 25, 3)])
    ax.set_xlabel(_("Hour started"), fontsize=LABEL_SIZE)
    bar = fig.colorbar(image, ax=ax, pad=0.01, fraction=0.04)
    bar.set_label(_("Episodes"), fontsize=LABEL_SIZE)
    bar.ax.tick_params(labelsize=TICK_SIZE)
    if data.total:
        # The busiest hour in words, so the chart's message does not depend on reading shades.
        hours = data.by_hour
        peak = max(range(24), key=lambda h: hours[h])
        busiest = f"{peak:02d}:00-{(peak + 1) % 24:02d}:00"
        ax.set_xlabel(_("Hour started; busiest {0}").format(busiest) if narrow(fig) else
                      _("Hour started; busiest {0} ({1} of {2} episodes)").format(
                          busiest, hours[peak], data.total), fontsize=LABEL_SIZE)
    else:
        _empty(ax, _("No episodes in this period"))


# --- regions ------------------------------------------------------------------------------------


def draw_regions(fig: Figure, data: RegionCounts) -> None:
    """Horizontal bars per region, stacked by kind, most frequent at the top."""
    ax = fig.add_subplot()
    _style_axes(ax, _figure_title("regions"))
    ax.set_xlabel(_("Episodes naming each region"), fontsize=LABEL_SIZE)
    if not data.regions:
        _empty(ax, _("No regions recorded in this period"))
        ax.set_yticks([])
        return
    y = np.arange(len(data.regions))
    left = np.zeros(len(data.regions))
    for kind in data.kinds:
        values = np.asarray(data.counts[kind], dtype=float)
        ax.barh(y, values, left=left, color=KIND_COLOURS[kind], hatch=KIND_HATCHES[kind],
                edgecolor=foreground() if KIND_HATCHES[kind] else KIND_COLOURS[kind],
                linewidth=0.3, label=KIND_LABELS[kind], gid=f"regions-{kind}")
        left = left + values
    # The totals go in the labels: readable without judging bar lengths, and no extra artists.
    ax.set_yticks(y, [f"{REGION_LABELS.get(r, r)} ({int(t)})"
                      for r, t in zip(data.regions, left, strict=True)])
    ax.invert_yaxis()
    ax.set_xlim(0, float(left.max()) * 1.05 or 1.0)
    ax.legend(fontsize=LEGEND_SIZE, loc="lower right", frameon=False)


# --- trigger forest plot ------------------------------------------------------------------------


def _lag_words(lag: int) -> str:
    return _("same day") if lag == 0 else _("next day")


def forest_label(r: FactorResult) -> str:
    return f"{r.exposure[0].upper()}{r.exposure[1:]} ({_lag_words(r.lag)})"


def draw_trigger_forest(fig: Figure, results: Sequence[FactorResult]) -> None:
    """Rate ratios with their adjusted intervals (each finding's sentence gives the level) on
    a log scale; filled: clear after adjustment. A finding with no ratio (a group without
    episodes) is not drawn."""
    ax = fig.add_subplot()
    _style_axes(ax, "")
    # Over the whole figure, from its left edge: the factor names take half the width, and a
    # title starting where the axes do ran off the right edge of a narrow figure.
    fig.suptitle(_figure_title("trigger_forest"), fontsize=TITLE_SIZE,
                 x=0.01, ha="left")
    tested = [r for r in results if r.rate_ratio is not None]
    waiting = [r for r in results if r.rate_ratio is None and not r.tested]
    if not tested:
        _empty(ax, _("Not enough check-ins yet to compare days")
               + (_(" ({0} more days needed)").format(max(r.days_needed for r in waiting))
                  if waiting else ""))
        ax.set_yticks([])
        ax.set_xticks([])
        return
    fg = foreground()
    y = np.arange(len(tested))
    rr = np.asarray([r.rate_ratio for r in tested], dtype=float)
    lo = np.asarray([r.ci_low for r in tested], dtype=float)
    hi = np.asarray([r.ci_high for r in tested], dtype=float)
    sig = np.asarray([r.significant for r in tested])
    ax.hlines(y, lo, hi, color=fg, linewidth=1.4, gid="forest-intervals")
    ax.plot(rr[sig], y[sig], linestyle="none", marker="D", markersize=6,
            color=OKABE_ITO["vermillion"], markeredgecolor=fg,
            label=_("Clear after adjusting for many comparisons"), gid="forest-significant")
    ax.plot(rr[~sig], y[~sig], linestyle="none", marker="o", markersize=6,
            markerfacecolor="none", markeredgecolor=fg, label=_("Could be chance"),
            gid="forest-not-significant")
    ax.axvline(1.0, color=fg, linewidth=0.8, linestyle=":")
    ax.set_xscale("log")
    span_lo = min(float(lo.min()), 0.5)
    span_hi = max(float(hi.max()), 2.0)
    # The numbers sit in a column inside the axes, on the right: no second axis to lay out.
    column = (span_hi * 1.15) * 2.6
    ax.set_xlim(span_lo / 1.15, column)
    ticks = [t for t in (0.125, 0.25, 0.5, 1, 2, 4, 8, 16)
             if span_lo / 1.15 <= t <= span_hi * 1.15]
    ax.set_xticks(ticks, [i18n.format_amount(t, 3) for t in ticks])
    ax.minorticks_off()
    ax.set_yticks(y, [forest_label(r) for r in tested])
    ax.set_ylim(len(tested) - 0.5, -0.5)
    for yi, r in zip(y, tested, strict=True):
        if r.rate_ratio is None or r.ci_low is None or r.ci_high is None:
            continue  # only rows with a ratio and its interval are drawn (see above)
        ax.text(column, float(yi), _("{0} ({1}-{2})").format(
            i18n.format_decimal(r.rate_ratio, 2), i18n.format_decimal(r.ci_low, 2),
            i18n.format_decimal(r.ci_high, 2)),
                ha="right", va="center", fontsize=TICK_SIZE - 0.5, color=fg)
    label = _("Rate ratio, log scale (1 = no difference)")
    if waiting:
        # Under the axis, laid out with it: as a second title it ran into the first one.
        names = ", ".join(dict.fromkeys(_(FACTOR_WORDS[r.factor].name) for r in waiting))
        label += _("\nNot shown yet (too few days): {0}").format(names)
    ax.set_xlabel(label, fontsize=LABEL_SIZE)
    fig.legend(*ax.get_legend_handles_labels(), fontsize=LEGEND_SIZE, frameon=False, ncols=2,
               loc="outside lower center" if fig.get_layout_engine() else "lower center")


# --- factor timeline ----------------------------------------------------------------------------


def draw_factor_timeline(fig: Figure, data: FactorTimeline, factor: str) -> None:
    """Episodes per recorded day above one factor's daily values, exposed days marked."""
    ax_top, ax_bottom = fig.subplots(2, 1, sharex=True, height_ratios=(3, 2))
    _style_axes(ax_top, _figure_title("factor").format(
        exposure=data.exposures[factor]), _("Episodes"))
    x = date_nums(data.days) + 0.5
    episodes = np.asarray(data.episodes, dtype=float)
    ax_top.plot(x, episodes, color=OKABE_ITO["blue"], linewidth=1.0, drawstyle="steps-mid",
                label=_("Episodes per recorded day"), gid="timeline-episodes")
    unrecorded = [d for d, e in zip(data.days, data.episodes, strict=True) if math.isnan(e)]
    handles: list[Any] = [ax_top.get_lines()[0]]
    shade = _shade_unrecorded(ax_top, unrecorded, len(data.days))
    if shade is not None:
        handles.append(shade)
    ax_top.set_ylim(bottom=0)
    ax_top.legend(handles=handles, fontsize=LEGEND_SIZE, loc="upper left", frameon=False,
                  ncols=2)
    f = FACTORS_BY_ID[factor]
    values = np.asarray(data.values[factor], dtype=float)
    threshold = data.thresholds[factor]
    _style_axes(ax_bottom, "", f"{f.column.split('_')[0].capitalize()}"
                + (f" ({f.unit})" if f.unit else ""))
    ax_bottom.set_title("")
    known = ~np.isnan(values)
    if threshold is not None and known.any():
        flags = np.asarray([bool(f.exposed(float(v), threshold)) if k else False
                            for v, k in zip(values, known, strict=True)])
        small = len(x) > 400
        ax_bottom.plot(x[flags], values[flags], linestyle="none", marker="^",
                       markersize=2.5 if small else 5, color=OKABE_ITO["vermillion"],
                       label=_("Days with {0}").format(
                           data.exposures[factor]), gid="timeline-exposed")
        ax_bottom.plot(x[known & ~flags], values[known & ~flags], linestyle="none", marker="o",
                       markersize=2 if small else 4, markerfacecolor="none",
                       markeredgecolor=OKABE_ITO["sky_blue"], label=_("Other days"),
                       gid="timeline-unexposed")
        ax_bottom.axhline(threshold, color=foreground(), linewidth=0.8, linestyle=":")
        ax_bottom.legend(fontsize=LEGEND_SIZE, loc="upper left", frameon=False, ncols=2)
    else:
        _empty(ax_bottom, _("No check-ins record this in the period"))
    _date_axis(ax_bottom, data.start, data.end)
    ax_bottom.margins(y=0.25)
