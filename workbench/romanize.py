"""Romanized Chinese names: render in a system, parse, and judge against hanzi or a canonical form.

A Taiwanese person's English name is their own passport spelling, so no algorithm derives it: the
glossary knows who is spelled how. This module decides whether a string is a *plausible rendering*
of given hanzi, in *which* system, and how it deviates (system switch, slip, heteronym, format).

Readings come from pypinyin (heteronyms included) with a surname table for the surname position;
spellings come from the project's own syllable table (workbench/data/syllables.tsv, derived from
pinyin4j's tables), never from pypinyin's Wade-Giles or GR styles, which have known bugs.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from functools import cache, lru_cache
from importlib import resources

from .text import fold_chars

SYSTEMS = ("pinyin", "wade-giles", "gwoyeu", "tongyong", "mps2", "yale", "passport")
RENDER_SYSTEMS = ("wade-giles", "wade-giles-full", "pinyin", "tongyong", "gwoyeu", "mps2", "yale")
# What Taiwanese passports and house style use: Wade-Giles without apostrophes, GR spellings,
# and the common idiosyncratic spellings. Pinyin or Tongyong for a Taiwanese name is a switch.
TAIWAN_PASSPORT = frozenset({"wade-giles", "gwoyeu", "passport"})
VERDICTS = ("exact", "format-variant", "system-switch", "other-reading", "near-miss", "not-a-rendering")
_GLOSSARY_SYSTEM = {"wade-giles": {"wade-giles"}, "gwoyeu": {"wade-giles", "gwoyeu"}, "pinyin": {"pinyin"},
                    "tongyong": {"tongyong"}, "mps2": {"mps2"}, "yale": {"yale"}}

# Surname readings that pypinyin's most common reading gets wrong (romanization.md).
SURNAME_READINGS = {
    "曾": "zeng1", "單": "shan4", "解": "xie4", "仇": "qiu2", "區": "ou1", "樂": "yue4", "覃": "qin2",
    "繆": "miao4", "葉": "ye4", "查": "zha1", "翟": "zhai2", "朴": "piao2", "任": "ren2", "種": "chong2",
    "蓋": "ge3", "召": "shao4", "沈": "shen3", "柏": "bai3", "賁": "ben1", "隗": "wei3", "秘": "bi4",
    "冼": "xian3", "尉": "wei4", "長": "chang2", "缪": "miao4", "乐": "yue4", "单": "shan4", "区": "ou1",
    "叶": "ye4", "种": "chong2", "盖": "ge3", "贲": "ben1",
}
COMPOUND_SURNAMES = {
    "歐陽": "ou1 yang2", "司馬": "si1 ma3", "諸葛": "zhu1 ge3", "上官": "shang4 guan1", "張簡": "zhang1 jian3",
    "范姜": "fan4 jiang1", "司徒": "si1 tu2", "東方": "dong1 fang1", "皇甫": "huang2 fu3", "夏侯": "xia4 hou2",
    "公孫": "gong1 sun1", "長孫": "zhang3 sun1", "令狐": "ling2 hu2", "端木": "duan1 mu4", "慕容": "mu4 rong2",
    "尉遲": "yu4 chi2", "澹臺": "tan2 tai2", "鍾離": "zhong1 li2", "宇文": "yu3 wen2", "呼延": "hu1 yan2",
    "張廖": "zhang1 liao4", "西門": "xi1 men2", "軒轅": "xuan1 yuan2", "南宮": "nan2 gong1",
}
_APOSTROPHES = "'\u2018\u2019\u02bb\u02bc\u0060\u00b4"


def fold_spelling(text: str) -> str:
    """Lower case, no apostrophes, ü → u: passport Wade-Giles equals full Wade-Giles after this."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(f"[{_APOSTROPHES}]", "", text)
    return text.replace("ü", "u").replace("ê", "e")


# ---------------------------------------------------------------- tables

@dataclass(frozen=True)
class SyllableRow:
    pinyin: str
    wade_giles: str
    mps2: str
    yale: str
    tongyong: str
    gwoyeu: tuple[str, str, str, str]


