"""Page 1 of the report: what a clinician reads in a minute.

Who and which period, the disclaimer box with the one safety line that always appears, the
warning-sign flags with their dates (and the warning signs asked and answered "no"), the summary
per kind and side, the episodes-per-day chart in whatever room is left, and the best-supported
trigger findings. Page 1 stands alone: the detail (``sections``) starts on page 2.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from fpdf.enums import XPos, YPos

from journal import i18n
from journal.i18n import N_, _
from journal.model import Kind, WarningSign, format_duration
from journal.report import factor_words, labels
from journal.report.chart_plan import FREQUENCY_H, ChartPlan, place_chart
from journal.report.content import (
    FlagLine,
    ReportContent,
    SignSeen,
    SummaryRow,
    picture_lines,
    shorten_note,
    trend_cell,
)
from journal.report.formatting import format_date, format_days, format_number
from journal.report.options import SECTION_TITLES
from journal.report.trend import (
    TREND_MIN_EPISODES,
    TREND_MIN_PERIOD_DAYS,
    TREND_MIN_RECORDED_DAYS,
)
from journal.report.typeset import BOX_FILL, FONT, INK, MARGIN, MUTED, Column, ReportPDF
from journal.rules.table import CITATIONS

DISCLAIMER: Final = N_("patient-recorded diary, not a diagnosis")
#: The heading of the numbered list of guidance (written by ``sections``).
SOURCES_TITLE: Final = N_("Guidance the flags follow")
TITLE: Final = N_("Symptom diary: buttock and hip muscle twitches and cramps")


def write_page_one(pdf: ReportPDF, c: ReportContent, charts: ChartPlan) -> None:
    """Page 1, alone on its page: who, which period, flags, summary, page 1's chart, triggers."""
    opts = c.options
    pdf.start_section(_("Summary (page 1)"), level=0)
    title = _(TITLE)
    size: float = 15
    pdf.set_font(FONT, "B", size)
    while size > 10 and pdf.get_string_width(title) > pdf.epw:  # a longer language's title
        size -= 0.5
        pdf.set_font(FONT, "B", size)
    with pdf.tagged("H1"):
        pdf.cell(0, 7, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1)
    who: list[tuple[str, str]] = []
    if opts.name.strip():
        who.append((_("Name"), opts.name.strip()))
    if opts.dob is not None:
        who.append((_("Date of birth"), i18n.format_date(opts.dob)))
    who.append((_("Period"), _("{0} ({1} days)").format(c.period_text(), c.days)))
    pdf.label_value(who, size=9.5)
    pdf.set_text_color(*MUTED)
    pdf.label_value([
        (_("Generated"), i18n.format_datetime(c.generated_at)
         + _(" by Symptom Journal {0}").format(c.version)),
        (_("Recorded days"), _("{0} of {1}").format(len(c.recorded_days), c.days)),
        (_("Episodes"), _("{0} twitches, {1} cramps").format(
            c.count(Kind.TWITCH), c.count(Kind.CRAMP))),
    ], size=7.5)
    pdf.set_text_color(*INK)
    # The disclaimer box: what this document is, and the one safety line that always appears.
    pdf.ln(1.2)
    y = pdf.get_y()
    pdf.set_fill_color(*BOX_FILL)
    pdf.rect(MARGIN, y, pdf.text_width, 9.5, style="F")
    pdf.set_xy(MARGIN + 2, y + 1)
    pdf.set_font(FONT, "B", 8)
    with pdf.tagged("P"):
        pdf.cell(0, 3.8, _("This is a {0}.").format(_(DISCLAIMER)), new_x=XPos.LMARGIN,
                 new_y=YPos.NEXT)
    pdf.set_x(MARGIN + 2)
    pdf.set_font(FONT, "", 7.5)
    with pdf.tagged("P"):
        pdf.cell(0, 3.8, _("Entries were made by the patient; unrecorded days are not counted "
                           "as symptom-free. ") + c.emergency_note, new_x=XPos.LMARGIN,
                 new_y=YPos.NEXT)
    pdf.set_y(y + 11)

    if opts.includes("flags"):
        _flags_block(pdf, c)
    if opts.includes("summary"):
        pdf.heading(SECTION_TITLES["summary"], compact=True)
        _summary_table(pdf, c.summary, c.days)
        if c.picture is not None:
            _onset_and_previous(pdf, c)
    if opts.includes("charts") and "frequency" in charts:
        # As tall as page 1 allows once the findings below have their room (28-52 mm). With
        # less room than that the chart opens the detail instead: page 1 ends with its
        # findings, never with them pushed onto page 2.
        below = _trigger_findings_height(pdf, c) if opts.includes("triggers") else 0.0
        if opts.includes("questions") and opts.questions.strip():
            below += 5
        low, high = FREQUENCY_H
        room = pdf.space_left() - below - 4
        if room >= low:
            pdf.ln(1)
            pdf.start_section(_("Episodes over time"), level=1)  # the chart has its own title
            place_chart(pdf, charts, "frequency", height=min(high, room), min_height=low)
        else:
            charts.deferred.append("frequency")
    if opts.includes("triggers"):
        # Kept on page 1 with its lines: the chart above gave up its height for them, and in a
        # longer language or on Letter paper the lines are set a little smaller (down to
        # FINDINGS_MIN_SIZE) rather than carried over to page 2.
        room = pdf.space_left() - (5 if opts.includes("questions") and opts.questions.strip()
                                   else 0)
        size = FINDINGS_SIZE
        while size > FINDINGS_MIN_SIZE and _trigger_findings_height(pdf, c, size) + 1.25 > room:
            size -= 0.5
        pdf.heading(_("Best-supported trigger findings"), level=1, compact=True,
                    keep_with=_trigger_findings_height(pdf, c, size) - TRIGGER_HEADING_H)
        _trigger_findings(pdf, c, size)
    if opts.includes("questions") and opts.questions.strip():
        pdf.paragraph(_("The patient has written questions for this visit: see “Questions and "
                        "notes for the visit”."), size=8)


