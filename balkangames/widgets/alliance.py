"""The alliance explorer: a Western Balkans case, a year, and who is in which alliance."""

from __future__ import annotations

from functools import lru_cache

import ipywidgets as widgets

from .. import cases
from ..cases.catalog import MEMBERSHIP_KINDS
from ..cases.sensitivity import sensitivity
from ..formatting import with_decimals
from ..params import PARAMETERS
from ..thresholds import threshold
from ..views import learner_sentence, learner_symbol, number_text
from ..views.html import threshold_formula, threshold_relation
from .base import Explorer, fit_control, solve_game
from .figures import BestResponseDiagram, PhaseDiagram, phase_grid
from .text import flip_words, lines_html, player_title

#: The cases offered by default (the widget contract's list).
DEFAULT_CASES = ("serbia-kosovo", "serbia-bosnia", "north-macedonia-albania", "north-macedonia-bulgaria",
                 "serbia-croatia")

#: Prefix of the membership controls' names: ``member:<actor id>``.
MEMBER = "member:"
#: Prefix of the presence controls' names: ``presence:<presence id>`` (a separate control).
PRESENCE = "presence:"
#: Grid points per axis of the guarantee phase diagram.
PHASE_RESOLUTION = 101
NONE = "none"

#: (parameter, boundary) pairs shown as thresholds for player 1 and player 2.
THRESHOLDS = {
    1: (("guarantee_1", "fear"), ("guarantee_2", "temptation")),
    2: (("guarantee_2", "fear"), ("guarantee_1", "temptation")),
}


def _cases_module():
    return cases


def membership_options() -> list[tuple[str, str]]:
    """Dropdown options ``(label, alliance id)``: none, then each alliance and partnership."""
    cases = _cases_module()
    found = [(a.name, a.id) for a in cases.alliances().values() if a.kind in MEMBERSHIP_KINDS]
    # Alliances (a defence commitment) before partnerships.
    found.sort(key=lambda option: MEMBERSHIP_KINDS.index(cases.alliances()[option[1]].kind))
    return [(NONE, NONE), *found]


def data_membership(actor: str, year: int) -> str:
    """The alliance id ``actor`` belongs to in ``year`` according to the case data (``"none"`` if none).

    An actor in both an alliance and a partnership shows the alliance (its guarantee is the
    larger, and it alone makes two members share an alliance).
    """
    for kind in MEMBERSHIP_KINDS:
        for alliance in _cases_module().alliances().values():
            if alliance.kind == kind and alliance.tie(actor, year) is not None:
                return alliance.id
    return NONE


