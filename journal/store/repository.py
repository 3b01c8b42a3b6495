"""Conversion between value types and rows, and the queries the service needs.

Functions here take a SQLAlchemy ``Session`` or ``Connection`` and plain values; they never
commit (the service owns transactions) and never hand ORM objects out: callers get value types.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any, TypeVar

from sqlalchemy import Connection, Text, cast, delete, func, select, text, type_coerce
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from journal.errors import BadStoredValueError, shorten
from journal.i18n import N_, _
from journal.model import (
    Activity,
    CheckIn,
    Episode,
    ExerciseIntensity,
    Interference,
    Kind,
    Medication,
    MedicationKind,
    Radiates,
    Region,
    Relief,
    Side,
    TriggerTag,
    UserTrigger,
    WarningSign,
)
from journal.store.schema import (
    CheckInRow,
    EpisodeRow,
    FlagHistoryRow,
    MedicationRow,
    MetaRow,
    UserTriggerRow,
)

_T = TypeVar("_T")


#: The words ``bad_value`` says for where a value is ("in the episode 123"), by the name the
#: code gives it or by its table (``check`` goes table by table); anything else as it is.
_WHERE_WORDS = {"journal": N_("the journal"), "episode": N_("the episode"),
                "check-in of": N_("the check-in of"), "medication": N_("the medication"),
                "episodes": N_("the episodes"), "checkins": N_("the check-ins"),
                "medications": N_("the medications")}


def bad_value(what: str, key: object, exc: BaseException) -> BadStoredValueError:
    """The error for a stored row this version cannot read (never the whole value)."""
    said = _(_WHERE_WORDS[what]) if what in _WHERE_WORDS else what
    where = f"{said} {shorten(key, 60)}" if key is not None else said
    found = _("The journal holds a value this version cannot read, in {where}: "
              "{problem}.").format(where=where, problem=shorten(exc))
    error = BadStoredValueError(found + " " + _(
        "Nothing has been changed. Restore a backup from before it appeared (File > Restore "
        "from backup, or `symptom-journal restore FILE`), or export what can be read from "
        "another copy."))
    error.found = found
    return error


def _reads_stored(what: str) -> Callable[[Callable[[Any], _T]], Callable[[Any], _T]]:
    """Turn any failure to make a value from a stored row into BadStoredValueError."""
    def decorate(convert: Callable[[Any], _T]) -> Callable[[Any], _T]:
        @functools.wraps(convert)
        def wrapper(row: Any) -> _T:
            try:
                return convert(row)
            except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as exc:
                key = getattr(row, "id", None) or getattr(row, "local_date", None)
                raise bad_value(what, key, exc) from exc
        return wrapper
    return decorate


# --- episodes -----------------------------------------------------------------------------------


def episode_values(ep: Episode, now_utc: datetime) -> dict[str, Any]:
    """The column values of an episode row (used by the ORM path and by bulk Core inserts)."""
    offset = ep.started_at.utcoffset() or timedelta(0)
    local = ep.started_at
    return {
        "id": ep.id,
        "kind": ep.kind.value,
        "started_at_utc": ep.started_at.astimezone(UTC).replace(tzinfo=None),
        "utc_offset_min": int(offset.total_seconds() // 60),
        "local_date": local.date(),
        "local_minute": local.hour * 60 + local.minute,
        "duration_s": ep.duration_s,
        "intensity": ep.intensity,
        "side": ep.side.value if ep.side else None,
        "regions": [r.value for r in ep.regions],
        "radiates_to": ep.radiates_to.value,
        "activity": ep.activity.value if ep.activity else None,
        "triggers": [{"id": t.id, "amount": t.amount, "unit": t.unit} for t in ep.triggers],
        "warning_signs": [w.value for w in ep.warning_signs],
        "relief": [r.value for r in ep.relief],
        "relief_score": ep.relief_score,
        "note": ep.note,
        "created_at": now_utc.replace(tzinfo=None),
        "updated_at": now_utc.replace(tzinfo=None),
    }


@_reads_stored("episode")
def episode_from_row(row: EpisodeRow | Any) -> Episode:
    tz = timezone(timedelta(minutes=row.utc_offset_min))
    started = row.started_at_utc.replace(tzinfo=UTC).astimezone(tz)
    return Episode(
        id=row.id,
        kind=Kind(row.kind),
        started_at=started,
        duration_s=row.duration_s,
        intensity=row.intensity,
        side=Side(row.side) if row.side else None,
        regions=tuple(Region(r) for r in row.regions or ()),
        radiates_to=Radiates(row.radiates_to),
        activity=Activity(row.activity) if row.activity else None,
        triggers=tuple(_trigger_tag(t) for t in row.triggers or ()),
        warning_signs=tuple(WarningSign(w) for w in row.warning_signs or ()),
        relief=tuple(Relief(r) for r in row.relief or ()),
        relief_score=row.relief_score,
        note=row.note or "",
    )


def _trigger_tag(stored: dict[str, Any]) -> TriggerTag:
    amount = stored.get("amount")
    return TriggerTag(str(stored["id"]), None if amount is None else float(amount),
                      stored.get("unit"))


def get_episode(session: Session, episode_id: str) -> Episode | None:
    row = session.get(EpisodeRow, episode_id)
    return episode_from_row(row) if row else None


def put_episode(session: Session, ep: Episode, now_utc: datetime) -> None:
    """Insert or replace an episode, keeping its original created_at."""
    values = episode_values(ep, now_utc)
    row = session.get(EpisodeRow, ep.id)
    if row is None:
        session.add(EpisodeRow(**values))
    else:
        values.pop("created_at")
        for k, v in values.items():
            setattr(row, k, v)


def remove_episode(session: Session, episode_id: str) -> bool:
    result = session.execute(delete(EpisodeRow).where(EpisodeRow.id == episode_id))
    return bool(getattr(result, "rowcount", 0))


def list_episodes(
    session: Session,
    start: date | None = None,
    end: date | None = None,
    kind: Kind | None = None,
    limit: int | None = None,
    newest_first: bool = False,
) -> list[Episode]:
    """Episodes whose local date is within [start, end] (both inclusive, either open)."""
    # The table's columns as plain rows, the list columns as their stored text: "All dates" in
    # the Journal reads every episode, and one mapped object per row plus a JSON decode per list
    # cost more than the query. The few distinct lists are decoded once (_ListDecoder).
    stmt = select(*(type_coerce(c, Text).label(c.name) if c.name in _LIST_COLUMNS else c
                    for c in EpisodeRow.__table__.columns))
    if start is not None:
        stmt = stmt.where(EpisodeRow.local_date >= start)
    if end is not None:
        stmt = stmt.where(EpisodeRow.local_date <= end)
    if kind is not None:
        stmt = stmt.where(EpisodeRow.kind == kind.value)
    order = EpisodeRow.started_at_utc.desc() if newest_first else EpisodeRow.started_at_utc
    stmt = stmt.order_by(order, EpisodeRow.id)
    if limit is not None:
        stmt = stmt.limit(limit)
    episode = _reads_stored("episode")(_ListDecoder().episode)
    return [episode(r) for r in session.execute(stmt)]


_LIST_COLUMNS = frozenset({"regions", "triggers", "warning_signs", "relief"})


class _ListDecoder:
    """Builds episodes from rows whose list columns are the stored JSON text, decoding each
    distinct text once (a journal repeats a handful of region, sign and relief lists). A value
    that is no member fails as ``Kind(value)`` does, for :func:`_reads_stored` to report."""

    def __init__(self) -> None:
        self._lists: dict[tuple[type, str | None], tuple[Any, ...]] = {}
        self._zones: dict[int, timezone] = {}
        self._kinds = {k.value: k for k in Kind}
        self._sides = {k.value: k for k in Side}
        self._radiates = {k.value: k for k in Radiates}
        self._activities = {k.value: k for k in Activity}

    def _list(self, enum: type, text: str | None) -> tuple[Any, ...]:
        key = (enum, text)
        found = self._lists.get(key)
        if found is None:
            values = json.loads(text) if text else []
            if enum is TriggerTag:
                found = tuple(_trigger_tag(t) for t in values or ())
            else:
                found = tuple(enum(v) for v in values or ())
            self._lists[key] = found
        return found

    def episode(self, row: Any) -> Episode:
        zone = self._zones.get(row.utc_offset_min)
        if zone is None:
            zone = self._zones[row.utc_offset_min] = timezone(
                timedelta(minutes=row.utc_offset_min))
        return Episode(
            id=row.id,
            kind=self._kinds.get(row.kind) or Kind(row.kind),
            started_at=row.started_at_utc.replace(tzinfo=UTC).astimezone(zone),
            duration_s=row.duration_s,
            intensity=row.intensity,
            side=(self._sides.get(row.side) or Side(row.side)) if row.side else None,
            regions=self._list(Region, row.regions),
            radiates_to=self._radiates.get(row.radiates_to) or Radiates(row.radiates_to),
            activity=((self._activities.get(row.activity) or Activity(row.activity))
                      if row.activity else None),
            triggers=self._list(TriggerTag, row.triggers),
            warning_signs=self._list(WarningSign, row.warning_signs),
            relief=self._list(Relief, row.relief),
            relief_score=row.relief_score,
            note=row.note or "",
        )


def trigger_use_counts(session: Session, start: date, end: date) -> dict[str, int]:
    """Episodes in [start, end] per trigger id; an episode counts once per trigger it names."""
    stmt = text(
        "SELECT json_extract(t.value, '$.id') AS id, count(DISTINCT e.id) "
        "FROM episodes AS e, json_each(e.triggers) AS t "
        "WHERE e.local_date BETWEEN :start AND :end GROUP BY 1"
    )
    rows = session.execute(stmt, {"start": start.isoformat(), "end": end.isoformat()})
    return {str(tid): int(n) for tid, n in rows if tid is not None}


def count_episodes(session: Session | Connection, start: date | None = None,
                   end: date | None = None) -> int:
    """How many episodes have their local date in [start, end] (either bound optional)."""
    stmt = select(func.count()).select_from(EpisodeRow)
    if start is not None:
        stmt = stmt.where(EpisodeRow.local_date >= start)
    if end is not None:
        stmt = stmt.where(EpisodeRow.local_date <= end)
    return int(session.scalar(stmt) or 0)


def recorded_dates(session: Session | Connection, start: date,
                   end: date) -> tuple[set[date], set[date]]:
    """The days in [start, end] with an episode, and those with a check-in (a day with either is
    recorded; the rest are unrecorded, not symptom-free). The one place this is asked of SQL."""
    episode_days = set(session.scalars(select(EpisodeRow.local_date).where(
        EpisodeRow.local_date.between(start, end)).distinct()))
    checkin_days = set(session.scalars(select(CheckInRow.local_date).where(
        CheckInRow.local_date.between(start, end))))
    return episode_days, checkin_days


def rule_input_episodes(session: Session, day: date) -> list[Episode]:
    """Every episode up to ``day``, oldest first, with just what the warning rules read (no
    notes, regions or triggers): decoding the full rows of years of entries is the slow part."""
    import json

    e = EpisodeRow
    # The signs as raw JSON text: most episodes have none ("[]"), so skip decoding those.
    stmt = (select(e.id, e.kind, e.started_at_utc, e.utc_offset_min, e.duration_s,
                   e.intensity, e.side, e.radiates_to, cast(e.warning_signs, Text))
            .where(e.local_date <= day).order_by(e.started_at_utc, e.id))
    zones: dict[int, timezone] = {}
    kinds = {k.value: k for k in Kind}
    episodes: list[Episode] = []
    for (ep_id, kind, start_utc, offset, duration, intensity, side, radiates,
         signs) in session.execute(stmt):
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
    return episodes


def existing_episode_ids(conn: Connection, ids: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        found.update(conn.scalars(select(EpisodeRow.id).where(EpisodeRow.id.in_(chunk))))
    return found


_EPISODE_COLUMNS = tuple(c.name for c in EpisodeRow.__table__.columns)
_INSERT_EPISODES_SQL = (
    f"INSERT INTO episodes ({', '.join(_EPISODE_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in _EPISODE_COLUMNS)})"
)
#: Most episodes share a handful of region, sign and relief lists: their JSON is made once.
_JSON_CACHE_LIMIT = 4096
_json_lists: dict[tuple[Any, ...], str] = {}


def _values_json(values: tuple[Any, ...]) -> str:
    """The stored JSON of a tuple of enum members, as SQLAlchemy's JSON type writes it."""
    cached = _json_lists.get(values)
    if cached is None:
        cached = json.dumps([v.value for v in values])
        if len(_json_lists) < _JSON_CACHE_LIMIT:
            _json_lists[values] = cached
    return cached


