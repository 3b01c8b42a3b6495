"""Journal.flags / record_flags / flag_history / dismiss_flag on a real journal file."""

from __future__ import annotations

from datetime import timedelta

import pytest
from rules_factory import ci, ep

from journal.clock import FixedClock
from journal.errors import ValidationError
from journal.model import CheckIn
from journal.model import WarningSign as W
from journal.rules import Tier
from journal.service import Journal


def test_flags_default_to_the_clocks_today(journal: Journal, clock: FixedClock) -> None:
    journal.add_episode(ep(clock.now() - timedelta(hours=2), signs=[W.FEVER]))
    assert [f.rule for f in journal.flags()] == ["fever"]
    # 14 local dates later the report is no longer current
    later = journal.today() + timedelta(days=14)
    assert journal.flags(later) == []
    # "as of" a date before the episode: nothing yet
    assert journal.flags(journal.today() - timedelta(days=1)) == []


def test_record_flags_opens_and_clears_spells(journal: Journal, clock: FixedClock) -> None:
    today = journal.today()
    assert journal.record_flags() == [] and journal.flag_history() == []
    journal.add_episode(ep(clock.now() - timedelta(hours=1), signs=[W.LEG_WEAKNESS_WORSENING]))
    journal.record_flags()
    journal.record_flags()  # idempotent: still one open spell
    [record] = journal.flag_history()
    assert (record.rule, record.tier, record.first_fired_on, record.cleared_on) == (
        "progressive_weakness", Tier.URGENT, today, None)

    clock.advance(timedelta(days=1))
    journal.save_checkin(ci(today + timedelta(days=1)))   # every sign asked, all "no"
    assert journal.record_flags() == []
    [record] = journal.flag_history()
    assert record.cleared_on == today + timedelta(days=1)

    # fires again later: a new spell, the old one kept
    journal.add_episode(ep(clock.now() - timedelta(minutes=5), signs=[W.LEG_WEAKNESS_WORSENING]))
    clock.advance(timedelta(days=1))
    journal.record_flags()
    spells = journal.flag_history()
    assert [(r.first_fired_on, r.cleared_on) for r in spells] == [
        (today, today + timedelta(days=1)), (today + timedelta(days=2), None)]


def test_dismiss_urgent_or_soon_but_never_emergency(journal: Journal, clock: FixedClock) -> None:
    now = clock.now()
    journal.add_episode(ep(now - timedelta(hours=1), signs=[W.MEDICATION_SUSPECTED]))
    journal.add_episode(ep(now - timedelta(hours=2), signs=[W.SADDLE_NUMBNESS]))
    journal.dismiss_flag("medication")
    assert journal.dismissed_flags() == {"medication"}
    with pytest.raises(ValidationError, match="cannot be dismissed"):
        journal.dismiss_flag("cauda_equina")
    with pytest.raises(ValidationError, match="not showing"):
        journal.dismiss_flag("fever")
    # the dismissed flag is still listed by flags(); only the banner leaves it out
    assert {f.rule for f in journal.flags()} == {"medication", "cauda_equina"}
    records = {r.rule: r for r in journal.flag_history()}
    assert records["medication"].dismissed and not records["cauda_equina"].dismissed


def test_escalation_to_emergency_undoes_a_dismissal(journal: Journal, clock: FixedClock) -> None:
    now = clock.now()
    journal.add_episode(ep(now - timedelta(hours=3), signs=[W.SEXUAL_DYSFUNCTION]))
    journal.dismiss_flag("sexual_dysfunction")
    assert journal.dismissed_flags() == {"sexual_dysfunction"}
    journal.save_checkin(CheckIn(journal.today(), warning_signs=(W.BOWEL_CHANGE,),
                                 warning_signs_asked=(W.BOWEL_CHANGE,)))
    flags = {f.rule: f for f in journal.record_flags()}
    assert flags["sexual_dysfunction"].tier is Tier.EMERGENCY
    assert journal.dismissed_flags() == set()
    record = next(r for r in journal.flag_history() if r.rule == "sexual_dysfunction")
    assert record.tier is Tier.EMERGENCY


def test_history_keeps_a_compact_evidence_for_a_long_run(journal: Journal,
                                                          clock: FixedClock) -> None:
    import json
    import sqlite3

    now = clock.now()
    for k in range(150):
        journal.add_episode(ep(now - timedelta(hours=3 * k + 1)))
    [flag] = journal.record_flags()
    assert flag.rule == "persistent" and len(flag.evidence_episodes) == 150
    conn = sqlite3.connect(journal.path)
    (raw,) = conn.execute("SELECT evidence FROM flag_history").fetchone()
    conn.close()
    stored = json.loads(raw)
    assert stored["episode_count"] == 150
    assert stored["episodes"] == list(flag.evidence_episodes[-100:])


def test_the_lean_history_load_gives_the_same_flags_as_the_full_records(
    journal: Journal, clock: FixedClock
) -> None:
    from datetime import timezone

    from journal.model import Kind, Radiates, Side
    from journal.rules import History, evaluate

    now = clock.now()
    signs = [(), (W.FEVER,), (W.DIZZINESS, W.FAINTING_OR_FALL), (W.NUMBNESS_TINGLING,), ()]
    for k in range(40):
        tz = timezone(timedelta(hours=(k % 5) - 5))
        journal.add_episode(ep(
            (now - timedelta(hours=11 * k + 1)).astimezone(tz),
            Kind.CRAMP if k % 3 else Kind.TWITCH, duration_s=300 + 20 * k,
            signs=signs[k % 5], side=[Side.LEFT, Side.BOTH, None][k % 3],
            radiates=[Radiates.NONE, Radiates.FOOT, Radiates.THIGH][k % 3]))
    journal.save_checkin(ci(journal.today() - timedelta(days=1), [W.LEG_SWELLING]))
    for day in (journal.today(), journal.today() - timedelta(days=5)):
        full = History(tuple(journal.episodes(end=day)), tuple(journal.checkins(end=day)))
        assert journal.flags(day) == evaluate(full, day)
    assert journal.flags()   # the case is not empty
