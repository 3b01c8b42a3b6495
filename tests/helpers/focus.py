"""Keyboard reach: the controls a Tab cycle should visit, and the cycle Tab really makes.

A group of exclusive checkable buttons (Twitch/Cramp, Left/Right/Both) is one Tab stop, like a
radio group: Tab enters it at the checked button and the arrow keys move inside it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QTabBar, QWidget


def is_tab_stop(widget: QWidget, root: QWidget) -> bool:
    if not (widget.isVisibleTo(root) and widget.isEnabled() and widget.isVisible()):
        return False
    if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
        return False
    if widget.focusProxy() is not None:
        return False
    if isinstance(widget.parentWidget(), QTabBar):
        return False  # the tab bar's own scroll arrows: the tabs themselves are the stop
    if isinstance(widget, QAbstractButton):
        group = widget.group()
        if group is not None and group.exclusive() and group.checkedButton() is not None \
                and group.checkedButton() is not widget:
            return False
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        # Parts of a compound control (a spin box's line edit, a scroll area's viewport).
        if parent.focusProxy() is widget or not parent.isVisible():
            return parent.focusProxy() is widget and is_tab_stop(parent, root)
        parent = parent.parentWidget()
    return True


def tab_stops(root: QWidget) -> list[QWidget]:
    """Every enabled, visible control under ``root`` that Tab should reach."""
    return [w for w in root.findChildren(QWidget) if is_tab_stop(w, root)]


def tab_cycle(start: QWidget, limit: int = 400, *, backwards: bool = False) -> list[QWidget]:
    """Press Tab from ``start`` until focus comes back to it (or ``limit`` presses)."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    first = QApplication.focusWidget()
    seen: list[QWidget] = []
    key = Qt.Key.Key_Backtab if backwards else Qt.Key.Key_Tab
    for _ in range(limit):
        current = QApplication.focusWidget()
        if current is None:
            break
        seen.append(current)
        QTest.keyClick(current, key)
        if QApplication.focusWidget() is first:
            break
    return seen


def describe(widget: QWidget) -> str:
    return f"{type(widget).__name__}({widget.objectName() or widget.accessibleName()})"


def _luminance(image: object) -> object:
    """Relative luminance (WCAG) of every pixel of a QImage, as a numpy array."""
    import numpy as np
    from PySide6.QtGui import QImage

    img = image.convertToFormat(QImage.Format.Format_RGB888)  # type: ignore[attr-defined]
    width, height = img.width(), img.height()
    rows = np.frombuffer(img.constBits(), np.uint8).reshape(height, img.bytesPerLine())
    rgb = rows[:, : width * 3].reshape(height, width, 3).astype(float) / 255
    lin = np.where(rgb <= 0.03928, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    return 0.2126 * lin[..., 0] + 0.7152 * lin[..., 1] + 0.0722 * lin[..., 2]


def focus_change(widget: QWidget, elsewhere: QWidget, margin: int = 4) -> int:
    """How many pixels on and around ``widget`` change with a contrast of at least 3:1 (the
    WCAG non-text minimum) between the widget having the focus and not having it."""
    import numpy as np
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtWidgets import QScrollArea

    parent = widget.parentWidget()
    while parent is not None:  # scrolled into view, as focusing it by Tab would
        if isinstance(parent, QScrollArea) and parent.isAncestorOf(widget):
            parent.ensureWidgetVisible(widget, margin, margin)
        parent = parent.parentWidget()
    QApplication.processEvents()
    window = widget.window()
    top_left = widget.mapTo(window, QPoint(0, 0))
    rect = QRect(top_left, widget.size()).adjusted(-margin, -margin, margin, margin)
    rect = rect.intersected(window.rect())
    if rect.isEmpty():
        return 0

    def grab() -> object:
        QApplication.processEvents()
        return _luminance(window.grab(rect).toImage())

    widget.setFocus(Qt.FocusReason.TabFocusReason)
    focused = grab()
    elsewhere.setFocus(Qt.FocusReason.TabFocusReason)
    plain = grab()
    high = np.maximum(focused, plain)  # type: ignore[call-overload]
    low = np.minimum(focused, plain)  # type: ignore[call-overload]
    return int(((high + 0.05) / (low + 0.05) >= 3.0).sum())
