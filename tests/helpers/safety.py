"""Small helpers shared by the data-safety tests."""

from __future__ import annotations

import hashlib
import io
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import event

from journal.clock import FixedClock
from journal.model import Episode, Kind, Region, Side

TZ = timezone(timedelta(hours=1))


def episode(hours_ago: float = 1, **kw: object) -> Episode:
    base: dict[str, object] = dict(
        kind=Kind.CRAMP, started_at=datetime(2026, 3, 16, 15, 0, tzinfo=TZ)
        - timedelta(hours=hours_ago), duration_s=120, intensity=5, side=Side.LEFT,
        regions=(Region.PIRIFORMIS,))
    base.update(kw)
    return Episode(**base)  # type: ignore[arg-type]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_state(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with its digest: to prove nothing was written or added."""
    return {str(p.relative_to(folder)): digest(p) for p in sorted(folder.rglob("*"))
            if p.is_file()}


def run_cli(clock: FixedClock, *argv: str) -> tuple[int, str, str]:
    from journal.cli import main

    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), clock=clock, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


class DiskFull:
    """Fails the n-th write statement with SQLite's own 'disk is full' error."""

    def __init__(self, journal: Any, fail_at: int,
                 match: tuple[str, ...] = ("INSERT", "UPDATE", "DELETE")) -> None:
        self.calls = 0
        self.fail_at = fail_at
        self.match = match
        self.engine = journal.engine
        event.listen(self.engine, "do_execute", self._execute)
        event.listen(self.engine, "do_executemany", self._execute)

    def _execute(self, cursor, statement, parameters, context):  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith(self.match):
            self.calls += 1
            if self.calls >= self.fail_at:
                raise sqlite3.OperationalError("database or disk is full")
        return None

    def remove(self) -> None:
        event.remove(self.engine, "do_execute", self._execute)
        event.remove(self.engine, "do_executemany", self._execute)


def sqlite_reads(path: Path) -> tuple[list[str], int]:
    """What SQLite itself says of a journal, read-only: its integrity check and episode count."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        count = conn.execute("SELECT count(*) FROM episodes").fetchone()[0]
    finally:
        conn.close()
    return rows, count


def table_rows(path: Path, *, skip: tuple[str, ...] = ("alembic_version",),
               read_only: bool = False) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of a journal but ``skip``, each table's rows sorted, so two
    files (or one file before and after an upgrade) can be compared for lost or changed data."""
    conn = (sqlite3.connect(f"file:{path}?mode=ro", uri=True) if read_only
            else sqlite3.connect(path))
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")
            if r[0] not in skip]
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr)
                for t in tables}
    finally:
        conn.close()
