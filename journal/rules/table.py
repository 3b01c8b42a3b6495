"""The warning-sign rule table of ``shared/domain.md``, as data.

One :class:`Rule` per stable rule id, in the table's order: its base tier, a title and advice in
plain words, the public guidance it follows, and the warning signs that fire it (rules that look
at patterns rather than single signs, like ``persistent`` and ``worsening``, say so in
``fires_when``). The engine (``engine.py``) holds the logic; wording changes happen here only.

Wording rules: calm and specific, never a diagnosis, never "you are fine", and every tier says
what to do and how soon.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

import journal.vocabulary as vocabulary
from journal.i18n import N_
from journal.model import WarningSign as W
from journal.vocabulary import EMERGENCY_NOTE

__all__ = ["CITATIONS", "EMERGENCY_NOTE", "RULES", "RULES_BY_ID", "RULE_CITATIONS", "RULE_ORDER",
           "SIGN_LABELS", "Citation", "Rule", "Tier", "rule"]


class Tier(StrEnum):
    """How soon to act. Ordered: ``EMERGENCY`` is the most urgent, ``MENTION`` the least."""

    EMERGENCY = "emergency"
    URGENT = "urgent"
    SOON = "soon"
    MENTION = "mention"

    @property
    def rank(self) -> int:
        """0 for the most urgent tier; sort by this to put the most urgent first."""
        return vocabulary.TIER_ORDER.index(self.value)

    @property
    def label(self) -> str:
        """The tier's word (``journal.vocabulary.TIERS``)."""
        return vocabulary.TIERS[self].word

    @property
    def action(self) -> str:
        """What the tier means, in one line."""
        return vocabulary.TIERS[self].action

    def more_urgent_than(self, other: Tier) -> bool:
        return self.rank < other.rank


@dataclass(frozen=True)
class Rule:
    id: str
    tier: Tier
    title: str
    advice: str
    source: str
    fires_when: str
    signs: tuple[W, ...] = ()


#: Plain words for each warning sign, used in the "why" text of a flag.
SIGN_LABELS: Final[dict[W, str]] = {w: vocabulary.SIGNS[w].finding for w in W}

