"""Multi-pattern term matching in time linear in the text, whatever the glossary's size.

Every rendering of every entry (any language; canonical, variant, forbidden) is folded to a key
(``text.fold``) and put in one Aho-Corasick automaton. A scan folds the text the same way, takes
every key occurrence, drops those that cut a word in two (space-separated scripts only), then keeps
the longest matches first, without overlaps. Chinese keys are character-level Simplified, so
Traditional and Simplified text give the same matches; case-sensitive entries are re-checked
against the unfolded case.
"""

from __future__ import annotations

import bisect
import gc
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from .text import FoldedText, fold, fold_chars, fold_many, is_word_char

ROLES = ("canonical", "variant", "forbidden", "inflected", "derived")
# English inflections of term and title renderings (inflection.py); names and orgs are never inflected
INFLECTED_TYPES = ("term", "title")


@dataclass(frozen=True)
class Term:
    """One surface form of one entry."""

    entry: int  # row index in the glossary frame
    id: str
    lang: str
    role: str  # canonical | variant | forbidden | inflected | derived (generated English forms)
    form: str
    case_sensitive: bool = False


@dataclass(frozen=True)
class Match:
    start: int  # offsets in the original text, end exclusive
    end: int
    text: str  # the text as it stands there
    terms: tuple[Term, ...]  # every entry rendering with this key (usually one)

    @property
    def ids(self) -> list[str]:
        return sorted({t.id for t in self.terms})


class TermMatcher:
    def __init__(self, terms: list[Term]):
        self.terms = terms
        self._automaton = ahocorasick.Automaton()
        groups: dict[str, list[int]] = {}
        # per key: every rendering with it, and whether any is case-sensitive (re-checked per hit)
        self._key_terms: list[tuple[Term, ...]] = []
        self._key_cased: list[bool] = []
        self._filtered: dict[tuple, dict[int, tuple[Term, ...]]] = {}  # (langs, roles) -> kid -> terms
        gc_was_enabled = gc.isenabled()
        gc.disable()  # hundreds of thousands of small objects: the cyclic GC would rescan them all
        try:
            for i, key in enumerate(fold_many([t.form for t in terms])):
                if key:
                    groups.setdefault(key, []).append(i)
            add, word = self._automaton.add_word, _WORD_CHARS
            for kid, (key, idx) in enumerate(groups.items()):
                found = tuple(terms[i] for i in idx)
                self._key_terms.append(found)
                self._key_cased.append(any(t.case_sensitive for t in found))
                add(key, (len(key), kid, word[key[0]], word[key[-1]]))
        finally:
            if gc_was_enabled:
                gc.enable()
        if groups:
            self._automaton.make_automaton()
        self.size = len(groups)

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["_filtered"] = {}  # memo of filters in use: rebuilt on demand
        return state

    def _terms_for(self, langs, roles) -> dict[int, tuple[Term, ...]] | list[tuple[Term, ...]]:
        """Key id -> the renderings that count under this filter (empty tuple: none), memoized."""
        if langs is None and roles is None:
            return self._key_terms
        spec = (frozenset(langs) if langs is not None else None, frozenset(roles) if roles is not None else None)
        table = self._filtered.get(spec)
        if table is None:
            table = self._filtered[spec] = _FilteredTerms(self._key_terms, *spec)
        return table

    @classmethod
    def from_glossary(cls, glossary) -> TermMatcher:
        terms: list[Term] = []
        frame = glossary.frame
        ids = frame["id"].to_list()
        case = frame["case_sensitive"].to_list()
        for lang in glossary.languages:
            for role, column in (("canonical", lang), ("variant", f"{lang}_variants"), ("forbidden", f"{lang}_forbidden")):
                if column not in frame.columns:
                    continue
                for row, value in enumerate(frame[column].to_list()):
                    forms = value if isinstance(value, list) else ([value] if value else [])
                    for form in forms:
                        terms.append(Term(row, ids[row], lang, role, form, bool(case[row])))
        if "en" in glossary.languages:
            terms += _english_forms(glossary, terms)
        return cls(terms)

    def find(self, text: str, langs=None, roles=None, *, overlapping: bool = False) -> list[Match]:
        """Longest-first, non-overlapping matches, in text order.

        ``langs``/``roles`` restrict which renderings count (e.g. only ``zh`` in a Chinese source).
        ``overlapping`` keeps every occurrence, also those inside a longer match (刑事局 inside
        刑事局局長), except where a hyphen glues it to its neighbour (Director in Director-General).
        """
        if not self.size or not text:
            return []
        ft = FoldedText(text)
        key = ft.key
        n = len(key)
        table = self._terms_for(langs, roles)
        word = _WORD_CHARS
        candidates: list[tuple[int, int, int, int]] = []
        append = candidates.append
        for end, (length, kid, glue_start, glue_end) in self._automaton.iter(key):
            start = end - length + 1
            if glue_start and start and word[key[start - 1]]:
                continue
            if glue_end and end + 1 < n and word[key[end + 1]]:
                continue
            if table[kid]:
                append((start - end - 1, start, end + 1, kid))
        if not candidates:
            return []
        candidates.sort()  # longest first, then leftmost (the key id only breaks exact ties)
        taken = bytearray(n)
        kept = []
        cuts, shifts = ft.cuts, ft.shifts
        cased = self._key_cased
        for _, start, end, kid in candidates:
            if overlapping:
                if (start and key[start - 1] == "-") or (end < n and key[end] == "-"):
                    continue
            elif any(taken[start:end]):
                continue
            if cuts:
                i = bisect.bisect_right(cuts, start) - 1
                o_start = start + shifts[i] if i >= 0 else start
                i = bisect.bisect_right(cuts, end - 1) - 1
                o_end = end + shifts[i] if i >= 0 else end
            else:
                o_start, o_end = start, end
            surface = text[o_start:o_end]
            terms = table[kid]
            if cased[kid]:
                terms = tuple(t for t in terms if not t.case_sensitive or _same_case(surface, t.form))
                if not terms:
                    continue
            taken[start:end] = b"\x01" * (end - start)
            kept.append(Match(o_start, o_end, surface, terms))
        kept.sort(key=_start)
        return kept

    def find_many(self, texts: list[str], langs=None, roles=None, *, overlapping: bool = False) -> list[list[Match]]:
        """``find`` over many texts in one automaton pass: texts are joined with NUL (never part of a
        key, never a word character), matched once, and matches are handed back per text."""
        joined = "\x00".join(t.replace("\x00", " ") for t in texts)
        starts, pos = [], 0
        for t in texts:
            starts.append(pos)
            pos += len(t) + 1
        out: list[list[Match]] = [[] for _ in texts]
        for m in self.find(joined, langs=langs, roles=roles, overlapping=overlapping):
            i = bisect.bisect_right(starts, m.start) - 1
            out[i].append(Match(m.start - starts[i], m.end - starts[i], m.text, m.terms))
        return out


