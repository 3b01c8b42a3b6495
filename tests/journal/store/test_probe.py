"""The start-up integrity check begun early on a thread: used only while the file is unchanged."""

from __future__ import annotations

import hashlib
import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from journal import errors
from journal.model import Episode, Kind
from journal.service import Journal
from journal.store import backup, probe

TZ = timezone(timedelta(hours=1))
PAGE = 4096


@pytest.fixture
def healthy(tmp_path: Path, clock) -> Path:
    path = tmp_path / "data" / "journal.sqlite3"
    with Journal.open(path, clock) as j:
        for i in range(200):
            j.add_episode(Episode(kind=Kind.TWITCH, intensity=3, duration_s=30,
                                  started_at=datetime(2026, 3, 1, 8, tzinfo=TZ)
                                  + timedelta(hours=i), note="x" * 300))
        backup.checkpoint(j.engine)
    return path


def _forbid_checking(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    calls: list[bool] = []

    def read(conn, full=False):  # type: ignore[no-untyped-def]
        calls.append(full)
        raise AssertionError("checked again although the early check was usable")

    monkeypatch.setattr(probe, "read", read)
    return calls


def test_the_finished_early_check_is_used(healthy: Path, clock,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    probe.start(healthy)
    probe._pending[healthy.absolute()].done.wait(10)
    calls = _forbid_checking(monkeypatch)
    with Journal.open(healthy, clock, create=False) as j:
        assert j.count_episodes() == 200
    assert calls == []
    assert probe.take(healthy) is None  # used once


def test_a_file_changed_after_the_early_check_is_checked_again(
        healthy: Path, clock) -> None:
    probe.start(healthy)
    probe._pending[healthy.absolute()].done.wait(10)
    data = bytearray(healthy.read_bytes())
    data[3 * PAGE: 4 * PAGE] = b"\xa5" * PAGE  # damaged after the (good) early check
    healthy.write_bytes(bytes(data))
    os.utime(healthy, ns=(1, 1))  # even with an old modification time: the size or inode differ
    before = hashlib.sha256(healthy.read_bytes()).hexdigest()
    with pytest.raises(errors.DamagedFileError, match="not been changed"):
        Journal.open(healthy, clock, create=False)
    assert hashlib.sha256(healthy.read_bytes()).hexdigest() == before


def test_a_damaged_file_is_refused_the_same_way_with_or_without_the_early_check(
        healthy: Path, clock) -> None:
    data = bytearray(healthy.read_bytes())
    data[2 * PAGE: 3 * PAGE] = b"\xa5" * PAGE
    healthy.write_bytes(bytes(data))
    with pytest.raises(errors.DamagedFileError) as plain:
        Journal.open(healthy, clock, create=False)
    probe.start(healthy)
    assert probe._pending[healthy.absolute()] is not None
    with pytest.raises(errors.DamagedFileError) as early:
        Journal.open(healthy, clock, create=False)
    assert str(early.value) == str(plain.value)
    assert probe.take(healthy) is None


def test_only_plain_sqlite_files_are_checked_early(tmp_path: Path) -> None:
    missing = tmp_path / "missing.sqlite3"
    probe.start(missing)
    text = tmp_path / "notes.sqlite3"
    text.write_text("not a journal")
    probe.start(text)
    assert probe.take(missing) is None and probe.take(text) is None


def test_the_signature_sees_the_wal_change(healthy: Path) -> None:
    before = probe.signature(healthy)
    wal = healthy.with_name(healthy.name + "-wal")
    wal.write_bytes(b"\0" * 32)
    try:
        assert probe.signature(healthy) != before
    finally:
        wal.unlink()
