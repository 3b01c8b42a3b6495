"""Every message and every ``--help`` of the command line goes through the catalogue: run in the
pseudo-locale, no plain English is left (tests.helpers.i18n.untranslated), not even inside a
translated sentence (``nested=True``: a value put into it, argparse's own words).

argparse's messages ("the following arguments are required", "invalid choice") come from our
catalogue too: journal.cli binds argparse's gettext to it (Python's documented way), so the
only words left are what a person types on the command line (ids, choices, paths)."""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from journal.analytics.factors import FACTORS_BY_ID
from journal.cli import build_parser, main
from journal.cli.trends import CHART_TYPES
from journal.model import Kind, Region, Side, WarningSign
from journal.service.report import SECTION_IDS
from tests.helpers.i18n import core_language, untranslated

#: Python's names for the types argparse says it expected ("invalid int value: 'x'").
PYTHON_WORDS = {"int", "float"}
#: Words a person types on the command line, shown as they are when the help or an error lists
#: them: kinds, sides, regions and signs (also the list's columns), factors, chart types and
#: report sections.
IDS = ({k.value for k in Kind} | {s.value for s in Side} | {r.value for r in Region}
       | {w.value for w in WarningSign} | set(FACTORS_BY_ID) | set(CHART_TYPES)
       | set(SECTION_IDS))


def _run(*argv: str, clock=None) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    out, err = io.StringIO(), io.StringIO()
    # argparse prints --help to sys.stdout itself.
    with contextlib.redirect_stdout(out), core_language("en"):
        code = main(["--lang", "qps", *argv], out=out, err=err, clock=clock)
    return code, out.getvalue(), err.getvalue()


def _help_text(text: str) -> str:
    """The help without the usage line's program syntax and without the {choice,lists}."""
    text = re.sub(r"\{[^}]*\}", " ", text)
    text = re.sub(r"(?m)^    ([a-z-]+)(?=\s)", " ", text)  # the subcommands' names
    text = re.sub(r"symptom-journal(?: [a-z-]+)?", " ", text)  # the program and command name
    text = re.sub(r"\b[A-Z][A-Z_\[\]=.]+\b", " ", text)  # metavars: COMMAND, ID[=AMOUNT]
    return _data_free(text)


def _data_free(text: str) -> str:
    """Without paths, ids, what was typed ('quoted') and the list's columns."""
    text = re.sub(r"\S*/\S*|[0-9a-f]{8}-[0-9a-f-]{27}", " ", text)
    text = re.sub(r"'[^']*'", " ", text)
    text = re.sub(r"\([a-z_]+\)", " ", text)  # the rule id beside a flag's title
    text = re.sub(r"\bCOMMAND\b", " ", text)  # the metavar argparse names in its error
    return re.sub(r"\b(" + "|".join(sorted(IDS, key=len, reverse=True)) + r")\b", " ", text)


def _subcommands() -> list[str]:
    with core_language("en"):
        parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return sorted(sub.choices)  # type: ignore[arg-type]


def test_top_level_help_is_translated() -> None:
    code, out, _err = _run("--help")
    assert code == 0
    assert "[" in out, "the pseudo-locale is not installed"
    assert untranslated(_help_text(out), nested=True) == [], out


@pytest.mark.parametrize("command", _subcommands())
def test_each_subcommand_help_is_translated(command: str) -> None:
    code, out, _err = _run(command, "--help")
    assert code == 0
    assert untranslated(_help_text(out), nested=True) == [], out


def test_the_checker_sees_english() -> None:
    """The check can fail: English help (no --lang) is caught."""
    out = io.StringIO()
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf), core_language("en"):
        main(["--help"], out=out, err=io.StringIO())
    assert untranslated(_help_text(buf.getvalue()), nested=True)


