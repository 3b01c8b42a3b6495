"""Words for the stable ids as a clinician reads them on paper (the ids never change)."""

from __future__ import annotations

from typing import Final

from journal.model import Activity, Kind, Radiates, Region, Relief, Side, WarningSign

KIND: Final[dict[Kind, str]] = {Kind.TWITCH: "Twitch", Kind.CRAMP: "Cramp"}
KIND_PLURAL: Final[dict[Kind, str]] = {Kind.TWITCH: "Twitches", Kind.CRAMP: "Cramps"}

SIDE: Final[dict[Side | None, str]] = {
    Side.LEFT: "Left", Side.RIGHT: "Right", Side.BOTH: "Both sides", None: "Side not given",
}

REGION: Final[dict[Region, str]] = {
    Region.GLUTE_MAX_UPPER: "gluteus maximus (upper)",
    Region.GLUTE_MAX_LOWER: "gluteus maximus (lower)",
    Region.GLUTE_MED: "gluteus medius",
    Region.GLUTE_MIN: "gluteus minimus",
    Region.PIRIFORMIS: "piriformis",
    Region.DEEP_ROTATORS: "deep hip rotators",
    Region.LATERAL_HIP: "lateral hip (greater trochanter)",
    Region.SI_JOINT: "sacroiliac joint",
    Region.HAMSTRING_ORIGIN: "hamstring origin",
    Region.POSTERIOR_THIGH: "back of thigh",
    Region.LOWER_BACK: "lower back",
}
#: Short forms for the narrow columns of the episode log.
REGION_SHORT: Final[dict[Region, str]] = {
    Region.GLUTE_MAX_UPPER: "g.max up",
    Region.GLUTE_MAX_LOWER: "g.max low",
    Region.GLUTE_MED: "g.med",
    Region.GLUTE_MIN: "g.min",
    Region.PIRIFORMIS: "piriformis",
    Region.DEEP_ROTATORS: "deep rot.",
    Region.LATERAL_HIP: "lat. hip",
    Region.SI_JOINT: "SI joint",
    Region.HAMSTRING_ORIGIN: "hamstr. origin",
    Region.POSTERIOR_THIGH: "post. thigh",
    Region.LOWER_BACK: "low back",
}

RADIATES: Final[dict[Radiates, str]] = {
    Radiates.NONE: "does not spread",
    Radiates.BUTTOCK: "within the buttock",
    Radiates.THIGH: "into the thigh",
    Radiates.BELOW_KNEE: "below the knee",
    Radiates.FOOT: "into the foot",
}
RADIATES_SHORT: Final[dict[Radiates, str]] = {
    Radiates.NONE: "–", Radiates.BUTTOCK: "buttock", Radiates.THIGH: "thigh",
    Radiates.BELOW_KNEE: "below knee", Radiates.FOOT: "foot",
}

ACTIVITY: Final[dict[Activity, str]] = {
    Activity.SITTING: "sitting", Activity.STANDING: "standing", Activity.WALKING: "walking",
    Activity.EXERCISING: "exercising", Activity.LYING: "lying/asleep",
}

ACTIVITY_SHORT: Final[dict[Activity, str]] = {**ACTIVITY, Activity.LYING: "lying"}

RELIEF: Final[dict[Relief, str]] = {
    Relief.STRETCH: "Stretching", Relief.HEAT: "Heat", Relief.COLD: "Cold",
    Relief.MASSAGE: "Massage", Relief.REST: "Rest", Relief.HYDRATION: "Drinking water",
    Relief.MEDICATION: "Medication",
}

SIGN: Final[dict[WarningSign, str]] = {
    WarningSign.BLADDER_CHANGE: "change in bladder control",
    WarningSign.BOWEL_CHANGE: "change in bowel control",
    WarningSign.SADDLE_NUMBNESS: "numbness around the genitals or buttocks (saddle)",
    WarningSign.BOTH_LEGS: "symptoms in both legs",
    WarningSign.LEG_WEAKNESS_WORSENING: "leg weakness getting worse",
    WarningSign.NUMBNESS_TINGLING: "numbness or tingling",
    WarningSign.RADIATING_BELOW_KNEE: "pain spreading below the knee",
    WarningSign.FEVER: "fever",
    WarningSign.WEIGHT_LOSS: "unexplained weight loss",
    WarningSign.NIGHT_PAIN: "pain at night",
    WarningSign.MAJOR_INJURY: "major injury (fall, accident)",
    WarningSign.MINOR_INJURY: "minor injury",
    WarningSign.STROKE_SIGNS: "stroke signs (face, arm, speech)",
    WarningSign.SEIZURE: "seizure",
    WarningSign.DIZZINESS: "dizziness",
    WarningSign.FAINTING_OR_FALL: "fainting or a fall",
    WarningSign.MUSCLE_WASTING: "muscle wasting",
    WarningSign.SPEECH_SWALLOWING: "trouble speaking or swallowing",
    WarningSign.SEXUAL_DYSFUNCTION: "new sexual dysfunction",
    WarningSign.TWITCHING_ELSEWHERE: "twitching elsewhere in the body",
    WarningSign.AREA_WEAK_STIFF: "the area is weak or stiff",
    WarningSign.MEDICATION_SUSPECTED: "a medicine is suspected",
    WarningSign.SLEEP_DISTURBED: "sleep disturbed",
    WarningSign.LEG_SWELLING: "leg swelling",
    WarningSign.WOUND_OR_TOXIN: "wound or toxin exposure",
    WarningSign.PAST_CANCER: "history of cancer",
}

TRIGGER: Final[dict[str, str]] = {
    "caffeine": "Caffeine",
    "dehydration": "Dehydration",
    "prolonged_sitting": "Prolonged sitting",
    "prolonged_standing": "Prolonged standing",
    "exercise": "Exercise",
    "overexertion": "Overexertion",
    "no_warmup_cooldown": "No warm-up/cool-down",
    "stress": "Stress",
    "poor_sleep": "Poor sleep",
    "alcohol": "Alcohol",
    "low_electrolytes": "Low electrolytes",
    "new_medication": "New medication",
    "footwear": "Footwear",
}


def trigger_label(trigger_id: str, user_labels: dict[str, str] | None = None) -> str:
    if user_labels and trigger_id in user_labels:
        return user_labels[trigger_id]
    return TRIGGER.get(trigger_id, trigger_id.replace("_", " ").capitalize())


def rule_label(rule_id: str) -> str:
    return rule_id.replace("_", " ").capitalize()