def _data_lines(name: str):
    text = resources.files("workbench").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


@lru_cache(maxsize=1)
def syllable_table() -> dict[str, SyllableRow]:
    lines = _data_lines("syllables.tsv")
    table = {}
    for line in lines[1:]:
        hanyu, wg, mps2, yale, ty, g1, g2, g3, g4 = line.split("\t")
        table[hanyu] = SyllableRow(hanyu, wg, mps2, yale, ty, (g1, g2, g3, g4))
    return table


@lru_cache(maxsize=1)
def passport_spellings() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for line in _data_lines("passport_spellings.tsv"):
        syl, spellings, *_ = line.split("\t")
        out[syl] = spellings.split()
    return out


@cache
def spellings_of(syllable: str, tone: int = 5) -> dict[str, frozenset[str]]:
    """Folded spelling → systems, for one pinyin syllable (toneless, with ü) in a tone.

    A Gwoyeu Romatzyh spelling counts only for its own tone (all four for a neutral or unknown
    tone) and never where it equals the pinyin spelling: GR's tone-1 forms (deng, hong, jian) look
    exactly like pinyin, and a Taiwanese name written so is far more likely pinyin.
    """
    row = syllable_table().get(syllable)
    found: dict[str, set[str]] = {}

    def add(spelling, system):
        found.setdefault(fold_spelling(spelling), set()).add(system)

    if row is None:
        add(syllable, "pinyin")
    else:
        add(row.pinyin, "pinyin")
        if "ü" in row.pinyin:
            add(row.pinyin.replace("ü", "v"), "pinyin")
            add(row.pinyin.replace("ü", "yu"), "pinyin")  # MOFA's Hanyu passport form: Lyu
        add(row.wade_giles, "wade-giles")
        add(row.mps2, "mps2")
        add(row.yale, "yale")
        add(row.tongyong, "tongyong")
        for i, g in enumerate(row.gwoyeu, 1):
            if (tone == i or tone not in (1, 2, 3, 4)) and fold_spelling(g) != fold_spelling(row.pinyin):
                add(g, "gwoyeu")
    for spelling in passport_spellings().get(syllable, []):
        add(spelling, "passport")
    return {k: frozenset(v) for k, v in found.items()}


@lru_cache(maxsize=1)
def all_spellings() -> dict[str, frozenset[str]]:
    """Folded spelling → the pinyin syllables it can spell (any system)."""
    out: dict[str, set[str]] = {}
    for syl in syllable_table():
        for spelling in spellings_of(syl):
            out.setdefault(spelling, set()).add(syl)
    return {k: frozenset(v) for k, v in out.items()}


# ---------------------------------------------------------------- readings

@dataclass(frozen=True)
class Reading:
    syllable: str  # toneless pinyin with ü
    tone: int  # 1-4, 5 neutral
    usual: bool  # False: a heteronym not normally used in names

    @property
    def label(self) -> str:
        return f"{self.syllable}{self.tone}"


def _reading(tone3: str, usual: bool) -> Reading:
    m = re.fullmatch(r"([a-zü]+)([1-5])?", tone3)
    syl, tone = (m.group(1), int(m.group(2) or 5)) if m else (tone3, 5)
    return Reading(syl, tone, usual)


def _surname_key(text: str) -> str:
    return fold_chars(text)


@lru_cache(maxsize=1)
def _surname_tables():
    single = {_surname_key(k): v for k, v in SURNAME_READINGS.items()}
    compound = {_surname_key(k): v for k, v in COMPOUND_SURNAMES.items()}
    return single, compound


def split_surname(hanzi: str) -> tuple[str, str]:
    """(surname, given): compound surnames (歐陽, 張簡 …) are split off first."""
    _, compound = _surname_tables()
    if len(hanzi) >= 3 and _surname_key(hanzi[:2]) in compound:
        return hanzi[:2], hanzi[2:]
    return hanzi[:1], hanzi[1:]


