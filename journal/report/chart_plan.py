"""The report's charts: which it shows, their data asked for early, their boxes in the flow.

A chart is slow to draw, so the report asks the chart helper (``chart_pool``) for every chart it
will show before it writes any text; the helper draws while this process reads the journal and
sets the tables. Each section then reserves the chart's box where it belongs (:func:`place_chart`)
and the document fills the boxes last (``ReportPDF.fill_charts``).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Final

from journal.report.chart_pool import ChartBatch, ChartJob
from journal.report.typeset import MARGIN, ReportPDF, page_format

if TYPE_CHECKING:
    from journal.report.content import ReportContent
    from journal.report.options import ReportOptions
    from journal.report.reader import ReportJournal

log = logging.getLogger(__name__)

#: The detail charts' heights (mm); page 1's frequency chart takes what page 1 leaves
#: (28-52 mm; its legend sits beside the data, so a short chart still shows its bars).
DETAIL_CHART_H: Final = {"intensity": 62.0, "time_of_day": 62.0, "regions": 70.0}
FREQUENCY_H: Final = (28.0, 52.0)


def forest_height(factors_with_estimate: int) -> float:
    return min(95.0, 22 + 7 * factors_with_estimate)


class ChartPlan:
    """The report's charts: their data, asked for early, placed in reserved boxes, filled last.

    ``chart_id in plan`` says whether the report shows that chart.
    """

    def __init__(self, batch: ChartBatch, paper: str) -> None:
        self.batch = batch
        from fpdf.fpdf import PAGE_FORMATS

        # The text width exactly as ReportPDF computes it, so the early requests match the
        # boxes reserved later.
        points = PAGE_FORMATS[page_format(paper)][0]
        self.width = points / (72 / 25.4) - 2 * MARGIN
        self.data: dict[str, Any] = {}
        #: Charts page 1 had no room for; the detail shows them first.
        self.deferred: list[str] = []

    def __contains__(self, chart_id: object) -> bool:
        return chart_id in self.data

    def ask_early(self, journal: ReportJournal, options: ReportOptions, first_page_only: bool
                  ) -> None:
        """Read the charts' data and ask for them at their usual sizes, before the text."""
        from journal.report import figures

        if not options.includes("charts"):
            return
        wanted = ("frequency",) if first_page_only else (
            "frequency", "intensity", "time_of_day", "regions")
        start, end = options.period(journal.today())
        try:
            self.data.update(figures.chart_data(journal, start, end, wanted))
        except Exception:  # a chart that cannot be drawn must not cost the whole report
            log.exception("report charts could not be prepared")
            return
        # In page order: the helper works from the front of the queue and the charts are
        # filled in page order. Page 1's chart is asked for at its usual height; if page 1
        # leaves it less room, it is asked for again at its real size when placed.
        for chart_id in ("frequency", *DETAIL_CHART_H):
            if chart_id in self.data:
                height = DETAIL_CHART_H.get(chart_id, FREQUENCY_H[1])
                self.batch.request(ChartJob(chart_id, self.data[chart_id], self.width, height))

    def settle(self, content: ReportContent, first_page_only: bool) -> None:
        """Drop the charts of an empty period; add the trigger chart once its data exists."""
        from journal.report import figures

        if not content.episodes:
            self.data.clear()
        if (content.options.includes("triggers") and content.factor_results
                and not first_page_only):
            try:
                forest = figures.forest_data(content.factor_results)
            except Exception:
                log.exception("trigger chart could not be prepared")
                forest = None
            if forest is not None:
                self.data["trigger_forest"] = forest
                with_estimate = len([f for f in content.factors if f.rate_ratio])
                self.batch.request(ChartJob("trigger_forest", forest, self.width,
                                            forest_height(with_estimate)))

    def job(self, chart_id: str, width: float, height: float) -> ChartJob:
        return ChartJob(chart_id, self.data[chart_id], width, height)


def place_chart(pdf: ReportPDF, charts: ChartPlan, chart_id: str, height: float,
                min_height: float | None = None) -> None:
    """Reserve the chart's box here; the chart is drawn into it before the PDF is saved. Its
    title (the PDF's alt text) is the chart registry's ``report_title``."""
    from journal.report.figures import chart_title

    title = chart_title(chart_id)
    if chart_id not in charts:
        return
    avail = pdf.space_left() - 2
    if avail < height:
        if min_height is not None and avail >= min_height:
            height = avail
        else:
            pdf.add_page()
    width = pdf.text_width
    key = charts.batch.request(charts.job(chart_id, width, height))
    pdf.reserve_chart(key, chart_id, title, MARGIN, pdf.get_y(), width, height)
    pdf.set_y(pdf.get_y() + height + 1.5)