def _flags_block(pdf: ReportPDF, c: ReportContent) -> None:
    pdf.heading(SECTION_TITLES["flags"], compact=True)
    flags = c.flags_current + c.flags_past
    if flags:
        rows = [_flag_row(f, c) for f in flags]
        # The urgency words are never broken ("Emergency", "Dringlichkeit"): the column takes
        # the width its longest word needs, from the finding's column.
        pdf.set_font(FONT, "B", FLAG_SIZE)
        urgency_w = max(URGENCY_W, 1.9 + max(pdf.get_string_width(word)
                                             for word in [_("Urgency"), *(r[0] for r in rows)]))
        pdf.table(
            [Column(_("Urgency"), urgency_w),
             Column(_("What was recorded, and the rule it meets"), 102 - (urgency_w - URGENCY_W)),
             Column(_("Dates"), 37), Column(_("Guidance*"), 23)],
            rows, size=FLAG_SIZE, zebra=True, emphasis=lambda i: flags[i].emphasis,
        )
        marking = (_("Thick bar and frame: emergency; thin bar: urgent (same day). ")
                   if any(f.emphasis for f in flags) else "")
        pdf.paragraph(marking + _("* Titles and addresses under \u201c{sources}\u201d at the "
                                  "end.").format(sources=_(SOURCES_TITLE)), size=6.5,
                      colour=MUTED)
    else:
        pdf.paragraph(_("No warning-sign rule fired in this period."), size=8.5)
    if c.signs_seen:
        pdf.label_value([(_("Warning signs reported"), "; ".join(_sign_seen_text(s)
                                                                 for s in c.signs_seen))],
                        size=7.5, line_h=LIST_LINE_H * 7.5)
    if c.signs_answered_no:
        no = ", ".join(labels.SIGN[s] for s in c.signs_answered_no)
        asked = format_days(c.checkins_with_questions)
        last = (_(", last asked {date}").format(date=format_date(c.questions_last_asked))
                if c.questions_last_asked else "")
        label = _("Asked and answered \u201cno\u201d ({asked} of check-ins{last})").format(
            asked=asked, last=last)
        pdf.label_value([(label, no)], size=6.8, line_h=LIST_LINE_H * 6.8)
    elif not c.checkins_with_questions:
        pdf.paragraph(_("The warning-sign questions were not answered in this period."), size=7.5,
                      colour=MUTED)
    not_asked = [s for s in WarningSign
                 if s not in c.signs_answered_no and s not in {x.sign for x in c.signs_seen}]
    if c.checkins_with_questions and not_asked and len(not_asked) < len(WarningSign):
        pdf.paragraph(_("Not asked in this period: ") + ", ".join(labels.SIGN[s] for s in not_asked)
                      + ".", size=7, colour=MUTED)


