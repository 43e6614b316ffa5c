"""Which standard of written Chinese a monolingual document follows, so that `wb qa scan` reports
characters of the *other* standard: a Xinhua or People's Daily article is correct in Simplified
characters, a CNA one in Traditional; only a mixture is an error."""

from __future__ import annotations

from ..language import Language
from ..text import fold_chars, is_cjk, simplified_only_chars


def is_traditional(texts: list[str], lang: str | None = None) -> bool:
    """True for a Traditional document: by ``--lang`` when it names a script or region (zh-CN,
    zh-Hant), else by the characters only one standard has: Simplified where they outnumber the
    Traditional ones two to one (wb's default standard is Taiwan's, so slips stay slips)."""
    if lang and "-" in lang:
        return not Language.parse(lang).simplified
    simplified = simplified_only_chars()
    s_count = t_count = 0
    for text in texts:
        folded = fold_chars(text, case=False)
        for ch, f in zip(text, folded):
            if ch in simplified:
                s_count += 1
            elif f != ch and is_cjk(ch):
                t_count += 1
    return not (s_count >= 2 and s_count > 2 * t_count)
