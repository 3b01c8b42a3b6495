"""Human words for the journal's stable ids (kinds, regions, warning signs, tiers, ...).

The words are defined once, in :mod:`journal.vocabulary`; these functions pick the register a
widget needs and translate it where it is shown, through the core's catalogue
(:func:`journal.i18n._`): the words are the core's, so the screen, the command line and the report
share one translation of each.
"""

from __future__ import annotations

import journal.vocabulary as v
from journal.i18n import _
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
    return _(text)


def kind_label(kind: Kind) -> str:
    return _t(v.KINDS[Kind(kind)].name)


def side_label(side: Side | None) -> str:
    return _t(v.SIDES[v.NO_SIDE if side is None else Side(side)].name)


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
    """The region's name with its anatomical name in brackets, where there is room."""
    words = v.REGIONS[Region(region)]
    if words.anatomy is None:
        return _t(words.name)
    return f"{_t(words.name)} ({_t(words.anatomy)})"


def region_compact(region: Region) -> str:
    """Just the name: the two-column checklist under the map (full name as tooltip)."""
    return _t(v.REGIONS[Region(region)].name)


def region_short(region: Region) -> str:
    """Just the name: the episode table's column."""
    return _t(v.REGIONS[Region(region)].name)


def radiates_label(value: Radiates) -> str:
    return _t(v.RADIATES[Radiates(value)].choice)


def activity_label(value: Activity | None) -> str:
    return _t(v.ACTIVITIES[v.NO_ACTIVITY if value is None else Activity(value)].name)


def relief_label(value: Relief) -> str:
    return _t(v.RELIEF[Relief(value)].name)


def exercise_label(value: ExerciseIntensity) -> str:
    return _t(v.EXERCISE_INTENSITIES[ExerciseIntensity(value)].name)


def factor_label(factor_id: str) -> str:
    """A daily factor's name ("Sitting"), as the Trends factor choice shows it."""
    return _t(v.FACTORS[factor_id].name)


def chart_label(chart_id: str) -> str:
    """A chart's name in a menu or list."""
    return _t(v.CHARTS[chart_id].title)


def trigger_label(trigger_id: str, user_labels: dict[str, str] | None = None) -> str:
    builtin = v.TRIGGERS.get(trigger_id)
    if builtin is not None:
        return _t(builtin.name)
    if user_labels and trigger_id in user_labels:
        return user_labels[trigger_id]
    return v.trigger_fallback(trigger_id)


def warning_label(sign: WarningSign) -> str:
    """Short wording for a checkbox in the episode form."""
    return _t(v.SIGNS[WarningSign(sign)].checkbox)


def warning_question(sign: WarningSign) -> str:
    """The check-in question, asked one at a time, in plain words."""
    return _t(v.SIGNS[WarningSign(sign)].question)


def intensity_anchor(value: int, kind: Kind = Kind.CRAMP) -> str:
    """The anchor word for a 0-10 score (NRS for pain, 'how bothersome' for twitches)."""
    words = tuple(_t(w) for w in v.INTENSITY_ANCHORS[Kind(kind)])
    if value <= 0:
        return words[0]
    if value >= 10:
        return words[6]
    if Kind(kind) == Kind.TWITCH:
        return words[min(5, 1 + (value - 1) // 2)]
    return words[1] if value <= 3 else words[3] if value <= 6 else words[4] if value <= 8 \
        else words[5]


# --- warning flags ----------------------------------------------------------------------------


def _flags_tr(text: str) -> str:
    return _(text)


def tier_label(tier: str) -> str:
    """The tier's word ("Emergency", ...)."""
    return _flags_tr(v.TIERS[tier].word)


def tier_action(tier: str) -> str:
    """What the tier means, in one line."""
    return _flags_tr(v.TIERS[tier].action)


def emergency_note() -> str:
    """"If in doubt, call your emergency number.": on every flag screen."""
    return _flags_tr(v.EMERGENCY_NOTE)


def rule_text(text: str) -> str:
    """A title, advice or source from the rule table, through the translation catalogue."""
    return _(text)
