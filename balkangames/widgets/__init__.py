"""Interactive views of the security-dilemma games, for JupyterLab and Voilà.

Notebook cells only import and display; everything is computed here from the package's
model, exact solver and case data (data flows case data → game → solution → these views).
Every explorer returns an :class:`Explorer` (an ``ipywidgets.VBox``) with ``.controls``,
``.game``, ``.solution``, ``.summary_text()`` and ``.refresh()``; setting a control's
``.value`` refreshes everything synchronously.

Colours follow the Okabe–Ito palette and every class and equilibrium is also stated in text.
"""

from ..views import payoff_table_html
from .alliance import alliance_explorer
from .base import Explorer
from .dilemma import dilemma_explorer
from .figures import best_response_figure, phase_diagram, phase_grid
from .misperception import misperception_explorer
from .offense_defense import offense_defense_explorer
from .repeated import fait_accompli_explorer, shadow_explorer
from .stag_hunt import stag_hunt_explorer
from .timeline import timeline_explorer, timeline_figure

#: Every explorer factory by name (the benchmark and the tests walk this).
EXPLORERS = {
    "dilemma": dilemma_explorer,
    "stag_hunt": stag_hunt_explorer,
    "offense_defense": offense_defense_explorer,
    "alliance": alliance_explorer,
    "timeline": timeline_explorer,
    "shadow": shadow_explorer,
    "fait_accompli": fait_accompli_explorer,
    "misperception": misperception_explorer,
}

__all__ = [
    "EXPLORERS",
    "Explorer",
    "alliance_explorer",
    "best_response_figure",
    "dilemma_explorer",
    "fait_accompli_explorer",
    "misperception_explorer",
    "offense_defense_explorer",
    "payoff_table_html",
    "phase_diagram",
    "phase_grid",
    "shadow_explorer",
    "stag_hunt_explorer",
    "timeline_explorer",
    "timeline_figure",
]
