"""The chart registry: one id per chart, the older spellings as aliases, and every spec's query,
draw and hover working together on a real journal (the same specs the Trends screen, the command
line and the report use)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta

import pytest
from matplotlib.figure import Figure

from journal import analytics
from journal.charts import draw
from journal.charts.registry import (
    CHART_SPECS,
    ChartSelection,
    chart_ids,
    chart_spec,
    grid_chart_ids,
    is_chart,
    report_chart_ids,
)
from journal.charts.render import render
from journal.demo import generate
from journal.service import Journal

TODAY = date(2026, 3, 16)
SELECTION = ChartSelection(TODAY - timedelta(days=90), TODAY - timedelta(days=1))


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Journal:
    path = generate(tmp_path_factory.mktemp("registry") / "sample.sqlite3", years=0.5,
                    episodes_per_day=5, seed=5, today=TODAY)
    j = Journal.open(path)
    yield j  # type: ignore[misc]
    j.close()


def test_one_id_per_chart_and_the_old_spellings_still_resolve() -> None:
    assert chart_ids() == ("frequency", "intensity", "time_of_day", "regions", "trigger_forest",
                           "factor")
    names = [name for spec in CHART_SPECS for name in (spec.id, *spec.aliases)]
    assert len(names) == len(set(names))
    assert chart_spec("timeofday") is chart_spec("time_of_day")
    assert chart_spec("triggers") is chart_spec("trigger_forest")
    assert is_chart("timeofday") and not is_chart("pie")
    with pytest.raises(KeyError, match="unknown chart 'pie'"):
        chart_spec("pie")
    assert grid_chart_ids() == ("frequency", "intensity", "time_of_day", "regions")
    assert report_chart_ids() == ("frequency", "intensity", "time_of_day", "regions",
                                  "trigger_forest")
    assert all(spec.title for spec in CHART_SPECS)


def test_the_report_takes_its_charts_and_titles_from_the_registry() -> None:
    from journal.report import figures

    titled = tuple((s.id, s.report_title) for s in CHART_SPECS if s.report_title is not None)
    assert titled == figures.CHARTS
    assert figures.chart_title("time_of_day") == "Time of day"


@pytest.mark.parametrize("chart_id", chart_ids())
def test_every_chart_queries_draws_and_describes(sample: Journal, chart_id: str) -> None:
    spec = chart_spec(chart_id)
    data = spec.query(sample, SELECTION)
    fig = Figure()
    spec.drawer(SELECTION)(fig, data)
    assert fig.axes
    assert spec.describe(data, 0, None, 1.0, SELECTION) is None
    text = spec.describe(data, 0, fig.axes[0].get_xlim()[0] + 20.5, 0.0, SELECTION)
    assert text is None or isinstance(text, str)


def test_queries_return_the_journals_numbers(sample: Journal) -> None:
    cramps = ChartSelection(SELECTION.start, SELECTION.end, ("cramp",))
    got = chart_spec("frequency").query(sample, cramps)
    assert got == analytics.frequency(sample, SELECTION.start, SELECTION.end, ["cramp"])
    assert got.kinds == ("cramp",)
    assert chart_spec("regions").query(sample, SELECTION) == analytics.region_counts(
        sample, SELECTION.start, SELECTION.end)
    assert chart_spec("triggers").query(sample, SELECTION) == analytics.trigger_statistics(
        sample, SELECTION.start, SELECTION.end)


def test_a_spec_draws_exactly_what_its_draw_function_draws(sample: Journal) -> None:
    data = chart_spec("time_of_day").query(sample, SELECTION)
    assert render(chart_spec("time_of_day").drawer(), data, "png") == render(
        draw.draw_time_of_day, data, "png")
    timeline = chart_spec("factor").query(sample, SELECTION)
    sleep = ChartSelection(SELECTION.start, SELECTION.end, factor="sleep")

    def direct(fig: Figure, d: object) -> None:
        draw.draw_factor_timeline(fig, d, "sleep")  # type: ignore[arg-type]

    assert render(chart_spec("factor").drawer(sleep), timeline, "png") == render(
        direct, timeline, "png")


def test_factor_hover_follows_the_selected_factor(sample: Journal) -> None:
    spec = chart_spec("factor")
    data = spec.query(sample, SELECTION)
    i = next(i for i, v in enumerate(data.values["caffeine"]) if v == v and v > 0)
    x = float((data.days[i] - date(1970, 1, 1)).days) + 0.5
    caffeine = ChartSelection(SELECTION.start, SELECTION.end, factor="caffeine")
    text = spec.describe(data, 0, x, 1.0, caffeine)
    assert text is not None and "caffeine" in text and f"{data.days[i].day}" in text


def test_the_registry_loads_no_matplotlib() -> None:
    code = ("import sys; import journal.charts.registry, journal.service.charts; "
            "print([m for m in sys.modules if m.split('.')[0] == 'matplotlib'])")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
