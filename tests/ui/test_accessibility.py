"""What a keyboard or screen-reader user meets: focus that can be seen, names that are words.

Focus: every control Tab reaches in every section, the episode form and the check-in shows a
change of at least 3:1 contrast when it takes the focus (WCAG 2.4.7/2.4.13), light and dark.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from journal.model import Episode, Kind, Side
from tests.helpers.focus import describe, focus_change, tab_stops
from ui.app import apply_palette

SECTIONS = ("today", "journal", "trends", "report")


@pytest.fixture
def filled(journal, clock):  # type: ignore[no-untyped-def]
    for hours in (1, 3, 26, 50):
        journal.add_episode(Episode(Kind.TWITCH if hours % 2 else Kind.CRAMP,
                                    clock.now() - timedelta(hours=hours), 30, 4, Side.LEFT))
    return journal


def _visible_focus_problems(root: QWidget, elsewhere: QWidget) -> list[str]:
    problems = []
    for widget in tab_stops(root):
        changed = focus_change(widget, elsewhere if widget is not elsewhere else root)
        # At least a ring's worth: the short side of the control, or 40 pixels.
        needed = min(40, min(widget.width(), widget.height()))
        if changed < needed:
            problems.append(f"{describe(widget)}: {changed} px")
    return problems


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_focus_is_visible_on_every_control_of_every_section(qapp, qtbot, window, filled,
                                                            scheme):
    apply_palette(qapp, scheme)
    window.apply_style()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    try:
        problems = []
        for key in SECTIONS:
            window.show_section(key)
            view = window.views[key]
            if key == "trends":
                qtbot.waitUntil(lambda v=view: not v.loading)
            problems += [f"{key}: {p}" for p in _visible_focus_problems(view, window.sidebar)]
        if focus_change(window.sidebar, window.views["report"]) < 40:
            problems.append("the section list shows no focus")
        assert problems == [], "\n".join(problems)
    finally:
        apply_palette(qapp, "light")
        window.apply_style()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_focus_is_visible_in_the_episode_form_and_the_check_in(qapp, qtbot, window, filled,
                                                               scheme):
    from tests.ui.conftest import open_form

    apply_palette(qapp, scheme)
    window.apply_style()
    try:
        window.quick_log.open_form()
        form = open_form(qtbot, window)
        problems = [f"form: {p}" for p in _visible_focus_problems(form, form.note)]
        form.reject()
        checkin = window.open_checkin()
        qtbot.waitUntil(checkin.isVisible)
        problems += [f"check-in: {p}" for p in _visible_focus_problems(checkin, checkin.date_edit)]
        checkin.reject()
        assert problems == [], "\n".join(problems)
    finally:
        apply_palette(qapp, "light")
        window.apply_style()


# --- names, roles and Tab reach, as a screen reader meets them ---------------------------------


def _name_problems(root: QWidget) -> list[str]:
    """Focusable controls a screen reader would announce badly: no name, a code identifier
    (the object name), or a name cut short."""
    from PySide6.QtGui import QAccessible

    problems = []
    for widget in tab_stops(root):
        iface = QAccessible.queryAccessibleInterface(widget)
        if iface is None:
            problems.append(f"{describe(widget)}: no accessible interface")
            continue
        name = iface.text(QAccessible.Text.Name).strip()
        if not name:
            problems.append(f"{describe(widget)}: no name")
        elif widget.objectName() and name == widget.objectName():
            problems.append(f"{describe(widget)}: named by its object name")
        elif name.endswith(("…", "...")) and not isinstance(widget, QAbstractButton):
            problems.append(f"{describe(widget)}: cut name {name!r}")
    return problems


def _tab_problems(root: QWidget, start: QWidget) -> list[str]:
    from tests.helpers.focus import tab_cycle

    cycle = tab_cycle(start, 600)
    return [f"{describe(w)}: not reached by Tab" for w in tab_stops(root) if w not in cycle]


@pytest.mark.parametrize("section", SECTIONS)
def test_every_control_of_every_section_has_a_name_and_is_reached_by_tab(qtbot, window, filled,
                                                                        section):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.show_section(section)
    view = window.views[section]
    if section == "trends":
        qtbot.waitUntil(lambda: not view.loading)
    problems = _name_problems(view) + _tab_problems(view, window.sidebar)
    assert problems == [], "\n".join(problems)


def test_every_control_of_the_form_and_the_check_in_has_a_name_and_is_reached(qtbot, window,
                                                                              filled):
    from tests.ui.conftest import open_form

    window.quick_log.open_form()
    form = open_form(qtbot, window)
    problems = [f"form: {p}" for p in _name_problems(form) + _tab_problems(form, form.save_button)]
    form.reject()
    checkin = window.open_checkin()
    qtbot.waitUntil(checkin.isVisible)
    problems += [f"check-in: {p}" for p in _name_problems(checkin)
                 + _tab_problems(checkin, checkin.save_button)]
    checkin.reject()
    assert problems == [], "\n".join(problems)


def test_notices_and_flags_announce_themselves_as_alerts(qtbot, window, journal, clock):
    """A screen reader hears a new notice and a new flag: both have the alert role and send
    the alert event with their words."""
    from PySide6.QtGui import QAccessible

    from journal.model import WarningSign

    for part in (window.notice, window.banner):
        iface = QAccessible.queryAccessibleInterface(part)
        assert iface.role() == QAccessible.Role.AlertMessage, part
    with qtbot.waitSignal(window.notice.announcer.announced) as said:
        window.quick_log.log_now(Kind.TWITCH, 3)
    assert said.args[0].startswith("Twitch logged at")
    with qtbot.waitSignal(window.banner.announcer.announced, timeout=10000) as flagged:
        window.run_mutation(lambda: journal.add_episode(Episode(
            Kind.TWITCH, clock.now(), 30, 4, Side.LEFT, warning_signs=(WarningSign.FEVER,))))
    assert "Fever" in flagged.args[0] or "fever" in flagged.args[0]


def _slider_problems(widget: QWidget) -> list[str]:
    """A 0-10 picker as a screen reader gets it: role slider with a value interface (the number
    it reads and can set, from 0 to 10 and -1 for "not answered" where that is allowed), the
    value in words ("3 – mild") in the description, and a value set through the interface
    reaching the widget."""
    from PySide6.QtGui import QAccessible

    iface = QAccessible.queryAccessibleInterface(widget)
    name = f"{describe(widget)}"
    if iface.role() != QAccessible.Role.Slider:
        return [f"{name}: role {iface.role()}"]
    value = iface.valueInterface()
    if value is None:
        return [f"{name}: a slider without a value interface"]
    problems = []
    if not iface.text(QAccessible.Text.Name):
        problems.append(f"{name}: no name")
    if value.maximumValue() != 10 or value.minimumValue() not in (-1, 0):
        problems.append(f"{name}: range {value.minimumValue()}..{value.maximumValue()}")
    before = widget.value()  # type: ignore[attr-defined]
    value.setCurrentValue(3)
    if widget.value() != 3 or value.currentValue() != 3:  # type: ignore[attr-defined]
        problems.append(f"{name}: value 3 set through the interface reads {widget.value()}")  # type: ignore[attr-defined]
    words = widget.caption()  # type: ignore[attr-defined]
    if not (words == "3" or words.startswith("3 ")) or words not in iface.text(
            QAccessible.Text.Description):
        problems.append(f"{name}: description {iface.text(QAccessible.Text.Description)!r}")
    if value.minimumValue() == -1:
        value.setCurrentValue(-1)
        if widget.value() is not None or "not answered" not in iface.text(  # type: ignore[attr-defined]
                QAccessible.Text.Description):
            problems.append(f"{name}: -1 is not 'not answered'")
    widget.setValue(before)  # type: ignore[attr-defined]
    return problems


def test_every_0_to_10_picker_is_a_slider_with_a_value(qtbot, window):
    """The pickers were painted widgets (AT-SPI "filler"), then sliders with the value as text
    only: now Qt's own slider interface, with a number a screen reader reads and sets."""
    from tests.ui.conftest import open_form
    from ui.widgets.intensity import ScorePicker

    today = window.views["today"]
    problems = [f"today: {p}" for p in _slider_problems(today.picker)]
    window.quick_log.open_form()
    form = open_form(qtbot, window)
    pickers = form.findChildren(ScorePicker)
    assert {form.intensity, form.relief_score} <= set(pickers)
    for picker in pickers:
        problems += [f"form: {p}" for p in _slider_problems(picker)]
    form.reject()
    checkin = window.open_checkin()
    qtbot.waitUntil(checkin.isVisible)
    pickers = checkin.findChildren(ScorePicker)
    assert {checkin.stress, *checkin.interference.values()} <= set(pickers)
    for picker in pickers:
        problems += [f"check-in: {p}" for p in _slider_problems(picker)]
    checkin.reject()
    assert problems == [], "\n".join(problems)


