"""QA entry points: ``check`` (bilingual files) and ``scan`` (monolingual documents).

load → segment checks (per file, direction detected per file; only those --only/--skip select run)
→ corpus checks (across files) → suppress → findings frame, term compliance, renderings,
statistics, and a signature (wb version, glossary hash, checks run).
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import polars as pl

from .. import __version__, bilingual
from ..documents import read_document
from ..errors import InputError, UsageError
from ..fileio import read_text_file
from ..glossary import Glossary
from ..language import Language
from ..severity import RANK as SEVERITY_RANK
from ..severity import FailOn, exit_code_for
from . import corpus, parallel
from .checks import Direction, PairParts, SegmentChecker, SegmentResult, merge_parts
from .dated import HEAD as DATE_HEAD
from .dated import document_date, title_date_findings
from .docscript import is_traditional
from .findings import CHECKS, frame
from .parallel import SlicePool
from .registry import selected

TERM_SCHEMA = {"term": pl.String, "type": pl.String, "source": pl.String, "expected": pl.String, "file": pl.String, "segment": pl.Int64, "status": pl.String}
PENALTY = {"error": 5, "warning": 2, "info": 0}


@dataclass
class QAResult:
    findings: pl.DataFrame
    terms: pl.DataFrame
    renderings: pl.DataFrame
    files: list[str]
    segments: int
    words: int
    suppressed: int = 0
    directions: dict[str, str] = field(default_factory=dict)
    segment_texts: pl.DataFrame | None = None  # file, segment, source, target: for the HTML evidence
    notes: list[str] = field(default_factory=list)  # what was assumed (languages), for the reader
    signature: dict = field(default_factory=dict)  # wb version, glossary hash, checks run

    def counts(self) -> dict[str, int]:
        return {s: int((self.findings["severity"] == s).sum()) for s in ("error", "warning", "info")}

    @property
    def score(self) -> float:
        """Penalty points per 1,000 words (error 5, warning 2, info 0): lower is better."""
        points = sum(PENALTY[s] * n for s, n in self.counts().items())
        return round(1000 * points / self.words, 1) if self.words else 0.0

    def term_compliance(self) -> pl.DataFrame:
        if self.terms.height == 0:
            return pl.DataFrame(schema={"term": pl.String, "type": pl.String, "expected": pl.String, "occurrences": pl.UInt32, "compliant": pl.UInt32, "violations": pl.UInt32})
        return self.terms.group_by("term", "type").agg(
            pl.col("expected").first(), pl.len().alias("occurrences"),
            (pl.col("status") == "compliant").sum().alias("compliant"), (pl.col("status") != "compliant").sum().alias("violations"),
        ).sort("violations", "occurrences", descending=[True, True]).with_columns(pl.col("occurrences").cast(pl.UInt32))


def count_words(texts) -> int:
    """Latin-script words plus CJK characters (each counts as a word for scoring)."""
    total = 0
    for t in texts:
        if t:
            total += len(re.findall(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*", t)) + len(re.findall(r"[\u3400-\u9fff]", t))
    return total


def parse_checks(value: str | None) -> set[str] | None:
    if not value:
        return None
    names = {c.strip() for c in value.split(",") if c.strip()}
    unknown = names - set(CHECKS)
    if unknown:
        raise UsageError(f"unknown check(s): {', '.join(sorted(unknown))} (checks: {', '.join(CHECKS)})")
    return names


def list_checks() -> list[dict]:
    """Every registered check, in registry order, for ``wb qa checks``."""
    return [{"id": c.id, "severity": c.severity, "scope": c.scope, "languages": c.languages, "doc": c.doc,
             "bilingual_only": c.bilingual_only} for c in CHECKS.values()]


def signature(glossary: Glossary, checks_run: set[str]) -> dict:
    """What makes two reports comparable: the same wb, the same glossary content, the same checks."""
    return {"wb_version": __version__, "glossary_version": glossary.version, "glossary_entries": len(glossary),
            "checks": sorted(checks_run)}


MIN_EVIDENCE = 3  # function words needed before a detected language other than zh/en is believed


def direction_of(frame: pl.DataFrame, source_lang: str | None, target_lang: str | None, glossary: Glossary,
                 notes: list[str] | None = None) -> Direction:
    """Source and target language of a file: given, or detected. A detected language is never
    allowed to switch the term checks off silently: when it is weakly evidenced or has no glossary
    column, the glossary's own pair (zh↔en) is assumed and ``notes`` says so."""
    given_src = Language.parse(source_lang) if source_lang else None
    given_tgt = Language.parse(target_lang) if target_lang else None
    src = given_src.column_in(glossary.languages) if given_src else _detect(frame["source"], glossary, None, notes, "source")
    if given_tgt:
        tgt = given_tgt.column_in(glossary.languages)
    else:
        tgt = _detect(frame["target"], glossary, src, notes, "target")
    if tgt == "zh":  # the target's standard: --to when it names one, else its own characters
        texts = [] if target_lang and "-" in target_lang else frame["target"].to_list()[:500]
        traditional = is_traditional(texts, target_lang)
    else:
        traditional = True
    for given, lang in ((given_src, src), (given_tgt, tgt)):
        if given and lang not in glossary.languages and len(glossary):
            raise UsageError(f"language '{given}' has no column in the glossary (it has: {', '.join(glossary.languages)})")
    return Direction(src, tgt, traditional)


