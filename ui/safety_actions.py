"""File menu actions for the safety of the data: back up now, restore from a backup, protect
with a passphrase, delete all my data; and the automatic backups while the app runs.

``install(window)`` is called once by the main window. ``start_automatic_backups(window)`` is
called by the app at start (not by tests that merely build a window): a backup at start when
the data changed since the last one, then a check every few minutes that backs up every few
hours while the data keeps changing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from journal.errors import StorageError, ValidationError
from journal.service import Change

if TYPE_CHECKING:
    from ui.host import JournalHost

#: The backup at start waits this long, so the window paints first.
START_DELAY_MS = 2000
#: How often the running app checks whether a backup is due (the interval itself is hours).
CHECK_EVERY_MS = 15 * 60 * 1000


class DeleteAllDialog(QDialog):
    """Asks the person to type a word before everything is deleted (no accidental click)."""

    def __init__(self, db_path: Path, backups: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Delete all my data"))
        self.word = self.tr("delete")
        layout = QVBoxLayout(self)
        text = QLabel(self.tr(
            "This permanently removes your journal and its {0} backup(s):\n{1}\n\n"
            "It cannot be undone. If you may want your records later (for a doctor, say), "
            "export them first (File > Export).\n\n"
            "Type \u201c{2}\u201d to confirm.").format(backups, str(db_path), self.word), self)
        text.setWordWrap(True)
        layout.addWidget(text)
        self.entry = QLineEdit(self)
        self.entry.setAccessibleName(self.tr("Type {0} to confirm").format(self.word))
        text.setBuddy(self.entry)
        layout.addWidget(self.entry)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.delete_button = self.buttons.addButton(self.tr("Delete everything"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.delete_button.setEnabled(False)
        self.delete_button.setAutoDefault(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.entry.textChanged.connect(self._check)

    def _check(self, text: str) -> None:
        self.delete_button.setEnabled(text.strip().casefold() == self.word.casefold())


class PassphraseDialog(QDialog):
    """A new passphrase, typed twice."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Protect with a passphrase"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Your journal and its backups will be encrypted. You will type the passphrase "
            "each time the app starts. It is not stored anywhere: if you forget it, nobody "
            "can open the journal, not even us. A backup without encryption is made first "
            "and then encrypted too."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.first = QLineEdit(self)
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.first.setAccessibleName(self.tr("New passphrase"))
        self.second = QLineEdit(self)
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.second.setAccessibleName(self.tr("Passphrase again"))
        form.addRow(self.tr("&New passphrase:"), self.first)
        form.addRow(self.tr("&Again:"), self.second)
        layout.addLayout(form)
        self.problem = QLabel("", self)
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName(self.tr("Problem with the passphrase"))
        layout.addWidget(self.problem)
        self.setMinimumWidth(460)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._accept_if_valid)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def passphrase(self) -> str:
        return self.first.text()

    def _accept_if_valid(self) -> None:
        from journal.service.journal_file import validate_passphrase

        if self.first.text() != self.second.text():
            self._show_problem(self.tr("The two passphrases differ; type them again."))
            return
        try:
            validate_passphrase(self.first.text())
        except ValidationError as exc:
            self._show_problem(str(exc))
            return
        self.accept()

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.adjustSize()


class RestoreDialog(QDialog):
    """Pick one of the backups beside the journal, or another backup file."""

    def __init__(self, backups: list, parent: QWidget | None = None) -> None:  # type: ignore[type-arg]
        super().__init__(parent)
        self.setWindowTitle(self.tr("Restore from backup"))
        self.chosen: Path | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Choose the backup to go back to. Your journal as it is now is backed up first, "
            "so this can be undone by restoring that backup."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.setMinimumWidth(460)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Backups, newest first"))
        for b in backups:
            item = QListWidgetItem(b.label, self.list)
            item.setData(Qt.ItemDataRole.UserRole, str(b.path))
            item.setToolTip(str(b.path))
        if backups:
            self.list.setCurrentRow(0)
        else:
            QListWidgetItem(self.tr("No backups yet"), self.list).setFlags(
                Qt.ItemFlag.NoItemFlags)
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.restore_button = buttons.addButton(self.tr("Restore"),
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setEnabled(bool(backups))
        other = QPushButton(self.tr("Other file…"), self)
        buttons.addButton(other, QDialogButtonBox.ButtonRole.ActionRole)
        other.clicked.connect(self._choose_file)
        buttons.accepted.connect(self._accept_selected)
        buttons.rejected.connect(self.reject)
        self.list.itemDoubleClicked.connect(lambda _i: self._accept_selected())
        layout.addWidget(buttons)

    def _accept_selected(self) -> None:
        item = self.list.currentItem()
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if value:
            self.chosen = Path(value)
            self.accept()

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a backup"), "",
            self.tr("Symptom Journal files (*.sqlite3);;All files (*)"))
        if path:
            self.chosen = Path(path)
            self.accept()


