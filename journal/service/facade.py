"""The :class:`Journal` facade: every part of the service put together in one class.

Each concern lives in its own mixin module (see the package docstring); this class only combines
them, so ``Journal`` keeps every public method name in one place for the UI and the CLI.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from journal.service.entries import EntriesMixin
from journal.service.flags import FlagsMixin
from journal.service.interchange import InterchangeMixin
from journal.service.journal_file import JournalFileMixin
from journal.service.report import ReportMixin
from journal.service.trends import TrendsMixin

if TYPE_CHECKING:
    from journal.report.reader import ReportSource


class Journal(InterchangeMixin, JournalFileMixin, FlagsMixin, TrendsMixin, ReportMixin,
              EntriesMixin):
    """An open journal file. Use as a context manager or call :meth:`close`."""


if TYPE_CHECKING:
    def _the_report_can_read_a_journal(journal: Journal) -> ReportSource:
        """Checked by mypy: the facade offers every read the report's protocol lists."""
        return journal
