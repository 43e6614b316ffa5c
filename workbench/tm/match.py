"""How alike two source segments are, the way translators read a TM match score.

The score is documented because LSP quotes depend on it:

* **101** (in-context exact): the source is identical (after whitespace normalization) and the TM
  unit was stored with the same previous and next source segments.
* **100** (exact): the source is identical after whitespace normalization.
* **fuzzy, at most 99**: both sources are tokenized (every CJK character is a token; a Latin word,
  a number or a punctuation mark is a token); numbers are masked to one class token and
  placeholders/inline tags to another, and tokens are compared case- and width-folded. The base
  score is ``100 × (1 − token edit distance / longer length)`` (rapidfuzz's normalized Levenshtein
  similarity over token sequences). Each number or placeholder that differs costs 1 point, and a
  difference only in case, width or spacing costs 1 point, so a segment that differs from a TM
  unit only in a number scores 99 and wb carries the new number into the TM target
  (``fix_numbers``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from ..text import fold_chars, is_cjk

NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
PLACEHOLDER = re.compile(r"\{\d*\w*\}|%\(\w+\)[sd]|%\d*\$?[sdf]|</?[A-Za-z][^<>]*>|\[\d+\]")
_TOKEN = re.compile(
    r"(?P<p>\{\d*\w*\}|%\(\w+\)[sd]|%\d*\$?[sdf]|</?[A-Za-z][^<>]*>|\[\d+\])|(?P<n>\d+(?:[.,]\d+)*)"
    r"|(?P<w>[^\W\d_]+)|\S"
)
NUM, PH = "\x01n", "\x01p"
BANDS = ("101", "100", "95-99", "85-94", "75-84", "50-74", "no-match")


def normalize(text: str) -> str:
    """The exact-match key: NFC, whitespace collapsed, outer space removed."""
    return " ".join(unicodedata.normalize("NFC", text).split())


@dataclass(frozen=True)
class Tokens:
    """A segment's tokens: raw, and masked + folded for scoring."""

    raw: tuple[str, ...]
    masked: tuple[str, ...]

    @classmethod
    def of(cls, text: str) -> Tokens:
        text = unicodedata.normalize("NFC", text)
        folded = fold_chars(text)  # one-to-one, so token offsets hold in both
        raw: list[str] = []
        masked: list[str] = []
        for m in _TOKEN.finditer(text):
            kind, tok = m.lastgroup, m.group()
            if kind == "w" and any(is_cjk(c) for c in tok):  # one token per CJK character
                raw.extend(tok)
                masked.extend(folded[m.start() : m.end()])
            else:
                raw.append(tok)
                masked.append(
                    NUM if kind == "n" else PH if kind == "p" else folded[m.start() : m.end()]
                )
        return cls(tuple(raw), tuple(masked))


def score(query: str, candidate: str, *, query_tokens: Tokens | None = None) -> int:
    """The match score (0–100) of a TM unit's source ``candidate`` for the segment ``query``."""
    if normalize(query) == normalize(candidate):
        return 100
    a = query_tokens or Tokens.of(query)
    b = Tokens.of(candidate)
    if not a.masked and not b.masked:
        return 0
    base = Levenshtein.normalized_similarity(a.masked, b.masked) * 100
    penalty = 0
    if a.masked == b.masked:
        diffs = sum(
            x != y for x, y in zip(a.raw, b.raw) if NUMBER.fullmatch(x) or PLACEHOLDER.fullmatch(x)
        )
        penalty = diffs or 1  # same words, so case, width or spacing differs
    else:
        penalty = _masked_differences(a, b)
    return max(0, min(99, int(base) - penalty))


def _masked_differences(a: Tokens, b: Tokens) -> int:
    """Numbers and placeholders present in one segment and not the other (as multisets)."""

    def specials(t: Tokens) -> list[str]:
        return sorted(r for r, m in zip(t.raw, t.masked) if m in (NUM, PH))

    x, y = specials(a), specials(b)
    common = 0
    pool = list(y)
    for item in x:
        if item in pool:
            pool.remove(item)
            common += 1
    return max(len(x), len(y)) - common


def band(value: int) -> str:
    """The analysis band of a score: 101, 100, 95-99, 85-94, 75-84, 50-74 or no-match."""
    if value >= 101:
        return "101"
    if value == 100:
        return "100"
    for low, name in ((95, "95-99"), (85, "85-94"), (75, "75-84"), (50, "50-74")):
        if value >= low:
            return name
    return "no-match"


def fix_numbers(query: str, tm_source: str, tm_target: str) -> str | None:
    """The TM target with the query's numbers put where the TM source's numbers were.

    Only when the two sources differ in numbers alone, and each changed number of the TM source
    appears exactly once in the TM target (so there is no doubt which to replace); otherwise None.
    """
    a, b = Tokens.of(query), Tokens.of(tm_source)
    if a.masked != b.masked:
        return None
    changes = {old: new for new, old in zip(a.raw, b.raw) if new != old and NUMBER.fullmatch(old)}
    if not changes:
        return None
    spans = []
    for old, new in changes.items():
        hits = list(re.finditer(rf"(?<![\d.,]){re.escape(old)}(?![\d]|[.,]\d)", tm_target))
        if len(hits) != 1:
            return None
        spans.append((hits[0].start(), hits[0].end(), new))
    target = tm_target
    for start, end, new in sorted(spans, reverse=True):  # from the end: offsets stay valid
        target = target[:start] + new + target[end:]
    return target
