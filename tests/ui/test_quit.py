"""Quitting is quick (at most half a second from Quit to the process gone) even while the
Report preview is being built, and keeps everything saved before it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

from journal.demo import generate_checkins, generate_episodes
from journal.service import Journal
from journal.store import repository as repo

CHILD = Path(__file__).with_name("quit_child.py")
#: Quit to process gone.
QUIT_BOUND_S = 0.5


def test_quit_is_quick_while_a_preview_is_being_built(tmp_path: Path, clock) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "journal.sqlite3"
    with Journal.open(db, clock) as before:  # half a year, 8 a day: the preview takes a while
        end = clock.now().date() - timedelta(days=1)
        start = end - timedelta(days=182)
        checkins = generate_checkins(start, end, seed=1)
        episodes = generate_episodes(start, end, checkins, episodes_per_day=8, seed=1)
        with before.engine.begin() as conn:
            repo.bulk_upsert_checkins(conn, checkins, clock.now())
            repo.bulk_insert_episodes(conn, episodes, clock.now())
        count = before.count_episodes()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_STATE_HOME": str(tmp_path / "state"),
           "PYTHONPATH": os.pathsep.join([str(Path(__file__).parents[2]),
                                          os.environ.get("PYTHONPATH", "")])}
    out = tmp_path / "child.txt"
    with out.open("w") as sink:
        child = subprocess.Popen([sys.executable, str(CHILD), str(db)], stdout=sink,
                                 stderr=subprocess.STDOUT, env=env)
        child.wait(timeout=120)
    gone = time.time()
    text = out.read_text()
    lines = dict(line.split(" ", 1) for line in text.splitlines() if " " in line)
    assert child.returncode == 0, text
    assert lines.get("preview-running") == "True", text  # the old exit waited for it
    quit_at = float(lines["quit"])
    assert float(lines["exit"]) - quit_at <= QUIT_BOUND_S, text
    print(f"quit to exit_now {float(lines['exit']) - quit_at:.3f} s, "
          f"to process gone {gone - quit_at:.3f} s")
    assert gone - quit_at <= QUIT_BOUND_S, f"{gone - quit_at:.3f} s\n{text}"
    with Journal.open(db) as after:  # the twitch logged just before quitting was kept
        assert after.count_episodes() == count + 1
