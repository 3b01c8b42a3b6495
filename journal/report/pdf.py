"""The doctor's report as a PDF: a one-page summary first, the detail after, the log as appendix.

This module puts the document together; the parts live one concept per module:

- ``reader``: the read protocol the report is given (the service's ``Journal`` satisfies it);
- ``content``: every number the report prints, gathered once from the journal;
- ``chart_plan``: which charts it shows, asked for early, placed in reserved boxes;
- ``typeset``: the fpdf2 document (fonts, headings, wrapping tables, footer, chart boxes);
- ``page_one``, ``sections``, ``episode_log``: what page 1, the detail and the appendix say.

Page 1 is what a clinician reads in a minute. The detail sections follow in the order of
``shared/domain.md``; the chronological episode log is an appendix whose table header repeats on
every page. Every page's footer carries "Page X of Y", the period and "patient-recorded diary,
not a diagnosis".
"""

from __future__ import annotations

from datetime import UTC
from pathlib import Path
from typing import TYPE_CHECKING

from journal import i18n
from journal.i18n import _
from journal.report.chart_plan import ChartPlan
from journal.report.content import Progress, ReportContent, gather
from journal.report.episode_log import write_episode_log
from journal.report.options import ReportOptions
from journal.report.page_one import DISCLAIMER, write_page_one
from journal.report.sections import write_detail
from journal.report.typeset import ReportPDF

if TYPE_CHECKING:
    from journal.report.reader import ReportJournal


def build_report(journal: ReportJournal, options: ReportOptions | None = None,
                 progress: Progress | None = None, *, first_page_only: bool = False) -> bytes:
    """The report for ``options`` (default: the last 8 weeks) as PDF bytes.

    ``first_page_only`` stops after the one-page summary (the on-screen preview). The charts are
    asked for first, so the chart helper process (when running, see ``chart_pool``) draws them
    while this thread reads the journal and writes the text. The report speaks
    ``options.language`` (the app's language when None), its charts included.
    """
    options = options or ReportOptions()
    with i18n.language(options.language):
        return _build_report(journal, options, progress, first_page_only)


def _build_report(journal: ReportJournal, options: ReportOptions, progress: Progress | None,
                  first_page_only: bool) -> bytes:
    from journal.report import chart_pool

    report = progress or (lambda _f, _m: None)
    options.validate(journal.today())
    pool = chart_pool.shared_pool()
    pool.start()  # at once; it warms up while this report is written and helps from then on
    with chart_pool.garbage_collection_paused(), pool.batch() as batch:
        charts = ChartPlan(batch, options.paper)
        charts.ask_early(journal, options, first_page_only)
        content = gather(journal, options, report)
        charts.settle(content, first_page_only)
        data = render(content, charts, report, first_page_only=first_page_only)
    report(1.0, _("Done"))
    return data


def write_report(journal: ReportJournal, out_path: Path | str, options: ReportOptions | None = None,
                 progress: Progress | None = None) -> Path:
    """Build the report, then write it atomically (0600); a failure leaves an earlier file."""
    from journal.fsutil import atomic_write_bytes

    data = build_report(journal, options, progress)
    target = Path(out_path)
    atomic_write_bytes(target, data)
    return target


def render(content: ReportContent, charts: ChartPlan,
           progress: Progress | None = None, *, first_page_only: bool = False) -> bytes:
    """Typeset ``content``: page 1, then (unless ``first_page_only``) the detail and the log,
    the charts drawn into their boxes last."""
    report = progress or (lambda _f, _m: None)
    opts = content.options
    footer = (_("Symptom diary {0} to {1}  ·  {2}").format(
        i18n.format_date(content.start), i18n.format_date(content.end), _(DISCLAIMER)))
    pdf = ReportPDF(opts.paper, footer)
    pdf.prepare_text(_user_texts(content))
    created = content.generated_at
    pdf.set_document_metadata(
        title=_("Symptom diary report ") + content.period_text(),
        subject=_("Buttock and hip muscle twitches and cramps, ") + content.period_text() + ": "
        + _(DISCLAIMER),
        keywords=_("symptom diary, fasciculation, cramp, patient-recorded"),
        creator=_("Symptom Journal {0}").format(content.version),
        author=_("Symptom Journal (patient-recorded)"),
        created=created if created.tzinfo else created.replace(tzinfo=UTC),
        lang=i18n.current_language(),
    )

    report(0.25, _("Writing the summary"))
    pdf.add_page()
    write_page_one(pdf, content, charts)
    pdf.summary_done = True
    report(0.4, _("Writing the detail"))
    if first_page_only:
        pdf.fill_charts(charts.batch)
        return bytes(pdf.output())
    write_detail(pdf, content, charts, report)
    if opts.includes("log"):
        write_episode_log(pdf, content, report)
    report(0.9, _("Drawing charts"))
    pdf.fill_charts(charts.batch)
    report(0.97, _("Saving"))
    return bytes(pdf.output())


def _user_texts(content: ReportContent) -> list[str]:
    texts = [content.options.name, content.options.questions]
    texts += list(content.user_trigger_labels.values())
    for m in content.medications:
        texts += [m.medication.name, m.medication.dose, m.medication.note]
    if content.options.include_notes:
        texts += [e.note for e in content.episodes if e.note]
        texts += [c.note for c in content.checkins if c.note]
    return texts

