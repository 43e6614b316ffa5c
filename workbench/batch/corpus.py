"""Work units of a corpus folder: one per file, or one per slice of a large Parquet shard.

A corpus is a folder (searched recursively) of files wb reads: bilingual tables and CAT files
(bilingual.py), plain text for translation, and Parquet shards with ``source``/``target``
columns. A unit is read into the frame every bilingual reader returns:
file, segment, id, source, target.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

import polars as pl

from .. import bilingual
from ..errors import InputError, UsageError
from ..fileio import read_text_file
from ..segment import segment_document

PARQUET = ".parquet"
FRAME_COLUMNS = ("file", "segment", "id", "source", "target")


@dataclass(frozen=True)
class Unit:
    """A file, or rows [start, stop) of a Parquet shard (stop None: the whole file)."""

    path: str
    start: int = 0
    stop: int | None = None

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> Unit:
        stop = d.get("stop")
        return cls(str(d["path"]), int(d.get("start") or 0), None if stop is None else int(stop))


def is_parquet(path: str | Path) -> bool:
    return Path(path).suffix.lower() == PARQUET


def corpus_files(
    corpus: str | Path, *, exclude: str | Path | None = None, text: bool = False
) -> tuple[list[Path], list[Path]]:
    """(files wb reads, other files) under ``corpus``, sorted; hidden files and everything under
    ``exclude`` (the output folder) left out. ``text``: plain .txt files count (translation)."""
    root = Path(corpus)
    if not root.is_dir():
        raise UsageError(f"{corpus}: not a folder (a corpus is a folder of files)")
    skip = Path(exclude).resolve() if exclude else None
    readable = {".parquet", ".tsv", ".csv", ".jsonl", ".xlf", ".xliff", ".tmx"} | (
        {".txt"} if text else set()
    )
    found: list[Path] = []
    other: list[Path] = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if not path.is_file() or any(part.startswith(".") for part in rel.parts):
            continue
        if skip and (path.resolve() == skip or skip in path.resolve().parents):
            continue
        (found if path.suffix.lower() in readable else other).append(path)
    return found, other


def plan_units(files: list[Path], rows_per_unit: int) -> list[Unit]:
    """One unit per file; a Parquet shard of more than ``rows_per_unit`` rows is sliced."""
    units = []
    for path in files:
        if is_parquet(path):
            rows = pl.scan_parquet(path).select(pl.len()).collect().item()
            if rows > rows_per_unit:
                units += [
                    Unit(str(path), s, min(s + rows_per_unit, rows))
                    for s in range(0, rows, rows_per_unit)
                ]
                continue
        units.append(Unit(str(path)))
    return units


def read_parquet(
    path: str | Path, start: int = 0, stop: int | None = None, *, require_target: bool = True
) -> pl.DataFrame:
    """Rows [start, stop) of a Parquet shard as a bilingual frame (segment: 1-based row)."""
    lazy = pl.scan_parquet(path)
    names = lazy.collect_schema().names()
    needed = ["source"] + (["target"] if require_target else [])
    missing = [c for c in needed if c not in names]
    if missing:
        raise InputError.at(
            str(path),
            0,
            0,
            f"a Parquet shard needs the column(s) {', '.join(missing)} "
            f"(it has: {', '.join(names)})",
        )
    length = None if stop is None else stop - start
    part = lazy.slice(start, length).collect()
    n = part.height
    return pl.DataFrame(
        {
            "file": [str(path)] * n,
            "segment": pl.int_range(start + 1, start + n + 1, eager=True),
            "id": part["id"].cast(pl.String) if "id" in names else [None] * n,
            "source": part["source"].cast(pl.String),
            "target": part["target"].cast(pl.String) if "target" in names else [""] * n,
        },
        schema={
            "file": pl.String,
            "segment": pl.Int64,
            "id": pl.String,
            "source": pl.String,
            "target": pl.String,
        },
    )


def read_unit(
    unit: Unit, *, require_target: bool = True, text_lang: str = "zh", inline_codes: bool = False
) -> pl.DataFrame:
    """The segments of one unit (``text_lang``: how to split a plain-text document;
    ``inline_codes``: keep XLIFF inline-code columns, as `wb qa check` reads them)."""
    if is_parquet(unit.path):
        return read_parquet(unit.path, unit.start, unit.stop, require_target=require_target)
    if Path(unit.path).suffix.lower() == ".txt":
        doc = segment_document(read_text_file(unit.path), text_lang, unit.path)
        return doc.with_columns(
            pl.lit(None, dtype=pl.String).alias("id"), pl.lit("", dtype=pl.String).alias("target")
        ).select(FRAME_COLUMNS)
    frame = bilingual.read_bilingual(
        unit.path, require_target=require_target, inline_codes=inline_codes
    )
    codes = [c for c in ("source_codes", "target_codes") if inline_codes and c in frame.columns]
    return frame.select(*FRAME_COLUMNS, *codes)


def head(unit: Unit, n: int = 500) -> pl.DataFrame:
    """The first ``n`` segments of the unit's file: what a language is detected from, the same for
    every slice of a shard as for the whole file in `wb qa check`."""
    if is_parquet(unit.path):
        return read_parquet(unit.path, 0, n)
    return read_unit(unit).head(n)
