"""Page 1 of the report: what a clinician reads in a minute.

Who and which period, the disclaimer box with the one safety line that always appears, the
warning-sign flags with their dates (and the warning signs asked and answered "no"), the summary
per kind and side, the episodes-per-day chart in whatever room is left, and the best-supported
trigger findings. Page 1 stands alone: the detail (``sections``) starts on page 2.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Final

from fpdf.enums import XPos, YPos

from journal import i18n
from journal.i18n import N_, _
from journal.model import Kind, WarningSign, format_duration
from journal.report import factor_words, labels
from journal.report.chart_plan import FREQUENCY_H, ChartPlan, place_chart
from journal.report.content import FlagLine, ReportContent, SummaryRow
from journal.report.formatting import format_date, format_days, format_number, format_rate
from journal.report.options import SECTION_TITLES
from journal.report.typeset import BOX_FILL, FONT, INK, MARGIN, MUTED, Column, ReportPDF

DISCLAIMER: Final = N_("patient-recorded diary, not a diagnosis")
TITLE: Final = N_("Symptom diary: buttock and hip muscle twitches and cramps")


def write_page_one(pdf: ReportPDF, c: ReportContent, charts: ChartPlan) -> None:
    """Page 1, alone on its page: who, which period, flags, summary, page 1's chart, triggers."""
    opts = c.options
    pdf.start_section(_("Summary (page 1)"), level=0)
    pdf.set_font(FONT, "B", 15)
    pdf.cell(0, 7, _(TITLE), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
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
    pdf.cell(0, 3.8, _("This is a {0}.").format(_(DISCLAIMER)), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_x(MARGIN + 2)
    pdf.set_font(FONT, "", 7.5)
    pdf.cell(0, 3.8, _("Entries were made by the patient; unrecorded days are not counted as "
                       "symptom-free. ") + c.emergency_note, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_y(y + 11)

    if opts.includes("flags"):
        _flags_block(pdf, c)
    if opts.includes("summary"):
        pdf.heading(SECTION_TITLES["summary"])
        _summary_table(pdf, c.summary, c.days)
    if opts.includes("charts") and "frequency" in charts:
        pdf.ln(1)
        pdf.start_section(_("Episodes over time"), level=1)  # the chart carries its own title
        # As tall as page 1 allows once the findings below have their room (38-52 mm).
        below = _trigger_findings_height(pdf, c) if opts.includes("triggers") else 0.0
        if opts.includes("questions") and opts.questions.strip():
            below += 5
        low, high = FREQUENCY_H
        height = max(low, min(high, pdf.space_left() - below - 3))
        place_chart(pdf, charts, "frequency", height=height, min_height=low)
    if opts.includes("triggers"):
        pdf.heading(_("Best-supported trigger findings"), level=1)
        _trigger_findings(pdf, c)
    if opts.includes("questions") and opts.questions.strip():
        pdf.paragraph(_("The patient has written questions for this visit: see “Questions and "
                        "notes for the visit”."), size=8)


def _flags_block(pdf: ReportPDF, c: ReportContent) -> None:
    pdf.heading(SECTION_TITLES["flags"])
    flags = c.flags_current + c.flags_past
    if flags:
        rows = [_flag_row(f, c.end, c.generated_at.date()) for f in flags]
        pdf.table(
            [Column(_("Urgency"), 18), Column(_("Warning-sign rule"), 72),
             Column(_("Dates"), 41), Column(_("Guidance the rule follows"), 49)],
            rows, size=7.5, zebra=True,
            bold_row=lambda i: flags[i].current and flags[i].tier == "emergency",
        )
    else:
        pdf.paragraph(_("No warning-sign rule fired in this period."), size=8.5)
    if c.signs_seen:
        seen = "; ".join(
            f"{labels.SIGN[s.sign]} ({format_days(s.days)}, "
            + (f"{i18n.format_date(s.first)})" if s.first == s.last
               else _("{0} to {1})").format(i18n.format_date(s.first), i18n.format_date(s.last)))
            for s in c.signs_seen)
        pdf.label_value([(_("Warning signs reported"), seen)], size=8)
    if c.signs_answered_no:
        no = ", ".join(labels.SIGN[s] for s in c.signs_answered_no)
        asked = format_days(c.checkins_with_questions)
        pdf.label_value([(_("Asked and answered “no” ({0} of check-ins)").format(asked), no)],
                        size=7.5)
    elif not c.checkins_with_questions:
        pdf.paragraph(_("The warning-sign questions were not answered in this period."), size=7.5,
                      colour=MUTED)
    not_asked = [s for s in WarningSign
                 if s not in c.signs_answered_no and s not in {x.sign for x in c.signs_seen}]
    if c.checkins_with_questions and not_asked and len(not_asked) < len(WarningSign):
        pdf.paragraph(_("Not asked in this period: ") + ", ".join(labels.SIGN[s] for s in not_asked)
                      + ".", size=7, colour=MUTED)



def _flag_row(f: FlagLine, end: date, today: date) -> list[str]:
    tier = f.tier_label
    if f.current:
        # A report of an earlier period shows the flags as they stood on its last day.
        state = _("current") if end >= today else _("firing on {0}").format(i18n.format_date(end))
        dates = _("since {0} ({1})").format(format_date(f.since), state)
    else:
        dates = _("{0} to {1} (cleared)").format(format_date(f.since), format_date(f.until))
        if f.dismissed:
            dates += _(", dismissed by the patient")
    title = _(f.title)
    return [tier, title, dates, _(f.source) if f.source else "–"]


#: The analytics' trend values (journal/analytics/queries.py) in words.
TREND_WORDS: Final = {"not enough data": N_("not enough data"), "more": N_("more"),
                      "fewer": N_("fewer"), "about the same": N_("about the same")}

#: The trend compares the first and the last 14 days: shorter periods have no two such windows.
TREND_MIN_DAYS: Final = 28


def _summary_table(pdf: ReportPDF, rows: Sequence[SummaryRow], days: int) -> None:
    if not rows:
        pdf.paragraph(_("No episodes were recorded in this period."), size=8.5)
        return
    table_rows = []
    previous: Kind | None = None
    for r in rows:
        trend = _(TREND_WORDS.get(r.trend, r.trend))
        if days < TREND_MIN_DAYS:
            trend = _("period under 4 weeks")
        elif r.first_rate is not None and r.last_rate is not None and r.trend != "not enough data":
            arrow = {"more": "\u2191 ", "fewer": "\u2193 "}.get(r.trend, "")
            trend = (_("{0}{1}: {2} → {3}/day").format(
                arrow, trend, format_rate(r.first_rate), format_rate(r.last_rate)))
        side = _("All sides") if r.all_sides else labels.SIDE[r.side].replace(_("Side not given"),
                                                                          _("not given"))
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
    pdf.table(
        [Column(_("Kind"), 17), Column(_("Side"), 17), Column(_("Episodes"), 15, "R"),
         Column(_("Days with episodes / recorded"), 23, "R"), Column(_("Per week*"), 14, "R"),
         Column(_("Duration median / longest"), 25, "R"), Column(_("Intensity 0-10 median / max"),
                  23,
                                                                "R"),
         Column(_("Trend: first vs last 2 weeks*"), 46)],
        table_rows, size=7.5,
    )
    pdf.paragraph(_("* Rates count recorded days only (a day with a check-in or an episode). "
                    "Trend: episodes per recorded day in the first and the last 14 days. "
                    "Intensity for painless twitches means how bothersome."), size=6.8,
                    colour=MUTED)


def _trigger_findings_lines(c: ReportContent) -> list[str]:
    tested = [f for f in c.factors if f.tested]
    strong = [f for f in tested if f.significant][:3]
    lines: list[str] = []
    comparisons = factor_words.comparisons_short(tested)
    if strong:
        lines += ["\u2022 " + factor_words.clinical_line(f) for f in strong]
        lines.append(_("Clear among {0}; associations in the patient's own records, not proof of "
                       "cause.").format(comparisons))
    elif tested:
        lines.append(_("No daily factor showed a clear association with the episode rate in this "
                       "period, adjusted for the other daily factors ({0}).").format(comparisons))
    else:
        lines.append(_("Not enough recorded days with check-ins to test the daily factors."))
    if c.trigger_shares:
        top = ", ".join(f"{t.label.lower() if t.trigger in labels.TRIGGER else t.label} "
                        f"{t.share:.0%}" for t in c.trigger_shares[:4])
        lines.append(_("Most often suspected by the patient (share of episodes): {0}.").format(top))
    return lines


def _trigger_findings_height(pdf: ReportPDF, c: ReportContent) -> float:
    pdf.set_font(FONT, "", 8)
    rows = sum(len(pdf.wrap(pdf.safe(line), pdf.text_width)) for line in
               _trigger_findings_lines(c))
    return 12 + rows * 8 * 0.48


def _trigger_findings(pdf: ReportPDF, c: ReportContent) -> None:
    for line in _trigger_findings_lines(c):
        pdf.paragraph(line, size=8)

