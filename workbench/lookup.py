"""Glossary lookups and statistics for terminologists (`wb glossary lookup|stats`)."""

from __future__ import annotations

from datetime import date

import polars as pl

from .glossary import Glossary


def lookup(glossary: Glossary, text: str) -> list[dict]:
    """One row per (span, entry): where a glossary rendering occurs, and what the entry says."""
    rows = []
    for m in glossary.find(text):
        for term in m.terms:
            e = glossary.entry(term.entry)
            rows.append({
                "start": m.start, "end": m.end, "found": m.text, "id": e.id, "type": e.type,
                "lang": term.lang, "role": term.role, "status": e.status, "zh": e.zh, "en": e.en,
            })
    return rows


def holders_on(glossary: Glossary, rows: list[dict], day: date) -> list[dict]:
    """Who held each post found in the text on ``day``, and which posts the people found held then.

    One row per (post, holder); a post with nobody on record that day gets a row with no person.
    ``certain`` is False where partial or missing dates leave it open.
    """
    roles = glossary.roles
    out: list[dict] = []
    seen: set[tuple[str, str]] = set()

    def add(post: str, role) -> None:
        key = (post, role.person if role else "")
        if key in seen:
            return
        seen.add(key)
        person = glossary.get(role.person) if role else None
        entry = glossary.get(post)
        out.append({
            "post": post, "post_en": entry.en if entry else post,
            "person": role.person if role else "", "en": person.en if person else "",
            "zh": person.zh if person else "", "valid_from": role.valid_from if role else "",
            "valid_to": role.valid_to if role else "",
            "certain": bool(role and role.surely_holds(day)),
        })

    for r in rows:
        if r["id"] in roles.by_post:
            holders = roles.holders(r["id"], day)
            for role in holders:
                add(r["id"], role)
            if not holders:
                add(r["id"], None)
        for role in roles.by_person.get(r["id"], []):
            if role.may_hold(day):
                add(role.post, role)
    return out


def stats(glossary: Glossary) -> pl.DataFrame:
    """Entry counts per file, type and status."""
    frame = glossary.frame
    return (
        frame.group_by("file", "type", "status").agg(pl.len().alias("entries"))
        .sort("file", "type", "status")
    )
