"""The self-paced exercise notebooks, as code (``python exercises/build_notebooks.py``).

One notebook per teaching notebook. Each follows the same path: a narrative,
write down T, R, P, S, classify, find all equilibria, change one lever, re-solve
and interpret. Answer cells hold ``None`` placeholders and every check cell calls
a checker from :mod:`balkangames.exercises` with an exercise id, so the notebook
runs top to bottom unanswered and contains no answers.
"""

from __future__ import annotations

import textwrap

from notebook_cells import code, markdown, notebook

from balkangames.exercises.registry import parameter_options


def _from_import(module: str, names) -> str:
    """``from module import a, b`` on one line if it fits in 100 columns, else one name a line."""
    line = f"from {module} import {', '.join(sorted(names))}"
    if len(line) <= 100:
        return line
    return f"from {module} import (\n" + "".join(f"    {name},\n" for name in sorted(names)) + ")"


def setup(checkers, third_party=(), first_party=(), body: str = ""):
    """The set-up cell: ``Fraction``, the ``checkers`` used, extra imports (ruff/isort order) and ``body``."""
    groups = [["from fractions import Fraction  # noqa: F401 -- for exact answers"], list(third_party),
              sorted(list(first_party) + [_from_import("balkangames.exercises", checkers)])]
    text = "\n\n".join("\n".join(group) for group in groups if group)
    return code(text + ("\n\n" + textwrap.dedent(body).strip("\n") if body.strip() else ""))


HOW_TO = """
    **How these exercises work.** Replace each `None` with your answer and run the check
    cell below it: you get ✔ *correct*, or ✘ with a hint about what is wrong (never the answer
    itself). Each question says whether it is checked exactly or to within a tolerance; where it
    is exact, give fractions exactly — `Fraction(5, 11)`, not `0.4545` (an answer within 0.01 is
    told "close — give the exact fraction"). Equilibria are lists of profiles, in any order; a
    profile is a pair of strategies (row player's first), each an action name (`"restrain"` or
    `"arm"`; `"C"` and `"D"` work too), an action index (0 or 1), or probabilities in the order
    `(P(restrain), P(arm))` — a tuple, a numpy array, or nashpy's output as it comes.
    Names are read in any case and spelling, with common synonyms (`"Hawk-Dove"` for Chicken;
    `"North Macedonia"` for the key `"north-macedonia"`). The package's own results
    (a payoff object, `game.solve()`, a backward-induction path) are accepted as answers too.
    """


def _question(number, text, variable, checker, exercise, extra=""):
    """Three thin cells: the question, the answer placeholder and the check."""
    return [
        markdown(f"**{number}.** {text}"),
        code(f"{variable} = None  # your answer{extra}"),
        code(f'{checker}({variable}, "{exercise}")'),
    ]


def _interpret(text):
    return markdown(f"**Interpret.** {text}\n\n*Your interpretation:* …")


def security_dilemma():
    """01 — the Serbia–Croatia arms competition as a Prisoner's Dilemma."""
    return notebook([
        markdown("""
            # Exercises 1 — The security dilemma as a Prisoner's Dilemma

            Companion to teaching notebook `01-security-dilemma-prisoners-dilemma`.

            Luli describes "a low-intensity arms competition between Croatia and Serbia" that "began
            to emerge around 2015". Model it as a symmetric 2×2 game: each state restrains or arms
            (Jervis 1978). Take stakes $W = 10$, offense advantage $o = 4/5$, distinguishability
            $d = 1/10$, arming cost $c = 1$, race cost $w = 1$, value of mutual restraint $b = 2$, no
            alliance. For each state: $R = b$, $T = oW - c$, $S = -o(1-d)W$, $P = -c - w$.
            """),
        markdown(HOW_TO),
        setup(["check_class", "check_equilibria", "check_payoffs"]),
        *_question(1, "Write Serbia's payoffs as a dict `{'R': …, 'S': …, 'T': …, 'P': …}` (checked exactly).",
                   "payoffs_serbia", "check_payoffs", "01-payoffs"),
        *_question(2, "Which class is Serbia in: harmony, stag-hunt, prisoners-dilemma, chicken or deadlock?",
                   "class_serbia", "check_class", "01-class"),
        *_question(3, "List **all** Nash equilibria (pure and mixed). Rows are Serbia, columns Croatia.",
                   "equilibria", "check_equilibria", "01-equilibria"),
        markdown("""
            ### Change one lever: a shared alliance
            Suppose, counterfactually, that both states were in one alliance that penalises arming
            against an ally by $k = 6$, so the net cost of arming becomes $\\kappa = c + k$
            (Glaser 1997; Snyder 1984). Everything else stays the same.
            """),
        *_question(4, "Serbia's class with the alliance penalty.", "class_with_alliance", "check_class",
                   "01-lever-class"),
        *_question(5, "All equilibria with the alliance penalty.", "equilibria_with_alliance",
                   "check_equilibria", "01-lever-equilibria"),
        _interpret("Which of Jervis's obstacles — greed (T > R) or fear (P > S) — did the penalty remove? "
                   "Why can an alliance change a neighbour's incentives without changing the stakes?"),
    ])


