"""Trigger statistics as pure functions over per-day records (no database here).

For every daily factor and lag (same day, next day) the episode rate on exposed recorded days is
compared with the rate on unexposed recorded days. The rate ratio's 95% interval uses the
day-to-day spread of the counts (never less than Poisson spread), so a journal whose counts swing
more than chance alone would (flares, good weeks) does not produce confident-looking intervals.
Every comparison made is then adjusted with Benjamini-Hochberg, so testing twelve things at once
does not turn noise into findings. Unrecorded days never enter a rate: a day only counts when it
has a check-in or an episode.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from journal.analytics.factors import FACTORS, FDR, LAGS, MIN_DAYS, Factor
from journal.model import CheckIn


@dataclass(frozen=True)
class DayRecord:
    """One recorded day: its episode count and the check-in values (None: not recorded)."""

    date: date
    episodes: int
    factors: Mapping[str, float | None] = field(default_factory=dict)


@dataclass(frozen=True)
class FactorResult:
    factor: str
    lag: int  # 0: same day, 1: next day
    exposure: str  # the threshold in words, e.g. "8 h or more of sitting"
    threshold: float | None
    exposed_days: int
    unexposed_days: int
    exposed_rate: float | None  # episodes per recorded day
    unexposed_rate: float | None
    rate_ratio: float | None
    ci_low: float | None
    ci_high: float | None
    p_value: float | None
    p_adjusted: float | None
    days_needed: int  # more recorded days needed before anything is shown (0: enough)
    exposed_needed: int
    unexposed_needed: int
    significant: bool
    sentence: str

    @property
    def tested(self) -> bool:
        return self.rate_ratio is not None


@dataclass(frozen=True)
class _Raw:
    factor: Factor
    lag: int
    threshold: float | None
    exposed: tuple[int, ...]
    unexposed: tuple[int, ...]


def _mean_var(values: Sequence[int]) -> tuple[float, float]:
    n = len(values)
    mean = sum(values) / n
    var = sum((v - mean) ** 2 for v in values) / (n - 1) if n > 1 else mean
    return mean, var


def rate_ratio(
    exposed: Sequence[int], unexposed: Sequence[int]
) -> tuple[float, float, float, float]:
    """(ratio, ci_low, ci_high, two-sided p) comparing mean daily counts.

    The log ratio's standard error comes from each group's day-to-day variance (never less than
    the Poisson variance, the mean) and is referred to a Student t distribution with Welch's
    degrees of freedom: with a handful of exposed days the interval widens, as it should. A group
    with no episodes at all gets half an episode so the ratio and its interval stay finite.
    """
    m1, v1 = _mean_var(exposed)
    m0, v0 = _mean_var(unexposed)
    n1, n0 = len(exposed), len(unexposed)
    if m1 == 0:
        m1 = 0.5 / n1
    if m0 == 0:
        m0 = 0.5 / n0
    a = max(v1, m1) / (n1 * m1 * m1)
    b = max(v0, m0) / (n0 * m0 * m0)
    se = math.sqrt(a + b)
    df = (a + b) ** 2 / (a * a / max(n1 - 1, 1) + b * b / max(n0 - 1, 1))
    log_rr = math.log(m1 / m0)
    p = 2.0 * student_t_sf(abs(log_rr / se), df) if se > 0 else 1.0
    q = student_t_quantile(0.975, df)
    return math.exp(log_rr), math.exp(log_rr - q * se), math.exp(log_rr + q * se), min(p, 1.0)


def _betacf(a: float, b: float, x: float) -> float:
    """Continued fraction for the regularised incomplete beta (Lentz's method)."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 300):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-12:
            break
    return h


def _betainc(a: float, b: float, x: float) -> float:
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    ln_front = (math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
                + a * math.log(x) + b * math.log1p(-x))
    if x < (a + 1.0) / (a + b + 2.0):
        return math.exp(ln_front) * _betacf(a, b, x) / a
    return 1.0 - math.exp(ln_front) * _betacf(b, a, 1.0 - x) / b


def student_t_sf(t: float, df: float) -> float:
    """P(T > t) for Student's t with ``df`` degrees of freedom (t >= 0)."""
    if t <= 0:
        return 0.5
    return 0.5 * _betainc(df / 2.0, 0.5, df / (df + t * t))


def student_t_quantile(p: float, df: float) -> float:
    """The ``p`` quantile (p > 0.5) of Student's t.

    From 30 degrees of freedom up, the Cornish-Fisher expansion around the normal quantile
    (error below 1e-4 there); below that, bisection on the exact tail.
    """
    if df >= 30:
        z = _normal_quantile(p)
        return (z + (z**3 + z) / (4 * df) + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df**2)
                + (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / (384 * df**3))
    lo, hi = 0.0, 1.0
    while student_t_sf(hi, df) > 1.0 - p:
        hi *= 2.0
    for _ in range(60):
        mid = (lo + hi) / 2.0
        if student_t_sf(mid, df) > 1.0 - p:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2.0


def _normal_quantile(p: float) -> float:
    """Inverse of the standard normal CDF (bisection on erfc; called a dozen times at most)."""
    lo, hi = -10.0, 10.0
    for _ in range(70):
        mid = (lo + hi) / 2.0
        if 0.5 * math.erfc(-mid / math.sqrt(2.0)) < p:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2.0


def benjamini_hochberg(p_values: Sequence[float]) -> list[float]:
    """Adjusted p-values (step-up, monotone, capped at 1), in the input order."""
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i])
    adjusted = [1.0] * m
    running = 1.0
    for rank in range(m, 0, -1):
        i = order[rank - 1]
        running = min(running, p_values[i] * m / rank)
        adjusted[i] = min(running, 1.0)
    return adjusted


