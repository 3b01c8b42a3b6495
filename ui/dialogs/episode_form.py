"""The episode form: every field of an episode, fast with the keyboard.

Opened by Ctrl+N with smart defaults (see ``ui.widgets.quick_log``), or to edit an episode.
Single keys work anywhere outside a text box: T/C kind, N/F/Q/H/O start now/5/15/30/60 minutes
ago, L/R/B side, digits intensity ("1" "0" for 10); Enter saves, Esc cancels. A value the journal
refuses is explained beside its field in plain words; what was typed stays and nothing is saved.
"""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication, QDateTime, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStyle,
    QStyleOptionButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from journal.errors import StorageError, ValidationError
from journal.model import (
    Activity,
    Episode,
    Kind,
    Radiates,
    Relief,
    Side,
    WarningSign,
    format_duration,
    parse_duration,
)
from ui.a11y import mark_radio
from ui.defaults import DEFAULT_DURATION_S
from ui.formatting import date_time_edit_pattern
from ui.geometry import fit_to_screen
from ui.widgets.body_map import RegionPicker
from ui.widgets.intensity import ScorePicker
from ui.widgets.labels import (
    activity_label,
    kind_label,
    radiates_label,
    relief_label,
    side_label,
    warning_label,
)
from ui.widgets.triggers import TriggerList

#: (minutes ago, key): the one-key start presets.
START_PRESETS: tuple[tuple[int, str], ...] = ((0, "N"), (5, "F"), (15, "Q"), (30, "H"), (60, "O"))
DURATION_PRESETS: tuple[int, ...] = (5, 30, 60, 300)
#: The form's size where the screen has room (every field visible without scrolling).
PREFERRED_SIZE = QSize(1180, 720)


#: The gap between the form's columns (and between its parts when they are stacked).
COLUMN_GAP = 18


class _FieldsRow(QHBoxLayout):
    """The form's columns, sized from their parts' minimum heights: the scroll area sizes a
    height-for-width layout (the wrapped hints) by its *preferred* height, which made the form
    scroll by 200 px on a 1024x768 screen although every part fitted at its minimum."""

    def hasHeightForWidth(self) -> bool:
        return False


class _Part(QWidget):
    """One part of the form (basics, where, more) as the columns see it: sized by its minimum
    and preferred heights, never height-for-width (Qt's column then gave the basics less than
    their minimum, squashing the intensity buttons, when the tabs below them wrapped a hint)."""

    def __init__(self, inner: QWidget, parent: QWidget) -> None:
        super().__init__(parent)
        self.inner = inner
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(inner)

    def hasHeightForWidth(self) -> bool:
        return False


class SegmentButton(QPushButton):
    """A one-of-many button as wide as its text in bold: the style sheet sets the chosen one in
    bold, and a size measured in the regular font clipped it ("zquierda  I" in Spanish)."""

    def sizeHint(self) -> QSize:
        option = QStyleOptionButton()
        self.initStyleOption(option)
        bold = QFont(self.font())
        bold.setBold(True)
        contents = QFontMetrics(bold).size(Qt.TextFlag.TextShowMnemonic, option.text)
        wanted = self.style().sizeFromContents(QStyle.ContentsType.CT_PushButton, option,
                                               contents, self)
        return wanted.expandedTo(super().sizeHint())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()


def _segment(parent: QWidget, text: str, key: str, accessible: str) -> QPushButton:
    b = SegmentButton(f"{text}  {key}" if key else text, parent)
    b.setObjectName("segment")
    b.setCheckable(True)
    b.setAutoDefault(False)
    b.setAccessibleName(accessible)
    if key:
        # The form's context: parent.tr() was extracted under "parent" and never translated.
        b.setToolTip(QCoreApplication.translate("EpisodeForm", "Key: {0}").format(key))
    return b