def test_kind_and_side_are_radio_buttons(qtbot, window):
    """Kind/Side were check boxes."""
    from PySide6.QtGui import QAccessible

    from tests.ui.conftest import open_form

    today = window.views["today"]
    checked = today.kind_buttons[today.kind()]
    radio = QAccessible.queryAccessibleInterface(checked)
    assert radio.role() == QAccessible.Role.RadioButton and radio.state().checked
    window.quick_log.open_form()
    form = open_form(qtbot, window)
    for button in (*form.kind_buttons.values(), *form.side_buttons.values()):
        iface = QAccessible.queryAccessibleInterface(button)
        assert iface.role() == QAccessible.Role.RadioButton
        assert iface.state().checked == button.isChecked()
        assert iface.text(QAccessible.Text.Name).startswith(("Kind: ", "Side: "))
    form.close()


# --- containers: no nameless "filler" that claims the focus -------------------------------------


def _filler_problems(root: QWidget) -> list[str]:
    """Visible objects a screen reader would meet as a focusable or focused "filler" (Qt's
    Client role): it hears "filler" and nothing of what the thing is."""
    from PySide6.QtGui import QAccessible
    from PySide6.QtWidgets import QAbstractSpinBox

    problems = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        if isinstance(widget.parentWidget(), QAbstractSpinBox):
            continue  # a spin box's own line edit: the spin box speaks for it (not in the tree)
        iface = QAccessible.queryAccessibleInterface(widget)
        if iface is None or iface.role() != QAccessible.Role.Client:
            continue
        state = iface.state()
        if state.focusable or state.focused:
            problems.append(f"{describe(widget)} {type(widget).__name__}: a focusable filler")
    return problems


