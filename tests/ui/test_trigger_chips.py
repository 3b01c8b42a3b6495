"""Today's trigger chips: choosing one never clips its text nor moves any chip (a chip that grew
with its tick pushed the others along, so they moved under the pointer)."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionButton


def _text_fits(button) -> bool:  # type: ignore[no-untyped-def]
    # A chosen chip is drawn in bold (style.qss): its text must fit in bold.
    option = QStyleOptionButton()
    button.initStyleOption(option)
    bold = QFont(button.font())
    bold.setBold(True)
    needed = button.style().sizeFromContents(
        QStyle.ContentsType.CT_PushButton, option,
        QFontMetrics(bold).size(0, button.text()), button)
    return button.width() >= needed.width()


def test_choosing_chips_keeps_them_in_place_and_unclipped(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.resize(1024, 740)
    chips = window.today.chips
    qtbot.waitUntil(lambda: chips.buttons and all(b.isVisible() for b in chips.buttons.values()))
    QApplication.processEvents()
    before = {tid: b.geometry() for tid, b in chips.buttons.items()}
    more_before = chips.more_button.geometry()
    for tid, button in chips.buttons.items():
        button.click()
        QApplication.processEvents()
        assert button.text().startswith("✓ ")
        assert _text_fits(button), (tid, button.text(), button.width())
        assert {t: b.geometry() for t, b in chips.buttons.items()} == before
        assert chips.more_button.geometry() == more_before
    for button in chips.buttons.values():
        button.click()
    QApplication.processEvents()
    assert {t: b.geometry() for t, b in chips.buttons.items()} == before


def test_an_amount_takes_typing_right_after_a_click(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint, Qt

    from ui.widgets.triggers import TriggerList

    triggers = TriggerList()
    qtbot.addWidget(triggers)
    triggers.set_triggers([])
    triggers.show()
    qtbot.waitExposed(triggers)
    triggers.boxes["caffeine"].setChecked(True)
    spin = triggers.amounts["caffeine"]
    assert spin.text() == "amount"  # the empty amount reads as a word, not 0
    edit = spin.lineEdit()
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton, pos=QPoint(edit.width() // 2, 5))
    qtbot.waitUntil(lambda: edit.hasSelectedText() or spin.hasFocus())
    qtbot.keyClicks(edit, "150")
    spin.interpretText()
    assert spin.value() == 150
    assert [t.amount for t in triggers.tags()] == [150]
