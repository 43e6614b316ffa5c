"""Segment-level glossary, name, number, script and punctuation checks (declared in the registry
here, where they are implemented), and the pass that runs the generic checks of ``generic.py``.

Glossary checks work for any language column; romanization checks apply to Latin-script targets.
Term matching runs one Aho-Corasick pass per column (``TermMatcher.find_many``); the simple
string checks are polars expressions over the whole frame.

Precision on correct translations comes first:
- a source rendering shared by several entries ("Director": 處長 and 局長) is satisfied by any;
- short titles and entries marked ``match=context`` count only next to a name or an organization
  (局長周幼偉, 刑事局局長, "Director Chen", "CIB Commissioner"); elsewhere they are not checked;
- a term inside a longer one (局長 in 刑事局局長) is satisfied inside it, and a compound term by
  its parts in any natural order ("the General Assembly of INTERPOL");
- English renderings of terms and titles match their inflections (matching.py, inflection.py);
  a verb form in an English source ("seized") or a plural title ("prosecutors") requires nothing;
- a country that only qualifies an agency ("Taiwan's CIB", "Taiwanese police") is not required.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from functools import cached_property

import polars as pl

from .. import inflection, numbers, romanize
from ..glossary import Entry, Glossary
from ..text import fold, has_cjk, is_cjk, simplified_only_chars
from . import abbrev, generic, referent  # importing generic also registers the generic checks
from .findings import finding
from .registry import REGISTRY, declare

GLOSSARY = "pairs and documents whose languages are glossary columns"
# characters that make a short Chinese title part of another word: 代表團, 代表性, 處長室
_TITLE_WORD_NEXT = set("團团性權权制室級级")
# a year after a state's name makes it a calendar era: 中華民國114年, 民國114年
_ERA_YEAR = re.compile(r"\s*[\d〇零一二三四五六七八九十百壹貳參肆伍陸柒捌玖拾佰]+\s*年")
# a term the English source says is absent: "without bail", "no extradition treaty"
_NEGATED = re.compile(r"\b(?:without|no|not|non-)\s*$", re.IGNORECASE)
declare("term-missing", "error", "segment", GLOSSARY, """A glossary term of the source whose
    rendering (canonical, variant, inflection) is not in the target.""", bilingual_only=True)
declare("term-forbidden", "error", "segment", GLOSSARY, """A rendering the glossary forbids
    ("red arrest warrant" for 紅色通緝令).""")
declare("term-deprecated", "warning", "segment", GLOSSARY, "A rendering of a deprecated entry.")
declare("name-variant", "error", "segment", "Latin-script targets and documents", """A glossary
    person's name spelled otherwise: another system or a slip is an error, case, hyphen or
    spacing (house style) a warning with the canonical form as the fix.""")
declare("place-pinyin", "error", "segment", "Latin-script targets and documents", """Plain pinyin
    for a place whose official spelling differs (Gaoxiong for Kaohsiung).""")
declare("number-mismatch", "error", "segment", "any pair", """Numbers differ between source and
    target (萬/億, percentages, ROC years, rounding understood).""", bilingual_only=True)
declare("untranslated", "error", "segment", "any pair", """Empty target, target copied from the
    source, or Chinese left in a Latin-script target.""", bilingual_only=True)
declare("script", "error", "segment", "Chinese targets and documents", """Simplified characters in
    a Traditional target, or the reverse.""")
declare("punctuation", "warning", "segment", "any pair or document", """Full-width punctuation in
    Latin text, half-width between Chinese characters (info), brackets and curly quotes left
    unpaired.""")
GLOSSARY_CHECKS = {"term-missing", "term-forbidden", "term-deprecated", "name-variant", "place-pinyin", "name-inconsistent"}
# common surnames: a title right after one (陳處長) or before one (局長周幼偉) stands next to a name
SURNAMES = set(
    "陳林黃張李王吳劉蔡楊許鄭謝郭洪邱曾廖賴徐周葉蘇莊呂江何蕭羅高潘簡朱鍾游彭詹胡施沈余盧梁趙顏柯翁魏孫戴范方宋鄧"
    "杜傅侯曹薛丁卓阮馬董溫唐藍石蔣古紀姚連馮歐程湯田康姜白汪鄒尤巫鐘黎涂龔嚴韓袁金童陸夏柳邵錢伍倪于譚駱熊任甘秦"
    "顧毛章史官萬俞雷饒管邢"
)
ENTITY_TYPES = ("person", "org", "place")
_NAME_AFTER = re.compile(r"\s+[A-Z][a-z'’-]+")
_OF_AFTER = re.compile(r"\s+(?:of|to|for|at|in)\s+(?:the\s+)?[A-Z]")
_GLUE = ("", " ", "'s ", "’s ")
_STOPWORDS = {"of", "the", "and", "in", "for", "to", "a", "an", "on"}

LATIN_LANGS_EXCLUDED = {"zh", "ja", "ko"}
_PAREN_HANZI = re.compile(r"([A-Z][\w'’\-]*(?:[ ,]+[A-Z][\w'’\-]*){0,3})\s*[（(]([\u3400-\u9fff]{2,4})[)）]")
_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_PARENS_WITH_CJK = re.compile(r"[（(][^()（）]*[\u3400-\u9fff][^()（）]*[)）]")
# bracket families: a target may use （） where the source has ()
PAIRS = [("(（", ")）"), ("“「", "”」"), ("『", "』"), ("[", "]")]


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans covering the same offsets (for ``overlaps``)."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Does [start, end) overlap one of ``spans`` (sorted, non-overlapping)? Binary search."""
    i = bisect.bisect_left(spans, (end,))
    return i > 0 and spans[i - 1][1] > start


