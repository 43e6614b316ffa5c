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
    spans = _find_all(text, form, word=word, first=True)
    return spans[0] if spans else None


def _find_all(text: str, form: str, *, word: bool, first: bool = False, ft: FoldedText | None = None) -> list[tuple[int, int]]:
    """Non-overlapping spans of ``form`` in ``text``, left to right (see ``_find``)."""
    ft, key = ft or FoldedText(text), fold(form)
    spans: list[tuple[int, int]] = []
    if not key:
        return spans
    start = ft.key.find(key)
    while start >= 0:
        end = start + len(key)
        before = ft.key[start - 1] if start else " "
        after = ft.key[end] if end < len(ft.key) else " "
        if not word or not (before.isalnum() and not has_cjk(before)) and not (after.isalnum() and not has_cjk(after)):
            spans.append((ft.to_original(start), ft.to_original(end - 1) + 1))
            if first:
                return spans
            start = ft.key.find(key, end)
        else:
            start = ft.key.find(key, start + 1)
    return spans


PLACEHOLDER = re.compile(r"\{\d+\}|%\d*\$?[sd]|</?[a-z][^>]*>|(?<![A-Za-z0-9])TERM\d+(?![0-9])|\[\d+\]")


def missing_placeholders(source: str, output: str) -> list[str]:
    """Inline codes of the source ({1}, %s, <b>, TERM1, [1]) that the output lost."""
    out = []
    for code in dict.fromkeys(PLACEHOLDER.findall(source)):
        if output.count(code) < source.count(code):
            out.append(code)
    return out


def verify_and_repair(output: str, terms: list[PlannedTerm], target: str, pinned: bool, source: str = "",
                      glossary: Glossary | None = None) -> tuple[str, TermReport]:
    """Check each planned term in ``output``; repair what can be located safely.

    Terminates by construction: forbidden forms are replaced in a bounded number of passes, and a
    replacement is undone if it would leave a forbidden form that was not there before. A span
    inside an allowed rendering (of this term, another planned term, or any approved glossary
    entry of the target language: "Federal Bureau of Investigation") is never touched.
    """
    report = TermReport(pinned=[t.entry.id for t in terms] if pinned else [])
    lost = missing_placeholders(source, output)
    if lost:  # no safe place to put them back: tell the translator
        report.notes.append(f"placeholder-missing: {' '.join(lost)} dropped by the engine")
    latin = target not in ("zh", "ja", "ko")
    shelter = Shelter(terms, target, latin, glossary)
    for t in terms:
        eid = t.entry.id
        fixed, replaced = _replace_forbidden(output, t, latin, shelter)
        if replaced and shelter.total(fixed) > shelter.total(output):
            fixed, replaced = output, ""  # it would expose another term's forbidden form
        output = fixed
        if replaced and any(a in output for a in t.allowed):
            report.repaired.append(eid)
            report.notes.append(f"{eid}: replaced '{replaced}'")
            continue
        exact = next((a for a in t.allowed if a in output), None)
        if exact:
            report.kept.append(eid)
            continue
        loose = next((span for a in t.allowed if (span := _find(output, a, word=latin))), None)
        swapped = shelter.swap(output, loose, t.expected) if loose and not latin else None
        if swapped is not None:
            output = swapped  # the right term in the wrong script or width: write it properly
            report.repaired.append(eid)
            continue
        if loose:  # case or dash variants of an allowed form in Latin script are acceptable
            report.kept.append(eid)
            continue
        shared = [o for o in terms if o is not t and o.source_span == t.source_span]
        if any(_find(output, a, word=latin) for o in shared for a in o.allowed):
            report.kept.append(eid)  # "Director" is 處長 or 局長: the other entry's rendering is there
            continue
        span, why = _locate_wrong_rendering(output, t, latin, shelter)
        swapped = shelter.swap(output, span, t.expected) if span else None
        if swapped is not None:
            output = swapped
            report.repaired.append(eid)
            report.notes.append(f"{eid}: replaced '{why}'")
        else:
            report.missed.append(eid)
            report.notes.append(f"term-not-enforced: {eid} ({t.source_span} → {t.expected}): no rendering of it could be located")
    return output, report


