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

from rapidfuzz.distance import OSA, Levenshtein
from rapidfuzz.process import extractOne as extract_one

from . import cantonese, hokkien, regions
from .text import fold_chars

SYSTEMS = ("pinyin", "wade-giles", "gwoyeu", "tongyong", "mps2", "yale", "passport", "hk-gov", "macau",
           "hokkien", "dialect")
RENDER_SYSTEMS = ("wade-giles", "wade-giles-full", "pinyin", "tongyong", "gwoyeu", "mps2", "yale")
# What Taiwanese passports and house style use: Wade-Giles without apostrophes, GR spellings,
# and the common idiosyncratic spellings. Pinyin or Tongyong for a Taiwanese name is a switch.
TAIWAN_PASSPORT = frozenset({"wade-giles", "gwoyeu", "passport"})
VERDICTS = ("exact", "format-variant", "unverified", "system-switch", "other-reading", "near-miss",
            "not-a-rendering")
# Verdicts under which a spelling stands (exit 0 from `wb romanize --check`): the rest are reported.
VALID_VERDICTS = frozenset({"exact", "format-variant", "unverified"})
UNVERIFIED_NOTE = "not derivable; check the person's own usage"
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
_FOLD = str.maketrans({**dict.fromkeys(_APOSTROPHES), "ü": "u", "ê": "e"})


