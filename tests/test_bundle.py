"""The PyInstaller bundle runs the app and the CLI on a machine whose Python is out of reach.

Slow (``--runslow``; ``make bundle-test``): builds the bundle with ``make bundle`` (minutes, CPU
heavy) unless ``SYMPTOM_JOURNAL_BUNDLE`` names an already built ``dist/SymptomJournal`` folder.

"Without Python" is made real where it can be: run as root with ``unshare`` available, each
command runs in a private mount namespace where every Python install the test can find (this
interpreter's prefixes, ``/usr/lib/python3*``, ``/usr/bin/python3*``) is hidden behind an empty
tmpfs or ``/dev/null``, with ``PATH`` set to an empty folder. Elsewhere only ``PATH`` is emptied
and the test checks that the bundle links its own libpython.
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from journal import APP_ID

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bundle() -> Path:
    given = os.environ.get("SYMPTOM_JOURNAL_BUNDLE")
    if given:
        return Path(given).resolve()
    make = subprocess.run(["make", "bundle"], cwd=ROOT, capture_output=True, text=True,
                          timeout=3600)
    assert make.returncode == 0, make.stdout[-3000:] + make.stderr[-3000:]
    return ROOT / "dist" / "SymptomJournal"


def _python_hiding_script() -> str | None:
    """A shell prelude that hides every Python we know of, or None when that is not possible."""
    mount = shutil.which("mount")
    if os.geteuid() != 0 or shutil.which("unshare") is None or mount is None:
        return None
    folders: set[str] = set()
    for prefix in {sys.prefix, sys.base_prefix, os.path.realpath(sys.base_prefix)}:
        if prefix in ("/usr", "/usr/local"):
            folders.update(glob.glob(f"{prefix}/lib/python3*"))
        else:
            folders.add(prefix)
    folders.update(glob.glob("/usr/lib/python3*") + glob.glob("/usr/local/lib/python3*"))
    files = {os.path.realpath(p) for p in glob.glob("/usr/bin/python3*")
             + glob.glob("/usr/local/bin/python3*") if os.path.isfile(p)}
    lines = [f"{mount} -t tmpfs none '{d}' || exit 97" for d in sorted(folders) if os.path.isdir(d)]
    lines += [f"{mount} --bind /dev/null '{f}' || exit 97" for f in sorted(files)]
    return "\n".join(lines)


class NoPython:
    """Runs commands with no Python reachable (see the module docstring)."""

    def __init__(self, tmp: Path) -> None:
        self.bin = tmp / "empty-bin"
        self.bin.mkdir()
        self.home = tmp / "home"
        self.home.mkdir()
        self.cwd = tmp / "work"
        self.cwd.mkdir()
        self.env = {"PATH": str(self.bin), "HOME": str(self.home), "LANG": "C.UTF-8",
                    "QT_QPA_PLATFORM": "offscreen",
                    "XDG_DATA_HOME": str(self.home / "share")}
        self.prelude = _python_hiding_script()
        self.unshare = shutil.which("unshare") or "unshare"
        if self.prelude is not None:
            probe = subprocess.run([self.unshare, "-m", "--propagation", "private", "/bin/sh",
                                    "-c", self.prelude], capture_output=True)
            if probe.returncode != 0:  # a container that forbids mount namespaces
                self.prelude = None

    def run(self, *args: str, timeout: int = 300) -> subprocess.CompletedProcess[str]:
        cmd = list(args)
        if self.prelude is not None:
            script = self.prelude + '\nexec "$@"\n'
            cmd = [self.unshare, "-m", "--propagation", "private", "/bin/sh", "-c", script,
                   "sh", *cmd]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                              cwd=self.cwd, env=self.env)


@pytest.fixture
def nopython(tmp_path: Path) -> NoPython:
    return NoPython(tmp_path)


def test_no_python_is_reachable_where_the_bundle_runs(nopython: NoPython) -> None:
    if nopython.prelude is None:
        pytest.skip("needs root and unshare to hide the installed Pythons")
    for python in {sys.executable, os.path.realpath(sys.executable), "/usr/bin/python3"}:
        if os.path.exists(python):
            result = nopython.run(python, "-c", "print('reachable')")
            assert "reachable" not in result.stdout, python


def test_bundle_links_its_own_python(bundle: Path) -> None:
    if shutil.which("ldd") is None:
        pytest.skip("no ldd")
    internal = bundle / "_internal"
    (libpython,) = internal.glob("libpython3*.so*")
    for binary in (bundle / "SymptomJournal", libpython):
        deps = subprocess.run(["ldd", str(binary)], capture_output=True, text=True).stdout
        outside = [line for line in deps.splitlines()
                   if "libpython" in line and str(internal) not in line]
        assert not outside, outside


def test_bundle_and_tarball_carry_the_desktop_files(bundle: Path) -> None:
    assert (bundle / "SymptomJournal").is_file()
    entry = bundle / "share" / "applications" / f"{APP_ID}.desktop"
    assert "Exec=SymptomJournal\n" in entry.read_text(encoding="utf-8")
    assert (bundle / "share" / "icons" / "hicolor" / "256x256" / "apps" / f"{APP_ID}.png").is_file()
    (tarball,) = bundle.parent.glob("SymptomJournal-*.tar.gz")
    with tarfile.open(tarball) as tar:
        names = set(tar.getnames())
    assert "SymptomJournal/SymptomJournal" in names
    assert f"SymptomJournal/share/applications/{APP_ID}.desktop" in names
    assert f"SymptomJournal/share/metainfo/{APP_ID}.metainfo.xml" in names


def test_bundle_runs_app_and_cli_without_python(bundle: Path, nopython: NoPython) -> None:
    exe = str(bundle / "SymptomJournal")
    db = "journal.sqlite3"

    def ok(*args: str) -> str:
        result = nopython.run(exe, *args)
        assert result.returncode == 0, f"{args}\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}"
        # The report's chart helper re-runs the executable with -m: it must not reach argparse.
        assert "invalid choice" not in result.stderr, result.stderr
        return result.stdout

    ok("demo", "--out", db, "--years", "0.5")
    assert "smoke-test ok" in ok("--db", db, "--smoke-test")
    ok("--db", db, "report", "--out", "report.pdf")
    assert (nopython.cwd / "report.pdf").read_bytes()[:5] == b"%PDF-"
    ok("--db", db, "chart", "--type", "frequency", "--out", "chart.svg")
    assert (nopython.cwd / "chart.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    assert json.loads(ok("--db", db, "list", "--json"))["episodes"]
    ok("--db", db, "check")
    # The catalogues travel with the bundle: German and Spanish, not English in disguise.
    assert "Episoden" in ok("--lang", "de", "--db", db, "report", "--out", "bericht.pdf")
    assert "episodios" in ok("--lang", "es", "--db", db, "report", "--out", "informe.pdf")
    ok("install-desktop")
    entry = nopython.home / "share" / "applications" / f"{APP_ID}.desktop"
    assert f"Exec={exe}\n" in entry.read_text(encoding="utf-8")
    assert "Name[de]=Symptomtagebuch" in entry.read_text(encoding="utf-8")
    # Nothing is written next to the executable.
    assert not list(bundle.glob("*.sqlite3")) and not list(bundle.glob("*.log"))
