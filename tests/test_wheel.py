"""The installed wheel, not only the checkout, carries migrations/ and resources/ and works.

The long variant (``--runslow``, about a minute) installs the wheel with its pinned dependencies
into a fresh virtual environment and runs the app and the CLI from a folder outside the checkout.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from journal import APP_ID
from journal.service.desktop import ICON_SIZES

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
    assert f"ui/resources/{APP_ID}.desktop" in names
    assert f"ui/resources/{APP_ID}.metainfo.xml" in names
    assert {f"ui/resources/icons/hicolor/app-{n}.png" for n in ICON_SIZES} <= names
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


def _run(cmd: list[str], cwd: Path, env: dict[str, str], timeout: int = 300) -> str:
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=cwd,
                            env=env)
    assert result.returncode == 0, f"{cmd}\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}"
    return result.stdout


@pytest.mark.slow
def test_wheel_in_a_fresh_venv_runs_the_app_and_the_cli(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    clean = {k: v for k, v in os.environ.items()
             if k not in {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME"}}
    _run([sys.executable, "-m", "venv", str(venv)], tmp_path, clean)
    _run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)], tmp_path, clean,
         timeout=900)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**clean, "HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen",
           "XDG_DATA_HOME": str(tmp_path / "home" / "share"), "PYTHONSAFEPATH": "1"}
    where = _run([str(venv / "bin" / "python"), "-c",
                  "import journal, ui.app as a; print(journal.__file__); "
                  "print(a.resource_path('style.qss'))"], elsewhere, env)
    assert str(ROOT) not in where and where.count(str(venv)) == 2, where
    exe = str(venv / "bin" / "symptom-journal")
    (tmp_path / "data").mkdir()
    db = str(tmp_path / "data" / "journal.sqlite3")
    _run([exe, "demo", "--out", db, "--years", "0.25"], elsewhere, env)
    assert "smoke-test ok" in _run([exe, "--db", db, "--smoke-test"], elsewhere, env)
    _run([exe, "--db", db, "report", "--out", "report.pdf"], elsewhere, env)
    assert (elsewhere / "report.pdf").read_bytes()[:5] == b"%PDF-"
    assert json.loads(_run([exe, "--db", db, "list", "--json"], elsewhere, env))["episodes"]
    _run([exe, "install-desktop"], elsewhere, env)
    entry = (tmp_path / "home" / "share" / "applications" / f"{APP_ID}.desktop").read_text()
    assert f"Exec={exe}\n" in entry


def test_every_package_in_the_checkout_is_listed_for_the_wheel() -> None:
    # pyproject lists packages by hand (migrations/ and resources/ are mapped into journal/ and
    # ui/), so a new subpackage must be added there or the wheel and the bundle lack it.
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for top in ("journal", "ui")
        for init in (ROOT / top).rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert found - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"
