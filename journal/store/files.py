"""Where a journal's data lives: its default path, the files kept beside it, its folders.

The journal file, its SQLite side files (``-wal``, ``-shm``, ``-journal``), the app's lock file
and the ``backups/`` folder all sit in one folder; this module names them in one place. Health
data: folders we create are 0700, files 0600 (SQLite gives its -wal and -shm side files the mode
of the main file, so creating that one 0600 first covers them too). The generic helpers (atomic
writes, private modes) are in :mod:`journal.fsutil`.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from journal.errors import LowDiskError
from journal.fsutil import DIR_MODE, free_bytes, human_size, make_private_dir
from journal.i18n import _

APP_NAME = "SymptomJournal"
DB_FILENAME = "journal.sqlite3"
ENV_DB = "SYMPTOM_JOURNAL_DB"
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")
#: Free space kept in hand for every write: SQLite's write-ahead log and its checkpoints need
#: room beyond the entry itself, and a write that runs out of it half-way is refused anyway.
LOW_DISK_BYTES = 1024 * 1024
#: The app's single-instance lock (a QLockFile) beside the journal.
LOCK_SUFFIX = ".lock"


def default_db_path(environ: dict[str, str] | None = None) -> Path:
    """``SYMPTOM_JOURNAL_DB`` if set, else the journal file in the platform's user data dir."""
    env = os.environ if environ is None else environ
    override = env.get(ENV_DB)
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / DB_FILENAME


def real_path(db_path: Path) -> Path:
    """The journal file itself, with every symbolic link on the way resolved: the one name its
    lock, its one window, its backups, a restore and deleting everything all go by, however
    it was reached."""
    return Path(db_path).expanduser().resolve()


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
    make_private_dir(folder)
    with contextlib.suppress(PermissionError):
        if stat.S_IMODE(folder.stat().st_mode) != DIR_MODE and is_journal_folder(folder):
            folder.chmod(DIR_MODE)


def side_files(db_path: Path) -> list[Path]:
    return [db_path.with_name(db_path.name + s) for s in SIDE_SUFFIXES]


def backups_dir(db_path: Path) -> Path:
    """The folder the backups of ``db_path`` are kept in."""
    return Path(db_path).parent / "backups"


def lock_path(db_path: Path) -> Path:
    return Path(db_path).with_name(Path(db_path).name + LOCK_SUFFIX)


def _lock_is_held(db_path: Path) -> bool:
    """Whether some process holds the lock file's ``flock`` (True when that cannot be told)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - no flock here: trust the process id alone
        return True
    try:
        fd = os.open(lock_path(db_path), os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


def app_lock_holder(db_path: Path) -> int | None:
    """The process id of a running app holding the journal's lock, or None.

    Reads the QLockFile format (pid on the first line) without Qt; a lock left by a process
    that is gone does not count.
    """
    try:
        first = lock_path(db_path).read_text(encoding="utf-8", errors="replace").split("\n")[0]
        pid = int(first.strip())
    except (OSError, ValueError):
        return None
    if pid <= 0 or pid == os.getpid():
        return None
    if not _lock_is_held(db_path):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        return pid
    return pid


def low_disk_text(db_path: Path, needed: int = 0) -> str | None:
    """What to tell someone when the disk holding ``db_path`` has too little room to write
    ``needed`` bytes safely; None when there is room (or the free space cannot be known)."""
    free = free_bytes(Path(db_path).parent)
    if free is None or free >= needed + LOW_DISK_BYTES:
        return None
    return _(
        "The disk that holds the journal is nearly full ({free} free, {want} needed), so "
        "nothing was written. The journal is safe and can be read as usual; free some space "
        "and try again."
    ).format(free=human_size(free), want=human_size(needed + LOW_DISK_BYTES))


def low_disk_warning(db_path: Path) -> str | None:
    """Said when a journal is opened on a nearly full disk (it opens and reads as usual)."""
    free = free_bytes(Path(db_path).parent)
    if free is None or free >= LOW_DISK_BYTES:
        return None
    return _(
        "The disk that holds the journal is nearly full ({free} free). The journal opened "
        "and reads as usual, but new entries cannot be saved until you free some space."
    ).format(free=human_size(free))


def ensure_room(db_path: Path, needed: int = 0) -> None:
    """Raise LowDiskError, before anything is written, when the disk is too full for it."""
    text = low_disk_text(db_path, needed)
    if text is not None:
        raise LowDiskError(text)


def journal_bytes(db_path: Path) -> int:
    """The size of the journal and its write-ahead log: what a full copy of it needs."""
    total = 0
    for item in (db_path, db_path.with_name(db_path.name + "-wal")):
        with contextlib.suppress(OSError):
            total += item.stat().st_size
    return total


#: Staging copies written beside the journal before they replace it (an upgrade, a restore,
#: an encryption): whole files only once renamed, so one still there was cut short.
STAGING_SUFFIXES = (".upgrading", ".restoring", ".encrypting")


def leftovers(db_path: Path) -> list[Path]:
    """What an interrupted upgrade, restore, encryption or backup left behind: never a whole
    file (each is renamed into place only once complete and checked)."""
    db_path = Path(db_path)
    found: list[Path] = []
    for suffix in STAGING_SUFFIXES:
        staging = db_path.with_name(f".{db_path.name}{suffix}")
        for item in (staging, staging.with_name(staging.name + ".part"),
                     *side_files(staging)):
            if item.is_file():
                found.append(item)
    folder = backups_dir(db_path)
    with contextlib.suppress(OSError):
        found += [item for item in sorted(folder.iterdir())
                  if item.name.startswith(db_path.stem) and item.name.endswith(".sqlite3.part")
                  and item.is_file()]
    return found


def clean_leftovers(db_path: Path) -> list[Path]:
    """Remove :func:`leftovers`; returns what was removed."""
    removed: list[Path] = []
    for item in leftovers(db_path):
        with contextlib.suppress(FileNotFoundError):
            item.unlink()
            removed.append(item)
    return removed


class InstanceLock:
    """The app's one-window lock beside a journal: an advisory ``flock`` on the lock file.

    The kernel drops the lock when its process ends, however it ends, so a lock left by a
    killed app is never mistaken for a live one and nothing has to guess from host names or
    boot ids. The file is 0600 and holds only the holder's process id (what
    :func:`app_lock_holder` reads to name it), and is removed on unlock. Qt's QLockFile takes
    the same ``flock``, so an app of an earlier version holding it is respected too.
    """

    def __init__(self, db_path: Path) -> None:
        self.path = lock_path(db_path)
        self._fd: int | None = None
        #: Why the last :meth:`try_lock` failed: "held" (another process has it) or the
        #: system's reason it could not be taken at all (a full disk, a read-only folder).
        self.error: str | None = None

    def try_lock(self) -> bool:
        import fcntl

        self.error = None
        if self._fd is not None:
            return True
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0),
                         0o600)
        except OSError as exc:
            self.error = exc.strerror or str(exc)
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            self.error = "held"
            return False
        except OSError as exc:
            os.close(fd)
            self.error = exc.strerror or str(exc)
            return False
        try:
            os.fchmod(fd, 0o600)
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
            os.fsync(fd)
        except OSError as exc:
            os.close(fd)
            self.error = exc.strerror or str(exc)
            return False
        self._fd = fd
        return True

    def is_locked(self) -> bool:
        return self._fd is not None

    def unlock(self) -> None:
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            self.path.unlink()  # while still held, so no other process's lock is removed
        os.close(self._fd)
        self._fd = None
