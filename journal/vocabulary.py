"""Every word a person sees for one of the journal's stable ids, defined once, keyed by that id.

The ids are the enum values of ``journal/model.py`` (kinds, sides, regions, warning signs,
activities, relief), the built-in trigger ids, the rule tiers, the chart ids and the daily-factor
ids. Each table here maps an id to a frozen record of its words; views (Qt, the command line, the
charts, the PDF) look words up here and never keep their own label tables.

Some ids have more than one *register*, because the places they appear ask different things of
the words: a check-box in the episode form speaks to the person ("Trouble peeing or leaking
urine"), the check-in asks a whole question, a flag's "why" says what was reported, and the
doctor's report uses a clinician's phrase. Each register is one field, defined once here.

Every string is wrapped in :func:`journal.i18n.N_` so a translation step can extract it; it is
translated where it is shown (``journal.i18n._`` in the core, ``QCoreApplication.translate`` in
the UI). Keys are plain ``str``: a ``StrEnum`` member looks up the same as its value, and keeping
this module free of project imports lets ``journal.model`` and ``journal.rules`` read it without
an import cycle.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final, TypeVar

from journal.i18n import N_

T = TypeVar("T")


def _frozen(table: dict[str, T]) -> Mapping[str, T]:
    return MappingProxyType(table)


# --- kinds and sides --------------------------------------------------------------------------


@dataclass(frozen=True)
class KindWords:
    name: str  # "Twitch"
    plural: str  # "Twitches": chart legends, report headings


KINDS: Final[Mapping[str, KindWords]] = _frozen({
    "twitch": KindWords(N_("Twitch"), N_("Twitches")),
    "cramp": KindWords(N_("Cramp"), N_("Cramps")),
})


@dataclass(frozen=True)
class SideWords:
    name: str  # a choice on screen: "Both"
    report: str  # on paper, where it stands alone in a column: "Both sides"


#: Key for "no side given" (an episode's side is optional).
NO_SIDE: Final = ""

SIDES: Final[Mapping[str, SideWords]] = _frozen({
    "left": SideWords(N_("Left"), N_("Left")),
    "right": SideWords(N_("Right"), N_("Right")),
    "both": SideWords(N_("Both"), N_("Both sides")),
    NO_SIDE: SideWords(N_("Not sure"), N_("Side not given")),
})


# --- regions --------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegionWords:
    """One display name per region, everywhere; the anatomical name follows in brackets where
    there is room for it (:attr:`full`): a tooltip, a list, a filter, the report's text."""

    name: str  # plain words a person uses: "Upper outer hip"
    anatomy: str | None  # the anatomical name, when it says more than the name: "gluteus medius"

    @property
    def full(self) -> str:
        """"Upper outer hip (gluteus medius)"; just the name when there is no anatomical one."""
        return f"{self.name} ({self.anatomy})" if self.anatomy else self.name


REGIONS: Final[Mapping[str, RegionWords]] = _frozen({
    "glute_max_upper": RegionWords(N_("Upper buttock"), N_("gluteus maximus")),
    "glute_max_lower": RegionWords(N_("Lower buttock"), N_("gluteus maximus")),
    "glute_med": RegionWords(N_("Upper outer hip"), N_("gluteus medius")),
    "glute_min": RegionWords(N_("Deep outer hip"), N_("gluteus minimus")),
    "piriformis": RegionWords(N_("Deep mid-buttock"), N_("piriformis")),
    "deep_rotators": RegionWords(N_("Deep lower buttock"), N_("deep hip rotators")),
    "lateral_hip": RegionWords(N_("Side of hip"), N_("greater trochanter")),
    "si_joint": RegionWords(N_("Sacroiliac joint"), None),
    "hamstring_origin": RegionWords(N_("Sitting bone"), N_("hamstring origin")),
    "posterior_thigh": RegionWords(N_("Back of thigh"), None),
    "lower_back": RegionWords(N_("Lower back"), None),
})


# --- how far it radiates, activity, relief, exercise ------------------------------------------


@dataclass(frozen=True)
class RadiatesWords:
    choice: str  # the form's choice: "Stays where it is"
    report: str  # in a sentence of the report: "does not spread"
    short: str  # a narrow column of the episode log


RADIATES: Final[Mapping[str, RadiatesWords]] = _frozen({
    "none": RadiatesWords(N_("Stays where it is"), N_("does not spread"), N_("–")),
    "buttock": RadiatesWords(N_("Across the buttock"), N_("within the buttock"), N_("buttock")),
    "thigh": RadiatesWords(N_("Into the thigh"), N_("into the thigh"), N_("thigh")),
    "below_knee": RadiatesWords(N_("Below the knee"), N_("below the knee"), N_("below knee")),
    "foot": RadiatesWords(N_("Into the foot"), N_("into the foot"), N_("foot")),
})


