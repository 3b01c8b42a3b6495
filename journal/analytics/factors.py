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

Rule = Literal["at_least", "below", "above_median"]


@dataclass(frozen=True)
class Factor:
    id: str
    column: str  # the check-in field it is read from
    rule: Rule
    threshold: float | None  # None for "above your median": computed from the data
    unit: str
    template: str  # the exposure in words; {t} is the threshold

    def describe(self, threshold: float | None = None) -> str:
        """The exposure in words, e.g. '8 h or more of sitting'."""
        t = self.threshold if threshold is None else threshold
        return self.template.format(t=_num(t))

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
    return f"{v:g}" if float(v).is_integer() else f"{v:.1f}"


#: Sitting 8 h or more: a full desk day. Sleep under 6 h: the usual "short sleep" cut-off.
#: Water under 1.5 l: below the common 1.5-2 l guidance. Exercise 30 min or more: a session.
#: Stress 7 or more of 10: the top third of the scale. Caffeine above the person's own median,
#: because habitual intake varies far more between people than within one.
FACTORS: Final[tuple[Factor, ...]] = (
    Factor("caffeine", "caffeine_mg", "above_median", None, "mg",
           "over {t} mg of caffeine (your median)"),
    Factor("water", "water_ml", "below", 1500.0, "ml", "under {t} ml of water"),
    Factor("sitting", "sitting_h", "at_least", 8.0, "h", "{t} h or more of sitting"),
    Factor("exercise", "exercise_min", "at_least", 30.0, "min", "{t} min or more of exercise"),
    Factor("stress", "stress", "at_least", 7.0, "", "stress of {t} or more out of 10"),
    Factor("sleep", "sleep_h", "below", 6.0, "h", "under {t} h of sleep"),
)
FACTORS_BY_ID: Final[dict[str, Factor]] = {f.id: f for f in FACTORS}

#: Same day (0) and next day (1): a factor on day d against episodes on day d + lag.
LAGS: Final[tuple[int, ...]] = (0, 1)

#: Nothing is compared before this many exposed AND this many unexposed recorded days.
MIN_DAYS: Final = 5

#: False discovery rate for Benjamini-Hochberg across every factor and lag tested.
FDR: Final = 0.05
