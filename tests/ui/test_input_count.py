"""Logging a typical episode takes at most 3 inputs from the main window; 4 with a trigger.

An application-wide event filter counts every key press and mouse press that reaches any
widget; the test then checks what was stored (kind, intensity, the rest from defaults).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from journal.model import Episode, Kind, Region, Side, TriggerTag
from tests.ui.conftest import open_form

MODIFIERS = {Qt.Key.Key_Control, Qt.Key.Key_Shift, Qt.Key.Key_Alt, Qt.Key.Key_Meta}


class InputCounter(QObject):
    """Counts user inputs: each key press (modifiers alone do not count) and mouse press."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0
        self._last: tuple[object, QObject] | None = None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        t = event.type()
        if t not in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress):
            return False
        if t == QEvent.Type.KeyPress:
            if event.key() in MODIFIERS or event.isAutoRepeat():  # type: ignore[attr-defined]
                return False
            signature: object = (t, event.key())  # type: ignore[attr-defined]
        else:
            signature = (t, event.button())  # type: ignore[attr-defined]
        # An event nobody accepts travels up to the parents: the same input, counted once.
        if self._last is not None and self._last[0] == signature and \
                _is_ancestor(obj, self._last[1]):
            self._last = (signature, obj)
            return False
        self._last = (signature, obj)
        self.count += 1
        return False


def _is_ancestor(candidate: QObject, child: QObject) -> bool:
    parent = child.parent()
    while parent is not None:
        if parent is candidate:
            return True
        parent = parent.parent()
    return False


@pytest.fixture
def counter(qapp):  # type: ignore[no-untyped-def]
    c = InputCounter()
    qapp.installEventFilter(c)
    yield c
    qapp.removeEventFilter(c)


@pytest.fixture
def last(journal, clock):  # type: ignore[no-untyped-def]
    ep = Episode(Kind.TWITCH, clock.now() - timedelta(hours=3), 10, 2, Side.LEFT,
                 (Region.GLUTE_MED,))
    journal.add_episode(ep)
    return ep


def _click_score(picker, value: int) -> None:  # type: ignore[no-untyped-def]
    point = picker._segment(value).center().toPoint()
    QTest.mouseClick(picker, Qt.MouseButton.LeftButton, pos=point)


def _newest(journal):  # type: ignore[no-untyped-def]
    return max(journal.episodes(), key=lambda e: e.started_at)


def test_typical_episode_by_mouse_takes_two_clicks(qtbot, window, journal, clock, last, counter):
    today = window.views["today"]
    QTest.mouseClick(today.kind_buttons[Kind.CRAMP], Qt.MouseButton.LeftButton)
    _click_score(today.picker, 6)
    assert counter.count <= 3
    assert counter.count == 2
    new = _newest(journal)
    assert (new.kind, new.intensity) == (Kind.CRAMP, 6)
    assert (new.side, new.regions, new.started_at) == (Side.LEFT, (Region.GLUTE_MED,),
                                                       clock.now())


def test_typical_episode_with_a_trigger_takes_three_clicks(qtbot, window, journal, last, counter):
    today = window.views["today"]
    QTest.mouseClick(today.kind_buttons[Kind.CRAMP], Qt.MouseButton.LeftButton)
    QTest.mouseClick(today.chips.buttons["prolonged_sitting"], Qt.MouseButton.LeftButton)
    _click_score(today.picker, 8)
    assert counter.count <= 4
    new = _newest(journal)
    assert (new.kind, new.intensity) == (Kind.CRAMP, 8)
    assert new.triggers == (TriggerTag("prolonged_sitting"),)
    # The chips are cleared for the next one.
    assert today.chips.selected() == []


def test_typical_episode_by_keyboard_takes_three_keys(qtbot, window, journal, last, counter):
    """Ctrl+N, a digit, Enter: kind and the rest come from the last episode."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    QTest.keySequence(window, QKeySequence(QKeySequence.StandardKey.New))
    form = open_form(qtbot, window)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_4)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not form.isVisible())
    assert counter.count <= 3
    new = _newest(journal)
    assert (new.kind, new.intensity, new.side) == (Kind.TWITCH, 4, Side.LEFT)
    assert len(journal.episodes()) == 2


def test_other_kind_by_keyboard_takes_four_keys_with_kind(qtbot, window, journal, last, counter):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    QTest.keySequence(window, QKeySequence(QKeySequence.StandardKey.New))
    form = open_form(qtbot, window)
    for key in (Qt.Key.Key_C, Qt.Key.Key_5, Qt.Key.Key_Return):
        QTest.keyClick(QApplication.focusWidget(), key)
    qtbot.waitUntil(lambda: not form.isVisible())
    assert counter.count <= 4
    new = _newest(journal)
    assert (new.kind, new.intensity) == (Kind.CRAMP, 5)


def test_from_start_a_digit_and_enter_log_an_episode(qtbot, journal, settings, last, counter):
    """A fresh window starts on Today's intensity: two keys log the last kind."""
    from ui.main_window import MainWindow

    w = MainWindow(journal, settings=settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    assert QApplication.focusWidget() is w.views["today"].picker
    counter.count = 0
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_3)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert counter.count == 2
    new = _newest(journal)
    assert (new.kind, new.intensity, new.side) == (Kind.TWITCH, 3, Side.LEFT)
