"""No network: the command line and a GUI smoke run, with every socket connection and name
lookup trapped by an audit hook (installed by a sitecustomize on PYTHONPATH), try none."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SITECUSTOMIZE = r'''
import os, sys

_LOG = os.environ["NETTRAP_LOG"]
_EVENTS = {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname",
           "socket.gethostbyaddr", "socket.sendto", "socket.sendmsg", "urllib.Request",
           "http.client.connect", "ftplib.connect", "smtplib.connect", "webbrowser.open"}

def _trap(event, args):
    if event in _EVENTS:
        with open(_LOG, "a", encoding="utf-8") as log:
            log.write(repr((event, [repr(a)[:200] for a in args])) + "\n")
        raise ConnectionRefusedError(f"network use trapped by the test: {event}")

sys.addaudithook(_trap)
'''


@pytest.fixture
def trapped_env(tmp_path: Path) -> dict[str, str]:
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE)
    log = tmp_path / "network-attempts.log"
    log.write_text("")
    env = dict(os.environ)
    env.update(
        PYTHONPATH=os.pathsep.join([str(site), env.get("PYTHONPATH", "")]).rstrip(os.pathsep),
        NETTRAP_LOG=str(log), HOME=str(tmp_path / "home"),
        XDG_CONFIG_HOME=str(tmp_path / "home" / ".config"),
        XDG_DATA_HOME=str(tmp_path / "home" / ".local" / "share"),
        XDG_CACHE_HOME=str(tmp_path / "home" / ".cache"),
        MPLCONFIGDIR=str(tmp_path / "mpl"), QT_QPA_PLATFORM="offscreen",
        SYMPTOM_JOURNAL_DB=str(tmp_path / "data" / "journal.sqlite3"),
    )
    (tmp_path / "home").mkdir()
    return env


def _attempts(env: dict[str, str]) -> list[str]:
    return [line for line in Path(env["NETTRAP_LOG"]).read_text().splitlines() if line]


def _run(env: dict[str, str], *argv: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ui.launcher", *argv], env=env, text=True,
                          capture_output=True, timeout=timeout)


def test_the_trap_catches_a_connection(trapped_env: dict[str, str]) -> None:
    probe = ("import socket\ntry:\n    socket.create_connection(('127.0.0.1', 9), timeout=1)\n"
             "except OSError as exc:\n    print(type(exc).__name__)\n")
    proc = subprocess.run([sys.executable, "-c", probe], env=trapped_env, text=True,
                          capture_output=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert len(_attempts(trapped_env)) >= 1  # the hook sees it: the real tests can fail


def test_command_line_and_gui_make_no_network_attempt(trapped_env: dict[str, str],
                                                      tmp_path: Path) -> None:
    env = trapped_env
    export = tmp_path / "export.json"
    backup_file = tmp_path / "backup.sqlite3"
    commands: list[tuple[str, ...]] = [
        ("add", "--kind", "cramp", "--at", "2026-03-14T08:15:00+01:00", "--duration", "5m",
         "--intensity", "6", "--side", "left", "--trigger", "caffeine=200mg", "--note", "café"),
        ("add", "--kind", "twitch", "--at", "2026-03-15T21:40:00-05:00", "--duration", "90s",
         "--intensity", "2"),
        ("checkin", "--date", "2026-03-15", "--caffeine-mg", "300", "--stress", "6"),
        ("list",),
        ("export", "--format", "json", "--out", str(export)),
        ("export", "--format", "csv", "--out", str(tmp_path / "export.csv")),
        ("import", str(export)),
        ("check",),
        ("backup",),
        ("backup", "--out", str(backup_file)),
        ("backups",),
        ("restore", str(backup_file)),
        ("--version",),
    ]
    from journal.cli import build_parser

    parser = build_parser()
    available = set(parser._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    for optional in (("flags",), ("stats",), ("report", "--out", str(tmp_path / "r.pdf"))):
        if optional[0] in available:
            commands.append(optional)
    ran = 0
    for argv in commands:
        proc = _run(env, *argv)
        ran += 1
        assert "Traceback" not in proc.stderr, (argv, proc.stderr)
        if argv[0] not in ("flags", "trends", "report"):
            assert proc.returncode == 0, (argv, proc.stdout, proc.stderr)
        assert _attempts(env) == [], (argv, _attempts(env))
    _run(env, "--help")  # its output is the CLI's business; here only the network counts
    ran += 1
    assert _attempts(env) == []
    smoke = _run(env, "--smoke-test", timeout=180)
    assert smoke.returncode == 0, smoke.stdout + smoke.stderr
    assert "smoke-test ok" in smoke.stdout
    delete = _run(env, "delete-all-data", "--yes")
    assert delete.returncode == 0, delete.stderr
    attempts = _attempts(env)
    print(f"\nno network: {ran + 2} runs (CLI and GUI smoke), network attempts seen: "
          f"{len(attempts)}")
    assert attempts == []
    assert json.loads(export.read_text())["episodes"]
