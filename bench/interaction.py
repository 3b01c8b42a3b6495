"""Interaction benchmark: what a person waits for in the window, on a 1-year and a 10-year journal.

Drives the real ``MainWindow`` offscreen. For each interaction (each Trends chart, the kind
filter, the period presets, "Show four charts", the first Report preview, Journal "All dates",
quitting) it prints the time from the input to the painted result and the longest the GUI
thread was blocked meanwhile (the worst lateness of a 10 ms timer), next to a bare Matplotlib
figure of the same size drawn and painted in a Qt canvas in the same run, one bare draw right
before each interaction (the ratio is of each pair; the Trends sequence runs ``--rounds`` times
and the medians are printed, with the worst block of any run beside them). Goals (issue "fast
where a person waits"): a single-chart interaction <= 1.5x the bare draw and <= 250 ms at one
year, four charts <= 600 ms, the GUI thread never blocked > 100 ms, quitting <= 0.5 s.
Never part of the test run; never fails on speed.

    QT_QPA_PLATFORM=offscreen python bench/interaction.py [--years 1 10] [--keep DIR] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

import journal  # noqa: F401  (before NumPy: it sets the BLAS threads, as in the app)

TIMEOUT_S = 60.0


class Painted(QObject):
    """Counts Paint events on the widgets it watches."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


class Lateness(QObject):
    """A 10 ms timer; the worst gap beyond 10 ms between its ticks is the longest block."""

    def __init__(self) -> None:
        super().__init__()
        self.timer = QTimer(self)
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.clock = QElapsedTimer()
        self.worst_ms = 0.0
        self.last = 0

    def start(self) -> None:
        self.worst_ms = 0.0
        self.clock.start()
        self.last = 0
        self.timer.start()

    def _tick(self) -> None:
        now = self.clock.elapsed()
        self.worst_ms = max(self.worst_ms, float(now - self.last - 10))
        self.last = now

    def stop(self) -> float:
        self._tick()  # the block that ends the interaction counts too
        self.timer.stop()
        return max(0.0, self.worst_ms)


def until(app: QApplication, done: Callable[[], bool], timeout_s: float = TIMEOUT_S) -> None:
    end = time.perf_counter() + timeout_s
    while not done():
        app.processEvents()
        if time.perf_counter() > end:
            raise SystemExit("timed out waiting for the window")
        time.sleep(0.001)


def measure(app: QApplication, action: Callable[[], Any],
            arm: Callable[[], Callable[[], bool]], lateness: Lateness,
            settled: Callable[[], bool] | None = None) -> tuple[float, float]:
    """(ms from the input to the painted result, worst GUI-thread block in ms). ``arm`` is
    called just before the input and returns the test of "done"; with ``settled``, the blocks
    are watched on until it is true too (the Trends findings may follow the chart), and the ms
    to it are in :data:`LAST_SETTLED_MS`."""
    global LAST_SETTLED_MS
    app.processEvents()
    done = arm()
    lateness.start()
    t0 = time.perf_counter()
    action()
    until(app, done)
    elapsed = (time.perf_counter() - t0) * 1000
    if settled is not None:
        until(app, settled)
    LAST_SETTLED_MS = (time.perf_counter() - t0) * 1000
    return elapsed, lateness.stop()


#: ms from the last measured input until everything it started had finished.
LAST_SETTLED_MS = 0.0


def painted_after(watch: Painted) -> Callable[[], Callable[[], bool]]:
    def arm() -> Callable[[], bool]:
        seen = watch.count
        return lambda: watch.count > seen
    return arm


class Bare:
    """A bare Matplotlib figure of ``size`` pixels in a Qt canvas (a weekly line over ten years
    and a legend, constrained layout), drawn and painted on demand: one draw right before each
    interaction, so a burst of load from other processes hits both sides of each pair alike."""

    def __init__(self, app: QApplication, size: tuple[int, int], lateness: Lateness) -> None:
        import numpy as np
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        self.app, self.lateness = app, lateness
        self.fig = Figure(layout="constrained")
        self.canvas = FigureCanvasQTAgg(self.fig)
        self.canvas.resize(*size)
        self.canvas.show()
        self.watch = Painted()
        self.canvas.installEventFilter(self.watch)
        until(app, lambda: self.watch.count > 0)
        self.x = np.arange(520.0)
        self.y = np.random.default_rng(1).poisson(20, 520).astype(float)

    def draw_once(self) -> float:
        def draw() -> None:
            self.fig.clear()
            ax = self.fig.add_subplot()
            ax.plot(self.x, self.y, label="Episodes")
            ax.set_title("Episodes per week")
            ax.set_ylabel("Episodes")
            ax.legend()
            self.canvas.draw_idle()
        ms, _ = measure(self.app, draw, painted_after(self.watch), self.lateness)
        return ms

    def close(self) -> None:
        self.canvas.close()


#: One row: (interaction, ms to paint per run, worst block per run, bare ms drawn before each,
#: ms until all it started was done: for Trends, the findings too).
Row = tuple[str, list[float], list[float], list[float], list[float]]


