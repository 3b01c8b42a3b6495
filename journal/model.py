"""Value types of the journal and their validation.

Everything the journal records is a frozen dataclass built from plain values. Constructing one
never validates on its own: call :func:`validate_episode`, :func:`validate_checkin` or
:func:`validate_medication` (the service does so before anything is stored). Validation raises
:class:`ValidationError` carrying the field name and a message written for a person, so the UI can
show it beside the field and the CLI can print it on one line.

The stable ids (kinds, regions, warning signs, triggers, ...) are those of ``shared/domain.md``;
they are used in storage, the interchange format and the rule engine, so never rename one.
"""

from __future__ import annotations

import functools
import math
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Final, TypeGuard, TypeVar

from journal.errors import ValidationError
from journal.i18n import N_, _, format_amount, format_date, format_datetime


class Kind(StrEnum):
    TWITCH = "twitch"
    CRAMP = "cramp"


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"


class Region(StrEnum):
    GLUTE_MAX_UPPER = "glute_max_upper"
    GLUTE_MAX_LOWER = "glute_max_lower"
    GLUTE_MED = "glute_med"
    GLUTE_MIN = "glute_min"
    PIRIFORMIS = "piriformis"
    DEEP_ROTATORS = "deep_rotators"
    LATERAL_HIP = "lateral_hip"
    SI_JOINT = "si_joint"
    HAMSTRING_ORIGIN = "hamstring_origin"
    POSTERIOR_THIGH = "posterior_thigh"
    LOWER_BACK = "lower_back"


class Radiates(StrEnum):
    NONE = "none"
    BUTTOCK = "buttock"
    THIGH = "thigh"
    BELOW_KNEE = "below_knee"
    FOOT = "foot"


class Activity(StrEnum):
    SITTING = "sitting"
    STANDING = "standing"
    WALKING = "walking"
    EXERCISING = "exercising"
    LYING = "lying"


class Relief(StrEnum):
    STRETCH = "stretch"
    HEAT = "heat"
    COLD = "cold"
    MASSAGE = "massage"
    REST = "rest"
    HYDRATION = "hydration"
    MEDICATION = "medication"


class ExerciseIntensity(StrEnum):
    LIGHT = "light"
    MODERATE = "moderate"
    VIGOROUS = "vigorous"


class MedicationKind(StrEnum):
    MEDICATION = "medication"
    SUPPLEMENT = "supplement"


class WarningSign(StrEnum):
    BLADDER_CHANGE = "bladder_change"
    BOWEL_CHANGE = "bowel_change"
    SADDLE_NUMBNESS = "saddle_numbness"
    BOTH_LEGS = "both_legs"
    LEG_WEAKNESS_WORSENING = "leg_weakness_worsening"
    NUMBNESS_TINGLING = "numbness_tingling"
    RADIATING_BELOW_KNEE = "radiating_below_knee"
    FEVER = "fever"
    WEIGHT_LOSS = "weight_loss"
    NIGHT_PAIN = "night_pain"
    MAJOR_INJURY = "major_injury"
    MINOR_INJURY = "minor_injury"
    STROKE_SIGNS = "stroke_signs"
    SEIZURE = "seizure"
    DIZZINESS = "dizziness"
    FAINTING_OR_FALL = "fainting_or_fall"
    MUSCLE_WASTING = "muscle_wasting"
    SPEECH_SWALLOWING = "speech_swallowing"
    SEXUAL_DYSFUNCTION = "sexual_dysfunction"
    TWITCHING_ELSEWHERE = "twitching_elsewhere"
    AREA_WEAK_STIFF = "area_weak_stiff"
    MEDICATION_SUSPECTED = "medication_suspected"
    SLEEP_DISTURBED = "sleep_disturbed"
    LEG_SWELLING = "leg_swelling"
    WOUND_OR_TOXIN = "wound_or_toxin"
    PAST_CANCER = "past_cancer"


BUILTIN_TRIGGERS: Final[tuple[str, ...]] = (
    "caffeine",
    "dehydration",
    "prolonged_sitting",
    "prolonged_standing",
    "exercise",
    "overexertion",
    "no_warmup_cooldown",
    "stress",
    "poor_sleep",
    "alcohol",
    "low_electrolytes",
    "new_medication",
    "footwear",
)