#: The flags table's type size (pt): the rows carry findings, dates and notes, and page 1 has to
#: hold them with the summary, the chart and the trigger findings.
FLAG_SIZE: Final = 6.9

#: Page 1's lists of signs set their lines this far apart (times the font size), as the tables do.
LIST_LINE_H: Final = 0.45

#: The urgency column is as wide as the widest tier word in bold ("Emergency" never wraps).
URGENCY_W: Final = 20


def _sign_seen_text(s: SignSeen) -> str:
    when = (format_date(s.first) if s.first == s.last
            else _("{0} to {1}").format(format_date(s.first), format_date(s.last)))
    text = f"{labels.SIGN[s.sign]} ({format_days(s.days)}, {when}"
    if s.status == "answered_no" and s.status_on is not None:
        return text + _("; answered “no” on {0}, resolved)").format(format_date(s.status_on))
    if s.status == "expired" and s.status_on is not None:
        return text + _("; not reported again, no longer current from {0})").format(
            format_date(s.status_on))
    return text + _("; current)")


def _flag_row(f: FlagLine, c: ReportContent) -> list[str]:
    end, today = c.end, c.generated_at.date()
    tier = f.tier_label
    since = format_date(f.since) + (_(" (before this period)") if f.since_before_period else "")
    if f.current:
        # A report of an earlier period shows the flags as they stood on its last day.
        state = _("current") if end >= today else _("firing on {date}").format(
            date=format_date(end))
        if f.rule == "persistent_past":
            # The flag is current; the spell it names is not: "(current)" read as a contradiction.
            state = _("an earlier spell, raised now") if end >= today else _(
                "an earlier spell, raised on {date}").format(date=format_date(end))
            dates = _("spell from {since} ({state})").format(since=since, state=state)
        else:
            dates = _("since {since} ({state})").format(since=since, state=state)
    else:
        dates = _("{since} to {until} (cleared)").format(since=since, until=format_date(f.until))
        if f.dismissed:
            dates += _(", dismissed by the patient")
    finding = f.detail.strip()
    for day, note in f.notes[-1:]:  # the latest; the log has the others
        finding += " " + _("Patient\u2019s note ({date}): \u201c{note}\u201d.").format(
            date=format_date(day), note=shorten_note(note, NOTE_IN_FLAG_CHARS))
    what = _("{finding} Rule: {rule}.").format(finding=finding, rule=_(f.title)) if finding \
        else _(f.title)
    guidance = "; ".join(f"{CITATIONS[k].publisher} [{c.citation_number(k)}]"
                         for k in f.citations if k in CITATIONS)
    return [tier, what.strip(), dates, guidance or "\u2013"]


#: A note quoted in a flag row is cut to this many characters (the log has it in full).
NOTE_IN_FLAG_CHARS: Final = 160




