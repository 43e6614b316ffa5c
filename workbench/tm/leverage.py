"""Translation-memory leverage for `wb translate --tm`: what the TM gives each segment.

Exact (100%) and in-context (101%) matches are used as they are, after the same glossary
verification as machine translation: a stale rendering the glossary has since corrected is repaired
(and reported), and a match whose terms cannot be made right is demoted to a fuzzy offer so the
segment goes to MT. Fuzzy matches at or above the threshold are offered beside the MT output.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import UsageError
from ..glossary import Glossary
from ..language import Language
from ..mt.terms import plan_terms, verify_and_repair
from .store import Match, TranslationMemory

ORIGINS = ("tm-context", "tm-exact", "tm-fuzzy", "mt")


@dataclass
class Leverage:
    """The TM's answer for one segment."""

    origin: str = "mt"  # tm-context | tm-exact | tm-fuzzy | mt
    score: int = 0  # best match score (0 when none)
    target: str | None = None  # the target to use as it is (101/100 after verification)
    offers: list[Match] = field(default_factory=list)  # fuzzy matches to show the translator
    notes: list[str] = field(default_factory=list)


def leverage(
    texts: list[str],
    tm: TranslationMemory,
    source_lang: str,
    target_lang: str,
    glossary: Glossary | None,
    *,
    threshold: int = 75,
    limit: int = 3,
) -> list[Leverage]:
    """Per segment (in document order, for in-context matches), the TM's contribution."""
    out = []
    for i, text in enumerate(texts):
        if not text.strip():
            out.append(Leverage())
            continue
        prev = texts[i - 1] if i else ""
        nxt = texts[i + 1] if i + 1 < len(texts) else ""
        matches = tm.lookup(
            text, source_lang, target_lang, prev=prev, next=nxt, threshold=threshold, limit=limit
        )
        out.append(_decide(text, matches, glossary, source_lang, target_lang))
    return out


def _decide(
    text: str, matches: list[Match], glossary: Glossary | None, source_lang: str, target_lang: str
) -> Leverage:
    if not matches:
        return Leverage()
    best = matches[0]
    if best.score < 100:
        return Leverage("tm-fuzzy", best.score, None, matches)
    target, notes, ok = verify_match(text, best.target, glossary, source_lang, target_lang)
    if not ok:  # the glossary cannot be satisfied in this match: offer it, translate afresh
        demoted = Match(best.unit, 99, target, best.alternatives)
        return Leverage(
            "tm-fuzzy",
            99,
            None,
            [demoted, *matches[1:]],
            notes + ["tm: exact match demoted to fuzzy"],
        )
    origin = "tm-context" if best.score == 101 else "tm-exact"
    return Leverage(origin, best.score, target, [], notes)


def verify_match(
    source: str, target: str, glossary: Glossary | None, source_lang: str, target_lang: str
) -> tuple[str, list[str], bool]:
    """The TM target checked against the glossary like MT output: (target, notes, all right)."""
    if glossary is None:
        return target, [], True
    src, tgt = glossary_column(source_lang, glossary), glossary_column(target_lang, glossary)
    if src is None or tgt is None:
        return target, [], True
    plan = plan_terms(glossary, [source], src, tgt)[0]
    fixed, report = verify_and_repair(target, plan, tgt, False, source)
    notes = [f"tm: {n}" for n in report.notes]
    return fixed, notes, not report.missed


def glossary_column(code: str, glossary: Glossary) -> str | None:
    """The glossary column a TM language code (zh-TW, en-US, pt-BR) is checked against; None for a
    code wb does not know (such units go unchecked rather than checked against a wrong column)."""
    try:
        return Language.parse(code).column_in(glossary.languages)
    except UsageError:
        return None
