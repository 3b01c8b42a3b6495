"""A slim, non-modal notice over the foot of the page: "Twitch logged at 15:02 · Undo".

It never steals focus and hides itself after a while, so quick logging stays one click; the
buttons make the follow-up (details, undo) one more click for those who want it.

A notice about one change may be tied to it (``valid_while``): once that change is no longer
what it speaks of (say its Undo would now undo something else), the notice goes away at the next
:meth:`revalidate` and its buttons do nothing, rather than act on a different change.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.a11y import Announcer


class NoticeBar(QFrame):
    #: Emitted when a notice appears (the window places the bar then).
    shown = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self.setFrameShape(QFrame.Shape.NoFrame)
        rows = QVBoxLayout(self)
        rows.setContentsMargins(16, 6, 10, 6)
        rows.setSpacing(4)
        layout = QHBoxLayout()
        layout.setSpacing(8)
        rows.addLayout(layout)
        # A second row for a question the notice asks (a 0-10 picker), under the text.
        self._extra_row = QHBoxLayout()
        self._extra_row.setContentsMargins(24, 0, 0, 0)
        rows.addLayout(self._extra_row)
        self.icon = QLabel("✓", self)
        self.icon.setObjectName("noticeIcon")
        self.label = QLabel(self)
        self.label.setObjectName("noticeText")
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.icon)
        layout.addWidget(self.label, 1)
        self._buttons: list[QWidget] = []
        self._button_row = QHBoxLayout()
        self._button_row.setSpacing(6)
        layout.addLayout(self._button_row)
        self.close_button = QPushButton("✕", self)
        self.close_button.setObjectName("noticeClose")
        self.close_button.setFlat(True)
        self.close_button.setAccessibleName(self.tr("Dismiss notice"))
        self.close_button.setToolTip(self.tr("Dismiss"))
        self.close_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.close_button.clicked.connect(self.hide)
        layout.addWidget(self.close_button)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.setAccessibleName(self.tr("Notice"))
        #: Screen readers hear each notice (alert role and event), not only sighted users.
        self.announcer = Announcer(self)
        self.label.setWordWrap(True)
        self._valid_while: Callable[[], bool] | None = None
        self.hide()

    def show_message(self, text: str, actions: list[tuple[str, Callable[[], None]]] | None = None,
                     *, error: bool = False, timeout_ms: int = 12000,
                     valid_while: Callable[[], bool] | None = None,
                     extra: QWidget | None = None) -> None:
        """``extra`` (say a 0-10 picker answering the notice's question) goes before the
        buttons and is removed with them when the next notice comes."""
        self._valid_while = valid_while
        for b in self._buttons:
            # Gone at once (deleteLater alone leaves them on screen until the loop runs).
            self._button_row.removeWidget(b)
            self._extra_row.removeWidget(b)
            b.hide()
            b.deleteLater()
        self._buttons.clear()
        self.setProperty("error", error)
        self.icon.setText("!" if error else "✓")
        self.icon.setAccessibleName(self.tr("Problem") if error else self.tr("Done"))
        self.style().unpolish(self)
        self.style().polish(self)
        self.label.setText(text)
        if extra is not None:
            extra.setParent(self)
            self._extra_row.addWidget(extra)
            extra.show()
            self._buttons.append(extra)
        for title, callback in actions or []:
            button = QPushButton(title, self)
            button.setObjectName("noticeAction")
            button.setAccessibleName(title.replace("&", ""))
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a notice never takes the focus
            button.clicked.connect(self._run_and_hide(callback))
            self._button_row.addWidget(button)
            button.show()
            self._buttons.append(button)
        self.show()
        self.shown.emit()
        self.announcer.announce(text)
        if timeout_ms > 0:
            self._timer.start(timeout_ms)
        else:
            self._timer.stop()

    def _run_and_hide(self, callback: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            still_valid = self.is_valid()
            self.hide()
            if still_valid:
                callback()
        return run

    def is_valid(self) -> bool:
        """False once the change this notice is about is no longer the one it speaks of."""
        return self._valid_while is None or self._valid_while()

    def revalidate(self) -> None:
        """Hide a notice whose change has been superseded (called after every journal change)."""
        if not self.isHidden() and not self.is_valid():
            self.hide()

    def action_button(self, title_start: str) -> QPushButton | None:
        for b in self._buttons:
            if isinstance(b, QPushButton) and b.text().replace("&", "").startswith(title_start):
                return b
        return None

    def height_for(self, width: int) -> int:
        """The bar's height at ``width`` (the text wraps), for the window to place it."""
        layout = self.layout()
        if layout is not None:
            layout.activate()
            if layout.hasHeightForWidth():
                return layout.totalHeightForWidth(width)
        return self.sizeHint().height()

    def extra_widget(self) -> QWidget | None:
        """The widget shown with the current notice besides its buttons, if any."""
        for b in self._buttons:
            if not isinstance(b, QPushButton):
                return b
        return None
