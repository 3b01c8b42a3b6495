"""Trends: is it getting better, and what goes with more episodes?

One chart at a time (or four in a grid) over a chosen period: the charts, their titles, data and
hover text come from the chart registry through ``journal.service.charts`` (the same specs the
PDF report and the command line use), hosted in a FigureCanvasQTAgg and redrawn with
``draw_idle()``.
Beside it, the trigger findings as plain sentences with the days they rest on. The view refreshes
only while visible: a change in the journal while another section is showing just marks it stale.

The queries and the trigger statistics run on a worker thread (``QThreadPool``, one job at a
time) and answer through a queued signal; only the drawing is done on the GUI thread. Each
request has a number, and an answer is applied only if no newer request was made since (a changed
control, a changed journal): an answer for an old selection is dropped, never drawn. While a
query is in flight the view says so: an "Updating…" notice over the charts, which are dimmed as
stale, and never the empty-journal invitation (that shows only once a finished query found no
entries). The statistics libraries are imported in the background once the window is shown, so
the first Trends view does not wait for them on the GUI thread.

An empty journal offers "Try with sample data": a realistic sample journal written to a separate
file and opened instead (the person's own file is never touched).
"""

from __future__ import annotations

import contextlib
import html
import importlib
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QEvent, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAccessible, QCursor, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFrame,
    QGraphicsOpacityEffect,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTextBrowser,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from journal.model import Region
from journal.service import Change, make_demo_journal
from journal.service.charts import (
    CHART_SPECS,
    ChartSelection,
    chart_spec,
    chart_theme,
    describe_chart_point,
    draw_chart,
    grid_chart_ids,
    is_chart,
    write_chart,
)
from ui.a11y import mark_role
from ui.formatting import date_format_pattern, format_day_month, format_medium_date
from ui.theme import is_dark
from ui.widgets.labels import chart_label, factor_label, region_compact

if TYPE_CHECKING:
    from ui.host import JournalHost

#: (key, days back from today; None: everything, -1: custom)
PRESETS: tuple[tuple[str, int | None], ...] = (
    ("2w", 14), ("8w", 56), ("3m", 91), ("1y", 365), ("all", None), ("custom", -1),
)
DEFAULT_PRESET = "8w"
CHARTS: tuple[str, ...] = tuple(spec.id for spec in CHART_SPECS)
GRID_CHARTS: tuple[str, ...] = grid_chart_ids()
FACTOR_IDS: tuple[str, ...] = ("sitting", "caffeine", "water", "exercise", "stress", "sleep")
#: Demo data offered on an empty journal: two years, a moderate number of episodes a day.
SAMPLE_YEARS = 2.0
SAMPLE_PER_DAY = 6.0
#: How visible a stale figure stays while the new one is computed (1 = fully).
STALE_OPACITY = 0.35
#: The refresh starts this long after a request: several quick changes in a row (a preset sets
#: both dates) make one query. The query runs on a worker, so no delay is needed for painting.
REFRESH_DELAY_MS = 0
#: After the window is first shown, the statistics and chart libraries are imported on the
#: worker after this delay (long enough for the window's first paint to be done).
WARM_UP_DELAY_MS = 300
#: Imported in the background before the first Trends view needs them (statsmodels and scipy
#: alone take about 1.5 s cold; on the GUI thread that was the first view's freeze).
WARM_UP_MODULES: tuple[str, ...] = (
    "journal.analytics", "journal.charts.draw", "journal.charts.layout",
    "matplotlib.backends.backend_agg", "matplotlib.backends.backend_qtagg",
    "scipy.special", "statsmodels.api",
)


@dataclass(frozen=True)
class TrendsRequest:
    """What one refresh shows: the charts (one, or the four of the grid) for a selection."""

    charts: tuple[str, ...]
    grid: bool
    selection: ChartSelection


@dataclass
class TrendsAnswer:
    """Everything a refresh reads from the journal, computed off the GUI thread."""

    request: TrendsRequest
    empty: bool
    data: dict[str, Any] = field(default_factory=dict)
    stats: list[Any] = field(default_factory=list)
    tags: list[Any] = field(default_factory=list)
    done: Any = None


def compute_charts(journal: Any, request: TrendsRequest) -> TrendsAnswer:
    """The charts' numbers for ``request`` (the findings not yet): no Qt and no widgets, so it
    may run on a worker thread (the journal opens a session, and so a pooled connection, per
    read)."""
    if journal.first_entry_date() is None:
        return TrendsAnswer(request, empty=True)
    sel = request.selection
    return TrendsAnswer(request, False, {key: journal.chart_data(key, sel)
                                         for key in request.charts})


def add_findings(journal: Any, answer: TrendsAnswer) -> TrendsAnswer:
    """``answer`` with the trigger statistics, tag shares and recorded days the findings and
    the summary line need (the statistics are the slow part: a regression per factor group,
    and statsmodels' import the first time)."""
    if answer.empty:
        return answer
    sel = answer.request.selection
    stats = answer.data.get("trigger_forest")
    if stats is None:
        stats = journal.trigger_stats(sel.start, sel.end, sel.kinds)
    tags = journal.trigger_tag_shares(sel.start, sel.end, sel.kinds)
    done = journal.diary_completeness(sel.start, sel.end)
    return TrendsAnswer(answer.request, False, answer.data, list(stats), list(tags), done)


