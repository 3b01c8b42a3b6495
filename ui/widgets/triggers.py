"""Trigger pickers: one-click chips (Today's quick log) and a checklist with amounts (the form)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QGridLayout,
    QLayout,
    QLayoutItem,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QWidget,
)

from journal.model import BUILTIN_TRIGGER_UNITS, BUILTIN_TRIGGERS, TriggerTag, UserTrigger
from ui.widgets.labels import trigger_label


class FlowLayout(QLayout):
    """Lays children left to right and wraps, like words in a paragraph."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._do_layout(QRect(0, 0, width, 0), test=True)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._do_layout(rect, test=False)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _do_layout(self, rect: QRect, test: bool) -> int:
        x, y, line = rect.x(), rect.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x + hint.width() > rect.right() and line > 0:
                x = rect.x()
                y += line + self._spacing
                line = 0
            if not test:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line = max(line, hint.height())
        return y + line - rect.y()


class TriggerChip(QPushButton):
    """A checkable chip that is always as wide as its ticked text ("✓ Long sitting"), so
    choosing it neither clips the text nor pushes the chips after it along."""

    TICK = "✓ "

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(label, parent)
        self.label = label
        self.setCheckable(True)
        self.toggled.connect(self._show_tick)

    def _show_tick(self, on: bool) -> None:
        # A tick as well as the fill: the choice shows without colour.
        self.setText(f"{self.TICK}{self.label}" if on else self.label)

    def sizeHint(self) -> QSize:
        # What QPushButton would want for the ticked text, in either state.
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = f"{self.TICK}{self.label}"
        # The style sheet sets a chosen chip in bold: measure that, the wider of the two.
        bold = QFont(self.font())
        bold.setBold(True)
        contents = QFontMetrics(bold).size(Qt.TextFlag.TextShowMnemonic, option.text)
        return self.style().sizeFromContents(QStyle.ContentsType.CT_PushButton, option,
                                             contents, self)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()


class TriggerChips(QWidget):
    """Checkable chips, one per trigger: a click toggles. Used on Today."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = FlowLayout(self)
        self.buttons: dict[str, TriggerChip] = {}
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.more_button = QPushButton(self.tr("More…"), self)
        self.more_button.setObjectName("chipMore")
        self.more_button.setAccessibleName(self.tr("More triggers, in the full form"))
        self.more_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self._layout.addWidget(self.more_button)

    def set_triggers(self, ids: list[str], user: list[UserTrigger]) -> None:
        chosen = self.selected()
        labels = {t.id: t.label for t in user}
        for b in self.buttons.values():
            self._layout.removeWidget(b)
            b.deleteLater()
        self.buttons.clear()
        for tid in ids:
            b = TriggerChip(trigger_label(tid, labels), self)
            b.setObjectName("chip")
            b.setChecked(tid in chosen)
            b.setAccessibleName(self.tr("Trigger: {0}").format(trigger_label(tid, labels)))
            b.setCursor(Qt.CursorShape.PointingHandCursor)
            b.toggled.connect(self._toggled)
            self._layout.addWidget(b)
            self.buttons[tid] = b
        # "More…" stays last.
        self._layout.removeWidget(self.more_button)
        self._layout.addWidget(self.more_button)
        self.updateGeometry()

    def _toggled(self, _on: bool) -> None:
        self.changed.emit()

    def selected(self) -> list[str]:
        return [tid for tid, b in self.buttons.items() if b.isChecked()]

    def clear(self) -> None:
        for b in self.buttons.values():
            b.setChecked(False)


class AmountBox(QDoubleSpinBox):
    """An amount that selects all of itself when it takes the focus, so typing replaces the
    "amount" placeholder (or the old figure) instead of being rejected beside it."""

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        # After the click that focused it has placed the cursor.
        QTimer.singleShot(0, self.selectAll)


class TriggerList(QWidget):
    """Every trigger with a tick box and an optional amount. Used in the episode form."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(8)
        self._grid.setVerticalSpacing(2)
        self.boxes: dict[str, QCheckBox] = {}
        self.amounts: dict[str, QDoubleSpinBox] = {}
        self.units: dict[str, str | None] = {}

    def set_triggers(self, user: list[UserTrigger]) -> None:
        labels = {t.id: t.label for t in user}
        entries: list[tuple[str, str | None]] = [(t, BUILTIN_TRIGGER_UNITS.get(t))
                                                 for t in BUILTIN_TRIGGERS]
        entries += [(t.id, t.unit) for t in user]
        for row, (tid, unit) in enumerate(entries):
            box = QCheckBox(trigger_label(tid, labels), self)
            box.setAccessibleName(self.tr("Trigger: {0}").format(trigger_label(tid, labels)))
            self._grid.addWidget(box, row, 0)
            self.boxes[tid] = box
            self.units[tid] = unit
            if unit:
                spin = AmountBox(self)
                spin.setRange(0, 100000)
                spin.setDecimals(0 if unit in ("mg", "min", "0-10") else 1)
                spin.setSpecialValueText(self.tr("amount"))
                spin.setSuffix(f" {unit}")
                spin.setEnabled(False)
                spin.setAccessibleName(
                    self.tr("Amount of {0} in {1}").format(trigger_label(tid, labels), unit))
                spin.setMaximumWidth(96)
                box.toggled.connect(spin.setEnabled)
                spin.valueChanged.connect(lambda _v: self.changed.emit())
                self._grid.addWidget(spin, row, 1)
                self.amounts[tid] = spin
            box.toggled.connect(lambda _on: self.changed.emit())
        self._grid.setColumnStretch(2, 1)
        self._grid.setRowStretch(len(entries), 1)

    def tags(self) -> tuple[TriggerTag, ...]:
        out: list[TriggerTag] = []
        for tid, box in self.boxes.items():
            if not box.isChecked():
                continue
            spin = self.amounts.get(tid)
            amount = spin.value() if spin is not None and spin.value() > 0 else None
            out.append(TriggerTag(tid, amount, self.units.get(tid) if amount is not None else None))
        return tuple(out)

    def set_tags(self, tags: tuple[TriggerTag, ...]) -> None:
        by_id = {t.id: t for t in tags}
        for tid, box in self.boxes.items():
            box.setChecked(tid in by_id)
            spin = self.amounts.get(tid)
            if spin is not None:
                amount = by_id[tid].amount if tid in by_id else None
                spin.setValue(amount or 0)

    def focus_widgets(self) -> list[QWidget]:
        out: list[QWidget] = []
        for tid, box in self.boxes.items():
            out.append(box)
            if tid in self.amounts:
                out.append(self.amounts[tid])
        return out

