"""Numbers in Chinese and English text, as values that can be compared across a translation.

1億321萬 = 103,210,000 = "103.21 million" (and "NT$103 million" when rounded); 百分之五 = 5%;
民國114年 = 2025 (a bare 114年 may be either); full-width digits fold to ASCII. Digits and
multi-character numerals are *strong* (must appear on both sides); a single Chinese numeral
(一, 三, 十) and English number words are *weak*: they can match but are never required, since
一 is as often "a" as "one".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

# the formal numerals of cheques and court rulings (壹萬貳仟元, 有期徒刑柒月)
FORMAL = {"壹": "一", "貳": "二", "貮": "二", "贰": "二", "參": "三", "叁": "三", "肆": "四",
          "伍": "五", "陸": "六", "陆": "六", "柒": "七", "捌": "八", "玖": "九", "拾": "十",
          "佰": "百", "仟": "千"}
# 廿 and 卅 (20, 30) in dates and ages: 廿四日
_TENS_CHAR = re.compile("[廿卅]")
DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "兩": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
# alone, strong where they are no other word (參 is also "join", 陸 "land", 拾 "pick up", 伍
# "ranks") and not one, which is as often "a" (扣案手機壹支: "the seized phone")
FORMAL_ONLY = set(FORMAL) - set("壹參陸陆拾伍")
DIGITS.update({f: DIGITS[c] for f, c in FORMAL.items() if c in DIGITS})
SMALL_UNITS.update({f: SMALL_UNITS[c] for f, c in FORMAL.items() if c in SMALL_UNITS})
BIG_UNITS = {"萬": 10**4, "万": 10**4, "億": 10**8, "亿": 10**8, "兆": 10**12}
EN_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12, "bn": 10**9, "mn": 10**6}
# Other Latin-script languages: decimal comma, dot or space for thousands, their own scale words.
DECIMAL_COMMA = {"de", "fr", "pl", "es", "it", "nl", "cs", "pt", "lt", "lv", "et", "sk"}
EU_SCALES = {
    "tausend": 10**3, "mio": 10**6, "million": 10**6, "millionen": 10**6, "mrd": 10**9, "milliarde": 10**9, "milliarden": 10**9,
    "millions": 10**6, "milliard": 10**9, "milliards": 10**9, "mille": 10**3,
    "tys": 10**3, "mln": 10**6, "milion": 10**6, "miliony": 10**6, "milionów": 10**6, "mld": 10**9, "miliard": 10**9, "miliardy": 10**9, "miliardów": 10**9,
    "millón": 10**6, "millones": 10**6, "milione": 10**6, "milioni": 10**6, "miliardi": 10**9, "miljoen": 10**6, "miljard": 10**9,
    "milionů": 10**6, "miliardů": 10**9,
}
EN_WORDS = {w: i for i, w in enumerate(["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"])}
MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"], 1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
MINGUO_OFFSET = 1911

_ZH_RUN = re.compile(r"(百分之)?((?:\d[\d,]*(?:\.\d+)?|[〇零一二兩两三四五六七八九十百千萬万億亿兆"
                     + "".join(FORMAL) + r"])+)(年)?")
_EN_NUM = re.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:st|nd|rd|th)?(?:\s*(?:%|percent\b|per cent\b))?"
    r"(?:\s+(thousand|million|billion|trillion|bn|mn)\b)?",
    re.IGNORECASE,
)
_EN_WORD = re.compile(r"\b(" + "|".join(EN_WORDS) + r")\b", re.IGNORECASE)
# Words English news writes for numbers (AP style spells out one to nine and ordinals): all weak,
# so they can answer a source number but are never required. "half" answers 5成 and 50%.
EN_TENS = {w: 10 * i for i, w in enumerate(
    ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], 2)}
EN_ORDINALS = {w: i for i, w in enumerate(
    ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
     "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
     "eighteenth", "nineteenth", "twentieth"], 1)}
EN_OTHER: dict[str, tuple[float, ...]] = {
    "dozen": (12,), "twice": (2,), "once": (1,), "half": (0.5, 50, 2), "quarter": (0.25, 25, 4),
}
_EN_TENS = re.compile(
    r"\b(" + "|".join(EN_TENS) + r")(?:-(one|two|three|four|five|six|seven|eight|nine))?\b",
    re.IGNORECASE,
)
_EN_ORDINAL = re.compile(r"\b(" + "|".join(EN_ORDINALS) + r"|" + "|".join(EN_OTHER) + r")s?\b",
                         re.IGNORECASE)  # "two-thirds", "three-quarters"
_EN_FOLD = re.compile(r"\b(" + "|".join(EN_WORDS) + r")-?fold\b", re.IGNORECASE)
# "a year", "a million", "one hundred": the article is the number one
_EN_ONE = re.compile(
    r"\b(?:a|an|one)\s+(hundred|thousand|million|billion|year|month|week|day|hour|decade)\b",
    re.IGNORECASE,
)
EN_ONE_SCALE = {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9}
# 3成 is 30 percent (一成五 15 percent); 15時 is 3 p.m.; a day in parentheses after 今/昨/明
# (今（25）日) is the dateline's date, which English writes as a weekday or "today"
_ZH_TENTHS = re.compile(r"成([一二三四五六七八九\d])?(?!員|员|立|功|年|長|长|績|绩|本)")
_ZH_CLOCK = re.compile(r"[時时點点]")
_ZH_DATELINE = re.compile(r"[今昨明前]日?[(（]$")
_DAY_CLOSE = ("）日", ")日", "日）", "日)")  # 今（25）日, 昨日（廿四日）
# 1年6個月 = 18 months; 1年半 = 18 months
_ZH_MONTHS_AFTER = re.compile(r"(\d+|[一二兩两三四五六七八九十" + "".join(FORMAL) + r"]+)個?月|半")
_EN_MONTH = re.compile(r"\b(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?", re.IGNORECASE)


@dataclass(frozen=True)
class Number:
    text: str
    start: int
    values: tuple[float, ...]  # acceptable readings (a Minguo year has two)
    precision: float  # half of it is the rounding tolerance
    strong: bool

    def matches(self, other: Number) -> bool:
        tolerance = max(self.precision, other.precision) / 2 + 1e-9
        return any(abs(a - b) <= tolerance for a in self.values for b in other.values)

    @property
    def label(self) -> str:
        main = self.values[0]
        sep = "," if abs(main) >= 10_000 else ""  # 103,210,000 but 2024, not 2,024
        shown = f"{int(main):{sep}}" if main == int(main) else f"{main:{sep}}"
        return self.text if self.text.replace(",", "") == shown.replace(",", "") else f"{self.text} ({shown})"


def _parse_small(text: str) -> float | None:
    """A section below 萬: digits (2,713 / 1.5) or numerals with 十百千 (三千五百, 3千, 十五)."""
    if not text:
        return 0
    if re.fullmatch(r"\d[\d,]*(?:\.\d+)?", text):
        return float(text.replace(",", ""))
    total, current = 0.0, None
    i = 0
    while i < len(text):
        ch = text[i]
        m = re.match(r"\d+(?:\.\d+)?", text[i:])
        if m:
            current = float(m.group(0))
            i += len(m.group(0))
            continue
        if ch in DIGITS:
            current = DIGITS[ch] if current is None or ch not in "〇零" else current
        elif ch in SMALL_UNITS:
            total += (current if current is not None else 1) * SMALL_UNITS[ch]
            current = None
        else:
            return None
        i += 1
    if current is not None:
        if re.fullmatch(r"[〇零一二兩两三四五六七八九]{2,}", text):  # 二〇二五: digit by digit
            return float("".join(str(DIGITS[c]) for c in text))
        total += current
    return total


def parse_chinese_number(text: str) -> tuple[float, float] | None:
    """(value, precision) of 1億321萬, 2,713, 三千五百, 1.5億, 二十 …; None if not a number."""
    value, precision, rest = 0.0, 1.0, text
    for unit, size in sorted(BIG_UNITS.items(), key=lambda kv: -kv[1]):
        if unit in rest:
            head, rest = rest.split(unit, 1)
            if unit in rest:
                return None
            section = _parse_small(head) if head else 1
            if section is None:
                return None
            value += section * size
            precision = size * (10 ** -len(head.split(".")[1]) if "." in head else 1)
    tail = _parse_small(rest)
    if tail is None:
        return None
    if rest:
        precision = 10 ** -len(rest.split(".")[1]) if "." in rest and rest.replace(".", "").isdigit() else 1.0
    return value + tail, precision


def extract_chinese(text: str) -> list[Number]:
    text = unicodedata.normalize("NFKC", text)
    if "廿" in text or "卅" in text:
        text = _TENS_CHAR.sub(lambda m: "二十" if m.group(0) == "廿" else "三十", text)
    out = []
    for m in _ZH_RUN.finditer(text):
        percent, run, year = m.group(1), m.group(2), m.group(3)
        run_clean = run.strip(",")
        parsed = parse_chinese_number(run_clean)
        if parsed is None:
            continue
        value, precision = parsed
        has_digit = any(c.isdigit() for c in run_clean)
        strong = has_digit or len(run_clean) >= 2 or bool(percent) or run_clean in FORMAL_ONLY
        values: tuple[float, ...] = (value,)
        before = text[max(0, m.start() - 2) : m.start()]
        if year and (before == "民國" or (has_digit and 1 <= value < 200 and not percent)):
            values = (value, value + MINGUO_OFFSET) if before != "民國" else (value + MINGUO_OFFSET, value)
        values, precision, strong = _zh_context(text, m, value, values, precision, strong)
        out.append(Number(m.group(0), m.start(), values, precision, strong))
    return _zh_ranges(text, _zh_durations(text, out))


def _zh_context(text: str, m: re.Match, value: float, values: tuple[float, ...],
                precision: float, strong: bool) -> tuple[tuple[float, ...], float, bool]:
    """Other readings a number takes from the characters around it: tenths (3成 = 30%), the
    12-hour clock (15時 = 3 p.m.), a dateline's day (今（25）日: weak)."""
    after = text[m.end() : m.end() + 2]
    if m.group(3) is None and after[:1] == "成":
        tenths = _ZH_TENTHS.match(text, m.end())
        if tenths:
            extra = (parse_chinese_number(tenths.group(1) or "") or (0.0, 1.0))[0]
            values += (value * 10 + extra,)
    elif m.group(3) is None and 13 <= value <= 24 and _ZH_CLOCK.match(after):
        values += (value - 12,)
    elif _ZH_DATELINE.search(text, max(0, m.start() - 3), m.start()) and after[:2] in _DAY_CLOSE:
        strong = False
    return values, precision, strong


