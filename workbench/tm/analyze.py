"""`wb tm analyze`: the match analysis language-service providers quote from.

Each segment of the files, in order, falls in one band: 101 (in context), 100, 95-99, 85-94,
75-84, 50-74, no match, or "repetition" (a source seen earlier in the same files that the TM does
not already match at 100% or more). Words are counted the way quotes count them: Latin-script words,
and each CJK character as one word.
"""

from __future__ import annotations

import re

import polars as pl

from ..text import is_cjk
from .match import BANDS, band, normalize
from .store import TranslationMemory

ROWS = (*BANDS[:2], "repetition", *BANDS[2:])
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")


def count_words(text: str) -> int:
    cjk = sum(1 for ch in text if is_cjk(ch))
    latin = sum(1 for w in _WORD.findall("".join(" " if is_cjk(ch) else ch for ch in text)))
    return cjk + latin


def analyze(
    files: dict[str, list[str]], tm: TranslationMemory, source_lang: str, target_lang: str
) -> pl.DataFrame:
    """Segments, words and characters per band over ``files`` (name → segments in order)."""
    totals = {name: [0, 0, 0] for name in ROWS}
    seen: set[str] = set()
    for texts in files.values():
        for i, text in enumerate(texts):
            key = normalize(text)
            if not key:
                continue
            matches = tm.lookup(
                text,
                source_lang,
                target_lang,
                prev=texts[i - 1] if i else "",
                next=texts[i + 1] if i + 1 < len(texts) else "",
                threshold=50,
                limit=1,
            )
            best = matches[0].score if matches else 0
            name = band(best)
            if best < 100 and key in seen:
                name = "repetition"
            seen.add(key)
            row = totals[name]
            row[0] += 1
            row[1] += count_words(text)
            row[2] += len(key)
    frame = pl.DataFrame(
        {
            "band": list(ROWS),
            "segments": [totals[n][0] for n in ROWS],
            "words": [totals[n][1] for n in ROWS],
            "characters": [totals[n][2] for n in ROWS],
        }
    )
    words = max(1, sum(frame["words"]))
    return frame.with_columns((pl.col("words") * 100 / words).round(1).alias("percent_words"))
