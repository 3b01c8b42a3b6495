"""Fuzzing with hypothesis: any episode, and any import document (malformed JSON, wrong types,
huge notes, any Unicode, extreme dates, NaN and infinities), is either stored and read back
exactly, or refused with a ValidationError. Never another exception, never a partial import."""

from __future__ import annotations

import json
import math
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from journal.clock import FixedClock
from journal.errors import ValidationError
from journal.model import (
    Activity,
    Episode,
    Kind,
    Radiates,
    Region,
    Relief,
    Side,
    TriggerTag,
    WarningSign,
)
from journal.report import interchange
from journal.service import Journal

NOW = datetime(2026, 3, 16, 15, 0, tzinfo=timezone(timedelta(hours=1)))
FUZZ = settings(max_examples=100, deadline=None, report_multiple_bugs=False,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

#: Any code point, lone surrogates included (JSON's "\ud800" escapes produce those).
any_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=60)
huge_text = st.builds(lambda s, n: s * n, st.text(min_size=1, max_size=8), st.integers(1, 12000))
offsets = st.one_of(
    st.integers(-23 * 60 - 59, 23 * 60 + 59).map(lambda m: timezone(timedelta(minutes=m))),
    st.integers(-86399, 86399).map(lambda s: timezone(timedelta(seconds=s))),
    st.just(UTC),
)
recent = st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2026, 3, 15),
                      timezones=offsets)
instants = st.one_of(
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=offsets),
    recent, recent, recent,
)
numbers = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(),
                    st.integers(min_value=10**300, max_value=10**400), st.none())


def enum_or_junk(enum: Any) -> st.SearchStrategy[Any]:
    return st.one_of(st.sampled_from(list(enum)), any_text)


@pytest.fixture(scope="module")
def fuzz_journal() -> Iterator[Journal]:
    folder = Path(tempfile.mkdtemp(prefix="fuzz-"))
    journal = Journal.open(folder / "journal.sqlite3", FixedClock(NOW))
    try:
        yield journal
    finally:
        journal.close()
        shutil.rmtree(folder, ignore_errors=True)


def _episodes(field: Any) -> st.SearchStrategy[Episode]:
    """Episodes whose fields come from ``field(valid_strategy, junk_strategy)``."""
    return st.builds(
        Episode,
        kind=field(st.sampled_from(list(Kind)), any_text),
        started_at=field(instants, st.datetimes()),  # junk: naive date-times
        duration_s=field(st.integers(0, 3600), st.integers()),
        intensity=field(st.integers(0, 10), st.integers()),
        side=field(st.none() | st.sampled_from(list(Side)), any_text),
        regions=field(st.lists(st.sampled_from(list(Region)), max_size=4, unique=True),
                      st.lists(any_text, max_size=2)).map(tuple),
        radiates_to=field(st.sampled_from(list(Radiates)), any_text),
        activity=field(st.none() | st.sampled_from(list(Activity)), any_text),
        triggers=st.lists(st.builds(
            TriggerTag, id=field(st.sampled_from(["caffeine", "stress", "footwear"]), any_text),
            amount=field(st.none() | st.floats(0, 1e300), numbers),
            unit=st.none() | any_text), max_size=3, unique_by=lambda t: t.id).map(tuple),
        warning_signs=field(st.lists(st.sampled_from(list(WarningSign)), max_size=3,
                                     unique=True), st.lists(any_text, max_size=2)).map(tuple),
        relief=field(st.lists(st.sampled_from(list(Relief)), max_size=3, unique=True),
                     st.lists(any_text, max_size=2)).map(tuple),
        relief_score=field(st.none() | st.integers(0, 10), st.integers()),
        note=st.one_of(any_text, huge_text),
        id=field(st.uuids().map(str), any_text),
    )


#: Every field of a valid type and in range, with extreme values (any Unicode, huge notes,
#: any offset, any date from year 1 to 9999): mostly stored, the rest refused.
plausible_episodes = _episodes(lambda valid, _junk: valid)
#: Any field may be junk of the right Python type or out of range: mostly refused.
junk_episodes = _episodes(lambda valid, junk: st.one_of(valid, valid, valid, junk))


def _same(a: Episode, b: Episode) -> bool:
    return a == b and a.started_at.utcoffset() == b.started_at.utcoffset() \
        and a.started_at.replace(tzinfo=None) == b.started_at.replace(tzinfo=None)


def _store_or_refuse(journal: Journal, ep: Episode) -> None:
    before = _stored(journal, ep.id)
    try:
        journal.add_episode(ep)
    except ValidationError as exc:
        event(f"refused: {exc.field}")
        assert str(exc)  # a message for a person
        assert _stored(journal, ep.id) == before  # nothing changed
        return
    event("stored")
    back = journal.get_episode(ep.id)
    assert back is not None and _same(back, ep), (back, ep)
    # ...and survives the export format unchanged.
    doc = json.loads(json.dumps(interchange.episode_to_dict(back), allow_nan=False))
    assert _same(interchange.parse_episode(doc, "episode"), ep)


