"""Import benchmark: `symptom-journal import` of a 10-year export (~73,000 episodes) into a new
journal, against, in the same run, a bare script that ``json.load``s the same file and inserts
the same rows with the standard library's ``sqlite3`` ``executemany`` into one table per list.

Both are whole processes (start-up included, as a person waits for it), run alternately; the
medians and their ratio are printed (goal: 3x or less), with each side's peak resident memory
(GNU time's maximum resident set size of that one child). ``--big MB`` also imports a file
padded with more episodes to about that size and prints its peak memory (goal: a 100 MB file in
500 MB or less).
Never part of the test run.

    python bench/import.py [--runs 5] [--years 10] [--per-day 20] [--big 100] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIME = shutil.which("time", path="/usr/bin:/bin")  # GNU time, for the peak memory

BARE = r"""
import json, sqlite3, sys
with open(sys.argv[1], "rb") as f:
    doc = json.load(f)
db = sqlite3.connect(sys.argv[2])
db.execute("PRAGMA journal_mode=WAL")
db.execute("CREATE TABLE episodes (id TEXT PRIMARY KEY, kind TEXT, started_at TEXT,"
           " duration_s INT, intensity INT, side TEXT, regions TEXT, radiates_to TEXT,"
           " activity TEXT, triggers TEXT, warning_signs TEXT, relief TEXT, relief_score INT,"
           " note TEXT)")
db.execute("CREATE TABLE checkins (date TEXT PRIMARY KEY, body TEXT)")
dumps = json.dumps
with db:
    db.executemany(
        "INSERT INTO episodes VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [(e["id"], e["kind"], e["started_at"], e["duration_s"], e["intensity"], e["side"],
          dumps(e["regions"]), e["radiates_to"], e["activity"], dumps(e["triggers"]),
          dumps(e["warning_signs"]), dumps(e["relief"]), e["relief_score"], e["note"])
         for e in doc["episodes"]])
    db.executemany("INSERT INTO checkins VALUES (?,?)",
                   [(c["date"], dumps(c)) for c in doc["checkins"]])
