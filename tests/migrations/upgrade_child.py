"""Child process for the upgrade crash tests: upgrades the journal at argv[1] and kills itself
with SIGKILL right after the step named in argv[2] ("random:SECONDS" kills after that long
instead, from a timer thread, wherever opening and upgrading the journal is then)."""

from __future__ import annotations

import os
import signal
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path

from journal.store import db
from journal.store.upgrade import upgrade_on_copy


def main(path: Path, when: str) -> None:
    revision = db.read_revision(path)
    assert revision is not None and revision != db.HEAD, revision

    def kill(_step: str | None = None) -> None:
        if _step is None or _step == when:
            os.kill(os.getpid(), signal.SIGKILL)

    if when.startswith("random:"):
        threading.Timer(float(when.split(":", 1)[1]), kill).start()
        db.open_database(path, create=False).engine.dispose()
        print("done", flush=True)
        return
    upgrade_on_copy(path, revision, datetime.now(UTC), on_step=kill)
    print("done", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2])
