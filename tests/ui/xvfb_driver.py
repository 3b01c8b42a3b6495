"""Drive the real app in a real X window (run under xvfb-run by test_xvfb_smoke.py).

Starts the app exactly as the launcher does (``ui.app.run``), then types into its windows with
QTest key events sent to the native windows (through Qt's window-system input path, as X key
presses arrive): Ctrl+N, "6", Enter to log an episode, then Ctrl+Q to quit. Prints what it did.
Nothing here changes the app for users: it is a test script, not a hook inside the app.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

STEP_TIMEOUT_S = 20.0


def main() -> int:
    db = Path(sys.argv[1])
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from ui.app import make_application, run

    app = make_application()
    state = {"step": 0, "since": time.monotonic(), "log": []}

    def window():  # type: ignore[no-untyped-def]
        from ui.main_window import MainWindow

        return next((w for w in QApplication.topLevelWidgets()
                     if isinstance(w, MainWindow) and w.isVisible()), None)

    def say(text: str) -> None:
        state["log"].append(text)
        print(text, flush=True)

    def advance() -> None:
        state["step"] += 1
        state["since"] = time.monotonic()

    def tick() -> None:
        if time.monotonic() - state["since"] > STEP_TIMEOUT_S:
            say(f"timed out at step {state['step']}")
            app.exit(3)
            return
        w = window()
        step = state["step"]
        # Xvfb has no window manager to give a new window the keyboard focus; a user would
        # click it. Ask for it (the X server then sends real FocusIn events).
        focus_target = (w.quick_log.current_form or w) if w is not None else None
        if focus_target is not None and \
                QGuiApplication.focusWindow() is not focus_target.windowHandle():
            focus_target.activateWindow()
        if step == 0 and w is not None and QGuiApplication.focusWindow() is w.windowHandle():
            say("main window is up and focused")
            QTest.keyClick(w.windowHandle(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
            advance()
        elif step == 1:
            form = w.quick_log.current_form if w else None
            if form is not None and QGuiApplication.focusWindow() is form.windowHandle():
                say("episode form is open")
                QTest.keyClick(form.windowHandle(), Qt.Key.Key_C)
                QTest.keyClick(form.windowHandle(), Qt.Key.Key_6)
                QTest.keyClick(form.windowHandle(), Qt.Key.Key_Return)
                advance()
        elif step == 2 and w is not None and w.quick_log.current_form is None:
            say(f"form closed; window shows {w.journal.count_episodes()} episode(s)")
            if QGuiApplication.focusWindow() is w.windowHandle():
                QTest.keyClick(w.windowHandle(), Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
                advance()
        QTimer.singleShot(50, tick)

    QTimer.singleShot(50, tick)
    status = run(argparse.Namespace(db=db, smoke_test=False))
    say(f"app exited with {status}")
    return status


if __name__ == "__main__":
    sys.exit(main())
