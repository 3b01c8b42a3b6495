"""Chart benchmark: each chart (query + draw + PNG render) against bare Matplotlib.

For a heavy 10-year journal (20 episodes a day, about 73,000 episodes) every chart is timed end
to end the way the Trends screen and the CLI make it: the SQL aggregation through the facade,
our ``draw_*`` function and a PNG render on an Agg canvas. The baseline, in the same run, is bare
Matplotlib drawing the very same arrays (already in memory, no query) with the equivalent plain
calls and the minimum a chart needs to be read (title, axis labels, legend, date axis), on a
figure of the same size, layout engine and resolution. Our extras (hatches, unrecorded-day bands,
summary lines, value labels, concise date ticks) count against us. The ratio is ours / bare;
the goal is 1.5x or less for every chart. A second column times the Trends screen's own path: the
same query and draw on a figure without a layout engine, placed by ``journal.charts.layout``'s
measured layout (against the same bare figure, which keeps constrained layout so that its labels
are not cut off).

    .venv/bin/python bench/charts.py [--years 10] [--per-day 20] [--repeat 5] [--days N]
"""

# journal is imported before NumPy: it sets the BLAS threads, as in the app.
from __future__ import annotations  # noqa: I001

import argparse
import io
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import journal  # noqa: F401
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from journal.analytics import trigger_statistics
from journal.charts import draw as charts
from journal.charts.draw import date_nums
from journal.charts.layout import fixed_layout
from journal.charts.render import new_figure
from journal.demo import generate
from journal.service import Journal

SIZE = (6.7, 3.4)
DPI = 150


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    FigureCanvasAgg(fig).print_png(buf)
    return buf.getvalue()


def ours(query: Callable[[], Any], drawer: Callable[[Figure, Any], None]) -> bytes:
    data = query()
    fig = new_figure(SIZE, DPI)
    drawer(fig, data)
    return _png(fig)


def trends(query: Callable[[], Any], drawer: Callable[[Figure, Any], None]) -> bytes:
    """As the Trends screen draws it: no layout engine, the measured layout."""
    data = query()
    fig = Figure(figsize=SIZE, dpi=DPI)
    canvas = FigureCanvasAgg(fig)
    drawer(fig, data)
    fixed_layout(fig)
    buf = io.BytesIO()
    canvas.print_png(buf)
    return buf.getvalue()


# --- bare Matplotlib on the same arrays -----------------------------------------------------


def bare_frequency(fig: Figure, a: dict[str, Any]) -> None:
    ax = fig.add_subplot()
    ax.stairs(a["top"], a["edges"], fill=True, label="Cramps")
    ax.stairs(a["twitch"], a["edges"], fill=True, label="Twitches")
    ax.plot(a["centres"], a["rolling"], label="Rolling mean")
    ax.xaxis_date()
    ax.set_title("Episodes per week")
    ax.set_ylabel("Episodes")
    ax.legend()


def bare_intensity(fig: Figure, a: dict[str, Any]) -> None:
    ax = fig.add_subplot()
    for kind in ("twitch", "cramp"):
        ax.fill_between(a["centres"], a[f"q1_{kind}"], a[f"q3_{kind}"])
        ax.plot(a["centres"], a[f"med_{kind}"], label=kind)
    ax.xaxis_date()
    ax.set_title("Intensity per week")
    ax.set_ylabel("Intensity (0-10)")
    ax.legend()