@dataclass(frozen=True)
class ActivityWords:
    name: str  # on screen: "Lying down or asleep"
    report: str  # in the report's text: "lying/asleep"
    short: str  # a narrow column of the episode log: "lying"


#: Key for "activity not noted" (the activity at onset is optional).
NO_ACTIVITY: Final = ""

ACTIVITIES: Final[Mapping[str, ActivityWords]] = _frozen({
    "sitting": ActivityWords(N_("Sitting"), N_("sitting"), N_("sitting")),
    "standing": ActivityWords(N_("Standing"), N_("standing"), N_("standing")),
    "walking": ActivityWords(N_("Walking"), N_("walking"), N_("walking")),
    "exercising": ActivityWords(N_("Exercising"), N_("exercising"), N_("exercising")),
    "lying": ActivityWords(N_("Lying down or asleep"), N_("lying/asleep"), N_("lying")),
    NO_ACTIVITY: ActivityWords(N_("Not noted"), N_("–"), N_("–")),
})


@dataclass(frozen=True)
class ReliefWords:
    name: str


RELIEF: Final[Mapping[str, ReliefWords]] = _frozen({
    "stretch": ReliefWords(N_("Stretching")),
    "heat": ReliefWords(N_("Heat")),
    "cold": ReliefWords(N_("Cold")),
    "massage": ReliefWords(N_("Massage")),
    "rest": ReliefWords(N_("Rest")),
    "hydration": ReliefWords(N_("Drinking water")),
    "medication": ReliefWords(N_("Medication")),
})


@dataclass(frozen=True)
class ExerciseWords:
    name: str


EXERCISE_INTENSITIES: Final[Mapping[str, ExerciseWords]] = _frozen({
    "light": ExerciseWords(N_("Light")),
    "moderate": ExerciseWords(N_("Moderate")),
    "vigorous": ExerciseWords(N_("Vigorous")),
})


#: Anchor words of the 0-10 scale: NRS words for pain, "how bothersome" words for twitches.
#: Seven each: 0, the steps in between, and 10.
INTENSITY_ANCHORS: Final[Mapping[str, tuple[str, ...]]] = _frozen({
    "twitch": (N_("not at all"), N_("barely"), N_("a little"), N_("somewhat"), N_("quite"),
               N_("very"), N_("extremely")),
    "cramp": (N_("no pain"), N_("mild"), N_("mild"), N_("moderate"), N_("severe"),
              N_("very severe"), N_("worst imaginable")),
})


# --- triggers ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TriggerWords:
    name: str  # a button in the episode form: "Not enough water"
    report: str  # the report's word for it: "Dehydration"


TRIGGERS: Final[Mapping[str, TriggerWords]] = _frozen({
    "caffeine": TriggerWords(N_("Caffeine"), N_("Caffeine")),
    "dehydration": TriggerWords(N_("Not enough water"), N_("Dehydration")),
    "prolonged_sitting": TriggerWords(N_("Long sitting"), N_("Prolonged sitting")),
    "prolonged_standing": TriggerWords(N_("Long standing"), N_("Prolonged standing")),
    "exercise": TriggerWords(N_("Exercise"), N_("Exercise")),
    "overexertion": TriggerWords(N_("Overdid it"), N_("Overexertion")),
    "no_warmup_cooldown": TriggerWords(N_("No warm-up / cool-down"), N_("No warm-up/cool-down")),
    "stress": TriggerWords(N_("Stress"), N_("Stress")),
    "poor_sleep": TriggerWords(N_("Poor sleep"), N_("Poor sleep")),
    "alcohol": TriggerWords(N_("Alcohol"), N_("Alcohol")),
    "low_electrolytes": TriggerWords(N_("Low electrolytes"), N_("Low electrolytes")),
    "new_medication": TriggerWords(N_("New medication"), N_("New medication")),
    "footwear": TriggerWords(N_("Footwear"), N_("Footwear")),
})


def trigger_fallback(trigger_id: str) -> str:
    """Words for a trigger id with no entry (a user trigger whose name is not at hand)."""
    return trigger_id.replace("_", " ").capitalize()


# --- warning signs ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SignWords:
    checkbox: str  # the episode form's check-box, in the person's words
    question: str  # the check-in question, asked one at a time
    finding: str  # what was reported, in a flag's "why" text (lower case, mid-sentence)
    clinical: str  # the report's phrase for a clinician (lower case, mid-sentence)


