"""``chart``, ``stats`` and ``demo`` on the command line."""

from __future__ import annotations

import io
import json
import stat
from datetime import date
from pathlib import Path

import pytest

from journal.cli import main
from journal.clock import FixedClock
from journal.demo import generate


def run(clock: FixedClock, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), clock=clock, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("cli") / "sample.sqlite3", years=1.0,
                    episodes_per_day=5, seed=11, today=date(2026, 3, 16))


@pytest.mark.parametrize("chart", ["frequency", "intensity", "time_of_day", "regions",
                                   "trigger_forest", "factor", "timeofday", "triggers"])
@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_chart_writes_png_and_svg(clock: FixedClock, sample: Path, tmp_path: Path, chart: str,
                                  suffix: str) -> None:
    out = tmp_path / f"c{suffix}"
    code, text, err = run(clock, "--db", str(sample), "chart", "--type", chart, "--out",
                          str(out), "--from", "2025-06-01", "--to", "2026-03-15")
    assert code == 0, err
    data = out.read_bytes()
    assert data.startswith(b"\x89PNG") if suffix == ".png" else b"<svg" in data[:600]
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "2025-06-01 to 2026-03-15" in text


@pytest.mark.parametrize(("old", "new"), [("timeofday", "time_of_day"),
                                        ("triggers", "trigger_forest")])
def test_the_old_chart_names_draw_the_same_chart(clock: FixedClock, sample: Path,
                                                 tmp_path: Path, old: str, new: str) -> None:
    period = ["--from", "2025-06-01", "--to", "2026-03-15"]
    for name in (old, new):
        code, text, err = run(clock, "--db", str(sample), "chart", "--type", name, "--out",
                              str(tmp_path / f"{name}.png"), *period)
        assert code == 0, err
        assert f"Wrote the {name} chart" in text
    assert (tmp_path / f"{old}.png").read_bytes() == (tmp_path / f"{new}.png").read_bytes()


def test_chart_help_lists_the_registrys_charts(clock: FixedClock,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    from journal.service.charts import chart_ids

    code, _, _ = run(clock, "chart", "--help")
    text = " ".join(capsys.readouterr().out.split())
    assert code == 0
    assert "which chart: " + ", ".join(chart_ids()) in text


def test_chart_refuses_bad_input_without_writing(clock: FixedClock, sample: Path,
                                                 tmp_path: Path) -> None:
    for argv in (["--type", "frequency", "--out", str(tmp_path / "c.gif")],
                 ["--type", "frequency", "--out", str(tmp_path / "c.png"), "--from",
                  "2026-03-10", "--to", "2026-03-01"],
                 ["--type", "factor", "--factor", "moon", "--out", str(tmp_path / "c.png")],
                 ["--type", "pie", "--out", str(tmp_path / "c.png")]):
        code, _, err = run(clock, "--db", str(sample), "chart", *argv)
        assert code == 2 and err.startswith("symptom-journal: error:")
    assert list(tmp_path.iterdir()) == []


def test_stats_json_has_one_object_per_factor_and_lag(clock: FixedClock, sample: Path) -> None:
    code, text, _ = run(clock, "--db", str(sample), "stats", "--json")
    assert code == 0
    doc = json.loads(text)
    factors = doc["factors"]
    assert {(f["factor"], f["lag"]) for f in factors} == {
        (f, lag) for f in ("caffeine", "water", "sitting", "exercise", "stress", "sleep")
        for lag in (0, 1)}
    sitting = next(f for f in factors if f["factor"] == "sitting" and f["lag"] == 0)
    assert sitting["significant"] and sitting["ci_low"] > 1
    for f in factors:
        keys = {"rate_ratio", "ci_low", "ci_high", "p_adjusted", "exposed_days",
                "unexposed_days", "days_needed"}
        assert keys <= set(f)
    assert doc["recorded_days"] + doc["unrecorded_days"] == (
        date.fromisoformat(doc["to"]) - date.fromisoformat(doc["from"])).days + 1


def test_stats_text_is_sentences(clock: FixedClock, sample: Path) -> None:
    code, text, _ = run(clock, "--db", str(sample), "stats")
    assert code == 0
    assert "8 h or more of sitting you logged more episodes" in text
    assert "unrecorded" in text and "causes" not in text
    assert "adjusted for the other daily factors" in text
    assert "6 same-day comparisons, and 6 next-day ones as a secondary check" in text


def test_stats_on_a_new_journal_says_how_many_days_are_needed(clock: FixedClock,
                                                              tmp_path: Path) -> None:
    db = tmp_path / "j.sqlite3"
    assert run(clock, "--db", str(db), "checkin", "--date", "2026-03-15", "--sitting-h", "9")[0] \
        == 0
    code, text, _ = run(clock, "--db", str(db), "stats", "--json")
    assert code == 0
    sitting = next(f for f in json.loads(text)["factors"]
                   if f["factor"] == "sitting" and f["lag"] == 0)
    assert sitting["rate_ratio"] is None and sitting["days_needed"] == 9


def test_demo_writes_a_new_file_and_refuses_to_overwrite(clock: FixedClock,
                                                         tmp_path: Path) -> None:
    out = tmp_path / "demo.sqlite3"
    code, text, _ = run(clock, "demo", "--out", str(out), "--years", "0.5", "--per-day", "4")
    assert code == 0 and out.exists()
    assert f"{round(0.5 * 365.25) * 4} episodes" in text
    before = out.read_bytes()
    code, _, err = run(clock, "demo", "--out", str(out))
    assert code == 2 and "already exists" in err
    assert out.read_bytes() == before


@pytest.mark.parametrize("command", ["chart", "stats", "demo"])
def test_help_works(clock: FixedClock, command: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(clock, command, "--help")
    assert code == 0 and command in capsys.readouterr().out


def test_stats_works_on_a_journal_with_only_one_factor_recorded(clock: FixedClock,
                                                                tmp_path: Path) -> None:
    from datetime import UTC, datetime, timedelta

    from journal.model import CheckIn, Episode, Kind
    from journal.service import Journal

    db = tmp_path / "one.sqlite3"
    start = date(2026, 1, 5)
    with Journal.open(db, clock, create=True) as journal:
        for i in range(42):
            day = start + timedelta(days=i)
            sitting = i % 3 == 0
            journal.save_checkin(CheckIn(day, sitting_h=9 if sitting else 4))
            for k in range(4 if sitting else 1):
                journal.add_episode(Episode(Kind.TWITCH, datetime(
                    day.year, day.month, day.day, 9 + k, tzinfo=UTC), 20, 3))
    period = ["--from", "2026-01-05", "--to", "2026-02-15"]
    code, text, err = run(clock, "--db", str(db), "stats", "--json", *period)
    assert code == 0, err
    factors = {(f["factor"], f["lag"]): f for f in json.loads(text)["factors"]}
    sitting = factors["sitting", 0]
    assert sitting["significant"] and sitting["method"].endswith("regression")
    assert "sitting" not in sitting["adjusted_for"]
    assert all(factors[f, 0]["days_needed"] > 0 for f in ("water", "stress", "sleep"))
    code, text, err = run(clock, "--db", str(db), "stats", *period)
    assert code == 0, err
    assert "8 h or more of sitting you logged more episodes" in text
