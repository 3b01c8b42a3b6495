"""Typesetting for the report: an fpdf2 document with our fonts, page furniture and fast tables.

Nothing here knows what a report says. :class:`ReportPDF` sets up the page (margins, the footer
with "Page X of Y"), writes headings, paragraphs, "label: value" lines and wrapping tables whose
header repeats on every page, and keeps boxes for charts that are drawn into them at the end
(:meth:`ReportPDF.reserve_chart`, :meth:`ReportPDF.fill_charts`). The sections (``page_one``,
``sections``) decide the words; ``pdf`` puts the document together.

Text is set in DejaVu Sans (shipped with matplotlib), embedded and subset, so accents, Greek and
Cyrillic print; a character DejaVu lacks is drawn from matplotlib's Last Resort font (loaded only
when needed: it is slow to read), and anything neither has becomes U+FFFD, never an error.

Tables are drawn with plain cells rather than fpdf2's ``table()``: the appendix of a heavy
journal has thousands of rows and ``table()`` lays each cell out as a paragraph, which is several
times slower (see ``bench/report.py``).
"""

from __future__ import annotations

import contextlib
import logging
import unicodedata
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final, Literal

from fpdf import FPDF
from fpdf.enums import TextMode, XPos, YPos

from journal.i18n import _
from journal.report.chart_pool import ChartBatch, DrawnChart

log = logging.getLogger(__name__)

