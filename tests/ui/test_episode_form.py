"""The episode form: keyboard-only quick log with defaults, every field stored, edit, and inline
validation errors with nothing stored."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest

from journal.model import (
    Activity,
    Episode,
    Kind,
    Radiates,
    Region,
    Relief,
    Side,
    TriggerTag,
    WarningSign,
)
from tests.ui.conftest import open_form


def _add_last(journal, clock):  # type: ignore[no-untyped-def]
    last = Episode(Kind.CRAMP, clock.now() - timedelta(hours=2), 90, 6, Side.RIGHT,
                   (Region.PIRIFORMIS, Region.GLUTE_MED))
    journal.add_episode(last)
    return last


def test_keyboard_only_quick_log_uses_defaults_of_last_episode(qtbot, window, journal, clock):
    _add_last(journal, clock)
    QTest.keySequence(window, QKeySequence(QKeySequence.StandardKey.New))
    form = open_form(qtbot, window)
    assert form.kind() == Kind.CRAMP
    QTest.keyClick(form.focusWidget(), Qt.Key.Key_7)
    QTest.keyClick(form.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not form.isVisible())
    episodes = journal.episodes()
    assert len(episodes) == 2
    new = max(episodes, key=lambda e: e.started_at)
    assert new.kind == Kind.CRAMP
    assert new.intensity == 7
    assert new.side == Side.RIGHT
    assert new.regions == (Region.PIRIFORMIS, Region.GLUTE_MED)
    assert new.started_at == clock.now()


def test_single_keys_set_kind_start_preset_side_and_ten(qtbot, window, journal, clock):
    window.quick_log.open_form()
    form = open_form(qtbot, window)
    target = form.focusWidget()
    for key in (Qt.Key.Key_C, Qt.Key.Key_Q, Qt.Key.Key_L, Qt.Key.Key_1, Qt.Key.Key_0):
        QTest.keyClick(target, key)
    assert form.kind() == Kind.CRAMP
    assert form.start() == clock.now() - timedelta(minutes=15)
    assert form.side() == Side.LEFT
    assert form.intensity.value() == 10
    assert form.save()
    (ep,) = journal.episodes()
    assert (ep.kind, ep.intensity, ep.side) == (Kind.CRAMP, 10, Side.LEFT)
    assert ep.started_at == clock.now() - timedelta(minutes=15)


def test_letters_typed_in_the_note_stay_text(qtbot, window, journal):
    window.quick_log.open_form()
    form = open_form(qtbot, window)
    form.set_kind(Kind.TWITCH)
    form.tabs.setCurrentIndex(1)
    form.note.setFocus()
    QTest.keyClicks(form.note, "CQL 5")
    assert form.note.toPlainText() == "CQL 5"
    assert form.kind() == Kind.TWITCH


def test_every_field_is_stored(qtbot, window, journal, clock):
    window.quick_log.open_form(Kind.TWITCH)
    form = open_form(qtbot, window)
    form.set_start_minutes_ago(30)
    form.duration_edit.setText("2m30s")
    form.intensity.setValue(4)
    form.side_buttons[Side.BOTH].setChecked(True)
    form.regions.setRegions([Region.LATERAL_HIP])
    form.radiates.setCurrentIndex(form.radiates.findData(Radiates.THIGH.value))
    form.activity.setCurrentIndex(form.activity.findData(Activity.SITTING.value))
    form.triggers.boxes["caffeine"].setChecked(True)
    form.triggers.amounts["caffeine"].setValue(190)
    form.triggers.boxes["stress"].setChecked(True)
    form.relief_boxes[Relief.STRETCH].setChecked(True)
    form.relief_score.setValue(6)
    form.note.setPlainText("After a long drive.\nSecond line.")
    form.warning_boxes[WarningSign.NUMBNESS_TINGLING].setChecked(True)
    assert form.save()
    (ep,) = journal.episodes()
    assert ep.kind == Kind.TWITCH
    assert ep.started_at == clock.now() - timedelta(minutes=30)
    assert ep.duration_s == 150
    assert ep.intensity == 4
    assert ep.side == Side.BOTH
    assert ep.regions == (Region.LATERAL_HIP,)
    assert ep.radiates_to == Radiates.THIGH
    assert ep.activity == Activity.SITTING
    assert ep.triggers == (TriggerTag("caffeine", 190.0, "mg"), TriggerTag("stress"))
    assert ep.relief == (Relief.STRETCH,)
    assert ep.relief_score == 6
    assert ep.note == "After a long drive.\nSecond line."
    assert ep.warning_signs == (WarningSign.NUMBNESS_TINGLING,)


def test_edit_changes_the_stored_episode(qtbot, window, journal, clock):
    last = _add_last(journal, clock)
    form = window.quick_log.edit(last.id)
    form = open_form(qtbot, window)
    assert form.editing
    assert form.intensity.value() == 6
    assert form.duration_edit.text() == "1m30s"
    form.intensity.setValue(2)
    form.set_kind(Kind.TWITCH)
    assert form.save()
    stored = journal.get_episode(last.id)
    assert stored is not None
    assert (stored.kind, stored.intensity, stored.duration_s) == (Kind.TWITCH, 2, 90)
    assert stored.started_at == last.started_at
    assert len(journal.episodes()) == 1


def test_validation_error_is_shown_beside_the_field_and_nothing_is_stored(qtbot, window, journal):
    window.quick_log.open_form()
    form = open_form(qtbot, window)
    form.duration_edit.setText("forever")
    form.note.setPlainText("keep me")
    assert not form.save()
    assert "not understood" in form.error_text("duration")
    assert form.isVisible()
    assert form.note.toPlainText() == "keep me"
    assert form.duration_edit.text() == "forever"
    assert journal.episodes() == []
    # A start in the future: the service refuses; the message sits beside the start field.
    form.duration_edit.setText("30s")
    form.set_start_minutes_ago(-60)
    assert not form.save()
    assert "future" in form.error_text("started_at")
    assert form.error_text("duration") == ""
    assert journal.episodes() == []


def test_storage_error_keeps_the_form_open(qtbot, window, journal, monkeypatch):
    from journal.errors import StorageError

    window.quick_log.open_form()
    form = open_form(qtbot, window)

    def fail(_ep):  # type: ignore[no-untyped-def]
        raise StorageError("The disk is full, so the entry could not be saved.")

    monkeypatch.setattr(journal, "add_episode", fail)
    assert not form.save()
    assert "disk is full" in form.error_text("")
    assert form.isVisible()


def test_kind_changes_the_intensity_wording(qtbot, window):
    window.quick_log.open_form(Kind.TWITCH)
    form = open_form(qtbot, window)
    assert "bothersome" in form.intensity_caption.text()
    form.set_kind(Kind.CRAMP)
    assert "painful" in form.intensity_caption.text()


def test_every_input_has_an_accessible_name(qtbot, window):
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractSpinBox,
        QComboBox,
        QLineEdit,
        QListWidget,
        QPlainTextEdit,
    )

    from ui.widgets.intensity import ScorePicker

    window.quick_log.open_form()
    form = open_form(qtbot, window)
    missing = []
    for cls in (QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit, QListWidget,
                QPlainTextEdit, ScorePicker):
        for w in form.findChildren(cls):
            if isinstance(w, QLineEdit) and isinstance(w.parent(), (QAbstractSpinBox, QComboBox)):
                continue
            if w.objectName().startswith("qt_") or type(w).__name__ == "QTabBar":
                continue
            if not (w.accessibleName() or (isinstance(w, QAbstractButton) and w.text())):
                missing.append(f"{type(w).__name__} {w.objectName()}")
    assert missing == []


def test_forward_tab_reaches_every_field_and_both_buttons(qtbot, window):  # type: ignore[no-untyped-def]
    """Before, forward Tab looped Save -> duration presets -> Save and never reached Cancel,
    the kind, the start, the intensity, the side, the map or the tabs."""
    from tests.helpers.focus import describe, tab_cycle, tab_stops

    window.quick_log.open_form()
    form = open_form(qtbot, window)
    for start in (form.save_button, form.kind_buttons[form.kind()]):
        cycle = tab_cycle(start, 200)
        missing = [describe(w) for w in tab_stops(form) if w not in cycle]
        assert missing == []
        assert cycle.index(form.cancel_button) == cycle.index(form.save_button) + 1 \
            or cycle[0] is form.cancel_button
    back = tab_cycle(form.save_button, 200, backwards=True)
    assert [describe(w) for w in tab_stops(form) if w not in back] == []
    form.close()


def test_the_warning_signs_tab_says_what_it_holds(qtbot, window):  # type: ignore[no-untyped-def]
    window.quick_log.open_form()
    form = open_form(qtbot, window)
    titles = [form.tabs.tabText(i).replace("&&", "&") for i in range(form.tabs.count())]
    a_sign = next(iter(form.warning_boxes.values()))
    index = next(i for i in range(form.tabs.count())
                 if form.tabs.widget(i).isAncestorOf(a_sign))
    assert titles[index] == "Warning signs", titles
    assert "doctor" in form.tabs.tabToolTip(index)
    form.close()
