"""Build the course notebooks from the cell texts below (run from anywhere).

    python notebooks/build_notebooks.py          # write notebooks/*.ipynb
    python notebooks/build_notebooks.py --check  # exit 1 if a committed notebook differs

The notebooks are committed without outputs and are generated only by this
script, so a review reads one Python file and a rebuild is reproducible (cell ids
are derived from the file name and the cell's position).

Rules the tests in ``tests/test_notebooks_*.py`` enforce:

* every number in the prose is either recomputed from the package by a test, or
  sits inside a verbatim quote of a seed document written as
  “quote” (`file name`), or in the References section (checked against
  ``shared/design/model-notes.md`` and the seeds);
* code cells are thin (at most 6 lines, no ``def``/``class``): the logic lives in
  ``balkangames``, the notebooks import it and display.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent
LUL = "`000_8a64ac4567ba3041.txt`"  # Luli, "Small States and Choices" (seed)
THESIS = "`002_1012a9540589faf7.txt`"  # thesis on the Western Balkans' security dilemma (seed)
README = "`README.md`"  # shared/seeds/README.md: the seeds' known slips

KERNEL = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def _unindent(text: str) -> str:
    """Strip the source indentation (8 spaces) of the cell texts below, line by line.

    Unlike ``textwrap.dedent`` this also works on a text with unindented parts
    appended (the shared reference lists).
    """
    return re.sub(r"^ {8}", "", text, flags=re.MULTILINE).strip()


def md(text: str) -> tuple[str, str]:
    return ("markdown", _unindent(text))


def code(text: str) -> tuple[str, str]:
    """A code cell; a blank line follows its imports, as ruff's isort rule wants."""
    lines = _unindent(text).splitlines()
    imports = 0
    while imports < len(lines) and (lines[imports].startswith(("import ", "from ")) or (
        not lines[imports].strip() and imports + 1 < len(lines) and lines[imports + 1].startswith(("import ", "from "))
    )):
        imports += 1
    if 0 < imports < len(lines) and lines[imports].strip():
        lines.insert(imports, "")
    return ("code", "\n".join(lines))


REFERENCES_CORE = """
- Jervis, R. (1978) “Cooperation under the Security Dilemma”, *World Politics* 30(2):167–214.
- Glaser, C. (1997) “The Security Dilemma Revisited”, *World Politics* 50(1):171–201.
- Kydd, A. (2005) *Trust and Mistrust in International Relations*, ch. 2.
"""

SEED_REFERENCES = """
- Luli, E. “Small States and Choices: Gambling on Security or Regional Cooperation under a Common Banner?” (Partnership for Peace Consortium), seed file `000_8a64ac4567ba3041.txt`.
- Thesis, “The Western Balkans' Security Dilemma and the Impact of the Russian Invasion of Ukraine”, seed file `002_1012a9540589faf7.txt`.
"""


# ---------------------------------------------------------------------------
# 00: start here

START = [
    md(
        """
        # Start here: game theory of the Western Balkans security dilemma

        This course teaches the security dilemma with small games you can change and solve exactly.
        Every number the notebooks show is computed by the `balkangames` package with exact fractions;
        the notebooks only import it and display.

        ## Learning goals

        - Find your way through the six notebooks and know what each one asks.
        - Know the two source documents the Balkan cases come from, and how they are cited.
        - Know the working rhythm: read, **predict**, then run the cell that reveals the answer.
        """
    ),
    md(
        f"""
        ## Map of the course

        | notebook | question | game |
        | --- | --- | --- |
        | `01-security-dilemma-prisoners-dilemma.ipynb` | Why do Serbia and Croatia arm although both would rather not? | Prisoner's Dilemma, Jervis's four payoff levers |
        | `02-stag-hunt-and-trust.ipynb` | When does regional cooperation need only trust? | Stag Hunt, payoff versus risk dominance, trust threshold, replicator dynamics |
        | `03-offense-defense-balance.ipynb` | How do offense advantage and distinguishability change the game? | Jervis's four worlds, a phase diagram |
        | `04-alliances-change-equilibria.ipynb` | What does NATO membership, or a patron, do to a dyad? | Serbia–Kosovo, Serbia–Bosnia, North Macedonia's dyads |
        | `05-timeline-1999-2025.ipynb` | How did accessions and events move each dyad? | a replay of the case timeline |
        | `06-shadow-of-the-future-and-fait-accompli.ipynb` | Can the future sustain restraint, and what deters a fait accompli? | grim trigger, a sequential game with an ally |

        `present-alliances.ipynb` is a presentation view of the alliance explorer for a lecture.

        ## The sources

        The Balkan facts come from two documents, cited by file name with a short verbatim quote:

        - {LUL}: Elira Luli's paper on small states and regional cooperation, for example
          “A low-intensity arms competition between Croatia and Serbia began to emerge around 2015” ({LUL});
        - {THESIS}: a thesis on the region's security dilemma, “The Western Balkans' Security Dilemma
          and the Impact of the Russian Invasion of Ukraine” ({README}); “its picture stops in June 2022” ({README}).

        Both have known slips, listed in the seeds' README and pointed out where a notebook touches them.
        Parameters that turn a fact into a payoff (how large a guarantee is, what a power index means)
        are modelling assumptions, and the notebooks say so.
        """
    ),
    md(
        """
        ## The game in one cell

        Two states each choose to **restrain** or to **arm**. The payoffs come from a few parameters
        (stakes, offense advantage, distinguishability, costs, alliance guarantees); `balkangames`
        computes them and solves the game exactly.
        """
    ),
    code(
        """
        import balkangames as bg
        game = bg.jervis_world(1, players=("Serbia", "Croatia"))
        print(game.class_titles())
        print("\\n".join(game.solve().describe(game.players)))
        """
    ),
    md(
        """
        ## Predict, then reveal

        Jervis's world 4 is the one where defense has the advantage and offensive and defensive
        postures can be told apart. **Predict:** which game is it, and what do the two states do?
        Write your answer down, then run the cell.
        """
    ),
    code(
        """
        world_4 = bg.jervis_world(4, players=("Serbia", "Croatia"))
        print(world_4.class_titles())
        print("\\n".join(world_4.solve().describe(world_4.players)))
        """
    ),
    md(
        """
        Both states restrain in world 4: it is a game of Harmony. Notebook 3 maps all four worlds.

        ## Where the model stops

        The games have complete information: each state knows the other's payoffs. They cannot show
        misperception, which the thesis puts at the heart of the region's dilemma. A power index or a
        poll is not a payoff: every mapping from such a figure to a parameter is an assumption.

        ## Summary

        - Six notebooks, each with goals, a case, predictions, an explorer and references.
        - Every number in the prose is recomputed by the test suite, so text and code cannot drift.

        ## References
        """
        + REFERENCES_CORE
        + SEED_REFERENCES
    ),
]


