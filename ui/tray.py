"""The tray icon: log a twitch or cramp without opening the window, and a daily check-in reminder.

``install(window)`` is called by the main window at start. When the desktop has a system tray and
the tray is enabled (the default), closing the window keeps the app running in the tray, as tray
users expect; Quit (in the tray menu or Ctrl+Q) quits. Without a tray (some desktops, offscreen
tests) the same actions exist and the reminder shows in the window instead.
"""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtCore import QObject, QTime, QTimer
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMenu,
    QSystemTrayIcon,
    QTimeEdit,
    QVBoxLayout,
)

from journal import APP_NAME
from journal.model import Kind
from ui.assets import resource_path

TRAY_ENABLED = "tray/enabled"
REMINDER_ENABLED = "tray/reminder_enabled"
REMINDER_TIME = "tray/reminder_time"
REMINDED_ON = "tray/reminded_on"
TOLD_ABOUT_TRAY = "tray/told_close_to_tray"
DEFAULT_REMINDER = time(20, 0)
#: How often the reminder clock is checked; a minute late is fine for a daily nudge.
CHECK_INTERVAL_MS = 30_000


def _bool(value: object, default: bool) -> bool:
    if value is None or value == "":
        return default
    if isinstance(value, str):
        return value.lower() in ("1", "true", "yes")
    return bool(value)


class Tray(QObject):
    def __init__(self, window) -> None:  # type: ignore[no-untyped-def]
        super().__init__(window)
        self.window = window
        self.settings = window.settings
        icon = QApplication.windowIcon()
        if icon.isNull():
            icon = QIcon(str(resource_path("icons/app.svg")))
        self.icon = QSystemTrayIcon(icon, window)
        self.icon.setToolTip(APP_NAME)
        self.menu = QMenu()
        self.log_twitch_action = self._action(self.tr("Log &twitch now"), self.log_twitch)
        self.log_cramp_action = self._action(self.tr("Log &cramp now"), self.log_cramp)
        self.cramp_timer_action = self._action(self.tr("Cramp &started (timer)"),
                                               window.toggle_cramp_timer)
        self.menu.addSeparator()
        self.open_action = self._action(self.tr("&Open journal"), self.open_journal)
        self.checkin_action = self._action(self.tr("Daily &check-in…"), self.open_checkin)
        self.settings_action = self._action(self.tr("Tray and &reminder…"), self.edit_settings)
        self.menu.addSeparator()
        self.quit_action = self._action(self.tr("&Quit"), window.quit_app)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        self.icon.messageClicked.connect(self._message_clicked)
        self._last_message_is_reminder = False
        window.quick_log.ongoingChanged.connect(self._update_timer_action)
        self._update_timer_action()

        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_INTERVAL_MS)
        self.timer.timeout.connect(self.check_reminder)
        self.timer.start()
        self.apply_settings()

    def _action(self, text: str, slot) -> QAction:  # type: ignore[no-untyped-def]
        a = QAction(text, self.menu)
        a.triggered.connect(lambda _=False: slot())
        self.menu.addAction(a)
        return a

    # --- settings ---------------------------------------------------------------------------

    @property
    def available(self) -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    def enabled(self) -> bool:
        return _bool(self.settings.value(TRAY_ENABLED), True)

    def reminder_enabled(self) -> bool:
        return _bool(self.settings.value(REMINDER_ENABLED), False)

    def reminder_time(self) -> time:
        raw = str(self.settings.value(REMINDER_TIME, "") or "")
        try:
            return time.fromisoformat(raw) if raw else DEFAULT_REMINDER
        except ValueError:
            return DEFAULT_REMINDER

    def set_reminder(self, enabled: bool, at: time) -> None:
        self.settings.setValue(REMINDER_ENABLED, enabled)
        self.settings.setValue(REMINDER_TIME, at.strftime("%H:%M"))
        self.settings.sync()

    def set_enabled(self, enabled: bool) -> None:
        self.settings.setValue(TRAY_ENABLED, enabled)
        self.settings.sync()
        self.apply_settings()

    def apply_settings(self) -> None:
        showing = self.available and self.enabled()
        self.icon.setVisible(showing)
        self.window.close_to_tray = showing

    def edit_settings(self) -> None:
        self.window.show_from_tray()
        dialog = TraySettingsDialog(self)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()

    # --- actions ----------------------------------------------------------------------------

    def log_twitch(self) -> None:
        self.window.quick_log.log_now(Kind.TWITCH)

    def log_cramp(self) -> None:
        self.window.quick_log.log_now(Kind.CRAMP)

    def open_journal(self) -> None:
        self.window.show_from_tray()
        self.window.show_section("today")

    def open_checkin(self) -> None:
        self.window.open_checkin()

    def _update_timer_action(self) -> None:
        running = self.window.quick_log.ongoing_start() is not None
        self.cramp_timer_action.setText(
            self.tr("Cramp &ended (stop timer)") if running else self.tr("Cramp &started (timer)"))

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            if self.window.isVisible() and not self.window.isMinimized():
                self.window.hide()
            else:
                self.open_journal()

    def _message_clicked(self) -> None:
        if self._last_message_is_reminder:
            self.open_checkin()
        else:
            self.open_journal()

    def show_message(self, text: str, *, error: bool = False, reminder: bool = False) -> bool:
        """A tray notification; False when there is no tray to show it in."""
        if not self.icon.isVisible():
            return False
        self._last_message_is_reminder = reminder
        kind = (QSystemTrayIcon.MessageIcon.Warning if error
                else QSystemTrayIcon.MessageIcon.Information)
        self.icon.showMessage(APP_NAME, text, kind, 6000)
        return True

    def closed_to_tray(self) -> None:
        if _bool(self.settings.value(TOLD_ABOUT_TRAY), False):
            return
        self.settings.setValue(TOLD_ABOUT_TRAY, True)
        self.show_message(self.tr("Symptom Journal is still running in the tray, ready for the "
                                  "next quick log. Use Quit in its menu to stop it."))

    # --- the daily reminder -----------------------------------------------------------------

    def reminder_due(self, now: datetime) -> bool:
        if not self.reminder_enabled():
            return False
        today: date = now.date()
        if str(self.settings.value(REMINDED_ON, "") or "") == today.isoformat():
            return False
        if now.time().replace(tzinfo=None) < self.reminder_time():
            return False
        return self.window.journal.get_checkin(today) is None

    def check_reminder(self) -> bool:
        now = self.window.journal.now()
        if not self.reminder_due(now):
            return False
        self.settings.setValue(REMINDED_ON, now.date().isoformat())
        self.settings.sync()
        text = self.tr("Time for today's check-in: about 20 seconds.")
        if not self.show_message(text, reminder=True):
            self.window.notice.show_message(
                text, [(self.tr("Do the check-in"), self.open_checkin)], timeout_ms=0)
        return True


