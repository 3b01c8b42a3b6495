"""Human words for the journal's stable ids (kinds, regions, warning signs, ...).

One place for every label, so the form, the table, the check-in and the tray say the same thing.
All strings go through ``QCoreApplication.translate`` with the context "labels".
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from journal.model import (
    Activity,
    ExerciseIntensity,
    Kind,
    Radiates,
    Region,
    Relief,
    Side,
    WarningSign,
)


def _t(text: str) -> str:
    return QCoreApplication.translate("labels", text)


def kind_label(kind: Kind) -> str:
    return {Kind.TWITCH: _t("Twitch"), Kind.CRAMP: _t("Cramp")}[Kind(kind)]


def side_label(side: Side | None) -> str:
    if side is None:
        return _t("Not sure")
    return {Side.LEFT: _t("Left"), Side.RIGHT: _t("Right"), Side.BOTH: _t("Both")}[Side(side)]


#: Region order on the body map: top to bottom, so the map's numbers read naturally.
REGION_ORDER: tuple[Region, ...] = (
    Region.LOWER_BACK,
    Region.SI_JOINT,
    Region.GLUTE_MED,
    Region.GLUTE_MIN,
    Region.PIRIFORMIS,
    Region.LATERAL_HIP,
    Region.DEEP_ROTATORS,
    Region.GLUTE_MAX_UPPER,
    Region.GLUTE_MAX_LOWER,
    Region.HAMSTRING_ORIGIN,
    Region.POSTERIOR_THIGH,
)


def region_label(region: Region) -> str:
    return {
        Region.GLUTE_MAX_UPPER: _t("Upper buttock (glute max)"),
        Region.GLUTE_MAX_LOWER: _t("Lower buttock (glute max)"),
        Region.GLUTE_MED: _t("Upper outer hip (glute med)"),
        Region.GLUTE_MIN: _t("Deep outer hip (glute min)"),
        Region.PIRIFORMIS: _t("Deep mid-buttock (piriformis)"),
        Region.DEEP_ROTATORS: _t("Deep hip rotators"),
        Region.LATERAL_HIP: _t("Side of hip (trochanter)"),
        Region.SI_JOINT: _t("Sacroiliac joint"),
        Region.HAMSTRING_ORIGIN: _t("Sitting bone (hamstring)"),
        Region.POSTERIOR_THIGH: _t("Back of thigh"),
        Region.LOWER_BACK: _t("Lower back"),
    }[Region(region)]


def region_compact(region: Region) -> str:
    """Names short enough for the two-column checklist under the map (full name as tooltip)."""
    return {
        Region.GLUTE_MAX_UPPER: _t("Upper buttock"),
        Region.GLUTE_MAX_LOWER: _t("Lower buttock"),
        Region.GLUTE_MED: _t("Upper outer hip"),
        Region.GLUTE_MIN: _t("Deep outer hip"),
        Region.PIRIFORMIS: _t("Piriformis (deep)"),
        Region.DEEP_ROTATORS: _t("Deep hip rotators"),
        Region.LATERAL_HIP: _t("Side of hip"),
        Region.SI_JOINT: _t("Sacroiliac joint"),
        Region.HAMSTRING_ORIGIN: _t("Sitting bone"),
        Region.POSTERIOR_THIGH: _t("Back of thigh"),
        Region.LOWER_BACK: _t("Lower back"),
    }[Region(region)]


def region_short(region: Region) -> str:
    return {
        Region.GLUTE_MAX_UPPER: _t("upper buttock"),
        Region.GLUTE_MAX_LOWER: _t("lower buttock"),
        Region.GLUTE_MED: _t("glute med"),
        Region.GLUTE_MIN: _t("glute min"),
        Region.PIRIFORMIS: _t("piriformis"),
        Region.DEEP_ROTATORS: _t("deep rotators"),
        Region.LATERAL_HIP: _t("side of hip"),
        Region.SI_JOINT: _t("SI joint"),
        Region.HAMSTRING_ORIGIN: _t("sitting bone"),
        Region.POSTERIOR_THIGH: _t("back of thigh"),
        Region.LOWER_BACK: _t("lower back"),
    }[Region(region)]


def radiates_label(value: Radiates) -> str:
    return {
        Radiates.NONE: _t("Stays where it is"),
        Radiates.BUTTOCK: _t("Across the buttock"),
        Radiates.THIGH: _t("Into the thigh"),
        Radiates.BELOW_KNEE: _t("Below the knee"),
        Radiates.FOOT: _t("Into the foot"),
    }[Radiates(value)]


def activity_label(value: Activity | None) -> str:
    if value is None:
        return _t("Not noted")
    return {
        Activity.SITTING: _t("Sitting"),
        Activity.STANDING: _t("Standing"),
        Activity.WALKING: _t("Walking"),
        Activity.EXERCISING: _t("Exercising"),
        Activity.LYING: _t("Lying down or asleep"),
    }[Activity(value)]


def relief_label(value: Relief) -> str:
    return {
        Relief.STRETCH: _t("Stretching"),
        Relief.HEAT: _t("Heat"),
        Relief.COLD: _t("Cold"),
        Relief.MASSAGE: _t("Massage"),
        Relief.REST: _t("Rest"),
        Relief.HYDRATION: _t("Drinking water"),
        Relief.MEDICATION: _t("Medication"),
    }[Relief(value)]


def exercise_label(value: ExerciseIntensity) -> str:
    return {
        ExerciseIntensity.LIGHT: _t("Light"),
        ExerciseIntensity.MODERATE: _t("Moderate"),
        ExerciseIntensity.VIGOROUS: _t("Vigorous"),
    }[ExerciseIntensity(value)]


def trigger_label(trigger_id: str, user_labels: dict[str, str] | None = None) -> str:
    builtin = {
        "caffeine": _t("Caffeine"),
        "dehydration": _t("Not enough water"),
        "prolonged_sitting": _t("Long sitting"),
        "prolonged_standing": _t("Long standing"),
        "exercise": _t("Exercise"),
        "overexertion": _t("Overdid it"),
        "no_warmup_cooldown": _t("No warm-up / cool-down"),
        "stress": _t("Stress"),
        "poor_sleep": _t("Poor sleep"),
        "alcohol": _t("Alcohol"),
        "low_electrolytes": _t("Low electrolytes"),
        "new_medication": _t("New medication"),
        "footwear": _t("Footwear"),
    }
    if trigger_id in builtin:
        return builtin[trigger_id]
    if user_labels and trigger_id in user_labels:
        return user_labels[trigger_id]
    return trigger_id.replace("_", " ").capitalize()


def warning_label(sign: WarningSign) -> str:
    """Short wording for a checkbox in the episode form."""
    return {
        WarningSign.BLADDER_CHANGE: _t("Trouble peeing or leaking urine"),
        WarningSign.BOWEL_CHANGE: _t("Cannot control bowels"),
        WarningSign.SADDLE_NUMBNESS: _t("Numb between the legs or around the bottom"),
        WarningSign.BOTH_LEGS: _t("Pain, numbness or weakness in both legs"),
        WarningSign.LEG_WEAKNESS_WORSENING: _t("Leg weakness that is getting worse"),
        WarningSign.NUMBNESS_TINGLING: _t("Numbness or pins and needles in the leg"),
        WarningSign.RADIATING_BELOW_KNEE: _t("Pain shooting below the knee"),
        WarningSign.FEVER: _t("Fever or feeling hot and shivery"),
        WarningSign.WEIGHT_LOSS: _t("Weight loss without trying"),
        WarningSign.NIGHT_PAIN: _t("Pain at night that rest does not ease"),
        WarningSign.MAJOR_INJURY: _t("A serious fall or accident"),
        WarningSign.MINOR_INJURY: _t("A small knock, strain or fall"),
        WarningSign.STROKE_SIGNS: _t("Face drooping, arm weak or speech slurred"),
        WarningSign.SEIZURE: _t("A fit or seizure"),
        WarningSign.DIZZINESS: _t("Dizziness"),
        WarningSign.FAINTING_OR_FALL: _t("Fainted or fell"),
        WarningSign.MUSCLE_WASTING: _t("A muscle looks thinner or smaller"),
        WarningSign.SPEECH_SWALLOWING: _t("Trouble speaking or swallowing"),
        WarningSign.SEXUAL_DYSFUNCTION: _t("New problems with erections or sexual feeling"),
        WarningSign.TWITCHING_ELSEWHERE: _t("Twitching in other parts of the body"),
        WarningSign.AREA_WEAK_STIFF: _t("The twitching area feels weak or stiff"),
        WarningSign.MEDICATION_SUSPECTED: _t("Started after a new medicine"),
        WarningSign.SLEEP_DISTURBED: _t("It woke me up or kept me awake"),
        WarningSign.LEG_SWELLING: _t("Leg swollen, red or warm"),
        WarningSign.WOUND_OR_TOXIN: _t("A wound, bite or contact with soil or a toxin"),
        WarningSign.PAST_CANCER: _t("I have had cancer in the past"),
    }[WarningSign(sign)]


def warning_question(sign: WarningSign) -> str:
    """The check-in question, asked one at a time, in plain words."""
    return {
        WarningSign.BLADDER_CHANGE: _t(
            "Since your last check-in, have you had trouble peeing, or leaked urine without "
            "meaning to?"),
        WarningSign.BOWEL_CHANGE: _t(
            "Have you been unable to control your bowels, or not noticed needing to go?"),
        WarningSign.SADDLE_NUMBNESS: _t(
            "Is there numbness around your bottom, your genitals or the inside of your thighs "
            "(where you would sit on a saddle)?"),
        WarningSign.BOTH_LEGS: _t(
            "Have you had pain, numbness or weakness in both legs at the same time?"),
        WarningSign.LEG_WEAKNESS_WORSENING: _t(
            "Is a leg getting weaker, for example tripping or a foot slapping the floor?"),
        WarningSign.NUMBNESS_TINGLING: _t(
            "Have you had numbness or pins and needles in a leg?"),
        WarningSign.RADIATING_BELOW_KNEE: _t(
            "Has pain shot down the leg to below the knee?"),
        WarningSign.FEVER: _t("Have you had a fever, or felt hot and shivery?"),
        WarningSign.WEIGHT_LOSS: _t("Have you lost weight without trying?"),
        WarningSign.NIGHT_PAIN: _t(
            "Is there pain at night that does not ease when you rest or change position?"),
        WarningSign.MAJOR_INJURY: _t(
            "Have you had a serious fall or accident, such as a car crash or a fall from a "
            "height?"),
        WarningSign.MINOR_INJURY: _t(
            "Have you had a small knock, strain or fall around the hip or back?"),
        WarningSign.STROKE_SIGNS: _t(
            "Has your face drooped on one side, an arm gone weak, or your speech become "
            "slurred?"),
        WarningSign.SEIZURE: _t("Have you had a fit or seizure?"),
        WarningSign.DIZZINESS: _t("Have you felt dizzy?"),
        WarningSign.FAINTING_OR_FALL: _t("Have you fainted or fallen over?"),
        WarningSign.MUSCLE_WASTING: _t(
            "Does a muscle look thinner or smaller than it used to?"),
        WarningSign.SPEECH_SWALLOWING: _t(
            "Have you had new trouble speaking clearly or swallowing?"),
        WarningSign.SEXUAL_DYSFUNCTION: _t(
            "Have you noticed new problems with erections or with feeling during sex?"),
        WarningSign.TWITCHING_ELSEWHERE: _t(
            "Have you had twitching in other parts of your body, such as the arms or tongue?"),
        WarningSign.AREA_WEAK_STIFF: _t(
            "Does the area that twitches feel weak or stiff?"),
        WarningSign.MEDICATION_SUSPECTED: _t(
            "Did the symptoms start or get worse after starting or changing a medicine?"),
        WarningSign.SLEEP_DISTURBED: _t(
            "Did cramps or twitches wake you up or keep you awake?"),
        WarningSign.LEG_SWELLING: _t(
            "Is a leg swollen, red or warm to the touch?"),
        WarningSign.WOUND_OR_TOXIN: _t(
            "Have you had a wound, an animal bite, or contact with soil, a chemical or a "
            "toxin?"),
        WarningSign.PAST_CANCER: _t("Have you ever had cancer?"),
    }[WarningSign(sign)]


def intensity_anchor(value: int, kind: Kind = Kind.CRAMP) -> str:
    """The anchor word for a 0-10 score (NRS for pain, 'how bothersome' for twitches)."""
    if Kind(kind) == Kind.TWITCH:
        words = (_t("not at all"), _t("barely"), _t("a little"), _t("somewhat"),
                 _t("quite"), _t("very"), _t("extremely"))
    else:
        words = (_t("no pain"), _t("mild"), _t("mild"), _t("moderate"),
                 _t("severe"), _t("very severe"), _t("worst imaginable"))
    if value <= 0:
        return words[0]
    if value >= 10:
        return words[6]
    if Kind(kind) == Kind.TWITCH:
        return words[min(5, 1 + (value - 1) // 2)]
    return words[1] if value <= 3 else words[3] if value <= 6 else words[4] if value <= 8 \
        else words[5]
