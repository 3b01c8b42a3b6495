"""Charts on bare figures: what is plotted equals what analytics computed; labels; files."""

from __future__ import annotations

import math
import stat
from datetime import date, timedelta
from functools import partial
from pathlib import Path

import numpy as np
import pytest
from matplotlib.figure import Figure

from journal import analytics, charts
from journal.charts import draw
from journal.charts.draw import date_nums, step_values
from journal.charts.render import render, render_to_file
from journal.demo import generate
from journal.service import Journal

TODAY = date(2026, 3, 16)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Journal:
    path = generate(tmp_path_factory.mktemp("demo") / "sample.sqlite3", years=1.0,
                    episodes_per_day=6, seed=7, today=TODAY)
    j = Journal.open(path)
    yield j  # type: ignore[misc]
    j.close()


def by_gid(fig: Figure, gid: str):  # type: ignore[no-untyped-def]
    found = fig.findobj(lambda a: a.get_gid() == gid)
    assert found, f"no artist with gid {gid}"
    return found


def legend_texts(fig: Figure) -> list[str]:
    return [t.get_text() for ax in fig.axes if ax.get_legend()
            for t in ax.get_legend().get_texts()]


@pytest.mark.parametrize("days", [14, 365])
def test_frequency_plots_the_analytics_counts(sample: Journal, days: int) -> None:
    start, end = TODAY - timedelta(days=days), TODAY - timedelta(days=1)
    data = analytics.frequency(sample, start, end)
    fig = Figure()
    draw.draw_frequency(fig, data)
    twitch = by_gid(fig, "frequency-twitch")[0]
    cramp = by_gid(fig, "frequency-cramp")[0]
    values_t, values_c = step_values(twitch), step_values(cramp)
    edges = twitch.get_xy()[:-1:2, 0]
    assert np.array_equal(values_t, data.counts["twitch"])
    # Cramps are stacked on twitches: the top of the stack is the total.
    assert np.array_equal(values_c - values_t, data.counts["cramp"])
    assert np.array_equal(edges[:-1], date_nums(data.periods))
    rolling = by_gid(fig, "frequency-rolling")[0].get_ydata()
    assert np.allclose(rolling, data.rolling_mean, equal_nan=True)
    ax = fig.axes[0]
    assert ax.get_title(loc="left").startswith("Episodes per")
    assert ax.get_ylabel() == "Episodes"
    assert {"Twitches", "Cramps", data.rolling_label} <= set(legend_texts(fig))
    if data.unrecorded_days:
        assert "Unrecorded days" in legend_texts(fig)


def test_intensity_plots_the_medians(sample: Journal) -> None:
    data = analytics.intensity_series(sample, TODAY - timedelta(days=56), TODAY)
    fig = Figure()
    draw.draw_intensity(fig, data)
    for kind in ("twitch", "cramp"):
        y = by_gid(fig, f"intensity-median-{kind}")[0].get_ydata()
        assert np.allclose(y, data.median[kind], equal_nan=True)
    assert fig.axes[0].get_ylabel() == "Intensity (0-10)"
    assert "Twitches: median" in legend_texts(fig)


def test_time_of_day_grid_equals_counts(sample: Journal) -> None:
    data = analytics.time_of_day(sample, TODAY - timedelta(days=365), TODAY)
    fig = Figure()
    draw.draw_time_of_day(fig, data)
    grid = by_gid(fig, "timeofday-grid")[0].get_array()
    assert np.array_equal(np.asarray(grid), np.asarray(data.counts))
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == list(analytics.WEEKDAYS)
    assert fig.axes[0].get_xlabel().startswith("Hour started")


def test_regions_bars_equal_counts(sample: Journal) -> None:
    data = analytics.region_counts(sample, TODAY - timedelta(days=56), TODAY)
    fig = Figure()
    draw.draw_regions(fig, data)
    for kind in data.kinds:
        widths = [p.get_width() for p in by_gid(fig, f"regions-{kind}")]
        assert widths == list(data.counts[kind])
    assert fig.axes[0].get_yticklabels()[0].get_text() != data.regions[0]  # readable names
    assert {"Twitches", "Cramps"} <= set(legend_texts(fig))


def test_forest_plot_places_each_tested_ratio(sample: Journal) -> None:
    results = analytics.trigger_statistics(sample, TODAY - timedelta(days=365), TODAY)
    fig = Figure()
    draw.draw_trigger_forest(fig, results)
    tested = [r for r in results if r.tested]
    sig = [r.rate_ratio for r in tested if r.significant]
    not_sig = [r.rate_ratio for r in tested if not r.significant]
    assert list(by_gid(fig, "forest-significant")[0].get_xdata()) == pytest.approx(sig)
    assert list(by_gid(fig, "forest-not-significant")[0].get_xdata()) == pytest.approx(not_sig)
    ax = fig.axes[0]
    assert ax.get_xscale() == "log"
    assert len(ax.get_yticklabels()) == len(tested)
    assert any("sitting" in t.get_text() for t in ax.get_yticklabels())
    # The planted sitting effect shows as clear.
    assert any(r.factor == "sitting" and r.lag == 0 for r in tested if r.significant)


def test_forest_plot_without_enough_days_says_so() -> None:
    fig = Figure()
    draw.draw_trigger_forest(fig, [])
    assert by_gid(fig, "empty-message")


