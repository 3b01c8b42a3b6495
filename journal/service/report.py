"""The doctor's report: PDF bytes, a written PDF, and page 1 as plain text.

The report package (``journal.report``) reads the journal only through its read protocol,
:class:`journal.report.reader.ReportSource` (and its charts through the chart registry's
reads: ``ReportJournal`` is both), which :class:`journal.service.Journal` satisfies; it never
imports the service. The service imports the report's heavy parts (fpdf2, matplotlib)
inside the methods, so opening a journal stays fast. :class:`ReportOptions` and the names the
report screen and the command line need are re-exported here, so they import only the service.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from journal.report.options import (
    DEFAULT_WEEKS,
    SECTION_IDS,
    SECTION_TITLES,
    ReportOptions,
    default_period,
    suggested_filename,
)

if TYPE_CHECKING:
    from journal.report.reader import ReportJournal, ReportSource

__all__ = ["DEFAULT_WEEKS", "SECTION_IDS", "SECTION_TITLES", "ReportMixin", "ReportOptions",
           "default_period", "suggested_filename"]


class ReportMixin:
    # ``self: ReportJournal``: the report reads only what its protocols list, and mypy checks at
    # every call on a Journal that the whole facade provides it.

    def build_report(self: ReportJournal, options: ReportOptions | None = None,
                     progress: Callable[[float, str], None] | None = None, *,
                     first_page_only: bool = False) -> bytes:
        """The doctor's report as PDF bytes for ``options`` (default: the last 8 weeks).
        ``progress(fraction, message)`` is called as it goes; ``first_page_only`` stops after
        the one-page summary (for a preview)."""
        from journal.report.pdf import build_report

        return build_report(self, options, progress, first_page_only=first_page_only)

    def write_report(self: ReportJournal, out: Path | str, options: ReportOptions | None = None,
                     progress: Callable[[float, str], None] | None = None) -> Path:
        """Write the report to ``out`` atomically (0600); a failure leaves an earlier file."""
        from journal.report.pdf import write_report

        return write_report(self, out, options, progress)

    def report_summary(self: ReportSource, options: ReportOptions | None = None) -> str:
        """Page 1 of the report as plain text (a preview where no PDF renderer is installed)."""
        from journal.report.content import gather, summary_text

        return summary_text(gather(self, options or ReportOptions()))