class SafetyActions(QObject):
    """The actions, kept on the window as ``window.safety_actions``."""

    def __init__(self, window: JournalHost) -> None:
        super().__init__(window)
        self.window = window
        self.timer: QTimer | None = None
        # Replaceable (tests record instead of showing a modal box).
        self.warn = lambda title, text: QMessageBox.warning(window, title, text)
        self.inform = lambda title, text: QMessageBox.information(window, title, text)
        menu = window.menu_named("File")
        self.backup_action = QAction(self.tr("&Back up now"), window)
        self.backup_action.triggered.connect(self.back_up_now)
        self.restore_action = QAction(self.tr("&Restore from backup…"), window)
        self.restore_action.triggered.connect(self.choose_and_restore)
        self.protect_action = QAction(self.tr("&Protect with a passphrase…"), window)
        self.protect_action.triggered.connect(self.protect)
        self.delete_action = QAction(self.tr("&Delete all my data…"), window)
        self.delete_action.triggered.connect(self.delete_all)
        before = window.quit_action
        actions = [self.backup_action, self.restore_action, self.protect_action,
                   self.delete_action]
        if before in menu.actions():
            for action in actions:
                menu.insertAction(before, action)
            menu.insertSeparator(before)
        else:
            menu.addSeparator()
            menu.addActions(actions)
        self.refresh()
        window.journalReplaced.connect(lambda _j: self.refresh())

    def refresh(self) -> None:
        protected = self.window.journal.passphrase_protected
        self.protect_action.setEnabled(not protected)
        self.protect_action.setText(self.tr("Protected with a passphrase") if protected
                                    else self.tr("&Protect with a passphrase…"))

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 8000)

    # --- backups -------------------------------------------------------------------------

    def back_up_now(self) -> Path | None:
        try:
            made = self.window.journal.backup_now()
        except StorageError as exc:
            self.warn(self.tr("Not backed up"), str(exc))
            return None
        self._status(self.tr("Backed up and checked: {0}").format(str(made)))
        return made

    def automatic_backup(self, *, at_start: bool = False) -> Path | None:
        try:
            made = self.window.journal.maybe_backup(at_start=at_start)
        except StorageError as exc:
            self._status(self.tr("The automatic backup failed: {0}").format(str(exc)))
            return None
        if made is not None:
            self._status(self.tr("Backed up automatically: {0}").format(made.name))
        return made

    def choose_and_restore(self) -> None:
        dialog = RestoreDialog(self.window.journal.backups(), self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen is None:
            return
        self.restore_from(dialog.chosen)

    def restore_from(self, path: Path) -> Change | None:
        try:
            kept = self.window.journal.restore(Path(path))
        except StorageError as exc:
            self.warn(self.tr("Not restored"), str(exc))
            return None
        label = self.tr("Restored from {0}").format(Path(path).name)
        change = Change("journal", "imported", (), (), label)
        self.window.journalChanged.emit(change)
        if kept is not None:
            self._status(self.tr("Restored. Your journal as it was is kept in {0}").format(
                str(kept)))
        return change

    # --- passphrase ----------------------------------------------------------------------

    def protect(self) -> bool:
        from journal.service.journal_file import ENCRYPTION_INSTALL_HINT, encryption_available

        if not encryption_available():
            self.inform(self.tr("Encryption is not installed"),
                        self.tr(ENCRYPTION_INSTALL_HINT))
            return False
        dialog = PassphraseDialog(self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return self.protect_with(dialog.passphrase())

    def protect_with(self, passphrase: str) -> bool:
        try:
            self.window.journal.protect_with_passphrase(passphrase)
        except (StorageError, ValidationError) as exc:
            self.warn(self.tr("Not protected"), str(exc))
            return False
        self.refresh()
        self._status(self.tr("The journal and its backups are now encrypted."))
        return True

    # --- delete everything ---------------------------------------------------------------

    def delete_all(self) -> bool:
        journal = self.window.journal
        dialog = DeleteAllDialog(journal.path, len(journal.backups()), self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return self.delete_confirmed()

    def delete_confirmed(self) -> bool:
        from PySide6.QtWidgets import QApplication

        if self.timer is not None:
            self.timer.stop()
        try:
            removed = self.window.journal.delete_all_data()
        except OSError as exc:
            self.warn(self.tr("Not everything was deleted"),
                                exc.strerror or str(exc))
            return False
        self.deleted = removed
        self.inform(self.tr("Deleted"), self.tr(
            "Your journal and its backups were deleted ({0} files). The app will now "
            "close.").format(len(removed)))
        self.window._quitting = True
        self.window.close()
        QApplication.quit()
        return True


def install(window) -> SafetyActions:  # type: ignore[no-untyped-def]
    """The File menu's safety actions for ``window``; the window keeps the returned object."""
    return SafetyActions(window)


def start_automatic_backups(window, check_every_ms: int = CHECK_EVERY_MS,  # type: ignore[no-untyped-def]
                            start_delay_ms: int = START_DELAY_MS) -> None:
    """Back up soon after start if the data changed since the last backup (once the window has
    painted: comparing a long journal with its last backup takes a few tens of ms, which the
    first paint need not wait for); then check every few minutes."""
    actions = window.safety_actions
    QTimer.singleShot(start_delay_ms, actions, lambda: actions.automatic_backup(at_start=True))
    timer = QTimer(actions)
    timer.setInterval(check_every_ms)
    timer.timeout.connect(lambda: actions.automatic_backup())
    timer.start()
    actions.timer = timer
