"""Dates read the same everywhere, in the person's locale (one helper, ui/formatting.py); table
headers sit over their data; one name per body region on every screen."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone

import pytest
from PySide6.QtCore import QLocale, Qt

import journal.vocabulary as vocabulary
from journal.model import Episode, Kind, Medication, Region
from ui.formatting import date_format_pattern, format_date, format_date_range
from ui.models.episodes import EpisodeRow, EpisodeTableModel

TZ = timezone(timedelta(hours=2))


@pytest.fixture
def german() -> Iterator[QLocale]:
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    try:
        yield QLocale()
    finally:
        QLocale.setDefault(before)


def test_dates_follow_the_locale_with_a_four_digit_year(german) -> None:  # type: ignore[no-untyped-def]
    assert format_date(date(2026, 9, 2)) == "02.09.2026"
    assert "yyyy" in date_format_pattern()
    us = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    assert format_date(date(2026, 9, 2), us) == "9/2/2026"
    assert format_date_range(date(2026, 9, 2), date(2026, 9, 5), us) == "9/2/2026 \u2013 9/5/2026"
    assert format_date_range(None, None) == ""
    assert format_date(date(2026, 9, 2), QLocale.c()) == "2026-09-02"  # no locale chosen


def test_journal_table_dates_and_times_use_the_locale(german) -> None:  # type: ignore[no-untyped-def]
    ep = Episode(kind=Kind.TWITCH, started_at=datetime(2026, 9, 2, 14, 5, tzinfo=TZ),
                 duration_s=30, intensity=3)
    model = EpisodeTableModel()
    model.set_rows([EpisodeRow.from_episode(ep)])
    shown = model.data(model.index(0, EpisodeTableModel.DATE))
    assert shown.endswith("02.09.2026")  # after the weekday, never cut to "2 Sep 202"
    assert model.data(model.index(0, EpisodeTableModel.TIME)) == "14:05"


def test_journal_view_range_and_date_editors_use_the_locale(german, qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.show_section("journal")
    view = window.views["journal"]
    view.reload()
    start, end = view.date_range()
    assert format_date(start) in view.count_label.text()
    assert format_date(end) in view.count_label.text()
    assert view.from_edit.displayFormat() == date_format_pattern()
    report = window.views["report"]
    assert report.from_edit.displayFormat() == date_format_pattern()


def test_medication_dates_use_the_locale(german) -> None:  # type: ignore[no-untyped-def]
    from ui.models.medications import MedicationRow, MedicationTableModel

    model = MedicationTableModel()
    med = Medication("Magnesium", date(2026, 3, 1), stopped_on=date(2026, 3, 20))
    model.set_rows([MedicationRow.from_medication(med)])
    texts = {model.data(model.index(0, c)) for c in range(model.columnCount())}
    assert {"01.03.2026", "20.03.2026"} <= texts


def test_table_headers_align_with_their_data() -> None:
    ep = Episode(kind=Kind.TWITCH, started_at=datetime(2026, 9, 2, 14, 5, tzinfo=TZ),
                 duration_s=30, intensity=3, regions=(Region.GLUTE_MED,))
    model = EpisodeTableModel()
    model.set_rows([EpisodeRow.from_episode(ep)])
    horizontal = Qt.Orientation.Horizontal
    role = Qt.ItemDataRole.TextAlignmentRole
    for col in range(model.columnCount()):
        header = model.headerData(col, horizontal, role)
        cell = model.data(model.index(0, col), role)
        assert header is not None and header == cell, model.headerData(col, horizontal)
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert model.headerData(EpisodeTableModel.INTENSITY, horizontal, role) == right
    assert model.headerData(EpisodeTableModel.NOTE, horizontal, role) != right


def test_one_name_per_region_on_form_filter_table_and_chart(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from journal.charts.style import REGION_LABELS
    from ui.widgets.body_map import RegionPicker

    view = window.views["journal"]
    picker = RegionPicker()
    qtbot.addWidget(picker)
    picker_texts = [picker.list.item(i).text() for i in range(picker.list.count())]
    filter_texts = [view.region_combo.itemText(i) for i in range(view.region_combo.count())]
    for region in Region:
        name = vocabulary.REGIONS[region.value].name
        ep = Episode(kind=Kind.CRAMP, started_at=datetime(2026, 9, 2, 9, tzinfo=TZ),
                     duration_s=60, intensity=4, regions=(region,))
        assert EpisodeRow.from_episode(ep).regions == name
        assert REGION_LABELS[region.value] == name
        assert sum(t == name or t.startswith(f"{name} (") for t in filter_texts) == 1
        assert sum(t.endswith(f"  {name}") or f"  {name} (" in t for t in picker_texts) == 1


def test_medication_headers_sit_over_their_words() -> None:
    from ui.models.medications import MedicationTableModel

    model = MedicationTableModel()
    left = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    for col in range(model.columnCount()):
        assert model.headerData(col, Qt.Orientation.Horizontal,
                                Qt.ItemDataRole.TextAlignmentRole) == left


@pytest.fixture
def speaking(qapp) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """Install a language for the test (core, Qt translator and QLocale); English afterwards."""
    from ui.translation import install

    yield install
    install("en")


def _window_in(code: str, install, qtbot, journal, settings):  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow

    install(code)
    w = MainWindow(journal, settings=settings)
    qtbot.addWidget(w)
    w.show()
    return w


def test_dates_in_words_use_the_languages_own_pattern(speaking, qtbot, journal,  # type: ignore[no-untyped-def]
                                                      settings) -> None:
    """Today's title and the check-in's day in CLDR's full pattern, not a fixed Qt pattern
    ("Montag 16 März" had neither the comma nor the day's full stop German writes)."""
    from ui.formatting import format_long_date

    day = journal.today()
    german = _window_in("de", speaking, qtbot, journal, settings)
    assert format_long_date(day) == "Montag, 16. März 2026"
    assert german.today.title.text() == "Heute, Montag, 16. März 2026"
    checkin = german.open_checkin(day - timedelta(days=1))
    assert "Sonntag, 15. März 2026" in checkin.status_label.text()
    checkin.reject()
    german.close()
    spanish = _window_in("es", speaking, qtbot, journal, settings)
    assert spanish.today.title.text().endswith("lunes, 16 de marzo de 2026")
    spanish.close()


def test_date_editors_follow_the_locale(speaking, qtbot, journal, settings) -> None:  # type: ignore[no-untyped-def]
    from ui.formatting import date_time_edit_pattern, weekday_date_edit_pattern

    window = _window_in("es", speaking, qtbot, journal, settings)
    form = window.quick_log.open_form()
    assert form.start_edit.displayFormat() == date_time_edit_pattern()
    assert "16/3/2026" in form.start_edit.text()  # Spanish day/month order, four-digit year
    form.reject()
    checkin = window.open_checkin()
    assert checkin.date_edit.displayFormat() == weekday_date_edit_pattern()
    checkin.reject()
    trends = window.views["trends"]
    assert trends.from_edit.displayFormat() == date_format_pattern()
    window.close()


def test_no_view_or_dialog_keeps_its_own_date_pattern() -> None:
    """Every date of ui/ goes through ui/formatting.py: no fixed Qt pattern ("d MMM yyyy",
    "dddd d MMMM"), no strftime with month or weekday names, no second helper."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "ui"
    fixed = re.compile(r"""setDisplayFormat\(\s*["'][^"']*[dMy]|["'](ddd|dddd|MMM|MMMM)\b"""
                       r"""|strftime\(\s*["'][^"']*%[aAbBd]|local_date\(""")
    found = [f"{path.relative_to(root)}:{n}: {line.strip()}"
             for path in sorted(root.rglob("*.py")) if path.name != "formatting.py"
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if fixed.search(line)]
    assert found == []
