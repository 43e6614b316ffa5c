"""Engines by id. Each entry names the module and class that implement it, imported only when
that engine is asked for, so listing engines (``--engine`` choices) needs neither torch nor
CTranslate2 and engine.py never imports an implementation."""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import MissingExtra, UsageError
from ..language import Language
from .engine import Engine, GenerationOptions
from .lazy import LazyEngine, SettingsMemo, request_key

if TYPE_CHECKING:
    from ..glossary import Glossary

MT_HINT = "pip install -e '.[mt,ct2]' in the wb checkout (make setup installs it)"


@dataclass(frozen=True)
class EngineInfo:
    id: str
    target: str  # "module:Class"; the class has create(model, source, target, options, glossary)
    needs: tuple[str, ...]  # modules that must import, checked before any weights are looked for
    help: str


ENGINES: dict[str, EngineInfo] = {}


def register(info: EngineInfo) -> None:
    ENGINES[info.id] = info


register(
    EngineInfo(
        "hf",
        "workbench.mt.hf:HFEngine",
        ("torch", "transformers", "sentencepiece"),
        "transformers (pins glossary terms while decoding)",
    )
)
register(
    EngineInfo(
        "ct2",
        "workbench.mt.ct2:CT2Engine",
        ("ctranslate2", "transformers"),
        "CTranslate2 (int8 on CPU; bans and reranks, then repairs)",
    )
)
register(
    EngineInfo(
        "fake",
        "workbench.mt.fake:FakeEngine",
        (),
        "deterministic test engine that makes typical MT mistakes",
    )
)


def engine_ids() -> list[str]:
    return list(ENGINES)


def load_engine(
    kind: str,
    model: str | None,
    source: Language,
    target: Language,
    *,
    options: GenerationOptions | None = None,
    glossary: Glossary | None = None,
    lazy: bool = False,
    memo: SettingsMemo | None = None,
) -> Engine:
    """The engine ``kind`` for ``model`` (default: by direction) translating source → target.

    ``lazy``: a stand-in that loads the model on first real use (lazy.py); with ``memo`` (the
    translation cache) a fully cached rerun never loads it.
    """
    info = ENGINES.get(kind)
    if info is None:
        raise UsageError(f"unknown engine '{kind}' (expected one of: {', '.join(ENGINES)})")
    for name in info.needs:  # fail on a missing extra before looking for weights
        try:  # lazy: only whether it is installed (importing torch alone takes seconds)
            found = bool(importlib.util.find_spec(name) if lazy else importlib.import_module(name))
        except ImportError:
            found = False
        if not found:
            raise MissingExtra(
                f"machine translation needs the mt extra ({name} is not installed): {MT_HINT}"
            ) from None
    module, cls = info.target.split(":")
    factory = getattr(importlib.import_module(module), cls)
    options = options or GenerationOptions()
    if not lazy:
        return factory.create(model, source, target, options, glossary)
    return LazyEngine(kind, lambda: factory.create(model, source, target, options, glossary),
                      pins_terms=factory.pins_terms, source=source, target=target,
                      request=request_key(kind, model, source, target, options), memo=memo)
