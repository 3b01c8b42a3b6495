"""What a doctor's report contains: the options a person picks before exporting it.

Light on purpose (no fpdf2, no matplotlib): the report screen and the command line build a
:class:`ReportOptions` long before anything heavy is imported. The name and date of birth live only
in the options of one export; nothing here stores them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Final, Literal

from journal.errors import ValidationError
from journal.i18n import N_, Translated, _

Paper = Literal["A4", "Letter"]

#: The default period: the last 8 weeks, a span a clinician can take in and long enough to show
#: a trend (first two weeks against the last two).
DEFAULT_WEEKS: Final = 8
#: Longer periods are allowed, but a report is meant for one appointment, not a decade.
MAX_PERIOD_DAYS: Final = 3 * 366
MAX_QUESTIONS_CHARS: Final = 4000

#: Section ids in the order they are printed, with their headings. Page 1 carries the header
#: (always printed), and the first part of "flags", "summary", "charts" and "triggers".
SECTIONS: Final[tuple[tuple[str, str], ...]] = (
    ("flags", N_("Warning signs and flags")),
    ("summary", N_("Summary by kind and side")),
    ("charts", N_("Charts")),
    ("triggers", N_("Triggers")),
    ("symptoms", N_("Associated symptoms")),
    ("medications", N_("Medications and supplements")),
    ("relief", N_("Relief tried")),
    ("daily_life", N_("Effect on daily life")),
    ("completeness", N_("Diary completeness")),
    ("questions", N_("Questions and notes for the visit")),
    ("log", N_("Appendix: episode log")),
)
SECTION_IDS: Final[tuple[str, ...]] = tuple(s for s, _t in SECTIONS)
#: Translated when read, in the report's own language.
SECTION_TITLES: Final[Mapping[str, str]] = Translated(dict(SECTIONS))


def default_period(today: date, weeks: int = DEFAULT_WEEKS) -> tuple[date, date]:
    """``weeks`` whole weeks ending with (and including) ``today``."""
    return today - timedelta(days=7 * weeks - 1), today


def suggested_filename(start: date, end: date) -> str:
    """A file name that says what the report covers."""
    return f"symptom-report-{start.isoformat()}-to-{end.isoformat()}.pdf"


@dataclass(frozen=True)
class ReportOptions:
    """Everything one export needs besides the journal.

    ``start``/``end`` of None mean the default period ending on the journal's today.
    """

    start: date | None = None
    end: date | None = None
    name: str = ""
    dob: date | None = None
    sections: frozenset[str] = field(default_factory=lambda: frozenset(SECTION_IDS))
    include_notes: bool = True
    paper: Paper = "A4"
    questions: str = ""
    #: The report's own language (a patient may want the doctor's); None: the app's.
    language: str | None = None

    def period(self, today: date) -> tuple[date, date]:
        """The period this report covers, validated: (first day, last day), both included."""
        end = self.end or today
        start = self.start or default_period(end)[0]
        if end < start:
            raise ValidationError("end", _("The period ends ({0}) before it starts ({1}).").format(
                end, start))
        if (end - start).days + 1 > MAX_PERIOD_DAYS:
            raise ValidationError(
                "start", _("A report covers at most {0} days; choose a shorter period.").format(
                    MAX_PERIOD_DAYS)
            )
        return start, end

    def includes(self, section: str) -> bool:
        return section in self.sections

    def with_changes(self, **changes: object) -> ReportOptions:
        return replace(self, **changes)  # type: ignore[arg-type]

    def validate(self, today: date) -> None:
        self.period(today)
        unknown = sorted(set(self.sections) - set(SECTION_IDS))
        if unknown:
            raise ValidationError("sections", _("Unknown report section: ") + ", ".join(unknown))
        if self.paper not in ("A4", "Letter"):
            raise ValidationError("paper", _("Paper must be A4 or Letter, not {0!r}.").format(
                self.paper))
        if len(self.name) > 200:
            raise ValidationError("name", _("The name is longer than 200 characters."))
        if self.dob is not None and self.dob > today:
            raise ValidationError("dob", _("The date of birth is in the future."))
        if len(self.questions) > MAX_QUESTIONS_CHARS:
            raise ValidationError(
                "questions", _("The questions are longer than {0} characters.").format(
                    MAX_QUESTIONS_CHARS)
            )
