"""What a keyboard or screen-reader user meets: focus that can be seen, names that are words.

Focus: every control Tab reaches in every section, the episode form and the check-in shows a
change of at least 3:1 contrast when it takes the focus (WCAG 2.4.7/2.4.13), light and dark.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtWidgets import QApplication, QWidget

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