MARGIN: Final = 14.0
#: The footer's rule sits this far above the paper's edge; its text ends FOOTER_CLEARANCE above
#: it. Reason: at 7 mm some printers clip the footer; 10 mm clears their unprintable margin.
FOOTER_H: Final = 15.5
FOOTER_CLEARANCE: Final = 10.0
#: Registered under the name matplotlib writes into its SVG, so chart text uses the same font.
FONT: Final = "DejaVu Sans"
FALLBACK_FONT: Final = "LastResort"
#: matplotlib's Last Resort font: a glyph (a box naming the Unicode block) for every code point.
FALLBACK_FILE = "LastResortHE-Regular.ttf"
REPLACEMENT: Final = "\ufffd"

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
        # PDF/A-2b: fpdf2 then refuses what the standard forbids (unembedded fonts, encryption)
        # and writes the XMP identification; the sRGB output intent is added below.
        super().__init__(orientation="portrait", unit="mm",
                         format=page_format(paper), enforce_compliance="PDFA_2B")
        self._add_srgb_intent()
        self.footer_text = footer_text
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.c_margin = 0  # tables pad their own cells; paragraphs line up with the margin
        self.set_auto_page_break(True, margin=FOOTER_H + 1)
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
        #: The structure type of the tagged sequence being written (None: none open), and
        #: where each structure element begins, to put the tree in reading order at the end.
        self._open_tag: str | None = None
        self._reading_order: dict[int, tuple[int, float]] = {}
        self.alias_nb_pages()

    def _add_srgb_intent(self) -> None:
        """The output intent PDF/A needs for device RGB colours: Pillow's built-in sRGB."""
        try:
            from fpdf.enums import OutputIntentSubType
            from fpdf.output import PDFICCProfile
            from PIL import ImageCms

            icc = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
            # LittleCMS stamps the profile with the time it was made; a fixed date (and no
            # profile ID, which ICC allows as zeros) keeps the same report the same bytes.
            icc[24:36] = bytes([0x07, 0xE6, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0])  # 2022-01-01
            icc[84:100] = bytes(16)
            self.add_output_intent(
                OutputIntentSubType.PDFA, output_condition_identifier="sRGB",
                output_condition="sRGB IEC61966-2.1", registry_name="http://www.color.org",
                dest_output_profile=PDFICCProfile(contents=bytes(icc), n=3, alternate="DeviceRGB"),
                info="sRGB IEC61966-2.1")
        except Exception:  # an fpdf2 or Pillow without these: the PDF is still a good PDF
            log.warning("no sRGB output intent in the report", exc_info=True)

    def set_document_metadata(self, *, title: str, subject: str, keywords: str, creator: str,
                              author: str, created: datetime, lang: str = "en") -> None:
        """The document information dictionary and the same fields as XMP metadata.

        Written by hand rather than left to fpdf2's PDF/A default, which stamps the XMP modify
        date with the wall clock: the report must be the same bytes for the same journal and
        clock (the golden files), so the file's dates are the report's generation time.
        """
        from xml.sax.saxutils import escape, quoteattr

        self.set_title(title)
        self.set_subject(subject)
        self.set_keywords(keywords)
        self.set_creator(creator)
        self.set_author(author)
        self.set_lang(lang)
        self.set_creation_date(created)
        when = created.astimezone(UTC).isoformat(timespec="seconds")
        part, conformance = 2, "B"
        xmp = "\n".join([
            '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
            '  <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
            '    <rdf:Description rdf:about=""',
            '        xmlns:dc="http://purl.org/dc/elements/1.1/"',
            '        xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
            '        xmlns:pdf="http://ns.adobe.com/pdf/1.3/"',
            '        xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"',
            f"        xmp:CreatorTool={quoteattr(creator)}",
            f'        xmp:CreateDate="{when}" xmp:ModifyDate="{when}"',
            f'        xmp:MetadataDate="{when}"',
            f"        pdf:Keywords={quoteattr(keywords)}>",
            f"      <pdfaid:part>{part}</pdfaid:part>",
            f"      <pdfaid:conformance>{conformance}</pdfaid:conformance>",
            f'      <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li>'
            "</rdf:Alt></dc:title>",
            f'      <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(subject)}'
            "</rdf:li></rdf:Alt></dc:description>",
            f"      <dc:creator><rdf:Seq><rdf:li>{escape(author)}</rdf:li></rdf:Seq></dc:creator>",
            f"      <dc:language><rdf:Bag><rdf:li>{escape(lang)}</rdf:li></rdf:Bag></dc:language>",
            "    </rdf:Description>",
            "  </rdf:RDF>",
            "</x:xmpmeta>",
        ])
        self.set_xmp_metadata(xmp)

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

    # --- tagged structure -------------------------------------------------------------------
    # fpdf2 (2.8) builds a flat structure tree: the Document element with one child per marked
    # sequence, each on one page, and tags only images itself (Figure). The report tags its
    # headings (H1-H3), paragraphs and label lines (P) and tables (Table) the same way, through
    # fpdf2's own builder, and marks the footer as a pagination artifact. A tagged sequence
    # cannot cross a page: a page break inside one closes it and opens a continuation of the
    # same type on the next page. Rows and cells (TR, TH, TD) would need nested elements,
    # which fpdf2's tree does not serialise.

    @contextlib.contextmanager
    def tagged(self, struct_type: str) -> Iterator[None]:
        """Tag what is written inside as one structure element (``"H1"``, ``"P"``, ...)."""
        if self._open_tag is not None:  # already inside one: the outer element holds it
            yield
            return
        self._begin_tag(struct_type)
        try:
            yield
        finally:
            self._end_tag()

    def _begin_tag(self, struct_type: str) -> None:
        mcid = self.struct_builder.next_mcid_for_page(self.page)
        elem = self._add_marked_content(struct_type=f"/{struct_type}", mcid=mcid)
        self._reading_order[id(elem)] = (self.page, self.y)
        self._out(f"/{struct_type} <</MCID {mcid}>> BDC")
        self._open_tag = struct_type

    def _end_tag(self) -> None:
        if self._open_tag is not None:
            self._out("EMC")
            self._open_tag = None

    def add_page(self, *args: Any, **kwargs: Any) -> None:
        open_tag = self._open_tag
        self._end_tag()  # a marked sequence never crosses a page
        super().add_page(*args, **kwargs)
        if open_tag is not None:
            self._begin_tag(open_tag)

    def _in_reading_order(self) -> None:
        """The Document's children by page and position, as a reader meets them: the charts
        are drawn into their boxes last, so fpdf2 appended their Figures at the end."""
        kids = self.struct_builder.doc_struct_elem.k
        ranked = sorted(enumerate(kids), key=lambda item: (
            *self._reading_order.get(id(item[1]), (item[1].page_number() or 0, 0.0)),
            item[0]))
        kids[:] = [elem for _i, elem in ranked]

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
            before = len(self.struct_builder.doc_struct_elem.k)
            self._insert(slot, chart)
            for elem in self.struct_builder.doc_struct_elem.k[before:]:
                self._reading_order[id(elem)] = (slot.page, slot.y)
        self.slots.clear()
        self._in_reading_order()

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
                self.cell(slot.w, 5, _("({0}: this chart could not be drawn.)").format(slot.title))
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
        self._out("/Artifact <</Type /Pagination /Subtype /Footer>> BDC")
        self._footer()
        self._out("EMC")

    def _footer(self) -> None:
        self.set_y(-FOOTER_H)
        self.set_draw_color(*RULE)
        self.line(MARGIN, self.get_y(), self.w - MARGIN, self.get_y())
        self.set_font(FONT, "", 7)
        self.set_text_color(*MUTED)
        self.set_y(-FOOTER_CLEARANCE - 4)
        self.cell(0, 4, self.footer_text, align="L")
        self.set_x(MARGIN)
        self.cell(0, 4, _("Page {0} of {1}").format(self.page_no(), "{nb}"), align="R")
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

    def heading(self, title: str, level: int = 0, bookmark: bool = True,
                keep_with: float | None = None, compact: bool = False) -> None:
        """A heading kept with ``keep_with`` mm of what follows (default: two lines or so);
        ``compact`` sets it smaller with less room around it (page 1 has to hold it all)."""
        if level == 0 and self.summary_done and self.page_no() == 1:
            self.add_page()  # page 1 is the summary alone; the detail starts on page 2
        size = (11.5 if compact else 12.5) if level == 0 else (9.5 if compact else 10)
        self.ensure_space(size + 14 if keep_with is None else size * 0.5 + 4 + keep_with)
        if self.get_y() > self.t_margin + 1:
            self.ln((1.2 if compact else 2.5) if level == 0 else (1.0 if compact else 1.5))
        if bookmark:
            self.start_section(title, level=level)
        self.set_font(FONT, "B", size)
        self.set_text_color(*INK)
        with self.tagged(f"H{level + 2}"):  # H1 is the report's title
            self.cell(0, size * 0.5, self.safe(title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if level == 0:
            self.set_draw_color(*RULE)
            self.line(MARGIN, self.get_y() + 0.6, self.w - MARGIN, self.get_y() + 0.6)
            self.ln(1.3 if compact else 2)
        else:
            self.ln(0.8)

    def paragraph(self, text: str, size: float = 8.5, style: str = "", colour: tuple[int, int, int]
                  = INK, line_h: float | None = None) -> None:
        self.set_font(FONT, style, size)
        self.set_text_color(*colour)
        with self.tagged("P"):
            self.multi_cell(0, line_h or size * 0.48, self.safe(text), align="L",
                            new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*INK)

    def label_value(self, pairs: Sequence[tuple[str, str]], size: float = 8.5,
                    line_h: float | None = None) -> None:
        """'Label: value' pairs on one line, wrapping as needed (``line_h`` mm apart; default
        half the font size).

        Written with ``write()`` rather than markdown, so a value typed by a person (a name with
        ``**`` or ``--`` in it) is printed exactly as typed.
        """
        with self.tagged("P"):
            self._label_value(pairs, size, line_h or size * 0.5)

    def _label_value(self, pairs: Sequence[tuple[str, str]], size: float, line_h: float) -> None:
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

    def _mark_row(self, y: float, h: float, level: int) -> None:
        """The margin bar (and for level 2 the frame) of an emphasised table row."""
        bar = 1.6 if level >= 2 else 0.7
        self.set_fill_color(*INK)
        self.rect(MARGIN - 0.5 - bar, y, bar, h, style="F")
        if level >= 2:
            self.set_draw_color(*INK)
            self.set_line_width(0.35)
            self.rect(MARGIN, y, self.text_width, h, style="D")
            self.set_line_width(0.2)

    def table(self, columns: Sequence[Column], rows: Iterable[Sequence[str]],  # type: ignore[override]
              *, size: float = 7.5, zebra: bool = True,
              row_note: Callable[[int], str] | None = None,
              on_row: Callable[[int], None] | None = None,
              first_column_on_new_page: Callable[[int], str] | None = None,
              bold_row: Callable[[int], bool] | None = None,
              emphasis: Callable[[int], int] | None = None,
              bold_emphasis: bool = True) -> None:
        """A table whose header row is drawn again at the top of every page it continues on.

        ``row_note(i)`` may return a full-width line printed under row ``i`` (notes);
        ``first_column_on_new_page(i)`` gives the first cell's text when row ``i`` opens a page
        (the log leaves repeated dates blank, but a new page names the date again);
        ``bold_row(i)`` sets row ``i`` in bold; ``emphasis(i)`` marks it beyond colour: 1 sets it
        in bold with a thin bar in the left margin (urgent flags), 2 in bold with a thick bar and
        a frame round the row (emergency flags), so the marking survives a grey-scale print;
        ``bold_emphasis=False`` keeps the bar without the bold (narrow columns would wrap).
        """
        if self.space_left() < 4 * size * 0.43 + 4:
            self.add_page()  # before the tag opens: the table starts on the page it is on
        with self.tagged("Table"):
            self._table(columns, rows, size=size, zebra=zebra, row_note=row_note, on_row=on_row,
                        first_column_on_new_page=first_column_on_new_page, bold_row=bold_row,
                        emphasis=emphasis, bold_emphasis=bold_emphasis)

    def _table(self, columns: Sequence[Column], rows: Iterable[Sequence[str]], *, size: float,
               zebra: bool, row_note: Callable[[int], str] | None,
               on_row: Callable[[int], None] | None,
               first_column_on_new_page: Callable[[int], str] | None,
               bold_row: Callable[[int], bool] | None, emphasis: Callable[[int], int] | None,
               bold_emphasis: bool) -> None:
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
            level = emphasis(index) if emphasis is not None else 0
            bold = (level > 0 and bold_emphasis) or (bold_row is not None and bold_row(index))
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
            if level:
                self._mark_row(y, h + h_note, level)
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

