"""Sample journals: realistic multi-year diaries with planted trigger effects.

Used by tests, the benchmarks and the app's "Try with sample data" (always into a separate file,
never into the person's own journal). Everything is drawn from one seeded generator, so a seed
gives the same journal every time.

What "realistic" means here: about one day in ten unrecorded (holidays and busy weeks, in runs),
a check-in on most recorded days, weekday/weekend differences in sitting and exercise, slow
seasonal swings and occasional flare-ups of a few weeks, mostly short mild twitches and fewer,
longer, stronger cramps, in the afternoon and evening more than at night.

``episodes_per_day`` means what it says: the file holds ``round(days * episodes_per_day)``
episodes, where ``days`` is the number of calendar days generated (``round(years * 365.25)``).
Planted effects multiply the expected count on exposed days (same day).
"""

from __future__ import annotations

import math
import random
import uuid
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

from journal.analytics.factors import FACTORS_BY_ID
from journal.model import (
    Activity,
    CheckIn,
    Episode,
    ExerciseIntensity,
    Interference,
    Kind,
    Radiates,
    Region,
    Relief,
    Side,
    TriggerTag,
    WarningSign,
)

#: The effects a sample journal shows unless told otherwise: sitting doubles the day's episodes,
#: short sleep and high caffeine raise them a little. Exercise, water and stress do nothing.
DEFAULT_EFFECTS: Mapping[str, float] = {"sitting": 2.0, "sleep": 1.4, "caffeine": 1.3}

#: Share of days the person kept the diary (the rest come in runs of 1-14 days).
RECORDED_SHARE = 0.9
#: Share of recorded days with a check-in.
CHECKIN_SHARE = 0.85
DEFAULT_TZ = "Europe/Berlin"

_REGIONS = (
    (Region.PIRIFORMIS, 20), (Region.GLUTE_MAX_UPPER, 16), (Region.GLUTE_MED, 14),
    (Region.GLUTE_MAX_LOWER, 10), (Region.DEEP_ROTATORS, 8), (Region.LATERAL_HIP, 7),
    (Region.GLUTE_MIN, 6), (Region.HAMSTRING_ORIGIN, 6), (Region.SI_JOINT, 5),
    (Region.POSTERIOR_THIGH, 4), (Region.LOWER_BACK, 4),
)
_NOTES = ("after a long meeting", "driving", "woke me up", "while reading", "after the gym",
          "on the train", "stretching helped", "at my desk", "", "", "", "", "", "", "", "")


def _span(years: float) -> int:
    return max(1, round(years * 365.25))


def _day_plan(start: date, days: int, seed: int) -> list[int]:
    """Per day: 0 unrecorded, 1 recorded without a check-in, 2 recorded with a check-in."""
    rng = random.Random(f"plan-{seed}")
    plan = [2] * days
    i = 0
    mean_gap = 6.0
    # Gaps arrive so that about (1 - RECORDED_SHARE) of days are unrecorded.
    p_gap = (1 - RECORDED_SHARE) / mean_gap / RECORDED_SHARE
    while i < days:
        if rng.random() < p_gap:
            length = min(14, max(1, round(rng.expovariate(1 / mean_gap))))
            for j in range(i, min(days, i + length)):
                plan[j] = 0
            i += length
            continue
        plan[i] = 2 if rng.random() < CHECKIN_SHARE else 1
        i += 1
    return plan


