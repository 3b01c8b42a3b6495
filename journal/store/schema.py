"""The tables, as SQLAlchemy 2 typed ORM models on one metadata with a naming convention.

Instants are stored as UTC (``started_at_utc``, naive, always UTC) plus the offset in minutes the
user's clock had (``utc_offset_min``); ``local_date`` and ``local_minute`` are derived from them
when written so that grouping by the user's local date runs in SQL with an index. List-valued
fields (regions, triggers, warning signs, relief) are JSON arrays: one row per episode keeps bulk
import and the 10-year queries fast, and SQLite's ``json_each`` still queries inside them.

Any change here needs an Alembic revision in ``migrations/versions`` and a fixture file.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class EpisodeRow(Base):
    __tablename__ = "episodes"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    started_at_utc: Mapped[datetime] = mapped_column(DateTime)
    utc_offset_min: Mapped[int] = mapped_column(Integer)
    local_date: Mapped[date] = mapped_column(Date)
    local_minute: Mapped[int] = mapped_column(Integer)  # minutes after local midnight
    duration_s: Mapped[int] = mapped_column(Integer)
    intensity: Mapped[int] = mapped_column(Integer)
    side: Mapped[str | None] = mapped_column(String(8))
    regions: Mapped[list[str]] = mapped_column(JSON, default=list)
    radiates_to: Mapped[str] = mapped_column(String(16), default="none")
    activity: Mapped[str | None] = mapped_column(String(16))
    triggers: Mapped[list[dict[str, object]]] = mapped_column(JSON, default=list)
    warning_signs: Mapped[list[str]] = mapped_column(JSON, default=list)
    relief: Mapped[list[str]] = mapped_column(JSON, default=list)
    relief_score: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (
        Index("ix_episodes_local_date_kind", "local_date", "kind"),
        Index("ix_episodes_started_at_utc", "started_at_utc"),
    )


class CheckInRow(Base):
    __tablename__ = "checkins"

    local_date: Mapped[date] = mapped_column(Date, primary_key=True)
    caffeine_mg: Mapped[float | None] = mapped_column(Float)
    water_ml: Mapped[float | None] = mapped_column(Float)
    sitting_h: Mapped[float | None] = mapped_column(Float)
    exercise_min: Mapped[float | None] = mapped_column(Float)
    exercise_intensity: Mapped[str | None] = mapped_column(String(16))
    stress: Mapped[int | None] = mapped_column(Integer)
    sleep_h: Mapped[float | None] = mapped_column(Float)
    interference_sleep: Mapped[int | None] = mapped_column(Integer)
    interference_walking: Mapped[int | None] = mapped_column(Integer)
    interference_work: Mapped[int | None] = mapped_column(Integer)
    no_episodes: Mapped[bool] = mapped_column(Boolean, default=False)
    warning_signs: Mapped[list[str]] = mapped_column(JSON, default=list)
    warning_signs_asked: Mapped[list[str]] = mapped_column(JSON, default=list)
    note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class MedicationRow(Base):
    __tablename__ = "medications"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    dose: Mapped[str] = mapped_column(String(200), default="")
    kind: Mapped[str] = mapped_column(String(16), default="medication")
    started_on: Mapped[date] = mapped_column(Date)
    stopped_on: Mapped[date | None] = mapped_column(Date)
    suspected: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class UserTriggerRow(Base):
    __tablename__ = "user_triggers"

    id: Mapped[str] = mapped_column(String(48), primary_key=True)
    label: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str | None] = mapped_column(String(32))


class MetaRow(Base):
    """Small key/value facts about the file (last backup time, settings kept with the data)."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class FlagHistoryRow(Base):
    """When a warning-sign rule first fired and when it cleared, for the doctor's report.

    One row per spell of a rule firing: a rule that clears and later fires again gets a new row.
    ``tier`` is the most urgent tier the spell reached; ``dismissed`` is the person's "seen it"
    for an urgent/soon flag (an emergency flag is never dismissed); ``evidence`` is the latest
    evidence as JSON (episode ids, check-in dates, since).
    """

    __tablename__ = "flag_history"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    rule: Mapped[str] = mapped_column(String(48))
    tier: Mapped[str] = mapped_column(String(16))
    first_fired_on: Mapped[date] = mapped_column(Date)
    cleared_on: Mapped[date | None] = mapped_column(Date)
    dismissed: Mapped[bool] = mapped_column(Boolean, default=False)
    evidence: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)

    __table_args__ = (Index("ix_flag_history_rule", "rule", "cleared_on"),)
