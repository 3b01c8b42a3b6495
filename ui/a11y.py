"""Screen-reader support the widgets cannot give themselves: alert roles and announcements.

Qt exposes a plain frame as a "panel" and says nothing when its text changes, so a screen reader
(Orca through AT-SPI) never hears that a flag appeared or that an entry was saved. A widget marked
with :func:`mark_alert` is exposed with the *alert* role, and :func:`announce` sends the
``QAccessible`` alert event that screen readers act on, together with the new text.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAccessible, QAccessibleEvent, QAccessibleInterface
from PySide6.QtWidgets import QAccessibleWidget, QApplication, QWidget

#: The dynamic property that asks for the alert role.
ALERT_PROPERTY = "accessibleAlert"
#: Set on the application once the factory below is installed (installing it twice would make
#: every query run it twice).
_INSTALLED_PROPERTY = "symptomJournalAlertFactory"


def _alert_factory(_key: str, obj: QObject) -> QAccessibleInterface | None:
    if isinstance(obj, QWidget) and obj.property(ALERT_PROPERTY):
        return QAccessibleWidget(obj, QAccessible.Role.AlertMessage, obj.accessibleName())
    return None


def install_alert_role() -> None:
    """Register the alert-role factory with Qt's accessibility (once per application)."""
    app = QApplication.instance()
    if app is None or app.property(_INSTALLED_PROPERTY):
        return
    QAccessible.installFactory(_alert_factory)
    app.setProperty(_INSTALLED_PROPERTY, True)


def mark_alert(widget: QWidget) -> None:
    """Expose ``widget`` with the alert role (a notice, the flags banner)."""
    install_alert_role()
    widget.setProperty(ALERT_PROPERTY, True)


class Announcer(QObject):
    """Sends alert events for one widget; ``announced`` carries what was said (for tests)."""

    announced = Signal(str)

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self._widget = widget
        mark_alert(widget)

    def announce(self, text: str) -> None:
        """Give the widget ``text`` as its description and tell screen readers to read it."""
        self._widget.setAccessibleDescription(text)
        QAccessible.updateAccessibility(QAccessibleEvent(self._widget, QAccessible.Event.Alert))
        self.announced.emit(text)
