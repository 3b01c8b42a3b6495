"""The report's daily-factor statistics: a compact table in a clinician's words, best first."""

from __future__ import annotations

import re
from datetime import date, timedelta

from journal.analytics import DayRecord, trigger_statistics_from_days
from journal.report import factor_words
from journal.report.content import FactorLine, _factor_strength

START = date(2025, 1, 6)


def _line(**changes: object) -> FactorLine:
    base: dict[str, object] = dict(
        factor="sitting", exposure="8 h or more of sitting", lag=0, rate_ratio=2.37,
        ci_low=1.49, ci_high=3.77, significant=True, sentence="On days with ... you logged",
        exposed_days=35, unexposed_days=54, exposed_rate=5.1, unexposed_rate=2.3,
        exposed_episodes=178, unexposed_episodes=124, p_adjusted=0.0004, ci_level=0.995,
        comparisons=6, method="negative binomial regression",
        adjusted_for=("caffeine", "water", "weekend"))
    base.update(changes)
    return FactorLine(**base)  # type: ignore[arg-type]


def _lines_from(days: list[DayRecord]) -> list[FactorLine]:
    return sorted((FactorLine(
        factor=r.factor, exposure=r.exposure, lag=r.lag, rate_ratio=r.rate_ratio,
        ci_low=r.ci_low, ci_high=r.ci_high, significant=r.significant, sentence=r.sentence,
        exposed_days=r.exposed_days, unexposed_days=r.unexposed_days,
        exposed_rate=r.exposed_rate, unexposed_rate=r.unexposed_rate,
        exposed_episodes=r.exposed_episodes, unexposed_episodes=r.unexposed_episodes,
        p_adjusted=r.p_adjusted, ci_level=r.ci_level, comparisons=r.comparisons,
        method=r.method, adjusted_for=r.adjusted_for, spell_widening=r.spell_widening,
        days_needed=r.days_needed) for r in trigger_statistics_from_days(days)),
        key=_factor_strength)


def _planted_journal() -> list[DayRecord]:
    from tests.helpers.trigger_calibration import Scenario, journal

    return journal(Scenario("planted", 120, {"sitting": 2.0}, weekly=False), 3)


def test_the_clinician_text_never_addresses_the_patient() -> None:
    lines = _lines_from(_planted_journal())
    texts = [factor_words.clinical_line(f) for f in lines if f.tested]
    texts += [factor_words.method_note(lines)]
    texts += [factor_words.exposure(f) for f in lines]
    for text in texts:
        assert not re.search(r"\byou(r)?\b", text, re.IGNORECASE), text


def test_a_clear_finding_reads_with_its_numbers_and_its_adjustment() -> None:
    text = factor_words.clinical_line(_line())
    assert text.startswith("8 h or more of sitting (same day): 2.37 times the episode rate")
    assert "99.5% CI 1.49–3.77" in text
    assert "adjusted for the other daily factors and weekday or weekend" in text
    assert "adjusted p < 0.001; 35 days with, 54 without" in text


def test_the_method_note_says_what_was_adjusted_and_how_many_comparisons() -> None:
    lines = [_line(), _line(factor="stress", significant=False, p_adjusted=0.5),
             _line(lag=1, comparisons=5, ci_level=0.998, significant=False, p_adjusted=0.9)]
    note = factor_words.method_note(lines)
    assert "adjusted for the other daily factors" in note
    assert "6 same-day comparisons (intervals at 99.5%)" in note
    assert "5 next-day comparisons (intervals at 99.8%)" in note
    assert "Benjamini-Yekutieli" in note
    assert factor_words.comparisons_short(lines) == (
        "6 same-day comparisons (next day: 5, a secondary family)")


def test_a_group_without_episodes_gets_a_bound_and_never_a_ratio() -> None:
    none_with = _line(rate_ratio=None, ci_low=0.0, ci_high=0.446, exposed_episodes=0,
                      exposed_days=5, unexposed_episodes=10, unexposed_days=5,
                      method="exact conditional test", adjusted_for=())
    assert factor_words.ratio_cell(none_with) == "none with it; CI 0–0.45"
    assert factor_words.basis_cell(none_with) == "exact, unadjusted"
    text = factor_words.clinical_line(none_with)
    assert "0 episodes on 5 days with it, 10 on 5 days without" in text
    assert "times" not in text
    assert "not adjusted for the other daily factors" in text


def test_spells_are_named_with_their_size() -> None:
    spelled = _line(spell_widening=1.34)
    assert "spells: CI ~1.3x too narrow" in factor_words.basis_cell(spelled)
    assert "about 1.3 times too narrow" in factor_words.clinical_line(spelled)


def test_rows_come_best_supported_first() -> None:
    lines = _lines_from(_planted_journal())
    tested = [f for f in lines if f.tested]
    clear = [f for f in tested if f.significant]
    assert clear and lines[: len(clear)] == clear
    same_day_rest = [f for f in tested if not f.significant and f.lag == 0]
    assert [f.p_adjusted for f in same_day_rest] == sorted(f.p_adjusted or 1.0
                                                            for f in same_day_rest)
    untested = [i for i, f in enumerate(lines) if not f.tested]
    assert all(i >= len(tested) for i in untested)


def test_a_journal_with_one_factor_still_gets_a_table_row() -> None:
    days = [DayRecord(START + timedelta(days=i), 4 if i % 3 == 0 else 1,
                      {"sitting": 9.0 if i % 3 == 0 else 4.0}) for i in range(30)]
    lines = _lines_from(days)
    sitting = next(f for f in lines if f.factor == "sitting" and f.lag == 0)
    assert sitting.tested and factor_words.basis_cell(sitting) == "adjusted for weekend only"
    assert "adjusted for weekday or weekend only" in factor_words.clinical_line(sitting)


def test_the_reports_trigger_chart_labels_speak_about_the_patient() -> None:
    from journal.charts.draw import forest_label
    from journal.report.figures import forest_data

    results = trigger_statistics_from_days(_planted_journal())
    assert any("your median" in r.exposure for r in results)  # what Trends shows the person
    forest = forest_data(results)
    assert forest is not None
    labels = [forest_label(r) for r in forest]
    assert any("the patient's median" in label for label in labels)
    for label in labels:
        assert not re.search(r"\byou(r)?\b", label, re.IGNORECASE), label
