"""Start-up benchmark: `symptom-journal --smoke-test` on a 10-year heavy journal (~73,000
episodes) against, in the same run, a bare script that imports sqlalchemy.orm, creates a
QApplication and shows an empty QMainWindow until it paints.

Prints, for the whole process (start to exit), for start to the window's first paint (each
process prints the monotonic clock when it paints) and for the CPU time the main thread had used
by that paint (steadier on a loaded machine), the median of each, the ratio of the medians and
the median of the pairs' ratios (each app run over the bare run right after it; goal: 1.25x or
less). The machines are noisy, so the two are run alternately and only the ratio means much.
Never part of the test run.

    python bench/startup.py [--runs 7] [--years 10] [--per-day 20] [--keep FILE]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

BARE = r"""
import sqlalchemy.orm
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication([])
window = QMainWindow()
window.resize(1280, 800)

class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            import time
            print(f"first paint at monotonic {time.monotonic():.6f} s, "
                  f"main thread CPU {time.thread_time():.6f} s")
            window.removeEventFilter(self)
            QTimer.singleShot(0, app.quit)
        return False

watch = Watch()
window.installEventFilter(watch)
window.show()
app.exec()
"""


PAINTED = re.compile(r"^first paint at monotonic ([0-9.]+) s, main thread CPU ([0-9.]+) s$",
                     re.MULTILINE)


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Seconds from the start of the process to its end and to its window's first paint (the
    process prints the system-wide monotonic clock when it paints), and the CPU time its main
    thread had used by then (steadier than the clock on a shared machine)."""
    start = time.monotonic()
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    elapsed = time.monotonic() - start
    if result.returncode != 0:
        raise SystemExit(f"{cmd[0]} failed:\n{result.stdout}\n{result.stderr}")
    painted = PAINTED.search(result.stdout)
    if painted is None:
        raise SystemExit(f"{cmd[0]} did not say when it painted:\n{result.stdout}")
    return elapsed, float(painted.group(1)) - start, float(painted.group(2))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--years", type=float, default=10)
    parser.add_argument("--per-day", type=float, default=20)
    parser.add_argument("--keep", type=Path, help="reuse (or keep) the generated journal here")
    args = parser.parse_args()

    from journal import demo

    workdir = Path(tempfile.mkdtemp(prefix="sj-bench-"))
    db = args.keep or workdir / "heavy.sqlite3"
    if not db.exists():
        t0 = time.perf_counter()
        demo.generate(db, years=args.years, episodes_per_day=args.per_day, seed=7,
                      today=date.today())
        print(f"generated {db} in {time.perf_counter() - t0:.1f} s")
    from journal.service import Journal

    with Journal.open(db) as j:
        count = j.count_episodes()
    print(f"journal: {count} episodes, {db.stat().st_size / 1e6:.1f} MB")

    exe = shutil.which("symptom-journal", path=str(Path(sys.executable).parent))
    if exe is None:
        raise SystemExit("symptom-journal is not installed in this environment (make test)")
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "HOME": str(workdir)}
    # Measure what a person's install does: pip writes .pyc files for an installed wheel, and a
    # checkout writes them on first run. PYTHONDONTWRITEBYTECODE (set on some build machines)
    # would recompile our ~40 modules on every start, a cost no user pays.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    app_cmd = [exe, "--db", str(db), "--smoke-test"]
    bare_cmd = [sys.executable, "-c", BARE]
    timed(app_cmd, env), timed(bare_cmd, env)  # warm the page cache and .pyc files
    app_runs, bare_runs = [], []
    for _ in range(args.runs):
        app_runs.append(timed(app_cmd, env))
        bare_runs.append(timed(bare_cmd, env))
    for what, index in (("whole process (start to exit)", 0), ("start to first paint", 1),
                        ("main thread CPU time to first paint", 2)):
        app_times = [run[index] for run in app_runs]
        bare_times = [run[index] for run in bare_runs]
        app_median, bare_median = statistics.median(app_times), statistics.median(bare_times)
        print(f"{what}:")
        print(f"  bare Qt + sqlalchemy.orm window: median {bare_median:.3f} s "
              f"(min {min(bare_times):.3f})")
        print(f"  symptom-journal --smoke-test:    median {app_median:.3f} s "
              f"(min {min(app_times):.3f})")
        pairs = sorted(a / b for a, b in zip(app_times, bare_times, strict=True))
        print(f"  ratio of medians: {app_median / bare_median:.2f}x; median of pairs: "
              f"{statistics.median(pairs):.2f}x (pairs {pairs[0]:.2f}-{pairs[-1]:.2f}x; "
              "goal 1.25x or less)")
    if args.keep is None:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
