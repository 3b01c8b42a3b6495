"""The launcher reads a command line that only starts the app without the command line's parser;
it must read it exactly as that parser does, and hand everything else to the parser."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from journal.cli import build_parser
from ui.launcher import gui_only_arguments

STARTS_THE_APP = [
    [],
    ["--smoke-test"],
    ["--db", "j.sqlite3"],
    ["--db=j.sqlite3", "--smoke-test"],
    ["--lang", "de", "--db", "a b/ça va.sqlite3"],
    ["--smoke-test", "--lang=es", "--db=x=y.sqlite3"],
]

LEFT_TO_THE_PARSER = [
    ["list"],
    ["--db", "j.sqlite3", "list"],
    ["--help"],
    ["-h"],
    ["--version"],
    ["--smoke"],  # an abbreviation: argparse's rules, not ours
    ["--db"],
    ["--db", "--smoke-test"],
    ["--db="],
    ["--db", "a", "--db", "b"],
    ["--smoke-test=1"],
    ["--", "x"],
    ["x.sqlite3"],
]


@pytest.mark.parametrize("argv", STARTS_THE_APP)
def test_an_app_start_is_read_as_the_parser_reads_it(argv: list[str]) -> None:
    fast = gui_only_arguments(argv)
    assert fast is not None
    assert vars(fast) == vars(build_parser().parse_args(argv))


@pytest.mark.parametrize("argv", LEFT_TO_THE_PARSER)
def test_anything_else_goes_to_the_parser(argv: list[str]) -> None:
    assert gui_only_arguments(argv) is None


def test_an_app_start_does_not_build_the_command_lines_parser(tmp_path: Path) -> None:
    """The app's start skips the subcommands' modules (journal.cli) altogether."""
    code = (
        "import sys, ui.app\n"
        "ui.app.run = lambda args: print('gui', sorted(vars(args).items())) or 0\n"
        "from ui.launcher import main\n"
        f"rc = main(['--db', {str(tmp_path / 'j.sqlite3')!r}, '--lang', 'de'])\n"
        "print('cli loaded:', 'journal.cli' in sys.modules)\n"
        "sys.exit(rc)\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "gui [('command', None), ('db', PosixPath(" in result.stdout
    assert "('lang', 'de'), ('smoke_test', False)]" in result.stdout
    assert "cli loaded: False" in result.stdout


def test_the_garbage_collector_is_off_during_the_start_and_on_after_the_paint(
        tmp_path: Path) -> None:
    """The start runs without cyclic garbage collection (it made ~81,000 tracked objects and
    almost no garbage, and the collector's 178 runs over them took 36-40 ms); once the window
    has painted it is on again, with what the start made frozen out of later collections."""
    code = (
        "import gc, sys\n"
        "import ui.app\n"
        "real_open = ui.app.open_journal_or_explain\n"
        "def spy(*args, **kwargs):\n"
        "    print('gc on while opening:', gc.isenabled())\n"
        "    return real_open(*args, **kwargs)\n"
        "ui.app.open_journal_or_explain = spy\n"
        "from ui.launcher import main\n"
        f"rc = main(['--db', {str(tmp_path / 'j.sqlite3')!r}, '--smoke-test'])\n"
        "print('gc on after:', gc.isenabled(), 'frozen:', gc.get_freeze_count() > 0)\n"
        "sys.exit(rc)\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "smoke-test ok" in result.stdout
    assert "gc on while opening: False" in result.stdout
    assert "gc on after: True frozen: True" in result.stdout
