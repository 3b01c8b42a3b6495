"""Generic file helpers: private permissions and atomic replacement.

Health data: folders we create are 0700, files 0600. Nothing here knows what a journal is (the
journal's own file layout lives in :mod:`journal.store.files`), so the store, the charts and the
report all write their files the same way. Standard library only.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

DIR_MODE = 0o700
FILE_MODE = 0o600


def free_bytes(folder: Path) -> int | None:
    """Bytes free for this user on the file system holding ``folder`` (None if unknown)."""
    try:
        st = os.statvfs(folder)
    except (OSError, AttributeError):  # no statvfs (Windows) or an unreadable folder
        return None
    return st.f_bavail * st.f_frsize


def human_size(n: int) -> str:
    """A byte count in plain words: 512 bytes, 180 KiB, 3.2 MiB, 1.5 GiB."""
    if n < 1024:
        return f"{n} bytes"
    for unit in ("KiB", "MiB", "GiB"):
        n_units = n / 1024
        if n_units < 1024 or unit == "GiB":
            return f"{n_units:.0f} {unit}" if n_units >= 10 else f"{n_units:.1f} {unit}"
        n = int(n_units)
    raise AssertionError("unreachable")


def make_private_dir(folder: Path) -> None:
    """Create ``folder`` (and parents) 0700; an existing folder is left as it is."""
    Path(folder).mkdir(mode=DIR_MODE, parents=True, exist_ok=True)


def create_private_file(path: Path) -> None:
    """Create an empty file 0600 if it does not exist (before SQLite opens it)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    os.close(fd)


def tighten_file(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError, PermissionError):
        if stat.S_IMODE(path.stat().st_mode) != FILE_MODE:
            path.chmod(FILE_MODE)


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
    if path.is_dir():  # refused before a temporary file is made, with the OS's own error
        raise IsADirectoryError(21, "Is a directory", str(path))
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


#: The most an import reads (a 10-year journal of 20 episodes a day exports to about 35 MB).
MAX_IMPORT_BYTES = 512 * 1024 * 1024


class FileTooLargeError(ValueError):
    """A file is larger than a reader accepts; nothing past ``limit`` bytes was read."""

    def __init__(self, path: Path, limit: int) -> None:
        super().__init__(f"{path} is larger than {limit} bytes")
        self.path = path
        self.limit = limit


class BoundedReader:
    """A binary file read in pieces that refuses to go past ``limit`` bytes.

    The size on disk is checked when opening (a regular file larger than the limit is refused
    before any byte is read); a pipe or a device, whose size is not known, is counted as it is
    read, so ``/dev/zero`` stops at the limit instead of filling the memory.
    """

    def __init__(self, handle: IO[bytes], path: Path, limit: int) -> None:
        self._handle = handle
        self.path = path
        self.limit = limit
        self.consumed = 0

    def read(self, size: int) -> bytes:
        data = self._handle.read(min(size, self.limit + 1 - self.consumed))
        self.consumed += len(data)
        if self.consumed > self.limit:
            raise FileTooLargeError(self.path, self.limit)
        return data


@contextlib.contextmanager
def open_bounded(path: Path, limit: int = MAX_IMPORT_BYTES) -> Iterator[BoundedReader]:
    """Open ``path`` for reading at most ``limit`` bytes (OSError when it cannot be read)."""
    path = Path(path)
    # O_NONBLOCK so that opening a FIFO nobody writes to does not hang; reads block again below.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(21, "Is a directory", str(path))
        if stat.S_ISREG(info.st_mode) and info.st_size > limit:
            raise FileTooLargeError(path, limit)
        os.set_blocking(fd, True)
        handle = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with handle:
        yield BoundedReader(handle, path, limit)


def read_bounded(path: Path, limit: int = MAX_IMPORT_BYTES) -> bytes:
    """The whole of ``path`` if it is at most ``limit`` bytes, else FileTooLargeError."""
    chunks: list[bytes] = []
    with open_bounded(path, limit) as reader:
        while chunk := reader.read(1 << 20):
            chunks.append(chunk)
    return b"".join(chunks)
