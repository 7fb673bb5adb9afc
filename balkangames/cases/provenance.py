"""Where a case parameter comes from: a citation or a labelled modelling assumption.

Every number in a case file carries one of these. A :class:`Citation` names its
source and, for the two seed documents the project was built from, a short verbatim
quote that a test finds in the seed (case-insensitively, with whitespace folded).
A citation of another public source (e.g. NATO's member list) carries a ``note``
saying what it supports, because the package cannot check its text. An
:class:`Assumption` is a modelling choice stated in words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

#: The seed documents, by file name (see ``shared/seeds/README.md``).
SEED_FILES: dict[str, str] = {
    "000_8a64ac4567ba3041.txt": (
        'Elira Luli, "Small States and Choices: Gambling on Security or Regional '
        'Cooperation under a Common Banner?" (Partnership for Peace Consortium)'
    ),
    "002_1012a9540589faf7.txt": (
        'Thesis, "The Western Balkans\' Security Dilemma and the Impact of the Russian '
        'Invasion of Ukraine" (data to June 2022)'
    ),
}


#: How a learner reads a seed cited in the text (author-year), by file name.
AUTHOR_YEAR: dict[str, str] = {
    "000_8a64ac4567ba3041.txt": "Luli 2025",
    "002_1012a9540589faf7.txt": "the 2022 thesis",
}

#: The full reference entries of the seeds, for a References list (by file name).
REFERENCES: dict[str, str] = {
    "000_8a64ac4567ba3041.txt": (
        'Luli, Elira (2025). "Small States and Choices: Gambling on Security or Regional '
        'Cooperation under a Common Banner?" Partnership for Peace Consortium. (Year inferred: '
        "its latest sources are dated March 2025.)"
    ),
    "002_1012a9540589faf7.txt": (
        'Anonymous thesis (2022). "The Western Balkans\' Security Dilemma and the Impact of the '
        'Russian Invasion of Ukraine." (Data to June 2022; no author name in the text.)'
    ),
}


def learner_source(citation: Citation) -> str:
    """How a learner sees a citation's source: author-year for a seed, else the source's name.

    Students do not have the seed files, so a file name means nothing to them.

    >>> learner_source(Citation("000_8a64ac4567ba3041.txt", quote="76 %"))
    'Luli 2025'
    >>> learner_source(Citation("NATO, 'Member countries' (nato.int)", note="Croatia, 2009"))
    "NATO, 'Member countries' (nato.int)"
    """
    return AUTHOR_YEAR.get(citation.source, citation.source)


def learner_citation(citation: Citation) -> str:
    """One line for a learner: ``Luli 2025: "quote"`` or ``NATO (...): note``.

    >>> learner_citation(Citation("002_1012a9540589faf7.txt", quote="ranked 61st"))
    'the 2022 thesis: "ranked 61st"'
    """
    detail = f'"{citation.quote}"' if citation.quote else (citation.note or "")
    return f"{learner_source(citation)}: {detail}"


def references(citations) -> list[str]:
    """The full reference entries of the seeds among ``citations``, in a stable order."""
    cited = {c.source for c in citations}
    return [entry for source, entry in REFERENCES.items() if source in cited]


def fold(text: str) -> str:
    """Lower-case ``text`` and collapse every run of whitespace to one space.

    >>> fold("  Serbia is\\n ranked 61st ")
    'serbia is ranked 61st'
    """
    return re.sub(r"\s+", " ", text).strip().casefold()


@dataclass(frozen=True)
class Citation:
    """A source for a value: a seed file name with a verbatim quote, or a public source.

    Args:
        source: a seed file name from :data:`SEED_FILES`, or the name of another
            public source (e.g. ``"NATO, 'Member countries' (nato.int)"``).
        quote: a short verbatim passage of the seed; required for seed sources.
        note: what the citation supports; required for non-seed sources.

    Raises:
        ValueError: a seed citation without a quote, or another source without a note.
    """

    source: str
    quote: str | None = None
    note: str | None = None

    def __post_init__(self):
        if not isinstance(self.source, str) or not self.source.strip():
            raise ValueError(f"a citation needs a non-empty source, got {self.source!r}")
        if self.is_seed and not (self.quote and self.quote.strip()):
            raise ValueError(f"a citation of seed {self.source} needs a verbatim quote")
        if not self.is_seed and not (self.note and self.note.strip()):
            raise ValueError(
                f"a citation of the public source {self.source!r} needs a note saying "
                "what it supports (its text is not in the seeds)"
            )

    @property
    def is_seed(self) -> bool:
        """True when the source is one of the seed documents."""
        return self.source in SEED_FILES

    def as_dict(self) -> dict[str, str]:
        """The citation as a JSON-ready dict (keys ``source``, ``quote``, ``note``)."""
        out = {"source": self.source}
        if self.quote:
            out["quote"] = self.quote
        if self.note:
            out["note"] = self.note
        return out


@dataclass(frozen=True)
class Assumption:
    """A labelled modelling assumption, stated in words.

    An assumed size carries its plausible range: ``range`` = (low, high), exact, and
    ``range_why``, the reason for it (data files: ``range = ["lo", "hi"]``, ``range_why``).
    """

    text: str
    range: tuple | None = None
    range_why: str | None = None

    def __post_init__(self):
        if not isinstance(self.text, str) or not self.text.strip():
            raise ValueError(f"an assumption needs a non-empty text, got {self.text!r}")
        if (self.range is None) != (self.range_why is None):
            raise ValueError("an assumed size's range needs both 'range' and 'range_why'")

    def as_dict(self) -> dict[str, str]:
        """The assumption as a JSON-ready dict (key ``assumption``)."""
        return {"assumption": self.text}


def quote_in_seed(citation: Citation, seeds_dir: Path) -> bool:
    """Whether ``citation.quote`` occurs in its seed file under ``seeds_dir``.

    Matching ignores case and folds whitespace, because the seeds were extracted
    from PDFs with line breaks in the middle of sentences.

    Raises:
        ValueError: the citation is not of a seed.
        FileNotFoundError: the seed file is missing.
    """
    if not citation.is_seed:
        raise ValueError(f"{citation.source!r} is not a seed document")
    text = (Path(seeds_dir) / citation.source).read_text(encoding="utf-8")
    return fold(citation.quote) in fold(text)


@dataclass(frozen=True)
class Parameter:
    """One model parameter of a case with its value and where the value comes from.

    Args:
        name: the flat parameter name (``offense_1``, ``guarantee_2`` ...).
        value: the exact value.
        citations: sources of the value's inputs.
        assumptions: the modelling assumptions that turn the inputs into the value.

    Raises:
        ValueError: when neither a citation nor an assumption is given.
    """

    name: str
    value: object
    citations: tuple[Citation, ...] = ()
    assumptions: tuple[Assumption, ...] = ()

    def __post_init__(self):
        # The same quote can reach a parameter by two routes (e.g. a rank that is also
        # the rule's example); show it once.
        object.__setattr__(self, "citations", tuple(dict.fromkeys(self.citations)))
        object.__setattr__(self, "assumptions", tuple(dict.fromkeys(self.assumptions)))
        if not self.citations and not self.assumptions:
            raise ValueError(
                f"parameter {self.name} needs a citation or a labelled modelling assumption"
            )

    @property
    def assumption(self) -> str | None:
        """All assumptions as one text, or None."""
        return " ".join(a.text for a in self.assumptions) or None

    def as_dict(self) -> dict:
        """JSON-ready: name, value (exact string), the first citation's source/quote/note,
        the assumption text, and the full list of citations."""
        out: dict = {"name": self.name, "value": str(self.value)}
        if self.citations:
            out.update(self.citations[0].as_dict())
            out["citations"] = [c.as_dict() for c in self.citations]
        if self.assumptions:
            out["assumption"] = self.assumption
        return out
