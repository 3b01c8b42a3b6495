"""Every message and every ``--help`` of the command line goes through the catalogue: run in the
pseudo-locale, no plain English is left (tests.helpers.i18n.untranslated)."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

from journal.cli import build_parser, main
from tests.helpers.i18n import core_language, untranslated

#: argparse's own error sentences come from Python's catalogue ("the following arguments are
#: required"), which has no German or Spanish; left as they are, named here so the list only
#: shrinks.
ARGPARSE_OWN = {"the", "following", "arguments", "are", "required", "invalid", "choice",
                "choose", "from", "expected", "one", "argument", "unrecognized", "value"}


def _run(*argv: str, clock=None) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    out, err = io.StringIO(), io.StringIO()
    # argparse prints --help to sys.stdout itself.
    with contextlib.redirect_stdout(out), core_language("en"):
        code = main(["--lang", "qps", *argv], out=out, err=err, clock=clock)
    return code, out.getvalue(), err.getvalue()


def _help_text(text: str) -> str:
    """The help without the usage block (program syntax) and without the {choice,lists}."""
    body = text.split("\n\n", 1)[1] if "\n\n" in text else text
    body = re.sub(r"\{[^}]*\}", " ", body)
    body = re.sub(r"(?m)^    ([a-z-]+)(?=\s)", " ", body)  # the subcommands' names
    return re.sub(r"\b[A-Z][A-Z_\[\]=]+\b", " ", body)  # metavars: COMMAND, ID[=AMOUNT]


def _subcommands() -> list[str]:
    with core_language("en"):
        parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return sorted(sub.choices)  # type: ignore[arg-type]


def test_top_level_help_is_translated() -> None:
    code, out, _err = _run("--help")
    assert code == 0
    assert "[" in out, "the pseudo-locale is not installed"
    assert untranslated(_help_text(out)) == []


@pytest.mark.parametrize("command", _subcommands())
def test_each_subcommand_help_is_translated(command: str) -> None:
    code, out, _err = _run(command, "--help")
    assert code == 0
    assert untranslated(_help_text(out)) == [], out


def test_the_checker_sees_english() -> None:
    """The check can fail: English help (no --lang) is caught."""
    out = io.StringIO()
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf), core_language("en"):
        main(["--help"], out=out, err=io.StringIO())
    assert untranslated(_help_text(buf.getvalue()))


def test_messages_are_translated(tmp_path: Path, clock) -> None:  # type: ignore[no-untyped-def]
    db = str(tmp_path / "j.sqlite3")
    runs = [
        ("add", "--kind", "cramp", "--at", "2026-03-16T09:00", "--duration", "12m",
         "--intensity", "6", "--warning", "fever", "--db", db),
        ("checkin", "--date", "2026-03-16", "--stress", "4", "--asked", "fever", "--db", db),
        ("list", "--db", db),
        ("flags", "--db", db),
        ("export", "--format", "json", "--out", str(tmp_path / "e.json"), "--db", db),
        ("check", "--db", db),
        ("list", "--from", "2026-03-10", "--to", "2026-03-01", "--db", db),
    ]
    for argv in runs:
        _code, out, err = _run(*argv, clock=clock)
        # Data is not words: episode ids, file paths, the list's id columns.
        text = re.sub(r"\S*/\S*|[0-9a-f-]{36}|\b(twitch|cramp|left|right|both)\b|\([a-z_]+\)",
                      " ", out + err)
        assert untranslated(text, ARGPARSE_OWN) == [], (argv, out, err)
