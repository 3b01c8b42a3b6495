"""Medications dialog: add, stop, mark as suspected, cramp-risk marking; the model is sound."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate

from journal.model import Medication, MedicationKind
from ui.models.medications import MedicationRow, MedicationTableModel


def test_model_passes_qtmodeltester(qtmodeltester, clock):
    today = clock.now().date()
    model = MedicationTableModel()
    model.set_rows([
        MedicationRow.from_medication(Medication("Atorvastatin", today - timedelta(days=30))),
        MedicationRow.from_medication(Medication("Magnesium", today, kind=MedicationKind.SUPPLEMENT,
                                                 stopped_on=today, suspected=True)),
    ])
    qtmodeltester.check(model)
    assert model.data(model.index(0, MedicationTableModel.RISK)) == "⚠ statin"


def test_add_stop_and_suspect(qtbot, window, journal, clock):
    dialog = window.open_medications()
    qtbot.waitUntil(dialog.isVisible)
    dialog.name_edit.setText("Atorvastatin")
    assert "known to cause cramps" in dialog.name_hint.text()
    dialog.dose_edit.setText("20 mg")
    dialog.start_edit.setDate(QDate(date(2026, 2, 1)))
    assert dialog.add()
    (med,) = journal.medications()
    assert (med.name, med.dose, med.started_on, med.suspected) == \
        ("Atorvastatin", "20 mg", date(2026, 2, 1), False)
    assert "Atorvastatin" in dialog.risk_label.text()
    dialog.table.selectRow(dialog.model.row_of(med.id))
    assert dialog.toggle_suspected()
    assert journal.get_medication(med.id).suspected is True
    dialog.stop_date.setDate(QDate(date(2026, 3, 10)))
    assert dialog.stop_selected()
    assert journal.get_medication(med.id).stopped_on == date(2026, 3, 10)
    window.undo()
    assert journal.get_medication(med.id).stopped_on is None


def test_missing_name_is_explained_and_nothing_is_stored(qtbot, window, journal):
    dialog = window.open_medications()
    qtbot.waitUntil(dialog.isVisible)
    dialog.dose_edit.setText("5 mg")
    assert not dialog.add()
    assert "needs a name" in dialog._errors["name"].text()
    assert dialog.dose_edit.text() == "5 mg"
    assert journal.medications() == []


def test_user_trigger_appears_in_quick_log_and_form(qtbot, window, journal):
    from ui.dialogs.triggers import trigger_id_for

    assert trigger_id_for("Cold weather!") == "cold_weather"
    dialog = window.open_triggers()
    dialog.label_edit.setText("Cold weather")
    assert dialog.add()
    assert [t.id for t in journal.user_triggers()] == ["cold_weather"]
    assert "cold_weather" in window.views["today"].chips.buttons
    window.views["today"].chips.buttons["cold_weather"].setChecked(True)
    window.views["today"]._picked(3)
    (ep,) = journal.episodes()
    assert [t.id for t in ep.triggers] == ["cold_weather"]
    dialog.label_edit.setText("Cold weather")
    assert not dialog.add()
    assert "already exists" in dialog.error.text()
