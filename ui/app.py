"""Application start-up: QApplication, palette, opening the journal, the main window.

``run(args)`` is called by the launcher when no subcommand is given. With ``--smoke-test`` it shows
the main window with its data, processes events until the window has painted, and exits 0.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from journal import APP_NAME, __version__

ORGANIZATION = "SymptomJournal"


def resource_path(name: str) -> Path:
    """A file shipped in ui/resources (the checkout's resources/ folder), found via the package."""
    from importlib.resources import files

    return Path(str(files("ui.resources").joinpath(name)))


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
    app.setDesktopFileName("symptom-journal")
    icon = resource_path("icons/app.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    apply_palette(app)
    app.styleHints().colorSchemeChanged.connect(lambda _s: apply_palette(app))
    return app


class _PaintWatcher(QObject):
    """Quits the event loop once the watched window has painted (for --smoke-test)."""

    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self.app = app
        self.painted = False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Paint and not self.painted:
            self.painted = isinstance(obj, QWidget) and obj.isVisible()
            QTimer.singleShot(0, self.app.quit)
        return False


def open_journal_or_explain(db: Path | None, parent=None):  # type: ignore[no-untyped-def]
    """Open the journal; on failure say why in a dialog and return None (nothing is replaced)."""
    from journal.service import Journal
    from journal.store.db import StorageError

    try:
        return Journal.open(db)
    except StorageError as exc:
        QMessageBox.critical(
            parent, QCoreApplication.translate("app", "Cannot open the journal"), str(exc)
        )
    except OSError as exc:
        QMessageBox.critical(
            parent, QCoreApplication.translate("app", "Cannot open the journal"),
            QCoreApplication.translate("app", "The journal file cannot be opened: {0}").format(
                exc.strerror or str(exc)),
        )
    return None


def run(args: argparse.Namespace) -> int:
    app = make_application()
    db = getattr(args, "db", None)
    journal = open_journal_or_explain(db)
    if journal is None:
        return 1

    from ui.main_window import MainWindow

    window = MainWindow(journal)
    if getattr(args, "smoke_test", False):
        watcher = _PaintWatcher(app)
        window.installEventFilter(watcher)
        window.show()
        QTimer.singleShot(20000, app.quit)  # never hang CI if nothing paints
        app.exec()
        ok = watcher.painted
        count = journal.count_episodes()
        window.close()
        journal.close()
        print(f"smoke-test {'ok' if ok else 'FAILED'}: {journal.path} "
              f"({count} episodes), window painted: {watcher.painted}")
        return 0 if ok else 1
    window.show()
    status = app.exec()
    journal.close()
    return int(status)