def stag_hunt():
    """02 — Stag Hunt, mixed equilibrium and risk dominance."""
    return notebook([
        markdown("""
            # Exercises 2 — Stag Hunt and trust

            Companion to teaching notebook `02-stag-hunt-and-trust`.

            Security seekers who do not covet each other's territory have Stag Hunt preferences
            (Kydd 2005): mutual restraint is best, but being the only one to restrain is worst.
            Take the symmetric game with $W = 10$, $o = 1/4$, $d = 1/10$, $c = 1$, $w = 1$, $b = 2$.
            """),
        markdown(HOW_TO),
        setup(["check_choice", "check_class", "check_equilibria", "check_number", "check_payoffs"]),
        *_question(1, "Serbia's payoffs as a dict `{'R': …, 'S': …, 'T': …, 'P': …}` (checked exactly).",
                   "payoffs_serbia", "check_payoffs", "02-payoffs"),
        *_question(2, "Serbia's class.", "class_serbia", "check_class", "02-class"),
        *_question(3, "All equilibria, including the mixed one (exact fractions).", "equilibria",
                   "check_equilibria", "02-equilibria"),
        *_question(4, "In the mixed equilibrium, with what probability does Croatia restrain? "
                      "(A number; checked to within ±0.001.)",
                   "probability_croatia_restrains", "check_number", "02-mixed-probability"),
        *_question(5, "Which equilibrium is risk-dominant (Harsanyi–Selten): `'(restrain, restrain)'`, "
                      "`'(arm, arm)'` or `'neither'`? (A profile may be written in any notation the "
                      "equilibrium questions accept.)", "risk_dominant", "check_choice", "02-risk-dominance"),
        markdown("""
            ### Change one lever: distinguishability
            Suppose defensive and offensive postures become much easier to tell apart: $d = 9/10$
            (for example through transparency measures). Re-solve.
            """),
        *_question(6, "All equilibria with $d = 9/10$.", "equilibria_visible", "check_equilibria",
                   "02-lever-equilibria"),
        _interpret("How does the mixed-equilibrium probability relate to the trust a state needs before it "
                   "restrains? What happened to the fear that sustained (arm, arm)?"),
    ])


