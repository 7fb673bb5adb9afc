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
from matplotlib.text import Text
from PIL import Image

from ..views import MIN_FONT_PX

#: Device pixels per CSS pixel of the PNGs drawn from now on (see :func:`set_pixel_ratio`).
PIXEL_RATIO = 1


def set_pixel_ratio(ratio: int) -> None:
    """Draw the plots of explorers made from now on at ``ratio`` device pixels per CSS pixel.

    A projector view (``make present``) shows its plots larger than a notebook does: drawn at
    2, they stay sharp up to twice their notebook size instead of being enlarged bitmaps.
    Layout, fonts and sizes are in CSS pixels and do not change.
    """
    global PIXEL_RATIO
    if isinstance(ratio, bool) or not isinstance(ratio, int) or not 1 <= ratio <= 4:
        raise ValueError(f"pixel ratio must be an integer from 1 to 4, got {ratio!r}")
    PIXEL_RATIO = ratio


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
        #: Dots per inch in CSS pixels (layout and fonts); the figure's own dpi is that times
        #: the pixel ratio (device pixels of the PNG).
        self.css_dpi = dpi
        self.figure = Figure(figsize=size, dpi=dpi * PIXEL_RATIO)
        self.figure.subplots_adjust(**(margins or {"left": 0.17, "right": 0.96, "top": 0.92, "bottom": 0.15}))
        self.canvas = FigureCanvasAgg(self.figure)
        self.blit = blit
        self._moving: list = []
        self._layered: list = []
        self._backgrounds: dict = {}
        self._layers: dict = {}
        self._pngs: dict = {}
        self._image = None

    @property
    def image(self):
        """The ``ipywidgets.Image`` showing the latest :meth:`render` (created on first use)."""
        if self._image is None:
            import ipywidgets  # a PNG alone does not need it: loaded when shown in a widget

            width, height = (round(v * self.css_dpi) for v in self.figure.get_size_inches())
            # Natural size, never squeezed by a flex box.
            self._image = ipywidgets.Image(
                format="png",
                layout=ipywidgets.Layout(width=f"{width}px", height=f"{height}px", flex="0 0 auto"),
            )
        return self._image

    def moving(self, artist, layer: bool = False):
        """Register ``artist`` as one that changes with updates; returns it.

        ``layer=True`` puts it in the cached middle layer: artists that change with the data
        but not with every update (a phase diagram's regions under its moving marker).
        """
        if self.blit:
            artist.set_animated(True)
        (self._layered if layer else self._moving).append(artist)
        return artist

    def invalidate(self) -> None:
        """The static part changed: forget every cached background, layer and PNG."""
        self._backgrounds.clear()
        self._layers.clear()
        self._pngs.clear()

    def render(self, key=None, layer_key=None, state=None) -> bytes:
        """Draw (blitting when possible), update :attr:`image` and return the PNG bytes.

        Args:
            key: names the static state; a background cached under the same key is reused.
            layer_key: names the state of the layered artists (see :meth:`moving`); their
                pixels are cached under ``(key, layer_key)``.
            state: a hashable summary of everything the moving artists show; when given,
                the PNG is cached under ``(key, layer_key, state)`` and a state seen before
                costs nothing to show again.
        """
        memo = None if state is None or not self.blit else (key, layer_key, state)
        if memo is not None and memo in self._pngs:
            png = self._pngs[memo]
            if self._image is not None:
                self._image.value = png
            return png
        png = self._draw(key, layer_key)
        if memo is not None:
            _remember(self._pngs, memo, png, MAX_PNGS)
        if self._image is not None:
            self._image.value = png
        return png

    def legible(self) -> None:
        """Raise every text of the figure (tick labels included) to at least MIN_FONT_PX pixels.

        Called before each full redraw, so text added after construction is covered too.
        """
        smallest = MIN_FONT_PX * 72 / self.css_dpi  # points
        for ax in self.figure.axes:
            ax.tick_params(labelsize=max(smallest, 10))
        for text in self.figure.findobj(Text):
            if text.get_fontsize() < smallest:
                text.set_fontsize(smallest)

    def _draw(self, key, layer_key) -> bytes:
        if not self.blit:
            self.legible()
            self.canvas.draw()
        else:
            renderer = self.canvas.get_renderer()
            layer = self._layers.get((key, layer_key)) if self._layered else None
            if layer is not None:
                self.canvas.restore_region(layer)
            else:
                background = self._backgrounds.get(key)
                if background is None:
                    self.legible()
                    self.canvas.draw()
                    _remember(self._backgrounds, key, self.canvas.copy_from_bbox(self.figure.bbox))
                else:
                    self.canvas.restore_region(background)
                if self._layered:
                    for artist in self._layered:
                        if artist.get_visible():
                            artist.draw(renderer)
                    _remember(self._layers, (key, layer_key), self.canvas.copy_from_bbox(self.figure.bbox))
            for artist in self._moving:
                if artist.get_visible():
                    artist.draw(renderer)
        return self.png_bytes()

    def png_bytes(self) -> bytes:
        """The current pixels as PNG (fast compression: the images are small and flat)."""
        pixels = np.asarray(self.canvas.buffer_rgba())
        buffer = io.BytesIO()
        Image.fromarray(pixels[..., :3]).save(buffer, format="png", compress_level=1)
        return buffer.getvalue()


#: Cached pixel buffers per figure (each is the figure's size in RGBA).
MAX_CACHED = 24
#: Cached PNGs per figure (a few tens of kB each).
MAX_PNGS = 256


def _remember(cache: dict, key, value, limit: int = MAX_CACHED) -> None:
    """Store ``value``, dropping the oldest entry beyond ``limit``."""
    cache.pop(key, None)
    if len(cache) >= limit:
        cache.pop(next(iter(cache)))
    cache[key] = value


class FigureView:
    """Base of the package's plots, each of which draws on a :class:`PngFigure` in ``self.view``."""

    view: PngFigure

    @property
    def image(self):
        """The ``ipywidgets.Image`` showing the plot."""
        return self.view.image

    @property
    def figure(self):
        """The matplotlib figure."""
        return self.view.figure
