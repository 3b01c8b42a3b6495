"""The command line: round trip through JSON, and bad input refused with exit 2, file unchanged."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pytest

from journal.cli import main
from journal.clock import FixedClock


def run(clock: FixedClock, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), clock=clock, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def populated(tmp_path: Path, clock: FixedClock) -> Path:
    db = tmp_path / "a" / "journal.sqlite3"
    ok = [
        ("add", "--kind", "cramp", "--at", "2026-03-14T08:15:00+01:00", "--duration", "5m",
         "--intensity", "6", "--side", "left", "--region", "piriformis", "--region", "glute_med",
         "--radiates", "thigh", "--activity", "sitting", "--trigger", "caffeine=200mg",
         "--trigger", "prolonged_sitting", "--warning", "numbness_tingling", "--relief",
         "stretch", "--relief-score", "7", "--note", "José Müller; Ωμέγα; Привет"),
        ("add", "--kind", "twitch", "--at", "2026-03-15T21:40:00-05:00", "--duration", "90s",
         "--intensity", "2"),
        ("checkin", "--date", "2026-03-15", "--caffeine-mg", "300", "--water-ml", "1500",
         "--sitting-h", "9.5", "--exercise-min", "20", "--stress", "6", "--sleep-h", "5.5",
         "--interference-sleep", "3", "--warning", "fever"),
    ]
    for argv in ok:
        code, _out, err = run(clock, "--db", str(db), *argv)
        assert code == 0, err
    return db


def test_round_trip_add_list_export_import_export(populated: Path, tmp_path: Path,
                                                  clock: FixedClock) -> None:
    code, listed, _ = run(clock, "--db", str(populated), "list", "--json")
    assert code == 0
    listed_doc = json.loads(listed)
    assert len(listed_doc["episodes"]) == 2 and len(listed_doc["checkins"]) == 1

    first = tmp_path / "first.json"
    assert run(clock, "--db", str(populated), "export", "--format", "json", "--out",
               str(first))[0] == 0
    other = tmp_path / "b" / "journal.sqlite3"
    code, out, err = run(clock, "--db", str(other), "import", str(first))
    assert code == 0, err
    assert "Imported 2 episodes" in out
    second = tmp_path / "second.json"
    assert run(clock, "--db", str(other), "export", "--format", "json", "--out",
               str(second))[0] == 0
    a, b = json.loads(first.read_text()), json.loads(second.read_text())
    assert a["episodes"] == b["episodes"] == listed_doc["episodes"]
    assert a["checkins"] == b["checkins"] == listed_doc["checkins"]
    assert b["episodes"][0]["note"] == "José Müller; Ωμέγα; Привет"
    assert b["episodes"][1]["started_at"] == "2026-03-15T21:40:00-05:00"


def test_csv_export_has_one_row_per_episode_with_every_field(populated: Path, tmp_path: Path,
                                                             clock: FixedClock) -> None:
    import csv

    out = tmp_path / "e.csv"
    assert run(clock, "--db", str(populated), "export", "--format", "csv", "--out",
               str(out))[0] == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 2
    cramp = rows[0]
    assert cramp["regions"] == "piriformis;glute_med"
    assert cramp["triggers"] == "caffeine=200mg;prolonged_sitting"
    assert cramp["relief_score"] == "7"
    assert out.stat().st_mode & 0o777 == 0o600


BAD_ADDS = {
    "intensity 11": ["--intensity", "11"],
    "negative duration": ["--duration", "-5m"],
    "absurd duration": ["--duration", "30h"],
    "future start": ["--at", "2026-03-17T10:00:00+01:00"],
    "ends in the future": ["--at", "2026-03-16T14:59:00+01:00", "--duration", "10m"],
    "unknown trigger": ["--trigger", "moonlight"],
    "unknown warning sign": ["--warning", "headache"],
    "unknown region": ["--region", "knee"],
    "bad kind": ["--kind", "spasm"],
    "unparsable date": ["--at", "yesterday"],
}


@pytest.mark.parametrize("bad", BAD_ADDS.values(), ids=BAD_ADDS.keys())
def test_bad_add_exits_2_with_one_line_and_leaves_file_identical(
    populated: Path, clock: FixedClock, bad: list[str]
) -> None:
    args = {"--kind": "twitch", "--at": "2026-03-16T10:00:00+01:00", "--duration": "1m",
            "--intensity": "3"}
    extra: list[str] = []
    for flag, value in zip(bad[::2], bad[1::2], strict=True):
        if flag in args:
            args[flag] = value
        else:
            extra += [flag, value]
    argv = [x for kv in args.items() for x in kv] + extra
    before = digest(populated)
    code, out, err = run(clock, "--db", str(populated), "add", *argv)
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("symptom-journal: error: ")
    assert out == ""
    assert digest(populated) == before


def test_medication_stop_before_start_is_refused_by_the_service(tmp_path: Path,
                                                                clock: FixedClock) -> None:
    from datetime import date

    from journal.errors import ValidationError
    from journal.model import Medication
    from journal.service import Journal

    with Journal.open(tmp_path / "m" / "j.sqlite3", clock) as j, pytest.raises(ValidationError):
        j.add_medication(Medication(name="Furosemide", started_on=date(2026, 3, 1),
                                    stopped_on=date(2026, 2, 1)))


BAD_CHECKINS = {
    "future date": ["--date", "2026-03-17"],
    "stress 11": ["--date", "2026-03-16", "--stress", "11"],
    "negative water": ["--date", "2026-03-16", "--water-ml", "-200"],
    "sleep 30 h": ["--date", "2026-03-16", "--sleep-h", "30"],
    "unknown sign": ["--date", "2026-03-16", "--warning", "hiccups"],
}


@pytest.mark.parametrize("bad", BAD_CHECKINS.values(), ids=BAD_CHECKINS.keys())
def test_bad_checkin_exits_2_and_leaves_file_identical(populated: Path, clock: FixedClock,
                                                       bad: list[str]) -> None:
    before = digest(populated)
    code, _out, err = run(clock, "--db", str(populated), "checkin", *bad)
    assert code == 2 and err.count("\n") == 1
    assert digest(populated) == before


def _doc(**changes: object) -> dict:
    episode = {"id": "3f2b8a9e-2a49-4b8e-9a55-3c1f6f0f7d11", "kind": "twitch",
               "started_at": "2026-03-10T10:00:00+01:00", "duration_s": 30, "intensity": 2,
               "side": None, "regions": [], "radiates_to": "none", "activity": None,
               "triggers": [], "warning_signs": [], "relief": [], "relief_score": None,
               "note": ""}
    episode.update(changes)
    return {"format": "symptom-journal", "version": 1, "episodes": [episode],
            "checkins": [], "medications": [], "triggers": []}


BAD_DOCUMENTS = {
    "not json": "{ this is not json",
    "NaN": '{"format": "symptom-journal", "version": 1, "episodes": [{"intensity": NaN}]}',
    "a list": "[1, 2, 3]",
    "other format": json.dumps({"format": "something-else", "version": 1}),
    "newer version": json.dumps({**_doc(), "version": 2}),
    "version as text": json.dumps({**_doc(), "version": "1"}),
    "episodes not a list": json.dumps({**_doc(), "episodes": {"a": 1}}),
    "intensity as text": json.dumps(_doc(intensity="7")),
    "intensity 11": json.dumps(_doc(intensity=11)),
    "no offset": json.dumps(_doc(started_at="2026-03-10T10:00:00")),
    "future": json.dumps(_doc(started_at="2030-03-10T10:00:00+01:00")),
    "bad id": json.dumps(_doc(id="123")),
    "unknown trigger": json.dumps(_doc(triggers=[{"id": "moon", "amount": None}])),
    "bool duration": json.dumps(_doc(duration_s=True)),
}


@pytest.mark.parametrize("text", BAD_DOCUMENTS.values(), ids=BAD_DOCUMENTS.keys())
def test_malformed_or_wrong_version_import_exits_2_file_identical(
    populated: Path, tmp_path: Path, clock: FixedClock, text: str
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(text)
    before = digest(populated)
    code, _out, err = run(clock, "--db", str(populated), "import", str(bad))
    assert code == 2, err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert digest(populated) == before


def test_import_error_names_the_place(populated: Path, tmp_path: Path, clock: FixedClock) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(_doc(intensity=11)))
    _code, _out, err = run(clock, "--db", str(populated), "import", str(bad))
    assert "episodes[0]" in err and "Intensity" in err


def test_check_list_version_and_help(populated: Path, clock: FixedClock) -> None:
    assert run(clock, "--db", str(populated), "check")[0] == 0
    code, out, _ = run(clock, "--db", str(populated), "list")
    assert code == 0 and "cramp" in out and "twitch" in out
    assert run(clock, "--version")[0] == 0
    assert run(clock, "--help")[0] == 0
    code, _out, err = run(clock, "--db", str(populated), "frobnicate")
    assert code == 2 and err.count("\n") == 1


def test_env_variable_chooses_the_file(tmp_path: Path, clock: FixedClock,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "env" / "journal.sqlite3"
    monkeypatch.setenv("SYMPTOM_JOURNAL_DB", str(target))
    code, _out, err = run(clock, "add", "--kind", "twitch", "--at", "2026-03-16T09:00:00+01:00",
                          "--duration", "20s", "--intensity", "1")
    assert code == 0, err
    assert target.exists()


def _checkins(clock: FixedClock, db: Path) -> list[dict[str, object]]:
    code, listed, err = run(clock, "--db", str(db), "list", "--json")
    assert code == 0, err
    checkins: list[dict[str, object]] = json.loads(listed)["checkins"]
    return checkins


def test_checkin_without_asked_records_only_the_signs_given(tmp_path: Path,
                                                            clock: FixedClock) -> None:
    db = tmp_path / "journal.sqlite3"
    code, _out, err = run(clock, "--db", str(db), "checkin", "--date", "2026-03-15",
                          "--caffeine-mg", "200")
    assert code == 0, err
    (only,) = _checkins(clock, db)
    assert only["warning_signs"] == []
    assert only["warning_signs_asked"] == []


def test_checkin_records_no_only_for_signs_answered(tmp_path: Path, clock: FixedClock) -> None:
    db = tmp_path / "journal.sqlite3"
    code, _out, err = run(clock, "--db", str(db), "checkin", "--date", "2026-03-15",
                          "--warning", "fever", "--asked", "bladder_change")
    assert code == 0, err
    (only,) = _checkins(clock, db)
    assert only["warning_signs"] == ["fever"]
    assert sorted(only["warning_signs_asked"]) == ["bladder_change", "fever"]  # type: ignore[call-overload]


def test_a_second_checkin_of_the_day_keeps_what_was_answered_before(tmp_path: Path,
                                                                    clock: FixedClock) -> None:
    # The app answered "yes" to a warning sign; a later CLI check-in of stress alone must not
    # erase it (or the other answers of that day).
    db = tmp_path / "journal.sqlite3"
    code, _out, err = run(clock, "--db", str(db), "checkin", "--date", "2026-03-15",
                          "--warning", "saddle_numbness", "--asked", "fever", "--sleep-h", "6")
    assert code == 0, err
    code, out, err = run(clock, "--db", str(db), "checkin", "--date", "2026-03-15",
                         "--stress", "4")
    assert code == 0, err
    assert "kept" in out
    (only,) = _checkins(clock, db)
    assert only["warning_signs"] == ["saddle_numbness"]
    assert sorted(only["warning_signs_asked"]) == ["fever", "saddle_numbness"]  # type: ignore[call-overload]
    assert only["sleep_h"] == 6 and only["stress"] == 4
    # Answered "no" now: then it is no longer a yes.
    code, _out, err = run(clock, "--db", str(db), "checkin", "--date", "2026-03-15",
                          "--asked", "saddle_numbness")
    assert code == 0, err
    (only,) = _checkins(clock, db)
    assert only["warning_signs"] == []


def test_an_import_that_fails_leaves_no_new_journal_behind(tmp_path: Path,
                                                           clock: FixedClock) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(_doc(intensity=11)))  # valid JSON, refused once read
    db = tmp_path / "new.sqlite3"
    code, _out, err = run(clock, "--db", str(db), "import", str(bad))
    assert code == 2, err
    assert not db.exists() and not list(tmp_path.glob("new.sqlite3*"))


def test_an_import_into_a_journal_makes_a_restore_point_first(populated: Path, tmp_path: Path,
                                                              clock: FixedClock) -> None:
    good = tmp_path / "good.json"
    good.write_text(json.dumps(_doc()))
    code, out, err = run(clock, "--db", str(populated), "import", str(good))
    assert code == 0, err
    assert "Restore point made first" in out
    code, out, err = run(clock, "--db", str(populated), "backups")
    assert code == 0, err
    assert "pre-import" in out
