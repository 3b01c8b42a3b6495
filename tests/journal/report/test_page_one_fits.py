"""Page 1 holds the whole one-page summary, and the report's charts keep their legends off the data
(issue 18, items 10 and the golden report's findings that fell to the top of page 2).

Built on the golden journal (120 days of sample data plus an emergency, two urgent flags and a
statin), whose page 1 is as full as a real one gets: seven flag rows, ten summary rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from journal import i18n
from journal.charts.registry import ChartSelection, chart_spec
from journal.clock import FixedClock
from journal.report.options import ReportOptions
from journal.service import Journal
from tests.golden.golden_journal import NOW, build_journal
from tests.helpers.report import pages_text

PERIOD = ReportOptions(start=date(2026, 8, 1), end=date(2026, 11, 16))
FINDING = "8 h or more of sitting (same day): 2.37 times the episode rate"


@pytest.fixture(scope="module")
def golden(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Journal]:
    path = tmp_path_factory.mktemp("golden") / "journal.sqlite3"
    build_journal(path)
    with Journal.open(path, FixedClock(NOW)) as journal:
        yield journal


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("language", ["en", "de", "es"])
def test_page_one_ends_with_its_trigger_findings(golden: Journal, paper: str,
                                                 language: str) -> None:
    pages = pages_text(golden.build_report(PERIOD.with_changes(paper=paper, language=language)))
    with i18n.language(language):
        heading = i18n._("Best-supported trigger findings")
        suspected = i18n._("Most often suspected by the patient (share of episodes): {0}.")
    assert heading in pages[0]
    assert suspected.split("{0}")[0].strip() in pages[0]
    assert heading not in pages[1]
    if language == "en":
        assert FINDING in pages[0]


def test_the_golden_page_one_keeps_its_chart_on_a4(golden: Journal) -> None:
    first = pages_text(golden.build_report(PERIOD))[0]
    assert "327 episodes on 100 recorded days" in first  # the frequency chart's axis label


def test_a_chart_page_one_has_no_room_for_opens_the_detail(golden: Journal) -> None:
    pages = pages_text(golden.build_report(PERIOD.with_changes(paper="Letter")))
    assert "327 episodes on 100 recorded days" not in pages[0]
    charts = next(p for p in pages[1:] if "Charts" in p)
    assert charts.index("Episodes per day") < charts.index("Intensity per day")


def _layout(chart_id: str, data: object, width_mm: float, height_mm: float) -> object:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width_mm / 25.4, height_mm / 25.4), dpi=72, layout="constrained")
    FigureCanvasAgg(fig)
    chart_spec(chart_id).drawer()(fig, data)
    fig.canvas.draw()
    return fig


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize(("chart_id", "height_mm"),
                         [("frequency", 30.0), ("frequency", 52.0), ("intensity", 62.0)])
def test_a_report_chart_legend_covers_no_data_and_no_label(golden: Journal, chart_id: str,
                                                           height_mm: float,
                                                           language: str) -> None:
    selection = ChartSelection(date(2026, 8, 1), date(2026, 11, 16))
    with i18n.language(language):
        data = golden.chart_data(chart_id, selection)
        fig = _layout(chart_id, data, 182.0, height_mm)
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    (ax,) = fig.axes  # type: ignore[attr-defined]
    legend = ax.get_legend()
    assert legend is not None
    box = legend.get_window_extent(renderer)
    # The data area: everything drawn inside the axes (bars, lines, bands, unrecorded days).
    assert not box.overlaps(ax.get_window_extent(renderer))
    labels = [ax.title, ax.xaxis.label, ax.yaxis.label, *ax.get_xticklabels(),
              *ax.get_yticklabels()]
    for text in labels:
        if text.get_text():
            assert not box.overlaps(text.get_window_extent(renderer)), text.get_text()
    # And the legend stays on the figure (the layout made room for it).
    assert box.x1 <= fig.bbox.x1 + 0.5  # type: ignore[attr-defined]
