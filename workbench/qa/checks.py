"""Segment-level checks. Each check has a stable id and a default severity (findings.CHECKS).

Glossary checks work for any language column; romanization checks apply to Latin-script targets.
Term matching runs one Aho-Corasick pass per column (``TermMatcher.find_many``); the simple
string checks are polars expressions over the whole frame.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

import polars as pl

from .. import numbers, romanize
from ..glossary import Entry, Glossary
from ..text import fold, has_cjk, is_cjk, simplified_only_chars
from .findings import finding

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
    terms: list[dict] = field(default_factory=list)  # term compliance: one row per (segment, entry)
    renderings: list[dict] = field(default_factory=list)  # how each person/place was written


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

    def __init__(self, glossary: Glossary, direction: Direction | None):
        self.glossary = glossary
        self.direction = direction

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
        d = self.pair_direction
        result = SegmentResult()
        sources = frame["source"].fill_null("").to_list()
        targets = frame["target"].fill_null("").to_list()
        src_matches = self.glossary.matcher.find_many(sources, langs={d.source}, roles={"canonical", "variant"})
        tgt_matches = self.glossary.matcher.find_many(targets, langs={d.target})
        for row, src, tgt, sm, tm in zip(frame.iter_rows(named=True), sources, targets, src_matches, tgt_matches):
            self._pair(row, src, tgt, sm, tm, result)
        result.findings.extend(self.vectorized_pairs(frame))
        return result

    def _pair(self, row, src, tgt, sm, tm, result: SegmentResult) -> None:
        d, g = self.pair_direction, self.glossary
        file, seg, ident = row["file"], row["segment"], row.get("id")
        add = lambda check, msg, **kw: result.findings.append(finding(file, seg, check, msg, id=ident, context=src, **kw))
        if not tgt.strip() or tgt.strip() == src.strip():
            return  # empty or copied targets are reported once, by the untranslated check
        source_entries: dict[str, tuple[Entry, str]] = {}
        for m in sm:
            for t in m.terms:
                e = g.entries[t.entry]
                if e.status != "proposed" and e.forms.get(d.target):
                    source_entries.setdefault(e.id, (e, m.text))
        allowed_here: dict = {}
        forbidden_here: dict = {}
        for m in tm:
            for t in m.terms:
                (forbidden_here if t.role == "forbidden" else allowed_here).setdefault(t.id, m)
        latin = is_latin(d.target)
        names = romanize.find_names(tgt) if latin else []
        allowed_spans = [(m.start, m.end) for m in tm if any(t.role != "forbidden" for t in m.terms)]
        for eid, m in forbidden_here.items():
            e = g.by_id[eid]
            also_allowed = [t.id for t in m.terms if t.role != "forbidden"]
            if eid not in source_entries and also_allowed:
                continue
            span = source_entries.get(eid, (e, None))[1]
            for check, message, severity, verdict in self.forbidden_verdict(e, m.text, d.target):
                add(check, message, severity=severity, term=eid, source_span=span, found=m.text, expected=e.forms[d.target])
                if e.type in ("person", "place") and latin:
                    result.renderings.append(_rendering(e, m.text, file, seg, verdict, m.start))
        for eid, m in allowed_here.items():
            e = g.by_id[eid]
            if e.status == "deprecated":
                add("term-deprecated", f"'{m.text}' renders a deprecated entry ({eid})", term=eid, found=m.text)
            if e.type in ("person", "place") and latin:
                result.renderings.append(_rendering(e, m.text, file, seg, "exact", m.start))
        for eid, (e, span) in source_entries.items():
            ok = eid in allowed_here
            status = "compliant" if ok else "violation"
            if not ok and eid not in forbidden_here:
                handled = False
                if e.type == "person" and latin:
                    handled = self._name_for_entry(e, span, names, allowed_spans, add, result, file, seg)
                if e.type == "place" and latin and not handled:
                    handled = self._place_pinyin(e, span, tgt, add)
                if not handled:
                    add("term-missing", f"{span} should be rendered '{e.forms[d.target]}'" + (f" (or {', '.join(e.variants.get(d.target, []))})" if e.variants.get(d.target) else ""),
                        term=eid, source_span=span, expected=e.forms[d.target])
            result.terms.append({"term": eid, "type": e.type, "source": span, "expected": e.forms[d.target], "file": file, "segment": seg, "status": status})
        if latin:
            self._parenthesized_names(tgt, file, seg, ident, src, result, skip={e.id for e, _ in source_entries.values()})
        self._numbers(src, tgt, add)
        if latin and d.source == "zh":
            leftover = _CJK_RUN.findall(_PARENS_WITH_CJK.sub(" ", tgt))
            if leftover:
                add("untranslated", f"Chinese text left in the English target: {' '.join(leftover)}", found=" ".join(leftover))

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
            v = romanize.judge(name, hanzi)
        except (KeyError, ValueError):
            return
        if v.verdict == "near-miss":
            result.findings.append(finding(
                file, seg, "name-variant", f"'{name}' for {hanzi}: {v.verdict} — {v.message}",
                severity="warning", id=ident, source_span=hanzi, found=name, context=context))

    def _numbers(self, src, tgt, add) -> None:
        d = self.pair_direction
        s_nums = numbers.extract(src, d.source)
        t_nums = numbers.extract(tgt, d.target)
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
        d = self.pair_direction
        out = []
        src, tgt = pl.col("source").fill_null(""), pl.col("target").fill_null("")
        flagged = frame.with_columns(
            empty=(tgt.str.strip_chars() == "") & (src.str.strip_chars() != ""),
            copied=(tgt.str.strip_chars() == src.str.strip_chars()) & (src.str.contains(r"[A-Za-z\p{Han}]")) & (src.str.len_chars() > 3),
        )
        for row in flagged.filter(pl.col("empty") | pl.col("copied")).iter_rows(named=True):
            msg = "target is empty" if row["empty"] else "target is identical to the source"
            out.append(finding(row["file"], row["segment"], "untranslated", msg, id=row.get("id"), found=row["target"] or None, context=row["source"] or ""))
        if d.target == "zh":
            out += script_findings(frame, "target", d.traditional, context_col="source")
        if d.target == "zh":
            ratio = frame.with_columns(latin=tgt.str.count_matches(r"[A-Za-z]"), han=tgt.str.count_matches(r"\p{Han}"))
            for row in ratio.filter((pl.col("latin") > 12) & (pl.col("latin") > 2 * pl.col("han"))).iter_rows(named=True):
                out.append(finding(row["file"], row["segment"], "untranslated", "target is mostly Latin text: untranslated English?", id=row.get("id"), found=row["target"][:80], context=row["source"] or ""))
        out += punctuation_findings(frame, "target", "zh" if d.target == "zh" else "en", context_col="source")
        return out

    # ---------------------------------------------------------------- monolingual
    def scan(self, frame: pl.DataFrame, lang: str) -> SegmentResult:
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
                        if e.status == "deprecated":
                            result.findings.append(finding(file, seg, "term-deprecated", f"'{m.text}' renders a deprecated entry ({eid})", term=eid, found=m.text, context=text))
                        if e.type in ("person", "place") and lang != "zh":
                            result.renderings.append(_rendering(e, m.text, file, seg, "exact", m.start))
                    continue
                for t in m.terms:
                    e = self.glossary.by_id[t.id]
                    for check, message, severity, verdict in self.forbidden_verdict(e, m.text, lang):
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
                if judged is None:
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
        if lang == "zh":
            result.findings += script_findings(renamed, "target", True)
        result.findings += punctuation_findings(renamed, "target", lang)
        return result


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
    out = []
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
                out.append(finding(row["file"], row["segment"], "punctuation", f"unpaired {left[0]}{right[0]}: {balance:+d} opening bracket(s) or quote(s) without a partner", severity="warning",
                                   id=row.get("id"), found=next(c for c in text if c in (left if balance > 0 else right)), context=source or text))
                break
    return out
