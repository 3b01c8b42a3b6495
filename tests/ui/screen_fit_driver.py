"""Run by tests/ui/test_screen_fit.py in a process of its own, on an offscreen screen of a given
size (and QT_SCALE_FACTOR), or under X with a window manager (``--framed``): opens the main
window, the episode form and the check-in, and prints as JSON every window (its frame, title bar
included), status bar or button that does not lie inside the screen's available geometry, and
what the episode form cuts (``--lang CODE`` runs it in that language).

With ``--framed`` each window is checked once the window manager has framed it (waiting up to
five seconds for it); a window that never gets a frame is a problem too, since then the test
would check nothing a window manager does."""

from __future__ import annotations

import json
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSettings
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QPushButton, QScrollArea, QWidget

from journal.clock import FixedClock
from journal.model import Episode, Kind
from journal.service import Journal


def global_rect(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


#: The style sheet's padding and border of a push button, left plus right.
BUTTON_FRAME = 2 * 12 + 2 * 1


def form_problems(form) -> list[str]:  # type: ignore[no-untyped-def]
    """What the episode form cuts: a sideways scroll, a region name, a trigger's amount box, a
    tab title, a one-of-many button's text in the bold it has when chosen."""
    problems = []
    if form.fields_scroll.horizontalScrollBar().maximum() > 0:
        problems.append("episode form scrolls sideways")
    regions = form.regions.list
    room = regions.viewport().rect()
    for i in range(regions.count()):
        item = regions.item(i)
        rect = regions.visualItemRect(item)
        need = regions.fontMetrics().horizontalAdvance(item.text()) + 20  # the check box
        if not room.contains(rect) or need > rect.width():
            problems.append(f"region {item.text()!r} cut ({rect.getRect()} in {room.getRect()}, "
                            f"needs {need})")
    holder = form.triggers.parentWidget()
    while holder is not None and not isinstance(holder, QScrollArea):
        holder = holder.parentWidget()
    if holder is not None and holder.horizontalScrollBar().maximum() > 0:
        problems.append("the triggers and their amounts scroll sideways")
    bar = form.tabs.tabBar()
    for i in range(bar.count()):
        if not bar.rect().contains(bar.tabRect(i)):
            problems.append(f"tab {bar.tabText(i)!r} hidden ({bar.tabRect(i).getRect()} in "
                            f"{bar.rect().getRect()})")
    for button in form.findChildren(QPushButton):
        if not (button.isVisible() and button.isCheckable()):
            continue
        bold = QFont(button.font())
        bold.setBold(True)
        need = QFontMetrics(bold).horizontalAdvance(button.text().replace("&", ""))
        if need > button.width() - BUTTON_FRAME:
            problems.append(f"button {button.text()!r} cut when chosen ({need} > "
                            f"{button.width() - BUTTON_FRAME})")
    return problems


def framed_by_wm(window: QWidget) -> bool:
    return window.frameGeometry() != window.geometry()


def main(folder: str, framed: bool, lang: str) -> None:
    app = QApplication(sys.argv[:1])
    if lang != "en":
        from ui.translation import install

        install(lang)
    now = datetime(2026, 3, 16, 15, 0, tzinfo=timezone(timedelta(hours=1)))
    journal = Journal.open(Path(folder) / "journal.sqlite3", FixedClock(now))
    journal.add_episode(Episode(Kind.CRAMP, now - timedelta(hours=2), 60, 5))
    settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
    from ui.main_window import MainWindow

    problems: list[str] = []

    def settle(window: QWidget) -> None:
        """Let the window manager frame the window (and the app refit it), when there is one."""
        app.processEvents()
        if not framed:
            return
        deadline = time.monotonic() + 5
        while not framed_by_wm(window) and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.02)
        if not framed_by_wm(window):
            problems.append(f"{window.objectName() or type(window).__name__} got no frame")
        for _ in range(20):  # the refit's own move and resize, and the frame's answer to them
            app.processEvents()
            time.sleep(0.01)

    window = MainWindow(journal, settings=settings)
    window.show()
    settle(window)
    available = window.screen().availableGeometry()

    def inside(name: str, widget: QWidget) -> None:
        rect = global_rect(widget) if not widget.isWindow() else widget.frameGeometry()
        if not available.contains(rect):
            problems.append(f"{name} at {rect.getRect()} outside {available.getRect()}")

    inside("main window", window)
    inside("status bar", window.statusBar())
    for key in ("today", "journal", "trends", "report"):
        window.show_section(key)
        app.processEvents()
        inside(f"{key} section (its visible part)", window.stack_scroll.viewport())

    form = window.quick_log.open_form(Kind.TWITCH)
    settle(form)
    inside("episode form", form)
    for button in form.buttons.buttons():
        inside(f"episode form button {button.text()}", button)
    inside("episode form tabs", form.fields_scroll.viewport())
    problems.extend(form_problems(form))
    form.reject()
    app.processEvents()

    checkin = window.open_checkin()
    settle(checkin)
    inside("check-in", checkin)
    for button in (checkin.save_button, checkin.cancel_button, checkin.next_button):
        inside(f"check-in button {button.text()}", button)
    checkin.reject()
    app.processEvents()

    print(json.dumps({"available": available.getRect(), "window": window.geometry().getRect(),
                      "frame": window.frameGeometry().getRect(), "problems": problems}))
    window.close()
    journal.close()


if __name__ == "__main__":
    options = sys.argv[2:]
    main(sys.argv[1], "--framed" in options,
         options[options.index("--lang") + 1] if "--lang" in options else "en")
