"""Shared fixtures. Qt runs offscreen: the platform is chosen before anything imports Qt."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_ACCESSIBILITY", "1")
# The app's error log (journal.logfile) goes to a folder of the test run's, never the home's.
if "SYMPTOM_JOURNAL_LOG_DIR" not in os.environ:
    import tempfile

    os.environ["SYMPTOM_JOURNAL_LOG_DIR"] = tempfile.mkdtemp(prefix="sj-test-logs-")
# Tests speak English whatever the machine's locale, so expected words and golden outputs do not
# depend on who runs them; tests of language choice set their own environment.
os.environ.pop("LC_ALL", None)
os.environ.pop("LC_MESSAGES", None)
os.environ["LANGUAGE"] = "en"

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from journal.clock import FixedClock
from journal.service import Journal

#: "Now" in most tests: a Monday afternoon, one hour east of UTC.
NOW = datetime(2026, 3, 16, 15, 0, tzinfo=timezone(timedelta(hours=1)))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--runslow", action="store_true", help="run the long variants too")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--runslow"):
        return
    skip = pytest.mark.skip(reason="long variant: pass --runslow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "journal.sqlite3"


@pytest.fixture
def journal(db_path: Path, clock: FixedClock) -> Iterator[Journal]:
    j = Journal.open(db_path, clock)
    try:
        yield j
    finally:
        j.close()
