"""Known-truth journals for calibrating the trigger statistics, and the method they replaced.

Every synthetic journal is built from a seed, with the true rate ratio of each factor known, so a
run can count how often a factor that does nothing is flagged, how often a planted effect is
found and how often an interval covers the true ratio. The previous method (each factor on its
own, a Welch-t interval, Benjamini-Hochberg over all twelve tests) is kept here as
:func:`legacy_statistics` so each figure can be compared with it in the same run.

    python -m tests.helpers.trigger_calibration --journals 1000
"""

from __future__ import annotations

import argparse
import math
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from journal.analytics import FACTORS, DayRecord, FactorResult, trigger_statistics_from_days
from journal.analytics.factors import LAGS, MIN_DAYS

START = date(2025, 1, 6)  # a Monday


@dataclass(frozen=True)
class Scenario:
    name: str
    days: int
    effects: dict[str, float]  # true same-day rate ratio per factor (absent: 1)
    nb_alpha: float = 0.4  # NB2 dispersion of the daily counts (0: Poisson)
    weekly: bool = True  # sitting and stress follow the working week
    spells: bool = False  # exposures and bad days come in runs of days
    base_rate: float = 4.0
    recorded: float = 0.9  # share of days with a check-in


def _nb(rng: random.Random, mean: float, alpha: float) -> int:
    lam = rng.gammavariate(1.0 / alpha, mean * alpha) if alpha > 0 else mean
    # Poisson by inversion in log space (means here stay well below 100).
    k, p, u = 0, math.exp(-lam), rng.random()
    cumulative = p
    while u > cumulative and k < 1000:
        k += 1
        p *= lam / k
        cumulative += p
    return k


def journal(s: Scenario, seed: int) -> list[DayRecord]:
    rng = random.Random(f"{s.name}-{seed}")
    days: list[DayRecord] = []
    state = {"sitting": rng.random() < 0.4, "stress": rng.random() < 0.3}
    flare = 0.0
    for i in range(s.days):
        d = START + timedelta(days=i)
        workday = d.weekday() < 5
        if s.spells:
            # Exposure runs: a factor stays as it was yesterday four times in five.
            for k in state:
                if rng.random() > 0.8:
                    state[k] = rng.random() < 0.4
            sitting = 9.0 if state["sitting"] else 5.0
            stress = 8.0 if state["stress"] else 4.0
            flare = 0.75 * flare + rng.gauss(0, 0.45)  # AR(1) bad spells on the log scale
        else:
            if s.weekly:
                # Tied to the working week as tightly as in the check that found the problem:
                # most workdays have both, weekends neither, so on its own stress goes with
                # about 1.3 times the episodes while doing nothing.
                sitting = rng.gauss(8.8 if workday else 4.5, 1.3)
                stress = round(rng.gauss(7.2 if workday else 3.0, 1.5))
            else:
                sitting, stress = rng.gauss(7.2, 1.8), round(rng.gauss(5.0, 2))
        values = {
            "caffeine": float(80 * max(0, round(rng.gauss(2.2, 1.2)))),
            "water": rng.gauss(1800, 450),
            "sitting": sitting,
            "exercise": 0.0 if rng.random() < 0.5 else max(10.0, rng.gauss(45, 20)),
            "stress": stress,
            "sleep": rng.gauss(6.9, 0.9),
        }
        mean = s.base_rate * math.exp(flare)
        for f in FACTORS:
            if f.id in s.effects:
                threshold = f.threshold if f.threshold is not None else 160.0
                if f.exposed(values[f.id], threshold):
                    mean *= s.effects[f.id]
        count = _nb(rng, mean, s.nb_alpha)
        if rng.random() < s.recorded:
            days.append(DayRecord(d, count, values))
        elif count and rng.random() < 0.5:
            days.append(DayRecord(d, count, {}))  # episodes logged, no check-in that day
    return days


def demo_journal(seed: int, days: int = 365, per_day: float = 6.0) -> list[DayRecord]:
    """A year of the app's own sample journal (flare-ups, seasons, gaps in the diary), whose
    planted effects are :data:`DEMO_EFFECTS`: any other factor flagged is a false link."""
    from journal.analytics import day_records_from_entries
    from journal.demo import generate_checkins, generate_episodes

    end = START + timedelta(days=days - 1)
    checkins = generate_checkins(START, end, seed=seed)
    episodes = generate_episodes(START, end, checkins, episodes_per_day=per_day, seed=seed)
    return day_records_from_entries(checkins, [e.local_date for e in episodes])