@lru_cache(maxsize=4096)
def _char_readings(ch: str) -> tuple[Reading, ...]:
    from pypinyin import Style, pinyin

    [options] = pinyin(ch, style=Style.TONE3, heteronym=True, neutral_tone_with_five=True, v_to_u=True)
    readings: list = []
    for i, option in enumerate(options):
        r = _reading(option, usual=(i == 0))
        if r.syllable in syllable_table() and all(x.syllable != r.syllable for x in readings):
            readings.append(r)
    return tuple(readings)


def readings(hanzi: str) -> list[tuple[Reading, ...]]:
    """Readings per character, most likely first; the surname position uses the surname table."""
    single, compound = _surname_tables()
    surname, given = split_surname(hanzi)
    out: list[tuple[Reading, ...]] = []
    if len(surname) == 2:
        for ch, tone3 in zip(surname, compound[_surname_key(surname)].split()):
            main = _reading(tone3, True)
            out.append((main,) + tuple(Reading(r.syllable, r.tone, False) for r in _char_readings(ch) if r.syllable != main.syllable))
    elif surname:
        override = single.get(_surname_key(surname))
        if override:
            main = _reading(override, True)
            others = tuple(Reading(r.syllable, r.tone, False) for r in _char_readings(surname) if r.syllable != main.syllable)
            out.append((main,) + others)
        else:
            out.append(_char_readings(surname))
    for ch in given:
        out.append(_char_readings(ch))
    return out


def find_spelling(text: str, spelling: str) -> Iterator[re.Match[str]]:
    """Where ``spelling`` (a romanized word such as "Gaoxiong") stands in ``text`` as a whole word,
    any case: not inside a longer word or a hyphenated name ("Gaoxiong-based" is not a match)."""
    if not spelling:
        return iter(())
    return re.finditer(rf"(?<![\w-]){re.escape(spelling)}(?![\w-])", text, re.IGNORECASE)


def plain_pinyin(hanzi: str) -> list[str]:
    """Toneless pinyin syllables of ``hanzi``, ü written u ("Gao", "xiong"): what MT and PRC sources
    write for a place or a name; empty when a character has no Mandarin reading."""
    try:
        chars = readings(hanzi)
    except KeyError:
        return []
    if not chars or any(not r for r in chars):
        return []
    return [r[0].syllable.replace("ü", "u") for r in chars]


# ---------------------------------------------------------------- render

def spell(reading: Reading, system: str) -> str:
    row = syllable_table()[reading.syllable]
    if system == "pinyin":
        return row.pinyin
    if system == "wade-giles-full":
        return row.wade_giles
    if system == "wade-giles":
        return fold_spelling(row.wade_giles)
    if system == "gwoyeu":
        return row.gwoyeu[min(reading.tone, 4) - 1 if reading.tone <= 4 else 0]
    if system in ("tongyong", "mps2", "yale"):
        return getattr(row, system).replace("ü", "yu" if system == "tongyong" else "ü")
    raise ValueError(f"unknown romanization system '{system}' (expected one of: {', '.join(RENDER_SYSTEMS)})")


def render(hanzi: str, system: str = "wade-giles") -> str:
    """A name in ``system``, Taiwanese house style: surname first, given name hyphenated, lower case
    after the hyphen ("Tsai Ching-hsiang"). Pinyin joins the given name solid ("Cai Qingxiang").
    Tongyong keeps the surname's customary Wade-Giles spelling ("Tsai Cing-siang"): surnames stayed
    as the family had them when given names were written in Tongyong (2002–2008).
    """
    if system not in RENDER_SYSTEMS:
        raise ValueError(f"unknown romanization system '{system}' (expected one of: {', '.join(RENDER_SYSTEMS)})")
    surname, _ = split_surname(hanzi)
    chars = readings(hanzi)
    if any(not r for r in chars):
        bad = "".join(ch for ch, r in zip(hanzi, chars) if not r)
        raise ValueError(f"no Mandarin reading for '{bad}'")
    picked = [r[0] for r in chars]
    n_surname = len(surname)
    surname_system = "wade-giles" if system == "tongyong" else system
    sur = "".join(spell(r, surname_system) for r in picked[:n_surname])
    given = [spell(r, system) for r in picked[n_surname:]]
    if system == "pinyin":
        joined = given[0] if given else ""
        for g in given[1:]:
            joined += ("'" if g[:1] in "aoe" else "") + g
        given_text = joined
    else:
        given_text = "-".join(given)
    return f"{sur.capitalize()} {given_text.capitalize()}".strip()


