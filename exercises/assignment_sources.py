"""The instructor's nbgrader source notebooks, as code (``python exercises/build_notebooks.py``).

Each assignment notebook alternates answer cells (solution regions are cleared on
release), visible tests the student runs for feedback (locked, worth no points),
autograded cells worth the question's points and manually graded written answers
whose model answer and marking notes are removed on release. An autograded cell is
judged outside the student's kernel: at grading time the grader
(``balkangames.exercises.grader``) rewrites its hidden region into a call of the
student's function on inputs it draws then, and compares the reported results with
references from the package (``balkangames.exercises.grading_checks``), so no answer
is hard-coded and nothing in the kernel can change the comparison.
"""

from __future__ import annotations

from notebook_cells import (
    answer_code,
    notebook,
    readonly_code,
    readonly_markdown,
    test_code,
    written_answer,
)

SECURITY_DILEMMA = "ps1-security-dilemma"
ALLIANCES = "ps2-alliances-thresholds"
MISPERCEPTION = "ps3-misperception"


def security_dilemma():
    """Assignment 1: payoffs, classes and pure equilibria of the arm/restrain game."""
    return notebook([
        readonly_markdown("intro", """
            # Problem set 1 — The Serbia–Croatia security dilemma

            Luli (*Small States and Choices: Gambling on Security or Regional Cooperation under a Common
            Banner?*) describes "a low-intensity arms competition
            between Croatia and Serbia" that "began to emerge around 2015": Croatia's interest in
            M270 rocket launchers, Serbia's turn to Russia for the S-300, Serbia's announced return
            to conscription (Croatia moved the same way) and Rafale jets on both sides: 12 new ones for
            Serbia, 12 used ones for Croatia (Luli calls both "new"; Croatia's were used).

            Model each state's choice as **restrain** (C) or **arm** (D), following Jervis (1978).
            For a symmetric dyad with no alliance, stakes $W$, offense advantage $o$,
            distinguishability $d$, arming cost $c$, race cost $w$ and value of mutual restraint $b$:

            $$R = b,\\quad T = oW - c,\\quad S = -o(1-d)W,\\quad P = -c - w.$$

            Use exact arithmetic (`fractions.Fraction`). Run every cell from the top.
            """),
        readonly_code("setup", """
            from fractions import Fraction
            """),
        readonly_markdown("q1-text", """
            ## Question 1 (3 points)
            Write `payoffs(offense, distinguishability, stakes=10, restraint_value=2,
            arming_cost=1, race_cost=1)` returning a dict with keys `"R"`, `"S"`, `"T"`, `"P"`.
            """),
        answer_code("q1-answer", """
            def payoffs(offense, distinguishability, stakes=10, restraint_value=2, arming_cost=1, race_cost=1):
                ### BEGIN SOLUTION
                o, d = Fraction(offense), Fraction(distinguishability)
                return {
                    "R": Fraction(restraint_value),
                    "T": o * stakes - arming_cost,
                    "S": -o * (1 - d) * stakes,
                    "P": Fraction(-arming_cost - race_cost),
                }
                ### END SOLUTION
            """),
        readonly_code("q1-tests-visible", """
            p = payoffs(Fraction(4, 5), Fraction(1, 10))
            assert set(p) == {"R", "S", "T", "P"}, "return a dict with keys R, S, T, P"
            assert p["R"] == 2, "R is the value of mutual restraint"
            """),
        test_code("q1-tests-hidden", 3, """
            # Graded outside your kernel, on inputs drawn at grading time.
            ### BEGIN HIDDEN TESTS
            from balkangames.exercises.grading_probe import probe

            probe("payoffs", globals())  # the grader adds the inputs it draws
            ### END HIDDEN TESTS
            """),
        readonly_markdown("q2-text", """
            ## Question 2 (2 points)
            Write `classify(R, S, T, P)` returning one of `"harmony"`, `"stag-hunt"`,
            `"prisoners-dilemma"`, `"chicken"`, `"deadlock"` (strict orderings, Jervis/Kydd), or
            `"tie"` when an equality decides the class.
            """),
        answer_code("q2-answer", """
            def classify(R, S, T, P):
                ### BEGIN SOLUTION
                if R == T or S == P:
                    return "tie"
                if R > T:
                    return "harmony" if S > P else "stag-hunt"
                if S > P:
                    return "chicken"
                if R == P:
                    return "tie"
                return "prisoners-dilemma" if R > P else "deadlock"
                ### END SOLUTION
            """),
        readonly_code("q2-tests-visible", """
            assert classify(**payoffs(Fraction(4, 5), Fraction(1, 10))) == "prisoners-dilemma"
            """),
        test_code("q2-tests-hidden", 2, """
            # Graded outside your kernel, on inputs drawn at grading time.
            ### BEGIN HIDDEN TESTS
            from balkangames.exercises.grading_probe import probe

            probe("classify", globals())  # the grader adds the inputs it draws
            ### END HIDDEN TESTS
            """),
        readonly_markdown("q3-text", """
            ## Question 3 (3 points)
            Write `pure_equilibria(A, B)` returning the **set** of pure Nash equilibria
            `(row, column)` (0 = restrain, 1 = arm) of a 2×2 game with row payoffs `A` and
            column payoffs `B` (nested lists, `A[row][column]`). Weak best replies count.
            """),
        answer_code("q3-answer", """
            def pure_equilibria(A, B):
                ### BEGIN SOLUTION
                found = set()
                for i in range(2):
                    for j in range(2):
                        row_best = A[i][j] >= max(A[k][j] for k in range(2))
                        column_best = B[i][j] >= max(B[i][k] for k in range(2))
                        if row_best and column_best:
                            found.add((i, j))
                return found
                ### END SOLUTION
            """),
        readonly_code("q3-tests-visible", """
            pd = payoffs(Fraction(4, 5), Fraction(1, 10))
            A = [[pd["R"], pd["S"]], [pd["T"], pd["P"]]]
            B = [[pd["R"], pd["T"]], [pd["S"], pd["P"]]]
            assert pure_equilibria(A, B) == {(1, 1)}, "in a Prisoner's Dilemma both arm"
            """),
        test_code("q3-tests-hidden", 3, """
            # Graded outside your kernel, on inputs drawn at grading time.
            ### BEGIN HIDDEN TESTS
            from balkangames.exercises.grading_probe import probe

            probe("pure_equilibria", globals())  # the grader adds the inputs it draws
            ### END HIDDEN TESTS
            """),
        readonly_markdown("q4-text", """
            ## Question 4 (4 points, graded by hand)
            At $o = 0.8$, $d = 0.1$ both states arm although both prefer mutual restraint.
            In at most 150 words: (a) say which of Jervis's two obstacles — greed (T > R) or
            fear (P > S) — is at work, using your payoffs; (b) name one lever from the Serbia–Croatia
            case that could turn the game into a Stag Hunt and say which inequality it changes.

            **Rubric (4 points):** 1 — identifies both greed and fear with the payoff comparison;
            1 — explains why (arm, arm) is the only equilibrium (arming dominates);
            1 — names a lever that lowers T below R (e.g. alliance penalty, a guarantee covering the
            other side, lower offense advantage) and the inequality it reverses;
            1 — notes that in the resulting Stag Hunt (arm, arm) remains an equilibrium, so trust still matters.
            """),
        written_answer("q4-answer", 4, """
            ### BEGIN SOLUTION
            Model answer: T = 7 > R = 2 (greed) and P = −2 > S = −36/5 (fear), so arming is
            dominant and (arm, arm) is the unique equilibrium. Lowering T below 2 — e.g. a NATO
            penalty k > 5 for arming against an ally, since both would be in one alliance only if
            Serbia joined, or a lower offense advantage — reverses T > R; the game becomes a Stag Hunt
            where (arm, arm) is still an equilibrium and trust decides.
            ### END SOLUTION
            """),
    ])


