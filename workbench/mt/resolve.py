"""Which model to use, and where its weights are: the default per direction, a local folder, or
a hub id in the Hugging Face cache (downloaded only when the network allows)."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import ModelNotFound
from ..language import Language

DEFAULT_MODELS = {
    ("zh", "en"): "Helsinki-NLP/opus-mt-zh-en",
    ("en", "zh"): "Helsinki-NLP/opus-mt-en-zh",
}
FALLBACK_MODEL = "facebook/nllb-200-distilled-600M"
DOWNLOAD_PATTERNS = ["*.json", "*.spm", "*.model", "*.txt", "*.safetensors", "*.bin"]


def quiet_progress_off_terminal() -> None:
    """transformers' and the hub's progress bars ("Loading weights") only on a terminal: in a
    pipe, a log or CI they are noise between wb's own lines."""
    import sys

    if sys.stderr.isatty():
        return
    from huggingface_hub.utils import disable_progress_bars
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    disable_progress_bars()


def default_model(source: Language, target: Language) -> str:
    return DEFAULT_MODELS.get((source.base, target.base), FALLBACK_MODEL)


def offline() -> bool:
    return os.environ.get("HF_HUB_OFFLINE", "").lower() in ("1", "true", "yes", "on")


def not_found_message(model: str, looked: str, *, pulling: bool = False) -> str:
    """One line: which model, where we looked, what to do. ``pulling``: said to `wb models pull`
    itself, which must not tell the user to run `wb models pull`."""
    if offline():
        hint = "HF_HUB_OFFLINE is set, so nothing was downloaded"
    else:
        hint = "set HF_HUB_OFFLINE=1 to skip network look-ups"
    if pulling:
        todo = (
            "run it again where the network reaches huggingface.co, or copy a downloaded model "
            "folder here and pass --model DIR"
        )
    else:
        todo = (
            f"run `wb models pull {model}` where the network allows, or pass --model DIR with a "
            "downloaded or converted model"
        )
    return f"model '{model}' is not available ({looked}): {todo}; {hint}"


def resolve_model_path(model: str, *, pulling: bool = False) -> str:
    """A local folder for ``model`` (a folder, or a hub id found in the Hugging Face cache or
    downloaded now when the network allows), else ModelNotFound."""
    path = Path(model).expanduser()
    if path.exists():
        if not path.is_dir():
            raise ModelNotFound(f"--model '{model}' is a file; give a model folder or a hub id")
        if not (path / "config.json").exists() and not (path / "model.bin").exists():
            raise ModelNotFound(
                f"'{model}' is a folder but holds no model (no config.json or model.bin)"
            )
        return str(path)
    looks_local = (
        model.count("/") != 1 or model.startswith((".", "/", "~")) or Path(model).parent.is_dir()
    )
    if looks_local:
        raise ModelNotFound(
            f"model folder '{model}' does not exist (and '{model}' is not a hub id "
            "such as Helsinki-NLP/opus-mt-zh-en)"
        )
    from huggingface_hub import snapshot_download, try_to_load_from_cache
    from huggingface_hub.constants import HF_HUB_CACHE

    cached = try_to_load_from_cache(model, "config.json")
    if isinstance(cached, str):
        return str(Path(cached).parent)
    if offline():
        raise ModelNotFound(
            not_found_message(
                model, f"not in the Hugging Face cache {HF_HUB_CACHE}", pulling=pulling
            )
        )
    try:
        return str(snapshot_download(model, allow_patterns=DOWNLOAD_PATTERNS, etag_timeout=10))
    except Exception as exc:  # noqa: BLE001 - any network or hub failure means the same to the user
        looked = (
            f"not in the Hugging Face cache {HF_HUB_CACHE}; download failed: {type(exc).__name__}"
        )
        raise ModelNotFound(not_found_message(model, looked, pulling=pulling)) from None
