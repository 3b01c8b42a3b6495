"""A 0-10 score picker: eleven numbered segments, one click (or one key) to choose.

Used for intensity (with anchor words), relief, stress and interference. The value is shown by
its number, a bold outline and a filled segment, never by colour alone. Keyboard: digits choose
(type "1" then "0" quickly for 10), Left/Right step, Home/End jump, Enter/Space "picks" the
current value (the Today quick log saves on pick), Delete clears when an empty answer is allowed.

It is a QSlider painted as eleven buttons, so Qt's own accessible interface for sliders exposes
it: role slider, a value from 0 to 10 that a screen reader reads and can set, and value-change
events. (A value interface written in Python crashed Qt's AT-SPI bridge.) "Not answered" is the
slider's value -1 where an empty answer is allowed; the description leads with the value in
words ("3 – a little", "not answered"). :meth:`value` and :meth:`setValue` speak ``int | None``;
``scoreChanged`` carries the same, Qt's own ``valueChanged`` the slider's int (-1 for none).
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QWheelEvent,
)
from PySide6.QtWidgets import QSizePolicy, QSlider, QWidget

from journal.model import Kind
from ui.widgets.labels import intensity_anchor

#: How long after "1" a "0" still turns it into 10.
TEN_WINDOW_S = 0.9
#: The slider's value that stands for "not answered".
NONE_VALUE = -1


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    return QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
    )


class ScorePicker(QSlider):
    #: The score after any change (int, or None for "not answered").
    scoreChanged = Signal(object)
    picked = Signal(int)

    def __init__(self, parent: QWidget | None = None, *, allow_none: bool = True,
                 anchors: bool = True, kind: Kind = Kind.CRAMP, compact: bool = False,
                 low_word: str = "", high_word: str = "") -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setRange(NONE_VALUE if allow_none else 0, 10)
        self.setSingleStep(1)
        self.setPageStep(1)
        super().setValue(NONE_VALUE if allow_none else 0)
        self._hover: int | None = None
        self._allow_none = allow_none
        self._anchors = anchors
        self._kind = kind
        self._compact = compact
        self._low_word = low_word
        self._high_word = high_word
        self._last_one_at = 0.0
        #: On Today, Enter logs the current value; in a dialog Enter belongs to the dialog.
        self.enter_picks = False
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)
        # Every change, also one a screen reader makes through the value interface.
        self.valueChanged.connect(self._slider_moved)
        self._update_accessible()

    # --- value ------------------------------------------------------------------------------

    @property
    def _value(self) -> int | None:
        raw = super().value()
        return None if raw == NONE_VALUE else raw

    def value(self) -> int | None:  # type: ignore[override]
        return self._value

    def setValue(self, value: int | None) -> None:
        if value is not None:
            value = max(0, min(10, int(value)))
        if value is None and not self._allow_none:
            value = 0
        super().setValue(NONE_VALUE if value is None else value)

    def _slider_moved(self, _raw: int) -> None:
        self._update_accessible()
        self.update()
        self.scoreChanged.emit(self._value)

    def setKind(self, kind: Kind) -> None:
        self._kind = kind
        self._update_accessible()
        self.update()

    def type_digit(self, digit: int) -> None:
        """A digit typed anywhere in the form: '1' then '0' within a moment means 10."""
        now = time.monotonic()
        if digit == 0 and self._value == 1 and now - self._last_one_at < TEN_WINDOW_S:
            self.setValue(10)
        else:
            self.setValue(digit)
        self._last_one_at = now if digit == 1 else 0.0

    def caption(self) -> str:
        if self._value is None:
            return self.tr("not answered")
        if not self._anchors:
            return str(self._value)
        return f"{self._value} – {intensity_anchor(self._value, self._kind)}"

    def _update_accessible(self) -> None:
        text = self.tr("Value {0}. Type a digit, or use the arrow keys.").format(self.caption())
        if self._low_word and self._high_word:
            # What the ends mean, which the picture shows under 0 and 10.
            text += " " + self.tr("0 is {0}, 10 is {1}.").format(self._low_word,
                                                                  self._high_word)
        self.setAccessibleDescription(text)

    # --- geometry ---------------------------------------------------------------------------

    def _seg_height(self) -> int:
        return 28 if self._compact else 36

    def _words_height(self) -> int:
        show = self._anchors or self._low_word or self._high_word
        return QFontMetrics(self._small_font()).height() + 4 if show else 0

    def _small_font(self) -> QFont:
        f = QFont(self.font())
        f.setPointSizeF(max(7.0, f.pointSizeF() * 0.85))
        return f

    def sizeHint(self) -> QSize:
        width = 11 * (30 if self._compact else 40)
        return QSize(width, self._seg_height() + self._words_height() + 4)

    def minimumSizeHint(self) -> QSize:
        return QSize(11 * 22, self._seg_height() + self._words_height() + 4)

    def _segment(self, i: int) -> QRectF:
        gap = 4.0
        w = (self.width() - 2 - gap * 10) / 11
        return QRectF(1 + i * (w + gap), 2, w, self._seg_height())

    def _index_at(self, pos: QPointF) -> int | None:
        for i in range(11):
            if self._segment(i).adjusted(-2, -2, 2, 2).contains(pos):
                return i
        return None

    # --- painting ---------------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        base = pal.color(QPalette.ColorRole.Base)
        text = pal.color(QPalette.ColorRole.Text)
        hl = pal.color(QPalette.ColorRole.Highlight)
        hl_text = pal.color(QPalette.ColorRole.HighlightedText)
        mid = pal.color(QPalette.ColorRole.Mid)
        enabled = self.isEnabled()
        bold = QFont(self.font())
        bold.setBold(True)
        for i in range(11):
            r = self._segment(i)
            selected = self._value is not None and i == self._value
            filled = self._value is not None and i < self._value
            if selected:
                fill = hl
            elif filled:
                fill = _mix(base, hl, 0.22)
            elif i == self._hover:
                fill = _mix(base, hl, 0.12)
            else:
                fill = base
            pen = QPen(hl if selected or i == self._hover else mid, 2.0 if selected else 1.0)
            p.setPen(pen)
            p.setBrush(fill)
            p.drawRoundedRect(r, 6, 6)
            p.setFont(bold if selected else self.font())
            p.setPen(hl_text if selected else (text if enabled else mid))
            p.drawText(r, Qt.AlignmentFlag.AlignCenter, str(i))
        if self.hasFocus():
            idx = self._value if self._value is not None else 0
            # A solid ring in the text colour: a thin dotted one was nearly invisible in dark.
            focus = self._segment(idx).adjusted(-1.5, -1.5, 1.5, 1.5)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(QPen(text, 2.0))
            p.drawRoundedRect(focus, 7, 7)
        wh = self._words_height()
        if wh:
            p.setFont(self._small_font())
            p.setPen(pal.color(QPalette.ColorRole.PlaceholderText) if not enabled else
                     _mix(text, base, 0.3))
            y = self._seg_height() + 4
            low = self._low_word or intensity_anchor(0, self._kind)
            high = self._high_word or intensity_anchor(10, self._kind)
            left = QRectF(0, y, self.width() / 2, wh)
            right = QRectF(self.width() / 2, y, self.width() / 2 - 1, wh)
            p.drawText(left, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, low)
            p.drawText(right, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, high)
            if self._anchors and not self._low_word:
                mid_word = intensity_anchor(5, self._kind)
                p.drawText(QRectF(0, y, self.width(), wh), Qt.AlignmentFlag.AlignCenter, mid_word)
        p.end()

    # --- input ------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        idx = self._index_at(event.position())
        if idx is None or event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.setValue(idx)
        self.picked.emit(idx)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        idx = self._index_at(event.position())
        if idx != self._hover:
            self._hover = idx
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        event.accept()  # the press chose; there is no handle to let go of

    def wheelEvent(self, event: QWheelEvent) -> None:
        # The wheel scrolls the form around the picker; it never changes an answer unseen.
        event.ignore()

    def event(self, e: QEvent) -> bool:
        if e.type() in (QEvent.Type.Leave, QEvent.Type.HoverLeave) and self._hover is not None:
            self._hover = None
            self.update()
        return super().event(e)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        current = self._value
        if Qt.Key.Key_0 <= key <= Qt.Key.Key_9 and not (
                event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                     | Qt.KeyboardModifier.AltModifier)):
            self.type_digit(key - Qt.Key.Key_0)
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Plus):
            self.setValue(0 if current is None else min(10, current + 1))
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Down, Qt.Key.Key_Minus):
            self.setValue(0 if current is None else max(0, current - 1))
        elif key == Qt.Key.Key_Home:
            self.setValue(0)
        elif key == Qt.Key.Key_End:
            self.setValue(10)
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self._allow_none:
            self.setValue(None)
        elif (key == Qt.Key.Key_Space or (self.enter_picks and key in (
                Qt.Key.Key_Return, Qt.Key.Key_Enter))) and current is not None:
            self.picked.emit(current)
        else:
            # Not the slider's own keys (Page Up/Down would change the answer): the dialog
            # gets Escape and Enter as it did.
            event.ignore()
            return
        event.accept()
