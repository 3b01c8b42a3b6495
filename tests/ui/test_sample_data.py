"""Sample-data mode: a sample journal says what it is (title, banner, flags) and never takes an
entry without the person choosing it; going back to one's own journal undoes all of it."""

from __future__ import annotations

from pathlib import Path

from journal import APP_NAME
from journal.model import Kind
from journal.service import make_demo_journal


def _open_sample(qtbot, window, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    sample = make_demo_journal(tmp_path / "sample-journal.sqlite3", years=0.1,
                               episodes_per_day=3, seed=1, today=window.journal.today())
    assert window.open_journal_file(sample)
    return Path(sample)


def test_sample_journal_is_named_in_title_banner_and_flags(qtbot, window, tmp_path):  # type: ignore[no-untyped-def]
    own = Path(window.journal.path)
    assert window.windowTitle() == APP_NAME
    assert not window.sample_mode.banner.isVisible()

    sample = _open_sample(qtbot, window, tmp_path)
    assert "Sample data" in window.windowTitle()
    banner = window.sample_mode.banner
    assert banner.isVisible()
    assert "made-up entries" in banner.text.text() and sample.name in banner.text.text()
    assert window.banner.about_sample_data

    assert banner.back_button.isVisible()
    banner.back_button.click()
    assert Path(window.journal.path) == own
    assert window.windowTitle() == APP_NAME
    assert not banner.isVisible()
    assert not window.banner.about_sample_data


def test_flag_about_sample_data_says_so(qtbot, window, tmp_path):  # type: ignore[no-untyped-def]
    window.sample_mode.ask = lambda: "sample"
    _open_sample(qtbot, window, tmp_path)
    # A cramp of 15 minutes raises an urgent flag, shown on the banner.
    from datetime import timedelta

    from journal.model import Episode

    window.journal.add_episode(Episode(kind=Kind.CRAMP, started_at=window.journal.now()
                                       - timedelta(hours=1), duration_s=900, intensity=6))
    window.banner.refresh()
    assert window.banner.shown_flag is not None
    assert "sample data" in window.banner.text.text().lower()
    assert "sample data" in window.banner.flag_row.accessibleName().lower()


def test_logging_into_the_sample_asks_and_refusing_saves_nothing(qtbot, window, tmp_path):  # type: ignore[no-untyped-def]
    _open_sample(qtbot, window, tmp_path)
    asked: list[int] = []

    def refuse() -> str:
        asked.append(1)
        return "cancel"

    window.sample_mode.ask = refuse
    before = window.journal.count_episodes()
    assert window.quick_log.log_now(Kind.TWITCH) is None
    assert asked == [1]
    assert window.journal.count_episodes() == before
    assert "sample journal" in window.notice.label.text()
    assert window.notice.label.text().count("Not saved") <= 1

    # Agreeing once lets this sample take entries without asking again.
    window.sample_mode.ask = lambda: (asked.append(2), "sample")[1]
    assert window.quick_log.log_now(Kind.TWITCH) is not None
    assert window.quick_log.log_now(Kind.CRAMP) is not None
    assert asked == [1, 2]
    assert window.journal.count_episodes() == before + 2


def test_choosing_my_journal_opens_it_and_logs_nothing_into_the_sample(qtbot, window, tmp_path):  # type: ignore[no-untyped-def]
    own = Path(window.journal.path)
    sample = _open_sample(qtbot, window, tmp_path)
    window.sample_mode.ask = lambda: "own"
    before = window.journal.count_episodes()
    assert window.quick_log.log_now(Kind.TWITCH) is None
    qtbot.waitUntil(lambda: Path(window.journal.path) == own)
    assert not window.sample_mode.banner.isVisible()
    from journal.service import Journal

    with Journal.open(sample, create=False) as reopened:
        assert reopened.count_episodes() == before


def test_own_journal_is_never_guarded(window):  # type: ignore[no-untyped-def]
    assert window.journal.entry_write_guard is None
    assert not window.journal.is_sample_data


def test_a_form_left_open_on_the_closed_sample_saves_nothing_there(qtbot, window, tmp_path):  # type: ignore[no-untyped-def]
    from tests.ui.conftest import open_form

    sample = _open_sample(qtbot, window, tmp_path)
    sample_journal = window.journal
    window.sample_mode.ask = lambda: "sample"
    window.quick_log.open_form()
    form = open_form(qtbot, window)
    assert window.sample_mode.back_to_own_journal()
    assert window.journal is not sample_journal
    before = sample_journal.count_episodes()
    assert not form.save()
    assert "sample journal" in form.error_text("sample")
    from journal.service import Journal

    with Journal.open(sample, create=False) as reopened:
        assert reopened.count_episodes() == before
    form.close()


def test_the_report_of_a_sample_says_it_is_not_for_a_doctor(qtbot, window, tmp_path):  # type: ignore[no-untyped-def]
    report = window.views["report"]
    assert report.sample_note.isHidden()
    _open_sample(qtbot, window, tmp_path)
    assert not report.sample_note.isHidden()
    assert "made-up entries" in report.sample_note.text()
    window.sample_mode.back_to_own_journal()
    assert report.sample_note.isHidden()
