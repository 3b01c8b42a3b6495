"""Warning flags: evaluate the rule engine over the journal, and keep each flag's history.

The flag value types (:class:`Flag`, :class:`FlagRecord`, :class:`Tier`) and the rule table's
words (:func:`rule_for`, :func:`emergency_rules`) are re-exported here, so the UI and the command
line read flags through the service and never import ``journal.rules`` themselves.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from journal.errors import ValidationError
from journal.model import (
    Episode,
    Kind,
)
from journal.rules.engine import Flag, FlagRecord
from journal.rules.table import RULES, RULES_BY_ID, Rule, Tier
from journal.service.entries import EntriesMixin
from journal.store.schema import EpisodeRow

__all__ = ["Flag", "FlagRecord", "FlagsMixin", "Rule", "Tier", "emergency_rules", "rule_for"]


def rule_for(rule_id: str) -> Rule | None:
    """The rule table's entry (title, advice, source, when it fires) for a stable rule id."""
    return RULES_BY_ID.get(rule_id)


def emergency_rules() -> tuple[Rule, ...]:
    """The rules whose base tier is ``emergency``, in the table's order."""
    return tuple(r for r in RULES if r.tier is Tier.EMERGENCY)


class FlagsMixin(EntriesMixin):
    # --- warning flags

    def _flag_history_input(self, day: date) -> Any:
        """The history the rules read, up to ``day``, loaded lean: one Core query with only the
        columns the rules use (kind, start, duration, side, radiates, warning signs), so a
        ten-year journal evaluates in well under a second. Other fields keep their defaults."""
        import json
        from datetime import UTC, timedelta, timezone

        from sqlalchemy import Text, cast

        from journal.model import Radiates, Side, WarningSign
        from journal.rules import History

        e = EpisodeRow
        # The signs as raw JSON text: most episodes have none ("[]"), so skip decoding those.
        stmt = (select(e.id, e.kind, e.started_at_utc, e.utc_offset_min, e.duration_s,
                       e.intensity, e.side, e.radiates_to, cast(e.warning_signs, Text))
                .where(e.local_date <= day).order_by(e.started_at_utc, e.id))
        zones: dict[int, timezone] = {}
        kinds = {k.value: k for k in Kind}
        episodes: list[Episode] = []
        with self._read() as s:
            for (ep_id, kind, start_utc, offset, duration, intensity, side, radiates,
                 signs) in s.execute(stmt):
                tz = zones.get(offset)
                if tz is None:
                    tz = zones[offset] = timezone(timedelta(minutes=offset))
                episodes.append(Episode(
                    kind=kinds[kind],
                    started_at=start_utc.replace(tzinfo=UTC).astimezone(tz),
                    duration_s=duration,
                    intensity=intensity,
                    side=Side(side) if side else None,
                    radiates_to=(Radiates(radiates) if radiates != "none" else Radiates.NONE),
                    warning_signs=(tuple(WarningSign(w) for w in json.loads(signs))
                                   if signs and signs != "[]" else ()),
                    id=ep_id,
                ))
        return History(tuple(episodes), tuple(self.checkins(end=day)))

    def flags(self, today: date | None = None) -> list[Flag]:
        """The warning flags firing as of ``today`` (default: the clock's today), most urgent
        first. Reads only; see :meth:`record_flags` to keep the flag history."""
        from journal.rules import evaluate

        day = today or self.today()
        return evaluate(self._flag_history_input(day), day)

    def record_flags(self, today: date | None = None) -> list[Flag]:
        """Evaluate and keep the flag history: a rule that starts firing gets a row (first fired
        today), a rule that stopped firing gets its ``cleared_on``. Returns the current flags.

        A spell's tier is the most urgent it reached; reaching ``emergency`` undoes a dismissal.
        """
        from journal.rules import Tier
        from journal.store.schema import FlagHistoryRow

        keep = 100  # evidence entries kept per spell in the file
        day = today or self.today()
        current = self.flags(day)
        with self._write() as s:
            open_rows = {r.rule: r for r in s.scalars(
                select(FlagHistoryRow).where(FlagHistoryRow.cleared_on.is_(None)))}
            for flag in current:
                # Kept compact: a long run can have thousands of episodes; the latest ones and
                # the counts are enough for the report (the engine gives the full list).
                evidence: dict[str, object] = {
                    "episodes": list(flag.evidence_episodes[-keep:]),
                    "episode_count": len(flag.evidence_episodes),
                    "checkins": [d.isoformat() for d in flag.evidence_checkins[-keep:]],
                    "checkin_count": len(flag.evidence_checkins),
                    "since": flag.since.isoformat(),
                }
                row = open_rows.pop(flag.rule, None)
                if row is None:
                    s.add(FlagHistoryRow(rule=flag.rule, tier=flag.tier.value,
                                         first_fired_on=day, cleared_on=None, dismissed=False,
                                         evidence=evidence))
                    continue
                if flag.tier.more_urgent_than(Tier(row.tier)):
                    row.tier = flag.tier.value
                if flag.tier is Tier.EMERGENCY:
                    row.dismissed = False
                if row.evidence != evidence:
                    row.evidence = evidence
            for row in open_rows.values():
                row.cleared_on = max(day, row.first_fired_on)
        return current

    def flag_history(self) -> list[FlagRecord]:
        """Every spell of every flag, oldest first: when it first fired and when it cleared."""
        from journal.rules import FlagRecord, Tier
        from journal.store.schema import FlagHistoryRow

        with self._read() as s:
            rows = s.scalars(select(FlagHistoryRow).order_by(
                FlagHistoryRow.first_fired_on, FlagHistoryRow.id))
            return [FlagRecord(r.rule, Tier(r.tier), r.first_fired_on, r.cleared_on,
                               bool(r.dismissed)) for r in rows]

    def dismissed_flags(self) -> set[str]:
        """Rules whose current spell the person dismissed (shown in the Flags list only)."""
        return {r.rule for r in self.flag_history() if r.cleared_on is None and r.dismissed}

    def dismiss_flag(self, rule: str, today: date | None = None) -> None:
        """Mark an ``urgent``/``soon`` flag as seen, so the banner stops showing it until it
        clears and fires again. ``emergency`` flags cannot be dismissed while they fire."""
        from journal.rules import Tier
        from journal.store.schema import FlagHistoryRow

        current = {f.rule: f for f in self.record_flags(today)}
        flag = current.get(rule)
        if flag is None:
            raise ValidationError("rule", f"The flag {rule!r} is not showing now.")
        if flag.tier is Tier.EMERGENCY:
            raise ValidationError(
                "rule", "An emergency flag cannot be dismissed while the sign is current.")
        with self._write() as s:
            for row in s.scalars(select(FlagHistoryRow).where(
                    FlagHistoryRow.rule == rule, FlagHistoryRow.cleared_on.is_(None))):
                row.dismissed = True