def covered(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Do ``spans`` (sorted, non-overlapping) hold most of [start, end)? A glossary match accounts
    for a name candidate when it holds most of it ("Lai Ching-te" inside "President Lai
    Ching-te"), not when it is a short acronym inside it ("HSI" in "Hsi Chin-ping"). Binary search,
    so a huge line with thousands of names and terms stays linear-logarithmic, not quadratic."""
    i = max(0, bisect.bisect_left(spans, (start,)) - 1)
    overlap = 0
    while i < len(spans) and spans[i][0] < end:
        a, b = spans[i]
        overlap += max(0, min(b, end) - max(a, start))
        i += 1
    return overlap * 2 > end - start


def is_latin(lang: str) -> bool:
    return lang not in LATIN_LANGS_EXCLUDED


@dataclass
class Direction:
    source: str  # glossary column of the source language (zh, en, de …)
    target: str
    traditional: bool = True  # Chinese target standard: Traditional (tw, hk) or Simplified (cn)


@dataclass
class SegmentResult:
    findings: list[dict] = field(default_factory=list)
    # term compliance: one row per (segment, entry), a tuple in run.TERM_SCHEMA's column order
    # (tens of thousands of rows on a large file: a tuple is a third of a dict)
    terms: list[tuple] = field(default_factory=list)
    renderings: list[dict] = field(default_factory=list)  # how each person/place was written
    unknown_names: list[dict] = field(default_factory=list)  # names of nobody in the glossary


# the streams of ``SegmentChecker.vectorized_streams``, in order
VECTORIZED_STREAMS = ("untranslated", "script", "untranslated-latin", "punctuation", "brackets")


@dataclass
class PairParts:
    """A file's (or a slice's) pair checks kept as ordered streams of findings: the pair-by-pair
    checks, the vectorized ones, one per generic check. Concatenating each stream over a file's
    consecutive slices gives the whole file's stream, so slices checked apart (``--jobs``) merge
    into exactly the findings, in exactly the order, of one pass (``merge_parts``)."""

    streams: list[list[dict]]
    terms: list[tuple]
    renderings: list[dict]


def merge_parts(parts: list[PairParts], enabled: set[str]) -> SegmentResult:
    """Consecutive slices' parts as one file's result (findings of the enabled checks only)."""
    result = SegmentResult()
    for k in range(max((len(p.streams) for p in parts), default=0)):
        for p in parts:
            result.findings += p.streams[k]
    result.findings = [f for f in result.findings if f["check"] in enabled]
    for p in parts:
        result.terms += p.terms
        result.renderings += p.renderings
    return result


class PersonIndex:
    """Glossary persons retrievable by hanzi, surname spelling or given-name syllables, so that a
    romanized name in a text can be compared with the few entries it could be."""

    def __init__(self, glossary: Glossary):
        self.by_hanzi: dict[str, Entry] = {}
        self.by_surname: dict[str, list[Entry]] = {}
        self.by_given: dict[tuple[str, ...], list[Entry]] = {}
        for e in glossary.entries:
            if e.type != "person" or e.status == "proposed" or not e.zh or not e.en:
                continue
            self.by_hanzi[fold(e.zh)] = e
            try:
                options = romanize.readings(e.zh)
            except KeyError:
                continue
            n_surname = len(romanize.split_surname(e.zh)[0])
            for reading in options[0][:1] if n_surname == 1 else ():
                for spelling in romanize.spellings_of(reading.syllable):
                    self.by_surname.setdefault(spelling, []).append(e)
            given = tuple(r[0].syllable for r in options[n_surname:] if r)
            if given:
                self.by_given.setdefault(given, []).append(e)

    def candidates(self, name: str) -> list[Entry]:
        parsed = romanize.parse(name)
        words = [romanize.fold_spelling("".join(w)) for w in parsed.parts]
        found: dict[str, Entry] = {}
        for word in (words[0], words[-1]) if words else ():
            for e in self.by_surname.get(word, []):
                found[e.id] = e
        for given_words in (words[1:], words[:-1]):
            letters = "".join(given_words)
            seg = romanize.segment_syllables(letters, 3) if letters else None
            if not seg:
                continue
            options = [sorted(romanize.all_spellings()[s]) for s in seg]
            for combo in _product(options, limit=64):
                for e in self.by_given.get(tuple(combo), []):
                    found[e.id] = e
        return list(found.values())


def _product(options, limit):
    out = [[]]
    for opts in options:
        out = [prefix + [o] for prefix in out for o in opts][:limit]
    return out


VERDICT_RANK = {v: i for i, v in enumerate(romanize.VERDICTS)}


def judge_entry(name: str, e: Entry) -> romanize.NameVerdict:
    """A romanized name judged against a glossary person: their spelling, listed variants and
    region (a Hong Kong entry is read in Cantonese, a mainland one expects pinyin)."""
    return romanize.judge(name, e.zh, e.region or None, e.en, tuple(e.variants.get("en", [])))


def judge_name(name: str, entries: list[Entry]) -> tuple[Entry, romanize.NameVerdict] | None:
    """The closest glossary person for a romanized name, or None when it is nobody we know."""
    best = None
    for e in entries:
        v = judge_entry(name, e)
        if any(fold(name) == fold(x) for x in e.allowed("en")):
            v.verdict = "exact"
        if best is None or VERDICT_RANK[v.verdict] < VERDICT_RANK[best[1].verdict]:
            best = (e, v)
    if best is None or best[1].verdict == "not-a-rendering":
        return None
    return best


def name_finding_severity(verdict: str) -> str | None:
    if verdict == "exact":
        return None
    return "warning" if verdict == "format-variant" else "error"


class SegmentChecker:
    """Runs the per-segment checks for one file (or one monolingual document)."""

    def __init__(self, glossary: Glossary, direction: Direction | None, enabled: set[str] | None = None):
        self.glossary = glossary
        self.direction = direction
        self.enabled = set(REGISTRY) if enabled is None else set(enabled)

    def on(self, *checks: str) -> bool:
        return any(c in self.enabled for c in checks)

    @property
    def pair_direction(self) -> Direction:
        """The direction of bilingual checks (a scan has none)."""
        if self.direction is None:
            raise ValueError("bilingual checks need a direction")
        return self.direction

    @cached_property
    def persons(self) -> PersonIndex:
        return PersonIndex(self.glossary)

    @cached_property
    def place_pinyin(self) -> dict[str, Entry]:
        """Folded plain-pinyin spellings of places whose official spelling is an exception
        (Taibei for Taipei, Gaoxiong for Kaohsiung), computed from the hanzi, not listed by hand."""
        out: dict[str, Entry] = {}
        for e in self.glossary.entries:
            if e.type != "place" or e.status == "proposed" or not e.zh or not e.en or not has_cjk(e.zh):
                continue
            pinyin = "".join(romanize.plain_pinyin(e.zh))
            base = re.sub(r"\s+(City|County)$", "", e.en)
            if pinyin and fold(pinyin) != fold(base).replace(" ", "") and fold(pinyin) not in {fold(a).replace(" ", "") for a in e.allowed("en")}:
                out[fold(pinyin)] = e
        return out

    def forbidden_verdict(self, e: Entry, text: str, lang: str):
        """A forbidden rendering, told the most useful way: a person's name as a name-variant with its
        romanization verdict, a place's plain pinyin as place-pinyin, anything else as term-forbidden."""
        expected = e.forms.get(lang, "")
        if e.type == "person" and is_latin(lang) and e.en:
            v = judge_entry(text, e)
            if v.verdict != "not-a-rendering":
                return [("name-variant", f"'{text}' for {e.zh}: {v.verdict} — {v.message}", "warning" if v.verdict == "format-variant" else "error", v.verdict)]
        if e.type == "place" and fold(text).replace(" ", "") in self.place_pinyin:
            return [("place-pinyin", f"'{text}' is plain pinyin; {e.zh} is officially '{expected}'", None, "place-pinyin")]
        return [("term-forbidden", f"'{text}' is a forbidden rendering of {e.forms.get('zh') or e.zh}; use '{expected}'", None, "forbidden")]

    @cached_property
    def place_pinyin_pattern(self) -> re.Pattern:
        """One pass for every place-pinyin spelling (a pass per place was 35 passes over a text)."""
        keys = sorted(self.place_pinyin, key=len, reverse=True)
        return re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, keys))})(?![\w-])", re.IGNORECASE)

    # ---------------------------------------------------------------- bilingual
    def check_pairs(self, frame: pl.DataFrame) -> SegmentResult:
        return merge_parts([self.pair_parts(frame)], self.enabled)

    def pair_parts(self, frame: pl.DataFrame, *, file_scope: bool = True) -> PairParts:
        """The checks of ``frame``'s pairs as ordered streams (see ``PairParts``): the findings of
        one slice of a file after another's, stream by stream, equal those of the whole file.
        ``file_scope=False`` leaves the file-scope generic checks' streams empty (the caller of a
        slice runs them on the whole file: ``file_streams``)."""
        d = self.pair_direction
        result = SegmentResult()
        sources = frame["source"].fill_null("").to_list()
        targets = frame["target"].fill_null("").to_list()
        n = len(sources)
        if self.on(*GLOSSARY_CHECKS) and len(self.glossary):
            matcher = self.glossary.matcher
            src_matches = matcher.find_many(sources, langs={d.source}, roles={"canonical", "variant", "inflected"})
            tgt_matches = matcher.find_many(targets, langs={d.target})
        else:
            src_matches = tgt_matches = [[] for _ in range(n)]
        for row, src, tgt, sm, tm in zip(frame.iter_rows(named=True), sources, targets, src_matches, tgt_matches):
            self._pair(row, src, tgt, sm, tm, result)
        streams = [result.findings, *self.vectorized_streams(frame),
                   *self.generic_streams(frame, sources, targets, file_scope=file_scope)]
        return PairParts(streams, result.terms, result.renderings)

    def generic_checks(self) -> list:
        """The registered generic checks (generic.py) that are enabled, in registry order."""
        return [c for c in REGISTRY.values() if c.run is not None and c.id in self.enabled]

    def generic_pairs(self, frame: pl.DataFrame, sources: list[str], targets: list[str]) -> list[dict]:
        """The registered generic checks (generic.py) that are enabled."""
        return [f for stream in self.generic_streams(frame, sources, targets) for f in stream]

    def file_streams(self, frame: pl.DataFrame) -> dict[int, list[dict]]:
        """The file-scope generic checks (a file's median length ratio) over a whole file, by their
        stream index in ``pair_parts``: what a slice's ``file_scope=False`` left empty."""
        sources = frame["source"].fill_null("").to_list()
        targets = frame["target"].fill_null("").to_list()
        first = 1 + len(VECTORIZED_STREAMS)
        return {first + k: self._generic_stream(c, frame, sources, targets)
                for k, c in enumerate(self.generic_checks()) if c.scope != "segment"}

    def generic_streams(self, frame: pl.DataFrame, sources: list[str], targets: list[str], *,
                        file_scope: bool = True) -> list[list[dict]]:
        """One stream per enabled generic check, in registry order."""
        return [self._generic_stream(c, frame, sources, targets)
                if file_scope or c.scope == "segment" else []
                for c in self.generic_checks()]

    def _generic_stream(self, c, frame: pl.DataFrame, sources: list[str], targets: list[str]) -> list[dict]:
        d = self.pair_direction
        rows = frame.select("file", "segment", *(["id"] if "id" in frame.columns else [])).to_dicts()
        run = c.run
        assert run is not None
        if c.inline_codes and "source_codes" in frame.columns:  # XLIFF inline codes, as tags
            src_codes, tgt_codes = (frame[col].fill_null("").to_list() for col in ("source_codes", "target_codes"))
            tagged = [(s + _as_tags(a), t + _as_tags(b)) for s, t, a, b in zip(sources, targets, src_codes, tgt_codes)]
            hits = ((i, *hit) for i, (src, tgt) in enumerate(tagged) for hit in run(src, tgt, d))
        elif c.scope == "segment":
            hits = ((i, *hit) for i, (src, tgt) in enumerate(zip(sources, targets)) for hit in run(src, tgt, d))
        else:
            hits = run(sources, targets, d)
        out = []
        for i, message, found, expected in hits:
            row = rows[i]
            out.append(finding(row["file"], row["segment"], c.id, message, id=row.get("id"), found=found, expected=expected, context=sources[i]))
        return out

    def _pair(self, row, src, tgt, sm, tm, result: SegmentResult) -> None:
        d, g = self.pair_direction, self.glossary
        file, seg, ident = row["file"], row["segment"], row.get("id")
        add = lambda check, msg, **kw: result.findings.append(finding(file, seg, check, msg, id=ident, context=src, **kw))
        if not tgt.strip() or tgt.strip() == src.strip():
            return  # empty or copied targets are reported once, by the untranslated check
        source_entries: dict[str, tuple[Entry, str]] = {}
        siblings: dict[str, list[str]] = {}  # entries that share one source rendering
        for m in sm:
            ids = []
            for t in m.terms:
                e = g.entries[t.entry]
                if e.status != "proposed" and e.forms.get(d.target) and self._counts_here(e, m, src, d.source, sm):
                    source_entries.setdefault(e.id, (e, m.text))
                    ids.append(e.id)
            for eid in ids:
                siblings.setdefault(eid, []).extend(i for i in ids if i != eid)
        allowed_here: dict = {}
        forbidden_here: dict = {}
        for m in tm:
            for t in m.terms:
                (forbidden_here if t.role == "forbidden" else allowed_here).setdefault(t.id, m)
        tm_all = [m for m in tm if any(t.role != "forbidden" for t in m.terms)]
        if any(eid not in allowed_here for eid in source_entries):
            # a term inside a longer one (刑事局 in 刑事局局長) or an overlapped one: look again, overlapping
            tm_all = g.matcher.find(tgt, langs={d.target}, roles={"canonical", "variant", "inflected", "derived"}, overlapping=True)
            for m in tm_all:
                for t in m.terms:
                    allowed_here.setdefault(t.id, m)
        latin = is_latin(d.target)
        names = romanize.find_names(tgt) if latin else []
        allowed_spans = [(m.start, m.end) for m in tm_all]
        for eid, m in forbidden_here.items():
            e = g.by_id[eid]
            also_allowed = [t.id for t in m.terms if t.role != "forbidden"]
            if eid not in source_entries and (also_allowed or e.type not in ("person", "place")):
                continue  # the words render something else of the source ("Singapore's Prime Minister")
            if referent.quoted(m, tgt) and any(q in src for q in "「『“\""):
                continue  # a quoted label translated as quoted: 列為「中國台灣省」
            span = source_entries.get(eid, (e, None))[1]
            for check, message, severity, verdict in self.forbidden_verdict(e, m.text, d.target):
                add(check, message, severity=severity, term=eid, source_span=span, found=m.text, expected=e.forms[d.target])
                if e.type in ("person", "place") and latin:
                    result.renderings.append(_rendering(e, m.text, file, seg, verdict, m.start))
        for eid, m in allowed_here.items():
            e = g.by_id[eid]
            if e.status == "deprecated":
                add("term-deprecated", f"'{m.text}' renders a deprecated entry ({eid})", term=eid, found=m.text)
            verdict = "exact"
            if e.type == "person" and latin and m.text not in e.allowed(d.target):
                v = romanize.compare(m.text, e.en, e.zh)  # matched regardless of case: "Ching-Hsiang"
                if v.verdict == "format-variant":
                    verdict = v.verdict
                    add("name-variant", f"'{m.text}' for {e.zh}: format-variant — {v.message}; write '{e.en}'", severity="warning",
                        term=eid, source_span=source_entries.get(eid, (e, None))[1], found=m.text, expected=e.en)
            if e.type in ("person", "place") and latin:
                result.renderings.append(_rendering(e, m.text, file, seg, verdict, m.start))
        reported: set[str] = set()
        for eid, (e, span) in source_entries.items():
            ok = (eid in allowed_here or any(s in allowed_here for s in siblings.get(eid, ()))
                  or self._parts_present(e, span, tgt, allowed_here)
                  or (e.type == "place" and d.target == "zh" and abbrev.abbreviated(e.zh, tgt)))
            status = "compliant" if ok else "violation"
            if not ok and eid not in forbidden_here and not reported & set(siblings.get(eid, ())):
                reported.add(eid)
                handled = False
                if e.type == "person" and latin:
                    handled = self._name_for_entry(e, span, names, allowed_spans, add, result, file, seg)
                if e.type == "place" and latin and not handled:
                    handled = self._place_pinyin(e, span, tgt, add)
                if not handled:
                    others = [g.by_id[s].forms[d.target] for s in siblings.get(eid, ())]
                    alternatives = [*e.variants.get(d.target, []), *others]
                    add("term-missing", f"{span} should be rendered '{e.forms[d.target]}'" + (f" (or {', '.join(dict.fromkeys(alternatives))})" if alternatives else ""),
                        term=eid, source_span=span, expected=e.forms[d.target])
            result.terms.append((eid, e.type, span, e.forms[d.target], file, seg, status))
        if latin:
            self._parenthesized_names(tgt, file, seg, ident, src, result, skip={e.id for e, _ in source_entries.values()})
        if self.on("number-mismatch"):
            self._numbers(src, tgt, add)
        if latin and d.source == "zh" and self.on("untranslated"):
            leftover = _CJK_RUN.findall(_PARENS_WITH_CJK.sub(" ", tgt))
            if leftover:
                add("untranslated", f"Chinese text left in the English target: {' '.join(leftover)}", found=" ".join(leftover))

    @staticmethod
    def needs_context(e: Entry, form: str, lang: str) -> bool:
        """Whether an entry counts only in context: ``match=context``, or by default a title whose
        source form is one English word or two Chinese characters (局長, 代表, President)."""
        if e.match:
            return e.match == "context"
        if e.type != "title":
            return False
        return len(form.strip()) <= 2 if lang == "zh" else " " not in form.strip()

    def _counts_here(self, e: Entry, m, text: str, lang: str, matches) -> bool:
        """A source match of ``e`` that must be checked: always, or in context for the entries that
        need it (next to a name or an organization; in English, a capitalized title before a name)."""
        if e.type == "place" and is_latin(lang):
            return not self._place_as_modifier(e, m, text, matches)
        if e.type == "term" and lang == "en" and inflection.is_verb_form(m.text):
            return False  # "seized" is 查扣, 查獲 or 扣押: a verb in the source is not a term to enforce
        if lang == "zh" and e.type == "org" and any(
                x.start == m.end and any(self.glossary.entries[t.entry].type == "org" for t in x.terms)
                for x in matches):
            return False  # 警政署刑事警察局: the parent names where the bureau sits, as 內政部 does
        if lang == "zh" and e.type == "place" and _ERA_YEAR.match(text, m.end):
            return False  # 中華民國114年 is a date (2025), not the state
        if lang == "en" and e.type == "org" and _lowercased_name(e, m.text):
            return False  # "Hong Kong police" are the police there, not the Force's name
        if lang == "en" and _NEGATED.search(text[max(0, m.start - 12) : m.start]):
            return False  # "released without bail" (無保請回) does not ask for 交保
        if lang == "en" and referent.foreign_in_en(self.glossary, e, m, text, matches):
            return False  # "British Prime Minister", "Cambodia's National Police Commissioner"
        if lang == "zh" and referent.foreign_in_zh(self.glossary, e, m, text, matches):
            return False  # 新加坡內政部長: Singapore's minister, in Singapore's English
        if not self.needs_context(e, m.text, lang):
            return True
        if any(t.role == "inflected" for t in m.terms):
            return False  # a plural title ("prosecutors", 檢方) names a group, not the holder of a post
        entity_ends = {x.end for x in matches if any(self.glossary.entries[t.entry].type in ENTITY_TYPES for t in x.terms)}
        entity_starts = {x.start: x for x in matches if any(self.glossary.entries[t.entry].type in ENTITY_TYPES for t in x.terms)}
        if lang == "zh":
            before, after = text[max(0, m.start - 3) : m.start], text[m.end : m.end + 2]
            if e.type == "title" and after[:1] and after[0] in _TITLE_WORD_NEXT:
                return False  # 代表團 is a delegation, 代表性 representativeness: not the title
            if m.start in entity_ends:
                return True  # 刑事局局長, 駐波蘭代表, 周幼偉局長
            following = entity_starts.get(m.end)
            if following is not None:  # a person after the title (局長周幼偉); not 代表臺灣 (represents Taiwan)
                return any(self.glossary.entries[t.entry].type == "person" for t in following.terms)
            if before[-1:] in SURNAMES or (len(before) == 3 and before[0] in SURNAMES and all(is_cjk(c) for c in before)):
                return True  # 陳處長, 王小明處長
            return after[:1] in SURNAMES and len(after) == 2 and is_cjk(after[1])
        if not is_latin(lang):
            return False
        if any(text[end : m.start] in _GLUE for end in entity_ends if end <= m.start):
            return True  # CIB Commissioner, Taiwan's Representative
        canonical = e.forms.get(lang, "")
        if canonical[:1].isupper() and not m.text[:1].isupper():
            return False  # "the president of the association" is not the President
        rest = text[m.end :]
        name = _NAME_AFTER.match(rest)
        next_match = entity_starts.get(m.end + len(name.group(0)) - len(name.group(0).lstrip())) if name else None
        if name and (next_match is None or any(self.glossary.entries[t.entry].type == "person" for t in next_match.terms)):
            return True  # Director Chen, President Lai (not "Director Taiwan …": a place, not a name)
        return bool(_OF_AFTER.match(rest))  # Director of the Department …, Representative to Poland

    @functools.lru_cache(maxsize=4096)  # noqa: B019  (one checker per file: bounded, short-lived)
    def _inner_terms(self, eid: str, span: str) -> tuple:
        """The glossary terms inside a source span, other than the entry it renders."""
        found = self.glossary.matcher.find(span, langs={self.pair_direction.source}, roles={"canonical", "variant"}, overlapping=True)
        return tuple(m for m in found if not (m.start == 0 and m.end == len(span)) and all(t.id != eid for t in m.terms))

    def _place_as_modifier(self, e: Entry, m, text: str, matches) -> bool:
        """A country or city that only qualifies what follows need not be rendered itself:
        "Taiwan's Criminal Investigation Bureau" is 刑事警察局, "Taiwanese police" 我國警方."""
        following = next((x for x in matches if x.start >= m.end), None)
        if following is not None and text[m.end : following.start] in _GLUE and any(
                self.glossary.entries[t.entry].type in ("org", "title") for t in following.terms):
            return True
        adjective = all(t.role != "canonical" for t in m.terms if t.id == e.id)
        return adjective and re.match(r"\s+[a-z]", text[m.end :]) is not None

    def _parts_present(self, e: Entry, span: str, tgt: str, allowed_here: dict) -> bool:
        """A compound term rendered by its parts, in any natural order: every inner glossary term of
        the source span is in the target, and so are the rest of the compound's words
        (國際刑警組織大會 as "the General Assembly of INTERPOL"; 刑事警察局局長 as "the CIB's commissioner")."""
        inner = self._inner_terms(e.id, span)
        if not inner or not all(any(t.id in allowed_here for t in m.terms) for m in inner):
            return False
        d, g = self.pair_direction, self.glossary
        inner_forms = sorted({f for m in inner for t in m.terms for f in g.by_id[t.id].allowed(d.target)}, key=len, reverse=True)
        latin = is_latin(d.target)
        for form in e.allowed(d.target):
            rest = form
            for f in inner_forms:
                rest = re.sub(re.escape(f), " ", rest, flags=re.IGNORECASE)
            if latin:
                words = [w for w in re.findall(r"[A-Za-z][\w-]*", rest) if w.lower() not in _STOPWORDS]
                if all(re.search(rf"(?<![\w-]){re.escape(w)}(?:s|es)?(?![\w-])", tgt, re.IGNORECASE) for w in words):
                    return True
            elif all(part in tgt for part in rest.split()):
                return True
        return False

    def _name_for_entry(self, e, span, names, allowed_spans, add, result, file, seg) -> bool:
        for cand in names:
            if covered(allowed_spans, cand.start, cand.end):
                continue
            v = judge_entry(cand.text, e)
            if v.verdict == "not-a-rendering":
                continue
            severity = name_finding_severity(v.verdict)
            result.renderings.append(_rendering(e, cand.text, file, seg, v.verdict, cand.start))
            if severity:
                add("name-variant", f"'{cand.text}' for {e.zh}: {v.verdict} — {v.message}", severity=severity,
                    term=e.id, source_span=span, found=cand.text, expected=e.en)
            return True
        return False

    @cached_property
    def _place_pinyin_by_id(self) -> dict[str, str]:
        return {entry.id: key for key, entry in self.place_pinyin.items()}

    def _place_pinyin(self, e, span, tgt, add) -> bool:
        key = self._place_pinyin_by_id.get(e.id)
        m = next(romanize.find_spelling(tgt, key), None) if key else None
        if m:
            add("place-pinyin", f"'{m.group(0)}' is plain pinyin; {e.zh} is officially '{e.en}'", term=e.id, source_span=span, found=m.group(0), expected=e.en)
        return m is not None

    def _parenthesized_names(self, text, file, seg, ident, context, result, skip=()):
        """"Name (漢字)" fixes the hanzi of a name: judge it against the glossary, record the rendering."""
        for m in _PAREN_HANZI.finditer(text):
            words = m.group(1).split()
            hanzi = m.group(2)
            e = self.persons.by_hanzi.get(fold(hanzi))
            name = " ".join(words[-3:])
            for k in (3, 2):  # the name is the last 2-3 capitalized words before the parenthesis
                tail = " ".join(words[-k:])
                if len(words) >= k and romanize.find_names(tail) and romanize.find_names(tail)[0].text == tail:
                    name = tail
                    break
            else:
                if len(words) >= 2:
                    name = " ".join(words[-2:])
            if e is None:
                result.renderings.append({"entity": f"zh:{hanzi}", "canonical": "", "type": "person", "rendering": name, "file": file, "segment": seg, "verdict": "", "start": m.end(1) - len(name)})
                self._unknown_person(name, hanzi, file, seg, ident, context, result)
                continue
            if e.id in skip:
                continue
            v = judge_entry(name, e)
            if any(fold(name) == fold(x) for x in e.allowed("en")):
                v.verdict = "exact"
            result.renderings.append(_rendering(e, name, file, seg, v.verdict, m.end(1) - len(name)))
            severity = name_finding_severity(v.verdict)
            if severity and v.verdict != "not-a-rendering":
                result.findings.append(finding(file, seg, "name-variant", f"'{name}' for {hanzi}: {v.verdict} — {v.message}", severity=severity,
                                               id=ident, term=e.id, source_span=hanzi, found=name, expected=e.en, context=context))

    def _unknown_person(self, name, hanzi, file, seg, ident, context, result) -> None:
        """A person not in the glossary, hanzi given: only a typo that no region's rules explain is
        reported (a warning); any spelling valid in some region, or not derivable, is left alone."""
        try:
            v = romanize.near_miss(name, hanzi)
        except (KeyError, ValueError):
            return
        if v is not None:
            result.findings.append(finding(
                file, seg, "name-variant", f"'{name}' for {hanzi}: {v.verdict} — {v.message}",
                severity="warning", id=ident, source_span=hanzi, found=name, context=context))

    def _numbers(self, src, tgt, add) -> None:
        d = self.pair_direction
        s_nums = numbers.extract(generic.without_codes(src), d.source)
        t_nums = numbers.extract(generic.without_codes(tgt), d.target)
        missing, extra = numbers.compare_numbers(s_nums, t_nums)
        if missing or extra:
            parts = []
            if missing:
                parts.append("source has " + ", ".join(n.label for n in missing) + " not in the target")
            if extra:
                parts.append("target has " + ", ".join(n.label for n in extra) + " not in the source")
            add("number-mismatch", "numbers differ: " + "; ".join(parts),
                source_span=", ".join(n.text for n in missing) or None, found=", ".join(n.text for n in extra) or None,
                expected=", ".join(n.label for n in missing) or None)

    def vectorized_pairs(self, frame: pl.DataFrame) -> list[dict]:
        """Empty or copied targets, script, punctuation: polars expressions over all segments."""
        return [f for stream in self.vectorized_streams(frame) for f in stream]

    def vectorized_streams(self, frame: pl.DataFrame) -> list[list[dict]]:
        """``vectorized_pairs`` as its VECTORIZED_STREAMS, each in segment order."""
        d = self.pair_direction
        untranslated: list[dict] = []
        script: list[dict] = []
        latin: list[dict] = []
        punctuation: list[dict] = []
        brackets: list[dict] = []
        src, tgt = pl.col("source").fill_null(""), pl.col("target").fill_null("")
        flagged = frame.with_columns(
            empty=(tgt.str.strip_chars() == "") & (src.str.strip_chars() != ""),
            copied=(tgt.str.strip_chars() == src.str.strip_chars()) & (src.str.contains(r"[A-Za-z\p{Han}]")) & (src.str.len_chars() > 3),
        )
        for row in flagged.filter(pl.col("empty") | pl.col("copied")).iter_rows(named=True) if self.on("untranslated") else ():
            msg = "target is empty" if row["empty"] else "target is identical to the source"
            untranslated.append(finding(row["file"], row["segment"], "untranslated", msg, id=row.get("id"), found=row["target"] or None, context=row["source"] or ""))
        if d.target == "zh" and self.on("script"):
            script = script_findings(frame, "target", d.traditional, context_col="source")
        if d.target == "zh" and self.on("untranslated"):
            ratio = frame.with_columns(latin=tgt.str.count_matches(r"[A-Za-z]"), han=tgt.str.count_matches(r"\p{Han}"))
            for row in ratio.filter((pl.col("latin") > 12) & (pl.col("latin") > 2 * pl.col("han"))).iter_rows(named=True):
                latin.append(finding(row["file"], row["segment"], "untranslated", "target is mostly Latin text: untranslated English?", id=row.get("id"), found=row["target"][:80], context=row["source"] or ""))
        if self.on("punctuation"):
            punctuation, brackets = punctuation_streams(frame, "target", "zh" if d.target == "zh" else "en", context_col="source")
        return [untranslated, script, latin, punctuation, brackets]

    # ---------------------------------------------------------------- monolingual
    def scan(self, frame: pl.DataFrame, lang: str, traditional: bool = True) -> SegmentResult:
        result = SegmentResult()
        texts = frame["text"].to_list()
        matches = self.glossary.matcher.find_many(texts, langs={lang})
        judged_names: dict = {}
        for row, text, tm in zip(frame.iter_rows(named=True), texts, matches):
            file, seg = row["file"], row["segment"]
            allowed_spans = []
            for m in tm:
                allowed_ids = [t.id for t in m.terms if t.role != "forbidden"]
                if allowed_ids:
                    allowed_spans.append((m.start, m.end))
                    for eid in allowed_ids:
                        e = self.glossary.by_id[eid]
                        if e.type == "person" and lang != "zh" and m.text not in e.allowed(lang):
                            v = romanize.compare(m.text, e.en, e.zh)  # matched regardless of case
                            if v.verdict == "format-variant":
                                result.findings.append(finding(file, seg, "name-variant", f"'{m.text}' for {e.zh}: format-variant — {v.message}; write '{e.en}'",
                                                               severity="warning", term=eid, source_span=e.zh, found=m.text, expected=e.en, context=text))
                        if e.status == "deprecated":
                            result.findings.append(finding(file, seg, "term-deprecated", f"'{m.text}' renders a deprecated entry ({eid})", term=eid, found=m.text, context=text))
                        if e.type in ("person", "place") and lang != "zh":
                            result.renderings.append(_rendering(e, m.text, file, seg, "exact", m.start))
                    continue
                for t in m.terms:
                    e = self.glossary.by_id[t.id]
                    weight = referent.scan_severity(self.glossary, e, m, text, tm)
                    if weight is None:
                        continue  # another country's post or agency, or an everyday word
                    for check, message, severity, verdict in self.forbidden_verdict(e, m.text, lang):
                        if weight != "error":
                            severity = weight
                        result.findings.append(finding(file, seg, check, message, severity=severity, term=e.id, source_span=e.zh,
                                                       found=m.text, expected=e.forms.get(lang, ""), context=text))
                        if e.type in ("person", "place") and lang != "zh":
                            result.renderings.append(_rendering(e, m.text, file, seg, verdict, m.start))
                    allowed_spans.append((m.start, m.end))
            if lang == "zh":
                continue
            self._parenthesized_names(text, file, seg, None, text, result)
            taken = merge_spans(allowed_spans + [(m.start(1), m.end(2)) for m in _PAREN_HANZI.finditer(text)])
            for cand in romanize.find_names(text):
                if covered(taken, cand.start, cand.end):
                    continue
                if cand.text not in judged_names:  # a long text repeats its names: judge each once
                    judged_names[cand.text] = judge_name(cand.text, self.persons.candidates(cand.text))
                judged = judged_names[cand.text]
                if judged and _namesake(judged[1]) and not _titled(tm, text, cand.start):
                    judged = None  # "Lin Chia-hung" is someone; "Minister Lin Chia-hung" a slip
                if judged is None:
                    result.unknown_names.append({"name": cand.text, "file": file, "segment": seg,
                                                 "context": text})
                    continue
                e, v = judged
                result.renderings.append(_rendering(e, cand.text, file, seg, v.verdict, cand.start))
                severity = name_finding_severity(v.verdict)
                if severity:
                    result.findings.append(finding(file, seg, "name-variant", f"'{cand.text}' for {e.zh} ({e.en}): {v.verdict} — {v.message}", severity=severity,
                                                   term=e.id, source_span=e.zh, found=cand.text, expected=e.en, context=text))
            for m in self.place_pinyin_pattern.finditer(text) if self.place_pinyin else ():
                place = self.place_pinyin.get(fold(m.group(0)))
                if place is not None and not overlaps(allowed_spans, m.start(), m.start() + 1):
                    result.findings.append(finding(file, seg, "place-pinyin", f"'{m.group(0)}' is plain pinyin; {place.zh} is officially '{place.en}'", term=place.id, source_span=place.zh, found=m.group(0), expected=place.en, context=text))
        renamed = frame.rename({"text": "target"})
        if lang == "zh" and self.on("script"):
            result.findings += script_findings(renamed, "target", traditional)
        if self.on("punctuation"):
            result.findings += punctuation_findings(renamed, "target", lang)
        result.findings = [f for f in result.findings if f["check"] in self.enabled]
        return result


