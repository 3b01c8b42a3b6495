"""Charts for the report, as vector SVG drawn by the same functions as the Trends screen.

Each chart is the chart registry's (``journal.charts.registry``): its data comes from the
registry's query on the journal's read methods (:class:`~journal.charts.registry.ChartReader`,
never the analytics or the store directly), it is drawn by the registry's draw function on a bare
matplotlib ``Figure``, then saved as SVG with the text turned into outlines (so the PDF needs no
extra font and every glyph prints as on screen) and embedded by fpdf2 as vectors: crisp at any
zoom, small on disk. matplotlib is imported here, inside functions, never at start-up.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, Final

from journal.charts.registry import CHART_SPECS, ChartReader, ChartSelection, chart_spec

if TYPE_CHECKING:
    from matplotlib.figure import Figure

MM_PER_INCH: Final = 25.4
#: rcParams a dark screen theme changes; the report always uses their light defaults.
LIGHT_KEYS: Final = ("figure.facecolor", "axes.facecolor", "savefig.facecolor", "text.color",
                     "axes.labelcolor", "axes.edgecolor", "xtick.color", "ytick.color",
                     "legend.labelcolor", "hatch.color", "axes.titlecolor")
_METADATA_RE: Final = re.compile(rb"<metadata>.*?</metadata>", re.DOTALL)

#: The charts the report can show, in print order: (id, title used for the PDF's alt text).
CHARTS: Final[tuple[tuple[str, str], ...]] = tuple(
    (spec.id, spec.report_title) for spec in CHART_SPECS if spec.report_title is not None)


def chart_title(chart_id: str) -> str:
    """The report's title (alt text) for chart ``chart_id``."""
    return dict(CHARTS)[chart_id]


def figure_svg(draw: Callable[[Figure], None], width_mm: float, height_mm: float) -> bytes:
    """Draw on a fresh Figure of that size and return SVG bytes fpdf2 can embed.

    The PDF must have DejaVu Sans registered under the family name "DejaVu Sans".
    """
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    rc: dict[str, Any] = {
        # Text stays text, set by the PDF in the same embedded DejaVu Sans as the rest of the
        # report: selectable, and much faster for fpdf2 than thousands of glyph outlines.
        "svg.fonttype": "none",
        "font.family": ["DejaVu Sans"],
        "svg.hashsalt": "symptom-journal-report",  # stable ids: the same data, the same file
        "font.size": 8.0,
        "axes.titlesize": 9.0,
        "axes.labelsize": 8.0,
        "xtick.labelsize": 7.0,
        "ytick.labelsize": 7.0,
        "legend.fontsize": 7.0,
    }
    # Paper is light whatever the screen shows: the colours the Trends view may switch for a
    # dark palette are put back to matplotlib's defaults for the report.
    rc.update({key: matplotlib.rcParamsDefault[key] for key in LIGHT_KEYS})
    from journal.charts.style import RC_LOCK

    with RC_LOCK, matplotlib.rc_context(rc):  # type: ignore[arg-type]
        fig = Figure(figsize=(width_mm / MM_PER_INCH, height_mm / MM_PER_INCH),
                     # 72 dpi: what the SVG writer uses, so positions measured before saving hold.
                     dpi=72, layout="constrained")  # as journal.charts.render: no label cut off
        # An Agg canvas gives the layout (and the legends below) a renderer to measure text
        # with directly; savefig switches to the SVG writer on its own.
        FigureCanvasAgg(fig)
        draw(fig)
        # Lay out once, here, and freeze it: savefig would otherwise draw twice (a dry run for
        # the layout, then the real one), and the hatch strokes need the final positions.
        engine = fig.get_layout_engine()
        if engine is not None:
            engine.execute(fig)
            fig.set_layout_engine("none")
        make_fpdf_friendly(fig)
        buf = io.BytesIO()
        fig.savefig(buf, format="svg", metadata={"Date": None})
    # fpdf2 does not read SVG <metadata> and logs a warning for it; it carries nothing we need.
    return flatten_groups(_METADATA_RE.sub(b"", buf.getvalue()))


_PLAIN_GROUP_RE: Final = re.compile(rb'<g(?: id="[^"]*")?>')
_EMPTY_GROUP_RE: Final = re.compile(rb'<g(?: id="[^"]*")?/>')


