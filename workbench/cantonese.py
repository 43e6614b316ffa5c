"""Cantonese readings (Jyutping, from ToJyutping) and the spellings Hong Kong and Macau derive.

Hong Kong and Macau names are romanized from Cantonese, not Mandarin: 李家超 is "Lee Ka-chiu" in
the Hong Kong government's style, 賀一誠 "Ho Iat Seng" in Macau's Portuguese-based style. Neither
style is Jyutping itself; both are spelling rules over Jyutping initials and finals, written here
once, so that any character with a Cantonese reading gets its spellings without a list of names.
"""

from __future__ import annotations

import re
from functools import cache

from .reading_cache import SEPARATOR, cached_table

# Surname readings where the dictionary's first reading is not the one used for the surname.
SURNAME_READINGS = {
    "曾": "zang1", "區": "au1", "区": "au1", "仇": "sau4", "單": "sin6", "单": "sin6",
    "解": "haai5", "樂": "lok6", "乐": "lok6", "查": "caa4", "覃": "tam4", "繆": "miu6",
    "缪": "miu6", "葉": "jip6",
    "叶": "jip6", "冼": "sin2", "岑": "sam4", "任": "jam4", "沈": "sam2",
}

_JYUTPING = re.compile(r"^(gw|kw|ng|[bpmfdtnlgkhwzcsj])?([a-z]+?)([1-6])?$")

# Hong Kong government style: initials and finals as the Immigration Department writes them.
_HK_INITIALS = {
    "b": ("p",), "p": ("p",), "m": ("m",), "f": ("f",), "d": ("t",), "t": ("t",), "n": ("n",),
    "l": ("l",), "g": ("k",), "k": ("k",), "ng": ("ng", ""), "h": ("h",), "gw": ("kw",),
    "kw": ("kw",), "w": ("w",), "z": ("ch", "ts"), "c": ("ch", "ts"), "s": ("s", "sh"),
    "j": ("y",), "": ("",),
}
_HK_FINALS = {
    "aa": ("a", "ah"), "aai": ("ai",), "aau": ("au",), "aam": ("am",), "aan": ("an",),
    "aang": ("ang",), "aap": ("ap",), "aat": ("at",), "aak": ("ak",),
    "ai": ("ai", "ay"), "au": ("au", "ow"), "am": ("am", "um"), "an": ("an", "un"),
    "ang": ("ang",), "ap": ("ap", "up"), "at": ("at", "ut"), "ak": ("ak",),
    "e": ("e", "eh"), "ei": ("ei", "ee", "i", "ey"), "eu": ("eu",), "em": ("em",),
    "eng": ("eng",), "ep": ("ep",), "ek": ("ek",),
    "i": ("i", "ee"), "iu": ("iu",), "im": ("im",), "in": ("in",), "ing": ("ing",),
    "ip": ("ip",), "it": ("it",), "ik": ("ik",),
    "o": ("o", "oh", "or"), "oi": ("oi", "oy"), "ou": ("o", "ou"), "on": ("on",), "ong": ("ong",),
    "ot": ("ot",), "ok": ("ok",),
    "u": ("u", "oo"), "ui": ("ui", "ooi"), "un": ("un", "oon"), "ung": ("ung", "oong"),
    "ut": ("ut",), "uk": ("uk", "ook"),
    "oe": ("oe", "euh"), "oeng": ("eung",), "oek": ("euk",),
    "eoi": ("ui", "eui"), "eon": ("un", "eun"), "eot": ("ut", "eut"),
    "yu": ("u", "ue", "yu"), "yun": ("uen", "un", "yun"), "yut": ("uet", "ut", "yut"),
    "m": ("m",), "ng": ("ng",),
}
# Macau's Portuguese-based style differs in a few places: j → i (Iat, Ieong), iu → io (Chio),
# au → ao (Iao), oeng → eong (Leong), ing → eng (Seng), gw → ku (Kuok), yu → u (U).
_MO_INITIALS = {**_HK_INITIALS, "j": ("i", "y"), "gw": ("ku", "kw"), "kw": ("ku", "kw"),
                "w": ("w", "v"),
                "z": ("ch", "ts"), "c": ("ch", "ts"), "s": ("s",)}
_MO_FINALS = {**_HK_FINALS, "iu": ("io", "iu"), "au": ("ao", "au"), "oeng": ("eong",),
              "ing": ("eng", "ing"), "ik": ("ec", "ek", "ik"), "ak": ("ac", "ak"),
              "ok": ("oc", "ok"), "uk": ("uc", "uk"), "eon": ("on", "un", "eon"),
              "eoi": ("ui", "oi", "eoi"), "ou": ("ou", "o"), "ei": ("ei", "i"),
              "yu": ("u", "iu", "ue"), "yun": ("un", "iun", "uen"), "yut": ("ut", "iut")}