def test_factor_timeline_plots_episodes_and_values(sample: Journal) -> None:
    data = analytics.factor_timeline(sample, TODAY - timedelta(days=60), TODAY - timedelta(days=1))
    fig = Figure()
    draw.draw_factor_timeline(fig, data, "sitting")
    y = by_gid(fig, "timeline-episodes")[0].get_ydata()
    assert np.allclose(y, data.episodes, equal_nan=True)
    exposed = by_gid(fig, "timeline-exposed")[0].get_ydata()
    expected = [v for v in data.values["sitting"] if not math.isnan(v) and v >= 8]
    assert list(exposed) == expected
    assert len(fig.axes) == 2 and fig.axes[1].get_ylabel() == "Sitting (h)"


def test_empty_data_draws_a_message_not_an_error(journal: Journal) -> None:
    start, end = TODAY - timedelta(days=14), TODAY
    for drawer, query in [(draw.draw_frequency, analytics.frequency),
                          (draw.draw_intensity, analytics.intensity_series),
                          (draw.draw_time_of_day, analytics.time_of_day),
                          (draw.draw_regions, analytics.region_counts)]:
        fig = Figure()
        drawer(fig, query(journal, start, end))
        assert by_gid(fig, "empty-message")
        render(drawer, query(journal, start, end), "png")


def test_render_writes_png_and_svg(sample: Journal, tmp_path: Path) -> None:
    data = analytics.frequency(sample, TODAY - timedelta(days=365), TODAY)
    png = render(draw.draw_frequency, data, "png")
    svg = render(draw.draw_frequency, data, "svg", size_in=(6.7, 3.0))
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert b"<svg" in svg[:600] and svg.rstrip().endswith(b"</svg>")
    out = render_to_file(partial(draw.draw_factor_timeline, factor="sleep"),
                                analytics.factor_timeline(sample, TODAY - timedelta(days=30),
                                                          TODAY), tmp_path / "t.svg")
    assert out.read_bytes().startswith(b"<?xml")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    with pytest.raises(ValueError):
        render(draw.draw_frequency, data, "gif")  # type: ignore[arg-type]


def test_charts_never_import_pyplot_or_qt() -> None:
    import re

    pattern = re.compile(r"^\s*(from|import)\s+(matplotlib\.pyplot|matplotlib import pyplot|"
                         r"PySide6|ui\b)", re.MULTILINE)
    for path in Path(charts.__file__).parent.glob("*.py"):
        assert not pattern.search(path.read_text()), path


def test_forest_plot_names_untested_factors_clear_of_its_title(sample: Journal) -> None:
    from dataclasses import replace

    from matplotlib.backends.backend_agg import FigureCanvasAgg

    results = analytics.trigger_statistics(sample, TODAY - timedelta(days=365), TODAY)
    tested = [r for r in results if r.tested]
    waiting = replace(tested[0], factor="sleep", rate_ratio=None, ci_low=None, ci_high=None,
                      p_value=None, p_adjusted=None, days_needed=3, significant=False)
    fig = Figure(figsize=(7.2, 3.6), layout="constrained")  # the report's width
    FigureCanvasAgg(fig)
    draw.draw_trigger_forest(fig, [*tested, waiting])
    fig.canvas.draw()
    ax = fig.axes[0]
    assert "Not shown yet (too few days): Sleep" in ax.get_xlabel()  # the factor by its name
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    texts = [t for t in (ax.title, ax._left_title, ax._right_title, ax.xaxis.label,
                         fig._suptitle) if t is not None and t.get_text()]
    boxes = [t.get_window_extent(renderer) for t in texts]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not a.overlaps(b), [t.get_text() for t in texts]
    # and every one of them inside the figure, at a width the Trends view may have
    for size in ((7.2, 3.6), (6.0, 4.0)):
        fig.set_size_inches(size)
        fig.canvas.draw()
        for text in texts:
            box = text.get_window_extent(renderer)
            assert box.x0 >= 0 and box.x1 <= fig.bbox.width, (size, text.get_text())


def test_the_rolling_mean_is_not_drawn_over_a_thinly_recorded_week(journal: Journal) -> None:
    """Recorded days 1-10, then one busy day after a six-day gap: the line stops where fewer
    than 4 of its 7 days are recorded instead of climbing to that one day's count."""
    from datetime import datetime, timezone

    from journal.model import Episode, Kind
    from journal.store import repository as repo

    start = TODAY - timedelta(days=16)
    tz = timezone(timedelta(hours=1))

    def at(day: date, hour: int) -> Episode:
        return Episode(Kind.TWITCH, datetime(day.year, day.month, day.day, hour, tzinfo=tz),
                       20, 3)

    episodes = [at(start + timedelta(days=i), h) for i in range(10) for h in (9, 15)]
    episodes += [at(TODAY, h) for h in range(5, 22)]
    with journal.engine.begin() as conn:
        repo.bulk_insert_episodes(conn, episodes, journal.now())
    data = analytics.frequency(journal, start, TODAY)
    fig = Figure()
    draw.draw_frequency(fig, data)
    line = np.asarray(by_gid(fig, "frequency-rolling")[0].get_ydata(), dtype=float)
    assert np.isnan(line[-4:]).all()  # the last four days: 3, 2, 1 and 1 of 7 recorded
    assert np.nanmax(line) == pytest.approx(2.0)  # never the busy day's 17
