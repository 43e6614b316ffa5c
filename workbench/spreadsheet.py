"""CSV cells a spreadsheet would run as formulas (CSV injection, OWASP).

A cell from an input that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
("=cmd|' /C calc'!A0") is a formula to Excel or LibreOffice when the CSV is opened. Every CSV wb
writes for people or vendors (QA reports, DeepL/Google/Amazon glossaries) prefixes such a cell
with an apostrophe, which spreadsheets show as text. A plain number ("-5", "+886") is left alone.
"""

from __future__ import annotations

import re

import polars as pl

_FORMULA = re.compile(r"^[=+\-@\t\r]")
_NUMBER = re.compile(r"^[+-]?\d[\d,.]*%?$")


def neutralize(value):
    """``value`` made safe to open in a spreadsheet (non-strings are returned as they are)."""
    if isinstance(value, str) and _FORMULA.match(value) and not _NUMBER.match(value):
        return "'" + value
    return value


def neutralize_row(row) -> list:
    return [neutralize(v) for v in row]


def neutralize_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """Every string column of ``frame`` with formula-like cells neutralized."""
    return frame.with_columns(
        pl.when(pl.col(c).str.contains(_FORMULA.pattern) & ~pl.col(c).str.contains(_NUMBER.pattern))
        .then(pl.lit("'") + pl.col(c))
        .otherwise(pl.col(c))
        .alias(c)
        for c, dtype in frame.schema.items()
        if dtype == pl.String
    )
