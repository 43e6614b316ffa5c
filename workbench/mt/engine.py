"""The engine types: what an MT engine is asked (``TermSpec``, ``GenerationOptions``) and what it
offers (``Engine``). Implementations live in hf.py, ct2.py and fake.py and are found by id through
registry.py; this module imports none of them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from ..language import Language

__all__ = ["Engine", "GenerationOptions", "TermSpec"]


@dataclass
class TermSpec:
    """What enforcement asks of the decoder for one segment: forms that must appear (each term a
    list of acceptable forms, canonical first) and forms that must not."""

    required: list[list[str]] = field(default_factory=list)
    banned: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class GenerationOptions:
    """How an engine decodes. ``fixed_output_tokens`` is for benchmarks: decode exactly that many
    tokens, so speeds compare per token whatever the random weights produce."""

    beams: int = 4
    device: str = "auto"  # auto | cpu | cuda
    compute_type: str | None = None  # CTranslate2 only (int8 on CPU by default)
    use_vmap: bool = True  # CTranslate2 only: restrict the vocabulary when the model has a vmap
    fixed_output_tokens: int | None = None


class Engine(Protocol):
    name: str
    model_id: str
    pins_terms: bool  # True when decoding itself enforces TermSpec.required
    source: Language
    target: Language

    def settings(self) -> dict: ...

    def count_tokens(self, texts: list[str]) -> list[int]: ...

    @property
    def max_source_tokens(self) -> int: ...

    def translate(self, texts: list[str], specs: list[TermSpec] | None = None) -> list[str]: ...
