"""Trigger statistics: planted effects are found, noise is not, and thin data says what it needs."""

from __future__ import annotations

import math
import re
from datetime import date, timedelta

import pytest

from journal.analytics import (
    MIN_DAYS,
    DayRecord,
    benjamini_hochberg,
    day_records_from_entries,
    rate_ratio,
    trigger_statistics_from_days,
)
from journal.analytics.stats import student_t_quantile, student_t_sf
from journal.demo import generate_checkins, generate_episodes

START = date(2025, 1, 1)


def _records(days: int, per_day: float, seed: int, effects: dict[str, float]) -> list[DayRecord]:
    end = START + timedelta(days=days - 1)
    checkins = generate_checkins(START, end, seed=seed)
    episodes = generate_episodes(START, end, checkins, episodes_per_day=per_day, seed=seed,
                                 effects=effects)
    return day_records_from_entries(checkins, [e.local_date for e in episodes])


def _result(results, factor: str, lag: int):  # type: ignore[no-untyped-def]
    return next(r for r in results if r.factor == factor and r.lag == lag)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_planted_doubling_with_sitting_is_found_with_an_interval_excluding_one(
        seed: int) -> None:
    results = trigger_statistics_from_days(_records(365, 6, seed, {"sitting": 2.0}))
    sitting = _result(results, "sitting", 0)
    assert sitting.significant
    assert sitting.ci_low is not None and sitting.ci_high is not None
    assert 1.0 < sitting.ci_low < 2.0 < sitting.ci_high
    assert sitting.rate_ratio == pytest.approx(2.0, rel=0.2)
    assert "8 h or more of sitting" in sitting.sentence
    assert "more episodes" in sitting.sentence


def test_with_no_planted_effect_at_most_8_of_100_seeds_report_anything() -> None:
    flagged = 0
    for seed in range(100):
        results = trigger_statistics_from_days(_records(120, 4, 1000 + seed, {}))
        assert all(r.tested for r in results), "small data still has enough days per group"
        flagged += any(r.significant for r in results)
    assert flagged <= 8


def _days(exposed: int, unexposed: int, *, exposed_count: int = 3,
          unexposed_count: int = 1) -> list[DayRecord]:
    out = []
    d = START
    for i in range(exposed + unexposed):
        sitting = 9.0 if i < exposed else 4.0
        out.append(DayRecord(d, exposed_count if i < exposed else unexposed_count,
                             {"sitting": sitting}))
        d += timedelta(days=2)  # every other day: the next-day lag has nothing to compare
    return out


def test_fewer_than_five_exposed_days_shows_no_ratio_and_says_how_many_more() -> None:
    results = trigger_statistics_from_days(_days(MIN_DAYS - 1, 20))
    sitting = _result(results, "sitting", 0)
    assert not sitting.tested and not sitting.significant
    assert sitting.rate_ratio is None and sitting.ci_low is None and sitting.p_adjusted is None
    assert sitting.exposed_days == 4 and sitting.unexposed_days == 20
    assert sitting.days_needed == 1 and sitting.exposed_needed == 1
    assert "1 more recorded day with it" in sitting.sentence


def test_fewer_than_five_unexposed_days_is_held_back_too() -> None:
    sitting = _result(trigger_statistics_from_days(_days(30, 2)), "sitting", 0)
    assert not sitting.tested
    assert sitting.unexposed_needed == 3 and sitting.days_needed == 3
    assert "3 more without it" in sitting.sentence


def test_five_of_each_is_enough() -> None:
    sitting = _result(trigger_statistics_from_days(_days(MIN_DAYS, MIN_DAYS)), "sitting", 0)
    assert sitting.tested and sitting.days_needed == 0
    assert sitting.rate_ratio == pytest.approx(3.0)


def test_next_day_lag_skips_unrecorded_following_days() -> None:
    results = trigger_statistics_from_days(_days(10, 10))
    nxt = _result(results, "sitting", 1)
    # Every other day is unrecorded, so no exposure has a recorded next day.
    assert nxt.exposed_days == 0 and nxt.unexposed_days == 0 and not nxt.tested


def test_unknown_factor_values_are_neither_exposed_nor_unexposed() -> None:
    days = [*_days(6, 6), DayRecord(date(2026, 1, 1), 50, {"sitting": None})]
    sitting = _result(trigger_statistics_from_days(days), "sitting", 0)
    assert sitting.exposed_days == 6 and sitting.unexposed_days == 6


def test_sentences_never_say_causes_and_carry_their_numbers() -> None:
    results = trigger_statistics_from_days(_records(365, 6, 4, {"sitting": 2.0, "sleep": 1.5}))
    for r in results:
        assert not re.search(r"\bcaus", r.sentence, re.IGNORECASE)
        if r.tested:
            assert f"{r.exposed_days} days with" in r.sentence
            assert f"{r.unexposed_days} days without" in r.sentence
            assert "95% CI" in r.sentence


def test_rate_ratio_is_finite_when_a_group_has_no_episodes() -> None:
    rr, lo, hi, p = rate_ratio([0, 0, 0, 0, 0], [2, 3, 1, 2, 2])
    assert all(math.isfinite(x) for x in (rr, lo, hi, p))
    assert hi < 1.0 or p > 0.0


def test_rate_ratio_interval_contains_the_estimate_and_p_is_a_probability() -> None:
    rr, lo, hi, p = rate_ratio([4, 5, 6, 5, 4, 6], [2, 3, 2, 3, 2, 3])
    assert lo < rr < hi
    assert rr == pytest.approx(2.0)
    assert 0.0 <= p <= 1.0


def test_benjamini_hochberg_matches_a_worked_example() -> None:
    p = [0.01, 0.04, 0.03, 0.005]
    # Sorted: 0.005, 0.01, 0.03, 0.04 -> 0.02, 0.02, 0.04, 0.04 (step-up, monotone).
    assert benjamini_hochberg(p) == pytest.approx([0.02, 0.04, 0.04, 0.02])
    assert benjamini_hochberg([0.9, 0.95]) == pytest.approx([0.95, 0.95])
    assert benjamini_hochberg([]) == []


def test_student_t_matches_tables() -> None:
    assert student_t_quantile(0.975, 10) == pytest.approx(2.228, abs=1e-3)
    assert student_t_quantile(0.975, 1e6) == pytest.approx(1.960, abs=1e-3)
    assert 2 * student_t_sf(2.0, 5) == pytest.approx(0.1019, abs=1e-4)