def offense_defense():
    """03 — Jervis's four worlds and the fear threshold derived with sympy."""
    return notebook([
        markdown("""
            # Exercises 3 — The offense–defense balance

            Companion to teaching notebook `03-offense-defense-balance`.

            Jervis (1978) crosses the offense–defense balance with distinguishability to get four
            worlds, from 1 ("doubly dangerous": offense has the advantage and postures cannot be told
            apart) to 4 ("doubly stable"). `balkangames.model.jervis_world(n)` builds them.
            """),
        markdown(HOW_TO),
        setup(["check_classes", "check_equilibria", "check_expression", "check_number", "check_payoffs",
               "symbols"],
              first_party=["from balkangames.model import jervis_world"],
              body="[jervis_world(n).name for n in (1, 2, 3, 4)]"),
        *_question(1, "The row player's payoffs in world 1 as `{'R': …, 'S': …, 'T': …, 'P': …}` "
                      "(read them from `jervis_world(1).A`; rows are the row player's actions; checked exactly).",
                   "payoffs_world1", "check_payoffs", "03-payoffs-world1"),
        *_question(2, "The row player's class in each world as a dict with keys 1, 2, 3, 4: "
                      "`{1: …, 2: …, 3: …, 4: …}`.",
                   "world_classes", "check_classes", "03-world-classes"),
        *_question(3, "All equilibria of world 3 (`jervis_world(3)`), pure and mixed (exact fractions).",
                   "equilibria_world3", "check_equilibria", "03-equilibria-world3"),
        markdown("""
            Fear is gone when $S > P$. With no guarantees, $S = -o(1-d)W$ and $P = -c - w$.
            Derive with sympy the distinguishability $d^*$ above which fear ends.
            """),
        code("""
            import sympy  # noqa: F401 -- for your answer

            o, d, W, c, w = symbols("o d W c w")
            S = -o * (1 - d) * W
            P = -c - w
            """),
        *_question(4, "`d_star` as a sympy expression in `o, W, c, w`, or a string such as `'(x + y)/z'` "
                      "in those symbols (`sympy.solve(equation, symbol)` returns a *list* of solutions). "
                      "Checked by exact algebra.",
                   "d_star", "check_expression", "03-fear-threshold"),
        *_question(5, "The value of $d^*$ at $o = 1/4$, $W = 10$, $c = w = 1$ (±0.001).",
                   "d_star_value", "check_number", "03-fear-threshold-value"),
        markdown("""
            ### Change one lever: a defensive advantage
            Take $o = 1/4$ and $d = 1/2$ (defense has the advantage, postures fairly distinguishable),
            with $W = 10$, $c = w = 1$, $b = 2$.
            """),
        *_question(6, "All equilibria.", "equilibria_defensive", "check_equilibria", "03-lever-equilibria"),
        _interpret("Which world is this? Why does Jervis call distinguishability and a defensive advantage "
                   "two separate routes out of the security dilemma?"),
    ])


def alliances():
    """04 — asymmetric dyads: Serbia–Kosovo, and North Macedonia after NATO accession."""
    return notebook([
        markdown("""
            # Exercises 4 — Alliances change equilibria

            Companion to teaching notebook `04-alliances-change-equilibria`.

            A guarantee $a_j$ covering the other side lowers the temptation to attack it,
            $T_i = o_i(1-a_j)W - c$ (Snyder 1984; Glaser 1997). Luli notes that Albania, Montenegro
            and North Macedonia "became NATO members in different years—2009, 2017, and 2020".
            The case games come from `balkangames.cases` (their parameters cite the sources).
            """),
        markdown(HOW_TO),
        setup(["check_classes", "check_equilibria", "check_expression", "check_payoffs", "symbols"],
              third_party=["import sympy  # noqa: F401 -- for your answer"],
              first_party=["from balkangames import cases"],
              body="""
                  o, a, W, b, c = symbols("o a W b c")
                  T = o * (1 - a) * W - c
                  R = b
                  """),
        *_question(1, "Solve $T = R$ for the guarantee: `a_star`, the $a$ above which greed ends "
                      "(sympy expression or string in `o, W, b, c`; checked by exact algebra).",
                   "a_star", "check_expression", "04-guarantee-threshold"),
        code("""
            serbia_kosovo = cases.load("serbia-kosovo").game(year=2024)
            serbia_kosovo.A, serbia_kosovo.B
            """),
        *_question(2, "Kosovo's payoffs in 2024. Kosovo is the column player: its payoffs are in `B`, "
                      "indexed `[Serbia's action][Kosovo's action]`. Checked exactly: give fractions such as "
                      "`Fraction(5, 11)`, not rounded decimals.",
                   "payoffs_kosovo", "check_payoffs", "04-payoffs-kosovo"),
        *_question(3, "Each player's class in 2024 as `{'serbia': …, 'kosovo': …}`.",
                   "classes_2024", "check_classes", "04-classes"),
        *_question(4, "All equilibria of the 2024 game (exact fractions).", "equilibria_2024",
                   "check_equilibria", "04-equilibria"),
        markdown("""
            ### Change one lever: NATO accession
            North Macedonia joined NATO in 2020. Load `cases.load("north-macedonia-albania")` for
            2020 and re-solve.
            """),
        code("""
            nma_2020 = cases.load("north-macedonia-albania").game(year=2020)
            nma_2020.players
            """),
        *_question(5, "Each player's class in 2020 as a dict keyed by the two players, "
                      "`{'north-macedonia': …, 'albania': …}` (any case; a space for the hyphen is fine).",
                   "classes_2020",
                   "check_classes", "04-lever-classes"),
        *_question(6, "All equilibria in 2020.", "equilibria_2020", "check_equilibria", "04-lever-equilibria"),
        _interpret("Tsebelis (1989): in a mixed equilibrium a player's probabilities depend on the *other* "
                   "player's payoffs. What does that imply for Serbia–Kosovo? What did a shared alliance "
                   "change for North Macedonia and Albania?"),
    ])


