"""Small helpers shared by the data-safety tests (imported by name: tests/safety is on sys.path)."""

from __future__ import annotations

import hashlib
import io
from datetime import datetime, timedelta, timezone
from pathlib import Path

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