# The unit a built-in trigger's optional amount is given in (None: no natural unit).
BUILTIN_TRIGGER_UNITS: Final[dict[str, str | None]] = {
    "caffeine": "mg",
    "dehydration": None,
    "prolonged_sitting": "h",
    "prolonged_standing": "h",
    "exercise": "min",
    "overexertion": None,
    "no_warmup_cooldown": None,
    "stress": "0-10",
    "poor_sleep": "h",
    "alcohol": "units",
    "low_electrolytes": None,
    "new_medication": None,
    "footwear": None,
}

# --- limits -------------------------------------------------------------------------------------
# Product choices, named here so the UI, the CLI and the importer all refuse the same things.
#: No single episode lasts longer than a day; a longer value is a typing slip (e.g. ms for s).
MAX_DURATION_S: Final = 24 * 3600
#: Clock skew we tolerate before calling a start "in the future".
FUTURE_TOLERANCE: Final = timedelta(minutes=2)
#: Nobody alive logs symptoms from before this year; older dates are typing slips.
EARLIEST_YEAR: Final = 1900
MAX_CAFFEINE_MG: Final = 5000.0
MAX_WATER_ML: Final = 20000.0
MAX_EXERCISE_MIN: Final = 24 * 60
MAX_NAME_LENGTH: Final = 200
TRIGGER_ID_PATTERN: Final = re.compile(r"^[a-z][a-z0-9_]{0,47}$")


@dataclass(frozen=True)
class TriggerTag:
    """A suspected trigger on an episode, with an optional amount (e.g. caffeine 200 mg)."""

    id: str
    amount: float | None = None
    unit: str | None = None


@dataclass(frozen=True)
class Episode:
    kind: Kind
    started_at: datetime  # timezone-aware; stored as UTC plus the offset it was logged with
    duration_s: int
    intensity: int
    side: Side | None = None
    regions: tuple[Region, ...] = ()
    radiates_to: Radiates = Radiates.NONE
    activity: Activity | None = None
    triggers: tuple[TriggerTag, ...] = ()
    warning_signs: tuple[WarningSign, ...] = ()
    relief: tuple[Relief, ...] = ()
    relief_score: int | None = None
    note: str = ""
    id: str = field(default_factory=lambda: str(uuid.uuid4()))

    @property
    def local_date(self) -> date:
        """The date on the wall clock where it was logged (days are grouped by this)."""
        return self.started_at.date()

    @property
    def ended_at(self) -> datetime:
        return self.started_at + timedelta(seconds=self.duration_s)

    def with_changes(self, **changes: object) -> Episode:
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Interference:
    """How much the symptoms got in the way today, 0 (not at all) to 10 (completely)."""

    sleep: int | None = None
    walking: int | None = None
    work: int | None = None

    @property
    def highest(self) -> int | None:
        values = [v for v in (self.sleep, self.walking, self.work) if v is not None]
        return max(values) if values else None


@dataclass(frozen=True)
class CheckIn:
    """The daily check-in: one per local date."""

    date: date
    caffeine_mg: float | None = None
    water_ml: float | None = None
    sitting_h: float | None = None
    exercise_min: float | None = None
    exercise_intensity: ExerciseIntensity | None = None
    stress: int | None = None
    sleep_h: float | None = None
    interference: Interference = field(default_factory=Interference)
    no_episodes: bool = False
    warning_signs: tuple[WarningSign, ...] = ()  # answered "yes"
    warning_signs_asked: tuple[WarningSign, ...] = ()  # every question asked, yes or no
    note: str = ""

    def with_changes(self, **changes: object) -> CheckIn:
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Medication:
    name: str
    started_on: date
    dose: str = ""
    kind: MedicationKind = MedicationKind.MEDICATION
    stopped_on: date | None = None
    suspected: bool = False
    note: str = ""
    id: str = field(default_factory=lambda: str(uuid.uuid4()))

    def with_changes(self, **changes: object) -> Medication:
        return replace(self, **changes)  # type: ignore[arg-type]

    @property
    def cramp_risk(self) -> str | None:
        return known_cramp_risk(self.name)