class TraySettingsDialog(QDialog):
    def __init__(self, tray: Tray) -> None:
        super().__init__(tray.window)
        self.tray = tray
        self.setWindowTitle(self.tr("Tray and reminder"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.tray_box = QCheckBox(self.tr("Keep running in the tray when the window is closed"),
                                  self)
        self.tray_box.setChecked(tray.enabled())
        if not tray.available:
            self.tray_box.setEnabled(False)
            self.tray_box.setToolTip(self.tr("This desktop has no system tray."))
        self.reminder_box = QCheckBox(self.tr("Remind me to do the daily check-in"), self)
        self.reminder_box.setChecked(tray.reminder_enabled())
        self.time_edit = QTimeEdit(self)
        self.time_edit.setDisplayFormat("HH:mm")
        self.time_edit.setAccessibleName(self.tr("Reminder time"))
        at = tray.reminder_time()
        self.time_edit.setTime(QTime(at.hour, at.minute))
        self.time_edit.setEnabled(self.reminder_box.isChecked())
        self.reminder_box.toggled.connect(self.time_edit.setEnabled)
        form.addRow(self.tray_box)
        form.addRow(self.reminder_box)
        form.addRow(self.tr("&At"), self.time_edit)
        layout.addLayout(form)
        note = QLabel(self.tr("The reminder only appears if today's check-in is not done yet."),
                      self)
        note.setObjectName("hint")
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def save(self) -> None:
        t = self.time_edit.time()
        self.tray.set_reminder(self.reminder_box.isChecked(), time(t.hour(), t.minute()))
        if self.tray.available:
            self.tray.set_enabled(self.tray_box.isChecked())
        self.accept()


def install(window) -> Tray:  # type: ignore[no-untyped-def]
    tray = Tray(window)
    action = QAction(QApplication.translate("tray", "Tray and &reminder…"), window)
    action.triggered.connect(lambda _=False: tray.edit_settings())
    window.menu_named("View").addSeparator()
    window.menu_named("View").addAction(action)
    return tray
