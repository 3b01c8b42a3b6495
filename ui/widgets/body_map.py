"""The body-map region picker: a back view of the hips (resources/body_map.svg) plus a checklist.

Each region is one SVG shape whose id is the region id. The map is drawn by QSvgRenderer with its
colours swapped for the palette's; clicks are hit-tested against each shape's own rendered pixels
(not its bounding box), so neighbouring regions never steal a click. A selected region is filled,
hatched and keeps its number, so the choice never depends on colour alone. The checklist beside it
carries the same numbers and names and is the keyboard way in (Space toggles); the map itself also
takes the keyboard: arrows move between regions, Space toggles.

To a screen reader the map is a list of its regions: BodyMap is a QListView over one item per
region (named by the vocabulary), painted as the picture, so Qt's own item-view interface exposes
a multi-selectable list whose items say whether they are chosen, follow the keyboard cursor and can
be chosen through AT-SPI's selection. The view's geometry (visualRect, indexAt) is the picture's.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QByteArray,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from journal.model import Region
from ui.assets import resource_path
from ui.theme import is_dark
from ui.widgets.labels import REGION_ORDER, region_compact, region_label

# The literal colours in the SVG file, replaced with palette-aware ones at load time.
_SVG_BODY, _SVG_REGION, _SVG_STROKE = "#efe6dd", "#e2d3c4", "#7d6a5a"


def body_map_svg_text() -> str:
    return resource_path("body_map.svg").read_text(encoding="utf-8")


def _is_dark(pal: QPalette) -> bool:
    return is_dark(pal)


class BodyMap(QListView):
    """Just the picture: click a region to toggle it. An item view, for screen readers."""

    toggled = Signal(str, bool)  # region id, now selected

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._svg = body_map_svg_text()
        self._selected: list[Region] = []  # in the order chosen
        self._hover: Region | None = None
        self._masks: dict[Region, QImage] = {}
        self._mask_dpr = 1.0
        self._renderers: dict[str, QSvgRenderer] = {}
        self._palette_key = ""
        self._syncing = False
        self._items = QStandardItemModel(self)
        for i, region in enumerate(REGION_ORDER):
            item = QStandardItem(region_label(region))
            item.setData(region.value, Qt.ItemDataRole.UserRole)
            item.setToolTip(f"{i + 1}  {region_label(region)}")
            item.setEditable(False)
            item.setDragEnabled(False)
            item.setDropEnabled(False)
            self._items.appendRow(item)
        self.setModel(self._items)
        self.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAutoScroll(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.viewport().setAutoFillBackground(False)
        self.viewport().setMouseTracking(True)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(self.tr("Body map, back view"))
        self.setAccessibleDescription(self.tr(
            "Arrow keys move between regions, Space chooses or clears one."))
        self.setToolTip(
            self.tr("Back view: your left is on the left. Click a region to choose it."))
        self.selectionModel().setCurrentIndex(self._items.index(0, 0),
                                              QItemSelectionModel.SelectionFlag.NoUpdate)
        # A region chosen through the screen reader's selection reaches the map as a click does.
        self.selectionModel().selectionChanged.connect(self._from_selection)

    # --- state ------------------------------------------------------------------------------

    @property
    def _cursor(self) -> int:
        """The keyboard position in REGION_ORDER: the view's current item."""
        return max(0, self.currentIndex().row())

    def _move_cursor(self, row: int) -> None:
        self.selectionModel().setCurrentIndex(self._items.index(row, 0),
                                              QItemSelectionModel.SelectionFlag.NoUpdate)

    def selected(self) -> tuple[Region, ...]:
        return tuple(self._selected)

    def setSelected(self, regions: object) -> None:
        self._selected = list(dict.fromkeys(Region(r) for r in regions))  # type: ignore[attr-defined]
        self._sync_selection()
        self.viewport().update()

    def toggle(self, region: Region) -> None:
        on = region not in self._selected
        if on:
            self._selected.append(region)
        else:
            self._selected.remove(region)
        self._sync_selection()
        self.viewport().update()
        self.toggled.emit(region.value, on)

    def _sync_selection(self) -> None:
        """The item view's selection shows the chosen regions (what a screen reader reads)."""
        self._syncing = True
        try:
            chosen = QItemSelection()
            for region in self._selected:
                index = self._items.index(REGION_ORDER.index(region), 0)
                chosen.select(index, index)
            self.selectionModel().select(chosen,
                                         QItemSelectionModel.SelectionFlag.ClearAndSelect)
        finally:
            self._syncing = False

    def _from_selection(self, *_args: object) -> None:
        if self._syncing:
            return
        now = {Region(i.data(Qt.ItemDataRole.UserRole))
               for i in self.selectionModel().selectedIndexes()}
        for region in list(self._selected):
            if region not in now:
                self._selected.remove(region)
                self.toggled.emit(region.value, False)
        for region in REGION_ORDER:
            if region in now and region not in self._selected:
                self._selected.append(region)
                self.toggled.emit(region.value, True)
        self.viewport().update()

    # --- geometry ---------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(300, 360)

    def minimumSizeHint(self) -> QSize:
        return QSize(200, 240)

    def _view_rect(self) -> QRectF:
        renderer = self._renderer("normal")
        box = renderer.viewBoxF()
        avail = QRectF(self.viewport().rect()).adjusted(18, 6, -18, -6)
        scale = min(avail.width() / box.width(), avail.height() / box.height())
        w, h = box.width() * scale, box.height() * scale
        return QRectF(avail.center().x() - w / 2, avail.center().y() - h / 2, w, h)

    def _map(self, r: QRectF) -> QRectF:
        box = self._renderer("normal").viewBoxF()
        view = self._view_rect()
        sx, sy = view.width() / box.width(), view.height() / box.height()
        return QRectF(view.left() + (r.left() - box.left()) * sx,
                      view.top() + (r.top() - box.top()) * sy, r.width() * sx, r.height() * sy)

    def anchor_points(self, region: Region) -> tuple[QPointF, QPointF]:
        """Where the region's number sits on the left and on the right (widget coordinates)."""
        renderer = self._renderer("normal")
        box = renderer.viewBoxF()
        a = renderer.boundsOnElement(f"anchor_{region.value}").center()
        mirrored = QPointF(box.left() + box.right() - a.x(), a.y())
        return (self._map(QRectF(a, a)).topLeft(), self._map(QRectF(mirrored, mirrored)).topLeft())

    def region_at(self, pos: QPointF) -> Region | None:
        if not self._masks:
            self._build_masks()
        dpr = self._mask_dpr
        x, y = round(pos.x() * dpr), round(pos.y() * dpr)
        for region in reversed(REGION_ORDER):
            mask = self._masks.get(region)
            if mask is not None and mask.valid(x, y) and mask.pixelColor(x, y).alpha() > 40:
                return region
        return None

    def _build_masks(self) -> None:
        renderer = self._renderer("normal")
        self._masks.clear()
        size = self.viewport().size()
        if size.width() <= 0 or size.height() <= 0:
            return
        # Masks at device resolution: crisp hatching and exact hits on high-DPI screens.
        self._mask_dpr = max(1.0, self.devicePixelRatioF())
        for region in REGION_ORDER:
            img = QImage(size * self._mask_dpr, QImage.Format.Format_ARGB32_Premultiplied)
            img.setDevicePixelRatio(self._mask_dpr)
            img.fill(Qt.GlobalColor.transparent)
            p = QPainter(img)
            renderer.render(p, region.value, self._map(renderer.boundsOnElement(region.value)))
            p.end()
            self._masks[region] = img

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._masks.clear()
        super().resizeEvent(event)

    # --- the item view's geometry is the picture's -------------------------------------------

    def visualRect(self, index: QModelIndex | QPersistentModelIndex) -> QRect:
        """Where a region is drawn (both sides), in viewport coordinates."""
        if not index.isValid():
            return QRect()
        region = REGION_ORDER[index.row()]
        renderer = self._renderer("normal")
        return self._map(renderer.boundsOnElement(region.value)).toAlignedRect()

    def indexAt(self, point: QPoint) -> QModelIndex:
        region = self.region_at(QPointF(point))
        if region is None:
            return QModelIndex()
        return self._items.index(REGION_ORDER.index(region), 0)

    def scrollTo(self, _index: QModelIndex | QPersistentModelIndex,
                 _hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible
                 ) -> None:
        """The whole picture is always in view: nothing to scroll."""

    # --- colours ----------------------------------------------------------------------------

    def _colours(self) -> dict[str, QColor]:
        pal = self.palette()
        dark = _is_dark(pal)
        return {
            "body": QColor("#4a4340") if dark else QColor("#f3ece5"),
            "region": QColor("#5b524c") if dark else QColor("#e6d8ca"),
            "stroke": QColor("#b7a797") if dark else QColor("#6f5d4e"),
            # Okabe-Ito blue (light) / sky blue (dark): readable on both, colour-blind safe.
            "selected": QColor("#56B4E9") if dark else QColor("#0072B2"),
            "selected_text": QColor("#101418") if dark else QColor("#ffffff"),
            "hover": QColor("#6b7d8c") if dark else QColor("#cfe3f2"),
        }

    def _renderer(self, state: str) -> QSvgRenderer:
        c = self._colours()
        key = ",".join(v.name() for v in c.values())
        if key != self._palette_key:
            self._renderers.clear()
            self._palette_key = key
        if state not in self._renderers:
            fill = {"normal": c["region"], "selected": c["selected"], "hover": c["hover"]}[state]
            text = (self._svg.replace(_SVG_BODY, c["body"].name())
                    .replace(_SVG_REGION, fill.name()).replace(_SVG_STROKE, c["stroke"].name()))
            self._renderers[state] = QSvgRenderer(QByteArray(text.encode("utf-8")), self)
        return self._renderers[state]

    # --- painting ---------------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:
        c = self._colours()
        p = QPainter(self.viewport())
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        normal = self._renderer("normal")
        body_rect = self._map(normal.boundsOnElement("body"))
        normal.render(p, "body", body_rect)
        for region in REGION_ORDER:
            state = ("selected" if region in self._selected
                     else "hover" if region == self._hover else "normal")
            renderer = self._renderer(state)
            bounds = self._map(renderer.boundsOnElement(region.value))
            renderer.render(p, region.value, bounds)
        normal.render(p, "midline", self._map(normal.boundsOnElement("midline")))
        # Hatching over selected regions: the selection shows without relying on colour.
        if self._selected:
            if not self._masks:
                self._build_masks()
            for region in self._selected:
                mask = self._masks.get(region)
                if mask is None:
                    continue
                hatch = QImage(mask)
                hp = QPainter(hatch)
                hp.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
                hp.fillRect(hatch.rect(), QBrush(c["selected_text"], Qt.BrushStyle.BDiagPattern))
                hp.end()
                p.setOpacity(0.45)
                p.drawImage(0, 0, hatch)
                p.setOpacity(1.0)
        self._paint_numbers(p, c)
        # Side letters: a back view, so the person's left is on the viewer's left.
        p.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        f = QFont(self.font())
        f.setBold(True)
        p.setFont(f)
        body = self._map(normal.boundsOnElement("body"))
        p.drawText(QRectF(body.left() - 22, body.top(), 20, 24), Qt.AlignmentFlag.AlignCenter,
                   self.tr("L"))
        p.drawText(QRectF(body.right() + 2, body.top(), 20, 24), Qt.AlignmentFlag.AlignCenter,
                   self.tr("R"))
        p.end()

    def _paint_numbers(self, p: QPainter, c: dict[str, QColor]) -> None:
        f = QFont(self.font())
        f.setPointSizeF(max(7.0, f.pointSizeF() * 0.8))
        f.setBold(True)
        p.setFont(f)
        radius = max(7.0, min(10.0, self._view_rect().width() / 40))
        for i, region in enumerate(REGION_ORDER):
            selected = region in self._selected
            focused = self.hasFocus() and i == self._cursor
            left, right = self.anchor_points(region)
            # A region that straddles the midline gets one number, not two.
            points = [left] if abs(left.x() - right.x()) < 1 else [left, right]
            for pt in points:
                circle = QRectF(pt.x() - radius, pt.y() - radius, 2 * radius, 2 * radius)
                p.setPen(QPen(c["stroke"], 2.0 if focused else 1.0))
                p.setBrush(c["selected_text"] if selected else c["body"])
                p.drawEllipse(circle)
                p.setPen(c["selected"] if selected else c["stroke"].darker(130)
                         if not _is_dark(self.palette()) else QColor("#f0e8e0"))
                p.drawText(circle, Qt.AlignmentFlag.AlignCenter, str(i + 1))
                if focused:
                    p.setPen(QPen(self.palette().color(QPalette.ColorRole.WindowText), 1.5,
                                  Qt.PenStyle.DotLine))
                    p.setBrush(Qt.BrushStyle.NoBrush)
                    p.drawEllipse(circle.adjusted(-4, -4, 4, 4))

    # --- input ------------------------------------------------------------------------------
    # The view's own mouse and key handling (drag-selecting, type-ahead, Page keys) is replaced:
    # a click toggles the region under the pointer's own pixels, the keys are the map's.

    def mousePressEvent(self, event: QMouseEvent) -> None:
        region = self.region_at(event.position())
        if region is None or event.button() != Qt.MouseButton.LeftButton:
            event.ignore()
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self._move_cursor(REGION_ORDER.index(region))
        self.toggle(region)
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.mousePressEvent(event)  # a second quick click toggles again, as on any button

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        region = self.region_at(event.position())
        if region != self._hover:
            self._hover = region
            self.setToolTip(region_label(region) if region else "")
            self.viewport().setCursor(Qt.CursorShape.PointingHandCursor if region
                                      else Qt.CursorShape.ArrowCursor)
            self.viewport().update()

    def leaveEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self._hover = None
        self.viewport().update()
        super().leaveEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        n = len(REGION_ORDER)
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Right):
            self._move_cursor((self._cursor + 1) % n)
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Left):
            self._move_cursor((self._cursor - 1) % n)
        elif key == Qt.Key.Key_Home:
            self._move_cursor(0)
        elif key == Qt.Key.Key_End:
            self._move_cursor(n - 1)
        elif key == Qt.Key.Key_Space:
            self.toggle(REGION_ORDER[self._cursor])
        else:
            event.ignore()
            return
        self.viewport().update()
        event.accept()

    def focusInEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.viewport().update()
        super().focusInEvent(event)

    def focusOutEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.viewport().update()
        super().focusOutEvent(event)


