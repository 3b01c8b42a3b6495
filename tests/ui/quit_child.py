"""Child process for the quit test: starts the app (``ui.app.run``, the real start and exit path)
on the journal given, logs a twitch, opens Report so its preview is being built on the worker
thread, then quits; prints when Quit was chosen, when the process is about to end, and whether
the preview was still running at quit."""

from __future__ import annotations

import argparse
import sys
import time

from PySide6.QtCore import QTimer


def main(db: str) -> None:
    import ui.main_window as main_window
    import ui.shutdown as shutdown
    from journal.model import Kind
    from ui.app import run

    built = main_window.MainWindow.__init__

    def init(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        built(self, *args, **kwargs)

        def log_then_report() -> None:
            self.quick_log.log_now(Kind.TWITCH)
            self.show_section("report")
            QTimer.singleShot(0, quit_while_busy)

        def quit_while_busy() -> None:
            busy = self.report_view.pool.activeThreadCount() > 0
            print(f"preview-running {busy}", flush=True)
            print(f"quit {time.time():.4f}", flush=True)
            self.quit_action.trigger()

        QTimer.singleShot(500, log_then_report)

    main_window.MainWindow.__init__ = init  # type: ignore[method-assign]
    exit_now = shutdown.exit_now

    def timed_exit(status: int):  # type: ignore[no-untyped-def]
        print(f"exit {time.time():.4f}", flush=True)
        exit_now(status)

    shutdown.exit_now = timed_exit  # type: ignore[assignment]
    sys.exit(run(argparse.Namespace(db=db, smoke_test=False)))


if __name__ == "__main__":
    main(sys.argv[1])