@dataclass(frozen=True)
class UserTrigger:
    """A trigger the user added to the built-in list."""

    id: str
    label: str
    unit: str | None = None


# Statins and diuretics are known to cause cramps (NHS Leg cramps): the report marks them.
_STATINS = ("atorvastatin", "simvastatin", "rosuvastatin", "pravastatin", "lovastatin",
            "fluvastatin", "pitavastatin", "statin")
_DIURETICS = ("furosemide", "frusemide", "bumetanide", "torasemide", "torsemide",
              "hydrochlorothiazide", "bendroflumethiazide", "chlorthalidone", "chlortalidone",
              "indapamide", "metolazone", "spironolactone", "eplerenone", "amiloride",
              "triamterene", "diuretic", "water tablet")


def known_cramp_risk(name: str) -> str | None:
    """'statin' or 'diuretic' when the medicine's name is one known to cause cramps."""
    lowered = name.casefold()
    if any(s in lowered for s in _STATINS):
        return "statin"
    if any(d in lowered for d in _DIURETICS):
        return "diuretic"
    return None


# --- parsing helpers shared by the CLI and the importer ---------------------------------------

E = TypeVar("E", bound=StrEnum)


@functools.cache
def _members_by_value(enum: type[StrEnum]) -> dict[str, StrEnum]:
    return {m.value: m for m in enum}


def parse_enum(enum: type[E], value: object, field_name: str) -> E:
    # A dictionary look-up first: an import parses and checks some 800,000 of these.
    if type(value) is enum:
        return value
    if type(value) is str:
        member = _members_by_value(enum).get(value)
        if member is not None:
            return member  # type: ignore[return-value]  # a member of ``enum`` itself
    if isinstance(value, enum):
        return value
    if not isinstance(value, str):
        raise ValidationError(field_name, _("{0}: expected text, got {1}.").format(
            field_name, _show(value)))
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(m.value for m in enum)
        raise ValidationError(
            field_name, _("{0}: unknown value {1!r}; use one of: {2}.").format(
                field_name, value, allowed)
        ) from None


def parse_enum_list(enum: type[E], values: object, field_name: str) -> tuple[E, ...]:
    if values is None:
        return ()
    if type(values) is tuple:
        for v in values:
            if type(v) is not enum:
                break
        else:
            if len(set(values)) == len(values):
                return values  # already parsed (validating an episode the importer read)
    if isinstance(values, str) or not isinstance(values, Iterable):
        raise ValidationError(field_name, _("{0}: expected a list, got {1}.").format(
            field_name, _show(values)))
    out: list[E] = []
    for v in values:
        item = parse_enum(enum, v, field_name)
        if item not in out:
            out.append(item)
    return tuple(out)


_DURATION_RE = re.compile(r"^\s*(?:(\d+(?:\.\d+)?)\s*h)?\s*(?:(\d+(?:\.\d+)?)\s*m(?:in)?)?\s*"
                          r"(?:(\d+(?:\.\d+)?)\s*s)?\s*$")


def parse_duration(text: str) -> int:
    """'90s', '5m', '1h30m', '2m30s' or a bare number of seconds -> whole seconds."""
    stripped = text.strip().lower()
    if stripped.startswith("-"):
        raise ValidationError("duration", _("Duration cannot be negative."))
    if re.fullmatch(r"\d+", stripped):
        return int(stripped)
    m = _DURATION_RE.match(stripped)
    if not stripped or not m or not any(m.groups()):
        raise ValidationError(
            "duration",
            _("Duration {0!r} is not understood; write it like 90s, 5m or 1h30m.").format(text)
        )
    h, mnt, s = (float(g) if g else 0.0 for g in m.groups())
    return round(h * 3600 + mnt * 60 + s)


def format_duration(seconds: int) -> str:
    if seconds < 60:
        return f"{seconds}s"
    m, s = divmod(seconds, 60)
    if m < 60:
        return f"{m}m{s:02d}s" if s else f"{m}m"
    h, m = divmod(m, 60)
    if s:
        return f"{h}h{m:02d}m{s:02d}s"
    return f"{h}h{m:02d}m" if m else f"{h}h"