class AllianceExplorer(Explorer):
    """See :func:`alliance_explorer`."""

    def __init__(self, case_id="serbia-kosovo", cases=DEFAULT_CASES):
        module = _cases_module()
        available = set(module.list_cases())
        self.case_ids = tuple(c for c in cases if c in available)
        if case_id not in self.case_ids:
            raise ValueError(f"unknown case {case_id!r}; expected one of {list(self.case_ids)}")
        self.actors = module.actors()
        self.options = membership_options()
        self.case = module.load(case_id)
        self._member_widgets = {}
        controls = {
            "case": widgets.Dropdown(options=[(module.load(c).title, c) for c in self.case_ids], value=case_id,
                                     description="case", layout=widgets.Layout(width="420px")),
            "year": widgets.IntSlider(value=self.case.default_year, min=self.case.first_year,
                                      max=self.case.last_year, description="year", continuous_update=True,
                                      layout=widgets.Layout(width="420px")),
        }
        controls.update(self._member_controls(self.case.default_year))
        self._presence_widgets = {}
        controls.update(self._presence_controls())
        self.diagram = BestResponseDiagram()
        self.phase = PhaseDiagram()
        self.thresholds_box = widgets.HTMLMath()
        super().__init__(
            "Alliances and the security dilemma: Western Balkans cases",
            controls,
            figures=[self.phase.image, self.diagram.image],
            notes="<i>Pick a case and a year; the memberships start as the case data has them. Change "
            "one to ask a counterfactual (e.g. Kosovo in NATO). Parameters come from the cited case "
            "data; the thresholds are solved with sympy.</i>",
        )
        self.children = (*self.children, self.thresholds_box)
        # Case and year have their own handlers, which reset memberships and then refresh once.
        for name, handler in (("case", self._case_changed), ("year", self._year_changed)):
            self.controls[name].unobserve(self._changed, names="value")
            self.controls[name].observe(handler, names="value")
        for player in (1, 2):  # solve the thresholds once now, not on the first change
            for parameter, boundary in THRESHOLDS[player]:
                threshold(parameter, player, boundary)
        self.refresh()
        self._prime_backgrounds()
        self.refresh()

    def _prime_backgrounds(self) -> None:
        """Draw each case's static plot parts once now, so a first switch of case stays fast."""
        module = _cases_module()
        current = self.phase.grid
        for case_id in self.case_ids:
            case = module.load(case_id)
            names = tuple(self.actors[p].name for p in case.players)
            self.diagram.update(self.game, self.solution, names)
            self.diagram.render()
            # The case's own regions at its default year too (grid, label places, pixels), and
            # its nearest flips (a sensitivity analysis, cached by parameters).
            params = case.game().params
            margin_lines(params, case.players, names=names)
            grid = phase_grid(params, "guarantee_1", "guarantee_2", PHASE_RESOLUTION)
            self.phase.set_grid(grid, "equilibria", labels=self._phase_labels(names))
            self.phase.render()
            self.phase.set_grid(current, "equilibria", labels=self._phase_labels(names))
            self.phase.render()

    @staticmethod
    def _phase_labels(names) -> tuple[str, str]:
        return tuple(f"a{i}: guarantee covering {n}" for i, n in zip("₁₂", names))

    # -- controls ------------------------------------------------------------------------

    def _member_controls(self, year: int) -> dict:
        """The membership dropdowns of the current case's players, set to the data for ``year``.

        Each actor's dropdown is made once and reused when its case comes back.
        """
        controls = {}
        for actor in self.case.players:
            control = self._member_widgets.get(actor)
            if control is None:
                control = self._member_widgets[actor] = widgets.Dropdown(
                    options=self.options, value=data_membership(actor, year),
                    description=f"{self.actors[actor].name}",
                )
                fit_control(control)
            else:
                control.value = data_membership(actor, year)
            controls[MEMBER + actor] = control
        return controls

    def _presence_controls(self) -> dict:
        """One checkbox per peace-support presence that covers a player of the case in some year:
        ticked, the presence is as recorded; unticked, it is taken away (a counterfactual)."""
        controls = {}
        for alliance in _cases_module().alliances().values():
            if alliance.kind != "presence" or not any(t.actor in self.case.players for t in alliance.ties):
                continue
            control = self._presence_widgets.get(alliance.id)
            if control is None:
                control = self._presence_widgets[alliance.id] = widgets.Checkbox(
                    value=True, description=f"{alliance.name} present (untick: take it away)", indent=False,
                    layout=widgets.Layout(width="420px"),
                )
            else:
                control.value = True
            controls[PRESENCE + alliance.id] = control
        return controls

    def presences(self) -> dict:
        """Counterfactual presences: ``{presence id: "none"}`` for each one taken away."""
        return {name[len(PRESENCE):]: NONE for name, control in self.controls.items()
                if name.startswith(PRESENCE) and not control.value}

    def _case_changed(self, change) -> None:
        if self._held:
            return
        with self.hold():
            self.case = _cases_module().load(change["new"])
            year = self.controls["year"]
            year.min, year.max = min(year.min, self.case.first_year), max(year.max, self.case.last_year)
            year.value = self.case.default_year
            year.min, year.max = self.case.first_year, self.case.last_year
            for name in [n for n in self.controls if n.startswith((MEMBER, PRESENCE))]:
                self.controls.pop(name).unobserve(self._changed, names="value")
            new = self._member_controls(self.case.default_year)  # set while unobserved
            new.update(self._presence_controls())
            for control in new.values():
                control.observe(self._changed, names="value")
            self.controls.update(new)
            self.controls_box.children = list(self.controls.values())

    def _year_changed(self, change) -> None:
        """A new year resets memberships to what the data says for it."""
        if self._held:
            return
        with self.hold():
            for actor in self.case.players:
                self.controls[MEMBER + actor].value = data_membership(actor, change["new"])

    def members(self) -> dict:
        """Counterfactual memberships: actors whose control differs from the data, ``{actor: id or None}``."""
        year = self.controls["year"].value
        chosen = {}
        for actor in self.case.players:
            value = self.controls[MEMBER + actor].value
            if value != data_membership(actor, year):
                chosen[actor] = None if value == NONE else value
        return chosen

    # -- explorer hooks ---------------------------------------------------------------------

    def player_names(self):
        return tuple(self.actors[p].name for p in self.game.players)

    def compute(self) -> None:
        self.game = self.case.game(year=self.controls["year"].value, members=self.members(),
                                   presences=self.presences())
        self.solution = solve_game(self.game)

    def render_extra(self) -> None:
        # Plots first: the browser handles messages in order, and typesetting the maths below
        # (MathJax) would otherwise hold the new plot back.
        self.diagram.update(self.game, self.solution, self.names)
        self.diagram.render()
        # Equilibria over both guarantees, the other parameters as now (batch solver, cached).
        grid = phase_grid(self.game.params, "guarantee_1", "guarantee_2", PHASE_RESOLUTION)
        self.phase.set_grid(grid, "equilibria", labels=self._phase_labels(self.names))
        flat = self.game.params.flat()
        self.phase.move_marker(flat["guarantee_1"], flat["guarantee_2"])
        self.phase.render()
        self.extra.value = lines_html(self.membership_lines(), self.game.name)
        latex_lines = []
        for latex, sentence in self.threshold_items():
            # Display maths at 18 px, so that even subscripts stay above 12 px.
            latex_lines.append(f"<div style='font-size:18px'>$$\\displaystyle {latex}$$</div><div>{sentence}</div>")
        self.thresholds_box.value = ("<div style='font-weight:bold;margin-top:6px'>Thresholds (sympy)</div>"
                                     + "".join(latex_lines))

    def membership_lines(self) -> list[str]:
        """Memberships and the alliance parameters they give, in words."""
        year = self.controls["year"].value
        members = self.members()
        lines = []
        for actor in self.case.players:
            label = dict((v, k) for k, v in self.options)[self.controls[MEMBER + actor].value]
            origin = "counterfactual" if actor in members else f"case data for {year}"
            lines.append(f"{self.actors[actor].name}: {label} ({origin})")
        flat = self.game.params.flat()
        lines += self.partial_cover_lines(year)
        lines.append(
            f"Guarantees a₁ = {number_text(flat['guarantee_1'])}, a₂ = {number_text(flat['guarantee_2'])}; "
            f"same alliance m = {number_text(flat['same_alliance'])}; patron subsidies "
            f"r₁ = {number_text(flat['subsidy_1'])}, r₂ = {number_text(flat['subsidy_2'])}"
        )
        lines += margin_lines(self.game.params, self.case.players, names=tuple(self.names))
        return lines

    def partial_cover_lines(self, year: int) -> list[str]:
        """Why a player with no membership can still have a guarantee or a subsidy.

        A peace-support presence (KFOR, EUFOR Althea) covers a state partly, without being a
        membership; a patron (Russia) subsidises arming. The data labels their sizes as assumptions.
        """
        lines = []
        for index, actor in enumerate(self.case.players, start=1):
            name = self.actors[actor].name
            for alliance in _cases_module().alliances().values():
                tie = alliance.tie(actor, year)
                if tie is None or alliance.kind not in ("presence", "patron"):
                    continue
                if alliance.id in self.presences():
                    lines.append(f"{alliance.name} is taken away from {name} (a counterfactual).")
                    continue
                level = number_text(alliance.level(tie).value)
                if alliance.kind == "presence":
                    lines.append(f"{name} is covered in part by {alliance.name}, a force on its territory, "
                                 f"not a membership: a partial guarantee a{'₁₂'[index - 1]} = {level} "
                                 "(its size is a labelled modelling assumption).")
                else:
                    lines.append(f"{alliance.name} backs {name}'s arming: a subsidy r{'₁₂'[index - 1]} = {level} "
                                 "(its size is a labelled modelling assumption; it lapses in NATO).")
        return lines

    def threshold_items(self) -> list[tuple[str, str]]:
        """(LaTeX, sentence) for each player's guarantee thresholds at the current parameters."""
        names = tuple(self.names)
        items = []
        for player in (1, 2):
            for parameter, boundary in THRESHOLDS[player]:
                t = threshold(parameter, player, boundary)
                items.append((threshold_formula(t, threshold_relation(t, self.game.params)),
                              learner_sentence(t.describe(self.game.params, names))))
        return items

    def extra_lines(self) -> list[str]:
        return [*self.membership_lines(), *(sentence for _, sentence in self.threshold_items())]