class EpisodeForm(QDialog):
    saved = Signal(object)  # journal.service.Change

    def __init__(self, window, episode: Episode | None = None,  # type: ignore[no-untyped-def]
                 base: Episode | None = None) -> None:
        super().__init__(window)
        self.main_window = window
        self.journal = window.journal
        self.editing = episode is not None
        start = episode or base
        if start is None:
            start = window.quick_log.defaults()
        self.original = start
        self._start_value: datetime = start.started_at
        self._syncing_start = False
        self._duration_touched = self.editing
        self.setObjectName("episodeForm")
        self.setWindowTitle(self.tr("Edit episode") if self.editing else self.tr("New episode"))
        self.setModal(True)
        self._errors: dict[str, QLabel] = {}
        self._focus_for: dict[str, QWidget] = {}
        self._tab_for: dict[str, int] = {}

        outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 14, 18, 12)
        outer.setSpacing(10)
        self.general_error = QLabel(self)
        self.general_error.setObjectName("formError")
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        outer.addWidget(self.general_error)

        # The fields scroll when the screen is too small for them; Save and Cancel stay put.
        # Three columns where they fit; else two or one (see _arrange): never clipped names or
        # a sideways scroll, only a downward one.
        fields = QWidget(self)
        fields.setObjectName("episodeFields")
        self._columns = _FieldsRow(fields)
        self._columns.setContentsMargins(0, 0, 0, 0)
        self._columns.setSpacing(COLUMN_GAP)
        self.fields_scroll = QScrollArea(self)
        self.fields_scroll.setObjectName("episodeFieldsScroll")
        self.fields_scroll.setWidgetResizable(True)
        self.fields_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.fields_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.fields_scroll.setWidget(fields)
        outer.addWidget(self.fields_scroll, 1)
        self._parts = tuple(_Part(part, fields) for part in (
            self._build_basics(), self._build_where(), self._build_more()))
        #: "3", "2" or "1" columns, as last arranged.
        self.arrangement = ""

        bottom = QHBoxLayout()
        keys = QLabel(self.tr("Keys: T/C kind · N F Q H O start · L R B side · 0–10 intensity · "
                              "Enter saves"), self)
        keys.setObjectName("hint")
        bottom.addWidget(keys, 1)
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(
            self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("primary")
        self.save_button.setDefault(True)
        self.save_button.setAccessibleName(self.tr("Save episode"))
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAutoDefault(False)
        self.cancel_button = cancel
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        bottom.addWidget(self.buttons)
        outer.addLayout(bottom)

        self._install_keys()
        self._load(start)
        self._set_tab_order()
        self._arrange()
        fit_to_screen(self, "episode_form", self.preferred_size(), window.settings)
        self._arrange()
        self.intensity.setFocus()

    # --- arranging --------------------------------------------------------------------------

    def _widths(self) -> tuple[int, int, int]:
        """The narrowest each part can be with every word whole: basics, where, more."""
        basics, where, more = (part.minimumSizeHint().expandedTo(part.minimumSize()).width()
                               for part in self._parts)
        return basics, where, more

    def _room(self) -> int:
        """The width the fields have, a vertical scroll bar's width kept free (so showing one
        does not change the arrangement back and forth)."""
        margins = self.layout().contentsMargins()
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        return self.width() - margins.left() - margins.right() - bar

    def preferred_size(self) -> QSize:
        """:data:`PREFERRED_SIZE`, wider where a longer language needs it for three columns."""
        basics, where, more = self._widths()
        three = basics + where + more + 2 * COLUMN_GAP
        return PREFERRED_SIZE.expandedTo(QSize(three + self.width() - self._room(), 0))

    def arrangement_for(self, room: int) -> str:
        basics, where, more = self._widths()
        if basics + where + more + 2 * COLUMN_GAP <= room:
            return "3"
        if max(basics, more) + where + COLUMN_GAP <= room:
            return "2"
        return "1"

    def _arrange(self) -> None:
        """Three columns (basics | where | more) where the screen has room for every word;
        else basics over more, beside where; else the three under one another."""
        wanted = self.arrangement_for(self._room())
        if wanted == self.arrangement:
            return
        self.arrangement = wanted
        row = self._columns
        basics, where, more = self._parts
        while row.count():
            item = row.takeAt(0)
            column = item.layout() if item is not None else None
            while column is not None and column.count():
                column.takeAt(0)
            if column is not None:
                column.deleteLater()
        columns: list[tuple[list[tuple[QWidget, int]], int]] = {
            "3": [([(basics, 0)], 5), ([(where, 1)], 7), ([(more, 1)], 5)],
            "2": [([(basics, 0), (more, 1)], 5), ([(where, 1)], 7)],
            "1": [([(basics, 0), (where, 1), (more, 1)], 1)],
        }[wanted]
        for parts, stretch in columns:
            column = QVBoxLayout()
            column.setSpacing(COLUMN_GAP)
            for part, grow in parts:
                column.addWidget(part, grow)
            row.addLayout(column, stretch)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    # --- building ---------------------------------------------------------------------------

    def _error_label(self, field: str, focus: QWidget, tab: int | None = None) -> QLabel:
        label = QLabel(self)
        label.setObjectName("fieldError")
        label.setWordWrap(True)
        label.hide()
        self._errors[field] = label
        self._focus_for[field] = focus
        if tab is not None:
            self._tab_for[field] = tab
        return label

    def _caption(self, text: str, buddy: QWidget | None = None) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName("fieldLabel")
        if buddy is not None:
            label.setBuddy(buddy)
        return label

    def _build_basics(self) -> QWidget:
        box = QWidget(self)
        col = QVBoxLayout(box)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(4)

        kinds = QHBoxLayout()
        self.kind_group = QButtonGroup(self)
        self.kind_buttons: dict[Kind, QPushButton] = {}
        for kind, key in ((Kind.TWITCH, "T"), (Kind.CRAMP, "C")):
            b = _segment(box, kind_label(kind), key, self.tr("Kind: {0}").format(kind_label(kind)))
            self.kind_group.addButton(b)
            mark_radio(b)  # one of two: a radio button to screen readers, not a check box
            self.kind_buttons[kind] = b
            kinds.addWidget(b)
        self.kind_group.buttonToggled.connect(self._kind_toggled)
        col.addWidget(self._caption(self.tr("What happened?")))
        col.addLayout(kinds)
        col.addWidget(self._error_label("kind", self.kind_buttons[Kind.TWITCH]))

        col.addSpacing(6)
        self.start_edit = QDateTimeEdit(box)
        self.start_edit.setDisplayFormat(date_time_edit_pattern())
        self.start_edit.setCalendarPopup(True)
        self.start_edit.setAccessibleName(self.tr("Start date and time"))
        self.start_edit.dateTimeChanged.connect(self._start_edited)
        col.addWidget(self._caption(self.tr("&Started"), self.start_edit))
        col.addWidget(self.start_edit)
        presets = QHBoxLayout()
        presets.setSpacing(4)
        self.preset_buttons: dict[int, QPushButton] = {}
        for minutes, key in START_PRESETS:
            text = self.tr("Now") if minutes == 0 else (
                self.tr("{0} min").format(minutes) if minutes < 60 else self.tr("1 h"))
            access = self.tr("Started now") if minutes == 0 else self.tr(
                "Started {0} minutes ago").format(minutes)
            b = QPushButton(f"{text}  {key}", box)
            b.setObjectName("preset")
            b.setAutoDefault(False)
            b.setAccessibleName(access)
            b.setToolTip(self.tr("Key: {0}").format(key))
            b.clicked.connect(lambda _=False, m=minutes: self.set_start_minutes_ago(m))
            presets.addWidget(b)
            self.preset_buttons[minutes] = b
        col.addLayout(presets)
        col.addWidget(self._error_label("started_at", self.start_edit))

        col.addSpacing(6)
        self.duration_edit = QLineEdit(box)
        self.duration_edit.setAccessibleName(self.tr("Duration"))
        self.duration_edit.setPlaceholderText(self.tr("e.g. 30s, 2m, 1h30m"))
        self.duration_edit.textEdited.connect(self._duration_typed)
        col.addWidget(self._caption(self.tr("&How long?"), self.duration_edit))
        drow = QHBoxLayout()
        drow.setSpacing(4)
        drow.addWidget(self.duration_edit, 2)
        self.duration_buttons: list[QPushButton] = []
        for seconds in DURATION_PRESETS:
            b = QPushButton(format_duration(seconds), box)
            b.setObjectName("preset")
            b.setAutoDefault(False)
            b.setAccessibleName(self.tr("Duration {0}").format(format_duration(seconds)))
            b.clicked.connect(lambda _=False, s=seconds: self._set_duration(s))
            drow.addWidget(b, 1)
            self.duration_buttons.append(b)
        col.addLayout(drow)
        col.addWidget(self._error_label("duration", self.duration_edit))

        col.addSpacing(6)
        self.intensity_caption = self._caption("")
        col.addWidget(self.intensity_caption)
        self.intensity = ScorePicker(box, allow_none=False)
        self.intensity.setAccessibleName(self.tr("Intensity from 0 to 10"))
        self.intensity_caption.setBuddy(self.intensity)
        self.intensity.valueChanged.connect(self._update_intensity_caption)
        col.addWidget(self.intensity)
        col.addWidget(self._error_label("intensity", self.intensity))

        col.addSpacing(6)
        col.addWidget(self._caption(self.tr("Which side?")))
        sides = QHBoxLayout()
        sides.setSpacing(4)
        self.side_group = QButtonGroup(self)
        self.side_buttons: dict[Side | None, QPushButton] = {}
        for side, key in ((Side.LEFT, "L"), (Side.RIGHT, "R"), (Side.BOTH, "B"), (None, "")):
            b = _segment(box, side_label(side), key, self.tr("Side: {0}").format(side_label(side)))
            self.side_group.addButton(b)
            mark_radio(b)
            self.side_buttons[side] = b
            sides.addWidget(b)
        col.addLayout(sides)
        col.addWidget(self._error_label("side", self.side_buttons[Side.LEFT]))

        col.addSpacing(6)
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        self.radiates = QComboBox(box)
        self.radiates.setAccessibleName(self.tr("How far it spreads"))
        for r in Radiates:
            self.radiates.addItem(radiates_label(r), r.value)
        self.activity = QComboBox(box)
        self.activity.setAccessibleName(self.tr("What you were doing when it started"))
        self.activity.addItem(activity_label(None), None)
        for a in Activity:
            self.activity.addItem(activity_label(a), a.value)
        grid.addWidget(self._caption(self.tr("S&preads"), self.radiates), 0, 0)
        grid.addWidget(self._caption(self.tr("&Doing"), self.activity), 0, 1)
        grid.addWidget(self.radiates, 1, 0)
        grid.addWidget(self.activity, 1, 1)
        col.addLayout(grid)
        col.addWidget(self._error_label("radiates_to", self.radiates))
        col.addWidget(self._error_label("activity", self.activity))
        col.addStretch(1)
        return box

    def _build_where(self) -> QWidget:
        box = QFrame(self)
        box.setObjectName("card")
        col = QVBoxLayout(box)
        col.setContentsMargins(12, 10, 12, 10)
        col.addWidget(self._caption(self.tr("Where? (back view: your left is on the left)")))
        self.regions = RegionPicker(box, vertical=True)
        # The list flows into two columns of its grid size: it is never narrower than that, so
        # no name is cut ("7  Deep lower butto").
        lst = self.regions.list
        grid_width = lst.gridSize().width()
        if grid_width > 0:
            lst.setMinimumWidth(2 * (grid_width + 2 * lst.spacing()) + 2 * lst.frameWidth() + 12)
        col.addWidget(self.regions, 1)
        col.addWidget(self._error_label("regions", self.regions.list))
        return box

    def _build_more(self) -> QWidget:
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("More details"))

        trig_page = QWidget()
        tl = QVBoxLayout(trig_page)
        tl.setContentsMargins(8, 8, 8, 8)
        hint = QLabel(self.tr("What might have set it off? Amounts are optional."), trig_page)
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        tl.addWidget(hint)
        self.triggers = TriggerList(trig_page)
        self.triggers.set_triggers(self.journal.user_triggers())
        scroll = QScrollArea(trig_page)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the triggers in it are the tab stops
        scroll.setWidget(self.triggers)
        tl.addWidget(scroll, 1)
        # Room for every trigger and its amount box side by side (no sideways scroll).
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        self._triggers_width = self.triggers.minimumSizeHint().width() + 16 + bar + 8
        tl.addWidget(self._error_label("triggers", self.triggers, 0))
        self.tabs.addTab(trig_page, self.tr("Triggers"))

        relief_page = QWidget()
        rl = QVBoxLayout(relief_page)
        rl.setContentsMargins(8, 8, 8, 8)
        rl.addWidget(self._caption(self.tr("What did you try?")))
        rgrid = QGridLayout()
        self.relief_boxes: dict[Relief, QCheckBox] = {}
        for i, r in enumerate(Relief):
            cb = QCheckBox(relief_label(r), relief_page)
            cb.setAccessibleName(self.tr("Tried: {0}").format(relief_label(r)))
            rgrid.addWidget(cb, i // 2, i % 2)
            self.relief_boxes[r] = cb
        rl.addLayout(rgrid)
        rl.addWidget(self._error_label("relief", self.relief_boxes[Relief.STRETCH], 1))
        self.relief_score = ScorePicker(relief_page, compact=True, anchors=False,
                                        low_word=self.tr("no relief"),
                                        high_word=self.tr("complete relief"))
        self.relief_score.setAccessibleName(self.tr("How much it helped, 0 to 10"))
        rl.addWidget(self._caption(self.tr("How much did it help?"), self.relief_score))
        rl.addWidget(self.relief_score)
        rl.addWidget(self._error_label("relief_score", self.relief_score, 1))
        self.note = QPlainTextEdit(relief_page)
        self.note.setAccessibleName(self.tr("Note"))
        self.note.setPlaceholderText(self.tr("Anything you want to remember about it"))
        self.note.setTabChangesFocus(True)
        rl.addWidget(self._caption(self.tr("No&te"), self.note))
        rl.addWidget(self.note, 1)
        rl.addWidget(self._error_label("note", self.note, 1))
        # In a scroll area like the other two pages, so the tabs can be shorter than this page
        # where the screen is low (the form stacks them under the basics there).
        relief_scroll = QScrollArea()
        relief_scroll.setWidgetResizable(True)
        relief_scroll.setFrameShape(QFrame.Shape.NoFrame)
        relief_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its fields are the tab stops
        relief_scroll.setWidget(relief_page)
        self.tabs.addTab(relief_scroll, self.tr("Relief && note"))

        warn_page = QWidget()
        wl = QVBoxLayout(warn_page)
        wl.setContentsMargins(8, 8, 8, 8)
        intro = QLabel(self.tr("Did you notice any of these with it? Tick what applies."),
                       warn_page)
        intro.setWordWrap(True)
        wl.addWidget(intro)
        self.warning_boxes: dict[WarningSign, QCheckBox] = {}
        inner = QWidget()
        il = QVBoxLayout(inner)
        il.setContentsMargins(0, 0, 0, 0)
        il.setSpacing(2)
        for sign in WarningSign:
            cb = QCheckBox(warning_label(sign), inner)
            cb.setAccessibleName(warning_label(sign))
            il.addWidget(cb)
            self.warning_boxes[sign] = cb
        wscroll = QScrollArea(warn_page)
        wscroll.setWidgetResizable(True)
        wscroll.setFrameShape(QFrame.Shape.NoFrame)
        wscroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the signs in it are the tab stops
        wscroll.setWidget(inner)
        wl.addWidget(wscroll, 1)
        wl.addWidget(self._error_label("warning_signs", self.warning_boxes[WarningSign.FEVER], 2))
        emergency = QLabel(self.tr("If in doubt, call your emergency number."), warn_page)
        emergency.setObjectName("emergencyHint")
        emergency.setWordWrap(True)
        wl.addWidget(emergency)
        # Named for what it holds: "Anything else?" hid the warning signs behind a vague word.
        index = self.tabs.addTab(warn_page, self.tr("Warning signs"))
        self.tabs.setTabToolTip(index, self.tr(
            "Signs noticed with this episode that can mean seeing a doctor"))
        # Every tab title shows (no scroll arrows hiding "Warning signs") and every trigger fits.
        tab_bar = self.tabs.tabBar()
        titles = sum(tab_bar.tabSizeHint(i).width() for i in range(self.tabs.count()))
        self.tabs.setMinimumWidth(max(self._triggers_width, titles + 8,
                                      self.tabs.minimumSizeHint().width()))
        return self.tabs

    def _install_keys(self) -> None:
        def key(seq: str, slot) -> None:  # type: ignore[no-untyped-def]
            sc = QShortcut(QKeySequence(seq), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)

        key("T", lambda: self.set_kind(Kind.TWITCH))
        key("C", lambda: self.set_kind(Kind.CRAMP))
        for minutes, letter in START_PRESETS:
            key(letter, lambda m=minutes: self.set_start_minutes_ago(m))
        for side, letter in ((Side.LEFT, "L"), (Side.RIGHT, "R"), (Side.BOTH, "B")):
            key(letter, lambda s=side: self.side_buttons[s].setChecked(True))
        for d in range(10):
            key(str(d), lambda d=d: self.intensity.type_digit(d))
        # Every button but Save: Enter must save from anywhere, not press the focused button.
        for b in self.findChildren(QPushButton):
            if b is not self.save_button:
                b.setAutoDefault(False)

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [*self.kind_buttons.values(), self.start_edit,
                                *self.preset_buttons.values(), self.duration_edit,
                                *self.duration_buttons, self.intensity,
                                *self.side_buttons.values(), self.radiates,
                                self.activity, self.regions.map, self.regions.list, self.tabs,
                                *self.triggers.focus_widgets(), *self.relief_boxes.values(),
                                self.relief_score, self.note, *self.warning_boxes.values(),
                                self.save_button, self.cancel_button]
        for a, b in itertools.pairwise(chain):
            QWidget.setTabOrder(a, b)
        self._tab_chain = chain

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab walks the form top to bottom and round again, reaching every field.

        Qt's own walk of this form (fields in a scroll area, the buttons outside it) looped
        Save -> duration presets -> Save and never reached Cancel, the kind, the start or the
        map; the chain above is followed instead. A one-of-many group (kind, side) is one stop:
        Tab enters it at the chosen button, the arrow keys move inside.
        """
        stops = [w for w in self._tab_chain if self._is_stop(w)]
        if not stops:
            return super().focusNextPrevChild(next)
        index = -1
        # The stop holding the focus: the focus widget itself or its nearest ancestor in the
        # chain (a spin box's line edit has the focus for the spin box).
        holder = self.focusWidget()
        while holder is not None and holder is not self:
            if holder in stops:
                index = stops.index(holder)
                break
            holder = holder.parentWidget()
        if index < 0:
            next_index = 0 if next else len(stops) - 1
        else:
            next_index = (index + (1 if next else -1)) % len(stops)
        target = stops[next_index]
        target.setFocus(Qt.FocusReason.TabFocusReason if next
                        else Qt.FocusReason.BacktabFocusReason)
        self.fields_scroll.ensureWidgetVisible(target)
        return True

    @staticmethod
    def _is_stop(widget: QWidget) -> bool:
        if not (widget.isVisible() and widget.isEnabled()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus):
            return False
        if isinstance(widget, QAbstractButton):
            group = widget.group()
            if group is not None and group.exclusive() and group.checkedButton() is not None:
                return group.checkedButton() is widget
        return True

    # --- values in and out ------------------------------------------------------------------

    def _load(self, ep: Episode) -> None:
        self.set_kind(ep.kind)
        self._show_start(ep.started_at)
        self.duration_edit.setText(format_duration(ep.duration_s))
        self.intensity.setValue(ep.intensity)
        self.side_buttons[ep.side].setChecked(True)
        self.regions.setRegions(ep.regions)
        self.radiates.setCurrentIndex(self.radiates.findData(Radiates(ep.radiates_to).value))
        self.activity.setCurrentIndex(
            self.activity.findData(ep.activity.value if ep.activity else None))
        self.triggers.set_tags(ep.triggers)
        for r, cb in self.relief_boxes.items():
            cb.setChecked(r in ep.relief)
        self.relief_score.setValue(ep.relief_score)
        self.note.setPlainText(ep.note)
        for s, cb in self.warning_boxes.items():
            cb.setChecked(s in ep.warning_signs)
        self._update_intensity_caption()

    def kind(self) -> Kind:
        for kind, b in self.kind_buttons.items():
            if b.isChecked():
                return kind
        return Kind.TWITCH

    def set_kind(self, kind: Kind) -> None:
        self.kind_buttons[Kind(kind)].setChecked(True)

    def _kind_toggled(self, button: QAbstractButton, on: bool) -> None:
        if not on:
            return
        kind = self.kind()
        self.intensity.setKind(kind)
        if not self._duration_touched:
            self.duration_edit.setText(format_duration(DEFAULT_DURATION_S[kind]))
        self._update_intensity_caption()

    def _update_intensity_caption(self, *_args: object) -> None:
        title = (self.tr("How bothersome? (0–10)") if self.kind() == Kind.TWITCH
                 else self.tr("How painful? (0–10)"))
        self.intensity_caption.setText(f"{title}   <b>{self.intensity.caption()}</b>")
        self.intensity.setAccessibleName(title)

    def _show_start(self, value: datetime) -> None:
        self._start_value = value
        self._syncing_start = True
        naive = value.replace(tzinfo=None, second=0, microsecond=0)
        self.start_edit.setDateTime(QDateTime(naive))
        self._syncing_start = False

    def _start_edited(self, _qdt: QDateTime) -> None:
        if self._syncing_start:
            return
        naive = self.start_edit.dateTime().toPython()
        # Keep the offset the start already had (the clock's, or the episode's when editing).
        self._start_value = naive.replace(tzinfo=self._start_value.tzinfo)

    def set_start_minutes_ago(self, minutes: int) -> None:
        self._show_start(self.journal.now() - timedelta(minutes=minutes))

    def start(self) -> datetime:
        return self._start_value

    def _duration_typed(self, _text: str) -> None:
        self._duration_touched = True

    def _set_duration(self, seconds: int) -> None:
        self._duration_touched = True
        self.duration_edit.setText(format_duration(seconds))

    def side(self) -> Side | None:
        for side, b in self.side_buttons.items():
            if b.isChecked():
                return side
        return None

    def episode(self) -> Episode:
        """The episode as typed; raises ValidationError for what cannot even be read."""
        text = self.duration_edit.text().strip()
        if not text:
            raise ValidationError("duration", self.tr("Say how long it lasted, e.g. 30s or 2m."))
        duration = parse_duration(text)
        activity = self.activity.currentData()
        return Episode(
            kind=self.kind(),
            started_at=self.start(),
            duration_s=duration,
            intensity=self.intensity.value() if self.intensity.value() is not None else 0,
            side=self.side(),
            regions=self.regions.regions(),
            radiates_to=Radiates(self.radiates.currentData()),
            activity=Activity(activity) if activity else None,
            triggers=self.triggers.tags(),
            warning_signs=tuple(s for s, cb in self.warning_boxes.items() if cb.isChecked()),
            relief=tuple(r for r, cb in self.relief_boxes.items() if cb.isChecked()),
            relief_score=self.relief_score.value(),
            note=self.note.toPlainText(),
            id=self.original.id,
        )

    # --- saving -----------------------------------------------------------------------------

    def clear_errors(self) -> None:
        for label in self._errors.values():
            label.hide()
        self.general_error.hide()

    def show_error(self, field: str, message: str) -> None:
        label = self._errors.get(field)
        if label is None:
            self.general_error.setText(self.tr("Not saved: {0}").format(message))
            self.general_error.show()
            return
        label.setText("⚠ " + message)
        label.show()
        if field in self._tab_for:
            self.tabs.setCurrentIndex(self._tab_for[field])
        self._focus_for[field].setFocus(Qt.FocusReason.OtherFocusReason)

    def error_text(self, field: str) -> str:
        label = self._errors.get(field)
        if label is None:
            return self.general_error.text() if self.general_error.isVisible() else ""
        return label.text() if not label.isHidden() else ""

    def save(self) -> bool:
        self.clear_errors()
        try:
            episode = self.episode()
            change = (self.journal.update_episode(episode) if self.editing
                      else self.journal.add_episode(episode))
        except ValidationError as exc:
            self.show_error(exc.field, exc.message)
            return False
        except StorageError as exc:
            self.show_error("", str(exc))
            return False
        self.main_window.announce(change)
        self.saved.emit(change)
        self.main_window.statusBar().showMessage(change.label, 5000)
        self.accept()
        return True