def render_all(hanzi: str) -> dict[str, str]:
    return {system: render(hanzi, system) for system in RENDER_SYSTEMS}


# ---------------------------------------------------------------- parse

@dataclass
class ParsedName:
    original: str
    parts: list[list[str]]  # words, each a list of hyphen parts, as written (apostrophes kept)
    passport_form: bool  # "CHOU, YEW-WOEI"
    all_caps: bool


_WORD_SPLIT = re.compile(r"[\s,]+")


def parse(text: str) -> ParsedName:
    """Split a romanized name into words and hyphen parts; note passport comma form and all caps."""
    norm = unicodedata.normalize("NFKC", text).strip()
    norm = re.sub(f"[{_APOSTROPHES[1:]}]", "'", norm)
    norm = re.sub("[\u2010-\u2015\u2212]", "-", norm)
    passport = bool(re.fullmatch(r"[^,]+,\s*[^,]+", norm))
    words = [w for w in _WORD_SPLIT.split(norm) if w]
    parts = [[p for p in w.split("-") if p] for w in words]
    letters = [c for c in norm if c.isalpha()]
    all_caps = bool(letters) and all(c.isupper() for c in letters)
    return ParsedName(text, parts, passport, all_caps)


# ---------------------------------------------------------------- match

@dataclass
class Syllable:
    char: str
    written: str  # as written in the candidate
    reading: str  # pinyin with tone of the reading that fits best
    kind: str  # exact | other-reading | near-miss | none
    systems: list[str] = field(default_factory=list)
    nearest: str = ""  # for a near miss: the valid spelling it is closest to
    role: str = "given"  # surname | given


@dataclass
class NameVerdict:
    verdict: str
    text: str
    hanzi: str
    order: str  # surname-first | given-first
    syllables: list[Syllable]
    format_issues: list[str]
    systems: list[str]  # systems every syllable fits (empty when mixed)
    surname_ok: bool
    message: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


@lru_cache(maxsize=65536)
def _edit_distance(a: str, b: str) -> int:
    if a == b:
        return 0
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


@lru_cache(maxsize=65536)
def _piece_cost(options: tuple[Reading, ...], piece: str) -> tuple[float, str, Reading | None, frozenset, str]:
    """(cost, kind, reading, systems, nearest) of spelling one character's readings as ``piece``."""
    best: tuple[float, str, Reading | None, frozenset, str] = (9.0 + len(piece), "none", options[0] if options else None, frozenset(), "")
    for reading in options:
        table = spellings_of(reading.syllable, reading.tone)
        penalty = 0.0 if reading.usual else 0.4
        if piece in table:
            cand = (penalty, "exact" if reading.usual else "other-reading", reading, table[piece], "")
        else:
            nearest = min(table, key=lambda s: (_edit_distance(piece, s), s))
            d = _edit_distance(piece, nearest)
            if d <= 2 and d < len(piece) and len(piece) >= 2:
                cand = (1.0 + d / len(piece) + penalty, "near-miss", reading, frozenset(), nearest)
            else:
                cand = (9.0 + len(piece) + penalty, "none", reading, frozenset(), nearest)
        if cand[0] < best[0]:
            best = cand
    return best


