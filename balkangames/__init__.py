"""balkangames: game theory of the Western Balkans security dilemma, for teaching.

Data flows one way: case data (:mod:`balkangames.cases`) → parameters
(:mod:`balkangames.params`) → payoffs (:mod:`balkangames.model`) → a
:class:`Game` → its exact solution (:func:`solve`) → views (widgets, CLI).

>>> from balkangames import security_game
>>> game = security_game(offense=0.25, distinguishability=0.1)   # Jervis's world 2
>>> game.classes()
{'row': 'stag-hunt', 'column': 'stag-hunt'}
>>> len(game.solve().equilibria)      # restrain-restrain, arm-arm and a mixed one
3
"""

from .analysis import (
    best_responses,
    grim_trigger_threshold,
    iterated_elimination,
    risk_dominance,
    trust_threshold,
)
from .classify import game_classes, ordinal_type, player_class, robinson_goforth
from .game import Game
from .model import (
    chicken,
    deadlock,
    harmony,
    jervis_world,
    offense_defense,
    payoff_matrices,
    posture_game,
    prisoners_dilemma,
    security_game,
    stag_hunt,
    symbolic_payoffs,
    with_alliances,
)
from .params import PARAMETERS, SecurityParams
from .sequential import backward_induction, fait_accompli
from .thresholds import threshold, thresholds_for

__version__ = "0.1.0"


def solve(A, B=None, **options):
    """All extreme Nash equilibria of the bimatrix game ``(A, B)``, exactly.

    See :func:`balkangames.solver.solve`.
    """
    from .solver import solve as _solve

    return _solve(A, B, **options)


__all__ = [
    "PARAMETERS",
    "backward_induction",
    "best_responses",
    "fait_accompli",
    "grim_trigger_threshold",
    "iterated_elimination",
    "risk_dominance",
    "trust_threshold",
    "Game",
    "SecurityParams",
    "chicken",
    "deadlock",
    "game_classes",
    "harmony",
    "jervis_world",
    "offense_defense",
    "ordinal_type",
    "payoff_matrices",
    "player_class",
    "posture_game",
    "prisoners_dilemma",
    "robinson_goforth",
    "security_game",
    "solve",
    "stag_hunt",
    "symbolic_payoffs",
    "threshold",
    "thresholds_for",
    "with_alliances",
]
