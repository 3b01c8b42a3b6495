"""Shared UI fixtures: a main window over a fresh journal file with a fixed clock and its own
settings file (never the user's), plus helpers to find the open episode form."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from journal.service import Journal


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, journal: Journal, settings: QSettings) -> Iterator[object]:  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow

    w = MainWindow(journal, settings=settings)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    yield w
    form = w.quick_log.current_form
    if form is not None:
        form.close()
    w.close_to_tray = False
    w.close()


def open_form(qtbot, window):  # type: ignore[no-untyped-def]
    """The episode form opened from the window, waited for."""
    from PySide6.QtWidgets import QApplication

    qtbot.waitUntil(lambda: window.quick_log.current_form is not None
                    and window.quick_log.current_form.isVisible())
    form = window.quick_log.current_form
    # Single-key shortcuts follow the keyboard focus, which arrives with activation.
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
    return form


# The offscreen platform (used by every test here) reports what it cannot do with real windows;
# those messages say nothing about the app, so they must not fail a test.
OFFSCREEN_NOISE = r"This plugin does not support (propagateSizeHints|raise|requestActivate)"


def pytest_collection_modifyitems(config, items):  # type: ignore[no-untyped-def]
    for item in items:
        if "tests/ui" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))
