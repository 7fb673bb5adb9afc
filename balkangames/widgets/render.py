"""A matplotlib figure that redraws fast enough for sliders.

Explorers keep one :class:`PngFigure` per plot for their whole life. The static part
(axes, labels, a phase-diagram image) is drawn once and cached as a pixel buffer; on each
change only the moving artists (lines, markers) are redrawn on top of it ("blitting"), and
the pixels are encoded to PNG bytes for an ``ipywidgets.Image``. A full redraw happens only
when :meth:`PngFigure.invalidate` says the static part changed.
"""

from __future__ import annotations

import io

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image


class PngFigure:
    """A figure with a cached background and a list of moving artists.

    Args:
        size: (width, height) in inches.
        dpi: resolution (pixels per inch); modest values keep PNG encoding quick.
        blit: when False every artist is drawn normally, for a static figure
            (``.figure`` then shows in a notebook like any matplotlib figure).
        margins: ``subplots_adjust`` keywords (fractions of the figure).

    Backgrounds are cached per key (:meth:`render` ``key=``), so switching back to a
    static state seen before (e.g. another case's player names) needs no full redraw.
    """

    def __init__(self, size=(4.2, 3.6), dpi: int = 96, blit: bool = True, margins=None):
        # A fixed layout: constrained layout would cost ~100 ms on every full redraw.
        self.figure = Figure(figsize=size, dpi=dpi)
        self.figure.subplots_adjust(**(margins or {"left": 0.17, "right": 0.96, "top": 0.92, "bottom": 0.15}))
        self.canvas = FigureCanvasAgg(self.figure)
        self.blit = blit
        self._moving: list = []
        self._backgrounds: dict = {}
        self._image = None

    @property
    def image(self):
        """The ``ipywidgets.Image`` showing the latest :meth:`render` (created on first use)."""
        if self._image is None:
            import ipywidgets

            width, height = (round(v * self.figure.dpi) for v in self.figure.get_size_inches())
            # Natural size, never squeezed by a flex box.
            self._image = ipywidgets.Image(
                format="png",
                layout=ipywidgets.Layout(width=f"{width}px", height=f"{height}px", flex="0 0 auto"),
            )
        return self._image

    def moving(self, artist):
        """Register ``artist`` as one that changes on every update; returns it."""
        if self.blit:
            artist.set_animated(True)
        self._moving.append(artist)
        return artist

    def invalidate(self) -> None:
        """The static part changed: forget every cached background."""
        self._backgrounds.clear()

    def render(self, key=None) -> bytes:
        """Draw (blitting when possible), update :attr:`image` and return the PNG bytes.

        Args:
            key: names the static state; a background cached under the same key is reused.
        """
        if not self.blit:
            self.canvas.draw()
        else:
            background = self._backgrounds.get(key)
            if background is None:
                self.canvas.draw()
                if len(self._backgrounds) >= 16:
                    self._backgrounds.clear()
                self._backgrounds[key] = self.canvas.copy_from_bbox(self.figure.bbox)
            else:
                self.canvas.restore_region(background)
            renderer = self.canvas.get_renderer()
            for artist in self._moving:
                if artist.get_visible():
                    artist.draw(renderer)
        png = self.png_bytes()
        if self._image is not None:
            self._image.value = png
        return png

    def png_bytes(self) -> bytes:
        """The current pixels as PNG (fast compression: the images are small and flat)."""
        pixels = np.asarray(self.canvas.buffer_rgba())
        buffer = io.BytesIO()
        Image.fromarray(pixels[..., :3]).save(buffer, format="png", compress_level=1)
        return buffer.getvalue()
