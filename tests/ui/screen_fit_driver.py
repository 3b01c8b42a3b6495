"""Run by tests/ui/test_screen_fit.py in a process of its own, on an offscreen screen of a given
size (and QT_SCALE_FACTOR): opens the main window, the episode form and the check-in, and prints
as JSON every window or button that does not lie inside the screen's available geometry."""

from __future__ import annotations

import json
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSettings
from PySide6.QtWidgets import QApplication, QWidget

from journal.clock import FixedClock
from journal.model import Episode, Kind
from journal.service import Journal


def global_rect(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def main(folder: str) -> None:
    app = QApplication(sys.argv[:1])
    now = datetime(2026, 3, 16, 15, 0, tzinfo=timezone(timedelta(hours=1)))
    journal = Journal.open(Path(folder) / "journal.sqlite3", FixedClock(now))
    journal.add_episode(Episode(Kind.CRAMP, now - timedelta(hours=2), 60, 5))
    settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
    from ui.main_window import MainWindow

    window = MainWindow(journal, settings=settings)
    window.show()
    app.processEvents()
    available = window.screen().availableGeometry()
    problems: list[str] = []

    def inside(name: str, widget: QWidget) -> None:
        rect = global_rect(widget) if not widget.isWindow() else widget.geometry()
        if not available.contains(rect):
            problems.append(f"{name} at {rect.getRect()} outside {available.getRect()}")

    inside("main window", window)
    inside("status bar", window.statusBar())
    for key in ("today", "journal", "trends", "report"):
        window.show_section(key)
        app.processEvents()
        inside(f"{key} section (its visible part)", window.stack_scroll.viewport())

    form = window.quick_log.open_form(Kind.TWITCH)
    app.processEvents()
    inside("episode form", form)
    for button in form.buttons.buttons():
        inside(f"episode form button {button.text()}", button)
    inside("episode form tabs", form.fields_scroll.viewport())
    form.reject()
    app.processEvents()

    checkin = window.open_checkin()
    app.processEvents()
    inside("check-in", checkin)
    for button in (checkin.save_button, checkin.cancel_button, checkin.next_button):
        inside(f"check-in button {button.text()}", button)
    checkin.reject()
    app.processEvents()

    print(json.dumps({"available": available.getRect(), "window": window.geometry().getRect(),
                      "problems": problems}))
    window.close()
    journal.close()


if __name__ == "__main__":
    main(sys.argv[1])
