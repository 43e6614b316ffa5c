"""An engine that loads its model only when a segment really has to be translated.

A rerun whose segments are all in the translation cache needs only the engine's cache settings
(engine, model, family, beams, dtype …). Those depend on the loaded model, so the first real load
records them in the cache under the *request* (engine id, model, languages, options and the model
folder's file stamps); a later run with the same request reads them back and never imports torch
or reads weights. Everything else (tokens, translation, attributes) loads the engine first.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any, Protocol

from ..language import Language
from .engine import Engine, GenerationOptions, TermSpec

_MODEL_FILES = (
    "config.json",
    "model.bin",
    "model.safetensors",
    "pytorch_model.bin",
    "tokenizer.json",
    "vmap.txt",
)


class SettingsMemo(Protocol):
    """Where the request → settings record lives (the translation cache)."""

    def get_settings(self, request: str) -> dict | None: ...

    def put_settings(self, request: str, settings: dict) -> None: ...


def request_key(
    kind: str, model: str | None, source: Language, target: Language, options: GenerationOptions
) -> str:
    """What the user asked for, plus size and mtime of a local model folder's main files (a
    re-converted or replaced model is a new request)."""
    stamps: dict[str, Any] = {}
    if model:
        folder = Path(model).expanduser()
        if folder.is_dir():
            for name in _MODEL_FILES:
                try:
                    st = (folder / name).stat()
                    stamps[name] = [st.st_size, st.st_mtime_ns]
                except OSError:
                    continue
    return json.dumps(
        {
            "engine": kind,
            "model": model,
            "source": source.key,
            "target": target.key,
            "options": asdict(options),
            "files": stamps,
        },
        sort_keys=True,
        ensure_ascii=False,
    )


class LazyEngine:
    """Stands in for ``create()``'s engine; see the module docstring."""

    def __init__(
        self,
        kind: str,
        create: Callable[[], Engine],
        *,
        pins_terms: bool,
        source: Language,
        target: Language,
        request: str,
        memo: SettingsMemo | None,
    ):
        self.name, self.pins_terms, self.source, self.target = kind, pins_terms, source, target
        self._create, self._request, self._memo = create, request, memo
        self._engine: Engine | None = None

    @property
    def loaded(self) -> bool:
        return self._engine is not None

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = self._create()
            if self._memo is not None:
                self._memo.put_settings(self._request, self._engine.settings())
        return self._engine

    def settings(self) -> dict:
        if self._engine is None and self._memo is not None:
            known = self._memo.get_settings(self._request)
            if known is not None:
                return known
        return self.engine.settings()

    @property
    def max_source_tokens(self) -> int:
        return self.engine.max_source_tokens

    def count_tokens(self, texts: list[str]) -> list[int]:
        return self.engine.count_tokens(texts)

    def translate(self, texts: list[str], specs: list[TermSpec] | None = None) -> list[str]:
        return self.engine.translate(texts, specs)

    def __getattr__(self, name: str):  # model_id, tokenizer, calls …: the loaded engine's
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.engine, name)
