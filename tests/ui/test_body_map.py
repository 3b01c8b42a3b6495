"""The body map: every region is a separate SVG shape; picking works by mouse and keyboard."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from journal.model import Region
from ui.assets import resource_path
from ui.widgets.body_map import RegionPicker
from ui.widgets.labels import REGION_ORDER


def test_svg_has_one_shape_per_region_with_the_region_id():
    tree = ET.parse(resource_path("body_map.svg"))
    ids = [el.get("id") for el in tree.iter() if el.get("id")]
    for region in Region:
        assert ids.count(region.value) == 1, region
    assert set(REGION_ORDER) == set(Region)


def test_each_number_sits_inside_its_own_region(qtbot):
    picker = RegionPicker()
    qtbot.addWidget(picker)
    picker.resize(700, 480)
    picker.show()
    qtbot.waitExposed(picker)
    for region in Region:
        for point in picker.map.anchor_points(region):
            assert picker.map.region_at(point) == region


def test_clicking_regions_selects_and_unselects(qtbot):
    picker = RegionPicker()
    qtbot.addWidget(picker)
    picker.resize(700, 480)
    picker.show()
    qtbot.waitExposed(picker)
    seen = []
    picker.regionsChanged.connect(seen.append)
    left, right = picker.map.anchor_points(Region.PIRIFORMIS)
    QTest.mouseClick(picker.map.viewport(), Qt.MouseButton.LeftButton, pos=left.toPoint())
    _, hip_right = picker.map.anchor_points(Region.LATERAL_HIP)
    QTest.mouseClick(picker.map.viewport(), Qt.MouseButton.LeftButton, pos=hip_right.toPoint())
    assert picker.regions() == (Region.PIRIFORMIS, Region.LATERAL_HIP)
    item = picker.list.item(REGION_ORDER.index(Region.PIRIFORMIS))
    assert item.checkState() == Qt.CheckState.Checked
    QTest.mouseClick(picker.map.viewport(), Qt.MouseButton.LeftButton, pos=right.toPoint())
    assert picker.regions() == (Region.LATERAL_HIP,)
    assert item.checkState() == Qt.CheckState.Unchecked
    assert seen[-1] == (Region.LATERAL_HIP,)
    # Outside the body nothing happens.
    QTest.mouseClick(picker.map.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(3, 3))
    assert picker.regions() == (Region.LATERAL_HIP,)


def test_keyboard_selects_through_the_list_and_the_map(qtbot):
    picker = RegionPicker()
    qtbot.addWidget(picker)
    picker.resize(700, 480)
    picker.show()
    qtbot.waitExposed(picker)
    picker.list.setFocus()
    picker.list.setCurrentRow(REGION_ORDER.index(Region.SI_JOINT))
    QTest.keyClick(picker.list, Qt.Key.Key_Space)
    assert picker.regions() == (Region.SI_JOINT,)
    picker.map.setFocus()
    QTest.keyClick(picker.map, Qt.Key.Key_Down)
    QTest.keyClick(picker.map, Qt.Key.Key_Down)
    QTest.keyClick(picker.map, Qt.Key.Key_Space)
    assert picker.regions() == (Region.SI_JOINT, REGION_ORDER[2])
    assert picker.list.item(2).checkState() == Qt.CheckState.Checked


def test_map_follows_the_palette(qtbot):
    from PySide6.QtGui import QColor, QPalette

    picker = RegionPicker()
    qtbot.addWidget(picker)
    light = picker.map._colours()["region"]
    pal = picker.map.palette()
    pal.setColor(QPalette.ColorRole.Window, QColor(30, 30, 30))
    picker.map.setPalette(pal)
    assert picker.map._colours()["region"] != light


def test_the_map_is_a_list_of_its_regions_to_a_screen_reader(qtbot):  # type: ignore[no-untyped-def]
    """Without sight the map is a multi-selectable list: one item per region, named by the
    vocabulary, each saying whether it is chosen; the arrows move the focused item, Space
    chooses, and choosing an item through the reader's selection chooses the region. (It was a
    canvas whose own name changed with the cursor, with no items.)"""
    from PySide6.QtGui import QAccessible

    from ui.widgets.labels import region_label

    picker = RegionPicker()
    qtbot.addWidget(picker)
    picker.resize(700, 480)
    picker.show()
    qtbot.waitExposed(picker)
    body = picker.map
    iface = QAccessible.queryAccessibleInterface(body)
    assert iface.role() == QAccessible.Role.List
    assert iface.text(QAccessible.Text.Name) == "Body map, back view"
    items = [iface.child(i) for i in range(iface.childCount())]
    assert [i.role() for i in items] == [QAccessible.Role.ListItem] * len(REGION_ORDER)
    assert [i.text(QAccessible.Text.Name) for i in items] == [region_label(r)
                                                              for r in REGION_ORDER]
    assert not any(i.state().selected for i in items)
    assert all(i.state().selectable for i in items)
    # Each item's place on screen is its region's, so a reader's pointer lands on the picture.
    for i, region in zip(items, REGION_ORDER, strict=True):
        left, _right = body.anchor_points(region)
        assert i.rect().contains(body.viewport().mapToGlobal(left.toPoint())), region

    body.setFocus()
    qtbot.waitUntil(body.hasFocus)
    QTest.keyClick(body, Qt.Key.Key_Down)
    second = REGION_ORDER[1]
    focused = [i.text(QAccessible.Text.Name) for i in
               (iface.child(k) for k in range(iface.childCount())) if i.state().focused]
    assert focused == [region_label(second)]
    QTest.keyClick(body, Qt.Key.Key_Space)
    assert body.selected() == (second,)
    assert iface.child(1).state().selected
    assert picker.list.item(1).checkState() == Qt.CheckState.Checked
    # A region chosen by a click is selected to the reader too.
    left, _ = body.anchor_points(Region.PIRIFORMIS)
    QTest.mouseClick(body.viewport(), Qt.MouseButton.LeftButton, pos=left.toPoint())
    assert iface.child(REGION_ORDER.index(Region.PIRIFORMIS)).state().selected
    # Through the reader's selection interface: choose the first region, clear the second.
    selection = iface.selectionInterface()
    assert selection is not None
    assert selection.select(iface.child(0))
    assert selection.unselect(iface.child(1))
    assert picker.regions() == (Region.PIRIFORMIS, REGION_ORDER[0])
    assert picker.list.item(0).checkState() == Qt.CheckState.Checked
    assert picker.list.item(1).checkState() == Qt.CheckState.Unchecked
