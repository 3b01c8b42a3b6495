"""The tray: its actions add episodes, the reminder fires once a day, close-to-tray and Quit.

Offscreen there is no system tray (isSystemTrayAvailable() is False), so the actions are
triggered directly, as a click in the tray menu would.
"""

from __future__ import annotations

from datetime import time, timedelta

from journal.model import CheckIn, Kind
from ui import tray as tray_module


def test_install_adds_a_tray_to_the_window(window):
    assert isinstance(window.tray, tray_module.Tray)
    texts = [a.text().replace("&", "") for a in window.tray.menu.actions() if a.text()]
    assert texts[:2] == ["Log twitch now", "Log cramp now"]
    assert "Open journal" in texts and "Quit" in texts


def test_tray_actions_add_episodes(qtbot, window, journal):
    window.tray.log_twitch_action.trigger()
    window.tray.log_cramp_action.trigger()
    kinds = sorted(e.kind.value for e in journal.episodes())
    assert kinds == ["cramp", "twitch"]
    assert window.views["today"].model.rowCount() == 2


def test_tray_logging_works_while_the_window_is_hidden(qtbot, window, journal):
    window.hide()
    window.tray.log_twitch_action.trigger()
    assert len(journal.episodes(kind=Kind.TWITCH)) == 1
    assert not window.isVisible()
    window.tray.open_action.trigger()
    assert window.isVisible()


def test_tray_cramp_timer(qtbot, window, journal, clock):
    window.tray.cramp_timer_action.trigger()
    assert "ended" in window.tray.cramp_timer_action.text()
    clock.advance(timedelta(seconds=95))
    window.tray.cramp_timer_action.trigger()
    (cramp,) = journal.episodes()
    assert cramp.duration_s == 95


def test_reminder_fires_once_after_its_time_when_no_checkin(qtbot, window, journal, clock):
    tray = window.tray
    tray.set_reminder(True, time(14, 30))  # the clock says 15:00
    assert tray.check_reminder()
    assert window.notice.isVisible()  # no system tray offscreen: shown in the window
    assert not tray.check_reminder()  # once a day
    clock.advance(timedelta(days=1))
    clock.set(clock.now().replace(hour=9))
    assert not tray.check_reminder()  # too early
    clock.set(clock.now().replace(hour=21))
    journal.save_checkin(CheckIn(clock.now().date()))
    assert not tray.check_reminder()  # check-in already done


def test_reminder_off_by_default(window):
    assert not window.tray.reminder_enabled()
    assert not window.tray.check_reminder()


def test_close_to_tray_hides_and_quit_quits(qtbot, window, monkeypatch):
    window.close_to_tray = True
    window.close()
    assert not window.isVisible()
    assert window.journal is not None
    quits = []
    monkeypatch.setattr("ui.main_window.QApplication.quit", lambda: quits.append(1))
    window.show()
    window.tray.quit_action.trigger()
    assert quits == [1]
    assert not window.isVisible()


def test_without_a_system_tray_closing_really_closes(window):
    window.tray.apply_settings()
    assert window.tray.available is False
    assert window.close_to_tray is False
