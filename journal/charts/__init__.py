"""Charts: pure ``draw_*(fig, data)`` functions on a bare Matplotlib Figure, and ``render``.

The same functions feed the Trends screen, the PDF report and the command line, so the screen and
the paper agree. Importing this package imports Matplotlib: import it lazily (inside functions).
"""

from journal.charts.draw import (
    draw_factor_timeline,
    draw_frequency,
    draw_intensity,
    draw_regions,
    draw_time_of_day,
    draw_trigger_forest,
)
from journal.charts.render import render, render_to_file

__all__ = [
    "draw_factor_timeline",
    "draw_frequency",
    "draw_intensity",
    "draw_regions",
    "draw_time_of_day",
    "draw_trigger_forest",
    "render",
    "render_to_file",
]
