"""`wb batch translate`: a pool of Ray actors, each loading the engine once, translating units.

Each actor builds its engine through the engine registry (mt.registry.load_engine) and translates
a unit with mt.pipeline.translate_texts: glossary planning, pinning, verification and repair run
in the worker, the translation cache applies, and the per-segment term columns are kept. Each
unit becomes one Parquet shard (file, segment, id, source, target, term columns).
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import polars as pl

from .. import __version__
from ..bilingual import translation_source_code
from ..fileio import atomic_write_text
from ..glossary import Glossary
from ..language import Language
from ..mt.engine import GenerationOptions
from .corpus import Unit, corpus_files, plan_units, read_unit
from .job import Summary, UnitWorker, pending, raise_errors, run_units
from .shards import shard_dir, shard_name, write_frame

STAT_FIELDS = ("cached", "translated", "pinned", "kept", "repaired", "missed")


class TranslateWorker(UnitWorker):
    """A Ray actor: the engine (model weights) is loaded once, then units are translated."""

    def __init__(
        self,
        out: str,
        engine: str,
        model: str | None,
        source: str,
        target: str,
        glossary_paths: list[str] | None,
        beams: int,
        device: str,
        zh_variant: str,
        batch_size: int,
        cache_path: str | None,
        use_cache: bool,
    ):
        from ..mt.cache import TranslationCache
        from ..mt.registry import load_engine

        super().__init__(out)
        self.source, self.target = Language.parse(source), Language.parse(target)
        self.glossary = (
            Glossary.load([Path(p) for p in glossary_paths]) if glossary_paths is not None else None
        )
        options = GenerationOptions(beams=beams, device=device)
        self.engine = load_engine(
            engine, model, self.source, self.target, options=options, glossary=self.glossary
        )
        self.cache = TranslationCache(cache_path) if use_cache else None
        self.zh_variant, self.batch_size = zh_variant, batch_size

    def process(self, unit: Unit, name: str) -> dict[str, Any]:
        from ..mt.pipeline import term_columns, translate_texts

        frame = read_unit(unit, require_target=False, text_lang=self.source.base)
        targets, reports, stats = translate_texts(
            frame["source"].fill_null("").to_list(),
            self.engine,
            self.glossary,
            self.target,
            source=self.source,
            zh_variant=self.zh_variant,
            batch_size=self.batch_size,
            cache=self.cache,
            progress=False,
        )
        frame = frame.with_columns(
            pl.Series("target", targets, dtype=pl.String),
            *[pl.Series(k, v, dtype=pl.String) for k, v in term_columns(reports).items()],
        )
        write_frame(shard_dir(self.out) / name, frame)
        return {"segments": frame.height, **{k: getattr(stats, k) for k in STAT_FIELDS}}


def detect_source(units: list[Unit]) -> str:
    """The source language of the corpus, from the first unit's first 200 segments."""
    for unit in units:
        sample = read_unit(unit, require_target=False).head(200)["source"].fill_null("").to_list()
        if sample:
            return translation_source_code([" ".join(sample)])
    return "zh-TW"


def batch_translate(
    corpus: str | Path,
    out: str | Path,
    *,
    target: str | None = None,
    source: str | None = None,
    engine: str = "hf",
    model: str | None = None,
    glossary_paths: list[Path] | None = None,
    beams: int = 4,
    device: str = "auto",
    zh_variant: str = "tw",
    batch_size: int = 16,
    cache_path: str | Path | None = None,
    use_cache: bool = True,
    workers: int | None = None,
    address: str | None = None,
    gpus_per_worker: float | None = None,
    rows_per_unit: int = 20_000,
    progress: bool | None = None,
) -> Summary:
    """Translate every file under ``corpus`` into Parquet shards under ``out``."""
    began = time.perf_counter()
    glossary = Glossary.load(glossary_paths) if glossary_paths is not None else None
    files, _ = corpus_files(corpus, exclude=out, text=True)
    units = plan_units(files, rows_per_unit)
    src = Language.parse(source or detect_source(units))
    tgt = Language.parse(target) if target else src.default_target
    settings = {
        "job": "translate",
        "wb": __version__,
        "glossary": glossary.version if glossary else None,
        "engine": engine,
        "model": model,
        "from": src.code,
        "to": tgt.code,
        "beams": beams,
        "zh_variant": zh_variant,
    }
    names = [f"{shard_name(u, settings)}.parquet" for u in units]
    todo = pending(units, names, out)
    kwargs = {
        "out": str(out),
        "engine": engine,
        "model": model,
        "source": src.code,
        "target": tgt.code,
        "glossary_paths": [str(p) for p in glossary_paths] if glossary_paths is not None else None,
        "beams": beams,
        "device": device,
        "zh_variant": zh_variant,
        "batch_size": batch_size,
        "cache_path": str(cache_path) if cache_path else None,
        "use_cache": use_cache,
    }
    check_engine(engine)
    wants_gpu = (
        engine != "fake" and device != "cpu"
    )  # a model on each GPU when the cluster has them
    rows, startup, size = run_units(
        TranslateWorker,
        kwargs,
        todo,
        workers=workers,
        address=address,
        gpus_per_worker=gpus_per_worker,
        wants_gpu=wants_gpu,
        progress=progress,
    )
    raise_errors(rows)
    totals = {k: sum(int(r.get(k, 0)) for r in rows) for k in STAT_FIELDS}
    summary = Summary.of_run(
        units,
        todo,
        rows,
        began,
        startup,
        size,
        {"from": src.code, "to": tgt.code, "engine": engine, **totals, "shards": names},
    )
    atomic_write_text(
        Path(out) / "summary.json",
        json.dumps(summary.to_dict(), ensure_ascii=False, indent=2) + "\n",
    )
    return summary


def check_engine(engine: str) -> None:
    """A missing MT extra is said here, once, rather than by every worker that fails to start."""
    import importlib.util

    from ..errors import MissingExtra, UsageError
    from ..mt.registry import ENGINES, MT_HINT

    info = ENGINES.get(engine)
    if info is None:
        raise UsageError(f"unknown engine '{engine}' (expected one of: {', '.join(ENGINES)})")
    missing = [m for m in info.needs if importlib.util.find_spec(m) is None]
    if missing:
        raise MissingExtra(f"the {engine} engine needs {', '.join(missing)}: {MT_HINT}")


def read_translations(out: str | Path) -> pl.DataFrame:
    """The segments of the last run's shards (listed in summary.json), in corpus order."""
    names = json.loads((Path(out) / "summary.json").read_text(encoding="utf-8"))["shards"]
    frames = [pl.read_parquet(shard_dir(out) / n) for n in names]
    return pl.concat(frames) if frames else pl.DataFrame()
