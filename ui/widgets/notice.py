"""A slim, non-modal notice under the menu bar: "Twitch logged at 15:02 · Add details · Undo".

It never steals focus and hides itself after a while, so quick logging stays one click; the
buttons make the follow-up (details, undo) one more click for those who want it.

A notice about one change may be tied to it (``valid_while``): once that change is no longer
what it speaks of (say its Undo would now undo something else), the notice goes away at the next
:meth:`revalidate` and its buttons do nothing, rather than act on a different change.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class NoticeBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self.setFrameShape(QFrame.Shape.NoFrame)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 6, 10, 6)
        layout.setSpacing(8)
        self.icon = QLabel("✓", self)
        self.icon.setObjectName("noticeIcon")
        self.label = QLabel(self)
        self.label.setObjectName("noticeText")
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.icon)
        layout.addWidget(self.label, 1)
        self._buttons: list[QPushButton] = []
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
        self._valid_while: Callable[[], bool] | None = None
        # The bar keeps its place when it hides: a page that jumps 38 px under the pointer turns
        # the next click into a miss.
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.setSizePolicy(policy)
        self.hide()

    def show_message(self, text: str, actions: list[tuple[str, Callable[[], None]]] | None = None,
                     *, error: bool = False, timeout_ms: int = 12000,
                     valid_while: Callable[[], bool] | None = None) -> None:
        self._valid_while = valid_while
        for b in self._buttons:
            # Gone at once (deleteLater alone leaves them on screen until the loop runs).
            self._button_row.removeWidget(b)
            b.hide()
            b.deleteLater()
        self._buttons.clear()
        self.setProperty("error", error)
        self.icon.setText("!" if error else "✓")
        self.icon.setAccessibleName(self.tr("Problem") if error else self.tr("Done"))
        self.style().unpolish(self)
        self.style().polish(self)
        self.label.setText(text)
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
            if b.text().replace("&", "").startswith(title_start):
                return b
        return None
