"""A read-only period does not stick: while the journal is 0400 SQLite may leave its -shm at
0400 too; once the owner makes the journal writable again, the next open gives the side files
the owner's write access back and adds work (run as an ordinary user: root ignores modes)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

_CHILD = r"""
import json, os, stat, sys
from datetime import datetime, timedelta
import sqlalchemy.dialects.sqlite.pysqlite  # noqa: F401 - imported before dropping rights
import journal.store.backup  # noqa: F401
from journal.model import Episode, Kind
from journal.service import Journal
from journal.errors import StorageError
if os.geteuid() == 0:
    os.setgid(65534)
    os.setuid(65534)
path = sys.argv[1]

def ep(h):
    return Episode(kind=Kind.CRAMP, duration_s=10, intensity=3,
                   started_at=datetime.now().astimezone() - timedelta(hours=h))

result = {}
j = Journal.open(path)
j.add_episode(ep(1))
held = Journal.open(path)  # a second connection keeps the -shm in use, as a running app does
held.count_episodes()
j.close()
os.chmod(path, 0o400)
try:
    Journal.open(path, create=False).close()
    result["read_only_open"] = "opened"
except StorageError as exc:
    result["read_only_open"] = str(exc)
held.close()
shm = path + "-shm"
# What a read-only period can leave: SQLite gives a -shm it creates the journal's mode.
if not os.path.exists(shm):
    with open(shm, "wb") as handle:
        handle.write(b"\0" * 32768)
os.chmod(shm, 0o400)
os.chmod(path, 0o600)
try:
    with Journal.open(path, create=False) as again:
        again.add_episode(ep(2))
        result["count"] = again.count_episodes()
    result["error"] = None
except StorageError as exc:
    result["error"] = str(exc)
result["shm_mode"] = oct(stat.S_IMODE(os.stat(shm).st_mode)) if os.path.exists(shm) else None
print(json.dumps(result))
"""


def test_a_journal_made_writable_again_takes_adds_again() -> None:
    base = Path(tempfile.mkdtemp(dir="/var/tmp" if os.geteuid() == 0 else None))
    try:
        base.chmod(0o777)
        path = base / "journal.sqlite3"
        proc = subprocess.run([sys.executable, "-c", _CHILD, str(path)], capture_output=True,
                              text=True, timeout=60)
        assert proc.returncode == 0, proc.stderr
        result = json.loads(proc.stdout)
        assert result["error"] is None, result
        assert result["count"] == 2
        assert result["shm_mode"] in (None, "0o600")
    finally:
        shutil.rmtree(base, ignore_errors=True)