def _collect(days: Sequence[DayRecord], by_date: Mapping[date, DayRecord], factor: Factor,
             lag: int) -> _Raw:
    threshold = factor.resolve_threshold(d.factors.get(factor.id) for d in days)
    exposed: list[int] = []
    unexposed: list[int] = []
    step = timedelta(days=lag)
    fid = factor.id
    for d in days:
        flag = factor.exposed(d.factors.get(fid), threshold)
        if flag is None:
            continue
        outcome = by_date.get(d.date + step) if lag else d
        if outcome is None:  # the outcome day is unrecorded: it says nothing
            continue
        (exposed if flag else unexposed).append(outcome.episodes)
    return _Raw(factor, lag, threshold, tuple(exposed), tuple(unexposed))


def trigger_statistics_from_days(
    days: Sequence[DayRecord],
    *,
    factors: Sequence[Factor] = FACTORS,
    lags: Sequence[int] = LAGS,
    min_days: int = MIN_DAYS,
    fdr: float = FDR,
) -> list[FactorResult]:
    """Every factor and lag, in a stable order (factor order, then lag).

    ``days`` holds recorded days only (a check-in or an episode); anything else is unrecorded.
    """
    by_date = {d.date: d for d in days}
    raws = [_collect(days, by_date, f, lag) for f in factors for lag in lags]
    testable = [r for r in raws if len(r.exposed) >= min_days and len(r.unexposed) >= min_days]
    tests = {id(r): rate_ratio(r.exposed, r.unexposed) for r in testable}
    adjusted = dict(zip((id(r) for r in testable),
                        benjamini_hochberg([tests[id(r)][3] for r in testable]), strict=True))
    results: list[FactorResult] = []
    for r in raws:
        exposure = r.factor.describe(r.threshold)
        n1, n0 = len(r.exposed), len(r.unexposed)
        rate1 = sum(r.exposed) / n1 if n1 else None
        rate0 = sum(r.unexposed) / n0 if n0 else None
        if id(r) not in tests:
            need1, need0 = max(0, min_days - n1), max(0, min_days - n0)
            results.append(FactorResult(
                r.factor.id, r.lag, exposure, r.threshold, n1, n0, rate1, rate0,
                None, None, None, None, None, need1 + need0, need1, need0, False,
                _sentence_not_enough(exposure, r.lag, n1, n0, need1, need0, r.threshold),
            ))
            continue
        rr, lo, hi, p = tests[id(r)]
        p_adj = adjusted[id(r)]
        significant = p_adj < fdr
        results.append(FactorResult(
            r.factor.id, r.lag, exposure, r.threshold, n1, n0, rate1, rate0, rr, lo, hi, p,
            p_adj, 0, 0, 0, significant,
            _sentence(exposure, r.lag, n1, n0, rate1 or 0.0, rate0 or 0.0, rr, lo, hi, p_adj,
                      significant),
        ))
    return results


