"""Application start-up: QApplication, palette, opening the journal, the main window.

``run(args)`` is called by the launcher when no subcommand is given. With ``--smoke-test`` it shows
the main window with its data, processes events until the window has painted, and exits 0.
Opening a journal file and its one-instance lock live in :mod:`ui.session` (File > Open uses them
too); the names are re-exported here for the callers that know them from this module.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from journal import APP_ID, APP_NAME, __version__
from ui.assets import resource_path
from ui.session import (
    SingleInstance,
    StartupPrompts,
    _tr,
    bring_forward,
    instance_key,
    open_journal_or_explain,
)

__all__ = [
    "SingleInstance", "StartupPrompts", "apply_palette", "bring_forward", "dark_palette",
    "instance_key", "light_palette", "make_application", "open_journal_or_explain",
    "resource_path", "run",
]

ORGANIZATION = "SymptomJournal"
#: The garbage collector is back on this long after the window was shown, painted or not.
GC_BACK_ON_MS = 5000


def dark_palette() -> QPalette:
    p = QPalette()
    window, base, text = QColor(37, 37, 40), QColor(28, 28, 30), QColor(232, 232, 232)
    p.setColor(QPalette.ColorRole.Window, window)
    p.setColor(QPalette.ColorRole.WindowText, text)
    p.setColor(QPalette.ColorRole.Base, base)
    p.setColor(QPalette.ColorRole.AlternateBase, QColor(44, 44, 48))
    p.setColor(QPalette.ColorRole.ToolTipBase, QColor(50, 50, 54))
    p.setColor(QPalette.ColorRole.ToolTipText, text)
    p.setColor(QPalette.ColorRole.Text, text)
    p.setColor(QPalette.ColorRole.PlaceholderText, QColor(150, 150, 150))
    p.setColor(QPalette.ColorRole.Button, QColor(48, 48, 52))
    p.setColor(QPalette.ColorRole.ButtonText, text)
    p.setColor(QPalette.ColorRole.BrightText, QColor(255, 120, 120))
    p.setColor(QPalette.ColorRole.Link, QColor(110, 180, 255))
    p.setColor(QPalette.ColorRole.Highlight, QColor(0, 114, 178))
    p.setColor(QPalette.ColorRole.HighlightedText, QColor(255, 255, 255))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(130, 130, 130))
    return p


def light_palette() -> QPalette:
    from PySide6.QtWidgets import QStyleFactory

    style = QStyleFactory.create("Fusion")
    return style.standardPalette() if style else QPalette()


def apply_palette(app: QApplication, scheme: str | None = None) -> str:
    """Follow the system colour scheme ('light'/'dark' forces one). Returns the one applied."""
    if scheme is None:
        hints = QGuiApplication.styleHints()
        scheme = "dark" if hints.colorScheme() == Qt.ColorScheme.Dark else "light"
    app.setPalette(dark_palette() if scheme == "dark" else light_palette())
    return scheme


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication(argv if argv is not None else [sys.argv[0]])
    app.setStyle("Fusion")
    app.setDesktopFileName(APP_ID)
    _log_uncaught_exceptions()
    icon = resource_path("icons/app.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    apply_palette(app)
    app.styleHints().colorSchemeChanged.connect(lambda _s: apply_palette(app))
    return app


def _log_uncaught_exceptions() -> None:
    """An exception escaping a slot goes to the app's log file (journal.logfile) as well as to
    the terminal, so a problem seen in a window started from the menu can be reported."""
    import logging

    previous = sys.excepthook
    if getattr(previous, "_symptom_journal", False):
        return

    def hook(kind, value, tb):  # type: ignore[no-untyped-def]
        logging.getLogger("ui").error("uncaught exception", exc_info=(kind, value, tb))
        previous(kind, value, tb)

    hook._symptom_journal = True  # type: ignore[attr-defined]
    sys.excepthook = hook


def collect_garbage_again() -> None:
    """Turn the cyclic garbage collector back on after the start (the launcher turns it off
    while the app starts), with what the start made frozen: the modules, classes, mappings and
    widgets live as long as the app, so later collections, during the person's clicks, no
    longer walk them. Nothing when the collector is on already (the app was started some other
    way, e.g. by a test).

    No collection first: on the 10-year journal it took 33-44 ms of the GUI thread right after
    the first paint to find 122 unreachable objects (22 classes made at import time with their
    tuples, dicts and descriptors, holding no file or connection), which are kept instead."""
    import gc

    if gc.isenabled():
        return
    gc.freeze()
    gc.enable()


class _AfterFirstPaint(QObject):
    """Calls ``then`` once, on the next turn of the event loop after the window first paints."""

    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._then = then
        window.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(obj, QWidget):
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self._then)
        return False


class _PaintWatcher(QObject):
    """Quits the event loop once the watched window has painted (for --smoke-test)."""

    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self.app = app
        self.painted = False
        #: ``time.monotonic()`` at the first paint, and the main thread's CPU time by then
        #: (``time.thread_time()``), for the start-up bench.
        self.painted_at: float | None = None
        self.painted_cpu: float | None = None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.painted:
            self.painted = isinstance(obj, QWidget) and obj.isVisible()
            if self.painted:
                import time

                self.painted_at, self.painted_cpu = time.monotonic(), time.thread_time()
            QTimer.singleShot(0, self.app.quit)
        return False


def run(args: argparse.Namespace) -> int:
    app = make_application()
    from ui.translation import chosen_language, install

    # Before any window is built: every widget reads its words once, when it is made.
    install(chosen_language(getattr(args, "lang", None)))
    from journal.service.journal_file import JournalFile

    db_path = JournalFile(getattr(args, "db", None)).path
    smoke = getattr(args, "smoke_test", False)
    guard = SingleInstance(db_path)
    if not guard.acquire():
        if guard.notify_running():
            print(f"Symptom Journal already has {db_path} open; its window was brought forward.")
            return 0
        message = guard.held_elsewhere_text()
        if smoke:
            print(message)
        else:
            QMessageBox.information(None, _tr("Already open"), message)
        return 1
    window = None
    #: Set once the app has closed cleanly: only then is the process ended at once.
    finished: int | None = None
    try:
        journal = open_journal_or_explain(db_path)
        if journal is None:
            return 1

        # The window and its sections are imported once the journal is open, so a passphrase
        # or damaged-file prompt is not kept waiting by them.
        from ui.main_window import MainWindow
        from ui.safety_actions import start_automatic_backups

        window = MainWindow(journal)
        window.instance_guard = guard
        guard.activationRequested.connect(lambda: bring_forward(window))
        start_automatic_backups(window)
        _AfterFirstPaint(window, collect_garbage_again)
        # And in any case a little later, should no paint come (a window manager that starts it
        # minimised): a whole session without cyclic collection would only grow.
        QTimer.singleShot(GC_BACK_ON_MS, collect_garbage_again)
        if smoke:
            watcher = _PaintWatcher(app)
            window.installEventFilter(watcher)
            window.show()
            QTimer.singleShot(20000, app.quit)  # never hang CI if nothing paints
            app.exec()
            collect_garbage_again()  # its turn may not have come before the quit
            ok = watcher.painted
            count = window.journal.count_episodes()
            window.close()
            window.journal.close()
            print(f"smoke-test {'ok' if ok else 'FAILED'}: {window.journal.path} "
                  f"({count} episodes), window painted: {watcher.painted}")
            if watcher.painted_at is not None:
                print(f"first paint at monotonic {watcher.painted_at:.6f} s, "
                      f"main thread CPU {watcher.painted_cpu:.6f} s")
            return 0 if ok else 1
        window.show()
        status = int(app.exec())
        from ui.shutdown import stop_background_work

        stop_background_work(window)
        window.journal.close()
        finished = status
        return status
    finally:
        import gc

        gc.enable()  # if the start ended before the window painted
        # The lock of the journal open last (File > Open swaps it for the new file's).
        held = window.instance_guard if window is not None else None
        (held or guard).release()
        if finished is not None:
            # Everything is written and the lock is free: skip waiting for throwaway
            # background work and the interpreter's teardown (ui/shutdown.py says why).
            from ui.shutdown import exit_now

            exit_now(finished)

