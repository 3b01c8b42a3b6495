"""The daily check-in: numbers with presets, warning-sign questions one by one, past days."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from journal.model import CheckIn, Episode, ExerciseIntensity, Kind, WarningSign
from ui.dialogs.checkin import QUESTIONS, CheckInDialog


def _dialog(qtbot, window, day=None):  # type: ignore[no-untyped-def]
    dialog = window.open_checkin(day)
    qtbot.waitUntil(dialog.isVisible)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def test_all_26_warning_signs_are_asked_one_by_one():
    assert len(QUESTIONS) == 26
    assert set(QUESTIONS) == set(WarningSign)


def test_checkin_saved_with_warning_sign_answers(qtbot, window, journal, clock):
    d = _dialog(qtbot, window)
    QTest.mouseClick(d.cup_buttons["coffee"], Qt.MouseButton.LeftButton)
    QTest.mouseClick(d.cup_buttons["coffee"], Qt.MouseButton.LeftButton)
    QTest.mouseClick(d.cup_buttons["espresso"], Qt.MouseButton.LeftButton)
    assert d.caffeine.number() == 253
    d.water.set_number(1500)
    d.sitting.set_number(7.5)
    d.exercise.set_number(30)
    d.exercise_intensity.setCurrentIndex(
        d.exercise_intensity.findData(ExerciseIntensity.MODERATE.value))
    d.sleep.set_number(6)
    d.stress.setValue(4)
    d.interference["walking"].setValue(3)
    d.no_episodes.setChecked(True)
    d.next_page()
    assert d.current_question() == QUESTIONS[0]
    # Keyboard: N for the first three questions, Y for the fourth, N for the fifth.
    for key in (Qt.Key.Key_N, Qt.Key.Key_N, Qt.Key.Key_N, Qt.Key.Key_Y, Qt.Key.Key_N):
        QTest.keyClick(QApplication.focusWidget(), key)
    assert d.current_question() == QUESTIONS[5]
    # Mouse for the rest: yes to fever (question 8), no to everything else.
    while d.current_question() is not None:
        yes = d.current_question() == WarningSign.FEVER
        QTest.mouseClick(d.yes_button if yes else d.no_button, Qt.MouseButton.LeftButton)
    assert "fever" in d.summary_label.text().lower()
    assert "emergency number" in d.summary_label.text()
    assert d.save()
    c = journal.get_checkin(clock.now().date())
    assert c is not None
    assert (c.caffeine_mg, c.water_ml, c.sitting_h, c.exercise_min, c.sleep_h, c.stress) == \
        (253, 1500, 7.5, 30, 6, 4)
    assert c.exercise_intensity == ExerciseIntensity.MODERATE
    assert c.interference.walking == 3 and c.interference.sleep is None
    assert c.no_episodes is True
    assert set(c.warning_signs_asked) == set(WarningSign)
    assert c.warning_signs == (QUESTIONS[3], WarningSign.FEVER)
    assert "warning sign" in window.views["today"].checkin_summary.text()


def test_skipping_questions_stores_only_those_asked(qtbot, window, journal, clock):
    d = _dialog(qtbot, window)
    d.next_page()
    d.answer(False)
    d.answer(True)
    d.skip_button.click()
    assert d.save()
    c = journal.get_checkin(clock.now().date())
    assert c.warning_signs_asked == QUESTIONS[:2]
    assert c.warning_signs == (QUESTIONS[1],)
    assert c.caffeine_mg is None


def test_past_day_is_loaded_and_edited(qtbot, window, journal, clock):
    yesterday = clock.now().date() - timedelta(days=1)
    journal.save_checkin(CheckIn(yesterday, caffeine_mg=95, warning_signs_asked=(
        WarningSign.FEVER,), warning_signs=()))
    d = _dialog(qtbot, window)
    assert d.caffeine.number() is None
    d.date_edit.setDate(QDate(yesterday))
    assert d.caffeine.number() == 95
    assert "Editing" in d.status_label.text()
    d.caffeine.set_number(190)
    assert d.save()
    c = journal.get_checkin(yesterday)
    assert c.caffeine_mg == 190
    assert c.warning_signs_asked == (WarningSign.FEVER,)
    assert journal.get_checkin(clock.now().date()) is None
    # Undo puts yesterday back as it was.
    window.undo()
    assert journal.get_checkin(yesterday).caffeine_mg == 95


def test_future_dates_cannot_be_chosen(qtbot, window, clock):
    d = _dialog(qtbot, window)
    d.date_edit.setDate(QDate(clock.now().date() + timedelta(days=3)))
    assert d.day() == clock.now().date()


def test_no_episodes_is_not_offered_on_a_day_with_episodes(qtbot, window, journal, clock):
    journal.add_episode(Episode(Kind.TWITCH, clock.now() - timedelta(minutes=10), 5, 2))
    d = _dialog(qtbot, window)
    assert not d.no_episodes.isEnabled()
    d.no_episodes.setChecked(True)
    assert d.save()
    assert journal.get_checkin(clock.now().date()).no_episodes is False


def test_storage_error_is_shown_and_nothing_changes(qtbot, window, journal, monkeypatch):
    from journal.errors import StorageError

    d = _dialog(qtbot, window)
    d.caffeine.set_number(63)

    def fail(_c):  # type: ignore[no-untyped-def]
        raise StorageError("The journal file cannot be written (it or its folder is read-only).")

    monkeypatch.setattr(journal, "save_checkin", fail)
    assert not d.save()
    assert "read-only" in d.error_text("")
    assert d.isVisible() and d.caffeine.number() == 63


def test_dialog_class_is_the_one_the_window_opens(qtbot, window):
    assert isinstance(_dialog(qtbot, window), CheckInDialog)


def test_after_an_answer_the_focus_moves_to_the_next_question(qtbot, window):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAccessible
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    dialog = window.open_checkin()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.next_page()
    dialog.no_button.setFocus()
    first = dialog.current_question()
    QTest.keyClick(dialog.no_button, Qt.Key.Key_Space)
    assert dialog.current_question() is not first
    assert QApplication.focusWidget() is dialog.question_label
    iface = QAccessible.queryAccessibleInterface(dialog.question_label)
    assert iface.text(QAccessible.Text.Name) == dialog.question_label.text()
    assert "Question 2 of" in iface.text(QAccessible.Text.Description)
    dialog.reject()