RULES: Final[tuple[Rule, ...]] = (
    Rule(
        "cauda_equina", Tier.EMERGENCY,
        N_("Change in bladder or bowel control, or numbness around the bottom or genitals"),
        N_("Call your emergency number now (for example 999 in the UK, 112 in the EU, 911 in the "
           "US). These changes together with buttock or leg symptoms need to be checked "
        "in hospital the same day, even if they are mild or come and go."),
        N_("NHS: Sciatica; NICE CKS: Sciatica (lumbar radiculopathy), red flags"),
        N_("you report a change in bladder or bowel control, or numbness around the bottom or "
        "genitals"),
        (W.BLADDER_CHANGE, W.BOWEL_CHANGE, W.SADDLE_NUMBNESS),
    ),
    Rule(
        "bilateral", Tier.EMERGENCY,
        N_("Symptoms in both legs"),
        N_("Call your emergency number now (for example 999 in the UK, 112 in the EU, 911 in the "
           "US). Nerve symptoms (numbness, tingling or pain spreading below the knee) in "
        "both legs at once need to be checked the same day."),
        N_("NHS: Sciatica; NICE CKS: Sciatica, red flags"),
        N_("you report symptoms in both legs, or numbness, tingling or pain below the knee on both "
        "sides"),
        (W.BOTH_LEGS,),
    ),
    Rule(
        "sexual_dysfunction", Tier.URGENT,
        N_("New change in sexual function"),
        N_("Get advice today from an urgent appointment or a non-emergency medical helpline, and "
        "say that you also have buttock or leg symptoms. If it comes with a change in bladder or "
        "bowel control, numbness around the bottom, or symptoms in both legs, call your "
        "emergency number now."),
        N_("GIRFT: National suspected cauda equina syndrome pathway"),
        N_("you report a change in sexual function; an emergency when a bladder, bowel, "
        "numbness-around-the-bottom or both-legs sign is "
        "current too"),
        (W.SEXUAL_DYSFUNCTION,),
    ),
    Rule(
        "stroke_or_seizure", Tier.EMERGENCY,
        N_("Possible stroke signs, a seizure, or dizziness with a fall or fainting"),
        N_("Call your emergency number now (for example 999 in the UK, 112 in the EU, 911 in the "
           "US). Face drooping, arm weakness, slurred speech, a seizure, or dizziness that "
        "comes with fainting or a fall need help straight away. Note the time it started."),
        N_("NHS: Stroke (act FAST); NHS: When to call 999"),
        N_("you report stroke signs or a seizure; or dizziness on the same day as stroke signs, "
        "fainting or a fall"),
        (W.STROKE_SIGNS, W.SEIZURE),
    ),
    Rule(
        "major_injury", Tier.EMERGENCY,
        N_("A major injury"),
        N_("Call your emergency number now (for example 999 in the UK, 112 in the EU, 911 in the "
           "US). After a serious fall, crash or blow, pain in the buttock, hip or back needs "
        "to be checked for a broken bone."),
        N_("NHS: When to call 999; NICE CKS: Sciatica, red flags (fracture)"),
        N_("you report a major injury"),
        (W.MAJOR_INJURY,),
    ),
    Rule(
        "progressive_weakness", Tier.URGENT,
        N_("Leg weakness that is getting worse"),
        N_("Get advice today from an urgent appointment or a non-emergency medical helpline. "
        "Weakness that keeps increasing should be examined soon, not at a routine visit."),
        N_("NICE CKS: Sciatica, red flags (progressive neurological deficit)"),
        N_("you report leg weakness getting worse"),
        (W.LEG_WEAKNESS_WORSENING,),
    ),
    Rule(
        "fever", Tier.URGENT,
        N_("Fever together with these symptoms"),
        N_("Get advice today from an urgent appointment or a non-emergency medical helpline. "
        "A high temperature with new back, buttock or hip pain should be checked the same day."),
        N_("NICE CKS: Sciatica, red flags (infection)"),
        N_("you report a fever"),
        (W.FEVER,),
    ),
    Rule(
        "long_cramp", Tier.URGENT,
        N_("A cramp that lasted more than 10 minutes, or a wound or toxin"),
        N_("Get advice today from an urgent appointment or a non-emergency medical helpline. "
        "Cramps that last longer than 10 minutes, or cramps after a wound or contact with a "
        "toxin, should be looked at by a clinician."),
        N_("NHS: Leg cramps"),
        N_("a cramp lasts more than 10 minutes, or you report a wound or a toxin"),
        (W.WOUND_OR_TOXIN,),
    ),
    Rule(
        "persistent", Tier.SOON,
        N_("Symptoms have kept coming back for more than 2 weeks"),
        N_("Book an appointment with a doctor within the next few days. Twitching or cramps that "
        "keep returning for more than two weeks are worth a check, even though most such "
        "twitching turns out to be harmless. Take this journal's report with you."),
        N_("NHS: Twitching eyes and muscles (see a GP if a twitch lasts more than 2 weeks)"),
        N_("twitches (or cramps) keep coming back, never more than 7 days apart, for more than 14 "
        "days, and still do"),
    ),
    Rule(
        "persistent_past", Tier.MENTION,
        N_("An earlier spell lasted more than 2 weeks"),
        N_("Raise it at your next doctor's visit: an earlier spell of twitching or cramps went on "
        "for more than two weeks before it stopped."),
        N_("NHS: Twitching eyes and muscles (see a GP if a twitch lasts more than 2 weeks)"),
        N_("twitches (or cramps) kept coming back, never more than 7 days apart, for more than 14 "
        "days, and that spell has ended"),
    ),
    Rule(
        "twitching_elsewhere", Tier.SOON,
        N_("Twitching in other places, or the area feels weak or stiff"),
        N_("Book an appointment with a doctor within the next few days and say where else you "
        "notice twitching, or which movements feel weak or stiff."),
        N_("NHS: Twitching"),
        N_("you report twitching elsewhere in the body, or the area weak or stiff"),
        (W.TWITCHING_ELSEWHERE, W.AREA_WEAK_STIFF),
    ),
    Rule(
        "motor_signs", Tier.SOON,
        N_("Muscle getting smaller, or changes in speech or swallowing"),
        N_("Book an appointment with a doctor within the next few days. Describe what changed "
        "and when you first noticed it."),
        N_("NICE NG42: Motor neurone disease (recognition and referral)"),
        N_("you report a muscle getting smaller, or a change in speech or swallowing"),
        (W.MUSCLE_WASTING, W.SPEECH_SWALLOWING),
    ),
    Rule(
        "medication", Tier.SOON,
        N_("A medicine or supplement may be involved"),
        N_("Book an appointment with a doctor or ask a pharmacist within the next few days. Do not "
        "stop a prescribed medicine yourself; take its name and dose with you."),
        N_("NHS: Twitching; NHS: Leg cramps"),
        N_("you suspect a medicine"),
        (W.MEDICATION_SUSPECTED,),
    ),
    Rule(
        "frequent_cramps", Tier.SOON,
        N_("Frequent cramps, cramps disturbing sleep, or leg swelling"),
        N_("Book an appointment with a doctor within the next few days. Cramps that happen often, "
        "wake you at night, or come with swelling are worth a check."),
        N_("NHS: Leg cramps"),
        N_("cramps on 3 or more days within the last 7, or you report disturbed sleep or leg "
        "swelling"),
        (W.SLEEP_DISTURBED, W.LEG_SWELLING),
    ),
    Rule(
        "worsening", Tier.SOON,
        N_("Symptoms are getting worse or stopping daily activities"),
        N_("Book an appointment with a doctor within the next few days. The journal shows more "
        "episodes than before, or symptoms getting in the way of sleep, walking or work."),
        N_("NHS: Sciatica (getting worse; stopping you doing daily activities)"),
        N_("the last 14 recorded days have at least 1.5 times as many episodes as the 14 before "
        "(and at least 5), or symptoms got in the way of sleep, walking or work at 7 or more "
        "out of 10 on 3 days within a week"),
    ),
    Rule(
        "serious_history", Tier.SOON,
        N_("Weight loss, night pain, or cancer in the past"),
        N_("Book an appointment with a doctor within the next few days and mention this together "
        "with your buttock or hip symptoms."),
        N_("NICE CKS: Sciatica, red flags"),
        N_("you report unexplained weight loss, pain at night or cancer in the past"),
        (W.WEIGHT_LOSS, W.NIGHT_PAIN, W.PAST_CANCER),
    ),
    Rule(
        "nerve_root", Tier.MENTION,
        N_("Numbness, tingling or pain spreading below the knee"),
        N_("Raise it at your next doctor's visit; sooner if it is getting worse. Nerve symptoms on "
        "one side often settle, and a doctor can check them."),
        N_("NHS: Sciatica; NICE CKS: Sciatica (lumbar radiculopathy)"),
        N_("you report numbness or tingling, or pain spreading below the knee (or an episode "
        "spreads below the knee), on one side only; 'soon' if episodes are also getting worse"),
        (W.NUMBNESS_TINGLING, W.RADIATING_BELOW_KNEE),
    ),
    Rule(
        "minor_injury", Tier.MENTION,
        N_("A minor injury"),
        N_("Raise it at your next doctor's visit, and get advice sooner if pain or weakness "
           "grows."),
        N_("NICE CKS: Sciatica"),
        N_("you report a minor injury"),
        (W.MINOR_INJURY,),
    ),
    Rule(
        "dizziness", Tier.MENTION,
        N_("Dizziness"),
        N_("Raise it at your next doctor's visit. If dizziness comes with fainting, a fall, face "
        "drooping, arm weakness or slurred speech, call your emergency number."),
        N_("NHS: Dizziness; NHS: When to call 999"),
        N_("you report dizziness without stroke signs, fainting or a fall on the same day"),
        (W.DIZZINESS,),
    ),
)