def run_journal(app: QApplication, path: Path, bare: Bare, rounds: int) -> list[Row]:
    from journal.service import Journal
    from ui.main_window import MainWindow

    journal_ = Journal.open(path)
    window = MainWindow(journal_)
    window.resize(1280, 800)
    window.show()
    lateness = Lateness()
    found: dict[str, Row] = {}
    trends = window.trends
    trends_paint = Painted()
    draws: list[int] = []  # the paint count when the figure was last rendered

    def watch_canvas() -> bool:
        canvas = trends._canvas
        if canvas is None:
            return False
        if not getattr(canvas, "_bench_watched", False):
            canvas.installEventFilter(trends_paint)
            canvas.mpl_connect("draw_event", lambda _e: draws.append(trends_paint.count))
            canvas._bench_watched = True
        return True

    def canvas_painted() -> Callable[[], bool]:
        """Done when the figure was rendered after the input and then painted on screen."""
        watch_canvas()
        seen = len(draws)
        return lambda: (watch_canvas() and len(draws) > seen and chart_is_current()
                        and trends_paint.count > draws[-1])

    def chart_is_current() -> bool:
        # The figure for the latest request (its findings may still be on their way); a view
        # without that attribute draws everything at once.
        if hasattr(trends, "drawn_request"):
            return bool(trends.drawn_request == trends._request_number)
        return not trends._stale

    def step(name: str, action: Callable[[], Any], arm: Callable[[], Callable[[], bool]]
             ) -> None:
        bare_ms = bare.draw_once()
        trends_step = arm is canvas_painted
        ms, block = measure(app, action, arm, lateness,
                            (lambda: not trends._stale) if trends_step else None)
        row = found.setdefault(name, (name, [], [], [], []))
        row[1].append(ms)
        row[2].append(block)
        row[3].append(bare_ms)
        row[4].append(LAST_SETTLED_MS)

    step("Trends, first view", lambda: window.show_section("trends"), canvas_painted)
    chart_ids = [trends.chart_combo.itemData(i) for i in range(trends.chart_combo.count())]
    for _round in range(rounds):  # the same sequence again: each interaction's median
        for chart in chart_ids[1:] + chart_ids[:1]:
            step(f"chart: {chart}", lambda c=chart: trends.set_chart(c), canvas_painted)
        step("kind: cramps only", lambda: trends.kind_combo.setCurrentIndex(2), canvas_painted)
        step("kind: both", lambda: trends.kind_combo.setCurrentIndex(0), canvas_painted)
        for label, key in (("2w", "2w"), ("8w", "8w"), ("3m", "3m"), ("1y", "1y"),
                           ("all", "all"), ("8w again", "8w")):
            step(f"period: {label}", lambda k=key: trends.set_preset(k), canvas_painted)
        step("four charts", lambda: trends.grid_button.setChecked(True), canvas_painted)
        step("one chart again", lambda: trends.grid_button.setChecked(False), canvas_painted)

    report = window.report_view
    ready: list[int] = []
    report.previewReady.connect(lambda: ready.append(1))
    step("Report, first preview", lambda: window.show_section("report"),
         lambda: (lambda: bool(ready)))

    jv = window.journal_view
    jv_paint = Painted()
    jv.table.viewport().installEventFilter(jv_paint)
    window.show_section("journal")
    until(app, lambda: jv_paint.count > 0)
    step("Journal: All dates", jv.all_button.click, painted_after(jv_paint))

    closed: list[int] = []
    window.destroyed.connect(lambda: closed.append(1))

    def quit_window() -> None:
        window.close()
        journal_.close()
        closed.append(1)

    step("quit", quit_window, lambda: (lambda: bool(closed)))
    return list(found.values())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=float, nargs="+", default=[1.0, 10.0])
    parser.add_argument("--per-day", type=float, default=20.0)
    parser.add_argument("--keep", type=Path, help="reuse (or keep) the generated journals here")
    parser.add_argument("--rounds", type=int, default=3,
                        help="times the Trends sequence is repeated (medians are printed)")
    args = parser.parse_args()

    from journal import demo
    from ui.app import make_application

    app = make_application([sys.argv[0]])
    folder = args.keep or Path(tempfile.mkdtemp(prefix="sj-interaction-"))
    folder.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("HOME", str(folder))
    lateness = Lateness()
    # The bare figure's size is the Trends canvas's in this window.
    bare = Bare(app, (860, 520), lateness)
    for years in args.years:
        path = folder / f"journal-{years:g}y.sqlite3"
        if not path.exists():
            demo.generate(path, years=years, episodes_per_day=args.per_day, seed=7,
                          today=date.today())
        rows = run_journal(app, path, bare, args.rounds)
        bares = [b for row in rows for b in row[3]]
        print(f"\n{years:g} year(s), {args.per_day:g} episodes a day; bare Matplotlib figure "
              f"drawn and painted: median {statistics.median(bares):.0f} ms "
              f"(one before each interaction); Trends interactions: median of {args.rounds} "
              f"rounds, x bare = median of each run over the bare draw just before it")
        print(f"{'interaction':<24} {'to paint ms':>11} {'x bare':>7} {'block ms median':>16}"
              f" {'worst':>6} {'all done ms':>11}")
        for name, ms, block, bare_ms, settled in rows:
            ratio = statistics.median(m / b for m, b in zip(ms, bare_ms, strict=True))
            print(f"{name:<24} {statistics.median(ms):11.0f} {ratio:6.2f}x "
                  f"{statistics.median(block):16.0f} {max(block):6.0f} "
                  f"{statistics.median(settled):11.0f}")
        single = [row for row in rows if row[0].startswith(("chart", "kind", "period"))]
        worst_ms = max(statistics.median(r[1]) for r in single)
        worst_ratio = max(statistics.median(m / b for m, b in zip(r[1], r[3], strict=True))
                          for r in single)
        worst_block = max(max(r[2]) for r in rows)
        median_block = max(statistics.median(r[2]) for r in rows)
        print(f"single-chart interactions: worst median {worst_ms:.0f} ms, worst "
              f"{worst_ratio:.2f}x bare; worst block (any run, any interaction) "
              f"{worst_block:.0f} ms, worst median block {median_block:.0f} ms")
    bare.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
