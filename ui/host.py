"""What a section, dialog or part may ask of the window that holds it.

The main window is the one real host; tests may pass a smaller stand-in that has the same
members. Parts call these members directly: nothing probes the window with ``getattr`` or
``hasattr`` for what it might offer, so a missing member fails at once where it is used.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QStatusBar

    from journal.service import Journal


class JournalHost(Protocol):
    """The window's side of the contract: the open journal and its two signals."""

    journal: Journal
    # Emitted with the service's Change after every edit, and with the new Journal after
    # File > Open, a restore or sample data replaced the open journal.
    journalChanged: SignalInstance
    journalReplaced: SignalInstance
    quit_action: QAction

    def statusBar(self) -> QStatusBar: ...

    def open_journal_file(self, path: Path) -> bool: ...