def _align(parts: list[str], options: list[tuple[Reading, ...]]):
    """Best split of the hyphen/space parts into one piece per character (DP; pieces never cross
    a hyphen or a space). Returns (cost, [(piece_start_part, piece, cost_tuple)]) or None."""
    n, k = len(options), len(parts)
    memo: dict[tuple[int, int, int], tuple[float, list]] = {}

    def f(i, j, o):
        if i == n:
            return (0.0, []) if j == k else None
        if j == k:
            return None
        key = (i, j, o)
        if key in memo:
            return memo[key]
        best = None
        part = parts[j]
        for e in range(o + 1, len(part) + 1):
            piece = part[o:e]
            cost = _piece_cost(options[i], piece)
            rest = f(i + 1, j + 1, 0) if e == len(part) else f(i + 1, j, e)
            if rest is None:
                continue
            total = cost[0] + rest[0]
            if best is None or total < best[0]:
                best = (total, [(j, o, e, cost)] + rest[1])
        memo[key] = best
        return best

    return f(0, 0, 0)


def _format_issues(parsed: ParsedName, order: str, n_surname_words: int, given_syllables: int) -> list[str]:
    """House-style deviations: order, a spaced or solid given name, case (all caps is case-neutral)."""
    issues = []
    if order == "given-first":
        issues.append("order")
    words = parsed.parts
    given_words = words[n_surname_words:] if order == "surname-first" else words[: len(words) - n_surname_words]
    if len(given_words) > 1:
        issues.append("spaced")
    elif given_words and len(given_words[0]) == 1 and given_syllables > 1:
        issues.append("solid")
    if not parsed.all_caps:
        surname_words = words[:n_surname_words] if order == "surname-first" else words[len(words) - n_surname_words:]
        bad_case = any(not _is_title(w[0]) for w in surname_words if w)
        for w in given_words:
            if w and not _is_title(w[0]):
                bad_case = True
            if any(not p.islower() for p in w[1:]):
                bad_case = True
        if bad_case:
            issues.append("case")
    return issues


def _is_title(part: str) -> bool:
    letters = [c for c in part if c.isalpha()]
    return bool(letters) and letters[0].isupper() and all(c.islower() for c in letters[1:])


def _flatten(words: list[list[str]]) -> list[str]:
    return [fold_spelling(p) for w in words for p in w if fold_spelling(p)]


def match(romanized: str, hanzi: str, expected=TAIWAN_PASSPORT) -> NameVerdict:
    """Judge ``romanized`` as a rendering of ``hanzi`` (either order, passport form, any case)."""
    options = readings(hanzi)
    return _judge(parse(romanized), hanzi, options, len(split_surname(hanzi)[0]), frozenset(expected))


