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

The names below are loaded from their modules on first use, so ``import balkangames``
stays fast: sympy, nashpy and scipy are imported only by the code that needs them.
"""

from importlib import import_module

__version__ = "0.1.0"

#: public name -> the module that defines it
_HOMES = {
    "backward_induction": "sequential",
    "bayesian_game": "beliefs",
    "best_responses": "analysis",
    "fait_accompli": "sequential",
    "grim_trigger_threshold": "analysis",
    "iterated_elimination": "analysis",
    "risk_dominance": "analysis",
    "trust_threshold": "analysis",
    "Game": "game",
    "PARAMETERS": "params",
    "SecurityParams": "params",
    "chicken": "model",
    "deadlock": "model",
    "game_classes": "classify",
    "harmony": "model",
    "jervis_world": "model",
    "offense_defense": "model",
    "ordinal_type": "classify",
    "payoff_matrices": "model",
    "player_class": "classify",
    "posture_game": "model",
    "prisoners_dilemma": "model",
    "robinson_goforth": "classify",
    "security_game": "model",
    "solve": "solver",
    "stag_hunt": "model",
    "symbolic_payoffs": "model",
    "threshold": "thresholds",
    "thresholds_for": "thresholds",
    "with_alliances": "model",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str):
    home = _HOMES.get(name)
    if home is None:
        try:  # a submodule such as balkangames.batch
            return import_module(f".{name}", __name__)
        except ModuleNotFoundError as error:
            if error.name != f"{__name__}.{name}":
                raise  # the submodule exists but something it imports is missing
            raise AttributeError(f"module 'balkangames' has no attribute {name!r}") from None
    value = getattr(import_module(f".{home}", __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__():
    return sorted(set(globals()) | set(_HOMES))