# ---------------------------------------------------------------------------
# 01: the security dilemma as a Prisoner's Dilemma

PRISONERS_DILEMMA = [
    md(
        """
        # 1. The security dilemma as a Prisoner's Dilemma: Serbia and Croatia

        ## Learning goals

        - Write the security dilemma as a game in which two states each restrain or arm.
        - Name Jervis's four payoff levers and find each one in the model's parameters.
        - Compute exactly how far each lever must move before the Prisoner's Dilemma turns into another game.
        - Say what a complete-information game cannot show.
        """
    ),
    md(
        f"""
        ## The case: an arms competition between neighbours

        Luli dates the competition: “A low-intensity arms competition between Croatia and Serbia began
        to emerge around 2015, when Croatia expressed interest in acquiring 16 M270 Multiple Launch
        Rocket Systems from the United States.” ({LUL}) Serbia answered: it “sought support from Russia,
        which recommended the S-300 missile defense system as a countermeasure.” ({LUL}) Each step
        answers the other's: Serbia's return to conscription came as “a move coinciding with a similar
        decision by neighboring NATO member Croatia” ({LUL}), and Serbia signed “for the purchase of
        12 new Rafale fighter jets” ({LUL}), “as did Croatia” ({LUL}).

        The thesis reads the security dilemma through the same game we use here: “Jervis uses a hunting
        example but also the ‘Prisoner’s Dilemma’ fits very well the situation he is explaining.” ({THESIS})

        Croatia is a NATO member; notebook 4 adds alliances. Here both sides stand alone, so the four
        levers can be seen one at a time.
        """
    ),
    md(
        """
        ## The model

        Each state restrains (C) or arms (D). For Serbia (player 1) facing Croatia (player 2):

        | outcome | payoff | formula |
        | --- | --- | --- |
        | both restrain | R | $R = b$ (value of mutual restraint) |
        | Serbia arms, Croatia restrains | T | $T = G - \\kappa$, greed $G = o_1 (1 - a_2) W$ |
        | Serbia restrains, Croatia arms | S | $S = -F$, fear $F = o_2 (1 - d)(1 - a_1) W$ |
        | both arm | P | $P = -\\kappa - w$ |

        $W$ is the stakes, $o_i$ an offense advantage, $d$ the distinguishability of offensive from
        defensive postures, $\\kappa$ the net cost of arming (here just $c$), $w$ the extra cost of an
        arms race, $a_i$ an alliance guarantee (none here).

        The calibration is an illustration, not a measurement: W = 10, b = 2, c = 1, w = 1, offense
        advantage o = 0.8 for both, distinguishability d = 0.1 (Jervis's world 1 in the model notes).
        """
    ),
    code(
        """
        import balkangames as bg
        from balkangames.model import WORLD_BASE
        arms_race = bg.security_game(WORLD_BASE.replace(offense=0.8, distinguishability=0.1), players=("Serbia", "Croatia"))
        print(arms_race.class_titles())
        print("\\n".join(arms_race.solve().describe(arms_race.players)))
        """
    ),
    md(
        """
        Serbia's payoffs are R = 2, T = 7, P = −2 and S = −36/5, from greed G = 8 and fear F = 36/5.
        T > R > P > S: a Prisoner's Dilemma for both. Arming is the better reply to anything the other
        does, so both arm and both get P = −2 although both restraining would give each R = 2.

        ## Jervis's four levers

        Jervis (1978) names four ways to make cooperation likelier. Each is one payoff:

        | lever | payoff | parameter that moves it |
        | --- | --- | --- |
        | lower the gain from exploiting the other | T | own offense advantage $o_1$, the other's guarantee $a_2$, the cost of arming $c$ |
        | lower the cost of being exploited | S | distinguishability $d$, the other's offense advantage $o_2$, own guarantee $a_1$ |
        | raise the gain from mutual cooperation | R | value of restraint $b$ |
        | raise the cost of mutual arming | P | arms-race cost $w$, cost of arming $c$ |

        ## Predict, then reveal

        **Predict:** how high must the value of mutual restraint $b$ rise before Serbia stops being
        tempted to arm against a restraining Croatia? And which game is it then? Write your guess down,
        then run the cell.
        """
    ),
    code(
        """
        from balkangames.thresholds import thresholds_for
        for lever in ("restraint_value", "race_cost", "distinguishability", "offense_1"):
            for threshold, _ in thresholds_for(arms_race.params, lever, 1):
                print(threshold.describe(arms_race.params, arms_race.players))
        """
    ),
    md(
        """
        Reveal: Serbia's temptation ends once b rises above 7, that is once R exceeds T = 7. Fear stays, so the game
        becomes a Stag Hunt, not Harmony. The other levers cross their boundaries at w above 31/5
        (fear ends, the game becomes Chicken), d above 3/4 (fear ends) and o_1 below 3/10 (temptation
        ends). Each of these four levers removes either greed or fear, not both: Harmony needs two at once.

        ## Explore

        The explorer below starts at the same calibration. Move one lever at a time and watch the
        classes, the payoff table and the equilibria. Then try two levers together.
        """
    ),
    code(
        """
        from balkangames.widgets import dilemma_explorer
        dilemma_explorer(params=arms_race.params)
        """
    ),
    md(
        f"""
        ## Where the model stops

        - The game has complete information: each state knows the other's payoffs and the other knows
          that it knows. Misperception, which the thesis finds in Serbia's relations with its neighbours
          (“show clear indications of existing anarchy, fear and misperceptions when it comes to each
          other” ({THESIS})), cannot appear in it.
        - The calibration is an assumption. The seeds report what was bought; they do not give payoffs.
        - Croatia's NATO membership is left out on purpose; notebook 4 puts it back.

        ## Summary

        - With a strong offense and indistinguishable postures, the arm/restrain game is a Prisoner's
          Dilemma: both arm, and both are worse off than if both restrained.
        - Jervis's four levers are the four payoffs T, S, R and P; the package computes exactly where
          each lever changes the game.
        - One lever turns the dilemma into a Stag Hunt (greed gone, fear left) or Chicken (fear gone,
          greed left); cooperation without trust needs both.

        ## References
        """
        + REFERENCES_CORE
        + """- Snyder, G. (1984) “The Security Dilemma in Alliance Politics”, *World Politics* 36(4):461–495.
"""
        + SEED_REFERENCES
    ),
]


