"""Window and dialog sizes taken from the screen they open on, and remembered between runs.

A size written into the code (1280x800, 1180x720) is too big for a 1024x768 laptop and far too big
for 1280x800 at 1.5x scaling (853x533 logical pixels): Save and Cancel end up off-screen. Each
window asks for its preferred size here; it gets that, or the size the person last left it at,
bounded by the screen's *available* geometry (without panels and docks) less the window manager's
frame, and it is placed fully on that screen. Content that cannot shrink that far sits in a scroll
area, so nothing is ever out of reach.

The frame (title bar and borders) is only known once the window manager has decorated a shown
window: until then a window is sized with :data:`FRAME_ALLOWANCE`, a guess; as soon as the real
frame is known (``frameGeometry()`` against ``geometry()``), the window is sized and placed again
from it, and later windows start from the real frame. A guess alone was not enough: under openbox
at 1024x768 the main window's frame was placed where its client area was meant to go, and the
status bar (the only confirmation of backups, restores and exports) ended 12 px below the screen.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMargins, QObject, QPoint, QRect, QSettings, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

#: What a window manager's title bar and borders take around a window's client area, roughly
#: (a title bar is 24-40 px, borders a few px): the guess used until a shown window's real frame
#: is known (see :func:`frame_margins`); the client area is kept this much smaller than the
#: available screen so the whole frame, title-bar buttons included, stays on screen.
FRAME_ALLOWANCE = QSize(16, 44)
#: The same guess as margins around the client area: borders left, right and below, the rest on top.
GUESSED_FRAME = QMargins(FRAME_ALLOWANCE.width() // 2,
                         FRAME_ALLOWANCE.height() - FRAME_ALLOWANCE.width() // 2,
                         FRAME_ALLOWANCE.width() // 2, FRAME_ALLOWANCE.width() // 2)
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


class _LearnedFrame:
    """The window manager's frame as last measured on a shown window of this process (the same
    window manager decorates every window alike), or None while none has been measured."""

    margins: QMargins | None = None


def frame_margins(widget: QWidget) -> QMargins | None:
    """The frame the window manager put around ``widget``'s client area (title bar, borders),
    once it has decorated the shown window; None while it has not (or there is no frame)."""
    if not widget.isWindow() or not widget.isVisible():
        return None
    frame, client = widget.frameGeometry(), widget.geometry()
    if frame == client:
        return None
    return QMargins(client.left() - frame.left(), client.top() - frame.top(),
                    frame.right() - client.right(), frame.bottom() - client.bottom())


def expected_frame() -> QMargins:
    """The frame a window will get: the one measured last, else :data:`GUESSED_FRAME`."""
    return _LearnedFrame.margins if _LearnedFrame.margins is not None else GUESSED_FRAME


def usable_area(widget: QWidget, frame: QMargins | None = None) -> QRect:
    """The part of the screen a window's client area may use: available geometry less frame
    (``frame``, else the frame expected: measured on an earlier window, else guessed)."""
    available = screen_of(widget).availableGeometry()
    return available.marginsRemoved(frame if frame is not None else expected_frame())


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
        _place(widget, size, area, expected_frame())
        _RefitOnFrame(widget, wanted)
    if settings is not None:
        _Remember(widget, name, settings)


def _place(widget: QWidget, size: QSize, area: QRect, frame: QMargins) -> None:
    """Put the client area of ``size`` inside ``area``: a window's position is that of its frame
    (``QWidget.move`` on a window moves the frame's corner), so the frame's corner goes there."""
    client = placed_inside(widget, size, area)
    widget.move(client - QPoint(frame.left(), frame.top()))


def placed_inside(widget: QWidget, size: QSize, area: QRect) -> QPoint:
    """Where a window of ``size`` goes: centred over its parent (or the area), fully inside."""
    parent = widget.parentWidget()
    centre = parent.window().geometry().center() if parent is not None else area.center()
    x = centre.x() - size.width() // 2
    y = centre.y() - size.height() // 2
    x = max(area.left(), min(x, area.right() + 1 - size.width()))
    y = max(area.top(), min(y, area.bottom() + 1 - size.height()))
    return QPoint(x, y)


class _RefitOnFrame(QObject):
    """Once the window manager has framed the shown window, size and place it again from the real
    frame (each time it is shown: a dialog is opened again and again); and remember that frame
    for the windows opened later. A window the person has maximised is left alone."""

    def __init__(self, widget: QWidget, wanted: QSize) -> None:
        super().__init__(widget)
        self._widget = widget
        self._wanted = wanted
        self._pending = True
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is not self._widget:
            return False
        if kind == QEvent.Type.Hide:
            self._pending = True
        elif self._pending and kind in (QEvent.Type.Show, QEvent.Type.Move, QEvent.Type.Resize):
            frame = frame_margins(self._widget)
            if frame is not None:
                self._pending = False
                _LearnedFrame.margins = frame
                self.refit(frame)
        return False

    def refit(self, frame: QMargins) -> None:
        w = self._widget
        if w.isMaximized() or w.isFullScreen():
            return
        area = usable_area(w, frame)
        size = fitted_size(self._wanted.expandedTo(w.size()), area.size())
        if size != w.size():
            w.setMinimumSize(w.minimumSize().boundedTo(area.size()))
            w.resize(size)
        if not area.contains(QRect(w.geometry().topLeft(), size)):
            _place(w, size, area, frame)


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