# --- sentences ----------------------------------------------------------------------------------
# Plain words, the numbers behind them and the days they rest on. An association in a diary is
# not proof that one thing leads to the other, so the wording says "went with", never more.


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def _p(p: float) -> str:
    return "adjusted p < 0.001" if p < 0.001 else f"adjusted p = {p:.3f}"


def _fmt(x: float) -> str:
    return f"{x:.2f}" if x < 10 else f"{x:.1f}"


def _when(exposure: str, lag: int) -> str:
    return f"On days with {exposure}" if lag == 0 else f"On the day after {exposure}"


def _sentence(exposure: str, lag: int, n1: int, n0: int, rate1: float, rate0: float, rr: float,
              lo: float, hi: float, p_adj: float, significant: bool) -> str:
    basis = f"based on {_days(n1)} with and {_days(n0)} without"
    numbers = (f"{rate1:.1f} episodes a day against {rate0:.1f} ({_fmt(rr)} times; "
               f"95% CI {_fmt(lo)} to {_fmt(hi)}; {_p(p_adj)}; {basis})")
    if significant:
        more = "more" if rr > 1 else "fewer"
        return (f"{_when(exposure, lag)} you logged {more} episodes: {numbers}. "
                "This is a link in your own records, not proof that one leads to the other.")
    other = "other days" if lag == 0 else "the days after other days"
    return (f"{_when(exposure, lag)} episodes were not clearly different from {other}: "
            f"{numbers}. The difference could be chance.")


def _sentence_not_enough(exposure: str, lag: int, n1: int, n0: int, need1: int, need0: int,
                         threshold: float | None) -> str:
    what = f"days with {exposure}" if lag == 0 else f"the days after {exposure}"
    if threshold is None or n1 + n0 == 0:
        if lag == 0:
            return f"No check-ins record this yet, so {what} cannot be compared."
        return (f"No check-in that records this is followed by a recorded day yet, so {what} "
                "cannot be compared.")
    parts = []
    if need1:
        parts.append(f"{need1} more recorded {'day' if need1 == 1 else 'days'} with it")
    if need0:
        parts.append(f"{need0} more without it")
    return (f"Not enough days yet to compare {what}: {' and '.join(parts)} "
            f"(so far {n1} with and {n0} without; at least {MIN_DAYS} of each are needed).")


def day_records_from_entries(checkins: Iterable[CheckIn],
                             episode_dates: Iterable[date]) -> list[DayRecord]:
    """Recorded days built from in-memory entries (what the database query gives, without one).

    ``episode_dates`` holds one local date per episode.
    """
    counts: dict[date, int] = {}
    for d in episode_dates:
        counts[d] = counts.get(d, 0) + 1
    by_date = {c.date: c for c in checkins}
    out: list[DayRecord] = []
    for d in sorted(set(counts) | set(by_date)):
        c = by_date.get(d)
        factors: dict[str, float | None] = {}
        if c is not None:
            for f in FACTORS:
                v = getattr(c, f.column)
                factors[f.id] = None if v is None else float(v)
        out.append(DayRecord(d, counts.get(d, 0), factors))
    return out