RULES_BY_ID: Final[dict[str, Rule]] = {r.id: r for r in RULES}


@dataclass(frozen=True)
class Citation:
    """A public guidance page a clinician can look up: its publisher and title, and its address."""

    publisher: str
    title: str
    url: str

    @property
    def text(self) -> str:
        return f"{self.publisher}: {self.title}"


#: The public guidance the rules follow, by a short stable key. Only published clinical guidance
#: (NHS, NICE CKS, NICE guidelines, GIRFT): nothing internal, nothing a reader cannot look up.
CITATIONS: Final[dict[str, Citation]] = {
    "nhs_sciatica": Citation("NHS", "Sciatica", "https://www.nhs.uk/conditions/sciatica/"),
    "nhs_twitching": Citation("NHS", "Twitching eyes and muscles",
                              "https://www.nhs.uk/conditions/twitching-eyes-and-muscles/"),
    "nhs_leg_cramps": Citation("NHS", "Leg cramps", "https://www.nhs.uk/conditions/leg-cramps/"),
    "nhs_stroke": Citation("NHS", "Stroke: symptoms",
                           "https://www.nhs.uk/conditions/stroke/symptoms/"),
    "nhs_999": Citation("NHS", "When to call 999",
                        "https://www.nhs.uk/nhs-services/urgent-and-emergency-care-services/"
                        "when-to-call-999/"),
    "nhs_dizziness": Citation("NHS", "Dizziness", "https://www.nhs.uk/symptoms/dizziness/"),
    "cks_sciatica": Citation("NICE CKS", "Sciatica (lumbar radiculopathy)",
                             "https://cks.nice.org.uk/topics/sciatica-lumbar-radiculopathy/"),
    "nice_ng42": Citation("NICE NG42", "Motor neurone disease: assessment and management",
                          "https://www.nice.org.uk/guidance/ng42"),
    "girft_ces": Citation("GIRFT", "National suspected cauda equina syndrome pathway",
                          "https://gettingitrightfirsttime.co.uk/pathway-supports-clinicians-to-"
                          "diagnose-and-treat-cauda-equina-syndrome-without-delay/"),
}

