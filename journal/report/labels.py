"""Words for the stable ids as a clinician reads them on paper (the ids never change).

Thin views of :mod:`journal.vocabulary`, shaped as the dictionaries the report reads: the words
themselves are defined there, once.
"""

from __future__ import annotations

from typing import Final

import journal.vocabulary as v
from journal.i18n import _
from journal.model import Activity, Kind, Radiates, Region, Relief, Side, WarningSign

KIND: Final[dict[Kind, str]] = {k: _(v.KINDS[k].name) for k in Kind}
KIND_PLURAL: Final[dict[Kind, str]] = {k: _(v.KINDS[k].plural) for k in Kind}

SIDE: Final[dict[Side | None, str]] = {
    **{s: _(v.SIDES[s].report) for s in Side}, None: _(v.SIDES[v.NO_SIDE].report),
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

RADIATES: Final[dict[Radiates, str]] = {r: _(v.RADIATES[r].report) for r in Radiates}
RADIATES_SHORT: Final[dict[Radiates, str]] = {r: _(v.RADIATES[r].short) for r in Radiates}

ACTIVITY: Final[dict[Activity, str]] = {a: _(v.ACTIVITIES[a].report) for a in Activity}
ACTIVITY_SHORT: Final[dict[Activity, str]] = {a: _(v.ACTIVITIES[a].short) for a in Activity}

RELIEF: Final[dict[Relief, str]] = {r: _(v.RELIEF[r].name) for r in Relief}

SIGN: Final[dict[WarningSign, str]] = {w: _(v.SIGNS[w].clinical) for w in WarningSign}

TRIGGER: Final[dict[str, str]] = {t: _(words.report) for t, words in v.TRIGGERS.items()}


def trigger_label(trigger_id: str, user_labels: dict[str, str] | None = None) -> str:
    if user_labels and trigger_id in user_labels:
        return user_labels[trigger_id]
    return TRIGGER.get(trigger_id, v.trigger_fallback(trigger_id))


def rule_label(rule_id: str) -> str:
    return rule_id.replace("_", " ").capitalize()