def _detect(column: pl.Series, glossary: Glossary, other: str | None, notes, side: str) -> str:
    lang, evidence = bilingual.detect_language_with_evidence(column.to_list()[:500])
    if other is not None and lang == other:  # two Latin-script sides look alike: the other side is Chinese
        return "en" if other == "zh" else "zh"
    if lang in ("zh", "en") or not len(glossary):
        return lang
    if evidence >= MIN_EVIDENCE and lang in glossary.languages:
        return lang
    assumed = "en" if other in (None, "zh") else "zh"
    if notes is not None:
        why = "too little text to tell" if evidence < MIN_EVIDENCE else "the glossary has no such column"
        notes.append(f"{side} language assumed {assumed} ({lang} was detected, but {why}); set --from/--to to override")
    return assumed


def check_segments(frame: pl.DataFrame, glossary: Glossary, direction: Direction, enabled: set[str],
                   on: date | None = None, *, pool: SlicePool | None = None) -> SegmentResult:
    """The checks that need one file only (segment checks, titles against the file's date): the map
    step of a QA run, also run on a slice of a file by `wb batch qa`. With ``pool``, the file's
    slices are checked by worker processes and merged in order: the same findings, same order."""
    day = _text_date(on, _head(frame, "source"), _head(frame, "target")) if "title-date" in enabled else None
    if frame.height <= parallel.SLICE:
        return merge_parts([slice_parts(frame, glossary, direction, enabled, day)], enabled)
    # slice by slice even in one process: a slice's passing data is freed before the next one's
    tasks = [(frame.slice(i, parallel.SLICE), direction, day) for i in range(0, frame.height, parallel.SLICE)]
    whole = SegmentChecker(glossary, direction, enabled).file_streams(frame)
    if pool is not None:
        parts = pool.map(tasks, lambda task: slice_parts(glossary=glossary, enabled=enabled, whole=False,
                                                         frame=task[0], direction=task[1], day=task[2]))
    else:
        parts = [slice_parts(f, glossary, d, enabled, day_, whole=False) for f, d, day_ in tasks]
    for k, stream in whole.items():
        parts[0].streams[k] = stream  # the other slices left stream k empty
    return merge_parts(parts, enabled)


def slice_parts(frame: pl.DataFrame, glossary: Glossary, direction: Direction, enabled: set[str],
                day: tuple[date, str] | None, *, whole: bool = True) -> PairParts:
    """The pair checks of a file or of a slice of it (``whole=False``: the file-scope checks left
    to the caller), then its titles against ``day`` (the whole file's date and where it came
    from) as a last stream."""
    parts = SegmentChecker(glossary, direction, enabled).pair_parts(frame, file_scope=whole)
    titles = []
    if day is not None:
        titles = title_date_findings(glossary, frame.select("file", "segment", "target").iter_rows(), *day)
    parts.streams.append(titles)
    return parts


def _head(frame: pl.DataFrame, column: str) -> list[str]:
    """The first lines of a column: where a document's date stands (dated.document_date)."""
    return frame[column].head(DATE_HEAD).to_list()