def _demo_effects() -> frozenset[str]:
    from journal.demo import DEFAULT_EFFECTS

    return frozenset(DEFAULT_EFFECTS)


DEMO_EFFECTS = _demo_effects()


# --- the previous method (each factor on its own), kept as the reference -----------------------


def _welch_rate_ratio(exposed: Sequence[int],
                      unexposed: Sequence[int]) -> tuple[float, float, float, float]:
    from scipy import stats

    def mean_var(v: Sequence[int]) -> tuple[float, float]:
        m = sum(v) / len(v)
        return m, (sum((x - m) ** 2 for x in v) / (len(v) - 1) if len(v) > 1 else m)

    m1, v1 = mean_var(exposed)
    m0, v0 = mean_var(unexposed)
    n1, n0 = len(exposed), len(unexposed)
    m1 = m1 or 0.5 / n1
    m0 = m0 or 0.5 / n0
    a, b = max(v1, m1) / (n1 * m1 * m1), max(v0, m0) / (n0 * m0 * m0)
    se = math.sqrt(a + b)
    df = (a + b) ** 2 / (a * a / max(n1 - 1, 1) + b * b / max(n0 - 1, 1))
    log_rr = math.log(m1 / m0)
    p = float(2 * stats.t.sf(abs(log_rr / se), df))
    q = float(stats.t.ppf(0.975, df))
    return math.exp(log_rr), math.exp(log_rr - q * se), math.exp(log_rr + q * se), min(p, 1.0)


@dataclass(frozen=True)
class LegacyResult:
    factor: str
    lag: int
    rate_ratio: float
    ci_low: float
    ci_high: float
    significant: bool


def legacy_statistics(days: Sequence[DayRecord]) -> list[LegacyResult]:
    from journal.analytics import benjamini_hochberg

    by_date = {d.date: d for d in days}
    raws = []
    for f in FACTORS:
        threshold = f.resolve_threshold(d.factors.get(f.id) for d in days)
        for lag in LAGS:
            e: list[int] = []
            u: list[int] = []
            for d in days:
                flag = f.exposed(d.factors.get(f.id), threshold)
                if flag is None:
                    continue
                outcome = by_date.get(d.date + timedelta(days=lag)) if lag else d
                if outcome is None:
                    continue
                (e if flag else u).append(outcome.episodes)
            if len(e) >= MIN_DAYS and len(u) >= MIN_DAYS:
                raws.append((f.id, lag, _welch_rate_ratio(e, u)))
    adjusted = benjamini_hochberg([r[2][3] for r in raws])
    return [LegacyResult(fid, lag, rr, lo, hi, p_adj < 0.05)
            for (fid, lag, (rr, lo, hi, _)), p_adj in zip(raws, adjusted, strict=True)]


# --- figures ------------------------------------------------------------------------------------


@dataclass
class Tally:
    hits: int = 0
    total: int = 0

    def add(self, hit: bool) -> None:
        self.hits += bool(hit)
        self.total += 1

    @property
    def rate(self) -> float:
        return self.hits / self.total if self.total else math.nan

    def __str__(self) -> str:
        return f"{self.rate:.3f} ({self.hits}/{self.total})"


@dataclass
class Figures:
    new: dict[str, Tally]
    old: dict[str, Tally]

    def lines(self) -> list[str]:
        return [f"{k:<48} new {self.new[k]!s:<20} old {self.old.get(k, Tally())!s}"
                for k in self.new]


def _flag(results: Sequence[FactorResult] | Sequence[LegacyResult], fid: str,
          lag: int) -> bool:
    return any(r.factor == fid and r.lag == lag and r.significant for r in results)


def _covers(r: FactorResult | LegacyResult, truth: float, plain: bool = False) -> bool | None:
    lo, hi = ((r.ci95_low, r.ci95_high) if plain and isinstance(r, FactorResult)
              else (r.ci_low, r.ci_high))
    if r.rate_ratio is None or lo is None or hi is None:
        return None
    return lo <= truth <= hi


