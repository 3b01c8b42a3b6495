"""The report's appendix: the chronological episode log.

One row per episode, oldest first; the date is written once per day (and again at the top of a
page), the table header repeats on every page, and a note is printed under its episode when the
options include notes. A heavy journal has thousands of rows, which is why ``ReportPDF.table``
is fast.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Final

from journal import i18n
from journal.i18n import N_, Translated, _
from journal.model import format_duration
from journal.report import labels
from journal.report.content import Progress, ReportContent, shorten_note
from journal.report.options import SECTION_TITLES
from journal.report.typeset import MUTED, Column, ReportPDF


def write_episode_log(pdf: ReportPDF, c: ReportContent, report: Progress) -> None:
    """The appendix on a new page: every episode, oldest first, notes under their episode."""
    pdf.add_page()
    pdf.heading(SECTION_TITLES["log"])
    episodes = c.episodes
    if not episodes:
        pdf.paragraph(_("No episodes were recorded in this period."), size=8)
        return
    notes = c.options.include_notes
    pdf.paragraph(
        _("{0} episodes, oldest first. Duration as 1m30s; intensity 0-10; relief as method "
          "(score 0-10).").format(
              len(episodes)) + (_(" Notes under their episode.") if notes else "")
        + _(" Episodes with a warning sign have a bar in the margin."),
        size=7, colour=MUTED)
    user = c.user_trigger_labels
    rows: list[list[str]] = []
    previous: date | None = None
    for e in episodes:
        day = e.local_date
        rows.append([
            i18n.format_date(day, "short") if day != previous else "",
            i18n.format_time(e.started_at),
            labels.KIND[e.kind].lower(),
            _SIDE_SHORT[e.side] if e.side else "–",
            format_duration(e.duration_s),
            str(e.intensity),
            ", ".join(labels.REGION_SHORT[r] for r in e.regions) or "–",
            labels.RADIATES_SHORT[e.radiates_to],
            labels.ACTIVITY_SHORT[e.activity] if e.activity else "–",
            ", ".join(_trigger_text(t.id, t.amount, t.unit, user) for t in e.triggers) or "–",
            ", ".join(labels.SIGN[w] for w in e.warning_signs) or "–",
            _relief_text(e),
        ])
        previous = day
    total = len(rows)

    def on_row(i: int) -> None:
        if i % 50 == 0:
            report(0.6 + 0.28 * i / total, _("Episode log: {0} of {1}").format(i, total))

    pdf.table(
        [Column(_("Date"), 16), Column(_("Time"), 8.5), Column(_("Kind"), 10), Column(_("Side"), 8),
         Column(_("Dur."), 10, "R"), Column(_("Int"), 6.5, "R"), Column(_("Regions"), 27),
         Column(_("Spreads"), 13), Column(_("Activity"), 14), Column(_("Triggers"), 28),
         Column(_("Warning signs"), 21), Column(_("Relief"), 18)],
        rows, size=6.6,
        row_note=(lambda i: _("Note: ") + shorten_note(episodes[i].note)
                  if episodes[i].note.strip() else "")
        if notes else None,
        on_row=on_row,
        emphasis=lambda i: 1 if episodes[i].warning_signs else 0, bold_emphasis=False,
        first_column_on_new_page=lambda i: i18n.format_date(episodes[i].local_date, "short"),
    )


# TRANSLATORS: the episode log's narrow side column.
_SIDE_SHORT: Final = Translated({"left": N_("left"), "right": N_("right"), "both": N_("both")})


def _trigger_text(tid: str, amount: float | None, unit: str | None, user: dict[str, str]) -> str:
    text = i18n.in_sentence(labels.trigger_label(tid, user)) if tid not in user else user[tid]
    if amount is not None:
        text += f" {i18n.format_amount(amount, 2)}{(' ' + unit) if unit else ''}"
    return text


def _relief_text(e: Any) -> str:
    if not e.relief:
        return "–"
    methods = ", ".join(labels.RELIEF[r].lower() for r in e.relief)
    return f"{methods} ({e.relief_score})" if e.relief_score is not None else methods
