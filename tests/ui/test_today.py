"""Today: Twitch now, the ongoing-cramp timer, today's list, check-in summary."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel

from journal.model import CheckIn, Episode, Kind, Region, Side
from tests.ui.conftest import open_form
from ui.defaults import DEFAULT_DURATION_S
from ui.widgets.intensity import ScorePicker
from ui.widgets.labels import region_compact
from ui.widgets.quick_log import ONGOING_KEY


def test_twitch_now_saves_at_once_and_offers_details(qtbot, window, journal, clock):
    journal.add_episode(Episode(Kind.CRAMP, clock.now() - timedelta(hours=1), 30, 6, Side.LEFT,
                                (Region.GLUTE_MAX_LOWER,)))
    today = window.views["today"]
    QTest.mouseClick(today.twitch_now, Qt.MouseButton.LeftButton)
    twitches = journal.episodes(kind=Kind.TWITCH)
    assert len(twitches) == 1
    t = twitches[0]
    assert t.started_at == clock.now()
    assert t.duration_s == DEFAULT_DURATION_S[Kind.TWITCH]
    assert (t.side, t.regions) == (Side.LEFT, (Region.GLUTE_MAX_LOWER,))
    assert today.model.rowCount() == 2
    details = window.notice.action_button("Add details")
    assert window.notice.isVisible() and details is not None
    QTest.mouseClick(details, Qt.MouseButton.LeftButton)
    form = open_form(qtbot, window)
    assert form.editing and form.original.id == t.id
    form.note.setPlainText("left cheek, while reading")
    assert form.save()
    assert journal.get_episode(t.id).note == "left cheek, while reading"
    assert len(journal.episodes()) == 2


def test_ongoing_cramp_timer_sets_the_duration_and_survives_a_restart(
        qtbot, window, journal, clock, settings):
    today = window.views["today"]
    started = clock.now()
    QTest.mouseClick(today.cramp_timer, Qt.MouseButton.LeftButton)
    assert settings.value(ONGOING_KEY) == started.isoformat()
    assert "ended" in today.cramp_timer.text().lower()
    clock.advance(timedelta(minutes=3, seconds=20))
    today._tick()
    assert "03:20" in today.timer_label.text()

    # Closing the window (or a crash) keeps the running start: a new window picks it up.
    from ui.main_window import MainWindow

    other = MainWindow(journal, settings=settings)
    qtbot.addWidget(other)
    assert other.quick_log.ongoing_start() == started
    QTest.mouseClick(other.views["today"].cramp_timer, Qt.MouseButton.LeftButton)
    (cramp,) = journal.episodes(kind=Kind.CRAMP)
    assert cramp.started_at == started
    assert cramp.duration_s == 200
    assert settings.value(ONGOING_KEY, "") == ""
    assert "started" in other.views["today"].cramp_timer.text().lower()


def test_cramp_timer_left_running_for_days_is_not_saved(qtbot, window, journal, clock):
    window.quick_log.start_cramp()
    clock.advance(timedelta(days=2))
    assert window.quick_log.end_cramp() is None
    assert journal.episodes() == []
    assert window.quick_log.ongoing_start() is None
    assert window.notice.property("error") is True


def test_today_lists_only_today_and_summarises_the_checkin(qtbot, window, journal, clock):
    journal.add_episode(Episode(Kind.TWITCH, clock.now() - timedelta(days=1), 5, 2))
    journal.add_episode(Episode(Kind.CRAMP, clock.now() - timedelta(minutes=5), 60, 4))
    journal.save_checkin(CheckIn(clock.now().date(), caffeine_mg=190, sleep_h=6.5))
    window.announce(journal.delete_checkin(clock.now().date()))
    today = window.views["today"]
    assert "Not done yet" in today.checkin_summary.text()
    window.announce(journal.save_checkin(CheckIn(clock.now().date(), caffeine_mg=190)))
    assert today.model.rowCount() == 1
    assert "190 mg" in today.checkin_summary.text()
    assert "1 cramp" in today.subtitle.text()
    assert "0 twitches" in today.subtitle.text()


def test_delete_from_today_then_undo(qtbot, window, journal, clock):
    ep = Episode(Kind.CRAMP, clock.now() - timedelta(minutes=5), 60, 4)
    window.announce(journal.add_episode(ep))
    today = window.views["today"]
    today.table.selectRow(0)
    today.delete_selected()
    assert journal.episodes() == []
    assert today.model.rowCount() == 0
    QTest.mouseClick(window.notice.action_button("Undo"), Qt.MouseButton.LeftButton)
    assert journal.episodes() == [ep]
    assert today.model.rowCount() == 1


def test_today_fits_1280x800_without_scrolling(qtbot, window):
    window.resize(1280, 800)
    qtbot.wait(10)
    today = window.views["today"]
    # Every part of Today lies inside the visible page: nothing is cut off or needs a scrollbar.
    for w in (today.picker, today.twitch_now, today.cramp_timer, today.checkin_button,
              today.table, today.delete_button):
        top_left = w.mapTo(today, w.rect().topLeft())
        bottom_right = w.mapTo(today, w.rect().bottomRight())
        assert today.rect().contains(top_left) and today.rect().contains(bottom_right), w
    assert today.table.height() >= 120


def test_a_new_notice_replaces_the_old_buttons(qtbot, window):
    window.quick_log.log_now(Kind.TWITCH)
    assert window.notice.action_button("Add details") is not None
    window.quick_log.start_cramp()
    visible = [b.text() for b in window.notice.findChildren(type(window.notice.close_button))
               if not b.isHidden() and b is not window.notice.close_button]
    assert visible == ["Cancel timer"]


def test_more_carries_the_chosen_chips_into_the_form(qtbot, window, journal):
    from tests.ui.conftest import open_form

    today = window.views["today"]
    today.kind_buttons[Kind.CRAMP].setChecked(True)
    QTest.mouseClick(today.chips.buttons["caffeine"], Qt.MouseButton.LeftButton)
    QTest.mouseClick(today.chips.more_button, Qt.MouseButton.LeftButton)
    form = open_form(qtbot, window)
    assert form.kind() == Kind.CRAMP
    assert form.triggers.boxes["caffeine"].isChecked()
    form.triggers.amounts["caffeine"].setValue(95)
    assert form.save()
    (ep,) = journal.episodes()
    assert [(t.id, t.amount) for t in ep.triggers] == [("caffeine", 95.0)]


def test_a_delete_notice_goes_away_once_ctrl_z_undid_that_delete(qtbot, window, journal, clock):
    """Delete, then Ctrl+Z: the "Deleted … Undo" notice no longer speaks of the top of the undo
    stack, so it disappears; its Undo must never undo the edit before it."""
    ep = Episode(Kind.TWITCH, clock.now() - timedelta(minutes=5), 10, 3)
    window.announce(journal.add_episode(ep))
    edited = ep.with_changes(intensity=7, note="left side, after sitting")
    window.announce(journal.update_episode(edited))
    today = window.views["today"]
    today.table.selectRow(0)
    today.delete_selected()
    undo_button = window.notice.action_button("Undo")
    assert window.notice.isVisible() and undo_button is not None
    window.undo()  # what Ctrl+Z does
    assert journal.episodes() == [edited]
    assert not window.notice.isVisible()
    # Even a click that reaches the stale button (it was on screen a moment ago) changes nothing.
    undo_button.click()
    assert journal.episodes() == [edited]


def test_a_quick_log_notice_goes_away_once_a_later_edit_is_on_top(qtbot, window, journal):
    first = window.quick_log.log_now(Kind.TWITCH, 2)
    assert window.notice.action_button("Undo") is not None
    # A later change made elsewhere (here: the form) puts another step on top of the stack.
    window.announce(journal.update_episode(first.with_changes(intensity=6)))
    assert not window.notice.isVisible()
    assert [e.intensity for e in journal.episodes()] == [6]


def test_a_notice_undo_still_undoes_its_own_change(qtbot, window, journal):
    window.quick_log.log_now(Kind.CRAMP, 4)
    QTest.mouseClick(window.notice.action_button("Undo"), Qt.MouseButton.LeftButton)
    assert journal.episodes() == []


def test_the_page_does_not_move_when_the_notice_hides(qtbot, window):
    today = window.views["today"]
    window.quick_log.log_now(Kind.TWITCH, 3)
    assert window.notice.isVisible()
    QApplication.processEvents()  # the list now has a row: let that settle first
    before = {w: w.mapTo(window, w.rect().topLeft())
              for w in (today.picker, today.cramp_timer, today.edit_button, today.table)}
    window.notice._timer.timeout.emit()  # what happens after 12 s
    qtbot.waitUntil(lambda: not window.notice.isVisible())
    QApplication.processEvents()
    after = {w: w.mapTo(window, w.rect().topLeft()) for w in before}
    assert after == before


def test_cancel_timer_stays_while_the_timer_runs(qtbot, window, journal):
    today = window.views["today"]
    assert not today.cancel_timer.isVisible()
    window.quick_log.start_cramp()
    # However long it runs, the notice offering Cancel does not time out ...
    assert not window.notice._timer.isActive()
    assert window.notice.action_button("Cancel timer") is not None
    # ... and even when the notice is dismissed, Today offers it beside the timer.
    window.notice.close_button.click()
    assert today.cancel_timer.isVisible()
    QTest.mouseClick(today.cancel_timer, Qt.MouseButton.LeftButton)
    assert window.quick_log.ongoing_start() is None
    assert not today.cancel_timer.isVisible()
    assert journal.episodes() == []


def test_the_timer_notice_goes_once_the_timer_stops(qtbot, window):
    window.quick_log.start_cramp()
    window.quick_log.cancel_cramp()
    assert not window.notice.isVisible()


def test_a_quick_entry_says_what_it_assumed(qtbot, window, journal, clock):
    journal.add_episode(Episode(Kind.TWITCH, clock.now() - timedelta(hours=1), 30, 6, Side.LEFT,
                                (Region.PIRIFORMIS,)))
    today = window.views["today"]
    QTest.mouseClick(today.twitch_now, Qt.MouseButton.LeftButton)
    text = window.notice.label.text()
    assert "intensity 6 (as your last twitch)" in text
    assert f"left, {region_compact(Region.PIRIFORMIS)} (as last time)" in text
    assert "10s (usual length)" in text
    # One click from changing: the details, or the intensity right in the notice.
    assert window.notice.action_button("Add details") is not None
    assert window.notice.extra_widget() is not None


def test_a_chosen_intensity_is_not_called_assumed(qtbot, window, journal):
    window.views["today"].picker.picked.emit(4)
    text = window.notice.label.text()
    assert "intensity 4" in text and "intensity 4 as" not in text
    assert "(a starting value)" not in text and window.notice.extra_widget() is None


def test_a_timed_cramp_asks_how_painful_it_was(qtbot, window, journal, clock):
    journal.add_episode(Episode(Kind.CRAMP, clock.now() - timedelta(hours=2), 60, 5))
    window.quick_log.start_cramp()
    clock.advance(timedelta(minutes=3))
    saved = window.quick_log.end_cramp()
    assert saved is not None and saved.duration_s == 180
    text = window.notice.label.text()
    assert "intensity 5 (as your last cramp)" in text
    assert "3m" in text and "usual length" not in text  # the timer measured its length
    asked = window.notice.extra_widget()
    assert asked is not None and "How painful was it?" in asked.findChild(QLabel).text()
    picker = asked.findChild(ScorePicker)
    assert picker.accessibleName() == "How painful was it?"
    picker.picked.emit(8)
    assert journal.get_episode(saved.id).intensity == 8
    assert "intensity 8 saved" in window.notice.label.text()
    window.undo()
    assert journal.get_episode(saved.id).intensity == 5


def test_a_longer_notice_does_not_push_the_page_down(qtbot, window, journal, clock):
    today = window.views["today"]
    before = today.picker.mapTo(window, today.picker.rect().topLeft())
    journal.add_episode(Episode(Kind.TWITCH, clock.now() - timedelta(hours=1), 30, 6, Side.BOTH,
                                (Region.PIRIFORMIS, Region.GLUTE_MED, Region.LATERAL_HIP)))
    window.quick_log.log_now(Kind.TWITCH)
    QApplication.processEvents()
    assert today.picker.mapTo(window, today.picker.rect().topLeft()) == before


def test_on_a_narrow_window_today_stacks_its_cards_and_never_scrolls_sideways(qtbot, window):
    """1280x800 at 1.5x leaves about 650 px beside the sidebar: the check-in card goes under
    the quick log (a wider section, such as the Journal's filters, does not widen Today)."""
    today = window.views["today"]
    window.resize(840, 490)
    qtbot.waitUntil(today.stacked)
    QApplication.processEvents()
    assert window.stack_scroll.horizontalScrollBar().maximum() == 0
    assert today.width() <= window.stack_scroll.viewport().width()
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: not today.stacked())


