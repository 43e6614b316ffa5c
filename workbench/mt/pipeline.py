"""`wb translate`: read → segment → plan terms → translate (cache, batches) → verify/repair → write.

Segments are sorted by length into batches (less padding) and put back in order; segments longer
than the model takes are split at clause punctuation; every batch goes to the cache as soon as it
is done, so an interrupted run resumes where it stopped.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl

from .. import bilingual, cat
from ..errors import UsageError
from ..fileio import is_stdio, read_text_file, refuse_long_segments
from ..glossary import Glossary
from ..language import Language
from ..segment import join_document, segment_document, split_long
from ..text import ZH_VARIANTS, convert_script
from .cache import TranslationCache
from .engine import Engine
from .terms import TermReport, in_script, plan_terms, term_spec, verify_and_repair

if TYPE_CHECKING:
    from ..tm.leverage import Leverage
    from ..tm.store import TranslationMemory


@dataclass
class Stats:
    segments: int = 0
    cached: int = 0
    translated: int = 0
    pinned: int = 0
    kept: int = 0
    repaired: int = 0
    missed: int = 0
    notes: list[str] = field(default_factory=list)
    tm: dict[str, int] | None = None  # segments per origin when a translation memory was used

    def line(self) -> str:
        line = (f"{self.segments} segments ({self.cached} from cache, {self.translated} translated); terms: "
                f"{self.pinned} pinned, {self.kept} kept, {self.repaired} repaired, {self.missed} missed")
        if self.tm is not None:
            line += "; TM: " + ", ".join(f"{n} {origin}" for origin, n in self.tm.items())
        return line


def _merge(reports: list[TermReport]) -> TermReport:
    out = TermReport()
    for r in reports:
        for name in ("pinned", "kept", "repaired", "missed", "notes"):
            getattr(out, name).extend(x for x in getattr(r, name) if x not in getattr(out, name))
    return out


def _report_from(info: dict) -> TermReport:
    return TermReport(**{k: list(info.get(k, [])) for k in ("pinned", "kept", "repaired", "missed", "notes")})


def translate_texts(texts: list[str], engine: Engine, glossary: Glossary | None, target: Language, *,
                    source: Language, zh_variant: str = "tw", batch_size: int = 16, cache: TranslationCache | None = None,
                    progress: bool | None = None) -> tuple[list[str], list[TermReport], Stats]:
    if zh_variant not in ZH_VARIANTS:
        raise UsageError(f"--zh-variant must be one of: {', '.join(ZH_VARIANTS)}")
    stats = Stats(segments=len(texts))
    settings = {**engine.settings(), "zh_variant": zh_variant if target.base == "zh" else None, "pipeline": 3}
    version = glossary.version if glossary is not None else "none"
    # A text short enough to go whole is cached under its own key: when every text is, nothing
    # needs the tokenizer or the model (a lazy engine stays unloaded).
    whole = [(i, t) for i, t in enumerate(texts) if t.strip()]
    whole_keys = [TranslationCache.key(settings, version, t) for _, t in whole]
    done: dict[str, tuple[str, dict]] = cache.get_many(whole_keys) if cache is not None and whole else {}
    keys: list[str] | None = None
    if cache is not None and all(k in done for k in whole_keys):
        pieces: list[tuple[int, str]] = whole  # (text index, piece)
        keys = whole_keys
    else:
        limit = engine.max_source_tokens
        lengths = engine.count_tokens(texts) if texts else []
        pieces = []
        for i, (text, n) in enumerate(zip(texts, lengths)):
            if not text.strip():
                continue
            parts = [text] if n <= limit else split_long(text, lambda s: engine.count_tokens([s])[0], limit)
            pieces += [(i, p) for p in parts]
    piece_texts = [p for _, p in pieces]
    columns = glossary.languages if glossary is not None else []
    source_column, target_column = source.column_in(columns), target.column_in(columns)
    if keys is None:
        keys = [TranslationCache.key(settings, version, p) for p in piece_texts]
    if cache is not None:
        done.update(cache.get_many([k for k in keys if k not in done]))
    todo = sorted({k: j for j, k in enumerate(keys) if k not in done}.values(), key=lambda j: len(piece_texts[j]))
    plans = plan_terms(glossary, [piece_texts[j] for j in todo], source_column, target_column) if todo else []
    if target.base == "zh" and zh_variant == "cn":  # the zh column is Traditional: ask for Simplified
        plans = [[in_script(t, ZH_VARIANTS["cn"]) for t in terms] for terms in plans]
    plan_of = dict(zip(todo, plans))
    stats.cached = len({pieces[j][0] for j in range(len(pieces)) if keys[j] in done})
    bar = _progress(len(todo), progress)
    try:
        for start in range(0, len(todo), batch_size):
            batch = todo[start : start + batch_size]
            outputs = engine.translate([piece_texts[j] for j in batch], [term_spec(plan_of[j]) for j in batch])
            rows = []
            for j, out in zip(batch, outputs):
                if target.base == "zh":
                    out = convert_script(out, ZH_VARIANTS[zh_variant])
                out, report = verify_and_repair(out, plan_of[j], target_column, engine.pins_terms,
                                                piece_texts[j], glossary)
                info = {k: getattr(report, k) for k in ("pinned", "kept", "repaired", "missed", "notes")}
                done[keys[j]] = (out, info)
                rows.append((keys[j], out, info))
            if cache is not None:
                cache.put_many(rows)
            if bar:
                bar.advance(len(batch))
    finally:
        if bar:
            bar.stop()
    joiner = "" if target.base in ("zh", "ja") else " "
    by_text: dict[int, list[tuple[str, TermReport]]] = {}
    for (i, _), key in zip(pieces, keys):
        out, info = done[key]
        by_text.setdefault(i, []).append((out, _report_from(info)))
    targets, reports = [], []
    for i in range(len(texts)):
        done_parts = by_text.get(i, [])
        targets.append(joiner.join(p for p, _ in done_parts))
        report = _merge([r for _, r in done_parts])
        reports.append(report)
        stats.pinned += len(report.pinned)
        stats.kept += len(report.kept)
        stats.repaired += len(report.repaired)
        stats.missed += len(report.missed)
        stats.notes += report.notes
    stats.translated = len({pieces[j][0] for j in todo})
    return targets, reports, stats


class _ProgressBar:
    """A rich progress bar with segments/s and ETA, shown only on a terminal for long runs."""

    def __init__(self, total: int):
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        self.progress = Progress(TextColumn("translating"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
                                 TimeRemainingColumn(), transient=True)
        self.task = self.progress.add_task("translate", total=total, rate="")
        self.progress.start()

    def advance(self, n: int) -> None:
        self.progress.advance(self.task, n)
        speed = self.progress.tasks[0].speed
        self.progress.update(self.task, rate=f"{speed:.1f} seg/s" if speed else "")

    def stop(self) -> None:
        self.progress.stop()


def _progress(total: int, enabled: bool | None) -> _ProgressBar | None:
    if enabled is None:
        enabled = sys.stderr.isatty() and total >= 8
    return _ProgressBar(total) if enabled and total else None


def term_columns(reports: list[TermReport]) -> dict[str, list[str]]:
    return {
        "terms_pinned": ["|".join(r.pinned) for r in reports],
        "terms_kept": ["|".join(r.kept) for r in reports],
        "terms_repaired": ["|".join(r.repaired) for r in reports],
        "terms_missed": ["|".join(r.missed) for r in reports],
        "term_notes": ["; ".join(r.notes) for r in reports],
    }


def translate_with_tm(texts: list[str], engine: Engine, glossary: Glossary | None, target: Language, *,
                      source: Language, tm: TranslationMemory | None = None, fuzzy_threshold: int = 75,
                      **kwargs) -> tuple[list[str], list[TermReport], Stats, list[Leverage]]:
    """Translation memory first, then MT for the rest: 101%/100% matches (verified against the
    glossary, stale renderings repaired) are used as they are; everything else is translated, with
    fuzzy matches at or above ``fuzzy_threshold`` kept as offers for the translator."""
    from ..tm.leverage import ORIGINS, Leverage, leverage

    if tm is None:
        targets, reports, stats = translate_texts(texts, engine, glossary, target, source=source, **kwargs)
        return targets, reports, stats, [Leverage() for _ in texts]
    levs = leverage(texts, tm, source.code, target.code, glossary, threshold=fuzzy_threshold)
    to_translate = ["" if lev.target is not None else text for text, lev in zip(texts, levs)]
    targets, reports, stats = translate_texts(to_translate, engine, glossary, target, source=source, **kwargs)
    variant = kwargs.get("zh_variant", "tw")
    for i, lev in enumerate(levs):
        if lev.target is not None:
            targets[i] = convert_script(lev.target, ZH_VARIANTS[variant]) if target.base == "zh" else lev.target
            reports[i] = TermReport(notes=list(lev.notes))
        else:
            reports[i].notes.extend(lev.notes)
        stats.notes.extend(lev.notes)
    stats.tm = {origin: sum(1 for text, lev in zip(texts, levs) if text.strip() and lev.origin == origin)
                for origin in ORIGINS}
    return targets, reports, stats, levs


def tm_columns(levs: list[Leverage]) -> dict[str, list[str]]:
    """Per-segment TM columns for table outputs: origin, best match score, best fuzzy offer."""
    return {
        "origin": [lev.origin for lev in levs],
        "match_score": [str(lev.score) if lev.score else "" for lev in levs],
        "tm_match": [lev.offers[0].target if lev.offers else "" for lev in levs],
    }


def default_output(path: Path, target: Language, fmt: str) -> Path:
    if is_stdio(path):  # read from standard input: write to standard output
        return path
    if cat.handles(path) and fmt in cat.format_ids() and path.suffix.lower() in cat.by_id(fmt).extensions:
        suffix = ".po" if path.suffix.lower() == ".pot" else path.suffix  # a filled template is a PO
    else:
        suffix = {"xliff": ".xlf", "xliff2": ".xlf"}.get(fmt, f".{fmt}")
    return path.with_name(f"{path.stem}.{target.code}{suffix}")


def fill_in_place(path: Path, out_path: Path, engine: Engine, glossary: Glossary | None, target: Language, *,
                  source: Language, overwrite: bool = False, **kwargs) -> Stats:
    """Translate the open segments of a CAT file and write the whole file back with them."""
    from ..fileio import atomic_write_bytes

    store = cat.open_store(path)
    slots = store.slots(source.code, target.code, overwrite=overwrite)
    texts = [slot.text if slot.has_words else "" for slot in slots]
    targets, _, stats, levs = translate_with_tm(texts, engine, glossary, target, source=source, **kwargs)
    for slot, text, lev in zip(slots, targets, levs):
        stats.notes += slot.fill(text if slot.has_words else slot.text)
        if slot.annotate is not None and (lev.origin != "mt" or lev.offers):
            slot.annotate(lev.origin, lev.score, [(m.score, m.unit.source, m.target) for m in lev.offers])
    atomic_write_bytes(out_path, store.to_bytes(), inputs=[path])
    return stats


def translate_file(path: str | Path, engine: Engine, glossary: Glossary | None, *, source: Language, target: Language,
                   output: str | Path | None = None, fmt: str | None = None, zh_variant: str = "tw", batch_size: int = 16,
                   cache: TranslationCache | None = None, progress: bool | None = None,
                   overwrite: bool = False, tm: TranslationMemory | None = None,
                   fuzzy_threshold: int = 75) -> tuple[Path, Stats]:
    """Translate one file and write the result atomically next to it (or to ``output``).

    A CAT file (XLIFF, TMX, PO) written in its own format is filled in place: only the segments
    still to translate are sent (all with ``overwrite``), everything else in the file is kept.
    """
    path = Path(path)
    in_fmt = bilingual.format_of(path)
    kwargs: dict[str, Any] = {"source": source, "zh_variant": zh_variant, "batch_size": batch_size, "cache": cache,
                              "progress": progress, "tm": tm, "fuzzy_threshold": fuzzy_threshold}
    if cat.handles(path):
        kind = cat.detect(path)
        if fmt in (None, kind.id) and (output is None or Path(output).suffix.lower() in kind.extensions):
            out_path = Path(output) if output else default_output(path, target, kind.id)
            return out_path, fill_in_place(path, out_path, engine, glossary, target, overwrite=overwrite, **kwargs)
    fmt = fmt or (bilingual.format_of(output) if output else bilingual.output_format_for(path))
    if fmt not in bilingual.FORMATS:
        raise UsageError(f"unknown output format '{fmt}' (expected one of: {', '.join(bilingual.FORMATS)})")
    out_path = Path(output) if output else default_output(path, target, fmt)
    if in_fmt == "txt":
        frame = segment_document(read_text_file(path), source.base, str(path))
        frame = refuse_long_segments(frame, ("source",))  # WB_MAX_SEGMENT_CHARS, when set
        targets, reports, stats, levs = translate_with_tm(frame["source"].to_list(), engine, glossary, target, **kwargs)
        frame = frame.with_columns(pl.Series("target", targets, dtype=pl.String))
        if fmt == "txt":
            from ..fileio import atomic_write_text

            atomic_write_text(out_path, join_document(frame, "target", target.base), inputs=[path])
            return out_path, stats
        frame = frame.select("file", "segment", "paragraph", "source", "target").with_columns(pl.lit(None, dtype=pl.String).alias("id"))
    else:
        frame = bilingual.read_bilingual(path, require_target=False, target_lang=target.code)
        targets, reports, stats, levs = translate_with_tm(frame["source"].fill_null("").to_list(), engine, glossary, target,
                                                          **kwargs)
        frame = frame.with_columns(pl.Series("target", targets, dtype=pl.String))
    if fmt in ("tsv", "csv", "jsonl"):
        frame = frame.with_columns([pl.Series(k, v, dtype=pl.String) for k, v in term_columns(reports).items()])
        if tm is not None:
            frame = frame.with_columns([pl.Series(k, v, dtype=pl.String) for k, v in tm_columns(levs).items()])
    if fmt in ("tsv", "csv", "jsonl", "txt") and "id" in frame.columns and frame["id"].null_count() == frame.height:
        frame = frame.drop("id")
    bilingual.write_bilingual(frame, out_path, fmt, source_lang=source.code, target_lang=target.code, inputs=[path])
    return out_path, stats