def _sql_datetime(moment: datetime) -> str:
    # SQLAlchemy's SQLite DATETIME storage format (always with microseconds): the text the
    # queries compare, so both write paths must agree to the character.
    return moment.isoformat(" ", "microseconds")


def episode_row_tuple(ep: Episode, stamp: str) -> tuple[Any, ...]:
    """The row of ``episode_values`` as the driver's parameters, in ``_EPISODE_COLUMNS`` order."""
    started = ep.started_at
    offset = started.utcoffset() or timedelta(0)
    triggers = ep.triggers
    return (
        ep.id,
        ep.kind.value,
        _sql_datetime(started.astimezone(UTC).replace(tzinfo=None)),
        int(offset.total_seconds() // 60),
        started.date().isoformat(),
        started.hour * 60 + started.minute,
        ep.duration_s,
        ep.intensity,
        ep.side.value if ep.side else None,
        _values_json(ep.regions),
        ep.radiates_to.value,
        ep.activity.value if ep.activity else None,
        json.dumps([{"id": t.id, "amount": t.amount, "unit": t.unit} for t in triggers])
        if triggers else "[]",
        _values_json(ep.warning_signs),
        _values_json(ep.relief),
        ep.relief_score,
        ep.note,
        stamp,
        stamp,
    )


def bulk_insert_episodes(conn: Connection, episodes: Iterable[Episode], now_utc: datetime) -> int:
    """One driver-level executemany: the import path, with neither an ORM object nor
    SQLAlchemy's per-row parameter processing for each row (on 73,000 rows that processing
    cost more than the insert). The text written is exactly what :func:`episode_values` through
    the ORM writes (a test compares the two)."""
    stamp = _sql_datetime(now_utc.replace(tzinfo=None))
    rows = [episode_row_tuple(ep, stamp) for ep in episodes]
    if rows:
        conn.exec_driver_sql(_INSERT_EPISODES_SQL, rows)
    return len(rows)


# --- check-ins ----------------------------------------------------------------------------------


def checkin_values(c: CheckIn, now_utc: datetime) -> dict[str, Any]:
    return {
        "local_date": c.date,
        "caffeine_mg": c.caffeine_mg,
        "water_ml": c.water_ml,
        "sitting_h": c.sitting_h,
        "exercise_min": c.exercise_min,
        "exercise_intensity": c.exercise_intensity.value if c.exercise_intensity else None,
        "stress": c.stress,
        "sleep_h": c.sleep_h,
        "interference_sleep": c.interference.sleep,
        "interference_walking": c.interference.walking,
        "interference_work": c.interference.work,
        "no_episodes": c.no_episodes,
        "warning_signs": [w.value for w in c.warning_signs],
        "warning_signs_asked": [w.value for w in c.warning_signs_asked],
        "note": c.note,
        "updated_at": now_utc.replace(tzinfo=None),
    }


@_reads_stored("check-in of")
def checkin_from_row(row: CheckInRow | Any) -> CheckIn:
    return CheckIn(
        date=row.local_date,
        caffeine_mg=row.caffeine_mg,
        water_ml=row.water_ml,
        sitting_h=row.sitting_h,
        exercise_min=row.exercise_min,
        exercise_intensity=(
            ExerciseIntensity(row.exercise_intensity) if row.exercise_intensity else None
        ),
        stress=row.stress,
        sleep_h=row.sleep_h,
        interference=Interference(
            row.interference_sleep, row.interference_walking, row.interference_work
        ),
        no_episodes=bool(row.no_episodes),
        warning_signs=tuple(WarningSign(w) for w in row.warning_signs or ()),
        warning_signs_asked=tuple(WarningSign(w) for w in row.warning_signs_asked or ()),
        note=row.note or "",
    )


def get_checkin(session: Session, day: date) -> CheckIn | None:
    row = session.get(CheckInRow, day)
    return checkin_from_row(row) if row else None


def put_checkin(session: Session, c: CheckIn, now_utc: datetime) -> None:
    values = checkin_values(c, now_utc)
    row = session.get(CheckInRow, c.date)
    if row is None:
        session.add(CheckInRow(**values))
    else:
        for k, v in values.items():
            setattr(row, k, v)


def remove_checkin(session: Session, day: date) -> bool:
    result = session.execute(delete(CheckInRow).where(CheckInRow.local_date == day))
    return bool(getattr(result, "rowcount", 0))


def list_checkins(
    session: Session, start: date | None = None, end: date | None = None
) -> list[CheckIn]:
    stmt = select(CheckInRow)
    if start is not None:
        stmt = stmt.where(CheckInRow.local_date >= start)
    if end is not None:
        stmt = stmt.where(CheckInRow.local_date <= end)
    stmt = stmt.order_by(CheckInRow.local_date)
    return [checkin_from_row(r) for r in session.scalars(stmt)]


def bulk_upsert_checkins(conn: Connection, checkins: Iterable[CheckIn], now_utc: datetime) -> int:
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    rows = [checkin_values(c, now_utc) for c in checkins]
    if rows:
        stmt = sqlite_insert(CheckInRow)
        stmt = stmt.on_conflict_do_update(
            index_elements=[CheckInRow.local_date],
            set_={k: stmt.excluded[k] for k in rows[0] if k != "local_date"},
        )
        conn.execute(stmt, rows)
    return len(rows)


# --- medications --------------------------------------------------------------------------------


def medication_values(m: Medication, now_utc: datetime) -> dict[str, Any]:
    return {
        "id": m.id,
        "name": m.name.strip(),
        "dose": m.dose,
        "kind": m.kind.value,
        "started_on": m.started_on,
        "stopped_on": m.stopped_on,
        "suspected": m.suspected,
        "note": m.note,
        "updated_at": now_utc.replace(tzinfo=None),
    }


@_reads_stored("medication")
def medication_from_row(row: MedicationRow | Any) -> Medication:
    return Medication(
        id=row.id,
        name=row.name,
        dose=row.dose or "",
        kind=MedicationKind(row.kind),
        started_on=row.started_on,
        stopped_on=row.stopped_on,
        suspected=bool(row.suspected),
        note=row.note or "",
    )


def get_medication(session: Session, medication_id: str) -> Medication | None:
    row = session.get(MedicationRow, medication_id)
    return medication_from_row(row) if row else None


def put_medication(session: Session, m: Medication, now_utc: datetime) -> None:
    values = medication_values(m, now_utc)
    row = session.get(MedicationRow, m.id)
    if row is None:
        session.add(MedicationRow(**values))
    else:
        for k, v in values.items():
            setattr(row, k, v)


def remove_medication(session: Session, medication_id: str) -> bool:
    result = session.execute(delete(MedicationRow).where(MedicationRow.id == medication_id))
    return bool(getattr(result, "rowcount", 0))


def list_medications(session: Session) -> list[Medication]:
    stmt = select(MedicationRow).order_by(MedicationRow.started_on, MedicationRow.name)
    return [medication_from_row(r) for r in session.scalars(stmt)]


# --- user triggers and meta ---------------------------------------------------------------------


def list_user_triggers(session: Session) -> list[UserTrigger]:
    stmt = select(UserTriggerRow).order_by(UserTriggerRow.label)
    return [UserTrigger(r.id, r.label, r.unit) for r in session.scalars(stmt)]


def put_user_trigger(session: Session, t: UserTrigger) -> None:
    row = session.get(UserTriggerRow, t.id)
    if row is None:
        session.add(UserTriggerRow(id=t.id, label=t.label.strip(), unit=t.unit))
    else:
        row.label, row.unit = t.label.strip(), t.unit


def remove_user_trigger(session: Session, trigger_id: str) -> bool:
    result = session.execute(delete(UserTriggerRow).where(UserTriggerRow.id == trigger_id))
    return bool(getattr(result, "rowcount", 0))


#: The meta key a sample journal carries, so the app can say it is made-up data (not the
#: person's own entries) wherever it is opened from.
SAMPLE_DATA_KEY = "sample_data"


def get_meta(session: Session, key: str) -> str | None:
    row = session.get(MetaRow, key)
    return row.value if row else None


def set_meta(session: Session, key: str, value: str) -> None:
    row = session.get(MetaRow, key)
    if row is None:
        session.add(MetaRow(key=key, value=value))
    else:
        row.value = value


# --- flag history -------------------------------------------------------------------------------


def open_flag_spells(session: Session) -> dict[str, FlagHistoryRow]:
    """The flag-history rows still open (not cleared), by rule, for the service to update in the
    same transaction."""
    return {r.rule: r for r in session.scalars(
        select(FlagHistoryRow).where(FlagHistoryRow.cleared_on.is_(None)))}


def add_flag_spell(session: Session, rule: str, tier: str, first_fired_on: date,
                   evidence: dict[str, object]) -> None:
    session.add(FlagHistoryRow(rule=rule, tier=tier, first_fired_on=first_fired_on,
                               cleared_on=None, dismissed=False, evidence=evidence))


def flag_spells(session: Session) -> list[tuple[str, str, date, date | None, bool]]:
    """Every spell of every flag, oldest first: (rule, tier, first fired, cleared, dismissed)."""
    rows = session.scalars(select(FlagHistoryRow).order_by(
        FlagHistoryRow.first_fired_on, FlagHistoryRow.id))
    return [(r.rule, r.tier, r.first_fired_on, r.cleared_on, bool(r.dismissed)) for r in rows]


def dismiss_open_spell(session: Session, rule: str) -> None:
    for row in session.scalars(select(FlagHistoryRow).where(
            FlagHistoryRow.rule == rule, FlagHistoryRow.cleared_on.is_(None))):
        row.dismissed = True


# --- values this version cannot read ------------------------------------------------------------


def unreadable_rows(session: Session, limit: int = 20) -> list[str]:
    """What stops a row from being read back (empty when every row reads), for ``check``.

    Reads everything in one pass; only when that fails does it look row by row for which."""
    tables: list[tuple[Any, Callable[[Any], object]]] = [
        (EpisodeRow, episode_from_row), (CheckInRow, checkin_from_row),
        (MedicationRow, medication_from_row)]
    unreadable = (BadStoredValueError, ValueError, TypeError, DBAPIError)
    problems: list[str] = []

    def said(exc: BaseException, what: str, key: object) -> str:
        error = exc if isinstance(exc, BadStoredValueError) else bad_value(
            what, key, getattr(exc, "orig", exc))
        return error.found or str(error)

    for table, convert in tables:
        try:
            for row in session.scalars(select(table)):
                convert(row)
            continue
        except unreadable:
            session.rollback()
        key_column = table.__mapper__.primary_key[0]
        try:
            keys = [k for (k,) in session.execute(select(key_column)).all()]
        except unreadable as exc:
            session.rollback()
            problems.append(said(exc, table.__tablename__, None))
            continue
        for key in keys:
            try:
                convert(session.get(table, key))
            except unreadable as exc:
                session.rollback()
                problems.append(said(exc, table.__tablename__, key))
            finally:
                session.expunge_all()
            if len(problems) >= limit:
                return problems
    return problems