def timeline():
    """05 — Serbia–Croatia before and after Croatia's NATO accession."""
    return notebook([
        markdown("""
            # Exercises 5 — A timeline

            Companion to teaching notebook `05-timeline-1999-2025`.

            Croatia joined NATO on 1 April 2009 (with Albania). The case `serbia-croatia` gives a
            game for each year; compare 2008 with 2010.
            """),
        markdown(HOW_TO),
        setup(["check_choice", "check_classes", "check_equilibria", "check_payoffs"],
              first_party=["from balkangames import cases"],
              body="""
                  case = cases.load("serbia-croatia")
                  case.game(year=2008).A, case.game(year=2010).B
                  """),
        *_question(1, "Croatia's payoffs in 2010 as `{'R': …, 'S': …, 'T': …, 'P': …}` (the column player: "
                      "read them from `B`). Checked exactly: give fractions, not rounded decimals.",
                   "payoffs_croatia_2010", "check_payoffs", "05-payoffs-2010"),
        *_question(2, "Each player's class in 2008 as `{'serbia': …, 'croatia': …}`.", "classes_2008",
                   "check_classes", "05-classes-2008"),
        *_question(3, "Each player's class in 2010 as `{'serbia': …, 'croatia': …}`.", "classes_2010",
                   "check_classes", "05-classes-2010"),
        *_question(4, "Which parameter changed between 2008 and 2010? One of: "
                      + ", ".join(f"`'{option}'`" for option in parameter_options())
                      + " (a group such as `'offense'` covers both players' parameters).",
                   "changed", "check_choice", "05-what-changed"),
        *_question(5, "All equilibria in 2010 (exact fractions).", "equilibria_2010", "check_equilibria", "05-equilibria-2010"),
        _interpret("The model has complete information: it cannot show misperception, which the thesis "
                   "(Figure 6.4.1) records for Serbia. What would a misperceived guarantee do to these "
                   "predictions?"),
    ])


def shadow_and_fait_accompli():
    """06 — grim trigger and backward induction in the fait-accompli game."""
    return notebook([
        markdown("""
            # Exercises 6 — The shadow of the future and the fait accompli

            Companion to teaching notebook `06-shadow-of-the-future-and-fait-accompli`.

            Repeated play can sustain restraint (grim trigger; Gibbons 1992 §2.3). A fait accompli
            is sequential instead: a challenger seizes a stake $x$ or keeps the status quo; the
            defender acquiesces or resists. Resisting gives the challenger $p x - c_C - \\alpha h$ and
            the defender $-p x - c_D$, with $p = p_0(1 - \\alpha)$ and $\\alpha$ an ally's involvement.
            """),
        markdown(HOW_TO),
        setup(["check_number", "check_path"], first_party=["from balkangames.sequential import fait_accompli"]),
        *_question(1, "For the Prisoner's Dilemma of exercises 1 ($R = 2$, $T = 7$, $P = -2$), the smallest "
                      "discount factor $\\delta^*$ at which grim trigger sustains mutual restraint (±0.001).",
                   "delta_star", "check_number", "06-grim-delta"),
        markdown("""
            Take $x = 10$, $p_0 = 1/2$, $c_C = 1$, $c_D = 2$, $h = 4$. The tree below lists each
            move and the payoffs (challenger, defender) at its end.
            """),
        code("""
            fait_accompli(10, Fraction(1, 2), 1, 2, h=4)
            """),
        *_question(2, "With no ally ($\\alpha = 0$), the defender's payoff if it resists (±0.001).",
                   "resist_payoff", "check_number", "06-resist-payoff"),
        *_question(3, "With no ally ($\\alpha = 0$), the backward-induction path as the moves played, "
                      "using the move names in the tree, e.g. `('first move', 'second move')`.",
                   "path_alone", "check_path", "06-fait-accompli-path"),
        *_question(4, "The ally involvement $\\alpha$ from which a resisted challenger prefers the status quo "
                      "(±0.001).", "alpha_deterrence", "check_number", "06-deterrence-threshold"),
        markdown("""
            ### Change one lever: the ally's involvement and its attribution
            An ally commits $\\alpha = 1/2$. Then consider a deniable, proxy action — Luli describes the
            24 September 2023 attack on Banjska "by Serbian proxy groups" — where only half of the
            action is attributed to the challenger, so the effective involvement is $1/2 \\cdot \\alpha$.
            """),
        *_question(5, "The path with $\\alpha = 1/2$, fully attributed.", "path_with_ally", "check_path",
                   "06-lever-path"),
        *_question(6, "The path with $\\alpha = 1/2$ and attribution $1/2$ "
                      "(`fait_accompli(..., alpha=Fraction(1, 2), h=4, attribution=Fraction(1, 2))`).",
                   "path_hybrid", "check_path", "06-hybrid-path"),
        _interpret("Why does deniability weaken deterrence in this model? Which real-world uncertainty does "
                   "a complete-information game leave out?"),
    ])


