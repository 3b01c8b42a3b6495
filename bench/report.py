"""Report benchmark: the 8-week doctor's report of a heavy journal (20 episodes a day) against, in
the same run, a plain fpdf2 table of the same episode rows.

The report is everything: reading the period, the flags, the statistics, five charts drawn by
matplotlib and embedded as SVG, the detail tables and the episode log (~1,300 rows). The plain
baseline is what a first attempt would do: ``FPDF.table()`` of the log's rows in the same embedded
DejaVu font, nothing else. A second baseline writes the same rows with one ``cell()`` each.

Prints the median and best of each (runs alternate; the machines are noisy) and the ratios, and
checks the issue's bound: the report in under 1.5 s. Imports, the font files and the chart helper
process are warmed up first, as in the running app (the Report view's preview starts the helper
before anyone exports). The report is also timed with the helper switched off, for comparison.
Never part of the test run.

    python bench/report.py [--runs 5] [--years 1] [--per-day 20] [--keep FILE]
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

BOUND_S = 1.5
TODAY = date(2026, 3, 16)


def log_rows(journal, start: date, end: date) -> list[list[str]]:  # type: ignore[no-untyped-def]
    from journal.model import format_duration

    rows = []
    for e in journal.episodes(start, end):
        rows.append([
            e.local_date.isoformat(), e.started_at.strftime("%H:%M"), e.kind.value,
            e.side.value if e.side else "-", format_duration(e.duration_s), str(e.intensity),
            ", ".join(r.value for r in e.regions), e.radiates_to.value,
            e.activity.value if e.activity else "-", ", ".join(t.id for t in e.triggers),
            ", ".join(w.value for w in e.warning_signs),
            ", ".join(r.value for r in e.relief),
        ])
    return rows


def _pdf():  # type: ignore[no-untyped-def]
    import matplotlib
    from fpdf import FPDF

    fonts = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    pdf = FPDF()
    pdf.add_font("DejaVu", "", str(fonts / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(fonts / "DejaVuSans-Bold.ttf"))
    pdf.add_page()
    pdf.set_font("DejaVu", size=6.6)
    return pdf


HEADER = ["Date", "Time", "Kind", "Side", "Dur.", "Int", "Regions", "Spreads", "Activity",
          "Triggers", "Warning signs", "Relief"]


def plain_table(rows: list[list[str]]) -> bytes:
    pdf = _pdf()
    with pdf.table(repeat_headings=1, line_height=3.0) as table:
        table.row(HEADER)
        for row in rows:
            table.row(row)
    return bytes(pdf.output())


def plain_cells(rows: list[list[str]]) -> bytes:
    pdf = _pdf()
    width = pdf.epw / len(HEADER)
    for row in [HEADER, *rows]:
        for text in row:
            pdf.cell(width, 3.0, text[:18], border=1)
        pdf.ln(3.0)
    return bytes(pdf.output())


def timed(fn) -> float:  # type: ignore[no-untyped-def]
    # Each contender starts with no garbage of the one before (table() leaves a lot behind).
    gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--years", type=float, default=1.0,
                        help="length of the heavy journal (the report covers its last 8 weeks)")
    parser.add_argument("--per-day", type=float, default=20)
    parser.add_argument("--keep", type=Path, help="reuse (or keep) the generated journal here")
    args = parser.parse_args()

    from journal.clock import FixedClock
    from journal.demo import generate
    from journal.report import chart_pool
    from journal.report.options import ReportOptions
    from journal.service import Journal

    with tempfile.TemporaryDirectory() as folder:
        path = args.keep or Path(folder) / "heavy.sqlite3"
        if not path.exists():
            t = time.perf_counter()
            generate(path, years=args.years, episodes_per_day=args.per_day, seed=2026,
                     today=TODAY)
            print(f"generated {path} in {time.perf_counter() - t:.1f} s")
        clock = FixedClock(datetime.combine(TODAY, datetime.min.time().replace(hour=15),
                                            tzinfo=timezone(timedelta(hours=1))))
        with Journal.open(path, clock) as journal:
            options = ReportOptions(name="José Müller", dob=date(1970, 5, 4),
                                    questions="Could the statin cause this?")
            start, end = options.period(journal.today())
            rows = log_rows(journal, start, end)
            total = journal.count_episodes()
            print(f"journal: {total} episodes; report {start} to {end}: {len(rows)} episodes")

            t = time.perf_counter()
            chart_pool.warm_up()
            helper = chart_pool.wait_until_ready(120)
            print(f"chart helper process: {'ready' if helper else 'NOT running'} "
                  f"after {time.perf_counter() - t:.2f} s ({os.cpu_count()} cores)")
            t = time.perf_counter()
            first = journal.build_report(options)
            print(f"first report in this process (imports, fonts): "
                  f"{time.perf_counter() - t:.2f} s, {len(first) // 1024} KiB")
            plain_table(rows[:50])
            plain_cells(rows[:50])

            report_s: list[float] = []
            table_s: list[float] = []
            cells_s: list[float] = []
            for _ in range(args.runs):
                report_s.append(timed(lambda: journal.build_report(options)))
                table_s.append(timed(lambda: plain_table(rows)))
                cells_s.append(timed(lambda: plain_cells(rows)))
            flags_s = statistics.median(timed(lambda: journal.flags(end)) for _ in range(3))
            # The same report with every chart drawn in this process.
            chart_pool.shared_pool().close()
            os.environ["SYMPTOM_JOURNAL_CHART_HELPER"] = "0"
            alone_s = [timed(lambda: journal.build_report(options)) for _ in range(args.runs)]

    report, table, cells = (statistics.median(x) for x in (report_s, table_s, cells_s))
    print(f"report (8 weeks, {len(rows)} log rows, 5 charts): median {report:.3f} s, "
          f"best {min(report_s):.3f} s (runs: {', '.join(f'{x:.2f}' for x in report_s)})")
    print(f"  of which the warning-flag evaluation over the whole journal: {flags_s:.3f} s")
    print(f"the same report without the chart helper: median {statistics.median(alone_s):.3f} s, "
          f"best {min(alone_s):.3f} s")
    print(f"plain fpdf2 table() of the same rows:     median {table:.3f} s, "
          f"best {min(table_s):.3f} s")
    print(f"plain fpdf2 cell() per value, same rows:  median {cells:.3f} s, "
          f"best {min(cells_s):.3f} s")
    print(f"ratio report / plain table(): {report / table:.2f}x; "
          f"report / plain cells: {report / cells:.2f}x")
    verdict = "within" if report < BOUND_S else "OVER"
    print(f"bound: report under {BOUND_S} s -> {verdict} (median {report:.3f} s; the machine "
          "is shared, so compare the ratios, which move much less)")


if __name__ == "__main__":
    main()
