"""The data-safety soak (``make soak``; never part of ``make test``): SIGKILLs at random moments
during writes, imports, restores, backups and upgrades, damaged variants of a healthy journal,
and fuzzed import documents and command lines. Prints its figures and exits non-zero if any
acknowledged write was lost, any file was left damaged or half-done, any damaged variant was
written to or opened, or any fuzz case crashed (anything but a clear ValidationError or
StorageError, or a CLI exit status other than 0, 1, 2).

    python -m tests.soak.soak [--kills N] [--fuzz N] [--seed N]
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import hashlib
import io
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from journal.clock import FixedClock
from journal.errors import StorageError, ValidationError
from journal.model import Episode, Kind, Region, Side
from journal.service import Journal
from journal.store import backup, files
from tests.helpers.safety import sqlite_reads

ROOT = Path(__file__).resolve().parent.parent
WRITE_CHILD = ROOT / "safety" / "crash_child.py"
UPGRADE_CHILD = ROOT / "migrations" / "upgrade_child.py"
OLD_FIXTURE = ROOT / "fixtures" / "migrations" / "0001_initial.sqlite3"
TZ = timezone(timedelta(hours=1))
NOW = datetime(2026, 3, 16, 15, 0, tzinfo=TZ)

#: A child that imports, restores or backs up, printing "ready" first and "done" after.
OP_CHILD = r"""
import sys
from pathlib import Path
from journal.service import Journal
from journal.service.journal_file import JournalFile
op, path, arg = sys.argv[1], sys.argv[2], sys.argv[3]
if op == "import":
    j = Journal.open(path, create=False)
    print("ready", flush=True)
    r = j.import_file(Path(arg))
    print("done", flush=True)
elif op == "restore":
    jf = JournalFile(path)
    print("ready", flush=True)
    jf.restore(Path(arg))
    print("done", flush=True)
elif op == "backup":
    j = Journal.open(path, create=False)
    print("ready", flush=True)
    while True:
        made = j.backup_now()
        print(made, flush=True)
