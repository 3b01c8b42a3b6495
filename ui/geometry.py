"""Window and dialog sizes taken from the screen they open on, and remembered between runs.

A size written into the code (1280x800, 1180x720) is too big for a 1024x768 laptop and far too big
for 1280x800 at 1.5x scaling (853x533 logical pixels): Save and Cancel end up off-screen. Each
window asks for its preferred size here; it gets that, or the size the person last left it at,
bounded by the screen's *available* geometry (without panels and docks) less room for the window
manager's frame, and it is placed fully on that screen. Content that cannot shrink that far sits
in a scroll area, so nothing is ever out of reach.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSettings, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

#: What a window manager's title bar and borders take around a window's client area, roughly
#: (a title bar is 24-40 px, borders a few px); the client area is kept this much smaller than
#: the available screen so the whole frame, title-bar buttons included, stays on screen.
FRAME_ALLOWANCE = QSize(16, 44)
#: Nothing is made smaller than this (a window that small is still usable: it scrolls).
SMALLEST = QSize(480, 360)


def screen_of(widget: QWidget) -> QScreen:
    """The screen the widget (or its parent window) is on, else the primary screen."""
    for candidate in (widget, widget.parentWidget()):
        if candidate is not None:
            screen = candidate.screen()
            if screen is not None:
                return screen
    screen = QGuiApplication.primaryScreen()
    assert screen is not None, "a window needs a screen"
    return screen


def usable_area(widget: QWidget) -> QRect:
    """The part of the screen a window's client area may use: available geometry less frame."""
    available = screen_of(widget).availableGeometry()
    left = FRAME_ALLOWANCE.width() // 2
    top = FRAME_ALLOWANCE.height() - left
    return available.adjusted(left, top, -left, -left)


def fitted_size(preferred: QSize, area: QSize) -> QSize:
    """``preferred`` bounded by ``area`` (never below SMALLEST unless the area itself is)."""
    return preferred.boundedTo(area).expandedTo(SMALLEST.boundedTo(area))


def _settings_key(name: str) -> str:
    return f"geometry/{name}"


def fit_to_screen(widget: QWidget, name: str, preferred: QSize,
                  settings: QSettings | None) -> None:
    """Size ``widget`` from its screen (or its remembered size) and keep remembering it.

    The remembered size is written when the widget is hidden or closed, under ``name``; it is
    bounded by the screen each time it is used, so a size saved on a big monitor still fits a
    laptop. The minimum size is lowered where the screen is smaller than it.
    """
    area = usable_area(widget)
    wanted = preferred
    if settings is not None:
        saved = settings.value(_settings_key(name))
        if isinstance(saved, QSize) and saved.isValid():
            wanted = saved
    widget.setMinimumSize(widget.minimumSize().boundedTo(area.size()))
    size = fitted_size(wanted, area.size())
    widget.resize(size)
    if widget.isWindow():
        widget.move(placed_inside(widget, size, area))
    if settings is not None:
        _Remember(widget, name, settings)


def placed_inside(widget: QWidget, size: QSize, area: QRect) -> QPoint:
    """Where a window of ``size`` goes: centred over its parent (or the area), fully inside."""
    parent = widget.parentWidget()
    centre = parent.window().geometry().center() if parent is not None else area.center()
    x = centre.x() - size.width() // 2
    y = centre.y() - size.height() // 2
    x = max(area.left(), min(x, area.right() + 1 - size.width()))
    y = max(area.top(), min(y, area.bottom() + 1 - size.height()))
    return QPoint(x, y)


class _Remember(QObject):
    """Writes the widget's size to the settings when it is hidden or closed."""

    def __init__(self, widget: QWidget, name: str, settings: QSettings) -> None:
        super().__init__(widget)
        self._widget = widget
        self._name = name
        self._settings = settings
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._widget and event.type() in (QEvent.Type.Hide, QEvent.Type.Close):
            w = self._widget
            if not (w.isMaximized() or w.isFullScreen()):
                self._settings.setValue(_settings_key(self._name), w.size())
        return False
