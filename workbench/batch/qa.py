"""`wb batch qa`: the segment checks as a map over units on Ray, the corpus checks as a reduce.

Map (one actor per worker, glossary loaded once): read a unit, detect its file's direction as
`wb qa check` does, run the segment checks (qa.run.check_segments) and write the unit's shard:
segments, findings, terms, renderings and direction, as Parquet tables in one folder.
Reduce (driver): read every shard in corpus order and hand them to qa.run.check_corpus, which runs
the checks that see the whole corpus (names spelled several ways, inconsistent translations) and
the filters. The findings are those `wb qa check` gives on the same files.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl

from .. import __version__
from ..fileio import atomic_write_text
from ..glossary import Glossary
from ..qa.checks import SegmentResult
from ..qa.corpus import RENDERING_SCHEMA
from ..qa.findings import SCHEMA as FINDING_SCHEMA
from ..qa.registry import selected
from ..qa.run import TERM_SCHEMA, QAResult, check_corpus, check_segments, direction_of
from .corpus import FRAME_COLUMNS, Unit, corpus_files, head, plan_units, read_unit
from .job import Summary, UnitWorker, pending, raise_errors, run_units
from .shards import read_tables, shard_dir, shard_name, write_frame, write_tables

TABLES = ("segments", "findings", "terms", "renderings", "direction", "notes")


class QAWorker(UnitWorker):
    """A Ray actor: the glossary is loaded once, then units are checked one after another."""

    def __init__(
        self,
        out: str,
        glossary_paths: list[str],
        source_lang: str | None,
        target_lang: str | None,
        enabled: list[str],
        on: str | None,
    ):
        super().__init__(out)
        self.glossary = Glossary.load([Path(p) for p in glossary_paths])
        self.source_lang, self.target_lang = source_lang, target_lang
        self.enabled, self.on = set(enabled), date.fromisoformat(on) if on else None

    def process(self, unit: Unit, name: str) -> dict[str, Any]:
        frame = read_unit(unit, inline_codes=True)
        result, label = SegmentResult(), ""
        notes: list[str] = []
        if frame.height:
            d = direction_of(head(unit), self.source_lang, self.target_lang, self.glossary, notes)
            label = f"{d.source}→{d.target}"
            result = check_segments(frame, self.glossary, d, self.enabled, self.on)
        write_tables(
            shard_dir(self.out) / name,
            {
                "segments": frame.select(FRAME_COLUMNS),
                "notes": pl.DataFrame(
                    {"note": [f"{unit.path}: {n}" for n in notes]}, schema={"note": pl.String}
                ),
                "findings": pl.DataFrame(result.findings, schema=FINDING_SCHEMA),
                "terms": pl.DataFrame(result.terms, schema=TERM_SCHEMA, orient="row"),
                "renderings": pl.DataFrame(result.renderings, schema=RENDERING_SCHEMA),
                "direction": pl.DataFrame({"file": [unit.path], "direction": [label]}),
            },
        )
        return {"segments": frame.height}


def reduce_shards(
    out: str | Path,
    names: list[str],
    glossary: Glossary,
    enabled: set[str],
    *,
    suppress: set[str] | None = None,
) -> QAResult:
    """The corpus checks over the shards ``names`` (in corpus order) of ``out``."""
    merged, texts = SegmentResult(), []
    directions: dict[str, str] = {}
    notes: list[str] = []
    for name in names:
        t = read_tables(shard_dir(out) / name, TABLES)
        if t["segments"].height == 0:
            continue
        texts.append(t["segments"])
        merged.findings += t["findings"].to_dicts()
        merged.terms += t["terms"].select(list(TERM_SCHEMA)).rows()
        merged.renderings += t["renderings"].to_dicts()
        directions.setdefault(t["direction"]["file"][0], t["direction"]["direction"][0])
        notes += [n for n in t["notes"]["note"] if n not in notes]  # a sliced file says it once
    everything = pl.concat(texts) if texts else pl.DataFrame()
    return check_corpus(
        merged, everything, directions, glossary, enabled, suppress=suppress, notes=notes
    )


def batch_check(
    corpus: str | Path,
    out: str | Path,
    *,
    glossary_paths: list[Path],
    source_lang: str | None = None,
    target_lang: str | None = None,
    only=None,
    skip=None,
    suppress: set[str] | None = None,
    on: date | None = None,
    workers: int | None = None,
    address: str | None = None,
    rows_per_unit: int = 20_000,
    progress: bool | None = None,
) -> tuple[QAResult, Summary]:
    """QA of every bilingual file under ``corpus``; shards, findings and reports under ``out``."""
    began = time.perf_counter()
    glossary = Glossary.load(glossary_paths)  # a bad glossary fails here, before Ray starts
    enabled = selected(only, skip)
    files, _ = corpus_files(corpus, exclude=out)
    units = plan_units(files, rows_per_unit)
    settings = {
        "job": "qa",
        "wb": __version__,
        "glossary": glossary.version,
        "from": source_lang,
        "to": target_lang,
        "checks": sorted(enabled),
        "date": on.isoformat() if on else f"today {date.today()}",  # titles are dated
    }
    names = [shard_name(u, settings) for u in units]
    todo = pending(units, names, out)
    kwargs = {
        "out": str(out),
        "glossary_paths": [str(p) for p in glossary_paths],
        "source_lang": source_lang,
        "target_lang": target_lang,
        "enabled": sorted(enabled),
        "on": on.isoformat() if on else None,
    }
    rows, startup, size = run_units(
        QAWorker, kwargs, todo, workers=workers, address=address, progress=progress
    )
    raise_errors(rows)
    result = reduce_shards(out, names, glossary, enabled, suppress=suppress)
    summary = Summary.of_run(
        units,
        todo,
        rows,
        began,
        startup,
        size,
        {"corpus_segments": result.segments, "findings": result.counts()},
    )
    write_reports(result, summary, out)
    return result, summary


def write_reports(result: QAResult, summary: Summary, out: str | Path) -> list[Path]:
    """findings.parquet, report.json, findings.csv, report.html and summary.json in ``out``."""
    import json

    from ..report.export import to_csv, to_json
    from ..report.html import render_html

    out = Path(out)
    written = [write_frame(out / "findings.parquet", result.findings)]
    for name, make in (
        ("report.json", to_json),
        ("findings.csv", to_csv),
        ("report.html", render_html),
    ):
        written.append(atomic_write_text(out / name, make(result)))
    written.append(
        atomic_write_text(
            out / "summary.json", json.dumps(summary.to_dict(), ensure_ascii=False, indent=2) + "\n"
        )
    )
    return written
