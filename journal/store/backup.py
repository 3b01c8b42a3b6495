"""Automatic and manual backups, retention, restore and deleting everything.

Backups are made with SQLite's backup API (:func:`backup_copy`), integrity-checked, and kept in
``backups/`` beside the journal file, named ``<stem>-<UTC stamp>[.<reason>].sqlite3``. One is made
at start when the data changed since the newest backup, and every few hours while it changes.
Retention keeps the newest automatic backup of each of the last 7 days, 4 weeks and 12 months
that have one; backups made for a reason (by hand, before a restore) are kept until deleted.
An encrypted journal's backups are encrypted with the same key.

Nothing here imports Qt; the clock is passed in.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import shutil
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from journal.errors import PassphraseRequiredError, StorageError
from journal.fsutil import DIR_MODE, FILE_MODE, create_private_file, fsync_dir
from journal.i18n import _
from journal.store import crypto, files
from journal.store.check import check_journal_tables, integrity_check
from journal.store.connect import connect_readonly, dbapi_errors
from journal.store.files import backups_dir

#: How often the running app backs up while the data keeps changing.
BACKUP_INTERVAL = timedelta(hours=3)
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
STAMP_FORMAT = "%Y%m%dT%H%M%SZ"
_STAMP_RE = r"(?P<stamp>\d{8}T\d{6}Z)(?:-(?P<seq>\d+))?"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime  # UTC
    reason: str  # "" for the automatic ones; "manual", "pre-restore", ...

    @property
    def label(self) -> str:
        local = self.taken_at.astimezone()
        extra = f" ({self.reason.replace('-', ' ')})" if self.reason else ""
        return f"{local:%Y-%m-%d %H:%M}{extra}"


def _pattern(db_path: Path) -> re.Pattern[str]:
    return re.compile(
        re.escape(db_path.stem) + "-" + _STAMP_RE + r"(?:\.(?P<reason>[a-z-]+))?\.sqlite3$"
    )


def list_backups(db_path: Path) -> list[BackupInfo]:
    """The timestamped backups of ``db_path``, newest first."""
    folder = backups_dir(db_path)
    if not folder.is_dir():
        return []
    pattern = _pattern(Path(db_path))
    found: list[BackupInfo] = []
    for item in folder.iterdir():
        m = pattern.match(item.name)
        if m and item.is_file():
            taken = datetime.strptime(m["stamp"], STAMP_FORMAT).replace(tzinfo=UTC)
            found.append(BackupInfo(item, taken, m["reason"] or ""))
    found.sort(key=lambda b: (b.taken_at, b.path.name), reverse=True)
    return found


def backup_name(db_path: Path, at: datetime, reason: str = "") -> Path:
    """A free file name for a backup taken at ``at`` (a second-precise stamp, made unique)."""
    folder = backups_dir(db_path)
    stamp = at.astimezone(UTC).strftime(STAMP_FORMAT)
    suffix = f".{reason}" if reason else ""
    candidate = folder / f"{db_path.stem}-{stamp}{suffix}.sqlite3"
    n = 1
    while candidate.exists():
        n += 1
        candidate = folder / f"{db_path.stem}-{stamp}-{n}{suffix}.sqlite3"
    return candidate


def fingerprint(path: Path, key: str | None = None) -> str:
    """A digest of what the journal holds: equal fingerprints mean nothing changed.

    Every mutation (and every undo or redo) stamps ``updated_at``; row counts catch deletions.
    """
    conn = connect_readonly(path, key)
    parts: list[str] = []
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        for table in sorted(tables):
            if table.startswith("sqlite_"):
                continue
            cols = {r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')}
            stamp = "max(updated_at)" if "updated_at" in cols else "''"
            count, newest = conn.execute(f'SELECT count(*), {stamp} FROM "{table}"').fetchone()
            parts.append(f"{table}:{count}:{newest}")
            if table in ("user_triggers", "meta", "alembic_version"):
                # Small tables without an updated_at: hash their content.
                rows = conn.execute(f'SELECT * FROM "{table}" ORDER BY 1').fetchall()
                parts.append(hashlib.sha256(repr(rows).encode()).hexdigest())
    finally:
        conn.close()
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def backup_copy(src_path: Path, dest: Path, key: str | None = None) -> Path:
    """Copy a live database with SQLite's backup API and verify the copy's integrity.

    With ``key`` (an encrypted journal) the copy is encrypted with the same key.
    """
    files.ensure_private_dir(dest.parent)
    files.ensure_room(dest, files.journal_bytes(Path(src_path)))
    tmp = dest.with_name(dest.name + ".part")
    tmp.unlink(missing_ok=True)
    create_private_file(tmp)
    error, _database_error = dbapi_errors(key)
    try:
        src = connect_readonly(src_path, key)
        try:
            dst = sqlite3.connect(tmp) if key is None else crypto.connect(tmp, key)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")
                result = dst.execute("PRAGMA integrity_check").fetchone()
            finally:
                dst.close()
        finally:
            src.close()
    except error as exc:
        tmp.unlink(missing_ok=True)
        raise StorageError(_("The backup of {src_path} could not be made: {reason}.").format(
                               src_path=src_path, reason=exc)) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if not result or result[0] != "ok":
        tmp.unlink(missing_ok=True)
        raise StorageError(_("The backup copy of {src_path} failed its integrity check.").format(
                               src_path=src_path))
    tmp.replace(dest)
    fsync_dir(dest.parent)
    return dest


def verify_backup(path: Path, key: str | None = None) -> str:
    """Raise StorageError (DamagedFileError...) unless ``path`` is a healthy journal.

    Returns its schema revision. Reads only.
    """
    path = Path(path)
    if not path.is_file():
        raise StorageError(_("There is no backup at {path}.").format(path=path))
    return check_journal_tables(path, *integrity_check(path, key, fresh=True))


@dataclass(frozen=True)
class JournalSummary:
    """What a journal file holds, in a line: its counts and the local dates they span."""

    episodes: int
    checkins: int
    first_day: date | None
    last_day: date | None


def summarize(path: Path, key: str | None = None) -> JournalSummary:
    """Count the episodes and check-ins in the journal (or backup) file ``path``. Reads only;
    raises StorageError when it cannot be read."""
    try:
        conn = connect_readonly(Path(path), key)
    except dbapi_errors(key) as exc:
        raise StorageError(_("{name} cannot be read: {reason}.").format(
                               name=Path(path).name, reason=exc)) from exc
    try:
        episodes, e_first, e_last = conn.execute(
            "SELECT count(*), min(local_date), max(local_date) FROM episodes").fetchone()
        checkins, c_first, c_last = conn.execute(
            "SELECT count(*), min(local_date), max(local_date) FROM checkins").fetchone()
    except dbapi_errors(key) as exc:
        raise StorageError(_("{name} cannot be read: {reason}.").format(
                               name=Path(path).name, reason=exc)) from exc
    finally:
        conn.close()
    firsts = [date.fromisoformat(str(d)[:10]) for d in (e_first, c_first) if d]
    lasts = [date.fromisoformat(str(d)[:10]) for d in (e_last, c_last) if d]
    return JournalSummary(int(episodes), int(checkins), min(firsts, default=None),
                          max(lasts, default=None))


def make_backup(db_path: Path, now: datetime, *, reason: str = "", key: str | None = None,
                out: Path | None = None) -> Path:
    """Back up ``db_path`` now (verified). ``out`` writes it there instead of ``backups/``."""
    db_path = Path(db_path)
    dest = Path(out) if out is not None else backup_name(db_path, now, reason)
    if out is not None and dest.resolve() == db_path.resolve():
        raise StorageError(_("The backup cannot be written over the journal itself."))
    if out is not None:
        if not dest.parent.is_dir():
            raise StorageError(_("The folder {parent} does not exist.").format(parent=dest.parent))
        # backup_copy tightens the folder it writes to; leave a folder the user chose alone.
        return _backup_to_user_file(db_path, dest, key)
    try:
        result = backup_copy(db_path, dest, key)
    except OSError as exc:
        raise StorageError(_("The backup could not be written: {reason}.").format(
                               reason=exc.strerror or exc)) from exc
    return result


def _backup_to_user_file(db_path: Path, dest: Path, key: str | None) -> Path:
    _remove_stale_staging(dest)
    staging = dest.with_name(f".{dest.name}.staging")
    try:
        staging.mkdir(mode=DIR_MODE)
    except OSError as exc:
        raise StorageError(_("The backup could not be written: {reason}.").format(
                               reason=exc.strerror or exc)) from exc
    try:
        made = backup_copy(db_path, staging / dest.name, key)
        made.replace(dest)
        fsync_dir(dest.parent)
    except OSError as exc:
        raise StorageError(_("The backup could not be written: {reason}.").format(
                               reason=exc.strerror or exc)) from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return dest


def _remove_stale_staging(dest: Path) -> None:
    """Remove the staging folder a killed ``backup --out`` to ``dest`` left behind: it holds
    only our copy in progress (the backup itself, or its .part), never anything finished."""
    staging = dest.with_name(f".{dest.name}.staging")
    if not staging.is_dir() or staging.is_symlink():
        return
    names = {item.name for item in staging.iterdir()}
    if names <= {dest.name, f"{dest.name}.part"}:
        shutil.rmtree(staging, ignore_errors=True)


def newest_backup(db_path: Path) -> BackupInfo | None:
    found = list_backups(db_path)
    return found[0] if found else None


def changed_since_last_backup(db_path: Path, key: str | None = None) -> bool:
    """True when there is no healthy newest backup or the journal differs from it."""
    newest = newest_backup(db_path)
    if newest is None:
        return True
    try:
        return fingerprint(db_path, key) != fingerprint(newest.path, key)
    except Exception:  # an unreadable backup (or journal): make a new one to be safe
        return True


def maybe_backup(db_path: Path, now: datetime, *, at_start: bool = False,
                 key: str | None = None,
                 interval: timedelta = BACKUP_INTERVAL) -> Path | None:
    """Back up when the data changed since the newest backup (and, while running, when that
    one is at least ``interval`` old). Prunes old backups after a new one. Returns the new one.
    """
    newest = newest_backup(db_path)
    if newest is not None and not at_start and now - newest.taken_at < interval:
        return None
    if not changed_since_last_backup(db_path, key):
        return None
    made = make_backup(db_path, now, key=key)
    prune(db_path, now)
    return made


def _keep_by(backups: list[BackupInfo], bucket: Callable[[datetime], object],
             count: int) -> set[Path]:
    kept: set[Path] = set()
    last: object = None
    for b in backups:  # newest first: the first backup seen in a bucket is its newest
        key = bucket(b.taken_at.astimezone())
        if key != last:
            if len(kept) >= count:
                break
            kept.add(b.path)
            last = key
    return kept


def to_keep(backups: Iterable[BackupInfo]) -> set[Path]:
    """Which backups the 7 daily / 4 weekly / 12 monthly policy keeps (the newest always)."""
    ordered = sorted(backups, key=lambda b: (b.taken_at, b.path.name), reverse=True)
    if not ordered:
        return set()
    keep = {ordered[0].path}
    keep |= _keep_by(ordered, lambda t: t.date(), KEEP_DAILY)
    keep |= _keep_by(ordered, lambda t: t.isocalendar()[:2], KEEP_WEEKLY)
    keep |= _keep_by(ordered, lambda t: (t.year, t.month), KEEP_MONTHLY)
    return keep


def prune(db_path: Path, now: datetime) -> list[Path]:
    """Delete the automatic backups the retention policy no longer keeps.

    Backups made for a reason (by hand, before a restore or an encryption, a damaged file set
    aside) are never pruned: someone may want exactly that one back. Returns what was removed.
    """
    del now  # the policy counts backups, not calendar days, so a long break loses nothing
    found = [b for b in list_backups(db_path) if not b.reason]
    keep = to_keep(found)
    removed: list[Path] = []
    for b in found:
        if b.path not in keep:
            b.path.unlink(missing_ok=True)
            removed.append(b.path)
    if removed:
        fsync_dir(backups_dir(db_path))
    return removed


def latest_good_backup(db_path: Path, key: str | None = None) -> BackupInfo | None:
    """The newest backup that passes verification (damaged ones are skipped)."""
    for b in list_backups(db_path):
        try:
            verify_backup(b.path, key)
        except StorageError:
            continue
        return b
    return None


def _set_aside_current(db_path: Path, now: datetime, key: str | None) -> Path | None:
    """Keep the current file before a restore: a verified backup, or a raw copy if damaged."""
    if not db_path.exists():
        return None
    reason = "damaged"
    try:
        integrity_check(db_path, key)
        return make_backup(db_path, now, reason="pre-restore", key=key)
    except PassphraseRequiredError:
        reason = "pre-restore"  # encrypted and no key here: its bytes are the backup
    except StorageError:
        pass
    # Damaged, encrypted or unreadable: keep its bytes exactly, side files too.
    dest = backup_name(db_path, now, reason)
    files.ensure_private_dir(dest.parent)
    shutil.copyfile(db_path, dest)
    for side in files.side_files(db_path):
        if side.exists():
            shutil.copyfile(side, dest.with_name(dest.name + side.name[len(db_path.name):]))
    dest.chmod(FILE_MODE)
    return dest


def restore(db_path: Path, backup_path: Path, now: datetime,
            key: str | None = None, *, verified: bool = False) -> Path | None:
    """Replace the journal at ``db_path`` with ``backup_path`` (the journal must be closed).

    Refuses a damaged backup (nothing changes). The current file is backed up first (a damaged
    one copied byte for byte). Returns where the current file was kept.
    """
    db_path, backup_path = Path(db_path), Path(backup_path)
    if not verified:
        verify_backup(backup_path, key)
    if db_path.exists() and backup_path.resolve() == db_path.resolve():
        raise StorageError(_("That is the journal itself, not a backup of it."))
    files.ensure_private_dir(db_path.parent)
    kept = _set_aside_current(db_path, now, key)
    staging = db_path.with_name(f".{db_path.name}.restoring")
    staging.unlink(missing_ok=True)
    try:
        backup_copy(backup_path, staging, key)
        # The old WAL and shared-memory files belong to the old file: remove them before the
        # new file takes its place, or SQLite would replay old pages onto it.
        for side in files.side_files(db_path):
            side.unlink(missing_ok=True)
        staging.replace(db_path)
        fsync_dir(db_path.parent)
    except OSError as exc:
        raise StorageError(_("The backup could not be restored: {reason}.").format(
                               reason=exc.strerror or exc)) from exc
    finally:
        staging.unlink(missing_ok=True)
    return kept


def checkpoint(engine: object) -> None:
    """Fold the WAL into the main file (before closing for a restore or a conversion)."""
    from sqlalchemy import Engine

    if isinstance(engine, Engine):
        with contextlib.suppress(Exception), engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def delete_all(db_path: Path) -> list[Path]:
    """Remove the journal, its side files and all of its backups (the journal must be closed).

    Returns what was removed. The backups folder goes too when nothing else is left in it.
    """
    db_path = Path(db_path)
    removed: list[Path] = []
    for item in (db_path, *files.side_files(db_path)):
        if item.exists():
            item.unlink()
            removed.append(item)
    folder = backups_dir(db_path)
    if folder.is_dir():
        for item in backup_files(db_path):
            item.unlink()
            removed.append(item)
        with contextlib.suppress(OSError):
            folder.rmdir()
    fsync_dir(db_path.parent)
    return removed


def backup_files(db_path: Path) -> list[Path]:
    """Every file in ``backups/`` that belongs to ``db_path`` (what delete_all removes there)."""
    folder = backups_dir(db_path)
    if not folder.is_dir():
        return []
    return [f for f in sorted(folder.iterdir()) if f.name.startswith(db_path.stem) and f.is_file()]
