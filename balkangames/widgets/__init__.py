"""Interactive views of the security-dilemma games, for JupyterLab and Voilà.

Notebook cells only import and display; everything is computed here from the package's
model and exact solver (data flows case data → game → solution → these views). Every
explorer returns an :class:`Explorer` (an ``ipywidgets.VBox``) with ``.controls``,
``.game``, ``.solution``, ``.summary_text()`` and ``.refresh()``.

Colours follow the Okabe–Ito palette and every class and equilibrium is also stated in text.
"""

from .base import Explorer
from .dilemma import dilemma_explorer
from .figures import best_response_figure
from .table import payoff_table_html

__all__ = [
    "Explorer",
    "best_response_figure",
    "dilemma_explorer",
    "payoff_table_html",
]