def _judge(parsed: ParsedName, hanzi: str, options, n_surname: int, expected: frozenset) -> NameVerdict:
    words = parsed.parts
    chars = list(hanzi) if hanzi else ["?"] * len(options)
    hypotheses = []
    # surname-first: the surname occupies the first word (or words, for a compound written spaced)
    for n_sw in (1, 2) if n_surname == 2 else (1,):
        if len(words) > n_sw or (len(words) == n_sw and n_surname == len(options)):
            hypotheses.append(("surname-first", n_sw, words[:n_sw] + words[n_sw:], list(range(len(options)))))
        if not parsed.passport_form and len(words) > n_sw:
            order = list(range(n_surname, len(options))) + list(range(n_surname))
            hypotheses.append(("given-first", n_sw, words, order))
    if not hypotheses:
        hypotheses.append(("surname-first", 1, words, list(range(len(options)))))
    best = None
    for order_name, n_sw, ws, idx in hypotheses:
        if order_name == "surname-first":
            sur_parts, given_parts = _flatten(ws[:n_sw]), _flatten(ws[n_sw:])
            a = _align(sur_parts, [options[i] for i in idx[:n_surname]]) if sur_parts else None
            b = _align(given_parts, [options[i] for i in idx[n_surname:]]) if given_parts or n_surname == len(options) else None
        else:
            given_parts, sur_parts = _flatten(ws[: len(ws) - n_sw]), _flatten(ws[len(ws) - n_sw:])
            b = _align(given_parts, [options[i] for i in range(n_surname, len(options))]) if given_parts else None
            a = _align(sur_parts, [options[i] for i in range(n_surname)]) if sur_parts else None
        if a is None or b is None:
            continue
        cost = a[0] + b[0] + (0.01 if order_name == "given-first" else 0)
        if best is None or cost < best[0]:
            best = (cost, order_name, n_sw, sur_parts, given_parts, a[1], b[1])
    if best is None:
        return NameVerdict("not-a-rendering", parsed.original, hanzi, "surname-first", [], [], [], False,
                           f"'{parsed.original}' cannot be split into {len(options)} syllables")
    _, order_name, n_sw, sur_parts, given_parts, sur_steps, given_steps = best
    syllables = []
    for role, parts, steps, char_idx in (("surname", sur_parts, sur_steps, range(n_surname)), ("given", given_parts, given_steps, range(n_surname, len(options)))):
        for ci, (j, o, e, cost) in zip(char_idx, steps):
            _, kind, reading, systems, nearest = cost
            syllables.append(Syllable(chars[ci] if ci < len(chars) else "?", parts[j][o:e], reading.label if reading else "", kind,
                                      sorted(systems, key=SYSTEMS.index), nearest, role))
    issues = _format_issues(parsed, order_name, n_sw, len(options) - n_surname)
    kinds = {s.kind for s in syllables}
    surname_ok = all(s.kind == "exact" for s in syllables if s.role == "surname")
    common = set(SYSTEMS)
    for s in syllables:
        common &= set(s.systems)
    in_expected = all(set(s.systems) & expected for s in syllables)
    if "none" in kinds:
        verdict = "not-a-rendering"
        if surname_ok:
            message = "surname matches; the given name is not a Mandarin rendering of the hanzi (Hokkien, Western or another name?)"
        else:
            message = "not a rendering of these hanzi"
    elif "near-miss" in kinds:
        verdict = "near-miss"
        slips = [f"'{s.written}' for {s.char} ({s.reading}; nearest valid '{s.nearest}')" for s in syllables if s.kind == "near-miss"]
        message = "likely misspelling: " + "; ".join(slips)
    elif "other-reading" in kinds:
        verdict = "other-reading"
        odd = [f"'{s.written}' reads {s.char} as {s.reading}" for s in syllables if s.kind == "other-reading"]
        message = "a reading not used for this name: " + "; ".join(odd)
    elif not in_expected:
        verdict = "system-switch"
        outside = sorted({sys for s in syllables if not set(s.systems) & expected for sys in s.systems}, key=SYSTEMS.index)
        message = f"valid in {', '.join(outside)}, not in {', '.join(sorted(expected, key=SYSTEMS.index))}"
    elif issues:
        verdict = "format-variant"
        message = "format: " + ", ".join(issues)
    else:
        verdict = "exact"
        message = "a rendering in " + (", ".join(sorted(common, key=SYSTEMS.index)) or "mixed systems: " + ", ".join(sorted({x for s in syllables for x in s.systems}, key=SYSTEMS.index)))
    if issues and verdict in ("system-switch", "near-miss", "other-reading"):
        message += "; format: " + ", ".join(issues)
    return NameVerdict(verdict, parsed.original, hanzi, order_name, syllables, issues,
                       sorted(common, key=SYSTEMS.index), surname_ok, message)


# ---------------------------------------------------------------- compare with a canonical spelling

def _exact_key(parsed: ParsedName) -> str:
    """The spelling without apostrophes and the passport comma; all caps compares case-free."""
    key = re.sub(f"[{_APOSTROPHES}]", "", " ".join("-".join(w) for w in parsed.parts))
    return key.lower() if parsed.all_caps else key


def _letters(parsed: ParsedName, order: str, n_surname_words: int = 1) -> str:
    words = parsed.parts
    if order == "given-first":
        words = words[len(words) - n_surname_words:] + words[: len(words) - n_surname_words]
    return "".join(_flatten(words))