def check_corpus(merged: SegmentResult, everything: pl.DataFrame, directions: dict[str, str], glossary: Glossary,
                 enabled: set[str], *, suppress: set[str] | None = None, notes: list[str] | None = None) -> QAResult:
    """The checks across all files (names spelled several ways, inconsistent translations), then
    suppression: the reduce step. ``merged``: every file's segment results in file order;
    ``everything``: file, segment, id, source, target of every segment."""
    renderings = corpus.renderings_frame(merged.renderings)
    rows = merged.findings + (corpus.name_inconsistent(renderings) if "name-inconsistent" in enabled else [])
    if everything.height and "inconsistent-translation" in enabled:
        rows += corpus.inconsistent_translation(everything)
    words = count_words(everything["source"].to_list()) if everything.height else 0
    files = everything["file"].unique(maintain_order=True).to_list() if everything.height else []
    result = _finish(rows, merged.terms, renderings, files, everything.height, words, suppress, directions)
    result.segment_texts = everything.select("file", "segment", "source", "target") if everything.height else None
    result.notes = list(notes or [])
    result.signature = signature(glossary, enabled)
    return result


def check(paths: list[str | Path], glossary: Glossary, *, source_lang=None, target_lang=None, aligned: tuple | None = None,
          only=None, skip=None, suppress: set[str] | None = None, on: date | None = None,
          jobs: int | str = 1) -> QAResult:
    """QA of bilingual files (or one aligned pair of text files); ``on``: the texts' date (today);
    ``jobs``: processes for the segment checks (a number or "auto", parallel.py)."""
    enabled = selected(only, skip)
    # a number of processes given: the workers start (and build their matchers) while files are read
    pool = parallel.SlicePool(jobs, slice_parts, glossary, enabled) if isinstance(jobs, int) and jobs > 1 else None
    try:
        frames = [bilingual.read_bilingual(p, target_lang=target_lang, inline_codes=True) for p in paths]
        if aligned:
            frames.append(bilingual.read_aligned(*aligned))
        if not frames:
            raise UsageError("nothing to check: give bilingual files, or --source A.txt --target B.txt")
        if pool is None and parallel.workers_for(jobs, sum(f.height for f in frames)) > 1:
            pool = parallel.SlicePool(parallel.workers_for(jobs, sum(f.height for f in frames)), slice_parts, glossary, enabled)
        merged, directions, notes = _check_files(frames, glossary, source_lang, target_lang, enabled, on, pool)
    except BaseException:
        if pool is not None:
            pool.terminate()
        raise
    if pool is not None:
        pool.close()
    present = [f.select("file", "segment", "id", "source", "target") for f in frames if f.height]
    everything = pl.concat(present) if present else pl.DataFrame()
    return check_corpus(merged, everything, directions, glossary, enabled, suppress=suppress, notes=notes)


def _check_files(frames: list[pl.DataFrame], glossary: Glossary, source_lang: str | None, target_lang: str | None,
                 enabled: set[str], on: date | None, pool: SlicePool | None) -> tuple[SegmentResult, dict[str, str], list[str]]:
    """Each file's segment checks, its direction detected; in file order."""
    merged = SegmentResult()
    directions: dict[str, str] = {}
    notes: list[str] = []
    for f in frames:
        if f.height == 0:
            continue
        assumed: list[str] = []
        d = direction_of(f, source_lang, target_lang, glossary, assumed)
        notes += [f"{f['file'][0]}: {n}" for n in assumed]
        directions[f["file"][0]] = f"{d.source}→{d.target}"
        r = check_segments(f, glossary, d, enabled, on, pool=pool)
        merged.findings += r.findings
        merged.terms += r.terms
        merged.renderings += r.renderings
    return merged, directions, notes


def scan(paths: list[str | Path], glossary: Glossary, *, lang=None, only=None, skip=None, suppress=None,
         on: date | None = None) -> QAResult:
    """QA of monolingual documents: glossary entities, names and places, across all files."""
    merged = SegmentResult()
    files, segments, words, directions, docs, notes = [], 0, 0, {}, [], []
    enabled = {c for c in selected(only, skip) if not CHECKS[c].bilingual_only}
    if lang and len(glossary) and Language.parse(lang).column_in(glossary.languages) not in glossary.languages:
        raise UsageError(f"language '{lang}' has no column in the glossary (it has: {', '.join(glossary.languages)})")
    for p in paths:
        doc = read_document(p)
        docs.append(doc)
        if doc.height == 0:
            continue
        assumed: list[str] = []
        doc_lang = Language.parse(lang).column_in(glossary.languages) if lang else _detect(doc["text"], glossary, None, assumed, "document")
        notes += [f"{p}: {n}" for n in assumed]
        directions[str(p)] = doc_lang
        traditional = doc_lang != "zh" or is_traditional(doc["text"].to_list(), lang)
        r = SegmentChecker(glossary, None, enabled).scan(doc, doc_lang, traditional)
        merged.findings += r.findings
        merged.renderings += r.renderings
        merged.unknown_names += r.unknown_names
        files.append(str(p))
        segments += doc.height
        words += count_words(doc["text"].to_list())
    renderings = corpus.renderings_frame(merged.renderings)
    rows = merged.findings
    if "name-inconsistent" in enabled:
        rows += corpus.name_inconsistent(renderings) + corpus.name_slips(merged.unknown_names, docs)
    for doc in docs if "title-date" in enabled else ():
        if doc.height:
            day, basis = _text_date(on, doc["text"].to_list())
            rows += title_date_findings(glossary, doc.select("file", "segment", "text").iter_rows(), day, basis)
    result = _finish(rows, [], renderings, files, segments, words, suppress, directions)
    result.signature = signature(glossary, enabled)
    if docs:
        result.segment_texts = pl.concat(docs).select("file", "segment", pl.lit("").alias("source"), pl.col("text").alias("target"))
    result.notes = notes
    return result


