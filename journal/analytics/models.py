"""The statistical machinery behind the trigger statistics: one count regression, exact tests.

statsmodels and scipy are imported here, inside the functions, and only when statistics are
computed: opening the app or running an unrelated command never pays for them. Nothing in this
module knows about journals or factors; it takes arrays and returns numbers, so it can be checked
against the libraries directly.

- :func:`fit_count_model` fits one negative-binomial (NB2, log link) regression with every
  column at once, so a factor that merely travels with another (sitting and stress both follow
  the working week) is not credited with the other's effect. When the counts show no more spread
  than chance (the NB2 dispersion estimate sits at zero) the model is the Poisson one, which is
  what NB2 becomes there. Coefficients are referred to a t distribution on the residual degrees
  of freedom, a small-sample allowance the normal reference lacks.
- :func:`exact_rate_ratio` is the conditional (binomial) test and Clopper-Pearson interval for
  two rates, with the counts divided by the measured dispersion, for groups with too few episodes
  for a regression; a group with none gets no made-up ratio.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from journal.i18n import N_

FloatArray = npt.NDArray[np.float64]


PEARSON_SCALE = True


class StatisticsUnavailable(RuntimeError):
    """statsmodels or scipy is not installed: nothing can be estimated, and the text says so."""


def _require() -> None:
    try:
        import scipy.special  # noqa: F401
        import statsmodels.api  # noqa: F401
    except ImportError as exc:  # pragma: no cover - exercised by monkeypatching sys.modules
        raise StatisticsUnavailable(
            "the statistics libraries (statsmodels, scipy) are not installed") from exc


@dataclass(frozen=True)
class Coefficient:
    estimate: float  # log rate ratio
    se: float


@dataclass(frozen=True)
class ModelFit:
    method: str  # "negative binomial", "Poisson" or "quasi-Poisson"
    coefficients: dict[str, Coefficient]
    df_resid: int
    alpha: float  # NB2 dispersion (variance = mu + alpha mu^2); 0 for Poisson
    pearson_residuals: FloatArray


class ModelFailed(RuntimeError):
    """The regression could not be fitted (separation, no convergence, singular design).

    Its message is marked for translation and shown, translated, in a finding's sentence."""


