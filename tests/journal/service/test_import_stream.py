"""Importing a file: read as a stream within a size cap, all-or-nothing, one id per UUID, and a
summary that counts what was stored."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import Any

import pytest

from journal import fsutil
from journal.errors import ValidationError
from journal.model import canonical_uuid
from journal.report import interchange
from journal.service import Journal
from journal.service.interchange import check_import_file

ID = "0f8fad5b-d9cb-469f-a165-70867728950e"
MED = "6ba7b810-9dad-11d1-80b4-00c04fd430c8"


def _episode(ep_id: str = ID, **kw: Any) -> dict[str, Any]:
    return {"id": ep_id, "kind": "cramp", "started_at": "2026-03-10T08:00:00+01:00",
            "duration_s": 60, "intensity": 4, **kw}


def _doc(**sections: Any) -> dict[str, Any]:
    return {"format": "symptom-journal", "version": 1, **sections}


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_one_uuid_spelled_five_ways_is_one_episode(journal: Journal, tmp_path: Path) -> None:
    upper = ID.upper()
    spellings = [ID, upper, "{" + upper + "}", "urn:uuid:" + ID, ID.replace("-", "")]
    doc = _doc(episodes=[_episode(s) for s in spellings])
    with pytest.raises(ValidationError, match=r"episodes\[1\]\.id: .* appears twice"):
        journal.import_file(_write(tmp_path / "five.json", json.dumps(doc)))
    assert journal.count_episodes() == 0

    result = journal.import_file(_write(tmp_path / "one.json",
                                        json.dumps(_doc(episodes=[_episode(upper)]))))
    assert result.episodes_added == 1 and journal.episodes()[0].id == ID
    again = journal.import_file(_write(tmp_path / "again.json",
                                       json.dumps(_doc(episodes=[_episode("{" + ID + "}")]))))
    assert (again.episodes_added, again.episodes_skipped) == (0, 1)


@pytest.mark.parametrize(
    "loose", ["+" + "0" * 31 + "1", "0" * 31 + "_1", ID[:9] + ID[9:].replace("-", "")])
def test_spellings_uuid_accepts_by_accident_are_not_ids(loose: str) -> None:
    with pytest.raises(ValueError):
        canonical_uuid(loose)


def test_duplicate_medication_or_trigger_ids_are_refused(journal: Journal) -> None:
    med = {"id": MED, "name": "Magnesium", "started_on": "2026-01-01"}
    with pytest.raises(ValidationError, match=r"medications\[1\]\.id: .* appears twice"):
        journal.import_document(_doc(medications=[med, {**med, "id": MED.upper(),
                                                       "name": "Other"}]))
    trig = {"id": "long_drive", "label": "Long drive"}
    with pytest.raises(ValidationError, match=r"triggers\[1\]\.id: .* appears twice"):
        journal.import_document(_doc(triggers=[trig, {**trig, "label": "Other"}]))
    assert journal.medications() == [] and journal.user_triggers() == []


def test_a_second_episodes_key_is_refused_not_dropped(journal: Journal, tmp_path: Path) -> None:
    other = "6ba7b811-9dad-11d1-80b4-00c04fd430c8"
    first, second = json.dumps(_episode()), json.dumps(_episode(other))
    text = ('{"format": "symptom-journal", "version": 1, '
            f'"episodes": [{first}], "episodes": [{second}]}}')
    with pytest.raises(ValidationError, match="'episodes' twice"):
        journal.import_file(_write(tmp_path / "twice.json", text))
    with pytest.raises(ValidationError, match="'episodes' twice"):
        interchange.loads_document(text)
    assert journal.count_episodes() == 0


def test_a_problem_late_in_the_file_stores_nothing(journal: Journal, tmp_path: Path) -> None:
    # More episodes than one stored batch, the last one bad: the batches already written are
    # rolled back with it.
    episodes = [_episode(canonical_uuid(f"{n:032x}")) for n in range(1, 12_001)]
    episodes[-1]["intensity"] = 11
    path = _write(tmp_path / "late.json", json.dumps(_doc(episodes=episodes)))
    with pytest.raises(ValidationError, match=r"episodes\[11999\]"):
        journal.import_file(path)
    assert journal.count_episodes() == 0


def test_a_trigger_listed_after_the_episodes_is_known(journal: Journal, tmp_path: Path) -> None:
    doc = _doc(episodes=[_episode(triggers=[{"id": "long_drive"}])],
               triggers=[{"id": "long_drive", "label": "Long drive"}])
    assert journal.import_file(_write(tmp_path / "t.json", json.dumps(doc))).episodes_added == 1
    unknown = _doc(episodes=[_episode(MED, triggers=[{"id": "never_listed"}])])
    with pytest.raises(ValidationError, match=r"episodes\[0\]: Unknown trigger 'never_listed'"):
        journal.import_file(_write(tmp_path / "u.json", json.dumps(unknown)))


def test_the_summary_counts_what_was_stored(journal: Journal, tmp_path: Path) -> None:
    first = journal.import_document(_doc(episodes=[_episode()]))
    doc = _doc(episodes=[_episode(ID.upper()), _episode(MED)])
    result = journal.import_file(_write(tmp_path / "two.json", json.dumps(doc)))
    assert (result.episodes_added, result.episodes_skipped) == (1, 1)
    assert first.episodes_added + result.episodes_added == journal.count_episodes() == 2
    assert "Imported 1 episodes (1 already present)" in result.summary()


def test_an_oversized_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    with big.open("wb") as f:
        f.truncate(fsutil.MAX_IMPORT_BYTES + 1)  # sparse: nothing to read, only its size
    with pytest.raises(ValidationError, match="too large to be a journal export"):
        check_import_file(big)


def test_a_device_or_pipe_is_read_only_up_to_the_cap() -> None:
    class Endless:
        def __init__(self) -> None:
            self.given = 0

        def read(self, size: int) -> bytes:
            self.given += size
            return b" " * size

    source = Endless()
    reader = fsutil.BoundedReader(source, Path("/dev/zero"), limit=3 << 20)  # type: ignore[arg-type]
    with pytest.raises(fsutil.FileTooLargeError):
        while reader.read(1 << 20):
            pass
    assert source.given <= (3 << 20) + 1


def test_dev_zero_is_refused_at_once(tmp_path: Path) -> None:
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero here")
    with pytest.raises(ValidationError, match=r"not valid JSON|not a Symptom Journal export"):
        check_import_file(Path("/dev/zero"))


def test_a_fifo_without_a_writer_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    with pytest.raises(ValidationError, match="empty"):
        check_import_file(fifo)


def test_a_stream_cut_anywhere_reads_the_same_document() -> None:
    doc = _doc(episodes=[_episode(canonical_uuid(f"{n:032x}"), note="é" * n)
                         for n in range(1, 40)], exported_at="2026-03-16T10:00:00+01:00")
    raw = json.dumps(doc, ensure_ascii=False).encode()

    class Trickle(io.BytesIO):
        def read(self, size: int | None = -1) -> bytes:
            return super().read(min(7, size if size and size > 0 else 7))

    events = list(interchange.read_stream(Trickle(raw)))
    expected = list(interchange.document_events(json.loads(raw)))
    assert sorted(map(repr, events)) == sorted(map(repr, expected))


def test_a_number_cut_at_a_piece_boundary_keeps_its_digits() -> None:
    text = b'{"version": 12345678}'
    stream = interchange._TextStream(io.BytesIO(text), chunk=len(b'{"version": 123'))
    assert list(interchange.read_stream(io.BytesIO(text))) == [("value", "version", 12345678)]
    stream.expect("{")
    assert stream.value() == "version"
    stream.expect(":")
    assert stream.value() == 12345678


def test_an_id_typed_in_another_spelling_is_stored_and_found_canonical(journal: Journal) -> None:
    from datetime import datetime, timedelta, timezone

    from journal.model import Episode, Kind

    started = datetime(2026, 3, 16, 9, 0, tzinfo=timezone(timedelta(hours=1)))
    change = journal.add_episode(Episode(kind=Kind.TWITCH, started_at=started, duration_s=5,
                                         intensity=2, id="{" + ID.upper() + "}"))
    assert change.ids == (ID,)
    assert journal.get_episode(ID.upper()) is not None
    journal.delete_episode("urn:uuid:" + ID)
    assert journal.count_episodes() == 0
