"""Every sentence the store and the service can show a person goes through the catalogue.

A static walk of journal/store, journal/service and journal/errors.py: a string literal or
f-string of three words or more that is not a docstring, an SQL statement or one of the few
texts below (words SQLite says, matched against its messages; a log line's format) must be
inside ``_()`` or ``N_()``. Then, in the pseudo-locale, the messages of a few refusals come out
translated (tests.helpers.i18n.untranslated)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from journal.clock import FixedClock
from journal.errors import StorageError
from tests.helpers.i18n import core_language, untranslated
from tests.helpers.safety import episode

ROOT = Path(__file__).resolve().parents[3] / "journal"
FILES = sorted([*ROOT.glob("store/*.py"), *ROOT.glob("service/*.py"), ROOT / "errors.py"])
SQL = re.compile(r"^\s*(SELECT|PRAGMA|CREATE|INSERT|DELETE|UPDATE|ALTER|DROP|WITH|BEGIN|VACUUM|"
                 r"ATTACH|DETACH)\b", re.I)
#: Not shown to anyone: matched against SQLite's own (English) messages, a thread's name, a log
#: line's format, a Python AttributeError, a developer's FileNotFoundError, the text of an
#: error raised inside a deleted journal's stand-in engine.
NOT_SHOWN = {"could not decode", "disk is full", "not a database", "unable to open",
             "early integrity check", "broken reference in {}",
             "%(asctime)s %(levelname)s %(name)s [%(process)d]: %(message)s",
             "module {} has no attribute {}", "{} is not shipped with this installation ({})",
             "this journal was deleted"}
MARKERS = {"_", "N_", "ngettext", "pgettext"}


def _unwrapped(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    docs = {node.body[0].value for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef))
            and node.body and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if node in docs or isinstance(parents.get(node), ast.JoinedStr):
                continue
            text = node.value
        elif isinstance(node, ast.JoinedStr):
            text = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
        else:
            continue
        if text.count(" ") < 2 or not re.search("[a-z]", text) or SQL.match(text):
            continue
        if text in NOT_SHOWN:
            continue
        up = parents.get(node)
        while up is not None and not (isinstance(up, ast.Call) and isinstance(up.func, ast.Name)
                                      and up.func.id in MARKERS):
            up = parents.get(up)
        if up is None:
            found.append(f"{path.relative_to(ROOT.parent)}:{node.lineno}: {text[:70]!r}")
    return found


def test_every_message_is_marked_for_translation() -> None:
    assert len(FILES) > 20
    missing = [line for path in FILES for line in _unwrapped(path)]
    assert missing == [], "\n".join(missing)


def _pseudo(message: str) -> list[str]:
    # Paths and file names are data, not words.
    return untranslated(re.sub(r"\S*/\S*|\S+\.sqlite3\S*", " ", message))


def test_refusals_come_out_in_the_person_s_language(tmp_path: Path, clock: FixedClock) -> None:
    from journal.service import Journal

    messages = []
    with core_language("qps"):
        with pytest.raises(StorageError) as info:
            Journal.open(tmp_path / "none" / "journal.sqlite3", clock, create=False)
        messages.append(str(info.value))
        empty = tmp_path / "empty.sqlite3"
        empty.write_bytes(b"")
        with pytest.raises(StorageError) as info:
            Journal.open(empty, clock)
        messages.append(str(info.value))
        db = tmp_path / "data" / "journal.sqlite3"
        with Journal.open(db, clock) as j:
            j.add_episode(episode())
            db.with_name(db.name + "-wal").unlink()
            with pytest.raises(StorageError) as info:
                j.add_episode(episode(2))
            messages.append(str(info.value))
            with pytest.raises(StorageError) as info:
                j.backup_now(out=tmp_path / "nowhere" / "b.sqlite3")
            messages.append(str(info.value))
    assert "[" in messages[0], "the pseudo-locale catalogue is not installed"
    for message in messages:
        assert _pseudo(message) == [], message
