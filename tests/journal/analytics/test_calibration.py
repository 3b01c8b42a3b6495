"""Calibration against journals with known truth (tests/helpers/trigger_calibration.py).

The fast run here takes a few seconds on a handful of seeded journals per scenario; the full run
(``--runslow``, :data:`SLOW_JOURNALS` journals per scenario, about ten minutes of one idle core)
checks the figures the adjusted method promises and prints them next to the previous method's
(each factor on its own) from the same journals, so the comparison is measured, not remembered.
"""

from __future__ import annotations

import pytest

from journal.analytics import FactorResult, trigger_statistics_from_days
from tests.helpers.trigger_calibration import Scenario, calibrate, journal

CONFOUNDED = Scenario("confounded", 150, {"sitting": 2.0})
PLANTED = Scenario("planted", 120, {"sitting": 2.0}, weekly=False)
NULL = Scenario("null", 120, {}, weekly=False)
#: As many journals per scenario as one core works through in about ten minutes (0.3-0.4 s of
#: CPU for each set of nine journals, both methods).
SLOW_JOURNALS = 1500


def _get(results: list[FactorResult], factor: str, lag: int = 0) -> FactorResult:
    return next(r for r in results if r.factor == factor and r.lag == lag)


def test_fast_calibration_on_known_truth() -> None:
    stress_flags = sitting_found = planted_found = null_flags = 0
    covered = intervals = 0
    for seed in range(12):
        confounded = trigger_statistics_from_days(journal(CONFOUNDED, 5000 + seed))
        stress_flags += _get(confounded, "stress").significant
        sitting_found += _get(confounded, "sitting").significant
        planted = trigger_statistics_from_days(journal(PLANTED, 6000 + seed))
        planted_found += _get(planted, "sitting").significant
        null = trigger_statistics_from_days(journal(NULL, 7000 + seed))
        null_flags += any(r.significant for r in null)
        for scenario, results in ((PLANTED, planted), (NULL, null)):
            for r in results:
                if r.lag == 0 and r.ci95_low is not None and r.ci95_high is not None:
                    truth = scenario.effects.get(r.factor, 1.0)
                    intervals += 1
                    covered += r.ci95_low <= truth <= r.ci95_high
    assert stress_flags <= 1  # a factor that only travels with the acting one
    assert sitting_found >= 10
    assert planted_found >= 10  # rate ratio 2, negative-binomial counts, 120 days
    assert null_flags <= 1
    assert intervals >= 130 and covered / intervals >= 0.91


@pytest.mark.slow
def test_full_calibration_meets_the_promised_figures() -> None:
    figures = calibrate(SLOW_JOURNALS)
    print("\n" + "\n".join(figures.lines()))
    new, old = figures.new, figures.old
    # The confounded journals have bite: the previous method credits stress in many of them.
    assert old["confounded: stress flagged (same day)"].rate >= 0.15
    assert new["confounded: stress flagged (same day)"].rate <= 0.05
    assert new["planted RR 2, 120 d NB: found (same day)"].rate >= 0.85
    assert new["null: any flag (either lag)"].rate <= 0.05
    assert new["coverage, independent NB, lag 0 (plain 95%)"].rate >= 0.93
    assert new["coverage, independent NB, lag 0 (shown interval)"].rate >= 0.93