def compare(candidate: str, canonical: str, hanzi: str | None = None) -> NameVerdict:
    """Judge ``candidate`` against the person's canonical spelling (and hanzi when known).

    exact (same spelling; all caps, passport comma form and apostrophes aside) | format-variant
    (case, hyphen, spacing, order) | system-switch (a valid rendering, another spelling) |
    other-reading | near-miss (a slip) | not-a-rendering (another name).
    """
    cand, canon = parse(candidate), parse(canonical)
    if hanzi:
        options = readings(hanzi)
        n_surname = len(split_surname(hanzi)[0])
    else:
        options, n_surname = _readings_from_spelling(canon), 1
    if not options:
        return NameVerdict("not-a-rendering", candidate, hanzi or "", "surname-first", [], [], [], False, "canonical form is not a romanized Chinese name")
    canon_v = _judge(canon, hanzi or "", options, n_surname, frozenset(SYSTEMS))
    cand_v = _judge(cand, hanzi or "", options, n_surname, frozenset(SYSTEMS))
    canon_exact = _exact_key(canon)
    if _exact_key(cand) == (canon_exact.lower() if cand.all_caps else canon_exact):
        cand_v.verdict, cand_v.message, cand_v.format_issues = "exact", f"same spelling as '{canonical}'", []
        return cand_v
    if _letters(cand, cand_v.order) == _letters(canon, canon_v.order):
        issues = [i for i in cand_v.format_issues if i not in canon_v.format_issues] or ["case"]
        cand_v.verdict, cand_v.format_issues = "format-variant", issues
        cand_v.message = f"same spelling as '{canonical}' but for {', '.join(issues)}"
        return cand_v
    if cand_v.verdict in ("exact", "format-variant", "system-switch"):
        differing = _differing(cand_v, canon_v)
        systems = set(SYSTEMS)
        for syl in differing:
            systems &= set(syl.systems)
        systems_text = ", ".join(sorted(systems, key=SYSTEMS.index)) or "mixed systems"
        spelled = " ".join(syl.written for syl in differing)
        issues = [i for i in cand_v.format_issues if i not in canon_v.format_issues]
        in_family = all(set(syl.systems) & TAIWAN_PASSPORT for syl in cand_v.syllables)
        if issues and in_family:
            # Western order or case is what a reader sees first; the spelling slip rides along.
            cand_v.verdict, cand_v.format_issues = "format-variant", issues
            cand_v.message = f"format: {', '.join(issues)}; also spelled '{spelled}' ({systems_text}) where the person's spelling is '{canonical}'"
        else:
            cand_v.verdict = "system-switch"
            cand_v.message = f"'{candidate}' is a valid rendering ({systems_text}) but the person's spelling is '{canonical}'"
            if issues:
                cand_v.message += f"; format: {', '.join(issues)}"
        return cand_v
    if cand_v.verdict in ("near-miss", "other-reading"):
        cand_v.message += f"; the person's spelling is '{canonical}'"
        return cand_v
    # Neither a rendering of the hanzi: compare with the canonical spelling itself (Hokkien names).
    d = _edit_distance(_letters(cand, "surname-first"), _letters(canon, "surname-first"))
    if d <= 2:
        cand_v.verdict, cand_v.message = "near-miss", f"{d} letter(s) off '{canonical}'"
    else:
        cand_v.verdict, cand_v.message = "not-a-rendering", f"a different name from '{canonical}'"
    return cand_v


def _differing(a: NameVerdict, b: NameVerdict) -> list[Syllable]:
    by_char = {(s.role, i): s for i, s in enumerate(b.syllables)}
    return [s for i, s in enumerate(a.syllables) if (s.role, i) not in by_char or fold_spelling(by_char[(s.role, i)].written) != fold_spelling(s.written)]


def _readings_from_spelling(parsed: ParsedName) -> list[tuple[Reading, ...]]:
    """Readings for a name known only by its spelling: each part segmented into syllables."""
    options = []
    for part in _flatten(parsed.parts):
        segs = segment_syllables(part)
        if not segs:
            return []
        for seg in segs:
            options.append(tuple(Reading(s, 5, True) for s in sorted(all_spellings()[seg])))
    return options


@lru_cache(maxsize=65536)
def segment_syllables(word: str, max_syllables: int = 3) -> tuple[str, ...] | None:
    """Split a folded word into valid spellings (any system), fewest pieces first; None if impossible."""
    spellings = all_spellings()
    if word in spellings:
        return (word,)
    if max_syllables <= 1:
        return None
    for i in range(len(word) - 1, 0, -1):
        head = word[:i]
        if head in spellings:
            rest = segment_syllables(word[i:], max_syllables - 1)
            if rest:
                return (head, *rest)
    return None


