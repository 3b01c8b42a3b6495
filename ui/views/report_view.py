"""Report: the options of the doctor's report, a preview of its first page, and the export.

Building the PDF takes about a second on a heavy journal, so both the preview and the export run
on a worker thread (``QThreadPool``) and report back through queued signals: the window never
freezes, and the export shows its progress. The preview is page 1 rendered by poppler's
``pdftoppm`` when it is installed (PySide6-Essentials has no QtPdf), otherwise the same summary as
plain text. The name and date of birth typed here are printed on the report only, never stored.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QObject, QRunnable, Qt, QThreadPool, QTimer, QUrl, Signal
from PySide6.QtGui import QAccessible, QDesktopServices, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from journal.errors import StorageError, ValidationError
from journal.service.report import (
    DEFAULT_WEEKS,
    SECTION_IDS,
    ReportOptions,
    suggested_filename,
)
from ui.a11y import mark_role
from ui.formatting import date_format_pattern

if TYPE_CHECKING:
    from ui.host import JournalHost

#: (key, days back including today; None: custom dates)
PERIODS: tuple[tuple[str, int | None], ...] = (
    ("4w", 28), ("8w", 7 * DEFAULT_WEEKS), ("3m", 91), ("6m", 182), ("custom", None),
)
DEFAULT_PERIOD = "8w"
PREVIEW_DPI = 100
#: Wait this long after the last change before rebuilding the preview (typing a name).
PREVIEW_DELAY_MS = 600


def pdftoppm_path() -> str | None:
    return shutil.which("pdftoppm")


def render_first_page_png(pdf: bytes, dpi: int = PREVIEW_DPI) -> bytes | None:
    """Page 1 of ``pdf`` as PNG bytes via poppler, or None when pdftoppm is not installed."""
    exe = pdftoppm_path()
    if exe is None:
        return None
    # mkdtemp is private (0700): the preview holds health data too.
    with tempfile.TemporaryDirectory(prefix="symptom-report-") as folder:
        source = Path(folder) / "preview.pdf"
        source.write_bytes(pdf)
        subprocess.run([exe, "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile",
                        str(source), str(Path(folder) / "page")],
                       check=True, capture_output=True, timeout=60)
        return (Path(folder) / "page.png").read_bytes()


class _Signals(QObject):
    progress = Signal(int, float, str)  # job, fraction, message
    done = Signal(int, object)  # job, result
    failed = Signal(int, str)  # job, message


class _Job(QRunnable):
    def __init__(self, job: int, work: Callable[[Callable[[float, str], None]], Any],
                 signals: _Signals) -> None:
        super().__init__()
        self.job = job
        self.work = work
        self.signals = signals

    def run(self) -> None:
        def progress(fraction: float, message: str) -> None:
            self.signals.progress.emit(self.job, fraction, message)

        try:
            result = self.work(progress)
        except (ValidationError, StorageError) as exc:
            self.signals.failed.emit(self.job, str(exc))
        except OSError as exc:
            self.signals.failed.emit(self.job, exc.strerror or str(exc))
        except Exception as exc:  # the worker must always answer, or the view waits forever
            self.signals.failed.emit(self.job, f"{type(exc).__name__}: {exc}")
        else:
            self.signals.done.emit(self.job, result)


@dataclass
class Preview:
    png: bytes | None
    #: Page 1 in plain lines: shown when there is no picture, and always the picture's text
    #: alternative for screen readers.
    text: str


class ReportView(QWidget):
    #: Emitted when an export finished, with the path written.
    exported = Signal(object)
    #: Emitted when a preview is on screen (png or text).
    previewReady = Signal()

    def __init__(self, window: JournalHost) -> None:
        super().__init__(window)
        self.window_ = window
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # one report at a time; jobs queue behind each other
        self._signals = _Signals(self)
        self._signals.progress.connect(self._on_progress)
        self._signals.done.connect(self._on_done)
        self._signals.failed.connect(self._on_failed)
        self._job = 0
        self._preview_job = -1
        self._export_job = -1
        self._export_path: Path | None = None
        self._stale = True
        self._pixmap: QPixmap | None = None
        #: Replaced in tests: asks where to save; returns None when cancelled.
        self.choose_path: Callable[[str], Path | None] = self._ask_path
        #: Replaced in tests: opens the exported file in the system's PDF viewer; False when
        #: nothing could open it (no PDF viewer, no desktop to ask).
        self.open_file: Callable[[Path], bool | None] = (
            lambda p: QDesktopServices.openUrl(QUrl.fromLocalFile(str(p))))
        self._build()
        self._show_sample_note()
        self._reset_period()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.refresh_preview)
        for signal in self._option_signals():
            signal.connect(self._options_changed)
        window.journalChanged.connect(self._on_change)
        if hasattr(window, "journalReplaced"):
            window.journalReplaced.connect(self._on_replaced)

    # --- layout -------------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QHBoxLayout(self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        outer.addWidget(splitter)

        form_host = QWidget()
        form_col = QVBoxLayout(form_host)
        title = QLabel(self.tr("<h2>Report for your doctor</h2>"))
        intro = QLabel(self.tr(
            "A PDF a clinician can read in a minute: a one-page summary first, the detail "
            "after. It is your own diary, not a diagnosis. If in doubt, call your emergency "
            "number."))
        intro.setWordWrap(True)
        form_col.addWidget(title)
        form_col.addWidget(intro)

        form = QFormLayout()
        self.period_combo = QComboBox()
        for key, _days in PERIODS:
            self.period_combo.addItem(self._period_title(key), key)
        self.period_combo.setAccessibleName(self.tr("Period"))
        form.addRow(self.tr("&Period:"), self.period_combo)
        dates = QHBoxLayout()
        self.from_edit = QDateEdit()
        self.to_edit = QDateEdit()
        for edit, name in ((self.from_edit, self.tr("From")), (self.to_edit, self.tr("To"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(date_format_pattern())
            edit.setAccessibleName(name)
        dates.addWidget(self.from_edit)
        dates.addWidget(QLabel(self.tr("to")))
        dates.addWidget(self.to_edit)
        form.addRow(self.tr("Dates:"), dates)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("optional; printed on the report, not stored"))
        self.name_edit.setAccessibleName(self.tr("Name on the report"))
        self.name_edit.setMaxLength(200)
        form.addRow(self.tr("&Name:"), self.name_edit)
        dob_row = QHBoxLayout()
        self.dob_check = QCheckBox(self.tr("Print date of birth"))
        self.dob_check.setAccessibleName(self.tr("Print date of birth"))
        self.dob_edit = QDateEdit()
        self.dob_edit.setCalendarPopup(True)
        self.dob_edit.setDisplayFormat(date_format_pattern())
        self.dob_edit.setDate(QDate(1970, 1, 1))
        self.dob_edit.setEnabled(False)
        self.dob_edit.setAccessibleName(self.tr("Date of birth"))
        self.dob_check.toggled.connect(self.dob_edit.setEnabled)
        dob_row.addWidget(self.dob_check)
        dob_row.addWidget(self.dob_edit, 1)
        form.addRow(self.tr("Date of birth:"), dob_row)
        self.paper_combo = QComboBox()
        self.paper_combo.addItem(self.tr("A4"), "A4")
        self.paper_combo.addItem(self.tr("US Letter"), "Letter")
        self.paper_combo.setAccessibleName(self.tr("Paper size"))
        form.addRow(self.tr("Pa&per:"), self.paper_combo)
        self.notes_check = QCheckBox(self.tr("Include my free-text notes"))
        self.notes_check.setChecked(True)
        self.notes_check.setAccessibleName(self.tr("Include my free-text notes"))
        form.addRow("", self.notes_check)
        form_col.addLayout(form)

        sections = QGroupBox(self.tr("Sections"))
        grid = QGridLayout(sections)
        self.section_checks: dict[str, QCheckBox] = {}
        for i, key in enumerate(SECTION_IDS):
            box = QCheckBox(self._section_title(key))
            box.setChecked(True)
            box.setAccessibleName(self._section_title(key))
            self.section_checks[key] = box
            grid.addWidget(box, i // 2, i % 2)
        form_col.addWidget(sections)

        questions_label = QLabel(self.tr("&Questions for the visit:"))
        form_col.addWidget(questions_label)
        self.questions_edit = QPlainTextEdit()
        self.questions_edit.setPlaceholderText(self.tr(
            "What you want to ask, one per line (printed in the report)"))
        self.questions_edit.setAccessibleName(self.tr("Questions for the visit"))
        self.questions_edit.setTabChangesFocus(True)
        self.questions_edit.setMaximumHeight(110)
        form_col.addWidget(self.questions_edit)
        questions_label.setBuddy(self.questions_edit)

        form_col.addStretch(1)

        form_scroll = QScrollArea()
        form_scroll.setWidgetResizable(True)
        form_scroll.setWidget(form_host)
        form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        form_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        form_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its options are the tab stops
        # The export button, its progress and the outcome stay in view below the options.
        left = QWidget()
        left_col = QVBoxLayout(left)
        left_col.setContentsMargins(0, 0, 0, 0)
        left_col.addWidget(form_scroll, 1)
        actions = QHBoxLayout()
        self.export_button = QPushButton(self.tr("&Export PDF…"))
        self.export_button.setAccessibleName(self.tr("Export PDF"))
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.export)
        self.open_check = QCheckBox(self.tr("&Open after export"))
        self.open_check.setChecked(True)
        self.open_check.setAccessibleName(self.tr("Open after export"))
        actions.addWidget(self.export_button)
        actions.addWidget(self.open_check)
        actions.addStretch(1)
        left_col.addLayout(actions)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setVisible(False)
        self.progress.setAccessibleName(self.tr("Export progress"))
        left_col.addWidget(self.progress)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Report status"))
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        left_col.addWidget(self.status)
        self.sample_note = QLabel(self.tr(
            "This is the sample journal: a report of it describes made-up entries, not yours. "
            "Do not take it to a doctor."))
        self.sample_note.setObjectName("hint")
        self.sample_note.setWordWrap(True)
        self.sample_note.setAccessibleName(self.tr("Sample data warning"))
        left_col.addWidget(self.sample_note)

        left.setMinimumWidth(440)
        splitter.addWidget(left)

        preview_host = QWidget()
        preview_col = QVBoxLayout(preview_host)
        self.preview_title = QLabel(self.tr("<b>Preview of page 1</b>"))
        preview_col.addWidget(self.preview_title)
        self.preview_label = QLabel(self.tr("Preparing the preview…"))
        self.preview_label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.preview_label.setAccessibleName(self.tr("Preview of page 1"))
        self.preview_label.setSizePolicy(QSizePolicy.Policy.Ignored,
                                         QSizePolicy.Policy.Ignored)
        self.preview_label.setWordWrap(True)
        self.preview_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview_scroll = QScrollArea()
        self.preview_scroll.setWidgetResizable(True)
        self.preview_scroll.setWidget(self.preview_label)
        self.preview_scroll.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.preview_scroll.setObjectName("reportPreview")  # styled: a visible focus ring
        self.preview_scroll.setAccessibleName(self.tr("Preview of page 1"))
        # A picture of the page to a screen reader (it was a nameless "filler" that took the
        # focus), described by the page's own words and numbers once the preview is built.
        mark_role(self.preview_scroll, QAccessible.Role.Graphic)
        preview_col.addWidget(self.preview_scroll, 1)
        splitter.addWidget(preview_host)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([480, 640])

    def _period_title(self, key: str) -> str:
        return {
            "4w": self.tr("Last 4 weeks"),
            "8w": self.tr("Last 8 weeks"),
            "3m": self.tr("Last 3 months"),
            "6m": self.tr("Last 6 months"),
            "custom": self.tr("Custom dates"),
        }[key]

    def _section_title(self, key: str) -> str:
        return {
            "flags": self.tr("Warning signs and flags"),
            "summary": self.tr("Summary by kind and side"),
            "charts": self.tr("Charts"),
            "triggers": self.tr("Triggers"),
            "symptoms": self.tr("Associated symptoms"),
            "medications": self.tr("Medications and supplements"),
            "relief": self.tr("Relief tried"),
            "daily_life": self.tr("Effect on daily life"),
            "completeness": self.tr("Diary completeness"),
            "questions": self.tr("Questions and notes"),
            "log": self.tr("Episode log (appendix)"),
        }[key]

    def _option_signals(self) -> list[Any]:
        signals = [self.period_combo.currentIndexChanged, self.from_edit.dateChanged,
                   self.to_edit.dateChanged, self.name_edit.textChanged,
                   self.dob_check.toggled, self.dob_edit.dateChanged,
                   self.paper_combo.currentIndexChanged, self.notes_check.toggled,
                   self.questions_edit.textChanged]
        signals += [box.toggled for box in self.section_checks.values()]
        return signals

    # --- options ----------------------------------------------------------------------------

    def _journal(self):  # type: ignore[no-untyped-def]
        return self.window_.journal

    def _reset_period(self) -> None:
        today = self._journal().today()
        self.to_edit.setMaximumDate(_qdate(today))
        self.dob_edit.setMaximumDate(_qdate(today))
        index = self.period_combo.findData(DEFAULT_PERIOD)
        self.period_combo.setCurrentIndex(index)
        self._apply_period()
        self.period_combo.currentIndexChanged.connect(self._apply_period)

    def _apply_period(self) -> None:
        key = self.period_combo.currentData()
        days = dict(PERIODS).get(key)
        custom = days is None
        self.from_edit.setEnabled(custom)
        self.to_edit.setEnabled(custom)
        if not custom:
            today = self._journal().today()
            self.to_edit.setDate(_qdate(today))
            self.from_edit.setDate(_qdate(today - timedelta(days=days - 1)))

    def options(self) -> ReportOptions:
        return ReportOptions(
            start=_pydate(self.from_edit.date()),
            end=_pydate(self.to_edit.date()),
            name=self.name_edit.text().strip(),
            dob=_pydate(self.dob_edit.date()) if self.dob_check.isChecked() else None,
            sections=frozenset(k for k, box in self.section_checks.items() if box.isChecked()),
            include_notes=self.notes_check.isChecked(),
            paper="Letter" if self.paper_combo.currentData() == "Letter" else "A4",
            questions=self.questions_edit.toPlainText(),
        )

    def _options_changed(self, *_args: object) -> None:
        self._stale = True
        if self.isVisible():
            self._timer.start()

    # --- preview ----------------------------------------------------------------------------

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        if self._stale:
            self.refresh_preview()

    def _on_change(self, _change: object) -> None:
        self._stale = True
        if self.isVisible():
            self._timer.start()

    def _on_replaced(self, _journal: object) -> None:
        self._reset_period_dates()
        self._show_sample_note()
        self._on_change(None)

    def _show_sample_note(self) -> None:
        self.sample_note.setVisible(self._journal().is_sample_data)

    def _reset_period_dates(self) -> None:
        today = self._journal().today()
        self.to_edit.setMaximumDate(_qdate(today))
        self._apply_period()

    def refresh_preview(self) -> None:
        """Build page 1 on the worker thread; the newest request wins."""
        self._timer.stop()
        self._stale = False
        options = self.options()
        journal = self._journal()
        try:
            options.validate(journal.today())
        except ValidationError as exc:
            self._show_preview_text(self.tr("No preview: {0}").format(exc))
            return

        def work(_progress: Callable[[float, str], None]) -> Preview:
            pdf = journal.build_report(options, first_page_only=True)
            png = render_first_page_png(pdf)
            return Preview(png, journal.report_summary(options))

        self._job += 1
        self._preview_job = self._job
        self.pool.start(_Job(self._job, work, self._signals))

    def _describe_preview(self, text: str) -> None:
        """What the page shows, for a screen reader: the preview's description."""
        description = self.tr("Page 1 of the report as it will print:") + "\n" + text
        self.preview_scroll.setAccessibleDescription(description)
        self.preview_label.setAccessibleDescription(description)

    def _show_preview_png(self, png: bytes) -> None:
        pixmap = QPixmap()
        if not pixmap.loadFromData(png, "PNG"):
            self._show_preview_text(self.tr("The preview could not be shown."))
            return
        self._pixmap = pixmap
        self._scale_preview()

    def _show_preview_text(self, text: str) -> None:
        # No page described from before: the words shown are the description.
        self.preview_scroll.setAccessibleDescription(text)
        self.preview_label.setAccessibleDescription(text)
        self._pixmap = None
        self.preview_label.setPixmap(QPixmap())
        self.preview_label.setText(text)
        self.previewReady.emit()

    def _scale_preview(self) -> None:
        if self._pixmap is None:
            return
        width = max(200, self.preview_scroll.viewport().width() - 8)
        scaled = self._pixmap.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        self.preview_label.setText("")
        self.preview_label.setPixmap(scaled)
        self.preview_label.setMinimumHeight(scaled.height())
        self.previewReady.emit()

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        if self._pixmap is not None:
            self._scale_preview()

    # --- export -----------------------------------------------------------------------------

    def _ask_path(self, suggested: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export report"), str(Path.home() / suggested),
            self.tr("PDF files (*.pdf)"))
        if not path:
            return None
        chosen = Path(path)
        return chosen if chosen.suffix.lower() == ".pdf" else chosen.with_suffix(".pdf")

    def export(self) -> None:
        options = self.options()
        journal = self._journal()
        try:
            start, end = options.period(journal.today())
            options.validate(journal.today())
        except ValidationError as exc:
            self._set_status(self.tr("Not exported: {0}").format(exc))
            return
        path = self.choose_path(suggested_filename(start, end))
        if path is None:
            return

        def work(progress: Callable[[float, str], None]) -> Path:
            return Path(journal.write_report(path, options, progress))

        self._job += 1
        self._export_job = self._job
        self._export_path = path
        self.export_button.setEnabled(False)
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self._set_status(self.tr("Writing the report…"))
        self.pool.start(_Job(self._job, work, self._signals))

    @property
    def exporting(self) -> bool:
        return self._export_job != -1

    def _set_status(self, text: str) -> None:
        self.status.setText(text)

    # --- worker results ---------------------------------------------------------------------

    def _on_progress(self, job: int, fraction: float, message: str) -> None:
        if job == self._export_job:
            self.progress.setValue(round(fraction * 100))
            self.progress.setFormat(f"{message} %p%")

    def _on_done(self, job: int, result: object) -> None:
        if job == self._export_job:
            self._export_job = -1
            self.export_button.setEnabled(True)
            self.progress.setVisible(False)
            path = Path(str(result))
            self._set_status(self.tr("Saved the report to {0}").format(str(path)))
            self.exported.emit(path)
            if self.open_check.isChecked() and self.open_file(path) is False:
                self._set_status(self.tr(
                    "Saved the report to {0}, but it could not be opened: no program for PDF "
                    "files answered. Open it from your file manager.").format(str(path)))
        elif job == self._preview_job and isinstance(result, Preview):
            if result.png:
                self._show_preview_png(result.png)
            else:
                self._show_preview_text(result.text)
            self._describe_preview(result.text)

    def _on_failed(self, job: int, message: str) -> None:
        if job == self._export_job:
            self._export_job = -1
            self.export_button.setEnabled(True)
            self.progress.setVisible(False)
            self._set_status(self.tr("Not exported: {0}").format(message))
        elif job == self._preview_job:
            self._show_preview_text(self.tr("No preview: {0}").format(message))

    def wait_idle(self, msecs: int = 30000) -> bool:
        """For tests and shutdown: wait for the worker to finish its jobs."""
        return self.pool.waitForDone(msecs)


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())