def _namesake(v: romanize.NameVerdict) -> bool:
    """A name a letter off a glossary person's, where each differing syllable is itself a valid
    spelling ("Lin Chia-hung" beside Lin Chia-lung, "Chen Ming-tong" beside Chen Ming-tang): with
    no hanzi in the text, another person's name, not a slip (name-inconsistent still compares
    spellings seen together)."""
    slips = [s for s in v.syllables if s.kind == "near-miss"]
    valid = romanize.all_spellings()
    return v.verdict == "near-miss" and bool(slips) and all(
        romanize.fold_spelling(s.written) in valid for s in slips)


def _titled(matches, text: str, start: int) -> bool:
    """A glossary title or organization right before a name ("Former justice minister Tsai
    Chin-hsiang"): the text says which post, and so which person, it means."""
    return any(m.end <= start and not text[m.end : start].strip() for m in matches)


def _lowercased_name(e: Entry, text: str) -> bool:
    """An organization's name written with a capitalized word in lower case ("Hong Kong police"
    for "Hong Kong Police"): a common noun, not the name."""
    forms = [f for f in e.allowed("en") if f.lower() == text.lower()]
    return bool(forms) and all(
        any(a[:1].isupper() and b[:1].islower() for a, b in zip(f.split(), text.split()))
        for f in forms
    )


