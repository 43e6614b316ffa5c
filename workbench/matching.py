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
from array import array
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

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
    """Every rendering of a glossary in one automaton. Terms are kept in columns (arrays and one
    string of forms) and made into ``Term`` objects only when a key is hit: a matcher for a
    1M-entry glossary unpickles from the disk cache (matcher_cache.py) in a fraction of a second,
    where three million pickled objects took several."""

    def __init__(self, terms: list[Term]):
        self._terms: list[Term] | None = terms
        # the automaton stores one int per key: key id << 2 | glues at its start << 1 | at its end
        self._automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        groups: dict[str, list[int]] = {}
        gc_was_enabled = gc.isenabled()
        gc.disable()  # hundreds of thousands of small objects: the cyclic GC would rescan them all
        try:
            for i, key in enumerate(fold_many([t.form for t in terms])):
                if key:
                    groups.setdefault(key, []).append(i)
            # per key: its length, its renderings (members[starts[k]:starts[k + 1]]) and whether
            # any of them is case-sensitive (re-checked against the text's case on every hit)
            self._starts, self._members = array("q", [0]), array("q")
            self._lengths, self._cased = array("q"), bytearray()
            add, word = self._automaton.add_word, _WORD_CHARS
            for kid, (key, idx) in enumerate(groups.items()):
                self._members.extend(idx)
                self._starts.append(len(self._members))
                self._lengths.append(len(key))
                self._cased.append(any(terms[i].case_sensitive for i in idx))
                add(key, kid << 2 | word[key[0]] << 1 | word[key[-1]])
        finally:
            if gc_was_enabled:
                gc.enable()
        if groups:
            self._automaton.make_automaton()
        self.size = len(groups)
        self._columns: dict | None = None  # the terms as columns, once pickled or unpickled
        self._key_terms = _KeyTerms(self)
        self._filtered: dict[tuple, dict[int, tuple[Term, ...]]] = {}  # (langs, roles) -> kid -> terms

    @property
    def terms(self) -> list[Term]:
        """Every rendering, in the order given (made from the columns after unpickling)."""
        if self._terms is None:
            assert self._columns is not None  # one or the other is always there
            self._terms = [self._term(i) for i in range(len(self._columns["entry"]))]
        return self._terms

    def _term(self, i: int) -> Term:
        if self._terms is not None:
            return self._terms[i]
        c = self._columns
        assert c is not None
        entry, id_ends, form_ends = c["entry"][i], c["id_ends"], c["form_ends"]
        return Term(entry, c["ids"][id_ends[entry - 1] if entry else 0 : id_ends[entry]],
                    c["langs"][c["lang"][i]], ROLES[c["role"][i]],
                    c["forms"][form_ends[i - 1] if i else 0 : form_ends[i]], bool(c["case"][i]))

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["_filtered"], state["_key_terms"], state["_terms"] = {}, None, None
        state["_columns"] = self._columns or _term_columns(self.terms)
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._key_terms = _KeyTerms(self)

    def _terms_for(self, langs, roles):
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
        lengths = self._lengths
        for end, packed in self._automaton.iter(key):
            kid, glue_start, glue_end = packed >> 2, packed & 2, packed & 1
            start = end - lengths[kid] + 1
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
        cased = self._cased
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


class _KeyTerms(dict):
    """Key id -> its renderings as ``Term`` objects, made on first use of each key."""

    def __init__(self, matcher: TermMatcher):
        super().__init__()
        self._matcher = matcher

    def __missing__(self, kid: int) -> tuple[Term, ...]:
        m = self._matcher
        value = self[kid] = tuple(m._term(i) for i in m._members[m._starts[kid] : m._starts[kid + 1]])
        return value


def _term_columns(terms: list[Term]) -> dict:
    """Terms as columns that pickle and unpickle fast: arrays of small ints, and the forms and ids
    as one string each with the offset where each ends."""
    langs = sorted({t.lang for t in terms})
    lang_index = {lang: i for i, lang in enumerate(langs)}
    role_index = {role: i for i, role in enumerate(ROLES)}
    ids: dict[int, str] = {}
    for t in terms:
        ids.setdefault(t.entry, t.id)
    rows = max(ids, default=-1) + 1
    id_list = [ids.get(row, "") for row in range(rows)]
    forms = [t.form for t in terms]
    return {
        "entry": array("q", (t.entry for t in terms)),
        "lang": bytes(lang_index[t.lang] for t in terms), "langs": langs,
        "role": bytes(role_index[t.role] for t in terms),
        "case": bytes(t.case_sensitive for t in terms),
        "forms": "".join(forms), "form_ends": array("q", accumulate(map(len, forms))),
        "ids": "".join(id_list), "id_ends": array("q", accumulate(map(len, id_list))),
    }


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
