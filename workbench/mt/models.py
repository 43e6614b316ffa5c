"""`wb models`: what is cached and converted, download, convert to CTranslate2."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import ModelNotFound
from .resolve import resolve_model_path


def models_dir() -> Path:
    return Path(os.environ.get("WB_MODELS_DIR", "models"))


def list_models() -> list[dict]:
    rows = []
    from huggingface_hub import scan_cache_dir
    from huggingface_hub.errors import CacheNotFound

    try:
        repos = list(scan_cache_dir().repos)
    except CacheNotFound:  # nothing downloaded yet
        repos = []
    if repos:
        for repo in repos:
            if repo.repo_type == "model":
                rows.append({"model": repo.repo_id, "kind": "transformers (HF cache)", "size_mb": round(repo.size_on_disk / 1e6, 1), "path": str(repo.repo_path)})
    base = models_dir()
    if base.is_dir():
        for folder in sorted(p for p in base.iterdir() if p.is_dir()):
            kind = "ctranslate2" if (folder / "model.bin").exists() else ("transformers" if (folder / "config.json").exists() else None)
            if kind:
                size = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
                rows.append({"model": folder.name, "kind": kind, "size_mb": round(size / 1e6, 1), "path": str(folder)})
    return rows


def pull(model: str) -> str:
    """Download ``model`` into the Hugging Face cache (or find it there); its local folder."""
    return resolve_model_path(model, pulling=True)


def convert_model(model: str, output: str | Path | None = None, quantization: str = "int8") -> Path:
    from .ct2 import convert

    path = resolve_model_path(model)
    if (Path(path) / "model.bin").exists():
        raise ModelNotFound(f"'{model}' is already a CTranslate2 model")
    name = Path(model.rstrip("/")).name
    out = Path(output) if output else models_dir() / f"{name}-ct2-{quantization}"
    return convert(path, out, quantization, model_id=model)
