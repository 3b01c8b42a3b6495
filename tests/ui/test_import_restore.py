"""Import JSON and Restore say what they will do before doing it, keep a way back, and report
what they did in a dialog (not only the status bar); the backup list says what each backup holds."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from journal.model import CheckIn, Episode, Kind
from journal.service import Journal
from ui.formatting import format_date

TZ = timezone(timedelta(hours=1))


class Answers:
    """Stands in for the modal boxes: records each text and answers as told."""

    def __init__(self, answer: bool = True) -> None:
        self.answer = answer
        self.texts: list[str] = []

    def __call__(self, *args: str) -> bool:
        self.texts.append(" ".join(args))
        return self.answer


def _episode(day: int, hour: int = 9) -> Episode:
    return Episode(kind=Kind.TWITCH, started_at=datetime(2026, 3, day, hour, tzinfo=TZ),
                   duration_s=30, intensity=3)


def _export_of(tmp_path: Path, clock, days: range) -> Path:  # type: ignore[no-untyped-def]
    out = tmp_path / "export.json"
    with Journal.open(tmp_path / "other" / "j.sqlite3", clock) as other:
        for d in days:
            other.add_episode(_episode(d))
        other.save_checkin(CheckIn(date=date(2026, 3, days[0]), stress=2))
        other.export_json(out)
    return out


def _quiet(actions):  # type: ignore[no-untyped-def]
    told = Answers()
    actions.warn = told
    actions.inform = told
    return told


def test_import_previews_and_refusing_changes_nothing(window, tmp_path, clock):  # type: ignore[no-untyped-def]
    window.journal.add_episode(_episode(1))
    source = _export_of(tmp_path, clock, range(2, 12))
    actions = window.safety_actions
    _quiet(actions)
    asked = Answers(answer=False)
    actions.confirm = asked
    assert actions.import_path(source) is None
    text = asked.texts[0]
    assert "10 episodes (0 already present)" in text and "1 check-in (0 already" in text
    assert format_date(date(2026, 3, 2)) in text and format_date(date(2026, 3, 11)) in text
    assert "now: 1 episode, 0 check-ins" in text  # the journal as it is now
    assert window.journal.count_episodes() == 1
    assert window.journal.backups() == []  # no restore point for an import that did not run


def test_import_backs_up_first_and_can_be_undone(qtbot, window, tmp_path, clock):  # type: ignore[no-untyped-def]
    window.journal.add_episode(_episode(1))
    source = _export_of(tmp_path, clock, range(2, 12))
    actions = window.safety_actions
    _quiet(actions)
    actions.confirm = Answers(answer=True)
    reported = Answers(answer=False)
    actions.report_import = reported
    with qtbot.waitSignal(window.journalChanged, timeout=2000):
        assert actions.import_path(source) is not None
    assert window.journal.count_episodes() == 11
    points = [b for b in window.journal.backups() if b.reason == "pre-import"]
    assert len(points) == 1
    assert points[0].path.name in reported.texts[0]
    assert window.journal.summary(points[0].path).episodes == 1

    # The result's "Undo the import" restores the restore point.
    window.journal.clock.advance(timedelta(minutes=1))
    actions.report_import = Answers(answer=True)
    actions.import_path(_export_of(tmp_path / "more", clock, range(14, 16)))
    assert window.journal.count_episodes() == 11


def test_import_of_nothing_new_says_so_and_asks_nothing(window, tmp_path, clock):  # type: ignore[no-untyped-def]
    source = _export_of(tmp_path, clock, range(2, 4))
    actions = window.safety_actions
    told = _quiet(actions)
    actions.confirm = Answers(answer=True)
    actions.report_import = Answers(answer=False)
    actions.import_path(source)
    asked = Answers()
    actions.confirm = asked
    assert actions.import_path(source) is None
    assert asked.texts == []
    assert "already in your journal" in told.texts[-1]


def test_restore_confirms_with_counts_on_both_sides_and_reports_in_a_dialog(qtbot, window):  # type: ignore[no-untyped-def]
    journal = window.journal
    journal.add_episode(_episode(1))
    made = journal.backup_now()
    for d in range(2, 8):
        journal.add_episode(_episode(d))
    journal.clock.advance(timedelta(minutes=1))
    actions = window.safety_actions
    told = _quiet(actions)
    asked = Answers(answer=False)
    actions.confirm = asked
    assert actions.confirm_and_restore(made) is None
    assert "7 episodes" in asked.texts[0] and "1 episode," in asked.texts[0]
    assert made.name in asked.texts[0]
    assert journal.count_episodes() == 7

    asked.answer = True
    with qtbot.waitSignal(window.journalChanged, timeout=2000):
        assert actions.confirm_and_restore(made) is not None
    assert window.journal.count_episodes() == 1
    assert told.texts and told.texts[-1].startswith("Restored")
    assert "1 episode," in told.texts[-1] and "kept in" in told.texts[-1]


def test_backup_list_shows_what_each_backup_holds(qtbot, window):  # type: ignore[no-untyped-def]
    from ui.safety_actions import RestoreDialog

    journal = window.journal
    journal.add_episode(_episode(1))
    journal.backup_now()
    journal.clock.advance(timedelta(hours=1))
    journal.add_episode(_episode(5))
    journal.backup_now()
    dialog = RestoreDialog(journal.backups(), window, summarize=journal.summary)
    qtbot.addWidget(dialog)
    dialog.show()
    newest, oldest = dialog.list.item(0).text(), dialog.list.item(1).text()
    assert "2 episodes" in newest and "1 episode," in oldest
    assert format_date(date(2026, 3, 5)) in newest
    assert format_date(date(2026, 3, 1)) in oldest and format_date(date(2026, 3, 5)) not in oldest
