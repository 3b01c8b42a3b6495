"""Journal: every episode in a table, with filters (dates, kind, region, trigger, note text).

The filters run on frozen rows in memory (a journal holds thousands of episodes, not millions);
the service returns the date range. Enter or a double click edits, Delete deletes (Ctrl+Z brings
it back).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from journal.model import BUILTIN_TRIGGERS, Episode, Kind, Region
from journal.service import Change
from ui.formatting import date_format_pattern, format_date
from ui.models.episodes import ID_ROLE, EpisodeRow, EpisodeTableModel
from ui.widgets.labels import REGION_ORDER, kind_label, region_label, trigger_label

if TYPE_CHECKING:
    from ui.host import JournalHost

#: The date range shown when the Journal first opens (all of it is one click away).
DEFAULT_RANGE_DAYS = 90


class JournalView(QWidget):
    def __init__(self, window: JournalHost) -> None:
        super().__init__(window)
        self.window_ = window
        self._episodes: list[Episode] = []
        self._stale = False
        self._row_cache: dict[tuple[str, int], EpisodeRow] = {}
        root = QVBoxLayout(self)
        root.setContentsMargins(24, 18, 24, 18)
        root.setSpacing(12)

        head = QHBoxLayout()
        title = QLabel(self.tr("Journal"), self)
        title.setObjectName("pageTitle")
        head.addWidget(title)
        head.addStretch(1)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("pageSubtitle")
        head.addWidget(self.count_label)
        root.addLayout(head)

        filters = QFrame(self)
        filters.setObjectName("card")
        # Two rows, when and what: with their labels the filters need about 1,070 px in one
        # row, more than the section has beside the sidebar at 1280 px.
        rows = QVBoxLayout(filters)
        rows.setContentsMargins(14, 10, 14, 10)
        rows.setSpacing(8)
        fl = QHBoxLayout()
        fl.setSpacing(8)
        what = QHBoxLayout()
        what.setSpacing(8)
        rows.addLayout(fl)
        rows.addLayout(what)
        today = window.journal.today()
        self.from_edit = QDateEdit(filters)
        self.from_edit.setCalendarPopup(True)
        self.from_edit.setDisplayFormat(date_format_pattern())
        self.from_edit.setAccessibleName(self.tr("From date"))
        self.from_edit.setDate(QDate(today - timedelta(days=DEFAULT_RANGE_DAYS)))
        self.to_edit = QDateEdit(filters)
        self.to_edit.setCalendarPopup(True)
        self.to_edit.setDisplayFormat(date_format_pattern())
        self.to_edit.setAccessibleName(self.tr("To date"))
        self.to_edit.setDate(QDate(today))
        self.all_button = QPushButton(self.tr("All dates"), filters)
        self.all_button.setAccessibleName(self.tr("Show all dates"))
        self.all_button.clicked.connect(self.show_all_dates)
        self.kind_combo = QComboBox(filters)
        self.kind_combo.setAccessibleName(self.tr("Kind filter"))
        self.kind_combo.addItem(self.tr("All kinds"), None)
        for k in Kind:
            self.kind_combo.addItem(kind_label(k), k.value)
        self.region_combo = QComboBox(filters)
        self.region_combo.setAccessibleName(self.tr("Region filter"))
        self.trigger_combo = QComboBox(filters)
        self.trigger_combo.setAccessibleName(self.tr("Trigger filter"))
        self.search_edit = QLineEdit(filters)
        self.search_edit.setPlaceholderText(self.tr("Search notes…"))
        self.search_edit.setAccessibleName(self.tr("Search in notes"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(120)
        for combo in (self.kind_combo, self.region_combo, self.trigger_combo):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(9)
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.activated.connect(
            lambda: self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason))
        for label, widget in ((self.tr("&From"), self.from_edit), (self.tr("&to"), self.to_edit)):
            cap = QLabel(label, filters)
            cap.setBuddy(widget)
            fl.addWidget(cap)
            fl.addWidget(widget)
        fl.addWidget(self.all_button)
        fl.addStretch(1)
        # Visible labels, buddies of their drop-downs: on Linux a screen reader names a combo
        # box by its current text ("All kinds", "Anywhere") and takes the label from the
        # buddy, so without one it heard only the value.
        self.filter_labels: dict[str, QLabel] = {}
        for key, label, widget in (("kind", self.tr("&Kind"), self.kind_combo),
                                   ("region", self.tr("&Where"), self.region_combo),
                                   ("trigger", self.tr("Tri&gger"), self.trigger_combo)):
            cap = QLabel(label, filters)
            cap.setBuddy(widget)
            self.filter_labels[key] = cap
            what.addWidget(cap)
            what.addWidget(widget)
        what.addSpacing(8)
        what.addWidget(self.search_edit, 1)
        root.addWidget(filters)

        table_card = QFrame(self)
        table_card.setObjectName("card")
        tl = QVBoxLayout(table_card)
        tl.setContentsMargins(10, 8, 10, 8)
        self.model = EpisodeTableModel(self)
        self.table = QTableView(table_card)
        self.table.setObjectName("journalTable")
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Episodes"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(EpisodeTableModel.DATE, Qt.SortOrder.DescendingOrder)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(30)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column, width in ((EpisodeTableModel.REGIONS, 170), (EpisodeTableModel.TRIGGERS, 190)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        header.setSectionResizeMode(EpisodeTableModel.NOTE, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        self.table.doubleClicked.connect(self._edit_index)
        self.table.activated.connect(self._edit_index)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_selected)
        self.empty_label = QLabel(table_card)
        self.empty_label.setObjectName("hint")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        tl.addWidget(self.table, 1)
        tl.addWidget(self.empty_label)
        buttons = QHBoxLayout()
        hint = QLabel(self.tr("Enter or double-click to edit · Delete to delete · "
                              "Ctrl+Z to undo"), table_card)
        hint.setObjectName("hint")
        buttons.addWidget(hint, 1)
        self.new_button = QPushButton(self.tr("&New episode…"), table_card)
        self.new_button.clicked.connect(lambda: self.window_.quick_log.open_form())
        self.edit_button = QPushButton(self.tr("&Edit…"), table_card)
        self.edit_button.setAccessibleName(self.tr("Edit the selected episode"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton(self.tr("De&lete"), table_card)
        self.delete_button.setAccessibleName(self.tr("Delete the selected episode"))
        self.delete_button.clicked.connect(self.delete_selected)
        for b in (self.new_button, self.edit_button, self.delete_button):
            buttons.addWidget(b)
        tl.addLayout(buttons)
        root.addWidget(table_card, 1)

        # Typing in the search box waits a moment before filtering, so typing stays smooth.
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(200)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search_edit.textChanged.connect(lambda _t: self._search_timer.start())
        for combo in (self.kind_combo, self.region_combo, self.trigger_combo):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.from_edit.dateChanged.connect(lambda _d: self.reload())
        self.to_edit.dateChanged.connect(lambda _d: self.reload())
        window.journalChanged.connect(self._on_change)
        window.journalReplaced.connect(lambda _j: self.reload())
        self._fill_combos()
        # Loaded when first shown: start-up stays quick however long the journal is.
        self._stale = True

    # --- data -------------------------------------------------------------------------------

    def _fill_combos(self) -> None:
        j = self.window_.journal
        region = self.region_combo.currentData()
        trigger = self.trigger_combo.currentData()
        self.region_combo.blockSignals(True)
        self.region_combo.clear()
        self.region_combo.addItem(self.tr("Anywhere"), None)
        for r in REGION_ORDER:
            self.region_combo.addItem(region_label(r), r.value)
        self.region_combo.setCurrentIndex(max(0, self.region_combo.findData(region)))
        self.region_combo.blockSignals(False)
        labels = {t.id: t.label for t in j.user_triggers()}
        self.trigger_combo.blockSignals(True)
        self.trigger_combo.clear()
        self.trigger_combo.addItem(self.tr("Any trigger"), None)
        for tid in list(BUILTIN_TRIGGERS) + list(labels):
            self.trigger_combo.addItem(trigger_label(tid, labels), tid)
        self.trigger_combo.setCurrentIndex(max(0, self.trigger_combo.findData(trigger)))
        self.trigger_combo.blockSignals(False)
        # At least as wide as "All kinds" / "Anywhere" / "Any trigger" in this language
        # (Spanish "Cualquier desencadenante" was cut to its first word at nine characters).
        for combo in (self.kind_combo, self.region_combo, self.trigger_combo):
            combo.setMinimumContentsLength(max(9, len(combo.itemText(0))))

    def date_range(self) -> tuple[date, date]:
        start = self.from_edit.date().toPython()
        end = self.to_edit.date().toPython()
        return (start, end) if start <= end else (end, start)

    def show_all_dates(self) -> None:
        j = self.window_.journal
        # Two small queries for the ends of the range: reading every episode for them here
        # read the whole journal twice (reload reads it again).
        start = j.first_entry_date() or j.today()
        last = j.last_episode()
        self.from_edit.blockSignals(True)
        self.from_edit.setDate(QDate(start))
        self.from_edit.blockSignals(False)
        self.to_edit.setDate(QDate(max(j.today(), last.local_date if last else j.today())))
        self.reload()

    def reload(self) -> None:
        self._stale = False
        start, end = self.date_range()
        self._episodes = self.window_.journal.episodes(start, end)
        self.apply_filters()

    def _row(self, e: Episode, labels: dict[str, str], labels_key: int) -> EpisodeRow:
        # Rows are immutable: reuse them while the episode (and trigger names) are unchanged.
        key = (e.id, hash((e, labels_key)))
        row = self._row_cache.get(key)
        if row is None:
            row = self._row_cache[key] = EpisodeRow.from_episode(e, labels)
        return row

    def filtered(self) -> list[Episode]:
        kind = self.kind_combo.currentData()
        region = self.region_combo.currentData()
        trigger = self.trigger_combo.currentData()
        needle = self.search_edit.text().strip().casefold()
        out = []
        for e in self._episodes:
            if kind and e.kind != Kind(kind):
                continue
            if region and Region(region) not in e.regions:
                continue
            if trigger and trigger not in {t.id for t in e.triggers}:
                continue
            if needle and needle not in e.note.casefold():
                continue
            out.append(e)
        return out

    def apply_filters(self) -> None:
        self._search_timer.stop()
        selected = self.selected_id()
        labels = {t.id: t.label for t in self.window_.journal.user_triggers()}
        labels_key = hash(tuple(sorted(labels.items())))
        if len(self._row_cache) > 3 * len(self._episodes) + 100:
            self._row_cache.clear()
        rows = [self._row(e, labels, labels_key) for e in self.filtered()]
        self.model.set_rows(rows)
        start, end = self.date_range()
        self.count_label.setText(self.tr("{0} of {1} episodes, {2} – {3}").format(
            len(rows), len(self._episodes), format_date(start), format_date(end)))
        self.empty_label.setText(
            "" if rows else self.tr("No episodes match these filters.") if self._episodes
            else self.tr("No episodes in these dates."))
        self.empty_label.setVisible(not rows)
        has = bool(rows)
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)
        if selected:
            row = self.model.row_of(selected)
            if row >= 0:
                self.table.selectRow(row)

    def _on_change(self, change: Change) -> None:
        if change.entity == "trigger":
            self._fill_combos()
        if change.entity not in ("episode", "journal", "trigger"):
            return
        # A new episode after the range's end (e.g. logged just after midnight) widens it.
        for d in change.dates:
            if d > self.to_edit.date().toPython():
                self.to_edit.blockSignals(True)
                self.to_edit.setDate(QDate(d))
                self.to_edit.blockSignals(False)
        if not self.isVisible():
            # Logging happens on Today; the table catches up when it is next shown.
            self._stale = True
            return
        if change.entity == "episode" and change.ids:
            self._update_episodes(change.ids)
        else:
            self.reload()

    def _update_episodes(self, ids: tuple[str, ...]) -> None:
        """Re-read only the changed episodes (fast with years of entries)."""
        start, end = self.date_range()
        keep = [e for e in self._episodes if e.id not in set(ids)]
        for episode_id in ids:
            e = self.window_.journal.get_episode(episode_id)
            if e is not None and start <= e.local_date <= end:
                keep.append(e)
        keep.sort(key=lambda e: e.started_at)
        self._episodes = keep
        self.apply_filters()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if self._stale:
            self.reload()
        super().showEvent(event)

    # --- actions ----------------------------------------------------------------------------

    def selected_id(self) -> str | None:
        if not hasattr(self, "table"):
            return None
        rows = self.table.selectionModel().selectedRows()
        if rows:
            return str(self.model.data(rows[0], ID_ROLE))
        return None

    def _edit_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.window_.quick_log.edit(str(self.model.data(index, ID_ROLE)))

    def edit_selected(self) -> None:
        episode_id = self.selected_id()
        if episode_id:
            self.window_.quick_log.edit(episode_id)

    def delete_selected(self) -> None:
        episode_id = self.selected_id()
        if not episode_id:
            return
        row = self.model.row_of(episode_id)
        change = self.window_.run_mutation(lambda: self.window_.journal.delete_episode(episode_id))
        if change is None:
            return
        self.window_.notify_undoable(
            self.tr("Deleted: {0}").format(change.label.removeprefix("Delete ")))
        if self.model.rowCount():
            self.table.selectRow(min(row, self.model.rowCount() - 1))