def flatten_groups(svg: bytes) -> bytes:
    """Unwrap matplotlib's groups that carry nothing but a name (``<g id="xtick_3">``).

    They change nothing drawn (no style, transform or clip, and nothing refers to them), but
    fpdf2 builds a graphics context for each, which costs a sixth of placing a chart. Works on
    matplotlib's one-tag-per-line output; anything else is returned unchanged.
    """
    out: list[bytes] = []
    unwrapped: list[bool] = []
    for line in svg.splitlines(keepends=True):
        tag = line.strip()
        if _PLAIN_GROUP_RE.fullmatch(tag):
            unwrapped.append(True)
            continue
        if _EMPTY_GROUP_RE.fullmatch(tag):
            continue  # an empty named group: nothing to draw
        if tag == b"</g>":
            if not unwrapped:
                return svg
            if unwrapped.pop():
                continue
        elif tag.startswith(b"<g ") or tag == b"<g":
            if b"</g>" in tag:
                return svg
            if not tag.endswith(b"/>"):
                unwrapped.append(False)
        elif b"<g" in tag or b"</g>" in tag:
            return svg
        out.append(line)
    return b"".join(out) if not unwrapped else svg


def chart_data(journal: ChartReader, start: date, end: date, wanted: tuple[str, ...]
               ) -> dict[str, Any]:
    """For each wanted chart id, the numbers it shows (plain values: they can go to the chart
    helper process, see ``chart_pool``), in the registry's order. Both kinds, all regions."""
    selection = ChartSelection(start, end)
    return {spec.id: spec.query(journal, selection) for spec in CHART_SPECS
            if spec.id in wanted}


def forest_data(results: list[Any]) -> list[Any] | None:
    """The trigger forest's data, or None when no factor has an estimate to plot."""
    if not any(getattr(r, "rate_ratio", None) is not None for r in results):
        return None
    from dataclasses import is_dataclass, replace

    from journal.report.factor_words import third_person

    # The chart's labels speak about the patient, as the report's text does.
    return [replace(r, exposure=third_person(r.exposure))
            if is_dataclass(r) and not isinstance(r, type) and hasattr(r, "exposure") else r
            for r in results]


def drawer(chart_id: str, data: Any) -> Callable[[Figure], None]:
    """The function drawing chart ``chart_id`` with ``data`` on a Figure."""
    return _bind(chart_spec(chart_id).drawer(), data)


def parse_svg(svg: bytes) -> Any:
    """fpdf2's parse of ``svg`` (``fpdf.svg.SVGObject``), as ``FPDF.image`` would make it."""
    from fpdf.svg import SVGObject

    return SVGObject(svg)


def _bind(fn: Callable[[Figure, Any], None], data: Any) -> Callable[[Figure], None]:
    def draw(fig: Figure) -> None:
        fn(fig, data)

    return draw


# --- what fpdf2's SVG reader cannot draw ---------------------------------------------------------
# fpdf2 ignores SVG <pattern> (matplotlib's hatching) and misplaces transformed <image> elements
# (imshow heat maps, and colour bars with many levels, which matplotlib rasterises). The charts
# use hatching so that meaning never rests on colour alone, so the hatches are redrawn here as
# plain vector strokes clipped to their patch, and images become meshes of coloured quads.

#: matplotlib's hatch density: a hatch character draws about this many lines per inch.
HATCH_PER_INCH: Final = 6.0


def make_fpdf_friendly(fig: Figure) -> None:
    from matplotlib.collections import Collection
    from matplotlib.image import AxesImage
    from matplotlib.patches import Patch

    for ax in fig.axes:
        for image in list(ax.images):
            if isinstance(image, AxesImage):
                _image_to_mesh(ax, image)
    _markers_as_paths(fig)
    for artist in fig.findobj(lambda a: bool(getattr(a, "get_rasterized", lambda: False)())):
        artist.set_rasterized(False)
    from matplotlib.collections import QuadMesh

    for mesh in fig.findobj(QuadMesh):
        # Quads painted edge to edge show hairline seams in PDF viewers; a thin edge in the
        # face colour covers them (colour bars are such meshes).
        mesh.set_edgecolor("face")
        mesh.set_linewidth(0.6)
    hatched: list[Any] = [a for a in fig.findobj(lambda a: isinstance(a, (Patch, Collection)))
                          if a.get_hatch() and a.get_visible()]  # type: ignore[attr-defined]
    if not hatched:
        return
    legends = [leg for ax in fig.axes if (leg := ax.get_legend()) is not None]
    in_legend = {id(p): leg for leg in [*legends, *fig.legends] for p in leg.get_patches()}
    placed = {id(leg): leg for a in hatched if (leg := in_legend.get(id(a))) is not None}
    if placed:
        # A legend finds its place (and its swatches theirs) only when drawn: draw just it, with
        # the SVG writer's own text metrics so the swatches land where the saved file has them.
        from matplotlib.backends.backend_svg import RendererSVG

        width, height = fig.get_size_inches() * 72
        renderer = RendererSVG(width, height, io.StringIO(), image_dpi=72)  # type: ignore[no-untyped-call]
        for leg in placed.values():
            leg.draw(renderer)
    for artist in hatched:
        if isinstance(artist, Patch):
            paths = [artist.get_path().transformed(artist.get_transform())]
        else:
            transform = artist.get_transform()
            paths = [p.transformed(transform) for p in artist.get_paths()]
        legend = in_legend.get(id(artist))
        zorder = (legend.get_zorder() if legend is not None else artist.get_zorder()) + 0.01
        _hatch_as_strokes(fig, artist, artist.get_hatch(), paths, zorder)
        artist.set_hatch(None)


