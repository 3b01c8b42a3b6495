"""The service facade: mutations return what changed, undo and redo walk them back."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from journal.errors import ValidationError
from journal.model import (
    CheckIn,
    Episode,
    Kind,
    Medication,
    Region,
    Side,
    TriggerTag,
    UserTrigger,
    WarningSign,
)
from journal.service import Journal

TZ = timezone(timedelta(hours=1))


def episode(hours_ago: float = 1, **kw) -> Episode:
    base = dict(kind=Kind.CRAMP, started_at=datetime(2026, 3, 16, 15, 0, tzinfo=TZ)
                - timedelta(hours=hours_ago), duration_s=120, intensity=5, side=Side.LEFT,
                regions=(Region.PIRIFORMIS,))
    base.update(kw)
    return Episode(**base)


def test_add_get_update_delete(journal: Journal) -> None:
    e = episode(note="after the long drive")
    change = journal.add_episode(e)
    assert (change.entity, change.action, change.ids) == ("episode", "added", (e.id,))
    assert change.dates == (date(2026, 3, 16),)
    assert journal.get_episode(e.id) == e
    edited = e.with_changes(intensity=7)
    assert journal.update_episode(edited).action == "updated"
    assert journal.get_episode(e.id).intensity == 7
    assert journal.delete_episode(e.id).action == "deleted"
    assert journal.get_episode(e.id) is None


def test_offset_and_local_date_survive_storage(journal: Journal) -> None:
    late = datetime(2026, 3, 15, 23, 30, tzinfo=timezone(timedelta(hours=-5)))
    e = episode(started_at=late)
    journal.add_episode(e)
    back = journal.get_episode(e.id)
    assert back.started_at == late and back.started_at.utcoffset() == timedelta(hours=-5)
    # Grouped by the local date it was logged on, not the UTC date (which is the 16th).
    assert [x.id for x in journal.episodes(date(2026, 3, 15), date(2026, 3, 15))] == [e.id]


def test_validation_error_stores_nothing(journal: Journal) -> None:
    with pytest.raises(ValidationError):
        journal.add_episode(episode(intensity=11))
    assert journal.count_episodes() == 0
    assert not journal.can_undo


def test_delete_then_undo_restores_the_row_and_redo_deletes_again(journal: Journal) -> None:
    e = episode(triggers=(TriggerTag("caffeine", 200.0, "mg"),),
                warning_signs=(WarningSign.NUMBNESS_TINGLING,))
    journal.add_episode(e)
    journal.delete_episode(e.id)
    change = journal.undo()
    assert change is not None and change.action == "undone"
    assert journal.get_episode(e.id) == e
    journal.redo()
    assert journal.get_episode(e.id) is None
    journal.undo()
    journal.undo()  # the add itself
    assert journal.get_episode(e.id) is None
    assert not journal.can_undo and journal.can_redo


def test_undo_an_edit_restores_the_previous_values(journal: Journal) -> None:
    e = episode()
    journal.add_episode(e)
    journal.update_episode(e.with_changes(note="changed", intensity=9))
    assert "Edit" in journal.undo_label
    journal.undo()
    assert journal.get_episode(e.id) == e


def test_a_new_change_clears_redo(journal: Journal) -> None:
    journal.add_episode(episode())
    journal.undo()
    assert journal.can_redo
    journal.add_episode(episode(hours_ago=2))
    assert not journal.can_redo


def test_checkin_upsert_and_undo(journal: Journal) -> None:
    day = date(2026, 3, 15)
    first = CheckIn(date=day, caffeine_mg=200, warning_signs_asked=(WarningSign.FEVER,))
    assert journal.save_checkin(first).action == "added"
    second = first.with_changes(caffeine_mg=400)
    assert journal.save_checkin(second).action == "updated"
    assert journal.get_checkin(day).caffeine_mg == 400
    journal.undo()
    assert journal.get_checkin(day) == first
    journal.undo()
    assert journal.get_checkin(day) is None


def test_medications_and_stop(journal: Journal) -> None:
    med = Medication(name="Simvastatin", dose="40 mg", started_on=date(2026, 1, 1))
    journal.add_medication(med)
    journal.stop_medication(med.id, date(2026, 3, 1))
    assert journal.get_medication(med.id).stopped_on == date(2026, 3, 1)
    with pytest.raises(ValidationError):
        journal.stop_medication(med.id, date(2025, 12, 1))
    journal.delete_medication(med.id)
    journal.undo()
    assert journal.get_medication(med.id).name == "Simvastatin"


def test_user_trigger_makes_a_tag_valid(journal: Journal) -> None:
    with pytest.raises(ValidationError):
        journal.add_episode(episode(triggers=(TriggerTag("cold_weather"),)))
    journal.add_user_trigger(UserTrigger("cold_weather", "Cold weather"))
    journal.add_episode(episode(triggers=(TriggerTag("cold_weather"),)))
    assert "cold_weather" in journal.known_trigger_ids()


def test_queries_by_date_range_and_recorded_days(journal: Journal) -> None:
    for days_ago in (0, 1, 5):
        journal.add_episode(episode(hours_ago=24 * days_ago + 1))
    journal.save_checkin(CheckIn(date=date(2026, 3, 13), no_episodes=True))
    got = journal.episodes(date(2026, 3, 15), date(2026, 3, 16))
    assert len(got) == 2 and got[0].started_at < got[1].started_at
    assert journal.recorded_days(date(2026, 3, 1), date(2026, 3, 16)) == {
        date(2026, 3, 11), date(2026, 3, 13), date(2026, 3, 15), date(2026, 3, 16)}
    assert journal.last_episode().started_at == got[-1].started_at


def test_import_is_idempotent_by_id(journal: Journal, tmp_path, clock) -> None:
    journal.add_episode(episode())
    journal.save_checkin(CheckIn(date=date(2026, 3, 16), stress=3))
    out = tmp_path / "export.json"
    journal.export_json(out)
    with Journal.open(tmp_path / "other" / "j.sqlite3", clock) as other:
        first = other.import_file(out)
        second = other.import_file(out)
        assert (first.episodes_added, first.checkins_added) == (1, 1)
        assert (second.episodes_added, second.episodes_skipped) == (0, 1)
        assert other.episodes() == journal.episodes()


def test_trigger_use_counts_match_the_episodes_in_the_range(journal: Journal) -> None:
    import random

    rng = random.Random(7)
    ids = ["caffeine", "prolonged_sitting", "stress", "poor_sleep", "exercise"]
    for i in range(120):
        tags = tuple(TriggerTag(t) for t in rng.sample(ids, rng.randint(0, 3)))
        journal.add_episode(episode(hours_ago=1 + i * 7, triggers=tags))
    start, end = date(2026, 3, 1), date(2026, 3, 12)
    expected: dict[str, int] = {}
    for e in journal.episodes(start, end):
        for t in e.triggers:
            expected[t.id] = expected.get(t.id, 0) + 1
    assert expected and sum(expected.values()) > 20
    assert journal.trigger_use_counts(start, end) == expected
    assert journal.trigger_use_counts(date(2020, 1, 1), date(2020, 1, 2)) == {}


def test_import_preview_counts_what_would_be_added_without_writing(journal: Journal, tmp_path,
                                                                   clock) -> None:
    from journal.service.interchange import read_import_file

    journal.add_episode(episode())
    journal.add_episode(episode(hours_ago=30))
    journal.save_checkin(CheckIn(date=date(2026, 3, 16), stress=3))
    out = tmp_path / "export.json"
    journal.export_json(out)
    with Journal.open(tmp_path / "other" / "j.sqlite3", clock) as other:
        doc = read_import_file(out)
        preview = other.preview_import(doc)
        assert (preview.episodes_new, preview.episodes_present) == (2, 0)
        assert (preview.checkins_new, preview.checkins_present) == (1, 0)
        days = sorted({e.local_date for e in journal.episodes()} | {date(2026, 3, 16)})
        assert (preview.first_day, preview.last_day) == (days[0], days[-1])
        assert other.count_episodes() == 0  # a preview writes nothing
        other.import_document(doc)
        again = other.preview_import(doc)
        assert (again.episodes_new, again.episodes_present) == (0, 2)
        assert not again.adds_anything


def test_summary_counts_a_journal_and_its_backup(journal: Journal) -> None:
    journal.add_episode(episode())
    journal.save_checkin(CheckIn(date=date(2026, 3, 10), stress=3))
    made = journal.backup_now(reason="pre-import")
    assert "pre-import" in made.name
    journal.add_episode(episode(hours_ago=24 * 20))
    now, then = journal.summary(), journal.summary(made)
    assert (now.episodes, now.checkins) == (2, 1)
    assert (then.episodes, then.checkins) == (1, 1)
    assert then.first_day == date(2026, 3, 10)
    assert now.first_day is not None and now.first_day < then.first_day
    assert now.last_day == then.last_day == max(e.local_date for e in journal.episodes())