def parse_instant(text: str, default_tz: object | None = None) -> datetime:
    """An ISO 8601 date-time; without an offset it is taken in the local time zone."""
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(
            "started_at",
            _("Start {0!r} is not a date and time like 2026-03-01T14:30.").format(text)
        ) from None
    if value.tzinfo is None:
        value = value.astimezone()  # the machine's local zone, with its offset on that date
    return value


def parse_date(text: str, field_name: str = "date") -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(
            field_name, _("{0}: {1!r} is not a date like 2026-03-01.").format(field_name, text)
        ) from None


# --- validation -------------------------------------------------------------------------------

#: The longest note an entry can hold (about 40 pages of text: far beyond any real note). A
#: 10 MB note made the report take 364 MB and every list and export carry it; at this length
#: the report stays within what it takes without notes.
NOTE_MAX_CHARS: Final = 100_000


def _check_note(value: object) -> None:
    _check_text(value, "note", N_("The note"))
    assert isinstance(value, str)
    if len(value) > NOTE_MAX_CHARS:
        from journal.i18n import _, format_number

        raise ValidationError("note", _(
            "The note is {length} characters long; a note can hold up to {limit} characters. "
            "Shorten it (a long text can be kept in a file of its own); nothing was saved."
        ).format(length=format_number(len(value)), limit=format_number(NOTE_MAX_CHARS)))


def _check_text(value: object, field_name: str, label: str) -> None:
    """Text that SQLite can store: a str with no lone surrogate (JSON's "\\ud800" escapes and
    undecodable command-line bytes produce those)."""
    if not isinstance(value, str):
        raise ValidationError(field_name, _("{0} must be text.").format(_(label)))
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationError(
            field_name,
            _("{0} contains a broken character (an unpaired surrogate); retype it.").format(
                _(label))
        ) from None


def _is_finite_number(value: object) -> TypeGuard[int | float]:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:  # an int too large for a float
        return False


_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_UUID_SPELLING = re.compile(
    r"(?:urn:uuid:)?(\{)?[0-9a-f]{8}(-?)[0-9a-f]{4}\2[0-9a-f]{4}\2[0-9a-f]{4}\2[0-9a-f]{12}(?(1)\})",
    re.IGNORECASE,
)


def canonical_uuid(value: object) -> str:
    """The one spelling an id is stored under: lower-case, hyphenated (``str(uuid.UUID(...))``).

    Accepts what people and other tools write for the same UUID (any case, with or without
    hyphens, in braces, a ``urn:uuid:`` prefix) and nothing looser: ``uuid.UUID`` alone would
    also take ``+``, ``_`` or misplaced hyphens, so two spellings that look different would
    quietly be one id. Raises ValueError for anything else.
    """
    if type(value) is str and _CANONICAL_UUID.fullmatch(value):
        return value  # already the stored spelling (nearly every id an export carries)
    if not isinstance(value, str) or not _UUID_SPELLING.fullmatch(value):
        raise ValueError(f"{_show(value)} is not a UUID")
    return str(uuid.UUID(value))


