"""The Trends section: presets, kind filter, charts from analytics, tooltips, saving, findings,
lazy refresh, and sample data on an empty journal."""

from __future__ import annotations

import stat
import time
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtWidgets import QComboBox, QDateEdit, QPushButton, QTextBrowser

from journal import analytics
from journal.charts.draw import step_values
from journal.demo import generate_checkins, generate_episodes
from journal.service import Change
from journal.store import repository as repo


def _fill(journal, years: float = 1.0, per_day: float = 6.0, seed: int = 3) -> None:  # type: ignore[no-untyped-def]
    end = journal.today() - timedelta(days=1)
    start = end - timedelta(days=round(years * 365.25) - 1)
    checkins = generate_checkins(start, end, seed=seed)
    episodes = generate_episodes(start, end, checkins, episodes_per_day=per_day, seed=seed)
    with journal.engine.begin() as conn:
        repo.bulk_upsert_checkins(conn, checkins, journal.now())
        repo.bulk_insert_episodes(conn, episodes, journal.now())


def _show(qtbot, window):  # type: ignore[no-untyped-def]
    window.show_section("trends")
    view = window.views["trends"]
    # The first query runs on the worker and, in a fresh process, imports statsmodels there
    # (seconds on a loaded machine): waited for, not blocked on.
    qtbot.waitUntil(lambda: not view._stale and view._canvas is not None, timeout=20000)
    return view


def _artist(view, gid):  # type: ignore[no-untyped-def]
    found = view._figure.findobj(lambda a: a.get_gid() == gid)
    assert found, gid
    return found[0]


def test_frequency_chart_shows_the_analytics_counts(qtbot, window, journal) -> None:  # type: ignore[no-untyped-def]
    _fill(journal)
    view = _show(qtbot, window)
    start, end = view.date_range()
    assert (end - start).days + 1 == 56 and end == journal.today()
    expected = analytics.frequency(journal, start, end)
    assert np.array_equal(step_values(_artist(view, "frequency-twitch")),
                          expected.counts["twitch"])
    assert "recorded" in view.summary_label.text()


def test_presets_and_kind_filter(qtbot, window, journal) -> None:  # type: ignore[no-untyped-def]
    _fill(journal)
    view = _show(qtbot, window)
    today = journal.today()
    for key, days in (("2w", 14), ("3m", 91), ("1y", 365)):
        view.set_preset(key)
        qtbot.waitUntil(lambda: not view._stale)
        start, end = view.date_range()
        assert end == today and (end - start).days + 1 == days
    view.set_preset("all")
    qtbot.waitUntil(lambda: not view._stale)
    assert view.date_range()[0] == journal.first_entry_date()
    assert view._data["frequency"].bucket == "week"
    view.kind_combo.setCurrentIndex(view.kind_combo.findData("cramp"))
    qtbot.waitUntil(lambda: not view._stale)
    assert view._data["frequency"].kinds == ("cramp",)
    assert not view._figure.findobj(lambda a: a.get_gid() == "frequency-twitch")
    # Editing a date switches the period to custom.
    view.from_edit.setDate(view.from_edit.date().addDays(10))
    assert view.range_combo.currentData() == "custom"


def test_every_chart_and_the_grid_draw(qtbot, window, journal) -> None:  # type: ignore[no-untyped-def]
    _fill(journal)
    view = _show(qtbot, window)
    for key in ("intensity", "time_of_day", "regions", "trigger_forest", "factor"):
        view.set_chart(key)
        qtbot.waitUntil(lambda: not view._stale)
        assert key in view._data and view._figure.axes
    assert view.factor_combo.isVisible()
    view.grid_button.setChecked(True)
    qtbot.waitUntil(lambda: not view._stale)
    assert set(view._data) == {"frequency", "intensity", "time_of_day", "regions"}
    assert len(view._figure.axes) >= 4
    assert not view.chart_combo.isEnabled()