def test_the_checker_sees_english_inside_a_translated_sentence() -> None:
    assert untranslated("[Çhéçk-íñ fór 2026-03-16 added. ·······]", nested=True) == ["added"]
    assert untranslated("[Çhéçk-íñ fór 2026-03-16 added. ·······]") == []


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A sample journal (some 330 episodes over 0.3 years), written by the command line."""
    from datetime import datetime, timedelta, timezone

    from journal.clock import FixedClock

    folder = tmp_path_factory.mktemp("qps-cli")
    clock = FixedClock(datetime(2026, 3, 16, 15, 0, tzinfo=timezone(timedelta(hours=1))))
    code, out, err = _run("demo", "--out", str(folder / "demo.sqlite3"), "--years", "0.3",
                          "--per-day", "3", clock=clock)
    assert code == 0, err
    assert untranslated(_data_free(out + err), nested=True) == [], out + err
    yield folder / "demo.sqlite3"


#: Bad input, one run each: argparse's own errors and ours.
BAD_INPUT = [
    ("add", "--kind", "cramp"),  # required arguments missing
    ("add", "--kind", "bogus", "--at", "x", "--duration", "1m", "--intensity", "3"),
    ("add", "--kind", "cramp", "--at", "2026-03-16T09:00", "--duration", "1m", "--intensity",
     "x"),  # invalid int value
    ("add", "--kind", "cramp", "--at", "2026-03-16T09:00", "--duration", "zz", "--intensity",
     "3"),
    ("add", "--kind", "cramp", "--at", "yesterday", "--duration", "1m", "--intensity", "3"),
    ("add", "--kind", "cramp", "--at", "2026-03-16T09:00", "--duration", "1m", "--intensity",
     "11"),
    ("add", "--kind", "cramp", "--at", "2026-03-16T09:00", "--duration", "1m", "--intensity",
     "3", "--bogus"),  # unrecognized arguments
    ("add", "--kind", "cramp", "--at", "2026-03-16T09:00", "--duration", "1m", "--intensity",
     "3", "--trigger", "nope"),  # unknown trigger
    ("add", "--kind", "cramp", "--at", "2027-03-16T09:00", "--duration", "1m", "--intensity",
     "3"),  # in the future
    ("add", "--kind", "cramp", "--at", "2026-03-16T09:00", "--duration", "1m", "--intensity",
     "3", "--trigger", "caffeine=lots"),
    ("checkin", "--date", "2026-03-16", "--stress", "12"),
    ("checkin", "--date", "2026-03-16", "--water-ml", "-3"),
    ("checkin", "--date", "16.03.2026"),
    ("checkin", "--date", "2026-03-16", "--warning", "headache"),
    ("frobnicate",),
    ("--no-such-option",),
    ("list", "--from", "2026-03-10", "--to", "2026-03-01"),
    ("list", "--from", "soon"),
    ("chart", "--type", "nope", "--out", "c.png"),
    ("chart", "--type", "frequency", "--out", "c.gif"),
    ("chart", "--type", "factor", "--factor", "nope", "--out", "c.png"),
    ("chart", "--type", "frequency", "--out", "c.png", "--width-cm", "1"),
    ("report", "--out", "r.txt"),
    ("report", "--out", "r.pdf", "--only", "nope"),
    ("demo", "--out", "d.sqlite3", "--years", "40"),
    ("export", "--format", "xml", "--out", "e.xml"),
    ("import", "nope.json"),
    ("restore", "nope.sqlite3"),
]


@pytest.mark.parametrize("argv", BAD_INPUT, ids=[" ".join(a)[:60] for a in BAD_INPUT])
def test_error_messages_are_translated(argv: tuple[str, ...], tmp_path: Path, clock,  # type: ignore[no-untyped-def]
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    db = str(tmp_path / "j.sqlite3")
    code, out, err = _run(*argv, "--db", db, clock=clock)
    assert code != 0, (argv, out, err)
    assert err.strip(), (argv, out)
    assert untranslated(_data_free(out + err), PYTHON_WORDS, nested=True) == [], (argv, err)


def test_every_subcommand_speaks_the_pseudo_locale(sample: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                   clock, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    db = str(tmp_path / "j.sqlite3")
    demo = str(sample)
    runs = [
        ("add", "--kind", "cramp", "--at", "2026-03-16T09:00", "--duration", "12m",
         "--intensity", "6", "--warning", "fever", "--db", db),
        ("checkin", "--date", "2026-03-16", "--stress", "4", "--asked", "fever", "--db", db),
        ("checkin", "--date", "2026-03-16", "--sleep-h", "7", "--db", db),  # a second one
        ("list", "--db", db),
        ("list", "--from", "2026-01-01", "--to", "2026-01-02", "--db", db),  # nothing
        ("flags", "--db", db),
        ("flags", "--today", "2026-03-01", "--db", demo),
        ("export", "--format", "json", "--out", str(tmp_path / "e.json"), "--db", db),
        ("export", "--format", "csv", "--out", str(tmp_path / "e.csv"), "--db", db),
        ("import", str(tmp_path / "e.json"), "--db", db),
        ("check", "--db", db),
        ("stats", "--db", demo),
        ("chart", "--type", "frequency", "--out", str(tmp_path / "c.png"), "--db", demo),
        ("report", "--out", str(tmp_path / "r.pdf"), "--db", demo),
        ("backup", "--db", db),
        ("backups", "--db", db),
        ("backups", "--db", str(tmp_path / "none.sqlite3")),
        ("list", "--db", str(tmp_path / "none.sqlite3")),
        ("delete-all-data", "--db", db),  # without --yes: says what it would remove
        ("install-desktop",),
        ("install-desktop", "--uninstall"),
        ("install-desktop", "--uninstall"),  # nothing left to remove
    ]
    seen = set()
    for argv in runs:
        _code, out, err = _run(*argv, clock=clock)
        seen.add(argv[0])
        assert out or err, argv
        assert untranslated(_data_free(out + err), nested=True) == [], (argv, out, err)
    # Every subcommand but those that need a typed passphrase or a backup to restore from.
    assert set(_subcommands()) - seen <= {"restore", "demo"}, set(_subcommands()) - seen


def test_the_stats_json_keeps_its_keys_and_translates_its_sentences(sample: Path, clock) -> None:  # type: ignore[no-untyped-def]
    import json

    _code, out, _err = _run("stats", "--json", "--db", str(sample), clock=clock)
    doc = json.loads(out)
    assert {"from", "to", "factors", "trigger_tags"} <= set(doc)
    for r in doc["factors"]:
        assert untranslated(r["sentence"], nested=True) == [], r["sentence"]
        assert untranslated(r["exposure"], nested=True) == [], r["exposure"]
