"""Where a person is from decides how their name is romanized: one registry entry per region.

The same hanzi are spelled by different rules in Taiwan (Wade-Giles passport forms), Hong Kong
(Cantonese, government style), Macau (Cantonese, Portuguese-based), Singapore and Malaysia (the
family's dialect) and the mainland (Hanyu pinyin). A region names the reading languages to derive
spellings from, the systems a native spelling uses, and how the given name is written.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Region:
    id: str
    name: str
    languages: tuple[str, ...]  # cmn (Mandarin), yue (Cantonese), nan (Hokkien)
    native: frozenset[str]  # systems a spelling of a person from here is expected in
    given_styles: frozenset[str]  # hyphen ("Ching-te"), solid ("Jinping"), spaced ("Hsien Loong")
    note: str = ""
    # Foreign systems a name may mix in beside native syllables (Taiwan's "Hong", Hong Kong's
    # "Ng Chau-pei"); a name wholly in a foreign system is still a system switch.
    mixable: frozenset[str] = frozenset()
    # Systems a surname must fit for a given name wholly in pinyin to stand: younger
    # Singaporeans keep the family's dialect surname with a pinyin given name (Sun Xueling,
    # Goh Hanyan), while a Mandarin-only surname (Chen for Tan, Huang for Ng) marks a Mandarin
    # rendering of someone whose family spelling is a dialect form.
    pinyin_given_surname: frozenset[str] = frozenset()
    # Given-name vowels vary from person to person (registry clerks wrote Cantonese and dialect
    # names by ear: Tsang Yok-sing, Chan Mo-po, Chow Kon Yeow): without the person's own
    # spelling, a vowel-only difference is unverified, not a typo. Taiwan and the mainland
    # spell from fixed tables, so there it stays a likely slip.
    loose_vowels: bool = False


REGIONS: dict[str, Region] = {}


def register(region: Region) -> Region:
    REGIONS[region.id] = region
    return region


register(Region(
    "tw", "Taiwan", ("cmn", "nan"),
    frozenset({"wade-giles", "gwoyeu", "passport", "hokkien"}),
    frozenset({"hyphen"}),
    "passport Wade-Giles, Gwoyeu Romatzyh, Hokkien given names; Tongyong or pinyin syllables "
    "inside such a name; a name wholly in pinyin or Tongyong is legal but rare",
    frozenset({"pinyin", "tongyong"}),
))
register(Region(
    "cn", "mainland China", ("cmn",), frozenset({"pinyin"}), frozenset({"solid"}),
    "Hanyu pinyin, given name as one word",
))
_MANDARIN = frozenset({"wade-giles", "passport", "gwoyeu", "pinyin"})
register(Region(
    "hk", "Hong Kong", ("yue", "cmn"), frozenset({"hk-gov"}), frozenset({"hyphen", "spaced"}),
    "Cantonese in the Hong Kong government's style", _MANDARIN, loose_vowels=True,
))
register(Region(
    "mo", "Macau", ("yue", "cmn"), frozenset({"macau", "hk-gov"}),
    frozenset({"spaced", "hyphen"}), "Cantonese in Macau's Portuguese-based style", _MANDARIN,
    loose_vowels=True,
))
_DIALECTS = frozenset({"hokkien", "dialect", "hk-gov", "macau", "wade-giles", "passport", "gwoyeu"})
_SG_NOTE = ("the family's dialect (Hokkien, Teochew, Cantonese, Hakka) or Wade-Giles, given name "
            "in separate syllables; pinyin syllables inside such a name, or a pinyin given name "
            "after a dialect surname (younger people); a name wholly in Mandarin pinyin is a "
            "Mandarin rendering: check")
_DIALECT_SURNAME = frozenset({"hokkien", "dialect", "hk-gov", "macau"})
register(Region(
    "sg", "Singapore", ("nan", "yue", "cmn"), _DIALECTS, frozenset({"spaced", "hyphen", "solid"}),
    _SG_NOTE, frozenset({"pinyin", "tongyong"}), _DIALECT_SURNAME, loose_vowels=True,
))
register(Region(
    "my", "Malaysia", ("nan", "yue", "cmn"), _DIALECTS, frozenset({"spaced", "hyphen", "solid"}),
    _SG_NOTE, frozenset({"pinyin", "tongyong"}), _DIALECT_SURNAME, loose_vowels=True,
))
register(Region(
    "other", "elsewhere", ("cmn", "yue", "nan"),
    frozenset({"wade-giles", "gwoyeu", "passport", "tongyong", "pinyin", "mps2", "yale",
               "hk-gov", "macau", "hokkien", "dialect"}),
    frozenset({"hyphen", "solid", "spaced"}), "any system",
))

REGION_IDS = tuple(REGIONS)
# Tried in this order when the region must be inferred from the spelling (ties go to the first).
INFERENCE_ORDER = ("tw", "cn", "hk", "mo", "sg", "my")


def get(region_id: str) -> Region:
    try:
        return REGIONS[region_id]
    except KeyError:
        raise ValueError(f"unknown region '{region_id}' (expected one of: "
                         f"{', '.join(REGION_IDS)})") from None