# ---------------------------------------------------------------------------
# 03: the offense-defense balance

OFFENSE_DEFENSE = [
    md(
        """
        # 3. The offense–defense balance: Jervis's four worlds

        ## Learning goals

        - State Jervis's two variables: whether offense has the advantage, and whether offensive and
          defensive postures can be told apart.
        - Place each of his four worlds in the arm/restrain game and name the game it gives.
        - Read a phase diagram over offense advantage and distinguishability.
        """
    ),
    md(
        f"""
        ## The idea

        Jervis (1978) crosses two questions. Does offense or defense have the advantage? Can a state
        that arms for defense be told apart from one that arms to attack? The thesis states the
        dangerous corner of his table for the Balkans: “when defensive and offensive military powers
        are indistinguishable from each other, together with the situation in which offense had the
        advantage over defense, the security dilemma gets very intense” ({THESIS}).

        In the model, offense advantage $o$ feeds both greed and fear, while distinguishability $d$
        shrinks only fear: a state that can see a defensive build-up for what it is need not fear it.
        Glaser (1997) and Glaser & Kaufmann (1998) read the balance as a cost ratio; here it is a share
        of the stakes $W$ an attack can take.
        """
    ),
    md(
        """
        ## Predict, then reveal

        The four worlds use the calibration W = 10, b = 2, c = 1, w = 1, with offense advantage 0.8
        (offense dominant) or 0.25 (defense dominant) and distinguishability 0.1 or 0.9.
        **Predict** the game in each world before running the cell: Prisoner's Dilemma, Stag Hunt,
        Chicken or Harmony?
        """
    ),
    code(
        """
        import balkangames as bg
        for world in (1, 2, 3, 4):
            game = bg.jervis_world(world, players=("Serbia", "Croatia"))
            print(game.name, "->", game.class_titles()["Serbia"], "|", len(game.solve().equilibria), "equilibria")
        """
    ),
    md(
        """
        Reveal:

        | world | offense advantage | distinguishability | game | extreme equilibria |
        | --- | --- | --- | --- | --- |
        | world 1, doubly dangerous | 0.8 | 0.1 | Prisoner's Dilemma | 1 (both arm) |
        | world 2 | 0.25 | 0.1 | Stag Hunt | 3 |
        | world 3 | 0.8 | 0.9 | Chicken | 3 |
        | world 4, doubly stable | 0.25 | 0.9 | Harmony | 1 (both restrain) |

        With defense dominant, only fear is left (world 2): cooperation is an equilibrium but needs
        trust. With distinguishable postures, fear goes but greed stays (world 3): each would like the
        other to back down.

        ## The boundaries, exactly

        Temptation ends when $o$ falls below 3/10, whatever $d$: greed no longer pays for the cost of
        arming. Fear ends when $d$ rises above a threshold that depends on $o$: 3/4 at offense advantage
        0.8 and 1/5 at 0.25. Below offense advantage 1/5 there is no fear even with d = 0.
        """
    ),
    code(
        """
        from IPython.display import Math, display

        from balkangames.thresholds import threshold

        display(Math(threshold("distinguishability", 1, "fear").latex))
        print(threshold("distinguishability", 1, "fear").describe(bg.jervis_world(1).params, ("Serbia", "Croatia")))
        """
    ),
    md(
        """
        ## Explore: the phase diagram

        The explorer colours each point of the (offense advantage, distinguishability) square by the
        game there and marks the current point. Predict where the point must go to reach Harmony, then
        drag the sliders.
        """
    ),
    code(
        """
        from balkangames.widgets import offense_defense_explorer
        offense_defense_explorer(params=bg.jervis_world(1).params)
        """
    ),
    md(
        f"""
        ## Where the model stops

        - Offense advantage and distinguishability are not measured in the seeds. Placing Serbia and
          Croatia in a world is a judgement; the diagram shows what follows from each judgement.
        - Jervis's distinguishability is also about perception. The model treats it as known to both
          sides; it cannot show a state that misreads a defensive build-up.
        - The thesis's “Figure 6.4.1 Table of findings” ({THESIS}) reports anarchy, fear and misperception
          by country, not parameters: it cannot become a point on this diagram without assumptions.

        ## Summary

        - Offense advantage drives both greed and fear; distinguishability removes fear only.
        - Jervis's four worlds are, in this model, Prisoner's Dilemma, Stag Hunt, Chicken and Harmony.
        - The boundaries are exact: the package derives them with sympy from the same payoff formulas.

        ## References
        """
        + REFERENCES_CORE
        + """- Glaser, C. & Kaufmann, C. (1998) “What Is the Offense-Defense Balance and Can We Measure It?”, *International Security* 22(4):44–82.
"""
        + SEED_REFERENCES
    ),
]