def fit_count_model(y: Sequence[int], columns: Mapping[str, Sequence[float]]) -> ModelFit:
    """NB2 log-link regression of ``y`` on an intercept and ``columns`` (all at once).

    Raises :class:`ModelFailed` with the reason when no trustworthy fit exists, and
    :class:`StatisticsUnavailable` when the libraries are missing.
    """
    _require()
    import statsmodels.api as sm
    from statsmodels.tools.sm_exceptions import (
        ConvergenceWarning,
        HessianInversionWarning,
        PerfectSeparationWarning,
    )

    names = list(columns)
    yv = np.asarray(y, dtype=float)
    x = np.column_stack([np.ones(len(yv))] + [np.asarray(columns[n], dtype=float)
                                               for n in names])
    n, k = x.shape
    if n <= k + 1:
        raise ModelFailed(N_("fewer days than numbers to estimate"))
    if np.linalg.matrix_rank(x) < k:
        raise ModelFailed(N_("some factors always came together on these days"))
    with warnings.catch_warnings():
        # A perfect fit (every day exactly its group's rate) is not a failure for counts; a
        # group with no episodes never reaches here, and runaway estimates are caught below.
        warnings.simplefilter("ignore", PerfectSeparationWarning)
        warnings.simplefilter("ignore", RuntimeWarning)
        try:
            pois = sm.GLM(yv, x, family=sm.families.Poisson()).fit()
        except (np.linalg.LinAlgError, ValueError) as exc:
            raise ModelFailed(N_("a numerical failure")) from exc  # the kind is in __cause__
        pois_params = np.asarray(pois.params, dtype=float)
        pois_mu = np.asarray(pois.fittedvalues, dtype=float)
        pearson = float(np.sum((yv - pois_mu) ** 2 / np.maximum(pois_mu, 1e-12))) / (n - k)
        nb: Any = None
        if pearson > 1.0:
            warnings.simplefilter("error", ConvergenceWarning)
            warnings.simplefilter("error", HessianInversionWarning)
            # Method-of-moments start for alpha; the maximum likelihood fit refines it.
            a0 = max(float(np.sum(((yv - pois_mu) ** 2 - yv) / pois_mu**2) / (n - k)), 1e-2)
            model = sm.NegativeBinomial(yv, x, loglike_method="nb2")
            # Newton is fast and usually right; where it steps out of range (a nan alpha),
            # BFGS from the same start settles on the same maximum.
            for optimiser, iterations in (("newton", 200), ("bfgs", 2000)):
                try:
                    nb = model.fit(start_params=np.append(pois_params, a0), method=optimiser,
                                   maxiter=iterations, disp=0)
                except (ConvergenceWarning, HessianInversionWarning, np.linalg.LinAlgError,
                        ValueError):
                    nb = None
                if _converged(nb):
                    break
    nb_ok = _converged(nb)
    if pearson <= 1.0:
        # No spread beyond chance: NB2 at its boundary (alpha = 0) is the Poisson model.
        fit_params, cov = pois_params, np.asarray(pois.cov_params())
        method, alpha, mu, df = "Poisson", 0.0, pois_mu, n - k
    elif nb_ok and float(nb.params[-1]) > 1e-6:
        params = np.asarray(nb.params, dtype=np.float64)
        fit_params, cov = params[:-1], np.asarray(nb.cov_params())[:-1, :-1]
        method, alpha = "negative binomial", float(params[-1])
        mu = np.exp(x @ fit_params)
        df = n - k - 1
    else:
        # The NB2 likelihood would not settle: quasi-Poisson, the spread scaled by the
        # Pearson dispersion, is the honest stand-in (and is labelled as such).
        fit_params, cov = pois_params, np.asarray(pois.cov_params()) * pearson
        method, alpha, mu, df = "quasi-Poisson", 0.0, pois_mu, n - k
    resid = (yv - mu) / np.sqrt(mu + alpha * mu**2)
    if method == "quasi-Poisson":
        resid = resid / math.sqrt(pearson)
    elif PEARSON_SCALE:
        # Small-sample allowance: with a dozen numbers estimated from a hundred days the fitted
        # variance is too snug, and the Pearson statistic shows by how much (never below 1).
        cov = cov * max(1.0, float(np.sum(resid**2)) / df)
    se = np.sqrt(np.diag(cov))
    if not np.all(np.isfinite(se)) or np.any(np.abs(fit_params) > 20):
        raise ModelFailed(N_("an estimate ran off to infinity"))
    coefs = {name: Coefficient(float(fit_params[i + 1]), float(se[i + 1]))
             for i, name in enumerate(names)}
    return ModelFit(method, coefs, int(df), alpha, np.asarray(resid, dtype=float))


def _converged(result: Any) -> bool:
    return (result is not None and bool(result.mle_retvals.get("converged", False))
            and bool(np.all(np.isfinite(np.asarray(result.params, dtype=np.float64)))))


def wald_test(coef: Coefficient, df: int, alpha: float) -> tuple[float, float, float, float]:
    """(ratio, low, high, two-sided p) with a (1 - alpha) interval on the t(df) reference."""
    _require()
    from scipy import stats

    t = coef.estimate / coef.se if coef.se > 0 else 0.0
    p = float(2.0 * stats.t.sf(abs(t), df))
    q = float(stats.t.ppf(1.0 - alpha / 2.0, df))
    return (math.exp(coef.estimate), math.exp(coef.estimate - q * coef.se),
            math.exp(coef.estimate + q * coef.se), min(p, 1.0))


@dataclass(frozen=True)
class ExactResult:
    ratio: float | None  # None when either group has no episodes: no ratio is made up
    low: float | None  # 0.0 when the exposed group has none
    high: float | None  # None when the unexposed group has none (no upper bound)
    p_value: float


