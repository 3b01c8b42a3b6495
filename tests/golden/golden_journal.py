"""The fixed journal and clock behind the golden outputs, and the commands whose output is kept.

Run ``python -m tests.golden.golden_journal`` to write the golden files anew (only when an output
is meant to change; the commit that does it says why). ``tests/golden/test_golden.py`` compares
today's outputs with them byte for byte.
"""

from __future__ import annotations

import io
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from journal.clock import FixedClock

HERE = Path(__file__).parent
FILES = HERE / "files"
#: A Tuesday evening, one hour east of UTC; the journal covers the 120 days before it.
NOW = datetime(2026, 11, 17, 19, 30, tzinfo=timezone(timedelta(hours=1)))
TODAY = NOW.date()
PERIOD = ["--from", "2026-08-01", "--to", "2026-11-16"]
CHARTS = ("frequency", "intensity", "timeofday", "regions", "triggers", "factor")


def build_journal(path: Path) -> None:
    """A 120-day sample journal (seeded) plus entries, with fixed ids, that make flags fire."""
    from journal import demo
    from journal.model import (
        CheckIn,
        Episode,
        Kind,
        Medication,
        Radiates,
        Region,
        Side,
        TriggerTag,
        WarningSign,
    )
    from journal.service import Journal

    demo.generate(path, years=120 / 365, episodes_per_day=3, seed=11, today=TODAY,
                  effects={"sitting": 2.0})
    tz = NOW.tzinfo
    with Journal.open(path, FixedClock(NOW)) as journal:
        journal.add_episode(Episode(
            kind=Kind.CRAMP, started_at=datetime(2026, 11, 10, 7, 15, tzinfo=tz),
            duration_s=12 * 60, intensity=8, side=Side.LEFT, regions=(Region.GLUTE_MED,),
            radiates_to=Radiates.BELOW_KNEE, warning_signs=(WarningSign.NUMBNESS_TINGLING,),
            note="woke me up, calf too", id="00000000-0000-4000-8000-000000000001"))
        journal.add_episode(Episode(
            kind=Kind.TWITCH, started_at=datetime(2026, 11, 12, 13, 5, tzinfo=tz),
            duration_s=40, intensity=3, side=Side.RIGHT, regions=(Region.PIRIFORMIS,),
            triggers=(TriggerTag("caffeine", 200, "mg"),),
            warning_signs=(WarningSign.BLADDER_CHANGE,), note="needed to go more often",
            id="00000000-0000-4000-8000-000000000002"))
        existing = journal.get_checkin(date(2026, 11, 14)) or CheckIn(date(2026, 11, 14))
        journal.save_checkin(existing.with_changes(
            warning_signs=(WarningSign.FEVER,),
            warning_signs_asked=(WarningSign.FEVER, WarningSign.SADDLE_NUMBNESS,
                                 WarningSign.BOTH_LEGS)))
        journal.add_medication(Medication(
            name="Atorvastatin", dose="20 mg", started_on=date(2026, 9, 1), suspected=True,
            id="00000000-0000-4000-8000-0000000000aa"))


def _run(argv: list[str], clock: FixedClock) -> str:
    from journal.cli import main

    out, err = io.StringIO(), io.StringIO()
    status = main(argv, clock=clock, out=out, err=err)
    if status != 0:
        raise RuntimeError(f"{argv} exited {status}: {err.getvalue()}")
    return out.getvalue()


def outputs(workdir: Path) -> dict[str, bytes]:
    """Every golden output, by file name, computed now in ``workdir``."""
    db = workdir / "journal.sqlite3"
    build_journal(db)
    clock = FixedClock(NOW)
    base = ["--db", str(db)]
    got: dict[str, bytes] = {}
    got["list.json"] = _run(["list", "--json", *PERIOD, *base], clock).encode()
    got["flags.json"] = _run(["flags", "--json", *base], clock).encode()
    got["flags.txt"] = _run(["flags", *base], clock).encode()
    got["stats.json"] = _run(["stats", "--json", *PERIOD, *base], clock).encode()
    for fmt in ("json", "csv"):
        out = workdir / f"export.{fmt}"
        _run(["export", "--format", fmt, "--out", str(out), *base], clock)
        got[out.name] = out.read_bytes()
    for chart in CHARTS:
        out = workdir / f"chart-{chart}.svg"
        _run(["chart", "--type", chart, "--out", str(out), *PERIOD, *base], clock)
        got[out.name] = out.read_bytes()
    out = workdir / "report.pdf"
    _run(["report", "--out", str(out), *PERIOD, *base], clock)
    got[out.name] = out.read_bytes()
    return got


def main() -> int:
    import os
    import tempfile

    os.environ["LANGUAGE"] = "en"  # the goldens are English, whatever this machine's locale
    FILES.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in outputs(Path(tmp)).items():
            (FILES / name).write_bytes(data)
            print(f"wrote {name} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
