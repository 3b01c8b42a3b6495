"""The vocabulary: every stable id has its words, once, marked for translation."""

from __future__ import annotations

import ast
from dataclasses import fields
from pathlib import Path

import pytest

import journal.vocabulary as v
from journal.analytics.factors import FACTORS
from journal.model import (
    BUILTIN_TRIGGERS,
    Activity,
    ExerciseIntensity,
    Kind,
    Radiates,
    Region,
    Relief,
    Side,
    WarningSign,
)
from journal.report.figures import CHARTS as REPORT_CHARTS
from journal.rules import Tier
from tests.helpers.imports import cycles, import_graph

SOURCE = Path(v.__file__)

#: table -> the ids it must name, exactly (no id missing, none left over).
TABLES = {
    "KINDS": {k.value for k in Kind},
    "SIDES": {s.value for s in Side} | {v.NO_SIDE},
    "REGIONS": {r.value for r in Region},
    "RADIATES": {r.value for r in Radiates},
    "ACTIVITIES": {a.value for a in Activity} | {v.NO_ACTIVITY},
    "RELIEF": {r.value for r in Relief},
    "EXERCISE_INTENSITIES": {e.value for e in ExerciseIntensity},
    "TRIGGERS": set(BUILTIN_TRIGGERS),
    "SIGNS": {w.value for w in WarningSign},
    "TIERS": {t.value for t in Tier},
    "FACTORS": {f.id for f in FACTORS},
}


@pytest.mark.parametrize("table", sorted(TABLES))
def test_every_id_has_words(table: str) -> None:
    assert set(getattr(v, table)) == TABLES[table]


def test_every_chart_the_report_draws_has_words() -> None:
    ids = {chart_id for chart_id, _title in REPORT_CHARTS}
    assert ids <= set(v.CHARTS)
    assert {"frequency", "intensity", "time_of_day", "regions", "trigger_forest"} <= set(v.CHARTS)


def test_tier_order_is_the_tiers_most_urgent_first() -> None:
    assert v.TIER_ORDER == ("emergency", "urgent", "soon", "mention")
    assert sorted(Tier, key=lambda t: t.rank) == [Tier(t) for t in v.TIER_ORDER]
    assert Tier.URGENT.label == v.TIERS["urgent"].word


#: Fields that may repeat across ids: colours, and the anatomy behind two regions (the upper
#: and lower buttock are both gluteus maximus; their names and full names still differ).
SHARED_FIELDS = {"colour", "anatomy"}


def _registers(table: str, shared: bool = False) -> dict[str, list[str]]:
    """Each text field of a table's records -> its values, one per id (None left out)."""
    out: dict[str, list[str]] = {}
    for words in getattr(v, table).values():
        for f in fields(words):
            value = getattr(words, f.name)
            if f.name == "colour" or value is None or (f.name in SHARED_FIELDS and not shared):
                continue
            out.setdefault(f.name, []).append(value)
    return out


@pytest.mark.parametrize("table", sorted([*TABLES, "CHARTS"]))
def test_no_two_ids_share_a_name(table: str) -> None:
    for register, names in _registers(table).items():
        repeated = sorted({n for n in names if names.count(n) > 1})
        assert not repeated, f"{table}.{register}: {repeated}"


def _marked_strings() -> set[str]:
    """Every string literal in the module that is the argument of an ``N_()`` call."""
    tree = ast.parse(SOURCE.read_text(encoding="utf-8"))
    marked: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and node.func.id == "N_":
            assert len(node.args) == 1 and isinstance(node.args[0], ast.Constant), \
                f"N_() takes one literal string (line {node.lineno})"
            marked.add(node.args[0].value)
    return marked


def _shown_strings() -> list[str]:
    shown: list[str] = [v.EMERGENCY_NOTE]
    for table in [*TABLES, "CHARTS"]:
        for names in _registers(table, shared=True).values():
            shown += names
    shown += [w for words in v.INTENSITY_ANCHORS.values() for w in words]
    return shown


def test_every_shown_string_is_marked_for_translation() -> None:
    marked = _marked_strings()
    unmarked = sorted({s for s in _shown_strings() if s not in marked})
    assert not unmarked


def test_only_words_are_marked() -> None:
    """Nothing else in the module's tables is a bare literal a translator would miss: every
    string argument of a words record is either N_-marked or a colour."""
    tree = ast.parse(SOURCE.read_text(encoding="utf-8"))
    records = {n.name for n in tree.body if isinstance(n, ast.ClassDef)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and node.func.id in records:
            for arg in node.args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    assert arg.value.startswith("#"), f"unmarked {arg.value!r} ({node.lineno})"


def test_one_name_per_region_with_the_anatomy_in_brackets() -> None:
    glute_med = v.REGIONS[Region.GLUTE_MED]
    assert glute_med.full == f"{glute_med.name} ({glute_med.anatomy})"
    assert v.REGIONS[Region.LOWER_BACK].full == v.REGIONS[Region.LOWER_BACK].name
    fulls = [w.full for w in v.REGIONS.values()]
    assert len(set(fulls)) == len(fulls)


def test_the_vocabulary_imports_nothing_but_the_marker() -> None:
    graph = import_graph()
    assert graph["journal.vocabulary"] == {"journal.i18n"}


def test_flag_views_read_flags_through_the_service_not_the_rules() -> None:
    graph = import_graph()
    for module in ("ui.dialogs.flags", "ui.widgets.flags_banner", "journal.cli.flags"):
        assert not {m for m in graph[module] if m.startswith("journal.rules")}, module
    assert not [c for c in cycles(graph)
                if "ui.dialogs.flags" in c or "ui.widgets.flags_banner" in c]