_RANGE = re.compile(r"\s*(?:至|到|～|~|-|－|—|–)\s*")


def _zh_ranges(text: str, nums: list[Number]) -> list[Number]:
    """A range shares its second number's unit: 3～5萬 is 30,000 to 50,000, 1至2億 100 to 200
    million; the first number also reads with that unit."""
    out = list(nums)
    for i in range(len(nums) - 1):
        a, b = nums[i], nums[i + 1]
        unit = b.text[-1:]
        if unit not in BIG_UNITS or any(u in a.text for u in BIG_UNITS) or a.text.endswith("年"):
            continue
        if not _RANGE.fullmatch(text, a.start + len(a.text), b.start):
            continue
        size = BIG_UNITS[unit]
        out[i] = replace(a, values=a.values + tuple(v * size for v in a.values[:1]))
    return out


def _zh_durations(text: str, nums: list[Number]) -> list[Number]:
    """1年6個月 and 1年半 also read as months (18), on both numbers, so that "18 months" answers
    them and "one year and six months" still must match each part."""
    out = list(nums)
    for i, n in enumerate(nums):
        if not n.text.endswith("年"):
            continue
        after = _ZH_MONTHS_AFTER.match(text, n.start + len(n.text))
        if not after:
            continue
        years = n.values[0]
        if after.group(0) == "半":
            out[i] = replace(n, values=n.values + (years + 0.5, years * 12 + 6))
            continue
        nxt = next((k for k in range(i + 1, len(nums)) if nums[k].start == after.start(1)), None)
        if nxt is None:
            continue
        months = years * 12 + nums[nxt].values[0]
        out[i] = replace(n, values=n.values + (months,))
        out[nxt] = replace(nums[nxt], values=nums[nxt].values + (months,))
    return out