@FUZZ
@given(ep=plausible_episodes)
def test_any_plausible_episode_is_stored_exactly_or_refused(fuzz_journal: Journal,
                                                            ep: Episode) -> None:
    # A fresh id: hypothesis likes to repeat one, and a duplicate is (rightly) refused.
    _store_or_refuse(fuzz_journal, ep.with_changes(id=str(uuid.uuid4())))


@FUZZ
@given(ep=junk_episodes)
def test_any_episode_is_stored_exactly_or_refused(fuzz_journal: Journal, ep: Episode) -> None:
    _store_or_refuse(fuzz_journal, ep)


def _stored(journal: Journal, episode_id: object) -> Episode | None:
    if not isinstance(episode_id, str) or not _is_uuid(episode_id):
        return None
    return journal.get_episode(episode_id)


def _is_uuid(text: object) -> bool:
    try:
        uuid.UUID(str(text))
    except ValueError:
        return False
    return True


# --- whole import documents ---------------------------------------------------------------

json_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.integers(10**20, 10**400),
                         st.floats(allow_nan=True, allow_infinity=True), any_text)
json_values = st.recursive(json_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(any_text, inner, max_size=4)), max_leaves=12)


def _valid_episode_dict(ep: Episode) -> dict[str, Any]:
    return interchange.episode_to_dict(ep)


base_episode = st.builds(
    Episode, kind=st.sampled_from(list(Kind)),
    started_at=st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2026, 3, 15),
                            timezones=offsets),
    duration_s=st.integers(0, 3600), intensity=st.integers(0, 10),
    note=st.one_of(any_text, huge_text),
    triggers=st.lists(st.builds(TriggerTag, id=st.just("caffeine"),
                                amount=st.floats(0, 1e6)), max_size=1).map(tuple),
    id=st.uuids().map(str),
)

FIELDS = ["id", "kind", "started_at", "duration_s", "intensity", "side", "regions",
          "radiates_to", "activity", "triggers", "warning_signs", "relief", "relief_score",
          "note", "date", "caffeine_mg", "stress", "interference", "name", "started_on",
          "label", "amount", "unit", "no_episodes"]


@st.composite
def documents(draw: st.DrawFn) -> Any:
    """Mostly-valid exports with one or more fields replaced by anything JSON can hold."""
    eps = draw(st.lists(base_episode, max_size=4, unique_by=lambda e: e.id))
    doc: dict[str, Any] = {
        "format": "symptom-journal", "version": 1,
        "episodes": [_valid_episode_dict(e) for e in eps],
        "checkins": [{"date": draw(st.dates(min_value=datetime(1900, 1, 1).date(),
                                            max_value=datetime(2026, 3, 16).date())).isoformat(),
                      "caffeine_mg": draw(st.none() | st.floats(0, 5000)),
                      "stress": draw(st.none() | st.integers(0, 10)),
                      "note": draw(any_text)}],
        "medications": [{"id": str(draw(st.uuids())), "name": draw(st.text(min_size=1)) + "x",
                         "started_on": "2025-01-01"}],
        "triggers": [{"id": "late_meal", "label": "Late " + draw(any_text),
                      "unit": draw(st.none() | any_text)}],
    }
    for _ in range(draw(st.integers(0, 3))):
        target: Any = doc
        section = draw(st.sampled_from(["episodes", "episodes", "checkins", "medications",
                                        "triggers", "format", "version", None]))
        if section is None:
            doc = draw(json_values)  # not even an object, perhaps
            break
        if section in ("format", "version"):
            doc[section] = draw(json_values)
            continue
        items = doc[section]
        if not isinstance(items, list) or not items \
                or (draw(st.booleans()) and draw(st.booleans())):
            doc[section] = draw(json_values)
            continue
        target = items[draw(st.integers(0, len(items) - 1))]
        if isinstance(target, dict):
            target[draw(st.sampled_from(FIELDS))] = draw(json_values)
    return doc


def _import_or_refuse(journal: Journal, doc: Any) -> None:
    before = journal.count_episodes()
    try:
        result = journal.import_document(doc)
    except ValidationError as exc:
        event(f"refused: {exc.field}")
        assert str(exc)
        assert journal.count_episodes() == before  # all or nothing
        return
    event(f"imported {result.episodes_added} episodes")
    assert journal.count_episodes() == before + result.episodes_added
    added = set(result.change.ids)  # ids already in the journal are skipped, not replaced
    for item in doc.get("episodes") or []:
        if item["id"] not in added:
            continue
        stored = journal.get_episode(item["id"])
        parsed = interchange.parse_episode(item, "e")
        assert stored is not None and _same(stored, parsed)


