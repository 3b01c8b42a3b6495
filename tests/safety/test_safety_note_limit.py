"""Notes have a generous length limit at the edge (issue 13, item 10: a report with one 10 MB
note took 364 MB, with 1 MB notes 153 MB): refused with one line and nothing stored, whether
typed, given on the command line or imported; and the report with the longest notes allowed
stays within 250 MB."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from journal.clock import FixedClock
from journal.errors import ValidationError
from journal.model import NOTE_MAX_CHARS, CheckIn, Medication
from journal.service import Journal
from tests.helpers.safety import episode, run_cli

REPO = Path(__file__).resolve().parents[2]


def _one_line(message: str) -> None:
    assert "\n" not in message and len(message) < 300, message


def test_the_limit_is_generous() -> None:
    assert NOTE_MAX_CHARS >= 50_000  # about 20 pages of text: far beyond a real note


def test_a_note_over_the_limit_is_refused_and_nothing_is_stored(journal: Journal,
                                                                clock: FixedClock) -> None:
    today = clock.now().date()
    too_long = "a" * (NOTE_MAX_CHARS + 1)
    attempts = (
        lambda: journal.add_episode(episode(hours_ago=1, note=too_long)),
        lambda: journal.save_checkin(CheckIn(date=today, note=too_long)),
        lambda: journal.add_medication(Medication(name="Ibuprofen", started_on=today,
                                                  note=too_long)),
    )
    for attempt in attempts:
        with pytest.raises(ValidationError) as info:
            attempt()
        assert info.value.field == "note"
        _one_line(str(info.value))
        assert f"{NOTE_MAX_CHARS + 1:,}" in str(info.value)
    assert journal.count_episodes() == 0 and journal.checkins() == []
    assert journal.medications() == []
    # The longest note allowed is stored whole.
    journal.add_episode(episode(hours_ago=1, note="b" * NOTE_MAX_CHARS))
    assert len(journal.episodes()[0].note) == NOTE_MAX_CHARS


def test_an_import_with_one_note_over_the_limit_stores_nothing(journal: Journal,
                                                               tmp_path: Path) -> None:
    doc = journal.export_document()
    doc["episodes"] = [
        {"id": f"00000000-0000-4000-8000-00000000000{i}", "kind": "cramp",
         "started_at": "2026-03-10T10:00:00+01:00", "duration_s": 60, "intensity": 3,
         "note": "n" * (NOTE_MAX_CHARS + 1 if i == 2 else 10)}
        for i in range(1, 4)]
    path = tmp_path / "long-note.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        journal.import_file(path)
    _one_line(str(info.value))
    assert "episodes[1]" in str(info.value) and "note" in str(info.value)
    assert journal.count_episodes() == 0


def test_the_command_line_refuses_a_long_note_in_one_line(db_path: Path,
                                                         clock: FixedClock) -> None:
    code, _out, err = run_cli(clock, "add", "--kind", "cramp", "--at", "2026-03-16T10:00",
                              "--intensity", "3", "--duration", "60s",
                              "--note", "c" * (NOTE_MAX_CHARS + 1), "--db", str(db_path))
    assert code == 2
    _one_line(err.strip())
    with Journal.open(db_path, clock) as j:
        assert j.count_episodes() == 0
    code, _out, err = run_cli(clock, "add", "--kind", "cramp", "--at", "2026-03-16T10:00",
                              "--intensity", "3", "--duration", "60s",
                              "--note", "c" * NOTE_MAX_CHARS, "--db", str(db_path))
    assert code == 0, err


#: The child's own peak: Linux's VmHWM (reset at exec). ru_maxrss is not: it carries the peak
#: of the process that forked it across the exec (a whole test run's pytest, over 1 GB).
REPORT = """
import resource, sys
from pathlib import Path
from journal.service import Journal
with Journal.open(sys.argv[1]) as j:
    pdf = j.build_report()
status = Path("/proc/self/status")
peak = [int(line.split()[1]) for line in status.read_text().splitlines()
        if line.startswith("VmHWM:")] if status.exists() else []
print(len(pdf), peak[0] if peak else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def test_a_report_with_the_longest_notes_allowed_stays_within_250_mb(tmp_path: Path) -> None:
    """Every note at the limit: the episodes (one with a warning sign, whose note page 1
    quotes), the check-ins (the questions for the visit) and the medication."""
    from journal.model import Kind, Region, Side, WarningSign
    from journal.service import Journal as J

    path = tmp_path / "data" / "journal.sqlite3"
    words = ("word " * (NOTE_MAX_CHARS // 5 + 1))[:NOTE_MAX_CHARS]
    with J.open(path) as j:
        now = j.now()
        for i in range(6):
            j.add_episode(episode(hours_ago=0).with_changes(
                kind=Kind.CRAMP, started_at=now - timedelta(days=i, hours=2), side=Side.LEFT,
                regions=(Region.PIRIFORMIS,), note=words,
                warning_signs=(WarningSign.SADDLE_NUMBNESS,) if i == 0 else ()))
            j.save_checkin(CheckIn(date=now.date() - timedelta(days=i + 1), note=words))
        j.add_medication(Medication(name="Ibuprofen", started_on=date(2020, 1, 1), note=words))
    env = dict(os.environ, PYTHONPATH=str(REPO))
    done = subprocess.run([sys.executable, "-c", REPORT, str(path)], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=300, check=True)
    size, peak_kb = (int(x) for x in done.stdout.split())
    print(f"report {size} bytes, peak {peak_kb / 1024:.0f} MB")
    assert size > 10_000
    assert peak_kb <= 250 * 1024