"""


def _episode(rng: random.Random, i: int) -> Episode:
    return Episode(kind=rng.choice(list(Kind)), started_at=NOW - timedelta(hours=1 + i),
                   duration_s=rng.randint(1, 3600), intensity=rng.randint(0, 10),
                   side=rng.choice(list(Side)), regions=(rng.choice(list(Region)),),
                   note="soak " * rng.randint(0, 200))


class Figures:
    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.failures: list[str] = []

    def fail(self, what: str) -> None:
        self.failures.append(what)
        print(f"  FAILURE: {what}", flush=True)


def _kill_after(proc: subprocess.Popen[str], delay: float) -> list[str]:
    """Wait for 'ready', sleep, SIGKILL; the lines printed before the kill."""
    assert proc.stdout is not None
    first = proc.stdout.readline().strip()
    if first != "ready":
        err = proc.stderr.read() if proc.stderr else ""
        raise RuntimeError(f"child did not start: {first!r} {err[-500:]}")
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    out, _err = proc.communicate(timeout=30)
    return [line for line in out.splitlines() if line]


def _popen(*argv: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, *argv], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def kills_during_writes(work: Path, n: int, rng: random.Random, fig: Figures) -> None:
    path = work / "writes" / "journal.sqlite3"
    acknowledged: set[str] = set()
    for round_no in range(n):
        proc = _popen(str(WRITE_CHILD), str(path), str(rng.getrandbits(32)))
        saved = _kill_after(proc, rng.choice([0.0, rng.uniform(0, 0.05), rng.uniform(0.05, 0.4)]))
        fig.counts["kills"] += 1
        fig.counts["kills during writes"] += 1
        acknowledged.update(saved)
        rows, _count = sqlite_reads(path)
        conn = sqlite3.connect(path)
        present = {r[0] for r in conn.execute("SELECT id FROM episodes")}
        conn.close()
        lost = acknowledged - present
        if rows != ["ok"]:
            fig.fail(f"write kill {round_no}: integrity {rows[:2]}")
        if lost:
            fig.fail(f"write kill {round_no}: {len(lost)} acknowledged episodes lost")
        fig.counts["lost"] += len(lost)
    fig.counts["acknowledged writes"] += len(acknowledged)


def _bulk_journal(path: Path, rng: random.Random, n: int, start: int = 0) -> None:
    """A journal of ``n`` episodes, written in one import (adding one by one is slow)."""
    from journal.report.interchange import episode_to_dict

    with Journal.open(path, FixedClock(NOW)) as j:
        doc = j.export_document()
        doc["episodes"] = [episode_to_dict(_episode(rng, start + i)) for i in range(n)]
        j.import_document(doc)


def kills_during_imports(work: Path, n: int, rng: random.Random, fig: Figures) -> None:
    template = work / "import-template" / "journal.sqlite3"
    with Journal.open(template, FixedClock(NOW)) as j:
        j.add_episode(_episode(rng, 0))
    source = work / "import-source" / "journal.sqlite3"
    _bulk_journal(source, rng, 3000, start=1)
    doc_path = work / "import.json"
    with Journal.open(source, FixedClock(NOW)) as j:
        j.export_json(doc_path)
        incoming = j.count_episodes()
    for round_no in range(n):
        path = work / f"import{round_no}" / "journal.sqlite3"
        path.parent.mkdir(parents=True)
        shutil.copy(template, path)
        proc = _popen("-c", OP_CHILD, "import", str(path), str(doc_path))
        said = _kill_after(proc, rng.uniform(0, 0.8))
        fig.counts["kills"] += 1
        fig.counts["kills during imports"] += 1
        rows, count = sqlite_reads(path)
        if rows != ["ok"]:
            fig.fail(f"import kill {round_no}: integrity {rows[:2]}")
        if count not in (1, 1 + incoming):
            fig.fail(f"import kill {round_no}: {count} episodes, not all or nothing")
        if "done" in said:
            fig.counts["acknowledged writes"] += 1
            if count != 1 + incoming:
                fig.fail(f"import kill {round_no}: acknowledged import lost")
                fig.counts["lost"] += 1


def kills_during_restores(work: Path, n: int, rng: random.Random, fig: Figures) -> None:
    from journal.report.interchange import episode_to_dict

    template = work / "restore-template" / "journal.sqlite3"
    _bulk_journal(template, rng, 2000)
    with Journal.open(template, FixedClock(NOW)) as j:
        made_template = j.backup_now()
        doc = j.export_document()
    with_backup = sqlite_reads(made_template)[1]
    doc["episodes"] = [episode_to_dict(_episode(rng, 9000 + i)) for i in range(150)]
    with Journal.open(template, FixedClock(NOW)) as j:
        j.import_document(doc)
        backup.checkpoint(j.engine)
        before = j.count_episodes()
    for round_no in range(n):
        folder = work / f"restore{round_no}"
        shutil.copytree(template.parent, folder)
        path = folder / "journal.sqlite3"
        made = folder / "backups" / made_template.name
        proc = _popen("-c", OP_CHILD, "restore", str(path), str(made))
        said = _kill_after(proc, rng.uniform(0, 0.6))
        fig.counts["kills"] += 1
        fig.counts["kills during restores"] += 1
        try:
            with Journal.open(path, FixedClock(NOW), create=False) as j:
                count = j.count_episodes()
                problems = j.check()
        except StorageError as exc:
            fig.fail(f"restore kill {round_no}: the journal no longer opens: {exc}")
            continue
        if problems:
            fig.fail(f"restore kill {round_no}: {problems[:2]}")
        if count not in (before, with_backup):
            fig.fail(f"restore kill {round_no}: {count} episodes (was {before}, backup "
                     f"{with_backup})")
        if "done" in said:
            fig.counts["acknowledged writes"] += 1
            if count != with_backup:
                fig.fail(f"restore kill {round_no}: acknowledged restore undone")
                fig.counts["lost"] += 1
        # What was there before a finished restore is kept as a backup.
        if count == with_backup and before != with_backup:
            kept = [b for b in backup.list_backups(path) if b.reason == "pre-restore"]
            if not kept or sqlite_reads(kept[0].path)[1] != before:
                fig.fail(f"restore kill {round_no}: the replaced data was not kept")
                fig.counts["lost"] += 1


def kills_during_backups(work: Path, n: int, rng: random.Random, fig: Figures) -> None:
    path = work / "backups" / "journal.sqlite3"
    _bulk_journal(path, rng, 3000)
    for round_no in range(n):
        proc = _popen("-c", OP_CHILD, "backup", str(path), "-")
        said = _kill_after(proc, rng.uniform(0, 0.5))
        fig.counts["kills"] += 1
        fig.counts["kills during backups"] += 1
        fig.counts["acknowledged writes"] += len(said)
        for line in said:
            made = Path(line)
            try:
                backup.verify_backup(made)
            except StorageError as exc:
                fig.fail(f"backup kill {round_no}: acknowledged backup {made.name}: {exc}")
                fig.counts["lost"] += 1
        with Journal.open(path, FixedClock(NOW), create=False) as j:  # cleans cut-short copies
            if j.check():
                fig.fail(f"backup kill {round_no}: journal damaged")
        left = [p.name for p in files.leftovers(path)]
        if left:
            fig.fail(f"backup kill {round_no}: leftovers after open: {left}")


def kills_during_upgrades(work: Path, n: int, rng: random.Random, fig: Figures) -> None:
    for round_no in range(n):
        path = work / f"upgrade{round_no}" / "journal.sqlite3"
        path.parent.mkdir(parents=True)
        shutil.copy(OLD_FIXTURE, path)
        conn = sqlite3.connect(path)
        before = conn.execute("SELECT count(*) FROM episodes").fetchone()[0]
        conn.close()
        proc = subprocess.run([sys.executable, str(UPGRADE_CHILD), str(path),
                               f"random:{rng.uniform(0.0, 0.5):.3f}"],
                              capture_output=True, text=True, timeout=120)
        if proc.returncode == -signal.SIGKILL:
            fig.counts["kills"] += 1
            fig.counts["kills during upgrades"] += 1
        elif proc.returncode != 0:
            fig.fail(f"upgrade {round_no}: child failed: {proc.stderr[-300:]}")
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        conn.close()
        if rows != ["ok"] or revision not in ("0001_initial", "0002_flag_history"):
            fig.fail(f"upgrade kill {round_no}: {revision} {rows[:2]}")
        try:
            with Journal.open(path, FixedClock(NOW), create=False) as j:
                if j.count_episodes() != before or j.check():
                    fig.fail(f"upgrade kill {round_no}: rows changed or damaged")
        except StorageError as exc:
            fig.fail(f"upgrade kill {round_no}: no longer opens: {exc}")
        pre = [b for b in backup.list_backups(path) if b.reason == "pre-upgrade"]
        if len(pre) > 1:
            fig.fail(f"upgrade kill {round_no}: {len(pre)} pre-upgrade backups")


def damaged_variants(work: Path, n: int, rng: random.Random, fig: Figures) -> None:
    healthy = work / "healthy" / "journal.sqlite3"
    _bulk_journal(healthy, rng, 400)
    with Journal.open(healthy, FixedClock(NOW)) as j:
        backup.checkpoint(j.engine)
    data = healthy.read_bytes()
    page = 4096
    for k in range(n):
        b = bytearray(data)
        how = rng.choice(["flip", "flip", "zero-page", "truncate", "garbage-tail", "header"])
        if how == "flip":
            for _ in range(rng.randint(1, 40)):
                b[rng.randrange(100, len(b))] ^= 1 << rng.randrange(8)
        elif how == "zero-page":
            p = rng.randrange(1, len(b) // page)
            b[p * page:(p + 1) * page] = bytes(page)
        elif how == "truncate":
            del b[rng.randrange(0, len(b)):]
        elif how == "garbage-tail":
            b += rng.randbytes(rng.randint(1, 3 * page))
        else:
            b[rng.randrange(16, 100)] = rng.randrange(256)
        path = work / "variants" / f"v{k}" / "journal.sqlite3"
        path.parent.mkdir(parents=True)
        path.write_bytes(bytes(b))
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        fig.counts["damaged variants"] += 1
        try:
            j = Journal.open(path, FixedClock(NOW), create=False)
        except StorageError:
            if hashlib.sha256(path.read_bytes()).hexdigest() != digest:
                fig.fail(f"variant {k} ({how}): refused but changed")
            else:
                fig.counts["damaged variants refused untouched"] += 1
            continue
        except Exception as exc:
            fig.fail(f"variant {k} ({how}): crash {type(exc).__name__}: {exc}")
            fig.counts["crashes"] += 1
            continue
        with j:
            problems = j.check()
        if problems:
            fig.fail(f"variant {k} ({how}): opened although check reports {problems[:1]}")
        else:
            fig.counts["variants SQLite reads as healthy, opened"] += 1


# --- fuzzing ------------------------------------------------------------------------------------

_ODD_VALUES: list[Any] = [
    None, True, False, 0, -1, 1.5, float("1e308"), -0.0, 10**30, "", " ", "\x00", "\ud800x",
    "=cmd|' /C calc'!A0", "x" * 100_000, [], {}, [None], {"": None}, "2026-02-30T10:00",
    "2026-03-16T10:00:00+25:00", "9999-12-31T23:59:59+14:00",
    "00000000-0000-0000-0000-000000000000",
    "{00000000-0000-4000-8000-000000000001}", "NaN", "cramp", "twitch", "left", "piriformis",
]


def _mutate(rng: random.Random, value: Any, depth: int = 0) -> Any:
    roll = rng.random()
    if roll < 0.3 or depth > 4:
        return copy.deepcopy(rng.choice(_ODD_VALUES))
    if isinstance(value, dict) and value:
        out = dict(value)
        key = rng.choice(list(out))
        action = rng.random()
        if action < 0.25:
            del out[key]
        elif action < 0.4:
            out[rng.choice(["extra", "id", "kind", "episodes", "\x00"])] = rng.choice(_ODD_VALUES)
        else:
            out[key] = _mutate(rng, out[key], depth + 1)
        return out
    if isinstance(value, list) and value:
        out_list = list(value)
        i = rng.randrange(len(out_list))
        action = rng.random()
        if action < 0.2:
            out_list.append(copy.deepcopy(out_list[i]))  # a duplicate
        elif action < 0.35:
            del out_list[i]
        else:
            out_list[i] = _mutate(rng, out_list[i], depth + 1)
        return out_list
    return copy.deepcopy(rng.choice(_ODD_VALUES))


def fuzz_imports(work: Path, n: int, rng: random.Random, fig: Figures) -> None:
    source = work / "fuzz-source" / "journal.sqlite3"
    with Journal.open(source, FixedClock(NOW)) as j:
        for i in range(6):
            j.add_episode(_episode(rng, i))
        base = j.export_document()
    target = work / "fuzz-target" / "journal.sqlite3"
    with Journal.open(target, FixedClock(NOW)) as j:
        for k in range(n):
            doc: Any = base
            for _ in range(rng.randint(1, 4)):
                doc = _mutate(rng, doc)
            fig.counts["fuzzed import documents"] += 1
            try:
                j.import_document(doc)
                fig.counts["fuzzed documents imported"] += 1
            except (ValidationError, StorageError):
                fig.counts["fuzzed documents refused clearly"] += 1
            except Exception as exc:
                fig.counts["crashes"] += 1
                fig.fail(f"import fuzz {k}: {type(exc).__name__}: {str(exc)[:200]}\n"
                         + "".join(traceback.format_exc(limit=3))[-600:])
        if j.check():
            fig.fail("the fuzz target journal is damaged")


_ARG_WORDS = ["add", "checkin", "list", "export", "import", "check", "backup", "backups",
              "restore", "delete-all-data", "flags", "chart", "report", "stats", "--kind",
              "cramp", "twitch", "--at", "2026-03-16T10:00", "--duration", "5m", "90s", "-1s",
              "--intensity", "5", "11", "-3", "--note", "=SUM(1)", "--date", "2026-02-30",
              "--from", "--to", "--json", "--format", "json", "csv", "--out", "{out}", "{dir}",
              "--region", "piriformis", "--side", "left", "--trigger", "caffeine=200mg",
              "caffeine=-1", "--warning", "saddle_numbness", "--type", "frequency", "--yes",
              "--help", "", "\x00", "--db", "{db}", "\ud800", "x" * 5000, "--stress", "NaN",
              "--sleep-h", "inf", "1e400", "{fifo}"]


def fuzz_command_lines(work: Path, n: int, rng: random.Random, fig: Figures) -> None:
    # Fuzzed words become relative paths ("--out x", "--db 3"): they must land in the soak's own
    # folder, never in the directory the soak was started from (the checkout).
    (work / "fuzz-cli").mkdir(parents=True, exist_ok=True)
    with contextlib.chdir(work / "fuzz-cli"):
        _fuzz_command_lines(work, n, rng, fig)


def _fuzz_command_lines(work: Path, n: int, rng: random.Random, fig: Figures) -> None:
    from journal.cli import main

    db = work / "fuzz-cli" / "journal.sqlite3"
    with Journal.open(db, FixedClock(NOW)) as j:
        j.add_episode(_episode(rng, 0))
    folder = work / "fuzz-cli" / "a folder"
    folder.mkdir()
    fifo = work / "fuzz-cli" / "fifo"
    import os

    os.mkfifo(fifo)
    clock = FixedClock(NOW)
    templates = [
        ["add", "--kind", "cramp", "--at", "2026-03-16T10:00", "--duration", "5m",
         "--intensity", "5", "--note", "x"],
        ["checkin", "--date", "2026-03-15", "--stress", "3", "--sleep-h", "7"],
        ["list", "--from", "2026-03-01", "--to", "2026-03-16"],
        ["export", "--format", "csv", "--out", "{out}"],
        ["chart", "--type", "frequency", "--out", "{out}.svg"],
        ["check"], ["backups"], ["flags"],
    ]
    for k in range(n):
        if rng.random() < 0.4:  # a valid command with one or two values made odd
            words = list(rng.choice(templates))
            for _ in range(rng.randint(1, 2)):
                words[rng.randrange(len(words))] = rng.choice(_ARG_WORDS)
        else:
            words = [rng.choice(_ARG_WORDS) for _ in range(rng.randint(0, 9))]
            if rng.random() < 0.7:  # mostly a real command first, so handlers run
                words.insert(0, rng.choice(_ARG_WORDS[:14]))
        if "restore" in words[:1] or "delete-all-data" in words[:1]:
            words = [w for w in words if w != "--yes"]  # never wipe the fuzz journal
        argv = [w.format(out=work / "fuzz-cli" / f"out{k % 7}.json", dir=folder, db=db,
                         fifo=fifo) for w in words]
        if "--db" not in argv:
            argv += ["--db", str(db)]
        if "--help" in argv or ("import" in argv[:1] and str(fifo) in argv):
            fig.counts["fuzzed command lines"] += 1
            argv = [a for a in argv if a != "--help"]
        else:
            fig.counts["fuzzed command lines"] += 1
        out, err = io.StringIO(), io.StringIO()
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                code = main(argv, clock=clock, out=out, err=err)
        except SystemExit as exc:
            code = int(exc.code or 0)
        except Exception as exc:
            fig.counts["crashes"] += 1
            fig.fail(f"cli fuzz {k} {argv[:6]}: {type(exc).__name__}: {str(exc)[:200]}")
            continue
        if code not in (0, 1, 2):
            fig.counts["crashes"] += 1
            fig.fail(f"cli fuzz {k} {argv[:6]}: exit {code}")
        elif "Traceback" in err.getvalue():
            fig.counts["crashes"] += 1
            fig.fail(f"cli fuzz {k} {argv[:6]}: traceback printed")
        else:
            fig.counts[f"command lines exit {code}"] += 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=105, help="SIGKILLs in all (>= 100)")
    parser.add_argument("--fuzz", type=int, default=10_000,
                        help="fuzzed import documents, and as many command lines")
    parser.add_argument("--variants", type=int, default=150, help="damaged variants")
    parser.add_argument("--seed", type=int, default=20261204)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    fig = Figures()
    started = time.monotonic()
    share = max(args.kills // 7, 1)
    plan = [
        ("writes", kills_during_writes, args.kills - 6 * share),
        ("imports", kills_during_imports, share),
        ("restores", kills_during_restores, 2 * share),
        ("backups", kills_during_backups, share),
        ("upgrades", kills_during_upgrades, 2 * share),
    ]
    with tempfile.TemporaryDirectory(prefix="sj-soak-") as tmp:
        work = Path(tmp)
        for name, run, count in plan:
            t = time.monotonic()
            print(f"SIGKILLs during {name}: {count} ...", flush=True)
            run(work, count, rng, fig)
            print(f"  {time.monotonic() - t:.0f} s", flush=True)
        print(f"damaged variants: {args.variants} ...", flush=True)
        damaged_variants(work, args.variants, rng, fig)
        print(f"fuzzed import documents: {args.fuzz} ...", flush=True)
        fuzz_imports(work, args.fuzz, rng, fig)
        print(f"fuzzed command lines: {args.fuzz} ...", flush=True)
        fuzz_command_lines(work, args.fuzz, rng, fig)
    print()
    print(f"soak figures (seed {args.seed}, {time.monotonic() - started:.0f} s):")
    for key in ("kills", "kills during writes", "kills during imports", "kills during restores",
                "kills during backups", "kills during upgrades", "acknowledged writes", "lost",
                "damaged variants", "damaged variants refused untouched",
                "variants SQLite reads as healthy, opened", "fuzzed import documents",
                "fuzzed documents imported", "fuzzed documents refused clearly",
                "fuzzed command lines", "command lines exit 0", "command lines exit 1",
                "command lines exit 2", "crashes"):
        print(f"  {key}: {fig.counts[key]}")
    print(f"  failures: {len(fig.failures)}")
    ok = (not fig.failures and fig.counts["kills"] >= min(args.kills, 100) * 0.95
          and fig.counts["lost"] == 0 and fig.counts["crashes"] == 0)
    print("soak: " + ("passed" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