def test_the_chart_menu_is_the_registry(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from journal.service.charts import CHART_SPECS

    view = window.views["trends"]
    combo = view.chart_combo
    assert [(combo.itemData(i), combo.itemText(i)) for i in range(combo.count())] == [
        (spec.id, spec.title) for spec in CHART_SPECS]
    view.set_chart("timeofday")  # an older spelling still finds the chart
    assert view.current_chart() == "time_of_day"


def test_hover_tooltips_give_date_and_value(qtbot, window, journal) -> None:  # type: ignore[no-untyped-def]
    _fill(journal)
    view = _show(qtbot, window)
    data = view._data["frequency"]
    i = next(i for i, n in enumerate(data.recorded_days) if n)
    day = data.periods[i]
    x = float((np.datetime64(day, "D") - np.datetime64("1970-01-01", "D")).astype(int)) + 0.5
    text = view.hover_text_at(0, x, 1.0)
    total = sum(data.counts[k][i] for k in data.kinds)
    assert f"{day.day} {day:%b %Y}" in text and f"{total} episode" in text
    view.set_chart("time_of_day")
    qtbot.waitUntil(lambda: not view._stale)
    t = view._data["time_of_day"]
    assert view.hover_text_at(0, 14.5, 2.0) == \
        f"Wed, 14:00-15:00: {t.counts[2][14]} episode{'s' if t.counts[2][14] != 1 else ''}"
    assert view.hover_text_at(0, 30.0, 2.0) is None


def test_save_chart_as_png_and_svg(qtbot, window, journal, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _fill(journal, years=0.3)
    view = _show(qtbot, window)
    png = view.save_chart_to(tmp_path / "f.png")
    svg = view.save_chart_to(tmp_path / "f.svg", "regions")
    assert png is not None and png.read_bytes().startswith(b"\x89PNG")
    assert svg is not None and b"<svg" in svg.read_bytes()[:600]
    assert stat.S_IMODE(png.stat().st_mode) == 0o600


def test_findings_are_sentences_with_their_days(qtbot, window, journal) -> None:  # type: ignore[no-untyped-def]
    _fill(journal, years=1.0)
    view = _show(qtbot, window)
    view.set_preset("1y")
    qtbot.waitUntil(lambda: not view._stale)
    text = view.findings.toPlainText()
    assert "8 h or more of sitting you logged more episodes" in text
    assert "days with and" in text and "days without" in text
    assert "adjusted for the other daily factors" in text
    assert "6 same-day comparisons were made, and 6 for the next day" in text
    assert "causes" not in text.lower()
    assert "If in doubt, call your emergency number." in text


def test_refreshes_lazily_only_when_visible(qtbot, window, journal, clock) -> None:  # type: ignore[no-untyped-def]
    from journal.model import Episode, Kind

    view = window.views["trends"]
    assert not view.isVisible()
    calls = []
    original = view.refresh
    view.refresh = lambda: (calls.append(1), original())  # type: ignore[method-assign]
    view._refresh_timer.timeout.disconnect()
    view._refresh_timer.timeout.connect(view.refresh)
    window.run_mutation(lambda: journal.add_episode(
        Episode(Kind.TWITCH, clock.now() - timedelta(hours=1), 10, 2)))
    qtbot.wait(50)
    assert calls == [] and view._stale
    window.show_section("trends")
    qtbot.waitUntil(lambda: calls == [1])
    window.journalChanged.emit(Change("episode", "added"))
    qtbot.waitUntil(lambda: len(calls) == 2)


def test_a_year_redraws_quickly(qtbot, window, journal) -> None:  # type: ignore[no-untyped-def]
    _fill(journal, years=1.0, per_day=20.0)
    view = _show(qtbot, window)
    view.set_preset("1y")
    qtbot.waitUntil(lambda: not view._stale)
    started = time.perf_counter()
    view.refresh()
    view._canvas.draw()
    # "Feels instant": query, draw and paint of a year of 20 episodes a day. Generous for a
    # shared test machine; the benchmark tracks the real figures.
    assert time.perf_counter() - started < 1.5


def test_controls_have_accessible_names(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    view = window.views["trends"]
    for cls in (QComboBox, QDateEdit, QPushButton, QTextBrowser):
        for widget in view.findChildren(cls):
            assert widget.accessibleName(), widget


def test_empty_journal_offers_sample_data_in_a_separate_file(qtbot, window, journal,
                                                              monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import ui.views.trends as trends

    monkeypatch.setattr(trends, "SAMPLE_YEARS", 0.25)
    own = Path(journal.path)
    window.show_section("trends")
    view = window.views["trends"]
    qtbot.waitUntil(lambda: not view._stale)
    assert view.empty_card.isVisible() and not view.splitter.isVisible()
    assert view.sample_button.isEnabled()
    with qtbot.waitSignal(view.sampleDataRequested) as blocker:
        view.sample_button.click()
    sample = blocker.args[0]
    assert Path(sample) != own and Path(sample).exists()
    assert Path(window.journal.path) == Path(sample)
    assert window.journal.count_episodes() > 0
    qtbot.waitUntil(lambda: not view.empty_card.isVisible())
    # The person's own file is untouched (still empty).
    from journal.service import Journal

    with Journal.open(own, create=False) as j:
        assert j.count_episodes() == 0
    # A second sample never overwrites the first.
    assert view.sample_path() != Path(sample)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_dark_and_light_palettes_draw(qtbot, window, journal, scheme) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from ui.app import apply_palette

    _fill(journal, years=0.2)
    before = QApplication.palette()
    try:
        apply_palette(QApplication.instance(), scheme)
        view = _show(qtbot, window)
        view.refresh()
        face = view._figure.get_facecolor()
        assert (sum(face[:3]) < 1.0) == (scheme == "dark")
    finally:
        QApplication.setPalette(before)


def test_the_regions_chart_is_described_by_region_name(qtbot, window, journal) -> None:  # type: ignore[no-untyped-def]
    """The canvas's text alternative names the region as every view does, not by its id."""
    from journal.model import Region
    from ui.widgets.labels import region_compact

    _fill(journal)
    view = _show(qtbot, window)
    view.set_chart("regions")
    qtbot.waitUntil(lambda: not view._stale and "regions" in view._data)
    top = view._data["regions"].regions[0]
    description = view._canvas.accessibleDescription()
    data = view._data["regions"]
    top_count = sum(data.counts[k][0] for k in data.kinds)
    assert f"Most often: {region_compact(Region(top))} {top_count}," in description


@pytest.mark.parametrize("chart", ["frequency", "intensity", "time_of_day", "regions",
                                   "trigger_forest", "factor"])
def test_every_chart_is_a_tab_stop_with_its_numbers_as_text(qtbot, window, journal, chart) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt as QtNS
    from PySide6.QtGui import QAccessible

    _fill(journal, years=0.3)
    view = _show(qtbot, window)
    view.set_chart(chart)
    qtbot.waitUntil(lambda: not view._stale and chart in view._data and not view.loading)
    canvas = view._canvas
    assert canvas.focusPolicy() & QtNS.FocusPolicy.TabFocus
    iface = QAccessible.queryAccessibleInterface(canvas)
    name = iface.text(QAccessible.Text.Name)
    description = iface.text(QAccessible.Text.Description)
    assert name and name != "Chart"
    assert any(ch.isdigit() for ch in description), description


def test_a_full_journal_never_shows_the_empty_state_while_loading(qtbot, window, journal) -> None:  # type: ignore[no-untyped-def]
    """On a journal with thousands of episodes the first query takes a while: until it is done
    the view says it is loading, and the "No entries yet … sample data" card never shows."""
    _fill(journal)
    window.show_section("trends")
    view = window.views["trends"]
    assert view._stale  # the query has not run yet
    assert not view.empty_card.isVisible()
    assert view.loading and view.loading_notice.isVisible()
    assert "Loading" in view.loading_notice.text()
    qtbot.waitUntil(lambda: not view.loading)
    assert not view.empty_card.isVisible() and not view.loading_notice.isVisible()
    assert view._canvas is not None
    qtbot.waitUntil(view._canvas.isVisible)


def test_old_figures_are_dimmed_while_a_new_selection_loads(qtbot, window, journal) -> None:  # type: ignore[no-untyped-def]
    _fill(journal)
    view = _show(qtbot, window)
    assert view.splitter.graphicsEffect() is None
    view.kind_combo.setCurrentIndex(view.kind_combo.findData("cramp"))
    # Before the new figures exist, the old ones do not pose as the answer.
    assert view.loading and view.loading_notice.isVisible()
    assert "Updating" in view.loading_notice.text()
    effect = view.splitter.graphicsEffect()
    assert effect is not None and effect.opacity() < 0.5
    assert view.summary_label.text() == "Loading…"
    qtbot.waitUntil(lambda: not view.loading)
    assert view.splitter.graphicsEffect() is None
    assert "recorded" in view.summary_label.text()


def test_the_empty_state_shows_once_the_query_found_nothing(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.show_section("trends")
    view = window.views["trends"]
    qtbot.waitUntil(lambda: not view.loading)
    assert view.empty_card.isVisible() and not view.loading_notice.isVisible()


def test_trends_draws_no_mean_over_a_thinly_recorded_week(qtbot, window, journal) -> None:  # type: ignore[no-untyped-def]
    from journal.model import Episode, Kind

    today = journal.today()
    now = journal.now()
    episodes = [Episode(Kind.TWITCH, now - timedelta(days=d, hours=h), 20, 3)
                for d in range(13, 30) for h in (1, 5)]
    episodes += [Episode(Kind.TWITCH, now - timedelta(minutes=m), 20, 3) for m in range(1, 18)]
    with journal.engine.begin() as conn:
        repo.bulk_insert_episodes(conn, episodes, journal.now())
    view = _show(qtbot, window)  # the last 8 weeks, per day
    data = view._data["frequency"]
    assert data.bucket == "day" and data.end == today and data.recorded_days[-1] == 1
    line = np.asarray(_artist(view, "frequency-rolling").get_ydata(), dtype=float)
    assert np.isnan(line[-7:]).all()
    assert np.nanmax(line) == pytest.approx(2.0)


def test_the_trigger_findings_follow_cramps_only(qtbot, window, journal) -> None:  # type: ignore[no-untyped-def]
    _fill(journal, years=0.5)
    view = _show(qtbot, window)
    view.set_preset("3m")
    qtbot.waitUntil(lambda: not view._stale)
    start, end = view.date_range()
    everything = {r.sentence for r in journal.trigger_stats(start, end)}
    cramps = [r.sentence for r in journal.trigger_stats(start, end, ["cramp"])]
    assert set(cramps) != everything  # otherwise this test could not tell them apart
    view.kind_combo.setCurrentIndex(view.kind_combo.findData("cramp"))
    qtbot.waitUntil(lambda: not view._stale)
    text = " ".join(view.findings.toPlainText().split())
    for sentence in cramps:
        assert " ".join(sentence.split()) in text
    for share in journal.trigger_tag_shares(start, end, ["cramp"]):
        assert " ".join(share.sentence.split()) in text


def test_save_in_the_four_chart_view_saves_all_four(qtbot, window, journal, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _fill(journal, years=0.3)
    view = _show(qtbot, window)
    view.grid_button.setChecked(True)
    qtbot.waitUntil(lambda: not view._stale)
    chosen = tmp_path / "charts.png"
    view.ask_save_path = lambda _title, _default: str(chosen)
    view.save_chart()
    written = sorted(p.name for p in tmp_path.glob("charts-*.png"))
    assert written == sorted(f"charts-{c}.png" for c in view._data)
    assert len(written) == 4
    assert all(p.read_bytes().startswith(b"\x89PNG") for p in tmp_path.glob("charts-*.png"))


class _Lateness:
    """A 10 ms timer on the GUI thread; its worst lateness is the longest the thread was
    blocked (as bench/interaction.py measures it)."""

    def __init__(self) -> None:
        from PySide6.QtCore import QElapsedTimer, QTimer

        self.clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.worst_ms = 0
        self.clock.start()
        self.last = 0
        self.timer.start()

    def _tick(self) -> None:
        now = self.clock.elapsed()
        self.worst_ms = max(self.worst_ms, now - self.last - 10)
        self.last = now

    def stop(self) -> int:
        self._tick()
        self.timer.stop()
        return self.worst_ms


def test_a_slow_query_never_blocks_the_window(qtbot, window, journal, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A 1 s statistics fit (a cold statsmodels, ten years) runs off the GUI thread: while it
    runs the window keeps answering, and the old chart is dimmed, never replaced by 'empty'."""
    _fill(journal, years=0.3)
    view = _show(qtbot, window)
    qtbot.waitUntil(lambda: not view.loading)
    slow = journal.trigger_stats

    def trigger_stats(*args, **kwargs):  # type: ignore[no-untyped-def]
        time.sleep(1.0)
        return slow(*args, **kwargs)

    monkeypatch.setattr(journal, "trigger_stats", trigger_stats)
    lateness = _Lateness()
    view.set_chart("trigger_forest")
    qtbot.wait(300)
    # Mid-query: the loading state is up and the old figure dimmed, not an empty-state text.
    assert view.loading and view.loading_notice.isVisible()
    assert "Updating" in view.loading_notice.text()
    assert not view.empty_card.isVisible()
    qtbot.waitUntil(lambda: not view.loading and "trigger_forest" in view._data, timeout=10000)
    worst = lateness.stop()
    # Generous for a loaded CI machine; a synchronous 1 s fit on the GUI thread is >= 1000 ms.
    assert worst < 500, f"GUI thread blocked {worst} ms"


def test_an_older_selections_answer_is_never_drawn(qtbot, window, journal, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The selection changes while a query runs: the first answer is dropped, the figure shows
    the new selection only."""
    import threading

    _fill(journal, years=0.3)
    view = _show(qtbot, window)
    qtbot.waitUntil(lambda: not view.loading)
    release = threading.Event()
    plain = journal.chart_data

    def chart_data(key, selection):  # type: ignore[no-untyped-def]
        if key == "regions":
            release.wait(5.0)  # held until the test has asked for something else
        return plain(key, selection)

    monkeypatch.setattr(journal, "chart_data", chart_data)
    drawn: list[tuple[str, ...]] = []
    draw = view._draw
    monkeypatch.setattr(view, "_draw", lambda charts, sel: (drawn.append(charts),
                                                            draw(charts, sel)))
    view.set_chart("regions")
    qtbot.wait(100)  # the regions query is now running on the worker
    view.set_chart("intensity")
    qtbot.wait(50)
    release.set()
    qtbot.waitUntil(lambda: not view.loading and bool(drawn), timeout=10000)
    qtbot.wait(100)
    assert drawn == [("intensity",)]
    assert view.discarded_answers >= 1
    assert set(view._data) == {"intensity"}
    assert not view._figure.findobj(lambda a: str(a.get_gid()).startswith("regions-"))


def test_the_chart_does_not_wait_for_the_statistics(qtbot, window, journal, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The figure is drawn as soon as its numbers are in; the findings beside it stay dimmed
    until the (slow) trigger statistics arrive."""
    _fill(journal, years=0.3)
    view = _show(qtbot, window)
    view.set_chart("intensity")
    qtbot.waitUntil(lambda: not view.loading and "intensity" in view._data)
    slow = journal.trigger_stats

    def trigger_stats(*args, **kwargs):  # type: ignore[no-untyped-def]
        time.sleep(1.5)
        return slow(*args, **kwargs)

    monkeypatch.setattr(journal, "trigger_stats", trigger_stats)
    view.set_chart("frequency")
    qtbot.waitUntil(lambda: view.drawn_request == view._request_number, timeout=1200)
    assert _artist(view, "frequency-twitch") is not None
    assert view.loading and view.splitter.graphicsEffect() is None
    effect = view.findings.graphicsEffect()
    assert effect is not None and effect.opacity() < 0.5  # the old findings do not pose
    qtbot.waitUntil(lambda: not view.loading, timeout=10000)
    assert view.findings.graphicsEffect() is None and not view._stale
