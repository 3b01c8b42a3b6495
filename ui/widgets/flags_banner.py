"""The warning-flag banner above the pages of the main window.

The banner shows the most urgent current flag that is not dismissed (``emergency``, ``urgent``
or ``soon``; ``mention`` flags are in the Flags list only), with "Why?", "All flags…" and, for
urgent/soon, "Dismiss". An emergency flag cannot be dismissed while its sign is current. The line
"If in doubt, call your emergency number." is always there, flags or not.

After every change the window announces, the banner brings the flag history up to date
(``Journal.record_flags``) and, when the saved episode or check-in is evidence of an emergency
flag, shows the calm emergency dialog at once (again on every such save while it is current).
The evaluation runs on a worker thread (about a second on a ten-year journal of 20 episodes a
day), so saving never freezes the window; ``busy`` says one is under way, and only the newest
result is shown.
A tier is never shown by colour alone: each has its own shape, symbol and word (the shapes are
in ``ui.theme``, the words in ``journal.vocabulary``).
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QRunnable,
    QSize,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

import journal.vocabulary as vocabulary
from journal.errors import StorageError
from journal.service.flags import Flag, Tier
from ui.a11y import Announcer
from ui.theme import is_dark, tier_icon, tier_pixmap
from ui.widgets.labels import emergency_note, rule_text, tier_action, tier_label

if TYPE_CHECKING:
    from ui.host import JournalHost

__all__ = [
    "TIER_COLOURS",
    "FlagsBanner",
    "emergencies_caused_by",
    "emergency_note",
    "is_dark",
    "rule_text",
    "tier_action",
    "tier_icon",
    "tier_label",
    "tier_pixmap",
    "tr",
]

#: The tier colours of the vocabulary, by tier (never the only cue: see ``ui.theme``).
TIER_COLOURS = {t: vocabulary.TIERS[t].colour for t in Tier}
#: Re-evaluate now and then so a flag that becomes (or stops being) current at midnight shows.
REFRESH_MS = 10 * 60 * 1000
#: Delay of the first evaluation after the window is built (it paints first).
FIRST_REFRESH_MS = 150
#: Changes to these never change a flag, so they do not re-evaluate.
UNRELATED_ENTITIES = frozenset({"medication", "trigger"})


def tr(text: str) -> str:
    return QCoreApplication.translate("flags", text)


class _FlagSignals(QObject):
    done = Signal(int, object)  # generation, list[Flag] (or None when evaluation failed)


class _FlagJob(QRunnable):
    """Evaluates the flags off the GUI thread; the result comes back as a queued signal."""

    def __init__(self, journal, generation: int, signals: _FlagSignals) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.journal, self.generation, self.signals = journal, generation, signals

    def run(self) -> None:
        flags: list[Flag] | None
        try:
            flags = list(self.journal.record_flags())
        except StorageError:
            # A read-only file still gets its flags; only the history cannot be kept.
            try:
                flags = list(self.journal.flags())
            except Exception:
                flags = None
        except Exception:
            flags = None
        self.signals.done.emit(self.generation, flags)


class FlagsBanner(QFrame):
    #: "All flags…" was pressed: the owner shows the Flags list (it keeps the one open dialog).
    listRequested = Signal()
    """``FlagsBanner(window)``: the strip above the pages of the main window."""

    def __init__(self, window: JournalHost) -> None:
        super().__init__(window)
        self.window_ = window
        #: Set while a sample journal is open: each flag says it is about made-up entries.
        self.about_sample_data = False
        self.setObjectName("flagsBanner")
        self.setAccessibleName(self.tr("Warning flags"))
        #: A flag that appears (or changes) is announced to screen readers as an alert.
        self.announcer = Announcer(self)
        self._announced = ""
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.flags: list[Flag] = []
        self.shown_flag: Flag | None = None
        self.emergency_dialog: QWidget | None = None
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _FlagSignals(self)
        self._signals.done.connect(self._on_evaluated)
        self._generation = 0
        self._applied_generation = 0
        self._pending_changes: list[object] = []
        app = QCoreApplication.instance()
        if app is not None:
            # Let a running evaluation finish before the journal is closed at exit.
            app.aboutToQuit.connect(self.wait_idle)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)

        self.flag_row = QFrame(self)
        self.flag_row.setObjectName("flagRow")
        row = QHBoxLayout(self.flag_row)
        row.setContentsMargins(14, 8, 10, 8)
        row.setSpacing(10)
        self.icon = QLabel(self.flag_row)
        self.icon.setFixedSize(QSize(26, 26))
        self.icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = QLabel(self.flag_row)
        self.text.setObjectName("flagText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.why_button = QPushButton(self.tr("Why?"), self.flag_row)
        self.why_button.setAccessibleName(self.tr("Why this flag"))
        self.why_button.setToolTip(self.tr("The rule, the entries that fired it, and the source"))
        self.why_button.clicked.connect(self.open_why)
        self.dismiss_button = QPushButton(self.tr("Dismiss"), self.flag_row)
        self.dismiss_button.setAccessibleName(self.tr("Dismiss this flag"))
        self.dismiss_button.setToolTip(
            self.tr("Hide it here; it stays in the Flags list until it clears"))
        self.dismiss_button.clicked.connect(self.dismiss_shown)
        row.addWidget(self.icon)
        row.addWidget(self.text, 1)
        row.addWidget(self.why_button)
        row.addWidget(self.dismiss_button)
        outer.addWidget(self.flag_row)

        self.note_row = QFrame(self)
        self.note_row.setObjectName("flagNoteRow")
        note = QHBoxLayout(self.note_row)
        note.setContentsMargins(14, 3, 10, 3)
        note.setSpacing(10)
        self.summary = QLabel(self.note_row)
        self.summary.setObjectName("flagSummary")
        self.all_button = QPushButton(self.tr("All flags…"), self.note_row)
        self.all_button.setObjectName("allFlagsButton")
        self.all_button.setAccessibleName(self.tr("Show all flags"))
        self.all_button.setFlat(True)
        self.all_button.clicked.connect(self.open_list)
        self.emergency_link = QPushButton(emergency_note(), self.note_row)
        self.emergency_link.setObjectName("emergencyLink")
        self.emergency_link.setFlat(True)
        self.emergency_link.setCursor(Qt.CursorShape.PointingHandCursor)
        self.emergency_link.setAccessibleName(emergency_note())
        self.emergency_link.setAccessibleDescription(
            self.tr("Shows which signs need emergency help and what to do"))
        self.emergency_link.clicked.connect(self.open_emergency_info)
        note.addWidget(self.summary, 1)
        note.addWidget(self.all_button)
        note.addWidget(self.emergency_link)
        outer.addWidget(self.note_row)

        window.journalChanged.connect(self.on_change)
        window.journalReplaced.connect(lambda _j: self.request_refresh())
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.request_refresh)
        self._timer.start()
        # The first evaluation starts once the window has painted, so start-up stays quick on a
        # long journal; until then the banner shows only the emergency line.
        self.flag_row.hide()
        self._first_paint_seen = False
        window.installEventFilter(self)

    # --- state ------------------------------------------------------------------------------

    @property
    def journal(self):  # type: ignore[no-untyped-def]
        return self.window_.journal

    @property
    def busy(self) -> bool:
        """An evaluation is under way (its result has not been shown yet)."""
        return self._applied_generation != self._generation

    def wait_idle(self, timeout_ms: int = 30000) -> None:
        self._pool.waitForDone(timeout_ms)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (obj is self.window_ and not self._first_paint_seen
                and event.type() == QEvent.Type.Paint):
            self._first_paint_seen = True
            self.window_.removeEventFilter(self)
            QTimer.singleShot(FIRST_REFRESH_MS, self._first_refresh)
        return False

    def _first_refresh(self) -> None:
        if self._generation == 0:  # a change may already have asked for one
            self.request_refresh()

    def request_refresh(self, change: object | None = None) -> None:
        """Evaluate on the worker thread; ``change`` is checked for emergencies afterwards."""
        if change is not None:
            self._pending_changes.append(change)
        self._generation += 1
        self._pool.start(_FlagJob(self.journal, self._generation, self._signals))

    def _on_evaluated(self, generation: int, flags: list[Flag] | None) -> None:
        if generation != self._generation:
            return  # a newer evaluation is coming; it will show its result and the changes
        self._applied_generation = generation
        changes, self._pending_changes = self._pending_changes, []
        if flags is None:
            return
        self._show(flags)
        fired: list[Flag] = []
        for change in changes:
            fired += [f for f in emergencies_caused_by(change, flags) if f not in fired]
        if fired:
            self.show_emergency(fired)

    def _evaluate(self) -> list[Flag]:
        try:
            return list(self.journal.record_flags())
        except StorageError:
            # A read-only file still gets its flags; only the history cannot be kept.
            return list(self.journal.flags())

    def banner_flag(self) -> Flag | None:
        """The most urgent current flag that is not dismissed and not a ``mention``."""
        try:
            dismissed = self.journal.dismissed_flags()
        except StorageError:
            dismissed = set()
        for flag in self.flags:
            if flag.tier is Tier.MENTION:
                continue
            if flag.tier is Tier.EMERGENCY or flag.rule not in dismissed:
                return flag
        return None

    def refresh(self) -> None:
        """Evaluate now, on this thread (for callers that need the result at once)."""
        self.wait_idle()
        self._generation += 1
        self._applied_generation = self._generation
        self._show(self._evaluate())

    def _show(self, flags: list[Flag]) -> None:
        self.flags = flags
        self.shown_flag = flag = self.banner_flag()
        others = len(self.flags) - (1 if flag else 0)
        if flag is None:
            self.flag_row.hide()
            self.setProperty("tier", "none")
            if self.flags:
                self.summary.setText(
                    self.tr("1 flag is in the Flags list.") if len(self.flags) == 1 else
                    self.tr("{0} flags are in the Flags list.").format(len(self.flags)))
            else:
                self.summary.setText(self.tr("No warning flags right now."))
        else:
            self.flag_row.show()
            self.setProperty("tier", flag.tier.value)
            self.icon.setPixmap(tier_pixmap(flag.tier, 24, self.devicePixelRatioF()))
            self.icon.setAccessibleName(tier_label(flag.tier))
            about = (self.tr("About the sample data (made-up entries)") + " \u2013 "
                     if self.about_sample_data else "")
            self.text.setText(
                f"{_html(about)}<b>{tier_label(flag.tier)}:</b> {_html(rule_text(flag.title))}"
                f"<br>{_html(tier_action(flag.tier))}")
            self.flag_row.setAccessibleName(
                f"{about}{tier_label(flag.tier)}: {rule_text(flag.title)}. "
                f"{tier_action(flag.tier)}")
            self.dismiss_button.setVisible(flag.tier in (Tier.URGENT, Tier.SOON))
            more = (self.tr("1 more flag in the list.") if others == 1 else
                    self.tr("{0} more flags in the list.").format(others))
            self.summary.setText(more if others else "")
        said = self.flag_row.accessibleName() if flag is not None else ""
        if said and said != self._announced:
            self.announcer.announce(said)
        self._announced = said
        self._apply_colours()

    def _apply_colours(self) -> None:
        tier = self.shown_flag.tier if self.shown_flag else None
        dark = is_dark(self)
        if tier is None:
            self.flag_row.setStyleSheet("")
            return
        colour = QColor(TIER_COLOURS[tier])
        tint = QColor(colour)
        tint.setAlpha(70 if dark else 38)
        self.flag_row.setStyleSheet(
            "QFrame#flagRow {"
            f" background: rgba({tint.red()},{tint.green()},{tint.blue()},{tint.alpha()});"
            f" border-left: 6px solid {colour.name()};"
            f" border-bottom: 1px solid {colour.name()}; }}")

    def changeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._apply_colours()
        super().changeEvent(event)

    # --- reacting to changes ----------------------------------------------------------------

    def on_change(self, change) -> None:  # type: ignore[no-untyped-def]
        if getattr(change, "entity", None) in UNRELATED_ENTITIES:
            return
        self.request_refresh(change)

    def show_emergency(self, flags: list[Flag]) -> None:
        from ui.dialogs.flags import EmergencyDialog

        dialog = self.emergency_dialog
        if isinstance(dialog, EmergencyDialog) and dialog.isVisible():
            dialog.set_flags(flags)
            dialog.raise_()
            dialog.activateWindow()
            return
        dialog = EmergencyDialog(self.window_, flags)
        self.emergency_dialog = dialog
        dialog.finished.connect(lambda _r, d=dialog: self._forget_dialog(d))
        dialog.open()

    def _forget_dialog(self, dialog: QWidget) -> None:
        if self.emergency_dialog is dialog:
            self.emergency_dialog = None
        dialog.deleteLater()

    # --- actions ----------------------------------------------------------------------------

    def open_why(self) -> None:
        if self.shown_flag is None:
            return
        from ui.dialogs.flags import WhyDialog

        dialog = WhyDialog(self.window_, self.shown_flag)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()

    def open_list(self) -> None:
        """"All flags…": the window that owns the banner opens (or raises) its Flags list."""
        self.listRequested.emit()

    def open_emergency_info(self) -> None:
        from ui.dialogs.flags import EmergencyInfoDialog

        dialog = EmergencyInfoDialog(self.window_)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()

    def dismiss_shown(self) -> None:
        flag = self.shown_flag
        if flag is None or flag.tier not in (Tier.URGENT, Tier.SOON):
            return
        # The flag may have changed meanwhile (e.g. become an emergency): then just refresh.
        with contextlib.suppress(StorageError, ValueError):
            self.journal.dismiss_flag(flag.rule)
        self._show(self.flags)


def emergencies_caused_by(change, flags: list[Flag]) -> list[Flag]:  # type: ignore[no-untyped-def]
    """The emergency flags whose evidence includes the entry this change saved."""
    if change is None or getattr(change, "action", "") == "deleted":
        return []
    entity = getattr(change, "entity", "")
    if entity not in ("episode", "checkin", "journal"):
        return []
    ids = set(getattr(change, "ids", ()))
    dates = set(getattr(change, "dates", ()))
    out = []
    for flag in flags:
        if flag.tier is not Tier.EMERGENCY:
            continue
        by_episode = entity in ("episode", "journal") and ids & set(flag.evidence_episodes)
        by_checkin = entity in ("checkin", "journal") and dates & set(flag.evidence_checkins)
        if by_episode or by_checkin:
            out.append(flag)
    return out


def _html(text: str) -> str:
    from html import escape

    return escape(text)
