"""Words for the stable ids as a clinician reads them on paper (the ids never change).

Thin views of :mod:`journal.vocabulary`, shaped as the dictionaries the report reads: the words
themselves are defined there, once.
"""

from __future__ import annotations

from typing import Final

import journal.vocabulary as v
from journal.i18n import _
from journal.model import Activity, Kind, Radiates, Region, Relief, Side, WarningSign


def _full_region(region: Region) -> str:
    words = v.REGIONS[region]
    return f"{_(words.name)} ({_(words.anatomy)})" if words.anatomy else _(words.name)


KIND: Final[dict[Kind, str]] = {k: _(v.KINDS[k].name) for k in Kind}
KIND_PLURAL: Final[dict[Kind, str]] = {k: _(v.KINDS[k].plural) for k in Kind}

SIDE: Final[dict[Side | None, str]] = {
    **{s: _(v.SIDES[s].report) for s in Side}, None: _(v.SIDES[v.NO_SIDE].report),
}

#: The region's name with its anatomical name in brackets, for the report's text.
REGION: Final[dict[Region, str]] = {r: _full_region(r) for r in Region}
#: Just the name, for the narrow columns of the episode log (lower case like the log's other
#: cells).
REGION_SHORT: Final[dict[Region, str]] = {r: _(v.REGIONS[r].name).lower() for r in Region}

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
