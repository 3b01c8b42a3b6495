"""The Journal and Report sections are made on their first visit, not at start (they are 148 of
the window's 321 widgets): the start builds, lays out and styles only what is on screen."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from journal.model import Kind
from ui.models.episodes import ID_ROLE
from ui.shutdown import stop_background_work
from ui.views.journal_view import JournalView
from ui.views.report_view import ReportView


def test_later_sections_are_built_on_their_first_visit(window) -> None:  # type: ignore[no-untyped-def]
    assert window.built_section("journal") is None
    assert window.built_section("report") is None
    assert window.built_section("today") is window.today
    logged = window.quick_log.log_now(Kind.TWITCH)  # before the Journal exists
    window.show_section("journal")
    view = window.built_section("journal")
    assert isinstance(view, JournalView) and view.objectName() == "view_journal"
    assert window.stack.currentWidget() is view and view.isVisible()
    shown = {view.model.data(view.model.index(r, 0), ID_ROLE) for r in range(view.model.rowCount())}
    assert shown == {logged.id}
    assert window.stack.indexOf(view) == 1 and window.stack.count() == 4
    window.show_section("report")
    assert isinstance(window.stack.currentWidget(), ReportView)
    assert window.journal_view is view  # built once, kept
    window.show_section("journal")
    assert window.stack.currentWidget() is view


def test_asking_for_a_section_builds_it_in_its_place(window) -> None:  # type: ignore[no-untyped-def]
    report = window.views["report"]
    assert isinstance(report, ReportView) and window.report_view is report
    assert [window.stack.widget(i) for i in range(4)][3] is report
    assert window.stack.currentWidget() is window.today  # asking does not show it
    assert all(isinstance(window.stack.widget(i), QWidget) for i in range(4))


def test_quitting_does_not_build_an_unvisited_section(window) -> None:  # type: ignore[no-untyped-def]
    stop_background_work(window)
    assert window.built_section("report") is None
