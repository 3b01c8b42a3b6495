"""The real app in a real X window: log an episode with the keyboard, quit, find it in the file.

Runs ``tests/ui/xvfb_driver.py`` under ``xvfb-run -a`` with the xcb platform (not offscreen), in
its own process with its own config and data folders. Skipped when xvfb-run is not installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from journal.model import Kind
from journal.service import Journal

DRIVER = Path(__file__).with_name("xvfb_driver.py")


@pytest.mark.xvfb
@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="xvfb-run is not installed")
def test_log_an_episode_in_a_real_window_then_quit(tmp_path):
    db = tmp_path / "journal.sqlite3"
    env = dict(os.environ)
    env.update({
        "QT_QPA_PLATFORM": "xcb",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "HOME": str(tmp_path / "home"),
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
    })
    env.pop("QT_ACCESSIBILITY", None)
    result = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", sys.executable, str(DRIVER), str(db)],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "episode form is open" in output
    with Journal.open(db) as journal:
        episodes = journal.episodes()
    assert len(episodes) == 1, output
    assert (episodes[0].kind, episodes[0].intensity) == (Kind.CRAMP, 6)
