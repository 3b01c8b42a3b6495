"""The installed wheel, not only the checkout, carries migrations/ and resources/ and works."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(out), str(ROOT)],
        capture_output=True, text=True, timeout=300, cwd=out,
    )
    assert build.returncode == 0, build.stderr[-2000:]
    (found,) = out.glob("symptom_journal-*.whl")
    return found


def test_wheel_contains_migrations_and_resources(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "journal/migrations/env.py" in names
    assert "journal/migrations/script.py.mako" in names
    assert any(n.startswith("journal/migrations/versions/0001_initial") for n in names)
    assert "ui/resources/icons/app.svg" in names
    assert any(n.endswith("entry_points.txt") for n in names)
    assert not any(n.startswith(("tests/", "bench/")) for n in names)


def test_unpacked_wheel_works_from_another_directory(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    # Only the unpacked wheel provides journal/ui: the checkout is not importable from here.
    env["PYTHONPATH"] = str(site)
    env["PYTHONSAFEPATH"] = "1"
    code = (
        "import sys, journal, ui.app as app\n"
        "assert 'site' in journal.__file__, journal.__file__\n"
        "from journal.store import db\n"
        "from journal.service import Journal\n"
        "p = sys.argv[1]\n"
        "Journal.open(p).close()\n"
        "fresh = sys.argv[1] + '.alembic'\n"
        "engine = db.make_engine(fresh); db.run_alembic_upgrade(engine); engine.dispose()\n"
        "print('alembic head', db.read_revision(fresh) == db.HEAD)\n"
        "print('icon', app.resource_path('icons/app.svg').exists())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "data" / "j.sqlite3")],
        capture_output=True, text=True, timeout=120, cwd=elsewhere, env=env,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "icon True" in result.stdout
    assert "alembic head True" in result.stdout