#: Which guidance each rule follows (the report numbers them and prints title and address).
RULE_CITATIONS: Final[dict[str, tuple[str, ...]]] = {
    "cauda_equina": ("nhs_sciatica", "cks_sciatica", "girft_ces"),
    "bilateral": ("nhs_sciatica", "cks_sciatica"),
    "sexual_dysfunction": ("girft_ces",),
    "stroke_or_seizure": ("nhs_stroke", "nhs_999"),
    "major_injury": ("nhs_999", "cks_sciatica"),
    "progressive_weakness": ("cks_sciatica",),
    "fever": ("cks_sciatica",),
    "long_cramp": ("nhs_leg_cramps",),
    "persistent": ("nhs_twitching",),
    "persistent_past": ("nhs_twitching",),
    "twitching_elsewhere": ("nhs_twitching",),
    "motor_signs": ("nice_ng42",),
    "medication": ("nhs_twitching", "nhs_leg_cramps"),
    "frequent_cramps": ("nhs_leg_cramps",),
    "worsening": ("nhs_sciatica",),
    "serious_history": ("cks_sciatica",),
    "nerve_root": ("nhs_sciatica", "cks_sciatica"),
    "minor_injury": ("cks_sciatica",),
    "dizziness": ("nhs_dizziness", "nhs_999"),
}
RULE_ORDER: Final[dict[str, int]] = {r.id: i for i, r in enumerate(RULES)}


def rule(rule_id: str) -> Rule:
    return RULES_BY_ID[rule_id]
