"""The report draws its charts on a worker thread; Matplotlib's rcParams are global, so it holds
the shared lock while its light-paper settings are in force (the Trends view takes it too)."""

from __future__ import annotations

import threading

import matplotlib as mpl
from matplotlib.figure import Figure

from journal.charts.style import RC_LOCK
from journal.report.figures import figure_svg


def _draw(fig: Figure) -> None:
    ax = fig.subplots()
    ax.plot([0, 1, 2], [1, 3, 2])
    ax.set_title("lock test")


def test_report_figures_wait_for_the_rc_lock() -> None:
    done = threading.Event()
    out: list[bytes] = []

    def work() -> None:
        out.append(figure_svg(_draw, 80, 50))
        done.set()

    with RC_LOCK:
        worker = threading.Thread(target=work)
        worker.start()
        assert not done.wait(0.5), "drew while another thread held the rcParams lock"
    worker.join(20)
    assert done.is_set() and out[0].lstrip().startswith(b"<?xml")


def test_a_dark_screen_theme_set_under_the_lock_does_not_reach_the_report() -> None:
    with RC_LOCK, mpl.rc_context({"text.color": "#fafafa", "axes.facecolor": "#101010"}):
        result: list[bytes] = []
        worker = threading.Thread(target=lambda: result.append(figure_svg(_draw, 80, 50)))
        worker.start()
        worker.join(0.3)
        assert worker.is_alive()  # waits until the screen's settings are put back
    worker.join(20)
    svg = result[0].decode()
    assert "#fafafa" not in svg.lower() and "#101010" not in svg.lower()