SIGNS: Final[Mapping[str, SignWords]] = _frozen({
    "bladder_change": SignWords(
        N_("Trouble peeing or leaking urine"),
        N_("Since your last check-in, have you had trouble peeing, or leaked urine without "
           "meaning to?"),
        N_("change in bladder control"),
        N_("change in bladder control")),
    "bowel_change": SignWords(
        N_("Cannot control bowels"),
        N_("Have you been unable to control your bowels, or not noticed needing to go?"),
        N_("change in bowel control"),
        N_("change in bowel control")),
    "saddle_numbness": SignWords(
        N_("Numb between the legs or around the bottom"),
        N_("Is there numbness around your bottom, your genitals or the inside of your thighs "
           "(where you would sit on a saddle)?"),
        N_("numbness around the bottom or genitals"),
        N_("numbness around the genitals or buttocks (saddle)")),
    "both_legs": SignWords(
        N_("Pain, numbness or weakness in both legs"),
        N_("Have you had pain, numbness or weakness in both legs at the same time?"),
        N_("symptoms in both legs"),
        N_("symptoms in both legs")),
    "leg_weakness_worsening": SignWords(
        N_("Leg weakness that is getting worse"),
        N_("Is a leg getting weaker, for example tripping or a foot slapping the floor?"),
        N_("leg weakness getting worse"),
        N_("leg weakness getting worse")),
    "numbness_tingling": SignWords(
        N_("Numbness or pins and needles in the leg"),
        N_("Have you had numbness or pins and needles in a leg?"),
        N_("numbness or tingling"),
        N_("numbness or tingling")),
    "radiating_below_knee": SignWords(
        N_("Pain shooting below the knee"),
        N_("Has pain shot down the leg to below the knee?"),
        N_("pain spreading below the knee"),
        N_("pain spreading below the knee")),
    "fever": SignWords(
        N_("Fever or feeling hot and shivery"),
        N_("Have you had a fever, or felt hot and shivery?"),
        N_("fever"),
        N_("fever")),
    "weight_loss": SignWords(
        N_("Weight loss without trying"),
        N_("Have you lost weight without trying?"),
        N_("unexplained weight loss"),
        N_("unexplained weight loss")),
    "night_pain": SignWords(
        N_("Pain at night that rest does not ease"),
        N_("Is there pain at night that does not ease when you rest or change position?"),
        N_("pain at night"),
        N_("pain at night")),
    "major_injury": SignWords(
        N_("A serious fall or accident"),
        N_("Have you had a serious fall or accident, such as a car crash or a fall from a "
           "height?"),
        N_("major injury"),
        N_("major injury (fall, accident)")),
    "minor_injury": SignWords(
        N_("A small knock, strain or fall"),
        N_("Have you had a small knock, strain or fall around the hip or back?"),
        N_("minor injury"),
        N_("minor injury")),
    "stroke_signs": SignWords(
        N_("Face drooping, arm weak or speech slurred"),
        N_("Has your face drooped on one side, an arm gone weak, or your speech become "
           "slurred?"),
        N_("stroke signs"),
        N_("stroke signs (face, arm, speech)")),
    "seizure": SignWords(
        N_("A fit or seizure"),
        N_("Have you had a fit or seizure?"),
        N_("seizure"),
        N_("seizure")),
    "dizziness": SignWords(
        N_("Dizziness"),
        N_("Have you felt dizzy?"),
        N_("dizziness"),
        N_("dizziness")),
    "fainting_or_fall": SignWords(
        N_("Fainted or fell"),
        N_("Have you fainted or fallen over?"),
        N_("fainting or a fall"),
        N_("fainting or a fall")),
    "muscle_wasting": SignWords(
        N_("A muscle looks thinner or smaller"),
        N_("Does a muscle look thinner or smaller than it used to?"),
        N_("muscle getting smaller"),
        N_("muscle wasting")),
    "speech_swallowing": SignWords(
        N_("Trouble speaking or swallowing"),
        N_("Have you had new trouble speaking clearly or swallowing?"),
        N_("change in speech or swallowing"),
        N_("trouble speaking or swallowing")),
    "sexual_dysfunction": SignWords(
        N_("New problems with erections or sexual feeling"),
        N_("Have you noticed new problems with erections or with feeling during sex?"),
        N_("change in sexual function"),
        N_("new sexual dysfunction")),
    "twitching_elsewhere": SignWords(
        N_("Twitching in other parts of the body"),
        N_("Have you had twitching in other parts of your body, such as the arms or tongue?"),
        N_("twitching elsewhere"),
        N_("twitching elsewhere in the body")),
    "area_weak_stiff": SignWords(
        N_("The twitching area feels weak or stiff"),
        N_("Does the area that twitches feel weak or stiff?"),
        N_("the area weak or stiff"),
        N_("the area is weak or stiff")),
    "medication_suspected": SignWords(
        N_("Started after a new medicine"),
        N_("Did the symptoms start or get worse after starting or changing a medicine?"),
        N_("a medicine suspected"),
        N_("a medicine is suspected")),
    "sleep_disturbed": SignWords(
        N_("It woke me up or kept me awake"),
        N_("Did cramps or twitches wake you up or keep you awake?"),
        N_("sleep disturbed"),
        N_("sleep disturbed")),
    "leg_swelling": SignWords(
        N_("Leg swollen, red or warm"),
        N_("Is a leg swollen, red or warm to the touch?"),
        N_("leg swelling"),
        N_("leg swelling")),
    "wound_or_toxin": SignWords(
        N_("A wound, bite or contact with soil or a toxin"),
        N_("Have you had a wound, an animal bite, or contact with soil, a chemical or a "
           "toxin?"),
        N_("a wound or toxin"),
        N_("wound or toxin exposure")),
    "past_cancer": SignWords(
        N_("I have had cancer in the past"),
        N_("Have you ever had cancer?"),
        N_("cancer in the past"),
        N_("history of cancer")),
})