def test_no_section_form_or_check_in_has_a_focusable_filler(qtbot, window, filled):
    """The form's "More details" tabs and the Report preview were fillers that took the focus
    (a tab widget reports its tab bar's focus as its own)."""
    from tests.ui.conftest import open_form

    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    problems = []
    for key in SECTIONS:
        view = window.views[key]
        if key == "report":
            with qtbot.waitSignal(view.previewReady, timeout=60000):
                window.show_section(key)
        else:
            window.show_section(key)
        if key == "trends":
            qtbot.waitUntil(lambda v=view: not v.loading)
        problems += [f"{key}: {p}" for p in _filler_problems(view)]
    window.views["report"].wait_idle()
    window.quick_log.open_form()
    form = open_form(qtbot, window)
    form.tabs.tabBar().setFocus()
    problems += [f"form: {p}" for p in _filler_problems(form)]
    form.reject()
    checkin = window.open_checkin()
    qtbot.waitUntil(checkin.isVisible)
    problems += [f"check-in: {p}" for p in _filler_problems(checkin)]
    checkin.reject()
    assert problems == [], "\n".join(problems)


def test_the_more_details_tabs_are_a_named_panel_of_named_pages(qtbot, window):
    from PySide6.QtGui import QAccessible

    from tests.ui.conftest import open_form

    window.quick_log.open_form()
    form = open_form(qtbot, window)
    tabs = form.tabs
    tabs.tabBar().setFocus()
    qtbot.waitUntil(tabs.tabBar().hasFocus)
    iface = QAccessible.queryAccessibleInterface(tabs)
    assert iface.role() == QAccessible.Role.Pane
    assert iface.text(QAccessible.Text.Name) == "More details"
    # One focused object, the page tab list (the tab bar), not the panel around it as well.
    assert not iface.state().focused
    bar = QAccessible.queryAccessibleInterface(tabs.tabBar())
    assert bar.role() == QAccessible.Role.PageTabList and bar.state().focused
    tab_roles = [bar.child(i).role() for i in range(bar.childCount())]
    assert tab_roles.count(QAccessible.Role.PageTab) == tabs.count()
    for i in range(tabs.count()):
        page = QAccessible.queryAccessibleInterface(tabs.widget(i))
        assert page.role() == QAccessible.Role.Pane
        assert page.text(QAccessible.Text.Name) == tabs.tabText(i).replace("&&", "&")
    form.reject()


def test_the_report_preview_is_a_picture_described_by_its_page(qtbot, window, filled):
    """The preview was a filler; now an image named 'Preview of page 1' whose description is
    page 1's words and numbers, current with the page shown."""
    from PySide6.QtGui import QAccessible

    view = window.views["report"]
    with qtbot.waitSignal(view.previewReady, timeout=60000):
        window.show_section("report")
    iface = QAccessible.queryAccessibleInterface(view.preview_scroll)
    assert iface.role() == QAccessible.Role.Graphic
    assert iface.text(QAccessible.Text.Name) == "Preview of page 1"
    described = iface.text(QAccessible.Text.Description)
    summary = filled.report_summary(view.options())
    assert described.startswith("Page 1 of the report")
    assert summary.splitlines()[2] in described  # "Episodes: N twitches, M cramps"
    view.wait_idle()


def test_journal_filters_have_visible_labels_as_buddies(qtbot, window):
    """On Linux a combo box is named by its current text ("All kinds"); its label comes from
    the buddy relation. The Journal's three drop-downs had none."""
    from PySide6.QtGui import QAccessible
    from PySide6.QtWidgets import QComboBox

    window.show_section("journal")
    view = window.views["journal"]
    combos = [c for c in view.findChildren(QComboBox) if c.isVisible()]
    assert {view.kind_combo, view.region_combo, view.trigger_combo} <= set(combos)
    problems = []
    for combo in combos:
        iface = QAccessible.queryAccessibleInterface(combo)
        labels = [rel[0] for rel in iface.relations(QAccessible.RelationFlag.Label)]
        words = [label.text(QAccessible.Text.Name).strip() for label in labels
                 if label.object() is not None and label.object().isVisible()]
        if not any(words):
            problems.append(f"{describe(combo)}: no visible label")
    assert problems == [], "\n".join(problems)