class _FilteredTerms(dict):
    """Key id -> renderings in the given languages and roles, computed on first use of each key."""

    def __init__(self, key_terms, langs, roles):
        super().__init__()
        self._key_terms, self._langs, self._roles = key_terms, langs, roles

    def __missing__(self, kid: int) -> tuple[Term, ...]:
        langs, roles = self._langs, self._roles
        value = tuple(t for t in self._key_terms[kid]
                      if (langs is None or t.lang in langs) and (roles is None or t.role in roles))
        self[kid] = value
        return value


class _WordChars(dict):
    """char -> ``is_word_char(char)``, memoized: the check runs once per hit on a long text."""

    def __missing__(self, ch: str) -> bool:
        value = self[ch] = is_word_char(ch)
        return value


_WORD_CHARS = _WordChars()


def _start(m: Match) -> int:
    return m.start


def _same_case(surface: str, form: str) -> bool:
    folded, chars = _case_keys(form)
    return fold(surface, case=False) == folded or fold_chars(surface, case=False) == chars


@lru_cache(maxsize=65536)
def _case_keys(form: str) -> tuple[str, str]:
    """A case-sensitive form's keys with case kept, computed once (re-checked on every hit)."""
    return fold(form, case=False), fold_chars(form, case=False)


def _english_forms(glossary, terms: list[Term]) -> list[Term]:
    """Inflected and derived English forms of term and title renderings (see inflection.py)."""
    from .inflection import derived, inflected

    types = glossary.frame["type"].to_list()
    out: list[Term] = []
    for t in terms:
        if t.lang != "en" or t.role not in ("canonical", "variant") or types[t.entry].strip() not in INFLECTED_TYPES:
            continue
        plurals = inflected(t.form, verbs=False)
        out += [Term(t.entry, t.id, "en", "inflected", f, t.case_sensitive) for f in plurals]
        if types[t.entry].strip() == "term":  # verb forms: a target may use them, a source never requires by them
            verb_forms = [f for f in inflected(t.form, verbs=True) + derived(t.form) if f not in plurals]
            out += [Term(t.entry, t.id, "en", "derived", f, t.case_sensitive) for f in dict.fromkeys(verb_forms)]
    return out