def _summary_table(pdf: ReportPDF, rows: Sequence[SummaryRow], days: int) -> None:
    if not rows:
        pdf.paragraph(_("No episodes were recorded in this period."), size=8.5)
        return
    table_rows = []
    previous: Kind | None = None
    for r in rows:
        trend = _("period under 4 weeks") if days < TREND_MIN_PERIOD_DAYS else trend_cell(r)
        side = _("All sides") if r.all_sides else labels.SIDE[r.side].replace(
            _("Side not given"), _("not given"))
        table_rows.append([
            labels.KIND_PLURAL[r.kind] if r.kind != previous else "",
            side,
            str(r.episodes),
            f"{r.days_with} / {r.recorded_days}",
            format_number(r.per_week),
            f"{format_duration(round(r.median_duration_s or 0))} / "
            f"{format_duration(r.longest_duration_s or 0)}",
            f"{format_number(r.median_intensity)} / {r.highest_intensity}",
            trend,
        ])
        previous = r.kind
    # A kind's name is never broken ("Zuckungen"): its column takes what the longest needs.
    # The same for the side ("Todos los lados", "nicht angegeben"): a wrapped side doubles the
    # row's height, and page 1 has no room to spare.
    pdf.set_font(FONT, "", 7.5)
    kind_w = max(14.0, 1.9 + max(pdf.get_string_width(row[0]) for row in table_rows))
    trend_w = 56 - (kind_w - 14)
    spare = trend_w - (1.9 + max(pdf.get_string_width(row[-1]) for row in table_rows))
    side_need = 1.9 + max(pdf.get_string_width(row[1]) for row in table_rows)
    side_w = 17.0 + max(0.0, min(side_need - 17.0, spare))  # never at the trend's expense
    pdf.table(
        [Column(_("Kind"), kind_w), Column(_("Side"), side_w), Column(_("Episodes"), 16, "R"),
         Column(_("Days with episodes / recorded"), 20, "R"), Column(_("Per week*"), 12, "R"),
         Column(_("Duration median / longest"), 24, "R"),
         Column(_("Intensity 0-10 median / max"), 21, "R"),
         Column(_("Trend*: first vs last 2 weeks (episodes / recorded days each)"),
                trend_w - (side_w - 17))],
        table_rows, size=7.5,
    )
    pdf.paragraph(_("* Per recorded day (a check-in or an episode). Trend: first vs last 14 "
                    "days (below: the previous period of the same length) as episodes/recorded "
                    "days; \u201cnot enough data\u201d below {days} recorded days a side or "
                    "{episodes} episodes together. Painless twitches: intensity = how bothersome."
                    ).format(
                        days=TREND_MIN_RECORDED_DAYS, episodes=TREND_MIN_EPISODES),
                  size=6.8, colour=MUTED)


def _onset_and_previous(pdf: ReportPDF, c: ReportContent) -> None:
    """When symptoms were first recorded, and this period against the previous one."""
    pairs = picture_lines(c)
    if pairs:
        pdf.label_value(pairs, size=7.2, line_h=LIST_LINE_H * 7.2)


def _trigger_findings_lines(c: ReportContent) -> list[str]:
    tested = [f for f in c.factors if f.tested]
    strong = [f for f in tested if f.significant][:3]
    lines: list[str] = []
    comparisons = factor_words.comparisons_short(tested)
    if strong:
        lines += ["\u2022 " + factor_words.clinical_line(f) for f in strong]
        lines.append(_("Clear among {comparisons}; associations in the patient's own "
                       "records, not proof of cause.").format(comparisons=comparisons))
    elif tested:
        lines.append(_("No daily factor showed a clear association with the episode rate in "
                       "this period, adjusted for the other daily factors ({comparisons})."
                       ).format(comparisons=comparisons))
    else:
        lines.append(_("Not enough recorded days with check-ins to test the daily factors."))
    if c.trigger_shares:
        top = ", ".join(f"{i18n.in_sentence(t.label) if t.trigger in labels.TRIGGER else t.label} "
                        f"{i18n.format_percent(t.share)}" for t in c.trigger_shares[:4])
        lines.append(_("Most often suspected by the patient (share of episodes): {0}.").format(top))
    return lines


#: The room the findings' heading takes (``ReportPDF.heading`` at level 1, with its spacing).
TRIGGER_HEADING_H: Final = 7.5


#: The findings' type size (pt), and the smallest it may shrink to so page 1 holds them.
FINDINGS_SIZE: Final = 8.0
FINDINGS_MIN_SIZE: Final = 6.5


def _trigger_findings_height(pdf: ReportPDF, c: ReportContent, size: float = FINDINGS_SIZE
                             ) -> float:
    pdf.set_font(FONT, "", size)
    rows = sum(len(pdf.wrap(pdf.safe(line), pdf.text_width)) for line in
               _trigger_findings_lines(c))
    return TRIGGER_HEADING_H + rows * size * 0.48


def _trigger_findings(pdf: ReportPDF, c: ReportContent, size: float = FINDINGS_SIZE) -> None:
    for line in _trigger_findings_lines(c):
        pdf.paragraph(line, size=size)

