"""The error log: the platform's log folder, private modes, warnings only, rotated."""

from __future__ import annotations

import logging
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from journal.service import errorlog as logfile


@pytest.fixture
def log_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "state" / "log"
    monkeypatch.setenv(logfile.ENV_LOG_DIR, str(folder))
    logfile.unconfigure()
    yield folder
    logfile.unconfigure()


def test_the_default_folder_is_the_platforms_log_folder_not_the_programs() -> None:
    folder = logfile.log_dir({})
    assert "SymptomJournal" in folder.parts
    assert folder.parts[-1] == "log"
    assert not folder.is_relative_to(Path(logfile.__file__).resolve().parents[1])


def test_warnings_go_to_a_private_file_and_nothing_is_written_without_them(
        log_folder: Path) -> None:
    path = logfile.configure()
    assert path == log_folder / logfile.LOG_FILENAME
    logging.getLogger("journal.test").info("routine: not kept")
    assert not path.exists()  # a run without problems writes nothing
    logging.getLogger("journal.test").warning("a problem worth reporting")
    text = path.read_text(encoding="utf-8")
    assert "a problem worth reporting" in text and "routine" not in text
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(log_folder.stat().st_mode) == 0o700
    assert logfile.configure() == path  # once per process: no second handler
    logging.getLogger("journal.test").error("second")
    assert path.read_text(encoding="utf-8").count("second") == 1


def test_the_log_is_rotated_and_bounded(log_folder: Path) -> None:
    path = logfile.configure()
    line = "x" * 1000
    for _ in range(int(logfile.MAX_BYTES * (logfile.BACKUP_COUNT + 2) / 1000)):
        logging.getLogger("journal.test").warning(line)
    files = sorted(log_folder.iterdir())
    assert len(files) == logfile.BACKUP_COUNT + 1
    assert all(f.stat().st_size <= logfile.MAX_BYTES + 2000 for f in files)
    assert all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in files)
    assert path.exists()
