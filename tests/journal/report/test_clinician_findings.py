"""The report as a clinician acts on it: findings instead of rule names, an emergency that stands
out and survives text search, signs that stopped being current shown as such, and dates before
the period labelled. One journal with an emergency (a bladder change with the patient's words)
and two 12-minute cramps with numbness below the knee."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta, timezone
from io import BytesIO
from pathlib import Path

import pytest

from journal.clock import FixedClock
from journal.i18n import format_date
from journal.model import CheckIn, Episode, Kind, Radiates, Side, WarningSign
from journal.report.content import (
    SummaryRow,
    gather,
    trend_cell,
)
from journal.report.options import ReportOptions
from journal.report.trend import TREND_MIN_EPISODES, TREND_MIN_RECORDED_DAYS
from journal.report.typeset import MARGIN
from journal.service import Journal
from tests.helpers.report import fill_journal, pages_text

NOW = datetime(2026, 3, 16, 15, 0, tzinfo=timezone(timedelta(hours=1)))
TZ = NOW.tzinfo
BLADDER_NOTE = "needed to go more often, and it felt different"


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=TZ)


@pytest.fixture(scope="module")
def emergency(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Journal]:
    journal = Journal.open(tmp_path_factory.mktemp("emergency") / "j.sqlite3", FixedClock(NOW))
    fill_journal(journal, per_day=2)
    for day in (date(2026, 3, 12), date(2026, 3, 14)):
        journal.add_episode(Episode(
            kind=Kind.CRAMP, started_at=_at(day, 7), duration_s=12 * 60, intensity=7,
            side=Side.LEFT, radiates_to=Radiates.BELOW_KNEE,
            warning_signs=(WarningSign.NUMBNESS_TINGLING,)))
    journal.save_checkin(CheckIn(
        date=date(2026, 3, 16), warning_signs=(WarningSign.BLADDER_CHANGE,),
        warning_signs_asked=(WarningSign.BLADDER_CHANGE,), note=BLADDER_NOTE))
    yield journal
    journal.close()


@pytest.fixture(scope="module", params=["A4", "Letter"])
def page_one(request: pytest.FixtureRequest, emergency: Journal) -> str:
    pdf = emergency.build_report(ReportOptions(paper=request.param), first_page_only=True)
    return pages_text(pdf)[0]


def test_emergency_is_one_word_on_page_one_at_a4_and_letter(page_one: str) -> None:
    assert "Emergency" in page_one
    assert "Emergenc y" not in page_one and "Emergenc\ny" not in page_one


def test_the_emergency_row_carries_what_was_reported_when_and_in_the_patients_words(
        page_one: str) -> None:
    flags = page_one.split("Warning signs and flags")[1].split("Summary by kind")[0]
    reported = f"Reported change in bladder control: {format_date(date(2026, 3, 16))} (check-in)"
    assert reported in " ".join(flags.split())
    assert BLADDER_NOTE in " ".join(flags.split())


def test_the_urgent_row_gives_the_cramps_minutes_and_dates(page_one: str) -> None:
    text = " ".join(page_one.split())
    assert (f"longer than 10 minutes: 12 min on {format_date(date(2026, 3, 12))}, "
            f"12 min on {format_date(date(2026, 3, 14))}") in text


def _dark_in_margin(png: Path) -> int:
    """Dark pixels in the strip just left of the text column, where the row bars go."""
    from PIL import Image

    image = Image.open(png).convert("L")
    dpi = 60
    left = int((MARGIN - 2.3) / 25.4 * dpi)
    right = int((MARGIN - 0.3) / 25.4 * dpi)
    return sum(1 for x in range(left, right + 1) for y in range(image.height)
               if image.getpixel((x, y)) < 100)  # type: ignore[operator]


def test_emergency_and_urgent_rows_are_marked_by_shape_not_colour_alone(
        emergency: Journal, tmp_path: Path) -> None:
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(emergency.build_report(ReportOptions(), first_page_only=True))
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-gray", str(pdf),
                    str(tmp_path / "p")], check=True)
    (png,) = tmp_path.glob("p*.png")
    assert _dark_in_margin(png) > 20


def test_flag_lines_mark_current_emergency_and_urgent_only(emergency: Journal) -> None:
    content = gather(emergency, ReportOptions())
    levels = {f.rule: f.emphasis for f in content.flags_current}
    assert levels["cauda_equina"] == 2
    assert levels["long_cramp"] == 1
    assert all(v == 0 for rule, v in levels.items() if rule not in ("cauda_equina", "long_cramp",
                                                                     "bilateral"))


def test_a_sign_that_stopped_being_current_is_listed_with_its_dates(tmp_path: Path) -> None:
    journal = Journal.open(tmp_path / "j.sqlite3", FixedClock(NOW))
    try:
        journal.add_episode(Episode(kind=Kind.TWITCH, started_at=_at(date(2026, 2, 10), 9),
                                    duration_s=30, intensity=3, side=Side.LEFT,
                                    warning_signs=(WarningSign.NUMBNESS_TINGLING,)))
        journal.add_episode(Episode(kind=Kind.TWITCH, started_at=_at(date(2026, 3, 10), 9),
                                    duration_s=30, intensity=3, side=Side.LEFT,
                                    warning_signs=(WarningSign.NIGHT_PAIN,)))
        journal.save_checkin(CheckIn(date=date(2026, 3, 11),
                                     warning_signs_asked=(WarningSign.NIGHT_PAIN,)))
        page = " ".join(pages_text(journal.build_report(ReportOptions(),
                                                        first_page_only=True))[0].split())
    finally:
        journal.close()
    assert ("numbness or tingling (1 day, 2026-02-10; not reported again, no longer current "
            "from 2026-02-24)") in page
    assert "pain at night (1 day, 2026-03-10; answered “no” on 2026-03-11, resolved)" in page


def test_a_since_date_before_the_period_is_labelled(tmp_path: Path) -> None:
    journal = Journal.open(tmp_path / "j.sqlite3", FixedClock(NOW))
    try:
        for n in range(0, 40, 3):
            journal.add_episode(Episode(kind=Kind.TWITCH,
                                        started_at=_at(date(2026, 3, 16) - timedelta(days=n), 9),
                                        duration_s=30, intensity=3, side=Side.LEFT))
        options = ReportOptions(start=date(2026, 3, 1), end=date(2026, 3, 16))
        page = " ".join(pages_text(journal.build_report(options, first_page_only=True))[0]
                        .split())
    finally:
        journal.close()
    assert "since 2026-02-05 (before this period) (current)" in page


def _row(first: int, last: int, first_days: int, last_days: int, trend: str) -> SummaryRow:
    return SummaryRow(kind=Kind.CRAMP, side=Side.LEFT, all_sides=False, episodes=first + last,
                      days_with=first_days, recorded_days=first_days + last_days, per_week=1.0,
                      median_duration_s=60, longest_duration_s=60, median_intensity=4,
                      highest_intensity=6, first_episodes=first, last_episodes=last,
                      first_recorded=first_days, last_recorded=last_days, trend=trend)


def test_a_trend_cell_names_the_days_and_episodes_each_side_rests_on() -> None:
    assert trend_cell(_row(70, 108, 14, 14, "more")) == (
        "↑ more: 5.0 → 7.7 (70/14 d, 108/14 d)")


@pytest.mark.parametrize(("first", "last", "first_days", "last_days"), [
    (5, 7, 14, 14),                          # 12 episodes: below the floor
    (60, 80, TREND_MIN_RECORDED_DAYS - 1, 14),  # too few recorded days on one side
])
def test_a_trend_below_the_floor_says_not_enough_data(first: int, last: int, first_days: int,
                                                      last_days: int) -> None:
    cell = trend_cell(_row(first, last, first_days, last_days, "more"))
    assert cell.startswith("not enough data")
    assert f"({first}/{first_days} d, {last}/{last_days} d)" in cell
    assert TREND_MIN_EPISODES > 12


def test_flags_cite_numbered_guidance_listed_with_title_and_address(emergency: Journal) -> None:
    text = " ".join(" ".join(pages_text(emergency.build_report(ReportOptions()))).split())
    assert "seed article" not in text
    assert "NHS [1]" in text
    sources = text.split("Guidance the flags follow")[-1]
    assert "[1] NHS: Sciatica. https://www.nhs.uk/conditions/sciatica/" in sources
    assert "https://www.nhs.uk/conditions/leg-cramps/" in sources


@pytest.fixture(scope="module")
def full_report(emergency: Journal) -> bytes:
    return emergency.build_report(ReportOptions())


def test_the_footer_text_keeps_10_mm_from_the_paper_edge(full_report: bytes) -> None:
    from pypdf import PdfReader

    reader = PdfReader(BytesIO(full_report))
    for page in reader.pages:
        lowest: list[float] = []

        def visit(text: str, cm: list[float], tm: list[float], _font: object, _size: object,
                  low: list[float] = lowest) -> None:
            if text.strip():  # the baseline's height on the page: text matrix through the CTM
                low.append(tm[4] * cm[1] + tm[5] * cm[3] + cm[5])

        page.extract_text(visitor_text=visit)
        assert min(lowest) / 72 * 25.4 >= 10.0  # baseline height above the bottom edge, in mm


def test_the_pdf_carries_xmp_metadata_and_a_pdfa_identification(full_report: bytes) -> None:
    from pypdf import PdfReader

    reader = PdfReader(BytesIO(full_report))
    root = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert "<pdfaid:part>2</pdfaid:part>" in xmp and "pdfaid:conformance>B<" in xmp
    assert "Symptom diary report 2026-01-20 to 2026-03-16" in xmp
    assert 'xmp:CreateDate="2026-03-16T14:00:00+00:00"' in xmp
    assert 'xmp:ModifyDate="2026-03-16T14:00:00+00:00"' in xmp  # never the wall clock
    (intent,) = root["/OutputIntents"]
    assert intent["/S"] == "/GTS_PDFA1" and intent["/OutputConditionIdentifier"] == "sRGB"


def test_page_one_says_when_the_warning_sign_questions_were_last_asked(page_one: str) -> None:
    # The emergency journal's last check-in (2026-03-16) asked the bladder question only.
    assert "of check-ins, last asked 2026-03-16)" in " ".join(page_one.split())


def test_the_interference_scale_is_named_for_what_it_is(full_report: bytes) -> None:
    text = " ".join(" ".join(pages_text(full_report)).split())
    assert "like the interference items of the Brief Pain Inventory" in text
    assert "not the BPI itself" in text


def test_the_log_marks_episodes_with_a_warning_sign(full_report: bytes) -> None:
    text = " ".join(" ".join(pages_text(full_report)).split())
    assert "Episodes with a warning sign have a bar in the margin." in text
