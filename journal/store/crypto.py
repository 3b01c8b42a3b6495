"""Optional encryption at rest with SQLCipher (the ``symptom-journal[encryption]`` extra).

The passphrase lives only in memory for as long as the journal is open: it is handed to SQLCipher
with ``PRAGMA key`` on every connection and is never written anywhere. Without the extra
installed every entry point here raises :class:`EncryptionUnavailableError`, whose message says
how to get it.

``encrypt_file`` converts a plain journal into an encrypted one with ``sqlcipher_export``; the
caller (the service) makes a verified backup first and replaces the file only after the encrypted
copy has been checked.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from types import ModuleType
from typing import Any

from journal.errors import (
    ENCRYPTION_INSTALL_HINT,
    EncryptionUnavailableError,
    StorageError,
)
from journal.fsutil import create_private_file, fsync_dir
from journal.i18n import _
from journal.store import probe
from journal.store.files import backups_dir

INSTALL_HINT = ENCRYPTION_INSTALL_HINT
#: Shortest passphrase we accept: short ones are guessed in minutes, whatever the cipher.
MIN_PASSPHRASE_LENGTH = 8


def dbapi() -> ModuleType:
    """The SQLCipher DB-API module, or EncryptionUnavailableError with the install hint."""
    try:
        from sqlcipher3 import dbapi2
    except ImportError:
        raise EncryptionUnavailableError() from None
    module: ModuleType = dbapi2
    return module


def available() -> bool:
    try:
        dbapi()
    except EncryptionUnavailableError:
        return False
    return True


def quote(passphrase: str) -> str:
    """The passphrase as an SQL string literal (PRAGMA takes no bound parameters)."""
    return "'" + passphrase.replace("'", "''") + "'"


def apply_key(conn: Any, passphrase: str) -> None:
    cur = conn.cursor()
    try:
        # SQLCipher logs a wrong key to stderr as an error; we report it ourselves, calmly.
        with contextlib.suppress(Exception):
            cur.execute("PRAGMA cipher_log_level = NONE")
        cur.execute(f"PRAGMA key = {quote(passphrase)}")
    finally:
        cur.close()


def connect(path: Path, passphrase: str, *, readonly: bool = False, **kwargs: Any) -> Any:
    """A SQLCipher connection to ``path`` with the key applied (nothing is read yet)."""
    module = dbapi()
    if readonly:
        conn = module.connect(probe.file_uri(path, mode="ro"), uri=True, **kwargs)
    else:
        conn = module.connect(str(path), **kwargs)
    apply_key(conn, passphrase)
    return conn


def validate_passphrase(passphrase: str) -> None:
    from journal.errors import ValidationError

    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise ValidationError(
            "passphrase",
            _("Use a passphrase of at least {length} characters (a few unrelated words are "
              "easy to remember and hard to guess).").format(length=MIN_PASSPHRASE_LENGTH),
        )
    if passphrase != passphrase.strip():
        raise ValidationError("passphrase", _("The passphrase cannot start or end with a space."))


def encrypt_file(plain: Path, dest: Path, passphrase: str) -> Path:
    """Write an encrypted copy of the plain SQLite file ``plain`` to ``dest`` (verified)."""
    module = dbapi()
    tmp = dest.with_name(dest.name + ".part")
    tmp.unlink(missing_ok=True)
    create_private_file(tmp)
    src = module.connect(str(plain))
    try:
        src.execute(f"ATTACH DATABASE {quote(str(tmp))} AS encrypted KEY {quote(passphrase)}")
        src.execute("SELECT sqlcipher_export('encrypted')")
        src.execute("DETACH DATABASE encrypted")
    except BaseException:
        src.close()
        tmp.unlink(missing_ok=True)
        raise
    src.close()
    check = connect(tmp, passphrase)
    try:
        result = check.execute("PRAGMA integrity_check").fetchone()
    finally:
        check.close()
    if not result or result[0] != "ok":
        tmp.unlink(missing_ok=True)
        raise StorageError(_("The encrypted copy of {plain} failed its integrity check.").format(
                               plain=plain))
    with open(tmp, "rb+") as handle:
        os.fsync(handle.fileno())
    tmp.replace(dest)
    fsync_dir(dest.parent)
    return dest


def is_plain_sqlite(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def encrypt_backups(db_path: Path, passphrase: str) -> list[Path]:
    """Encrypt, in place and verified, every plain backup of ``db_path`` (after protecting it)."""
    folder = backups_dir(db_path)
    done: list[Path] = []
    if not folder.is_dir():
        return done
    for item in sorted(folder.iterdir()):
        if not item.name.startswith(db_path.stem):
            continue
        if item.suffix == ".sqlite3" and item.is_file() and is_plain_sqlite(item):
            encrypt_file(item, item, passphrase)
            done.append(item)
        elif item.name.endswith(".sqlite3.part"):
            item.unlink(missing_ok=True)  # a copy a kill cut short: never a whole backup
    return done
