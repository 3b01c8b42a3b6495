"""Today: log an episode in two clicks, see today's episodes and today's check-in.

The quick log reads top to bottom: what (twitch or cramp), optionally what set it off, then one
click on the intensity saves it with the rest taken from the last episode. "Twitch now" and
"Cramp now" save at once; "Cramp started" runs a timer until "Cramp ended". Everything fits in
1280x800 without scrolling.
"""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QSize, Qt, QTimer
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from journal.model import CheckIn, Kind
from journal.service import Change
from ui.a11y import mark_radio
from ui.formatting import format_long_date, format_short_weekday
from ui.models.episodes import ID_ROLE, EpisodeRow, EpisodeTableModel
from ui.widgets.intensity import ScorePicker
from ui.widgets.labels import exercise_label, kind_label
from ui.widgets.triggers import TriggerChips

if TYPE_CHECKING:
    from ui.host import JournalHost

#: Quick-log chips: this many, the most used in the lookback window first.
CHIP_COUNT = 7
CHIP_LOOKBACK_DAYS = 21
COMMON_TRIGGERS = ("caffeine", "prolonged_sitting", "exercise", "stress", "poor_sleep",
                   "dehydration", "overexertion")


def card(parent: QWidget, title: str) -> tuple[QFrame, QVBoxLayout]:
    """A rounded panel with a title row; ``frame.header`` takes buttons beside the title."""
    frame = QFrame(parent)
    frame.setObjectName("card")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(18, 14, 18, 14)
    layout.setSpacing(8)
    header = QHBoxLayout()
    heading = QLabel(title, frame)
    heading.setObjectName("cardTitle")
    header.addWidget(heading, 1)
    layout.addLayout(header)
    frame.setProperty("title", title)
    frame.header = header  # type: ignore[attr-defined]
    return frame, layout


def format_elapsed(delta: timedelta) -> str:
    seconds = int(delta.total_seconds())
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m:02d}:{s:02d}"


