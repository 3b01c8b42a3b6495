"""Keyboard reach outside Today: the Journal's table is one Tab stop, not thousands of cells."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from journal.model import Episode, Kind


def test_tab_leaves_the_journal_table(qtbot, window, journal, clock):
    for hours in range(1, 30):
        journal.add_episode(Episode(Kind.TWITCH, clock.now() - timedelta(hours=hours), 10, 2))
    window.announce(journal.add_episode(Episode(Kind.CRAMP, clock.now(), 30, 4)))
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.show_section("journal")
    view = window.views["journal"]
    view.table.setFocus()
    view.table.selectRow(0)
    QTest.keyClick(view.table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not view.table
    view.table.setFocus()
    QTest.keyClick(view.table, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is not view.table
