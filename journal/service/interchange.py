"""Export to JSON and CSV, and import a JSON export (all-or-nothing, never overwriting)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journal.errors import ValidationError
from journal.fsutil import (
    MAX_IMPORT_BYTES,
    FileTooLargeError,
    atomic_write_text,
    open_bounded,
    read_bounded,
)
from journal.i18n import _
from journal.model import (
    utc_now,
)
from journal.service.base import Change, _History
from journal.service.entries import EntriesMixin
from journal.store import repository as repo

#: Episodes parsed before they are stored (in the import's one transaction): bounds the memory.
_IMPORT_BATCH = 5000

if TYPE_CHECKING:
    from journal.model import CheckIn, Episode


def entries_document(episodes: list[Episode], checkins: list[CheckIn]) -> dict[str, Any]:
    """Episodes and check-ins in the interchange form (the export's field names and values):
    what ``list --json`` prints."""
    from journal.report.interchange import checkin_to_dict, episode_to_dict

    return {"episodes": [episode_to_dict(e) for e in episodes],
            "checkins": [checkin_to_dict(c) for c in checkins]}


@dataclass(frozen=True)
class ImportResult:
    episodes_added: int
    episodes_skipped: int
    checkins_added: int
    checkins_skipped: int
    medications_added: int
    medications_skipped: int
    triggers_added: int
    change: Change

    def summary(self) -> str:
        return (
            _("Imported {episodes_added} episodes ({episodes_skipped} already present), "
              "{checkins_added} check-ins ({checkins_skipped} already present), "
              "{medications_added} medications ({medications_skipped} already present), "
              "{triggers_added} triggers.").format(
                episodes_added=self.episodes_added, episodes_skipped=self.episodes_skipped,
                checkins_added=self.checkins_added, checkins_skipped=self.checkins_skipped,
                medications_added=self.medications_added,
                medications_skipped=self.medications_skipped,
                triggers_added=self.triggers_added)
        )


@dataclass(frozen=True)
class ImportPreview:
    """What importing a document would add, counted before anything is written."""

    episodes_new: int
    episodes_present: int
    checkins_new: int
    checkins_present: int
    medications_new: int
    triggers_new: int
    #: The local dates the new episodes and check-ins span (None when nothing is new).
    first_day: date | None
    last_day: date | None

    @property
    def adds_anything(self) -> bool:
        return bool(self.episodes_new or self.checkins_new or self.medications_new
                    or self.triggers_new)


def _unreadable(path: Path, exc: OSError) -> ValidationError:
    from journal.i18n import _, os_error_reason

    return ValidationError("file", _("{0} cannot be read: {1}.").format(path, os_error_reason(exc)))


def read_import_file(path: Path) -> Any:
    """The JSON document in the export file ``path``, parsed but not yet checked against a
    journal, read whole (at most ``MAX_IMPORT_BYTES``). :meth:`InterchangeMixin.import_file`
    streams instead; this is for callers that want the document itself."""
    from journal.report import interchange

    try:
        data = read_bounded(Path(path), MAX_IMPORT_BYTES)
    except FileTooLargeError:
        raise interchange._too_large(MAX_IMPORT_BYTES) from None
    except OSError as exc:
        raise _unreadable(path, exc) from None
    return interchange.loads_document(data)


def check_import_file(path: Path) -> None:
    """Refuse, before any journal is opened or created, a file that cannot be an export: one
    that cannot be read, is too large, or does not start like a JSON object."""
    from journal.report import interchange

    try:
        with open_bounded(Path(path), MAX_IMPORT_BYTES) as reader:
            head = reader.read(4096)
    except FileTooLargeError:
        raise interchange._too_large(MAX_IMPORT_BYTES) from None
    except OSError as exc:
        raise _unreadable(path, exc) from None
    interchange.check_document_start(head)


class InterchangeMixin(EntriesMixin):
    # --- export / import --------------------------------------------------------------------

    def export_document(self, start: date | None = None, end: date | None = None) -> dict[str, Any]:
        from journal.report import interchange

        return interchange.to_document(
            self.episodes(start, end), self.checkins(start, end), self.medications(),
            self.user_triggers(), exported_at=self.now(),
        )

    def export_json(self, out: Path, start: date | None = None, end: date | None = None) -> int:
        from journal.report import interchange

        doc = self.export_document(start, end)
        atomic_write_text(Path(out), interchange.dumps_document(doc))
        return len(doc["episodes"])

    def export_csv(self, out: Path, start: date | None = None, end: date | None = None) -> int:
        from journal.report import interchange

        episodes = self.episodes(start, end)
        atomic_write_text(Path(out), interchange.episodes_to_csv(episodes))
        return len(episodes)

    def import_file(self, path: Path) -> ImportResult:
        """Import the export file ``path``, read as a stream: the memory used does not grow
        with the file (beyond a set of its ids), and nothing is stored unless all of it is
        valid (one transaction, rolled back on the first problem)."""
        from journal.report import interchange

        try:
            with open_bounded(Path(path), MAX_IMPORT_BYTES) as reader:
                return self._import_events(interchange.read_stream(reader))
        except FileTooLargeError:
            raise interchange._too_large(MAX_IMPORT_BYTES) from None
        except OSError as exc:
            raise _unreadable(path, exc) from None

    def preview_import(self, doc: object) -> ImportPreview:
        """Validate ``doc`` like :meth:`import_document` and count what it would add. Reads only."""
        from journal.report import interchange

        parsed = interchange.parse_document(doc, self.now(), self.known_trigger_ids())
        with self._read() as s:
            conn = s.connection()
            present = repo.existing_episode_ids(conn, [e.id for e in parsed.episodes])
            new_eps = [e for e in parsed.episodes if e.id not in present]
            have_days = {c.date for c in repo.list_checkins(s)}
            new_ci = [c for c in parsed.checkins if c.date not in have_days]
            have_meds = {m.id for m in repo.list_medications(s)}
            have_trig = {t.id for t in repo.list_user_triggers(s)}
        days = {e.local_date for e in new_eps} | {c.date for c in new_ci}
        return ImportPreview(
            len(new_eps), len(parsed.episodes) - len(new_eps),
            len(new_ci), len(parsed.checkins) - len(new_ci),
            sum(1 for m in parsed.medications if m.id not in have_meds),
            sum(1 for t in parsed.triggers if t.id not in have_trig),
            min(days, default=None), max(days, default=None))

    def import_document(self, doc: object) -> ImportResult:
        """Validate the whole document, then add what is new in one transaction.

        Entries whose id (or check-in date) is already in the journal are skipped, so importing
        the same file twice changes nothing. Import is not undoable; it never overwrites.
        """
        from journal.report import interchange

        return self._import_events(interchange.document_events(doc))

    def _import_events(self, events: Iterable[tuple[str, str, Any]]) -> ImportResult:
        from journal.report import interchange

        parser = interchange.DocumentParser(self.now(), self.known_trigger_ids())
        now = utc_now()
        added: list[str] = []
        dates: set[date] = set()
        with self._entry_write() as s:
            conn = s.connection()
            pending: list[Episode] = []

            def store_pending() -> None:
                # Ids already in the journal are skipped; the rest go in with one executemany.
                present = repo.existing_episode_ids(conn, [e.id for e in pending])
                new = [e for e in pending if e.id not in present]
                repo.bulk_insert_episodes(conn, new, now)
                added.extend(e.id for e in new)
                dates.update(e.started_at.date() for e in new)
                pending.clear()

            for event in events:
                episode = parser.feed(*event)
                if episode is not None:
                    pending.append(episode)
                    if len(pending) >= _IMPORT_BATCH:
                        store_pending()
            parser.finish()  # raising here rolls back every batch stored so far
            store_pending()
            existing_trig = {t.id for t in repo.list_user_triggers(s)}
            new_trig = [t for t in parser.triggers if t.id not in existing_trig]
            for t in new_trig:
                repo.put_user_trigger(s, t)
            s.flush()
            have_days = {c.date for c in repo.list_checkins(s)}
            new_ci = [c for c in parser.checkins if c.date not in have_days]
            repo.bulk_upsert_checkins(conn, new_ci, now)
            have_meds = {m.id for m in repo.list_medications(s)}
            new_meds = [m for m in parser.medications if m.id not in have_meds]
            for m in new_meds:
                repo.put_medication(s, m, now)
        dates.update(c.date for c in new_ci)
        change = Change("journal", "imported", tuple(added), tuple(sorted(dates)),
                        _("Import"))
        # An import is a bulk change the undo stack cannot walk back row by row.
        self._history = _History()
        return ImportResult(
            len(added), parser.episodes_read - len(added),
            len(new_ci), len(parser.checkins) - len(new_ci),
            len(new_meds), len(parser.medications) - len(new_meds),
            len(new_trig), change,
        )
