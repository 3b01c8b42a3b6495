"""The sample journal generator: deterministic, realistic shape, exact episode count, fast."""

from __future__ import annotations

import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from journal import analytics
from journal.demo import generate, generate_checkins, generate_episodes
from journal.service import Journal

TODAY = date(2026, 3, 16)


def test_same_seed_same_journal() -> None:
    s, e = date(2025, 1, 1), date(2025, 3, 31)
    a = generate_episodes(s, e, generate_checkins(s, e, seed=3), episodes_per_day=5, seed=3)
    b = generate_episodes(s, e, generate_checkins(s, e, seed=3), episodes_per_day=5, seed=3)
    assert a == b
    c = generate_episodes(s, e, generate_checkins(s, e, seed=4), episodes_per_day=5, seed=4)
    assert a != c


def test_episodes_per_day_means_what_it_says() -> None:
    s, e = date(2024, 1, 1), date(2024, 12, 31)
    eps = generate_episodes(s, e, generate_checkins(s, e, seed=1), episodes_per_day=20, seed=1)
    assert len(eps) == 366 * 20
    assert all(s <= x.local_date <= e for x in eps)


def test_generated_entries_pass_validation(journal: Journal) -> None:
    s, e = TODAY - timedelta(days=30), TODAY - timedelta(days=1)
    checkins = generate_checkins(s, e, seed=2)
    for c in checkins[:10]:
        journal.save_checkin(c)
    for x in generate_episodes(s, e, checkins, episodes_per_day=2, seed=2)[:40]:
        journal.add_episode(x)


def test_some_days_are_unrecorded_and_most_have_checkins() -> None:
    s, e = date(2020, 1, 1), date(2023, 12, 31)
    checkins = generate_checkins(s, e, seed=5)
    eps = generate_episodes(s, e, checkins, episodes_per_day=3, seed=5)
    recorded = {c.date for c in checkins} | {x.local_date for x in eps}
    total = (e - s).days + 1
    assert 0.8 < len(recorded) / total < 0.97
    assert len(checkins) / len(recorded) > 0.7


def test_unknown_effect_is_refused() -> None:
    with pytest.raises(ValueError):
        generate_episodes(date(2025, 1, 1), date(2025, 1, 2), [], episodes_per_day=1, seed=1,
                          effects={"moon": 2.0})


def test_generate_writes_a_new_file_and_refuses_an_existing_one(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite3"
    started = time.perf_counter()
    generate(path, years=2, episodes_per_day=10, seed=1, today=TODAY)
    assert time.perf_counter() - started < 15
    with Journal.open(path, create=False) as j:
        assert j.count_episodes() == round(2 * 365.25) * 10
        last = j.last_episode()
        assert last is not None and last.local_date < TODAY
        f = analytics.frequency(j, TODAY - timedelta(days=730), TODAY)
        assert f.total_episodes == round(2 * 365.25) * 10
    with pytest.raises(FileExistsError):
        generate(path, years=1, episodes_per_day=1, seed=1, today=TODAY)
