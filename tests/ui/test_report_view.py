"""The Report section: options, a preview of page 1, export on a worker thread."""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QWidget

from journal.model import Kind
from journal.service import Journal
from tests.helpers.report import fill_journal, pages_text


@pytest.fixture
def view(qtbot, window):  # type: ignore[no-untyped-def]
    view = window.views["report"]
    with qtbot.waitSignal(view.previewReady, timeout=60000):
        window.show_section("report")
    yield view
    view.wait_idle()


@pytest.fixture
def filled(journal: Journal) -> Journal:
    fill_journal(journal, per_day=1)
    return journal


def test_the_report_section_is_the_report_view(window) -> None:  # type: ignore[no-untyped-def]
    from ui.views.report_view import ReportView

    assert isinstance(window.views["report"], ReportView)


def test_options_follow_the_form(view) -> None:  # type: ignore[no-untyped-def]
    options = view.options()
    assert (options.start, options.end) == (date(2026, 1, 20), date(2026, 3, 16))
    assert options.name == "" and options.dob is None and options.paper == "A4"
    view.period_combo.setCurrentIndex(view.period_combo.findData("custom"))
    assert view.from_edit.isEnabled()
    view.from_edit.setDate(QDate(2026, 3, 1))
    view.to_edit.setDate(QDate(2026, 3, 10))
    view.name_edit.setText("  José Müller ")
    view.dob_check.setChecked(True)
    view.dob_edit.setDate(QDate(1970, 5, 4))
    view.paper_combo.setCurrentIndex(view.paper_combo.findData("Letter"))
    view.notes_check.setChecked(False)
    view.section_checks["log"].setChecked(False)
    view.questions_edit.setPlainText("Is this serious?")
    options = view.options()
    assert (options.start, options.end) == (date(2026, 3, 1), date(2026, 3, 10))
    assert options.name == "José Müller" and options.dob == date(1970, 5, 4)
    assert options.paper == "Letter" and not options.include_notes
    assert "log" not in options.sections and "summary" in options.sections
    assert options.questions == "Is this serious?"


def test_the_preview_shows_page_one(qtbot, filled, view) -> None:  # type: ignore[no-untyped-def]
    from ui.views.report_view import pdftoppm_path

    with qtbot.waitSignal(view.previewReady, timeout=60000):
        view.refresh_preview()
    if pdftoppm_path() is None:
        assert "Recorded days" in view.preview_label.text()
    else:
        pixmap = view.preview_label.pixmap()
        assert pixmap is not None and not pixmap.isNull()
        assert pixmap.height() > pixmap.width()  # a portrait page


