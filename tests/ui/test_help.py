"""Help > Guide and shortcuts: a short guide and every menu shortcut, read from the menus."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence


def test_help_menu_has_the_guide_before_about(window) -> None:  # type: ignore[no-untyped-def]
    texts = [a.text().replace("&", "") for a in window.menu_named("Help").actions()]
    assert texts[0] == "Guide and shortcuts"
    assert any("About" in t for t in texts[1:])
    assert window.help_action.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)


def test_guide_lists_the_steps_and_every_menu_shortcut(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from ui.dialogs.help import HelpDialog, menu_shortcuts

    dialog = HelpDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    text = dialog.browser.toPlainText()
    assert "Log it when it happens" in text and "If in doubt, call your emergency number" in text
    listed = menu_shortcuts(window)
    keys = {k for _m, _t, k in listed}
    for wanted in ("Ctrl+Shift+T", "Ctrl+Shift+C", "Ctrl+D", "Ctrl+N", "Ctrl+Z", "Ctrl+1"):
        assert any(wanted in k for k in keys), wanted
    for _menu, action_text, shortcut in listed:
        assert action_text in text and shortcut in text
    assert "Ctrl+F" in text and "search in notes" in text
    assert "Undo the last change" in text
    geometry = window.screen().availableGeometry()
    assert dialog.width() <= geometry.width() and dialog.height() <= geometry.height()


def test_the_undo_entry_does_not_name_todays_change(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from journal.model import Episode, Kind
    from ui.dialogs.help import menu_shortcuts

    window.run_mutation(lambda: window.journal.add_episode(Episode(
        kind=Kind.CRAMP, started_at=window.journal.now() - timedelta(hours=1), duration_s=60,
        intensity=4)))
    texts = [t for _m, t, _k in menu_shortcuts(window)]
    assert "Undo the last change" in texts
    assert not any(t.startswith("Undo Add") for t in texts)


def test_f1_opens_the_guide(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from ui.dialogs.help import HelpDialog

    window.help_action.trigger()
    qtbot.waitUntil(lambda: any(isinstance(w, HelpDialog) and w.isVisible()
                                for w in QApplication.topLevelWidgets()))
    for w in QApplication.topLevelWidgets():
        if isinstance(w, HelpDialog):
            w.close()
