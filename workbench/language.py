"""One language value for the whole workbench: a user's BCP 47 code, parsed once.

``Language.parse("pt-BR")`` gives the glossary column it is checked and enforced against, the
script (Chinese is Traditional unless the code says Simplified), and each model family's code
(``>>cmn_Hant<<`` for opus-mt, ``zho_Hant`` for NLLB, ``zh`` for M2M100). MT, QA, glossary export
and translate all go through it, so ``--to pt-BR`` means the same column everywhere. A code whose
language wb does not know is a usage error (exit 2), never silently a new glossary column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import UsageError

# Languages wb knows, with their NLLB-200 code (which also gives the default script). The keys are
# ISO 639-1 codes where one exists; NLLB codes from the model card's FLORES-200 list.
NLLB_CODES = {
    "zh-Hant": "zho_Hant",
    "zh-Hans": "zho_Hans",
    "yue": "yue_Hant",
    "en": "eng_Latn",
    "ja": "jpn_Jpan",
    "ko": "kor_Hang",
    "de": "deu_Latn",
    "fr": "fra_Latn",
    "pl": "pol_Latn",
    "cs": "ces_Latn",
    "sk": "slk_Latn",
    "lt": "lit_Latn",
    "lv": "lvs_Latn",
    "et": "est_Latn",
    "es": "spa_Latn",
    "it": "ita_Latn",
    "nl": "nld_Latn",
    "pt": "por_Latn",
    "ru": "rus_Cyrl",
    "uk": "ukr_Cyrl",
    "vi": "vie_Latn",
    "id": "ind_Latn",
    "ms": "zsm_Latn",
    "th": "tha_Thai",
    "tl": "tgl_Latn",
    "hu": "hun_Latn",
    "ro": "ron_Latn",
    "sv": "swe_Latn",
    "fi": "fin_Latn",
    "da": "dan_Latn",
    "nb": "nob_Latn",
    "bg": "bul_Cyrl",
    "hr": "hrv_Latn",
    "sl": "slv_Latn",
    "el": "ell_Grek",
    "tr": "tur_Latn",
    "ar": "arb_Arab",
    "he": "heb_Hebr",
    "fa": "pes_Arab",
    "hi": "hin_Deva",
    "bn": "ben_Beng",
    "ur": "urd_Arab",
    "ta": "tam_Taml",
    "my": "mya_Mymr",
    "km": "khm_Khmr",
    "lo": "lao_Laoo",
}
# ISO 639-2/3 codes CAT tools write (memoQ: "eng", "ger", "zho-TW") and retired 639-1 codes.
ALIASES = {"cmn": "zh", "zho": "zh", "chi": "zh", "eng": "en", "no": "nb", "iw": "he", "in": "id",
           "ger": "de", "deu": "de", "fre": "fr", "fra": "fr", "pol": "pl", "spa": "es",
           "ita": "it", "dut": "nl", "nld": "nl", "cze": "cs", "ces": "cs", "jpn": "ja",
           "kor": "ko", "por": "pt", "rus": "ru", "vie": "vi", "tha": "th", "ind": "id"}
MARIAN_TARGET_TOKENS = {"zh-Hant": ">>cmn_Hant<<", "zh-Hans": ">>cmn_Hans<<"}
SIMPLIFIED_REGIONS = {"CN", "SG", "MY"}
# language, then optional script (4 letters), region (2 letters or 3 digits), variants/extensions.
_TAG = re.compile(r"^([a-z]{2,3})(?:-([a-z]{4}))?(?:-([a-z]{2}|\d{3}))?((?:-[a-z0-9]{1,8})*)$")


@dataclass(frozen=True)
class Language:
    """A parsed language code: ``code`` as normalized BCP 47 (zh-TW, pt-BR), its parts, and what
    each consumer needs from it."""

    code: str  # normalized: language lower case, Script title case, REGION upper case
    base: str  # zh, en, pt
    script: str  # Hant, Hans, Latn, Cyrl …
    region: str = ""  # TW, BR, "" when none

    @classmethod
    def parse(cls, code: str) -> Language:
        """Parse a BCP 47 code (``zh-TW``, ``zh_Hant``, ``en-US``, ``pt-BR``); UsageError when it
        is malformed or names a language wb does not know."""
        raw = str(code).strip()
        m = _TAG.match(raw.replace("_", "-").lower())
        if not m:
            raise UsageError(
                f"'{raw}' is not a language code (expected e.g. en, zh-TW, zh-CN, pt-BR)"
            )
        base, script, region = ALIASES.get(m[1], m[1]), (m[2] or "").title(), (m[3] or "").upper()
        code = "-".join(p for p in (base, script, region) if p)
        if base == "zh":
            if script not in ("Hant", "Hans"):
                script = "Hans" if region in SIMPLIFIED_REGIONS else "Hant"
        elif base not in NLLB_CODES:
            known = ", ".join(sorted({k.split("-")[0] for k in NLLB_CODES}))
            raise UsageError(f"unknown language '{raw}' (wb knows: {known})")
        else:
            script = script or NLLB_CODES[base].split("_")[1]
        return cls(code, base, script, region)

    def __str__(self) -> str:
        return self.code

    @property
    def key(self) -> str:
        """What a translation depends on: zh-Hant / zh-Hans for Chinese, the language otherwise."""
        return f"zh-{self.script}" if self.base == "zh" else self.base

    @property
    def default_target(self) -> Language:
        """wb's default direction when no target is named: Chinese into English, anything else
        into Taiwan-standard Chinese (the glossary's two languages)."""
        return Language.parse("en" if self.base == "zh" else "zh-TW")

    @property
    def simplified(self) -> bool:
        return self.base == "zh" and self.script == "Hans"

    @property
    def zh_variant(self) -> str:
        """The standard of written Chinese this code asks for (``--zh-variant`` default): cn for
        Simplified, hk for Hong Kong and Macau, tw otherwise."""
        if self.simplified:
            return "cn"
        return "hk" if self.region in ("HK", "MO") else "tw"

    @property
    def glossary_columns(self) -> list[str]:
        """Glossary columns for this language, most specific first: ``pt-br`` then ``pt``.
        Chinese is always ``zh`` (Taiwan-standard Traditional; Simplified is matched by folding)
        and English ``en``."""
        if self.base in ("zh", "en") or not self.region:
            return [self.base]
        return [f"{self.base}-{self.region.lower()}", self.base]

    def column_in(self, columns) -> str:
        """The glossary column for this language among ``columns``: the most specific present,
        else the plain language (a glossary without it simply has no terms for it)."""
        present = set(columns)
        return next((c for c in self.glossary_columns if c in present), self.glossary_columns[-1])

    @property
    def nllb(self) -> str:
        return NLLB_CODES[self.key]

    @property
    def m2m100(self) -> str:
        return self.base

    @property
    def marian_token(self) -> str | None:
        """The target-language token multi-target opus-mt models expect (en-zh: >>cmn_Hant<<)."""
        return MARIAN_TARGET_TOKENS.get(self.key)


def parse_optional(code: str | None) -> Language | None:
    return Language.parse(code) if code else None
