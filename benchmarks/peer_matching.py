"""The matching peer: a bare pyahocorasick pass with exactly wb's rules, and nothing else.

Same keys (``text.fold``), same folded text and offset map, same word-boundary rule, longest
first then leftmost, non-overlapping, and the same case re-check for case-sensitive keys. It
returns spans only (no entry objects, no language or role filter): the least any implementation
of wb's rules must do, so ``wb / peer`` is the overhead of wb's own bookkeeping.
"""

from __future__ import annotations

import bisect

import ahocorasick

from workbench.text import FoldedText, fold, fold_many, is_word_char


class _WordChars(dict):
    def __missing__(self, ch: str) -> bool:
        value = self[ch] = is_word_char(ch)
        return value


WORD = _WordChars()


class PeerMatcher:
    def __init__(self, forms: list[str], case_sensitive: list[bool]):
        keys: dict[str, list[str]] = {}
        for form, key, case in zip(forms, fold_many(forms), case_sensitive):
            if key:
                keys.setdefault(key, []).append(form if case else "")
        self.automaton = ahocorasick.Automaton()
        for key, cased in keys.items():
            need = tuple(fold(f, case=False) for f in cased if f) if all(cased) else ()
            self.automaton.add_word(
                key, (len(key), is_word_char(key[0]), is_word_char(key[-1]), need)
            )
        self.automaton.make_automaton()

    def spans(self, text: str) -> list[tuple[int, int]]:
        ft = FoldedText(text)
        key = ft.key
        n = len(key)
        found = []
        for end, (length, glue_start, glue_end, need) in self.automaton.iter(key):
            start = end - length + 1
            if glue_start and start and WORD[key[start - 1]]:
                continue
            if glue_end and end + 1 < n and WORD[key[end + 1]]:
                continue
            found.append((start, end + 1, need))
        found.sort(key=lambda c: (c[0] - c[1], c[0]))
        taken = bytearray(n)
        out = []
        cuts, shift = ft.cuts, ft.shifts
        for start, end, need in found:
            if any(taken[start:end]):
                continue
            i = bisect.bisect_right(cuts, start) - 1
            o_start = start + (shift[i] if i >= 0 else 0)
            i = bisect.bisect_right(cuts, end - 1) - 1
            o_end = end + (shift[i] if i >= 0 else 0)
            if need and fold(text[o_start:o_end], case=False) not in need:
                continue
            taken[start:end] = b"\x01" * (end - start)
            out.append((o_start, o_end))
        out.sort()
        return out