# ---------------------------------------------------------------------------
# 02: Stag Hunt and trust

STAG_HUNT = [
    md(
        """
        # 2. Stag Hunt and trust: regional cooperation

        ## Learning goals

        - Tell a Stag Hunt from a Prisoner's Dilemma by one comparison: is mutual restraint better than
          exploiting a restrainer (R > T)?
        - Tell payoff dominance from risk dominance (Harsanyi & Selten 1988) and compute both exactly.
        - Compute the trust threshold $p^*$, the least confidence in the other's restraint that makes
          restraint pay (Kydd 2005).
        - Read basins of attraction of replicator dynamics, and say why they are not beliefs.
        """
    ),
    md(
        f"""
        ## The case: cooperation that needs trust

        The region does not lack cooperative schemes. The thesis on Open Balkan: “The Mini-Schengen
        initiative was introduced by the leaders of Serbia, North Macedonia, and Albania in 2019 as an
        initiative to strengthen regional cooperation in the Balkans.” ({THESIS}) “Most people regard this
        as a running effort parallel to the Berlin Process” ({THESIS}). Citizens favour cooperation:
        “An overwhelming majority—76 %—believes that regional cooperation can improve political,
        economic, and security conditions.” ({LUL}) And “Moreover, 69 % believe that what unites Western
        Balkan citizens is more important than what divides them.” ({LUL})

        Yet Kosovo stayed out. Its prime minister asked: “When they say Open Balkan, open for whom?”
        ({THESIS}) The thesis reads the refusal as fear, not greed: “Kosovo and Bosnia are highly
        concerned about Serbia’s motives and therefore participating in the initiative of the ‘Open
        Balkan’ could possibly end up undermining their physical and core identity survival.” ({THESIS})
        Luli sees the same split at the summits: “the region still presents two faces” ({LUL}).

        When both sides would rather cooperate, and only fear of being left exposed stops them, the game
        is Jervis's hunting example: a Stag Hunt.
        """
    ),
    md(
        """
        ## Two readings of one dyad

        The numbers are illustrations, not the case file of notebook 4. Both readings use W = 10, b = 2,
        c = 1, w = 1 and distinguishability d = 0.1. In the **hopeful** reading defense has the advantage,
        offense advantage o = 0.25 (Jervis's world 2); in the **fearful** reading o = 0.28.
        """
    ),
    code(
        """
        import balkangames as bg
        from balkangames.model import WORLD_BASE
        hopeful = bg.security_game(WORLD_BASE.replace(offense=0.25, distinguishability=0.1), players=("Serbia", "Kosovo"), name="hopeful")
        fearful = bg.security_game(WORLD_BASE.replace(offense=0.28, distinguishability=0.1), players=("Serbia", "Kosovo"), name="fearful")
        print(hopeful.class_titles(), fearful.class_titles())
        print("\\n".join(hopeful.solve().describe(hopeful.players)))
        """
    ),
    md(
        """
        In the hopeful reading each side's payoffs are R = 2, T = 3/2, P = −2 and S = −9/4: R > T > P > S,
        a Stag Hunt. It has both restraining, both arming, and a mixed equilibrium in which each restrains
        with probability 1/3.

        ## Predict, then reveal: which equilibrium?

        Both prefer mutual restraint to anything else: it **payoff-dominates**. But restraint is risky:
        if the other arms, a restrainer loses most. Harsanyi and Selten's **risk dominance** compares the
        products of the losses from deviating at each equilibrium. **Predict:** in the hopeful reading, is
        mutual restraint also risk-dominant? And in the fearful one?
        """
    ),
    code(
        """
        from balkangames import analysis

        for reading in (hopeful, fearful):
            print(reading.name, analysis.risk_dominance(reading.A, reading.B).products, "p* =", analysis.trust_thresholds(reading.A, reading.B))
        """
    ),
    md(
        """
        Reveal. Hopeful: the products are 1/4 for mutual restraint and 1/16 for mutual arming, so
        restraint is both payoff- and risk-dominant, and the trust threshold is p* = 1/3. Fearful: each
        side's payoffs are R = 2, T = 9/5, P = −2 and S = −63/25, still a Stag Hunt, but the products are
        1/25 against 169/625: mutual arming is risk-dominant although restraint still payoff-dominates, and
        the trust threshold rises to p* = 13/18.

        The trust threshold is $p^* = (P - S)/((R - T) + (P - S))$: a side restrains only if it believes
        the other restrains with probability at least $p^*$. In a symmetric Stag Hunt mutual restraint is
        risk-dominant exactly when p* < 1/2. A small rise in offense advantage, not a change of game,
        moved the trust needed for cooperation past that line.

        ## Predict, then reveal: basins of attraction

        Imagine a population of decision makers who copy what pays (replicator dynamics). Start with some
        share restraining. **Predict:** from which starting shares does everyone end up restraining, in
        each reading?
        """
    ),
    code(
        """
        from balkangames.dynamics import basins_2x2

        for reading in (hopeful, fearful):
            basins = basins_2x2(reading.A, points=60)
            print(reading.name, "boundary:", basins.boundary, "| share of starts ending in restraint:", round(float((basins.labels == 0).mean()), 3))
        """
    ),
    md(
        """
        Reveal: the boundary between the basins is the mixed equilibrium, the same p*. From any share
        above it the population ends in mutual restraint: 2/3 of the starting shares in the hopeful reading,
        only 5/18 in the fearful one. (The printed shares count a grid of starting points, so they
        only approximate these exact values.)

        ## Explore

        The explorer varies the Stag Hunt's levers and shows payoff against risk dominance, the trust
        threshold and the basins. Predict first: which lever lowers p* fastest?
        """
    ),
    code(
        """
        from balkangames.widgets import stag_hunt_explorer

        stag_hunt_explorer(params=hopeful.params, players=("serbia", "kosovo"))
        """
    ),
    md(
        f"""
        ## Where the model stops

        - A poll is not a belief. The Balkan Barometer's shares measure citizens' views of cooperation,
          not a government's confidence that a neighbour will restrain; they are not inputs to $p^*$.
        - Kydd's trust is about uncertainty over the other's type (security seeker or greedy). These games
          have complete information: each side knows the other's payoffs, so misperception cannot appear.
        - Replicator dynamics model populations that imitate success, not two governments that reason;
          they show how sensitive an outcome is to where it starts.
        - Kosovo's refusal is a stated position in a dated source (the thesis: “its picture stops in
          June 2022” ({README})); the two readings of the dyad are assumptions.

        ## Summary

        - A Stag Hunt has no temptation (R > T) but fear (P > S): cooperation is an equilibrium, and so
          is mutual arming.
        - Payoff dominance picks mutual restraint; risk dominance picks the equilibrium that is safer
          against the other's mistake, and can pick mutual arming.
        - The trust threshold p* is the Stag Hunt's mixed equilibrium and the edge of the basins of
          attraction; more fear raises it.

        ## References
        """
        + REFERENCES_CORE
        + """- Harsanyi, J. C. & Selten, R. (1988) *A General Theory of Equilibrium Selection in Games*, MIT Press.
"""
        + SEED_REFERENCES
    ),
]

