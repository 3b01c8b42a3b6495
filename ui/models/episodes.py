"""A read-only table model over frozen episode rows (never ORM objects).

``EpisodeRow.from_episode`` turns a journal Episode into display-ready values once; the model only
hands them out. ``set_rows`` replaces everything (cheap: a day or a filtered list), and ``sort``
orders by the column's natural key (time, number), not by the displayed text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QPointF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap, QPolygonF

from journal.model import Episode, Kind, format_duration
from ui.formatting import format_time, format_weekday_date
from ui.theme import is_dark
from ui.widgets.labels import kind_label, region_short, side_label, trigger_label

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class EpisodeRow:
    id: str
    kind: Kind
    started_at: datetime
    duration_s: int
    intensity: int
    side: str
    regions: str
    triggers: str
    note: str
    warning_count: int

    @classmethod
    def from_episode(cls, ep: Episode, trigger_labels: dict[str, str] | None = None
                     ) -> EpisodeRow:
        trig = ", ".join(
            trigger_label(t.id, trigger_labels)
            + (f" {t.amount:g}{(' ' + t.unit) if t.unit else ''}" if t.amount is not None else "")
            for t in ep.triggers)
        return cls(
            id=ep.id, kind=Kind(ep.kind), started_at=ep.started_at, duration_s=ep.duration_s,
            intensity=ep.intensity, side=side_label(ep.side) if ep.side else "",
            regions=", ".join(region_short(r) for r in ep.regions), triggers=trig,
            note=ep.note, warning_count=len(ep.warning_signs),
        )


# Okabe-Ito orange and blue (sky blue on dark backgrounds), and a different shape per kind:
# never colour alone.
_KIND_COLOURS = {(Kind.TWITCH, False): QColor("#E69F00"), (Kind.CRAMP, False): QColor("#0072B2"),
                 (Kind.TWITCH, True): QColor("#E69F00"), (Kind.CRAMP, True): QColor("#56B4E9")}
_ICONS: dict[tuple[Kind, bool], QIcon] = {}


def kind_icon(kind: Kind, dark: bool | None = None) -> QIcon:
    if dark is None:
        dark = is_dark()
    key = (kind, dark)
    if key not in _ICONS:
        pm = QPixmap(28, 28)
        pm.fill(QColor(0, 0, 0, 0))
        p = QPainter(pm)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(QColor(0, 0, 0, 90))
        p.setBrush(_KIND_COLOURS[key])
        if kind == Kind.TWITCH:
            p.drawEllipse(5, 5, 18, 18)
        else:
            p.drawPolygon(QPolygonF([QPointF(14, 3), QPointF(25, 24), QPointF(3, 24)]))
        p.end()
        _ICONS[key] = QIcon(pm)
    return _ICONS[key]


class EpisodeTableModel(QAbstractTableModel):
    DATE, TIME, KIND, INTENSITY, DURATION, SIDE, REGIONS, TRIGGERS, NOTE = range(9)

    def __init__(self, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self._rows: list[EpisodeRow] = []
        self._sort: tuple[int, Qt.SortOrder] = (self.DATE, Qt.SortOrder.DescendingOrder)
        self._headers = [self.tr("Date"), self.tr("Time"), self.tr("Kind"), self.tr("Intensity"),
                         self.tr("Duration"), self.tr("Side"), self.tr("Where"),
                         self.tr("Triggers"), self.tr("Note")]

    # --- data in ----------------------------------------------------------------------------

    def set_rows(self, rows: list[EpisodeRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._apply_sort()
        self.endResetModel()

    def row_at(self, row: int) -> EpisodeRow:
        return self._rows[row]

    def rows(self) -> list[EpisodeRow]:
        return list(self._rows)

    def row_of(self, episode_id: str) -> int:
        for i, r in enumerate(self._rows):
            if r.id == episode_id:
                return i
        return -1

    # --- Qt model API -----------------------------------------------------------------------

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
            # Over its data, not centred: numbers right, words left.
            return self._alignment(section)
        return None

    def _alignment(self, col: int) -> int:
        if col in (self.INTENSITY, self.DURATION):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

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
            return self._display(r, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.NOTE and r.note:
                return r.note
            if col == self.KIND and r.warning_count:
                return self.tr("{0} warning sign(s) noted").format(r.warning_count)
            return None
        if role == Qt.ItemDataRole.DecorationRole and col == self.KIND:
            return kind_icon(r.kind)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(col)
        if role == ID_ROLE:
            return r.id
        if role == SORT_ROLE:
            return self._key(r, col)
        return None

    def _display(self, r: EpisodeRow, col: int) -> str:
        if col == self.DATE:
            return format_weekday_date(r.started_at.date())
        if col == self.TIME:
            return format_time(r.started_at)
        if col == self.KIND:
            return kind_label(r.kind) + (" ⚠" if r.warning_count else "")
        if col == self.INTENSITY:
            return str(r.intensity)
        if col == self.DURATION:
            return format_duration(r.duration_s)
        if col == self.SIDE:
            return r.side
        if col == self.REGIONS:
            return r.regions
        if col == self.TRIGGERS:
            return r.triggers
        if col == self.NOTE:
            first = r.note.strip().splitlines()[0] if r.note.strip() else ""
            return first if len(first) <= 80 else first[:79] + "…"
        return ""

    def _key(self, r: EpisodeRow, col: int) -> object:
        if col in (self.DATE, self.TIME):
            return r.started_at.timestamp()
        if col == self.INTENSITY:
            return r.intensity
        if col == self.DURATION:
            return r.duration_s
        return self._display(r, col).casefold()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._headers):
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        ids = [self._rows[i.row()].id for i in old]
        self._sort = (column, order)
        self._apply_sort()
        position = {r.id: n for n, r in enumerate(self._rows)}
        self.changePersistentIndexList(
            old, [self.index(position[i], idx.column()) for i, idx in zip(ids, old, strict=True)])
        self.layoutChanged.emit()

    def _apply_sort(self) -> None:
        column, order = self._sort
        self._rows.sort(key=lambda r: (self._key(r, column), r.started_at.timestamp()),  # type: ignore[arg-type, return-value]
                        reverse=order == Qt.SortOrder.DescendingOrder)