class Shelter:
    """Spans a repair must not touch: allowed renderings of the planned terms and of every approved
    glossary entry in the target language, wherever they stand in the output."""

    def __init__(self, terms: list[PlannedTerm], target: str, latin: bool, glossary: Glossary | None):
        self.terms = terms
        self.forms = list(dict.fromkeys(a for t in terms for a in t.allowed))
        self.target, self.latin, self.glossary = target, latin, glossary

    def spans(self, text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """(allowed renderings of the planned terms, approved glossary renderings) in ``text``."""
        ft = FoldedText(text)
        planned = [s for form in self.forms for s in _find_all(text, form, word=self.latin, ft=ft)]
        named = []
        if self.glossary is not None and self.target in self.glossary.languages:
            for m in self.glossary.find(text, langs={self.target}, roles={"canonical", "variant"}):
                if any(self.glossary.entries[x.entry].status == "approved" for x in m.terms):
                    named.append((m.start, m.end))
        return planned, named

    def exposed(self, text: str, t: PlannedTerm) -> list[tuple[int, int]]:
        """Non-overlapping spans of ``t``'s forbidden forms outside every sheltered span: inside an
        allowed rendering of a planned term, or strictly inside a longer glossary rendering (a
        forbidden form that *is* another entry's rendering is still wrong where ``t`` was meant)."""
        allowed = {fold(a) for a in t.allowed}
        planned, named = self.spans(text)
        hits = sorted((s for form in t.forbidden if fold(form) not in allowed
                       for s in _find_all(text, form, word=self.latin)), key=lambda s: (s[0], -s[1]))
        out: list[tuple[int, int]] = []
        for start, end in hits:
            if out and start < out[-1][1]:
                continue
            if any(a <= start and end <= b for a, b in planned):
                continue
            if any(a <= start and end <= b and b - a > end - start for a, b in named):
                continue
            out.append((start, end))
        return out

    def swap(self, text: str, span: tuple[int, int], form: str) -> str | None:
        """``text`` with ``span`` replaced by ``form``; None when that would leave more exposed
        forbidden renderings (of any planned term) than before: a repair never introduces one."""
        fixed = text[: span[0]] + form + text[span[1] :]
        return fixed if self.total(fixed) <= self.total(text) else None

    def total(self, text: str) -> int:
        """Exposed forbidden renderings of all planned terms in ``text``."""
        return sum(len(self.exposed(text, t)) for t in self.terms)


MAX_PASSES = 4


def _replace_forbidden(output: str, t: PlannedTerm, latin: bool, shelter: Shelter) -> tuple[str, str]:
    """Replace each exposed forbidden rendering of ``t`` by its canonical form; what was replaced.

    At most MAX_PASSES passes over the text (a replacement is sheltered in the next pass, since it
    is an allowed form); if forbidden forms remain after them, the text is left as it was."""
    original, replaced = output, list[str]()
    for _ in range(MAX_PASSES):
        hits = shelter.exposed(output, t)
        if not hits:
            return output, ", ".join(dict.fromkeys(replaced))
        for start, end in reversed(hits):
            replaced.append(output[start:end])
            output = output[:start] + t.expected + output[end:]
    return original, ""


def _locate_wrong_rendering(output: str, t: PlannedTerm, latin: bool, shelter: Shelter):
    """A located wrong rendering: an exposed forbidden form (left when _replace_forbidden had to
    undo itself), a romanization of the same name, plain pinyin, the source term untranslated."""
    for span in shelter.exposed(output, t)[:1]:
        return span, output[span[0] : span[1]]
    e = t.entry
    if latin and e.type == "person" and e.zh:
        for cand in romanize.find_names(output):
            v = romanize.compare(cand.text, t.expected, e.zh, e.region or None)
            if v.verdict in ("format-variant", "system-switch", "other-reading", "near-miss"):
                return (cand.start, cand.end), cand.text
    if latin and e.type in ("person", "place") and e.zh:
        syllables = romanize.plain_pinyin(e.zh)
        for pinyin in {"".join(syllables), " ".join(syllables)} if syllables else ():
            m = next(romanize.find_spelling(output, pinyin), None)
            if m:
                return (m.start(), m.end()), m.group(0)
    left = _find(output, t.source_span, word=False)  # the source term left untranslated
    if left:
        return left, output[left[0] : left[1]]
    return None, ""