#: The alliance parameters whose margins the explorer states (see balkangames.cases.sensitivity):
#: those set by alliance ties in balkangames.params.TABLE.
ALLIANCE_PARAMETERS = tuple(name for name, info in PARAMETERS.items() if info.row.alliance)


@lru_cache(maxsize=256)
def margin_lines(params, players, shown: int = 3, names=None) -> list[str]:
    """The alliance parameters nearest to flipping the result, with what would change, in words."""
    names = tuple(names or (player_title(p) for p in players))
    report = sensitivity(params, players, names=ALLIANCE_PARAMETERS)
    lines = [
        with_decimals(f"{learner_symbol(e.name)} = {e.value} is {e.margin} from a flip at {e.nearest.at}: "
                      f"{flip_words(e.nearest.changes, players, names)}.")
        for e in report.by_margin()[:shown]
    ]
    return ["Which alliance parameter carries the result (nearest flips first):", *lines] if lines else []


def alliance_explorer(case_id: str = "serbia-kosovo", cases=DEFAULT_CASES) -> AllianceExplorer:
    """Explore how alliance memberships change a Western Balkans dyad's game.

    Controls: ``case`` (dropdown), ``year`` (slider), one ``member:<actor id>`` dropdown per
    player (``"none"``, ``"nato"``, ``"pfp"`` …, labelled by the alliance's name) and one
    ``presence:<presence id>`` checkbox per peace-support presence of the case (untick to take
    it away: a presence is not a membership). A new year or case resets the memberships to the
    case data; changing one asks a counterfactual. The game is the case-year's one game (its
    first layer with the cited kin stakes and provocation).
    Shows the payoff table, classes, exact equilibria, the best-response diagram and the
    sympy thresholds (guarantee levels that end fear or temptation) as LaTeX.

    Args:
        case_id: the case shown first.
        cases: the case ids offered (those present in the data).

    Raises:
        ValueError: if ``case_id`` is not among ``cases``.

    >>> explorer = alliance_explorer()
    >>> explorer.controls["member:kosovo"].value = "nato"
    >>> explorer.game.classes()
    {'serbia': 'stag-hunt', 'kosovo': 'harmony'}
    >>> explorer.controls["member:kosovo"].value = "none"
    >>> explorer.controls["presence:kfor"].value = False
    >>> explorer.game.params.guarantee[1]
    Fraction(0, 1)
    """
    return AllianceExplorer(case_id, cases)
