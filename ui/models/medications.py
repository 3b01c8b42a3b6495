"""A read-only table model over frozen medication rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from journal.model import Medication, MedicationKind
from ui.formatting import format_date

ID_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class MedicationRow:
    id: str
    name: str
    dose: str
    kind: MedicationKind
    started_on: date
    stopped_on: date | None
    suspected: bool
    cramp_risk: str | None

    @classmethod
    def from_medication(cls, m: Medication) -> MedicationRow:
        return cls(m.id, m.name, m.dose, MedicationKind(m.kind), m.started_on, m.stopped_on,
                   m.suspected, m.cramp_risk)


class MedicationTableModel(QAbstractTableModel):
    NAME, DOSE, KIND, STARTED, STOPPED, SUSPECTED, RISK = range(7)

    def __init__(self, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self._rows: list[MedicationRow] = []
        self._headers = [self.tr("Name"), self.tr("Dose"), self.tr("Kind"), self.tr("Started"),
                         self.tr("Stopped"), self.tr("Suspected"), self.tr("Known to cause cramps")]

    def set_rows(self, rows: list[MedicationRow]) -> None:
        self.beginResetModel()
        # Current ones first, then by start date (newest first).
        self._rows = sorted(rows, key=lambda r: (r.stopped_on is not None,
                                                 -r.started_on.toordinal(), r.name.casefold()))
        self.endResetModel()

    def row_at(self, row: int) -> MedicationRow:
        return self._rows[row]

    def row_of(self, medication_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == medication_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            # Over the left-aligned words of the column, not centred.
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if col == self.NAME:
                return r.name
            if col == self.DOSE:
                return r.dose
            if col == self.KIND:
                return (self.tr("Medication") if r.kind == MedicationKind.MEDICATION
                        else self.tr("Supplement"))
            if col == self.STARTED:
                return format_date(r.started_on)
            if col == self.STOPPED:
                return format_date(r.stopped_on) if r.stopped_on else self.tr("taking")
            if col == self.SUSPECTED:
                return self.tr("⚑ suspected") if r.suspected else ""
            if col == self.RISK:
                return {"statin": self.tr("⚠ statin"),
                        "diuretic": self.tr("⚠ diuretic")}.get(r.cramp_risk or "", "")
            return None
        if role == Qt.ItemDataRole.ToolTipRole and col == self.RISK and r.cramp_risk:
            return self.tr("Statins and diuretics are known to cause cramps (NHS: Leg cramps). "
                           "Do not stop a medicine yourself: ask your doctor.")
        if role == ID_ROLE:
            return r.id
        return None