def calibrate(journals: int, *, seed0: int = 0,
              progress: Callable[[str], None] | None = None) -> Figures:
    new: dict[str, Tally] = {}
    old: dict[str, Tally] = {}

    def tally(book: dict[str, Tally], key: str, hit: bool | None) -> None:
        if hit is not None:
            book.setdefault(key, Tally()).add(hit)

    confounded = Scenario("confounded", 150, {"sitting": 2.0})
    planted = Scenario("planted", 120, {"sitting": 2.0}, weekly=False)
    planted_weekly = Scenario("planted-weekly", 120, {"sitting": 2.0})
    planted_15 = Scenario("planted-1.5", 120, {"sitting": 1.5}, weekly=False)
    null = Scenario("null", 120, {}, weekly=False)
    null_weekly = Scenario("null-weekly", 120, {})
    null_poisson = Scenario("null-poisson", 120, {}, nb_alpha=0.0, weekly=False)
    spells = Scenario("spells", 120, {"sitting": 1.5}, spells=True)
    for i in range(journals):
        seed = seed0 + i
        for s in (confounded, planted, planted_weekly, planted_15, null, null_weekly,
                  null_poisson, spells):
            days = journal(s, seed)
            res = trigger_statistics_from_days(days)
            leg = legacy_statistics(days)
            for book, rs in ((new, res), (old, leg)):
                if s is confounded:
                    tally(book, "confounded: stress flagged (same day)", _flag(rs, "stress", 0))
                    tally(book, "confounded: sitting found (same day)", _flag(rs, "sitting", 0))
                if s is planted:
                    tally(book, "planted RR 2, 120 d NB: found (same day)",
                          _flag(rs, "sitting", 0))
                if s is planted_weekly:
                    tally(book, "planted RR 2, sitting follows the week: found (same day)",
                          _flag(rs, "sitting", 0))
                if s is planted_15:
                    tally(book, "planted RR 1.5, 120 d NB: found (same day)",
                          _flag(rs, "sitting", 0))
                if s in (null, null_weekly, null_poisson):
                    tally(book, f"{s.name}: any flag (either lag)",
                          any(r.significant for r in rs))
                    for lag in LAGS:
                        tally(book, f"{s.name}: any flag (lag {lag})",
                              any(r.significant for r in rs if r.lag == lag))
                if s in (planted, null):
                    for r in rs:
                        truth = s.effects.get(r.factor, 1.0) if r.lag == 0 else 1.0
                        tally(book, f"coverage, independent NB, lag {r.lag} (shown interval)",
                              _covers(r, truth))
                        if isinstance(r, FactorResult):
                            tally(book, f"coverage, independent NB, lag {r.lag} (plain 95%)",
                                  _covers(r, truth, plain=True))
                if s is spells:
                    for r in rs:
                        if r.lag == 0:
                            truth = s.effects.get(r.factor, 1.0)
                            tally(book, "spells: coverage, lag 0 (shown interval)",
                                  _covers(r, truth))
                            if isinstance(r, FactorResult):
                                tally(book, "spells: coverage, lag 0 (plain 95%)",
                                      _covers(r, truth, plain=True))
            for r in res:
                if s is spells and r.lag == 0 and r.tested:
                    tally(new, "spells: warning shown (same day, per factor)",
                          r.spell_widening is not None)
                if s is null and r.lag == 0 and r.tested:
                    tally(new, "null (independent days): spell warning (per factor)",
                          r.spell_widening is not None)
        days = demo_journal(seed)
        for book, rs in ((new, trigger_statistics_from_days(days)), (old, legacy_statistics(days))):
            tally(book, "demo generator, 365 d: a false clear link (either lag)",
                  any(r.significant and r.factor not in DEMO_EFFECTS for r in rs))
        if progress and (i + 1) % 50 == 0:
            progress(f"{i + 1} of {journals} journals")
    return Figures(new, old)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--journals", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    t0 = time.perf_counter()
    figures = calibrate(args.journals, seed0=args.seed, progress=print)
    print(f"{args.journals} journals per scenario, {time.perf_counter() - t0:.0f} s")
    for line in figures.lines():
        print(line)


if __name__ == "__main__":
    main()