def bare_timeofday(fig: Figure, a: dict[str, Any]) -> None:
    ax = fig.add_subplot()
    image = ax.imshow(a["grid"], aspect="auto")
    fig.colorbar(image, ax=ax, label="Episodes")
    ax.set_yticks(range(7), ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"])
    ax.set_title("Time of day")
    ax.set_xlabel("Hour started")


def bare_regions(fig: Figure, a: dict[str, Any]) -> None:
    ax = fig.add_subplot()
    ax.barh(a["y"], a["twitch"], label="Twitches")
    ax.barh(a["y"], a["cramp"], left=a["twitch"], label="Cramps")
    ax.set_yticks(a["y"], a["labels"])
    ax.set_title("Where episodes were felt")
    ax.set_xlabel("Episodes")
    ax.legend()


def bare_triggers(fig: Figure, a: dict[str, Any]) -> None:
    ax = fig.add_subplot()
    ax.hlines(a["y"], a["lo"], a["hi"])
    ax.plot(a["rr"], a["y"], "o", label="Rate ratio")
    ax.set_xscale("log")
    ax.set_yticks(a["y"], a["labels"])
    ax.set_title("Episodes on days with vs without each factor")
    ax.set_xlabel("Rate ratio")
    ax.legend()


def bare_timeline(fig: Figure, a: dict[str, Any]) -> None:
    top, bottom = fig.subplots(2, 1, sharex=True)
    top.plot(a["x"], a["episodes"], drawstyle="steps-mid", label="Episodes")
    bottom.plot(a["x"], a["values"], "o", label="Sitting")
    bottom.axhline(8.0)
    bottom.xaxis_date()
    top.set_title("Episodes and sitting")
    top.set_ylabel("Episodes")
    bottom.set_ylabel("Sitting (h)")
    top.legend()
    bottom.legend()


def arrays(kind: str, data: Any) -> dict[str, Any]:
    """The arrays a bare Matplotlib user would plot, taken from our data (outside the timing)."""
    if kind == "frequency":
        edges = date_nums([*data.periods, data.periods[-1] + timedelta(days=data.bucket_days)])
        tw = np.asarray(data.counts["twitch"], float)
        return {"edges": edges, "twitch": tw, "top": tw + np.asarray(data.counts["cramp"], float),
                "centres": (edges[:-1] + edges[1:]) / 2, "rolling": np.asarray(data.rolling_mean)}
    if kind == "intensity":
        edges = date_nums([*data.periods, data.periods[-1] + timedelta(days=data.bucket_days)])
        out: dict[str, Any] = {"centres": (edges[:-1] + edges[1:]) / 2}
        for k in ("twitch", "cramp"):
            out[f"q1_{k}"] = np.asarray(data.q1[k], float)
            out[f"q3_{k}"] = np.asarray(data.q3[k], float)
            out[f"med_{k}"] = np.asarray(data.median[k], float)
        return out
    if kind == "timeofday":
        return {"grid": np.asarray(data.counts, float)}
    if kind == "regions":
        return {"y": np.arange(len(data.regions)), "labels": list(data.regions),
                "twitch": np.asarray(data.counts["twitch"], float),
                "cramp": np.asarray(data.counts["cramp"], float)}
    if kind == "triggers":
        tested = [r for r in data if r.tested]
        return {"y": np.arange(len(tested)), "labels": [r.exposure for r in tested],
                "rr": np.asarray([r.rate_ratio for r in tested]),
                "lo": np.asarray([r.ci_low for r in tested]),
                "hi": np.asarray([r.ci_high for r in tested])}
    return {"x": date_nums(data.days) + 0.5, "episodes": np.asarray(data.episodes, float),
            "values": np.asarray(data.values["sitting"], float)}


def bare(drawer: Callable[[Figure, dict[str, Any]], None], a: dict[str, Any]) -> bytes:
    fig = new_figure(SIZE, DPI)
    drawer(fig, a)
    return _png(fig)


def interleaved(fns: list[Callable[[], Any]], repeat: int) -> list[float]:
    """The fastest of ``repeat`` runs of each function, run in turn (ours, bare, ours, ...)

    so a burst of load from other processes hits both sides alike; the fastest run is the one
    least disturbed (timeit's rule)."""
    best = [float("inf")] * len(fns)
    for _ in range(repeat):
        for i, fn in enumerate(fns):
            t = time.perf_counter()
            fn()
            best[i] = min(best[i], time.perf_counter() - t)
    return best


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--years", type=float, default=10.0)
    p.add_argument("--per-day", type=float, default=20.0)
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--days", type=int, default=None, help="chart range (default: all years)")
    p.add_argument("--db", type=Path, help="reuse this generated file (made if missing)")
    args = p.parse_args(argv)
    today = date(2026, 3, 16)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "heavy.sqlite3"
        if not path.exists():
            t = time.perf_counter()
            generate(path, years=args.years, episodes_per_day=args.per_day, seed=1, today=today)
            print(f"generated {path.name}: {time.perf_counter() - t:.1f} s")
        with Journal.open(path) as j:
            end = today - timedelta(days=1)
            first = j.first_entry_date() or end
            start = end - timedelta(days=args.days - 1) if args.days else first
            print(f"{j.count_episodes()} episodes, charts for {start} to {end} "
                  f"({(end - start).days + 1} days), best of {args.repeat} runs\n")
            cases: list[tuple[str, Callable[[], Any], Callable[[Figure, Any], None], Any]] = [
                ("frequency", partial(j.frequency, start, end), charts.draw_frequency,
                 bare_frequency),
                ("intensity", partial(j.intensity_series, start, end), charts.draw_intensity,
                 bare_intensity),
                ("timeofday", partial(j.time_of_day, start, end), charts.draw_time_of_day,
                 bare_timeofday),
                ("regions", partial(j.region_counts, start, end), charts.draw_regions,
                 bare_regions),
                # The regressions themselves, every run: the service keeps its last results
                # while the file is unchanged, which would time a dictionary look-up instead.
                ("triggers", partial(trigger_statistics, j, start, end),
                 charts.draw_trigger_forest, bare_triggers),
                ("timeline", partial(j.factor_timeline, start, end),
                 partial(charts.draw_factor_timeline, factor="sitting"), bare_timeline),
            ]
            print("ours: report/CLI path (constrained layout); trends: the Trends screen's path "
                  "(measured layout); bare: constrained layout\n")
            print(f"{'chart':<10} {'query ms':>9} {'ours ms':>9} {'trends ms':>9} {'bare ms':>9}"
                  f" {'ours':>7} {'trends':>7}")
            worst = worst_trends = 0.0
            for name, query, drawer, bare_drawer in cases:
                data = query()
                a = arrays(name, data)
                ours(query, drawer)  # warm up fonts and caches for all
                trends(query, drawer)
                bare(bare_drawer, a)
                q_s, o_s, t_s, b_s = interleaved(
                    [query, lambda q=query, d=drawer: ours(q, d),
                     lambda q=query, d=drawer: trends(q, d),
                     lambda d=bare_drawer, a=a: bare(d, a)], args.repeat)
                q_ms, o_ms, t_ms, b_ms = q_s * 1000, o_s * 1000, t_s * 1000, b_s * 1000
                worst = max(worst, o_ms / b_ms)
                worst_trends = max(worst_trends, t_ms / b_ms)
                print(f"{name:<10} {q_ms:9.1f} {o_ms:9.1f} {t_ms:9.1f} {b_ms:9.1f} "
                      f"{o_ms / b_ms:6.2f}x {t_ms / b_ms:6.2f}x")
            print(f"\nworst ratio {worst:.2f}x (report/CLI path), {worst_trends:.2f}x (Trends "
                  f"path); goal 1.5x or less")
    return 0


if __name__ == "__main__":
    sys.exit(main())
