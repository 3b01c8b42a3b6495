"""`symptom-journal --smoke-test` starts the real app offscreen, paints the window, exits 0."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path


def test_smoke_test_flag_starts_and_paints(tmp_path: Path) -> None:
    exe = shutil.which("symptom-journal", path=str(Path(sys.executable).parent))
    assert exe, "the console script is installed with the package"
    db = tmp_path / "d" / "journal.sqlite3"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    add = subprocess.run([exe, "--db", str(db), "add", "--kind", "twitch", "--at",
                          "2026-01-05T10:00", "--duration", "30s", "--intensity", "2"],
                         capture_output=True, text=True, timeout=120, env=env)
    assert add.returncode == 0, add.stderr
    result = subprocess.run([exe, "--db", str(db), "--smoke-test"], capture_output=True,
                            text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "smoke-test ok" in result.stdout and "(1 episodes)" in result.stdout
