"""Every quote in the case data occurs verbatim in the seed it names.

Matching ignores case and folds whitespace (the seeds are PDF extractions with line
breaks mid-sentence). The seeds live outside the repository: in ``$BALKANGAMES_SEEDS``
or ``../shared/seeds`` beside the checkout. Without them the test skips, except under
``CI=true``, where it fails.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from balkangames.cases import SEED_FILES, Citation, load_catalog
from balkangames.cases.provenance import fold, quote_in_seed


def seeds_dir() -> Path | None:
    configured = os.environ.get("BALKANGAMES_SEEDS")
    candidate = Path(configured) if configured else Path(__file__).resolve().parents[2] / "shared" / "seeds"
    if all((candidate / name).is_file() for name in SEED_FILES):
        return candidate
    return None


@pytest.fixture(scope="module")
def seeds() -> Path:
    found = seeds_dir()
    if found is None:
        message = (
            "seed documents not found: set BALKANGAMES_SEEDS or place shared/seeds beside the "
            f"repository (expected {', '.join(SEED_FILES)})"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return found


def all_citations():
    return list(load_catalog().citations())


def test_every_seed_quote_is_verbatim(seeds):
    citations = [(file, where, c) for file, where, c in all_citations() if c.is_seed]
    assert len(citations) >= 40
    missing = [
        f"{file} ({where}): {c.source}: {c.quote!r}"
        for file, where, c in citations
        if not quote_in_seed(c, seeds)
    ]
    assert missing == [], "quotes not found in their seed:\n" + "\n".join(missing)


def test_agreement_table_quotes_are_verbatim(seeds):
    """The comparison with the sources quotes the thesis and Luli; each quote is checked."""
    from balkangames.cases import agreement

    quoted = [agreement.FINDINGS_CITATION]
    quoted += [c for _, c in agreement.TYPOLOGY.values()]
    quoted += [c for _, c in agreement.SOURCE_NOTES.values()]
    assert len(quoted) >= 6
    missing = [c.quote for c in quoted if not quote_in_seed(c, seeds)]
    assert missing == []


KINDS = ("Fact", "Cited direction", "Assumed size", "Labelled assumption")


def test_every_level_says_which_kind_of_justification_it_is():
    """Each size is a fact, a cited direction with an assumed size, or a labelled assumption,
    and its text says which in its first words."""
    catalog = load_catalog()
    levels = [(f"constants.{name}", c) for name, c in catalog.rules.constants.items()]
    for alliance in catalog.alliances.values():
        levels.append((alliance.id, alliance.guarantee or alliance.subsidy))
        levels += [(f"{alliance.id} {t.actor} {t.since}", t.level) for t in alliance.ties if t.level]
    assert len(levels) >= 15
    for where, level in levels:
        assert level.assumption and level.assumption.text.startswith(KINDS), where
    assert catalog.rules.capability_assumption.text.startswith(KINDS)


def test_known_slips_are_quoted_with_the_correction():
    """Where a seed slips, the data quote it and a public source gives the correct fact."""
    events = {e.id: e for e in load_catalog().events}
    declaration = events["defence-declaration"]
    assert declaration.date == "2025-03-18"
    assert any("March 15, 2024" in (c.quote or "") for c in declaration.citations)
    assert any("18 March 2025" in (c.note or "") and "Rutte" in c.note for c in declaration.citations)
    plot = events["montenegro-alleged-coup-plot"]
    assert plot.title.startswith("Alleged") and any("acquitted" in (c.note or "") for c in plot.citations)
    conscription = events["conscription"]
    assert "announces" in conscription.title and "has reintroduced" in conscription.citations[0].quote
    assert "used" in events["croatia-rafale"].title


def test_both_seeds_are_cited(seeds):
    assert {c.source for _, _, c in all_citations() if c.is_seed} == set(SEED_FILES)


def test_quote_check_can_fail(seeds):
    invented = Citation("002_1012a9540589faf7.txt", "Kosovo joined NATO in 2009")
    assert not quote_in_seed(invented, seeds)
    folded = Citation("002_1012a9540589faf7.txt", "SERBIA is ranked 61st\n out of   142")
    assert quote_in_seed(folded, seeds)


def test_text_file_sources_are_seeds():
    """A '.txt' source that is not a seed would be a typo in a seed file name."""
    for file, where, citation in all_citations():
        assert not citation.source.endswith(".txt") or citation.is_seed, (file, where, citation.source)


def test_public_sources_say_what_they_support():
    public = [c for _, _, c in all_citations() if not c.is_seed]
    assert public, "expected public sources for facts the seeds lack (e.g. Croatia's NATO date)"
    assert all(c.note and len(c.note) > 20 for c in public)


def test_citation_rules():
    with pytest.raises(ValueError, match="verbatim quote"):
        Citation("000_8a64ac4567ba3041.txt")
    with pytest.raises(ValueError, match="needs a note"):
        Citation("NATO, 'Member countries' (nato.int)", quote="Croatia 2009")
    assert fold("  A\n\tB  ") == "a b"
