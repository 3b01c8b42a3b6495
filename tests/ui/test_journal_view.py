"""The Journal section: every episode in a table, filters, search, edit, delete and undo."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest

from journal.model import Episode, Kind, Region, Side, TriggerTag
from tests.ui.conftest import open_form
from ui.models.episodes import ID_ROLE, EpisodeRow, EpisodeTableModel


def _seed(journal, clock):  # type: ignore[no-untyped-def]
    now = clock.now()
    eps = [
        Episode(Kind.TWITCH, now - timedelta(days=1), 10, 2, Side.LEFT, (Region.GLUTE_MED,),
                note="after coffee"),
        Episode(Kind.CRAMP, now - timedelta(days=3), 120, 7, Side.RIGHT, (Region.PIRIFORMIS,),
                triggers=(TriggerTag("exercise", 45, "min"),), note="running"),
        Episode(Kind.CRAMP, now - timedelta(days=200), 60, 5, Side.RIGHT, (Region.PIRIFORMIS,)),
        Episode(Kind.TWITCH, now - timedelta(hours=1), 5, 1, None, (Region.LOWER_BACK,)),
    ]
    for e in eps:
        journal.add_episode(e)
    return eps


def _ids(view):  # type: ignore[no-untyped-def]
    return {view.model.data(view.model.index(r, 0), ID_ROLE) for r in range(view.model.rowCount())}


def test_model_passes_qtmodeltester(qtmodeltester, journal, clock):
    eps = _seed(journal, clock)
    model = EpisodeTableModel()
    model.set_rows([EpisodeRow.from_episode(e) for e in eps])
    qtmodeltester.check(model)
    model.sort(EpisodeTableModel.INTENSITY, Qt.SortOrder.AscendingOrder)
    assert [model.data(model.index(r, EpisodeTableModel.INTENSITY)) for r in range(4)] == \
        ["1", "2", "5", "7"]
    qtmodeltester.check(model)
    model.set_rows([])
    qtmodeltester.check(model)


def test_table_shows_the_range_and_filters(qtbot, window, journal, clock):
    eps = _seed(journal, clock)
    window.show_section("journal")
    view = window.views["journal"]
    view.reload()
    # The default range is the last 90 days: the 200-day-old episode waits for "All dates".
    assert _ids(view) == {eps[0].id, eps[1].id, eps[3].id}
    view.show_all_dates()
    assert _ids(view) == {e.id for e in eps}
    view.kind_combo.setCurrentIndex(view.kind_combo.findData(Kind.CRAMP.value))
    assert _ids(view) == {eps[1].id, eps[2].id}
    view.region_combo.setCurrentIndex(view.region_combo.findData(Region.PIRIFORMIS.value))
    view.trigger_combo.setCurrentIndex(view.trigger_combo.findData("exercise"))
    assert _ids(view) == {eps[1].id}
    view.kind_combo.setCurrentIndex(0)
    view.region_combo.setCurrentIndex(0)
    view.trigger_combo.setCurrentIndex(0)
    view.search_edit.setText("COFFEE")
    qtbot.waitUntil(lambda: _ids(view) == {eps[0].id})
    view.search_edit.clear()
    view.from_edit.setDate(QDate((clock.now() - timedelta(days=2)).date()))
    assert _ids(view) == {eps[0].id, eps[3].id}


def test_delete_key_then_undo_restores_the_row(qtbot, window, journal, clock):
    eps = _seed(journal, clock)
    window.show_section("journal")
    view = window.views["journal"]
    view.reload()
    row = view.model.row_of(eps[1].id)
    view.table.selectRow(row)
    view.table.setFocus()
    qtbot.waitUntil(view.table.hasFocus)
    QTest.keyClick(view.table, Qt.Key.Key_Delete)
    assert journal.get_episode(eps[1].id) is None
    assert eps[1].id not in _ids(view)
    assert view.window_.notice.isVisible()
    window.undo_action.trigger()
    assert journal.get_episode(eps[1].id) == eps[1]
    assert eps[1].id in _ids(view)
    window.redo_action.trigger()
    assert journal.get_episode(eps[1].id) is None


def test_enter_opens_the_episode_to_edit(qtbot, window, journal, clock):
    eps = _seed(journal, clock)
    window.show_section("journal")
    view = window.views["journal"]
    view.reload()
    view.table.selectRow(view.model.row_of(eps[0].id))
    view.edit_selected()
    form = open_form(qtbot, window)
    assert form.editing and form.original.id == eps[0].id
    form.intensity.setValue(9)
    assert form.save()
    assert journal.get_episode(eps[0].id).intensity == 9
    row = view.model.row_of(eps[0].id)
    assert view.model.data(view.model.index(row, EpisodeTableModel.INTENSITY)) == "9"
    # Undo walks the edit back.
    window.undo()
    assert journal.get_episode(eps[0].id).intensity == 2


def test_table_follows_changes_made_while_shown_and_while_hidden(qtbot, window, journal):
    view = window.views["journal"]
    window.show_section("journal")
    qtbot.waitUntil(view.isVisible)
    first = window.quick_log.log_now(Kind.TWITCH)
    assert _ids(view) == {first.id}
    window.show_section("today")
    second = window.quick_log.log_now(Kind.CRAMP, 7)
    window.announce(journal.update_episode(first.with_changes(intensity=9)))
    window.show_section("journal")
    assert _ids(view) == {first.id, second.id}
    row = view.model.row_of(first.id)
    assert view.model.data(view.model.index(row, EpisodeTableModel.INTENSITY)) == "9"
    window.undo()
    window.undo()
    assert _ids(view) == {first.id}
