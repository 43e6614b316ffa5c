"""A deterministic engine that makes the mistakes real MT makes, for tests and dry runs.

It "translates" by glossary look-up and gets terms wrong on purpose: Taiwanese names in Hanyu
pinyin, agencies by their forbidden (literal or outdated) name, Chinese in Simplified characters
or with a homophone, placeholders such as {1} or TERM1 dropped. Ordinary words come out as
[word] glosses. It ignores pinned terms, so every fix is left to verification and repair.
"""

from __future__ import annotations

import re

from ..glossary import Glossary
from ..language import Language
from ..text import convert_script
from .engine import GenerationOptions, TermSpec

_PLACEHOLDER = re.compile(r"\{\d+\}|TERM\d+|\[\d+\]")


class FakeEngine:
    name = "fake"
    pins_terms = False
    model_id = "fake"

    @classmethod
    def create(cls, model: str | None, source: Language, target: Language, options: GenerationOptions,
               glossary: Glossary | None = None) -> FakeEngine:
        return cls(source, target, glossary)

    def __init__(self, source: Language, target: Language, glossary: Glossary | None):
        """``glossary``: the terms it knows (and gets wrong); None knows none and glosses every word."""
        self.source, self.target = source, target
        self.glossary = glossary
        self.calls = 0  # engine calls, so tests can prove a cached rerun makes none

    def settings(self) -> dict:
        return {"engine": "fake", "source": self.source.key, "target": self.target.key}

    @property
    def max_source_tokens(self) -> int:
        return 200

    def count_tokens(self, texts: list[str]) -> list[int]:
        return [len(t) for t in texts]

    def translate(self, texts: list[str], specs: list[TermSpec] | None = None) -> list[str]:
        self.calls += 1
        return [self._one(_PLACEHOLDER.sub("", t)) for t in texts]

    def _one(self, text: str) -> str:
        from ..romanize import plain_pinyin, render

        if self.glossary is None:
            return self._gloss(text)
        columns = self.glossary.languages
        src, tgt = self.source.column_in(columns), self.target.column_in(columns)
        pieces, last = [], 0
        for m in self.glossary.find(text, langs={src}, roles={"canonical", "variant"}):
            pieces.append(self._gloss(text[last : m.start]))
            e = self.glossary.entries[m.terms[0].entry]
            if tgt == "en" and e.type == "person" and e.zh:
                pieces.append(render(e.zh, "pinyin"))
            elif tgt == "en" and e.type == "place" and e.zh:
                pieces.append("".join(plain_pinyin(e.zh)).capitalize() if e.romanization == "custom" else e.en)
            elif e.forbidden.get(tgt):
                pieces.append(e.forbidden[tgt][0])
            else:
                form = e.forms.get(tgt, m.text)
                pieces.append(convert_script(form, "t2s") if tgt == "zh" else form)
            last = m.end
        pieces.append(self._gloss(text[last:]))
        joiner = "" if tgt == "zh" else " "
        return joiner.join(p for p in pieces if p).strip()

    def _gloss(self, text: str) -> str:
        words = re.findall(r"\w+", text)
        if self.target.base == "zh":
            return convert_script("".join(f"〈{w}〉" for w in words), "t2s") if words else ""
        return " ".join(f"[{w}]" for w in words)
