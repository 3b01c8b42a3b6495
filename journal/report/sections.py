"""The report's detail, from page 2 on: one function per section, in the printed order.

Charts (intensity, time of day, regions), triggers and daily factors, associated symptoms,
medications (statins and diuretics marked), relief tried, effect on daily life, diary
completeness with its calendar, and the questions and notes for the visit. Each section starts
with :meth:`ReportPDF.ensure_space`, so a heading is never left alone at the foot of a page.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Final

from journal import i18n
from journal.i18n import N_, _
from journal.model import Kind, Radiates
from journal.report import factor_words, labels
from journal.report.chart_plan import (
    DETAIL_CHART_H,
    FREQUENCY_H,
    ChartPlan,
    forest_height,
    place_chart,
)
from journal.report.clinical import MAP_SIDES, NIGHT_FROM, NIGHT_UNTIL
from journal.report.content import Progress, ReportContent, shorten_note
from journal.report.formatting import format_date, format_days, format_number
from journal.report.options import SECTION_TITLES
from journal.report.page_one import SOURCES_TITLE
from journal.report.typeset import FONT, HEAD_FILL, MARGIN, MUTED, Column, ReportPDF
from journal.rules.table import CITATIONS


def write_detail(pdf: ReportPDF, c: ReportContent, charts: ChartPlan,
                 report: Progress) -> None:
    """The detail sections the options include, from page 2 on, in the order of the domain."""
    opts = c.options
    if opts.includes("summary") and c.picture is not None and c.episodes:
        write_picture(pdf, c)
    if opts.includes("charts") and any(k in charts for k in ("intensity", "time_of_day",
                                                              "regions", *charts.deferred)):
        pdf.ensure_space(90)
        pdf.heading(SECTION_TITLES["charts"])
        for chart_id in charts.deferred:  # page 1 had no room for it
            place_chart(pdf, charts, chart_id, height=FREQUENCY_H[1])
        place_chart(pdf, charts, "intensity", height=DETAIL_CHART_H["intensity"])
        place_chart(pdf, charts, "time_of_day", height=DETAIL_CHART_H["time_of_day"])
        place_chart(pdf, charts, "regions", height=DETAIL_CHART_H["regions"])
    report(0.55, _("Writing the tables"))
    if opts.includes("triggers"):
        _triggers_detail(pdf, c, charts)
    if opts.includes("symptoms"):
        _symptoms(pdf, c)
    if opts.includes("medications"):
        _medications(pdf, c)
    if opts.includes("relief"):
        _relief(pdf, c)
    if opts.includes("daily_life"):
        _daily_life(pdf, c)
    if opts.includes("completeness"):
        _completeness(pdf, c)
    if opts.includes("questions"):
        _questions(pdf, c)
    if c.citations:
        _sources(pdf, c)


def write_picture(pdf: ReportPDF, c: ReportContent) -> None:
    """The summary continued: side and region (the body map as a table), the activity at onset
    and the share of episodes that began at night."""
    picture = c.picture
    assert picture is not None
    bm = picture.body_map
    kinds = [k for k in Kind if c.count(k)]
    pdf.heading(_("Where, doing what, and at night"))

    def pair(values: list[int]) -> str:
        return " / ".join(str(v) for v in values) if any(values) else "\u2013"

    kinds_head = " / ".join(labels.KIND_PLURAL[k].lower() for k in kinds)
    if bm.regions:
        rows = [[labels.REGION[r]]
                + [pair([bm.cell(r, side, k) for k in kinds]) for side in MAP_SIDES]
                + [pair([bm.region_total(r, k) for k in kinds])] for r in bm.regions]
        if any(bm.without_region.values()):
            rows.append([_("No region given")] + ["" for _side in MAP_SIDES]
                        + [pair([bm.without_region[k] for k in kinds])])
        pdf.table([Column(_("Region (episodes naming it: {kinds})").format(kinds=kinds_head), 62)]
                  + [Column(labels.SIDE[side], 20, "R") for side in MAP_SIDES]
                  + [Column(_("All"), 20, "R")], rows, size=7.2)
        pdf.paragraph(_("An episode naming two regions counts in each; the regions are those of "
                        "the app\u2019s body map."), size=6.8, colour=MUTED)
    total = {k: c.count(k) for k in kinds}
    acts = picture.activities
    if acts:
        pdf.heading(_("Activity at onset"), level=1, keep_with=8)
        pdf.table([Column(_("What the patient was doing"), 62)]
                  + [Column(labels.KIND_PLURAL[k], 30, "R") for k in kinds],
                  [[labels.ACTIVITY[a.activity].capitalize() if a.activity is not None
                    else _("Not noted")]
                   + [_("{n} ({share:.0%})").format(n=a.counts[k], share=a.counts[k] / total[k])
                      for k in kinds] for a in acts], size=7.2)
    night = [n for n in picture.night if n.episodes]
    if night:
        pdf.label_value([(_("Began at night ({start} to {end} local time)").format(
            start=f"{NIGHT_FROM:02d}:00", end=f"{NIGHT_UNTIL - 1:02d}:59"), "; ".join(
            _("{n} of {total} {kind} ({share:.0%})").format(
                n=n.at_night, total=n.episodes, kind=labels.KIND_PLURAL[n.kind].lower(),
                share=n.at_night / n.episodes) for n in night))], size=7.5)


def _sources(pdf: ReportPDF, c: ReportContent) -> None:
    """The public guidance the flags on page 1 follow, numbered as there, with addresses."""
    pdf.ensure_space(10 + 4 * len(c.citations))
    pdf.heading(_(SOURCES_TITLE))
    for key in c.citations:
        cite = CITATIONS[key]
        pdf.paragraph(f"[{c.citation_number(key)}] {cite.text}. {cite.url}", size=7.5)


#: Words for the medication kinds and the interference areas (ids in the model).
MEDICATION_KINDS: Final = {"medication": N_("medication"), "supplement": N_("supplement")}
INTERFERENCE_AREAS: Final = {"sleep": N_("Sleep"), "walking": N_("Walking"), "work": N_("Work")}


def _triggers_detail(pdf: ReportPDF, c: ReportContent, charts: ChartPlan) -> None:
    pdf.ensure_space(60)
    pdf.heading(SECTION_TITLES["triggers"])
    pdf.heading(_("Suspected triggers noted on episodes"), level=1)
    total = len(c.episodes)
    if c.trigger_shares:
        pdf.table([Column(_("Trigger"), 60), Column(_("Episodes with it"), 30, "R"),
                   Column(_("Share of all episodes"), 30, "R")],
                  [[t.label, _("{0} of {1}").format(t.episodes, total),
                    i18n.format_percent(t.share)] for t in c.trigger_shares], size=7.5)
    else:
        pdf.paragraph(_("No suspected triggers were noted on episodes in this period."), size=8)
    pdf.heading(_("Daily factors and the episode rate"), level=1)
    pdf.paragraph(factor_words.method_note(c.factors), size=7.2, colour=MUTED)
    tested = [f for f in c.factors if f.tested]
    waiting = [f for f in c.factors if not f.tested]
    if tested:
        pdf.table([Column(_("Daily factor (best supported first)"), 50),
                   Column(_("Timing"), 15), Column(_("Days with / without"), 17, "R"),
                   Column(_("Episodes a day with / without"), 20, "R"),
                   Column(_("Rate ratio (CI)"), 27, "R"), Column(_("Adj. p"), 11, "R"),
                   Column(_("Clear"), 9, "C"), Column(_("Basis"), 31)],
                  [[factor_words.exposure(f), factor_words.timing(f),
                    factor_words.days_cell(f), factor_words.rates_cell(f),
                    factor_words.ratio_cell(f), factor_words.p_cell(f),
                    factor_words.verdict_cell(f), factor_words.basis_cell(f)]
                   for f in tested], size=7.0)
        with_estimate = len([f for f in c.factors if f.rate_ratio])
        place_chart(pdf, charts, "trigger_forest", height=forest_height(with_estimate))
    else:
        pdf.paragraph(_("No daily factor could be tested yet."), size=8)
    if waiting:
        pdf.paragraph(_("Not yet testable, too few checked-in days with or without: {rows}."
                        ).format(rows="; ".join(
                            _("{exposure}, {timing} ({n1} with, {n0} without; {need} more "
                              "needed)").format(
                                exposure=factor_words.exposure(f), timing=factor_words.timing(f),
                                n1=f.exposed_days, n0=f.unexposed_days, need=f.days_needed)
                            for f in waiting)),
                      size=7.2, colour=MUTED)


def _symptoms(pdf: ReportPDF, c: ReportContent) -> None:
    pdf.ensure_space(50)
    pdf.heading(SECTION_TITLES["symptoms"])
    kinds = [k for k in Kind if c.count(k)]
    if kinds:
        pdf.heading(_("How far it spreads"), level=1)
        rows = []
        for r in Radiates:
            row = [labels.RADIATES[r].capitalize()]
            for k in kinds:
                n = c.radiates[k][r]
                row.append(f"{n} ({i18n.format_percent(n / c.count(k))})" if n else "0")
            rows.append(row)
        pdf.table([Column(_("Spreads"), 60)]
                  + [Column(labels.KIND_PLURAL[k], 40, "R") for k in kinds], rows, size=7.5)
    pdf.heading(_("Warning signs and associated symptoms reported"), level=1)
    if c.signs_seen:
        pdf.table([Column(_("Sign"), 90), Column(_("Days"), 20, "R"), Column(_("First"), 35),
                   Column(_("Last"), 35)],
                  [[labels.SIGN[s.sign].capitalize(), str(s.days), i18n.format_date(s.first),
                    i18n.format_date(s.last)] for s in c.signs_seen], size=7.5)
    else:
        pdf.paragraph(_("None reported in this period (including numbness, tingling and "
                        "weakness)."), size=8)


def _medications(pdf: ReportPDF, c: ReportContent) -> None:
    pdf.ensure_space(40)
    pdf.heading(SECTION_TITLES["medications"])
    if not c.medications:
        # The diary cannot hold "takes no regular medication" (not asked), so an empty list
        # only says nothing was entered.
        pdf.paragraph(_("None entered. The diary does not ask whether the patient takes no "
                        "medication, so this is not a record of taking none."), size=8)
        return
    rows = []
    for line in c.medications:
        m = line.medication
        known = {"statin": _("yes: statin"),
                 "diuretic": _("yes: diuretic")}.get(line.cramp_risk or "",
                                                                          "–")
        rows.append([
            m.name + ("" if line.active_in_period else _(" (not taken in this period)")),
            _(MEDICATION_KINDS.get(m.kind.value, m.kind.value)), m.dose or "–",
            format_date(m.started_on),
            format_date(m.stopped_on) if m.stopped_on else _("ongoing"),
            _("yes") if m.suspected else "–", known,
        ])
    pdf.table([Column(_("Name"), 52), Column(_("Type"), 19), Column(_("Dose"), 26),
               Column(_("Started"), 18), Column(_("Stopped"), 18),
               Column(_("Suspected by patient"), 20, "C"), Column(_("Known to cause cramps"), 27)],
              rows, size=7.3)
    if any(line.cramp_risk for line in c.medications):
        pdf.paragraph(_("Statins and diuretics are known to cause muscle cramps (NHS: Leg "
                        "cramps). The patient is advised not to stop a medicine without medical "
                        "advice."),
                      size=7, colour=MUTED)


def _relief(pdf: ReportPDF, c: ReportContent) -> None:
    pdf.ensure_space(35)
    pdf.heading(SECTION_TITLES["relief"])
    if not c.relief:
        pdf.paragraph(_("No relief attempts recorded in this period."), size=8)
        return
    pdf.table([Column(_("Tried"), 50), Column(_("Times"), 22, "R"), Column(_("With a score"), 25,
                        "R"),
               Column(_("Median relief 0-10"), 30, "R"), Column(_("Helped (score 5+)"), 30, "R")],
              [[labels.RELIEF[r.relief], str(r.tried), str(r.scored), format_number(r.median_score),
                _("{0} of {1}").format(
                    r.helped, r.scored) if r.scored else "–"] for r in c.relief], size=7.5)


def _daily_life(pdf: ReportPDF, c: ReportContent) -> None:
    pdf.ensure_space(45)
    pdf.heading(SECTION_TITLES["daily_life"])
    if not any(line.days for line in c.interference):
        pdf.paragraph(_("No interference scores were recorded in this period."), size=8)
        return
    pdf.paragraph(_("How much the symptoms got in the way of sleep, walking and work, from the "
                    "daily check-in: a 0-10 scale (0 not at all, 10 completely) like the "
                    "interference items of the Brief Pain Inventory, but three questions asked "
                    "once a day, not the BPI itself."), size=7.5, colour=MUTED)
    pdf.table([Column(_("Interference with"), 40), Column(_("Days scored"), 25, "R"),
               Column(_("Median"), 20, "R"), Column(_("Highest"), 20, "R"),
               Column(_("Days at 7 or more"), 30, "R")],
              [[_(INTERFERENCE_AREAS.get(line.area, line.area)), str(line.days),
                format_number(line.median), format_number(line.highest), str(line.high_days)]
               for line in c.interference],
              size=7.5)
    pdf.heading(_("Weekly average"), level=1)
    pdf.table([Column(_("Week starting"), 35), Column(_("Sleep"), 25, "R"), Column(_("Walking"),
                        25, "R"),
               Column(_("Work"), 25, "R")],
              [[i18n.format_date(w), format_number(s), format_number(wk), format_number(wo)]
               for w, s, wk, wo in c.interference_weeks], size=7.3)


def _completeness(pdf: ReportPDF, c: ReportContent) -> None:
    comp = c.completeness
    if comp is None:
        return
    # The heading, the figures and the calendar together, when they fit on one page.
    weeks = ((c.end - (c.start - timedelta(days=c.start.weekday()))).days // 7) + 2
    needed = 32 + CALENDAR_CELL_H * weeks
    pdf.ensure_space(needed if needed < pdf.bottom - pdf.t_margin else 50)
    pdf.heading(SECTION_TITLES["completeness"])
    gap = _("none")
    if comp.longest_gap:
        first, last = comp.longest_gap
        gap = _("{0} ({1} to {2})").format(
            format_days((last - first).days + 1), i18n.format_date(first), i18n.format_date(last))
    pdf.label_value([
        (_("Recorded days"), _("{0} of {1} ({2})").format(
            comp.recorded, comp.days, i18n.format_percent(comp.recorded / comp.days))),
        (_("with a check-in"), str(comp.checkin_days)),
        (_("episodes only"), str(comp.episode_only_days)),
        (_("Unrecorded"), str(comp.unrecorded)),
        (_("Longest unrecorded stretch"), gap),
    ], size=8)
    pdf.paragraph(_("Unrecorded days are left out of rates; they are not counted as "
                    "symptom-free. Calendar: ✓ recorded, · unrecorded."), size=7,
                  colour=MUTED)
    _calendar(pdf, c)


CALENDAR_CELL_H: Final = 4.6


def _calendar(pdf: ReportPDF, c: ReportContent) -> None:
    cell_w, cell_h = 9.0, CALENDAR_CELL_H
    label_w = 24.0
    first_monday = c.start - timedelta(days=c.start.weekday())
    weeks = ((c.end - first_monday).days // 7) + 1
    pdf.set_font(FONT, "B", 6.5)
    # Keep the calendar on one page when it fits on one (8 weeks always do).
    whole = cell_h * (weeks + 1)
    pdf.ensure_space(whole if whole < pdf.bottom - pdf.t_margin else cell_h * 2)
    x0 = MARGIN

    def weekday_header(top: float) -> float:
        pdf.set_font(FONT, "B", 6.5)
        for i, name in enumerate((_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"),
                                    _("Sun"))):
            pdf.set_xy(x0 + label_w + i * cell_w, top)
            pdf.cell(cell_w, cell_h, name, align="C")
        pdf.set_font(FONT, "", 6.5)
        return top + cell_h

    with pdf.tagged("Table"):
        _calendar_weeks(pdf, c, weeks, first_monday, weekday_header)
    pdf.set_xy(MARGIN, pdf.get_y() + 1.5)


def _calendar_weeks(pdf: ReportPDF, c: ReportContent, weeks: int, first_monday: date,
                    weekday_header: Callable[[float], float]) -> None:
    cell_w, cell_h = 9.0, CALENDAR_CELL_H
    label_w, x0 = 24.0, MARGIN
    y = weekday_header(pdf.get_y())
    for w in range(weeks):
        if y + cell_h > pdf.bottom:
            pdf.add_page()
            y = weekday_header(pdf.get_y())
        monday = first_monday + timedelta(days=7 * w)
        pdf.set_xy(x0, y)
        pdf.cell(label_w, cell_h, _("week of {0}").format(i18n.format_date(monday)))
        for i in range(7):
            day = monday + timedelta(days=i)
            x = x0 + label_w + i * cell_w
            if day < c.start or day > c.end:
                continue
            recorded = day in c.recorded_days
            if recorded:
                pdf.set_fill_color(*HEAD_FILL)
                pdf.rect(x + 0.3, y + 0.3, cell_w - 0.6, cell_h - 0.6, style="F")
            pdf.set_xy(x, y)
            pdf.cell(cell_w, cell_h, f"{day.day} " + ("\u2713" if recorded else "\u00b7"),
                     align="C")
        y += cell_h
    pdf.set_y(y)


def _questions(pdf: ReportPDF, c: ReportContent) -> None:
    pdf.ensure_space(30)
    pdf.heading(SECTION_TITLES["questions"])
    text = c.options.questions.strip()
    if text:
        for line in text.splitlines():
            pdf.paragraph(line if line.strip() else " ", size=9, line_h=4.6)
    else:
        pdf.paragraph(_("No questions written for this visit."), size=8, colour=MUTED)
    if c.options.include_notes:
        notes = [ci for ci in c.checkins if ci.note.strip()]
        if notes:
            pdf.heading(_("Notes from the daily check-ins"), level=1)
            pdf.table([Column(_("Date"), 22), Column(_("Note"), 158)],
                      [[i18n.format_date(ci.date), shorten_note(ci.note)] for ci in notes],
                      size=7.3)

