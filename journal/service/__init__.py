"""The one facade the UI and the command line call.

``Journal.open(path, clock)`` opens (creating or upgrading) a journal file. Every mutation
validates first, writes in one transaction, records how to undo it, and returns a :class:`Change`
saying what changed so a caller refreshes only what it shows. Nothing here imports Qt.

The facade is split by concept, one module each, and :class:`Journal` puts them together:

- ``base``: engine, clock, sessions, the undo stack, :class:`Change`, error wording;
- ``entries``: episodes, check-ins, medications, user triggers, undo and redo;
- ``interchange``: JSON and CSV export, JSON import;
- ``journal_file``: integrity check, backups, restore, delete everything, passphrase;
- ``flags``: warning flags and their history;
- ``trends``: charts' data and trigger statistics;
- ``report``: the doctor's report;
- ``facade``: :class:`Journal`, the mixins put together.

Heavy imports (the rule engine, analytics, fpdf2, matplotlib) stay inside the methods that use
them, so opening a journal stays fast. The names that need SQLAlchemy (:class:`Journal`,
:class:`Change`, ...) are loaded on first use, so a module that only needs a light value type from
here (the command line's parser takes :class:`ReportOptions`' section ids) does not pay for
SQLAlchemy at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from journal.errors import StorageError, ValidationError
from journal.service.report import ReportOptions

if TYPE_CHECKING:
    from journal.service.base import Change, storage_message
    from journal.service.facade import Journal
    from journal.service.interchange import ImportResult
    from journal.service.trends import make_demo_journal

__all__ = ["Change", "ImportResult", "Journal", "ReportOptions", "StorageError",
           "ValidationError", "make_demo_journal", "storage_message"]


def __getattr__(name: str) -> object:
    """The names that load SQLAlchemy, imported the first time one is asked for."""
    if name == "Journal":
        from journal.service.facade import Journal

        return Journal
    if name == "Change":
        from journal.service.base import Change

        return Change
    if name == "storage_message":
        from journal.service.base import storage_message

        return storage_message
    if name == "ImportResult":
        from journal.service.interchange import ImportResult

        return ImportResult
    if name == "make_demo_journal":
        from journal.service.trends import make_demo_journal

        return make_demo_journal
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
