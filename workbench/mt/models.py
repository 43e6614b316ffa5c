"""`wb models`: what is cached and converted, download, convert to CTranslate2."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ModelNotFound
from .resolve import resolve_model_path

if TYPE_CHECKING:
    from ..glossary import Glossary
    from ..language import Language


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


def convert_model(model: str, output: str | Path | None = None, quantization: str = "int8",
                  vmap: str | Path | None = None) -> Path:
    from .ct2 import convert

    path = resolve_model_path(model)
    if (Path(path) / "model.bin").exists():
        raise ModelNotFound(f"'{model}' is already a CTranslate2 model")
    name = Path(model.rstrip("/")).name
    out = Path(output) if output else models_dir() / f"{name}-ct2-{quantization}"
    return convert(path, out, quantization, model_id=model, vmap=vmap)


def write_vmap(model: str, pair_files: list[Path], output: str | Path, source: Language,
               target: Language, glossary: Glossary | None = None, *, frequent: int = 300,
               per_source: int = 20) -> tuple[Path, int, int]:
    """Build a vocabulary map for ``model`` from bilingual files (source/target columns, CAT
    files, TMX) and the glossary's approved terms; write it atomically. Returns (path, pairs,
    rules)."""
    from ..bilingual import read_bilingual
    from ..fileio import atomic_write_text
    from .ct2 import model_vmap

    pairs: list[tuple[str, str]] = []
    for path in pair_files:
        frame = read_bilingual(path)
        pairs += [(s, t) for s, t in zip(frame["source"].fill_null(""), frame["target"].fill_null(""))
                  if s.strip() and t.strip()]
    terms = []
    if glossary is not None:
        src_col, tgt_col = source.column_in(glossary.languages), target.column_in(glossary.languages)
        terms = [(e.allowed(src_col), e.allowed(tgt_col)) for e in glossary.entries
                 if e.status == "approved" and e.allowed(src_col) and e.allowed(tgt_col)]
    text = model_vmap(model, pairs, source, target, terms, frequent=frequent, per_source=per_source)
    return atomic_write_text(output, text, inputs=pair_files), len(pairs), text.count("\n")