def is_canonical_uuid(value: object) -> bool:
    try:
        return canonical_uuid(value) == value
    except ValueError:
        return False


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _check_int_range(value: object, lo: int, hi: int, field_name: str, label: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(field_name, _("{0} must be a whole number from {1} to {2}.").format(
            _(label), lo, hi))
    if not lo <= value <= hi:
        raise ValidationError(
            field_name, _("{0} must be from {1} to {2}; {3} is outside that range.").format(
                _(label), lo, hi, value)
        )


def _check_amount(value: object, hi: float, field_name: str, label: str, unit: str) -> None:
    if value is None:
        return
    if not _is_finite_number(value):
        raise ValidationError(field_name, _("{0} must be a number.").format(_(label)))
    if value < 0:
        raise ValidationError(field_name, _("{0} cannot be negative.").format(_(label)))
    if value > hi:
        raise ValidationError(
            field_name, _("{0} of {1} {2} is more than {3} {2}.").format(
                _(label), format_amount(value, 2), unit, format_amount(hi, 2))
        )


def validate_trigger_id(trigger_id: object) -> str:
    if not isinstance(trigger_id, str) or not TRIGGER_ID_PATTERN.match(trigger_id):
        raise ValidationError(
            "triggers",
            _("Trigger id {0} must be lower-case letters, digits and underscores.").format(
                _show(trigger_id)),
        )
    return trigger_id


def validate_episode(
    episode: Episode, now: datetime, known_triggers: Iterable[str] = BUILTIN_TRIGGERS
) -> None:
    """Raise ValidationError for the first thing about ``episode`` that cannot be stored."""
    try:
        canonical_uuid(episode.id)
    except ValueError:
        raise ValidationError(
            "id", _("Episode id {0} is not a UUID.").format(_show(episode.id))) from None
    parse_enum(Kind, episode.kind, "kind")
    start = episode.started_at
    if not isinstance(start, datetime) or start.tzinfo is None or start.utcoffset() is None:
        raise ValidationError("started_at",
                              _("The start must be a date and time with a time zone."))
    if start.year < EARLIEST_YEAR:
        raise ValidationError("started_at", _("A start before {0} is not possible.").format(
            EARLIEST_YEAR))
    offset = start.utcoffset() or timedelta(0)
    if offset.total_seconds() % 60 or abs(offset) >= timedelta(hours=24):
        raise ValidationError("started_at", _("The time zone offset must be whole minutes."))
    if start > now + FUTURE_TOLERANCE:
        raise ValidationError(
            "started_at",
            _("The start {0} is in the future; log episodes once they have started.").format(
                format_datetime(start)),
        )
    duration = episode.duration_s
    if isinstance(duration, bool) or not isinstance(duration, int):
        raise ValidationError("duration", _("Duration must be a whole number of seconds."))
    if duration < 0:
        raise ValidationError("duration", _("Duration cannot be negative."))
    if duration > MAX_DURATION_S:
        raise ValidationError(
            "duration",
            _("A duration of {0} is longer than a day; log a long spell as separate "
              "episodes.").format(format_duration(duration)),
        )
    if start + timedelta(seconds=duration) > now + FUTURE_TOLERANCE:
        raise ValidationError(
            "duration", _("The episode would end in the future; shorten the duration or use "
                          "'ongoing' for a cramp that has not stopped yet.")
        )
    _check_int_range(episode.intensity, 0, 10, "intensity", N_("Intensity"))
    if episode.side is not None:
        parse_enum(Side, episode.side, "side")
    parse_enum_list(Region, episode.regions, "regions")
    parse_enum(Radiates, episode.radiates_to, "radiates_to")
    if episode.activity is not None:
        parse_enum(Activity, episode.activity, "activity")
    parse_enum_list(WarningSign, episode.warning_signs, "warning_signs")
    parse_enum_list(Relief, episode.relief, "relief")
    if episode.relief_score is not None:
        _check_int_range(episode.relief_score, 0, 10, "relief_score", N_("Relief score"))
    # A set is used as given (an importer checks 73,000 episodes against one set of ids).
    known = (known_triggers if isinstance(known_triggers, (set, frozenset))
             else set(known_triggers))
    seen: set[str] = set()
    for tag in episode.triggers:
        validate_trigger_id(tag.id)
        if tag.id not in known:
            raise ValidationError(
                "triggers",
                _("Unknown trigger {0!r}; add it as your own trigger first, or use one of the "
                  "built-in ones.").format(tag.id),
            )
        if tag.id in seen:
            raise ValidationError("triggers", _("Trigger {0!r} is listed twice.").format(tag.id))
        seen.add(tag.id)
        if tag.amount is not None:
            a = tag.amount
            if not _is_finite_number(a):
                raise ValidationError(
                    "triggers", _("The amount for {0!r} must be a number.").format(tag.id))
            if a < 0:
                raise ValidationError(
                    "triggers", _("The amount for {0!r} cannot be negative.").format(tag.id))
    for tag in episode.triggers:
        if tag.unit is not None:
            _check_text(tag.unit, "triggers", _("The unit for {0!r}").format(tag.id))
    _check_note(episode.note)


def validate_checkin(checkin: CheckIn, today: date) -> None:
    d = checkin.date
    if not isinstance(d, date) or isinstance(d, datetime):
        raise ValidationError("date", _("The check-in needs a date."))
    if d.year < EARLIEST_YEAR:
        raise ValidationError("date", _("A check-in before {0} is not possible.").format(
            EARLIEST_YEAR))
    if d > today:
        raise ValidationError("date", _("The check-in date {0} is in the future.").format(
            format_date(d)))
    _check_amount(checkin.caffeine_mg, MAX_CAFFEINE_MG, "caffeine_mg", N_("Caffeine"), "mg")
    _check_amount(checkin.water_ml, MAX_WATER_ML, "water_ml", N_("Water"), "ml")
    _check_amount(checkin.sitting_h, 24, "sitting_h", N_("Hours sitting"), "h")
    _check_amount(checkin.exercise_min, MAX_EXERCISE_MIN, "exercise_min", N_("Exercise"), "min")
    _check_amount(checkin.sleep_h, 24, "sleep_h", N_("Sleep"), "h")
    if checkin.exercise_intensity is not None:
        parse_enum(ExerciseIntensity, checkin.exercise_intensity, "exercise_intensity")
    if checkin.stress is not None:
        _check_int_range(checkin.stress, 0, 10, "stress", N_("Stress"))
    inter = checkin.interference
    for name, label in (("sleep", N_("Interference with sleep")),
                        ("walking", N_("Interference with walking")),
                        ("work", N_("Interference with work"))):
        value = getattr(inter, name)
        if value is not None:
            _check_int_range(value, 0, 10, f"interference_{name}", label)
    yes = parse_enum_list(WarningSign, checkin.warning_signs, "warning_signs")
    asked = parse_enum_list(WarningSign, checkin.warning_signs_asked, "warning_signs_asked")
    missing = [s.value for s in yes if s not in asked]
    if missing:
        raise ValidationError(
            "warning_signs",
            _("A warning sign answered yes must also be among those asked: {0}").format(
                ", ".join(missing)),
        )
    if not isinstance(checkin.no_episodes, bool):
        raise ValidationError("no_episodes", _("'No episodes today' must be yes or no."))
    _check_note(checkin.note)


def validate_medication(medication: Medication, today: date) -> None:
    try:
        canonical_uuid(medication.id)
    except ValueError:
        raise ValidationError(
            "id", _("Medication id {0} is not a UUID.").format(_show(medication.id))
        ) from None
    name = medication.name.strip() if isinstance(medication.name, str) else ""
    if not name:
        raise ValidationError("name", _("The medication needs a name."))
    if len(name) > MAX_NAME_LENGTH:
        raise ValidationError("name", _("The name is longer than {0} characters.").format(
            MAX_NAME_LENGTH))
    _check_text(medication.name, "name", N_("The name"))
    _check_text(medication.dose, "dose", N_("The dose"))
    _check_note(medication.note)
    parse_enum(MedicationKind, medication.kind, "kind")
    if not isinstance(medication.started_on, date):
        raise ValidationError("started_on", _("The medication needs a start date."))
    if medication.started_on.year < EARLIEST_YEAR:
        raise ValidationError("started_on", _("A start before {0} is not possible.").format(
            EARLIEST_YEAR))
    if medication.started_on > today:
        raise ValidationError("started_on", _("The start date is in the future."))
    if medication.stopped_on is not None:
        if medication.stopped_on < medication.started_on:
            raise ValidationError(
                "stopped_on",
                _("The stop date {0} is before the start date {1}.").format(
                    format_date(medication.stopped_on), format_date(medication.started_on)),
            )
        if medication.stopped_on > today:
            raise ValidationError("stopped_on", _("The stop date is in the future."))


def validate_user_trigger(trigger: UserTrigger) -> None:
    validate_trigger_id(trigger.id)
    if trigger.id in BUILTIN_TRIGGERS:
        raise ValidationError("id", _("{0!r} is already a built-in trigger.").format(trigger.id))
    _check_text(trigger.label, "label", N_("The trigger's name"))
    if trigger.unit is not None:
        _check_text(trigger.unit, "unit", N_("The trigger's unit"))
    if not trigger.label.strip():
        raise ValidationError("label", _("The trigger needs a name."))
    if len(trigger.label) > MAX_NAME_LENGTH:
        raise ValidationError("label", _("The name is longer than {0} characters.").format(
            MAX_NAME_LENGTH))


def utc_now() -> datetime:
    return datetime.now(UTC)
