"""The views: everything that renders a game, a solution, a case or a threshold for a learner.

Layers, lowest first: validation, formatting and the display hook → params → the
algorithms (classify, solver, analysis, dynamics, sequential, batch) → game (the front door
over them) → model (parameters → games) → thresholds, beliefs → cases → mechanisms,
agreement, sensitivity → views (this package, :mod:`balkangames.widgets`,
:mod:`balkangames.cli`). Nothing below imports anything above it
(``tests/test_architecture.py`` checks the graph).

* :mod:`.html`: HTML and LaTeX for JupyterLab (bimatrix, solution, case, threshold, timeline);
* :mod:`.robustness`: the robustness report and the honest count of the findings table;
* :mod:`.text`: solutions in words (:meth:`balkangames.solver.Solution.describe`);
* the number formatters of :mod:`balkangames.formatting`, re-exported here.

Importing this package registers its renderers with the core's display hook
(:mod:`balkangames._rich`), which is how a ``Game`` at the end of a cell shows its table
although the core never imports the views.
"""

from ..formatting import (
    DECIMAL_DIGITS,
    approx_text,
    decimal,
    exact_text,
    number_latex,
    number_text,
    with_decimals,
)
from .html import (
    BEST_RESPONSE_MARK,
    COLUMN_COLOUR,
    EQUILIBRIUM_COLOUR,
    MIN_FONT_PX,
    OKABE_ITO,
    ROW_COLOUR,
    Timeline,
    best_response_cells,
    case_html,
    equilibrium_lines,
    game_html,
    learner_sentence,
    learner_symbol,
    payoff_table_html,
    player_names,
    solution_html,
    threshold_html,
    threshold_latex,
    timeline,
    timeline_html,
)
from .robustness import agreement_html, report_html, report_rows
from .text import component_text, conjugate, solution_lines

__all__ = [
    "agreement_html",
    "report_html",
    "report_rows",
    "BEST_RESPONSE_MARK",
    "COLUMN_COLOUR",
    "DECIMAL_DIGITS",
    "EQUILIBRIUM_COLOUR",
    "MIN_FONT_PX",
    "OKABE_ITO",
    "ROW_COLOUR",
    "Timeline",
    "approx_text",
    "best_response_cells",
    "case_html",
    "component_text",
    "conjugate",
    "decimal",
    "equilibrium_lines",
    "exact_text",
    "game_html",
    "learner_sentence",
    "learner_symbol",
    "number_latex",
    "number_text",
    "payoff_table_html",
    "player_names",
    "solution_html",
    "solution_lines",
    "threshold_html",
    "threshold_latex",
    "timeline",
    "timeline_html",
    "with_decimals",
]
