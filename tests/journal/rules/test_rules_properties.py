"""Property tests: determinism, monotonicity of emergencies, evidence stays inside the history."""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime, time, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from journal.model import CheckIn, Episode, Interference, Kind, Radiates, Side, WarningSign
from journal.rules import History, Tier, evaluate

START = date(2025, 12, 1)
SPAN_DAYS = 120
OFFSETS = [timezone(timedelta(minutes=m)) for m in (-300, -240, 0, 60, 330)]

signs = st.lists(st.sampled_from(list(WarningSign)), max_size=3, unique=True).map(tuple)


@st.composite
def episodes(draw: st.DrawFn) -> Episode:
    day = START + timedelta(days=draw(st.integers(0, SPAN_DAYS)))
    moment = datetime.combine(day, time(draw(st.integers(0, 23)), draw(st.integers(0, 59))),
                              draw(st.sampled_from(OFFSETS)))
    return Episode(
        kind=draw(st.sampled_from(list(Kind))),
        started_at=moment,
        duration_s=draw(st.sampled_from([5, 60, 599, 600, 601, 3600])),
        intensity=draw(st.integers(0, 10)),
        side=draw(st.sampled_from([None, *Side])),
        radiates_to=draw(st.sampled_from(list(Radiates))),
        warning_signs=draw(st.one_of(st.just(()), signs)),
        id=str(uuid.UUID(int=draw(st.integers(0, 2**64)))),
    )


@st.composite
def checkins(draw: st.DrawFn) -> CheckIn:
    yes = draw(signs)
    asked = tuple(dict.fromkeys(yes + draw(signs)))
    return CheckIn(
        date=START + timedelta(days=draw(st.integers(0, SPAN_DAYS))),
        warning_signs=yes,
        warning_signs_asked=asked,
        interference=Interference(work=draw(st.one_of(st.none(), st.integers(0, 10)))),
    )


@st.composite
def histories(draw: st.DrawFn) -> History:
    eps = draw(st.lists(episodes(), max_size=40, unique_by=lambda e: e.id))
    cis = draw(st.lists(checkins(), max_size=15, unique_by=lambda c: c.date))
    return History(tuple(eps), tuple(cis))


todays = st.integers(0, SPAN_DAYS + 30).map(lambda n: START + timedelta(days=n))


@settings(max_examples=150, deadline=None)
@given(histories(), todays, st.randoms(use_true_random=False))
def test_evaluation_is_deterministic_for_a_given_today(
    history: History, today: date, rnd: random.Random
) -> None:
    first = evaluate(history, today)
    assert evaluate(history, today) == first
    eps, cis = list(history.episodes), list(history.checkins)
    rnd.shuffle(eps)
    rnd.shuffle(cis)
    assert evaluate(History(tuple(eps), tuple(cis)), today) == first


@settings(max_examples=150, deadline=None)
@given(histories(), todays, st.integers(1, 400), st.sampled_from(list(Kind)),
       st.sampled_from(OFFSETS))
def test_an_old_unrelated_episode_never_removes_a_current_emergency(
    history: History, today: date, days_before: int, kind: Kind, tz: timezone
) -> None:
    before = {f.rule for f in evaluate(history, today) if f.tier is Tier.EMERGENCY}
    old = Episode(kind=kind, started_at=datetime.combine(
        START - timedelta(days=days_before), time(12), tz), duration_s=30, intensity=2)
    extended = History((*history.episodes, old), history.checkins)
    after = {f.rule for f in evaluate(extended, today) if f.tier is Tier.EMERGENCY}
    assert before <= after


@settings(max_examples=150, deadline=None)
@given(histories(), todays)
def test_flags_never_reference_entries_outside_the_history(history: History, today: date) -> None:
    episode_dates = {e.id: e.local_date for e in history.episodes}
    checkin_dates = {c.date for c in history.checkins}
    for flag in evaluate(history, today):
        assert flag.evidence_episodes or flag.evidence_checkins
        assert set(flag.evidence_episodes) <= set(episode_dates)
        assert set(flag.evidence_checkins) <= checkin_dates
        evidence_days = [episode_dates[i] for i in flag.evidence_episodes]
        evidence_days += list(flag.evidence_checkins)
        assert all(d <= today for d in evidence_days)      # nothing after "today"
        assert flag.since == min(evidence_days)


@settings(max_examples=100, deadline=None)
@given(histories(), todays)
def test_flags_are_sorted_most_urgent_first_one_per_rule(history: History, today: date) -> None:
    flags = evaluate(history, today)
    assert [f.tier.rank for f in flags] == sorted(f.tier.rank for f in flags)
    assert len({f.rule for f in flags}) == len(flags)
