"""The one hook between the core and the views: how a core object shows itself.

Core objects (:class:`~balkangames.game.Game`, :class:`~balkangames.solver.Solution`,
:class:`~balkangames.thresholds.Threshold`, :class:`~balkangames.cases.case.Case`, …) keep
their ``_repr_html_``, ``_repr_latex_`` and ``describe`` methods, but the code that renders
lives in :mod:`balkangames.views`, above the core. The views fill :data:`RENDERERS` when
they are imported; the core asks :func:`render` by name and never imports the views itself.

The first render imports ``balkangames.views`` by name (:func:`importlib.import_module`): this
is the package's one deliberate late binding from the core upwards. It keeps the import
graph one-way while a notebook cell that ends with ``game`` still shows the bimatrix.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

#: renderer name (e.g. ``"game_html"``) -> the view function that renders it.
RENDERERS: dict[str, Callable] = {}

#: The package whose import fills :data:`RENDERERS`.
VIEWS = "balkangames.views"


def register(name: str) -> Callable[[Callable], Callable]:
    """Decorator for a view function: ``@register("game_html")`` makes it the renderer ``name``."""

    def decorate(function: Callable) -> Callable:
        RENDERERS[name] = function
        return function

    return decorate


def render(name: str, *args, **kwargs):
    """Call the renderer ``name`` (importing :data:`VIEWS` on first use)."""
    if name not in RENDERERS:
        import_module(VIEWS)  # the deliberate late binding: the core never imports the views statically
    try:
        renderer = RENDERERS[name]
    except KeyError:
        raise LookupError(f"no view registered as {name!r}; known: {sorted(RENDERERS)}") from None
    return renderer(*args, **kwargs)
