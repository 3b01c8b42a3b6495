"""The interchange format (``docs/format.md``): JSON export and import, CSV export.

Import is strict and all-or-nothing: the whole document is parsed and validated first, and a
problem anywhere is reported with where it is (``episodes[3].intensity: ...``) before anything is
stored.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from journal.errors import ValidationError
from journal.fsutil import MAX_IMPORT_BYTES
from journal.model import (
    BUILTIN_TRIGGERS,
    Activity,
    CheckIn,
    Episode,
    ExerciseIntensity,
    Interference,
    Kind,
    Medication,
    MedicationKind,
    Radiates,
    Region,
    Relief,
    Side,
    TriggerTag,
    UserTrigger,
    WarningSign,
    canonical_uuid,
    parse_enum,
    parse_enum_list,
    validate_checkin,
    validate_episode,
    validate_medication,
    validate_trigger_id,
    validate_user_trigger,
)

FORMAT_NAME = "symptom-journal"
FORMAT_VERSION = 1

CSV_COLUMNS = (
    "id", "kind", "started_at", "local_date", "duration_s", "intensity", "side", "regions",
    "radiates_to", "activity", "triggers", "warning_signs", "relief", "relief_score", "note",
)


# --- export -------------------------------------------------------------------------------------


def episode_to_dict(ep: Episode) -> dict[str, Any]:
    return {
        "id": ep.id,
        "kind": ep.kind.value,
        "started_at": ep.started_at.isoformat(),
        "duration_s": ep.duration_s,
        "intensity": ep.intensity,
        "side": ep.side.value if ep.side else None,
        "regions": [r.value for r in ep.regions],
        "radiates_to": ep.radiates_to.value,
        "activity": ep.activity.value if ep.activity else None,
        "triggers": [{"id": t.id, "amount": t.amount, "unit": t.unit} for t in ep.triggers],
        "warning_signs": [w.value for w in ep.warning_signs],
        "relief": [r.value for r in ep.relief],
        "relief_score": ep.relief_score,
        "note": ep.note,
    }


def checkin_to_dict(c: CheckIn) -> dict[str, Any]:
    return {
        "date": c.date.isoformat(),
        "caffeine_mg": c.caffeine_mg,
        "water_ml": c.water_ml,
        "sitting_h": c.sitting_h,
        "exercise_min": c.exercise_min,
        "exercise_intensity": c.exercise_intensity.value if c.exercise_intensity else None,
        "stress": c.stress,
        "sleep_h": c.sleep_h,
        "interference": {
            "sleep": c.interference.sleep,
            "walking": c.interference.walking,
            "work": c.interference.work,
        },
        "no_episodes": c.no_episodes,
        "warning_signs": [w.value for w in c.warning_signs],
        "warning_signs_asked": [w.value for w in c.warning_signs_asked],
        "note": c.note,
    }


def medication_to_dict(m: Medication) -> dict[str, Any]:
    return {
        "id": m.id,
        "name": m.name,
        "dose": m.dose,
        "kind": m.kind.value,
        "started_on": m.started_on.isoformat(),
        "stopped_on": m.stopped_on.isoformat() if m.stopped_on else None,
        "suspected": m.suspected,
        "note": m.note,
    }


def trigger_to_dict(t: UserTrigger) -> dict[str, Any]:
    return {"id": t.id, "label": t.label, "unit": t.unit}


def to_document(
    episodes: list[Episode],
    checkins: list[CheckIn],
    medications: list[Medication],
    triggers: list[UserTrigger],
    exported_at: datetime | None = None,
) -> dict[str, Any]:
    doc: dict[str, Any] = {"format": FORMAT_NAME, "version": FORMAT_VERSION}
    if exported_at is not None:
        doc["exported_at"] = exported_at.isoformat(timespec="seconds")
    doc["episodes"] = [episode_to_dict(e) for e in episodes]
    doc["checkins"] = [checkin_to_dict(c) for c in checkins]
    doc["medications"] = [medication_to_dict(m) for m in medications]
    doc["triggers"] = [trigger_to_dict(t) for t in triggers]
    return doc


def dumps_document(doc: dict[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=1, allow_nan=False) + "\n"


def episodes_to_csv(episodes: list[Episode]) -> str:
    """One row per episode with every field; lists are joined with ';', triggers as id=amount.

    Every text cell is made safe for spreadsheets (see :func:`_csv_safe`), and a cell holding
    any line break is quoted, a bare CR included, so no text after it starts a row."""
    out = io.StringIO()
    _write_csv_row(out, CSV_COLUMNS)
    for ep in episodes:
        _write_csv_row(out, [
            ep.id,
            ep.kind.value,
            ep.started_at.isoformat(),
            ep.local_date.isoformat(),
            ep.duration_s,
            ep.intensity,
            ep.side.value if ep.side else "",
            ";".join(r.value for r in ep.regions),
            ep.radiates_to.value,
            ep.activity.value if ep.activity else "",
            ";".join(
                t.id if t.amount is None else f"{t.id}={t.amount:g}{t.unit or ''}"
                for t in ep.triggers
            ),
            ";".join(w.value for w in ep.warning_signs),
            ";".join(r.value for r in ep.relief),
            "" if ep.relief_score is None else ep.relief_score,
            ep.note,
        ])
    return out.getvalue()


def _write_csv_row(out: io.StringIO, cells: Sequence[object]) -> None:
    # The csv module quotes a cell holding a character of the line terminator; with "\n" alone
    # a bare "\r" went out unquoted and a spreadsheet started a new row there. Each row is
    # written with "\r\n" (so both are quoted) and ends with "\n" like the rest of the file.
    row = io.StringIO()
    csv.writer(row, lineterminator="\r\n").writerow(
        [_csv_safe(c) if isinstance(c, str) else c for c in cells])
    out.write(row.getvalue()[:-2] + "\n")


#: What a spreadsheet may run as a formula, or skip before one (spaces, tabs, NBSP, a BOM,
#: control and invisible format characters), at the start of a cell.
_RISKY_START = re.compile(
    r"^[=+\-@\s\x00-\x1f\x7f-\x9f\u00a0\u00ad\u1680\u2000-\u200f\u2028-\u202f"
    r"\u205f-\u206f\u3000\ufeff]")
#: The same after a line break inside a cell, where a reader that splits lines sees a new row.
_RISKY_AFTER_BREAK = re.compile(
    r"(?<=[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029])"
    r"(?=[=+\-@\t \x00-\x08\x0e-\x1b\x7f\u00a0\u00ad\u1680\u2000-\u200f\u202f"
    r"\u205f-\u206f\u3000\ufeff])")


def _csv_safe(text: str) -> str:
    """``text`` with a leading apostrophe wherever a spreadsheet could take what follows for a
    formula: at the start of the cell and after every line break in it (OWASP's advice, widened
    to the blank and invisible characters a spreadsheet skips)."""
    if not text:
        return text
    text = _RISKY_AFTER_BREAK.sub("'", text)
    return "'" + text if _RISKY_START.match(text) else text


# --- import -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ParsedDocument:
    episodes: list[Episode]
    checkins: list[CheckIn]
    medications: list[Medication]
    triggers: list[UserTrigger]


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows")


def _too_large(limit: int) -> ValidationError:
    return ValidationError(
        "document",
        f"The file is larger than {limit // (1024 * 1024)} MB, too large to be a journal export "
        "(ten years of 20 episodes a day export to about 35 MB).",
    )


def _not_json(detail: str) -> ValidationError:
    return ValidationError("document", f"The file is not valid JSON: {detail}.")


def loads_document(text: str | bytes) -> Any:
    """The JSON document in ``text`` (a whole file read into memory), refusing one whose top
    level object names a key twice (JSON would silently keep only the last)."""
    if len(text) > MAX_IMPORT_BYTES:
        raise _too_large(MAX_IMPORT_BYTES)
    try:
        return json.loads(text, parse_constant=_reject_constant,
                          object_pairs_hook=_top_level_once)
    except ValidationError:
        raise
    except (ValueError, RecursionError) as exc:
        raise _not_json(str(exc)) from None


def _top_level_once(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs) and any(k in _SECTIONS for k, _ in pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen and key in _SECTIONS:
                raise _twice(key)
            seen.add(key)
    return obj


def _twice(key: str) -> ValidationError:
    return ValidationError("document", f"The file has {key!r} twice; an export has it once.")


# --- reading a file as a stream -----------------------------------------------------------------

#: The top-level keys of an export, and the ones whose lists are read one item at a time.
_SECTIONS = frozenset({"format", "version", "exported_at", "episodes", "checkins",
                       "medications", "triggers"})
_CHUNK = 1 << 20
#: The longest single value (one episode with its note) read before a parse error is believed.
_MAX_VALUE_CHARS = 64 << 20
_WHITESPACE = " \t\n\r"


class _TextStream:
    """A JSON text read from a binary file in pieces, decoded as it comes.

    Values are parsed with the standard library's C scanner (``JSONDecoder.raw_decode``) from a
    buffer that holds what has been read but not yet parsed, so the memory used is one item of a
    list plus a piece of the file, whatever the file's size.
    """

    def __init__(self, reader: Any, chunk: int = _CHUNK) -> None:
        self._reader = reader
        self._chunk = chunk
        self._decoder: codecs.IncrementalDecoder | None = None
        self._json = json.JSONDecoder(parse_constant=_reject_constant)
        self.buf = ""
        self.pos = 0
        self.base = 0  # characters dropped from the front of the buffer
        self.eof = False
        self.read_bytes = 0

    def _fill(self, at_least: int = 0) -> bool:
        """Read another piece (of at least ``at_least`` bytes); False at the end of the file."""
        if self.eof:
            return False
        data = self._reader.read(max(self._chunk, at_least))
        self.read_bytes += len(data)
        if self._decoder is None:
            encoding = json.detect_encoding(data) if data else "utf-8"
            self._decoder = codecs.getincrementaldecoder(
                "utf-8-sig" if encoding == "utf-8" else encoding)(errors="strict")
        try:
            text = self._decoder.decode(data, final=not data)
        except UnicodeDecodeError as exc:
            raise _not_json(f"it is not UTF-8 text ({exc.reason} near byte "
                            f"{self.read_bytes - len(data) + exc.start})") from None
        if not data:
            self.eof = True
        if self.pos > len(self.buf) // 2:
            self.base += self.pos
            self.buf = self.buf[self.pos:]
            self.pos = 0
        self.buf += text
        return True

    def peek(self) -> str:
        """The next character that is not white space ('' at the end of the file)."""
        while True:
            buf, pos = self.buf, self.pos
            while pos < len(buf) and buf[pos] in _WHITESPACE:
                pos += 1
            self.pos = pos
            if pos < len(buf):
                return buf[pos]
            if not self._fill():
                return ""

    def expect(self, char: str) -> None:
        found = self.peek()
        if found != char:
            raise self.error(f"expected {char!r}" + (f", found {found!r}" if found else
                                                     " before the end of the file"))
        self.pos += 1

    def value(self) -> Any:
        """The next JSON value (after any white space)."""
        if not self.peek():
            raise self.error("a value is missing before the end of the file")
        while True:
            try:
                value, end = self._json.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                pending = len(self.buf) - self.pos
                # The value may go on in the next piece: read as much again as is pending (so
                # a long value is parsed a few times, not once per piece), up to a bound so a
                # broken file is not read whole to find that out.
                if pending < _MAX_VALUE_CHARS and self._fill(pending):
                    continue
                raise self.error(exc.msg, exc.pos) from None
            except ValueError as exc:  # NaN or Infinity, refused by _reject_constant
                raise self.error(str(exc)) from None
            except RecursionError:
                raise self.error("it is nested too deeply") from None
            if end == len(self.buf) and not self.eof and self._fill():
                continue  # a number cut at the end of the piece may have more digits
            self.pos = end
            return value

    def error(self, msg: str, pos: int | None = None) -> ValidationError:
        at = self.base + (self.pos if pos is None else pos)
        return _not_json(f"{msg} at character {at}")


def check_document_start(head: bytes) -> None:
    """Refuse a file whose first bytes ``head`` cannot begin an export (a JSON object)."""
    text = head.decode(json.detect_encoding(head) if head else "utf-8", errors="ignore")
    first = text.lstrip("\ufeff" + _WHITESPACE)[:1]
    if not first:
        raise _not_json("the file is empty")
    if first != "{":
        raise ValidationError("document", "The file is not a Symptom Journal export (no object).")


def read_stream(reader: Any) -> Iterator[tuple[str, str, Any]]:
    """The events of the export read from ``reader`` (an object with ``read(n) -> bytes``).

    ``("item", key, value)`` for each element of a top-level list, ``("value", key, value)``
    for any other top-level value. A key given twice, or anything after the object, is refused.
    """
    stream = _TextStream(reader)
    if stream.peek() != "{":
        if stream.peek() == "":
            raise _not_json("the file is empty")
        raise ValidationError("document", "The file is not a Symptom Journal export (no object).")
    stream.expect("{")
    seen: set[str] = set()
    if stream.peek() == "}":
        stream.pos += 1
    else:
        while True:
            key = stream.value()
            if not isinstance(key, str):
                raise stream.error("an object key must be text")
            if key in seen:
                raise _twice(key)
            seen.add(key)
            stream.expect(":")
            if stream.peek() == "[":
                stream.pos += 1
                if stream.peek() == "]":
                    stream.pos += 1
                else:
                    while True:
                        yield "item", key, stream.value()
                        if stream.peek() == ",":
                            stream.pos += 1
                            continue
                        stream.expect("]")
                        break
                yield "list", key, None
            else:
                yield "value", key, stream.value()
            if stream.peek() == ",":
                stream.pos += 1
                continue
            stream.expect("}")
            break
    if stream.peek():
        raise stream.error("extra data after the export's object")


def document_events(doc: object) -> Iterator[tuple[str, str, Any]]:
    """The same events as :func:`read_stream` for a document already in memory."""
    if not isinstance(doc, dict):
        raise ValidationError("document", "The file is not a Symptom Journal export (no object).")
    # What the document is comes first, so a wrong format is named before any entry's problem.
    for key in ("format", "version"):
        if key in doc:
            yield "value", key, doc[key]
    for key, value in doc.items():
        if key in ("format", "version"):
            continue
        if isinstance(value, list):
            for item in value:
                yield "item", key, item
            yield "list", key, None
        else:
            yield "value", key, value


class _Reader:
    """Typed access to one JSON object, with the path for error messages."""

    def __init__(self, obj: object, where: str) -> None:
        if not isinstance(obj, dict):
            raise ValidationError(where, f"{where}: expected an object, got {_kind(obj)}.")
        self.obj: dict[str, Any] = obj
        self.where = where

    def _err(self, key: str, msg: str) -> ValidationError:
        return ValidationError(key, f"{self.where}.{key}: {msg}")

    def raw(self, key: str) -> Any:
        return self.obj.get(key)

    def required(self, key: str) -> Any:
        if self.obj.get(key) is None:
            raise self._err(key, "is required.")
        return self.obj[key]

    def text(self, key: str, default: str | None = None, required: bool = False) -> str:
        value = self.required(key) if required else self.obj.get(key)
        if value is None:
            if default is None:
                raise self._err(key, "is required.")
            return default
        if not isinstance(value, str):
            raise self._err(key, f"expected text, got {_kind(value)}.")
        return value

    def opt_text(self, key: str) -> str | None:
        value = self.obj.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self._err(key, f"expected text, got {_kind(value)}.")
        return value

    def integer(self, key: str, required: bool = False) -> int | None:
        value = self.required(key) if required else self.obj.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise self._err(key, f"expected a whole number, got {_kind(value)}.")
        return value

    def number(self, key: str) -> float | None:
        value = self.obj.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self._err(key, f"expected a number, got {_kind(value)}.")
        try:
            finite = math.isfinite(value)
        except OverflowError:  # an int too large for a float
            finite = False
        if not finite:
            raise self._err(key, "must be a finite number.")
        return float(value)

    def boolean(self, key: str, default: bool = False) -> bool:
        value = self.obj.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise self._err(key, f"expected true or false, got {_kind(value)}.")
        return value

    def day(self, key: str, required: bool = False) -> date | None:
        value = self.opt_text(key)
        if value is None:
            if required:
                raise self._err(key, "is required.")
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise self._err(key, f"{value[:40]!r} is not a date like 2026-03-01.") from None

    def items(self, key: str) -> list[Any]:
        value = self.obj.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self._err(key, f"expected a list, got {_kind(value)}.")
        return value


def _kind(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "text", bool: "true/false",
             int: "a number", float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def _prefixed(where: str, exc: ValidationError) -> ValidationError:
    if exc.message.startswith(where):
        return exc
    return ValidationError(exc.field, f"{where}: {exc.message}")


def _canonical_id(text: str) -> str:
    """One spelling per UUID, so the same id written in capitals or braces is one entry; text
    that is no UUID is kept for validation to name."""
    try:
        return canonical_uuid(text)
    except ValueError:
        return text


class _Unusual(Exception):
    """A value the quick reading does not handle; the careful reading decides."""


_ENUM_LISTS: dict[tuple[type, tuple[Any, ...]], tuple[Any, ...]] = {}
_ENUM_LISTS_LIMIT = 4096


def _enum_list(enum: type[Any], values: Any, field_name: str) -> tuple[Any, ...]:
    # Most episodes repeat a few region, sign and relief lists: each list is parsed once.
    if values is None:
        return ()
    if type(values) is not list:
        raise _Unusual
    try:
        key = (enum, tuple(values))
        cached = _ENUM_LISTS.get(key)
    except TypeError:  # an object or a list inside: the careful reading says what is wrong
        raise _Unusual from None
    if cached is None:
        cached = parse_enum_list(enum, values, field_name)
        if len(_ENUM_LISTS) < _ENUM_LISTS_LIMIT:
            _ENUM_LISTS[key] = cached
    return cached


def _enum_or_none(enum: type[Any], value: Any, field_name: str) -> Any:
    if value is None:
        return None
    if type(value) is not str:
        raise _Unusual
    return parse_enum(enum, value, field_name)


def _quick_episode(obj: object, where: str) -> Episode:
    """The episode in ``obj`` when every field has its usual JSON type: the same result as the
    careful reading below, with far fewer calls (an import reads 73,000 of these). Anything
    else raises ``_Unusual``."""
    if type(obj) is not dict:
        raise _Unusual
    get = obj.get
    ep_id, kind, started_text = get("id"), get("kind"), get("started_at")
    duration, intensity, relief_score = get("duration_s"), get("intensity"), get("relief_score")
    radiates, note, trigger_items = get("radiates_to", "none"), get("note", ""), get("triggers")
    if (type(ep_id) is not str or type(kind) is not str or type(started_text) is not str
            or type(duration) is not int or type(intensity) is not int
            or (relief_score is not None and type(relief_score) is not int)
            or type(radiates) is not str or type(note) is not str
            or (trigger_items is not None and trigger_items != [])):
        raise _Unusual
    try:
        started = datetime.fromisoformat(started_text)
    except ValueError:
        raise _Unusual from None
    if started.tzinfo is None:
        raise _Unusual
    return Episode(
        id=_canonical_id(ep_id),
        kind=parse_enum(Kind, kind, "kind"),
        started_at=started,
        duration_s=duration,
        intensity=intensity,
        side=_enum_or_none(Side, get("side"), "side"),
        regions=_enum_list(Region, get("regions"), "regions"),
        radiates_to=parse_enum(Radiates, radiates, "radiates_to"),
        activity=_enum_or_none(Activity, get("activity"), "activity"),
        triggers=(),
        warning_signs=_enum_list(WarningSign, get("warning_signs"), "warning_signs"),
        relief=_enum_list(Relief, get("relief"), "relief"),
        relief_score=relief_score,
        note=note,
    )


def parse_episode(obj: object, where: str) -> Episode:
    try:
        return _quick_episode(obj, where)
    except (_Unusual, ValidationError):
        return _careful_episode(obj, where)


def _careful_episode(obj: object, where: str) -> Episode:
    r = _Reader(obj, where)
    try:
        started_text = r.text("started_at", required=True)
        try:
            started = datetime.fromisoformat(started_text)
        except ValueError:
            raise r._err(
                "started_at", f"{started_text[:40]!r} is not an ISO 8601 date-time."
            ) from None
        if started.tzinfo is None:
            raise r._err("started_at", "needs a UTC offset, like 2026-03-01T14:30:00+01:00.")
        triggers = []
        for i, t in enumerate(r.items("triggers")):
            tr = _Reader(t, f"{where}.triggers[{i}]")
            tid = validate_trigger_id(tr.text("id", required=True))
            triggers.append(TriggerTag(tid, tr.number("amount"), tr.opt_text("unit")))
        side = r.opt_text("side")
        activity = r.opt_text("activity")
        return Episode(
            id=_canonical_id(r.text("id", required=True)),
            kind=parse_enum(Kind, r.required("kind"), "kind"),
            started_at=started,
            duration_s=r.integer("duration_s", required=True),  # type: ignore[arg-type]
            intensity=r.integer("intensity", required=True),  # type: ignore[arg-type]
            side=parse_enum(Side, side, "side") if side is not None else None,
            regions=parse_enum_list(Region, r.items("regions"), "regions"),
            radiates_to=parse_enum(Radiates, r.text("radiates_to", "none"), "radiates_to"),
            activity=parse_enum(Activity, activity, "activity") if activity is not None else None,
            triggers=tuple(triggers),
            warning_signs=parse_enum_list(WarningSign, r.items("warning_signs"), "warning_signs"),
            relief=parse_enum_list(Relief, r.items("relief"), "relief"),
            relief_score=r.integer("relief_score"),
            note=r.text("note", ""),
        )
    except ValidationError as exc:
        raise _prefixed(where, exc) from None


def parse_checkin(obj: object, where: str) -> CheckIn:
    r = _Reader(obj, where)
    try:
        inter_raw = r.raw("interference")
        if inter_raw is None:
            inter = Interference()
        else:
            ir = _Reader(inter_raw, f"{where}.interference")
            inter = Interference(ir.integer("sleep"), ir.integer("walking"), ir.integer("work"))
        intensity = r.opt_text("exercise_intensity")
        stress = r.integer("stress")
        return CheckIn(
            date=r.day("date", required=True),  # type: ignore[arg-type]
            caffeine_mg=r.number("caffeine_mg"),
            water_ml=r.number("water_ml"),
            sitting_h=r.number("sitting_h"),
            exercise_min=r.number("exercise_min"),
            exercise_intensity=(
                parse_enum(ExerciseIntensity, intensity, "exercise_intensity")
                if intensity is not None else None
            ),
            stress=stress,
            sleep_h=r.number("sleep_h"),
            interference=inter,
            no_episodes=r.boolean("no_episodes"),
            warning_signs=parse_enum_list(WarningSign, r.items("warning_signs"), "warning_signs"),
            warning_signs_asked=parse_enum_list(
                WarningSign, r.items("warning_signs_asked"), "warning_signs_asked"
            ),
            note=r.text("note", ""),
        )
    except ValidationError as exc:
        raise _prefixed(where, exc) from None


def parse_medication(obj: object, where: str) -> Medication:
    r = _Reader(obj, where)
    try:
        return Medication(
            id=_canonical_id(r.text("id", required=True)),
            name=r.text("name", required=True),
            dose=r.text("dose", ""),
            kind=parse_enum(MedicationKind, r.text("kind", "medication"), "kind"),
            started_on=r.day("started_on", required=True),  # type: ignore[arg-type]
            stopped_on=r.day("stopped_on"),
            suspected=r.boolean("suspected"),
            note=r.text("note", ""),
        )
    except ValidationError as exc:
        raise _prefixed(where, exc) from None


def parse_user_trigger(obj: object, where: str) -> UserTrigger:
    r = _Reader(obj, where)
    try:
        return UserTrigger(r.text("id", required=True), r.text("label", required=True),
                           r.opt_text("unit"))
    except ValidationError as exc:
        raise _prefixed(where, exc) from None


class _RecordingKnown(set[str]):
    """The trigger ids an episode may use, while the file's own list may still be ahead (an
    export lists its triggers after its episodes): every id counts as known for now, and the
    first place each unknown one was used is kept for :meth:`DocumentParser.finish`."""

    def __init__(self, known: Iterable[str]) -> None:
        super().__init__(known)
        self.first_use: dict[str, str] = {}
        self.where = ""

    def __contains__(self, trigger_id: object) -> bool:
        if not super().__contains__(trigger_id) and isinstance(trigger_id, str):
            self.first_use.setdefault(trigger_id, self.where)
        return True


_LIST_SECTIONS = ("episodes", "checkins", "medications", "triggers")


@dataclass
class DocumentParser:
    """Parses and validates an export one event at a time (see :func:`read_stream`), so the
    caller can store the episodes in pieces while the file is still being read. Call
    :meth:`finish` after the last event: it raises for what can only be known at the end.
    Raises ValidationError naming the first problem and where it is."""

    now: datetime
    existing_triggers: set[str] | frozenset[str] = frozenset()
    checkins: list[CheckIn] = field(default_factory=list)
    medications: list[Medication] = field(default_factory=list)
    triggers: list[UserTrigger] = field(default_factory=list)
    episodes_read: int = 0

    def __post_init__(self) -> None:
        self._today = self.now.date()
        self._known = _RecordingKnown(set(BUILTIN_TRIGGERS) | set(self.existing_triggers))
        self._format_ok = False
        self._version_ok = False
        self._index = dict.fromkeys(_LIST_SECTIONS, 0)
        self._episode_ids: set[str] = set()
        self._days: set[date] = set()
        self._medication_ids: set[str] = set()
        self._trigger_ids: set[str] = set()
        self._trigger_listed: dict[str, str] = {}

    def feed(self, event: str, key: str, value: Any) -> Episode | None:
        """Take one event; returns the episode it carried, if it carried one."""
        if event == "value":
            self._top_value(key, value)
            return None
        if event != "item" or key not in self._index:
            return None  # the end of a list, or a key this version does not read
        i = self._index[key]
        self._index[key] = i + 1
        where = f"{key}[{i}]"
        if key == "episodes":
            return self._episode(value, where)
        if key == "checkins":
            self._checkin(value, where)
        elif key == "medications":
            self._medication(value, where)
        else:
            self._trigger(value, where)
        return None

    def finish(self) -> None:
        if not self._format_ok:
            raise ValidationError(
                "format", "The file is not a Symptom Journal export (format None).")
        if not self._version_ok:
            raise ValidationError("version", "The export has no valid version number.")
        for tid, where in self._known.first_use.items():
            if tid not in self._trigger_listed:
                raise ValidationError(
                    "triggers",
                    f"{where}: Unknown trigger {tid!r}; add it as your own trigger first, "
                    "or use one of the built-in ones.",
                )

    def _top_value(self, key: str, value: Any) -> None:
        if key == "format":
            if value != FORMAT_NAME:
                raise ValidationError(
                    "format", f"The file is not a Symptom Journal export (format {value!r})."
                )
            self._format_ok = True
        elif key == "version":
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValidationError("version", "The export has no valid version number.")
            if value > FORMAT_VERSION:
                raise ValidationError(
                    "version",
                    f"The export is format version {value}, newer than this app reads "
                    f"({FORMAT_VERSION}); update Symptom Journal to import it.",
                )
            if value < 1:
                raise ValidationError("version", f"Unknown export format version {value}.")
            self._version_ok = True
        elif key in self._index and value is not None:
            raise ValidationError(key, f"document.{key}: expected a list, got {_kind(value)}.")

    def _episode(self, obj: object, where: str) -> Episode:
        ep = parse_episode(obj, where)
        self._known.where = where
        try:
            validate_episode(ep, self.now, self._known)
        except ValidationError as exc:
            raise _prefixed(where, exc) from None
        if ep.id in self._episode_ids:
            raise ValidationError("id", f"{where}.id: {ep.id} appears twice in the file.")
        self._episode_ids.add(ep.id)
        self.episodes_read += 1
        return ep

    def _checkin(self, obj: object, where: str) -> None:
        ci = parse_checkin(obj, where)
        try:
            validate_checkin(ci, self._today)
        except ValidationError as exc:
            raise _prefixed(where, exc) from None
        if ci.date in self._days:
            raise ValidationError("date", f"{where}.date: {ci.date} appears twice in the file.")
        self._days.add(ci.date)
        self.checkins.append(ci)

    def _medication(self, obj: object, where: str) -> None:
        med = parse_medication(obj, where)
        try:
            validate_medication(med, self._today)
        except ValidationError as exc:
            raise _prefixed(where, exc) from None
        if med.id in self._medication_ids:
            raise ValidationError("id", f"{where}.id: {med.id} appears twice in the file.")
        self._medication_ids.add(med.id)
        self.medications.append(med)

    def _trigger(self, obj: object, where: str) -> None:
        trig = parse_user_trigger(obj, where)
        if trig.id in self._trigger_ids:
            raise ValidationError("id", f"{where}.id: {trig.id!r} appears twice in the file.")
        self._trigger_ids.add(trig.id)
        if trig.id in BUILTIN_TRIGGERS:
            return  # an older export may list built-ins; they are always known
        try:
            validate_user_trigger(trig)
        except ValidationError as exc:
            raise _prefixed(where, exc) from None
        self._trigger_listed[trig.id] = where
        self.triggers.append(trig)


def parse_document(
    doc: object, now: datetime, existing_triggers: set[str] | frozenset[str] = frozenset()
) -> ParsedDocument:
    """Parse and validate a whole export in memory. Raises ValidationError naming the first
    problem."""
    parser = DocumentParser(now, existing_triggers)
    episodes = [ep for event in document_events(doc) if (ep := parser.feed(*event))]
    parser.finish()
    return ParsedDocument(episodes, parser.checkins, parser.medications, parser.triggers)
