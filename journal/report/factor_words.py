"""The daily-factor statistics in a clinician's words: the compact table and page 1's lines.

The Trends screen and the command line speak to the person ("you logged more episodes"); the
report is read by a clinician, so the same figures are set out as a table, best-supported first,
and described in the third person. Nothing here computes a statistic: every number comes from the
analytics (through :class:`journal.report.content.FactorLine`).
"""

from __future__ import annotations

from collections.abc import Sequence

from journal.i18n import (
    N_,
    _,
    format_decimal,
    format_p_value,
    format_percent,
    format_ratio,
)
from journal.report.content import FactorLine


def _ratio(x: float) -> str:
    return format_ratio(x)


def _level(level: float | None) -> str:
    return "" if level is None else format_percent(level, 1)


#: The factor thresholds speak to the person ("your median"); the report speaks about them.
_THIRD_PERSON = ((N_("(your median)"), N_("(the patient's median)")),)


def third_person(text: str) -> str:
    """A threshold in words as the report says it ("the patient's median", not "your")."""
    for mine, theirs in _THIRD_PERSON:
        text = text.replace(_(mine), _(theirs))
    return text


def exposure(f: FactorLine) -> str:
    """The exposure in the third person, capitalised for the start of a cell or sentence."""
    text = third_person(f.exposure)
    return text[:1].upper() + text[1:]


def timing(f: FactorLine) -> str:
    return _("same day") if f.lag == 0 else _("next day")


def days_cell(f: FactorLine) -> str:
    return f"{f.exposed_days} / {f.unexposed_days}"


def rates_cell(f: FactorLine) -> str:
    if f.exposed_rate is None or f.unexposed_rate is None:
        return "–"
    return f"{format_decimal(f.exposed_rate)} / {format_decimal(f.unexposed_rate)}"


def ratio_cell(f: FactorLine) -> str:
    """The rate ratio and its interval; a group without episodes gets its bound, no ratio."""
    if not f.tested:
        return _("not tested")
    if f.rate_ratio is not None and f.ci_low is not None and f.ci_high is not None:
        return f"{_ratio(f.rate_ratio)} ({_ratio(f.ci_low)}–{_ratio(f.ci_high)})"
    if f.exposed_episodes == 0 and f.ci_high is not None:
        return _("none with it; CI 0–{high}").format(high=_ratio(f.ci_high))
    if f.unexposed_episodes == 0 and f.ci_low is not None and f.ci_low > 0:
        return _("none without; CI from {low}").format(low=_ratio(f.ci_low))
    return _("no ratio (a group has no episodes)")


def p_cell(f: FactorLine) -> str:
    if f.p_adjusted is None:
        return "–"
    return format_p_value(f.p_adjusted).replace(" ", "")  # "<0.001" in a narrow column


def verdict_cell(f: FactorLine) -> str:
    if not f.tested:
        return "–"
    return _("yes") if f.significant else _("no")


def basis_cell(f: FactorLine) -> str:
    """How the row was estimated, in two or three words, plus the spell caveat."""
    if not f.tested:
        return _("{n} more days needed").format(n=f.days_needed) if f.days_needed else "–"
    if f.exact:
        basis = _("exact, unadjusted")
    elif any(a != "weekend" for a in f.adjusted_for):
        basis = _("adjusted")
    elif f.adjusted_for:
        basis = _("adjusted for weekend only")
    else:
        basis = _("unadjusted")
    if f.spell_widening is not None:
        basis += _("; spells: CI ~{w}x too narrow").format(w=format_decimal(f.spell_widening))
    return basis


def _adjustment(f: FactorLine) -> str:
    if f.exact:
        return _("exact conditional test, not adjusted for the other daily factors")
    factors = [a for a in f.adjusted_for if a != "weekend"]
    week = len(factors) < len(f.adjusted_for)
    if factors and week:
        return _("adjusted for the other daily factors and weekday or weekend")
    if factors:
        return _("adjusted for the other daily factors")
    if week:
        return _("adjusted for weekday or weekend only")
    return _("unadjusted (no other daily factor had enough days)")


def _p(p: float | None) -> str:
    """"= 0.030" or "< 0.001" after "adjusted p" (what format_p_value writes, with its sign)."""
    if p is None:
        return "= –"
    text = format_p_value(p)
    return text if text.startswith("<") else "= " + text