@FUZZ
@given(doc=documents())
def test_any_import_document_is_imported_exactly_or_refused(fuzz_journal: Journal,
                                                            doc: Any) -> None:
    _import_or_refuse(fuzz_journal, doc)


@FUZZ
@given(raw=st.one_of(
    st.binary(max_size=200),
    any_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
    json_values.map(lambda v: json.dumps(v, allow_nan=True).encode()),
    st.sampled_from([b"NaN", b"[Infinity]", b'{"a": -Infinity}', b"[" * 5000 + b"]" * 5000,
                     b'{"format": "symptom-journal", "version": 1, "episodes": [{"id": 1e999}]}',
                     b"\xef\xbb\xbf{}", b'"\\ud800"', b"{\"note\": \"\\udfff\"}"]),
))
def test_any_bytes_are_parsed_or_refused(fuzz_journal: Journal, raw: bytes) -> None:
    try:
        doc = interchange.loads_document(raw)
    except ValidationError as exc:
        event("not JSON")
        assert str(exc)
        return
    _import_or_refuse(fuzz_journal, doc)


def test_nan_and_infinity_are_refused_everywhere(fuzz_journal: Journal) -> None:
    for bad in (math.nan, math.inf, -math.inf):
        ep = Episode(kind=Kind.CRAMP, started_at=NOW - timedelta(hours=1), duration_s=5,
                     intensity=1, triggers=(TriggerTag("caffeine", bad, "mg"),))
        with pytest.raises(ValidationError):
            fuzz_journal.add_episode(ep)
        with pytest.raises(ValidationError):
            interchange.loads_document(json.dumps({"x": bad}))


# --- what fuzzing found (fixed in journal/model.py and journal/report/interchange.py) -------


def test_a_lone_surrogate_is_refused_not_a_crash(fuzz_journal: Journal) -> None:
    from datetime import date

    from journal.model import CheckIn, Medication, UserTrigger

    broken = "ok \ud800 not ok"  # what json.loads makes of "\\ud800"
    start = NOW - timedelta(hours=2)
    cases = [
        lambda: fuzz_journal.add_episode(Episode(kind=Kind.CRAMP, started_at=start,
                                                 duration_s=5, intensity=1, note=broken)),
        lambda: fuzz_journal.add_episode(Episode(
            kind=Kind.CRAMP, started_at=start, duration_s=5, intensity=1,
            triggers=(TriggerTag("caffeine", 1.0, broken),))),
        lambda: fuzz_journal.save_checkin(CheckIn(date(2026, 3, 1), note=broken)),
        lambda: fuzz_journal.add_medication(Medication(broken, date(2026, 1, 1))),
        lambda: fuzz_journal.add_medication(Medication("Magnesium", date(2026, 1, 1),
                                                       dose=broken)),
        lambda: fuzz_journal.add_user_trigger(UserTrigger("late_meal", broken)),
        lambda: fuzz_journal.import_document(interchange.loads_document(
            b'{"format": "symptom-journal", "version": 1, "checkins": '
            b'[{"date": "2026-03-01", "note": "\\ud800"}]}')),
    ]
    for case in cases:
        with pytest.raises(ValidationError, match="broken character"):
            case()


def test_a_command_line_note_with_undecodable_bytes_is_refused(tmp_path: Path) -> None:
    from tests.helpers.safety import run_cli

    # Linux hands undecodable argv bytes to Python as lone surrogates (surrogateescape).
    code, _out, err = run_cli(FixedClock(NOW), "--db", str(tmp_path / "j.sqlite3"), "add",
                              "--kind", "cramp", "--at", "2026-03-16T10:00+01:00",
                              "--duration", "1m", "--intensity", "3", "--note", "caf\udce9")
    assert code == 2 and "broken character" in err


def test_an_integer_too_large_for_a_float_is_refused_not_a_crash(fuzz_journal: Journal) -> None:
    huge = 10**400
    with pytest.raises(ValidationError):
        fuzz_journal.add_episode(Episode(kind=Kind.CRAMP, started_at=NOW - timedelta(hours=1),
                                         duration_s=5, intensity=1,
                                         triggers=(TriggerTag("caffeine", huge, "mg"),)))
    doc = {"format": "symptom-journal", "version": 1,
           "checkins": [{"date": "2026-03-01", "caffeine_mg": huge}]}
    with pytest.raises(ValidationError, match="finite number"):
        fuzz_journal.import_document(doc)
    with pytest.raises(ValidationError):
        interchange.parse_episode({"id": str(uuid.uuid4()), "kind": "cramp",
                                   "started_at": "2026-03-16T10:00+01:00", "duration_s": 1,
                                   "intensity": 1, "triggers": [{"id": "caffeine",
                                                                 "amount": huge}]}, "e")