def generate_checkins(start: date, end: date, *, seed: int) -> list[CheckIn]:
    """The check-ins of a sample journal for [start, end] (pure: no file, no clock)."""
    days = (end - start).days + 1
    plan = _day_plan(start, days, seed)
    rng = random.Random(f"checkins-{seed}")
    asked = tuple(WarningSign)
    out: list[CheckIn] = []
    for i, state in enumerate(plan):
        if state != 2:
            continue
        d = start + timedelta(days=i)
        workday = d.weekday() < 5
        cups = min(6, max(0, round(rng.gauss(2.2, 1.2))))
        sitting = min(16.0, max(0.5, rng.gauss(8.2 if workday else 4.5, 1.8)))
        exercise = 0.0 if rng.random() < (0.55 if workday else 0.35) else \
            min(180.0, max(10.0, rng.gauss(45, 20)))
        sleep = min(10.5, max(3.5, rng.gauss(6.9, 0.9)))
        stress = min(10, max(0, round(rng.gauss(5.5 if workday else 3.5, 2))))
        water = min(4000.0, max(400.0, rng.gauss(1800, 450)))
        out.append(CheckIn(
            date=d,
            caffeine_mg=float(cups * 80),
            water_ml=round(water / 50) * 50.0,
            sitting_h=round(sitting * 2) / 2,
            exercise_min=round(exercise / 5) * 5.0,
            exercise_intensity=(None if exercise == 0 else
                                rng.choice((ExerciseIntensity.LIGHT, ExerciseIntensity.MODERATE,
                                            ExerciseIntensity.VIGOROUS))),
            stress=stress,
            sleep_h=round(sleep * 4) / 4,
            interference=Interference(
                rng.choice((0, 0, 1, 2, 3)), rng.choice((0, 0, 0, 1, 2)),
                rng.choice((0, 1, 1, 2, 3))),
            warning_signs=(),
            warning_signs_asked=asked if rng.random() < 0.3 else (),
        ))
    return out


def _expected(d: date, day_index: int, checkin: CheckIn | None, effects: Mapping[str, float],
              flare: float, rng: random.Random) -> float:
    season = 1.0 + 0.25 * math.sin(2 * math.pi * (d.timetuple().tm_yday / 365.25))
    noise = rng.gammavariate(6.0, 1 / 6.0)  # day-to-day swings beyond chance
    level = season * flare * noise
    if checkin is not None:
        for factor_id, mult in effects.items():
            factor = FACTORS_BY_ID[factor_id]
            value = getattr(checkin, factor.column)
            threshold = 160.0 if factor.rule == "above_median" else factor.threshold
            if value is not None and factor.exposed(float(value), threshold):
                level *= mult
    return level


