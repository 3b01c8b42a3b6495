"""Trigger statistics: planted effects are found, noise and confounders are not, small counts get
exact tests, intervals agree with verdicts, and thin data says what it needs."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from journal.analytics import (
    MIN_DAYS,
    DayRecord,
    benjamini_hochberg,
    day_records_from_entries,
    trigger_statistics_from_days,
)
from journal.analytics.models import exact_rate_ratio
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


def test_with_no_planted_effect_at_most_5_of_100_seeds_report_anything() -> None:
    flagged = 0
    for seed in range(100):
        results = trigger_statistics_from_days(_records(120, 4, 1000 + seed, {}))
        # Same day always has enough; the next day needs two check-ins in a row, which short
        # sleep on a sparse diary does not always reach.
        assert all(r.tested for r in results if r.lag == 0), "enough days per group"
        flagged += any(r.significant for r in results)
    assert flagged <= 5


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
            assert r.ci_level is not None
            assert f"{r.ci_level * 100:.1f}% CI" in r.sentence
            family = "same-day" if r.lag == 0 else "next-day"
            assert f"widened for {r.comparisons} {family} comparisons" in r.sentence
            assert "adjusted for the other daily factors" in r.sentence or r.lag == 1


def test_no_episodes_on_exposed_days_gives_the_exact_test_and_no_made_up_ratio() -> None:
    # The case that showed the pseudo-count: 0 episodes in 5 days against 10 in 5
    # (exact: p = .002, CI to .446).
    ex = exact_rate_ratio(0, 5, 10, 5)
    assert ex.ratio is None and ex.low == 0.0
    assert ex.p_value == pytest.approx(2 * 0.5**10)
    assert ex.high == pytest.approx(0.4461, abs=1e-4)
    days = [DayRecord(START + timedelta(days=i), 0 if i < 5 else 2, {"sitting": 9.0 if i < 5
                                                                      else 4.0})
            for i in range(10)]
    sitting = _result(trigger_statistics_from_days(days), "sitting", 0)
    assert sitting.tested and sitting.rate_ratio is None
    assert sitting.method == "exact conditional test"
    assert sitting.p_value == pytest.approx(2 * 0.5**10)
    assert "no episodes on 5 days with it, 10 episodes on 5 days without" in sitting.sentence
    assert "times" not in sitting.sentence


def test_one_episode_against_none_is_not_reported_as_a_multiple() -> None:
    # The previous method: 1 episode in 5 days against 0 in 40 came out as "16 times", a
    # number made from a pseudo-count.
    ex = exact_rate_ratio(1, 5, 0, 40)
    assert ex.ratio is None and ex.high is None
    assert ex.p_value == pytest.approx(2 * 5 / 45)
    days = [DayRecord(START + timedelta(days=i), 1 if i == 0 else 0,
                      {"sitting": 9.0 if i < 5 else 4.0}) for i in range(45)]
    sitting = _result(trigger_statistics_from_days(days), "sitting", 0)
    assert sitting.rate_ratio is None and not sitting.significant
    assert "1 episode on 5 days with it, no episodes on 40 days without" in sitting.sentence
    assert "times" not in sitting.sentence


def test_exact_test_matches_the_binomial_test_and_clopper_pearson() -> None:
    from scipy import stats

    x1, n1, x0, n0 = 3, 10, 9, 12
    ex = exact_rate_ratio(x1, n1, x0, n0)
    share = n1 / (n1 + n0)
    tails = (stats.binom.sf(x1 - 1, x1 + x0, share), stats.binom.cdf(x1, x1 + x0, share))
    assert ex.p_value == pytest.approx(min(1.0, 2 * min(tails)))
    ci = stats.binomtest(x1, x1 + x0, share).proportion_ci(method="exact")
    assert ex.low == pytest.approx(ci.low / (1 - ci.low) * n0 / n1)
    assert ex.high == pytest.approx(ci.high / (1 - ci.high) * n0 / n1)
    assert ex.ratio == pytest.approx((3 / 10) / (9 / 12))


def test_the_exact_test_widens_with_the_measured_dispersion() -> None:
    plain = exact_rate_ratio(2, 10, 20, 30)
    spread = exact_rate_ratio(2, 10, 20, 30, dispersion=3.0)
    assert spread.p_value > plain.p_value
    assert spread.low is not None and plain.low is not None and spread.low < plain.low


def test_the_model_is_statsmodels_nb2_with_every_factor_at_once() -> None:
    import numpy as np
    import statsmodels.api as sm

    from journal.analytics import models

    rng = np.random.default_rng(7)
    x = (rng.random((150, 3)) < 0.4).astype(float)
    mu = 3.0 * np.exp(np.log(2.0) * x[:, 0])
    y = rng.negative_binomial(2.0, 2.0 / (2.0 + mu))
    fit = models.fit_count_model(y.tolist(), {"a": x[:, 0], "b": x[:, 1], "c": x[:, 2]})
    ref = sm.NegativeBinomial(y, sm.add_constant(x), loglike_method="nb2").fit(disp=0)
    assert fit.method == "negative binomial"
    assert fit.coefficients["a"].estimate == pytest.approx(ref.params[1], abs=1e-5)
    assert fit.alpha == pytest.approx(ref.params[-1], rel=1e-4)
    # The standard error is the model's, scaled up (never down) by the Pearson dispersion.
    assert fit.coefficients["a"].se >= ref.bse[1] * (1 - 1e-6)


def test_interval_and_verdict_always_agree() -> None:
    for seed in range(6):
        for r in trigger_statistics_from_days(_records(150, 4, 50 + seed, {"sitting": 1.6})):
            if r.rate_ratio is None or r.ci_low is None or r.ci_high is None:
                continue
            excludes_one = r.ci_low > 1.0 or r.ci_high < 1.0
            assert excludes_one == r.significant, r.sentence


def test_a_factor_that_only_travels_with_the_working_week_is_not_credited() -> None:
    # Sitting and stress both follow the working week; only sitting acts.
    from tests.helpers.trigger_calibration import Scenario, journal

    confounded = Scenario("confounded", 150, {"sitting": 2.0})
    stress_flags = sitting_found = 0
    for seed in range(10):
        results = trigger_statistics_from_days(journal(confounded, 900 + seed))
        stress_flags += _result(results, "stress", 0).significant
        sitting_found += _result(results, "sitting", 0).significant
    assert stress_flags == 0
    assert sitting_found >= 8


def test_next_day_outcomes_are_checked_in_days_only() -> None:
    # Exposed days are followed by a day with episodes but no check-in: the previous method's
    # selection on the outcome. Those next days must not enter the next-day comparison.
    days = []
    for i in range(40):
        d = START + timedelta(days=2 * i)
        sitting = i % 2 == 0
        days.append(DayRecord(d, 2, {"sitting": 9.0 if sitting else 4.0}))
        if sitting:
            days.append(DayRecord(d + timedelta(days=1), 5, {}))  # episodes, no check-in
    nxt = _result(trigger_statistics_from_days(days), "sitting", 1)
    assert nxt.exposed_days == 0 and not nxt.tested


def test_next_day_is_adjusted_for_the_outcome_days_own_factors() -> None:
    # Sitting runs in working weeks and acts on the same day only: the day after a sitting day
    # is mostly a sitting day too, so an unadjusted next-day comparison would find a link.
    from tests.helpers.trigger_calibration import Scenario, journal

    same_day_only = Scenario("same-day-only", 200, {"sitting": 2.5}, weekly=True)
    for seed in range(4):
        results = trigger_statistics_from_days(journal(same_day_only, 700 + seed))
        nxt = _result(results, "sitting", 1)
        assert nxt.tested and not nxt.significant
        assert "sitting_same_day" in nxt.adjusted_for
        assert "adjusted for that day's own factors" in nxt.sentence


def test_a_journal_with_one_factor_recorded_still_gets_a_comparison() -> None:
    days = [DayRecord(START + timedelta(days=i), 4 if i % 3 == 0 else 1,
                      {"sitting": 9.0 if i % 3 == 0 else 4.0}) for i in range(30)]
    sitting = _result(trigger_statistics_from_days(days), "sitting", 0)
    assert sitting.tested and sitting.significant
    assert sitting.adjusted_for == ("weekend",)
    assert "adjusted for the weekend:" in sitting.sentence
    assert "other daily factors" not in sitting.sentence
    few = _result(trigger_statistics_from_days(days[:13]), "sitting", 0)
    assert few.tested and few.adjusted_for == ()
    assert "not adjusted for anything else" in few.sentence


def test_spells_in_exposure_and_episodes_bring_a_plain_warning() -> None:
    from tests.helpers.trigger_calibration import Scenario, journal

    spells = Scenario("spells", 160, {"sitting": 1.5}, spells=True)
    warned = [r for seed in range(6) for r in trigger_statistics_from_days(journal(spells, seed))
              if r.spell_widening is not None]
    assert warned
    for r in warned:
        assert r.spell_widening is not None and r.spell_widening >= 1.1
        assert "come in spells" in r.sentence and "too narrow" in r.sentence
        assert f"by about {r.spell_widening:.1f} times" in r.sentence


def test_without_the_statistics_libraries_nothing_is_guessed(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "statsmodels.api", None)
    results = trigger_statistics_from_days(_records(120, 4, 3, {"sitting": 2.0}))
    assert all(not r.tested and r.rate_ratio is None and not r.significant for r in results)
    assert all("statsmodels" in r.sentence for r in results)


def test_benjamini_hochberg_matches_a_worked_example() -> None:
    # Four tests: p = 0.01, 0.04, 0.03, 0.005 -> adjusted 0.02, 0.04, 0.04, 0.02.
    p = [0.01, 0.04, 0.03, 0.005]
    assert benjamini_hochberg(p) == pytest.approx([0.02, 0.04, 0.04, 0.02])
    assert benjamini_hochberg([0.9, 0.95]) == pytest.approx([0.95, 0.95])
    assert benjamini_hochberg([]) == []


def test_the_statistics_libraries_load_only_when_statistics_are_computed() -> None:
    import subprocess
    import sys

    code = ("import sys, journal.analytics, journal.cli, journal.service; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & "
            "{'statsmodels', 'scipy', 'pandas'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"