def test_the_notice_floats_over_the_foot_of_the_page(qtbot, window):
    window.quick_log.log_now(Kind.TWITCH)
    area = window.stack_scroll.geometry()
    notice = window.notice.geometry()
    assert notice.bottom() == area.bottom() and notice.width() == area.width()
    assert window.centralWidget().layout().indexOf(window.notice) == -1


def test_forward_tab_reaches_every_control_of_today(qtbot, window, journal, clock):
    """From the section list, Tab visits Full form, the kind, every chip, the intensity, the
    buttons and the list, each once, and comes back (the list no longer eats Tab per cell)."""
    from tests.helpers.focus import describe, tab_cycle, tab_stops

    for minutes in (50, 40, 30):
        journal.add_episode(Episode(Kind.TWITCH, clock.now() - timedelta(minutes=minutes), 10, 2))
    window.announce(journal.add_episode(Episode(Kind.CRAMP, clock.now(), 30, 4)))
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    today = window.views["today"]
    cycle = tab_cycle(window.sidebar)
    assert cycle.count(today.table) == 1
    missing = [describe(w) for w in tab_stops(today) if w not in cycle]
    assert missing == []
    order = [today.form_button, today.kind_buttons[today.kind()], *today.chips.buttons.values(),
             today.chips.more_button, today.picker, today.twitch_now]
    positions = [cycle.index(w) for w in order]
    assert positions == sorted(positions) and positions[0] == cycle.index(window.sidebar) + 1