def extract_english(text: str) -> list[Number]:
    text = unicodedata.normalize("NFKC", text)
    out = []
    for m in _EN_NUM.finditer(text):
        whole, frac, scale = m.group(1), m.group(2), m.group(3)
        value = float(whole.replace(",", "") + (f".{frac}" if frac else ""))
        precision = 10.0 ** -len(frac) if frac else 1.0
        if scale:
            size = EN_SCALES[scale.lower()]
            value *= size
            precision *= size
        out.append(Number(m.group(0).strip(), m.start(), (value,), precision, True))
    for m in _EN_WORD.finditer(text):
        out.append(Number(m.group(0), m.start(), (float(EN_WORDS[m.group(1).lower()]),), 1.0, False))
    out += _english_number_words(text)
    for m in _EN_MONTH.finditer(text):  # "March" answers 3月; "May" is also a verb, so months are weak
        if m.group(1)[0].isupper():
            out.append(Number(m.group(0), m.start(), (float(MONTHS[m.group(1).lower()]),), 1.0, False))
    return sorted(out, key=lambda n: n.start)


def _english_number_words(text: str) -> list[Number]:
    """Weak numbers English writes in words: forty-two, third, a dozen, twice, half, a million."""
    out = []
    for m in _EN_TENS.finditer(text):
        unit = EN_WORDS[m.group(2).lower()] if m.group(2) else 0
        out.append(Number(m.group(0), m.start(), (float(EN_TENS[m.group(1).lower()] + unit),),
                          1.0, False))
    for m in _EN_ORDINAL.finditer(text):
        word = m.group(1).lower()
        values = (float(EN_ORDINALS[word]),) if word in EN_ORDINALS else EN_OTHER[word]
        out.append(Number(m.group(0), m.start(), tuple(float(v) for v in values), 1.0, False))
    for m in _EN_FOLD.finditer(text):  # "tenfold" is 10倍
        out.append(Number(m.group(0), m.start(), (float(EN_WORDS[m.group(1).lower()]),), 1.0, False))
    for m in _EN_ONE.finditer(text):
        value = EN_ONE_SCALE.get(m.group(1).lower(), 1)
        out.append(Number(m.group(0), m.start(), (float(value),), 1.0, False))
    return out


