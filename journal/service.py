"""The one facade the UI and the command line call.

``Journal.open(path, clock)`` opens (creating or upgrading) a journal file. Every mutation
validates first, writes in one transaction, records how to undo it, and returns a :class:`Change`
saying what changed so a caller refreshes only what it shows. Nothing here imports Qt.

Extension sections (flags, analytics, report, safety) are added by their own modules as thin
methods at the end of the class; keep heavy imports inside those methods.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import Engine, select
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session

from journal.clock import Clock, SystemClock
from journal.model import (
    BUILTIN_TRIGGERS,
    CheckIn,
    Episode,
    Kind,
    Medication,
    UserTrigger,
    ValidationError,
    format_duration,
    utc_now,
    validate_checkin,
    validate_episode,
    validate_medication,
    validate_user_trigger,
)
from journal.store import db, files
from journal.store import repository as repo
from journal.store.db import StorageError
from journal.store.schema import CheckInRow, EpisodeRow

if TYPE_CHECKING:  # annotations only; the rule engine is imported in the flag methods
    from collections.abc import Iterable

    from journal import analytics
    from journal.rules import Flag, FlagRecord

Entity = Literal["episode", "checkin", "medication", "trigger", "journal"]
Action = Literal["added", "updated", "deleted", "imported", "undone", "redone"]

#: How many changes Ctrl+Z can walk back.
UNDO_DEPTH = 200

__all__ = ["Change", "ImportResult", "Journal", "StorageError", "ValidationError"]


@dataclass(frozen=True)
class Change:
    """What a mutation changed: enough for a view to refresh only what it shows."""

    entity: Entity
    action: Action
    ids: tuple[str, ...] = ()
    dates: tuple[date, ...] = ()
    label: str = ""


@dataclass(frozen=True)
class ImportResult:
    episodes_added: int
    episodes_skipped: int
    checkins_added: int
    checkins_skipped: int
    medications_added: int
    medications_skipped: int
    triggers_added: int
    change: Change

    def summary(self) -> str:
        return (
            f"Imported {self.episodes_added} episodes ({self.episodes_skipped} already present), "
            f"{self.checkins_added} check-ins ({self.checkins_skipped} already present), "
            f"{self.medications_added} medications ({self.medications_skipped} already present), "
            f"{self.triggers_added} triggers."
        )


@dataclass(frozen=True)
class _Undoable:
    entity: Entity
    key: str | date
    before: Any
    after: Any
    label: str


@dataclass
class _History:
    undo: list[_Undoable] = field(default_factory=list)
    redo: list[_Undoable] = field(default_factory=list)

    def push(self, op: _Undoable) -> None:
        self.undo.append(op)
        del self.undo[:-UNDO_DEPTH]
        self.redo.clear()


def _describe_episode(ep: Episode) -> str:
    return f"{ep.kind.value} at {ep.started_at:%Y-%m-%d %H:%M} ({format_duration(ep.duration_s)})"


def storage_message(exc: BaseException) -> str:
    """Plain words for what went wrong under SQLAlchemy."""
    text = str(getattr(exc, "orig", exc)).lower()
    if "readonly" in text or "read-only" in text or "permission" in text:
        return "The journal file cannot be written (it or its folder is read-only)."
    if "disk is full" in text or "full" in text:
        return "The disk is full, so the entry could not be saved. Free some space and try again."
    if "locked" in text or "busy" in text:
        return "The journal file is busy in another program; try again in a moment."
    if "malformed" in text or "not a database" in text:
        return "The journal file is damaged; restore a backup (File > Restore from backup)."
    return f"The journal file could not be written: {getattr(exc, 'orig', exc)}."


class Journal:
    """An open journal file. Use as a context manager or call :meth:`close`."""

    def __init__(self, engine: Engine, path: Path, clock: Clock | None = None,
                 opened: db.OpenResult | None = None) -> None:
        self._engine = engine
        self.path = Path(path)
        self.clock: Clock = clock or SystemClock()
        self.opened = opened
        self._history = _History()

    # --- lifetime ---------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str | None = None, clock: Clock | None = None,
             *, create: bool = True) -> Journal:
        target = Path(path) if path is not None else files.default_db_path()
        opened = db.open_database(target, create=create)
        return cls(opened.engine, opened.path, clock, opened)

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def engine(self) -> Engine:
        return self._engine

    def now(self) -> datetime:
        return self.clock.now()

    def today(self) -> date:
        return self.clock.now().date()

    @contextlib.contextmanager
    def _read(self) -> Iterator[Session]:
        try:
            with Session(self._engine) as session:
                yield session
        except DBAPIError as exc:
            raise StorageError(storage_message(exc)) from exc

    @contextlib.contextmanager
    def _write(self) -> Iterator[Session]:
        """One transaction; any storage failure rolls it back whole and becomes StorageError."""
        try:
            with Session(self._engine) as session, session.begin():
                yield session
        except (DBAPIError, SQLAlchemyError) as exc:
            raise StorageError(storage_message(exc)) from exc

    # --- episodes ---------------------------------------------------------------------------

    def known_trigger_ids(self) -> set[str]:
        return set(BUILTIN_TRIGGERS) | {t.id for t in self.user_triggers()}

    def validate_episode(self, episode: Episode) -> None:
        validate_episode(episode, self.now(), self.known_trigger_ids())

    def add_episode(self, episode: Episode) -> Change:
        self.validate_episode(episode)
        with self._write() as s:
            if repo.get_episode(s, episode.id) is not None:
                raise ValidationError("id", f"An episode with id {episode.id} already exists.")
            repo.put_episode(s, episode, utc_now())
        label = f"Add {_describe_episode(episode)}"
        self._history.push(_Undoable("episode", episode.id, None, episode, label))
        return Change("episode", "added", (episode.id,), (episode.local_date,), label)

    def update_episode(self, episode: Episode) -> Change:
        self.validate_episode(episode)
        with self._write() as s:
            before = repo.get_episode(s, episode.id)
            if before is None:
                raise ValidationError("id", "That episode no longer exists.")
            repo.put_episode(s, episode, utc_now())
        label = f"Edit {_describe_episode(episode)}"
        self._history.push(_Undoable("episode", episode.id, before, episode, label))
        dates = tuple(sorted({before.local_date, episode.local_date}))
        return Change("episode", "updated", (episode.id,), dates, label)

    def delete_episode(self, episode_id: str) -> Change:
        with self._write() as s:
            before = repo.get_episode(s, episode_id)
            if before is None:
                raise ValidationError("id", "That episode no longer exists.")
            repo.remove_episode(s, episode_id)
        label = f"Delete {_describe_episode(before)}"
        self._history.push(_Undoable("episode", episode_id, before, None, label))
        return Change("episode", "deleted", (episode_id,), (before.local_date,), label)

    def get_episode(self, episode_id: str) -> Episode | None:
        with self._read() as s:
            return repo.get_episode(s, episode_id)

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
        from sqlalchemy import func

        stmt = select(func.count()).select_from(EpisodeRow)
        if start is not None:
            stmt = stmt.where(EpisodeRow.local_date >= start)
        if end is not None:
            stmt = stmt.where(EpisodeRow.local_date <= end)
        with self._read() as s:
            return int(s.scalar(stmt) or 0)

    def trigger_use_counts(self, start: date, end: date) -> dict[str, int]:
        """For each trigger id, how many episodes in [start, end] name it (counted in SQL)."""
        with self._read() as s:
            return repo.trigger_use_counts(s, start, end)

    # --- check-ins --------------------------------------------------------------------------

    def save_checkin(self, checkin: CheckIn) -> Change:
        """Add the check-in for its date, or replace the one already there."""
        validate_checkin(checkin, self.today())
        with self._write() as s:
            before = repo.get_checkin(s, checkin.date)
            repo.put_checkin(s, checkin, utc_now())
        label = f"Check-in for {checkin.date.isoformat()}"
        self._history.push(_Undoable("checkin", checkin.date, before, checkin, label))
        action: Action = "added" if before is None else "updated"
        return Change("checkin", action, (checkin.date.isoformat(),), (checkin.date,), label)

    def delete_checkin(self, day: date) -> Change:
        with self._write() as s:
            before = repo.get_checkin(s, day)
            if before is None:
                raise ValidationError("date", f"There is no check-in for {day.isoformat()}.")
            repo.remove_checkin(s, day)
        label = f"Delete check-in for {day.isoformat()}"
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
            days = set(s.scalars(select(EpisodeRow.local_date).where(
                EpisodeRow.local_date.between(start, end)).distinct()))
            days |= set(s.scalars(select(CheckInRow.local_date).where(
                CheckInRow.local_date.between(start, end))))
        return days

    # --- medications ------------------------------------------------------------------------

    def add_medication(self, medication: Medication) -> Change:
        validate_medication(medication, self.today())
        with self._write() as s:
            if repo.get_medication(s, medication.id) is not None:
                raise ValidationError("id", "That medication is already in the list.")
            repo.put_medication(s, medication, utc_now())
        label = f"Add {medication.name}"
        self._history.push(_Undoable("medication", medication.id, None, medication, label))
        return Change("medication", "added", (medication.id,), (), label)

    def update_medication(self, medication: Medication) -> Change:
        validate_medication(medication, self.today())
        with self._write() as s:
            before = repo.get_medication(s, medication.id)
            if before is None:
                raise ValidationError("id", "That medication no longer exists.")
            repo.put_medication(s, medication, utc_now())
        label = f"Edit {medication.name}"
        self._history.push(_Undoable("medication", medication.id, before, medication, label))
        return Change("medication", "updated", (medication.id,), (), label)

    def stop_medication(self, medication_id: str, on: date | None = None) -> Change:
        current = self.get_medication(medication_id)
        if current is None:
            raise ValidationError("id", "That medication no longer exists.")
        return self.update_medication(current.with_changes(stopped_on=on or self.today()))

    def delete_medication(self, medication_id: str) -> Change:
        with self._write() as s:
            before = repo.get_medication(s, medication_id)
            if before is None:
                raise ValidationError("id", "That medication no longer exists.")
            repo.remove_medication(s, medication_id)
        label = f"Delete {before.name}"
        self._history.push(_Undoable("medication", medication_id, before, None, label))
        return Change("medication", "deleted", (medication_id,), (), label)

    def get_medication(self, medication_id: str) -> Medication | None:
        with self._read() as s:
            return repo.get_medication(s, medication_id)

    def medications(self) -> list[Medication]:
        with self._read() as s:
            return repo.list_medications(s)

    # --- user-defined triggers --------------------------------------------------------------

    def add_user_trigger(self, trigger: UserTrigger) -> Change:
        validate_user_trigger(trigger)
        with self._write() as s:
            if trigger.id in {t.id for t in repo.list_user_triggers(s)}:
                raise ValidationError("id", f"A trigger called {trigger.id!r} already exists.")
            repo.put_user_trigger(s, trigger)
        label = f"Add trigger {trigger.label}"
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
        with self._write() as s:
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

    # --- export / import --------------------------------------------------------------------

    def export_document(self, start: date | None = None, end: date | None = None) -> dict[str, Any]:
        from journal.report import interchange

        return interchange.to_document(
            self.episodes(start, end), self.checkins(start, end), self.medications(),
            self.user_triggers(), exported_at=self.now(),
        )

    def export_json(self, out: Path, start: date | None = None, end: date | None = None) -> int:
        from journal.report import interchange

        doc = self.export_document(start, end)
        files.atomic_write_text(Path(out), interchange.dumps_document(doc))
        return len(doc["episodes"])

    def export_csv(self, out: Path, start: date | None = None, end: date | None = None) -> int:
        from journal.report import interchange

        episodes = self.episodes(start, end)
        files.atomic_write_text(Path(out), interchange.episodes_to_csv(episodes))
        return len(episodes)

    def import_file(self, path: Path) -> ImportResult:
        from journal.report import interchange

        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise ValidationError("file", f"{path} cannot be read: {exc.strerror}.") from None
        return self.import_document(interchange.loads_document(data))

    def import_document(self, doc: object) -> ImportResult:
        """Validate the whole document, then add what is new in one transaction.

        Entries whose id (or check-in date) is already in the journal are skipped, so importing
        the same file twice changes nothing. Import is not undoable; it never overwrites.
        """
        from journal.report import interchange

        parsed = interchange.parse_document(doc, self.now(), self.known_trigger_ids())
        now = utc_now()
        with self._write() as s:
            conn = s.connection()
            existing_trig = {t.id for t in repo.list_user_triggers(s)}
            new_trig = [t for t in parsed.triggers if t.id not in existing_trig]
            for t in new_trig:
                repo.put_user_trigger(s, t)
            s.flush()
            ids = [e.id for e in parsed.episodes]
            present = repo.existing_episode_ids(conn, ids)
            new_eps = [e for e in parsed.episodes if e.id not in present]
            repo.bulk_insert_episodes(conn, new_eps, now)
            have_days = {c.date for c in repo.list_checkins(s)}
            new_ci = [c for c in parsed.checkins if c.date not in have_days]
            repo.bulk_upsert_checkins(conn, new_ci, now)
            have_meds = {m.id for m in repo.list_medications(s)}
            new_meds = [m for m in parsed.medications if m.id not in have_meds]
            for m in new_meds:
                repo.put_medication(s, m, now)
        dates = {e.local_date for e in new_eps} | {c.date for c in new_ci}
        change = Change("journal", "imported", tuple(e.id for e in new_eps),
                        tuple(sorted(dates)), "Import")
        # An import is a bulk change the undo stack cannot walk back row by row.
        self._history = _History()
        return ImportResult(
            len(new_eps), len(parsed.episodes) - len(new_eps),
            len(new_ci), len(parsed.checkins) - len(new_ci),
            len(new_meds), len(parsed.medications) - len(new_meds),
            len(new_trig), change,
        )

    # --- health -----------------------------------------------------------------------------

    def check(self) -> list[str]:
        """Problems found by SQLite's integrity and foreign-key checks (empty: healthy)."""
        try:
            return db.integrity_problems(self._engine)
        except DBAPIError as exc:
            return [storage_message(exc)]

    # --- data safety: backups, restore, delete everything, passphrase -----------------------

    @classmethod
    def open_with_passphrase(cls, path: Path | str, passphrase: str,
                             clock: Clock | None = None, *, create: bool = False) -> Journal:
        """Open a journal protected with a passphrase (kept in memory only, never on disk)."""
        opened = db.open_database(Path(path), create=create, key=passphrase)
        journal = cls(opened.engine, opened.path, clock, opened)
        journal._key = passphrase
        return journal

    @property
    def passphrase_protected(self) -> bool:
        return getattr(self, "_key", None) is not None

    def backups(self) -> list[Any]:
        """The automatic and manual backups beside the journal, newest first (BackupInfo)."""
        from journal.store import backup

        return list(backup.list_backups(self.path))

    def backup_now(self, out: Path | None = None) -> Path:
        """A verified backup now: into ``backups/`` (then pruned), or to the file ``out``."""
        from journal.store import backup

        key = getattr(self, "_key", None)
        if out is not None:
            return backup.make_backup(self.path, self.now(), key=key, out=Path(out))
        made = backup.make_backup(self.path, self.now(), reason="manual", key=key)
        backup.prune(self.path, self.now())
        return made

    def maybe_backup(self, *, at_start: bool = False) -> Path | None:
        """Back up if the data changed since the newest backup (at start, or every few hours)."""
        from journal.store import backup

        return backup.maybe_backup(self.path, self.now(), at_start=at_start,
                                   key=getattr(self, "_key", None))

    def _reopen(self) -> None:
        key = getattr(self, "_key", None)
        opened = db.open_database(self.path, create=False, key=key)
        self._engine, self.opened = opened.engine, opened
        self._history = _History()

    def restore(self, backup_path: Path) -> Path | None:
        """Replace this journal's data with a backup; the current data is backed up first.

        A damaged backup is refused and nothing changes. Undo history is cleared. Returns where
        the data from before the restore was kept.
        """
        from journal.store import backup

        key = getattr(self, "_key", None)
        backup.verify_backup(Path(backup_path), key)  # refuse before closing anything
        backup.checkpoint(self._engine)
        self._engine.dispose()
        try:
            kept = backup.restore(self.path, Path(backup_path), self.now(), key, verified=True)
        finally:
            self._reopen()
        return kept

    def delete_all_data(self) -> list[Path]:
        """Close the journal and remove its file, side files and backups. Not undoable."""
        import sqlite3

        from sqlalchemy import create_engine

        from journal.store import backup

        def deleted() -> sqlite3.Connection:
            raise sqlite3.OperationalError("this journal was deleted")

        self._engine.dispose()
        # Any later query fails clearly instead of quietly creating a new, empty file there.
        self._engine = create_engine("sqlite://", creator=deleted)
        self._history = _History()
        return backup.delete_all(self.path)

    def protect_with_passphrase(self, passphrase: str) -> Path:
        """Encrypt the journal and its backups (needs the ``encryption`` extra).

        A verified plain backup is made first; the file is replaced only once its encrypted
        copy holds the same data; then every backup is encrypted too. Returns the new file path.
        """
        from journal.store import backup, crypto

        if self.passphrase_protected:
            raise ValidationError("passphrase", "This journal is already protected.")
        crypto.validate_passphrase(passphrase)
        crypto.dbapi()  # explains how to install the extra before anything is touched
        before = backup.fingerprint(self.path)
        backup.make_backup(self.path, self.now(), reason="pre-encryption")
        backup.checkpoint(self._engine)
        self._engine.dispose()
        staging = self.path.with_name(f".{self.path.name}.encrypting")
        try:
            crypto.encrypt_file(self.path, staging, passphrase)
            if backup.fingerprint(staging, passphrase) != before:
                raise StorageError("The encrypted copy differs from the journal; nothing changed.")
            for side in files.side_files(self.path):
                side.unlink(missing_ok=True)
            staging.replace(self.path)
            files.fsync_dir(self.path.parent)
        except BaseException:
            staging.unlink(missing_ok=True)
            self._reopen()
            raise
        self._key = passphrase
        self._reopen()
        crypto.encrypt_backups(self.path, passphrase)
        return self.path

    # --- warning flags (issue 4) ------------------------------------------------------------

    def _flag_history_input(self, day: date) -> Any:
        """The history the rules read, up to ``day``, loaded lean: one Core query with only the
        columns the rules use (kind, start, duration, side, radiates, warning signs), so a
        ten-year journal evaluates in well under a second. Other fields keep their defaults."""
        import json
        from datetime import UTC, timedelta, timezone

        from sqlalchemy import Text, cast

        from journal.model import Radiates, Side, WarningSign
        from journal.rules import History

        e = EpisodeRow
        # The signs as raw JSON text: most episodes have none ("[]"), so skip decoding those.
        stmt = (select(e.id, e.kind, e.started_at_utc, e.utc_offset_min, e.duration_s,
                       e.intensity, e.side, e.radiates_to, cast(e.warning_signs, Text))
                .where(e.local_date <= day).order_by(e.started_at_utc, e.id))
        zones: dict[int, timezone] = {}
        kinds = {k.value: k for k in Kind}
        episodes: list[Episode] = []
        with self._read() as s:
            for (ep_id, kind, start_utc, offset, duration, intensity, side, radiates,
                 signs) in s.execute(stmt):
                tz = zones.get(offset)
                if tz is None:
                    tz = zones[offset] = timezone(timedelta(minutes=offset))
                episodes.append(Episode(
                    kind=kinds[kind],
                    started_at=start_utc.replace(tzinfo=UTC).astimezone(tz),
                    duration_s=duration,
                    intensity=intensity,
                    side=Side(side) if side else None,
                    radiates_to=(Radiates(radiates) if radiates != "none" else Radiates.NONE),
                    warning_signs=(tuple(WarningSign(w) for w in json.loads(signs))
                                   if signs and signs != "[]" else ()),
                    id=ep_id,
                ))
        return History(tuple(episodes), tuple(self.checkins(end=day)))

    def flags(self, today: date | None = None) -> list[Flag]:
        """The warning flags firing as of ``today`` (default: the clock's today), most urgent
        first. Reads only; see :meth:`record_flags` to keep the flag history."""
        from journal.rules import evaluate

        day = today or self.today()
        return evaluate(self._flag_history_input(day), day)

    def record_flags(self, today: date | None = None) -> list[Flag]:
        """Evaluate and keep the flag history: a rule that starts firing gets a row (first fired
        today), a rule that stopped firing gets its ``cleared_on``. Returns the current flags.

        A spell's tier is the most urgent it reached; reaching ``emergency`` undoes a dismissal.
        """
        from journal.rules import Tier
        from journal.store.schema import FlagHistoryRow

        keep = 100  # evidence entries kept per spell in the file
        day = today or self.today()
        current = self.flags(day)
        with self._write() as s:
            open_rows = {r.rule: r for r in s.scalars(
                select(FlagHistoryRow).where(FlagHistoryRow.cleared_on.is_(None)))}
            for flag in current:
                # Kept compact: a long run can have thousands of episodes; the latest ones and
                # the counts are enough for the report (the engine gives the full list).
                evidence: dict[str, object] = {
                    "episodes": list(flag.evidence_episodes[-keep:]),
                    "episode_count": len(flag.evidence_episodes),
                    "checkins": [d.isoformat() for d in flag.evidence_checkins[-keep:]],
                    "checkin_count": len(flag.evidence_checkins),
                    "since": flag.since.isoformat(),
                }
                row = open_rows.pop(flag.rule, None)
                if row is None:
                    s.add(FlagHistoryRow(rule=flag.rule, tier=flag.tier.value,
                                         first_fired_on=day, cleared_on=None, dismissed=False,
                                         evidence=evidence))
                    continue
                if flag.tier.more_urgent_than(Tier(row.tier)):
                    row.tier = flag.tier.value
                if flag.tier is Tier.EMERGENCY:
                    row.dismissed = False
                if row.evidence != evidence:
                    row.evidence = evidence
            for row in open_rows.values():
                row.cleared_on = max(day, row.first_fired_on)
        return current

    def flag_history(self) -> list[FlagRecord]:
        """Every spell of every flag, oldest first: when it first fired and when it cleared."""
        from journal.rules import FlagRecord, Tier
        from journal.store.schema import FlagHistoryRow

        with self._read() as s:
            rows = s.scalars(select(FlagHistoryRow).order_by(
                FlagHistoryRow.first_fired_on, FlagHistoryRow.id))
            return [FlagRecord(r.rule, Tier(r.tier), r.first_fired_on, r.cleared_on,
                               bool(r.dismissed)) for r in rows]

    def dismissed_flags(self) -> set[str]:
        """Rules whose current spell the person dismissed (shown in the Flags list only)."""
        return {r.rule for r in self.flag_history() if r.cleared_on is None and r.dismissed}

    def dismiss_flag(self, rule: str, today: date | None = None) -> None:
        """Mark an ``urgent``/``soon`` flag as seen, so the banner stops showing it until it
        clears and fires again. ``emergency`` flags cannot be dismissed while they fire."""
        from journal.rules import Tier
        from journal.store.schema import FlagHistoryRow

        current = {f.rule: f for f in self.record_flags(today)}
        flag = current.get(rule)
        if flag is None:
            raise ValidationError("rule", f"The flag {rule!r} is not showing now.")
        if flag.tier is Tier.EMERGENCY:
            raise ValidationError(
                "rule", "An emergency flag cannot be dismissed while the sign is current.")
        with self._write() as s:
            for row in s.scalars(select(FlagHistoryRow).where(
                    FlagHistoryRow.rule == rule, FlagHistoryRow.cleared_on.is_(None))):
                row.dismissed = True

    # --- trends and trigger statistics (issue 5) ---------------------------------------------
    # Thin wrappers over journal.analytics: same numbers for the Trends screen, CLI and report.

    @contextlib.contextmanager
    def _reading_storage(self) -> Iterator[None]:
        try:
            yield
        except DBAPIError as exc:
            raise StorageError(storage_message(exc)) from exc

    def first_entry_date(self) -> date | None:
        """The earliest local date with an episode or a check-in (the start of "All")."""
        from sqlalchemy import func

        with self._read() as s:
            dates = [s.scalar(select(func.min(EpisodeRow.local_date))),
                     s.scalar(select(func.min(CheckInRow.local_date)))]
        known = [d for d in dates if d is not None]
        return min(known) if known else None

    def frequency(self, start: date, end: date, kinds: Iterable[Kind | str] | None = None,
                  bucket: Literal["day", "week"] | None = None) -> analytics.Frequency:
        from journal import analytics

        with self._reading_storage():
            return analytics.frequency(self, start, end, kinds, bucket)

    def intensity_series(self, start: date, end: date,
                         kinds: Iterable[Kind | str] | None = None) -> analytics.IntensitySeries:
        from journal import analytics

        with self._reading_storage():
            return analytics.intensity_series(self, start, end, kinds)

    def time_of_day(self, start: date, end: date,
                    kinds: Iterable[Kind | str] | None = None) -> analytics.TimeOfDay:
        from journal import analytics

        with self._reading_storage():
            return analytics.time_of_day(self, start, end, kinds)

    def region_counts(self, start: date, end: date,
                      kinds: Iterable[Kind | str] | None = None) -> analytics.RegionCounts:
        from journal import analytics

        with self._reading_storage():
            return analytics.region_counts(self, start, end, kinds)

    def duration_distribution(self, start: date, end: date, kinds: Iterable[Kind | str] | None
                              = None) -> analytics.DurationDistribution:
        from journal import analytics

        with self._reading_storage():
            return analytics.duration_distribution(self, start, end, kinds)

    def diary_completeness(self, start: date, end: date) -> analytics.RecordedDays:
        from journal import analytics

        with self._reading_storage():
            return analytics.recorded_days(self, start, end)

    def trigger_stats(self, start: date, end: date) -> list[analytics.FactorResult]:
        from journal import analytics

        with self._reading_storage():
            return analytics.trigger_statistics(self, start, end)

    def trigger_tag_shares(self, start: date, end: date,
                           kinds: Iterable[Kind | str] | None = None) -> list[analytics.TagShare]:
        from journal import analytics

        labels = {t.id: t.label for t in self.user_triggers()}
        with self._reading_storage():
            return analytics.trigger_tag_shares(self, start, end, kinds, labels)

    def factor_timeline(self, start: date, end: date) -> analytics.FactorTimeline:
        from journal import analytics

        with self._reading_storage():
            return analytics.factor_timeline(self, start, end)

    def summary_by_kind_side(self, start: date, end: date) -> list[analytics.KindSideSummary]:
        from journal import analytics

        with self._reading_storage():
            return analytics.summary_by_kind_side(self, start, end)

    # --- doctor's report (issue 6) ----------------------------------------------------------

    def build_report(self, options: Any = None,
                     progress: Callable[[float, str], None] | None = None, *,
                     first_page_only: bool = False) -> bytes:
        """The doctor's report as PDF bytes; ``options`` is a ``journal.report.ReportOptions``
        (default: the last 8 weeks). ``progress(fraction, message)`` is called as it goes;
        ``first_page_only`` stops after the one-page summary (for a preview)."""
        from journal.report.pdf import build_report

        return build_report(self, options, progress, first_page_only=first_page_only)

    def write_report(self, out: Path | str, options: Any = None,
                     progress: Callable[[float, str], None] | None = None) -> Path:
        """Write the report to ``out`` atomically (0600); a failure leaves an earlier file."""
        from journal.report.pdf import write_report

        return write_report(self, out, options, progress)

    def report_summary(self, options: Any = None) -> str:
        """Page 1 of the report as plain text (a preview where no PDF renderer is installed)."""
        from journal.report.content import gather, summary_text
        from journal.report.options import ReportOptions

        return summary_text(gather(self, options or ReportOptions()))