# --- urgency tiers ----------------------------------------------------------------------------


@dataclass(frozen=True)
class TierWords:
    word: str  # "Emergency"
    action: str  # what the tier means, in one line
    #: Okabe-Ito (colour-blind safe): vermillion, orange, blue, grey. Never the only cue: every
    #: tier also has its own word, shape and symbol.
    colour: str


#: Most urgent first. ``Tier.rank`` is the position in this tuple.
TIER_ORDER: Final[tuple[str, ...]] = ("emergency", "urgent", "soon", "mention")

TIERS: Final[Mapping[str, TierWords]] = _frozen({
    "emergency": TierWords(N_("Emergency"), N_("Call your emergency number now."), "#D55E00"),
    "urgent": TierWords(
        N_("Urgent"),
        N_("Get advice today: an urgent appointment or a non-emergency medical helpline."),
        "#E69F00"),
    "soon": TierWords(
        N_("Soon"), N_("Book an appointment with a doctor within the next few days."), "#0072B2"),
    "mention": TierWords(N_("Mention"), N_("Raise it at your next doctor's visit."), "#7F7F7F"),
})

#: On every flag screen and at the end of every flag listing, flags or not.
EMERGENCY_NOTE: Final = N_("If in doubt, call your emergency number.")


# --- charts -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChartWords:
    title: str  # the chart's name in a menu or list (Trends, ``chart --help``)
    #: The title drawn on the figure; ``{per}`` is "day" or "week", ``{exposure}`` a factor's
    #: exposure in words (e.g. "8 h or more of sitting").
    figure_title: str
    #: The report's description of the chart (its alt text in the PDF).
    report_title: str


CHARTS: Final[Mapping[str, ChartWords]] = _frozen({
    "frequency": ChartWords(
        N_("Episodes per day or week"), N_("Episodes per {per}"),
        N_("Episodes per day with a 7-day rolling mean")),
    "intensity": ChartWords(
        N_("Intensity over time"), N_("Intensity per {per}"), N_("Intensity over time")),
    "time_of_day": ChartWords(
        N_("Time of day"), N_("Time of day (local time)"), N_("Time of day")),
    "regions": ChartWords(
        N_("Where it is felt"), N_("Where episodes were felt"), N_("Regions")),
    "trigger_forest": ChartWords(
        N_("Daily factors (rate ratios)"), N_("Episodes on days with vs without each factor"),
        N_("Daily factors and the episode rate (rate ratio, adjusted interval)")),
    "factor": ChartWords(
        N_("One factor against episodes"), N_("Episodes and {exposure}"),
        N_("One daily factor against the episodes")),
})


# --- daily factors ----------------------------------------------------------------------------


@dataclass(frozen=True)
class FactorWords:
    name: str  # "Sitting": a choice in the Trends view


#: The daily factors of ``journal/analytics/factors.py`` (their exposure sentences live there,
#: beside the thresholds they print).
FACTORS: Final[Mapping[str, FactorWords]] = _frozen({
    "sitting": FactorWords(N_("Sitting")),
    "caffeine": FactorWords(N_("Caffeine")),
    "water": FactorWords(N_("Water")),
    "exercise": FactorWords(N_("Exercise")),
    "stress": FactorWords(N_("Stress")),
    "sleep": FactorWords(N_("Sleep")),
})
