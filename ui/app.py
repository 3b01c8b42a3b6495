"""Application start-up: QApplication, palette, opening the journal, the main window.

``run(args)`` is called by the launcher when no subcommand is given. With ``--smoke-test`` it shows
the main window with its data, processes events until the window has painted, and exits 0.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from journal import APP_ID, APP_NAME, __version__

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
    app.setDesktopFileName(APP_ID)
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

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.painted:
            self.painted = isinstance(obj, QWidget) and obj.isVisible()
            QTimer.singleShot(0, self.app.quit)
        return False


def _tr(text: str) -> str:
    return QCoreApplication.translate("app", text)


class StartupPrompts:
    """The questions start-up may need to ask. Tests pass an object with the same methods."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def ask_passphrase(self, path: Path, problem: str) -> str | None:
        from PySide6.QtWidgets import QInputDialog, QLineEdit

        text = _tr("This journal is protected with a passphrase:\n{0}\n\nPassphrase:").format(
            str(path))
        if problem:
            text = problem + "\n\n" + text
        value, ok = QInputDialog.getText(self.parent, _tr("Open protected journal"), text,
                                         QLineEdit.EchoMode.Password)
        return value if ok and value else None

    def damaged(self, path: Path, message: str, latest: object | None) -> str:
        """'restore', 'open' or 'quit'."""
        box = QMessageBox(self.parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(_tr("The journal cannot be opened"))
        box.setText(_tr("The journal file cannot be used, so it has been left exactly as it "
                        "is."))
        details = message
        if latest is not None:
            details += "\n\n" + _tr("The latest good backup is from {0}.").format(
                getattr(latest, "label", ""))
        else:
            details += "\n\n" + _tr("No good backup was found beside it.")
        box.setInformativeText(details)
        restore = None
        if latest is not None:
            restore = box.addButton(_tr("Restore latest good backup"),
                                    QMessageBox.ButtonRole.AcceptRole)
        other = box.addButton(_tr("Open another file…"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(_tr("Quit"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restore or other)
        box.exec()
        clicked = box.clickedButton()
        if restore is not None and clicked is restore:
            return "restore"
        if clicked is other:
            return "open"
        return "quit"

    def choose_file(self, near: Path) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(
            self.parent, _tr("Open journal file"), str(near.parent),
            _tr("Symptom Journal files (*.sqlite3);;All files (*)"))
        return Path(path) if path else None

    def error(self, title: str, message: str) -> None:
        QMessageBox.critical(self.parent, title, message)

    def info(self, title: str, message: str) -> None:
        QMessageBox.information(self.parent, title, message)


def open_journal_or_explain(db: Path | None, parent=None, *,  # type: ignore[no-untyped-def]
                            prompts=None, clock=None):
    """Open the journal; on failure say why and offer what can be done; None if not opened.

    A damaged file is never replaced: the person may restore the latest good backup (the
    damaged file is kept in backups/ first) or open another file. A protected journal asks for
    its passphrase; a wrong one changes nothing and asks again.
    """
    from journal.errors import (
        NotAJournalError,
        PassphraseRequiredError,
        StorageError,
        WrongPassphraseError,
    )
    from journal.service import Journal
    from journal.store import backup, files

    prompts = prompts or StartupPrompts(parent)
    path = Path(db) if db is not None else files.default_db_path()
    passphrase: str | None = None

    def damaged(message: str) -> Path | bool | None:
        """Offer a restore or another file: the path to try next, True to retry, else None."""
        latest = backup.latest_good_backup(path)
        choice = prompts.damaged(path, message, latest)
        if choice == "restore" and latest is not None:
            from datetime import datetime

            try:
                kept = backup.restore(path, latest.path, datetime.now().astimezone())
            except StorageError as restore_exc:
                prompts.error(_tr("The backup could not be restored"), str(restore_exc))
                return None
            prompts.info(_tr("Backup restored"), _tr(
                "The journal was restored from the backup of {0}. The file it replaced was "
                "kept as {1}.").format(latest.label, str(kept)))
            return True
        if choice == "open":
            return prompts.choose_file(path)
        return None

    for _attempt in range(20):  # each turn is a person's answer; never loop unattended
        try:
            if passphrase is None:
                return Journal.open(path, clock)
            return Journal.open_with_passphrase(path, passphrase, clock, create=False)
        except PassphraseRequiredError as exc:
            problem = str(exc) if isinstance(exc, WrongPassphraseError) else ""
            passphrase = prompts.ask_passphrase(path, problem)
            if passphrase is not None:
                continue
            # No passphrase: perhaps none was ever set and the file is damaged.
            next_step = damaged(str(exc))
        except NotAJournalError as exc:  # damaged, truncated, empty, or not a journal
            next_step = damaged(str(exc))
        except StorageError as exc:
            prompts.error(_tr("Cannot open the journal"), str(exc))
            return None
        except OSError as exc:
            prompts.error(_tr("Cannot open the journal"),
                          _tr("The journal file cannot be opened: {0}").format(
                              exc.strerror or str(exc)))
            return None
        if next_step is None or next_step is False:
            return None
        if isinstance(next_step, Path):
            path = next_step
        passphrase = None
    return None


def instance_key(db_path: Path) -> str:
    """A name for the local socket of the app that has ``db_path`` open (per user and file)."""
    import getpass
    import hashlib

    resolved = str(Path(db_path).expanduser().resolve())
    digest = hashlib.sha256(f"{getpass.getuser()}\0{resolved}".encode()).hexdigest()[:20]
    return f"symptom-journal-{digest}"


class SingleInstance(QObject):
    """One app per journal: a QLockFile beside it, and a local socket to wake the first one.

    A lock left by a process that was killed is recovered (Qt checks the process is gone).
    """

    activationRequested = Signal()

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtCore import QLockFile

        from journal.store import backup, files

        self.db_path = Path(db_path)
        files.ensure_private_dir(self.db_path.parent)
        self.lock = QLockFile(str(backup.lock_path(self.db_path)))
        self.lock.setStaleLockTime(0)  # never steal a live lock; a dead process's is stale
        self.name = instance_key(self.db_path)
        self.server = None
        self._clients: list = []

    def acquire(self) -> bool:
        from PySide6.QtNetwork import QLocalServer

        if not self.lock.tryLock(200):
            return False
        QLocalServer.removeServer(self.name)  # a socket left by a killed instance
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._on_connection)
        self.server.listen(self.name)
        return True

    def _on_connection(self) -> None:
        if self.server is None:
            return
        while self.server.hasPendingConnections():
            sock = self.server.nextPendingConnection()  # a child of the server, freed with it
            self._clients.append(sock)
            sock.readyRead.connect(self._on_ready_read)
            if sock.bytesAvailable():
                self._on_message(sock)

    def _on_ready_read(self) -> None:
        for sock in list(self._clients):
            if sock.bytesAvailable():
                self._on_message(sock)

    def _on_message(self, sock) -> None:  # type: ignore[no-untyped-def]
        data = bytes(sock.readAll().data())
        if b"activate" in data:
            self.activationRequested.emit()

    def notify_running(self, timeout_ms: int = 1500) -> bool:
        """Ask the running app to bring its window forward. False if it cannot be reached."""
        from PySide6.QtNetwork import QLocalSocket

        sock = QLocalSocket()
        sock.connectToServer(self.name)
        if not sock.waitForConnected(timeout_ms):
            return False
        sock.write(b"activate\n")
        ok = sock.waitForBytesWritten(timeout_ms)
        sock.disconnectFromServer()
        return bool(ok)

    def held_elsewhere_text(self) -> str:
        """What to tell someone when another window (or program) holds this journal's lock."""
        return _tr("This journal is already open in another Symptom Journal window, or "
                   "another program holds its lock file:\n{0}").format(str(self.lock.fileName()))

    def release(self) -> None:
        if self.server is not None:
            for sock in self._clients:
                sock.readyRead.disconnect(self._on_ready_read)
                sock.abort()
            self._clients.clear()
            self.server.close()
        if self.lock.isLocked():
            self.lock.unlock()


def bring_forward(window: QWidget) -> None:
    window.show()
    if window.isMinimized():
        window.showNormal()
    window.raise_()
    window.activateWindow()


def run(args: argparse.Namespace) -> int:
    app = make_application()
    from journal.store import files

    db = getattr(args, "db", None)
    db_path = Path(db) if db is not None else files.default_db_path()
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
    try:
        journal = open_journal_or_explain(db_path)
        if journal is None:
            return 1

        from ui.main_window import MainWindow

        window = MainWindow(journal)
        window.instance_guard = guard
        guard.activationRequested.connect(lambda: bring_forward(window))
        _start_automatic_backups(window)
        if smoke:
            watcher = _PaintWatcher(app)
            window.installEventFilter(watcher)
            window.show()
            QTimer.singleShot(20000, app.quit)  # never hang CI if nothing paints
            app.exec()
            ok = watcher.painted
            count = window.journal.count_episodes()
            window.close()
            window.journal.close()
            print(f"smoke-test {'ok' if ok else 'FAILED'}: {window.journal.path} "
                  f"({count} episodes), window painted: {watcher.painted}")
            return 0 if ok else 1
        window.show()
        status = app.exec()
        window.journal.close()
        return int(status)
    finally:
        # The lock of the journal open last (File > Open swaps it for the new file's).
        held = window.instance_guard if window is not None else None
        (held or guard).release()


def _start_automatic_backups(window: QWidget) -> None:
    try:
        from ui import safety_actions
    except ModuleNotFoundError:
        return
    safety_actions.start_automatic_backups(window)