def _image_to_mesh(ax: Any, image: Any) -> None:
    """A heat map as vector cells: one compound path per shade (fpdf2 pays per path, and a
    heat map has far fewer shades than cells)."""
    import numpy as np
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path as MplPath

    values = image.get_array()
    if values is None or np.ndim(values) != 2:
        return  # an RGB(A) picture: leave it as it is
    left, right, bottom, top = image.get_extent()
    rows, cols = np.shape(values)
    xs = np.linspace(left, right, cols + 1)
    ys = np.linspace(top, bottom, rows + 1) if image.origin == "upper" else np.linspace(
        bottom, top, rows + 1)
    xlim, ylim = ax.get_xlim(), ax.get_ylim()
    colours = image.to_rgba(np.ma.masked_invalid(values), alpha=image.get_alpha())
    cells: dict[tuple[float, ...], list[tuple[int, int]]] = {}
    for r in range(rows):
        for c in range(cols):
            if not np.ma.is_masked(values[r, c]):
                cells.setdefault(tuple(float(v) for v in colours[r, c]), []).append((r, c))
    square = [MplPath.MOVETO, MplPath.LINETO, MplPath.LINETO, MplPath.LINETO,
              MplPath.CLOSEPOLY]
    for colour, where in cells.items():
        verts = []
        for r, c in where:
            x0, x1, y0, y1 = xs[c], xs[c + 1], ys[r], ys[r + 1]
            verts += [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]
        # An edge in the cell's own colour covers the hairline seams viewers draw between cells.
        ax.add_patch(PathPatch(MplPath(verts, square * len(where)), facecolor=colour,
                               edgecolor=colour, linewidth=0.6, zorder=image.get_zorder()))
    image.remove()
    ax.set_xlim(xlim)
    ax.set_ylim(ylim)


def _markers_as_paths(fig: Figure) -> None:
    """Each line's markers as one compound path rather than one ``<use>`` per point."""
    import numpy as np
    from matplotlib.markers import MarkerStyle
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path as MplPath
    from matplotlib.transforms import Affine2D, IdentityTransform

    for ax in fig.axes:
        for line in list(ax.get_lines()):
            marker = line.get_marker()
            if marker in (None, "None", "none", "", " ") or not line.get_visible():
                continue
            style = MarkerStyle(marker, line.get_fillstyle())
            if style.get_fillstyle() != "full" or style.get_alt_path() is not None:
                continue  # half-filled markers: left to matplotlib
            points = np.asarray(line.get_xydata(), dtype=float)
            points = points[np.isfinite(points).all(axis=1)]
            if not len(points):
                continue
            centres = line.get_transform().transform(points)  # display units (points: 72 dpi)
            size = line.get_markersize() * fig.dpi / 72.0
            shape = style.get_path().transformed(style.get_transform() + Affine2D().scale(size))
            outline = np.asarray(shape.vertices, dtype=float)
            codes = shape.codes if shape.codes is not None else np.array(
                [MplPath.MOVETO] + [MplPath.LINETO] * (len(outline) - 1))
            verts = np.concatenate([outline + centre for centre in centres])
            patch = PathPatch(MplPath(verts, np.tile(codes, len(centres))),
                              transform=IdentityTransform(), zorder=line.get_zorder(),
                              facecolor=line.get_markerfacecolor() if style.is_filled()
                              else "none",
                              edgecolor=line.get_markeredgecolor(),
                              linewidth=line.get_markeredgewidth(), alpha=line.get_alpha(),
                              clip_on=line.get_clip_on())
            if line.get_clip_on():
                patch.set_clip_box(line.get_clip_box())
                clip = line.get_clip_path()
                if clip is not None:
                    patch.set_clip_path(clip)
            ax.add_artist(patch)
            line.set_marker("None")