# ---------------------------------------------------------------------------
# 06: the shadow of the future and the fait accompli

SHADOW = [
    md(
        """
        # 6. The shadow of the future and the fait accompli

        ## Learning goals

        - Compute the grim-trigger threshold $\\delta^*$ above which the threat of an endless arms race
          sustains restraint in a repeated Prisoner's Dilemma (Gibbons 1992).
        - Say where grim trigger does not apply, and why.
        - Solve a sequential fait-accompli game by backward induction and find the Nash equilibria that
          rest on non-credible threats.
        - See how an ally's involvement deters a fait accompli, and how deniable (hybrid) action undoes it.
        """
    ),
    md(
        """
        ## Part A: the shadow of the future

        Serbia and Croatia do not meet once: they arm or restrain year after year. Take the Prisoner's
        Dilemma of notebook 1 and repeat it forever. Each side restrains as long as the other has always
        restrained, and arms forever after the first breach (grim trigger). With discount factor
        $\\delta$, restraining forever is worth $R/(1 - \\delta)$; breaching once is worth
        $T + \\delta P/(1 - \\delta)$. Restraint holds when $\\delta \\ge \\delta^* = (T - R)/(T - P)$.
        """
    ),
    code(
        """
        import balkangames as bg
        from balkangames import analysis

        arms_race = bg.jervis_world(1, players=("Serbia", "Croatia"))
        grim = analysis.grim_trigger_threshold(arms_race.A, arms_race.B)
        """
    ),
    md(
        """
        ## Predict, then reveal: how patient must they be?

        With R = 2, T = 7 and P = −2 (notebook 1), **predict** $\\delta^*$. Would a state that values next
        year half as much as this year (δ = 1/2) keep restraining?
        """
    ),
    code(
        """
        from IPython.display import Math, display

        print(grim.reason)
        display(Math(grim.latex()))
        print("δ = 1/2 sustains restraint:", grim.sustainable(0.5))
        """
    ),
    md(
        """
        Reveal: δ* = 5/9, so δ = 1/2 is not patient enough; any δ of at least 5/9 is. The more a breach
        pays (T − R) and the milder the punishment (T − P small), the higher the bar.

        Grim trigger needs a credible punishment: mutual arming must be an equilibrium of the one-shot
        game. In Jervis's world 3 (Chicken) it is not, so the threat to arm forever is empty there.
        """
    ),
    code(
        """
        print(analysis.grim_trigger_threshold(bg.jervis_world(3).A, bg.jervis_world(3).B).reason)
        """
    ),
    code(
        """
        from balkangames.widgets import shadow_explorer

        shadow_explorer(params=arms_race.params, delta=0.5)
        """
    ),
    md(
        f"""
        ## Part B: the fait accompli

        Luli reads Serbia's recent conduct this way: “Serbia's recent actions must be interpreted as part
        of an emerging strategy that aligns with *fait accompli* behavior in Kosovo, combining military
        posturing, hybrid operations, and strategic partnerships.” ({LUL}) She names the incidents: “the
        attack on September 24, 2023, by Serbian proxy groups on the village of Banjska in northern
        Kosovo, and the explosion on November 29, 2024, in the Ibër-Lepenci water channel in Zubin Potok,
        Kosovo” ({LUL}), a course “meeting the traditional hallmarks of *fait accompli* strategy while
        permitting plausible deniability” ({LUL}). Kosovo's protection is borrowed: it “is mainly relying
        on the KFOR forces which are NATO-led troops to maintain peace and security in the region”
        ({THESIS}).

        The game: a challenger keeps the status quo, payoffs (0, 0), or seizes a stake $x$. The defender
        then acquiesces, $(x, -x)$, or resists. Resisting costs the defender $c_D$ and the challenger
        $c_C$, and the challenger keeps the stake with probability $p = p_0 (1 - \\alpha)$, where
        $\\alpha$ is an ally's effective involvement. The numbers are an illustration:
        x = 10, p_0 = 1/2, c_C = 6, c_D = 6.
        """
    ),
    md(
        """
        ## Predict, then reveal: does a lone defender deter?

        Without an ally ($\\alpha = 0$), the defender can threaten to resist. **Predict:** does the threat
        stop the seizure?
        """
    ),
    code(
        """
        from balkangames import sequential

        alone = sequential.fait_accompli(10, "1/2", 6, 6)
        print([e.path for e in sequential.backward_induction(alone).equilibria])
        print(sequential.non_credible_equilibria(alone))
        """
    ),
    md(
        """
        Reveal: no. Once the stake is taken, resisting gives the defender −11 against −10 for acquiescing,
        so it acquiesces, and the challenger, looking ahead, seizes: the fait accompli stands with payoffs
        (10, −10). The normal form also has a Nash equilibrium in which the challenger keeps the status
        quo because the defender "would resist"; backward induction discards it, because that threat is
        not credible.

        ## Predict, then reveal: an ally, seen or unseen

        With an ally the defender resists when $\\alpha$ is above 1/5; once it resists, the seizure never
        pays here (the challenger's threshold, −1/5, is below zero). **Predict:** with an ally at
        α = 1/2, what happens? And if the action is deniable, so that only 3/10 of it is attributed to the
        challenger?
        """
    ),
    code(
        """
        backed = sequential.fait_accompli(10, "1/2", 6, 6, alpha="1/2")
        deniable = sequential.fait_accompli(10, "1/2", 6, 6, alpha="1/2", attribution="3/10")
        for tree in (backed, deniable):
            print([e.path for e in sequential.backward_induction(tree).equilibria])
        limits = sequential.fait_accompli_thresholds(10, "1/2", 6, 6)
        print("defender resists above", limits.defender_resists_above, "| resisted challenger deterred from", limits.challenger_deterred_from)
        """
    ),
    md(
        """
        Reveal: fully attributed, the ally's involvement of 1/2 is above 1/5, the defender would resist,
        and the challenger keeps the status quo. Deniable, the effective involvement is only 3/20, below
        1/5: the defender acquiesces and the fait accompli stands again. Deniability works by keeping the
        ally out, not by beating it.
        """
    ),
    code(
        """
        from balkangames.widgets import fait_accompli_explorer

        fait_accompli_explorer(x=10, p0=0.5, c_challenger=6, c_defender=6)
        """
    ),
    md(
        """
        ## Where the model stops

        - Both games have complete information. Real deniability works through doubt about who acted;
          the model shrinks the ally's involvement by an attribution share instead of modelling beliefs.
        - The repeated game assumes each side sees every breach. Deniable action is exactly what makes
          breaches hard to see, so it weakens grim trigger too; the model does not show that.
        - The fait-accompli numbers are illustrations; the seeds describe incidents, not payoffs. What
          Banjska was for, and who ordered it, is not settled by the model.
        - Snyder (1984) adds the ally's own dilemma, abandonment against entrapment; here the ally's
          involvement is a fixed number.

        ## Summary

        - Repetition can sustain restraint in a Prisoner's Dilemma when the future weighs enough:
          $\\delta \\ge \\delta^*$.
        - In the fait-accompli game a lone defender's threat to resist is not credible; an ally makes it so.
        - Deniable action lowers the ally's effective involvement, and with it deterrence.

        ## References
        """
        + REFERENCES_CORE
        + """- Snyder, G. (1984) “The Security Dilemma in Alliance Politics”, *World Politics* 36(4):461–495.
- Gibbons, R. (1992) *Game Theory for Applied Economists*, §2.3.
"""
        + SEED_REFERENCES
    ),
]

