"""Glossary lookups and statistics for terminologists (`wb glossary lookup|stats`)."""

from __future__ import annotations

import polars as pl

from .glossary import Glossary


def lookup(glossary: Glossary, text: str) -> list[dict]:
    """One row per (span, entry): where a glossary rendering occurs, and what the entry says."""
    rows = []
    for m in glossary.find(text):
        for term in m.terms:
            e = glossary.entries[term.entry]
            rows.append({
                "start": m.start, "end": m.end, "found": m.text, "id": e.id, "type": e.type,
                "lang": term.lang, "role": term.role, "status": e.status, "zh": e.zh, "en": e.en,
            })
    return rows


def stats(glossary: Glossary) -> pl.DataFrame:
    """Entry counts per file, type and status."""
    frame = glossary.frame
    return (
        frame.group_by("file", "type", "status").agg(pl.len().alias("entries"))
        .sort("file", "type", "status")
    )