class RegionPicker(QWidget):
    """The map and a numbered checklist, kept in step."""

    regionsChanged = Signal(tuple)

    def __init__(self, parent: QWidget | None = None, *, with_list: bool = True,
                 vertical: bool = False) -> None:
        super().__init__(parent)
        layout: QHBoxLayout | QVBoxLayout = QVBoxLayout(self) if vertical else QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        self.map = BodyMap(self)
        layout.addWidget(self.map, 3)
        self.list = QListWidget(self)
        self.list.setObjectName("regionList")
        self.list.setAccessibleName(self.tr("Regions"))
        self.list.setUniformItemSizes(True)
        self.list.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for i, region in enumerate(REGION_ORDER):
            name = region_compact(region) if vertical else region_label(region)
            item = QListWidgetItem(f"{i + 1}  {name}", self.list)
            item.setToolTip(region_label(region))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, region_label(region))
            item.setData(Qt.ItemDataRole.UserRole, region.value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        if vertical:
            # Under the map: the list flows into columns so the map keeps the height.
            self.list.setFlow(QListWidget.Flow.TopToBottom)
            self.list.setWrapping(True)
            self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
            self.list.setSpacing(1)
            self.list.setUniformItemSizes(False)
            rows = (len(REGION_ORDER) + 1) // 2
            fm = self.list.fontMetrics()
            widest = max(fm.horizontalAdvance(self.list.item(i).text())
                         for i in range(self.list.count()))
            row_h = self.list.sizeHintForRow(0) + 2
            # checkbox + gaps + text: every name whole, two columns.
            self.list.setGridSize(QSize(widest + 40, row_h))
            self.list.setFixedHeight(rows * row_h + 14)
            self.list.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        else:
            self.list.setMinimumWidth(self.list.sizeHintForColumn(0) + 16)
        side = QVBoxLayout()
        side.setSpacing(4)
        hint = QLabel(self.tr("Where was it? Pick one or more."), self)
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        side.addWidget(hint)
        side.addWidget(self.list, 1)
        layout.addLayout(side, 0 if vertical else 2)
        self.list.setVisible(with_list)
        hint.setVisible(with_list)
        self._syncing = False
        self.map.toggled.connect(self._from_map)
        self.list.itemChanged.connect(self._from_list)

    def regions(self) -> tuple[Region, ...]:
        return self.map.selected()

    def setRegions(self, regions: object) -> None:
        self.map.setSelected(regions)
        self._sync_list()

    def _sync_list(self) -> None:
        self._syncing = True
        chosen = set(self.map.selected())
        for i in range(self.list.count()):
            item = self.list.item(i)
            on = Region(item.data(Qt.ItemDataRole.UserRole)) in chosen
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self._syncing = False

    def _from_map(self, _region: str, _on: bool) -> None:
        self._sync_list()
        self.regionsChanged.emit(self.regions())

    def _from_list(self, item: QListWidgetItem) -> None:
        if self._syncing:
            return
        chosen = list(self.map.selected())
        region = Region(item.data(Qt.ItemDataRole.UserRole))
        if item.checkState() == Qt.CheckState.Checked:
            if region not in chosen:
                chosen.append(region)
        elif region in chosen:
            chosen.remove(region)
        self.map.setSelected(chosen)
        self.regionsChanged.emit(self.regions())
