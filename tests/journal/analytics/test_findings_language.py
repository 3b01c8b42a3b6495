"""The findings text speaks the chosen language: the daily factors' exposures, the statistics'
sentences (with the reasons an exact test was used) and the trigger-tag shares are translated,
and their numbers carry the language's decimal sign ("1,8" and "p = 0,030" in German)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

import pytest

from journal import analytics, i18n
from journal.analytics import DayRecord, trigger_statistics_from_days
from journal.analytics.factors import FACTORS, FACTORS_BY_ID
from journal.demo import generate_checkins, generate_episodes
from journal.model import Episode, Kind, Region, Side, TriggerTag
from journal.service import Journal
from journal.store import repository as repo
from tests.helpers.i18n import untranslated

START = date(2025, 1, 1)
#: A decimal point between digits: English's, never German's or Spanish's.
DOT = re.compile(r"\d\.\d")


def _planted(seed: int = 1) -> list[DayRecord]:
    end = START + timedelta(days=364)
    checkins = generate_checkins(START, end, seed=seed)
    episodes = generate_episodes(START, end, checkins, episodes_per_day=6, seed=seed,
                                 effects={"sitting": 2.0})
    return analytics.day_records_from_entries(checkins, [e.local_date for e in episodes])


def _small_counts() -> list[DayRecord]:
    """Sitting compared with the exact test (too few episodes for the model), water with too
    few days: every kind of sentence but the model's."""
    out = []
    for i in range(40):
        out.append(DayRecord(START + timedelta(days=i), 1 if i % 9 == 0 else 0,
                             {"sitting": 9.0 if i % 3 == 0 else 4.0,
                              "water": 1000.0 if i < 2 else 2000.0}))
    return out


@pytest.mark.parametrize("code", ["de", "es"])
def test_every_factor_exposure_is_translated(code: str) -> None:
    english = {f.id: f.describe(f.threshold or 100.0) for f in FACTORS}
    with i18n.language(code):
        translated = {f.id: f.describe(f.threshold or 100.0) for f in FACTORS}
    assert all(translated[k] != english[k] for k in english), translated


def test_a_threshold_with_decimals_has_the_languages_decimal_sign() -> None:
    sitting = FACTORS_BY_ID["sitting"]
    assert sitting.describe(7.5) == "7.5 h or more of sitting"
    with i18n.language("de"):
        german = sitting.describe(7.5)
    assert "7,5" in german and not DOT.search(german), german
    assert FACTORS_BY_ID["water"].describe() == "under 1500 ml of water"  # no grouping comma


def test_german_findings_write_decimal_commas() -> None:
    days = _planted()
    english = {(r.factor, r.lag): r for r in trigger_statistics_from_days(days)}
    with i18n.language("de"):
        german = trigger_statistics_from_days(days)
        sitting = next(r for r in german if r.factor == "sitting" and r.lag == 0)
        assert sitting.significant and sitting.p_adjusted is not None
        assert sitting.rate_ratio is not None
        ratio = i18n.format_decimal(sitting.rate_ratio, 2)
    assert "," in ratio and ratio in sitting.sentence, (ratio, sitting.sentence)
    for r in german:
        assert not DOT.search(r.sentence), r.sentence
        assert r.sentence != english[r.factor, r.lag].sentence
    # English keeps its dots: "2.39 times (99.5% CI 1.40 to 4.08 ...; adjusted p = 0.002".
    assert DOT.search(english["sitting", 0].sentence)
    assert re.search(r"p [=<] \d,\d{3}", sitting.sentence), sitting.sentence


@pytest.mark.parametrize("days", [_planted, _small_counts], ids=["model", "exact"])
def test_findings_in_the_pseudo_locale_have_no_english_left(days) -> None:  # type: ignore[no-untyped-def]
    records = days()
    with i18n.language("qps"):
        results = trigger_statistics_from_days(records)
    if days is _small_counts:
        sitting = next(r for r in results if r.factor == "sitting" and r.lag == 0)
        assert sitting.tested and sitting.method == "exact conditional test"
    for r in results:
        assert untranslated(r.sentence, nested=True) == [], r.sentence


def _journal_with_tags(journal: Journal) -> None:
    plus1 = timezone(timedelta(hours=1))
    episodes = [Episode(kind=Kind.TWITCH, started_at=datetime(2026, 3, 2, h, 0, tzinfo=plus1),
                        duration_s=20, intensity=3, side=Side.LEFT, regions=(Region.PIRIFORMIS,),
                        triggers=t)
                for h, t in [(9, (TriggerTag("prolonged_sitting"),)),
                             (10, (TriggerTag("prolonged_sitting"), TriggerTag("caffeine"))),
                             (11, ()), (12, ()), (13, ()), (14, ()), (15, ())]]
    with journal.engine.begin() as conn:
        repo.bulk_insert_episodes(conn, episodes, journal.now())


def test_tag_shares_are_translated(journal: Journal) -> None:
    _journal_with_tags(journal)
    day = date(2026, 3, 2)
    english = analytics.trigger_tag_shares(journal, day, day)
    assert english[0].sentence == ("29% of episodes (2 of 7) were tagged with prolonged sitting "
                                   "as a suspected trigger.")
    with i18n.language("qps"):
        pseudo = analytics.trigger_tag_shares(journal, day, day)
    assert all(untranslated(t.sentence, nested=True) == [] for t in pseudo), pseudo
    with i18n.language("de"):
        german = analytics.trigger_tag_shares(journal, day, day)
    # CLDR's German percent: a no-break space before the sign; the noun keeps its capital.
    assert "29\u00a0%" in german[0].sentence and "Langes Sitzen" in german[0].sentence, german
