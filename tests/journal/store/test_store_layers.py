"""The store's modules form a one-way chain (no cycle, counting imports inside functions), and
nothing in the app or the command line reaches into the store past the service."""

from __future__ import annotations

from tests.helpers.imports import import_graph

#: Lowest first: each module may import only the ones before it.
CHAIN = (
    "journal.store.probe",
    "journal.store.files",
    "journal.store.crypto",
    "journal.store.connect",
    "journal.store.check",
    "journal.store.schema",
    "journal.store.backup",
    "journal.store.engine",
    "journal.store.upgrade",
    "journal.store.db",
)


def test_the_store_is_a_one_way_chain() -> None:
    graph = import_graph()
    for i, module in enumerate(CHAIN):
        store_imports = {m for m in graph[module] if m.startswith("journal.store.")}
        assert store_imports <= set(CHAIN[:i]), (module, store_imports - set(CHAIN[:i]))


def test_shared_file_helpers_live_outside_the_store() -> None:
    """Charts and the report write their files with journal.fsutil, not the journal's store."""
    graph = import_graph()
    assert not any(m.startswith("journal.store") for m in graph["journal.fsutil"])
    writers = {m: imports for m, imports in graph.items()
               if m.startswith(("journal.charts", "journal.report"))}
    assert {m for m, imports in writers.items() if "journal.store.files" in imports} == set()
    assert "journal.fsutil" in graph["journal.charts.render"]


def test_the_app_and_the_command_line_do_not_import_the_store() -> None:
    graph = import_graph()
    reaching = {module: sorted(m for m in imports if m.startswith("journal.store"))
                for module, imports in graph.items()
                if module.startswith(("ui", "journal.cli"))}
    assert {m: found for m, found in reaching.items() if found} == {}
