"""`symptom-journal flags`: plain and JSON output, exit 0 either way, --today, history kept."""

from __future__ import annotations

import io
import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from journal.cli import main
from journal.clock import FixedClock
from journal.model import WarningSign as W
from journal.service import Journal

TZ = timezone(timedelta(hours=1))


def run(clock: FixedClock, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), clock=clock, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def db(tmp_path: Path, clock: FixedClock) -> Path:
    path = tmp_path / "j.sqlite3"
    Journal.open(path, clock).close()
    return path


def _add(clock: FixedClock, db: Path, at: str, *extra: str) -> None:
    code, _, err = run(clock, "--db", str(db), "add", "--kind", "cramp", "--at", at,
                       "--duration", "2m", "--intensity", "4", *extra)
    assert code == 0, err


def test_nothing_fires_exit_0_and_never_says_fine(db: Path, clock: FixedClock) -> None:
    code, out, err = run(clock, "--db", str(db), "flags")
    assert code == 0 and err == ""
    assert "No warning flag fires" in out
    assert "If in doubt, call your emergency number." in out
    assert "fine" not in out.lower()
    code, out, _ = run(clock, "--db", str(db), "flags", "--json")
    assert code == 0 and json.loads(out) == []


def test_json_lists_flags_most_urgent_first_with_evidence(db: Path, clock: FixedClock) -> None:
    _add(clock, db, "2026-03-15T10:00+01:00", "--warning", "dizziness")
    _add(clock, db, "2026-03-16T09:00+01:00", "--warning", "saddle_numbness")
    code, _, err = run(clock, "--db", str(db), "checkin", "--date", "2026-03-14",
                       "--warning", "fever", "--asked", "fever")
    assert code == 0, err
    code, out, err = run(clock, "--db", str(db), "flags", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert [d["rule"] for d in data] == ["cauda_equina", "fever", "dizziness"]
    assert [d["tier"] for d in data] == ["emergency", "urgent", "mention"]
    for d in data:
        assert set(d) == {"rule", "tier", "title", "advice", "source", "evidence", "since"}
        assert set(d["evidence"]) == {"episodes", "checkins"}
    assert data[1]["evidence"] == {"episodes": [], "checkins": ["2026-03-14"]}
    assert data[1]["since"] == "2026-03-14"
    with Journal.open(db, clock) as j:
        saddle = [e.id for e in j.episodes() if W.SADDLE_NUMBNESS in e.warning_signs]
    assert data[0]["evidence"]["episodes"] == saddle


def test_plain_output_has_one_block_per_flag(db: Path, clock: FixedClock) -> None:
    _add(clock, db, "2026-03-16T09:00+01:00", "--warning", "fever", "--warning", "minor_injury")
    code, out, _ = run(clock, "--db", str(db), "flags")
    assert code == 0
    blocks = out.strip().split("\n\n")
    assert blocks[0].startswith("[URGENT] ") and "(fever)" in blocks[0]
    assert blocks[1].startswith("[MENTION] ") and "(minor_injury)" in blocks[1]
    for block in blocks[:2]:
        for label in ("Since:", "What to do:", "Why:", "Entries:", "Source:"):
            assert label in block
    assert blocks[-1] == "If in doubt, call your emergency number."


def test_today_option_evaluates_as_of_that_date(db: Path, clock: FixedClock) -> None:
    _add(clock, db, "2026-03-10T09:00+01:00", "--warning", "fever")
    data = json.loads(run(clock, "--db", str(db), "flags", "--json", "--today", "2026-03-23")[1])
    assert [d["rule"] for d in data] == ["fever"]       # 13 days after: still current
    data = json.loads(run(clock, "--db", str(db), "flags", "--json", "--today", "2026-03-24")[1])
    assert data == []                                   # 14 days after
    assert json.loads(run(clock, "--db", str(db), "flags", "--json",
                          "--today", "2026-03-09")[1]) == []


def test_bad_today_exits_2(db: Path, clock: FixedClock) -> None:
    code, out, err = run(clock, "--db", str(db), "flags", "--today", "16/03/2026")
    assert code == 2 and out == ""
    assert "--today" in err and len(err.strip().splitlines()) == 1


def test_flags_keeps_the_history_only_for_the_real_today(db: Path, clock: FixedClock) -> None:
    _add(clock, db, "2026-03-16T09:00+01:00", "--warning", "fever")
    run(clock, "--db", str(db), "flags", "--today", "2026-03-16")
    with Journal.open(db, clock) as j:
        assert j.flag_history() == []
    run(clock, "--db", str(db), "flags")
    with Journal.open(db, clock) as j:
        [record] = j.flag_history()
    assert (record.rule, record.first_fired_on, record.cleared_on) == (
        "fever", date(2026, 3, 16), None)


def test_missing_file_is_a_storage_error(tmp_path: Path, clock: FixedClock) -> None:
    code, _, err = run(clock, "--db", str(tmp_path / "none.sqlite3"), "flags")
    assert code == 1 and "no journal" in err.lower()


def test_clock_is_not_read_inside_the_engine(db: Path) -> None:
    # the same file and --today give the same answer whatever the clock says
    early = FixedClock(datetime(2026, 3, 16, 12, tzinfo=TZ))
    late = FixedClock(datetime(2027, 1, 1, 12, tzinfo=TZ))
    _add(early, db, "2026-03-16T09:00+01:00", "--warning", "fever")
    a = run(early, "--db", str(db), "flags", "--json", "--today", "2026-03-16")[1]
    b = run(late, "--db", str(db), "flags", "--json", "--today", "2026-03-16")[1]
    assert a == b and json.loads(a)