def alliances_thresholds():
    """Assignment 2: mixed equilibrium, a sympy threshold and the grim-trigger δ*."""
    return notebook([
        readonly_markdown("intro", """
            # Problem set 2 — Alliances and thresholds

            Alliances change payoffs: a credible guarantee $a_j$ covering the other state lowers
            the gain from attacking it, $T_i = o_i(1-a_j)W - c$ (Snyder 1984; Glaser 1997). This
            problem set asks where such levers change the game. Use exact arithmetic.
            """),
        readonly_code("setup", """
            from fractions import Fraction

            import sympy
            """),
        readonly_markdown("q1-text", """
            ## Question 1 (2 points)
            In a Stag Hunt ($R > T > P > S$) a player is indifferent between restraining and arming
            when the other restrains with probability $p^*$. Write `restrain_probability(R, S, T, P)`
            returning $p^*$ as a `Fraction`.
            """),
        answer_code("q1-answer", """
            def restrain_probability(R, S, T, P):
                ### BEGIN SOLUTION
                R, S, T, P = (Fraction(x) for x in (R, S, T, P))
                return (P - S) / ((R - T) + (P - S))
                ### END SOLUTION
            """),
        readonly_code("q1-tests-visible", """
            p = restrain_probability(4, 0, 3, 3)
            assert 0 < p < 1, "a probability strictly between 0 and 1"
            """),
        test_code("q1-tests-hidden", 2, """
            # Graded outside your kernel, on inputs drawn at grading time.
            ### BEGIN HIDDEN TESTS
            from balkangames.exercises.grading_probe import probe

            probe("restrain_probability", globals())  # the grader adds the inputs it draws
            ### END HIDDEN TESTS
            """),
        readonly_markdown("q2-text", """
            ## Question 2 (3 points)
            Serbia's temptation is $T = o(1-a)W - c$ against a Croatia covered by a guarantee $a$;
            mutual restraint gives $R = b$. Using the symbols below, set `a_star` to the sympy
            expression for the guarantee at which $T = R$ (above it, greed is gone).
            """),
        readonly_code("q2-symbols", """
            o, a, W, b, c = sympy.symbols("o a W b c", positive=True)
            """),
        answer_code("q2-answer", """
            ### BEGIN SOLUTION
            a_star = sympy.solve(sympy.Eq(o * (1 - a) * W - c, b), a)[0]
            ### END SOLUTION
            """),
        readonly_code("q2-tests-visible", """
            assert isinstance(a_star, sympy.Expr), "a_star must be a sympy expression"
            assert a_star.free_symbols <= {o, W, b, c}, "a_star may only use o, W, b and c"
            """),
        test_code("q2-tests-hidden", 3, """
            # Graded outside your kernel, on inputs drawn at grading time.
            ### BEGIN HIDDEN TESTS
            from balkangames.exercises.grading_probe import probe

            probe("a_star", globals())  # the grader adds the inputs it draws
            ### END HIDDEN TESTS
            """),
        readonly_markdown("q3-text", """
            ## Question 3 (2 points)
            In the infinitely repeated Prisoner's Dilemma, grim trigger sustains mutual restraint
            when the discount factor is at least $\\delta^*$. Write `grim_delta(R, T, P)`.
            """),
        answer_code("q3-answer", """
            def grim_delta(R, T, P):
                ### BEGIN SOLUTION
                R, T, P = (Fraction(x) for x in (R, T, P))
                return (T - R) / (T - P)
                ### END SOLUTION
            """),
        readonly_code("q3-tests-visible", """
            assert 0 < grim_delta(3, 5, 1) < 1
            """),
        test_code("q3-tests-hidden", 2, """
            # Graded outside your kernel, on inputs drawn at grading time.
            ### BEGIN HIDDEN TESTS
            from balkangames.exercises.grading_probe import probe

            probe("grim_delta", globals())  # the grader adds the inputs it draws
            ### END HIDDEN TESTS
            """),
        readonly_markdown("q4-text", """
            ## Question 4 (3 points, graded by hand)
            North Macedonia joined NATO in 2020; Serbia is militarily neutral. In at most 150 words,
            use your threshold `a_star` to explain how a guarantee covering one side changes the
            *other* side's incentives, and why a guarantee alone cannot remove fear on the side it
            does not cover.

            **Rubric (3 points):** 1 — a guarantee covering j lowers i's temptation T_i, and greed
            ends when a_j exceeds a_star; 1 — fear S_i depends on the guarantee covering i, not j,
            so the uncovered side's fear stays; 1 — draws a correct conclusion for an asymmetric dyad
            (one side may be in Stag Hunt or Harmony while the other is not).
            """),
        written_answer("q4-answer", 3, """
            ### BEGIN SOLUTION
            Model answer: a_star = 1 − (b + c)/(oW). A guarantee covering North Macedonia lowers what
            Serbia could gain by attacking it; once it exceeds a_star Serbia's greed is gone. The same
            guarantee lowers North Macedonia's fear, but Serbia's fear depends on the guarantee
            covering Serbia (none), so Serbia's S and P are unchanged and it may still arm from fear:
            the dyad can be asymmetric (e.g. one side Harmony, the other Stag Hunt).
            ### END SOLUTION
            """),
    ])


