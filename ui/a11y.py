"""Screen-reader support the widgets cannot give themselves: roles, values and announcements.

Qt exposes a plain frame as a "panel" and says nothing when its text changes, so a screen reader
(Orca through AT-SPI) never hears that a flag appeared or that an entry was saved. A widget marked
with :func:`mark_alert` is exposed with the *alert* role, and :class:`Announcer` sends the
``QAccessible`` alert event that screen readers act on, together with the new text.

The 0-10 pickers are QSliders (ui/widgets/intensity.py) and the body map a QListView
(ui/widgets/body_map.py), so Qt's own interfaces give them their roles, values and items.
A one-of-many button (Twitch/Cramp, Left/Right/Both) marked with :func:`mark_radio` is a *radio
button* that says whether it is the one chosen, instead of a check box.

Containers Qt leaves as nameless "filler": a tab widget is a *panel* named as it is ("More
details") that does not also claim the focus its tab bar has (Qt reports a widget focused when
its focus proxy is), and each of its pages a panel named by its tab, so a reader entering a page
hears where it is. Every QTabWidget gets this from the factory, wherever it is built.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAccessible, QAccessibleEvent, QAccessibleInterface
from PySide6.QtWidgets import (
    QAccessibleWidget,
    QApplication,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

#: The dynamic property that asks for the alert role.
ALERT_PROPERTY = "accessibleAlert"
#: Set on the application once the factory below is installed (installing it twice would make
#: every query run it twice).
_INSTALLED_PROPERTY = "symptomJournalAlertFactory"


#: The dynamic properties asking for the radio-button role, or any other role.
RADIO_PROPERTY = "accessibleRadio"
ROLE_PROPERTY = "accessibleRole"


class _RadioAccessible(QAccessibleWidget):
    """A checkable button of an exclusive group, exposed as the radio button it behaves as."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget, QAccessible.Role.RadioButton, "")

    def text(self, kind: QAccessible.Text) -> str:
        text = str(super().text(kind))
        if kind == QAccessible.Text.Name and not text:
            text = self.widget().text().replace("&", "")  # type: ignore[attr-defined]
        return text

    def state(self) -> QAccessible.State:
        state = super().state()
        state.checkable = True
        state.checked = bool(self.widget().isChecked())  # type: ignore[attr-defined]
        return state


class _ContainerAccessible(QAccessibleWidget):
    """A container with a role of its own instead of "filler", which never claims a focus that
    is really its focus proxy's (a tab widget's is its tab bar, announced as the page tab)."""

    def __init__(self, widget: QWidget, role: QAccessible.Role) -> None:
        super().__init__(widget, role, "")

    def text(self, kind: QAccessible.Text) -> str:
        text = str(super().text(kind))
        if kind == QAccessible.Text.Name and not text:
            text = _tab_page_name(self.widget())
        return text

    def state(self) -> QAccessible.State:
        state = super().state()
        if self.widget().focusProxy() is not None:
            state.focusable = False
            state.focused = False
        return state


def _tab_widget_of_page(widget: QWidget) -> QTabWidget | None:
    stack = widget.parentWidget()
    if isinstance(stack, QStackedWidget) and isinstance(stack.parentWidget(), QTabWidget):
        return stack.parentWidget()  # type: ignore[return-value]
    return None


def _tab_page_name(widget: QWidget) -> str:
    tabs = _tab_widget_of_page(widget)
    if tabs is None:
        return ""
    index = tabs.indexOf(widget)
    return tabs.tabText(index).replace("&&", "\0").replace("&", "").replace("\0", "&")


def _alert_factory(_key: str, obj: QObject) -> QAccessibleInterface | None:
    if not isinstance(obj, QWidget):
        return None
    if isinstance(obj, QTabWidget):
        return _ContainerAccessible(obj, QAccessible.Role.Pane)
    if _tab_widget_of_page(obj) is not None and not obj.property(ROLE_PROPERTY):
        return _ContainerAccessible(obj, QAccessible.Role.Pane)
    if obj.property(ALERT_PROPERTY):
        return QAccessibleWidget(obj, QAccessible.Role.AlertMessage, obj.accessibleName())
    if obj.property(RADIO_PROPERTY):
        return _RadioAccessible(obj)
    role = obj.property(ROLE_PROPERTY)
    if role is not None:
        return _ContainerAccessible(obj, QAccessible.Role(int(role)))
    return None


def _forget_cached(widget: QWidget, role: QAccessible.Role) -> None:
    """Drop an interface Qt made for ``widget`` before it was marked (a screen reader running
    while the widget was built makes Qt create and cache it at once), so the next query goes
    through the factory and gets ``role``."""
    iface = QAccessible.queryAccessibleInterface(widget)
    if iface is not None and iface.role() != role:
        QAccessible.deleteAccessibleInterface(QAccessible.uniqueId(iface))


def mark_radio(widget: QWidget) -> None:
    """Expose a one-of-many checkable button as a radio button."""
    install_alert_role()
    widget.setProperty(RADIO_PROPERTY, True)
    _forget_cached(widget, QAccessible.Role.RadioButton)


def mark_role(widget: QWidget, role: QAccessible.Role) -> None:
    """Expose a painted widget with ``role`` (a chart, a picture) instead of "filler"."""
    install_alert_role()
    widget.setProperty(ROLE_PROPERTY, int(role.value))
    _forget_cached(widget, role)


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
    _forget_cached(widget, QAccessible.Role.AlertMessage)


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
