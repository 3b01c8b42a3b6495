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
- ``report``: the doctor's report.

Heavy imports (the rule engine, analytics, fpdf2, matplotlib) stay inside the methods that use
them, so opening a journal stays fast.
"""

from __future__ import annotations

from journal.errors import StorageError, ValidationError
from journal.service.base import Change, storage_message
from journal.service.entries import EntriesMixin
from journal.service.flags import FlagsMixin
from journal.service.interchange import ImportResult, InterchangeMixin
from journal.service.journal_file import JournalFileMixin
from journal.service.report import ReportMixin
from journal.service.trends import TrendsMixin, make_demo_journal

__all__ = ["Change", "ImportResult", "Journal", "StorageError", "ValidationError",
           "make_demo_journal", "storage_message"]


class Journal(InterchangeMixin, JournalFileMixin, FlagsMixin, TrendsMixin, ReportMixin,
              EntriesMixin):
    """An open journal file. Use as a context manager or call :meth:`close`."""