# ---------------------------------------------------------------------------
# 04: alliances change the equilibria

ALLIANCES = [
    md(
        """
        # 4. Alliances change the equilibria

        ## Learning goals

        - Express an alliance in the model: a guarantee that shrinks a rival's greed and one's own fear,
          a penalty for arming against an ally, a patron's subsidy to arming.
        - Read a case's parameters and their sources from `balkangames.cases`.
        - Compare a dyad's game with its game under another membership (a counterfactual).
        - Read the sympy thresholds: how large must a guarantee be to end fear or temptation?
        """
    ),
    md(
        f"""
        ## The case: asymmetric guarantees

        Luli: “Albania, Montenegro, and North Macedonia became NATO members in different years—2009,
        2017, and 2020, respectively” ({LUL}), while the others are outside: “Serbia is reluctant to
        pursue NATO membership” ({LUL}), and Bosnia and Herzegovina's “full membership, however, is
        blocked by the Republika Srpska” ({LUL}), where “the support for joining NATO reaches to 82 percent
        within the federation, in the Republika Srpska is only 38 percent” ({THESIS}). She calls the result
        “asymmetric security guarantees” ({LUL}). Kosovo “is mainly relying on the KFOR forces which are
        NATO-led troops to maintain peace and security in the region” ({THESIS}). Serbia leans on Russia,
        although “they do not actually have a military alliance between them” ({THESIS}).

        The thesis expects membership to end the dilemma between members: “the security dilemma would be
        practically impossible to appear between its two or more fellow NATO member states” ({THESIS}).

        A slip to avoid: Luli writes that “all six Western Balkan states have joined the Alliance's
        Partnership for Peace Program” ({LUL}), but “Kosovo is not a member of the programme” ({README}).
        """
    ),
    md(
        """
        ## From facts to parameters

        `balkangames.cases` turns the cited facts into parameters by one set of rules for every dyad.
        Membership gives a guarantee $a_i$ (NATO 9/10, an assumption about Article 5's credibility), a
        peace-support presence a partial one (KFOR 1/2, EUFOR Althea 1/4), two members pay $k$ for
        arming against each other, and Russia's backing lowers Serbia's cost of arming by $r_1$ = 1/2.
        Offense advantage is a capability share computed from Global Firepower ranks: for Serbia against
        Kosovo, o_1 = 82/85. Each parameter carries its citation or its assumption:
        """
    ),
    code(
        """
        from balkangames import cases

        kosovo = cases.load("serbia-kosovo")
        for parameter in kosovo.parameters(year=2022)[1:3] + kosovo.parameters(year=2022)[7:9]:
            print(parameter.name, "=", parameter.value, "|", (parameter.citations or parameter.assumptions)[0])
        """
    ),
    md(
        """
        ## Serbia and Kosovo

        In 2022, the cases' default year, Serbia is in Chicken (tempted, but an arms race is its worst
        outcome) and Kosovo in a Stag Hunt (no temptation, but fear). Such a pair has no pure
        equilibrium; the only one is mixed, with each side arming some of the time.
        """
    ),
    code(
        """
        now = kosovo.game(year=2022)
        print(now.class_titles())
        print("\\n".join(now.solve().describe(now.players)))
        """
    ),
    md(
        """
        ## Predict, then reveal: Kosovo in NATO

        **Predict:** if Kosovo were a NATO member in 2022 (a counterfactual), which game would each side be
        in, and what would they do?
        """
    ),
    code(
        """
        counterfactual = kosovo.game(year=2022, members={"kosovo": "nato"})
        print(counterfactual.class_titles())
        print("\\n".join(counterfactual.solve().describe(counterfactual.players)))
        """
    ),
    md(
        """
        Reveal: both are in Harmony and both restrain. The threshold shows why. Kosovo's fear ends once
        the guarantee covering it, $a_2$, rises above 243/328; the same level ends Serbia's temptation.
        KFOR's 1/2 falls short; NATO's 9/10 clears it.
        """
    ),
    code(
        """
        from IPython.display import Math, display

        from balkangames.thresholds import threshold

        display(Math(threshold("guarantee_2", 2, "fear").latex))
        print(threshold("guarantee_2", 2, "fear").describe(kosovo.params(year=2022), kosovo.players))
        """
    ),
    md(
        """
        ## Serbia and Bosnia and Herzegovina; North Macedonia's neighbours

        **Predict:** Serbia is in a Prisoner's Dilemma against Bosnia and Herzegovina in 2022. If Bosnia
        joined NATO, would Serbia still arm? Then: North Macedonia's dyads with Albania and Bulgaria are
        Harmony today. What would they be without North Macedonia's membership?
        """
    ),
    code(
        """
        bosnia = cases.load("serbia-bosnia")
        for members in (None, {"bosnia": "nato"}):
            print(members, bosnia.game(year=2022, members=members).class_titles(), bosnia.game(year=2022, members=members).solve().pure_equilibria)
        for case_id in ("north-macedonia-albania", "north-macedonia-bulgaria"):
            print(case_id, cases.load(case_id).game(year=2022, members={"north-macedonia": "none"}).class_titles())
        """
    ),
    md(
        """
        Reveal: with Bosnia in NATO, Serbia's greed is gone (a Stag Hunt) and Bosnia has no fear left
        (Harmony): both restrain. Without its membership, North Macedonia is back in a Stag Hunt against
        a neighbour in Chicken, the game its dyads were in before it joined in 2020.

        ## Explore

        Choose a case and a year, then change each actor's membership. The thresholds beside the table
        are derived with sympy from the same payoff formulas.
        """
    ),
    code(
        """
        from balkangames.widgets import alliance_explorer

        alliance_explorer("serbia-kosovo")
        """
    ),
    md(
        f"""
        ## Where the model stops

        - A power index is not a payoff. Global Firepower ranks Serbia and Kosovo (“Serbia is ranked
          61st out of 142 with a score of 0.9923” ({THESIS})); turning ranks into an offense advantage is
          a rule the package states, not a fact.
        - The guarantee levels (NATO, KFOR, EUFOR Althea) and Russia's subsidy are assumptions; change
          them with `overrides=` to see how much the conclusions depend on them.
        - Snyder (1984) shows that alliances bring their own dilemma, abandonment against entrapment.
          Here an ally's commitment is a fixed number, and the ally is not a player.
        - Complete information again: the model cannot show a guarantee that one side doubts and the
          other trusts.

        ## Summary

        - An alliance enters the game through guarantees, the cost of arming against an ally and a
          patron's subsidy; each is a cited fact turned into a number by a stated rule.
        - A guarantee can remove fear and greed at once; the sympy thresholds say how large it must be.
        - Counterfactual memberships change the classes and the equilibria: NATO membership for Kosovo or
          Bosnia and Herzegovina would turn their dyads with Serbia towards mutual restraint.

        ## References
        """
        + REFERENCES_CORE
        + """- Snyder, G. (1984) “The Security Dilemma in Alliance Politics”, *World Politics* 36(4):461–495.
"""
        + SEED_REFERENCES
    ),
]


