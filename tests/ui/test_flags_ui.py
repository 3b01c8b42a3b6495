"""The flags banner, the emergency dialog, the "why" view and the Flags list (pytest-qt)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QMainWindow

from journal.clock import FixedClock
from journal.errors import ValidationError
from journal.model import CheckIn, Episode, Kind, Side, WarningSign
from journal.rules import EMERGENCY_NOTE, RULES_BY_ID, Tier
from journal.service import Journal
from ui.dialogs.flags import EmergencyDialog, FlagsDialog, WhyDialog, open_flags_list
from ui.widgets.flags_banner import FlagsBanner, emergencies_caused_by, tier_pixmap

W = WarningSign


def _episode(clock: FixedClock, *signs: WarningSign, minutes_ago: int = 30,
             kind: Kind = Kind.TWITCH, duration_s: int = 30) -> Episode:
    return Episode(kind, clock.now() - timedelta(minutes=minutes_ago), duration_s, 4, Side.LEFT,
                   warning_signs=signs)


def _settle(qtbot, banner) -> None:  # type: ignore[no-untyped-def]
    """Flags are evaluated on a worker thread: wait for the newest result to be shown."""
    qtbot.waitUntil(lambda: not banner.busy)


def _texts(widget) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(label.text() for label in widget.findChildren(QLabel))


def test_banner_without_flags_keeps_the_emergency_link(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    banner = window.banner
    assert isinstance(banner, FlagsBanner)
    # the first evaluation runs just after the window has painted
    qtbot.waitUntil(lambda: banner.summary.text() != "")
    assert banner.flags == [] and banner.shown_flag is None
    assert banner.flag_row.isHidden()
    assert banner.emergency_link.isVisible()
    assert banner.emergency_link.text() == EMERGENCY_NOTE
    assert banner.summary.text() == "No warning flags right now."
    assert "fine" not in _texts(banner).lower()


def test_banner_shows_the_most_urgent_flag_and_dismissing_keeps_it_in_the_list(
    window, journal: Journal, clock: FixedClock, qtbot
) -> None:  # type: ignore[no-untyped-def]
    window.run_mutation(lambda: journal.add_episode(
        _episode(clock, W.MEDICATION_SUSPECTED, W.MINOR_INJURY)))
    _settle(qtbot, window.banner)
    window.run_mutation(lambda: journal.add_episode(
        _episode(clock, kind=Kind.CRAMP, duration_s=900, minutes_ago=60)))
    _settle(qtbot, window.banner)
    banner = window.banner
    assert banner.shown_flag is not None and banner.shown_flag.rule == "long_cramp"
    assert banner.flag_row.isVisible()
    assert banner.text.text().startswith("<b>Urgent:</b>")
    assert banner.dismiss_button.isVisible()
    assert banner.summary.text() == "2 more flags in the list."
    assert banner.emergency_dialog is None      # urgent: no dialog

    qtbot.mouseClick(banner.dismiss_button, qtbot_button())
    assert banner.shown_flag is not None and banner.shown_flag.rule == "medication"
    qtbot.mouseClick(banner.dismiss_button, qtbot_button())
    # only a mention flag is left: nothing on the banner, everything in the list
    assert banner.shown_flag is None and banner.flag_row.isHidden()
    assert banner.summary.text() == "3 flags are in the Flags list."
    assert journal.dismissed_flags() == {"long_cramp", "medication"}

    dialog = open_flags_list(window)
    qtbot.waitExposed(dialog)
    rows = [(dialog.current.topLevelItem(i).text(0), dialog.current.topLevelItem(i).text(3))
            for i in range(dialog.current.topLevelItemCount())]
    assert rows == [("Urgent", "Dismissed"), ("Soon", "Dismissed"),
                    ("Mention", "In this list only")]
    assert dialog.history.topLevelItemCount() == 3
    dialog.close()


def qtbot_button():  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_saving_an_emergency_sign_shows_the_dialog_at_once_and_again_while_current(
    window, journal: Journal, clock: FixedClock, qtbot
) -> None:  # type: ignore[no-untyped-def]
    banner = window.banner
    change = window.run_mutation(lambda: journal.add_episode(
        _episode(clock, W.SADDLE_NUMBNESS)))
    _settle(qtbot, window.banner)
    assert change is not None
    qtbot.waitUntil(lambda: banner.emergency_dialog is not None
                    and banner.emergency_dialog.isVisible())
    dialog = banner.emergency_dialog
    assert isinstance(dialog, EmergencyDialog)
    text = _texts(dialog)
    assert "Call your emergency number now." in text
    assert "Source: NHS: Sciatica" in text
    assert "fine" not in text.lower() and "diagnos" not in text.lower()
    assert [f.rule for f in dialog.flags] == ["cauda_equina"]
    # the banner shows it and offers no dismiss
    assert banner.shown_flag is not None and banner.shown_flag.tier is Tier.EMERGENCY
    assert banner.text.text().startswith("<b>Emergency:</b>")
    assert not banner.dismiss_button.isVisible()
    with pytest.raises(ValidationError):
        journal.dismiss_flag("cauda_equina")
    qtbot.mouseClick(dialog.ok_button, qtbot_button())
    qtbot.waitUntil(lambda: banner.emergency_dialog is None)
    assert banner.shown_flag is not None and banner.shown_flag.tier is Tier.EMERGENCY

    # an unrelated save does not bring the dialog back ...
    window.run_mutation(lambda: journal.add_episode(_episode(clock, minutes_ago=10)))
    _settle(qtbot, window.banner)
    assert banner.emergency_dialog is None
    # ... the same sign saved again (here on the check-in) does, while it is current
    window.run_mutation(lambda: journal.save_checkin(CheckIn(
        journal.today(), warning_signs=(W.SADDLE_NUMBNESS,),
        warning_signs_asked=(W.SADDLE_NUMBNESS,))))
    _settle(qtbot, window.banner)
    qtbot.waitUntil(lambda: banner.emergency_dialog is not None
                    and banner.emergency_dialog.isVisible())
    banner.emergency_dialog.accept()
    qtbot.waitUntil(lambda: banner.emergency_dialog is None)

    # the next day the person answers "no": the flag clears and the banner empties
    clock.advance(timedelta(days=1))
    window.run_mutation(lambda: journal.save_checkin(CheckIn(
        journal.today(), warning_signs_asked=tuple(WarningSign))))
    _settle(qtbot, window.banner)
    assert banner.shown_flag is None and banner.emergency_dialog is None
    [record] = [r for r in journal.flag_history() if r.rule == "cauda_equina"]
    assert record.cleared_on == journal.today()


def test_an_emergency_already_in_the_file_shows_on_the_banner_at_start(
    qtbot, journal: Journal, clock: FixedClock, settings
) -> None:  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow

    journal.add_episode(_episode(clock, W.STROKE_SIGNS))
    w = MainWindow(journal, settings=settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.banner.shown_flag is not None)
    assert w.banner.shown_flag.rule == "stroke_or_seizure"
    assert w.banner.emergency_dialog is None   # the dialog is for the moment of saving
    w.close()


def test_deleting_the_entry_does_not_show_the_dialog(
    window, journal: Journal, clock: FixedClock, qtbot
) -> None:  # type: ignore[no-untyped-def]
    flags_before = window.banner.flags
    ep = _episode(clock, W.SEIZURE)
    change = journal.add_episode(ep)   # saved elsewhere, not announced
    assert emergencies_caused_by(change, journal.flags())
    window.run_mutation(lambda: journal.delete_episode(ep.id))
    _settle(qtbot, window.banner)
    assert window.banner.emergency_dialog is None
    assert window.banner.flags == flags_before == []


def test_why_view_shows_rule_entries_with_dates_source_and_advice(
    window, journal: Journal, clock: FixedClock, qtbot
) -> None:  # type: ignore[no-untyped-def]
    ep = _episode(clock, W.FEVER, minutes_ago=90)
    window.run_mutation(lambda: journal.add_episode(ep))
    _settle(qtbot, window.banner)
    day = journal.today()
    journal.save_checkin(CheckIn(day - timedelta(days=2), warning_signs=(W.FEVER,),
                                 warning_signs_asked=(W.FEVER,)))
    window.banner.refresh()
    qtbot.mouseClick(window.banner.why_button, qtbot_button())
    qtbot.waitUntil(lambda: any(isinstance(w, WhyDialog) and w.isVisible()
                                for w in window.findChildren(WhyDialog)))
    why = next(w for w in window.findChildren(WhyDialog) if w.isVisible())
    text = _texts(why)
    assert "This flag shows when you report a fever." in text
    rule_label = next(lbl for lbl in why.findChildren(QLabel) if lbl.objectName() == "whyRule")
    assert rule_label.toolTip() == "Rule id: fever"
    assert f"Source: {RULES_BY_ID['fever'].source}" in text
    assert "Get advice today" in text
    assert EMERGENCY_NOTE in text
    assert f"Since {(day - timedelta(days=2)).isoformat()}" in text
    rows = [(why.entries.topLevelItem(i).text(0), why.entries.topLevelItem(i).text(1))
            for i in range(why.entries.topLevelItemCount())]
    assert rows[0][0] == (day - timedelta(days=2)).isoformat()
    assert rows[0][1].startswith("Daily check-in: answered yes to")
    assert rows[1][0] == ep.started_at.strftime("%Y-%m-%d %H:%M")
    assert rows[1][1].startswith("Twitch · 30s · Left")
    why.close()


def test_flags_action_in_the_view_menu_opens_the_list(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    action = window.flags_action
    assert action in window.menu_named("View").actions()
    action.trigger()
    qtbot.waitUntil(lambda: isinstance(window._flags_dialog, FlagsDialog)
                    and window._flags_dialog.isVisible())
    dialog = window._flags_dialog
    assert dialog.current.topLevelItemCount() == 0
    assert dialog.empty_label.isVisible()
    assert "fine" not in _texts(dialog).lower()
    dialog.close()


def test_tiers_differ_by_shape_not_only_colour(qapp) -> None:  # type: ignore[no-untyped-def]
    masks = {}
    for tier in Tier:
        image = tier_pixmap(tier, 24).toImage()
        masks[tier] = bytes(image.pixelColor(x, y).alpha() > 128
                            for y in range(24) for x in range(24))
    assert len(set(masks.values())) == len(Tier)


class _StandIn(QMainWindow):
    """The smallest host a part can live in (ui.host.JournalHost), not the main window."""

    journalChanged = Signal(object)
    journalReplaced = Signal(object)

    def __init__(self, journal: Journal) -> None:
        super().__init__()
        self.journal = journal


def test_banner_works_in_a_stand_in_window(qtbot, journal: Journal, clock: FixedClock) -> None:
    stand_in = _StandIn(journal)
    qtbot.addWidget(stand_in)
    banner = FlagsBanner(stand_in)
    stand_in.setCentralWidget(banner)
    assert banner.shown_flag is None
    change = journal.add_episode(_episode(clock, W.BOTH_LEGS))
    stand_in.journalChanged.emit(change)
    _settle(qtbot, banner)
    qtbot.waitUntil(lambda: banner.emergency_dialog is not None)
    assert banner.shown_flag is not None and banner.shown_flag.rule == "bilateral"
    banner.emergency_dialog.reject()


def test_saving_does_not_wait_for_the_flag_evaluation(
    window, journal: Journal, clock: FixedClock, qtbot
) -> None:  # type: ignore[no-untyped-def]
    banner = window.banner
    window.run_mutation(lambda: journal.add_episode(_episode(clock, W.FEVER)))
    # The save returned before the evaluation's result reached the GUI thread ...
    assert banner.busy
    # ... which then shows it without anyone asking again.
    _settle(qtbot, banner)
    assert banner.shown_flag is not None and banner.shown_flag.rule == "fever"


def test_dismissing_in_the_flags_list_updates_the_windows_banner(
    window, journal: Journal, clock: FixedClock, qtbot
) -> None:  # type: ignore[no-untyped-def]
    window.run_mutation(lambda: journal.add_episode(
        _episode(clock, kind=Kind.CRAMP, duration_s=900, minutes_ago=60)))
    _settle(qtbot, window.banner)
    assert window.banner.shown_flag is not None
    assert window.banner.shown_flag.rule == "long_cramp"
    dialog = window.open_flags_list()
    qtbot.addWidget(dialog)
    assert dialog.selected_flag() is not None
    assert dialog.selected_flag().rule == "long_cramp"
    with qtbot.waitSignal(dialog.flagDismissed, timeout=2000) as dismissed:
        dialog.dismiss_selected()
    assert dismissed.args == ["long_cramp"]
    _settle(qtbot, window.banner)
    # the window (the dialog's host) refreshed its banner: the dismissed flag left it
    assert window.banner.shown_flag is None


def _label_names(dialog) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QAccessible

    rows = []
    for label in dialog.findChildren(QLabel):
        if label.pixmap() is not None and not label.pixmap().isNull():
            continue
        iface = QAccessible.queryAccessibleInterface(label)
        rows.append((label.objectName(), label.text(), iface.text(QAccessible.Text.Name)))
    return rows


def test_safety_texts_are_read_as_their_words_in_full(window, journal, clock, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A screen reader reads the emergency, "why" and "if in doubt" texts themselves: never an
    object name ("emergencyAdvice", "whyRule", "emergencySigns"), never cut at 80 characters."""
    from PySide6.QtGui import QTextDocument

    from ui.dialogs.flags import EmergencyInfoDialog

    window.run_mutation(lambda: journal.add_episode(_episode(clock, W.SADDLE_NUMBNESS, W.FEVER)))
    _settle(qtbot, window.banner)
    qtbot.waitUntil(lambda: window.banner.emergency_dialog is not None)
    dialogs = [window.banner.emergency_dialog, EmergencyInfoDialog(window),
               WhyDialog(window, next(f for f in journal.flags() if f.rule == "fever"))]
    checked = 0
    for dialog in dialogs:
        for object_name, text, read in _label_names(dialog):
            doc = QTextDocument()
            doc.setHtml(text)
            plain = " ".join(doc.toPlainText().split())
            assert read and read != object_name, (object_name, read)
            assert " ".join(read.replace(";", " ").split()) == " ".join(
                plain.replace(";", " ").split()), (object_name, read)
            checked += 1
    assert checked >= 15
