"""The report's tag tree (issue 18, item 10): headings, paragraphs and tables tagged, the charts as
figures, in reading order, and the footer marked as a pagination artifact, as far as fpdf2's
flat structure tree allows (no rows or cells: it does not serialise nested elements)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from io import BytesIO
from typing import Any

import pytest
from pypdf import PdfReader

from journal.clock import FixedClock
from journal.report.options import ReportOptions
from journal.service import Journal
from tests.helpers.report import fill_journal

NOW = datetime(2026, 3, 16, 15, 0, tzinfo=timezone(timedelta(hours=1)))


@pytest.fixture(scope="module")
def reader(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PdfReader]:
    with Journal.open(tmp_path_factory.mktemp("tags") / "j.sqlite3", FixedClock(NOW)) as j:
        fill_journal(j, per_day=3)
        yield PdfReader(BytesIO(j.build_report(ReportOptions())))


def _elements(reader: PdfReader) -> list[Any]:
    root = reader.trailer["/Root"]["/StructTreeRoot"]
    document = root["/K"][0].get_object() if isinstance(root["/K"], list) else root["/K"]
    assert document["/S"] == "/Document"
    return [kid.get_object() for kid in document["/K"]]


def _page_index(reader: PdfReader, element: Any) -> int:
    number = element.raw_get("/Pg").idnum
    return next(i for i, p in enumerate(reader.pages) if p.indirect_reference.idnum == number)


def test_headings_paragraphs_tables_and_figures_are_tagged(reader: PdfReader) -> None:
    kinds = Counter(str(e["/S"]) for e in _elements(reader))
    assert kinds["/H1"] == 1  # the report's title
    assert kinds["/H2"] >= 8 and kinds["/H3"] >= 3
    assert kinds["/P"] >= 10 and kinds["/Table"] >= 8
    assert kinds["/Figure"] >= 4


def test_the_tree_is_in_reading_order(reader: PdfReader) -> None:
    elements = _elements(reader)
    assert str(elements[0]["/S"]) == "/H1"
    pages = [_page_index(reader, e) for e in elements]
    assert pages == sorted(pages)
    first_page = [str(e["/S"]) for e, p in zip(elements, pages, strict=True) if p == 0]
    # Page 1: the flags and summary tables, then the chart drawn last into its box, then the
    # trigger findings' heading.
    assert first_page.index("/Figure") > first_page.index("/Table")
    assert first_page.index("/Figure") < first_page.index("/H3")


def test_every_page_closes_what_it_opens_and_marks_its_footer(reader: PdfReader) -> None:
    for number, page in enumerate(reader.pages, start=1):
        data = page.get_contents().get_data().decode("latin-1")
        opened = len(re.findall(r"\bBDC\b", data))
        assert opened == len(re.findall(r"\bEMC\b", data)), number
        assert data.count("/Artifact <</Type /Pagination /Subtype /Footer>> BDC") == 1, number
        mcids = [int(m) for m in re.findall(r"<</MCID (\d+)>> BDC", data)]
        assert sorted(mcids) == list(range(len(mcids))), number