def _hatch_as_strokes(fig: Figure, artist: Any, hatch: str, shapes: list[Any], zorder: float
                      ) -> None:
    """Draw ``hatch`` inside ``shapes`` (paths in display units) as strokes, clipped by hand.

    fpdf2 does not apply SVG clip paths to these strokes, so each hatch line is cut to the
    inside of the shape here (even-odd rule), and dots are kept only where they fall inside.
    """
    import numpy as np
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path as MplPath

    clip_box = artist.get_clip_box() if artist.get_clip_on() else None
    polygons = []
    for path in shapes:
        if clip_box is not None:
            clipped = path.clip_to_bbox(clip_box)
            path = clipped if len(clipped.vertices) else None
        if path is None:
            continue
        polygons += [np.asarray(poly) / fig.dpi for poly in path.to_polygons(closed_only=True)
                     if len(poly) >= 3]
    if not polygons:
        return

    def density(chars: str) -> float:
        return HATCH_PER_INCH * sum(hatch.count(c) for c in chars)

    segments: list[np.ndarray] = []
    root2 = float(np.sqrt(2.0))
    families = (
        (density("/xX"), np.array([1.0, 1.0]) / root2),
        (density("\\xX"), np.array([1.0, -1.0]) / root2),
        (density("-+"), np.array([1.0, 0.0])),
        (density("|+"), np.array([0.0, 1.0])),
    )
    for poly in polygons:
        for per_inch, direction in families:
            if per_inch:
                segments += _lines_inside(poly, direction, 1.0 / per_inch)
    dot_step = 1.0 / density(".oO*") if density(".oO*") else 0.0
    if dot_step:
        for poly in polygons:
            lo, hi = poly.min(axis=0), poly.max(axis=0)
            xs = np.arange(lo[0] + dot_step / 2, hi[0], dot_step)
            ys = np.arange(lo[1] + dot_step / 2, hi[1], dot_step)
            if not len(xs) or not len(ys):
                continue
            grid = np.array([(x + (dot_step / 2 if j % 2 else 0.0), y)
                             for j, y in enumerate(ys) for x in xs])
            inside = grid[MplPath(poly).contains_points(grid)]
            segments += [np.array([pt, pt + np.array([0.004, 0.0])]) for pt in inside]
    if not segments:
        return
    verts = np.concatenate(segments)
    codes = np.tile([MplPath.MOVETO, MplPath.LINETO], len(segments))
    colour = artist.get_hatchcolor() if hasattr(artist, "get_hatchcolor") else None
    if colour is None or len(np.atleast_1d(colour)) == 0:
        colour = artist.get_edgecolor()
    colour = np.asarray(colour, dtype=float)
    if colour.ndim == 2:
        colour = colour[0] if len(colour) else np.array([0.0, 0.0, 0.0, 1.0])
    strokes = PathPatch(
        MplPath(verts, codes), transform=fig.dpi_scale_trans, fill=False, edgecolor=colour,
        linewidth=1.4 if dot_step else 0.6, capstyle="round", alpha=artist.get_alpha(),
        zorder=zorder, clip_on=False,
    )
    ax = artist.axes
    if ax is None:
        fig.add_artist(strokes)
        return
    ax.add_artist(strokes)
    # Drawn right after its shape, not merely at its zorder: a shape painted over later (a
    # stacked bar) must cover these strokes too. matplotlib draws children of equal zorder in
    # list order; ``_children`` is private, so without it the zorder alone has to do.
    children = getattr(ax, "_children", None)
    if isinstance(children, list) and artist in children:
        strokes.set_zorder(artist.get_zorder())
        children.remove(strokes)
        children.insert(children.index(artist) + 1, strokes)


def _lines_inside(poly: Any, direction: Any, step: float) -> list[Any]:
    """Parallel lines ``step`` apart along ``direction``, cut to the inside of ``poly``."""
    import numpy as np

    normal = np.array([-direction[1], direction[0]])
    a = poly
    b = np.roll(poly, -1, axis=0)
    na, nb = a @ normal, b @ normal
    offsets = np.arange(np.floor(min(na.min(), nb.min()) / step) * step + step / 2,
                        max(na.max(), nb.max()), step)
    out = []
    for c in offsets:
        sa, sb = na - c, nb - c
        crossing = (sa > 0) != (sb > 0)
        if not crossing.any():
            continue
        frac = sa[crossing] / (sa[crossing] - sb[crossing])
        points = a[crossing] + (b[crossing] - a[crossing]) * frac[:, None]
        ts = np.sort(points @ direction)
        base = normal * c
        for t0, t1 in zip(ts[0::2], ts[1::2], strict=False):
            if t1 - t0 > 1e-6:
                out.append(np.array([base + direction * t0, base + direction * t1]))
    return out
