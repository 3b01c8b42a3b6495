"""Sample-data mode: while a sample journal (made-up entries) is open, the window says so.

The window title and a banner above everything name it sample data, with a button back to the
person's own journal; the flags banner labels its flags as about the made-up entries; and the
first entry logged into the sample asks first (log into the sample, or go back to my journal),
so nothing the person records lands in made-up data without their choosing it.

``install(window)`` is called once by the main window. It follows ``journalReplaced``, so File >
Open, "Try with sample data" and a sample file given on the command line all behave alike.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QWidget,
)

from journal import APP_NAME
from journal.errors import ValidationError

if TYPE_CHECKING:
    from journal.service import Journal
    from ui.host import JournalHost
    from ui.widgets.flags_banner import FlagsBanner

    class SampleHost(JournalHost, Protocol):
        """The window as this mode uses it: its flags banner, title and central widget."""

        banner: FlagsBanner

        def centralWidget(self) -> QWidget: ...

        def setWindowTitle(self, title: str) -> None: ...


class SampleDataBanner(QFrame):
    """The strip at the top of the window while sample data is open."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sampleDataBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#sampleDataBanner { background: #fff3c4; border-bottom: 2px solid #b58900; }"
            "#sampleDataBanner QLabel { color: #3b2f00; }")
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 12, 6)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        row.addWidget(self.text, 1)
        self.back_button = QPushButton(self.tr("Back to my journal"), self)
        self.back_button.setAccessibleName(self.tr("Close the sample and open my own journal"))
        row.addWidget(self.back_button)

    def show_for(self, path: Path) -> None:
        self.text.setText(self.tr(
            "<b>Sample data.</b> These are made-up entries ({0}), not your journal. Flags, "
            "charts and reports here describe the made-up entries only.").format(path.name))
        self.setAccessibleName(self.tr("Sample data: made-up entries, not your journal"))
        self.show()


class SampleDataMode(QObject):
    """Kept on the window as ``window.sample_mode``."""

    def __init__(self, window: SampleHost) -> None:
        super().__init__(window)
        self.window = window
        #: The person's own journal to go back to (None: the default journal file).
        self.own_path: Path | None = None
        #: The sample file the person agreed to log into (asked once per opening).
        self._allowed: Path | None = None
        self.banner = SampleDataBanner(window)
        self.banner.hide()
        self.banner.back_button.clicked.connect(self.back_to_own_journal)
        central = window.centralWidget()
        layout = central.layout() if central is not None else None
        if isinstance(layout, QBoxLayout):
            layout.insertWidget(0, self.banner)
        # Replaceable by tests: returns "sample", "own" or "cancel".
        self.ask = self._ask_with_box
        window.journalReplaced.connect(self._follow)
        self._follow(window.journal)

    @property
    def active(self) -> bool:
        return self.banner.isVisibleTo(self.window)

    def _follow(self, journal: Journal) -> None:
        sample = journal.is_sample_data
        self.window.setWindowTitle(
            self.tr("{0} \u2013 Sample data (made-up entries)").format(APP_NAME) if sample
            else APP_NAME)
        # The window announces the replaced journal next, and the banner re-reads its flags.
        self.window.banner.about_sample_data = sample
        if sample:
            self.banner.show_for(Path(journal.path))
            self._allowed = None
            journal.entry_write_guard = lambda: self._guard(journal)
        else:
            self.banner.hide()
            self.own_path = Path(journal.path)

    def _guard(self, journal: Journal) -> None:
        if journal is not self.window.journal:
            # A form opened on the sample and saved after switching back: not into the sample.
            raise ValidationError("sample", self.tr(
                "this form was opened on the sample journal, which is closed now. Log it again "
                "in your journal."))
        path = Path(journal.path)
        if self._allowed == path:
            return
        choice = self.ask()
        if choice == "sample":
            self._allowed = path
            return
        if choice == "own":
            # After the refused write has unwound: switching closes the journal it was for.
            QTimer.singleShot(0, self.back_to_own_journal)
            raise ValidationError("sample", self.tr(
                "it was not put into the sample journal. Your own journal is being opened: log "
                "it again there."))
        raise ValidationError("sample", self.tr(
            "this is the sample journal (made-up entries). Use \u201cBack to my journal\u201d "
            "on the yellow banner to log into your own journal."))

    def _ask_with_box(self) -> str:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("This is sample data"), self.tr(
            "The journal open now is the sample journal: made-up entries, kept apart from "
            "yours. Anything logged here goes into the sample file, not your journal.\n\n"
            "Where should this entry go?"), QMessageBox.StandardButton.NoButton, self.window)
        own = box.addButton(self.tr("Back to my journal"), QMessageBox.ButtonRole.AcceptRole)
        sample = box.addButton(self.tr("Log into the sample"),
                               QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(own)
        box.exec()
        clicked = box.clickedButton()
        return "own" if clicked is own else "sample" if clicked is sample else "cancel"

    def back_to_own_journal(self) -> bool:
        from journal.service.journal_file import default_journal_path

        target = self.own_path or default_journal_path()
        return self.window.open_journal_file(target)


def install(window: SampleHost) -> SampleDataMode:
    return SampleDataMode(window)
