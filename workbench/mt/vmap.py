"""Vocabulary restriction for CTranslate2 ("vmap"): which target tokens a batch may produce.

A vmap file maps source token n-grams to the target tokens they make possible, one rule a line
(``<n-gram>\\t<token> <token> ...``; the empty n-gram lists tokens that are always allowed).
CTranslate2 then scores only the allowed tokens at each step instead of the whole vocabulary
(65k for opus-mt), which is about half the work of greedy decoding on CPU. The price: when the
model's best token is not allowed, the output differs from the unrestricted model's, so a map
must come from text like the text it will translate (``build_vmap``).

Glossary enforcement is kept: ``VocabularyMap.allows`` says whether every token of a segment's
required target forms is allowed; the engine translates a segment that fails it unrestricted.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

FILE_NAME = "vmap.txt"  # where CTranslate2 looks for it in a converted model folder


class VocabularyMap:
    """A parsed vmap file, read with the same rules as CTranslate2's VocabularyMap."""

    def __init__(self, text: str):
        self.rules: list[dict[str, list[str]]] = []
        for line in text.splitlines():
            key, _, values = line.partition("\t")
            n = key.count(" ") + 1
            while len(self.rules) < n:
                self.rules.append({})
            self.rules[n - 1][key] = values.split()
        self.always = set(self.rules[0].get("", [])) if self.rules else set()
        self.digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]

    @classmethod
    def read(cls, path: str | Path) -> VocabularyMap:
        return cls(Path(path).read_text(encoding="utf-8"))

    def candidates(self, source_tokens: Sequence[str]) -> set[str]:
        """Target tokens allowed for one segment (a batch allows the union of its segments')."""
        out = set(self.always)
        for i in range(len(source_tokens)):
            for n, rules in enumerate(self.rules):
                if i + n >= len(source_tokens):
                    break
                found = rules.get(" ".join(source_tokens[i : i + n + 1]))
                if found:
                    out.update(found)
        return out

    def allows(self, source_tokens: Sequence[str], sequences: Iterable[Sequence[str]]) -> bool:
        """Whether every token of every sequence may be produced for this segment alone (so in
        any batch it is part of)."""
        needed = {token for seq in sequences for token in seq}
        return needed <= self.always or needed <= self.candidates(source_tokens)


def build_vmap(pairs: Iterable[tuple[Sequence[str], Sequence[str]]], *, frequent: int = 300,
               per_source: int = 20, terms: Iterable[tuple[Sequence[str], Sequence[str]]] = ()
               ) -> str:
    """A vmap from tokenized (source, target) segment pairs: the ``frequent`` most common target
    tokens always, and for each source token the ``per_source`` target tokens that co-occur with it
    most (Dice coefficient over segments). ``terms``: glossary (source, target) token pairs,
    each source term's n-gram allowing its target tokens.

    The pairs can be a parallel corpus or translation memory, or the model's own unrestricted
    translations of representative text (then the map keeps what the model really writes)."""
    df_source: Counter[str] = Counter()
    df_target: Counter[str] = Counter()
    together: dict[str, Counter[str]] = {}
    for source, target in pairs:
        s_set, t_set = set(source), set(target)
        df_source.update(s_set)
        df_target.update(t_set)
        for s in s_set:
            together.setdefault(s, Counter()).update(t_set)
    always = {t for t, _ in df_target.most_common(frequent)}
    rules: dict[str, set[str]] = {"": set(always)}
    for s, counts in together.items():
        def dice(t: str, s: str = s, counts: Counter[str] = counts) -> float:
            return 2 * counts[t] / (df_source[s] + df_target[t])

        best = sorted((t for t in counts if t not in always), key=lambda t: (-dice(t), t))
        if best[:per_source]:
            rules[s] = set(best[:per_source])
    for source, target in terms:
        key = " ".join(source)
        if key and target:
            rules.setdefault(key, set()).update(target)
    return "".join(f"{key}\t{' '.join(sorted(values))}\n" for key, values in rules.items())
