"""The Engine interface, language codes per model family, and model resolution.

Language handling belongs to the engine: callers say ``zh-TW`` → ``en`` and the engine maps that to
``>>cmn_Hant<<`` (opus-mt), ``zho_Hant``/``eng_Latn`` (NLLB) or ``zh``/``en`` (M2M100).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ..errors import ModelNotFound

__all__ = ["Engine", "Language", "ModelNotFound", "TermSpec", "load_engine", "resolve_model_path"]

DEFAULT_MODELS = {
    ("zh", "en"): "Helsinki-NLP/opus-mt-zh-en",
    ("en", "zh"): "Helsinki-NLP/opus-mt-en-zh",
}
FALLBACK_MODEL = "facebook/nllb-200-distilled-600M"
NLLB = {
    "zh-Hant": "zho_Hant", "zh-Hans": "zho_Hans", "en": "eng_Latn", "ja": "jpn_Jpan", "ko": "kor_Hang", "de": "deu_Latn",
    "fr": "fra_Latn", "pl": "pol_Latn", "cs": "ces_Latn", "sk": "slk_Latn", "lt": "lit_Latn", "lv": "lvs_Latn",
    "et": "est_Latn", "es": "spa_Latn", "it": "ita_Latn", "nl": "nld_Latn", "pt": "por_Latn", "ru": "rus_Cyrl",
    "uk": "ukr_Cyrl", "vi": "vie_Latn", "id": "ind_Latn", "th": "tha_Thai", "tl": "tgl_Latn", "hu": "hun_Latn",
    "ro": "ron_Latn", "sv": "swe_Latn", "fi": "fin_Latn", "da": "dan_Latn",
}
MARIAN_TARGET_TOKENS = {"zh-Hant": ">>cmn_Hant<<", "zh-Hans": ">>cmn_Hans<<"}


@dataclass(frozen=True)
class Language:
    """A user's language code split into what model families need."""

    code: str  # as given: zh-TW
    base: str  # zh
    script: str  # Hant | Hans | ""

    @classmethod
    def parse(cls, code: str) -> Language:
        c = code.strip().replace("_", "-")
        base = c.split("-")[0].lower()
        script = ""
        if base == "zh":
            low = c.lower()
            script = "Hans" if any(x in low for x in ("cn", "hans", "sg")) else "Hant"
        return cls(c, base, script)

    @property
    def key(self) -> str:
        return f"{self.base}-{self.script}" if self.script else self.base

    @property
    def glossary_column(self) -> str:
        return self.base


@dataclass
class TermSpec:
    """What enforcement asks of the decoder for one segment: forms that must appear (each term a
    list of acceptable forms, canonical first) and forms that must not."""

    required: list[list[str]] = field(default_factory=list)
    banned: list[str] = field(default_factory=list)


class Engine(Protocol):
    name: str
    model_id: str
    pins_terms: bool  # True when decoding itself enforces TermSpec.required

    def settings(self) -> dict: ...

    def count_tokens(self, texts: list[str]) -> list[int]: ...

    @property
    def max_source_tokens(self) -> int: ...

    def translate(self, texts: list[str], specs: list[TermSpec] | None = None) -> list[str]: ...


def default_model(source: Language, target: Language) -> str:
    return DEFAULT_MODELS.get((source.base, target.base), FALLBACK_MODEL)


def offline() -> bool:
    return os.environ.get("HF_HUB_OFFLINE", "").lower() in ("1", "true", "yes", "on")


def not_found_message(model: str, looked: str) -> str:
    hint = "HF_HUB_OFFLINE is set, so nothing was downloaded" if offline() else "set HF_HUB_OFFLINE=1 to skip network look-ups"
    return (f"model '{model}' is not available ({looked}): run `wb models pull {model}` where the network allows, "
            f"or pass --model DIR with a downloaded or converted model; {hint}")


def resolve_model_path(model: str) -> str:
    """A local folder for ``model`` (a folder, or a hub id found in the Hugging Face cache or
    downloaded now when the network allows), else ModelNotFound."""
    path = Path(model).expanduser()
    if path.exists():
        if not (path / "config.json").exists() and not (path / "model.bin").exists():
            raise ModelNotFound(f"'{model}' is a folder but holds no model (no config.json or model.bin)")
        return str(path)
    if "/" not in model or model.startswith((".", "/", "~")):
        raise ModelNotFound(not_found_message(model, f"no folder {path}"))
    from huggingface_hub import snapshot_download, try_to_load_from_cache

    cached = try_to_load_from_cache(model, "config.json")
    if isinstance(cached, str):
        return str(Path(cached).parent)
    from huggingface_hub.constants import HF_HUB_CACHE

    if offline():
        raise ModelNotFound(not_found_message(model, f"not in the Hugging Face cache {HF_HUB_CACHE}"))
    try:
        return snapshot_download(model, allow_patterns=["*.json", "*.spm", "*.model", "*.txt", "*.safetensors", "*.bin"], etag_timeout=10)
    except Exception as exc:  # noqa: BLE001 - any network or hub failure means the same to the user
        raise ModelNotFound(not_found_message(model, f"not in the Hugging Face cache {HF_HUB_CACHE}; download failed: {type(exc).__name__}")) from None


def load_engine(kind: str, model: str | None, source: str, target: str, *, device: str = "auto", beams: int = 4,
                compute_type: str | None = None, batch_size: int = 16) -> Engine:
    src, tgt = Language.parse(source), Language.parse(target)
    model = model or default_model(src, tgt)
    if kind in ("hf", "ct2"):  # fail on a missing MT extra before looking for weights
        import torch  # noqa: F401
        import transformers  # noqa: F401
    if kind == "hf":
        from .hf import HFEngine

        return HFEngine(resolve_model_path(model), src, tgt, model_id=model, device=device, beams=beams)
    if kind == "ct2":
        from .ct2 import CT2Engine

        return CT2Engine(resolve_model_path(model), src, tgt, model_id=model, device=device, beams=beams, compute_type=compute_type)
    if kind == "fake":
        from .fake import FakeEngine

        return FakeEngine(src, tgt)
    from ..errors import UsageError

    raise UsageError(f"unknown engine '{kind}' (expected hf, ct2 or fake)")
