"""The doctor's report as a PDF: a one-page summary first, the detail after, the log as appendix.

Page 1 is what a clinician reads in a minute: who and which period, the warning-sign flags with
dates (and the warning signs asked and answered "no"), the summary per kind and side, the
frequency chart and the best-supported trigger findings. The detail sections follow in the order
of ``shared/domain.md``; the chronological episode log is an appendix whose table header repeats
on every page. Every page's footer carries "Page X of Y", the period and "patient-recorded diary,
not a diagnosis".

Text is set in DejaVu Sans (shipped with matplotlib), embedded and subset, so accents, Greek and
Cyrillic print; a character DejaVu lacks is drawn from matplotlib's Last Resort font (loaded only
when needed: it is slow to read), and anything neither has becomes U+FFFD, never an error.

Tables are drawn with plain cells rather than fpdf2's ``table()``: the appendix of a heavy
journal has thousands of rows and ``table()`` lays each cell out as a paragraph, which is several
times slower (see ``bench/report.py``).
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

from fpdf import FPDF
from fpdf.enums import TextMode, XPos, YPos

from journal.model import Kind, Radiates, WarningSign, format_duration
from journal.report import labels
from journal.report.chart_pool import ChartBatch, ChartJob, DrawnChart
from journal.report.content import (
    FlagLine,
    Progress,
    ReportContent,
    SummaryRow,
    gather,
    shorten_note,
)
from journal.report.options import SECTION_TITLES, ReportOptions

if TYPE_CHECKING:
    from journal.service import Journal

log = logging.getLogger(__name__)

DISCLAIMER: Final = "patient-recorded diary, not a diagnosis"
TITLE: Final = "Symptom diary: buttock and hip muscle twitches and cramps"
MARGIN: Final = 14.0
FOOTER_H: Final = 12.0
#: Registered under the name matplotlib writes into its SVG, so chart text uses the same font.
FONT: Final = "DejaVu Sans"
FALLBACK_FONT: Final = "LastResort"
#: matplotlib's Last Resort font: a glyph (a box naming the Unicode block) for every code point.
FALLBACK_FILE = "LastResortHE-Regular.ttf"
REPLACEMENT: Final = "\ufffd"

# Okabe-Ito colours (colour-blind safe); the tier is always also written out in words.
TIER_COLOURS: Final[dict[str, tuple[int, int, int]]] = {
    "emergency": (213, 94, 0),
    "urgent": (230, 159, 0),
    "soon": (0, 114, 178),
    "mention": (120, 120, 120),
}
INK: Final = (20, 20, 20)
MUTED: Final = (90, 90, 90)
RULE: Final = (190, 190, 190)
HEAD_FILL: Final = (228, 234, 242)
ZEBRA: Final = (246, 246, 246)
BOX_FILL: Final = (243, 246, 250)

Align = Literal["L", "R", "C"]


def _font_dir() -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def _cmap(font: object) -> Iterable[int]:
    """The code points a loaded font has glyphs for."""
    return getattr(font, "cmap", {}) or {}


def page_format(paper: str) -> str:
    """fpdf2's name for the report's paper size ("A4" or "Letter")."""
    return "letter" if paper == "Letter" else "a4"


@dataclass
class ChartSlot:
    """A box reserved for a chart: where it goes, and where in that page's drawing commands."""

    key: Hashable
    chart_id: str
    title: str
    page: int
    offset: int
    x: float
    y: float
    w: float
    h: float
    state: Any  # fpdf2's graphics state at that point, so the chart is drawn as it would be there


@dataclass(frozen=True)
class Column:
    title: str
    width: float  # relative; scaled to the text width of the page
    align: Align = "L"


