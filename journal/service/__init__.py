"""The one facade the UI and the command line call.

``Journal.open(path, clock)`` opens (creating or upgrading) a journal file. Every mutation
validates first, writes in one transaction, records how to undo it, and returns a :class:`Change`
saying what changed so a caller refreshes only what it shows. Nothing here imports Qt.

The facade is split by concept, one module each, and :class:`Journal` (``facade``) puts them
together:

- ``base``: engine, clock, sessions, the undo stack, :class:`Change`, error wording;
- ``entries``: episodes, check-ins, medications, user triggers, undo and redo;
- ``interchange``: JSON and CSV export, JSON import;
- ``journal_file``: the file itself, open, closed or damaged (:class:`JournalFile`): lock,
  integrity, backups, restore, delete everything, passphrase;
- ``flags``: warning flags and their history;
- ``trends``: charts' data and trigger statistics;
- ``report``: the doctor's report;
- ``errorlog``: where warnings and errors are written (the platform's log folder);
- ``facade``: :class:`Journal`, the mixins put together.

Heavy imports (the rule engine, analytics, fpdf2, matplotlib) stay inside the methods that use
them, so opening a journal stays fast. The package's own names that need SQLAlchemy
(:class:`Journal`, :class:`Change`, ...) are imported on first use, so the launcher can
start the integrity probe through ``journal.service.journal_file`` and the command line's
parser can take :class:`ReportOptions`' section ids before SQLAlchemy is loaded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from journal.errors import StorageError, ValidationError
from journal.service.report import ReportOptions

if TYPE_CHECKING:
    from journal.service.base import Change, storage_message
    from journal.service.facade import Journal
    from journal.service.interchange import ImportResult
    from journal.service.trends import make_demo_journal

__all__ = ["Change", "ImportResult", "Journal", "ReportOptions", "StorageError",
           "ValidationError", "make_demo_journal", "storage_message"]


def __getattr__(name: str) -> Any:
    # Imported on first use, so that ``journal.service.journal_file`` (file-level operations,
    # standard library only) can be used before SQLAlchemy is loaded: the launcher starts the
    # integrity probe that way.
    if name == "Journal":
        from journal.service.facade import Journal

        value: Any = Journal
    elif name in ("Change", "storage_message"):
        from journal.service import base

        value = getattr(base, name)
    elif name == "ImportResult":
        from journal.service.interchange import ImportResult

        value = ImportResult
    elif name == "make_demo_journal":
        from journal.service.trends import make_demo_journal

        value = make_demo_journal
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value
