"""Charts, as the Trends screen and the command line reach them: the chart registry, drawing a
chart on a figure, saving it to a file, and what a point on it shows.

The data comes from the open journal (``Journal.chart_data(chart_id, selection)``); everything
here is a thin layer over :mod:`journal.charts.registry`, so the screen, the command line and the
report draw the same chart from the same spec. Matplotlib is imported only when drawing.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journal.charts.registry import (
    CHART_SPECS,
    DEFAULT_FACTOR,
    ChartSelection,
    ChartSpec,
    chart_ids,
    chart_spec,
    grid_chart_ids,
    is_chart,
    report_chart_ids,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure, SubFigure

__all__ = [
    "CHART_SPECS",
    "DEFAULT_FACTOR",
    "ChartSelection",
    "ChartSpec",
    "chart_ids",
    "chart_spec",
    "chart_theme",
    "describe_chart_point",
    "draw_chart",
    "factor_ids",
    "fixed_layout",
    "grid_chart_ids",
    "is_chart",
    "report_chart_ids",
    "write_chart",
]


def factor_ids() -> tuple[str, ...]:
    """The daily factors a factor chart can show, in the statistics' order."""
    from journal.analytics.factors import FACTORS_BY_ID

    return tuple(FACTORS_BY_ID)


def draw_chart(fig: Figure | SubFigure, chart_id: str, data: Any,
               selection: ChartSelection | None = None) -> None:
    """Draw chart ``chart_id`` with ``data`` (from ``Journal.chart_data``) on ``fig``."""
    chart_spec(chart_id).drawer(selection)(fig, data)  # type: ignore[arg-type]


def fixed_layout(fig: Any) -> None:
    """Place the axes of a figure drawn here by measured margins, without a layout engine (what
    the Trends screen uses instead of constrained layout on every redraw; imports Matplotlib)."""
    from journal.charts.layout import fixed_layout as place

    place(fig)


def describe_chart_point(chart_id: str, data: Any, ax_index: int, x: float | None,
                         y: float | None, selection: ChartSelection | None = None) -> str | None:
    """The hover text at data coordinates (x, y) on the chart's ``ax_index``-th axes."""
    return chart_spec(chart_id).describe(data, ax_index, x, y, selection)


def write_chart(path: Path, chart_id: str, data: Any, selection: ChartSelection | None = None,
               size_in: tuple[float, float] | None = None) -> Path:
    """Write the chart as PNG or SVG (by the file's suffix), atomically, in light colours."""
    from journal.charts.render import render_to_file

    drawer = chart_spec(chart_id).drawer(selection)
    if size_in is None:
        return render_to_file(drawer, data, path)
    return render_to_file(drawer, data, path, size_in=size_in)


@contextlib.contextmanager
def chart_theme(rc: Mapping[str, Any]) -> Iterator[None]:
    """Draw with these Matplotlib settings (a dark screen theme, say) and no one else's.

    Matplotlib's settings are global and the report may be drawing on another thread: this
    holds the charts' lock for as long as the settings apply.
    """
    import matplotlib as mpl

    from journal.charts.style import RC_LOCK

    with RC_LOCK, mpl.rc_context(dict(rc)):  # type: ignore[arg-type]
        yield