class TodayView(QWidget):
    def __init__(self, window: JournalHost) -> None:
        super().__init__(window)
        self.window_ = window
        self.quick_log = window.quick_log
        root = QVBoxLayout(self)
        root.setContentsMargins(24, 18, 24, 18)
        root.setSpacing(14)

        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(0)
        self.title = QLabel(self)
        self.title.setObjectName("pageTitle")
        self.subtitle = QLabel(self)
        self.subtitle.setObjectName("pageSubtitle")
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        head.addLayout(titles, 1)
        self.form_button = QPushButton(self.tr("Full form…"), self)
        self.form_button.setToolTip(self.tr("Every detail (Ctrl+N)"))
        self.form_button.setAccessibleName(self.tr("Open the full episode form"))
        self.form_button.clicked.connect(lambda: self.quick_log.open_form(
            self.kind(), tuple(self.chips.selected())))
        head.addWidget(self.form_button)
        root.addLayout(head)

        # Side by side where there is room; on a narrow (or scaled) screen the check-in card goes
        # under the quick log instead of being cut off or scrolled sideways.
        self._top = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._top.setSpacing(14)
        self.quick_card = self._build_quick_log()
        self.checkin_card = self._build_checkin_card()
        self._top.addWidget(self.quick_card, 2)
        self._top.addWidget(self.checkin_card, 1)
        root.addLayout(self._top)

        episodes, el = card(self, self.tr("Today's episodes"))
        self.model = EpisodeTableModel(self)
        self.table = QTableView(episodes)
        self.table.setObjectName("todayTable")
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Today's episodes"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Tab leaves the list (arrow keys move in it) instead of walking it cell by cell.
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(30)
        self.table.setColumnHidden(EpisodeTableModel.DATE, True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(EpisodeTableModel.NOTE, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        self.table.doubleClicked.connect(self._edit_index)
        self.table.activated.connect(self._edit_index)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_selected)
        self.empty_label = QLabel(self.tr("Nothing logged yet today. That is worth knowing too: "
                                          "tick “no episodes today” in the check-in."), episodes)
        self.empty_label.setObjectName("hint")
        self.empty_label.setWordWrap(True)
        el.addWidget(self.empty_label)
        el.addWidget(self.table, 1)
        row = episodes.header  # type: ignore[attr-defined]
        self.edit_button = QPushButton(self.tr("&Edit…"), episodes)
        self.edit_button.setAccessibleName(self.tr("Edit the selected episode"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton(self.tr("De&lete"), episodes)
        self.delete_button.setAccessibleName(self.tr("Delete the selected episode"))
        self.delete_button.clicked.connect(self.delete_selected)
        row.addWidget(self.edit_button)
        row.addWidget(self.delete_button)
        root.addWidget(episodes, 1)

        # Left open overnight, Today moves on to the new day by itself.
        self._shown_day: date | None = None
        self._day_timer = QTimer(self)
        self._day_timer.setInterval(60_000)
        self._day_timer.timeout.connect(self._check_day)
        self._day_timer.start()
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)
        window.journalChanged.connect(self._on_change)
        self.quick_log.ongoingChanged.connect(self._update_ongoing)
        window.journalReplaced.connect(lambda _j: self.refresh())
        self.refresh()
        self._update_ongoing()

    # --- building ---------------------------------------------------------------------------

    def _build_quick_log(self) -> QFrame:
        frame, layout = card(self, self.tr("Log an episode"))
        hint = QLabel(self.tr("Choose, then click how bad: saved at once"), frame)
        hint.setObjectName("hint")
        frame.header.addWidget(hint)  # type: ignore[attr-defined]
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(10)
        layout.addLayout(grid)

        def step(number: int, text: str, row: int) -> QLabel:
            label = QLabel(f"<b>{number}</b>&nbsp;&nbsp;{text}", frame)
            label.setObjectName("step")
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | (
                Qt.AlignmentFlag.AlignTop if row == 1 else Qt.AlignmentFlag.AlignVCenter))
            grid.addWidget(label, row, 0)
            return label

        step(1, self.tr("What?"), 0)
        kinds = QHBoxLayout()
        kinds.setSpacing(6)
        self.kind_group = QButtonGroup(self)
        self.kind_buttons: dict[Kind, QPushButton] = {}
        for kind in Kind:
            b = QPushButton(kind_label(kind), frame)
            b.setObjectName("bigSegment")
            b.setCheckable(True)
            b.setAccessibleName(self.tr("Kind: {0}").format(kind_label(kind)))
            b.setCursor(Qt.CursorShape.PointingHandCursor)
            self.kind_group.addButton(b)
            mark_radio(b)  # one of two: a radio button to screen readers, not a check box
            self.kind_buttons[kind] = b
            kinds.addWidget(b)
        self.kind_group.buttonToggled.connect(self._kind_changed)
        kinds.addStretch(1)
        grid.addLayout(kinds, 0, 1)

        self.step2 = step(2, self.tr("Why?"), 1)
        self.step2.setToolTip(self.tr("Optional: what may have set it off"))
        self.chips = TriggerChips(frame)
        # The chips already chosen come along into the form.
        self.chips.more_button.clicked.connect(lambda: self.quick_log.open_form(
            self.kind(), tuple(self.chips.selected())))
        grid.addWidget(self.chips, 1, 1)

        self.step3 = step(3, "", 2)
        self.picker = ScorePicker(frame, allow_none=True)
        self.picker.enter_picks = True
        self.picker.setAccessibleName(self.tr("Intensity: choose a number to log the episode"))
        self.picker.picked.connect(self._picked)
        # The window starts on the intensity (a digit and Enter log an episode). Not a focus
        # proxy: a proxy made forward Tab jump from the sidebar to it, past Full form, the kind
        # and the trigger chips, which only Shift+Tab then reached.
        grid.addWidget(self.picker, 2, 1)
        grid.setColumnStretch(1, 1)

        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        at_once = QLabel(self.tr("Or at once:"), frame)
        at_once.setObjectName("hint")
        buttons.addWidget(at_once)
        self.twitch_now = QPushButton(self.tr("Twitch now"), frame)
        self.twitch_now.setToolTip(self.tr("Save a twitch now with your usual details "
                                           "(Ctrl+Shift+T)"))
        self.twitch_now.clicked.connect(lambda: self.quick_log.log_now(Kind.TWITCH))
        self.cramp_now = QPushButton(self.tr("Cramp now"), frame)
        self.cramp_now.setToolTip(self.tr("Save a cramp now with your usual details "
                                          "(Ctrl+Shift+C)"))
        self.cramp_now.clicked.connect(lambda: self.quick_log.log_now(Kind.CRAMP))
        self.cramp_timer = QPushButton(frame)
        self.cramp_timer.setObjectName("timerButton")
        self.cramp_timer.setToolTip(self.tr("For a cramp that is still going: start the timer "
                                            "now, stop it when the cramp ends (Ctrl+Shift+S)"))
        self.cramp_timer.clicked.connect(self.window_.toggle_cramp_timer)
        # Beside the timer for as long as it runs (the notice saying so may be gone by then).
        self.cancel_timer = QPushButton(self.tr("Cancel timer"), frame)
        self.cancel_timer.setToolTip(self.tr("Stop the timer without saving a cramp"))
        self.cancel_timer.clicked.connect(self.quick_log.cancel_cramp)
        self.timer_label = QLabel(frame)
        self.timer_label.setObjectName("timerLabel")
        self.timer_label.setAccessibleName(self.tr("Cramp timer"))
        for b in (self.twitch_now, self.cramp_now, self.cramp_timer):
            b.setCursor(Qt.CursorShape.PointingHandCursor)
            b.setAccessibleName(b.text() or self.tr("Cramp timer"))
            buttons.addWidget(b)
        self.cancel_timer.setAccessibleName(self.tr("Cancel the cramp timer"))
        buttons.addWidget(self.cancel_timer)
        buttons.addWidget(self.timer_label)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        return frame

    def _build_checkin_card(self) -> QFrame:
        frame, layout = card(self, self.tr("Today's check-in"))
        self.checkin_summary = QLabel(frame)
        self.checkin_summary.setObjectName("checkinSummary")
        self.checkin_summary.setWordWrap(True)
        self.checkin_summary.setTextFormat(Qt.TextFormat.RichText)
        self.checkin_summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.checkin_summary.setSizePolicy(QSizePolicy.Policy.Preferred,
                                           QSizePolicy.Policy.Expanding)
        layout.addWidget(self.checkin_summary, 1)
        self.week_label = QLabel(frame)
        self.week_label.setObjectName("weekStrip")
        self.week_label.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.week_label)
        buttons = QGridLayout()
        self.checkin_button = QPushButton(frame)
        self.checkin_button.setObjectName("primary")
        self.checkin_button.setToolTip(self.tr("About 20 seconds (Ctrl+D)"))
        self.checkin_button.clicked.connect(lambda: self.window_.open_checkin())
        self.meds_button = QPushButton(self.tr("Medications…"), frame)
        self.meds_button.setAccessibleName(self.tr("Medications and supplements"))
        self.meds_button.clicked.connect(lambda: self.window_.open_medications())
        buttons.addWidget(self.checkin_button, 0, 0)
        buttons.addWidget(self.meds_button, 0, 1)
        layout.addLayout(buttons)
        return frame

    # --- narrow screens ---------------------------------------------------------------------

    def _side_by_side_width(self) -> int:
        m = self.layout().contentsMargins()
        return (self.quick_card.minimumSizeHint().width()
                + self.checkin_card.minimumSizeHint().width()
                + self._top.spacing() + m.left() + m.right())

    def minimumSizeHint(self) -> QSize:
        """As narrow as the cards one above the other (they go side by side when there is room)."""
        m = self.layout().contentsMargins()
        width = max(self.quick_card.minimumSizeHint().width(),
                    self.checkin_card.minimumSizeHint().width()) + m.left() + m.right()
        return QSize(width, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        wide = self.width() >= self._side_by_side_width()
        direction = (QBoxLayout.Direction.LeftToRight if wide
                     else QBoxLayout.Direction.TopToBottom)
        if self._top.direction() != direction:
            self._top.setDirection(direction)
            self.updateGeometry()

    def stacked(self) -> bool:
        """True when the check-in card sits under the quick log (a narrow screen)."""
        return self._top.direction() == QBoxLayout.Direction.TopToBottom

    # --- state ------------------------------------------------------------------------------

    def kind(self) -> Kind:
        for kind, b in self.kind_buttons.items():
            if b.isChecked():
                return kind
        return Kind.TWITCH

    def _kind_changed(self, _button: QPushButton, on: bool) -> None:
        if not on:
            return
        kind = self.kind()
        self.picker.setKind(kind)
        self.step3.setText("<b>3</b>&nbsp;&nbsp;" + (
            self.tr("How<br>bothersome?") if kind == Kind.TWITCH else self.tr("How<br>painful?")))
        self.picker.setAccessibleName(
            self.tr("How bothersome: choose a number to log the twitch") if kind == Kind.TWITCH
            else self.tr("How painful: choose a number to log the cramp"))

    def _picked(self, value: int) -> None:
        saved = self.quick_log.log_now(self.kind(), value, tuple(self.chips.selected()))
        if saved is not None:
            self.chips.clear()
            self.picker.setValue(None)

    def _on_change(self, change: Change) -> None:
        # The chips keep their place while logging (a layout that shifts under the pointer is
        # worse than a ranking a few minutes old); they are re-ranked when triggers change.
        self.refresh(chips=change.entity in ("trigger", "journal"))

    def _check_day(self) -> None:
        if self.window_.journal.today() != self._shown_day:
            self.refresh()

    def refresh(self, *, chips: bool = True) -> None:
        j = self.window_.journal
        today = j.today()
        self._shown_day = today
        self.title.setText(self.tr("Today, {0}").format(format_long_date(today)))
        episodes = j.episodes(today, today)
        labels = {t.id: t.label for t in j.user_triggers()}
        self.model.set_rows([EpisodeRow.from_episode(e, labels) for e in episodes])
        has = bool(episodes)
        self.empty_label.setVisible(not has)
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)
        twitches = sum(1 for e in episodes if e.kind == Kind.TWITCH)
        cramps = len(episodes) - twitches
        counts = [self.tr("1 twitch") if twitches == 1 else
                  self.tr("{0} twitches").format(twitches),
                  self.tr("1 cramp") if cramps == 1 else self.tr("{0} cramps").format(cramps)]
        self.subtitle.setText(self.tr("Logged today: {0}, {1}").format(*counts) if has
                              else self.tr("No episodes logged today"))
        last = j.last_episode()
        if self.kind_group.checkedButton() is None or not self.isVisible():
            self.kind_buttons[last.kind if last else Kind.TWITCH].setChecked(True)
        if chips or not self.chips.buttons:
            self.chips.set_triggers(self._chip_triggers(), j.user_triggers())
        self._show_checkin(j.get_checkin(today), bool(episodes))
        self._show_week(today)
        self._fix_tab_order()

    def _fix_tab_order(self) -> None:
        """Top to bottom as read; the chips are rebuilt on refresh, so this runs each time."""
        chain = [self.form_button, *self.kind_buttons.values(), *self.chips.buttons.values(),
                 self.chips.more_button, self.picker, self.twitch_now, self.cramp_now,
                 self.cramp_timer, self.cancel_timer, self.checkin_button, self.meds_button,
                 self.edit_button, self.delete_button, self.table]
        for a, b in itertools.pairwise(chain):
            QWidget.setTabOrder(a, b)

    def _chip_triggers(self) -> list[str]:
        """The triggers worth one click: the most used lately, topped up with common ones."""
        j = self.window_.journal
        today = j.today()
        counts = j.trigger_use_counts(today - timedelta(days=CHIP_LOOKBACK_DAYS), today)
        known = j.known_trigger_ids()
        ranked = [t for t, _n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
                  if t in known]
        # Your own triggers are there for one-click use as soon as you add them.
        for t in [u.id for u in j.user_triggers()] + list(COMMON_TRIGGERS):
            if t not in ranked:
                ranked.append(t)
        return ranked[:CHIP_COUNT]

    def _show_checkin(self, c: CheckIn | None, has_episodes: bool) -> None:
        if c is None:
            self.checkin_summary.setText(self.tr(
                "<p>Not done yet today.</p><p>Caffeine, water, sitting, exercise, sleep and "
                "stress, plus a few yes/no questions about warning signs. It takes about 20 "
                "seconds and makes the trends and the doctor's report far more useful.</p>"))
            self.checkin_button.setText(self.tr("Do today's check-in"))
            self.checkin_button.setAccessibleName(self.tr("Do today's check-in"))
            return
        parts: list[tuple[str, str]] = []
        if c.caffeine_mg is not None:
            parts.append((self.tr("Caffeine"), self.tr("{0:g} mg").format(c.caffeine_mg)))
        if c.water_ml is not None:
            parts.append((self.tr("Water"), self.tr("{0:g} ml").format(c.water_ml)))
        if c.sitting_h is not None:
            parts.append((self.tr("Sitting"), self.tr("{0:g} h").format(c.sitting_h)))
        if c.exercise_min is not None:
            ex = self.tr("{0:g} min").format(c.exercise_min)
            if c.exercise_intensity:
                ex += f" ({exercise_label(c.exercise_intensity).lower()})"
            parts.append((self.tr("Exercise"), ex))
        if c.sleep_h is not None:
            parts.append((self.tr("Sleep"), self.tr("{0:g} h").format(c.sleep_h)))
        if c.stress is not None:
            parts.append((self.tr("Stress"), f"{c.stress}/10"))
        high = c.interference.highest
        if high is not None:
            parts.append((self.tr("Got in the way"), self.tr("up to {0}/10").format(high)))
        rows = "".join(f"<tr><td style='padding-right:14px'>{k}</td><td><b>{v}</b></td></tr>"
                       for k, v in parts)
        extra = ""
        if c.no_episodes and not has_episodes:
            extra += "<p>" + self.tr("You said: no episodes today.") + "</p>"
        if c.warning_signs:
            extra += "<p><b>⚠ " + self.tr("{0} warning sign(s) answered yes.").format(
                len(c.warning_signs)) + "</b> " + self.tr(
                "If in doubt, call your emergency number.") + "</p>"
        elif c.warning_signs_asked:
            extra += "<p>" + self.tr("Warning-sign questions: all answered no ({0}).").format(
                len(c.warning_signs_asked)) + "</p>"
        done = self.tr("Done.")  # outside the f-string, where pyside6-lupdate reads it
        self.checkin_summary.setText(f"<p>✓ {done}</p><table>{rows}</table>{extra}")
        self.checkin_button.setText(self.tr("Edit today's check-in"))
        self.checkin_button.setAccessibleName(self.tr("Edit today's check-in"))

    def _show_week(self, today: date) -> None:
        j = self.window_.journal
        start = today - timedelta(days=6)
        recorded = j.recorded_days(start, today)
        counts = {d: j.count_episodes(d, d) for d in recorded}
        cells = []
        for i in range(7):
            d = start + timedelta(days=i)
            n = counts.get(d, 0)
            value = str(n) if d in recorded else "–"
            cells.append(f"<td align='center' style='padding:0 6px'>{format_short_weekday(d)}"
                         f"<br><b>{value}</b></td>")
        self.week_label.setText(
            "<span>" + self.tr("Last 7 days (– = not recorded)") + "</span>"
            f"<table><tr>{''.join(cells)}</tr></table>")
        self.week_label.setAccessibleName(self.tr("Episodes per day over the last 7 days"))

    # --- ongoing cramp ----------------------------------------------------------------------

    def _update_ongoing(self) -> None:
        start = self.quick_log.ongoing_start()
        if start is None:
            self._timer.stop()
            self.cramp_timer.setText(self.tr("▶ Cramp started"))
            self.cramp_timer.setProperty("running", False)
            self.timer_label.clear()
            self.cancel_timer.hide()
        else:
            self.cancel_timer.show()
            self.cramp_timer.setText(self.tr("■ Cramp ended"))
            self.cramp_timer.setProperty("running", True)
            self._timer.start()
            self._tick()
        self.cramp_timer.setAccessibleName(self.cramp_timer.text().lstrip("▶■ "))
        self.cramp_timer.style().unpolish(self.cramp_timer)
        self.cramp_timer.style().polish(self.cramp_timer)

    def _tick(self) -> None:
        elapsed = self.quick_log.ongoing_elapsed()
        if elapsed is None:
            self._timer.stop()
            return
        start: datetime | None = self.quick_log.ongoing_start()
        self.timer_label.setText(self.tr("running {0} (since {1})").format(
            format_elapsed(elapsed), start.strftime("%H:%M") if start else ""))

    # --- editing ----------------------------------------------------------------------------

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            return str(self.model.data(rows[0], ID_ROLE))
        current = self.table.currentIndex()
        if current.isValid():
            return str(self.model.data(current, ID_ROLE))
        return None

    def _edit_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.quick_log.edit(str(self.model.data(index, ID_ROLE)))

    def edit_selected(self) -> None:
        episode_id = self.selected_id()
        if episode_id:
            self.quick_log.edit(episode_id)

    def delete_selected(self) -> None:
        episode_id = self.selected_id()
        if not episode_id:
            return
        change = self.window_.run_mutation(lambda: self.window_.journal.delete_episode(episode_id))
        if change is not None:
            self.window_.notify_undoable(
                self.tr("Deleted: {0}").format(change.label.removeprefix("Delete ")))

    def showEvent(self, event: QEvent) -> None:  # type: ignore[override]
        super().showEvent(event)
        if self.quick_log.ongoing_start() is not None:
            self._timer.start()

    def hideEvent(self, event: QEvent) -> None:  # type: ignore[override]
        self._timer.stop()
        super().hideEvent(event)
