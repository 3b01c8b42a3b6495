"""Upgrading an older journal file without ever leaving it half-upgraded.

The upgrade never runs on the journal itself. In order:

1. the journal is switched out of WAL mode (this folds every committed write into the main
   file, removes its -wal and -shm, and fails if another program has the file open);
2. a verified pre-upgrade backup is kept in ``backups/`` (a retry reuses the one an earlier,
   interrupted attempt made of the same data, so retries do not pile up backups);
3. a copy of the journal is upgraded with Alembic beside it (``.NAME.upgrading``), then
   integrity- and reference-checked;
4. the upgraded copy replaces the journal with one atomic rename.

So at every instant the file at the journal's path is either the old revision, untouched, or
the new one, complete. A kill at any step leaves at most a staging file, removed at the next
start. A file that an earlier version left half-upgraded (its version table says one revision
while tables of a later one are already there) is repaired from its pre-upgrade backup before
the upgrade, and the caller is given a message saying so.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from journal.errors import DamagedFileError, StorageError
from journal.fsutil import fsync_dir
from journal.i18n import _
from journal.store import backup, crypto, files
from journal.store.check import HEAD, REVISION_TABLES, REVISIONS
from journal.store.connect import dbapi_errors
from journal.store.engine import make_engine, run_alembic_upgrade

#: The steps of :func:`upgrade_on_copy`, in order; ``on_step`` is called after each (the
#: crash tests kill the process there).
STEPS = ("wal-folded", "backup-kept", "copy-made", "copy-upgraded", "copy-checked", "replaced")
#: Prefix of the tables Alembic's batch mode builds while it rewrites a table.
BATCH_TEMP_PREFIX = "_alembic_tmp_"


@dataclass(frozen=True)
class UpgradeResult:
    backup: Path
    #: What the person should be told (a repaired half-done upgrade), or "".
    notice: str = ""


def staging_path(path: Path) -> Path:
    """Where the upgraded copy of ``path`` is built before it replaces the journal."""
    return path.with_name(f".{path.name}.upgrading")  # one of files.STAGING_SUFFIXES


def leftover_tables(revision: str, tables: frozenset[str]) -> set[str]:
    """Tables a file at ``revision`` should not have yet: the trace of an interrupted upgrade
    by an earlier version (which ran the migrations on the file itself)."""
    known = REVISION_TABLES.get(revision)
    if known is None:
        return set()
    later: set[str] = set()
    for newer in REVISIONS[REVISIONS.index(revision) + 1:]:
        later |= REVISION_TABLES[newer]
    found = {t for t in tables if t.startswith(BATCH_TEMP_PREFIX)}
    found |= (tables & later) - known
    return found


def _connect(path: Path, key: str | None):  # type: ignore[no-untyped-def]
    if key is None:
        import sqlite3

        return sqlite3.connect(path, timeout=5)
    return crypto.connect(path, key, timeout=5)


def fold_wal(path: Path, key: str | None) -> None:
    """Switch ``path`` to a rollback journal: every committed write is then in the main file and
    its -wal and -shm are gone. Refused (nothing changes) while another program has it open."""
    error, _database_error = dbapi_errors(key)
    try:
        conn = _connect(path, key)
        try:
            mode = conn.execute("PRAGMA journal_mode=DELETE").fetchone()
        finally:
            conn.close()
    except error as exc:
        text = str(exc).lower()
        if "locked" in text or "busy" in text:
            raise StorageError(
                _("{path} needs an upgrade, but another program has it open. Close it and start "
                  "again; nothing has been changed.").format(path=path)
            ) from exc
        raise StorageError(
            _("{path} needs an upgrade, but it cannot be prepared for it ({reason}). Nothing "
              "has been changed.").format(path=path, reason=exc)
        ) from exc
    if not mode or str(mode[0]).lower() != "delete":
        raise StorageError(
            _("{path} needs an upgrade, but another program has it open. Close it and start "
              "again; nothing has been changed.").format(path=path)
        )


def _reusable_backup(path: Path, revision: str, key: str | None) -> Path | None:
    """The newest pre-upgrade backup holding exactly what ``path`` holds now, if any."""
    try:
        current = backup.fingerprint(path, key)
    except Exception:
        return None
    for info in backup.list_backups(path):
        if info.reason != "pre-upgrade":
            continue
        try:
            if (backup.verify_backup(info.path, key) == revision
                    and backup.fingerprint(info.path, key) == current):
                return info.path
        except Exception:
            continue
    return None


def keep_pre_upgrade_backup(path: Path, revision: str, now: datetime,
                            key: str | None) -> Path:
    """A verified backup of ``path`` before its upgrade (an earlier attempt's, when it holds
    the same data)."""
    reused = _reusable_backup(path, revision, key)
    if reused is not None:
        return reused
    # Named like every other backup, with its reason, so the restore dialog lists it and
    # retention never prunes it (the revision it holds is inside the file).
    return backup.make_backup(path, now, reason="pre-upgrade", key=key)


def repair_half_done(path: Path, revision: str, tables: frozenset[str], now: datetime,
                     key: str | None) -> str:
    """Put back the pre-upgrade backup over a file an interrupted upgrade left half-done.

    Returns the message for the person, or "" when the file is not half-done. Raises
    DamagedFileError when no backup of that revision is there to repair it from.
    """
    extra = leftover_tables(revision, tables)
    if not extra:
        return ""
    for info in backup.list_backups(path):
        if info.reason != "pre-upgrade":
            continue
        try:
            if backup.verify_backup(info.path, key) != revision:
                continue
        except StorageError:
            continue
        kept = backup.restore(path, info.path, now, key, verified=True)
        where = (" " + _("The half-upgraded file is kept in {kept}.").format(kept=kept)
                 if kept else "")
        return (
            _("An earlier upgrade of {name} was interrupted. The journal was put back from the "
              "backup taken just before it ({label}), then upgraded; nothing written before "
              "that upgrade is lost.{where}").format(name=path.name, label=info.label, where=where)
        )
    raise DamagedFileError(
        _("{path} was left half-upgraded by an interrupted upgrade (it already has {tables}), "
          "and no backup from before that upgrade is there. It has not been changed. Restore "
          "the latest good backup (File > Restore from backup, or `symptom-journal restore "
          "FILE`) or open another file.").format(path=path, tables=", ".join(sorted(extra)))
    )


def clean_leftovers(path: Path) -> None:
    """Remove a staging copy an interrupted upgrade left beside ``path`` (never the journal)."""
    files.clean_leftovers(path)


def upgrade_on_copy(path: Path, revision: str, now: datetime, key: str | None = None,
                    *, on_step: Callable[[str], None] | None = None) -> UpgradeResult:
    """Upgrade the journal at ``path`` from ``revision`` to the head (see the module text)."""
    step = on_step or (lambda _name: None)
    clean_leftovers(path)
    # Room for the pre-upgrade backup and the upgraded copy, checked before either is begun.
    files.ensure_room(path, 2 * files.journal_bytes(path))
    fold_wal(path, key)
    step("wal-folded")
    kept = keep_pre_upgrade_backup(path, revision, now, key)
    step("backup-kept")
    staging = staging_path(path)
    try:
        backup.backup_copy(path, staging, key)
        step("copy-made")
        engine = make_engine(staging, key)
        try:
            run_alembic_upgrade(engine)
        finally:
            engine.dispose()
        step("copy-upgraded")
        _check_upgraded(staging, key)
        step("copy-checked")
        # The journal has no -wal or -shm now (fold_wal); any that appeared since belong to
        # the old file and would be replayed onto the new one.
        for side in files.side_files(path):
            side.unlink(missing_ok=True)
        os.replace(staging, path)
        fsync_dir(path.parent)
    except BaseException:
        clean_leftovers(path)
        raise
    step("replaced")
    return UpgradeResult(kept)


def _check_upgraded(staging: Path, key: str | None) -> None:
    """The upgraded copy is healthy, at the head, in rollback mode, and on disk."""
    conn = _connect(staging, key)
    try:
        conn.execute("PRAGMA journal_mode=DELETE").fetchone()
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        broken = conn.execute("PRAGMA foreign_key_check").fetchall()
        version = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    finally:
        conn.close()
    if rows != ["ok"] or broken or version != [(HEAD,)]:
        raise StorageError(
            _("The upgraded copy of {name} failed its check; the journal has not been "
              "changed.").format(name=staging.name[1:-len(".upgrading")])
        )
    with open(staging, "rb+") as handle:
        os.fsync(handle.fileno())
