"""Words for the stable ids as a clinician reads them on paper (the ids never change).

Thin views of :mod:`journal.vocabulary`, shaped as the dictionaries the report reads: the words
themselves are defined there, once.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

import journal.vocabulary as v
from journal.i18n import Translated, _
from journal.model import Activity, Kind, Radiates, Region, Relief, Side, WarningSign


def _full_region(region: Region) -> str:
    words = v.REGIONS[region]
    return f"{_(words.name)} ({_(words.anatomy)})" if words.anatomy else _(words.name)


# Each table translates when read (journal.i18n.Translated): the report may be written in
# another language than the app's, chosen per report.
KIND: Final[Mapping[Kind, str]] = Translated({k: v.KINDS[k].name for k in Kind})
KIND_PLURAL: Final[Mapping[Kind, str]] = Translated({k: v.KINDS[k].plural for k in Kind})

SIDE: Final[Mapping[Side | None, str]] = Translated({
    **{s: v.SIDES[s].report for s in Side}, None: v.SIDES[v.NO_SIDE].report,
})

#: The region's name with its anatomical name in brackets, for the report's text.
REGION: Final[Mapping[Region, str]] = Translated({r: r.value for r in Region},
                                                 compose=_full_region)
#: Just the name, for the narrow columns of the episode log (lower case like the log's other
#: cells).
REGION_SHORT: Final[Mapping[Region, str]] = Translated({r: v.REGIONS[r].name for r in Region},
                                                       shape=str.lower)

RADIATES: Final[Mapping[Radiates, str]] = Translated({r: v.RADIATES[r].report for r in Radiates})
RADIATES_SHORT: Final[Mapping[Radiates, str]] = Translated(
    {r: v.RADIATES[r].short for r in Radiates})

ACTIVITY: Final[Mapping[Activity, str]] = Translated(
    {a: v.ACTIVITIES[a].report for a in Activity})
ACTIVITY_SHORT: Final[Mapping[Activity, str]] = Translated(
    {a: v.ACTIVITIES[a].short for a in Activity})

RELIEF: Final[Mapping[Relief, str]] = Translated({r: v.RELIEF[r].name for r in Relief})

SIGN: Final[Mapping[WarningSign, str]] = Translated(
    {w: v.SIGNS[w].clinical for w in WarningSign})

TRIGGER: Final[Mapping[str, str]] = Translated({t: words.report for t, words in v.TRIGGERS.items()})


def trigger_label(trigger_id: str, user_labels: dict[str, str] | None = None) -> str:
    if user_labels and trigger_id in user_labels:
        return user_labels[trigger_id]
    return TRIGGER.get(trigger_id, v.trigger_fallback(trigger_id))


def rule_label(rule_id: str) -> str:
    return rule_id.replace("_", " ").capitalize()