print(len(doc["episodes"]))
"""


def measured(cmd: list[str], env: dict[str, str]) -> tuple[float, float, str, float]:
    """Wall seconds, peak resident MB, output and CPU seconds (user + system) of one child.

    The peak comes from GNU time started from here: Linux keeps a process's peak RSS across
    fork and exec, so a child forked straight from this (large) process would report ours."""
    with tempfile.NamedTemporaryFile(suffix=".rss") as rss, tempfile.TemporaryFile() as out:
        wrapped = [TIME, "-f", "%M %U %S", "-o", rss.name, *cmd] if TIME else cmd
        start = time.perf_counter()
        proc = subprocess.run(wrapped, env=env, stdout=out, stderr=subprocess.STDOUT,
                              stdin=subprocess.DEVNULL, check=False)
        elapsed = time.perf_counter() - start
        out.seek(0)
        text = out.read().decode(errors="replace").strip()
        figures = Path(rss.name).read_text().split()[-3:] if TIME else ["nan"] * 3
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{text}")
    peak_kb, user, system = map(float, figures)
    return elapsed, peak_kb / 1024, text, user + system


def padded_export(source: Path, target: Path, megabytes: float) -> int:
    """Write ``target``: the export ``source`` with its episodes repeated under new ids until the
    file is about ``megabytes`` large. Returns the episode count."""
    doc = json.loads(source.read_text(encoding="utf-8"))
    base = doc["episodes"]
    size = source.stat().st_size
    copies = max(1, round(megabytes * 1e6 / size))
    episodes = list(base)
    for n in range(1, copies):
        for e in base:
            episodes.append({**e, "id": str(uuid.UUID(int=uuid.UUID(e["id"]).int ^ n))})
    doc["episodes"] = episodes
    target.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    return len(episodes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--years", type=float, default=10)
    parser.add_argument("--per-day", type=float, default=20)
    parser.add_argument("--big", type=float, default=0,
                        help="also import a padded file of about this many MB (peak memory)")
    parser.add_argument("--keep", type=Path, help="reuse (or keep) the generated files here")
    args = parser.parse_args()

    workdir = args.keep or Path(tempfile.mkdtemp(prefix="sj-import-"))
    workdir.mkdir(parents=True, exist_ok=True)
    export = workdir / "export.json"
    if not export.exists():
        from journal import demo
        from journal.service import Journal

        t0 = time.perf_counter()
        source = workdir / "source.sqlite3"
        source.unlink(missing_ok=True)
        demo.generate(source, years=args.years, episodes_per_day=args.per_day, seed=7,
                      today=date.today())
        with Journal.open(source) as j:
            j.export_json(export)
        print(f"generated {export} in {time.perf_counter() - t0:.1f} s")
    doc = json.loads(export.read_text(encoding="utf-8"))
    print(f"export: {len(doc['episodes'])} episodes, {len(doc['checkins'])} check-ins, "
          f"{export.stat().st_size / 1e6:.1f} MB")
    del doc

    env = {**os.environ, "HOME": str(workdir), "PYTHONPATH": str(ROOT)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    target = workdir / "target.sqlite3"

    def fresh() -> None:
        for suffix in ("", "-wal", "-shm", ".lock"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        shutil.rmtree(workdir / "backups", ignore_errors=True)

    ours_cmd = [sys.executable, "-m", "journal", "--db", str(target), "import", str(export)]
    bare_cmd = [sys.executable, "-c", BARE, str(export), str(target)]
    fresh()
    first = measured(ours_cmd, env)  # warm the page cache and .pyc files
    print(f"ours says: {first[2].splitlines()[-1]}")
    fresh()
    measured(bare_cmd, env)
    ours_t, bare_t, ours_mb, bare_mb, ours_cpu, bare_cpu = [], [], [], [], [], []
    for _ in range(args.runs):
        fresh()
        t, mb, _, cpu = measured(ours_cmd, env)
        ours_t.append(t)
        ours_mb.append(mb)
        ours_cpu.append(cpu)
        fresh()
        t, mb, _, cpu = measured(bare_cmd, env)
        bare_t.append(t)
        bare_mb.append(mb)
        bare_cpu.append(cpu)
    fresh()
    o, b = statistics.median(ours_t), statistics.median(bare_t)
    oc, bc = statistics.median(ours_cpu), statistics.median(bare_cpu)
    print(f"bare json.load + sqlite3 executemany: median {b:.3f} s (min {min(bare_t):.3f}), "
          f"CPU {bc:.2f} s, peak {max(bare_mb):.0f} MB")
    print(f"symptom-journal import:               median {o:.3f} s (min {min(ours_t):.3f}), "
          f"CPU {oc:.2f} s, peak {max(ours_mb):.0f} MB")
    # On a shared machine the wall clock carries other processes' load; the CPU time does not.
    print(f"ratio: {o / b:.2f}x wall, {oc / bc:.2f}x CPU (goal 3x or less)")

    if args.big:
        big = workdir / f"export-{args.big:g}MB.json"
        count = padded_export(export, big, args.big) if not big.exists() else -1
        size = big.stat().st_size / 1e6
        big_cmd = [sys.executable, "-m", "journal", "--db", str(target), "import", str(big)]
        t, mb, said, _ = measured(big_cmd, env)
        fresh()
        bt, bmb, _, _ = measured([sys.executable, "-c", BARE, str(big), str(target)], env)
        fresh()
        what = f"{count} episodes, " if count >= 0 else ""
        print(f"\nbig file: {what}{size:.0f} MB")
        print(f"  ours: {t:.1f} s, peak {mb:.0f} MB (goal 500 MB or less): {said.splitlines()[-1]}")
        print(f"  bare: {bt:.1f} s, peak {bmb:.0f} MB; ratio {t / bt:.2f}x")
    if args.keep is None:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
