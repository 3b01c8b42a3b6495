"""The PDF report goes through the catalogue: written in the pseudo-locale (the report's own
language option), its text has no plain English left, except the person's own data."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from journal.clock import FixedClock
from journal.service import Journal
from journal.service.report import ReportOptions
from tests.helpers.i18n import untranslated
from tests.helpers.report import fill_journal, pages_text

NOW = datetime(2026, 3, 16, 15, 0, tzinfo=timezone(timedelta(hours=1)))


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Journal]:
    journal = Journal.open(tmp_path_factory.mktemp("qps") / "j.sqlite3", FixedClock(NOW))
    fill_journal(journal, per_day=2)
    journal.record_flags(date(2026, 3, 2))
    yield journal
    journal.close()


def _english_left(pages: list[str]) -> list[str]:
    text = " ".join(pages)
    # The fixture's own data: notes, medication names and doses, user trigger names, the
    # PDF's font names and the rule ids.
    text = re.sub(r"(?i)atorvastatin|furosemide|magnesium|statin|diuretic|supplement", " ", text)
    # The guidance cited, by its own (English) title: NHS pages are cited as they are named.
    for title in CITED_TITLES:
        text = text.replace(title, " ")
    return untranslated(text, DATA_WORDS, nested=True)


#: Words of the fixture's data (tests/helpers/report.py), not of the app.
DATA_WORDS = {"Cramped", "after", "long", "drive", "Cold", "office", "Note", "citrate", "José",
              "Müller", "said", "started", "odd", "glyphs", "and", "here", "the"}
#: What truly stays English: the titles of the English-language guidance the flags cite
#: (journal/rules/table.py CITATIONS), quoted as their publishers name them.
CITED_TITLES = ("Leg cramps", "Twitching eyes and muscles")
#: A decimal point between digits, not part of a date such as 20.01.2026: English's sign.
DECIMAL_POINT = re.compile(r"(?<![\d.])\d+\.\d+(?![\d.])")


def test_the_report_in_the_pseudo_locale_has_no_english_left(filled: Journal) -> None:
    pdf = filled.build_report(ReportOptions(language="qps"))
    pages = pages_text(pdf)
    assert "[" in pages[0]
    left = _english_left(pages)
    assert left == [], sorted(set(left))


def test_the_report_language_does_not_change_the_apps(filled: Journal) -> None:
    from journal import i18n

    filled.build_report(ReportOptions(language="qps"), first_page_only=True)
    assert i18n.current_language() == "en"


def test_the_checker_sees_an_english_report(filled: Journal) -> None:
    pages = pages_text(filled.build_report(ReportOptions(), first_page_only=True))
    assert _english_left(pages)


def test_the_german_report_speaks_german(filled: Journal) -> None:
    pages = pages_text(filled.build_report(ReportOptions(language="de"), first_page_only=True))
    assert "Symptomtagebuch" in pages[0]
    assert "Dringend" in pages[0]  # the urgent cramp flag's tier
    assert "20.01.2026" in pages[0]  # the period, in the German date format


@pytest.mark.parametrize("code", ["de", "es"])
def test_the_report_writes_numbers_with_the_languages_decimal_sign(filled: Journal,
                                                                   code: str) -> None:
    """Rates, ratios, intervals, p-values and shares: "2,0 / 2,0", "1,00 (0,58–1,72)"."""
    text = " ".join(pages_text(filled.build_report(ReportOptions(language=code))))
    assert DECIMAL_POINT.findall(text) == []
    assert re.search(r"\d,\d\d \(\d,\d\d–\d,\d\d\)", text), "a ratio and its interval"
    english = " ".join(pages_text(filled.build_report(ReportOptions())))
    assert DECIMAL_POINT.search(english)  # the check can fail


def test_a_report_with_clear_findings_has_no_english_left(tmp_path: Path) -> None:
    """A sample journal (planted effect: long sitting doubles the episodes) reaches what the
    light fixture does not: page 1's clinical lines for a clear finding and the spells note."""
    from journal import demo
    from journal.service import make_demo_journal

    clock = FixedClock(NOW)
    path = make_demo_journal(tmp_path / "demo.sqlite3", years=0.3, episodes_per_day=3, seed=1,
                             today=NOW.date())
    with Journal.open(path, clock, create=False) as journal:
        text = " ".join(pages_text(journal.build_report(ReportOptions(language="qps"))))
        german = " ".join(pages_text(journal.build_report(ReportOptions(language="de"))))
    for note in filter(None, demo._NOTES):  # the sample's own notes are data ("" = none)
        text = text.replace(note, " ")
    for title in (*CITED_TITLES, "Sciatica"):
        text = text.replace(title, " ")
    assert "[" in text and len(text.split()) > 1000  # words left to check
    assert untranslated(text, nested=True) == []
    assert DECIMAL_POINT.findall(german) == []
