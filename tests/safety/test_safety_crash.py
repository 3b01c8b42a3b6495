"""Crash safety: a child process adds episodes through the service in a loop and is killed
with SIGKILL at random moments. After every kill the file passes ``integrity_check`` and every
episode the child had reported as saved is there.

The normal run kills 20 times; ``--runslow`` runs 200 kills."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from journal.clock import SystemClock
from journal.service import Journal

CHILD = Path(__file__).with_name("crash_child.py")


def _kill_loop(path: Path, kills: int, seed: int) -> tuple[int, int]:
    rng = random.Random(seed)
    reported: set[str] = set()
    survived = 0
    for round_no in range(kills):
        proc = subprocess.Popen(
            [sys.executable, str(CHILD), str(path), str(seed * 100000 + round_no)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        try:
            assert proc.stdout is not None
            first = proc.stdout.readline().decode().strip()
            assert first == "ready", proc.stderr.read().decode() if proc.stderr else first
            # A random moment: right away, mid-transaction, or after many commits.
            time.sleep(rng.choice([0.0, rng.uniform(0.0, 0.02), rng.uniform(0.02, 0.3)]))
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=10)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        assert proc.returncode == -signal.SIGKILL
        # Everything printed before the kill is still in the pipe (the child is gone, so this
        # read ends): each of those ids was acknowledged as saved.
        assert proc.stdout is not None and proc.stderr is not None
        saved = [line for line in proc.stdout.read().decode().splitlines() if line]
        proc.stdout.close()
        proc.stderr.close()
        reported.update(saved)

        conn = sqlite3.connect(path)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            present = {r[0] for r in conn.execute("SELECT id FROM episodes")}
        finally:
            conn.close()
        missing = reported - present
        assert not missing, f"after kill {round_no + 1}: {len(missing)} saved episodes lost"
        survived += 1
    with Journal.open(path, SystemClock()) as journal:  # and the app still opens it
        assert journal.check() == []
        assert journal.count_episodes() >= len(reported)
    return survived, len(reported)


def test_sigkill_at_random_moments_loses_no_acknowledged_episode(tmp_path: Path) -> None:
    survived, checked = _kill_loop(tmp_path / "journal.sqlite3", kills=20, seed=20260316)
    print(f"\ncrash safety: {survived} kills survived, {checked} acknowledged episodes checked")
    assert survived == 20
    assert checked > 0


@pytest.mark.slow
def test_sigkill_many_times(tmp_path: Path) -> None:
    survived, checked = _kill_loop(tmp_path / "journal.sqlite3", kills=200, seed=7)
    print(f"\ncrash safety (long): {survived} kills survived, {checked} episodes checked")
    assert survived == 200
