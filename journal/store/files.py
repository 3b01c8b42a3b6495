"""Where the data lives and how our files are written: private permissions, atomic replacement.

Health data: folders we create are 0700, files 0600 (SQLite gives its -wal and -shm side files
the mode of the main file, so creating that one 0600 first covers them too).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

APP_NAME = "SymptomJournal"
DB_FILENAME = "journal.sqlite3"
ENV_DB = "SYMPTOM_JOURNAL_DB"
DIR_MODE = 0o700
FILE_MODE = 0o600
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")


def default_db_path(environ: dict[str, str] | None = None) -> Path:
    """``SYMPTOM_JOURNAL_DB`` if set, else the journal file in the platform's user data dir."""
    env = os.environ if environ is None else environ
    override = env.get(ENV_DB)
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / DB_FILENAME


def is_journal_folder(folder: Path) -> bool:
    """Whether ``folder`` is the journal's own, so that making it 0700 takes nothing from anyone.

    The default data folder always is. Any other folder is when it holds nothing but journals
    and what we keep beside them (side, lock and staging files, ``backups/``). A folder that is
    shared (sticky, like /tmp) or that holds other things (like Documents, when someone keeps
    their journal there) is left as its owner set it: our files in it are still 0600.
    """
    folder = Path(folder)
    try:
        st = folder.stat()
        if not stat.S_ISDIR(st.st_mode) or st.st_mode & stat.S_ISVTX:
            return False
        if folder.resolve() == default_db_path({}).parent.resolve():
            return True
        names = os.listdir(folder)
    except OSError:
        return False
    return all(name == "backups" or ".sqlite3" in name for name in names)


def ensure_private_dir(folder: Path) -> None:
    """Create ``folder`` (and parents) 0700; tighten an existing one to 0700 only when it is the
    journal's own (see :func:`is_journal_folder`)."""
    folder.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    with contextlib.suppress(PermissionError):
        if stat.S_IMODE(folder.stat().st_mode) != DIR_MODE and is_journal_folder(folder):
            folder.chmod(DIR_MODE)


def create_private_file(path: Path) -> None:
    """Create an empty file 0600 if it does not exist (before SQLite opens it)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    os.close(fd)


def tighten_file(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError, PermissionError):
        if stat.S_IMODE(path.stat().st_mode) != FILE_MODE:
            path.chmod(FILE_MODE)


def side_files(db_path: Path) -> list[Path]:
    return [db_path.with_name(db_path.name + s) for s in SIDE_SUFFIXES]


def fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def atomic_write(path: Path, mode: str = "wb", encoding: str | None = None) -> Iterator[IO[bytes]]:
    """Write to a temporary file beside ``path``, fsync, then rename over it.

    A failure at any point leaves an earlier file of that name untouched and removes the
    temporary one. The result is 0600.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, mode, encoding=encoding) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        fsync_dir(folder)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise


def atomic_write_bytes(path: Path, data: bytes) -> None:
    with atomic_write(path, "wb") as handle:
        handle.write(data)


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))