def generate_episodes(
    start: date,
    end: date,
    checkins: list[CheckIn],
    *,
    episodes_per_day: float,
    seed: int,
    effects: Mapping[str, float] | None = None,
    tz: tzinfo | None = None,
) -> list[Episode]:
    """The episodes of a sample journal for [start, end]: round(days * episodes_per_day) of them.

    ``effects`` maps a factor id (see ``journal.analytics.factors``) to a rate multiplier on
    exposed days; ``None`` uses :data:`DEFAULT_EFFECTS`, ``{}`` plants nothing.
    """
    effects = DEFAULT_EFFECTS if effects is None else effects
    unknown = set(effects) - set(FACTORS_BY_ID)
    if unknown:
        raise ValueError(f"unknown factor(s) {sorted(unknown)}")
    zone = tz or ZoneInfo(DEFAULT_TZ)
    days = (end - start).days + 1
    plan = _day_plan(start, days, seed)
    by_date = {c.date: c for c in checkins}
    rng = random.Random(f"episodes-{seed}")
    # Flare-ups: a few weeks at about twice the usual level, roughly twice a year.
    flare = [1.0] * days
    i = 0
    while i < days:
        if rng.random() < 2 / 365:
            length = rng.randint(10, 35)
            for j in range(i, min(days, i + length)):
                flare[j] = 1.9
            i += length
        i += 1
    weights = [0.0] * days
    for i, state in enumerate(plan):
        if state == 0:
            continue
        d = start + timedelta(days=i)
        weights[i] = _expected(d, i, by_date.get(d), effects, flare[i], rng)
    total = round(days * episodes_per_day)
    if total == 0 or sum(weights) == 0:
        return []
    # Exactly `total` episodes, spread over the recorded days in proportion to their weights.
    chosen = rng.choices(range(days), weights=weights, k=total)
    per_day = [0] * days
    for i in chosen:
        per_day[i] += 1
    out: list[Episode] = []
    region_ids = [r for r, _ in _REGIONS]
    region_w = [w for _, w in _REGIONS]
    hours = list(range(24))
    hour_w = [0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 1.0, 1.4, 1.6, 1.7, 1.7, 1.6, 1.8, 2.0, 2.1,
              2.2, 2.2, 2.3, 2.4, 2.3, 1.9, 1.2, 0.6]
    for i, n in enumerate(per_day):
        if not n:
            continue
        d = start + timedelta(days=i)
        checkin = by_date.get(d)
        sitting_day = bool(checkin and checkin.sitting_h and checkin.sitting_h >= 8)
        caffeine_day = bool(checkin and checkin.caffeine_mg and checkin.caffeine_mg > 160)
        for h in rng.choices(hours, weights=hour_w, k=n):
            cramp = rng.random() < 0.15
            if cramp:
                duration = min(540, max(15, round(rng.lognormvariate(math.log(70), 0.7))))
                intensity = min(10, max(2, round(rng.gauss(6.2, 1.5))))
            else:
                duration = min(300, max(1, round(rng.lognormvariate(math.log(8), 0.9))))
                intensity = min(8, max(0, round(rng.gauss(2.8, 1.3))))
            local = datetime.combine(d, time(h, rng.randrange(60)), zone)
            regions = tuple(dict.fromkeys(rng.choices(region_ids, weights=region_w,
                                                      k=1 if rng.random() < 0.75 else 2)))
            side = rng.choices((Side.LEFT, Side.RIGHT, Side.BOTH, None), (50, 36, 6, 8))[0]
            activity = (Activity.SITTING if rng.random() < (0.6 if sitting_day else 0.35) else
                        rng.choice((Activity.STANDING, Activity.WALKING, Activity.EXERCISING,
                                    Activity.LYING)))
            tags: list[TriggerTag] = []
            if sitting_day and rng.random() < 0.4:
                tags.append(TriggerTag("prolonged_sitting"))
            if caffeine_day and rng.random() < 0.3:
                tags.append(TriggerTag("caffeine", float(checkin.caffeine_mg or 0), "mg")
                            if checkin else TriggerTag("caffeine"))
            if rng.random() < 0.08:
                tags.append(TriggerTag("stress"))
            if cramp and rng.random() < 0.2:
                tags.append(TriggerTag("dehydration"))
            relief: tuple[Relief, ...] = ()
            score = None
            if cramp or rng.random() < 0.1:
                relief = tuple(dict.fromkeys(rng.choices(
                    (Relief.STRETCH, Relief.MASSAGE, Relief.HEAT, Relief.REST,
                     Relief.HYDRATION), (5, 3, 2, 2, 1), k=rng.randint(1, 2))))
                score = rng.randint(3, 9)
            out.append(Episode(
                kind=Kind.CRAMP if cramp else Kind.TWITCH,
                started_at=local,
                duration_s=duration,
                intensity=intensity,
                side=side,
                regions=regions,
                radiates_to=(Radiates.BUTTOCK if rng.random() < 0.2 else Radiates.NONE),
                activity=activity,
                triggers=tuple(tags),
                relief=relief,
                relief_score=score,
                note=rng.choice(_NOTES),
                id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            ))
    return out


def generate(path: Path, *, years: float, episodes_per_day: float, seed: int, today: date,
             effects: Mapping[str, float] | None = None) -> Path:
    """Write a new sample journal at ``path`` covering ``years`` up to yesterday; returns it.

    Refuses to touch an existing file: sample data never mixes with a person's own entries.
    """
    # The store directly, not the service: the service offers sample journals (through
    # ``journal.service.make_demo_journal``), so importing it here would make a cycle.
    from sqlalchemy.orm import Session

    from journal.store import db
    from journal.store import repository as repo

    path = Path(path)
    if path.exists():
        raise FileExistsError(f"{path} already exists; sample data goes into a new file")
    end = today - timedelta(days=1)
    start = end - timedelta(days=_span(years) - 1)
    checkins = generate_checkins(start, end, seed=seed)
    episodes = generate_episodes(start, end, checkins, episodes_per_day=episodes_per_day,
                                 seed=seed, effects=effects)
    opened = db.open_database(path, create=True)
    try:
        now = datetime.now().astimezone()
        with opened.engine.begin() as conn:
            repo.bulk_upsert_checkins(conn, checkins, now)
            for i in range(0, len(episodes), 20000):
                repo.bulk_insert_episodes(conn, episodes[i : i + 20000], now)
        with Session(opened.engine) as session, session.begin():
            repo.set_meta(session, repo.SAMPLE_DATA_KEY, "1")
    finally:
        opened.engine.dispose()
    return opened.path
