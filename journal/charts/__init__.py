"""Charts: pure ``draw_*(fig, data)`` functions on a bare Matplotlib Figure, and their registry.

The same functions feed the Trends screen, the PDF report and the command line, so the screen and
the paper agree; :mod:`journal.charts.registry` lists them (id, title, query, draw, hover) and is
what those three read. The drawing lives in :mod:`journal.charts.draw`, rendering to PNG or SVG
in :mod:`journal.charts.render`: both import Matplotlib, so this package does not import them
(the registry is needed by the command line's ``--help``, which must stay fast).
"""

from journal.charts.registry import CHART_SPECS, ChartReader, ChartSelection, ChartSpec, chart_spec

__all__ = ["CHART_SPECS", "ChartReader", "ChartSelection", "ChartSpec", "chart_spec"]