def split_jyutping(syllable: str) -> tuple[str, str]:
    """(initial, final) of a toneless or toned Jyutping syllable; the final of 吳 ng4 is 'ng'."""
    if syllable.rstrip("123456") in ("m", "ng"):
        return "", syllable.rstrip("123456")
    m = _JYUTPING.match(syllable)
    if not m:
        return "", syllable.rstrip("123456")
    return m.group(1) or "", m.group(2)


def _spell(initial: str, final: str, initials: dict, finals: dict, sibilant_i: dict) -> set[str]:
    if initial in ("z", "c", "s") and final == "i":
        return set(sibilant_i[initial])
    out = set()
    for head in initials.get(initial, (initial,)):
        for f in finals.get(final, (final,)):
            if head == "y" and f.startswith("y") or head == "i" and f.startswith("i"):
                out.add(f)
            elif head == "i" and f.startswith("u"):
                out |= {f, "i" + f}
            else:
                out.add(head + f)
    if initial == "j" and final == "i":
        out |= {"yi", "yee"}
    if initial == "j" and final.startswith("i") and "y" in initials["j"]:
        out |= set(finals.get(final, (final,)))  # 葉 Ip, 嚴 Im beside Yip, Yim
    return out


# 子 zi2 "Tsz", 志 zi3 "Chi" or "Chee" (final i as "ee", as after other initials: 美 "Mee")
_HK_SIBILANT_I = {"z": ("chi", "tsz", "tze", "tsi", "chee"),
                  "c": ("chi", "tsz", "tze", "tsi", "chee"),
                  "s": ("sze", "si", "see", "sz", "shi")}
_MO_SIBILANT_I = {"z": ("chi", "chi", "tsi", "tchi"), "c": ("chi", "tsi", "tchi"),
                  "s": ("si", "sze")}


@cache
def spellings(jyutping: str) -> dict[str, frozenset[str]]:
    """Folded spelling → systems ('hk-gov', 'macau') for one Jyutping syllable."""
    initial, final = split_jyutping(jyutping)
    found: dict[str, set[str]] = {}
    for system, initials, finals, sib in (("hk-gov", _HK_INITIALS, _HK_FINALS, _HK_SIBILANT_I),
                                          ("macau", _MO_INITIALS, _MO_FINALS, _MO_SIBILANT_I)):
        for s in _spell(initial, final, initials, finals, sib):
            if s:
                found.setdefault(s, set()).add(system)
    return {k: frozenset(v) for k, v in found.items()}


@cache
def char_readings(ch: str) -> tuple[str, ...]:
    """Jyutping readings of one character, the usual one first (empty when ToJyutping has none)."""
    readings = reading_table().get(ch)
    return tuple(readings.split(SEPARATOR)) if readings else ()


# Every code point ToJyutping is asked about: the BMP and the CJK extension planes (B to H).
TABLE_RANGES = ((0, 0x10000), (0x20000, 0x323B0))
_TABLE_FORMAT = 2


def readings_from_tojyutping(ch: str) -> tuple[str, ...]:
    """ToJyutping's readings of one character, asked directly (what the table holds)."""
    import ToJyutping

    out: list[str] = []
    for _, cands in ToJyutping.get_jyutping_candidates(ch):
        for c in cands or ():
            if c and c not in out:
                out.append(c)
    return tuple(out)


@cache
def reading_table() -> dict[str, str]:
    """Every character's Jyutping readings, the usual one first (reading_cache.py: built once
    from ToJyutping, whose import the garbage collector pays for as long as a process lives)."""
    return cached_table("jyutping", "ToJyutping", _TABLE_FORMAT, _build_table)


def _build_table() -> dict[str, str]:
    table = {}
    for start, end in TABLE_RANGES:
        for cp in range(start, end):
            found = readings_from_tojyutping(chr(cp))
            if found:
                table[chr(cp)] = SEPARATOR.join(found)
    return table


@cache
def all_spellings() -> frozenset[str]:
    """Every spelling the Hong Kong and Macau styles write for any initial with any final: the
    syllable shapes a Cantonese name can have ("yok", "mo", "yuen"), whatever the character."""
    out: set[str] = set()
    for initial in _HK_INITIALS:
        for final in _HK_FINALS:
            out.update(spellings(initial + final))
    return frozenset(out)
