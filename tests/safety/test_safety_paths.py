"""Characters that mean something in a URI (``?`` ``#`` ``%41``), spaces and non-ASCII letters
in a folder or file name: the journal is written to exactly that file (0600, no stray file
beside it), opens again after every add, and backs up, checks and restores."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from journal.clock import FixedClock
from journal.service import Journal
from journal.store import backup
from tests.helpers.safety import episode, run_cli

NAMES = ["j?mode=ro.sqlite3", "j#frag.sqlite3", "j%41.sqlite3", "my journal.sqlite3",
         "jöurnal.sqlite3", "j?x#y%20z.sqlite3"]


def _add(clock: FixedClock, path: Path, minute: int) -> tuple[int, str]:
    code, _out, err = run_cli(clock, "add", "--db", str(path), "--kind", "cramp", "--at",
                              f"2026-03-16T10:{minute:02d}", "--duration", "1m",
                              "--intensity", "3")
    return code, err


@pytest.mark.parametrize("folder", ["plain", "odd?#%41 folder"])
@pytest.mark.parametrize("name", NAMES)
def test_odd_characters_in_the_path_are_just_characters(
        name: str, folder: str, tmp_path: Path, clock: FixedClock) -> None:
    path = tmp_path / folder / name
    for minute in range(3):
        code, err = _add(clock, path, minute)
        assert code == 0, err
    code, out, err = run_cli(clock, "list", "--db", str(path))
    assert code == 0, err
    assert out.count("cramp") == 3
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    strays = sorted(p.name for p in path.parent.iterdir()
                    if not p.name.startswith(name) and p.name != "backups")
    assert strays == []
    code, _out, err = run_cli(clock, "check", "--db", str(path))
    assert code == 0, err
    with Journal.open(path, clock) as j:
        made = j.backup_now()
        j.add_episode(episode(hours_ago=30))
        assert j.count_episodes() == 4
    assert backup.verify_backup(made)
    code, _out, err = run_cli(clock, "restore", "--db", str(path), str(made))
    assert code == 0, err
    with Journal.open(path, clock) as j:
        assert j.count_episodes() == 3