def fold_spelling(text: str) -> str:
    """Lower case, no apostrophes, ü → u: passport Wade-Giles equals full Wade-Giles after this."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return text.lower().translate(_FOLD)


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
def spellings_of(syllable: str, tone: int = 5, lang: str = "cmn") -> dict[str, frozenset[str]]:
    """Folded spelling → systems, for one syllable: Mandarin pinyin (toneless, with ü) in a tone,
    a Jyutping syllable (lang 'yue'), a Tâi-lô syllable ('nan') or a dialect surname ('dialect').

    A Gwoyeu Romatzyh spelling counts in any tone (Taiwanese readings and passport habits differ
    from the dictionary's tone) but never where it equals the pinyin spelling: GR's tone-1 forms
    (deng, hong, jian) look exactly like pinyin, and a name written so is far more likely pinyin.
    """
    if lang == "yue":
        return cantonese.spellings(syllable)
    if lang == "nan":
        return hokkien.spellings(syllable)
    if lang == "dialect":
        return {s: frozenset({"dialect"}) for s in dialect_surnames().get(syllable, ())}
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
        for g in row.gwoyeu:
            if fold_spelling(g) != fold_spelling(row.pinyin):
                add(g, "gwoyeu")
        for variant in _passport_variants(fold_spelling(row.wade_giles)):
            add(variant, "passport")
    for spelling in passport_spellings().get(syllable, []):
        add(spelling, "passport")
    return {k: frozenset(v) for k, v in found.items()}


def _passport_variants(wg: str) -> set[str]:
    """Irregular forms Taiwan's household registration accepts beside passport Wade-Giles: a
    written initial y/w for i/u/ü (Yi, Wu, Yu), w after k/h (Kwang, Hwang), ssu as szu/sze/su,
    oo for a final u (Koo), ow for ou (Chow), er for a bare final e (Cher, Jer, Tser)."""
    out = set()
    if wg == "i":
        out.add("yi")
    if wg == "u":
        out |= {"wu", "woo"}
    m = re.fullmatch(r"(k|kh|h)u(a.*|o)", wg)
    if m:
        out.add(m.group(1) + "w" + m.group(2))
    if wg in ("ssu", "szu"):
        out |= {"ssu", "szu", "sze", "su"}
    if re.fullmatch(r"[^aeiouy]+u", wg):
        out.add(wg[:-1] + "oo")
    if wg.endswith("ou"):
        out.add(wg[:-2] + "ow")
    if re.fullmatch(r"[^aeiouy]+u(ng?)", wg):
        out.add(re.sub(r"u(ng?)$", r"oo\1", wg))  # Soong, Koon
    if wg.startswith("yu") and len(wg) > 2:
        out.add(wg[1:])  # yüeh written üeh → ueh
    if re.fullmatch(r"[^aeiouy']+'?e", wg):
        out.add(wg + "r")  # the vowel of 哲 che, 澤 tse written as English "er" (Wei-cher)
    out.discard(wg)
    return out


@lru_cache(maxsize=1)
def dialect_surnames() -> dict[str, tuple[str, ...]]:
    """Surname → spellings in Teochew, Hakka and other dialects no reading table here covers."""
    out: dict[str, tuple[str, ...]] = {}
    for line in _data_lines("dialect_surnames.tsv"):
        hanzi, spellings, *_ = line.split("\t")
        for ch in hanzi.split("|"):
            out[ch] = tuple(fold_spelling(x) for x in spellings.split())
    return out


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
    syllable: str  # toneless pinyin with ü; Jyutping with tone (yue); Tâi-lô (nan); a surname (dialect)
    tone: int  # 1-4, 5 neutral (Mandarin)
    usual: bool  # False: a heteronym not normally used in names
    lang: str = "cmn"
    cost: float = 0.4  # added when not usual; a given name's rare heteronym costs more than a slip
    _hash: int = field(default=0, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Readings key the alignment caches; hashing five fields on every lookup was the hot spot.
        object.__setattr__(self, "_hash", hash((self.syllable, self.tone, self.usual, self.lang,
                                                self.cost)))

    def __hash__(self) -> int:
        return self._hash

    def __reduce__(self):
        # str hashes differ between processes: a pickled reading recomputes its hash on arrival
        return (Reading, (self.syllable, self.tone, self.usual, self.lang, self.cost))

    @property
    def label(self) -> str:
        if self.lang == "yue":
            return f"{self.syllable} (Cantonese)"
        if self.lang == "nan":
            return f"{self.syllable} (Hokkien)"
        if self.lang == "dialect":
            return "dialect surname"
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


@cache
def _pypinyin():
    """pypinyin without its phrase dictionary (~45 MB, 0.1 s): names are read one character at a
    time, and single-character readings are identical without it (checked over all 41,923
    characters of its table). pypinyin reads these switches once, at import."""
    import os
    import sys

    if "pypinyin" not in sys.modules:
        switches = {"PYPINYIN_NO_PHRASES": "1", "PYPINYIN_NO_DICT_COPY": "1"}
        saved = {k: os.environ.get(k) for k in switches}
        os.environ.update(switches)
        try:
            import pypinyin  # noqa: F401
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
    from pypinyin import Style, pinyin

    return Style, pinyin


@lru_cache(maxsize=4096)
def _char_readings(ch: str) -> tuple[Reading, ...]:
    Style, pinyin = _pypinyin()
    [options] = pinyin(ch, style=Style.TONE3, heteronym=True, neutral_tone_with_five=True, v_to_u=True)
    readings: list = []
    for i, option in enumerate(options):
        r = _reading(option, usual=(i == 0))
        if i:
            r = Reading(r.syllable, r.tone, False, "cmn", 1.4)
        if r.syllable in syllable_table() and all(x.syllable != r.syllable for x in readings):
            readings.append(r)
    return _Options(readings)


def readings(hanzi: str, region: str | None = None) -> list[tuple[Reading, ...]]:
    """Readings per character, most likely first; the surname position uses the surname table.
    With a region, the readings of each of its languages (Cantonese for Hong Kong …) follow."""
    return list(_regional_readings(hanzi, region))


class _Options(tuple):
    """One character's readings, hashed once: they key the alignment caches, and hashing each
    reading on every lookup was the hot spot of judging a name for the first time."""

    _hash: int

    def __new__(cls, readings=()):
        self = super().__new__(cls, readings)
        self._hash = tuple.__hash__(self)
        return self

    def __hash__(self) -> int:
        return self._hash

    def __reduce__(self):
        return (_Options, (tuple(self),))


@lru_cache(maxsize=8192)
def _regional_readings(hanzi: str, region: str | None) -> tuple[tuple[Reading, ...], ...]:
    chars = _mandarin_readings(hanzi)
    if region is None:
        return tuple(chars)
    n_surname = len(split_surname(hanzi)[0])
    return tuple(_char_options(ch, cmn, region, True) if i < n_surname
                 else _given_char_options(ch, cmn, region)
                 for i, (ch, cmn) in enumerate(zip(hanzi, chars)))


def _given_char_options(ch: str, cmn: tuple[Reading, ...], region: str) -> _Options:
    """A given-name character's readings in a region: the same in every name it appears in."""
    return _char_options(ch, cmn, region, False)


@lru_cache(maxsize=16384)
def _char_options(ch: str, cmn: tuple[Reading, ...], region: str, surname: bool) -> _Options:
    langs = regions.get(region).languages
    # the region's own languages first: on a tie the native reading explains the spelling
    by_lang: dict[str, list[Reading]] = {"cmn": list(cmn)}
    if "yue" in langs:
        yue = list(cantonese.char_readings(ch))
        override = cantonese.SURNAME_READINGS.get(ch) if surname else None
        if override:
            yue = [override] + [r for r in yue if r != override]
        by_lang["yue"] = [Reading(r, 0, True, "yue") for r in yue]  # names use any of them
    if "nan" in langs and not (region == "tw" and surname):
        by_lang["nan"] = [Reading(r, 0, True, "nan") for r in hokkien.char_readings(ch)]
    options = []
    if surname and region in ("sg", "my", "other") and ch in dialect_surnames():
        options.append(Reading(ch, 0, True, "dialect"))
    for lang in langs:
        options += by_lang.get(lang, [])
    return _Options(options)


@lru_cache(maxsize=4096)
def _mandarin_readings_cached(hanzi: str) -> tuple[tuple[Reading, ...], ...]:
    return tuple(_mandarin_readings_raw(hanzi))


def _mandarin_readings(hanzi: str) -> list[tuple[Reading, ...]]:
    return list(_mandarin_readings_cached(hanzi))


def _mandarin_readings_raw(hanzi: str) -> list[tuple[Reading, ...]]:
    surname, given = split_surname(hanzi)
    return list(_surname_readings(surname)) + [_char_readings(ch) for ch in given]


@lru_cache(maxsize=4096)
def _surname_readings(surname: str) -> tuple[tuple[Reading, ...], ...]:
    """Readings of a surname's characters: the surname table's reading first, others after."""
    single, compound = _surname_tables()
    out: list[tuple[Reading, ...]] = []
    if len(surname) == 2:
        for ch, tone3 in zip(surname, compound[_surname_key(surname)].split()):
            main = _reading(tone3, True)
            out.append(_Options((main,) + tuple(Reading(r.syllable, r.tone, False) for r in _char_readings(ch) if r.syllable != main.syllable)))
    elif surname:
        override = single.get(_surname_key(surname))
        if override:
            main = _reading(override, True)
            others = tuple(Reading(r.syllable, r.tone, False) for r in _char_readings(surname) if r.syllable != main.syllable)
            out.append(_Options((main,) + others))
        else:
            out.append(_char_readings(surname))
    return tuple(out)


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

@dataclass(frozen=True)
class ParsedName:
    original: str
    parts: list[list[str]]  # words, each a list of hyphen parts, as written (apostrophes kept)
    passport_form: bool  # "CHOU, YEW-WOEI"
    all_caps: bool


_WORD_SPLIT = re.compile(r"[\s,]+")
_PASSPORT_FORM = re.compile(r"[^,]+,\s*[^,]+")
# curly apostrophes and the like → "'", Unicode hyphens and dashes → "-"
_PARSE_MARKS = str.maketrans({**dict.fromkeys(_APOSTROPHES[1:], "'"),
                              **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-")})


@lru_cache(maxsize=64)
def parse(text: str) -> ParsedName:
    """Split a romanized name into words and hyphen parts; note passport comma form and all caps.
    (Cached briefly: judging one name parses its spelling in several places.)"""
    norm = text.strip() if text.isascii() else unicodedata.normalize("NFKC", text).strip()
    norm = norm.translate(_PARSE_MARKS)
    passport = "," in norm and bool(_PASSPORT_FORM.fullmatch(norm))
    words = [w for w in _WORD_SPLIT.split(norm) if w]
    parts = [[p for p in w.split("-") if p] for w in words]
    if norm.isascii():  # every ASCII letter has a case
        all_caps = norm.isupper()
    else:
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
    region: str = ""  # the region judged by ("" = Taiwan rules, the default without a region)
    region_inferred: bool = False  # True when the region was inferred from the spelling
    english_name: str = ""  # an English given name written with the Chinese name ("John")

    @property
    def valid(self) -> bool:
        return self.verdict in VALID_VERDICTS

    def to_dict(self) -> dict:
        return asdict(self)


@lru_cache(maxsize=65536)
def _edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (rapidfuzz's C implementation: the nearest-spelling search of a
    character never seen before was the slowest part of judging a new name)."""
    return Levenshtein.distance(a, b)


# Spellings a typo is measured against when the person's own spelling is unknown: the common
# systems, not the rarer tonal or scholarly forms (GR 'doen', Yale 'dwen') that no one misses by a letter.
_TYPO_REFERENCE = frozenset({"wade-giles", "passport", "pinyin", "hk-gov", "macau", "hokkien", "dialect"})


def _n_ng(a: str, b: str) -> bool:
    """Final n for ng or the reverse (Shin, Men, Ming for min): Taiwanese Mandarin merges the two,
    and many people's own spellings carry it, so it is no proof of a slip."""
    return a != b and (a.endswith("n") and b == a + "g" or b.endswith("n") and a == b + "g")


_VOWELS = re.compile("[aeiou]")


def _vowel_variant(a: str, b: str, langs: tuple[str, ...]) -> bool:
    """``a`` has the consonants of ``b`` with other vowels and is itself a syllable of the
    region's languages (Yok for yuk, Mo for mau, Kwan-yuen for yin): Hong Kong, Macau,
    Singapore and Malaysia registries wrote a given name's vowels by ear. A typo seldom makes a
    real syllable ("chuu" for chiu, "Young" for yong stay slips)."""
    return (a != b and _VOWELS.sub("", a) == _VOWELS.sub("", b)
            and a in _syllable_shapes(langs))


@cache
def _syllable_shapes(langs: tuple[str, ...]) -> frozenset[str]:
    """Every spelling a Cantonese or Hokkien syllable can have (Mandarin names are spelled from
    fixed tables, so a Mandarin syllable written with other vowels is a slip)."""
    shapes: set[str] = set()
    if "yue" in langs:
        shapes |= cantonese.all_spellings()
    if "nan" in langs:
        shapes |= hokkien.all_spellings()
    return frozenset(shapes)


def _swapped(a: str, b: str) -> bool:
    """Two neighbouring letters swapped ("Kowk" for "Kwok", "chui" for "chiu"): a typing slip."""
    if len(a) != len(b) or a == b:
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def _given_style(parsed: ParsedName, order: str, n_surname_words: int) -> str:
    words = parsed.parts
    given = words[n_surname_words:] if order == "surname-first" else words[: len(words) - n_surname_words]
    if len(given) > 1:
        return "spaced"
    return "hyphen" if given and len(given[0]) > 1 else "solid"


def typo_distance(a: str, b: str) -> int:
    """Edits a typist makes between two spellings: insert, delete, substitute, swap neighbours."""
    return _typo_distance(a, b)


@lru_cache(maxsize=65536)
def _typo_distance(a: str, b: str) -> int:
    """Edits a typist makes: insert, delete, substitute, swap two neighbours ("pnig" for "ping"):
    the optimal string alignment distance, in rapidfuzz's C implementation."""
    return OSA.distance(a, b)


@cache
def _sorted_spellings(syllable: str, tone: int, lang: str) -> tuple[tuple[str, ...], int, int]:
    """A reading's spellings in alphabetical order (the nearest-spelling search breaks ties by
    the first, as ``min((distance, spelling))`` does), with their shortest and longest length."""
    spellings = tuple(sorted(spellings_of(syllable, tone, lang)))
    lengths = [len(s) for s in spellings] or [0]
    return spellings, min(lengths), max(lengths)


@lru_cache(maxsize=65536)
def _piece_cost(options: tuple[Reading, ...], piece: str) -> tuple[float, str, Reading | None, frozenset, str]:
    """(cost, kind, reading, systems, nearest) of spelling one character's readings as ``piece``.

    A piece no reading spells costs 9 + its length: only a near miss (at most two edits, fewer
    than the piece's letters) can beat that, so the distance search stops at that bound, in C,
    and is skipped where the lengths alone rule it out or a better fit is already found.
    """
    best: tuple[float, str, Reading | None, frozenset, str] = (9.0 + len(piece), "none", options[0] if options else None, frozenset(), "")
    n = len(piece)
    limit = 2 if n > 2 else n - 1
    for reading in options:
        penalty = 0.0 if reading.usual else reading.cost
        if best[0] <= penalty:
            continue  # this reading costs at least its penalty: it cannot do better
        table = spellings_of(reading.syllable, reading.tone, reading.lang)
        if piece in table:
            cand = (penalty, "exact" if reading.usual else "other-reading", reading, table[piece], "")
        elif limit < 1 or best[0] <= 1.0 + 1 / n + penalty:
            continue  # no near miss can beat what is found
        else:
            spellings, shortest, longest = _sorted_spellings(reading.syllable, reading.tone,
                                                             reading.lang)
            if n + limit < shortest or n - limit > longest:
                continue  # every spelling is more than ``limit`` letters longer or shorter
            found = extract_one(piece, spellings, scorer=Levenshtein.distance, score_cutoff=limit)
            if found is None:
                continue  # a "none" never costs less than the starting point
            nearest, d = found[0], found[1]
            cand = (1.0 + d / n + penalty, "near-miss", reading, frozenset(), nearest)
        if cand[0] < best[0]:
            best = cand
    return best


def _systems_of_piece(options: tuple[Reading, ...], piece: str) -> set[str]:
    """Every system in which ``piece`` spells one of the character's readings."""
    out: set[str] = set()
    for r in options:
        out |= spellings_of(r.syllable, r.tone, r.lang).get(piece, frozenset())
    return out


_MAX_PIECE = 9  # no syllable in any system is longer ("tshiang", GR "shiuang"); a longer piece is a whole name


def _align(parts: list[str], options: list[tuple[Reading, ...]]):
    """_align_pieces, cached: a document names the same people again and again. A name written
    one part per character ("Ching-te", "Hsien Loong", every surname) has nothing to split: its
    pieces' costs (cached) are summed here, from the end, as the split search sums them."""
    if len(parts) == len(options):
        if any(len(part) > _MAX_PIECE for part in parts):
            return None
        steps = [(j, 0, len(part), _piece_cost(options[j], part)) for j, part in enumerate(parts)]
        total = 0.0
        for step in reversed(steps):
            total = step[3][0] + total
        return (total, steps)
    return _align_pieces(tuple(parts), tuple(options))


@lru_cache(maxsize=65536)
def _align_pieces(parts: tuple[str, ...], options: tuple[tuple[Reading, ...], ...]):
    """Best split of the hyphen/space parts into one piece per character (DP; pieces never cross
    a hyphen or a space). Returns (cost, [(piece_start_part, piece, cost_tuple)]) or None."""
    n, k = len(options), len(parts)
    memo: dict[tuple[int, int, int], tuple[float, list]] = {}
    costs: dict[tuple[int, str], tuple] = {}  # hashing a character's readings once per piece
    after = [sum(len(p) for p in parts[j + 1:]) for j in range(k)]  # letters in later parts

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
        size = len(part)
        # every part left needs a character: with as many characters left as parts, this one
        # takes the rest of its part (the common case, "Ching-te": no split is tried)
        first = size if n - i <= k - j else o + 1
        # the characters after this one need a letter each and take at most _MAX_PIECE
        first = max(first, size + after[j] - (n - i - 1) * _MAX_PIECE)
        last = min(size, o + _MAX_PIECE, size + after[j] - (n - i - 1))
        for e in range(first, last + 1):
            rest = f(i + 1, j + 1, 0) if e == size else f(i + 1, j, e)
            if rest is None:
                continue
            piece = part[o:e]
            cost = costs.get((i, piece))
            if cost is None:
                cost = costs[(i, piece)] = _piece_cost(options[i], piece)
            total = cost[0] + rest[0]
            if best is None or total < best[0]:
                best = (total, [(j, o, e, cost)] + rest[1])
        memo[key] = best
        return best

    return f(0, 0, 0)


def _format_issues(parsed: ParsedName, order: str, n_surname_words: int, given_syllables: int,
                   styles: frozenset = frozenset({"hyphen"})) -> list[str]:
    """House-style deviations: order, a given name written in a style the region does not use
    (spaced, solid, hyphenated), case (all caps is case-neutral)."""
    issues = []
    if order == "given-first":
        issues.append("order")
    words = parsed.parts
    given_words = words[n_surname_words:] if order == "surname-first" else words[: len(words) - n_surname_words]
    if len(given_words) > 1:
        style = "spaced"
    elif given_words and len(given_words[0]) == 1 and given_syllables > 1:
        style = "solid"
    elif given_words and len(given_words[0]) > 1:
        style = "hyphen"
    else:
        style = ""
    if style and style not in styles:
        issues.append({"hyphen": "hyphenated"}.get(style, style))
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


@lru_cache(maxsize=1024)
def _in_system_order(systems: frozenset[str]) -> tuple[str, ...]:
    """Systems in SYSTEMS order (a syllable's systems are one of a few hundred shared sets)."""
    return tuple(sorted(systems, key=SYSTEMS.index))


def _is_title(part: str) -> bool:
    if part.isascii() and part.isalpha():  # the common case, without a list of letters
        return part[0].isupper() and (len(part) == 1 or part[1:].islower())
    letters = [c for c in part if c.isalpha()]
    return bool(letters) and letters[0].isupper() and all(c.islower() for c in letters[1:])


def _flatten(words: list[list[str]]) -> list[str]:
    folded = (fold_spelling(p) for w in words for p in w)
    return [p for p in folded if p]


def match(romanized: str, hanzi: str, expected=TAIWAN_PASSPORT, region: str | None = None) -> NameVerdict:
    """Judge ``romanized`` as a rendering of ``hanzi`` (either order, passport form, any case).
    With a region, its readings, native systems and given-name style decide (see regions.py)."""
    options = readings(hanzi, region)
    if region is not None:
        expected = regions.get(region).native
    v = _judge(parse(romanized), hanzi, options, len(split_surname(hanzi)[0]), frozenset(expected),
               region)
    v.region = region or ""
    return v


def _judge(parsed: ParsedName, hanzi: str, options, n_surname: int, expected: frozenset,
           region: str | None = None) -> NameVerdict:
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
        if best is not None and best[0] == 0.0:
            break  # a perfect fit: no later reading of the order can cost less
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
                                      list(_in_system_order(systems)), nearest, role))
    styles = regions.get(region).given_styles if region else frozenset({"hyphen"})
    issues = _format_issues(parsed, order_name, n_sw, len(options) - n_surname, styles)
    order_idx = list(range(len(options)))
    vowel_variants: list[str] = []
    if region is not None:
        # Without the person's own spelling, only a typo is an error (one edit or swap, two in a
        # long piece): anything further off may be the person's own usage.
        loose_vowels = regions.get(region).loose_vowels
        langs = regions.get(region).languages
        for ci, s in enumerate(syllables):
            w = fold_spelling(s.written)
            if s.kind != "near-miss":
                continue
            targets = [sp for r in options[ci] if r.usual
                       for sp, systems in spellings_of(r.syllable, r.tone, r.lang).items()
                       if systems & _TYPO_REFERENCE]
            d, nearest = min(((_typo_distance(w, sp), sp) for sp in targets), default=(99, ""))
            rare = any(w in spellings_of(r.syllable, r.tone, r.lang) for r in options[ci] if not r.usual)
            vowels = (loose_vowels and s.role == "given"
                      and any(_vowel_variant(w, t, langs) for t in targets)
                      and not any(_swapped(w, t) for t in targets))
            if d > (1 if len(w) <= 4 else 2) or rare or vowels or any(_n_ng(w, t) for t in targets):
                # too far off, the spelling of a rarer reading (了 liao, 治 chi), n for ng, or a
                # given name's vowels written otherwise where clerks wrote them by ear (Yok, Mo)
                s.kind = "none"
                if vowels:
                    vowel_variants.append(s.written)
            else:
                s.nearest = nearest
    kinds = {s.kind for s in syllables}
    surname_ok = all(s.kind == "exact" for s in syllables if s.role == "surname")
    common = set(SYSTEMS)
    for s in syllables:
        common &= set(s.systems)
    in_expected = all(set(s.systems) & expected for s in syllables)
    mixed_pinyin: bool | str = False
    mixable = regions.get(region).mixable if region else frozenset()
    if region and mixable and not in_expected and "none" not in kinds and "near-miss" not in kinds:
        # Taiwan's household registration accepts pinyin syllables inside a passport-style name
        # (Hong, Jin, Deng), Hong Kong names mix in Mandarin (Ng Chau-pei); only a name wholly
        # in the foreign system is a system switch.
        foreign = [s for s in syllables if not set(s.systems) & expected]
        fits = [_systems_of_piece(options[ci], fold_spelling(s.written)) for ci, s in zip(order_idx, syllables)]
        tongyong_own = "tongyong" in mixable and any("tongyong" in f and "pinyin" not in f for f in fits)
        native_only = any(not f & mixable for f in fits)
        hyphenated = "hyphen" in regions.get(region).given_styles and _given_style(parsed, order_name, n_sw) == "hyphen"
        # A surname kept in the family's passport form (not a pinyin spelling) with a given name
        # wholly in pinyin or Tongyong: Taiwan lets a family keep its surname spelling (Pai
        # Bing-bing); a pinyin surname would make the name a mainland rendering instead.
        kept_surname = all(not f & mixable for f, s in zip(fits, syllables) if s.role == "surname")
        given_switch = kept_surname and hyphenated and all(
            s in foreign for s in syllables if s.role == "given")
        # Singapore, Malaysia: the family's dialect surname with a pinyin given name (Sun Xueling)
        dialect_surname = regions.get(region).pinyin_given_surname
        pinyin_given = bool(dialect_surname) and all(
            f & dialect_surname if s.role == "surname" else "pinyin" in f
            for f, s in zip(fits, syllables))
        if all(set(s.systems) & mixable for s in foreign) and (
                tongyong_own or given_switch or pinyin_given
                or (len(foreign) == 1 and (native_only or hyphenated))):
            in_expected, mixed_pinyin = True, ("pinyin-given" if pinyin_given else True)
    surname_fits = all(s.kind != "none" for s in syllables if s.role == "surname")
    if "none" in kinds and region is not None and surname_fits and kinds & {"exact", "other-reading"}:
        verdict = "unverified"
        unknown = "; ".join(f"'{s.written}' for {s.char} ({s.reading}"
                            + (f", derivable '{s.nearest}'" if s.nearest else "") + ")"
                            for s in syllables if s.kind == "none")
        message = f"{unknown}: {UNVERIFIED_NOTE}" + ("; the surname fits" if surname_ok else "")
        if vowel_variants:
            message += (f"; {', '.join(repr(w) for w in vowel_variants)}: the vowels of a "
                        "syllable written otherwise, as registrations here often do")
        message += f" ({regions.get(region).name}: {regions.get(region).note})"
    elif "none" in kinds:
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
    elif region == "cn" and "hyphenated" in issues:
        verdict = "system-switch"
        message = "a hyphenated given name is Taiwan or Hong Kong style; mainland names write it as one word"
    elif not in_expected:
        verdict = "system-switch"
        outside = sorted({sys for s in syllables if not set(s.systems) & expected for sys in s.systems}, key=SYSTEMS.index)
        message = f"valid in {', '.join(outside)}, not in {', '.join(sorted(expected, key=SYSTEMS.index))}"
    elif mixed_pinyin == "pinyin-given" and region:
        verdict = "unverified"
        surname = "".join(s.written for s in syllables if s.role == "surname").capitalize()
        message = (f"a pinyin given name after the dialect surname '{surname}', as younger people in "
                   f"{regions.get(region).name} write their names; {UNVERIFIED_NOTE}")
    elif mixed_pinyin and region:
        verdict = "unverified"
        mixed = ", ".join(f"'{s.written}' ({'/'.join(s.systems)})" for s in syllables if not set(s.systems) & expected)
        message = (f"mixes {mixed} into a {regions.get(region).name} name, which people there do; "
                   f"{UNVERIFIED_NOTE}")
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


_FORMAT_WORDS = {
    "order": "the name order", "hyphenated": "a hyphen in the given name",
    "solid": "the given name written as one word", "spaced": "the given name written apart",
}


def _style_difference(cand: ParsedName, canon: ParsedName) -> list[str]:
    """What tells two spellings with the same letters apart when neither breaks the default house
    style ("Wang Hu-ning" for "Wang Huning"): the words, then the hyphens, else the case."""
    if len(cand.parts) != len(canon.parts):
        return ["spaced" if len(cand.parts) > len(canon.parts) else "solid"]
    pieces = sum(len(w) for w in cand.parts) - sum(len(w) for w in canon.parts)
    if pieces:
        return ["hyphenated" if pieces > 0 else "solid"]
    return ["case"]


def compare(candidate: str, canonical: str, hanzi: str | None = None, region: str | None = None) -> NameVerdict:
    """Judge ``candidate`` against the person's canonical spelling (and hanzi when known).

    exact (same spelling; all caps, passport comma form and apostrophes aside) | format-variant
    (case, hyphen, spacing, order) | system-switch (a valid rendering, another spelling) |
    other-reading | near-miss (a slip) | not-a-rendering (another name).
    """
    cand, canon = parse(candidate), parse(canonical)
    if hanzi:
        options = readings(hanzi, None if region in (None, "tw", "cn") else region)
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
        issues = ([i for i in cand_v.format_issues if i not in canon_v.format_issues]
                  or _style_difference(cand, canon))
        cand_v.verdict, cand_v.format_issues = "format-variant", issues
        said = ", ".join(_FORMAT_WORDS.get(i, i) for i in issues)
        cand_v.message = f"same spelling as '{canonical}' but for {said}"
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


# ---------------------------------------------------------------- judge by region

_RANK = {v: i for i, v in enumerate(VERDICTS)}


def judge(spelling: str, hanzi: str, region: str | None = None, canonical: str | None = None,
          variants: tuple[str, ...] = ()) -> NameVerdict:
    """The verdict a reviewer needs on ``spelling`` for the person ``hanzi``.

    With the person's own spelling (``canonical``, e.g. from the glossary) and its listed
    ``variants``, the spelling is compared with it. Without, it is judged by the person's region;
    without a region, by the region its spelling implies (the verdict says so). A leading English
    given name ("John Lee Ka-chiu", "William Lai") is set aside and reported.
    """
    if region is not None:
        regions.get(region)  # unknown region: ValueError
    folded = _exact_key(parse(spelling)).lower() if canonical or variants else ""
    for allowed in (canonical, *variants):
        if allowed and folded == _exact_key(parse(allowed)).lower():
            v = compare(spelling, canonical or allowed, hanzi, region) if canonical else match(spelling, hanzi, region=region or "other")
            v.verdict, v.format_issues = "exact", []
            v.message = "the person's own spelling" if allowed == canonical else f"a listed variant of '{canonical}'"
            v.region = region or ""
            return v
    english, core = _split_english_name(spelling, hanzi)
    if english and len(parse(core).parts) == 1 and len(hanzi) > 1 and not canonical:
        return _surname_only(spelling, english, core, hanzi, region)
    if canonical:
        _, canon_core = _split_english_name(canonical, hanzi)
        v = compare(core, canon_core, hanzi, region)
        v.region = region or ""
        if canon_core != canonical:  # "Wong" was compared; the person is "Lawrence Wong"
            v.message = v.message.replace(f"'{canon_core}'", f"'{canonical}'")
    elif region is not None:
        v = match(core, hanzi, region=region)
    else:
        v = _infer(core, hanzi)
    if english:
        v.english_name = english
        v.text = spelling
        v.message += f"; '{english}' is an English given name"
    return v


def near_miss(spelling: str, hanzi: str) -> NameVerdict | None:
    """``judge(spelling, hanzi)`` when that is a near-miss (a typo no region's rules explain),
    else None. The first region that explains the spelling better ends the search, and regions
    read in Mandarin alone come first, so the Cantonese and Hokkien readers load only for the
    names that need them (most names are settled by the mainland's or Taiwan's rules)."""
    english, core = _split_english_name(spelling, hanzi)
    if not (english and len(parse(core).parts) == 1 and len(hanzi) > 1):
        cheap_first = sorted(regions.INFERENCE_ORDER,
                             key=lambda rid: len(set(regions.get(rid).languages) - {"cmn"}))
        for rid in cheap_first:
            if _RANK[match(core, hanzi, region=rid).verdict] < _RANK["near-miss"]:
                return None
    v = judge(spelling, hanzi)
    return v if v.verdict == "near-miss" else None


def _infer(spelling: str, hanzi: str) -> NameVerdict:
    """Judge under each region; the best verdict names the region its spelling implies."""
    judged = [match(spelling, hanzi, region=rid) for rid in regions.INFERENCE_ORDER]
    v = min(judged, key=lambda x: (_RANK[x.verdict], len(x.format_issues)))  # ties: first region
    v.region_inferred = True
    systems = ", ".join(v.systems) or "mixed systems"
    v.message += f"; region inferred from the spelling: {regions.get(v.region).name} ({systems})"
    return v


def _split_english_name(spelling: str, hanzi: str) -> tuple[str, str]:
    """("John", "Lee Ka-chiu") when a Western given name leads a name that has more parts than
    the hanzi have characters, or stands alone before the surname ("William Lai")."""
    parsed = parse(spelling)
    words = parsed.parts
    if parsed.passport_form or len(words) < 2 or len(words[0]) != 1 or not words[0][0][:1].isupper():
        return "", spelling
    first = words[0][0]
    n_parts = sum(len(w) for w in words)
    extra = n_parts > len(hanzi) and len(words[0][0]) >= 3
    alone = (len(words) == 2 and len(words[1]) == 1 and len(hanzi) >= 3
             and (segment_syllables(fold_spelling(first), 3) is None or len(first) >= 5)
             and _is_surname_spelling(words[1][0], hanzi))  # last: it may load large readers
    if not (extra or alone):
        return "", spelling
    rest = " ".join("-".join(w) for w in words[1:])
    return first, rest


def _surname_only(spelling: str, english: str, core: str, hanzi: str, region: str | None) -> NameVerdict:
    """'William Lai', 'Lawrence Wong': an English given name with the surname alone."""
    surname = split_surname(hanzi)[0]
    ok = _is_surname_spelling(core, hanzi)
    syl = Syllable(surname, core, "", "exact" if ok else "none", [], "", "surname")
    if ok:
        message = (f"'{english}' is an English given name and '{core}' fits {surname}; "
                   f"{UNVERIFIED_NOTE}")
        return NameVerdict("unverified", spelling, hanzi, "given-first", [syl], [], [], True, message,
                           region or "", False, english)
    return NameVerdict("not-a-rendering", spelling, hanzi, "given-first", [syl], [], [], False,
                       f"'{core}' is not a spelling of the surname {surname}", region or "", False, english)


def _is_surname_spelling(word: str, hanzi: str) -> bool:
    surname = split_surname(hanzi)[0]
    if len(surname) != 1:
        return False
    w = fold_spelling(word)
    # Mandarin first: the region's other readings (Cantonese, Hokkien: large readers to load)
    # are needed only when no Mandarin reading spells the word; the answer is the same.
    first = _mandarin_readings(hanzi)[0] if "cmn" in regions.get("other").languages else ()
    for r in first:
        if w in spellings_of(r.syllable, r.tone, r.lang):
            return True
    return any(w in spellings_of(r.syllable, r.tone, r.lang) for r in readings(hanzi, "other")[0])


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
    region = (row.get("region") or "").strip()
    try:
        if region and region != "tw":  # read by the person's region: Cantonese for hk, …
            v = judge(en, zh, region)
            if v.verdict in ("not-a-rendering", "near-miss") and declared != "custom":
                name = regions.get(region).name
                return ("warning", (f"'{en}' is not a plausible {name} rendering of {zh} "
                                    f"({v.message}); fix it or set romanization to custom"))
            return ("info", f"'{en}' ({regions.get(region).name}): {v.verdict}; {v.message}")
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
