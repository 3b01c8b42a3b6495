"""Episodes, check-ins, medications and user triggers: add, edit, delete, read, undo and redo.

Every mutation validates first, writes in one transaction, records how to undo it, and returns a
:class:`~journal.service.base.Change` saying what changed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from journal.errors import ValidationError
from journal.i18n import _
from journal.model import (
    BUILTIN_TRIGGERS,
    CheckIn,
    Episode,
    Kind,
    Medication,
    UserTrigger,
    canonical_uuid,
    utc_now,
    validate_checkin,
    validate_episode,
    validate_medication,
    validate_user_trigger,
)
from journal.service.base import Action, Change, Entity, JournalBase, _describe_episode, _Undoable
from journal.store import repository as repo


def _stored_id(entry_id: str) -> str:
    """The spelling an id is stored under, so an id typed in capitals or braces finds its entry;
    text that is no UUID is left for validation to name."""
    try:
        return canonical_uuid(entry_id)
    except ValueError:
        return entry_id


class EntriesMixin(JournalBase):
    # --- episodes ---------------------------------------------------------------------------

    def known_trigger_ids(self) -> set[str]:
        return set(BUILTIN_TRIGGERS) | {t.id for t in self.user_triggers()}

    def validate_episode(self, episode: Episode) -> None:
        validate_episode(episode, self.now(), self.known_trigger_ids())

    def add_episode(self, episode: Episode) -> Change:
        if _stored_id(episode.id) != episode.id:
            episode = episode.with_changes(id=_stored_id(episode.id))
        self.validate_episode(episode)
        with self._entry_write() as s:
            if repo.get_episode(s, episode.id) is not None:
                raise ValidationError("id", _("An episode with id {id} already exists.").format(
                                                id=episode.id))
            repo.put_episode(s, episode, utc_now())
        label = _("Add {episode}").format(episode=_describe_episode(episode))
        self._history.push(_Undoable("episode", episode.id, None, episode, label))
        return Change("episode", "added", (episode.id,), (episode.local_date,), label)

    def update_episode(self, episode: Episode) -> Change:
        self.validate_episode(episode)
        with self._entry_write() as s:
            before = repo.get_episode(s, episode.id)
            if before is None:
                raise ValidationError("id", _("That episode no longer exists."))
            repo.put_episode(s, episode, utc_now())
        label = _("Edit {episode}").format(episode=_describe_episode(episode))
        self._history.push(_Undoable("episode", episode.id, before, episode, label))
        dates = tuple(sorted({before.local_date, episode.local_date}))
        return Change("episode", "updated", (episode.id,), dates, label)

    def delete_episode(self, episode_id: str) -> Change:
        episode_id = _stored_id(episode_id)
        with self._entry_write() as s:
            before = repo.get_episode(s, episode_id)
            if before is None:
                raise ValidationError("id", _("That episode no longer exists."))
            repo.remove_episode(s, episode_id)
        label = _("Delete {episode}").format(episode=_describe_episode(before))
        self._history.push(_Undoable("episode", episode_id, before, None, label))
        return Change("episode", "deleted", (episode_id,), (before.local_date,), label)

    def get_episode(self, episode_id: str) -> Episode | None:
        with self._read() as s:
            return repo.get_episode(s, _stored_id(episode_id))

    def episodes(self, start: date | None = None, end: date | None = None,
                 kind: Kind | None = None) -> list[Episode]:
        """Episodes whose local date lies in [start, end], oldest first."""
        with self._read() as s:
            return repo.list_episodes(s, start, end, kind)

    def last_episode(self, kind: Kind | None = None) -> Episode | None:
        with self._read() as s:
            found = repo.list_episodes(s, kind=kind, limit=1, newest_first=True)
        return found[0] if found else None

    def count_episodes(self, start: date | None = None, end: date | None = None) -> int:
        with self._read() as s:
            return repo.count_episodes(s, start, end)

    def trigger_use_counts(self, start: date, end: date) -> dict[str, int]:
        """For each trigger id, how many episodes in [start, end] name it (counted in SQL)."""
        with self._read() as s:
            return repo.trigger_use_counts(s, start, end)

    # --- check-ins --------------------------------------------------------------------------

    def save_checkin(self, checkin: CheckIn) -> Change:
        """Add the check-in for its date, or replace the one already there."""
        validate_checkin(checkin, self.today())
        with self._entry_write() as s:
            before = repo.get_checkin(s, checkin.date)
            repo.put_checkin(s, checkin, utc_now())
        label = _("Check-in for {date}").format(date=checkin.date.isoformat())
        self._history.push(_Undoable("checkin", checkin.date, before, checkin, label))
        action: Action = "added" if before is None else "updated"
        return Change("checkin", action, (checkin.date.isoformat(),), (checkin.date,), label)

    def delete_checkin(self, day: date) -> Change:
        with self._entry_write() as s:
            before = repo.get_checkin(s, day)
            if before is None:
                raise ValidationError("date", _("There is no check-in for {date}.").format(
                    date=day.isoformat()))
            repo.remove_checkin(s, day)
        label = _("Delete check-in for {date}").format(date=day.isoformat())
        self._history.push(_Undoable("checkin", day, before, None, label))
        return Change("checkin", "deleted", (day.isoformat(),), (day,), label)

    def get_checkin(self, day: date) -> CheckIn | None:
        with self._read() as s:
            return repo.get_checkin(s, day)

    def checkins(self, start: date | None = None, end: date | None = None) -> list[CheckIn]:
        with self._read() as s:
            return repo.list_checkins(s, start, end)

    def recorded_days(self, start: date, end: date) -> set[date]:
        """Days in [start, end] with a check-in or an episode (the rest are unrecorded)."""
        with self._read() as s:
            episode_days, checkin_days = repo.recorded_dates(s, start, end)
        return episode_days | checkin_days

    # --- medications ------------------------------------------------------------------------

    def add_medication(self, medication: Medication) -> Change:
        if _stored_id(medication.id) != medication.id:
            medication = medication.with_changes(id=_stored_id(medication.id))
        validate_medication(medication, self.today())
        with self._entry_write() as s:
            if repo.get_medication(s, medication.id) is not None:
                raise ValidationError("id", _("That medication is already in the list."))
            repo.put_medication(s, medication, utc_now())
        label = _("Add {medication}").format(medication=medication.name)
        self._history.push(_Undoable("medication", medication.id, None, medication, label))
        return Change("medication", "added", (medication.id,), (), label)

    def update_medication(self, medication: Medication) -> Change:
        validate_medication(medication, self.today())
        with self._entry_write() as s:
            before = repo.get_medication(s, medication.id)
            if before is None:
                raise ValidationError("id", _("That medication no longer exists."))
            repo.put_medication(s, medication, utc_now())
        label = _("Edit {medication}").format(medication=medication.name)
        self._history.push(_Undoable("medication", medication.id, before, medication, label))
        return Change("medication", "updated", (medication.id,), (), label)

    def stop_medication(self, medication_id: str, on: date | None = None) -> Change:
        current = self.get_medication(medication_id)
        if current is None:
            raise ValidationError("id", _("That medication no longer exists."))
        return self.update_medication(current.with_changes(stopped_on=on or self.today()))

    def delete_medication(self, medication_id: str) -> Change:
        medication_id = _stored_id(medication_id)
        with self._entry_write() as s:
            before = repo.get_medication(s, medication_id)
            if before is None:
                raise ValidationError("id", _("That medication no longer exists."))
            repo.remove_medication(s, medication_id)
        label = _("Delete {medication}").format(medication=before.name)
        self._history.push(_Undoable("medication", medication_id, before, None, label))
        return Change("medication", "deleted", (medication_id,), (), label)

    def get_medication(self, medication_id: str) -> Medication | None:
        with self._read() as s:
            return repo.get_medication(s, _stored_id(medication_id))

    def medications(self) -> list[Medication]:
        with self._read() as s:
            return repo.list_medications(s)

    # --- user-defined triggers --------------------------------------------------------------

    def add_user_trigger(self, trigger: UserTrigger) -> Change:
        validate_user_trigger(trigger)
        with self._entry_write() as s:
            if trigger.id in {t.id for t in repo.list_user_triggers(s)}:
                raise ValidationError("id", _("A trigger called {id!r} already exists.").format(
                                                id=trigger.id))
            repo.put_user_trigger(s, trigger)
        label = _("Add trigger {label}").format(label=trigger.label)
        self._history.push(_Undoable("trigger", trigger.id, None, trigger, label))
        return Change("trigger", "added", (trigger.id,), (), label)

    def user_triggers(self) -> list[UserTrigger]:
        with self._read() as s:
            return repo.list_user_triggers(s)

    # --- undo / redo ------------------------------------------------------------------------

    @property
    def can_undo(self) -> bool:
        return bool(self._history.undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._history.redo)

    @property
    def undo_top(self) -> object | None:
        """An opaque marker of the step Undo would undo now (None when there is none).

        Compared by identity: a notice that offers "Undo" for one change keeps the marker taken
        right after that change, and its button is valid only while the marker is still the top.
        """
        return self._history.undo[-1] if self._history.undo else None

    @property
    def undo_label(self) -> str:
        return self._history.undo[-1].label if self._history.undo else ""

    @property
    def redo_label(self) -> str:
        return self._history.redo[-1].label if self._history.redo else ""

    def undo(self) -> Change | None:
        if not self._history.undo:
            return None
        op = self._history.undo[-1]
        change = self._apply(op, op.before, "undone")
        self._history.redo.append(self._history.undo.pop())
        return change

    def redo(self) -> Change | None:
        if not self._history.redo:
            return None
        op = self._history.redo[-1]
        change = self._apply(op, op.after, "redone")
        self._history.undo.append(self._history.redo.pop())
        return change

    def _apply(self, op: _Undoable, state: Any, action: Action) -> Change:
        appliers: dict[Entity, tuple[Callable[..., Any], Callable[..., Any]]] = {
            "episode": (repo.put_episode, repo.remove_episode),
            "checkin": (repo.put_checkin, repo.remove_checkin),
            "medication": (repo.put_medication, repo.remove_medication),
            "trigger": (lambda s, t, _now: repo.put_user_trigger(s, t), repo.remove_user_trigger),
        }
        put, remove = appliers[op.entity]
        with self._entry_write() as s:
            if state is None:
                remove(s, op.key)
            else:
                put(s, state, utc_now())
        dates: set[date] = set()
        for value in (op.before, op.after):
            if isinstance(value, Episode):
                dates.add(value.local_date)
            elif isinstance(value, CheckIn):
                dates.add(value.date)
        key = op.key.isoformat() if isinstance(op.key, date) else op.key
        return Change(op.entity, action, (key,), tuple(sorted(dates)), op.label)
