"""File menu actions for the safety of the data: back up now, restore from a backup, protect
with a passphrase, delete all my data; and the automatic backups while the app runs.

``install(window)`` is called once by the main window. ``start_automatic_backups(window)`` is
called by the app at start (not by tests that merely build a window): a backup at start when
the data changed since the last one, then a check every few minutes that backs up every few
hours while the data keeps changing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication
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
    QStyle,
    QVBoxLayout,
    QWidget,
)

from journal.errors import StorageError, ValidationError
from journal.service import Change
from ui.formatting import format_count, format_date_range, format_datetime

if TYPE_CHECKING:
    from journal.service.journal_file import JournalSummary
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


def describe_summary(summary: JournalSummary | None) -> str:
    """ "6 episodes, 3 check-ins, 1/9/26 – 4/12/26" in the person's locale ("cannot be read"
    when the file could not be counted)."""
    from PySide6.QtCore import QCoreApplication, QLocale

    # translate() written out: pyside6-lupdate reads the context only from a literal call (a
    # tr() helper here was extracted under no context, so nothing matched at run time).
    if summary is None:
        return QCoreApplication.translate("safety", "contents cannot be read")
    loc = QLocale()
    text = (format_count(summary.episodes, QCoreApplication.translate("safety", "1 episode"),
                         QCoreApplication.translate("safety", "{0} episodes"), loc) + ", "
            + format_count(summary.checkins, QCoreApplication.translate("safety", "1 check-in"),
                           QCoreApplication.translate("safety", "{0} check-ins"), loc))
    span = format_date_range(summary.first_day, summary.last_day)
    return f"{text}, {span}" if span else text


class RestoreDialog(QDialog):
    """Pick one of the backups beside the journal (each with what it holds), or another file."""

    def __init__(self, backups: list, parent: QWidget | None = None,  # type: ignore[type-arg]
                 summarize: Callable[[Path], JournalSummary] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Restore from backup"))
        self.chosen: Path | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Choose the backup to go back to. Your journal as it is now is backed up first, "
            "so this can be undone by restoring that backup."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.setMinimumWidth(560)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Backups, newest first"))
        for b in backups:
            held = ""
            if summarize is not None:
                try:
                    held = describe_summary(summarize(b.path))
                except StorageError:
                    held = describe_summary(None)
            when = format_datetime(b.taken_at.astimezone())
            reason = f" ({self.reason_label(b.reason)})" if b.reason else ""
            label = f"{when}{reason} \u2013 {held}" if held else f"{when}{reason}"
            item = QListWidgetItem(label, self.list)
            item.setData(Qt.ItemDataRole.UserRole, str(b.path))
            item.setToolTip(str(b.path))
        if backups:
            self.list.setCurrentRow(0)
        else:
            QListWidgetItem(self.tr("No backups yet"), self.list).setFlags(
                Qt.ItemFlag.NoItemFlags)
        layout.addWidget(self.list)
        # As wide as the longest line ("16.03.2026 14:05 (von Ihnen angelegt) – 33 Episoden,
        # 20 Tageseinträge, ...") where the screen allows; narrower, the list scrolls sideways.
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        margins = layout.contentsMargins()
        wanted = (self.list.sizeHintForColumn(0) + 2 * self.list.frameWidth() + bar + 8
                  + margins.left() + margins.right())
        screen = parent.screen() if parent is not None else QGuiApplication.primaryScreen()
        if screen is not None:
            wanted = min(wanted, screen.availableGeometry().width() - 40)
        self.setMinimumWidth(max(560, wanted))
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

    def reason_label(self, reason: str) -> str:
        """Why a backup was made, in words ("pre-import": "before an import")."""
        words = {
            "manual": self.tr("made by you"),
            "pre-import": self.tr("before an import"),
            "pre-restore": self.tr("before a restore"),
            "pre-encryption": self.tr("before encryption"),
            "pre-upgrade": self.tr("before an upgrade"),
            "damaged": self.tr("the damaged file, kept before a restore"),
        }
        return words.get(reason, reason.replace("-", " "))

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
        self.confirm = self._confirm_with_box
        self.report_import = self._report_import_with_box
        self.ask_file_changed = self._ask_file_changed_with_box
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
        self._watch_file(window.journal)
        window.journalReplaced.connect(lambda _j: self.refresh())
        window.journalReplaced.connect(self._watch_file)

    # --- the -wal deleted or replaced under the open journal --------------------------------

    def _watch_file(self, journal: object) -> None:
        if hasattr(journal, "on_file_changed"):
            # After the refused write has shown its own message (the form keeps what was typed).
            journal.on_file_changed = lambda text: QTimer.singleShot(
                0, self, lambda: self.file_changed(text))

    def _ask_file_changed_with_box(self, text: str) -> str:
        """'reopen', 'restore' or 'later'."""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("The journal was changed outside"),
                          text, QMessageBox.StandardButton.NoButton, self.window)
        reopen = box.addButton(self.tr("Check and reopen the journal"),
                               QMessageBox.ButtonRole.AcceptRole)
        restore = box.addButton(self.tr("Restore from backup…"),
                                QMessageBox.ButtonRole.ActionRole)
        box.addButton(self.tr("Later"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(reopen)
        box.exec()
        clicked = box.clickedButton()
        return "reopen" if clicked is reopen else "restore" if clicked is restore else "later"

    def file_changed(self, text: str) -> None:
        """The journal's -wal was deleted or replaced by another program: nothing more is
        written until the journal is checked and opened again, or a backup restored."""
        choice = self.ask_file_changed(text)
        if choice == "restore":
            self.choose_and_restore()
        elif choice == "reopen":
            self.reopen_checked()

    def reopen_checked(self) -> bool:
        journal = self.window.journal
        try:
            journal.reopen()
        except StorageError as exc:
            self.warn(self.tr("The journal cannot be opened"), str(exc) + "\n\n" + self.tr(
                "Choose File > Restore from backup to put back the latest good backup."))
            return False
        self._watch_file(journal)
        change = Change("journal", "imported", (), (), self.tr("Checked and opened again"))
        self.window.journalChanged.emit(change)
        self.inform(self.tr("Checked and opened again"), self.tr(
            "The journal was checked and is healthy; it is open again and new entries are "
            "saved as usual."))
        self._status(change.label)
        return True

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

    def _confirm_with_box(self, title: str, text: str, yes: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text,
                          QMessageBox.StandardButton.Cancel, self.window)
        go = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is go

    def _report_import_with_box(self, text: str) -> bool:
        """The import's result; True when the person asks to undo it."""
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Import finished"), text,
                          QMessageBox.StandardButton.Ok, self.window)
        undo = box.addButton(self.tr("Undo the import"), QMessageBox.ButtonRole.ResetRole)
        box.exec()
        return box.clickedButton() is undo

    def _summary(self, of: Path | None = None) -> JournalSummary | None:
        try:
            return self.window.journal.summary(of)
        except StorageError:
            return None

    def choose_and_restore(self) -> None:
        journal = self.window.journal
        dialog = RestoreDialog(journal.backups(), self.window, summarize=journal.summary)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen is None:
            return
        self.confirm_and_restore(dialog.chosen)

    def confirm_and_restore(self, path: Path) -> Change | None:
        """Say what is replaced by what (counts on both sides), then restore."""
        path = Path(path)
        now, then = self._summary(), self._summary(path)
        text = self.tr(
            "Replace your journal as it is now\n    {0}\nwith the backup {1}\n    {2}?\n\n"
            "Your journal as it is now is backed up first, so this can be undone by restoring "
            "that backup.").format(describe_summary(now), path.name, describe_summary(then))
        if not self.confirm(self.tr("Restore from backup"), text,
                            self.tr("Replace my journal")):
            return None
        return self.restore_from(path)

    def restore_from(self, path: Path) -> Change | None:
        try:
            kept = self.window.journal.restore(Path(path))
        except StorageError as exc:
            self.warn(self.tr("Not restored"), str(exc))
            return None
        label = self.tr("Restored from {0}").format(Path(path).name)
        change = Change("journal", "imported", (), (), label)
        self.window.journalChanged.emit(change)
        text = self.tr("Your journal now holds what the backup {0} held: {1}.").format(
            Path(path).name, describe_summary(self._summary()))
        if kept is not None:
            text += "\n\n" + self.tr(
                "Your journal as it was is kept in {0}; File > Restore from backup brings it "
                "back.").format(str(kept))
        self.inform(self.tr("Restored"), text)
        self._status(label)
        return change

    # --- import ------------------------------------------------------------------------------

    def choose_and_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Import"), str(Path.home()), self.tr("JSON (*.json)"))
        if path:
            self.import_path(Path(path))

    def import_path(self, path: Path) -> Change | None:
        """Preview what ``path`` adds, ask, back up, import; the result offers to undo it by
        restoring the backup made just before."""
        from PySide6.QtCore import QLocale

        from journal.service.interchange import read_import_file

        journal = self.window.journal
        try:
            doc = read_import_file(Path(path))
            preview = journal.preview_import(doc)
        except (ValidationError, StorageError) as exc:
            self.warn(self.tr("Nothing imported"), str(exc))
            return None
        loc = QLocale()
        if not preview.adds_anything:
            self.inform(self.tr("Nothing to import"), self.tr(
                "Everything in {0} is already in your journal ({1} episodes, {2} check-ins); "
                "nothing was changed.").format(Path(path).name,
                                               loc.toString(preview.episodes_present),
                                               loc.toString(preview.checkins_present)))
            return None
        span = format_date_range(preview.first_day, preview.last_day)
        def count(n: int, one: str, many: str) -> str:
            return format_count(n, one, many, loc)

        lines = [
            count(preview.episodes_new, self.tr("1 episode"), self.tr("{0} episodes"))
            + self.tr(" ({0} already present)").format(loc.toString(preview.episodes_present)),
            count(preview.checkins_new, self.tr("1 check-in"), self.tr("{0} check-ins"))
            + self.tr(" ({0} already present)").format(loc.toString(preview.checkins_present)),
            count(preview.medications_new, self.tr("1 medication"), self.tr("{0} medications"))
            + ", " + count(preview.triggers_new, self.tr("1 trigger"), self.tr("{0} triggers")),
        ]
        if span:
            lines.append(self.tr("dated {0}").format(span))
        text = self.tr(
            "{0} adds to your journal:\n{1}\n\nYour journal now: {2}.\n\nNothing in your "
            "journal is overwritten. It is backed up first, so the import can be undone.").format(
            Path(path).name, "\n".join(f"    {line}" for line in lines),
            describe_summary(self._summary()))
        if not self.confirm(self.tr("Import JSON"), text, self.tr("Back up and import")):
            return None
        try:
            restore_point = journal.backup_now(reason="pre-import")
        except StorageError as exc:
            self.warn(self.tr("Nothing imported"), self.tr(
                "The backup before importing failed, so nothing was imported: {0}").format(
                str(exc)))
            return None
        try:
            result = journal.import_document(doc)
        except (ValidationError, StorageError) as exc:
            self.warn(self.tr("Nothing imported"), str(exc))
            return None
        self.window.journalChanged.emit(result.change)
        self._status(self.tr("Imported from {0}").format(Path(path).name))
        added = ", ".join((
            count(result.episodes_added, self.tr("1 episode"), self.tr("{0} episodes")),
            count(result.checkins_added, self.tr("1 check-in"), self.tr("{0} check-ins")),
            count(result.medications_added, self.tr("1 medication"),
                  self.tr("{0} medications")),
            count(result.triggers_added, self.tr("1 trigger"), self.tr("{0} triggers"))))
        done = self.tr(
            "Imported {0}.\n\nRestore point made first: {1} (File > Restore from backup)."
        ).format(added, restore_point.name)
        if self.report_import(done):
            self.restore_from(restore_point)
        return result.change

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
