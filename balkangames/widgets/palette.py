"""Colours for every view: the Okabe–Ito palette, safe for the common colour-vision deficiencies.

Okabe, M. & Ito, K. (2008) "Color Universal Design". Colour is never the only carrier of
meaning in :mod:`balkangames.widgets`: classes and equilibria are always stated in text
too, lines also differ in style and markers in shape.
"""

from __future__ import annotations

from ..classify import CLASS_NAMES
from ..views import COLUMN_COLOUR, OKABE_ITO, ROW_COLOUR

#: The row player's and the column player's colour (payoffs, best-response lines).
PLAYER_COLOURS = (ROW_COLOUR, COLUMN_COLOUR)

#: Line styles that tell the two players apart without colour.
PLAYER_LINESTYLES = ("-", "--")

#: One colour per class of :data:`balkangames.classify.CLASS_NAMES` (ties in grey).
CLASS_COLOURS = {
    "tie": "#BBBBBB",
    "harmony": OKABE_ITO["bluish green"],
    "stag-hunt": OKABE_ITO["sky blue"],
    "prisoners-dilemma": OKABE_ITO["vermillion"],
    "chicken": OKABE_ITO["yellow"],  # not orange, which beside vermillion (the PD) reads as one colour
    "deadlock": OKABE_ITO["reddish purple"],
}

#: Marker shapes per class, so a timeline reads without colour.
CLASS_MARKERS = {
    "tie": "x",
    "harmony": "o",
    "stag-hunt": "s",
    "prisoners-dilemma": "v",
    "chicken": "D",
    "deadlock": "P",
}


def class_colour(name: str) -> str:
    """The colour of class ``name`` (one of :data:`~balkangames.classify.CLASS_NAMES`).

    >>> class_colour("stag-hunt")
    '#56B4E9'

    Raises:
        ValueError: for an unknown class name.
    """
    if name not in CLASS_COLOURS:
        raise ValueError(f"unknown class {name!r}; expected one of {list(CLASS_NAMES)}")
    return CLASS_COLOURS[name]

