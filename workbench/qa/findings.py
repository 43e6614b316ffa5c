"""The Finding schema shared by every check and every report.

Fields (JSON keys and CSV columns): file, segment, id, check, severity, term, source_span, found,
expected, message — plus ``key``, a stable hash that identifies a finding by what it is about (check,
term, file name, the segment's text, the offending text) rather than where it stands, so that a
suppression list survives edits elsewhere in the file.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

import polars as pl

from .registry import REGISTRY

COLUMNS = ["file", "segment", "id", "check", "severity", "term", "source_span", "found", "expected", "message"]
SCHEMA = {
    "file": pl.String, "segment": pl.Int64, "id": pl.String, "check": pl.String, "severity": pl.String,
    "term": pl.String, "source_span": pl.String, "found": pl.String, "expected": pl.String, "message": pl.String,
    "key": pl.String,
}
CHECKS = REGISTRY  # id -> Check (registry.py); checks declare themselves where they are implemented


def finding(file, segment, check, message, *, severity=None, id=None, term=None, source_span=None,
            found=None, expected=None, context: str = "") -> dict:
    """One finding as a dict; ``context`` (usually the segment's text) only feeds the key."""
    row = {
        "file": str(file), "segment": segment, "id": id, "check": check, "severity": severity or CHECKS[check].severity,
        "term": term, "source_span": source_span, "found": found, "expected": expected, "message": message,
    }
    row["key"] = finding_key(row, context)
    return row


LONG_CONTEXT = 4096  # characters: a longer segment enters the key by its digest


def finding_key(row: dict, context: str = "") -> str:
    """sha1 of check, term, file name, the segment's text (whitespace collapsed) and the offending
    text. A segment over LONG_CONTEXT characters enters by its own sha1, computed once per segment:
    hashing a 50 MB line for each of its thousands of findings made a scan quadratic."""
    h = hashlib.sha1("\x1f".join([row["check"], row.get("term") or "", Path(row["file"]).name, ""]).encode("utf-8"))
    h.update(_context_bytes(context))
    h.update(("\x1f" + (row.get("found") or "")).encode("utf-8"))
    return h.hexdigest()[:16]


@functools.lru_cache(maxsize=16)
def _context_bytes(context: str) -> bytes:
    text = " ".join(context.split()).encode("utf-8")
    return text if len(context) <= LONG_CONTEXT else b"sha1:" + hashlib.sha1(text).hexdigest().encode()


def frame(rows: list[dict]) -> pl.DataFrame:
    if not rows:
        return pl.DataFrame(schema=SCHEMA)
    return pl.DataFrame(rows, schema=SCHEMA).sort("file", "segment", "check", nulls_last=True, maintain_order=True)
