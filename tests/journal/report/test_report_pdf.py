"""The doctor's report read back: sections, counts, flags, dates, fonts and text.

One journal (``tests.helpers.report.fill_journal``) and one report are built per module; each test
reads the PDF back with pypdf (text, outline, metadata) or poppler's ``pdffonts``.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from journal.clock import FixedClock
from journal.model import Kind, WarningSign
from journal.report import labels
from journal.report.content import gather
from journal.report.options import SECTION_IDS, SECTION_TITLES, ReportOptions
from journal.report.pdf import DISCLAIMER
from journal.service import Journal
from tests.helpers.report import (
    END,
    NOTE_CYRILLIC,
    NOTE_GREEK,
    NOTE_LATIN,
    START,
    UNRECORDED,
    fill_journal,
    pages_text,
    pdffonts,
)

NOW = datetime(2026, 3, 16, 15, 0, tzinfo=timezone(timedelta(hours=1)))
NAME = "José Müller-Ελληνικά Иванов"
QUESTIONS = "Could the statin cause the cramps?\nShould I see a neurologist?"


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Journal]:
    journal = Journal.open(tmp_path_factory.mktemp("report") / "j.sqlite3", FixedClock(NOW))
    fill_journal(journal, per_day=3)
    # The app keeps the flag history as days go by; two evaluations leave a past spell.
    journal.record_flags(date(2026, 3, 2))
    journal.record_flags(END)
    yield journal
    journal.close()


@pytest.fixture(scope="module")
def options() -> ReportOptions:
    return ReportOptions(name=NAME, dob=date(1970, 5, 4), questions=QUESTIONS)


@pytest.fixture(scope="module")
def pdf(filled: Journal, options: ReportOptions) -> bytes:
    return filled.build_report(options)


@pytest.fixture(scope="module")
def pages(pdf: bytes) -> list[str]:
    return pages_text(pdf)


def test_the_default_period_is_the_last_eight_weeks_ending_today(filled: Journal) -> None:
    assert ReportOptions().period(filled.today()) == (START, END)
    assert (END - START).days + 1 == 56


def test_every_section_heading_is_present(pages: list[str]) -> None:
    text = " ".join(pages)
    for section in SECTION_IDS:
        assert SECTION_TITLES[section] in text, section


def test_the_outline_has_a_bookmark_per_section(pdf: bytes) -> None:
    reader = PdfReader(BytesIO(pdf))

    def titles(items: list[object]) -> list[str]:
        out: list[str] = []
        for item in items:
            if isinstance(item, list):
                out += titles(item)
            else:
                out.append(str(getattr(item, "title", "")))
        return out

    found = titles(reader.outline)
    for section in SECTION_IDS:
        assert SECTION_TITLES[section] in found, section
    assert found[0].startswith("Summary")


def test_metadata_names_the_report_its_period_and_creation_date(pdf: bytes) -> None:
    # PDF/A-2 keeps the document's metadata in XMP (fpdf2 writes no Info dictionary for it).
    meta = PdfReader(BytesIO(pdf)).xmp_metadata
    assert meta is not None
    assert "2026-01-20 to 2026-03-16" in (meta.dc_title or {}).get("x-default", "")
    assert DISCLAIMER in (meta.dc_description or {}).get("x-default", "")
    created = meta.xmp_create_date
    assert created is not None and created.date() == date(2026, 3, 16)


def test_summary_counts_equal_the_database_for_the_period(filled: Journal, pages: list[str],
                                                           options: ReportOptions) -> None:
    content = gather(filled, options)
    page1 = pages[0]
    for kind in Kind:
        in_db = filled.episodes(START, END, kind)
        rows = [r for r in content.summary if r.kind is kind]
        total = next(r for r in rows if r.all_sides)
        assert total.episodes == len(in_db) > 0
        assert sum(r.episodes for r in rows if not r.all_sides) == len(in_db)
        assert total.days_with == len({e.local_date for e in in_db})
        for side in (None, *{e.side for e in in_db}):
            expected = len([e for e in in_db if side is None or e.side == side])
            row = next(r for r in rows if (r.all_sides if side is None else r.side == side
                                           and not r.all_sides))
            assert row.episodes == expected
    recorded = filled.recorded_days(START, END)
    assert len(recorded) == 56 - len(UNRECORDED)
    twitches = len(filled.episodes(START, END, Kind.TWITCH))
    cramps = len(filled.episodes(START, END, Kind.CRAMP))
    assert f"{twitches} twitches, {cramps} cramps" in page1
    assert f"Recorded days: {len(recorded)} of 56" in page1
    # The table on page 1: each kind's "All sides" row shows the same count and recorded days.
    for kind, n in ((Kind.TWITCH, twitches), (Kind.CRAMP, cramps)):
        m = re.search(labels.KIND_PLURAL[kind] + r" All sides (\d+) (\d+) / (\d+)", page1)
        assert m is not None, page1
        assert int(m.group(1)) == n
        assert int(m.group(3)) == len(recorded)


def test_the_firing_flags_appear_on_page_one_with_dates(filled: Journal,
                                                        pages: list[str]) -> None:
    flags = filled.flags(END)
    assert "long_cramp" in {f.rule for f in flags}
    for flag in flags:
        assert flag.title in pages[0], flag.rule
        assert f"since {flag.since.isoformat()} (current)" in pages[0]
        assert flag.tier.label in pages[0]
    past = [r for r in filled.flag_history() if r.cleared_on is not None]
    assert past, "a spell that fired on 2026-03-02 and cleared since"
    for record in past:
        assert (f"{record.first_fired_on.isoformat()} to {record.cleared_on.isoformat()} "
                "(cleared)") in pages[0]


def test_signs_asked_and_answered_no_are_listed_and_a_yes_is_not(pages: list[str]) -> None:
    page1 = pages[0]
    assert "Asked and answered “no”" in page1
    assert labels.SIGN[WarningSign.BLADDER_CHANGE] in page1
    no_part = page1.split("Asked and answered “no”")[1].split("Summary by kind")[0]
    assert labels.SIGN[WarningSign.NUMBNESS_TINGLING] not in no_part
    # Reported once, then answered "no" the next day: listed as resolved, with both dates.
    assert ("Warning signs reported: numbness or tingling (1 day, 2026-03-02; answered “no” on "
            "2026-03-03, resolved)") in page1


def test_period_dates_on_page_one_and_in_every_footer(pages: list[str]) -> None:
    assert "Period: 2026-01-20 to 2026-03-16 (56 days)" in pages[0]
    total = len(pages)
    assert total > 3
    for number, text in enumerate(pages, start=1):
        assert "Symptom diary 2026-01-20 to 2026-03-16" in text, number
        assert DISCLAIMER in text, number
        assert f"Page {number} of {total}" in text, number


def test_name_dob_and_questions_are_printed(pages: list[str]) -> None:
    assert f"Name: {NAME}" in pages[0]
    assert "Date of birth: 1970-05-04" in pages[0]
    text = " ".join(pages)
    assert "Could the statin cause the cramps? Should I see a neurologist?" in text


def test_notes_in_accented_greek_and_cyrillic_letters_come_back_intact(pages: list[str]
                                                                        ) -> None:
    text = " ".join(pages)
    for note in (NOTE_LATIN, NOTE_GREEK, NOTE_CYRILLIC, "Слабость ночью", "Cold office ❄"):
        assert note in text, note


def test_a_character_no_font_has_never_fails_the_export(pages: list[str]) -> None:
    text = " ".join(pages)
    # Drawn from the Last Resort font (a box naming the block) or replaced, but never fatal,
    # and the words around it survive.
    assert re.search(r"odd glyphs \S+ and \S+ here", text)


def test_without_the_fallback_font_unknown_characters_become_replacement_marks(
        filled: Journal, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from journal.report import typeset

    monkeypatch.setattr(typeset, "FALLBACK_FILE", "no-such-font.ttf")
    data = filled.build_report(ReportOptions(name="Ann \U00020000 Lee", sections=frozenset(
        {"flags"})))
    assert "Name: Ann \ufffd Lee" in pages_text(data)[0]


def test_medications_are_listed_with_statins_and_diuretics_marked(pages: list[str]) -> None:
    text = " ".join(pages)
    assert re.search(r"Atorvastatin medication 20 mg 2025-06-01 ongoing – yes: statin", text)
    assert re.search(r"Furosemide medication 40 mg 2026-02-10 2026-03-01 – yes: diuretic", text)
    assert re.search(r"Magnesium citrate supplement 300 mg 2026-01-05 ongoing yes –", text)


def test_relief_interference_and_completeness_are_reported(filled: Journal,
                                                           pages: list[str]) -> None:
    text = " ".join(pages)
    stretch = [e for e in filled.episodes(START, END) if e.relief]
    assert f"Stretching {len(stretch)} {len(stretch)} 6" in text
    assert "Interference with" in text and "Days at 7 or more" in text
    checkin_days = len(filled.checkins(START, END))
    assert (f"Recorded days: 53 of 56 (95%) with a check-in: {checkin_days}" in text)
    assert "Unrecorded: 3" in text


def test_the_episode_log_lists_every_episode_and_repeats_its_header(filled: Journal,
                                                                    pages: list[str]) -> None:
    first = next(i for i, t in enumerate(pages) if SECTION_TITLES["log"] in t)
    log_pages = pages[first:]
    assert len(log_pages) >= 2
    header = "Date Time Kind Side Dur. Int Regions Spreads Activity Triggers Warning signs Relief"
    for text in log_pages:
        assert header in text
    episodes = filled.episodes(START, END)
    times = re.findall(r"\b\d\d:\d\d (?:twitch|cramp)\b", " ".join(log_pages))
    assert len(times) == len(episodes)
    assert f"{len(episodes)} episodes, oldest first" in log_pages[0]
    # Each continuation page names the date again at the top of the table.
    for text in log_pages[1:]:
        assert re.search(header + r" 2026-\d\d-\d\d \d\d:\d\d", text), text[:300]


def test_all_fonts_are_embedded(pdf: bytes, tmp_path: Path) -> None:
    if shutil.which("pdffonts") is None:
        pytest.skip("poppler's pdffonts is not installed")
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    rows = pdffonts(path)
    assert rows, "the report uses fonts"
    for row in rows:
        assert row[-5] == "yes", row  # the 'emb' column
    assert any("DejaVuSans" in row[0] for row in rows)


def test_charts_are_embedded_as_vectors(pdf: bytes) -> None:
    reader = PdfReader(BytesIO(pdf))
    # No raster images anywhere: the charts are drawn with vector paths and text.
    for page in reader.pages:
        assert not list(page.images)
    chart_text = pages_text(pdf)[0]
    assert "Episodes per day" in chart_text  # the chart's own title, as real text


def test_the_text_is_extractable_on_every_page(pages: list[str]) -> None:
    assert all(len(t) > 40 for t in pages)


def test_sections_can_be_left_out_and_notes_dropped(filled: Journal) -> None:
    options = ReportOptions(sections=frozenset({"flags", "summary"}), include_notes=False)
    text = " ".join(pages_text(filled.build_report(options)))
    assert SECTION_TITLES["summary"] in text
    for section in ("log", "medications", "questions", "triggers"):
        assert SECTION_TITLES[section] not in text
    assert NOTE_GREEK not in text


def test_notes_can_be_left_out_of_the_log(filled: Journal) -> None:
    text = " ".join(pages_text(filled.build_report(ReportOptions(include_notes=False))))
    assert SECTION_TITLES["log"] in text
    for note in (NOTE_LATIN, NOTE_GREEK, NOTE_CYRILLIC, "Слабость ночью"):
        assert note not in text


def test_letter_paper(filled: Journal) -> None:
    data = filled.build_report(ReportOptions(paper="Letter", sections=frozenset({"summary"})))
    box = PdfReader(BytesIO(data)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    a4 = PdfReader(BytesIO(filled.build_report(ReportOptions(sections=frozenset())))).pages[0]
    assert (round(float(a4.mediabox.width)), round(float(a4.mediabox.height))) == (595, 842)


def test_a_chosen_period_is_honoured(filled: Journal) -> None:
    options = ReportOptions(start=date(2026, 3, 1), end=date(2026, 3, 7))
    text = " ".join(pages_text(filled.build_report(options)))
    n = len(filled.episodes(date(2026, 3, 1), date(2026, 3, 7)))
    assert "Period: 2026-03-01 to 2026-03-07 (7 days)" in text
    assert f"{n} episodes, oldest first" in text
    assert "2026-02-28" not in text.split(SECTION_TITLES["log"])[-1]
    # One week has no "first two weeks" and "last two weeks" to compare.
    assert "period under 4 weeks" in text and "about the same" not in text


def test_progress_runs_forward_to_done(filled: Journal) -> None:
    seen: list[float] = []
    filled.build_report(ReportOptions(), lambda f, _m: seen.append(f))
    assert seen == sorted(seen)
    assert seen[-1] == 1.0
    assert len(seen) >= 5


def test_an_empty_journal_still_gives_a_report(journal: Journal) -> None:
    text = " ".join(pages_text(journal.build_report(ReportOptions())))
    assert "No episodes were recorded in this period." in text
    assert "Recorded days: 0 of 56" in text
    assert "No warning-sign rule fired in this period." in text
    assert "If in doubt, call your emergency number." in text


def test_write_report_is_atomic_and_private(filled: Journal, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    out = tmp_path / "report.pdf"
    filled.write_report(out, ReportOptions(sections=frozenset({"summary"})))
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    earlier = out.read_bytes()
    assert earlier.startswith(b"%PDF")

    def no_space(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(OSError, match="No space"):
        filled.write_report(out, ReportOptions())
    assert out.read_bytes() == earlier
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


def test_invalid_options_are_refused_before_anything_is_written(filled: Journal,
                                                               tmp_path: Path) -> None:
    from journal.errors import ValidationError

    out = tmp_path / "r.pdf"
    for bad in (ReportOptions(start=date(2026, 3, 10), end=date(2026, 3, 1)),
                ReportOptions(sections=frozenset({"horoscope"})),
                ReportOptions(dob=date(2027, 1, 1)),
                ReportOptions(start=date(2020, 1, 1))):
        with pytest.raises(ValidationError):
            filled.write_report(out, bad)
    assert not out.exists()


def test_typed_text_is_printed_as_typed_never_as_markup(journal: Journal) -> None:
    name = "**Ann** --Lee-- __x__ [a](b) ~~y~~"
    text = pages_text(journal.build_report(ReportOptions(name=name, sections=frozenset())))[0]
    assert f"Name: {name}" in text


def test_a_long_unbroken_note_wraps_quickly(journal: Journal) -> None:
    import time

    from journal.model import Episode

    journal.add_episode(Episode(Kind.TWITCH, NOW - timedelta(hours=2), 10, 3,
                                note="https://example.org/" + "x" * 5000))
    began = time.perf_counter()
    text = " ".join(pages_text(journal.build_report(ReportOptions(sections=frozenset({"log"})))))
    assert time.perf_counter() - began < 20  # character-by-character wrapping took minutes
    assert "https://example.org/xxx" in text
    assert "(shortened; full note in the diary)" in text


def test_an_earlier_period_shows_the_flags_as_they_stood_on_its_last_day(filled: Journal
                                                                         ) -> None:
    end = date(2026, 3, 5)
    flags = filled.flags(end)
    assert flags
    page1 = pages_text(filled.build_report(ReportOptions(end=end)))[0]
    for flag in flags:
        assert flag.title in page1
        assert f"since {flag.since.isoformat()} (firing on 2026-03-05)" in page1
    assert "A cramp that lasted more than 10 minutes" not in page1  # that came on 03-16


@pytest.mark.parametrize("sections", [SECTION_IDS, ("flags", "summary", "triggers", "symptoms"),
                                      ("symptoms", "log")])
def test_page_one_is_the_summary_alone(filled: Journal, sections: tuple[str, ...]) -> None:
    pages = pages_text(filled.build_report(ReportOptions(sections=frozenset(sections))))
    detail = ("charts", "symptoms", "medications", "relief", "daily_life", "completeness",
              "questions", "log")
    for section in detail:
        assert SECTION_TITLES[section] not in pages[0], section
    for section in set(sections) & set(detail):
        assert any(SECTION_TITLES[section] in p for p in pages[1:]), section


def test_report_charts_stay_light_whatever_the_screen_theme(filled: Journal) -> None:
    import matplotlib

    from journal.report.figures import figure_svg

    def draw(fig):  # type: ignore[no-untyped-def]
        ax = fig.add_subplot()
        ax.set_title("Title")

    with matplotlib.rc_context({"text.color": "#e8e8e8", "figure.facecolor": "#1c1c1e"}):
        svg = figure_svg(draw, 100, 50)
    assert b"#e8e8e8" not in svg and b"#1c1c1e" not in svg
    assert matplotlib.rcParams["text.color"] == matplotlib.rcParamsDefault["text.color"]
