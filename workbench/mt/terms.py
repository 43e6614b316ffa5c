"""Glossary enforcement around decoding: plan, pin, verify, repair, report.

plan: the glossary terms in each source segment and the renderings the output must hold.
pin: the engine receives a TermSpec (required forms, banned forbidden forms).
verify: after decoding (and script conversion), is each term's canonical or allowed form there?
repair: if not, and a wrong rendering can be located safely — a forbidden form, a romanization of
the same name, plain pinyin for a place, the source term left untranslated, the right term in the
wrong script — replace it with the canonical form. Otherwise the output stays as it is and the
term is reported missed (term-not-enforced).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .. import romanize
from ..glossary import Entry, Glossary
from ..text import FoldedText, convert_script, fold, has_cjk
from .engine import TermSpec


@dataclass
class PlannedTerm:
    entry: Entry
    source_span: str
    expected: str  # canonical target form
    allowed: list[str]
    forbidden: list[str]


@dataclass
class TermReport:
    pinned: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def plan_terms(glossary: Glossary | None, texts: list[str], source: str, target: str) -> list[list[PlannedTerm]]:
    """Per segment, the approved glossary terms found in the source that have a target form."""
    if glossary is None or len(glossary) == 0 or source not in glossary.languages or target not in glossary.languages:
        return [[] for _ in texts]
    out = []
    for matches in glossary.matcher.find_many(texts, langs={source}, roles={"canonical", "variant"}):
        planned: dict[str, PlannedTerm] = {}
        for m in matches:
            for t in m.terms:
                e = glossary.entries[t.entry]
                if e.status != "approved" or not e.forms.get(target) or e.id in planned:
                    continue
                planned[e.id] = PlannedTerm(e, m.text, e.forms[target], e.allowed(target), e.forbidden.get(target, []))
        out.append(list(planned.values()))
    return out


def in_script(term: PlannedTerm, config: str) -> PlannedTerm:
    """``term`` with its target forms converted by OpenCC ``config`` (t2s for a Simplified
    target: the glossary's zh column is Taiwan-standard Traditional)."""
    return replace(term, expected=convert_script(term.expected, config),
                   allowed=[convert_script(a, config) for a in term.allowed],
                   forbidden=[convert_script(f, config) for f in term.forbidden])


def term_spec(terms: list[PlannedTerm]) -> TermSpec:
    allowed = {fold(a) for t in terms for a in t.allowed}
    return TermSpec(
        required=[[t.expected] for t in terms],  # pin the canonical form; verification accepts variants
        banned=[f for t in terms for f in t.forbidden if fold(f) not in allowed],
    )


def _find(text: str, form: str, *, word: bool) -> tuple[int, int] | None:
    """Span of ``form`` in ``text`` compared by matching keys (width, dashes, case, script)."""
    ft, key = FoldedText(text), fold(form)
    if not key:
        return None
    start = ft.key.find(key)
    while start >= 0:
        end = start + len(key)
        before = ft.key[start - 1] if start else " "
        after = ft.key[end] if end < len(ft.key) else " "
        if not word or not (before.isalnum() and not has_cjk(before)) and not (after.isalnum() and not has_cjk(after)):
            return ft.to_original(start), ft.to_original(end - 1) + 1
        start = ft.key.find(key, start + 1)
    return None


PLACEHOLDER = re.compile(r"\{\d+\}|%\d*\$?[sd]|</?[a-z][^>]*>|(?<![A-Za-z0-9])TERM\d+(?![0-9])|\[\d+\]")


def missing_placeholders(source: str, output: str) -> list[str]:
    """Inline codes of the source ({1}, %s, <b>, TERM1, [1]) that the output lost."""
    out = []
    for code in dict.fromkeys(PLACEHOLDER.findall(source)):
        if output.count(code) < source.count(code):
            out.append(code)
    return out


def verify_and_repair(output: str, terms: list[PlannedTerm], target: str, pinned: bool, source: str = "") -> tuple[str, TermReport]:
    report = TermReport(pinned=[t.entry.id for t in terms] if pinned else [])
    lost = missing_placeholders(source, output)
    if lost:  # no safe place to put them back: tell the translator
        report.notes.append(f"placeholder-missing: {' '.join(lost)} dropped by the engine")
    latin = target not in ("zh", "ja", "ko")
    for t in terms:
        eid = t.entry.id
        output, replaced = _replace_forbidden(output, t, latin)
        if replaced and any(a in output for a in t.allowed):
            report.repaired.append(eid)
            report.notes.append(f"{eid}: replaced '{replaced}'")
            continue
        exact = next((a for a in t.allowed if a in output), None)
        if exact:
            report.kept.append(eid)
            continue
        loose = next((span for a in t.allowed if (span := _find(output, a, word=latin))), None)
        if loose and not latin:  # the right term in the wrong script or width: write it properly
            output = output[: loose[0]] + t.expected + output[loose[1] :]
            report.repaired.append(eid)
            continue
        if loose:  # case or dash variants of an allowed form in Latin script are acceptable
            report.kept.append(eid)
            continue
        span, why = _locate_wrong_rendering(output, t, latin)
        if span:
            output = output[: span[0]] + t.expected + output[span[1] :]
            report.repaired.append(eid)
            report.notes.append(f"{eid}: replaced '{why}'")
        else:
            report.missed.append(eid)
            report.notes.append(f"term-not-enforced: {eid} ({t.source_span} → {t.expected}): no rendering of it could be located")
    return output, report


def _replace_forbidden(output: str, t: PlannedTerm, latin: bool) -> tuple[str, str]:
    """Replace every forbidden rendering of ``t`` by its canonical form; what was replaced."""
    allowed = {fold(a) for a in t.allowed}
    replaced = []
    for form in t.forbidden:
        if fold(form) in allowed:
            continue
        while span := _find(output, form, word=latin):
            replaced.append(output[span[0] : span[1]])
            output = output[: span[0]] + t.expected + output[span[1] :]
    return output, ", ".join(dict.fromkeys(replaced))


def _locate_wrong_rendering(output: str, t: PlannedTerm, latin: bool):
    """A located wrong rendering other than a forbidden form (those are replaced before)."""
    e = t.entry
    if latin and e.type == "person" and e.zh:
        for cand in romanize.find_names(output):
            v = romanize.compare(cand.text, t.expected, e.zh)
            if v.verdict in ("format-variant", "system-switch", "other-reading", "near-miss"):
                return (cand.start, cand.end), cand.text
    if latin and e.type in ("person", "place") and e.zh:
        syllables = romanize.plain_pinyin(e.zh)
        for pinyin in {"".join(syllables), " ".join(syllables)} if syllables else ():
            m = next(romanize.find_spelling(output, pinyin), None)
            if m:
                return (m.start(), m.end()), m.group(0)
    span = _find(output, t.source_span, word=False)  # the source term left untranslated
    if span:
        return span, output[span[0] : span[1]]
    return None, ""