def misperception():
    """07 — types and beliefs: the trust threshold, equilibria per type, the prior that ends the spiral."""
    strategy_format = ("A strategy names the security seeker's action, then the greedy type's: `'restrain-arm'` "
                       "means *restrain if a security seeker, arm if greedy*. A profile is (east's strategy, "
                       "west's strategy); a mixed strategy is four probabilities in the order "
                       "`(P(restrain-restrain), P(restrain-arm), P(arm-restrain), P(arm-arm))`, or a dict by "
                       "strategy name.")
    return notebook([
        markdown("""
            # Exercises 7 — Misperception and the spiral

            Companion to teaching notebook `07-misperception-and-the-spiral`.

            Each state is one of two **types** (Kydd 2005): a **security seeker** has no motive to take
            anything from its rival, so it never gains by arming against a restrainer and arms only out of
            fear; a **greedy** state covets the stakes. Each state holds a **prior** $p$: its belief that
            the rival is a security seeker. Two security seekers that arm against each other out of
            mistrust are Jervis's **spiral** (Jervis 1976).

            Take a made-up dyad, *east* and *west* (a modelling assumption, not a real pair): $W = 10$,
            $o = 2/5$, $d = 1/5$, $c = w = 1$, $b = 2$, no alliance, and on each side a **kin stake**
            $e = 1$ in co-ethnics across the border, which adds to the loss of restraining while the
            other arms (Posen 1993). A security seeker's payoffs are $R = b$, $T = -c$,
            $S = -(o(1-d)W + e)$, $P = -c - w$; a greedy type's temptation is $T = oW - c$.
            """),
        markdown(HOW_TO),
        setup(["check_choice", "check_equilibria", "check_expression", "check_number", "symbols"],
              third_party=["import sympy  # noqa: F401 -- for your answer"],
              first_party=["from balkangames import beliefs, cases, mechanisms  # noqa: F401 -- beliefs: to explore",
                           "from balkangames.params import SecurityParams"],
              body="""
                  o, d, W, b, c, w, e, p = symbols("o d W b c w e p")
                  R, T, S, P = b, -c, -(o * (1 - d) * W + e), -c - w  # a security seeker's payoffs
                  """),
        markdown("""
            Suppose the rival's security seeker restrains and its greedy type arms. Restraint pays a
            security seeker $pR + (1-p)S$, arming pays $pT + (1-p)P$. The **trust threshold** $\\pi^*$
            is the belief at which the two are equal: from it on, the security seeker can afford to
            restrain.
            """),
        *_question(1, "`pi_star` as a sympy expression, or a string such as `'(x + y)/z'`, in "
                      "`o, d, W, b, c, w, e` (solve the equation for `p`; `sympy.solve(equation, symbol)` returns "
                      "a *list* of solutions). Checked by exact algebra.",
                   "pi_star", "check_expression", "07-trust-threshold"),
        *_question(2, "The value of $\\pi^*$ at $o = 2/5$, $d = 1/5$, $W = 10$, $b = 2$, $c = w = 1$, $e = 1$ "
                      "(±0.001).", "pi_star_value", "check_number", "07-trust-threshold-value"),
        markdown("""
            ### Equilibria per type
            A Bayesian Nash equilibrium gives every type of every state a best reply to its belief
            about the rival's types. """ + strategy_format + """ A greedy type's best move does not
            depend on its belief here: compare its $T = oW - c$ with $R$, and $P$ with $S$. To
            explore afterwards, `beliefs.bayesian_game(params, priors=(p_east, p_west),
            players=("east", "west"))` builds the game (the cell below makes `params`).
            """),
        code("""
            params = SecurityParams(offense=Fraction(2, 5), distinguishability=Fraction(1, 5), kin=(1, 1))
            params
            """),
        *_question(3, "East believes west a security seeker with probability 3/5, west believes east one with "
                      "probability 1/4. List **all** Bayesian equilibria as profiles of strategies "
                      "(exact fractions for any mix).",
                   "equilibria_mistrust", "check_equilibria", "07-equilibria-spiral"),
        *_question(4, "Both priors are 3/4. List **all** Bayesian equilibria, pure and mixed (exact fractions: in "
                      "a mixed one a security seeker's mix makes the rival's security seeker indifferent).",
                   "equilibria_trust", "check_equilibria", "07-equilibria-trust"),
        markdown("""
            ### Which prior ends the spiral?
            Serbia–Bosnia in 2022 with the cited second-layer values: both states are in truth security
            seekers, and each holds the prior the teaching notebook cites (its size is an assumption on
            a cited direction). The two security seekers arm against each other in every equilibrium.
            """),
        code("""
            serbia_bosnia = mechanisms.layered(cases.load("serbia-bosnia"), 2022)
            game = serbia_bosnia.bayesian_game()
            serbia_bosnia.players, serbia_bosnia.prior_values, game.spiral()
            """),
        *_question(5, "Keep Serbia's prior as cited. From which belief of Bosnia's that Serbia is a security "
                      "seeker on does the spiral end, mutual restraint of the security seekers becoming an "
                      "equilibrium? (A number; checked to within ±0.001. `serbia_bosnia.bayesian_game(priors=(…, "
                      "…)).spiral()` tests a guess.)",
                   "bosnia_prior", "check_number", "07-spiral-prior"),
        markdown("""
            ### Change one lever: the 2025 declaration
            On 18 March 2025 Albania, Croatia and Kosovo signed a joint declaration on defence cooperation;
            Luli (2025) reports Serbia's protest (she dates the declaration 2024, a slip). By the package's rule, a pact a state protests adds its partners' capability to the rival's offense
            in that state's eyes (Snyder 1984). Load Serbia–Kosovo in 2025.
            """),
        code("""
            serbia_kosovo = mechanisms.layered(cases.load("serbia-kosovo"), 2025)
            serbia_kosovo.players, serbia_kosovo.prior_values
            """),
        *_question(6, "Whose belief is below its own trust threshold in 2025, so that its mistrust alone keeps its "
                      "security seeker arming: `'serbia'`, `'kosovo'`, `'both'` or `'neither'`? "
                      "(`serbia_kosovo.bayesian_game().trust_threshold_value(1)` is Serbia's π*.)",
                   "mistrustful", "check_choice", "07-lever-mistrust"),
        _interpret("Spiral or deterrence? The same arming is a spiral if the rival is in truth a security seeker "
                   "and prudent deterrence if it is greedy. What would a reassuring signal have to change in "
                   "this model to end the spiral, and which numbers here are assumptions rather than facts?"),
        markdown("""
            **References.** Luli, Elira (2025) "Small States and Choices: Gambling on Security or Regional
            Cooperation under a Common Banner?", Partnership for Peace Consortium. Jervis, R. (1976) *Perception and Misperception in International Politics*,
            Princeton University Press, ch. 3. Kydd, A. (2005) *Trust and Mistrust in International
            Relations*, Princeton University Press, ch. 2–3. Posen, B. (1993) "The Security Dilemma and
            Ethnic Conflict", *Survival* 35(1). Snyder, G. (1984) "The Security Dilemma in Alliance
            Politics", *World Politics* 36(4).
            """),
    ])


#: notebook file stem -> builder, in teaching order
NOTEBOOKS = {
    "01-security-dilemma": security_dilemma,
    "02-stag-hunt-and-trust": stag_hunt,
    "03-offense-defense-balance": offense_defense,
    "04-alliances-change-equilibria": alliances,
    "05-timeline": timeline,
    "06-shadow-and-fait-accompli": shadow_and_fait_accompli,
    "07-misperception-and-the-spiral": misperception,
}