def test_export_runs_on_a_worker_and_opens_the_file(qtbot, filled, view,  # type: ignore[no-untyped-def]
                                                    tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    opened: list[Path] = []
    view.choose_path = lambda suggested: (
        out if suggested == "symptom-report-2026-01-20-to-2026-03-16.pdf" else None)
    view.open_file = opened.append
    view.name_edit.setText("Ελένη Иванова")
    progress: list[int] = []
    view.progress.valueChanged.connect(progress.append)
    with qtbot.waitSignal(view.exported, timeout=60000) as blocker:
        view.export()
        # The window keeps working while the report is written.
        assert view.exporting and not view.export_button.isEnabled()
        assert view.progress.isVisible()
        QApplication.processEvents()
    assert blocker.args == [out]
    assert opened == [out]
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "Name: Ελένη Иванова" in pages_text(out.read_bytes())[0]
    assert view.export_button.isEnabled() and not view.progress.isVisible()
    assert str(out) in view.status.text()
    assert progress and max(progress) >= 50


def test_export_refuses_a_backwards_period(qtbot, view, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    asked: list[str] = []
    view.choose_path = lambda s: asked.append(s) or tmp_path / "r.pdf"
    view.period_combo.setCurrentIndex(view.period_combo.findData("custom"))
    view.from_edit.setDate(QDate(2026, 3, 10))
    view.to_edit.setDate(QDate(2026, 3, 1))
    view.export()
    assert "Not exported" in view.status.text()
    assert not asked and not (tmp_path / "r.pdf").exists()


def test_export_cancelled_writes_nothing(view) -> None:  # type: ignore[no-untyped-def]
    view.choose_path = lambda _s: None
    view.export()
    assert not view.exporting and view.export_button.isEnabled()


def test_every_control_is_named_and_reachable_by_keyboard(view) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QComboBox, QDateEdit, QPlainTextEdit

    controls = view.findChildren(QWidget)
    interactive = [w for w in controls if isinstance(
        w, (QAbstractButton, QLineEdit, QComboBox, QDateEdit, QPlainTextEdit))
        and not isinstance(w.parent(), (QComboBox, QDateEdit))]
    assert len(interactive) > 15
    for w in interactive:
        assert w.accessibleName() or (isinstance(w, QAbstractButton) and w.text()), w
        assert w.focusPolicy() & Qt.FocusPolicy.TabFocus, w


def test_screenshots_light_and_dark(qtbot, filled, window, view, settings) -> None:  # type: ignore[no-untyped-def]
    """Not an assertion of looks: grabs for a person to look at (see /tmp/report-view-*.png)."""
    from ui.app import dark_palette
    from ui.main_window import MainWindow

    with qtbot.waitSignal(view.previewReady, timeout=60000):
        view.refresh_preview()
    window.resize(1280, 800)
    assert window.grab().save("/tmp/report-view-light.png")
    app = QApplication.instance()
    original = app.palette()
    app.setPalette(dark_palette())
    try:
        dark = MainWindow(filled, settings=settings)
        qtbot.addWidget(dark)
        dark.resize(1280, 800)
        dark.show()
        dark_view = dark.views["report"]
        with qtbot.waitSignal(dark_view.previewReady, timeout=60000):
            dark.show_section("report")
        assert dark.grab().save("/tmp/report-view-dark.png")
        dark_view.wait_idle()
        dark.close_to_tray = False
        dark.close()
    finally:
        app.setPalette(original)


def test_without_poppler_the_preview_is_the_summary_as_text(qtbot, filled, view,  # type: ignore[no-untyped-def]
                                                            monkeypatch) -> None:
    from ui.views import report_view

    monkeypatch.setattr(report_view, "pdftoppm_path", lambda: None)
    with qtbot.waitSignal(view.previewReady, timeout=60000):
        view.refresh_preview()
    text = view.preview_label.text()
    assert "Period: 2026-01-20 to 2026-03-16 (56 days)" in text
    assert "A cramp that lasted more than 10 minutes" in text
    assert "If in doubt, call your emergency number." in text


def test_the_preview_follows_changes_in_the_journal(qtbot, view, window,  # type: ignore[no-untyped-def]
                                                    monkeypatch) -> None:
    from journal.service import Change
    from ui.views import report_view

    monkeypatch.setattr(report_view, "pdftoppm_path", lambda: None)
    with qtbot.waitSignal(view.previewReady, timeout=60000):
        view.refresh_preview()
    assert "Episodes: 0 twitches, 0 cramps" in view.preview_label.text()
    fill_journal(window.journal, per_day=1)
    with qtbot.waitSignal(view.previewReady, timeout=60000):
        window.announce(Change("episode", "added"))
    twitches = len(window.journal.episodes(date(2026, 1, 20), date(2026, 3, 16),
                                           kind=Kind.TWITCH))
    assert f"Episodes: {twitches} twitches" in view.preview_label.text()


def test_open_after_export_says_when_nothing_could_open_the_file(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    view = window.views["report"]
    out = tmp_path / "report.pdf"
    out.write_bytes(b"%PDF-1.4")
    view.open_check.setChecked(True)
    view.open_file = lambda _p: False  # no PDF viewer answered
    view._export_job = 7
    view._on_done(7, out)
    assert str(out) in view.status.text() and "could not be opened" in view.status.text()

    view.open_file = lambda _p: True
    view._export_job = 8
    view._on_done(8, out)
    assert "could not be opened" not in view.status.text()
