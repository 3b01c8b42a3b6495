"""The :class:`Journal` facade: one class put together from the service's parts."""

from __future__ import annotations

from journal.service.entries import EntriesMixin
from journal.service.flags import FlagsMixin
from journal.service.interchange import InterchangeMixin
from journal.service.journal_file import JournalFileMixin
from journal.service.report import ReportMixin
from journal.service.trends import TrendsMixin


class Journal(InterchangeMixin, JournalFileMixin, FlagsMixin, TrendsMixin, ReportMixin,
              EntriesMixin):
    """An open journal file. Use as a context manager or call :meth:`close`."""
