"""The :class:`Feedback` a checker returns: correct, wrong with hints, or not answered yet.

It prints as one short line (``✔ correct``, ``✘ …``, ``… not answered yet``)
followed by hints, and renders as a coloured box in Jupyter.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

__all__ = ["CORRECT", "UNANSWERED", "WRONG", "Feedback", "is_unanswered"]

CORRECT, WRONG, UNANSWERED = "correct", "wrong", "unanswered"
_SYMBOL = {CORRECT: "✔", WRONG: "✘", UNANSWERED: "…"}
_COLOUR = {CORRECT: "#1b7f3b", WRONG: "#b3261e", UNANSWERED: "#6b6b6b"}


def is_unanswered(answer) -> bool:
    """Whether ``answer`` is still a placeholder: None, ``...`` or an empty string/collection.

    >>> is_unanswered(None), is_unanswered(...), is_unanswered(""), is_unanswered(0)
    (True, True, True, False)
    """
    if answer is None or answer is Ellipsis:
        return True
    if isinstance(answer, str):
        return not answer.strip()
    if isinstance(answer, (list, tuple, set, frozenset, dict)):
        return len(answer) == 0
    return False


@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer.

    Attributes:
        status: ``"correct"``, ``"wrong"`` or ``"unanswered"``.
        message: one line saying what was found.
        hints: what to look at next; never the expected answer itself.
        exercise: the exercise id the answer was checked against.

    >>> print(Feedback("wrong", "T is not right", ("T is the payoff for arming alone",)))
    ✘ T is not right
      - T is the payoff for arming alone
    """

    status: str
    message: str = ""
    hints: tuple[str, ...] = ()
    exercise: str = ""

    @property
    def correct(self) -> bool:
        """True only for a correct answer."""
        return self.status == CORRECT

    def __bool__(self) -> bool:
        return self.correct

    def __str__(self) -> str:
        head = {CORRECT: "correct", UNANSWERED: "not answered yet"}.get(self.status, "")
        text = self.message if self.status == WRONG or not head else head
        if self.status == CORRECT and self.message:
            text = f"{head} — {self.message}"
        lines = [f"{_SYMBOL[self.status]} {text}"]
        lines += [f"  - {hint}" for hint in self.hints]
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        lines = str(self).splitlines()
        head = html.escape(lines[0])
        items = "".join(f"<li>{html.escape(line[4:])}</li>" for line in lines[1:])
        body = f"<ul style='margin:0.3em 0 0 1em'>{items}</ul>" if items else ""
        colour = _COLOUR[self.status]
        return (
            f"<div class='balkangames-feedback' style='border-left:4px solid {colour};"
            f"padding:0.3em 0.6em;color:{colour}'><b>{head}</b>{body}</div>"
        )
