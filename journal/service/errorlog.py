"""Where the app's errors go: a small rotating log in the platform's log folder.

Standard library and platformdirs only (like ``journal_file``), so the command line sets it up
before anything heavy is imported.

On Linux that is ``~/.local/state/SymptomJournal/log/symptom-journal.log`` (platformdirs'
``user_log_dir``; ``SYMPTOM_JOURNAL_LOG_DIR`` overrides it), never beside the executable or the
journal. Only warnings and errors are kept (a problem's message and traceback, for a bug report),
never the journal's content on purpose. The folder is 0700 and the files 0600 like the journal's,
since a message may still name a file. Three old files of 256 KiB are kept, so the log never grows
past about a megabyte.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path
from typing import Final

from journal.fsutil import FILE_MODE, make_private_dir

APP_NAME: Final = "SymptomJournal"
LOG_FILENAME: Final = "symptom-journal.log"
ENV_LOG_DIR: Final = "SYMPTOM_JOURNAL_LOG_DIR"
MAX_BYTES: Final = 256 * 1024
BACKUP_COUNT: Final = 3
FORMAT: Final = "%(asctime)s %(levelname)s %(name)s [%(process)d]: %(message)s"

_handler: logging.Handler | None = None


def log_dir(environ: dict[str, str] | None = None) -> Path:
    """The folder the log is written to (created on the first message, not here)."""
    env = os.environ if environ is None else environ
    override = env.get(ENV_LOG_DIR)
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def log_path(environ: dict[str, str] | None = None) -> Path:
    return log_dir(environ) / LOG_FILENAME


class _PrivateRotatingHandler(logging.handlers.RotatingFileHandler):
    """A rotating file handler whose folder is 0700 and whose files are created 0600."""

    def _open(self):  # type: ignore[no-untyped-def]
        path = Path(self.baseFilename)
        make_private_dir(path.parent)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, FILE_MODE)
        return os.fdopen(fd, self.mode.replace("w", "a"), encoding=self.encoding,
                         errors=self.errors)


def configure(environ: dict[str, str] | None = None) -> Path:
    """Send warnings and errors of every logger to the log file (once per process; later calls
    return the same path). The file is opened on the first message, so a run without problems
    writes nothing."""
    global _handler
    path = log_path(environ)
    if _handler is not None:
        return Path(getattr(_handler, "baseFilename", path))
    handler = _PrivateRotatingHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT,
                                      encoding="utf-8", delay=True)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter(FORMAT))
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level > logging.WARNING or root.level == logging.NOTSET:
        root.setLevel(logging.WARNING)
    _handler = handler
    return path


def unconfigure() -> None:
    """Remove the handler again (for tests)."""
    global _handler
    if _handler is not None:
        logging.getLogger().removeHandler(_handler)
        _handler.close()
        _handler = None