class ReportPDF(FPDF):
    """An FPDF page set-up with our fonts and footer, plus a fast wrapping table."""

    def __init__(self, paper: str, footer_text: str) -> None:
        super().__init__(orientation="portrait", unit="mm",
                         format=page_format(paper))
        self.footer_text = footer_text
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.c_margin = 0  # tables pad their own cells; paragraphs line up with the margin
        self.set_auto_page_break(True, margin=FOOTER_H + 4)
        fonts = _font_dir()
        self.add_font(FONT, "", str(fonts / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(fonts / "DejaVuSans-Bold.ttf"))
        # No oblique face: each font file costs ~40 ms to read, and notes say "Note:" instead.
        self._dejavu: frozenset[int] = frozenset(_cmap(self.fonts["dejavu sans"]))
        self._covered: set[int] = set(self._dejavu)
        self._fallback_loaded = False
        self._widths: dict[tuple[str, float, str], float] = {}
        self.summary_done = False
        self.slots: list[ChartSlot] = []
        self._encoded: dict[str, dict[str, str]] = {}
        self.alias_nb_pages()

    # --- text safety --------------------------------------------------------------------------

    def prepare_text(self, texts: Iterable[str]) -> None:
        """Load the fallback font if any of these strings has a character DejaVu lacks."""
        if self._fallback_loaded:
            return
        for text in texts:
            if any(ord(ch) not in self._covered for ch in text if ch >= "\u0370"):
                self._load_fallback()
                return

    def _load_fallback(self) -> None:
        self._fallback_loaded = True
        path = _font_dir() / FALLBACK_FILE
        try:
            self.add_font(FALLBACK_FONT, "", str(path))
        except Exception:  # a missing or unreadable font file: characters become U+FFFD
            log.warning("fallback font %s could not be loaded", path, exc_info=True)
            return
        self._covered |= set(_cmap(self.fonts[FALLBACK_FONT.lower()]))
        self.set_fallback_fonts([FALLBACK_FONT], exact_match=False)

    def safe(self, text: str) -> str:
        """Text every glyph of which some embedded font has; controls become spaces."""
        if text.isascii() and text.isprintable():
            return text
        out = []
        for ch in text:
            if ch in "\n\t\r":
                out.append(" ")
            elif unicodedata.category(ch) in ("Cc", "Cs", "Cn", "Co"):
                out.append(REPLACEMENT if unicodedata.category(ch) != "Cc" else " ")
            elif ord(ch) in self._covered or unicodedata.category(ch) in ("Cf", "Mn", "Zs"):
                out.append(ch if ord(ch) in self._covered else " " if ch.isspace() else "")
            else:
                out.append(REPLACEMENT)
        return "".join(out)

    def width_of(self, text: str) -> float:
        """get_string_width, remembered: table cells repeat the same words thousands of times."""
        key = (self.font_style, self.font_size_pt, text)
        found = self._widths.get(key)
        if found is None:
            found = self._widths[key] = self.get_string_width(text)
        return found

    def put(self, x: float, y: float, w: float, h: float, text: str, align: Align = "L") -> None:
        """One line of text in the box (x, y, w, h), vertically centred like ``cell()``.

        ``text()`` is several times faster than ``cell()`` but knows no fallback font, so text
        with a character DejaVu lacks goes through ``cell()``.
        """
        if not text:
            return
        if not (text.isascii() or all(ord(ch) in self._dejavu for ch in text)):
            self.set_xy(x, y)
            self.cell(w, h, text, align=align)
            return
        self.text(self._aligned_x(x, w, text, align) + self.c_margin,
                  y + 0.5 * h + 0.3 * self.font_size, text)

    def _aligned_x(self, x: float, w: float, text: str, align: Align) -> float:
        """Where ``text`` starts in a box at ``x`` of width ``w``, aligned as ``align``."""
        if align == "L":
            return x
        free = w - self.width_of(text) - 2 * self.c_margin
        return x + (free if align == "R" else free / 2)

    def put_row(self, items: Sequence[tuple[float, float, float, float, str, Align]]) -> None:
        """Several :meth:`put` calls at once, written as the same drawing commands.

        A table row of the episode log is a dozen short strings, most of them repeated
        thousands of times ("cramp", "left", a region); going through ``text()`` for each is
        most of the log's cost. This writes exactly what ``text()`` would, with each distinct
        string's glyph encoding worked out once per document, and falls back to :meth:`put` for
        anything ``text()`` would do more with (a fallback font, underline, a colour change).
        """
        font = self.current_font
        if (font is None or not self.is_ttf_font or self.text_mode != TextMode.FILL
                or self.underline or self.strikethrough or self._record_text_quad_points
                or self.fill_color != self.text_color):
            for item in items:
                self.put(*item)
            return
        k, page_h, margin = self.k, self.h, self.c_margin
        baseline = 0.3 * self.font_size
        encoded = self._encoded.setdefault(font.fontkey, {})
        ops: list[str] = []
        for x, y, w, h, text, align in items:
            if not text:
                continue
            if not (text.isascii() or all(ord(ch) in self._dejavu for ch in text)):
                if ops:
                    self._out("\n".join(ops))
                    ops = []
                self.put(x, y, w, h, text, align)  # may switch fonts on the page and back
                font = self.current_font or font
                encoded = self._encoded.setdefault(font.fontkey, {})
                continue
            if not self.current_font_is_set_on_page:
                if ops:
                    self._out("\n".join(ops))
                    ops = []
                self._out(self._set_font_for_page(font, self.font_size_pt))
            x = self._aligned_x(x, w, text, align)
            code = encoded.get(text)
            if code is None:
                code = encoded[text] = font.encode_text(text)
            ops.append(f"BT {(x + margin) * k:.2f} {(page_h - (y + 0.5 * h + baseline)) * k:.2f}"
                       f" Td {code} ET")
        if ops:
            self._out("\n".join(ops))

    # --- charts, drawn last into boxes reserved in the flow ---------------------------------

    def reserve_chart(self, key: Hashable, chart_id: str, title: str, x: float, y: float,
                      w: float, h: float) -> None:
        """Keep the box (x, y, w, h) on this page for a chart that :meth:`fill_charts` draws."""
        # fpdf2 paints SVG text that names no colour (matplotlib's black) in the fill colour.
        self.set_fill_color(0, 0, 0)
        self.slots.append(ChartSlot(key, chart_id, title, self.page,
                                    len(self._contents(self.page)), x, y, w, h,
                                    self._get_current_graphics_state()))

    def _contents(self, page: int) -> bytearray:
        contents = self.pages[page].contents
        assert isinstance(contents, bytearray), "charts are filled before the PDF is saved"
        return contents

    def fill_charts(self, batch: ChartBatch) -> None:
        """Draw every reserved chart into its box, as if it had been drawn when reserved.

        Each chart's drawing commands go into its page's content stream at the point where the
        box was reserved, with fpdf2's graphics state as it was there, wrapped in q/Q so the
        commands after it see the state they were written for.
        """
        if not self.slots:
            return
        # In page order, each as soon as it is there (the helper may still be drawing the next).
        for slot, (_key, chart) in zip(self.slots, batch.in_order([s.key for s in self.slots]),
                                       strict=True):
            self._insert(slot, chart)
        self.slots.clear()

    def _insert(self, slot: ChartSlot, chart: DrawnChart | BaseException) -> None:
        page = self.pages[slot.page]
        before = self._contents(slot.page)
        current_page, x, y = self.page, self.x, self.y
        self.page = slot.page
        page.contents = bytearray()
        self._push_local_stack(slot.state.copy())
        try:
            self._out("q")
            try:
                if isinstance(chart, BaseException):  # already logged where it failed
                    raise chart
                self._place_svg(slot, chart)
            except Exception as exc:
                if exc is not chart:
                    log.warning("chart %s could not be placed", slot.chart_id, exc_info=True)
                page.contents = bytearray(b"q\n")
                self.set_xy(slot.x, slot.y)
                self.set_font(FONT, "", 8)
                self.set_text_color(*MUTED)
                self.cell(slot.w, 5, f"({slot.title}: this chart could not be drawn.)")
            self._out("Q")
        finally:
            self._pop_local_stack()
            chunk = bytes(page.contents)
            self.page = current_page
            self.set_xy(x, y)
        before[slot.offset:slot.offset] = chunk
        page.contents = before
        for other in self.slots:  # later boxes on this page move down the stream with it
            if other is not slot and other.page == slot.page and other.offset >= slot.offset:
                other.offset += len(chunk)

    def _place_svg(self, slot: ChartSlot, chart: DrawnChart) -> None:
        if chart.parsed is not None:
            try:
                from fpdf.image_datastructures import VectorImageInfo

                svg = chart.parsed
                _, _, w, h = svg.viewbox if svg.viewbox else (0, 0, 0.0, 0.0)
                info = VectorImageInfo(data=svg, w=svg.width or w, h=svg.height or h)
                # FPDF.image() without the parse, which the chart helper has done already.
                self._vector_image("vector_image", svg, info, slot.x, slot.y, slot.w, slot.h,
                                   "", None, slot.title, True)
                return
            except (ImportError, AttributeError, TypeError):  # another fpdf2: the public way
                log.debug("placing a parsed SVG failed; parsing again", exc_info=True)
        self.image(chart.svg, x=slot.x, y=slot.y, w=slot.w, h=slot.h, alt_text=slot.title,
                   keep_aspect_ratio=True)

    # --- page furniture ---------------------------------------------------------------------

    def footer(self) -> None:
        self.set_y(-FOOTER_H)
        self.set_draw_color(*RULE)
        self.line(MARGIN, self.get_y(), self.w - MARGIN, self.get_y())
        self.set_font(FONT, "", 7)
        self.set_text_color(*MUTED)
        self.set_y(-FOOTER_H + 1.5)
        self.cell(0, 4, self.footer_text, align="L")
        self.set_x(MARGIN)
        self.cell(0, 4, f"Page {self.page_no()} of {{nb}}", align="R")
        self.set_text_color(*INK)

    @property
    def text_width(self) -> float:
        return self.w - self.l_margin - self.r_margin

    @property
    def bottom(self) -> float:
        return self.page_break_trigger

    def space_left(self) -> float:
        return self.bottom - self.get_y()

    def ensure_space(self, height: float) -> None:
        if self.space_left() < height:
            self.add_page()

    # --- text blocks ------------------------------------------------------------------------

    def heading(self, title: str, level: int = 0, bookmark: bool = True) -> None:
        if level == 0 and self.summary_done and self.page_no() == 1:
            self.add_page()  # page 1 is the summary alone; the detail starts on page 2
        size = 12.5 if level == 0 else 10
        self.ensure_space(size + 14)
        if self.get_y() > self.t_margin + 1:
            self.ln(2.5 if level == 0 else 1.5)
        if bookmark:
            self.start_section(title, level=level)
        self.set_font(FONT, "B", size)
        self.set_text_color(*INK)
        self.cell(0, size * 0.5, self.safe(title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if level == 0:
            self.set_draw_color(*RULE)
            self.line(MARGIN, self.get_y() + 0.6, self.w - MARGIN, self.get_y() + 0.6)
            self.ln(2)
        else:
            self.ln(0.8)

    def paragraph(self, text: str, size: float = 8.5, style: str = "", colour: tuple[int, int, int]
                  = INK, line_h: float | None = None) -> None:
        self.set_font(FONT, style, size)
        self.set_text_color(*colour)
        self.multi_cell(0, line_h or size * 0.48, self.safe(text), align="L",
                        new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*INK)

    def label_value(self, pairs: Sequence[tuple[str, str]], size: float = 8.5) -> None:
        """'Label: value' pairs on one line, wrapping as needed.

        Written with ``write()`` rather than markdown, so a value typed by a person (a name with
        ``**`` or ``--`` in it) is printed exactly as typed.
        """
        line_h = size * 0.5
        self.set_x(self.l_margin)
        for i, (label, value) in enumerate(pairs):
            if i:
                self.set_font(FONT, "", size)
                self.write(line_h, "   ")
            if label:
                self.set_font(FONT, "B", size)
                self.write(line_h, self.safe(label) + ": ")
            self.set_font(FONT, "", size)
            self.write(line_h, self.safe(value))
        self.ln(line_h)

    # --- tables -----------------------------------------------------------------------------

    def wrap(self, text: str, width: float) -> list[str]:
        """Greedy word wrap to ``width`` mm in the current font (long words are broken)."""
        if not text:
            return [""]
        if self.width_of(text) <= width:
            return [text]
        lines: list[str] = []
        current = ""
        for word in text.split(" "):
            candidate = f"{current} {word}" if current else word
            if self.width_of(candidate) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            while self.width_of(word) > width and len(word) > 1:
                # The longest prefix that fits, by bisection (a pasted URL can be long).
                lo, hi = 1, len(word) - 1
                while lo < hi:
                    mid = (lo + hi + 1) // 2
                    if self.get_string_width(word[:mid]) <= width:
                        lo = mid
                    else:
                        hi = mid - 1
                lines.append(word[:lo])
                word = word[lo:]
            current = word
        lines.append(current)
        return lines

    def table(self, columns: Sequence[Column], rows: Iterable[Sequence[str]],  # type: ignore[override]
              *, size: float = 7.5, zebra: bool = True,
              row_note: Callable[[int], str] | None = None,
              on_row: Callable[[int], None] | None = None,
              first_column_on_new_page: Callable[[int], str] | None = None,
              bold_row: Callable[[int], bool] | None = None) -> None:
        """A table whose header row is drawn again at the top of every page it continues on.

        ``row_note(i)`` may return a full-width line printed under row ``i`` (notes);
        ``first_column_on_new_page(i)`` gives the first cell's text when row ``i`` opens a page
        (the log leaves repeated dates blank, but a new page names the date again);
        ``bold_row(i)`` sets row ``i`` in bold (emergency flags).
        """
        scale = self.text_width / sum(c.width for c in columns)
        widths = [c.width * scale for c in columns]
        pad = 0.9
        line_h = size * 0.43
        self.set_font(FONT, "", size)
        # text() wraps every string in its own colour change while the fill colour differs
        # from the text colour; keeping the two equal between shapes saves thousands of those.
        self.set_text_color(*INK)
        self.set_fill_color(*INK)

        def draw_header() -> None:
            self.set_font(FONT, "B", size)
            heads = [self.wrap(c.title, w - 2 * pad) for c, w in zip(columns, widths, strict=True)]
            h = max(len(x) for x in heads) * line_h + 1.2
            y = self.get_y()
            self.set_fill_color(*HEAD_FILL)
            self.rect(MARGIN, y, self.text_width, h, style="F")
            self.set_fill_color(*INK)
            x = MARGIN
            items = []
            for col, w, lines in zip(columns, widths, heads, strict=True):
                for i, line in enumerate(lines):
                    items.append((x + pad, y + 0.6 + i * line_h, w - 2 * pad, line_h, line,
                                  col.align))
                x += w
            self.put_row(items)
            self.set_xy(MARGIN, y + h)
            self.set_font(FONT, "", size)

        if self.space_left() < 4 * line_h + 4:
            self.add_page()
        draw_header()
        for index, row in enumerate(rows):
            if on_row is not None:
                on_row(index)
            bold = bold_row is not None and bold_row(index)
            if self.font_style != ("B" if bold else "") or self.font_size_pt != size:
                self.set_font(FONT, "B" if bold else "", size)  # not per row: it costs
            cells = [self.wrap(self.safe(text), w - 2 * pad)
                     for text, w in zip(row, widths, strict=True)]
            note_lines: list[str] = []
            if row_note is not None and (note := row_note(index)):
                self.set_font(FONT, "", size - 0.5)
                note_lines = self.wrap(self.safe(note), self.text_width - 2 * pad - 6)
                self.set_font(FONT, "B" if bold else "", size)
            h = max(len(c) for c in cells) * line_h + 0.8
            h_note = len(note_lines) * line_h
            if self.get_y() + h + min(h_note, 3 * line_h) > self.bottom:
                self.add_page()
                draw_header()
                self.set_font(FONT, "B" if bold else "", size)
                if first_column_on_new_page is not None:
                    cells[0] = self.wrap(first_column_on_new_page(index), widths[0] - 2 * pad)
            y = self.get_y()
            if zebra and index % 2 == 1:
                self.set_fill_color(*ZEBRA)
                self.rect(MARGIN, y, self.text_width, h + h_note, style="F")
                self.set_fill_color(*INK)
            x = MARGIN
            items = []
            for col, w, lines in zip(columns, widths, cells, strict=True):
                for i, line in enumerate(lines):
                    items.append((x + pad, y + 0.4 + i * line_h, w - 2 * pad, line_h, line,
                                  col.align))
                x += w
            self.put_row(items)
            y += h
            if note_lines:
                self.set_font(FONT, "", size - 0.5)
                self.set_text_color(*MUTED)
                self.set_fill_color(*MUTED)
                for line in note_lines:
                    if y + line_h > self.bottom:
                        self.add_page()
                        y = self.get_y()
                    self.put(MARGIN + pad + 6, y, self.text_width - 2 * pad - 6, line_h, line)
                    y += line_h
                y += 0.4
                self.set_text_color(*INK)
                self.set_fill_color(*INK)
                self.set_font(FONT, "", size)
            self.set_xy(MARGIN, y)
        self.set_draw_color(*RULE)
        self.line(MARGIN, self.get_y(), self.w - MARGIN, self.get_y())
        self.ln(1.5)


# --- public entry points -----------------------------------------------------------------------


def build_report(journal: Journal, options: ReportOptions | None = None,
                 progress: Progress | None = None, *, first_page_only: bool = False) -> bytes:
    """The report for ``options`` (default: the last 8 weeks) as PDF bytes.

    ``first_page_only`` stops after the one-page summary (the on-screen preview). The charts are
    asked for first, so the chart helper process (when running, see ``chart_pool``) draws them
    while this thread reads the journal and writes the text.
    """
    from journal.report import chart_pool

    options = options or ReportOptions()
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
    report(1.0, "Done")
    return data


def write_report(journal: Journal, out_path: Path | str, options: ReportOptions | None = None,
                 progress: Progress | None = None) -> Path:
    """Build the report, then write it atomically (0600); a failure leaves an earlier file."""
    from journal.store.files import atomic_write_bytes

    data = build_report(journal, options, progress)
    target = Path(out_path)
    atomic_write_bytes(target, data)
    return target


# --- charts --------------------------------------------------------------------------------------

#: The detail charts' heights (mm); page 1's frequency chart takes what page 1 leaves (38-52 mm).
DETAIL_CHART_H: Final = {"intensity": 62.0, "time_of_day": 62.0, "regions": 70.0}
FREQUENCY_H: Final = (38.0, 52.0)


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

    def __contains__(self, chart_id: object) -> bool:
        return chart_id in self.data

    def ask_early(self, journal: Journal, options: ReportOptions, first_page_only: bool) -> None:
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


def _place_chart(pdf: ReportPDF, charts: ChartPlan, chart_id: str, title: str,
                 height: float, min_height: float | None = None) -> None:
    """Reserve the chart's box here; the chart is drawn into it before the PDF is saved."""
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


# --- the document --------------------------------------------------------------------------------


def render(content: ReportContent, charts: ChartPlan,
           progress: Progress | None = None, *, first_page_only: bool = False) -> bytes:
    report = progress or (lambda _f, _m: None)
    opts = content.options
    footer = (f"Symptom diary {content.start.isoformat()} to {content.end.isoformat()}  ·  "
              f"{DISCLAIMER}")
    pdf = ReportPDF(opts.paper, footer)
    pdf.prepare_text(_user_texts(content))
    pdf.set_title("Symptom diary report " + content.period_text())
    pdf.set_subject("Buttock and hip muscle twitches and cramps, " + content.period_text()
                    + ": " + DISCLAIMER)
    pdf.set_keywords("symptom diary, fasciculation, cramp, patient-recorded")
    pdf.set_creator(f"Symptom Journal {content.version}")
    pdf.set_author("Symptom Journal (patient-recorded)")
    pdf.set_lang("en")
    created = content.generated_at
    pdf.set_creation_date(created if created.tzinfo else created.replace(tzinfo=UTC))

    report(0.25, "Writing the summary")
    pdf.add_page()
    _page_one(pdf, content, charts)
    pdf.summary_done = True
    report(0.4, "Writing the detail")
    if first_page_only:
        pdf.fill_charts(charts.batch)
        return bytes(pdf.output())
    _detail(pdf, content, charts, report)
    if opts.includes("log"):
        _episode_log(pdf, content, report)
    report(0.9, "Drawing charts")
    pdf.fill_charts(charts.batch)
    report(0.97, "Saving")
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


def _fmt_date(d: date | None) -> str:
    return d.isoformat() if d else "–"


def _num(v: float | None, digits: int = 1) -> str:
    if v is None:
        return "–"
    return f"{v:.0f}" if float(v).is_integer() else f"{v:.{digits}f}"


def _page_one(pdf: ReportPDF, c: ReportContent, charts: ChartPlan) -> None:
    opts = c.options
    pdf.start_section("Summary (page 1)", level=0)
    pdf.set_font(FONT, "B", 15)
    pdf.cell(0, 7, TITLE, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1)
    who: list[tuple[str, str]] = []
    if opts.name.strip():
        who.append(("Name", opts.name.strip()))
    if opts.dob is not None:
        who.append(("Date of birth", opts.dob.isoformat()))
    who.append(("Period", f"{c.period_text()} ({c.days} days)"))
    pdf.label_value(who, size=9.5)
    pdf.set_text_color(*MUTED)
    pdf.label_value([
        ("Generated", c.generated_at.strftime("%Y-%m-%d %H:%M")
         + f" by Symptom Journal {c.version}"),
        ("Recorded days", f"{len(c.recorded_days)} of {c.days}"),
        ("Episodes", f"{c.count(Kind.TWITCH)} twitches, {c.count(Kind.CRAMP)} cramps"),
    ], size=7.5)
    pdf.set_text_color(*INK)
    # The disclaimer box: what this document is, and the one safety line that always appears.
    pdf.ln(1.2)
    y = pdf.get_y()
    pdf.set_fill_color(*BOX_FILL)
    pdf.rect(MARGIN, y, pdf.text_width, 9.5, style="F")
    pdf.set_xy(MARGIN + 2, y + 1)
    pdf.set_font(FONT, "B", 8)
    pdf.cell(0, 3.8, "This is a " + DISCLAIMER + ".", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_x(MARGIN + 2)
    pdf.set_font(FONT, "", 7.5)
    pdf.cell(0, 3.8, "Entries were made by the patient; unrecorded days are not counted as "
             "symptom-free. " + c.emergency_note, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_y(y + 11)

    if opts.includes("flags"):
        _flags_block(pdf, c)
    if opts.includes("summary"):
        pdf.heading(SECTION_TITLES["summary"])
        _summary_table(pdf, c.summary, c.days)
    if opts.includes("charts") and "frequency" in charts:
        pdf.ln(1)
        pdf.start_section("Episodes over time", level=1)  # the chart carries its own title
        # As tall as page 1 allows once the findings below have their room (38-52 mm).
        below = _trigger_findings_height(pdf, c) if opts.includes("triggers") else 0.0
        if opts.includes("questions") and opts.questions.strip():
            below += 5
        low, high = FREQUENCY_H
        height = max(low, min(high, pdf.space_left() - below - 3))
        _place_chart(pdf, charts, "frequency", "Episodes per day with a 7-day rolling mean",
                     height=height, min_height=low)
    if opts.includes("triggers"):
        pdf.heading("Best-supported trigger findings", level=1)
        _trigger_findings(pdf, c)
    if opts.includes("questions") and opts.questions.strip():
        pdf.paragraph("The patient has written questions for this visit: see "
                      "\u201cQuestions and notes for the visit\u201d.", size=8)


def _flags_block(pdf: ReportPDF, c: ReportContent) -> None:
    pdf.heading(SECTION_TITLES["flags"])
    flags = c.flags_current + c.flags_past
    if flags:
        rows = [_flag_row(f, c.end, c.generated_at.date()) for f in flags]
        pdf.table(
            [Column("Urgency", 18), Column("Warning-sign rule", 72),
             Column("Dates", 41), Column("Guidance the rule follows", 49)],
            rows, size=7.5, zebra=True,
            bold_row=lambda i: flags[i].current and flags[i].tier == "emergency",
        )
    else:
        pdf.paragraph("No warning-sign rule fired in this period.", size=8.5)
    if c.signs_seen:
        seen = "; ".join(
            f"{labels.SIGN[s.sign]} ({_days(s.days)}, "
            + (f"{s.first.isoformat()})" if s.first == s.last
               else f"{s.first.isoformat()} to {s.last.isoformat()})")
            for s in c.signs_seen)
        pdf.label_value([("Warning signs reported", seen)], size=8)
    if c.signs_answered_no:
        no = ", ".join(labels.SIGN[s] for s in c.signs_answered_no)
        pdf.label_value([(f"Asked and answered \u201cno\u201d ({_days(c.checkins_with_questions)}"
                          " of check-ins)", no)], size=7.5)
    elif not c.checkins_with_questions:
        pdf.paragraph("The warning-sign questions were not answered in this period.", size=7.5,
                      colour=MUTED)
    not_asked = [s for s in WarningSign
                 if s not in c.signs_answered_no and s not in {x.sign for x in c.signs_seen}]
    if c.checkins_with_questions and not_asked and len(not_asked) < len(WarningSign):
        pdf.paragraph("Not asked in this period: " + ", ".join(labels.SIGN[s] for s in not_asked)
                      + ".", size=7, colour=MUTED)


def _rate(v: float) -> str:
    """A daily rate with two significant digits below 10 (0.24, 2.4), whole numbers above."""
    return f"{v:.2f}" if v < 1 else f"{v:.1f}" if v < 10 else f"{v:.0f}"


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def _flag_row(f: FlagLine, end: date, today: date) -> list[str]:
    tier = f.tier_label
    if f.current:
        # A report of an earlier period shows the flags as they stood on its last day.
        state = "current" if end >= today else f"firing on {end.isoformat()}"
        dates = f"since {_fmt_date(f.since)} ({state})"
    else:
        dates = f"{_fmt_date(f.since)} to {_fmt_date(f.until)} (cleared)"
        if f.dismissed:
            dates += ", dismissed by the patient"
    title = f.title
    return [tier, title, dates, f.source or "–"]


#: The trend compares the first and the last 14 days: shorter periods have no two such windows.
TREND_MIN_DAYS: Final = 28


def _summary_table(pdf: ReportPDF, rows: Sequence[SummaryRow], days: int) -> None:
    if not rows:
        pdf.paragraph("No episodes were recorded in this period.", size=8.5)
        return
    table_rows = []
    previous: Kind | None = None
    for r in rows:
        trend = r.trend
        if days < TREND_MIN_DAYS:
            trend = "period under 4 weeks"
        elif r.first_rate is not None and r.last_rate is not None and r.trend != "not enough data":
            arrow = {"more": "\u2191 ", "fewer": "\u2193 "}.get(r.trend, "")
            trend = (f"{arrow}{r.trend}: {_rate(r.first_rate)} \u2192 {_rate(r.last_rate)}"
                     "/day")
        side = "All sides" if r.all_sides else labels.SIDE[r.side].replace("Side not given",
                                                                          "not given")
        table_rows.append([
            labels.KIND_PLURAL[r.kind] if r.kind != previous else "",
            side,
            str(r.episodes),
            f"{r.days_with} / {r.recorded_days}",
            _num(r.per_week),
            f"{format_duration(round(r.median_duration_s or 0))} / "
            f"{format_duration(r.longest_duration_s or 0)}",
            f"{_num(r.median_intensity)} / {r.highest_intensity}",
            trend,
        ])
        previous = r.kind
    pdf.table(
        [Column("Kind", 17), Column("Side", 17), Column("Episodes", 15, "R"),
         Column("Days with episodes / recorded", 23, "R"), Column("Per week*", 14, "R"),
         Column("Duration median / longest", 25, "R"), Column("Intensity 0-10 median / max", 23,
                                                                "R"),
         Column("Trend: first vs last 2 weeks*", 46)],
        table_rows, size=7.5,
    )
    pdf.paragraph("* Rates count recorded days only (a day with a check-in or an episode). "
                  "Trend: episodes per recorded day in the first and the last 14 days. "
                  "Intensity for painless twitches means how bothersome.", size=6.8, colour=MUTED)


#: The analytics end each association sentence with this caveat; page 1 says it once.
LINK_CAVEAT: Final = "This is a link in your own records, not proof that one leads to the other."


def _trigger_findings_lines(c: ReportContent) -> list[str]:
    tested = [f for f in c.factors if f.rate_ratio is not None]
    strong = [f for f in tested if f.significant][:3]
    lines: list[str] = []
    if strong:
        lines += ["\u2022 " + f.sentence.replace(LINK_CAVEAT, "").strip() for f in strong]
        lines.append("These are links in the patient's own records, not proof of cause.")
    elif tested:
        lines.append(f"No daily factor showed a clear association with the episode rate in "
                     f"this period ({len(tested)} tested).")
    else:
        lines.append("Not enough recorded days with check-ins to test the daily factors.")
    if c.trigger_shares:
        top = ", ".join(f"{t.label.lower() if t.trigger in labels.TRIGGER else t.label} "
                        f"{t.share:.0%}" for t in c.trigger_shares[:4])
        lines.append(f"Most often suspected by the patient (share of episodes): {top}.")
    return lines


def _trigger_findings_height(pdf: ReportPDF, c: ReportContent) -> float:
    pdf.set_font(FONT, "", 8)
    rows = sum(len(pdf.wrap(pdf.safe(line), pdf.text_width)) for line in
               _trigger_findings_lines(c))
    return 12 + rows * 8 * 0.48


def _trigger_findings(pdf: ReportPDF, c: ReportContent) -> None:
    for line in _trigger_findings_lines(c):
        pdf.paragraph(line, size=8)


def _detail(pdf: ReportPDF, c: ReportContent, charts: ChartPlan,
            report: Progress) -> None:
    opts = c.options
    if opts.includes("charts") and any(k in charts for k in ("intensity", "time_of_day",
                                                              "regions")):
        pdf.ensure_space(90)
        pdf.heading(SECTION_TITLES["charts"])
        _place_chart(pdf, charts, "intensity", "Intensity over time",
                     height=DETAIL_CHART_H["intensity"])
        _place_chart(pdf, charts, "time_of_day", "Time of day",
                     height=DETAIL_CHART_H["time_of_day"])
        _place_chart(pdf, charts, "regions", "Regions", height=DETAIL_CHART_H["regions"])
    report(0.55, "Writing the tables")
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


def _triggers_detail(pdf: ReportPDF, c: ReportContent, charts: ChartPlan) -> None:
    pdf.ensure_space(60)
    pdf.heading(SECTION_TITLES["triggers"])
    pdf.heading("Suspected triggers noted on episodes", level=1)
    total = len(c.episodes)
    if c.trigger_shares:
        pdf.table([Column("Trigger", 60), Column("Episodes with it", 30, "R"),
                   Column("Share of all episodes", 30, "R")],
                  [[t.label, f"{t.episodes} of {total}", f"{t.share:.0%}"]
                   for t in c.trigger_shares], size=7.5)
    else:
        pdf.paragraph("No suspected triggers were noted on episodes in this period.", size=8)
    pdf.heading("Daily factors and the episode rate", level=1)
    pdf.paragraph("Episodes per recorded day on days with the factor against days without it "
                  "(from the daily check-in), adjusted for the other daily factors where the "
                  "finding says so. An association is not proof of cause.",
                  size=7.5, colour=MUTED)
    if c.factors:
        rows = []
        for f in c.factors:
            rr = "–"
            if f.rate_ratio is not None:
                rr = f"{f.rate_ratio:.2f}"
                if f.ci_low is not None and f.ci_high is not None:
                    rr += f" ({f.ci_low:.2f}–{f.ci_high:.2f})"
            rows.append([f.sentence, rr, "yes" if f.significant else "no"])
        pdf.table([Column("Finding", 125), Column("Rate ratio (adj. CI)", 36, "R"),
                   Column("Clear?", 19, "C")], rows, size=7.3)
        _place_chart(pdf, charts, "trigger_forest",
                     "Daily factors and the episode rate (rate ratio, adjusted interval)",
                     height=forest_height(len([f for f in c.factors if f.rate_ratio])))
    else:
        pdf.paragraph("No daily factors could be tested.", size=8)


def _symptoms(pdf: ReportPDF, c: ReportContent) -> None:
    pdf.ensure_space(50)
    pdf.heading(SECTION_TITLES["symptoms"])
    kinds = [k for k in Kind if c.count(k)]
    if kinds:
        pdf.heading("How far it spreads", level=1)
        rows = []
        for r in Radiates:
            row = [labels.RADIATES[r].capitalize()]
            for k in kinds:
                n = c.radiates[k][r]
                row.append(f"{n} ({n / c.count(k):.0%})" if n else "0")
            rows.append(row)
        pdf.table([Column("Spreads", 60)]
                  + [Column(labels.KIND_PLURAL[k], 40, "R") for k in kinds], rows, size=7.5)
    pdf.heading("Warning signs and associated symptoms reported", level=1)
    if c.signs_seen:
        pdf.table([Column("Sign", 90), Column("Days", 20, "R"), Column("First", 35),
                   Column("Last", 35)],
                  [[labels.SIGN[s.sign].capitalize(), str(s.days), s.first.isoformat(),
                    s.last.isoformat()] for s in c.signs_seen], size=7.5)
    else:
        pdf.paragraph("None reported in this period (including numbness, tingling and "
                      "weakness).", size=8)


def _medications(pdf: ReportPDF, c: ReportContent) -> None:
    pdf.ensure_space(40)
    pdf.heading(SECTION_TITLES["medications"])
    if not c.medications:
        pdf.paragraph("No medications or supplements recorded.", size=8)
        return
    rows = []
    for line in c.medications:
        m = line.medication
        known = {"statin": "yes: statin", "diuretic": "yes: diuretic"}.get(line.cramp_risk or "",
                                                                          "–")
        rows.append([
            m.name + ("" if line.active_in_period else " (not taken in this period)"),
            m.kind.value, m.dose or "–", _fmt_date(m.started_on),
            _fmt_date(m.stopped_on) if m.stopped_on else "ongoing",
            "yes" if m.suspected else "–", known,
        ])
    pdf.table([Column("Name", 52), Column("Type", 19), Column("Dose", 26),
               Column("Started", 18), Column("Stopped", 18),
               Column("Suspected by patient", 20, "C"), Column("Known to cause cramps", 27)],
              rows, size=7.3)
    if any(line.cramp_risk for line in c.medications):
        pdf.paragraph("Statins and diuretics are known to cause muscle cramps (NHS: Leg cramps). "
                      "The patient is advised not to stop a medicine without medical advice.",
                      size=7, colour=MUTED)


def _relief(pdf: ReportPDF, c: ReportContent) -> None:
    pdf.ensure_space(35)
    pdf.heading(SECTION_TITLES["relief"])
    if not c.relief:
        pdf.paragraph("No relief attempts recorded in this period.", size=8)
        return
    pdf.table([Column("Tried", 50), Column("Times", 22, "R"), Column("With a score", 25, "R"),
               Column("Median relief 0-10", 30, "R"), Column("Helped (score 5+)", 30, "R")],
              [[labels.RELIEF[r.relief], str(r.tried), str(r.scored), _num(r.median_score),
                f"{r.helped} of {r.scored}" if r.scored else "–"] for r in c.relief], size=7.5)


def _daily_life(pdf: ReportPDF, c: ReportContent) -> None:
    pdf.ensure_space(45)
    pdf.heading(SECTION_TITLES["daily_life"])
    if not any(line.days for line in c.interference):
        pdf.paragraph("No interference scores were recorded in this period.", size=8)
        return
    pdf.paragraph("How much the symptoms got in the way, from the daily check-in "
                  "(0 not at all, 10 completely).", size=7.5, colour=MUTED)
    pdf.table([Column("Interference with", 40), Column("Days scored", 25, "R"),
               Column("Median", 20, "R"), Column("Highest", 20, "R"),
               Column("Days at 7 or more", 30, "R")],
              [[line.area.capitalize(), str(line.days), _num(line.median), _num(line.highest),
                str(line.high_days)] for line in c.interference], size=7.5)
    pdf.heading("Weekly average", level=1)
    pdf.table([Column("Week starting", 35), Column("Sleep", 25, "R"), Column("Walking", 25, "R"),
               Column("Work", 25, "R")],
              [[w.isoformat(), _num(s), _num(wk), _num(wo)]
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
    gap = "none"
    if comp.longest_gap:
        first, last = comp.longest_gap
        gap = f"{_days((last - first).days + 1)} ({first.isoformat()} to {last.isoformat()})"
    pdf.label_value([
        ("Recorded days", f"{comp.recorded} of {comp.days} ({comp.recorded / comp.days:.0%})"),
        ("with a check-in", str(comp.checkin_days)),
        ("episodes only", str(comp.episode_only_days)),
        ("Unrecorded", str(comp.unrecorded)),
        ("Longest unrecorded stretch", gap),
    ], size=8)
    pdf.paragraph("Unrecorded days are left out of rates; they are not counted as "
                  "symptom-free. Calendar: \u2713 recorded, \u00b7 unrecorded.", size=7,
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
        for i, name in enumerate(("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")):
            pdf.set_xy(x0 + label_w + i * cell_w, top)
            pdf.cell(cell_w, cell_h, name, align="C")
        pdf.set_font(FONT, "", 6.5)
        return top + cell_h

    y = weekday_header(pdf.get_y())
    for w in range(weeks):
        if y + cell_h > pdf.bottom:
            pdf.add_page()
            y = weekday_header(pdf.get_y())
        monday = first_monday + timedelta(days=7 * w)
        pdf.set_xy(x0, y)
        pdf.cell(label_w, cell_h, f"week of {monday.isoformat()}")
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
    pdf.set_xy(MARGIN, y + 1.5)


def _questions(pdf: ReportPDF, c: ReportContent) -> None:
    pdf.ensure_space(30)
    pdf.heading(SECTION_TITLES["questions"])
    text = c.options.questions.strip()
    if text:
        for line in text.splitlines():
            pdf.paragraph(line if line.strip() else " ", size=9, line_h=4.6)
    else:
        pdf.paragraph("No questions written for this visit.", size=8, colour=MUTED)
    if c.options.include_notes:
        notes = [ci for ci in c.checkins if ci.note.strip()]
        if notes:
            pdf.heading("Notes from the daily check-ins", level=1)
            pdf.table([Column("Date", 22), Column("Note", 158)],
                      [[ci.date.isoformat(), shorten_note(ci.note)] for ci in notes], size=7.3)


def _episode_log(pdf: ReportPDF, c: ReportContent, report: Progress) -> None:
    pdf.add_page()
    pdf.heading(SECTION_TITLES["log"])
    episodes = c.episodes
    if not episodes:
        pdf.paragraph("No episodes were recorded in this period.", size=8)
        return
    notes = c.options.include_notes
    pdf.paragraph(
        f"{len(episodes)} episodes, oldest first. Duration as 1m30s; intensity 0-10; relief as "
        "method (score 0-10)." + (" Notes under their episode." if notes else ""),
        size=7, colour=MUTED)
    user = c.user_trigger_labels
    rows: list[list[str]] = []
    previous: date | None = None
    for e in episodes:
        day = e.local_date
        rows.append([
            day.isoformat() if day != previous else "",
            e.started_at.strftime("%H:%M"),
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
            report(0.6 + 0.28 * i / total, f"Episode log: {i} of {total}")

    pdf.table(
        [Column("Date", 16), Column("Time", 8.5), Column("Kind", 10), Column("Side", 8),
         Column("Dur.", 10, "R"), Column("Int", 6.5, "R"), Column("Regions", 27),
         Column("Spreads", 13), Column("Activity", 14), Column("Triggers", 28),
         Column("Warning signs", 21), Column("Relief", 18)],
        rows, size=6.6,
        row_note=(lambda i: "Note: " + shorten_note(episodes[i].note)
                  if episodes[i].note.strip() else "")
        if notes else None,
        on_row=on_row,
        first_column_on_new_page=lambda i: episodes[i].local_date.isoformat(),
    )


_SIDE_SHORT: Final = {"left": "left", "right": "right", "both": "both"}


def _trigger_text(tid: str, amount: float | None, unit: str | None, user: dict[str, str]) -> str:
    text = labels.trigger_label(tid, user).lower() if tid not in user else user[tid]
    if amount is not None:
        text += f" {amount:g}{(' ' + unit) if unit else ''}"
    return text


def _relief_text(e: Any) -> str:
    if not e.relief:
        return "–"
    methods = ", ".join(labels.RELIEF[r].lower() for r in e.relief)
    return f"{methods} ({e.relief_score})" if e.relief_score is not None else methods
