"""QA entry points: ``check`` (bilingual files) and ``scan`` (monolingual documents).

load → segment checks (per file, direction detected per file) → corpus checks (across files) →
filter (--only/--skip) → suppress → findings frame, term compliance, renderings, statistics.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from .. import bilingual
from ..errors import InputError, UsageError
from ..fileio import read_text_file
from ..glossary import Glossary
from ..language import Language
from ..severity import RANK as SEVERITY_RANK
from ..severity import FailOn, exit_code_for
from . import corpus
from .checks import Direction, SegmentChecker, SegmentResult
from .findings import CHECKS, frame

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


def direction_of(frame: pl.DataFrame, glossary: Glossary, source_lang: str | None = None,
                 target_lang: str | None = None) -> Direction:
    """The language pair of one file: given, or detected from its first 500 segments."""
    given_src = Language.parse(source_lang) if source_lang else None
    given_tgt = Language.parse(target_lang) if target_lang else None
    sample = frame.head(500)
    src = given_src.column_in(glossary.languages) if given_src else bilingual.detect_language(sample["source"].to_list())
    if given_tgt:
        tgt = given_tgt.column_in(glossary.languages)
    else:
        tgt = bilingual.detect_language(sample["target"].to_list())
        if tgt == src:  # two Latin-script sides look alike: the other side of the pair is Chinese
            tgt = "en" if src == "zh" else "zh"
    traditional = not (given_tgt and given_tgt.simplified)
    for given, lang in ((given_src, src), (given_tgt, tgt)):
        if given and lang not in glossary.languages and len(glossary):
            raise UsageError(f"language '{given}' has no column in the glossary (it has: {', '.join(glossary.languages)})")
    return Direction(src, tgt, traditional)  # a detected language without a glossary column gets no term checks


def check_segments(frame: pl.DataFrame, glossary: Glossary, direction: Direction) -> SegmentResult:
    """The segment checks of one file (or any run of its segments): the map step of a QA run."""
    return SegmentChecker(glossary, direction).check_pairs(frame)


def check_corpus(merged: SegmentResult, everything: pl.DataFrame, directions: dict[str, str], *,
                 only=None, skip=None, suppress: set[str] | None = None) -> QAResult:
    """The corpus checks over every segment of a run, then the filters: the reduce step.

    ``merged`` holds the segment results of all files in file order; ``everything`` has
    file, segment, id, source, target of all segments."""
    renderings = corpus.renderings_frame(merged.renderings)
    rows = merged.findings + corpus.name_inconsistent(renderings)
    if everything.height:
        rows += corpus.inconsistent_translation(everything)
    words = count_words(everything["source"].to_list()) if everything.height else 0
    files = everything["file"].unique(maintain_order=True).to_list() if everything.height else []
    result = _finish(rows, merged.terms, renderings, files, everything.height, words, only, skip, suppress, directions)
    result.segment_texts = everything.select("file", "segment", "source", "target") if everything.height else None
    return result


def check(paths: list[str | Path], glossary: Glossary, *, source_lang=None, target_lang=None, aligned: tuple | None = None,
          only=None, skip=None, suppress: set[str] | None = None) -> QAResult:
    """QA of bilingual files (or one aligned pair of text files)."""
    frames = [bilingual.read_bilingual(p) for p in paths]
    if aligned:
        frames.append(bilingual.read_aligned(*aligned))
    if not frames:
        raise UsageError("nothing to check: give bilingual files, or --source A.txt --target B.txt")
    merged = SegmentResult()
    directions = {}
    for f in frames:
        if f.height == 0:
            continue
        d = direction_of(f, glossary, source_lang, target_lang)
        directions[f["file"][0]] = f"{d.source}→{d.target}"
        r = check_segments(f, glossary, d)
        merged.findings += r.findings
        merged.terms += r.terms
        merged.renderings += r.renderings
    present = [f.select("file", "segment", "id", "source", "target") for f in frames if f.height]
    everything = pl.concat(present) if present else pl.DataFrame()
    return check_corpus(merged, everything, directions, only=only, skip=skip, suppress=suppress)


def scan(paths: list[str | Path], glossary: Glossary, *, lang=None, only=None, skip=None, suppress=None) -> QAResult:
    """QA of monolingual documents: glossary entities, names and places, across all files."""
    merged = SegmentResult()
    files, segments, words, directions, docs = [], 0, 0, {}, []
    for p in paths:
        doc = bilingual.read_monolingual(p)
        docs.append(doc)
        if doc.height == 0:
            continue
        doc_lang = Language.parse(lang).column_in(glossary.languages) if lang else bilingual.detect_language(doc["text"].to_list()[:500])
        directions[str(p)] = doc_lang
        r = SegmentChecker(glossary, None).scan(doc, doc_lang)
        merged.findings += r.findings
        merged.renderings += r.renderings
        files.append(str(p))
        segments += doc.height
        words += count_words(doc["text"].to_list())
    renderings = corpus.renderings_frame(merged.renderings)
    rows = merged.findings + corpus.name_inconsistent(renderings)
    result = _finish(rows, [], renderings, files, segments, words, only, skip, suppress, directions)
    if docs:
        result.segment_texts = pl.concat(docs).select("file", "segment", pl.lit("").alias("source"), pl.col("text").alias("target"))
    return result


def _finish(rows, terms, renderings, files, segments, words, only, skip, suppress, directions) -> QAResult:
    findings = frame(rows).unique(["file", "segment", "check", "key"], keep="first", maintain_order=True)
    if only:
        findings = findings.filter(pl.col("check").is_in(list(only)))
    if skip:
        findings = findings.filter(~pl.col("check").is_in(list(skip)))
    before = findings.height
    if suppress:
        findings = findings.filter(~pl.col("key").is_in(list(suppress)))
    terms_frame = pl.DataFrame(terms, schema=TERM_SCHEMA) if terms else pl.DataFrame(schema=TERM_SCHEMA)
    findings = findings.with_columns(pl.col("severity").replace_strict(SEVERITY_RANK, return_dtype=pl.Int8).alias("_rank")).sort(
        "file", "segment", "_rank", "check", nulls_last=True).drop("_rank")
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
        items = data.get("findings", []) if isinstance(data, dict) else data
        return {item["key"] if isinstance(item, dict) else str(item) for item in items}
    reader = csv.DictReader(io.StringIO(text), delimiter="\t" if str(path).endswith(".tsv") else ",")
    if not reader.fieldnames or "key" not in reader.fieldnames:
        raise InputError.at(str(path), 1, 1, "a suppression list needs a 'key' column (copy keys from a JSON or CSV report)")
    return {row["key"].strip() for row in reader if row.get("key", "").strip()}


def exit_code(result: QAResult, fail_on: FailOn | str) -> int:
    return exit_code_for(result.findings["severity"].to_list(), fail_on)
