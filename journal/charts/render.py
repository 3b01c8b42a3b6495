"""Render a chart to PNG or SVG bytes with a non-interactive canvas (no pyplot, no display)."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from matplotlib.figure import Figure

from journal.charts.style import PRINT_SIZE_IN

Format = Literal["svg", "png"]


def new_figure(size_in: tuple[float, float] = PRINT_SIZE_IN, dpi: float = 150) -> Figure:
    """A figure with constrained layout, so long tick labels never fall off the edge."""
    return Figure(figsize=size_in, dpi=dpi, layout="constrained")


def render(fig_drawer: Callable[[Figure, Any], None], data: Any, fmt: Format = "svg",
           size_in: tuple[float, float] = PRINT_SIZE_IN, dpi: float = 150) -> bytes:
    """Draw ``data`` with ``fig_drawer`` on a fresh figure and return the file's bytes.

    SVG text is converted to paths so it looks the same wherever it is embedded.
    """
    if fmt not in ("svg", "png"):
        raise ValueError(f"unsupported chart format {fmt!r} (use svg or png)")
    fig = new_figure(size_in, dpi)
    if fmt == "svg":
        from matplotlib.backends.backend_svg import FigureCanvasSVG

        FigureCanvasSVG(fig)
    else:
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        FigureCanvasAgg(fig)
    fig_drawer(fig, data)
    buffer = io.BytesIO()
    metadata: dict[str, Any] = {"Date": None} if fmt == "svg" else {"Software": None}
    fig.savefig(buffer, format=fmt, metadata=metadata)
    return buffer.getvalue()


def format_for(path: Path) -> Format:
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in ("svg", "png"):
        from journal.errors import ValidationError

        raise ValidationError("out", f"Charts are saved as .png or .svg, not {path.suffix!r}.")
    return "svg" if suffix == "svg" else "png"


def render_to_file(fig_drawer: Callable[[Figure, Any], None], data: Any, path: Path,
                   size_in: tuple[float, float] = PRINT_SIZE_IN, dpi: float = 150) -> Path:
    """Render and write atomically (private file); the format follows the file's suffix."""
    from journal.fsutil import atomic_write_bytes

    path = Path(path)
    atomic_write_bytes(path, render(fig_drawer, data, format_for(path), size_in, dpi))
    return path
