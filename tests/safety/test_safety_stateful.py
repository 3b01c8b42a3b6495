"""A stateful test: any sequence of add / edit / delete / undo / redo on the journal matches
the same sequence on a plain in-memory model, and the file stays healthy throughout."""

from __future__ import annotations

import shutil
import tempfile
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    invariant,
    precondition,
    rule,
)

from journal.clock import FixedClock
from journal.errors import ValidationError
from journal.model import Episode, Kind, Region, Side
from journal.service import Journal

NOW = datetime(2026, 3, 16, 15, 0, tzinfo=timezone(timedelta(hours=1)))

contents = st.fixed_dictionaries({
    "kind": st.sampled_from(list(Kind)),
    "started_at": st.integers(60, 24 * 60 * 400).map(lambda m: NOW - timedelta(minutes=m)),
    "duration_s": st.integers(0, 3000),
    "intensity": st.integers(0, 10),
    "side": st.none() | st.sampled_from(list(Side)),
    "regions": st.lists(st.sampled_from(list(Region)), max_size=3, unique=True).map(tuple),
    "note": st.text(max_size=30),
})


class JournalMachine(RuleBasedStateMachine):
    ids = Bundle("ids")

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="stateful-"))
        self.journal = Journal.open(self.folder / "journal.sqlite3", FixedClock(NOW))
        self.model: dict[str, Episode] = {}
        # (id, before, after) like the service's history; a new change clears redo.
        self.undo_stack: list[tuple[str, Episode | None, Episode | None]] = []
        self.redo_stack: list[tuple[str, Episode | None, Episode | None]] = []

    def _record(self, key: str, before: Episode | None, after: Episode | None) -> None:
        self.undo_stack.append((key, before, after))
        self.redo_stack.clear()

    def _set(self, key: str, value: Episode | None) -> None:
        if value is None:
            self.model.pop(key, None)
        else:
            self.model[key] = value

    @rule(target=ids, fields=contents)
    def add(self, fields: dict[str, object]) -> str:
        ep = Episode(id=str(uuid.uuid4()), **fields)  # type: ignore[arg-type]
        change = self.journal.add_episode(ep)
        assert change.action == "added" and change.ids == (ep.id,)
        self.model[ep.id] = ep
        self._record(ep.id, None, ep)
        return ep.id

    @rule(key=ids, fields=contents)
    def edit(self, key: str, fields: dict[str, object]) -> None:
        ep = Episode(id=key, **fields)  # type: ignore[arg-type]
        if key not in self.model:
            try:
                self.journal.update_episode(ep)
            except ValidationError:
                return
            raise AssertionError("editing a deleted episode must be refused")
        before = self.model[key]
        self.journal.update_episode(ep)
        self.model[key] = ep
        self._record(key, before, ep)

    @rule(key=consumes(ids))
    def delete(self, key: str) -> None:
        if key not in self.model:
            try:
                self.journal.delete_episode(key)
            except ValidationError:
                return
            raise AssertionError("deleting a deleted episode must be refused")
        before = self.model.pop(key)
        self.journal.delete_episode(key)
        self._record(key, before, None)

    @rule()
    def undo(self) -> None:
        change = self.journal.undo()
        if not self.undo_stack:
            assert change is None
            return
        key, before, after = self.undo_stack.pop()
        assert change is not None and change.action == "undone" and change.ids == (key,)
        self._set(key, before)
        self.redo_stack.append((key, before, after))

    @rule()
    def redo(self) -> None:
        change = self.journal.redo()
        if not self.redo_stack:
            assert change is None
            return
        key, before, after = self.redo_stack.pop()
        assert change is not None and change.action == "redone" and change.ids == (key,)
        self._set(key, after)
        self.undo_stack.append((key, before, after))

    @precondition(lambda self: len(self.model) > 0)
    @rule()
    def reopen(self) -> None:
        """Closing and opening the file keeps every entry (the undo history is per session)."""
        self.journal.close()
        self.journal = Journal.open(self.folder / "journal.sqlite3", FixedClock(NOW))
        self.undo_stack.clear()
        self.redo_stack.clear()

    @invariant()
    def journal_matches_model(self) -> None:
        stored = {e.id: e for e in self.journal.episodes()}
        assert stored == self.model
        assert self.journal.can_undo == bool(self.undo_stack)
        assert self.journal.can_redo == bool(self.redo_stack)

    def teardown(self) -> None:
        assert self.journal.check() == []
        self.journal.close()
        shutil.rmtree(self.folder, ignore_errors=True)


JournalMachine.TestCase.settings = settings(
    max_examples=30, stateful_step_count=20, deadline=None,
    suppress_health_check=[HealthCheck.too_slow])
test_journal_matches_an_in_memory_model = JournalMachine.TestCase
