"""The interchange format (``docs/format.md``): JSON export and import, CSV export.

Import is strict and all-or-nothing: the whole document is parsed and validated first, and a
problem anywhere is reported with where it is (``episodes[3].intensity: ...``) before anything is
stored.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from journal.errors import ValidationError
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
#: Refuse documents larger than this before parsing (a journal of 10 heavy years is ~40 MB).
MAX_DOCUMENT_BYTES = 512 * 1024 * 1024

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


def loads_document(text: str | bytes) -> Any:
    if len(text) > MAX_DOCUMENT_BYTES:
        raise ValidationError("document", "The file is too large to be a journal export.")
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except (ValueError, RecursionError) as exc:
        raise ValidationError("document", f"The file is not valid JSON: {exc}.") from None


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


def parse_episode(obj: object, where: str) -> Episode:
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
            id=r.text("id", required=True),
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
            id=r.text("id", required=True),
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


def parse_document(
    doc: object, now: datetime, existing_triggers: set[str] | frozenset[str] = frozenset()
) -> ParsedDocument:
    """Parse and validate a whole export. Raises ValidationError naming the first problem."""
    if not isinstance(doc, dict):
        raise ValidationError("document", "The file is not a Symptom Journal export (no object).")
    if doc.get("format") != FORMAT_NAME:
        raise ValidationError(
            "format", f"The file is not a Symptom Journal export (format {doc.get('format')!r})."
        )
    version = doc.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise ValidationError("version", "The export has no valid version number.")
    if version > FORMAT_VERSION:
        raise ValidationError(
            "version",
            f"The export is format version {version}, newer than this app reads "
            f"({FORMAT_VERSION}); update Symptom Journal to import it.",
        )
    if version < 1:
        raise ValidationError("version", f"Unknown export format version {version}.")
    top = _Reader(doc, "document")
    today = now.date()

    triggers = []
    for i, t in enumerate(top.items("triggers")):
        where = f"triggers[{i}]"
        trig = parse_user_trigger(t, where)
        if trig.id in BUILTIN_TRIGGERS:
            continue  # an older export may list built-ins; they are always known
        try:
            validate_user_trigger(trig)
        except ValidationError as exc:
            raise _prefixed(where, exc) from None
        triggers.append(trig)
    known = set(BUILTIN_TRIGGERS) | set(existing_triggers) | {t.id for t in triggers}

    episodes = []
    seen_ids: set[str] = set()
    for i, e in enumerate(top.items("episodes")):
        where = f"episodes[{i}]"
        ep = parse_episode(e, where)
        try:
            validate_episode(ep, now, known)
        except ValidationError as exc:
            raise _prefixed(where, exc) from None
        if ep.id in seen_ids:
            raise ValidationError("id", f"{where}.id: {ep.id} appears twice in the file.")
        seen_ids.add(ep.id)
        episodes.append(ep)

    checkins = []
    seen_days: set[date] = set()
    for i, c in enumerate(top.items("checkins")):
        where = f"checkins[{i}]"
        ci = parse_checkin(c, where)
        try:
            validate_checkin(ci, today)
        except ValidationError as exc:
            raise _prefixed(where, exc) from None
        if ci.date in seen_days:
            raise ValidationError("date", f"{where}.date: {ci.date} appears twice in the file.")
        seen_days.add(ci.date)
        checkins.append(ci)

    medications = []
    for i, m in enumerate(top.items("medications")):
        where = f"medications[{i}]"
        med = parse_medication(m, where)
        try:
            validate_medication(med, today)
        except ValidationError as exc:
            raise _prefixed(where, exc) from None
        medications.append(med)

    return ParsedDocument(episodes, checkins, medications, triggers)