def _text_date(on: date | None, *texts: list[str]) -> tuple[date, str]:
    """The date titles are checked against: --date, else the document's own date, else today."""
    if on:
        return on, "--date"
    for lines in texts:
        found = document_date(lines)
        if found:
            return found, "the document's date"
    return date.today(), "today"


def _finish(rows, terms, renderings, files, segments, words, suppress, directions) -> QAResult:
    findings = frame(rows).unique(["file", "segment", "check", "key"], keep="first", maintain_order=True)
    before = findings.height
    if suppress:
        findings = findings.filter(~pl.col("key").is_in(list(suppress)))
    terms_frame = pl.DataFrame(terms, schema=TERM_SCHEMA, orient="row") if terms else pl.DataFrame(schema=TERM_SCHEMA)
    findings = findings.with_columns(pl.col("severity").replace_strict(SEVERITY_RANK, return_dtype=pl.Int8).alias("_rank")).sort(
        "file", "segment", "_rank", "check", nulls_last=True, maintain_order=True).drop("_rank")
    return QAResult(findings, terms_frame, renderings, files, segments, words, before - findings.height, directions)


def load_suppressions(path: str | Path) -> set[str]:
    """Keys of accepted findings: a JSON report (its findings' keys), a JSON list, or a CSV/TSV with a
    ``key`` column. Extra columns (check, found, a reviewer's note) are for people and ignored."""
    text = read_text_file(path)
    if str(path).endswith(".json"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError.at(str(path), exc.lineno, exc.colno, f"invalid JSON: {exc.msg}")
        except (ValueError, RecursionError) as exc:
            raise InputError.at(str(path), 1, 1, f"unreadable JSON: {str(exc).split(';')[0]}")
        return _suppression_keys(data, str(path))
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter="\t" if str(path).endswith(".tsv") else ",")
    try:
        if not reader.fieldnames or "key" not in reader.fieldnames:
            raise InputError.at(str(path), 1, 1, "a suppression list needs a 'key' column (copy keys from a JSON or CSV report)")
        return {key.strip() for row in reader if isinstance(key := row.get("key"), str) and key.strip()}
    except csv.Error as exc:
        raise InputError.at(str(path), reader.line_num, 1, f"unreadable CSV: {exc}") from None


def _suppression_keys(data, path: str) -> set[str]:
    """Keys from a JSON report ({"findings": [{"key": …}]}) or a JSON list of keys or findings;
    any other shape is refused rather than read as "suppress nothing"."""
    shape = ("a suppression list must be a JSON report with 'findings', or a JSON list of keys "
             "or findings with a 'key'")
    if isinstance(data, dict):
        if not isinstance(data.get("findings"), list):
            raise InputError.at(path, 1, 1, f"no 'findings' list: {shape}")
        data = data["findings"]
    if not isinstance(data, list):
        raise InputError.at(path, 1, 1, f"a JSON {type(data).__name__}: {shape}")
    keys = set()
    for i, item in enumerate(data, 1):
        key = item.get("key") if isinstance(item, dict) else item
        if not isinstance(key, str) or not key.strip():
            raise InputError.at(path, 1, 1, f"item {i} has no key: {shape}")
        keys.add(key.strip())
    return keys


def exit_code(result: QAResult, fail_on: FailOn | str) -> int:
    return exit_code_for(result.findings["severity"].to_list(), fail_on)
