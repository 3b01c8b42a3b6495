"""The chart helper process and the boxes charts are drawn into last.

The helper is only ever a speed-up: a report is the same, byte for byte, whether the helper drew
its charts, the main process drew them, or the helper died, hung or was never started.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from journal.clock import FixedClock
from journal.report import chart_pool, figures
from journal.report import typeset as report_pdf
from journal.report.chart_pool import ChartJob, ChartPool
from journal.report.options import SECTION_TITLES, ReportOptions
from journal.service import Journal
from tests.helpers.report import fill_journal, pages_text

NOW = datetime(2026, 3, 16, 15, 0, tzinfo=timezone(timedelta(hours=1)))
READY_S = 120  # the helper imports matplotlib: slow on a loaded CI machine


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Journal]:
    j = Journal.open(tmp_path_factory.mktemp("pool") / "j.sqlite3", FixedClock(NOW))
    fill_journal(j, per_day=3)
    yield j
    j.close()


@pytest.fixture
def pool(monkeypatch: pytest.MonkeyPatch) -> Iterator[ChartPool]:
    """A fresh helper, warmed up, used as the process's shared one for the test."""
    fresh = ChartPool()
    monkeypatch.setattr(chart_pool, "_shared", fresh)
    assert fresh.start(), "the chart helper did not start"
    assert chart_pool.wait_until_ready(READY_S), "the chart helper did not warm up"
    yield fresh
    fresh.close()


@pytest.fixture
def no_pool(monkeypatch: pytest.MonkeyPatch) -> ChartPool:
    idle = ChartPool()  # never started: every chart is drawn in-process
    monkeypatch.setattr(chart_pool, "_shared", idle)
    monkeypatch.setenv("SYMPTOM_JOURNAL_CHART_HELPER", "0")
    return idle


OPTIONS = ReportOptions(name="José Müller")


def test_a_report_is_the_same_whoever_draws_the_charts(
        journal: Journal, pool: ChartPool, monkeypatch: pytest.MonkeyPatch) -> None:
    drawn_here: list[str] = []
    real_draw = chart_pool.draw

    def spy(job: ChartJob, parse: bool = False) -> chart_pool.DrawnChart:
        drawn_here.append(job.chart_id)
        return real_draw(job, parse)

    monkeypatch.setattr(chart_pool, "draw", spy)
    helped = journal.build_report(OPTIONS)  # how many the helper drew depends on timing
    drawn_here.clear()
    pool.close()
    monkeypatch.setenv("SYMPTOM_JOURNAL_CHART_HELPER", "0")  # and not started again
    alone = journal.build_report(OPTIONS)
    assert helped == alone
    assert sorted(drawn_here) == sorted(  # without the helper, every chart is drawn here
        ["frequency", "intensity", "time_of_day", "regions", "trigger_forest"])


def test_the_helper_draws_the_same_bytes_as_this_process(journal: Journal,
                                                          pool: ChartPool) -> None:
    start, end = OPTIONS.period(journal.today())
    data = figures.chart_data(journal, start, end, ("time_of_day",))["time_of_day"]
    job = ChartJob("time_of_day", data, 180.0, 60.0)
    with pool.batch() as batch:
        key = batch.request(job)
        # Wait for the helper's copy, so in_order() takes it rather than drawing here.
        with pool._state:
            assert pool._state.wait_for(lambda: bool(pool._results), timeout=READY_S)
        got = dict(batch.in_order([key], draw_here=lambda _job: pytest.fail("drawn here")))[key]
    assert isinstance(got, chart_pool.DrawnChart)
    assert got.parsed is not None  # fpdf2's parse came back too
    assert got.svg == chart_pool.draw(job).svg


def test_a_helper_that_does_not_answer_costs_nothing_but_its_help(
        journal: Journal, pool: ChartPool, no_pool: ChartPool,
        monkeypatch: pytest.MonkeyPatch) -> None:
    expected = journal.build_report(OPTIONS)  # no_pool is the shared one: drawn here
    monkeypatch.setattr(chart_pool, "_shared", pool)
    process = pool._process
    assert process is not None
    os.kill(process.pid, signal.SIGSTOP)  # frozen before it starts anything
    try:
        assert journal.build_report(OPTIONS) == expected  # every chart drawn here, no wait
    finally:
        os.kill(process.pid, signal.SIGCONT)
    process.kill()  # and a dead helper: the next report still comes out the same
    process.wait(timeout=10)
    assert journal.build_report(OPTIONS) == expected
    assert not pool.alive()


