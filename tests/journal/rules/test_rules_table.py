"""The rule table, one group per rule, with every boundary of issue 4's "Done means"."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from rules_factory import TODAY, at, ci, days_ago, ep, hist, run

from journal.i18n import format_date
from journal.model import Kind, Radiates, Side
from journal.model import WarningSign as W
from journal.rules import EMERGENCY_NOTE, RULES, RULES_BY_ID, Tier, evaluate
from journal.rules import thresholds as th

# --- the table itself ----------------------------------------------------------------------------


def test_table_has_every_rule_of_the_domain_once_with_source_and_advice() -> None:
    ids = [r.id for r in RULES]
    assert ids == [
        "cauda_equina", "bilateral", "sexual_dysfunction", "stroke_or_seizure", "major_injury",
        "progressive_weakness", "fever", "long_cramp", "persistent", "persistent_past",
        "twitching_elsewhere", "motor_signs", "medication", "frequent_cramps", "worsening",
        "serious_history", "nerve_root", "minor_injury", "dizziness",
    ]
    for r in RULES:
        assert r.title and r.advice and r.source and r.fires_when
        assert "you are fine" not in (r.title + r.advice).lower()
        assert "diagnos" not in r.advice.lower()
        # People read these in the "why" view: plain words, no stored ids like saddle_numbness.
        assert not re.search(r"\b[a-z]+_[a-z_]+\b", r.fires_when), (r.id, r.fires_when)
    assert EMERGENCY_NOTE == "If in doubt, call your emergency number."


def test_emergency_advice_says_to_call_now() -> None:
    for r in RULES:
        if r.tier is Tier.EMERGENCY:
            assert "call your emergency number now" in r.advice.lower()


def test_tier_order_puts_emergency_first() -> None:
    ordered = sorted(Tier, key=lambda t: t.rank)
    assert ordered == [Tier.EMERGENCY, Tier.URGENT, Tier.SOON, Tier.MENTION]
    assert Tier.EMERGENCY.more_urgent_than(Tier.URGENT)
    assert not Tier.MENTION.more_urgent_than(Tier.SOON)


# --- single warning signs: on an episode and on a check-in alike ------------------------------

SIGN_CASES = [
    (W.BLADDER_CHANGE, "cauda_equina", Tier.EMERGENCY),
    (W.BOWEL_CHANGE, "cauda_equina", Tier.EMERGENCY),
    (W.SADDLE_NUMBNESS, "cauda_equina", Tier.EMERGENCY),
    (W.BOTH_LEGS, "bilateral", Tier.EMERGENCY),
    (W.SEXUAL_DYSFUNCTION, "sexual_dysfunction", Tier.URGENT),
    (W.STROKE_SIGNS, "stroke_or_seizure", Tier.EMERGENCY),
    (W.SEIZURE, "stroke_or_seizure", Tier.EMERGENCY),
    (W.MAJOR_INJURY, "major_injury", Tier.EMERGENCY),
    (W.LEG_WEAKNESS_WORSENING, "progressive_weakness", Tier.URGENT),
    (W.FEVER, "fever", Tier.URGENT),
    (W.WOUND_OR_TOXIN, "long_cramp", Tier.URGENT),
    (W.TWITCHING_ELSEWHERE, "twitching_elsewhere", Tier.SOON),
    (W.AREA_WEAK_STIFF, "twitching_elsewhere", Tier.SOON),
    (W.MUSCLE_WASTING, "motor_signs", Tier.SOON),
    (W.SPEECH_SWALLOWING, "motor_signs", Tier.SOON),
    (W.MEDICATION_SUSPECTED, "medication", Tier.SOON),
    (W.SLEEP_DISTURBED, "frequent_cramps", Tier.SOON),
    (W.LEG_SWELLING, "frequent_cramps", Tier.SOON),
    (W.WEIGHT_LOSS, "serious_history", Tier.SOON),
    (W.NIGHT_PAIN, "serious_history", Tier.SOON),
    (W.PAST_CANCER, "serious_history", Tier.SOON),
    (W.NUMBNESS_TINGLING, "nerve_root", Tier.MENTION),
    (W.RADIATING_BELOW_KNEE, "nerve_root", Tier.MENTION),
    (W.MINOR_INJURY, "minor_injury", Tier.MENTION),
    (W.DIZZINESS, "dizziness", Tier.MENTION),
]


@pytest.mark.parametrize(("sign", "rule", "tier"), SIGN_CASES, ids=[c[0].value for c in SIGN_CASES])
@pytest.mark.parametrize("source", ["episode", "checkin"])
def test_a_single_sign_fires_its_rule_from_an_episode_or_a_checkin(
    sign: W, rule: str, tier: Tier, source: str
) -> None:
    entry = ep(days_ago(1), signs=[sign]) if source == "episode" else ci(
        TODAY - timedelta(days=1), [sign])
    flags = evaluate(hist(entry), TODAY)
    assert [f.rule for f in flags] == [rule]
    flag = flags[0]
    assert flag.tier is tier
    assert flag.title == RULES_BY_ID[rule].title and flag.source == RULES_BY_ID[rule].source
    assert flag.since == TODAY - timedelta(days=1)
    assert sign in flag.signs
    if source == "episode":
        assert flag.evidence_episodes == (entry.id,) and flag.evidence_checkins == ()
    else:
        assert flag.evidence_checkins == (TODAY - timedelta(days=1),)
        assert flag.evidence_episodes == ()


def test_signs_that_fire_nothing_alone_and_no_signs_fire_nothing() -> None:
    assert evaluate(hist(ep(days_ago(0))), TODAY) == []
    assert evaluate(hist(ci(TODAY)), TODAY) == []
    # fainting_or_fall alone is not in the rule table; only with dizziness (see below).
    assert evaluate(hist(ep(days_ago(0), signs=[W.FAINTING_OR_FALL])), TODAY) == []


def test_nothing_at_all() -> None:
    assert evaluate(hist(), TODAY) == []


# --- how long a sign stays current -----------------------------------------------------------

@pytest.mark.parametrize(("age", "fires"), [
    (0, True), (th.SIGN_CURRENT_DAYS - 1, True), (th.SIGN_CURRENT_DAYS, False), (60, False)])
def test_a_sign_is_current_on_the_last_14_local_dates(age: int, fires: bool) -> None:
    flags = run(hist(ep(days_ago(age), signs=[W.FEVER])))
    assert ("fever" in flags) is fires


def test_a_later_checkin_answering_no_clears_the_sign() -> None:
    reported = ep(days_ago(3), signs=[W.BLADDER_CHANGE])
    assert "cauda_equina" in run(hist(reported))
    assert "cauda_equina" not in run(hist(reported, ci(TODAY - timedelta(days=2))))
    # the same day's "no" does not clear it, nor a later check-in that did not ask that sign
    assert "cauda_equina" in run(hist(reported, ci(TODAY - timedelta(days=3))))
    assert "cauda_equina" in run(hist(reported, ci(TODAY, asked=[W.FEVER])))
    # reported again after the "no": current again, since the new report
    again = ci(TODAY, [W.BLADDER_CHANGE])
    flag = run(hist(reported, ci(TODAY - timedelta(days=2)), again))["cauda_equina"]
    assert flag.since == TODAY and flag.evidence_episodes == ()


def test_since_goes_back_while_reports_stay_within_the_window() -> None:
    entries = [ep(days_ago(n), signs=[W.NIGHT_PAIN]) for n in (45, 27, 14, 1)]
    flag = run(hist(*entries))["serious_history"]
    assert flag.since == TODAY - timedelta(days=27)
    assert set(flag.evidence_episodes) == {e.id for e in entries[1:]}


def test_entries_after_today_are_ignored() -> None:
    later = ep(at(TODAY + timedelta(days=1)), signs=[W.SEIZURE])
    assert run(hist(later)) == {}
    assert "stroke_or_seizure" in run(hist(later), TODAY + timedelta(days=1))


# --- sexual_dysfunction -----------------------------------------------------------------------

@pytest.mark.parametrize(("partner", "tier"), [
    (None, Tier.URGENT),
    (W.BLADDER_CHANGE, Tier.EMERGENCY),
    (W.SADDLE_NUMBNESS, Tier.EMERGENCY),
    (W.BOTH_LEGS, Tier.EMERGENCY),
    (W.FEVER, Tier.URGENT),
])
def test_sexual_dysfunction_is_emergency_with_a_cauda_equina_or_bilateral_sign(
    partner: W | None, tier: Tier
) -> None:
    entries = [ep(days_ago(2), signs=[W.SEXUAL_DYSFUNCTION])]
    if partner is not None:
        entries.append(ep(days_ago(0), signs=[partner]))
    flag = run(hist(*entries))["sexual_dysfunction"]
    assert flag.tier is tier


def test_sexual_dysfunction_with_an_old_cauda_sign_stays_urgent() -> None:
    entries = [ep(days_ago(1), signs=[W.SEXUAL_DYSFUNCTION]),
               ep(days_ago(th.SIGN_CURRENT_DAYS + 1), signs=[W.BOWEL_CHANGE])]
    assert run(hist(*entries))["sexual_dysfunction"].tier is Tier.URGENT


# --- stroke_or_seizure and dizziness ---------------------------------------------------------

@pytest.mark.parametrize(("signs", "expected"), [
    ([W.DIZZINESS], {"dizziness": Tier.MENTION}),
    ([W.DIZZINESS, W.FAINTING_OR_FALL], {"stroke_or_seizure": Tier.EMERGENCY}),
    ([W.DIZZINESS, W.STROKE_SIGNS], {"stroke_or_seizure": Tier.EMERGENCY}),
    ([W.STROKE_SIGNS], {"stroke_or_seizure": Tier.EMERGENCY}),
    ([W.SEIZURE], {"stroke_or_seizure": Tier.EMERGENCY}),
    ([W.FAINTING_OR_FALL], {}),
])
def test_dizziness_alone_is_mention_and_with_a_fall_or_stroke_signs_emergency(
    signs: list[W], expected: dict[str, Tier]
) -> None:
    flags = run(hist(ep(days_ago(0), signs=signs)))
    assert {r: f.tier for r, f in flags.items()} == expected


def test_dizziness_and_a_fall_on_the_same_day_in_different_entries_combine() -> None:
    flags = run(hist(ep(days_ago(1), signs=[W.DIZZINESS]),
                     ci(TODAY - timedelta(days=1), [W.FAINTING_OR_FALL])))
    assert set(flags) == {"stroke_or_seizure"}
    assert flags["stroke_or_seizure"].evidence_checkins == (TODAY - timedelta(days=1),)


def test_dizziness_and_a_fall_on_different_days_do_not_combine() -> None:
    flags = run(hist(ep(days_ago(3), signs=[W.DIZZINESS]),
                     ep(days_ago(1), signs=[W.FAINTING_OR_FALL])))
    assert {r: f.tier for r, f in flags.items()} == {"dizziness": Tier.MENTION}


# --- long_cramp -------------------------------------------------------------------------------

@pytest.mark.parametrize(("kind", "seconds", "fires"), [
    (Kind.CRAMP, 600, False),   # exactly 10 minutes
    (Kind.CRAMP, 601, True),
    (Kind.CRAMP, 3600, True),
    (Kind.TWITCH, 3600, False),  # only cramps
])
def test_long_cramp_is_more_than_10_minutes(kind: Kind, seconds: int, fires: bool) -> None:
    e = ep(days_ago(2), kind, duration_s=seconds)
    flags = run(hist(e))
    assert ("long_cramp" in flags) is fires
    if fires:
        assert flags["long_cramp"].tier is Tier.URGENT
        assert flags["long_cramp"].evidence_episodes == (e.id,)


def test_a_long_cramp_long_ago_is_not_current() -> None:
    e = ep(days_ago(th.SIGN_CURRENT_DAYS), Kind.CRAMP, duration_s=1200)
    assert "long_cramp" not in run(hist(e))


# --- persistent and persistent_past ----------------------------------------------------------

def _run_of(span: timedelta, end_days_ago: int = 0, kind: Kind = Kind.TWITCH) -> list:
    last = days_ago(end_days_ago, 12)
    first = last - span
    # middle episodes keep every gap well under 7 days
    steps = [first + span * k / 4 for k in range(5)]
    return [ep(s, kind) for s in steps]


@pytest.mark.parametrize(("span", "fires"), [
    (timedelta(days=14), False),
    (timedelta(days=14, minutes=1), True),
    (timedelta(days=13, hours=23, minutes=59), False),
    (timedelta(days=20), True),
])
@pytest.mark.parametrize("kind", [Kind.TWITCH, Kind.CRAMP])
def test_persistent_fires_for_a_run_of_more_than_14_days(
    span: timedelta, fires: bool, kind: Kind
) -> None:
    entries = _run_of(span, kind=kind)
    flags = run(hist(*entries))
    assert ("persistent" in flags) is fires
    if fires:
        flag = flags["persistent"]
        assert flag.tier is Tier.SOON
        assert flag.evidence_episodes == tuple(e.id for e in entries)
        assert flag.since == entries[0].local_date


@pytest.mark.parametrize(("gap", "one_run"), [
    (timedelta(days=7), True),
    (timedelta(days=7, minutes=1), False),
])
def test_a_7_day_gap_keeps_a_run_and_a_longer_one_splits_it(
    gap: timedelta, one_run: bool
) -> None:
    last = days_ago(0, 12)
    # 8 days of daily twitches, then the gap, then daily twitches up to today: > 14 days in all
    after = [last - timedelta(days=k) for k in range(0, 4)]
    before_last = after[-1] - gap
    before = [before_last - timedelta(days=k) for k in range(0, 8)]
    entries = [ep(s) for s in before + after]
    assert ((after[0] - before[-1]) > timedelta(days=14))
    flags = run(hist(*entries))
    assert ("persistent" in flags) is one_run


@pytest.mark.parametrize(("ended_days_ago", "rule"), [
    (0, "persistent"),
    (th.RUN_CURRENT_DAYS, "persistent"),          # ended exactly 7 days ago: still current
    (th.RUN_CURRENT_DAYS + 1, "persistent_past"),  # more than 7 days ago
    (200, "persistent_past"),
])
def test_a_run_that_ended_more_than_7_days_ago_is_persistent_past(
    ended_days_ago: int, rule: str
) -> None:
    # Every day after the run has a check-in: the quiet days are recorded, so they can end it.
    quiet = [ci(TODAY - timedelta(days=n), asked=()) for n in range(1, ended_days_ago)]
    flags = run(hist(*_run_of(timedelta(days=15), ended_days_ago), *quiet))
    assert set(flags) == {rule}
    assert flags[rule].tier is (Tier.SOON if rule == "persistent" else Tier.MENTION)
    if rule == "persistent_past":
        assert "then stopped" in flags[rule].detail


@pytest.mark.parametrize("unrecorded_days", [8, 20, th.DIARY_STOPPED_DAYS])
def test_unrecorded_days_do_not_end_a_run(unrecorded_days: int) -> None:
    # The run's last episode, then no entry of any kind: unknown, not symptom-free.
    flags = run(hist(*_run_of(timedelta(days=15), unrecorded_days)))
    assert set(flags) == {"persistent"}
    last = format_date(TODAY - timedelta(days=unrecorded_days))
    assert f"No entries since {last}; the last run was still going then." in (
        flags["persistent"].detail)
    assert "stopped" not in flags["persistent"].detail


def test_fewer_than_7_recorded_quiet_days_among_unrecorded_ones_keep_a_run_current() -> None:
    quiet = [ci(TODAY - timedelta(days=n), asked=()) for n in range(1, 7)]   # 6 recorded days
    flags = run(hist(*_run_of(timedelta(days=15), 12), *quiet))
    assert set(flags) == {"persistent"}
    quiet.append(ci(TODAY - timedelta(days=7), asked=()))                     # the 7th
    assert set(run(hist(*_run_of(timedelta(days=15), 12), *quiet))) == {"persistent_past"}


def test_after_4_weeks_without_any_entry_the_flag_says_the_diary_stopped() -> None:
    gap = th.DIARY_STOPPED_DAYS + 1
    flags = run(hist(*_run_of(timedelta(days=15), gap)))
    assert set(flags) == {"persistent_past"}
    detail = flags["persistent_past"].detail
    last = format_date(TODAY - timedelta(days=gap))
    assert f"No entries since {last}: the run was still going then" in detail
    assert "stopped." not in detail


def test_runs_are_per_kind() -> None:
    # twitches and cramps alternating every 5 days: each kind alone has 10-day gaps
    entries = [ep(days_ago(n, 12), Kind.TWITCH if (n // 5) % 2 else Kind.CRAMP)
               for n in range(0, 30, 5)]
    assert "persistent" not in run(hist(*entries))


def test_a_current_run_and_an_earlier_persistent_run_give_both_flags() -> None:
    entries = _run_of(timedelta(days=15)) + _run_of(timedelta(days=15), 60)
    flags = run(hist(*entries))
    assert set(flags) == {"persistent", "persistent_past"}
    assert not set(flags["persistent"].evidence_episodes) & set(
        flags["persistent_past"].evidence_episodes)


# --- frequent_cramps --------------------------------------------------------------------------

@pytest.mark.parametrize(("ages", "fires"), [
    ([0, 1, 2], True),
    ([0, 3, 6], True),          # 3 days within the last 7, today included
    ([0, 3, 7], False),         # the 7-days-ago cramp is outside the window
    ([0, 1], False),
    ([0, 0, 0, 1], False),      # 4 cramps on only 2 days
])
def test_frequent_cramps_is_3_days_within_7(ages: list[int], fires: bool) -> None:
    entries = [ep(days_ago(a, 10 + i), Kind.CRAMP) for i, a in enumerate(ages)]
    flags = run(hist(*entries))
    assert ("frequent_cramps" in flags) is fires


def test_frequent_twitches_are_not_frequent_cramps() -> None:
    assert "frequent_cramps" not in run(hist(*(ep(days_ago(a)) for a in (0, 1, 2))))


# --- worsening --------------------------------------------------------------------------------

def _diary(before_per_day: list[int], recent_per_day: list[int]) -> list:
    """14 + 14 recorded days ending today, each with a check-in and that many episodes."""
    days = before_per_day + recent_per_day
    entries: list = []
    for i, count in enumerate(days):
        day = TODAY - timedelta(days=len(days) - 1 - i)
        entries.append(ci(day, asked=()))
        entries += [ep(at(day, 8 + k)) for k in range(count)]
    return entries


@pytest.mark.parametrize(("before", "recent", "fires"), [
    ([0] * 14, [1] * 5 + [0] * 9, True),        # 5 against 0
    ([0] * 14, [1] * 4 + [0] * 10, False),      # only 4: too few to call it worse
    ([1] * 10 + [0] * 4, [1] * 14, False),      # 14 against 10: less than 1.5 times
])
def test_worsening_needs_5_episodes_and_1_5_times_before(
    before: list[int], recent: list[int], fires: bool
) -> None:
    flags = run(hist(*_diary(before, recent)))
    assert ("worsening" in flags) is fires


@pytest.mark.parametrize(("n_before", "n_recent", "fires"), [
    (10, 15, True),    # exactly 1.5 times
    (10, 14, False),
    (4, 6, True),
    (20, 20, False),
])
def test_worsening_ratio_boundary(n_before: int, n_recent: int, fires: bool) -> None:
    before = [1] * n_before + [0] * (14 - n_before) if n_before <= 14 else [2] * 10 + [0] * 4
    recent = [1] * n_recent + [0] * (14 - n_recent) if n_recent <= 14 else (
        [2] * (n_recent - 14) + [1] * (28 - n_recent))
    assert sum(before) == n_before and sum(recent) == n_recent
    flags = run(hist(*_diary(before, recent)))
    assert ("worsening" in flags) is fires


def test_worsening_uses_recorded_days_only() -> None:
    # the earlier 14 recorded days are spread over six weeks with gaps: still the baseline
    entries = []
    for k in range(14):
        day = TODAY - timedelta(days=60 - 3 * k)
        entries.append(ci(day, asked=()))
    entries += _diary([], [1] * 6 + [0] * 8)
    assert "worsening" in run(hist(*entries))
    # fewer than 28 recorded days: no baseline, no flag
    assert "worsening" not in run(hist(*_diary([], [2] * 14)))


def test_worsening_is_not_current_after_weeks_without_entries() -> None:
    entries = _diary([0] * 14, [1] * 14)
    assert "worsening" in run(hist(*entries))
    assert "worsening" not in run(hist(*entries), TODAY + timedelta(days=th.WORSENING_CURRENT_DAYS))


@pytest.mark.parametrize(("days", "score", "fires"), [
    ([0, 2, 4], 7, True),
    ([0, 3, 6], 7, True),
    ([0, 3, 7], 7, False),    # spread over 8 days
    ([0, 2, 4], 6, False),
    ([0, 2], 9, False),
])
def test_worsening_by_interference_7_or_more_on_3_days_within_a_week(
    days: list[int], score: int, fires: bool
) -> None:
    entries = [ci(TODAY - timedelta(days=d), asked=(), interference=score) for d in days]
    flags = run(hist(*entries))
    assert ("worsening" in flags) is fires
    if fires:
        assert flags["worsening"].evidence_checkins == tuple(
            sorted(TODAY - timedelta(days=d) for d in days))


# --- nerve_root and bilateral -----------------------------------------------------------------

def test_nerve_root_is_mention_and_soon_when_worsening_fires() -> None:
    sign = ep(days_ago(0, 20), signs=[W.NUMBNESS_TINGLING], side=Side.RIGHT)
    assert run(hist(sign))["nerve_root"].tier is Tier.MENTION
    worse = [ci(TODAY - timedelta(days=d), asked=(), interference=8) for d in (1, 2, 3)]
    flags = run(hist(sign, *worse))
    assert flags["nerve_root"].tier is Tier.SOON and "worsening" in flags


def test_radiating_below_the_knee_on_the_episode_counts_as_the_sign() -> None:
    flags = run(hist(ep(days_ago(0), radiates=Radiates.FOOT, side=Side.LEFT)))
    assert set(flags) == {"nerve_root"}
    assert flags["nerve_root"].signs == (W.RADIATING_BELOW_KNEE,)
    assert run(hist(ep(days_ago(0), radiates=Radiates.THIGH))) == {}


@pytest.mark.parametrize("signs", [[W.NUMBNESS_TINGLING], [W.RADIATING_BELOW_KNEE]])
def test_nerve_signs_on_both_sides_are_bilateral(signs: list[W]) -> None:
    flags = run(hist(ep(days_ago(0), signs=signs, side=Side.BOTH)))
    assert {r: f.tier for r, f in flags.items()} == {"bilateral": Tier.EMERGENCY}


# --- order and evidence -----------------------------------------------------------------------

def test_flags_come_most_urgent_first_then_in_table_order() -> None:
    e = ep(days_ago(0), signs=[W.DIZZINESS, W.FEVER, W.SADDLE_NUMBNESS, W.NIGHT_PAIN,
                               W.MAJOR_INJURY, W.MINOR_INJURY])
    flags = evaluate(hist(e), TODAY)
    assert [f.rule for f in flags] == [
        "cauda_equina", "major_injury", "fever", "serious_history", "minor_injury", "dizziness"]
    assert [f.tier.rank for f in flags] == sorted(f.tier.rank for f in flags)


def test_to_json_shape() -> None:
    c = ci(TODAY, [W.FEVER])
    flag = evaluate(hist(c), TODAY)[0]
    assert flag.to_json() == {
        "rule": "fever", "tier": "urgent", "title": flag.title, "advice": flag.advice,
        "source": flag.source, "evidence": {"episodes": [], "checkins": [TODAY.isoformat()]},
        "since": TODAY.isoformat(),
    }


def test_every_warning_sign_has_plain_words_and_a_rule_or_a_combination() -> None:
    from journal.rules import SIGN_LABELS

    assert set(SIGN_LABELS) == set(W)
    in_rules = {s for r in RULES for s in r.signs}
    # fainting_or_fall only counts together with dizziness (stroke_or_seizure)
    assert set(W) - in_rules == {W.FAINTING_OR_FALL}


def test_every_rule_cites_public_guidance_by_title_and_address_only() -> None:
    from journal.rules import CITATIONS, RULE_CITATIONS

    assert set(RULE_CITATIONS) == {r.id for r in RULES}
    for rule_id, keys in RULE_CITATIONS.items():
        assert keys, rule_id
        for key in keys:
            cite = CITATIONS[key]
            assert cite.publisher in ("NHS", "NICE CKS", "NICE NG42", "GIRFT"), key
            assert cite.title and cite.url.startswith("https://"), key
    for r in RULES:
        assert "seed" not in r.source.lower(), r.id  # nothing a clinician cannot look up
