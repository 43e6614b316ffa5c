"""The Finding schema shared by every check and every report.

Fields (JSON keys and CSV columns): file, segment, id, check, severity, term, source_span, found,
expected, message — plus ``key``, a stable hash that identifies a finding by what it is about (check,
term, file name, the segment's text, the offending text) rather than where it stands, so that a
suppression list survives edits elsewhere in the file.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import polars as pl

COLUMNS = ["file", "segment", "id", "check", "severity", "term", "source_span", "found", "expected", "message"]
SCHEMA = {
    "file": pl.String, "segment": pl.Int64, "id": pl.String, "check": pl.String, "severity": pl.String,
    "term": pl.String, "source_span": pl.String, "found": pl.String, "expected": pl.String, "message": pl.String,
    "key": pl.String,
}
CHECKS = {
    "term-missing": "error",
    "term-forbidden": "error",
    "term-deprecated": "warning",
    "name-variant": "error",
    "name-inconsistent": "warning",
    "place-pinyin": "error",
    "number-mismatch": "error",
    "untranslated": "error",
    "script": "error",
    "inconsistent-translation": "warning",
    "punctuation": "warning",
}


def finding(file, segment, check, message, *, severity=None, id=None, term=None, source_span=None,
            found=None, expected=None, context: str = "") -> dict:
    """One finding as a dict; ``context`` (usually the segment's text) only feeds the key."""
    row = {
        "file": str(file), "segment": segment, "id": id, "check": check, "severity": severity or CHECKS[check],
        "term": term, "source_span": source_span, "found": found, "expected": expected, "message": message,
    }
    row["key"] = finding_key(row, context)
    return row


def finding_key(row: dict, context: str = "") -> str:
    basis = "\x1f".join([row["check"], row.get("term") or "", Path(row["file"]).name, " ".join(context.split()), row.get("found") or ""])
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]


def frame(rows: list[dict]) -> pl.DataFrame:
    if not rows:
        return pl.DataFrame(schema=SCHEMA)
    return pl.DataFrame(rows, schema=SCHEMA).sort("file", "segment", "check", nulls_last=True)
