"""Colours, hatches, markers and type sizes shared by every chart.

Okabe-Ito colours (safe for the common colour-vision deficiencies) and, on top of colour, a hatch
or marker per series, so a chart printed in grey or read by someone who cannot tell the colours
apart still separates twitches from cramps. Sizes are chosen for the PDF report, which prints a
chart about 17 cm (6.7 in) wide.
"""

from __future__ import annotations

import threading
from typing import Final

import journal.vocabulary as vocabulary
from journal.i18n import Translated

#: Matplotlib's rcParams are global. The report draws its charts on a worker thread while the
#: Trends view may draw on the GUI thread, each inside its own ``rc_context`` (light paper, or
#: the screen's dark theme): whoever changes rcParams holds this lock until its figure is done.
RC_LOCK: Final = threading.RLock()

OKABE_ITO: Final = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

KIND_COLOURS: Final = {"twitch": OKABE_ITO["blue"], "cramp": OKABE_ITO["vermillion"]}
KIND_HATCHES: Final = {"twitch": "", "cramp": "////"}
KIND_MARKERS: Final = {"twitch": "o", "cramp": "s"}
KIND_LINESTYLES: Final = {"twitch": "-", "cramp": "--"}
#: Legend words per kind (``journal.vocabulary.KINDS``).
KIND_LABELS: Final = Translated({kind: words.plural for kind, words in vocabulary.KINDS.items()})
UNRECORDED_COLOUR: Final = "#999999"
SEQUENTIAL_CMAP: Final = "cividis"  # even lightness steps; readable without colour vision
SEQUENTIAL_SHADES: Final = 64

#: The width the report prints a chart at, and a height that keeps labels legible there.
PRINT_SIZE_IN: Final = (6.7, 3.4)
TITLE_SIZE: Final = 11
LABEL_SIZE: Final = 9.5
TICK_SIZE: Final = 8.5
LEGEND_SIZE: Final = 8.5

#: A region's display name (``journal.vocabulary.REGIONS``): the axis has no room for the
#: anatomical name, and the count follows in brackets.
REGION_LABELS: Final = Translated(
    {region: words.name for region, words in vocabulary.REGIONS.items()})


def foreground() -> str:
    """The text colour of the active Matplotlib style (so a dark theme keeps lines visible)."""
    import matplotlib as mpl

    return str(mpl.rcParams["text.color"])
