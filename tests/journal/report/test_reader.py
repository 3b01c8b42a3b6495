"""The report reads the journal only through its read protocol (``journal.report.reader``).

A stand-in offering nothing but the protocol's methods yields the same report, byte for byte, as
the journal itself; and the facade offers every method the protocol lists.
"""

from __future__ import annotations

import inspect
from datetime import date
from typing import Any

import pytest

from journal.report.content import gather, summary_text
from journal.report.options import SECTION_IDS, ReportOptions
from journal.report.pdf import build_report
from journal.report.reader import ReportSource
from journal.service import Journal
from tests.helpers.report import END, fill_journal

#: The protocol's members: the only attributes the report may touch on its source.
READS = sorted(name for name, value in vars(ReportSource).items()
               if not name.startswith("_") and callable(value))


class OnlyTheProtocol:
    """A journal seen through the protocol: anything else it is asked for is an error."""

    def __init__(self, journal: Journal) -> None:
        self._journal = journal
        self.asked: set[str] = set()

    def __getattr__(self, name: str) -> Any:
        if name not in READS:
            raise AttributeError(f"the report read {name!r}, which ReportSource does not list")
        self.asked.add(name)
        return getattr(self._journal, name)


@pytest.fixture
def filled(journal: Journal) -> Journal:
    fill_journal(journal, per_day=1)
    journal.record_flags(date(2026, 3, 2))  # a past spell of a flag, for the history read
    journal.record_flags(END)
    return journal


def test_the_journal_offers_every_read_with_the_protocols_parameters() -> None:
    for name in READS:
        wanted = inspect.signature(getattr(ReportSource, name)).parameters
        offered = inspect.signature(getattr(Journal, name)).parameters
        assert list(wanted) == list(offered)[: len(wanted)], name


def test_a_report_from_the_protocol_alone_is_the_journals_report(
        filled: Journal, monkeypatch: pytest.MonkeyPatch) -> None:
    # The charts' data is read by figures (the chart registry's side), so they are left out here.
    monkeypatch.setenv("SYMPTOM_JOURNAL_CHART_HELPER", "0")
    options = ReportOptions(name="Ann Lee", sections=frozenset(SECTION_IDS) - {"charts"})
    source = OnlyTheProtocol(filled)
    assert build_report(source, options) == filled.build_report(options)
    assert source.asked == set(READS)  # and the protocol lists no read the report never makes
    assert summary_text(gather(OnlyTheProtocol(filled), options)) == \
        filled.report_summary(options)
