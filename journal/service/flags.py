"""Warning flags: evaluate the rule engine over the journal, and keep each flag's history.

The flag value types (:class:`Flag`, :class:`FlagRecord`, :class:`Tier`) and the rule table's
words (:func:`rule_for`, :func:`emergency_rules`) are re-exported here, so the UI and the command
line read flags through the service and never import ``journal.rules`` themselves.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from journal.errors import ValidationError
from journal.i18n import _
from journal.rules.engine import Flag, FlagRecord
from journal.rules.table import RULES, RULES_BY_ID, Rule, Tier
from journal.service.entries import EntriesMixin
from journal.store import repository as repo

if TYPE_CHECKING:
    from journal.rules import History

__all__ = ["Flag", "FlagRecord", "FlagsMixin", "Rule", "Tier", "emergency_rules", "rule_for"]


def rule_for(rule_id: str) -> Rule | None:
    """The rule table's entry (title, advice, source, when it fires) for a stable rule id."""
    return RULES_BY_ID.get(rule_id)


def emergency_rules() -> tuple[Rule, ...]:
    """The rules whose base tier is ``emergency``, in the table's order."""
    return tuple(r for r in RULES if r.tier is Tier.EMERGENCY)


class FlagsMixin(EntriesMixin):
    # --- warning flags

    def _flag_history_input(self, day: date) -> History:
        """The history the rules read, up to ``day``, loaded lean: one Core query with only the
        columns the rules use (kind, start, duration, side, radiates, warning signs), so a
        ten-year journal evaluates in well under a second. Other fields keep their defaults."""
        from journal.rules import History

        with self._read() as s:
            episodes = repo.rule_input_episodes(s, day)
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


        keep = 100  # evidence entries kept per spell in the file
        day = today or self.today()
        current = self.flags(day)
        with self._write() as s:
            open_rows = repo.open_flag_spells(s)
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
                    repo.add_flag_spell(s, flag.rule, flag.tier.value, day, evidence)
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


        with self._read() as s:
            spells = repo.flag_spells(s)
        return [FlagRecord(rule, Tier(tier), first, cleared, dismissed)
                for rule, tier, first, cleared, dismissed in spells]

    def dismissed_flags(self) -> set[str]:
        """Rules whose current spell the person dismissed (shown in the Flags list only)."""
        return {r.rule for r in self.flag_history() if r.cleared_on is None and r.dismissed}

    def dismiss_flag(self, rule: str, today: date | None = None) -> None:
        """Mark an ``urgent``/``soon`` flag as seen, so the banner stops showing it until it
        clears and fires again. ``emergency`` flags cannot be dismissed while they fire."""


        current = {f.rule: f for f in self.record_flags(today)}
        flag = current.get(rule)
        if flag is None:
            raise ValidationError("rule", _("The flag {rule!r} is not showing now.").format(
                                              rule=rule))
        if flag.tier is Tier.EMERGENCY:
            raise ValidationError(
                "rule", _("An emergency flag cannot be dismissed while the sign is current."))
        with self._write() as s:
            repo.dismiss_open_spell(s, rule)
