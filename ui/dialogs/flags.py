"""Flag dialogs: the calm emergency dialog, the "why" view, the Flags list, emergency info.

* :class:`EmergencyDialog` appears at once when a saved episode or check-in makes an emergency
  flag fire (the banner decides when). It says what to do in one line, what was reported and
  when, and the source. Closing it does not dismiss anything: the banner keeps the flag, and the
  dialog comes back on the next such save while the sign is current.
* :class:`WhyDialog`: the rule, the entries that fired it (with dates), the advice, the source.
* :class:`FlagsDialog`: every current flag (tier as a word and a shape; dismissed ones too) and
  the flag history (first fired, cleared).
* :func:`install` adds "Flags…" to the View menu.

No diagnosis and no reassurance beyond the facts; "If in doubt, call your emergency number"
is on every dialog.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from journal.errors import StorageError
from journal.model import format_duration
from journal.service.flags import Flag, Tier, emergency_rules, rule_for
from ui.formatting import format_medium_date, format_medium_datetime
from ui.theme import tier_icon, tier_pixmap
from ui.widgets.labels import (
    emergency_note,
    kind_label,
    rule_text,
    side_label,
    tier_action,
    tier_label,
    warning_label,
)

if TYPE_CHECKING:
    from ui.host import JournalHost

#: The "why" view lists at most this many entries (the report has the full log).
MAX_ENTRIES_LISTED = 60


def _label(text: str, parent: QWidget, *, rich: bool = False, name: str = "") -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setObjectName(name)
    # A screen reader reads what the label shows, all of it: these are the safety texts (the
    # object name, once used here, is a code word; 80 characters cut the advice short).
    label.setAccessibleName(_plain_text(text) if rich else text)
    return label


def _plain_text(html_text: str) -> str:
    """What rich text says, as one line: list items joined with "; "."""
    from PySide6.QtGui import QTextDocument

    doc = QTextDocument()
    doc.setHtml(html_text)
    lines = [line.strip() for line in doc.toPlainText().splitlines()]
    return "; ".join(line for line in lines if line)


def _heading(text: str, parent: QWidget, size: float = 1.25) -> QLabel:
    label = _label(text, parent)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * size)
    label.setFont(font)
    label.setAccessibleName(text)
    return label


def _tier_row(tier: Tier, parent: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    icon = QLabel(parent)
    icon.setPixmap(tier_pixmap(tier, 22, parent.devicePixelRatioF()))
    icon.setAccessibleName(tier_label(tier))
    text = _label(f"{tier_label(tier)} — {tier_action(tier)}", parent, name="tierText")
    font = text.font()
    font.setBold(True)
    text.setFont(font)
    row.addWidget(icon)
    row.addWidget(text, 1)
    return row


# --- emergency ------------------------------------------------------------------------------


class EmergencyDialog(QDialog):
    """Calm, clear, at once: what to do now, what was reported, the source."""

    def __init__(self, window: JournalHost, flags: list[Flag]) -> None:
        super().__init__(window)
        self.window_ = window
        self.setObjectName("emergencyDialog")
        self.setWindowTitle(self.tr("Please get help now"))
        self.setAccessibleName(self.tr("Emergency warning"))
        self.setModal(True)
        self.setMinimumWidth(520)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(24, 20, 24, 16)
        self._layout.setSpacing(12)
        self._body = QWidget(self)
        self._layout.addWidget(self._body)
        buttons = QDialogButtonBox(self)
        self.why_button = QPushButton(self.tr("Why am I seeing this?"), self)
        self.why_button.setAccessibleName(self.tr("Why am I seeing this"))
        self.why_button.clicked.connect(self.open_why)
        self.ok_button = QPushButton(self.tr("I understand"), self)
        self.ok_button.setAccessibleName(self.tr("I understand, close"))
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.accept)
        buttons.addButton(self.why_button, QDialogButtonBox.ButtonRole.HelpRole)
        buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self._layout.addWidget(buttons)
        self.flags: list[Flag] = []
        self.set_flags(flags)

    def set_flags(self, flags: list[Flag]) -> None:
        self.flags = list(flags)
        old = self._body
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        top = QHBoxLayout()
        icon = QLabel(body)
        icon.setPixmap(tier_pixmap(Tier.EMERGENCY, 40, self.devicePixelRatioF()))
        icon.setAccessibleName(tier_label(Tier.EMERGENCY))
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignVCenter)
        heading = _heading(self.tr("Call your emergency number now."), body, 1.45)
        heading.setObjectName("emergencyHeading")
        top.addWidget(heading, 1)
        layout.addLayout(top)
        layout.addWidget(_label(
            self.tr("What you recorded can be a sign that needs to be checked by a clinician "
                    "straight away. It may turn out to be nothing serious, but only an "
                    "examination can tell."), body))
        for flag in self.flags:
            block = QVBoxLayout()
            block.setSpacing(4)
            block.addWidget(_heading(rule_text(flag.title), body, 1.05))
            block.addWidget(_label(rule_text(flag.advice), body, name="emergencyAdvice"))
            if flag.detail:
                block.addWidget(_label(flag.detail, body, name="emergencyDetail"))
            block.addWidget(_label(self.tr("Source: {0}").format(rule_text(flag.source)), body,
                                   name="emergencySource"))
            layout.addLayout(block)
        layout.addWidget(_label(
            self.tr("This notice stays on the banner while the sign is current. If an entry "
                    "was a mistake, correct it. Once the sign has gone, answering \u201cno\u201d "
                    "to it in a later day's check-in clears it."), body,
            name="emergencyFootnote"))
        layout.addStretch(1)
        self._layout.replaceWidget(old, body)
        old.deleteLater()
        self._body = body
        # Wrapped labels over-estimate their height until the width is known: size to fit.
        width = max(self.minimumWidth(), self.width())
        height = self._layout.heightForWidth(width)
        if height > 0:
            self.resize(width, height)

    def open_why(self) -> None:
        if not self.flags:
            return
        dialog = WhyDialog(self.window_, self.flags[0], parent=self)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()


class EmergencyInfoDialog(QDialog):
    """What the permanent "If in doubt, call your emergency number" link opens."""

    def __init__(self, window: JournalHost) -> None:
        super().__init__(window)
        self.setObjectName("emergencyInfoDialog")
        self.setWindowTitle(self.tr("If in doubt, call"))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.addWidget(_heading(emergency_note(), self))
        layout.addWidget(_label(self.tr(
            "For example 999 in the UK, 112 in the EU, 911 in the US and Canada. You do not "
            "need to be sure it is an emergency to call."), self))
        layout.addWidget(_label(self.tr("Call straight away if you notice:"), self))
        items = [rule_text(r.title) for r in emergency_rules()]
        layout.addWidget(_label("<ul>" + "".join(f"<li>{_esc(t)}</li>" for t in items)
                                + "</ul>", self, rich=True, name="emergencySigns"))
        layout.addWidget(_label(self.tr(
            "This journal is a diary, not a diagnosis: it cannot see everything a clinician "
            "would check."), self))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


# --- why ------------------------------------------------------------------------------------


class WhyDialog(QDialog):
    """The rule, the entries that fired it with their dates, the advice and the source."""

    def __init__(self, window: JournalHost, flag: Flag, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.window_ = window
        self.flag = flag
        self.setObjectName("whyDialog")
        self.setWindowTitle(self.tr("Why this flag"))
        self.setAccessibleName(self.tr("Why this flag: {0}").format(rule_text(flag.title)))
        self.setMinimumSize(720, 440)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.setSpacing(8)
        layout.addWidget(_heading(rule_text(flag.title), self))
        layout.addLayout(_tier_row(flag.tier, self))
        rule = rule_for(flag.rule)
        layout.addWidget(_label(self.tr("Since {0}").format(format_medium_date(flag.since)), self,
                                name="whySince"))
        layout.addWidget(_heading(self.tr("What to do"), self, 1.0))
        layout.addWidget(_label(rule_text(flag.advice), self, name="whyAdvice"))
        layout.addWidget(_heading(self.tr("The rule"), self, 1.0))
        rule_line = self.tr("This flag shows when {0}.").format(
            rule_text(rule.fires_when) if rule else "")
        rule_label = _label(rule_line, self, name="whyRule")
        # The stable rule id (domain.md) for anyone comparing notes; not the words we lead with.
        rule_label.setToolTip(self.tr("Rule id: {0}").format(flag.rule))
        layout.addWidget(rule_label)
        if flag.detail:
            layout.addWidget(_label(flag.detail, self, name="whyDetail"))
        layout.addWidget(_heading(self.tr("The entries"), self, 1.0))
        self.entries = QTreeWidget(self)
        self.entries.setObjectName("whyEntries")
        self.entries.setAccessibleName(self.tr("Entries that fired this flag"))
        self.entries.setRootIsDecorated(False)
        self.entries.setHeaderLabels([self.tr("Date"), self.tr("Entry")])
        self.entries.setWordWrap(True)
        self.entries.setUniformRowHeights(False)
        self.entries.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.entries.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for when, text in self._entry_rows():
            item = QTreeWidgetItem(self.entries, [when, text])
            item.setToolTip(1, text)
        layout.addWidget(self.entries, 1)
        layout.addWidget(_label(self.tr("Source: {0}").format(rule_text(flag.source)), self,
                                name="whySource"))
        layout.addWidget(_label(emergency_note(), self, name="whyEmergencyNote"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _entry_rows(self) -> list[tuple[str, str]]:
        journal = self.window_.journal
        rows: list[tuple[str, str]] = []
        ids = self.flag.evidence_episodes
        shown = ids[-MAX_ENTRIES_LISTED:]
        for episode_id in shown:
            try:
                episode = journal.get_episode(episode_id)
            except StorageError:
                episode = None
            if episode is None:
                rows.append(("", self.tr("Episode {0} (no longer in the journal)").format(
                    episode_id)))
                continue
            parts = [kind_label(episode.kind), format_duration(episode.duration_s)]
            if episode.side is not None:
                parts.append(side_label(episode.side))
            # Only the signs this flag is about (the others belong to other flags).
            relevant = [s for s in episode.warning_signs
                        if not self.flag.signs or s in self.flag.signs]
            # One line per sign, so long sign names are read in full rather than cut off.
            text = "\n".join([" · ".join(parts), *(warning_label(s) for s in relevant)])
            rows.append((format_medium_datetime(episode.started_at), text))
        if len(ids) > len(shown):
            rows.insert(0, ("", self.tr("… and {0} earlier episodes").format(
                len(ids) - len(shown))))
        for day in self.flag.evidence_checkins:
            checkin = None
            if journal is not None:
                try:
                    checkin = journal.get_checkin(day)
                except StorageError:
                    checkin = None
            text = self.tr("Daily check-in")
            relevant = [s for s in (checkin.warning_signs if checkin is not None else ())
                        if not self.flag.signs or s in self.flag.signs]
            if relevant:
                text = self.tr("Daily check-in: answered yes to {0}").format(
                    ", ".join(warning_label(s) for s in relevant))
            elif checkin is not None and checkin.interference.highest is not None:
                text = self.tr("Daily check-in: interference {0} out of 10").format(
                    checkin.interference.highest)
            rows.append((format_medium_date(day), text))
        rows.sort(key=lambda r: r[0])
        return rows


# --- the list -------------------------------------------------------------------------------


class FlagsDialog(QDialog):
    """All current flags (dismissed ones too, tier as word and shape) and the flag history."""

    # The rule id of a flag the person dismissed here (the window's banner refreshes on it).
    flagDismissed = Signal(str)

    def __init__(self, window: JournalHost) -> None:
        super().__init__(window)
        self.window_ = window
        self.setObjectName("flagsDialog")
        self.setWindowTitle(self.tr("Flags"))
        self.setAccessibleName(self.tr("Warning flags"))
        self.setMinimumSize(720, 480)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(_heading(self.tr("Current flags"), self, 1.1))
        self.current = QTreeWidget(self)
        self.current.setObjectName("currentFlags")
        self.current.setAccessibleName(self.tr("Current flags"))
        self.current.setRootIsDecorated(False)
        self.current.setHeaderLabels(
            [self.tr("Tier"), self.tr("Flag"), self.tr("Since"), self.tr("Shown")])
        _size_columns(self.current)
        self.current.itemActivated.connect(lambda _i, _c: self.open_why())
        self.current.currentItemChanged.connect(lambda *_: self._update_buttons())
        layout.addWidget(self.current, 2)
        self.empty_label = _label(self.tr(
            "No rule in the warning-sign table fires for what is recorded. New or changing "
            "symptoms are still worth raising with a doctor."), self, name="noFlags")
        layout.addWidget(self.empty_label)
        row = QHBoxLayout()
        self.why_button = QPushButton(self.tr("Why?"), self)
        self.why_button.setAccessibleName(self.tr("Why the selected flag"))
        self.why_button.clicked.connect(self.open_why)
        self.dismiss_button = QPushButton(self.tr("Dismiss"), self)
        self.dismiss_button.setAccessibleName(self.tr("Dismiss the selected flag"))
        self.dismiss_button.clicked.connect(self.dismiss_selected)
        row.addWidget(self.why_button)
        row.addWidget(self.dismiss_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(_heading(self.tr("History"), self, 1.1))
        self.history = QTreeWidget(self)
        self.history.setObjectName("flagHistory")
        self.history.setAccessibleName(self.tr("Flag history"))
        self.history.setRootIsDecorated(False)
        self.history.setHeaderLabels(
            [self.tr("Tier"), self.tr("Flag"), self.tr("First fired"), self.tr("Cleared")])
        _size_columns(self.history)
        layout.addWidget(self.history, 1)
        layout.addWidget(_label(emergency_note(), self, name="listEmergencyNote"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.flags: list[Flag] = []
        window.journalChanged.connect(self._on_change)
        self.refresh()

    def _on_change(self, _change: object) -> None:
        if self.isVisible():
            self.refresh()

    @property
    def journal(self):  # type: ignore[no-untyped-def]
        return self.window_.journal

    def refresh(self) -> None:
        try:
            self.flags = list(self.journal.record_flags())
        except StorageError:
            self.flags = list(self.journal.flags())
        try:
            dismissed = self.journal.dismissed_flags()
            history = list(self.journal.flag_history())
        except StorageError:
            dismissed, history = set(), []
        self.current.clear()
        for flag in self.flags:
            if flag.tier is Tier.MENTION:
                shown = self.tr("In this list only")
            elif flag.rule in dismissed and flag.tier is not Tier.EMERGENCY:
                shown = self.tr("Dismissed")
            else:
                shown = self.tr("On the banner")
            item = QTreeWidgetItem(self.current, [
                tier_label(flag.tier), rule_text(flag.title), format_medium_date(flag.since),
                shown])
            item.setToolTip(1, rule_text(flag.title))
            item.setIcon(0, tier_icon(flag.tier))
            item.setData(0, Qt.ItemDataRole.UserRole, flag.rule)
            item.setData(0, Qt.ItemDataRole.AccessibleTextRole,
                         f"{tier_label(flag.tier)}: {rule_text(flag.title)}")
        if self.flags:
            self.current.setCurrentItem(self.current.topLevelItem(0))
        self.empty_label.setVisible(not self.flags)
        self.history.clear()
        history.sort(key=lambda r: (-r.first_fired_on.toordinal(), r.tier.rank))
        for record in history:
            rule = rule_for(record.rule)
            cleared = (format_medium_date(record.cleared_on) if record.cleared_on
                       else self.tr("still current"))
            item = QTreeWidgetItem(self.history, [
                tier_label(record.tier), rule_text(rule.title) if rule else record.rule,
                format_medium_date(record.first_fired_on), cleared])
            item.setIcon(0, tier_icon(record.tier))
            item.setToolTip(1, item.text(1))
        self._update_buttons()

    def selected_flag(self) -> Flag | None:
        item = self.current.currentItem()
        if item is None:
            return None
        rule = item.data(0, Qt.ItemDataRole.UserRole)
        return next((f for f in self.flags if f.rule == rule), None)

    def _update_buttons(self) -> None:
        flag = self.selected_flag()
        self.why_button.setEnabled(flag is not None)
        try:
            dismissed = self.journal.dismissed_flags()
        except StorageError:
            dismissed = set()
        self.dismiss_button.setEnabled(
            flag is not None and flag.tier in (Tier.URGENT, Tier.SOON)
            and flag.rule not in dismissed)
        if flag is not None and flag.tier is Tier.EMERGENCY:
            self.dismiss_button.setToolTip(
                self.tr("An emergency flag stays while the sign is current."))
        else:
            self.dismiss_button.setToolTip("")

    def open_why(self) -> None:
        flag = self.selected_flag()
        if flag is None:
            return
        dialog = WhyDialog(self.window_, flag, parent=self)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()

    def dismiss_selected(self) -> None:
        flag = self.selected_flag()
        if flag is None:
            return
        with contextlib.suppress(StorageError, ValueError):
            self.journal.dismiss_flag(flag.rule)
        self.refresh()
        self.flagDismissed.emit(flag.rule)


def _size_columns(tree: QTreeWidget) -> None:
    header = tree.header()
    header.setStretchLastSection(False)
    for column in (0, 2, 3):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)


def open_flags_list(window: JournalHost, existing: FlagsDialog | None = None,
                    on_dismissed: Callable[[str], object] | None = None) -> FlagsDialog:
    """Show the Flags list: raise ``existing`` if it is still open, else open a new one (its
    dismissals reported to ``on_dismissed``). The caller keeps the returned dialog and passes it
    back next time."""
    if existing is not None and existing.isVisible():
        existing.refresh()
        existing.raise_()
        existing.activateWindow()
        return existing
    dialog = FlagsDialog(window)
    if on_dismissed is not None:
        dialog.flagDismissed.connect(on_dismissed)
    dialog.finished.connect(lambda _r: dialog.deleteLater())
    dialog.open()
    return dialog


def install(window: QWidget, menu: QMenu, open_list: Callable[[], object]) -> QAction:
    """Add "Flags…" (Ctrl+Shift+F) to ``menu``; it calls ``open_list``. Returns the action."""
    action = QAction(tr("&Flags…"), window)
    action.setObjectName("flagsAction")
    action.setShortcut(QKeySequence("Ctrl+Shift+F"))
    action.setStatusTip(tr("All warning flags, dismissed ones and their history"))
    action.triggered.connect(lambda: open_list())
    menu.addSeparator()
    menu.addAction(action)
    return action


def tr(text: str) -> str:
    return QCoreApplication.translate("flags", text)


def _esc(text: str) -> str:
    from html import escape

    return escape(text)
