"""The Trends screen's measured layout: every word inside the figure, none over another."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from journal.charts.layout import OFFSET_GID, fixed_layout
from journal.demo import generate
from journal.service import Journal
from journal.service.charts import ChartSelection, chart_ids, draw_chart, grid_chart_ids

TODAY = date(2026, 12, 20)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Journal:
    path = generate(tmp_path_factory.mktemp("layout") / "sample.sqlite3", years=1.0,
                    episodes_per_day=8, seed=5, today=TODAY)
    j = Journal.open(path)
    yield j  # type: ignore[misc]
    j.close()


def _figure(journal: Journal, chart: str, days: int, size: tuple[int, int],
            layout: str | None = None) -> Figure:
    """The chart drawn as the Trends screen draws it (``layout=None``: the measured layout),
    or with a layout engine to compare with."""
    end = TODAY - timedelta(days=1)
    selection = ChartSelection(end - timedelta(days=days - 1), end)
    fig = Figure(figsize=(size[0] / 100, size[1] / 100), dpi=100, layout=layout)
    FigureCanvasAgg(fig)
    if chart == "grid":
        for key, sub in zip(grid_chart_ids(), fig.subfigures(2, 2).flat, strict=True):
            draw_chart(sub, key, journal.chart_data(key, selection), selection)
    else:
        draw_chart(fig, chart, journal.chart_data(chart, selection), selection)
    if layout is None:
        fixed_layout(fig)
    fig.canvas.draw()
    return fig


def _outside(fig: Figure) -> set[str]:
    """The words drawn (partly) outside the figure."""
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    whole = fig.bbox
    found = set()
    for text in _texts(fig):
        box = text.get_window_extent(renderer)
        if (box.x0 < whole.x0 - 1 or box.x1 > whole.x1 + 1 or box.y0 < whole.y0 - 1
                or box.y1 > whole.y1 + 1):
            found.add(text.get_text())
    return found


def _texts(fig: Figure) -> list[Text]:
    """Every word drawn: the ticks' labels only for ticks within the axes' limits (findobj
    would also list the labels of ticks kept off-screen)."""
    found: list[Text] = []
    tick_labels = set()
    for ax in fig.get_axes():
        for axis in (ax.xaxis, ax.yaxis):
            lo, hi = sorted(axis.get_view_interval())
            slack = (hi - lo) * 1e-6
            axis.get_majorticklabels()  # brings the ticks up to date
            found += [tick.label1 for tick in axis.get_major_ticks()
                      if lo - slack <= tick.get_loc() <= hi + slack]
            tick_labels.update(id(t) for tick in axis.get_major_ticks() + axis.get_minor_ticks()
                               for t in (tick.label1, tick.label2))
    found += [t for t in fig.findobj(Text) if id(t) not in tick_labels]
    return [t for t in found if t.get_visible() and t.get_text().strip()]


#: Trends canvas sizes: the 1280x800 window's, the smallest window's, a large one, and a chart
#: the size of one cell of the four-chart grid.
SIZES = [(860, 520), (560, 420), (1200, 700), (430, 300)]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("chart", [*chart_ids(), "grid"])
@pytest.mark.parametrize("days", [56, 365])
def test_every_word_stays_inside_the_figure(sample: Journal, chart: str, size: tuple[int, int],
                                            days: int) -> None:
    """Nothing cut off; where even constrained layout cannot fit a word (a legend wider than
    a small grid cell), the measured layout does no worse."""
    if chart == "grid" and size[0] < 560:
        pytest.skip("the four-chart grid is never this small (its cells would be 215 px wide)")
    outside = _outside(_figure(sample, chart, days, size))
    if size in ((860, 520), (1200, 700)):
        assert not outside
    else:
        assert outside <= _outside(_figure(sample, chart, days, size, "constrained")), outside


@pytest.mark.parametrize("size", [(860, 520), (560, 420), (430, 300)])
@pytest.mark.parametrize("chart", ["frequency", "intensity", "factor", "grid"])
def test_the_date_offset_has_a_line_of_its_own(sample: Journal, chart: str,
                                               size: tuple[int, int]) -> None:
    """'2026-Dec' under the dates never runs into the caption or a date (issue 12)."""
    fig = _figure(sample, chart, 56, size)
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    offsets = [t for t in _texts(fig) if t.get_gid() == OFFSET_GID]
    assert offsets, "a period within one year names its year under the dates"
    for ax in fig.get_axes():
        if any(t.axes is ax for t in offsets):  # drawn as the annotation instead
            assert not ax.xaxis.offsetText.get_visible()
    for offset in offsets:
        ax = offset.axes
        assert ax is not None
        box = offset.get_window_extent(renderer)
        others = [ax.xaxis.label, *ax.get_xticklabels()]
        for other in others:
            if not other.get_visible() or not other.get_text().strip():
                continue
            assert not box.overlaps(other.get_window_extent(renderer)), (
                offset.get_text(), other.get_text())
