"""The look shared across the window: whether the palette is dark, and each urgency tier's
colour and shape.

One answer to "is this a dark theme?" for every widget that picks colours (the body map, the
episode table's icons, the Trends charts, the stylesheet, the flag banner), so they never
disagree about the same palette. Tier colours come from :mod:`journal.vocabulary`; a tier is
never shown by colour alone: each has its own shape and symbol here, and its word in the
vocabulary.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QIcon,
    QPainter,
    QPainterPath,
    QPalette,
    QPixmap,
    QPolygonF,
)
from PySide6.QtWidgets import QWidget

import journal.vocabulary as vocabulary

#: A window colour darker than this (HSL lightness, 0-255) counts as a dark theme.
DARK_BELOW = 128


def is_dark(source: QWidget | QPalette | None = None) -> bool:
    """Whether the palette is dark: a widget's, a given palette, or (None) the application's."""
    if source is None:
        palette = QGuiApplication.palette()
    elif isinstance(source, QPalette):
        palette = source
    else:
        palette = source.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < DARK_BELOW


def tier_colour(tier: str) -> QColor:
    return QColor(vocabulary.TIERS[tier].colour)


def tier_pixmap(tier: str, size: int = 22, ratio: float = 1.0) -> QPixmap:
    """A distinct shape per tier: triangle (emergency), diamond (urgent), circle (soon),
    rounded square (mention), each with its own symbol, filled with the tier colour."""
    pixmap = QPixmap(int(size * ratio), int(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(tier_colour(tier))
    s = float(size)
    symbol = "!"
    if tier == "emergency":
        painter.drawPolygon(QPolygonF([QPointF(s / 2, 1), QPointF(s - 1, s - 2),
                                       QPointF(1, s - 2)]))
        text_rect = QRectF(0, s * 0.28, s, s * 0.7)
    elif tier == "urgent":
        painter.drawPolygon(QPolygonF([QPointF(s / 2, 0.5), QPointF(s - 0.5, s / 2),
                                       QPointF(s / 2, s - 0.5), QPointF(0.5, s / 2)]))
        text_rect = QRectF(0, 0, s, s)
    elif tier == "soon":
        painter.drawEllipse(QRectF(1, 1, s - 2, s - 2))
        symbol = "i"
        text_rect = QRectF(0, 0, s, s)
    else:
        path = QPainterPath()
        path.addRoundedRect(QRectF(1.5, 1.5, s - 3, s - 3), 4, 4)
        painter.drawPath(path)
        symbol = "…"
        text_rect = QRectF(0, -s * 0.1, s, s)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(max(8, int(s * 0.55)))
    painter.setFont(font)
    painter.setPen(QColor("#000000") if tier == "urgent" else QColor("#FFFFFF"))
    painter.drawText(text_rect, Qt.AlignmentFlag.AlignCenter, symbol)
    painter.end()
    return pixmap


def tier_icon(tier: str) -> QIcon:
    icon = QIcon()
    for size in (16, 22, 32):
        icon.addPixmap(tier_pixmap(tier, size))
    return icon