def misperception():
    """Assignment 3: the trust threshold in sympy, Bayesian equilibria per type, the prior that ends the spiral."""
    return notebook([
        readonly_markdown("intro", """
            # Problem set 3 — Misperception and the spiral

            Each state is a **security seeker** (no motive to take anything: it never gains by arming
            against a restrainer, and arms only out of fear) or **greedy** (it covets the stakes), and
            each holds a **prior**: its belief that the rival is a security seeker (Kydd 2005). Two
            security seekers arming against each other out of mistrust are Jervis's **spiral**
            (Jervis 1976). A **kin stake** $e$ in co-ethnics across the border adds to the loss of
            restraining while the other arms (Posen 1993).

            Take a made-up symmetric dyad (a modelling assumption, not a real pair) with stakes
            $W = 10$, value of mutual restraint $b = 2$, arming cost $c = 1$, race cost $w = 1$, no
            alliance, offense advantage $o$, distinguishability $d$ and the same kin stake $e$ on both
            sides. For either state:

            $$R = b,\\quad S = -(o(1-d)W + e),\\quad P = -c - w,\\qquad
            T = -c \\text{ (security seeker)},\\quad T = oW - c \\text{ (greedy)}.$$

            Use exact arithmetic (`fractions.Fraction`). Run every cell from the top.
            """),
        readonly_code("setup", """
            from fractions import Fraction
            from itertools import product

            import sympy
            """),
        readonly_markdown("q1-text", """
            ## Question 1 (3 points)
            The rival's security seeker restrains and its greedy type arms. A security seeker with belief
            $p$ gets $pR + (1-p)S$ from restraining and $pT + (1-p)P$ from arming. Using the symbols
            below, set `pi_star` to the sympy expression for the **trust threshold**, the belief at which
            the two are equal (solve for `p`; the result uses `o, d, W, b, c, w, e` only).
            """),
        readonly_code("q1-symbols", """
            o, d, W, b, c, w, e, p = sympy.symbols("o d W b c w e p", positive=True)
            """),
        answer_code("q1-answer", """
            ### BEGIN SOLUTION
            R, S, P, T = b, -(o * (1 - d) * W + e), -c - w, -c
            pi_star = sympy.solve(sympy.Eq(p * R + (1 - p) * S, p * T + (1 - p) * P), p)[0]
            ### END SOLUTION
            """),
        readonly_code("q1-tests-visible", """
            assert isinstance(pi_star, sympy.Expr), "pi_star must be a sympy expression (take [0] of sympy.solve)"
            assert pi_star.free_symbols <= {o, d, W, b, c, w, e}, "pi_star may not contain p or other symbols"
            """),
        test_code("q1-tests-hidden", 3, """
            # Graded outside your kernel, on inputs drawn at grading time.
            ### BEGIN HIDDEN TESTS
            from balkangames.exercises.grading_probe import probe

            probe("pi_star", globals())  # the grader adds the inputs it draws
            ### END HIDDEN TESTS
            """),
        readonly_markdown("q2-text", """
            ## Question 2 (3 points)
            A strategy says what each type does: a pair `(action if security seeker, action if greedy)`
            with 0 = restrain and 1 = arm. Write `type_equilibria(offense, distinguishability, kin,
            prior_1, prior_2)` returning the **set** of pure Bayesian Nash equilibria
            `(strategy of state 1, strategy of state 2)`, where `prior_1` is state 1's belief that
            state 2 is a security seeker and `prior_2` state 2's belief about state 1. In an
            equilibrium every type of every state best-responds to its belief about the rival's types
            (weak best replies count; a type's belief matters even when it is 0 or 1).
            """),
        answer_code("q2-answer", """
            def type_equilibria(offense, distinguishability, kin, prior_1, prior_2):
                ### BEGIN SOLUTION
                o, d, e = Fraction(offense), Fraction(distinguishability), Fraction(kin)
                W, b, c, w = 10, 2, 1, 1
                R, S, P = Fraction(b), -(o * (1 - d) * W + e), Fraction(-c - w)
                T = {0: Fraction(-c), 1: o * W - c}  # by own type: 0 = security seeker, 1 = greedy
                priors = (Fraction(prior_1), Fraction(prior_2))

                def payoff(own_type, mine, theirs):
                    return [[R, S], [T[own_type], P]][mine][theirs]

                def expected(player, own_type, mine, rival):
                    belief = priors[player]
                    return belief * payoff(own_type, mine, rival[0]) + (1 - belief) * payoff(own_type, mine, rival[1])

                found = set()
                for first, second in product(product((0, 1), repeat=2), repeat=2):
                    profile = (first, second)
                    if all(expected(i, t, profile[i][t], profile[1 - i]) >= expected(i, t, 1 - profile[i][t], profile[1 - i])
                           for i in (0, 1) for t in (0, 1)):
                        found.add(profile)
                return found
                ### END SOLUTION
            """),
        readonly_code("q2-tests-visible", """
            found = type_equilibria(Fraction(2, 5), Fraction(1, 5), 1, Fraction(1, 4), Fraction(1, 4))
            assert isinstance(found, set), "return a set of profiles"
            assert all(len(profile) == 2 and all(len(s) == 2 for s in profile) for profile in found), \\
                "a profile is (strategy of state 1, strategy of state 2), a strategy a pair of actions"
            assert ((1, 1), (1, 1)) in found, "with so little trust, everyone arming is an equilibrium"
            """),
        test_code("q2-tests-hidden", 3, """
            # Graded outside your kernel, on inputs drawn at grading time.
            ### BEGIN HIDDEN TESTS
            from balkangames.exercises.grading_probe import probe

            probe("type_equilibria", globals())  # the grader adds the inputs it draws
            ### END HIDDEN TESTS
            """),
        readonly_markdown("q3-text", """
            ## Question 3 (2 points)
            Write `spiral_ending_prior(offense, distinguishability, kin)` returning, as a `Fraction`, the
            smallest belief from which a security seeker of this dyad restrains against a rival whose
            security seeker restrains and whose greedy type arms: the prior that ends the spiral when both
            states hold it. Return 0 when a security seeker does not fear its rival ($S \\ge P$): then no
            belief is needed.
            """),
        answer_code("q3-answer", """
            def spiral_ending_prior(offense, distinguishability, kin):
                ### BEGIN SOLUTION
                o, d, e = Fraction(offense), Fraction(distinguishability), Fraction(kin)
                R, T, S, P = Fraction(2), Fraction(-1), -(o * (1 - d) * 10 + e), Fraction(-2)
                if S >= P:
                    return Fraction(0)
                return (P - S) / ((R - T) + (P - S))
                ### END SOLUTION
            """),
        readonly_code("q3-tests-visible", """
            prior = spiral_ending_prior(Fraction(1, 4), Fraction(1, 10), 0)
            assert 0 <= prior < 1, "a belief between 0 and 1"
            """),
        test_code("q3-tests-hidden", 2, """
            # Graded outside your kernel, on inputs drawn at grading time.
            ### BEGIN HIDDEN TESTS
            from balkangames.exercises.grading_probe import probe

            probe("spiral_ending_prior", globals())  # the grader adds the inputs it draws
            ### END HIDDEN TESTS
            """),
        readonly_markdown("q4-text", """
            ## Question 4 (3 points, graded by hand)
            Take $o = 2/5$, $d = 1/5$, $e = 1$. In at most 150 words: (a) use `type_equilibria` to compare
            priors of 1/4 on both sides with priors of 3/4 on both sides; (b) say whether the arming you
            find is a spiral or deterrence (Jervis 1976), and what that depends on; (c) name what the
            kin stake does to the prior that ends the spiral, and why.

            **Rubric (3 points):** 1 — at 1/4 only everyone arming is an equilibrium, at 3/4 the security
            seekers restraining (greedy types arming) is one too, beside everyone arming; 1 — the same
            arming is a spiral if the rival is in truth a security seeker and deterrence if it is greedy,
            which neither side can see; 1 — a larger kin stake lowers S, raises the trust threshold
            (P − S grows), so more trust is needed to end the spiral.
            """),
        written_answer("q4-answer", 3, """
            ### BEGIN SOLUTION
            Model answer: with priors 1/4 (below the trust threshold 11/26) the only pure equilibrium has
            every type arming; with priors 3/4 the security seekers restraining while greedy types arm is
            also an equilibrium, beside everyone arming. Two security seekers that arm are Jervis's spiral;
            facing a greedy rival the same arming is deterrence, and which it is depends on the true types,
            which the beliefs cannot see. A kin stake lowers S, so P − S and the trust threshold grow: more
            trust is needed before restraint pays.
            ### END SOLUTION
            """),
    ])


#: assignment id -> {notebook name: builder}
ASSIGNMENTS = {
    SECURITY_DILEMMA: {"security-dilemma": security_dilemma},
    ALLIANCES: {"alliances-thresholds": alliances_thresholds},
    MISPERCEPTION: {"misperception": misperception},
}
