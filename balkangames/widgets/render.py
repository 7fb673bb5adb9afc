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
        dpi: resolution; 80 keeps PNG encoding quick.
        blit: when False every artist is drawn normally, for a static figure
            (``.figure`` then shows in a notebook like any matplotlib figure).
    """

    def __init__(self, size=(4.2, 3.6), dpi: int = 80, blit: bool = True):
        self.figure = Figure(figsize=size, dpi=dpi, layout="constrained")
        self.canvas = FigureCanvasAgg(self.figure)
        self.blit = blit
        self._moving: list = []
        self._background = None
        self._image = None

    @property
    def image(self):
        """The ``ipywidgets.Image`` showing the latest :meth:`render` (created on first use)."""
        if self._image is None:
            import ipywidgets

            self._image = ipywidgets.Image(format="png")
        return self._image

    def moving(self, artist):
        """Register ``artist`` as one that changes on every update; returns it."""
        if self.blit:
            artist.set_animated(True)
        self._moving.append(artist)
        return artist

    def invalidate(self) -> None:
        """The static part changed: redraw everything on the next :meth:`render`."""
        self._background = None

    def render(self) -> bytes:
        """Draw (blitting when possible), update :attr:`image` and return the PNG bytes."""
        if not self.blit:
            self.canvas.draw()
        else:
            if self._background is None:
                self.canvas.draw()
                self._background = self.canvas.copy_from_bbox(self.figure.bbox)
            else:
                self.canvas.restore_region(self._background)
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