# ---------------------------------------------------------------- find names in English text

_TOKEN_RE = re.compile(r"(?<![\w'\u2019])[A-Z][A-Za-z]*(?:['\u2019][A-Za-z]+)?(?:[-\u2010\u2011][A-Za-z]+(?:['\u2019][A-Za-z]+)?)*(?![\w'\u2019])")
_GAP_RE = re.compile(r",?[ \u00a0]+")


@dataclass(frozen=True)
class NameCandidate:
    start: int
    end: int
    text: str
    syllables: int


def _word_syllables(word: str) -> int:
    total = 0
    for part in re.split(r"[-\u2010\u2011]", word):
        seg = segment_syllables(fold_spelling(part), 3)
        if not seg:
            return 0
        total += len(seg)
    return total


def _is_name_window(counts: list[int]) -> bool:
    return (
        len(counts) >= 2 and 0 not in counts and 2 <= sum(counts) <= 4
        and (counts[0] == 1 or counts[-1] == 1)
    )


def find_names(text: str) -> list[NameCandidate]:
    """Romanized Chinese name candidates: 2–4 capitalized syllables, surname first or last.

    Capitalized words standing next to each other form runs; inside a run, the longest window of
    2–3 words in which every word splits into valid syllables of some system, one end word is a
    single syllable (the surname) and the whole has 2 to 4 syllables is a candidate. "The Hague",
    "Red Notice" or "Commissioner" never qualify.
    """
    tokens = [(m.start(), m.end(), m.group(0)) for m in _TOKEN_RE.finditer(text)]
    runs: list[list] = []
    run: list = []
    for tok in tokens:
        if run and _GAP_RE.fullmatch(text[run[-1][1] : tok[0]]) is None:
            runs.append(run)
            run = []
        run.append(tok)
    if run:
        runs.append(run)
    out = []
    for run in runs:
        counts = [_word_syllables(w) for _, _, w in run]
        i = 0
        while i < len(run) - 1:
            for size in (3, 2):
                window = counts[i : i + size]
                if len(window) == size and _is_name_window(window):
                    start, end = run[i][0], run[i + size - 1][1]
                    out.append(NameCandidate(start, end, text[start:end], sum(window)))
                    i += size
                    break
            else:
                i += 1
    return out


# ---------------------------------------------------------------- glossary integration

def judge_glossary_person(row: dict) -> tuple[str, str] | None:
    """Lint for a person entry: warning when `en` is not a plausible rendering of `zh`, else an
    info line saying which system(s) it uses. `romanization: custom` entries are only described."""
    zh, en, declared = row.get("zh", ""), row.get("en", ""), (row.get("romanization") or "").strip()
    if not zh or not en:
        return None
    try:
        v = match(en, zh, expected=frozenset(SYSTEMS))
    except (KeyError, ValueError):
        return ("warning", f"cannot read '{zh}' for romanization checks")
    used = sorted({x for s in v.syllables for x in s.systems}, key=SYSTEMS.index)
    if declared == "custom":
        return ("info", f"'{en}' is marked custom" + (f"; surname fits {', '.join(v.syllables[0].systems)}" if v.syllables and v.syllables[0].systems else ""))
    if v.verdict in ("not-a-rendering", "near-miss"):
        return ("warning", f"'{en}' is not a plausible rendering of {zh} ({v.message}); fix it or set romanization to custom")
    per = "; ".join(f"{s.written}={'/'.join(s.systems) or '?'}" for s in v.syllables)
    if declared and declared in _GLOSSARY_SYSTEM and not all(set(s.systems) & (_GLOSSARY_SYSTEM[declared] | {"passport"}) for s in v.syllables):
        return ("warning", f"'{en}' is declared {declared} but its syllables fit: {per}")
    return ("info", f"'{en}' uses {', '.join(used) if len(v.systems) == 0 else ', '.join(v.systems)} ({per})")
