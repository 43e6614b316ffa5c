"""Hokkien readings (Tâi-lô, from taibun's character table) and the spellings names derive.

Taiwanese given names such as 蕭美琴 "Hsiao Bi-khim" and Singapore/Malaysia surnames such as
陳 Tan, 林 Lim, 王 Ong, 蔡 Chua are Hokkien readings written in a Pe̍h-ōe-jī-like way without
tone marks. The spelling rules below turn any Tâi-lô syllable into those forms.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from .reading_cache import SEPARATOR, cached_table

_INITIALS = ("tsh", "ts", "ph", "th", "kh", "ng", "p", "t", "k", "b", "g", "h", "j", "l", "m",
             "n", "s")
# Tâi-lô initial → written forms (POJ ch/chh, and the plain English forms families chose).
_INITIAL_FORMS = {
    "tsh": ("chh", "ch", "ts"), "ts": ("ch", "ts", "j"), "ph": ("ph", "p"), "th": ("th", "t"),
    "kh": ("kh", "k"), "ng": ("ng", "g"), "p": ("p",), "t": ("t",), "k": ("k",), "b": ("b",),
    "g": ("g",), "h": ("h",), "j": ("j", "l"), "l": ("l",), "m": ("m",), "n": ("n",),
    "s": ("s",), "": ("",),
}
# Final rewrites, applied to the Tâi-lô final (POJ: ing → eng, ik → ek, oo → o͘ written o/oh/oo).
_FINAL_FORMS = [
    ("ing", ("eng", "ing")), ("ik", ("ek", "ik")), ("oo", ("o", "oh", "oo", "ow")),
    ("ua", ("ua", "wa")), ("ue", ("ue", "oe", "we")), ("ian", ("ian", "ean", "ien")),
    ("iat", ("iat", "eat", "iet")), ("iu", ("iu", "eo", "eoh", "ew", "eow")), ("ia", ("ia", "eah")),
    ("au", ("au", "ow")), ("ai", ("ai", "ay")), ("i", ("i", "ee")), ("e", ("e", "eh", "ay")),
    ("u", ("u", "oo")), ("o", ("o", "oh", "or", "ow")),
]


def split_tailo(syllable: str) -> tuple[str, str]:
    """(initial, final) of a toneless Tâi-lô syllable; the nasal mark nn is dropped."""
    s = syllable[:-2] if syllable.endswith("nn") and len(syllable) > 2 else syllable
    for ini in _INITIALS:
        if s.startswith(ini) and len(s) > len(ini):
            return ini, s[len(ini):]
    return "", s


def _finals(final: str) -> tuple[str, ...]:
    for key, forms in _FINAL_FORMS:
        if final == key:
            return forms
    return (final,)


@cache
def spellings(tailo: str) -> dict[str, frozenset[str]]:
    """Folded spelling → {'hokkien'} for one toneless Tâi-lô syllable."""
    initial, final = split_tailo(tailo)
    out = set()
    for head in _INITIAL_FORMS.get(initial, (initial,)):
        for f in _finals(final):
            out.add(head + f)
            if not head and f[:1] in "ie":
                out.add("y" + f)
            if not head and len(f) > 1 and f[0] == "i" and f[1] in "aeou":
                out.add("y" + f[1:])  # iam → Yam, iong → Yong
            if not head and f[:1] == "u" and len(f) > 1 and f[1] in "aeio":
                out.add("w" + f[1:])  # uan → wan
            if f.endswith("k"):
                out.add(head + f[:-1] + "ck")  # Bock
            if f.endswith(("un", "ung")):
                out.add(head + f.replace("u", "oo", 1))  # Boon
            if f[-1] in "aoe" and not f.endswith("h"):
                out.add(head + f + "h")
    return {s: frozenset({"hokkien"}) for s in out if s}


def _plain(tailo: str) -> str:
    text = unicodedata.normalize("NFD", tailo.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z]", "", text)


def _taibun_table() -> dict[str, list[str]]:
    try:
        from taibun.taibun import prons_dict, trad_dict
    except ImportError:  # pragma: no cover - taibun is a core dependency
        return {}
    table = dict(prons_dict)
    for simp, trad in trad_dict.items():
        if len(simp) == 1 and trad in prons_dict and simp not in table:
            table[simp] = prons_dict[trad]
    return table


def readings_from_taibun(ch: str) -> tuple[str, ...]:
    """Toneless Tâi-lô readings of one character from taibun's own tables (what the table holds)."""
    out: list[str] = []
    for pron in _taibun_table().get(ch, ()):
        for variant in pron.split("/"):
            plain = _plain(variant)
            if plain and plain not in out:
                out.append(plain)
    return tuple(out)


def _build_table() -> dict[str, str]:
    return {ch: SEPARATOR.join(found) for ch in _taibun_table()
            if len(ch) == 1 and (found := readings_from_taibun(ch))}


@cache
def reading_table() -> dict[str, str]:
    """Every character's readings (reading_cache.py: built once from taibun, whose import costs
    more than the names a QA run judges)."""
    return cached_table("tailo", "taibun", 1, _build_table)


@cache
def char_readings(ch: str) -> tuple[str, ...]:
    """Toneless Tâi-lô readings of one character (literary and colloquial), empty when unknown."""
    readings = reading_table().get(ch)
    return tuple(readings.split(SEPARATOR)) if readings else ()


@cache
def all_spellings() -> frozenset[str]:
    """Every spelling of every syllable in the character table: the syllable shapes a Hokkien
    name can have, whatever the character."""
    syllables = {syl for readings in reading_table().values()
                 for syl in readings.split(SEPARATOR)}
    return frozenset(sp for syl in syllables if syl for sp in spellings(syl))
