"""The layering, enforced: who may import what, and no import cycles (imports inside functions and
TYPE_CHECKING blocks count, so a cycle cannot hide in a function body)."""

from __future__ import annotations

import pytest

from tests.helpers.imports import cycles, import_graph

GRAPH = import_graph()

# What the UI and the command line may take from the core: the one way in (the service package),
# the value types, the vocabulary, the error types, the clock and the package's name and version.
FRONT_DOOR = ("journal.service", "journal.model", "journal.vocabulary", "journal.errors",
              "journal.clock", "journal.i18n")


def _inside(target: str, package: str) -> bool:
    return target == package or target.startswith(package + ".")


def _allowed_for_front(module: str, target: str) -> bool:
    if target == "journal" or any(_inside(target, p) for p in FRONT_DOOR):
        return True
    if module.startswith("journal.cli") and _inside(target, "journal.cli"):
        return True
    # The one executable hands subcommands to the command line without loading Qt.
    return module == "ui.launcher" and target == "journal.cli"


def _front_modules() -> list[str]:
    return sorted(m for m in GRAPH if m.startswith("ui") or m.startswith("journal.cli"))


@pytest.mark.parametrize("module", _front_modules())
def test_ui_and_cli_come_in_through_the_service(module: str) -> None:
    reached = sorted(t for t in GRAPH[module] if t.startswith("journal")
                     and not _allowed_for_front(module, t))
    assert not reached, f"{module} imports {reached}: go through journal.service instead"


def test_the_core_never_imports_the_ui() -> None:
    offenders = {m: sorted(t for t in ts if t.startswith("ui"))
                 for m, ts in GRAPH.items() if m.startswith("journal")}
    assert not {m: ts for m, ts in offenders.items() if ts}


def test_the_report_reads_through_its_protocol() -> None:
    """The report is built from what the service hands it: never the store, the analytics or the
    service itself (which would make a cycle with the service's lazy report import)."""
    forbidden = ("journal.store", "journal.analytics", "journal.service")
    offenders = {m: sorted(t for t in ts if t.startswith(forbidden))
                 for m, ts in GRAPH.items() if m.startswith("journal.report")}
    assert not {m: ts for m, ts in offenders.items() if ts}


def test_shared_file_helpers_live_outside_the_store() -> None:
    users = ("journal.charts", "journal.report")
    offenders = {m: sorted(t for t in ts if t.startswith("journal.store"))
                 for m, ts in GRAPH.items() if m.startswith(users)}
    assert not {m: ts for m, ts in offenders.items() if ts}


def test_no_import_cycles() -> None:
    assert cycles(GRAPH) == []


def test_the_checker_sees_a_cycle() -> None:
    """The cycle finder itself can fail: a made-up two-module loop is found."""
    graph = {"journal.a": {"journal.b"}, "journal.b": {"journal.a"}, "journal.c": set()}
    assert cycles(graph) == [["journal.a", "journal.b"]]
