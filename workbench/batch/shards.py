"""Shard names and atomic shard writes: what makes a rerun resume.

A shard's name is a hash of its unit (path, slice), the input file's size and modification time,
and the job's settings (glossary version, engine, languages, …), so a changed input or setting
gives a new shard and a rerun skips only shards of the same work. A shard is written to a hidden
temporary name and renamed into place: a killed worker leaves no half shard behind.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tempfile
from pathlib import Path

import polars as pl

from ..fileio import atomic_write_bytes
from .corpus import Unit

SHARDS = "shards"


def shard_name(unit: Unit, settings: dict) -> str:
    stat = os.stat(unit.path)
    basis = json.dumps(
        {
            "unit": unit.to_dict(),
            "size": stat.st_size,
            "mtime": stat.st_mtime_ns,
            "settings": settings,
        },
        sort_keys=True,
        ensure_ascii=False,
    )
    digest = hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]
    stem = Path(unit.path).stem.replace(" ", "_")[:40]
    part = f"-{unit.start}" if unit.stop is not None else ""
    return f"{stem}{part}-{digest}"


def shard_dir(out: str | Path) -> Path:
    return Path(out) / SHARDS


def write_frame(path: str | Path, frame: pl.DataFrame) -> Path:
    """One Parquet file, atomically."""
    buf = io.BytesIO()
    frame.write_parquet(buf)
    return atomic_write_bytes(path, buf.getvalue())


def write_tables(path: str | Path, tables: dict[str, pl.DataFrame]) -> Path:
    """A folder of Parquet tables (NAME.parquet), made in a temporary folder and renamed into
    place: it appears whole or not at all. A folder already there (another attempt finished
    first) is kept."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent))
    try:
        for name, frame in tables.items():
            frame.write_parquet(tmp / f"{name}.parquet")
        try:
            os.rename(tmp, path)
        except OSError:
            if not path.is_dir():
                raise
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return path


def read_tables(path: str | Path, names: tuple[str, ...]) -> dict[str, pl.DataFrame]:
    return {name: pl.read_parquet(Path(path) / f"{name}.parquet") for name in names}