_EU_NUM = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:[.\u00a0\u202f ]\d{3})+|\d+)(?:,(\d+))?(?:\s*%)?(?:\s+([^\W\d_]+)\.?)?",
)


def extract_decimal_comma(text: str) -> list[Number]:
    """Numbers written 1.000,5 / 1 000,5 with scale words such as Millionen, milliards, mln."""
    text = unicodedata.normalize("NFKC", text)
    out = []
    for m in _EU_NUM.finditer(text):
        whole, frac, word = m.group(1), m.group(2), (m.group(3) or "").lower()
        value = float(re.sub(r"[.\u00a0\u202f ]", "", whole) + (f".{frac}" if frac else ""))
        precision = 10.0 ** -len(frac) if frac else 1.0
        size = EU_SCALES.get(word)
        shown = m.group(0).strip() if size else text[m.start() : m.end(2) if frac else m.end(1)]
        if size:
            value *= size
            precision *= size
        out.append(Number(shown, m.start(), (value,), precision, True))
    return out


def extract(text: str, lang: str) -> list[Number]:
    if lang == "zh":
        return extract_chinese(text)
    if lang.split("-")[0] in DECIMAL_COMMA:
        return extract_decimal_comma(text)
    return extract_english(text)


def compare_numbers(source: list[Number], target: list[Number]) -> tuple[list[Number], list[Number]]:
    """(strong source numbers missing from the target, strong target numbers absent from the source)."""
    missing = [s for s in source if s.strong and not any(s.matches(t) for t in target)]
    extra = [t for t in target if t.strong and not any(t.matches(s) for s in source)]
    return missing, extra