def compute_trends(journal: Any, request: TrendsRequest) -> TrendsAnswer:
    """Everything a refresh shows, in one go."""
    return add_findings(journal, compute_charts(journal, request))


class _Signals(QObject):
    charts = Signal(int, object)  # request number, TrendsAnswer without the findings
    done = Signal(int, object)  # request number, TrendsAnswer
    failed = Signal(int, str)  # request number, message


class _Job(QRunnable):
    """One request's queries and statistics, on the view's worker thread."""

    def __init__(self, number: int, journal: Any, request: TrendsRequest,
                 signals: _Signals) -> None:
        super().__init__()
        self.number, self.journal, self.request, self.signals = number, journal, request, signals

    def run(self) -> None:
        try:
            # The charts first, so the figure does not wait for the statistics.
            answer = compute_charts(self.journal, self.request)
            with contextlib.suppress(RuntimeError):
                self.signals.charts.emit(self.number, answer)
            answer = add_findings(self.journal, answer)
        except Exception as exc:  # the worker must always answer, or the view waits forever
            message = str(exc) or type(exc).__name__
            # RuntimeError: the view is gone (the window closed meanwhile); no one is waiting.
            with contextlib.suppress(RuntimeError):
                self.signals.failed.emit(self.number, message)
            return
        with contextlib.suppress(RuntimeError):
            self.signals.done.emit(self.number, answer)


class _WarmUp(QRunnable):
    """Imports the libraries the first refresh needs, so it does not wait for them."""

    def run(self) -> None:
        for name in WARM_UP_MODULES:
            try:
                importlib.import_module(name)
            except ImportError:  # statsmodels missing: the findings say so when asked
                continue


def _theme_rc(dark: bool) -> dict[str, Any]:
    """Matplotlib colours matching the window's palette (charts saved to files stay light)."""
    if not dark:
        return {}
    fg, bg = "#e8e8e8", "#1c1c1e"
    return {"figure.facecolor": bg, "axes.facecolor": bg, "savefig.facecolor": bg,
            "text.color": fg, "axes.labelcolor": fg, "axes.edgecolor": "#9a9a9a",
            "xtick.color": fg, "ytick.color": fg, "legend.labelcolor": fg,
            "hatch.color": fg}