def _as_tags(codes: str) -> str:
    """XLIFF inline codes ("g#1 x#2", bilingual.py) written as tags the markup check compares."""
    return "".join(f' <{c.replace("#", "-")}/>' for c in codes.split())


def _rendering(e: Entry, text: str, file, seg, verdict, start: int = -1) -> dict:
    return {"entity": e.id, "canonical": e.en, "type": e.type, "rendering": " ".join(text.split()), "file": file, "segment": seg, "verdict": verdict, "start": start}


def script_findings(frame: pl.DataFrame, column: str, traditional: bool, context_col: str | None = None) -> list[dict]:
    """Simplified-only characters in a Traditional target (and Traditional-only in a Simplified one)."""
    from ..text import fold_chars

    if traditional:
        chars = "".join(sorted(simplified_only_chars()))
        message = "Simplified characters in a Traditional Chinese target"
    else:
        chars = None
        message = "Traditional characters in a Simplified Chinese target"
    out = []
    texts = frame[column].fill_null("")
    if chars:
        hits = frame.filter(texts.str.contains(f"[{re.escape(chars)}]"))
    else:
        hits = frame.filter(texts.str.contains(r"\p{Han}"))
    for row in hits.iter_rows(named=True):
        text = row[column] or ""
        if chars:
            bad = [c for c in text if c in simplified_only_chars()]
        else:
            bad = [c for c in text if is_cjk(c) and fold_chars(c) != c]
        if bad:
            found = "".join(dict.fromkeys(bad))
            out.append(finding(row["file"], row["segment"], "script", f"{message}: {found}", id=row.get("id"), found=found, context=row.get(context_col) or text if context_col else text))
    return out


