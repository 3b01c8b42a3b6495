"""Warning-sign rules: the rule table as data and ``evaluate(history, today) -> flags``.

``table.py`` holds the rules (id, tier, title, advice, source), ``thresholds.py`` every number
with its reason, ``engine.py`` the evaluation. Nothing here reads the clock or imports Qt.
"""

from __future__ import annotations

from journal.rules.engine import Flag, FlagRecord, History, Run, evaluate, find_runs
from journal.rules.table import (
    CITATIONS,
    EMERGENCY_NOTE,
    RULE_CITATIONS,
    RULES,
    RULES_BY_ID,
    SIGN_LABELS,
    Citation,
    Rule,
    Tier,
)

__all__ = [
    "CITATIONS",
    "EMERGENCY_NOTE",
    "RULES",
    "RULES_BY_ID",
    "RULE_CITATIONS",
    "SIGN_LABELS",
    "Citation",
    "Flag",
    "FlagRecord",
    "History",
    "Rule",
    "Run",
    "Tier",
    "evaluate",
    "find_runs",
]
