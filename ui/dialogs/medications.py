"""Medications and supplements: add, stop, mark as suspected.

Statins and diuretics are known to cause cramps; the list marks them (with a symbol and words,
not only colour) and says not to stop a medicine without asking a doctor.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from journal.errors import StorageError, ValidationError
from journal.model import Medication, MedicationKind, known_cramp_risk
from ui.formatting import date_format_pattern
from ui.models.medications import ID_ROLE, MedicationRow, MedicationTableModel


class MedicationsDialog(QDialog):
    def __init__(self, window) -> None:  # type: ignore[no-untyped-def]
        super().__init__(window)
        self.main_window = window
        self.journal = window.journal
        self.setObjectName("medicationsDialog")
        self.setWindowTitle(self.tr("Medications and supplements"))
        self.resize(900, 560)
        self._errors: dict[str, QLabel] = {}
        root = QVBoxLayout(self)
        root.setContentsMargins(18, 14, 18, 14)
        root.setSpacing(10)
        intro = QLabel(self.tr(
            "What you take, and when you started or stopped it. Mark one as suspected if you "
            "think it may be behind the symptoms; your doctor sees this in the report. Never "
            "stop a prescribed medicine without asking your doctor."), self)
        intro.setWordWrap(True)
        intro.setObjectName("hint")
        root.addWidget(intro)

        self.model = MedicationTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Medications and supplements"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(MedicationTableModel.NAME, QHeaderView.ResizeMode.Stretch)
        root.addWidget(self.table, 1)
        self.risk_label = QLabel(self)
        self.risk_label.setWordWrap(True)
        root.addWidget(self.risk_label)

        actions = QHBoxLayout()
        self.stop_date = QDateEdit(self)
        self.stop_date.setCalendarPopup(True)
        self.stop_date.setDisplayFormat(date_format_pattern())
        self.stop_date.setMaximumDate(QDate(self.journal.today()))
        self.stop_date.setDate(QDate(self.journal.today()))
        self.stop_date.setAccessibleName(self.tr("Stop date"))
        self.stop_button = QPushButton(self.tr("&Stopped on"), self)
        self.stop_button.setAccessibleName(self.tr("Mark the selected one as stopped on the date"))
        self.stop_button.clicked.connect(self.stop_selected)
        self.suspect_button = QPushButton(self.tr("Toggle s&uspected"), self)
        self.suspect_button.setAccessibleName(self.tr("Mark or unmark the selected one as "
                                                      "suspected"))
        self.suspect_button.clicked.connect(self.toggle_suspected)
        self.delete_button = QPushButton(self.tr("&Delete"), self)
        self.delete_button.setAccessibleName(self.tr("Delete the selected one"))
        self.delete_button.clicked.connect(self.delete_selected)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_selected)
        actions.addWidget(self.stop_button)
        actions.addWidget(self.stop_date)
        actions.addWidget(self.suspect_button)
        actions.addStretch(1)
        actions.addWidget(self.delete_button)
        root.addLayout(actions)
        self.action_error = QLabel(self)
        self.action_error.setObjectName("fieldError")
        self.action_error.hide()
        root.addWidget(self.action_error)

        add = QFrame(self)
        add.setObjectName("card")
        grid = QGridLayout(add)
        grid.setContentsMargins(14, 10, 14, 10)
        title = QLabel(self.tr("Add one"), add)
        title.setObjectName("cardTitle")
        grid.addWidget(title, 0, 0, 1, 6)
        self.name_edit = QLineEdit(add)
        self.name_edit.setPlaceholderText(self.tr("Name, e.g. atorvastatin or magnesium"))
        self.name_edit.setAccessibleName(self.tr("Name"))
        self.name_edit.textChanged.connect(self._name_changed)
        self.dose_edit = QLineEdit(add)
        self.dose_edit.setPlaceholderText(self.tr("Dose, e.g. 20 mg daily"))
        self.dose_edit.setAccessibleName(self.tr("Dose"))
        self.kind_combo = QComboBox(add)
        self.kind_combo.setAccessibleName(self.tr("Medication or supplement"))
        self.kind_combo.addItem(self.tr("Medication"), MedicationKind.MEDICATION.value)
        self.kind_combo.addItem(self.tr("Supplement"), MedicationKind.SUPPLEMENT.value)
        self.start_edit = QDateEdit(add)
        self.start_edit.setCalendarPopup(True)
        self.start_edit.setDisplayFormat(date_format_pattern())
        self.start_edit.setMaximumDate(QDate(self.journal.today()))
        self.start_edit.setDate(QDate(self.journal.today()))
        self.start_edit.setAccessibleName(self.tr("Started on"))
        self.suspected_box = QCheckBox(self.tr("I suspect this one"), add)
        self.add_button = QPushButton(self.tr("&Add"), add)
        self.add_button.setObjectName("primary")
        self.add_button.setDefault(True)
        self.add_button.clicked.connect(self.add)
        grid.addWidget(self.name_edit, 1, 0, 1, 2)
        grid.addWidget(self.dose_edit, 1, 2)
        grid.addWidget(self.kind_combo, 1, 3)
        started = QLabel(self.tr("started"), add)
        started.setBuddy(self.start_edit)
        grid.addWidget(started, 1, 4)
        grid.addWidget(self.start_edit, 1, 5)
        grid.addWidget(self.suspected_box, 2, 0)
        self.name_hint = QLabel(add)
        self.name_hint.setWordWrap(True)
        grid.addWidget(self.name_hint, 2, 1, 1, 4)
        grid.addWidget(self.add_button, 2, 5)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(2, 2)
        for i, field in enumerate(("name", "started_on", "stopped_on", "")):
            label = QLabel(add)
            label.setObjectName("fieldError" if field else "formError")
            label.setWordWrap(True)
            label.hide()
            self._errors[field] = label
            grid.addWidget(label, 3 + i, 0, 1, 6)
        root.addWidget(add)
        close = QPushButton(self.tr("Close"), self)
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(close)
        root.addLayout(row)
        for b in (self.stop_button, self.suspect_button, self.delete_button):
            b.setAutoDefault(False)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection())
        window.journalChanged.connect(self._on_change)
        self.refresh()
        self.name_edit.setFocus()

    def _on_change(self, change) -> None:  # type: ignore[no-untyped-def]
        if change.entity in ("medication", "journal"):
            self.refresh()

    def refresh(self) -> None:
        selected = self.selected_id()
        meds = self.journal.medications()
        self.model.set_rows([MedicationRow.from_medication(m) for m in meds])
        risky = [m for m in meds if m.cramp_risk and m.stopped_on is None]
        self.risk_label.setText(
            self.tr("⚠ {0}: statins and diuretics are known to cause cramps (NHS: Leg cramps). "
                    "The report points this out to your doctor. Do not stop it yourself.").format(
                ", ".join(m.name for m in risky)) if risky else "")
        self.risk_label.setVisible(bool(risky))
        if selected and self.model.row_of(selected) >= 0:
            self.table.selectRow(self.model.row_of(selected))
        self._selection()

    def _selection(self) -> None:
        has = self.selected_id() is not None
        for b in (self.stop_button, self.suspect_button, self.delete_button):
            b.setEnabled(has)

    def _name_changed(self, text: str) -> None:
        risk = known_cramp_risk(text)
        self.name_hint.setText(
            self.tr("⚠ A {0}: known to cause cramps in some people.").format(risk)
            if risk else "")

    def selected_id(self) -> str | None:
        if not hasattr(self, "table"):
            return None
        rows = self.table.selectionModel().selectedRows()
        return str(self.model.data(rows[0], ID_ROLE)) if rows else None

    def _clear_errors(self) -> None:
        for label in self._errors.values():
            label.hide()
        self.action_error.hide()

    def _show_error(self, exc: Exception, field: str) -> None:
        label = self._errors.get(field) or self._errors[""]
        label.setText("⚠ " + str(exc))
        label.show()

    def add(self) -> bool:
        self._clear_errors()
        med = Medication(
            name=self.name_edit.text().strip(),
            started_on=self.start_edit.date().toPython(),
            dose=self.dose_edit.text().strip(),
            kind=MedicationKind(self.kind_combo.currentData()),
            suspected=self.suspected_box.isChecked(),
        )
        try:
            change = self.journal.add_medication(med)
        except ValidationError as exc:
            self._show_error(exc, exc.field)
            (self.start_edit if exc.field == "started_on" else self.name_edit).setFocus()
            return False
        except StorageError as exc:
            self._show_error(exc, "")
            return False
        self.main_window.announce(change)
        self.name_edit.clear()
        self.dose_edit.clear()
        self.suspected_box.setChecked(False)
        self.table.selectRow(self.model.row_of(med.id))
        self.name_edit.setFocus()
        return True

    def _mutate(self, mutation) -> bool:  # type: ignore[no-untyped-def]
        self._clear_errors()
        try:
            change = mutation()
        except (ValidationError, StorageError) as exc:
            self.action_error.setText("⚠ " + str(exc))
            self.action_error.show()
            return False
        self.main_window.announce(change)
        return True

    def stop_selected(self) -> bool:
        med_id = self.selected_id()
        if med_id is None:
            return False
        on = self.stop_date.date().toPython()
        return self._mutate(lambda: self.journal.stop_medication(med_id, on))

    def toggle_suspected(self) -> bool:
        med_id = self.selected_id()
        current = self.journal.get_medication(med_id) if med_id else None
        if current is None:
            return False
        return self._mutate(lambda: self.journal.update_medication(
            current.with_changes(suspected=not current.suspected)))

    def delete_selected(self) -> bool:
        med_id = self.selected_id()
        if med_id is None:
            return False
        return self._mutate(lambda: self.journal.delete_medication(med_id))
