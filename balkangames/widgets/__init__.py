"""Interactive views of the security-dilemma games, for JupyterLab and Voilà.

Notebook cells only import and display; everything is computed here from the package's
model, exact solver and case data (data flows case data → game → solution → these views).
Every explorer returns an :class:`Explorer` (an ``ipywidgets.VBox``) with ``.controls``,
``.game``, ``.solution``, ``.summary_text()`` and ``.refresh()``; setting a control's
``.value`` refreshes everything synchronously.

Colours follow the Okabe–Ito palette and every class and equilibrium is also stated in text.
"""

from .alliance import alliance_explorer
from .base import Explorer
from .dilemma import dilemma_explorer
from .figures import best_response_figure, phase_diagram, phase_grid
from .offense_defense import offense_defense_explorer
from .table import payoff_table_html

__all__ = [
    "Explorer",
    "alliance_explorer",
    "best_response_figure",
    "dilemma_explorer",
    "offense_defense_explorer",
    "payoff_table_html",
    "phase_diagram",
    "phase_grid",
]
