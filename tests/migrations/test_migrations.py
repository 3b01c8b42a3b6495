"""Migrations: the Alembic chain matches the models, saved fixtures upgrade with rows intact."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from journal.service import Journal
from journal.store import db
from journal.store.schema import Base
from tests.helpers.safety import table_rows

FIXTURES = Path(__file__).parent.parent / "fixtures" / "migrations"


def _schema(path: Path) -> dict[str, set[tuple[str, str, int]]]:
    """Tables -> (column, declared type, notnull) and index names: what must agree."""
    conn = sqlite3.connect(path)
    try:
        out: dict[str, set[tuple[str, str, int]]] = {}
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        ):
            cols = {(r[1], r[2].upper(), r[3]) for r in conn.execute(f"PRAGMA table_info({name})")}
            idx = {(r[1], "INDEX", 0) for r in conn.execute(f"PRAGMA index_list({name})")
                   if not r[1].startswith("sqlite_autoindex")}
            out[name] = cols | idx
        return out
    finally:
        conn.close()


def test_revision_list_matches_the_alembic_scripts() -> None:
    from importlib.resources import files

    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory(str(files("journal.migrations")))
    chain = [s.revision for s in reversed(list(scripts.walk_revisions()))]
    assert tuple(chain) == db.REVISIONS
    assert scripts.get_current_head() == db.HEAD


def test_alembic_from_empty_builds_the_same_schema_as_the_models(tmp_path: Path) -> None:
    via_models = tmp_path / "models.sqlite3"
    engine = db.make_engine(via_models)
    Base.metadata.create_all(engine)
    engine.dispose()
    via_alembic = tmp_path / "alembic.sqlite3"
    engine = db.make_engine(via_alembic)
    db.run_alembic_upgrade(engine)
    engine.dispose()
    models, migrated = _schema(via_models), _schema(via_alembic)
    migrated.pop("alembic_version")
    assert models == migrated


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("*.sqlite3")), ids=lambda p: p.stem)
def test_saved_fixture_opens_at_head_with_every_row_intact(fixture: Path, tmp_path: Path,
                                                           clock) -> None:
    path = tmp_path / "data" / fixture.name
    path.parent.mkdir()
    shutil.copy(fixture, path)
    before = table_rows(path)
    revision = db.read_revision(path)
    assert revision in db.REVISIONS
    with Journal.open(path, clock) as j:
        opened = j.opened
        assert opened is not None
        assert len(j.episodes()) == len(before["episodes"]) > 0
        assert j.medications() and j.checkins()
    after = table_rows(path)
    for table, rows in before.items():
        if table == "meta":
            continue
        # Columns a migration adds come after the old ones; the old values are unchanged.
        width = len(rows[0]) if rows else 0
        assert [r[:width] for r in after[table]] == rows, table
    if revision != db.HEAD:
        assert opened.upgraded_from == revision
        assert opened.backup is not None and opened.backup.exists()
        conn = sqlite3.connect(opened.backup)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == revision
        conn.close()
        # Listed for "Restore from backup…" with its reason, and never pruned by retention.
        from datetime import timedelta

        from journal.store import backup

        listed = {b.path: b for b in backup.list_backups(path)}
        assert listed[opened.backup].reason == "pre-upgrade"
        assert "pre upgrade" in listed[opened.backup].label
        for day in range(40):  # many automatic backups later
            backup.make_backup(path, clock.now() + timedelta(days=day + 1))
            backup.prune(path, clock.now() + timedelta(days=day + 1))
        assert opened.backup.exists()
    assert db.read_revision(path) == db.HEAD


def test_alembic_is_not_imported_when_no_upgrade_is_due(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "j.sqlite3"
    code = (
        "import sys; from journal.service import Journal; "
        f"Journal.open({str(path)!r}).close(); Journal.open({str(path)!r}).close(); "
        "print('alembic' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60)
    assert result.stdout.strip() == "False", result.stderr
