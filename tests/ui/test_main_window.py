"""The main window: sections, the Log menu and its standard shortcuts, undo/redo by keyboard,
accessible names and keyboard reach on Today and Journal, and the stylesheet in both palettes."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLineEdit,
)

from journal.model import Episode, Kind
from tests.helpers.imports import cycles, import_graph
from ui.app import apply_palette
from ui.assets import resource_path
from ui.safety_actions import SafetyActions
from ui.tray import Tray
from ui.views.journal_view import JournalView
from ui.views.report_view import ReportView
from ui.views.today import TodayView
from ui.views.trends import TrendsView
from ui.widgets.flags_banner import FlagsBanner


def test_today_and_journal_sections_are_the_real_views(window):
    assert isinstance(window.views["today"], TodayView)
    assert isinstance(window.views["journal"], JournalView)
    assert window.stack.currentWidget() is window.views["today"]


def test_the_window_holds_its_sections_and_parts_by_name(window):
    assert isinstance(window.today, TodayView) and isinstance(window.journal_view, JournalView)
    assert isinstance(window.trends, TrendsView) and isinstance(window.report_view, ReportView)
    sections = [window.today, window.journal_view, window.trends, window.report_view]
    assert list(window.views.values()) == sections
    assert [window.stack.widget(i) for i in range(window.stack.count())] == sections
    titles = [window.sidebar.item(i).text() for i in range(window.sidebar.count())]
    assert titles == ["Today", "Journal", "Trends", "Report"]
    view_menu = [(a.text(), a.shortcut().toString())
                 for a in window.menu_named("View").actions()[:4]]
    assert view_menu == [("Today", "Ctrl+1"), ("Journal", "Ctrl+2"), ("Trends", "Ctrl+3"),
                         ("Report", "Ctrl+4")]
    assert isinstance(window.banner, FlagsBanner)
    assert isinstance(window.safety_actions, SafetyActions)
    assert isinstance(window.tray, Tray)
    assert window.flags_action is not None and window.flags_action.objectName() == "flagsAction"


def test_the_window_and_its_parts_import_one_way():
    """Start-up, the window, quick logging and the episode form: no import cycle among them,
    counting imports inside functions (the ones that once hid ui.app <-> ui.main_window)."""
    mine = {"ui.app", "ui.main_window", "ui.session", "ui.assets", "ui.defaults", "ui.tray",
            "ui.widgets.quick_log", "ui.dialogs.episode_form", "ui.widgets.body_map",
            "ui.views.today", "ui.views.journal_view", "ui.dialogs.checkin",
            "ui.widgets.notice", "journal.cli"}
    assert [c for c in cycles(import_graph()) if mine & set(c)] == []


def test_log_menu_uses_standard_shortcuts(window):
    assert window.new_episode_action.shortcut() == QKeySequence(QKeySequence.StandardKey.New)
    assert window.undo_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert window.quit_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Quit)
    log = window.menu_named("Log")
    texts = [a.text().replace("&", "") for a in log.actions() if a.text()]
    assert texts[:3] == ["New episode…", "Twitch now", "Cramp now"]
    assert "Daily check-in…" in texts
    # Menus other helpers rely on are still there.
    for name in ("File", "Edit", "View", "Help"):
        assert window.menu_named(name) is not None


def _focus_window(qtbot, window):  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def test_undo_and_redo_by_keyboard_for_add_edit_delete(qtbot, window, journal, clock):
    _focus_window(qtbot, window)
    QTest.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    (ep,) = journal.episodes()
    window.announce(journal.update_episode(ep.with_changes(intensity=9)))
    window.announce(journal.delete_episode(ep.id))
    today = window.views["today"]
    assert today.model.rowCount() == 0
    QTest.keySequence(window, QKeySequence(QKeySequence.StandardKey.Undo))
    assert journal.get_episode(ep.id).intensity == 9
    assert today.model.rowCount() == 1
    QTest.keySequence(window, QKeySequence(QKeySequence.StandardKey.Undo))
    assert journal.get_episode(ep.id).intensity == ep.intensity
    QTest.keySequence(window, QKeySequence(QKeySequence.StandardKey.Undo))
    assert journal.episodes() == []
    QTest.keySequence(window, QKeySequence("Ctrl+Shift+Z"))
    assert journal.get_episode(ep.id) == ep
    assert today.model.rowCount() == 1


def _unnamed_inputs(view):  # type: ignore[no-untyped-def]
    missing = []
    for cls in (QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit, QAbstractItemView):
        for w in view.findChildren(cls):
            if isinstance(w, QLineEdit) and isinstance(w.parent(), (QAbstractSpinBox, QComboBox)):
                continue
            if w.objectName().startswith("qt_") or not w.isVisibleTo(view) or \
                    isinstance(w, QHeaderView):  # part of its table, never focused
                continue
            if not (w.accessibleName() or (isinstance(w, QAbstractButton) and w.text())):
                missing.append(f"{type(w).__name__}:{w.objectName()}")
    return missing


@pytest.mark.parametrize("section", ["today", "journal"])
def test_every_input_has_an_accessible_name(window, section):
    window.show_section(section)
    assert _unnamed_inputs(window.views[section]) == []


def test_tab_reaches_the_quick_log_controls_in_order(qtbot, window):
    _focus_window(qtbot, window)
    today = window.views["today"]
    today.kind_buttons[Kind.TWITCH].setFocus()
    seen = []
    for _ in range(40):
        seen.append(QApplication.focusWidget())
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    order = [today.kind_buttons[Kind.TWITCH], *today.chips.buttons.values(),
             today.chips.more_button, today.picker, today.twitch_now, today.cramp_now,
             today.cramp_timer, today.checkin_button, today.meds_button, today.table]
    positions = [seen.index(w) for w in order]
    assert positions == list(range(positions[0], positions[0] + len(order)))
    # The kind buttons are one choice (like radio buttons): arrow keys move between them.
    today.kind_buttons[Kind.TWITCH].setFocus()
    QTest.keyClick(today.kind_buttons[Kind.TWITCH], Qt.Key.Key_Right)
    assert QApplication.focusWidget() is today.kind_buttons[Kind.CRAMP]


def test_ongoing_cramp_shortcut(qtbot, window, journal, clock):
    _focus_window(qtbot, window)
    QTest.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert "ended" in window.cramp_timer_action.text()
    clock.advance(timedelta(seconds=42))
    QTest.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    (cramp,) = journal.episodes()
    assert (cramp.kind, cramp.duration_s) == (Kind.CRAMP, 42)


def _luminance(c: QColor) -> float:
    def lin(v: float) -> float:
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    return 0.2126 * lin(c.red()) + 0.7152 * lin(c.green()) + 0.0722 * lin(c.blue())


def contrast(a: QColor, b: QColor) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_stylesheet_resolves_and_text_colours_have_contrast(qapp, window, scheme):
    apply_palette(qapp, scheme)
    window.apply_style()
    sheet = window.styleSheet()
    assert "@pick" not in sheet and "@ICONS@" not in sheet
    # Every rule that sets both a literal text colour and a literal background: WCAG AA 4.5:1.
    checked = 0
    # Disabled controls are exempt from AA; they still get 3:1 so they stay legible.
    for selector, block in re.findall(r"([^{}]+)\{([^}]*)\}", sheet):
        fg = re.search(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{6})", block)
        bg = re.search(r"background(?:-color)?:\s*(#[0-9a-fA-F]{6})", block)
        if fg and bg:
            ratio = contrast(QColor(fg.group(1)), QColor(bg.group(1)))
            needed = 3.0 if ":disabled" in selector else 4.5
            assert ratio >= needed, (selector.strip(), block.strip(), ratio)
            checked += 1
    assert checked >= 4
    # The palette's own text on window, and placeholder-like hints, stay readable too.
    pal = qapp.palette()
    assert contrast(pal.windowText().color(), pal.window().color()) >= 7
    apply_palette(qapp, "light")


def test_checkmark_icons_exist():
    assert resource_path("icons/check.svg").exists()
    assert resource_path("icons/check-dark.svg").exists()


def test_closing_without_a_tray_closes(qtbot, window, journal, clock):
    journal.add_episode(Episode(Kind.TWITCH, clock.now() - timedelta(minutes=1), 5, 1))
    window.close_to_tray = False
    assert window.close()
    assert not window.isVisible()


def test_style_follows_a_palette_change(qapp, window):
    apply_palette(qapp, "light")
    light = window.styleSheet()
    apply_palette(qapp, "dark")  # as when the system switches to dark
    qapp.processEvents()
    dark = window.styleSheet()
    apply_palette(qapp, "light")
    qapp.processEvents()
    assert light != dark
    assert "#2b2b30" in dark and "#2b2b30" not in light


def test_today_moves_on_at_midnight(window, journal, clock):
    today = window.views["today"]
    before = today.title.text()
    clock.advance(timedelta(days=1))
    today._check_day()
    assert today.title.text() != before
    assert "Tuesday, 17 March 2026" in today.title.text()  # CLDR's full en_GB pattern


def test_cramp_timer_can_be_cancelled_from_the_menu(window, journal):
    assert not window.cancel_timer_action.isEnabled()
    window.cramp_timer_action.trigger()
    assert window.cancel_timer_action.isEnabled()
    window.cancel_timer_action.trigger()
    assert window.quick_log.ongoing_start() is None
    assert journal.episodes() == []
