"""Opening a journal file and holding it: the start-up prompts, the one-instance lock.

Used by start-up (:mod:`ui.app`) and by the main window's File > Open, so both open files the
same way: a damaged file is never replaced, a protected one asks for its passphrase, and one app
holds each journal.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget


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
    from journal.service.journal_file import JournalFile

    prompts = prompts or StartupPrompts(parent)
    path = JournalFile(db).path
    passphrase: str | None = None

    def damaged(message: str) -> Path | bool | None:
        """Offer a restore or another file: the path to try next, True to retry, else None."""
        journal_file = JournalFile(path, clock)
        latest = journal_file.latest_good_backup()
        choice = prompts.damaged(path, message, latest)
        if choice == "restore" and latest is not None:
            try:
                kept = journal_file.restore(latest.path)
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
                journal = Journal.open(path, clock)
            else:
                journal = Journal.open_with_passphrase(path, passphrase, clock, create=False)
            for notice in journal.opening_notices:  # e.g. an interrupted upgrade repaired
                prompts.info(_tr("The journal was repaired"), notice)
            return journal
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
    """One app per journal: a lock file beside it (an flock), and a local socket to wake the
    first one.

    A lock left by a process that was killed is recovered (the kernel dropped its flock).
    """

    activationRequested = Signal()

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from journal.service.journal_file import JournalFile

        self.db_path = Path(db_path)
        journal_file = JournalFile(self.db_path)
        journal_file.prepare_folder()
        # An flock the kernel drops when this process ends: a killed app's lock never blocks.
        self.lock = journal_file.instance_lock()
        self.name = instance_key(self.db_path)
        self.server = None
        self._clients: list = []

    def acquire(self) -> bool:
        from PySide6.QtNetwork import QLocalServer

        if not self.lock.try_lock():
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
        """What to tell someone when another window (or program) holds this journal's lock,
        or when the lock file cannot be written at all (a full disk, a read-only folder)."""
        if self.lock.error not in (None, "held"):
            return _tr("The journal's lock file cannot be written beside it ({1}), so the "
                       "journal was not opened. Free some space or check the folder, then "
                       "start again:\n{0}").format(str(self.lock.path), self.lock.error)
        return _tr("This journal is already open in another Symptom Journal window, or "
                   "another program holds its lock file:\n{0}").format(str(self.lock.path))

    def release(self) -> None:
        if self.server is not None:
            for sock in self._clients:
                sock.readyRead.disconnect(self._on_ready_read)
                sock.abort()
            self._clients.clear()
            self.server.close()
        if self.lock.is_locked():
            self.lock.unlock()


def bring_forward(window: QWidget) -> None:
    window.show()
    if window.isMinimized():
        window.showNormal()
    window.raise_()
    window.activateWindow()

