"""Trigger statistics as pure functions over per-day records (no database here).

One question per lag, answered by one model:

- **Same day** (the main analysis): episodes on a checked-in day against all the day's factors
  at once, plus weekday-or-weekend when there are enough days, in one negative-binomial
  regression (:mod:`journal.analytics.models`). Each factor's rate ratio is then *adjusted for
  the other daily factors*: a factor that only travels with another (stress and sitting both
  follow the working week) is not credited with the other's effect. The week enters as
  weekday-or-weekend (see :func:`_fit_family` for why not six weekday numbers).
- **Next day** (secondary): episodes on a checked-in day against the factors of the day before,
  adjusting for that day's own factors too. The outcome day must itself be recorded by a
  check-in, never "a day that had an episode", which would select on the outcome.

A factor whose days with (or without) it hold fewer than :data:`SMALL_COUNT` episodes gets the
exact conditional test instead, scaled by the measured dispersion; a group with no episodes gets
no ratio at all, only the counts in words. Each lag is one family of comparisons, adjusted with
Benjamini-Hochberg at its share of the false-discovery budget; the interval shown is the
false-coverage-rate adjusted one (Benjamini-Yekutieli) that goes with that selection, so a
"clear" finding's interval always excludes 1 and a "could be chance" one always includes it.

Unrecorded days never enter a rate: a day only counts when it has a check-in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from journal.analytics.factors import (
    DAYS_PER_PARAMETER,
    FACTORS,
    FDR_BY_LAG,
    LAGS,
    MIN_DAYS,
    MODEL_COVERAGE,
    SMALL_COUNT,
    SPELL_WARNING,
    Factor,
)
from journal.i18n import (
    N_,
    _,
    format_decimal,
    format_p_value,
    format_percent,
    format_ratio,
    ngettext,
)
from journal.model import CheckIn

if TYPE_CHECKING:  # the models module pulls in numpy: imported when statistics are computed
    from journal.analytics.models import Coefficient

#: The exact test's inputs: exposed episodes and days, unexposed episodes and days, dispersion.
ExactCounts = tuple[int, int, int, int, float]

@dataclass(frozen=True)
class DayRecord:
    """One recorded day: its episode count and the check-in values (None: not recorded).

    ``factors`` is empty when the day has no check-in (it is recorded by its episodes alone).
    """

    date: date
    episodes: int
    factors: Mapping[str, float | None] = field(default_factory=dict)

    @property
    def checked_in(self) -> bool:
        return bool(self.factors)


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
    rate_ratio: float | None  # adjusted; None when a group had no episodes (see the sentence)
    ci_low: float | None  # the interval at ci_level, adjusted for the comparisons made
    ci_high: float | None
    p_value: float | None
    p_adjusted: float | None
    days_needed: int  # more recorded days needed before anything is shown (0: enough)
    exposed_needed: int
    unexposed_needed: int
    significant: bool
    sentence: str
    method: str = ""  # "negative binomial regression", ..., "exact conditional test"
    adjusted_for: tuple[str, ...] = ()  # factor ids (lag 1: "<id>_same_day"), "weekend"
    ci_level: float | None = None  # e.g. 0.992: widened for the comparisons in its family
    ci95_low: float | None = None  # the plain 95% interval, for reference only
    ci95_high: float | None = None
    comparisons: int = 0  # tests in this lag's family
    exposed_episodes: int = 0
    unexposed_episodes: int = 0
    spell_widening: float | None = None  # how many times too narrow the interval likely is

    @property
    def tested(self) -> bool:
        return self.p_value is not None


def benjamini_hochberg(p_values: Sequence[float]) -> list[float]:
    """Benjamini-Hochberg adjusted p-values (step-up, monotone, capped at 1), in input order.

    statsmodels' ``multipletests(method="fdr_bh")``, imported here, when statistics are computed.
    """
    from journal.analytics import models

    return models.benjamini_hochberg(p_values)


# --- the rows each lag's model sees --------------------------------------------------------------


@dataclass(frozen=True)
class _Row:
    date: date
    episodes: int
    same: Mapping[str, bool | None]  # the outcome day's own exposures
    before: Mapping[str, bool | None]  # the day before's (lag 1 only; empty for lag 0)

    def focal(self, fid: str, lag: int) -> bool | None:
        return (self.same if lag == 0 else self.before).get(fid)


def _exposures(d: DayRecord, factors: Sequence[Factor],
               thresholds: Mapping[str, float | None]) -> dict[str, bool | None]:
    return {f.id: f.exposed(d.factors.get(f.id), thresholds[f.id]) for f in factors}


def _rows(days: Sequence[DayRecord], lag: int, factors: Sequence[Factor],
          thresholds: Mapping[str, float | None], exposure_end: date | None) -> list[_Row]:
    by_date = {d.date: d for d in days}
    out: list[_Row] = []
    for d in days:
        if not d.checked_in:
            continue
        if lag == 0:
            if exposure_end is not None and d.date > exposure_end:
                continue
            out.append(_Row(d.date, d.episodes, _exposures(d, factors, thresholds), {}))
            continue
        prev = by_date.get(d.date - timedelta(days=lag))
        if prev is None or not prev.checked_in:
            continue
        if exposure_end is not None and prev.date > exposure_end:
            continue
        out.append(_Row(d.date, d.episodes, _exposures(d, factors, thresholds),
                        _exposures(prev, factors, thresholds)))
    return out


@dataclass(frozen=True)
class _Tested:
    method: str
    rows: tuple[_Row, ...]  # the days this estimate rests on
    estimate: Coefficient | ExactCounts
    df: int
    p_value: float
    adjusted_for: tuple[str, ...]
    note: str  # why a factor got the exact test, in words ("" for the regression)
    residuals: tuple[float, ...]  # for the spell check, aligned with rows
    exposure_residuals: tuple[float, ...]


def _groups(rows: Iterable[_Row], fid: str, lag: int) -> tuple[list[int], list[int]]:
    exposed: list[int] = []
    unexposed: list[int] = []
    for r in rows:
        flag = r.focal(fid, lag)
        if flag is not None:
            (exposed if flag else unexposed).append(r.episodes)
    return exposed, unexposed


def _enough(rows: Sequence[_Row], fid: str, lag: int, min_days: int) -> bool:
    e, u = _groups(rows, fid, lag)
    return (len(e) >= min_days and len(u) >= min_days
            and sum(e) >= SMALL_COUNT and sum(u) >= SMALL_COUNT)


#: Why a factor was compared on its own: shown in its sentence ("exact test, not adjusted for the
#: other daily factors (...)").
FEW_DAYS_RECORDED = N_("recorded on too few of the days the other factors were")


def _exact(rows: Sequence[_Row], fid: str, lag: int, note: str) -> _Tested:
    from journal.analytics import models

    known = tuple(r for r in rows if r.focal(fid, lag) is not None)
    e, u = _groups(known, fid, lag)
    dispersion = models.group_dispersion([e, u])
    counts: ExactCounts = (sum(e), len(e), sum(u), len(u), dispersion)
    p = models.exact_rate_ratio(sum(e), len(e), sum(u), len(u), dispersion=dispersion).p_value
    means = {True: sum(e) / len(e), False: sum(u) / len(u)}
    resid = tuple(r.episodes - means[bool(r.focal(fid, lag))] for r in known)
    xs = [1.0 if r.focal(fid, lag) else 0.0 for r in known]
    mean_x = sum(xs) / len(xs)
    return _Tested("exact conditional test", known, counts, 0, p, (), note, resid,
                   tuple(x - mean_x for x in xs))


def _fit_family(rows: Sequence[_Row], lag: int, factors: Sequence[Factor], min_days: int,
                same_day_columns: Sequence[str]) -> tuple[dict[str, _Tested], list[str]]:
    """Every testable factor of one lag: one regression, exact tests where counts are small.

    Returns the tests by factor id and the factors that entered the regression.
    """
    from journal.analytics import models

    tested: dict[str, _Tested] = {}
    candidates: list[str] = []
    for f in factors:
        e, u = _groups(rows, f.id, lag)
        if len(e) < min_days or len(u) < min_days:
            continue  # not enough days: reported as such, not tested
        if sum(e) < SMALL_COUNT or sum(u) < SMALL_COUNT:
            tested[f.id] = _exact(rows, f.id, lag, _("too few episodes for the combined model"))
        elif sum(r.focal(f.id, lag) is not None for r in rows) < MODEL_COVERAGE * len(rows):
            tested[f.id] = _exact(rows, f.id, lag, _(FEW_DAYS_RECORDED))
        else:
            candidates.append(f.id)
    # Same-day covariates of the next-day model: the day's own factors that were well recorded.
    covariates = [c for c in same_day_columns
                  if sum(r.same.get(c) is not None for r in rows) >= MODEL_COVERAGE * len(rows)]
    while True:
        complete = [r for r in rows
                    if all(r.focal(c, lag) is not None for c in candidates)
                    and all(r.same.get(c) is not None for c in covariates)]
        failing = [c for c in candidates if not _enough(complete, c, lag, min_days)]
        if not failing:
            break
        # The least recorded factor leaves the model first and is compared on its own days.
        worst = min(failing, key=lambda c: sum(r.focal(c, lag) is not None for r in rows))
        candidates.remove(worst)
        tested[worst] = _exact(rows, worst, lag, _(FEW_DAYS_RECORDED))
    covariates = [c for c in covariates
                  if len({r.same.get(c) for r in complete}) == 2]
    if not candidates:
        return tested, []
    columns: dict[str, list[float]] = {
        c: [1.0 if r.focal(c, lag) else 0.0 for r in complete] for c in candidates}
    for c in covariates:
        columns[f"{c}_same_day"] = [1.0 if r.same.get(c) else 0.0 for r in complete]
    # The working week (sitting, stress and bad days can all follow it) as one number: a
    # weekend day or not. Six weekday numbers cost more precision than a diary of a few months
    # can spare, and the week's pattern is mostly work against rest: on 100 calibration journals
    # of 120 days each, the six numbers raised null journals with a finding from 5% to 9% and
    # cut the power for a planted doubling from 92% to 89%, for no fewer confounded flags.
    weekend = [1.0 if r.date.weekday() >= 5 else 0.0 for r in complete]
    use_weekend = (len(complete) >= DAYS_PER_PARAMETER * (2 + len(columns))
                   and min(sum(weekend), len(weekend) - sum(weekend)) >= min_days)
    if use_weekend:
        columns["weekend"] = weekend
    try:
        fit = models.fit_count_model([r.episodes for r in complete], columns)
    except models.ModelFailed as exc:
        for c in candidates:
            tested[c] = _exact(rows, c, lag, _("the combined model could not be fitted: {0}"
                                               ).format(_(str(exc))))
        return tested, []
    names = list(columns)
    for c in candidates:
        others = [n for n in names if n != c]
        adjusted = tuple(others)
        coef = fit.coefficients[c]
        p = models.wald_test(coef, fit.df_resid, 0.05)[3]
        exposure_resid = models.residualise(columns[c], [columns[n] for n in others])
        tested[c] = _Tested(f"{fit.method} regression", tuple(complete), coef, fit.df_resid, p,
                            adjusted, "", tuple(float(v) for v in fit.pearson_residuals),
                            tuple(float(v) for v in exposure_resid))
    return tested, candidates


# --- results --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Interval:
    ratio: float | None
    low: float | None
    high: float | None


def _interval(t: _Tested, alpha: float) -> _Interval:
    from journal.analytics import models

    if isinstance(t.estimate, models.Coefficient):
        rr, lo, hi, _ = models.wald_test(t.estimate, t.df, alpha)
        return _Interval(rr, lo, hi)
    x1, n1, x0, n0, dispersion = t.estimate
    ex = models.exact_rate_ratio(x1, n1, x0, n0, dispersion=dispersion, alpha=alpha)
    return _Interval(ex.ratio, ex.low, ex.high)


def _spell_widening(t: _Tested) -> tuple[float, float, float] | None:
    """(width ratio, episode correlation, factor correlation) when both come in spells."""
    from journal.analytics import models

    ordinals = [r.date.toordinal() for r in t.rows]
    ry = models.lag1_autocorrelation(t.residuals, ordinals)
    rx = models.lag1_autocorrelation(t.exposure_residuals, ordinals)
    if ry is None or rx is None or ry <= 0 or rx <= 0:
        return None
    rho = rx * ry
    return (((1 + rho) / (1 - rho)) ** 0.5, ry, rx)


def _not_enough_result(f: Factor, lag: int, threshold: float | None, rows: Sequence[_Row],
                       min_days: int, reason: str | None = None) -> FactorResult:
    e, u = _groups(rows, f.id, lag)
    n1, n0 = len(e), len(u)
    exposure = f.describe(threshold)
    rate1 = sum(e) / n1 if n1 else None
    rate0 = sum(u) / n0 if n0 else None
    if reason is not None:
        return FactorResult(f.id, lag, exposure, threshold, n1, n0, rate1, rate0, None, None,
                            None, None, None, 0, 0, 0, False,
                            _sentence_unavailable(exposure, lag, reason),
                            exposed_episodes=sum(e), unexposed_episodes=sum(u))
    need1, need0 = max(0, min_days - n1), max(0, min_days - n0)
    return FactorResult(
        f.id, lag, exposure, threshold, n1, n0, rate1, rate0, None, None, None, None, None,
        need1 + need0, need1, need0, False,
        _sentence_not_enough(exposure, lag, n1, n0, need1, need0, threshold, min_days),
        exposed_episodes=sum(e), unexposed_episodes=sum(u))


def trigger_statistics_from_days(
    days: Sequence[DayRecord],
    *,
    factors: Sequence[Factor] = FACTORS,
    lags: Sequence[int] = LAGS,
    min_days: int = MIN_DAYS,
    fdr_by_lag: Mapping[int, float] = FDR_BY_LAG,
    exposure_end: date | None = None,
) -> list[FactorResult]:
    """Every factor and lag, in a stable order (factor order, then lag).

    ``days`` holds recorded days only (a check-in or an episode); anything else is unrecorded.
    Exposures are read on days up to ``exposure_end`` (all days when None); a later day only
    serves as the next-day outcome of the day before it.
    """
    from journal.analytics import models

    exposure_days = [d for d in days if exposure_end is None or d.date <= exposure_end]
    thresholds = {f.id: f.resolve_threshold(d.factors.get(f.id) for d in exposure_days)
                  for f in factors}
    by_key: dict[tuple[str, int], FactorResult] = {}
    same_day_model: list[str] = []
    for lag in sorted(lags):
        rows = _rows(days, lag, factors, thresholds, exposure_end)
        try:
            tested, in_model = _fit_family(rows, lag, factors, min_days,
                                           same_day_model if lag else [])
        except models.StatisticsUnavailable as exc:
            for f in factors:
                by_key[f.id, lag] = _not_enough_result(f, lag, thresholds[f.id], rows,
                                                       min_days, reason=str(exc))
            continue
        if lag == 0:
            same_day_model = in_model
        by_key.update(_family_results(rows, lag, factors, thresholds, tested, min_days,
                                      fdr_by_lag.get(lag, 0.05)))
    return [by_key[f.id, lag] for f in factors for lag in lags]


def _family_results(rows: Sequence[_Row], lag: int, factors: Sequence[Factor],
                    thresholds: Mapping[str, float | None], tested: Mapping[str, _Tested],
                    min_days: int, q: float) -> dict[tuple[str, int], FactorResult]:
    ids = [f.id for f in factors if f.id in tested]
    m = len(ids)
    adjusted = dict(zip(ids, benjamini_hochberg([tested[i].p_value for i in ids]), strict=True))
    selected = sum(1 for i in ids if adjusted[i] < q)
    # Benjamini-Yekutieli false-coverage-rate intervals: level 1 - R q / m for the R selected;
    # the same level for the rest (R at least 1) includes 1 for every factor not selected.
    alpha = max(selected, 1) * q / m if m else q
    out: dict[tuple[str, int], FactorResult] = {}
    for f in factors:
        t = tested.get(f.id)
        if t is None:
            out[f.id, lag] = _not_enough_result(f, lag, thresholds[f.id], rows, min_days)
            continue
        e, u = _groups(t.rows, f.id, lag)
        n1, n0, x1, x0 = len(e), len(u), sum(e), sum(u)
        shown = _interval(t, alpha)
        plain = _interval(t, 0.05)
        p_adj = adjusted[f.id]
        significant = p_adj < q
        spells = _spell_widening(t)
        widening = spells[0] if spells and spells[0] >= SPELL_WARNING else None
        exposure = f.describe(thresholds[f.id])
        words = _Words(exposure, lag, n1, n0, x1, x0, shown, 1.0 - alpha, m, p_adj,
                       significant, t, spells if widening else None)
        out[f.id, lag] = FactorResult(
            f.id, lag, exposure, thresholds[f.id], n1, n0, x1 / n1, x0 / n0, shown.ratio,
            shown.low, shown.high, t.p_value, p_adj, 0, 0, 0, significant, words.sentence(),
            method=t.method, adjusted_for=t.adjusted_for, ci_level=1.0 - alpha,
            ci95_low=plain.low, ci95_high=plain.high, comparisons=m, exposed_episodes=x1,
            unexposed_episodes=x0, spell_widening=widening)
    return out


# --- sentences ----------------------------------------------------------------------------------
# Plain words, the numbers behind them and the days they rest on. An association in a diary is
# not proof that one thing leads to the other, so the wording says "went with", never more.

LINK_CAVEAT = N_("This is a link in your own records, not proof that one leads to the other.")


def _days(n: int) -> str:
    return ngettext("{n} day", "{n} days", n).format(n=n)


def _episodes(n: int) -> str:
    return _("no episodes") if n == 0 else ngettext("{n} episode", "{n} episodes", n).format(n=n)


def _p(p: float) -> str:
    # format_p_value writes "< 0.001" itself; the sentence keeps its "=" or "<".
    if p < 0.001:
        return _("adjusted p < {p}").format(p=format_decimal(0.001, 3))
    return _("adjusted p = {p}").format(p=format_p_value(p))


def _fmt(x: float) -> str:
    return format_ratio(x)


def _level(level: float) -> str:
    return format_percent(level, 1)


def _when(exposure: str, lag: int) -> str:
    return (_("On days with {exposure}") if lag == 0 else
            _("On the day after {exposure}")).format(exposure=exposure)


def _join(parts: Sequence[str]) -> str:
    if len(parts) == 1:
        return parts[0]
    return _("{first} and {last}").format(first=", ".join(parts[:-1]), last=parts[-1])


def _adjustment(adjusted_for: Sequence[str], lag: int) -> str:
    same_day = [a for a in adjusted_for if a.endswith("_same_day")]
    weekday = "weekend" in adjusted_for
    others = [a for a in adjusted_for if a != "weekend" and a not in same_day]
    parts = []
    if lag and same_day:
        parts.append(_("that day's own factors"))
    if others:
        parts.append(_("the other daily factors") if lag == 0 else
                     _("the other factors of the day before"))
    if weekday:
        parts.append(_("the weekend"))
    if not parts:
        return _("not adjusted for anything else (no other daily factor has enough days)")
    return _("adjusted for {what}").format(what=_join(parts))


@dataclass(frozen=True)
class _Words:
    exposure: str
    lag: int
    n1: int
    n0: int
    x1: int
    x0: int
    shown: _Interval
    level: float
    comparisons: int
    p_adj: float
    significant: bool
    tested: _Tested
    spells: tuple[float, float, float] | None

    def sentence(self) -> str:
        basis = _("based on {with_} with and {without} without").format(
            with_=_days(self.n1), without=_days(self.n0))
        if self.comparisons > 1:
            widened = (_("widened for {m} same-day comparisons") if self.lag == 0 else
                       _("widened for {m} next-day comparisons")).format(m=self.comparisons)
        else:
            widened = (_("the only same-day comparison") if self.lag == 0 else
                       _("the only next-day comparison"))
        rate1, rate0 = self.x1 / self.n1, self.x0 / self.n0
        s = self.shown
        if s.ratio is not None and s.low is not None and s.high is not None:
            how = (_adjustment(self.tested.adjusted_for, self.lag) if not self.tested.note
                   else _("exact test, not adjusted for the other daily factors ({why})"
                          ).format(why=self.tested.note))
            numbers = _("{rate1} episodes a day against {rate0}; {how}: {ratio} times ({level} "
                        "CI {low} to {high}, {widened}; {p}; {basis})").format(
                rate1=format_decimal(rate1), rate0=format_decimal(rate0), how=how,
                ratio=_fmt(s.ratio),
                level=_level(self.level), low=_fmt(s.low), high=_fmt(s.high), widened=widened,
                p=_p(self.p_adj), basis=basis)
        else:
            # A group with no episodes: the counts in words, never a ratio made from nothing.
            bound = ""
            if s.high is not None and self.x1 == 0:
                bound = _("; {level} CI for the ratio 0 to {high}, {widened}").format(
                    level=_level(self.level), high=_fmt(s.high), widened=widened)
            elif s.low is not None and self.x0 == 0 and s.low > 0:
                bound = _("; {level} CI for the ratio from {low} up, {widened}").format(
                    level=_level(self.level), low=_fmt(s.low), widened=widened)
            numbers = _("{x1} on {n1} with it, {x0} on {n0} without (exact test, not adjusted "
                        "for the other daily factors ({why}){bound}; {p}; {basis})").format(
                x1=_episodes(self.x1), n1=_days(self.n1), x0=_episodes(self.x0),
                n0=_days(self.n0), why=self.tested.note, bound=bound, p=_p(self.p_adj),
                basis=basis)
        when = _when(self.exposure, self.lag)
        if self.significant:
            text = (_("{when} you logged more episodes: {numbers}.") if rate1 > rate0 else
                    _("{when} you logged fewer episodes: {numbers}.")).format(
                when=when, numbers=numbers) + " " + _(LINK_CAVEAT)
        else:
            text = (_("{when} episodes were not clearly different from other days: {numbers}. "
                      "The difference could be chance.") if self.lag == 0 else
                    _("{when} episodes were not clearly different from the days after other "
                      "days: {numbers}. The difference could be chance.")).format(
                when=when, numbers=numbers)
        if self.spells is not None:
            widening, ry, rx = self.spells
            text += " " + _("Your episodes and these days both come in spells (day-to-day "
                            "correlation {ry} and {rx}), so this interval is probably too "
                            "narrow, by about {widening} times, and the finding less certain "
                            "than it looks.").format(ry=format_decimal(ry, 2),
                                                     rx=format_decimal(rx, 2),
                                                     widening=format_decimal(widening))
        return text


def _what(exposure: str, lag: int) -> str:
    return (_("days with {exposure}") if lag == 0 else
            _("the days after {exposure}")).format(exposure=exposure)


def _sentence_unavailable(exposure: str, lag: int, reason: str) -> str:
    return _("Trigger statistics cannot be computed here ({reason}), so {what} are not "
             "compared.").format(reason=reason, what=_what(exposure, lag))


def _sentence_not_enough(exposure: str, lag: int, n1: int, n0: int, need1: int, need0: int,
                         threshold: float | None, min_days: int) -> str:
    what = _what(exposure, lag)
    if threshold is None or n1 + n0 == 0:
        if lag == 0:
            return _("No check-ins record this yet, so {what} cannot be compared.").format(
                what=what)
        return _("No check-in that records this is followed by a checked-in day yet, so {what} "
                 "cannot be compared.").format(what=what)
    parts = []
    if need1:
        parts.append(ngettext("{n} more recorded day with it", "{n} more recorded days with it",
                              need1).format(n=need1))
    if need0:
        parts.append(_("{n} more without it").format(n=need0))
    return _("Not enough days yet to compare {what}: {needed} (so far {n1} with and {n0} "
             "without; at least {min_days} of each are needed).").format(
        what=what, needed=_(" and ").join(parts), n1=n1, n0=n0, min_days=min_days)


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
