"""Keyboard reach: the controls a Tab cycle should visit, and the cycle Tab really makes.

A group of exclusive checkable buttons (Twitch/Cramp, Left/Right/Both) is one Tab stop, like a
radio group: Tab enters it at the checked button and the arrow keys move inside it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget


def is_tab_stop(widget: QWidget, root: QWidget) -> bool:
    if not (widget.isVisibleTo(root) and widget.isEnabled() and widget.isVisible()):
        return False
    if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
        return False
    if widget.focusProxy() is not None:
        return False
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
