"""Western Balkans dyad cases: cited data, mapping rules, games by year, timelines.

The data files in ``balkangames/data`` give actors, alliances and presences, dated
events and the shared mapping rules; every value carries a citation of a seed
document (file name and verbatim quote), a named public source, or a labelled
modelling assumption. :mod:`balkangames.cases.rules` turns them into the
parameters of the arm/restrain game the same way for every dyad. A case-year has one game:
the first layer plus the second-layer values its rules cite (kin stakes, provocation);
``second_layer=False`` gives the first layer alone, as a labelled comparison. Where the
sources disagree about a motive, :mod:`balkangames.cases.readings` shows each reading.

>>> from balkangames import cases
>>> [c for c in cases.list_cases()][:2]
['north-macedonia-albania', 'north-macedonia-bulgaria']
>>> kosovo = cases.load("serbia-kosovo")
>>> kosovo.game(year=2022).classes()
{'serbia': 'prisoners-dilemma', 'kosovo': 'stag-hunt'}
>>> kosovo.game(year=2022, second_layer=False).classes()
{'serbia': 'chicken', 'kosovo': 'stag-hunt'}

:mod:`balkangames.cases.sensitivity` tells which parameter carries a result
(``kosovo.sensitivity(2022)``), and :mod:`balkangames.cases.agreement` compares the
model with its sources' findings and typology, with reasons.
"""

from __future__ import annotations

from .case import Case, TimelineEntry, load, mixes_by_player, normalize_id
from .catalog import Actor, Alliance, Catalog, Event, load_catalog
from .provenance import (
    SEED_FILES,
    Assumption,
    Citation,
    Parameter,
    learner_citation,
    learner_source,
    references,
)

__all__ = [
    "Actor",
    "Alliance",
    "Assumption",
    "Case",
    "Catalog",
    "Citation",
    "Event",
    "Parameter",
    "SEED_FILES",
    "TimelineEntry",
    "actors",
    "alliances",
    "events",
    "learner_citation",
    "learner_source",
    "list_cases",
    "load",
    "load_catalog",
    "mixes_by_player",
    "normalize_id",
    "references",
]


def list_cases(data_dir=None) -> list[str]:
    """The ids of all cases, sorted."""
    return sorted(load_catalog(data_dir).cases)


def actors(data_dir=None) -> dict[str, Actor]:
    """All actors by id."""
    return dict(load_catalog(data_dir).actors)


def alliances(data_dir=None) -> dict[str, Alliance]:
    """All alliances, partnerships, presences and patrons by id."""
    return dict(load_catalog(data_dir).alliances)


def events(data_dir=None) -> tuple[Event, ...]:
    """All dated events, in date order."""
    return load_catalog(data_dir).events