def clinical_line(f: FactorLine) -> str:
    """One tested finding as a sentence for page 1, e.g. '8 h or more of sitting (same day):
    2.37 times the episode rate of other checked-in days (99.5% CI ...).'"""
    when = _("same day") if f.lag == 0 else _("next day, secondary analysis")
    base = _("other checked-in days") if f.lag == 0 else _("days after other days")
    level = _level(f.ci_level)
    if f.rate_ratio is not None and f.ci_low is not None and f.ci_high is not None:
        figure = _("{rr} times the episode rate of {base} ({level} CI {lo}–{hi}").format(
            rr=_ratio(f.rate_ratio), base=base, level=level, lo=_ratio(f.ci_low),
            hi=_ratio(f.ci_high))
    else:
        figure = _("{x1} episodes on {n1} days with it, {x0} on {n0} days without ({level} CI "
                   "for the ratio {bound}").format(
            x1=f.exposed_episodes, n1=f.exposed_days, x0=f.unexposed_episodes,
            n0=f.unexposed_days, level=level,
            bound=(f"0–{_ratio(f.ci_high)}" if f.exposed_episodes == 0 and f.ci_high is not None
                   else _("from {0}").format(_ratio(f.ci_low)) if f.ci_low else _("unbounded")))
    text = _("{exposure} ({when}): {figure}, {adjustment}; adjusted p {p}; {n1} days with, "
             "{n0} without).").format(
        exposure=exposure(f), when=when, figure=figure,
        adjustment=_adjustment(f), p=_p(f.p_adjusted),
        n1=f.exposed_days, n0=f.unexposed_days)
    if f.spell_widening is not None:
        text += " " + _("Episodes and this factor both run in spells, so the interval is "
                        "probably about {w} times too narrow.").format(
                            w=format_decimal(f.spell_widening))
    return text


def _families(factors: Sequence[FactorLine]) -> dict[int, tuple[int, float | None]]:
    """Per lag: the number of comparisons and the interval level shown."""
    out: dict[int, tuple[int, float | None]] = {}
    for f in factors:
        if f.tested and f.lag not in out:
            out[f.lag] = (f.comparisons, f.ci_level)
    return out


def comparisons_phrase(factors: Sequence[FactorLine]) -> str:
    """'6 same-day comparisons (intervals at 99.5%) and 6 next-day (99.8%)'."""
    fam = _families(factors)
    parts = []
    if 0 in fam:
        parts.append(_("{m} same-day comparisons (intervals at {level})").format(
            m=fam[0][0], level=_level(fam[0][1])))
    if 1 in fam:
        parts.append(_("{m} next-day comparisons (intervals at {level})").format(
            m=fam[1][0], level=_level(fam[1][1])))
    return _(" and ").join(parts)


def comparisons_short(factors: Sequence[FactorLine]) -> str:
    """'6 same-day comparisons (next day: 6, a secondary family)' for page 1."""
    fam = _families(factors)
    if 0 in fam and 1 in fam:
        return _("{m0} same-day comparisons (next day: {m1}, a secondary family)").format(
            m0=fam[0][0], m1=fam[1][0])
    if fam:
        lag, (m, _level_shown) = next(iter(fam.items()))
        return (_("{m} same-day comparisons") if lag == 0 else
                _("{m} next-day comparisons")).format(m=m)
    return ""


def method_note(factors: Sequence[FactorLine]) -> str:
    """What the table is, for the clinician reading it, in one paragraph."""
    text = _(
        "Episodes per checked-in day with each daily factor against days without it. Same day: "
        "one negative-binomial regression of the daily episode count on all daily factors with "
        "enough days together, plus weekday or weekend, so each rate ratio is adjusted for the "
        "other daily factors. Next day (secondary): the previous day's factors, also adjusted "
        "for the outcome day's own; only checked-in days are outcomes. ")
    phrase = comparisons_phrase(factors)
    if phrase:
        text += _("{phrase}, Benjamini-Hochberg within each timing; the intervals are "
                  "false-coverage adjusted (Benjamini-Yekutieli), so they exclude 1 exactly for "
                  "the rows marked clear. ").format(phrase=phrase[:1].upper() + phrase[1:])
    if any(f.exact for f in factors if f.tested):
        text += _("Exact: too few episodes (or days) for the regression, so an exact conditional "
                  "test scaled by the measured dispersion, not adjusted; a group without "
                  "episodes gets a bound, never a ratio. ")
    if any(f.spell_widening is not None for f in factors):
        text += _("Spells: episodes and the factor are both correlated from day to day, so that "
                  "interval is too narrow by about the factor shown. ")
    text += _("Associations in a patient-recorded diary, not proof of cause.")
    return text