def exact_rate_ratio(x1: int, n1: int, x0: int, n0: int, *, dispersion: float = 1.0,
                     alpha: float = 0.05) -> ExactResult:
    """Conditional test of two rates: x1 episodes in n1 days against x0 in n0.

    Given the total, the exposed share is binomial with p = n1 r / (n1 r + n0) under rate ratio
    r. The counts are divided by ``dispersion`` (1 for Poisson spread, more when days vary
    more) before the test, the usual quasi-likelihood scaling. The p-value is twice the smaller
    tail and the interval is Clopper-Pearson, so the interval excludes 1 exactly when p < alpha.
    """
    _require()
    from scipy import special

    phi = max(dispersion, 1.0)
    a, b = x1 / phi, x0 / phi
    total = a + b
    if total == 0:
        return ExactResult(None, None, None, 1.0)
    share = n1 / (n1 + n0)

    def upper_tail(k: float) -> float:  # P(X >= k), continuous in k through the beta function
        return 1.0 if k <= 0 else float(special.betainc(k, total - k + 1.0, share))

    def lower_tail(k: float) -> float:  # P(X <= k)
        return 1.0 if k >= total else float(1.0 - special.betainc(k + 1.0, total - k, share))

    p = min(1.0, 2.0 * min(upper_tail(a), lower_tail(a)))

    def to_ratio(pi: float) -> float:
        return (pi / (1.0 - pi)) * (n0 / n1)

    low = 0.0 if a == 0 else to_ratio(float(special.betaincinv(a, b + 1.0, alpha / 2.0)))
    high = None if b == 0 else to_ratio(float(special.betaincinv(a + 1.0, b, 1 - alpha / 2.0)))
    ratio = None if x1 == 0 or x0 == 0 else (x1 / n1) / (x0 / n0)
    return ExactResult(ratio, low, high, p)


def benjamini_hochberg(p_values: Sequence[float]) -> list[float]:
    """Benjamini-Hochberg adjusted p-values in the input order (statsmodels' fdr_bh)."""
    if not p_values:
        return []
    _require()
    from statsmodels.stats.multitest import multipletests

    adjusted = multipletests(np.asarray(p_values, dtype=float), method="fdr_bh")[1]
    return [float(min(v, 1.0)) for v in adjusted]


def group_dispersion(groups: Sequence[Sequence[int]]) -> float:
    """Pearson dispersion of daily counts around their group means (1 for Poisson spread)."""
    chi2, n = 0.0, 0
    for g in groups:
        if not g:
            continue
        mean = sum(g) / len(g)
        n += len(g)
        if mean > 0:
            chi2 += sum((v - mean) ** 2 for v in g) / mean
    df = n - sum(1 for g in groups if g)
    return max(1.0, chi2 / df) if df > 0 else 1.0


def lag1_autocorrelation(values: Sequence[float], dates_ordinal: Sequence[int]) -> float | None:
    """Correlation between consecutive calendar days (pairs where both days are present)."""
    pos = {d: i for i, d in enumerate(dates_ordinal)}
    pairs = [(values[i], values[pos[d + 1]]) for i, d in enumerate(dates_ordinal)
             if d + 1 in pos]
    if len(pairs) < 10:
        return None
    v = np.asarray(values, dtype=float)
    mean, var = float(v.mean()), float(v.var())
    if var <= 0:
        return None
    return float(sum((a - mean) * (b - mean) for a, b in pairs) / (len(pairs) * var))


def residualise(target: Sequence[float], others: Sequence[Sequence[float]]) -> FloatArray:
    """``target`` with an intercept and ``others`` regressed out (least squares)."""
    t = np.asarray(target, dtype=float)
    x = np.column_stack([np.ones(len(t))] + [np.asarray(o, dtype=float) for o in others])
    beta, *_ = np.linalg.lstsq(x, t, rcond=None)
    return np.asarray(t - x @ beta, dtype=np.float64)