class TrendsView(QWidget):
    #: Emitted with the path of a freshly written sample journal (before it is opened).
    sampleDataRequested = Signal(object)

    def __init__(self, window: JournalHost) -> None:
        super().__init__(window)
        self.window_ = window
        self._stale = True
        self._data: dict[str, Any] = {}
        self._axes_charts: list[tuple[Any, str, int, ChartSelection]] = []
        self._canvas: Any = None
        self._figure: Any = None
        self._last_tip = ""
        self.last_refresh_ms = 0.0
        #: True from a refresh being requested until its figures are drawn.
        self.loading = False
        #: The number of the latest request; an answer with another number is out of date.
        self._request_number = 0
        #: Answers dropped because a newer request had been made meanwhile (for tests).
        self.discarded_answers = 0
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # one query at a time; a newer one replaces a queued one
        self._signals = _Signals(self)
        self._signals.charts.connect(self._on_charts)
        self._signals.done.connect(self._on_answer)
        #: The request whose figure is drawn, and the one whose findings are shown.
        self.drawn_request = -1
        self._findings_request = -1
        self._signals.failed.connect(self._on_failed)
        self._warmed = False
        #: The findings' text now shown (set again only when it changes).
        self._findings_html = ""

        root = QVBoxLayout(self)
        root.setContentsMargins(24, 18, 24, 18)
        root.setSpacing(12)

        head = QHBoxLayout()
        title = QLabel(self.tr("Trends"), self)
        title.setObjectName("pageTitle")
        head.addWidget(title)
        head.addStretch(1)
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("pageSubtitle")
        self.summary_label.setAccessibleName(self.tr("Period summary"))
        head.addWidget(self.summary_label)
        root.addLayout(head)

        controls = QFrame(self)
        controls.setObjectName("card")
        rows = QVBoxLayout(controls)
        rows.setContentsMargins(14, 8, 14, 8)
        rows.setSpacing(6)
        cl = QHBoxLayout()
        cl.setSpacing(8)
        cl2 = QHBoxLayout()
        cl2.setSpacing(8)
        rows.addLayout(cl)
        rows.addLayout(cl2)
        self.range_combo = QComboBox(controls)
        self.range_combo.setAccessibleName(self.tr("Period"))
        names = {"2w": self.tr("Last 2 weeks"), "8w": self.tr("Last 8 weeks"),
                 "3m": self.tr("Last 3 months"), "1y": self.tr("Last year"),
                 "all": self.tr("All dates"), "custom": self.tr("Custom dates")}
        for key, _days in PRESETS:
            self.range_combo.addItem(names[key], key)
        self.from_edit = self._date_edit(controls, self.tr("From date"))
        self.to_edit = self._date_edit(controls, self.tr("To date"))
        self.kind_combo = QComboBox(controls)
        self.kind_combo.setAccessibleName(self.tr("Kind filter"))
        self.kind_combo.addItem(self.tr("Twitches and cramps"), None)
        self.kind_combo.addItem(self.tr("Twitches only"), "twitch")
        self.kind_combo.addItem(self.tr("Cramps only"), "cramp")
        self.chart_combo = QComboBox(controls)
        self.chart_combo.setAccessibleName(self.tr("Chart"))
        for spec in CHART_SPECS:
            self.chart_combo.addItem(chart_label(spec.id), spec.id)
        self.factor_combo = QComboBox(controls)
        self.factor_combo.setAccessibleName(self.tr("Daily factor"))
        for key in FACTOR_IDS:
            self.factor_combo.addItem(factor_label(key), key)
        self.grid_button = QPushButton(self.tr("Show four charts"), controls)
        self.grid_button.setCheckable(True)
        self.grid_button.setAccessibleName(self.tr("Show four charts at once"))
        self.save_button = QPushButton(self.tr("Save chart…"), controls)
        self.save_button.setAccessibleName(self.tr("Save the chart as PNG or SVG"))
        for layout, label_text, widget in (
                (cl, self.tr("&Period"), self.range_combo), (cl, None, self.from_edit),
                (cl, self.tr("to"), self.to_edit), (cl, self.tr("&Show"), self.kind_combo),
                (cl2, self.tr("C&hart"), self.chart_combo), (cl2, None, self.factor_combo)):
            if label_text:
                label = QLabel(label_text, controls)
                label.setBuddy(widget)
                layout.addWidget(label)
            layout.addWidget(widget)
        for combo in (self.range_combo, self.kind_combo, self.chart_combo, self.factor_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for button in (self.grid_button, self.save_button):
            button.setMinimumWidth(button.sizeHint().width() + 24)
        cl.addStretch(1)
        cl2.addStretch(1)
        cl2.addWidget(self.grid_button)
        cl2.addWidget(self.save_button)
        root.addWidget(controls)
        self.controls = controls

        # Empty journal: an invitation instead of empty axes.
        self.empty_card = QFrame(self)
        self.empty_card.setObjectName("card")
        el = QVBoxLayout(self.empty_card)
        el.setContentsMargins(24, 20, 24, 20)
        empty_title = QLabel(self.tr("No entries yet"), self.empty_card)
        empty_title.setObjectName("cardTitle")
        self.empty_text = QLabel(self.tr(
            "Trends appear once you log episodes and daily check-ins. To see what this screen "
            "shows, you can open a sample journal: two years of made-up entries, written to a "
            "separate file. Your own journal is not changed; File > Open journal file brings "
            "it back."), self.empty_card)
        self.empty_text.setWordWrap(True)
        self.sample_button = QPushButton(self.tr("Try with sample data"), self.empty_card)
        self.sample_button.setObjectName("primary")
        self.sample_button.setAccessibleName(self.tr("Open a sample journal in a separate file"))
        self.sample_button.clicked.connect(self.try_sample_data)
        el.addWidget(empty_title)
        el.addWidget(self.empty_text)
        row = QHBoxLayout()
        row.addWidget(self.sample_button)
        row.addStretch(1)
        el.addLayout(row)
        root.addWidget(self.empty_card)
        self.empty_card.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        # Shown only once a finished query found the journal empty, never before.
        self.empty_card.hide()

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.chart_frame = QFrame(self.splitter)
        self.chart_frame.setObjectName("card")
        self.chart_layout = QVBoxLayout(self.chart_frame)
        self.chart_layout.setContentsMargins(8, 8, 8, 8)
        self.findings = QTextBrowser(self.splitter)
        self.findings.setObjectName("findings")
        self.findings.setAccessibleName(self.tr("Trigger findings"))
        self.findings.setOpenLinks(False)
        self.findings.setMinimumWidth(300)
        self.splitter.addWidget(self.chart_frame)
        self.splitter.addWidget(self.findings)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([860, 340])
        root.addWidget(self.splitter, 1)
        self.empty_spacer = QWidget(self)  # keeps the empty card at the top
        root.addWidget(self.empty_spacer, 1)
        self.empty_spacer.hide()
        self.factor_combo.setVisible(False)

        # Floats over the charts (no layout shift) while a query is in flight.
        self.loading_notice = QLabel(self)
        self.loading_notice.setObjectName("loadingNotice")
        self.loading_notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.loading_notice.hide()

        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self._start_refresh)

        self._set_preset(DEFAULT_PRESET)
        self.range_combo.currentIndexChanged.connect(self._preset_chosen)
        self.from_edit.dateChanged.connect(self._dates_edited)
        self.to_edit.dateChanged.connect(self._dates_edited)
        for combo in (self.kind_combo, self.chart_combo, self.factor_combo):
            combo.currentIndexChanged.connect(lambda _i: self.schedule_refresh())
        self.grid_button.toggled.connect(lambda _on: self.schedule_refresh())
        self.save_button.clicked.connect(self.save_chart)
        window.journalChanged.connect(self._on_change)
        window.journalReplaced.connect(self._on_replaced)
        window.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.window_ and event.type() == QEvent.Type.Show and not self._warmed:
            self._warmed = True
            QTimer.singleShot(WARM_UP_DELAY_MS, self._warm_up)
        return super().eventFilter(obj, event)

    def _warm_up(self) -> None:
        self.pool.start(_WarmUp())

    # --- controls ---------------------------------------------------------------------------

    def _date_edit(self, parent: QWidget, name: str) -> QDateEdit:
        edit = QDateEdit(parent)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(date_format_pattern())
        edit.setAccessibleName(name)
        return edit

    @property
    def journal(self):  # type: ignore[no-untyped-def]
        return self.window_.journal

    def _set_dates(self, start: date, end: date) -> None:
        for edit, value in ((self.from_edit, start), (self.to_edit, end)):
            edit.blockSignals(True)
            edit.setDate(QDate(value))
            edit.blockSignals(False)

    def _set_preset(self, key: str) -> None:
        self.range_combo.blockSignals(True)
        self.range_combo.setCurrentIndex(self.range_combo.findData(key))
        self.range_combo.blockSignals(False)
        self._apply_preset(key)

    def _apply_preset(self, key: str) -> None:
        days = dict(PRESETS)[key]
        if days == -1:
            return  # custom: the dates stay as they are, ready to edit
        end = self.journal.today()
        if days is None:
            start = self.journal.first_entry_date() or end
        else:
            start = end - timedelta(days=days - 1)
        self._set_dates(start, end)

    def _preset_chosen(self, _index: int) -> None:
        key = self.range_combo.currentData()
        self._apply_preset(key)
        if key == "custom":
            self.from_edit.setFocus()
        self.schedule_refresh()

    def _dates_edited(self, _d: QDate) -> None:
        self.range_combo.blockSignals(True)
        self.range_combo.setCurrentIndex(self.range_combo.findData("custom"))
        self.range_combo.blockSignals(False)
        self.schedule_refresh()

    def date_range(self) -> tuple[date, date]:
        start = self.from_edit.date().toPython()
        end = self.to_edit.date().toPython()
        return (start, end) if start <= end else (end, start)

    def kinds(self) -> list[str] | None:
        kind = self.kind_combo.currentData()
        return [kind] if kind else None

    def current_chart(self) -> str:
        return str(self.chart_combo.currentData())

    def set_chart(self, key: str) -> None:
        """Show chart ``key`` (a chart id, or an older spelling of one)."""
        if is_chart(key):
            key = chart_spec(key).id
        self.chart_combo.setCurrentIndex(self.chart_combo.findData(key))

    def selection(self) -> ChartSelection:
        """What the controls ask for: the period, the kinds, the daily factor."""
        start, end = self.date_range()
        kinds = self.kinds()
        return ChartSelection(start, end, tuple(kinds) if kinds else None,
                              str(self.factor_combo.currentData()))

    def set_preset(self, key: str) -> None:
        self.range_combo.setCurrentIndex(self.range_combo.findData(key))

    # --- refreshing -------------------------------------------------------------------------

    def _on_change(self, _change: Change) -> None:
        self._stale = True
        self._request_number += 1  # an answer in flight was read before this change
        if self.isVisible():
            self.schedule_refresh()

    def _on_replaced(self, _journal: object) -> None:
        # Another file: its own dates. Keep the preset, recompute its dates.
        key = self.range_combo.currentData()
        self._apply_preset(key if key != "custom" else DEFAULT_PRESET)
        self._stale = True
        self._request_number += 1  # an answer in flight is about the other file
        if self.isVisible():
            self.schedule_refresh()

    def schedule_refresh(self) -> None:
        self._stale = True
        self._request_number += 1  # whatever is in flight now answers an older question
        if self.isVisible():
            self._show_loading()
            self._refresh_timer.start()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        if self._stale:
            self._show_loading()
            self._refresh_timer.start()

    def _show_loading(self) -> None:
        """Say that new figures are on their way; what is on screen is marked as stale."""
        self.loading = True
        drawn = self._canvas is not None and bool(self._axes_charts)
        self.loading_notice.setText(
            self.tr("Updating the charts for this selection…") if drawn
            else self.tr("Loading your entries…"))
        self.loading_notice.setAccessibleName(self.loading_notice.text())
        # The empty-journal invitation speaks of a finished query: not while one is running.
        if self.empty_card.isVisible():
            self.empty_card.hide()
            self.empty_spacer.hide()
            self.controls.show()
            self.splitter.show()
        self.findings.setGraphicsEffect(None)  # the whole splitter is dimmed instead
        if self.splitter.graphicsEffect() is None:
            effect = QGraphicsOpacityEffect(self.splitter)
            effect.setOpacity(STALE_OPACITY)
            self.splitter.setGraphicsEffect(effect)
        self.summary_label.setText(self.tr("Loading…"))
        self._place_loading_notice()
        self.loading_notice.show()
        self.loading_notice.raise_()

    def _end_loading(self) -> None:
        self.loading = False
        self.loading_notice.hide()
        self.splitter.setGraphicsEffect(None)
        self.findings.setGraphicsEffect(None)

    def _place_loading_notice(self) -> None:
        hint = self.loading_notice.sizeHint()
        width, height = hint.width() + 40, hint.height() + 20
        area = self.splitter.geometry() if self.splitter.isVisible() else self.rect()
        self.loading_notice.setGeometry(area.center().x() - width // 2,
                                        area.top() + min(80, area.height() // 3), width, height)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        if self.loading:
            self._place_loading_notice()

    def _ensure_canvas(self) -> None:
        if self._canvas is not None:
            return
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        class ChartCanvas(FigureCanvasQTAgg):
            """The figure, reachable by Tab (its numbers are its accessible description), with
            a ring drawn over it while it has the focus."""

            def paintEvent(self, event) -> None:  # type: ignore[no-untyped-def]
                super().paintEvent(event)
                if self.hasFocus():
                    from PySide6.QtGui import QPainter, QPalette, QPen

                    painter = QPainter(self)
                    painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 3))
                    painter.drawRect(self.rect().adjusted(1, 1, -2, -2))
                    painter.end()

            def focusInEvent(self, event) -> None:  # type: ignore[no-untyped-def]
                super().focusInEvent(event)
                self.update()

            def focusOutEvent(self, event) -> None:  # type: ignore[no-untyped-def]
                super().focusOutEvent(event)
                self.update()

        # No layout engine: journal.charts.layout places the axes after each draw and resize.
        self._figure = Figure()
        self._canvas = ChartCanvas(self._figure)
        self._canvas.setParent(self.chart_frame)
        self._canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._canvas.setAccessibleName(self.tr("Chart"))
        # A stop for the keyboard and screen readers: the chart's numbers as its text.
        self._canvas.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        mark_role(self._canvas, QAccessible.Role.Chart)
        self._canvas.mpl_connect("motion_notify_event", self._hover)
        self._canvas.mpl_connect("resize_event", self._relayout)
        self._canvas.mpl_connect("figure_leave_event", lambda _e: QToolTip.hideText())
        self.chart_layout.addWidget(self._canvas)

    def _relayout(self, _event: Any = None) -> None:
        """A new canvas size: margins in pixels are measured again (the draw follows)."""
        if self._figure is not None and self._axes_charts:
            from journal.service.charts import fixed_layout  # imports Matplotlib

            fixed_layout(self._figure)

    def is_empty_journal(self) -> bool:
        return self.journal.first_entry_date() is None

    def current_request(self) -> TrendsRequest:
        """What the controls ask for now."""
        grid = self.grid_button.isChecked()
        charts = GRID_CHARTS if grid else (self.current_chart(),)
        return TrendsRequest(charts, grid, self.selection())

    def _start_refresh(self) -> None:
        """Hand the current request to the worker; its answer comes back to :meth:`_on_answer`."""
        self._refresh_timer.stop()
        if not self.isVisible():
            return  # shown again later: showEvent asks again
        self.pool.clear()  # a request still queued is out of date: this one replaces it
        self.pool.start(_Job(self._request_number, self.journal, self.current_request(),
                             self._signals))

    def _current(self, number: int, answer: TrendsAnswer) -> bool:
        if number != self._request_number or answer.request != self.current_request():
            self.discarded_answers += 1  # a newer request is queued or running
            return False
        return True

    def _on_charts(self, number: int, answer: TrendsAnswer) -> None:
        """The charts' numbers arrived (the findings follow): draw the figure now."""
        if not self._current(number, answer) or answer.empty:
            return  # an empty journal: the full answer shows the invitation
        self._apply(answer, draw=False, findings=False)
        if answer.request.grid:
            # Four charts: chart by chart, one per turn of the event loop.
            self._step_drawing(number, self._draw_steps(answer.request.charts,
                                                        answer.request.selection))
        else:
            self._draw(answer.request.charts, answer.request.selection)
            self._figure_drawn(number)

    def _figure_drawn(self, number: int) -> None:
        self.drawn_request = number
        if self._findings_request != number:
            # The figure is the answer now; the findings beside it are still the old ones.
            self.splitter.setGraphicsEffect(None)
            effect = QGraphicsOpacityEffect(self.findings)
            effect.setOpacity(STALE_OPACITY)
            self.findings.setGraphicsEffect(effect)
            self.loading_notice.hide()
        self._finish_if_done(number)

    def _on_answer(self, number: int, answer: TrendsAnswer) -> None:
        """The whole answer: the findings and the summary line (the figure came before)."""
        if not self._current(number, answer):
            return
        started = time.perf_counter()
        if answer.empty:
            self._stale = False
            try:
                self._apply(answer)
            finally:
                self._end_loading()
            return
        self._apply(answer, draw=False, figure=False)
        self._findings_request = number
        self._finish_if_done(number)
        self.last_refresh_ms = (time.perf_counter() - started) * 1000

    def _finish_if_done(self, number: int) -> None:
        if self.drawn_request == number and self._findings_request == number:
            self._stale = False
            self._end_loading()

    def _on_failed(self, number: int, message: str) -> None:
        if number != self._request_number:
            self.discarded_answers += 1
            return
        self._end_loading()
        self.summary_label.setText(self.tr("The charts could not be updated: {0}").format(message))

    def refresh(self) -> None:
        """Query and draw now, on the calling thread (tests, and callers that must wait)."""
        started = time.perf_counter()
        self._stale = False
        self._refresh_timer.stop()
        self._request_number += 1  # an answer still in flight is older than this
        try:
            self._apply(compute_trends(self.journal, self.current_request()))
            self.drawn_request = self._findings_request = self._request_number
        finally:
            self._end_loading()
        self.last_refresh_ms = (time.perf_counter() - started) * 1000

    def _apply(self, answer: TrendsAnswer, draw: bool = True, findings: bool = True,
               figure: bool = True) -> None:
        """Show an answer: the empty-journal card, or the figures (``figure``: the controls
        and canvas set up for them, ``draw``: drawn too), findings and summary."""
        empty = answer.empty
        self.empty_card.setVisible(empty)
        self.empty_spacer.setVisible(empty)
        self.controls.setVisible(not empty)
        self.splitter.setVisible(not empty)
        if empty:
            self.summary_label.setText(self.tr("No entries yet"))
            self.findings.clear()
            self._findings_html = ""
            return
        request = answer.request
        selection = request.selection
        if figure:
            self._ensure_canvas()
            chart = request.charts[0]
            self.factor_combo.setVisible(chart == "factor" and not request.grid)
            self.chart_combo.setEnabled(not request.grid)
            self._data = dict(answer.data)
            if draw:
                self._draw(request.charts, selection)
        if findings:
            self._show_findings(selection.start, selection.end, answer.stats, answer.tags,
                                answer.done)
            self._show_summary(selection.start, selection.end, answer.done)

    def _dark(self) -> bool:
        return is_dark()

    def _draw(self, charts: tuple[str, ...], selection: ChartSelection) -> None:
        for _step in self._draw_steps(charts, selection):
            pass

    def _draw_steps(self, charts: tuple[str, ...], selection: ChartSelection) -> Iterator[None]:
        """Draw the figure one chart per step; the last step lays it out and asks the canvas to
        render. The four-chart view takes its steps in separate turns of the event loop
        (:meth:`_step_drawing`), so the window answers between them. The theme's lock is held
        within a step only, never across one."""
        import matplotlib as mpl

        from journal.service.charts import fixed_layout

        fig = self._figure
        fig.clear()
        self._axes_charts = []
        rc = _theme_rc(self._dark())
        with chart_theme(rc):
            fig.set_facecolor(mpl.rcParams["figure.facecolor"])
            if len(charts) == 1:
                targets = [fig]
            else:
                targets = list(fig.subfigures(2, 2).flat)
                for sub in targets:
                    sub.set_facecolor(mpl.rcParams["figure.facecolor"])
        for key, target in zip(charts, targets, strict=False):
            with chart_theme(rc):
                before = list(target.axes)
                draw_chart(target, key, self._data[key], selection)
                new_axes = [ax for ax in target.axes if ax not in before]
                for i, ax in enumerate(new_axes):
                    self._axes_charts.append((ax, key, i, selection))
            yield
        with chart_theme(rc):
            # Margins measured from the words drawn, not constrained layout on every redraw.
            fixed_layout(fig)
        self._canvas.setAccessibleName(", ".join(chart_label(key) for key in charts))
        self._canvas.setAccessibleDescription(self._describe(charts))
        self._canvas.setToolTip("")
        self._canvas.draw_idle()

    def _step_drawing(self, number: int, steps: Iterator[None]) -> None:
        """One step of a figure drawn over several turns of the event loop; abandoned when a
        newer request was made (its answer draws the figure again)."""
        if number != self._request_number:
            return
        try:
            next(steps)
        except StopIteration:
            self._figure_drawn(number)
            return
        QTimer.singleShot(0, lambda: self._step_drawing(number, steps))

    def _describe(self, charts: tuple[str, ...]) -> str:
        """What the chart says, in numbers, for screen readers: the figures a sighted person
        reads off it (the findings list beside it has the rest)."""
        parts = []
        for key in charts:
            text = self._describe_one(key, self._data[key])
            if text:
                parts.append(f"{chart_label(key)}: {text}")
        return " ".join(parts)

    def _describe_one(self, key: str, data: Any) -> str:
        import math

        def finite(values: Any) -> list[float]:
            return [float(v) for v in values if v is not None and not math.isnan(float(v))]

        if key == "frequency":
            rate = data.per_recorded_day
            text = self.tr("{0} episodes on {1} recorded days{2}.").format(
                data.total_episodes, data.recorded,
                "" if rate is None else self.tr(", {0:.1f} a day").format(rate))
            means = finite(data.rolling_mean)
            if means:
                text += " " + self.tr("Latest {0}: {1:.1f}.").format(
                    data.rolling_label, means[-1])
            if data.totals:
                busiest = max(range(len(data.totals)), key=lambda i: data.totals[i])
                text += " " + self.tr("Most in one {0}: {1} ({2}).").format(
                    self.tr("day") if data.bucket == "day" else self.tr("week"),
                    data.totals[busiest], format_day_month(data.periods[busiest]))
            return text
        if key == "intensity":
            out = []
            for kind in data.kinds:
                medians, highest = finite(data.median[kind]), finite(data.highest[kind])
                if medians:
                    out.append(self.tr("{0}: typical intensity {1:.0f} to {2:.0f}, highest "
                                       "{3:.0f}.").format(kind.capitalize(), min(medians),
                                                          max(medians), max(highest)))
            return " ".join(out) or self.tr("No episodes in this period.")
        if key == "time_of_day":
            by_hour = data.by_hour
            if not data.total:
                return self.tr("No episodes in this period.")
            top = sorted(range(24), key=lambda h: -by_hour[h])[:3]
            return self.tr("{0} episodes; most at {1}.").format(data.total, ", ".join(
                f"{h:02d}:00 ({by_hour[h]})" for h in top if by_hour[h]))
        if key == "regions":
            if not data.regions:
                return self.tr("No regions recorded in this period.")
            totals = [sum(data.counts[k][i] for k in data.kinds)
                      for i in range(len(data.regions))]
            return self.tr("Most often: {0}.").format(", ".join(
                f"{region_compact(Region(r))} {n}"
                for r, n in list(zip(data.regions, totals, strict=True))[:4]))
        if key == "trigger_forest":
            sentences = [r.sentence for r in data if r.tested]
            return " ".join(sentences[:3]) or self.tr("Not enough recorded days yet.")
        if key == "factor":
            episodes = finite(data.episodes)
            if not episodes:
                return self.tr("No recorded days in this period.")
            return self.tr("{0} recorded days, {1:.1f} episodes a recorded day on average.").format(
                len(episodes), sum(episodes) / len(episodes))
        return ""

    def _hover(self, event) -> None:  # type: ignore[no-untyped-def]
        text = None
        if event.inaxes is not None:
            for ax, key, index, selection in self._axes_charts:
                if ax is event.inaxes:
                    text = describe_chart_point(key, self._data.get(key), index, event.xdata,
                                                event.ydata, selection)
                    break
        if text:
            if text != self._last_tip or not QToolTip.isVisible():
                QToolTip.showText(QCursor.pos(), text, self._canvas)
            self._last_tip = text
        elif self._last_tip:
            QToolTip.hideText()
            self._last_tip = ""

    def hover_text_at(self, chart_index: int, x: float, y: float) -> str | None:
        """The tooltip for data coordinates on one of the drawn axes (used by tests)."""
        _ax, key, index, selection = self._axes_charts[chart_index]
        return describe_chart_point(key, self._data.get(key), index, x, y, selection)

    # --- findings ---------------------------------------------------------------------------

    def _show_summary(self, start: date, end: date, done: Any = None) -> None:
        if done is None:
            done = self.journal.diary_completeness(start, end)
        self.summary_label.setText(self.tr(
            "{0} – {1}: {2} of {3} days recorded").format(
            format_medium_date(start), format_medium_date(end), done.recorded,
            done.total_days))

    def _show_findings(self, start: date, end: date, stats: list[Any],
                       tags: list[Any] | None = None, done: Any = None) -> None:
        if tags is None:
            tags = self.journal.trigger_tag_shares(start, end, self.kinds())
        if done is None:
            done = self.journal.diary_completeness(start, end)
        clear = [r for r in stats if r.significant]
        unclear = [r for r in stats if r.tested and not r.significant]
        waiting = [r for r in stats if not r.tested]

        def items(results: list[Any]) -> str:
            return "".join(f"<li>{html.escape(r.sentence)}</li>" for r in results)

        same_day = next((r.comparisons for r in stats if r.tested and r.lag == 0), 0)
        next_day = next((r.comparisons for r in stats if r.tested and r.lag == 1), 0)
        weekend = any("weekend" in r.adjusted_for for r in stats if r.tested)
        # Each tr() outside the f-strings: pyside6-lupdate does not read calls inside one.
        heading = self.tr("What goes with more or fewer episodes")
        parts = [f"<h3>{html.escape(heading)}</h3>",
                 "<p>" + html.escape((self.tr(
                     "Checked-in days with and without each daily factor, compared in one model "
                     "so that each figure is adjusted for the other daily factors and for "
                     "weekdays against weekends; {0} of {1} days in this period are recorded, "
                     "and unrecorded days are left out.") if weekend else self.tr(
                     "Checked-in days with and without each daily factor, compared in one model "
                     "so that each figure is adjusted for the other daily factors; {0} of {1} "
                     "days in this period are recorded, and unrecorded days are left out.")
                 ).format(done.recorded, done.total_days)) + "</p>"]
        if same_day or next_day:
            parts.append("<p>" + html.escape(self.tr(
                "{0} same-day comparisons were made, and {1} for the next day as a secondary "
                "check, so each interval is widened to match: a clear link's interval leaves "
                "out 1, any other includes it."
            ).format(same_day, next_day)) + "</p>")
        trends = [t for t in self.journal.kind_trends(start, end)  # the report's trend floor
                  if self.kinds() is None or t.kind in self.kinds()]
        if trends:  # the heading outside an f-string, where lupdate finds it
            heading = html.escape(self.tr("First against last 2 weeks"))
            parts.append(f"<h4>{heading}</h4><ul>"
                         + "".join(f"<li>{html.escape(t.sentence)}</li>" for t in trends)
                         + "</ul>")
        if clear:
            heading = self.tr("Clear links")
            parts.append(f"<h4>{html.escape(heading)}</h4><ul>{items(clear)}</ul>")
        if unclear:
            heading = self.tr("No clear difference")
            parts.append(f"<h4>{html.escape(heading)}</h4>"
                         f"<ul>{items(unclear)}</ul>")
        if waiting:
            heading = self.tr("Not enough days yet")
            parts.append(f"<h4>{html.escape(heading)}</h4>"
                         f"<ul>{items(waiting)}</ul>")
        if tags:
            heading = self.tr("Suspected triggers you tagged")
            parts.append(f"<h4>{html.escape(heading)}</h4><ul>"
                         + "".join(f"<li>{html.escape(t.sentence)}</li>" for t in tags)
                         + "</ul>")
        parts.append("<p><i>" + html.escape(self.tr(
            "These are links in your own records, not proof that one thing leads to another. "
            "If in doubt, call your emergency number.")) + "</i></p>")
        text = "".join(parts)
        if text == self._findings_html:
            return  # a chart switch changes no finding: no new layout of the whole text
        self._findings_html = text
        scroll = self.findings.verticalScrollBar().value()
        self.findings.setHtml(text)
        self.findings.verticalScrollBar().setValue(scroll)

    # --- saving -----------------------------------------------------------------------------

    def save_chart(self) -> Path | None:
        grid = self.grid_button.isChecked()
        chart = self.current_chart()
        default = Path.home() / ("symptom-journal-charts.png" if grid
                                 else f"symptom-journal-{chart}.png")
        path = self.ask_save_path(
            self.tr("Save the four charts (one file each)") if grid else self.tr("Save chart"),
            default)
        if not path:
            return None
        if grid:
            saved = self.save_grid_to(Path(path))
            return saved[0] if saved else None
        return self.save_chart_to(Path(path), chart)

    def ask_save_path(self, title: str, default: Path) -> str:
        """Where to save ("" when cancelled); tests answer for the dialog."""
        path, _filter = QFileDialog.getSaveFileName(
            self, title, str(default), self.tr("PNG image (*.png);;SVG image (*.svg)"))
        return path

    def save_grid_to(self, path: Path) -> list[Path]:
        """The four-chart view saves all four, one file each: ``<name>-<chart>.png``."""
        suffix = path.suffix.lower() if path.suffix.lower() in (".png", ".svg") else ".png"
        saved: list[Path] = []
        for chart in GRID_CHARTS:
            one = self.save_chart_to(path.with_name(f"{path.stem}-{chart}{suffix}"), chart)
            if one is None:
                return saved
            saved.append(one)
        self.window_.statusBar().showMessage(self.tr("Saved {0} charts: {1}").format(
            len(saved), ", ".join(p.name for p in saved)), 8000)
        return saved

    def save_chart_to(self, path: Path, chart: str | None = None) -> Path | None:
        """Write the chart (light colours, the report's size) as PNG or SVG, atomically."""
        chart = chart_spec(chart).id if chart else self.current_chart()
        if path.suffix.lower() not in (".png", ".svg"):
            path = path.with_suffix(".png")
        selection = self.selection()
        data = self._data.get(chart) or self.journal.chart_data(chart, selection)
        try:
            write_chart(path, chart, data, selection)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Chart not saved"), str(exc))
            return None
        self.window_.statusBar().showMessage(
            self.tr("Saved the chart to {0}").format(str(path)), 6000)
        return path

    # --- sample data ------------------------------------------------------------------------

    def sample_path(self) -> Path:
        """A new file beside the journal, never the journal itself."""
        folder = Path(self.journal.path).parent
        candidate = folder / "sample-journal.sqlite3"
        n = 2
        while candidate.exists():
            candidate = folder / f"sample-journal-{n}.sqlite3"
            n += 1
        return candidate

    def try_sample_data(self) -> Path | None:
        path = self.sample_path()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            make_demo_journal(path, years=SAMPLE_YEARS, episodes_per_day=SAMPLE_PER_DAY, seed=1,
                              today=self.journal.today())
        except (OSError, FileExistsError) as exc:
            QGuiApplication.restoreOverrideCursor()
            QMessageBox.warning(self, self.tr("Sample data not written"), str(exc))
            return None
        QGuiApplication.restoreOverrideCursor()
        self.sampleDataRequested.emit(path)
        if self.window_.open_journal_file(path):
            self.window_.statusBar().showMessage(self.tr(
                "Opened a sample journal ({0}). Your own journal is unchanged; "
                "File > Open journal file switches back.").format(str(path)), 15000)
        return path
