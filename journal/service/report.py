"""The doctor's report: PDF bytes, a written PDF, and page 1 as plain text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    pass

from journal.service.entries import EntriesMixin


class ReportMixin(EntriesMixin):
    def _as_journal(self) -> Any:
        # The report modules still take the whole Journal; they move to a read protocol next.
        return self


    def build_report(self, options: Any = None,
                     progress: Callable[[float, str], None] | None = None, *,
                     first_page_only: bool = False) -> bytes:
        """The doctor's report as PDF bytes; ``options`` is a ``journal.report.ReportOptions``
        (default: the last 8 weeks). ``progress(fraction, message)`` is called as it goes;
        ``first_page_only`` stops after the one-page summary (for a preview)."""
        from journal.report.pdf import build_report

        return build_report(self._as_journal(), options, progress,
                            first_page_only=first_page_only)

    def write_report(self, out: Path | str, options: Any = None,
                     progress: Callable[[float, str], None] | None = None) -> Path:
        """Write the report to ``out`` atomically (0600); a failure leaves an earlier file."""
        from journal.report.pdf import write_report

        return write_report(self._as_journal(), out, options, progress)

    def report_summary(self, options: Any = None) -> str:
        """Page 1 of the report as plain text (a preview where no PDF renderer is installed)."""
        from journal.report.content import gather, summary_text
        from journal.report.options import ReportOptions

        return summary_text(gather(self._as_journal(), options or ReportOptions()))
