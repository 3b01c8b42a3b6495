"""Small builders for rule-engine tests: episodes and check-ins from a few readable words."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta, timezone, tzinfo

from journal.model import CheckIn, Episode, Interference, Kind, Radiates, Side, WarningSign
from journal.rules import Flag, History, evaluate

TODAY = date(2026, 3, 16)
UTC_PLUS_1 = timezone(timedelta(hours=1))
ALL_SIGNS = tuple(WarningSign)


def at(day: date, hour: int = 9, minute: int = 0, tz: tzinfo = UTC_PLUS_1) -> datetime:
    return datetime.combine(day, time(hour, minute), tz)


def days_ago(n: int, hour: int = 9, minute: int = 0) -> datetime:
    return at(TODAY - timedelta(days=n), hour, minute)


def ep(
    start: datetime,
    kind: Kind = Kind.TWITCH,
    *,
    duration_s: int = 30,
    signs: Iterable[WarningSign] = (),
    side: Side | None = Side.LEFT,
    radiates: Radiates = Radiates.NONE,
    id: str | None = None,
) -> Episode:
    return Episode(
        kind=kind, started_at=start, duration_s=duration_s, intensity=3, side=side,
        radiates_to=radiates, warning_signs=tuple(signs), id=id or str(uuid.uuid4()),
    )


def ci(
    day: date,
    signs: Iterable[WarningSign] = (),
    *,
    asked: Iterable[WarningSign] | None = None,
    interference: int | None = None,
) -> CheckIn:
    yes = tuple(signs)
    return CheckIn(
        date=day,
        warning_signs=yes,
        warning_signs_asked=ALL_SIGNS if asked is None else tuple(asked),
        interference=Interference(walking=interference),
    )


def hist(*entries: Episode | CheckIn) -> History:
    return History(
        episodes=tuple(e for e in entries if isinstance(e, Episode)),
        checkins=tuple(c for c in entries if isinstance(c, CheckIn)),
    )


def run(history: History, today: date = TODAY) -> dict[str, Flag]:
    return {f.rule: f for f in evaluate(history, today)}