# ---------------------------------------------------------------------------
# 05: a timeline, 1999 to 2025

TIMELINE = [
    md(
        """
        # 5. A timeline, 1999 to 2025

        ## Learning goals

        - Replay the dated events of a dyad and watch its classes and equilibria.
        - Tell events that change the model's parameters (accessions, presences) from events that do not.
        - Say why a flat line in the model does not mean nothing happened.
        """
    ),
    md(
        f"""
        ## The case: accessions and incidents

        Accessions came one by one: “Albania, Montenegro, and North Macedonia became NATO members in
        different years—2009, 2017, and 2020, respectively” ({LUL}). Croatia joined with Albania, but
        “Neither document gives Croatia's NATO accession date (1 April 2009, with Albania).” ({README})
        Meanwhile the incidents went on: “the attack on September 24, 2023, by Serbian proxy groups on
        the village of Banjska in northern Kosovo, and the explosion on November 29, 2024, in the
        Ibër-Lepenci water channel in Zubin Potok, Kosovo” ({LUL}).

        Each case file lists its events with their sources; `timeline()` solves the game at each one.
        """
    ),
    md(
        """
        ## Predict, then reveal: Serbia and Croatia

        Croatia joined NATO's Partnership for Peace in 2000 and NATO in 2009. **Predict:** which of the
        two changes the game between Serbia and Croatia, and into what?
        """
    ),
    code(
        """
        from balkangames import cases

        for entry in cases.load("serbia-croatia").timeline():
            print(entry.date, "|", entry.event.title, "->", entry.classes, "|", len(entry.equilibria), "equilibria")
        """
    ),
    md(
        """
        Reveal: the Partnership for Peace brings no guarantee, so nothing moves in 2000. NATO
        membership in 2009 does: the Prisoner's Dilemma of notebook 1 becomes a Stag Hunt for Serbia and
        Chicken for Croatia, whose guarantee now deters Serbia's greed and calms its own fear.

        ## Predict, then reveal: Serbia and Kosovo

        **Predict:** the Banjska attack and the canal explosion were the gravest incidents of the period.
        How do they move the Serbia–Kosovo game?
        """
    ),
    code(
        """
        for entry in cases.load("serbia-kosovo").timeline():
            print(entry.date, "|", entry.event.title, "->", entry.classes)
        """
    ),
    md(
        """
        Reveal: not at all. The model's parameters move only with memberships, presences and patrons;
        capabilities are held at their 2022 level. Incidents change what each side believes about the
        other, and beliefs are exactly what a complete-information game leaves out. The flat line is a
        limit of the model, not a finding about the region.

        ## Explore

        The timeline explorer steps through a case's events. Compare North Macedonia's dyads, which move
        in 2020, with Serbia and Kosovo, which do not.
        """
    ),
    code(
        """
        from balkangames.widgets import timeline_explorer

        timeline_explorer("north-macedonia-albania")
        """
    ),
    md(
        f"""
        ## Where the model stops

        - Only memberships, presences and patrons change the parameters year by year; offense advantage
          uses Global Firepower ranks of one year for the whole period.
        - Events that change intentions or information (an attack by proxies, a sabotage) cannot move a
          complete-information game. Notebook 6 models one of them, the fait accompli, as its own game.
        - The thesis's data end earlier than the timeline: “its picture stops in June 2022” ({README}).

        ## Summary

        - Accessions move the dyads: Serbia–Croatia changes in 2009, North Macedonia's dyads in 2020.
        - Incidents do not move the model, which says more about the model than about the incidents.

        ## References
        """
        + REFERENCES_CORE
        + SEED_REFERENCES
    ),
]


