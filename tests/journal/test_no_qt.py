"""The core runs without a display: importing every journal module never loads Qt or ui."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import importlib, pkgutil, sys
import journal
names = ['journal']
for info in pkgutil.walk_packages(journal.__path__, 'journal.'):
    names.append(info.name)
for name in names:
    if name.endswith('__main__'):
        continue
    importlib.import_module(name)
bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'ui'))
print(len(names), 'modules;', 'qt:', bad)
sys.exit(1 if bad else 0)
"""


def test_importing_every_journal_module_leaves_qt_out() -> None:
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "qt: []" in result.stdout


def test_cli_subcommand_does_not_import_qt(tmp_path) -> None:
    code = (
        "import sys; from ui.launcher import main; "
        f"rc = main(['--db', {str(tmp_path / 'j.sqlite3')!r}, 'add', '--kind', 'twitch', "
        "'--at', '2020-01-01T10:00', '--duration', '1m', '--intensity', '2']); "
        "bad = [m for m in sys.modules if m.startswith('PySide6')]; "
        "print('qt:', bad); sys.exit(rc or (1 if bad else 0))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "qt: []" in result.stdout
