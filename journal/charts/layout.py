"""A fixed layout for the Trends screen's figures: margins computed from the words drawn.

Constrained layout measures every tick label of every axes on every draw (it asks each axes for
its tight bounding box, which builds and formats all ticks) and then solves for the positions;
on the Trends screen that was about a third of each redraw, and the ticks were then built again
by the draw itself. The charts here have few shapes (one axes; one with a colour bar beside it;
two stacked axes sharing the dates; any of these in each cell of a 2 x 2 grid of subfigures), so
:func:`fixed_layout` places the axes directly: the tick labels' strings come from the axis'
own locator and formatter (no ticks are built), their sizes from the renderer's text metrics
(cached), and titles, axis labels and figure legends are measured as the artists they are. The
margins are then exactly what the words need, on every redraw, for the same cost as measuring a
handful of strings.

Used by the Trends screen only; the report and saved files keep constrained layout.

The date axis' offset (ConciseDateFormatter's "2026-Dec" under the last tick) is moved onto a
line of its own below the axis caption: Matplotlib draws it at the caption's height, where a long
caption ran into it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from matplotlib import dates as mdates
from matplotlib import rcParams as _rcparams
from matplotlib.font_manager import FontProperties
from matplotlib.text import Text

#: Space kept free at every edge of a (sub)figure, in points (constrained layout's default pad).
EDGE_PAD_PT = 4.0
#: Between stacked axes, on top of what their labels need, in points.
ROW_GAP_PT = 6.0
#: Matplotlib's settings, read with computed keys ("xtick..." or "ytick...").
rcParams: Any = _rcparams
#: The gid of the date offset text this layout draws in place of Matplotlib's own.
OFFSET_GID = "date-offset"
#: A legend drawn beside its axes, outside the data area (journal.charts.draw sets this gid):
#: the axes leave room for it on their right.
LEGEND_BESIDE_GID = "legend-beside"


@dataclass
class _Margins:
    left: float = 0.0
    right: float = 0.0
    top: float = 0.0
    bottom: float = 0.0


def _pt(points: float, dpi: float) -> float:
    return points * dpi / 72.0


def _tick_strings(axis: Any) -> list[str]:
    """The labels the axis will draw, from its locator and formatter (as ``Axis._update_ticks``
    makes them), without building a single tick."""
    locs = list(axis.get_majorticklocs())
    if not locs:
        return []
    labels = axis.major.formatter.format_ticks(locs)
    lo, hi = sorted(axis.get_view_interval())
    span = abs(hi - lo) or 1.0
    return [label for loc, label in zip(locs, labels, strict=True)
            if lo - span * 1e-9 <= loc <= hi + span * 1e-9 and label]


def _text_size(renderer: Any, strings: list[str], size: float) -> tuple[float, float]:
    """(widest, tallest) of ``strings`` in pixels at font ``size``."""
    prop = FontProperties(size=size)
    # A line is at least as tall as "lp" (ascender and descender), as Text lays it out.
    _w, line_h, _d = renderer.get_text_width_height_descent("lp", prop, ismath=False)
    widest = tallest = 0.0
    for s in strings:
        lines = s.split("\n")
        w = h = 0.0
        for line in lines:
            lw, lh, _d = renderer.get_text_width_height_descent(line or " ", prop, ismath=False)
            w = max(w, lw)
            h += max(lh, line_h)
        widest, tallest = max(widest, w), max(tallest, h * (1.0 if len(lines) == 1 else 1.2))
    return widest, tallest


def _label_size(axis: Any, name: str) -> float:
    params = axis.get_tick_params()
    size = params.get("labelsize", rcParams[f"{name}tick.labelsize"])
    return float(FontProperties(size=size).get_size_in_points())


def _extent(text: Text | None, renderer: Any) -> tuple[float, float]:
    if text is None or not text.get_visible() or not text.get_text():
        return 0.0, 0.0
    box = text.get_window_extent(renderer)
    return float(box.width), float(box.height)


def _axes_margins(ax: Any, renderer: Any, dpi: float) -> tuple[_Margins, float, str]:
    """What ``ax``'s decorations need on each side, in pixels; the overhang of its last date
    tick label to the right; the date offset string to draw under it ("" for none)."""
    m = _Margins()
    offset = ""
    overhang = 0.0
    for name, axis in (("x", ax.xaxis), ("y", ax.yaxis)):
        params = axis.get_tick_params()
        strings = _tick_strings(axis)
        size = _label_size(axis, name)
        width, height = _text_size(renderer, strings, size)
        tick = _pt(float(rcParams[f"{name}tick.major.size"])
                   + float(rcParams[f"{name}tick.major.pad"]), dpi)
        if name == "x":
            need = height + tick if strings else 0.0
            if params.get("labelbottom", rcParams["xtick.labelbottom"]):
                m.bottom += need
            if params.get("labeltop", rcParams["xtick.labeltop"]):
                m.top += need
            if strings and params.get("labelbottom", True):
                # A label centred on the last tick may stick out past the axes' right end.
                overhang = _text_size(renderer, strings[-1:], size)[0] / 2
            formatter = axis.get_major_formatter()
            if isinstance(formatter, mdates.ConciseDateFormatter):
                offset = str(formatter.get_offset())  # type: ignore[no-untyped-call]
        else:
            need = width + tick if strings else 0.0
            if params.get("labelleft", rcParams["ytick.labelleft"]):
                m.left += need
            if params.get("labelright", rcParams["ytick.labelright"]):
                m.right += need
        label_w, label_h = _extent(axis.label, renderer)
        pad = _pt(float(rcParams["axes.labelpad"]), dpi)
        if name == "x" and label_h:
            if axis.get_label_position() == "top":
                m.top += label_h + pad
            else:
                m.bottom += label_h + pad
        elif name == "y" and label_w:
            if axis.get_label_position() == "right":
                m.right += label_w + pad
            else:
                m.left += label_w + pad
    legend = ax.get_legend()
    if legend is not None and legend.get_visible() and legend.get_gid() == LEGEND_BESIDE_GID:
        # Anchored at 1.01 of the axes' width: that gap, the legend, and a small pad.
        m.right += float(legend.get_window_extent(renderer).width) + _pt(6.0, dpi)
    titles = [ax.title, ax._left_title, ax._right_title]
    title_h = max(_extent(t, renderer)[1] for t in titles)
    if title_h:
        m.top += title_h + _pt(float(rcParams["axes.titlepad"]), dpi)
    return m, overhang, offset


def _draw_offset(ax: Any, offset: str, below_px: float, renderer: Any) -> float:
    """Draw the date offset right-aligned under everything else below ``ax``; its height."""
    ax.xaxis.offsetText.set_visible(False)
    for old in [t for t in ax.texts if t.get_gid() == OFFSET_GID]:
        old.remove()
    if not offset:
        return 0.0
    size = _label_size(ax.xaxis, "x")
    text = ax.annotate(offset, xy=(1.0, 0.0), xycoords="axes fraction",
                       xytext=(0.0, -below_px), textcoords="offset pixels", ha="right",
                       va="top", fontsize=size, color=ax.xaxis.offsetText.get_color(),
                       annotation_clip=False, gid=OFFSET_GID)
    return _extent(text, renderer)[1]


def _panel_axes(panel: Any) -> list[Any]:
    own = panel._localaxes if hasattr(panel, "_localaxes") else panel.axes
    return list(own)


def _row(ax: Any) -> int:
    spec = ax.get_subplotspec()
    return int(spec.rowspan.start) if spec is not None else 0


def _layout_panel(panel: Any, renderer: Any, dpi: float) -> None:
    axes = _panel_axes(panel)
    bars = {id(cax._colorbar.mappable.axes): cax for cax in axes
            if hasattr(cax, "_colorbar")}
    main = [ax for ax in axes if not hasattr(ax, "_colorbar")]
    if not main:
        return
    # Rows top to bottom, by where each axes' cell starts in its grid.
    main.sort(key=_row)
    spec = main[0].get_subplotspec()
    grid: Any = spec.get_gridspec() if spec else None
    ratios: list[float] = [float(r) for r in (grid.get_height_ratios() or [])] if grid else []
    if len(ratios) != len(main):
        ratios = [1.0] * len(main)
    box = panel.bbox
    width, height = float(box.width), float(box.height)
    edge = _pt(EDGE_PAD_PT, dpi)

    found = [_axes_margins(ax, renderer, dpi) for ax in main]
    margins = [f[0] for f in found]
    offsets = [f[2] for f in found]
    # The date offset's own line, below the last row's caption.
    last = len(main) - 1
    offset_h = 0.0
    if offsets[last]:
        offset_h = _text_size(renderer, [offsets[last]], _label_size(main[last].xaxis, "x"))[1]
        offset_h += _pt(2.0, dpi)
    top_extra = 0.0
    suptitle = getattr(panel, "_suptitle", None)
    if suptitle is not None and suptitle.get_text():
        top_extra = _extent(suptitle, renderer)[1] + (1.0 - suptitle.get_position()[1]) * height
    bottom_extra = 0.0
    for legend in panel.legends:
        bottom_extra = max(bottom_extra, float(legend.get_window_extent(renderer).height))

    left = edge + max(m.left for m in margins)
    right = edge + max(max(m.right for m in margins), max(f[1] for f in found))
    top = edge + top_extra + margins[0].top
    bottom = edge + bottom_extra + margins[last].bottom + offset_h
    gaps = [margins[i].bottom + margins[i + 1].top + _pt(ROW_GAP_PT, dpi)
            for i in range(last)]
    usable_h = max(height - top - bottom - sum(gaps), height * 0.2)

    # A colour bar beside an axes: as wide as constrained layout makes it (1/20 of its
    # height), a small pad, then its own ticks and label.
    bar_room = 0.0
    bar_geometry: list[tuple[Any, Any, float, float]] = []
    heights = [usable_h * r / sum(ratios) for r in ratios]
    for ax, h in zip(main, heights, strict=True):
        cax = bars.get(id(ax))
        if cax is None:
            continue
        cm, _o, _s = _axes_margins(cax, renderer, dpi)
        bar_w = h / 20.0
        bar_pad = 0.01 * width + _pt(2.0, dpi)
        bar_room = max(bar_room, bar_pad + bar_w + cm.right)
        bar_geometry.append((ax, cax, bar_w, bar_pad))
    right = max(right, edge + bar_room) if bar_room else right
    usable_w = width - left - right
    # A caption centred under the axes that is wider than they are sticks out on both sides:
    # narrow the axes until its right end (the side with the smaller margin) fits.
    for ax in main:
        caption_w = _extent(ax.xaxis.label, renderer)[0]
        if caption_w:
            usable_w = min(usable_w, 2 * (width - edge - left) - caption_w)
    usable_w = max(usable_w, width * 0.2)

    y = height - top
    for i, (ax, h) in enumerate(zip(main, heights, strict=True)):
        y -= h
        ax.set_position((left / width, y / height, usable_w / width, h / height))
        if i < last:
            y -= gaps[i]
    for ax, cax, bar_w, bar_pad in bar_geometry:
        pos = ax.get_position()
        cax.set_box_aspect(None)
        cax.set_position((pos.x1 + bar_pad / width, pos.y0, bar_w / width, pos.height))
    for i, ax in enumerate(main):
        _draw_offset(ax, offsets[i] if i == last else "", margins[i].bottom, renderer)


def fixed_layout(fig: Any) -> None:
    """Place every axes of ``fig`` (a Figure, or each of its subfigures) by measured margins.

    Call after the chart is drawn onto ``fig`` and before rendering; ``fig`` must have no layout
    engine (the positions set here are final) and a canvas.
    """
    renderer = fig.canvas.get_renderer()
    dpi = float(fig.dpi)
    panels = list(fig.subfigs) or [fig]
    for panel in panels:
        _layout_panel(panel, renderer, dpi)
