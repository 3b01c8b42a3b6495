"""The daily factors the trigger statistics test, with their named thresholds.

Each factor comes from the daily check-in. A day is *exposed* when the check-in value crosses the
threshold; a day whose check-in left the value empty is neither exposed nor unexposed for that
factor. The thresholds are product choices (round numbers a person recognises), kept here in one
place so the statistics, the demo generator, the charts and the sentences agree.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final, Literal

from journal.i18n import N_, _, format_amount

Rule = Literal["at_least", "below", "above_median"]


@dataclass(frozen=True)
class Factor:
    id: str
    column: str  # the check-in field it is read from
    rule: Rule
    threshold: float | None  # None for "above your median": computed from the data
    unit: str
    template: str  # the exposure in words, marked for translation; {t} is the threshold

    def describe(self, threshold: float | None = None) -> str:
        """The exposure in words, in the current language: '8 h or more of sitting',
        'unter 1,5 l Wasser' (the threshold written with the language's decimal sign)."""
        t = self.threshold if threshold is None else threshold
        return _(self.template).format(t=_num(t))

    def exposed(self, value: float | None, threshold: float | None) -> bool | None:
        """True/False for a known value, None when the check-in did not record it."""
        if value is None:
            return None
        t = self.threshold if threshold is None else threshold
        if t is None:
            return None
        if self.rule == "below":
            return value < t
        if self.rule == "at_least":
            return value >= t
        return value > t

    def resolve_threshold(self, values: Iterable[float | None]) -> float | None:
        """The threshold used for these days (the median for 'above your median' factors)."""
        if self.rule != "above_median":
            return self.threshold
        known = [v for v in values if v is not None]
        return float(statistics.median(known)) if known else None


def _num(v: float | None) -> str:
    if v is None:
        return "?"
    return format_amount(v, 1)


#: Sitting 8 h or more: a full desk day. Sleep under 6 h: the usual "short sleep" cut-off.
#: Water under 1.5 l: below the common 1.5-2 l guidance. Exercise 30 min or more: a session.
#: Stress 7 or more of 10: the top third of the scale. Caffeine above the person's own median,
#: because habitual intake varies far more between people than within one.
#: The exposures are read mid-sentence ("On days with {exposure}", "the days after {exposure}"),
#: so each is written in lower case, as a phrase that follows "with".
FACTORS: Final[tuple[Factor, ...]] = (
    Factor("caffeine", "caffeine_mg", "above_median", None, "mg",
           # TRANSLATORS: a daily factor's exposure, read after "On days with"; {t} is mg.
           N_("over {t} mg of caffeine (your median)")),
    # TRANSLATORS: a daily factor's exposure, read after "On days with"; {t} is a number of ml.
    Factor("water", "water_ml", "below", 1500.0, "ml", N_("under {t} ml of water")),
    # TRANSLATORS: a daily factor's exposure, read after "On days with"; {t} is hours.
    Factor("sitting", "sitting_h", "at_least", 8.0, "h", N_("{t} h or more of sitting")),
    Factor("exercise", "exercise_min", "at_least", 30.0, "min",
           # TRANSLATORS: a daily factor's exposure, read after "On days with"; {t} is minutes.
           N_("{t} min or more of exercise")),
    # TRANSLATORS: a daily factor's exposure, read after "On days with"; {t} is 0-10.
    Factor("stress", "stress", "at_least", 7.0, "", N_("stress of {t} or more out of 10")),
    # TRANSLATORS: a daily factor's exposure, read after "On days with"; {t} is hours.
    Factor("sleep", "sleep_h", "below", 6.0, "h", N_("under {t} h of sleep")),
)
FACTORS_BY_ID: Final[dict[str, Factor]] = {f.id: f for f in FACTORS}

#: Same day (0) and next day (1): a factor on day d against episodes on day d + lag.
LAGS: Final[tuple[int, ...]] = (0, 1)

#: Nothing is compared before this many exposed AND this many unexposed recorded days.
MIN_DAYS: Final = 5

#: The overall false-discovery budget, split between the two families below so that a diary in
#: which nothing acts shows a finding in at most about 5% of cases, whichever lag it would be.
FDR: Final = 0.05

#: Same day is the main question and keeps most of the budget; the next day is a secondary
#: analysis with its own family, so its six tests never dilute the same-day findings. Both
#: families run above their nominal level at diary sizes (a dozen numbers estimated from about a
#: hundred days): on 600 null journals of 120 days, same day at 3% flagged 3.5% of them, next
#: day at 1% flagged 1.8% (its model has twice the numbers), 5.3% together; at 0.5% the next day
#: flags 0.7%, 4.2% together, so the next day keeps half a percent.
FDR_BY_LAG: Final[dict[int, float]] = {0: 0.03, 1: 0.005}

#: A group (days with, or days without) with fewer episodes than this in total is compared with
#: the exact conditional test instead of the regression, whose large-sample interval would be
#: unreliable there (and infinite for a group with none).
SMALL_COUNT: Final = 5

#: A factor enters the combined model only when it is recorded on at least this share of the
#: days the model uses; a factor left empty on many check-ins would otherwise shrink every
#: comparison to the few days on which everything was filled in.
MODEL_COVERAGE: Final = 0.8

#: Weekday-or-weekend enters the model once there are at least this many days per estimated
#: number; with fewer days it would cost more precision than it buys.
DAYS_PER_PARAMETER: Final = 4

#: Day-to-day correlation of both the episodes and a factor widens the true uncertainty by
#: about sqrt((1 + r_x r_y) / (1 - r_x r_y)); from this width ratio on, the finding says so.
SPELL_WARNING: Final = 1.1
