"""Validation at the edge: impossible values get a clear message naming the field."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journal.errors import ValidationError
from journal.model import (
    MAX_DURATION_S,
    CheckIn,
    Episode,
    Interference,
    Kind,
    Medication,
    TriggerTag,
    UserTrigger,
    WarningSign,
    format_duration,
    known_cramp_risk,
    parse_duration,
    validate_checkin,
    validate_episode,
    validate_medication,
    validate_user_trigger,
)

TZ = timezone(timedelta(hours=1))
NOW = datetime(2026, 3, 16, 15, 0, tzinfo=TZ)


def ep(**kw) -> Episode:
    base = dict(kind=Kind.TWITCH, started_at=NOW - timedelta(hours=1), duration_s=60, intensity=3)
    base.update(kw)
    return Episode(**base)


def test_a_plain_episode_is_valid() -> None:
    validate_episode(ep(), NOW)


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"intensity": 11}, "intensity", "from 0 to 10"),
        ({"intensity": -1}, "intensity", "from 0 to 10"),
        ({"intensity": 5.5}, "intensity", "whole number"),
        ({"duration_s": -5}, "duration", "negative"),
        ({"duration_s": MAX_DURATION_S + 1}, "duration", "longer than a day"),
        ({"started_at": NOW + timedelta(hours=1)}, "started_at", "in the future"),
        ({"started_at": NOW - timedelta(seconds=30), "duration_s": 3600}, "duration", "future"),
        ({"started_at": datetime(2026, 3, 1, 10, 0)}, "started_at", "time zone"),
        ({"started_at": datetime(1850, 3, 1, 10, 0, tzinfo=TZ)}, "started_at", "1900"),
        ({"relief_score": 12}, "relief_score", "from 0 to 10"),
        ({"triggers": (TriggerTag("sunspots"),)}, "triggers", "Unknown trigger"),
        ({"triggers": (TriggerTag("caffeine", -3),)}, "triggers", "negative"),
        ({"triggers": (TriggerTag("caffeine"), TriggerTag("caffeine"))}, "triggers", "twice"),
        ({"triggers": (TriggerTag("caffeine", float("nan")),)}, "triggers", "number"),
        ({"kind": "spasm"}, "kind", "unknown value"),
        ({"regions": ("knee",)}, "regions", "unknown value"),
        ({"warning_signs": ("headache",)}, "warning_signs", "unknown value"),
        ({"id": "not-a-uuid"}, "id", "UUID"),
    ],
)
def test_impossible_episodes_are_refused_with_the_field_named(changes, field, words) -> None:
    with pytest.raises(ValidationError) as err:
        validate_episode(ep(**changes), NOW)
    assert err.value.field == field
    assert words in err.value.message


def test_user_defined_trigger_is_accepted_once_known() -> None:
    episode = ep(triggers=(TriggerTag("cold_weather"),))
    with pytest.raises(ValidationError):
        validate_episode(episode, NOW)
    validate_episode(episode, NOW, ["cold_weather"])


def test_checkin_validation() -> None:
    validate_checkin(CheckIn(date=NOW.date(), stress=4, sleep_h=7.5), NOW.date())
    cases = [
        (CheckIn(date=NOW.date() + timedelta(days=1)), "date"),
        (CheckIn(date=NOW.date(), stress=11), "stress"),
        (CheckIn(date=NOW.date(), sleep_h=25), "sleep_h"),
        (CheckIn(date=NOW.date(), caffeine_mg=-1), "caffeine_mg"),
        (CheckIn(date=NOW.date(), water_ml=float("inf")), "water_ml"),
        (CheckIn(date=NOW.date(), interference=Interference(work=12)), "interference_work"),
        (CheckIn(date=NOW.date(), warning_signs=(WarningSign.FEVER,)), "warning_signs"),
    ]
    for checkin, field in cases:
        with pytest.raises(ValidationError) as err:
            validate_checkin(checkin, NOW.date())
        assert err.value.field == field


def test_medication_stop_before_start_is_refused() -> None:
    med = Medication(name="Atorvastatin", started_on=date(2026, 3, 1), stopped_on=date(2026, 2, 1))
    with pytest.raises(ValidationError) as err:
        validate_medication(med, NOW.date())
    assert err.value.field == "stopped_on"
    assert "before the start date" in err.value.message
    with pytest.raises(ValidationError):
        validate_medication(Medication(name="  ", started_on=date(2026, 3, 1)), NOW.date())


def test_user_trigger_cannot_shadow_a_builtin() -> None:
    with pytest.raises(ValidationError):
        validate_user_trigger(UserTrigger("caffeine", "Coffee"))
    with pytest.raises(ValidationError):
        validate_user_trigger(UserTrigger("Cold Weather!", "Cold"))
    validate_user_trigger(UserTrigger("cold_weather", "Cold weather"))


def test_known_cramp_risk() -> None:
    assert known_cramp_risk("Atorvastatin 20mg") == "statin"
    assert known_cramp_risk("Furosemide") == "diuretic"
    assert known_cramp_risk("Magnesium") is None


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("90s", 90), ("5m", 300), ("1h30m", 5400), ("2m30s", 150), ("45", 45), ("10 min", 600)],
)
def test_parse_duration(text: str, seconds: int) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "-5m", "five minutes", "5x", "m"])
def test_parse_duration_refuses_nonsense(text: str) -> None:
    with pytest.raises(ValidationError):
        parse_duration(text)


@given(st.integers(min_value=0, max_value=MAX_DURATION_S))
def test_format_then_parse_duration_round_trips(seconds: int) -> None:
    assert parse_duration(format_duration(seconds)) == seconds


@given(st.integers(), st.integers())
def test_intensity_outside_range_always_refused(intensity: int, duration: int) -> None:
    episode = ep(intensity=intensity, duration_s=duration)
    # Starting an hour ago, it may last up to the hour plus the clock-skew tolerance.
    valid = 0 <= intensity <= 10 and 0 <= duration <= 3600 + 120
    if valid:
        validate_episode(episode, NOW)
    else:
        with pytest.raises(ValidationError):
            validate_episode(episode, NOW)
