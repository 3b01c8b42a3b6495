"""The report's fast paths write exactly what the plain fpdf2 calls would: same PDF bytes."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta, timezone

import pytest
from report_factory import fill_journal

from journal.clock import FixedClock
from journal.report import pdf as report_pdf
from journal.report.options import ReportOptions
from journal.service import Journal

NOW = datetime(2026, 3, 16, 15, 0, tzinfo=timezone(timedelta(hours=1)))
#: Greek, Cyrillic, a character only the fallback font has, one no font has: every path of put().
OPTIONS = ReportOptions(name="José Ελένη Иван \u2603 \U00020000",
                        questions="Is it the statin?\nΕίναι σοβαρό;")


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Journal]:
    j = Journal.open(tmp_path_factory.mktemp("fast") / "j.sqlite3", FixedClock(NOW))
    fill_journal(j, per_day=3)
    yield j
    j.close()


def test_table_rows_written_in_one_go_match_one_text_call_per_cell(
        journal: Journal, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SYMPTOM_JOURNAL_CHART_HELPER", "0")
    fast = journal.build_report(OPTIONS)

    def slow(self: report_pdf.ReportPDF, items: Sequence[tuple]) -> None:  # type: ignore[type-arg]
        for item in items:
            self.put(*item)

    monkeypatch.setattr(report_pdf.ReportPDF, "put_row", slow)
    assert journal.build_report(OPTIONS) == fast
