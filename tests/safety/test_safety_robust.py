"""Odd things where files should be: a FIFO in place of the journal is refused at once (never
a hang), an export or chart onto a folder is one clear line, a 10 MB bad value is quoted only
in part, copies a kill cut short are cleaned away, and the lock file is 0600 with nothing in
it but the holder's process id."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from journal.clock import FixedClock
from journal.service import Journal
from journal.service.journal_file import JournalFile
from journal.store import files
from tests.helpers.safety import episode, run_cli


def _cli_subprocess(*argv: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "journal", *argv], capture_output=True,
                          text=True, timeout=timeout, stdin=subprocess.DEVNULL)


@pytest.mark.parametrize("command", [["list"], ["check"], ["backup"],
                                     ["add", "--kind", "cramp", "--at", "2026-03-16T10:00",
                                      "--duration", "1m", "--intensity", "3"]])
def test_a_fifo_in_place_of_the_journal_is_refused_without_hanging(
        command: list[str], tmp_path: Path) -> None:
    fifo = tmp_path / "journal.sqlite3"
    os.mkfifo(fifo)
    done = _cli_subprocess(*command, "--db", str(fifo), timeout=30)  # a hang fails here
    assert done.returncode == 1, done.stderr
    assert "not a regular file" in done.stderr and "Traceback" not in done.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)  # left as it is


def test_the_start_up_probe_does_not_block_on_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "journal.sqlite3"
    os.mkfifo(fifo)
    code = ("import sys; from journal.service.journal_file import JournalFile; "
            "JournalFile(sys.argv[1]).start_integrity_probe(); print('returned')")
    done = subprocess.run([sys.executable, "-c", code, str(fifo)], capture_output=True,
                          text=True, timeout=30)
    assert done.stdout.strip() == "returned", done.stderr


@pytest.mark.parametrize("argv", [
    ["export", "--format", "json", "--out", "{dir}"],
    ["export", "--format", "csv", "--out", "{dir}"],
    ["chart", "--type", "frequency", "--out", "{dir}.png"],
    ["backup", "--out", "{dir}"],
])
def test_writing_onto_a_folder_is_one_clear_line(argv: list[str], db_path: Path,
                                                 tmp_path: Path, clock: FixedClock) -> None:
    with Journal.open(db_path, clock) as j:
        j.add_episode(episode())
    target = tmp_path / "a folder"
    target.mkdir()
    (tmp_path / "a folder.png").mkdir()
    code, _out, err = run_cli(clock, *[a.format(dir=target) for a in argv],
                              "--db", str(db_path))
    assert code in (1, 2), err
    assert "Traceback" not in err and err.count("\n") == 1, err
    assert "folder" in err or "directory" in err.lower(), err
    assert sorted(p.name for p in target.iterdir()) == []


def test_a_10_mb_bad_value_in_an_import_is_quoted_only_in_part(
        db_path: Path, tmp_path: Path, clock: FixedClock) -> None:
    with Journal.open(db_path, clock) as j:
        doc = j.export_document()
    doc["episodes"] = [{"id": "00000000-0000-4000-8000-000000000001", "kind": "k" * 10_000_000,
                        "started_at": "2026-03-16T10:00:00+01:00", "duration_s": 60,
                        "intensity": 3}]
    source = tmp_path / "big.json"
    source.write_text(json.dumps(doc))
    code, _out, err = run_cli(clock, "import", str(source), "--db", str(db_path))
    assert code == 2, err[:300]
    assert len(err) < 2000 and err.count("\n") == 1, len(err)


def test_leftovers_of_killed_backups_are_cleaned_and_do_not_block_the_next(
        db_path: Path, tmp_path: Path, clock: FixedClock) -> None:
    with Journal.open(db_path, clock) as j:
        j.add_episode(episode())
        made = j.backup_now()
    # What kills in the middle of backups leave: a .part in backups/ and a staging folder
    # beside a chosen --out file.
    part = made.with_name("journal-20260316T140000Z.manual.sqlite3.part")
    part.write_bytes(made.read_bytes()[:4096])
    out = tmp_path / "copy.sqlite3"
    staging = tmp_path / ".copy.sqlite3.staging"
    staging.mkdir()
    (staging / "copy.sqlite3.part").write_bytes(b"half")
    code, _out, err = run_cli(clock, "backup", "--db", str(db_path), "--out", str(out))
    assert code == 0, err
    assert out.is_file() and not staging.exists()
    assert not part.exists()  # opening the journal removed the cut-short copy


def test_the_lock_file_is_private_and_says_only_who_holds_it(db_path: Path) -> None:
    lock = JournalFile(db_path).instance_lock()
    files.ensure_private_dir(db_path.parent)
    assert lock.try_lock()
    try:
        assert stat.S_IMODE(lock.path.stat().st_mode) == 0o600
        assert lock.path.read_text() == f"{os.getpid()}\n"
        other = JournalFile(db_path).instance_lock()
        assert not other.try_lock() and other.error == "held"
    finally:
        lock.unlock()
    assert not lock.path.exists()


def test_the_app_lock_is_private_too(db_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    from ui.session import SingleInstance

    guard = SingleInstance(db_path)
    assert guard.acquire()
    try:
        lock_file = files.lock_path(db_path)
        assert stat.S_IMODE(lock_file.stat().st_mode) == 0o600
        assert lock_file.read_text().split() == [str(os.getpid())]  # no host, no boot id
    finally:
        guard.release()


@pytest.mark.parametrize("name", ["\x00", "a\x00b.json", "\ud800.json"])
def test_a_file_name_the_system_cannot_take_is_one_line(name: str, db_path: Path,
                                                        clock: FixedClock) -> None:
    """Found by the soak's fuzzed command lines: a NUL or a lone surrogate in --out."""
    with Journal.open(db_path, clock) as j:
        j.add_episode(episode())
    code, _out, err = run_cli(clock, "export", "--format", "json", "--out", name,
                              "--db", str(db_path))
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err, err