HAN = "\u3400-\u9fff\uf900-\ufaff"  # literal ranges: the same pattern works in polars and in re
ZH_HALF_WIDTH = f"[{HAN}][,;:?!]\\s*[{HAN}]|[{HAN}]\\.$"
EN_FULL_WIDTH = f"(?:^|[^{HAN}])[，。；：！？「」『』、]|[，。；：！？「」『』、](?:$|[^{HAN}])"


def _balance(text: str, left: str, right: str) -> int:
    return sum(text.count(c) for c in left) - sum(text.count(c) for c in right)


def punctuation_findings(frame: pl.DataFrame, column: str, lang: str, context_col: str | None = None) -> list[dict]:
    """Half-width punctuation between Chinese characters, full-width punctuation in Latin text,
    unpaired brackets and quotes (unless the source has the same imbalance)."""
    marks, brackets = punctuation_streams(frame, column, lang, context_col)
    return marks + brackets


def punctuation_streams(frame: pl.DataFrame, column: str, lang: str,
                        context_col: str | None = None) -> tuple[list[dict], list[dict]]:
    """``punctuation_findings`` as two streams in segment order: marks, then unpaired brackets."""
    out: list[dict] = []
    brackets: list[dict] = []
    texts = frame[column].fill_null("")
    pattern, label, severity = (
        (ZH_HALF_WIDTH, "half-width punctuation in Chinese text", "info") if lang == "zh"
        else (EN_FULL_WIDTH, "full-width punctuation in Latin-script text", "warning")
    )
    compiled = re.compile(pattern)
    for row in frame.filter(texts.str.contains(pattern)).iter_rows(named=True):
        text = row[column]
        m = compiled.search(text)
        context = (row.get(context_col) if context_col else None) or text
        mark = re.search(r"[，。；：！？「」『』、,;:?!.]", m.group(0)) if m else None
        out.append(finding(row["file"], row["segment"], "punctuation", f"{label}: '{mark.group(0) if mark else ''}'", severity=severity, id=row.get("id"), found=mark.group(0) if mark else None, context=context))
    for row in frame.filter(texts.str.contains(r"[()（）“”「」『』\[\]]")).iter_rows(named=True):
        text = row[column]
        source = row.get(context_col) if context_col else None
        for left, right in PAIRS:
            balance = _balance(text, left, right)
            if balance and (source is None or _balance(source, left, right) != balance):
                brackets.append(finding(row["file"], row["segment"], "punctuation", f"unpaired {left[0]}{right[0]}: {balance:+d} opening bracket(s) or quote(s) without a partner", severity="warning",
                                   id=row.get("id"), found=next(c for c in text if c in (left if balance > 0 else right)), context=source or text))
                break
    return out, brackets