NOTEBOOKS: dict[str, list[tuple[str, str]]] = {
    "00-start-here.ipynb": START,
    "01-security-dilemma-prisoners-dilemma.ipynb": PRISONERS_DILEMMA,
    "02-stag-hunt-and-trust.ipynb": STAG_HUNT,
    "03-offense-defense-balance.ipynb": OFFENSE_DEFENSE,
    "04-alliances-change-equilibria.ipynb": ALLIANCES,
    "05-timeline-1999-2025.ipynb": TIMELINE,
    "06-shadow-of-the-future-and-fait-accompli.ipynb": SHADOW,
}


def build(name: str, cells: list[tuple[str, str]]) -> nbformat.NotebookNode:
    """The notebook ``name`` from its cells, with deterministic cell ids and no outputs."""
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = dict(KERNEL)
    notebook.metadata["language_info"] = {"name": "python"}
    stem = name.removesuffix(".ipynb")
    for index, (kind, source) in enumerate(cells):
        maker = nbformat.v4.new_markdown_cell if kind == "markdown" else nbformat.v4.new_code_cell
        cell = maker(source)
        cell["id"] = f"{stem[:2]}-{index:02d}"
        notebook.cells.append(cell)
    nbformat.validate(notebook)
    return notebook


def render(name: str) -> str:
    """The notebook file's exact text."""
    return nbformat.writes(build(name, NOTEBOOKS[name])) + "\n"


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for name in NOTEBOOKS:
        path = HERE / name
        text = render(name)
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.write_text(text, encoding="utf-8")
    if stale:
        print("out of date (run notebooks/build_notebooks.py):", ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