def test_a_chart_that_fails_leaves_a_note_in_its_box_and_the_rest_stands(
        journal: Journal, no_pool: ChartPool, monkeypatch: pytest.MonkeyPatch) -> None:
    real = figures.drawer

    def broken(chart_id: str, data: object):  # type: ignore[no-untyped-def]
        if chart_id == "regions":
            raise RuntimeError("no regions today")
        return real(chart_id, data)

    monkeypatch.setattr(figures, "drawer", broken)
    text = " ".join(pages_text(journal.build_report(OPTIONS)))
    assert "(Regions: this chart could not be drawn.)" in text
    assert SECTION_TITLES["log"] in text  # the report goes on after the broken chart


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler's pdftoppm")
def test_a_chart_filled_in_last_looks_exactly_as_one_placed_at_once(
        journal: Journal, tmp_path: Path) -> None:
    start, end = OPTIONS.period(journal.today())
    data = figures.chart_data(journal, start, end, ("regions",))["regions"]
    job = ChartJob("regions", data, 150.0, 60.0)
    svg = chart_pool.draw(job).svg

    def after(pdf: report_pdf.ReportPDF) -> None:
        # What follows the chart changes the state the chart was reserved in; the chart, drawn
        # at the end, must still be drawn in the state of its place, and leave that state be.
        pdf.set_y(95)
        pdf.cell(0, 8, "After the chart, still bold and red-ruled")
        pdf.line(20, 105, 190, 105)
        pdf.set_fill_color(0, 150, 60)
        pdf.set_text_color(0, 150, 60)
        pdf.set_draw_color(0, 0, 200)
        pdf.set_line_width(0.2)
        pdf.set_font(report_pdf.FONT, "", 7)
        pdf.rect(20, 110, 40, 10, style="DF")
        pdf.text(70, 115, "green text")

    def document(deferred: bool) -> bytes:
        pdf = report_pdf.ReportPDF("A4", "footer")
        pdf.add_page()
        pdf.set_draw_color(200, 0, 0)  # state a chart drawn later must not inherit or change
        pdf.set_line_width(1.5)
        pdf.set_font(report_pdf.FONT, "B", 14)
        pdf.cell(0, 8, "Before the chart")
        pdf.set_y(30)
        if deferred:
            with ChartPool().batch() as batch:
                key = batch.request(job)
                pdf.reserve_chart(key, "regions", "Regions", 20, 30, 150, 60)
                after(pdf)
                pdf.fill_charts(batch)
        else:
            pdf.set_fill_color(0, 0, 0)
            pdf.image(svg, x=20, y=30, w=150, h=60, alt_text="Regions", keep_aspect_ratio=True)
            after(pdf)
        return bytes(pdf.output())

    pngs = []
    for deferred in (False, True):
        path = tmp_path / f"doc-{deferred}.pdf"
        path.write_bytes(document(deferred))
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(path),
                        str(tmp_path / f"page-{deferred}")], check=True, timeout=60)
        pngs.append(next(tmp_path.glob(f"page-{deferred}*.png")).read_bytes())
    assert pngs[0] == pngs[1]


def test_two_reports_at_once_share_the_helper_safely(journal: Journal, pool: ChartPool) -> None:
    import gc
    import threading

    reference = journal.build_report(OPTIONS)
    out: dict[str, bytes] = {}
    errors: list[BaseException] = []

    def build(name: str, options: ReportOptions) -> None:
        try:
            out[name] = journal.build_report(options)
        except BaseException as exc:  # reported below
            errors.append(exc)

    # The preview and an export, as the Report view may run them: one gets the helper, the
    # other draws its own charts; neither waits for the other or gets the other's charts.
    threads = [threading.Thread(target=build, args=("export", OPTIONS)),
               threading.Thread(target=build, args=("preview", OPTIONS))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not errors
    assert out["export"] == reference and out["preview"] == reference
    assert gc.isenabled()  # collection is back on once both are done
