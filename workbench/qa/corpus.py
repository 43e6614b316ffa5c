"""Corpus-level checks: across every file of one run.

name-inconsistent: one entity (glossary person, or the hanzi given after a name) written more than
one way. inconsistent-translation: the same source translated differently, or different sources
given the same translation.
"""

from __future__ import annotations

import polars as pl

from .findings import finding
from .registry import declare

declare("name-inconsistent", "warning", "corpus", "Latin-script targets and documents", """One person
    (a glossary entry, or the hanzi given as "Name (漢字)") written more than one way across the
    files of a run.""")
declare("inconsistent-translation", "warning", "corpus", "any pair", """The same source translated
    two ways, or two sources given the same translation.""", bilingual_only=True)

RENDERING_SCHEMA = {"entity": pl.String, "canonical": pl.String, "type": pl.String, "rendering": pl.String,
                    "file": pl.String, "segment": pl.Int64, "verdict": pl.String, "start": pl.Int64}


def renderings_frame(rows: list[dict]) -> pl.DataFrame:
    """One row per occurrence: an occurrence seen by two detectors (glossary match and the
    "Name (漢字)" pattern) counts once."""
    if not rows:
        return pl.DataFrame(schema=RENDERING_SCHEMA)
    return pl.DataFrame(rows, schema=RENDERING_SCHEMA).unique(["entity", "file", "segment", "start"], keep="first", maintain_order=True)


def _where(rows) -> str:
    shown = [f"{r['file'].rsplit('/', 1)[-1]}:{r['segment']}" for r in rows[:5]]
    return ", ".join(shown) + (f" and {len(rows) - 5} more" if len(rows) > 5 else "")


def _without_short_references(group: pl.DataFrame) -> pl.DataFrame:
    """A person's later mentions by surname alone ("Lai" after "Lai Ching-te", "Lai (賴清德)") are
    news style, not a second spelling: a one-word rendering that is a word of the canonical one."""
    canonical = (group["canonical"][0] or "").lower().replace(",", " ").split()
    if len(canonical) < 2:
        return group
    return group.filter(~pl.col("_key").is_in(canonical))


def name_inconsistent(renderings: pl.DataFrame) -> list[dict]:
    """Persons written in more than one way (ignoring case and the passport comma)."""
    people = renderings.filter(pl.col("type") == "person").with_columns(
        pl.col("rendering").str.to_lowercase().str.replace_all(r"[,\s]+", " ").alias("_key")
    )
    out = []
    for (entity,), group in people.group_by(["entity"], maintain_order=True):
        group = _without_short_references(group)
        variants = group.group_by("_key", maintain_order=True).agg(
            pl.col("rendering").first(), pl.len().alias("n"), pl.struct("file", "segment").alias("where")
        ).sort("n", descending=True, maintain_order=True)
        if variants.height < 2:
            continue
        canonical = group["canonical"][0] or ""
        listing = "; ".join(f"'{r['rendering']}' ×{r['n']} ({_where(r['where'])})" for r in variants.iter_rows(named=True))
        # report at the first place the minority rendering stands
        # point at the first rendering that is not the canonical one (or not the most common one)
        reference = " ".join(canonical.lower().replace(",", " ").split()) if canonical else variants["_key"][0]
        first_odd = group.filter(pl.col("_key") != reference).sort("file", "segment").row(0, named=True)
        label = f"{entity.removeprefix('zh:')}" + (f" ({canonical})" if canonical else "")
        out.append(finding(first_odd["file"], first_odd["segment"], "name-inconsistent", f"{label} is written {variants.height} ways: {listing}",
                           term=None if entity.startswith("zh:") else entity, source_span=entity.removeprefix("zh:") if entity.startswith("zh:") else None,
                           found=first_odd["rendering"], expected=canonical or variants["rendering"][0], context=entity))
    return out


def name_slips(names: list[dict], docs: list[pl.DataFrame]) -> list[dict]:
    """A typo of a name seen elsewhere in the document set, for people not in the glossary: the
    same surname followed by a given name one edit or swap away that does not split into syllables
    ("Wang Xioahong" where "Wang Xiaohong" is written elsewhere). Two spellings that both split
    (Xiaohong, Xiaodong) may be two people and are never reported."""
    import re

    from .. import romanize

    givens: dict[str, set[str]] = {}
    for row in names:
        words = row["name"].split()
        if len(words) == 2:
            givens.setdefault(words[0], set()).add(words[1])
    out: list[dict] = []
    if not givens:
        return out
    # the given name in a lookahead: "Later Wang Xioahong" must not swallow "Wang"
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, givens))
                         + r")\s+(?=([A-Z][a-z]+(?:-[a-z]+)?)\b)")
    for doc in docs:
        for row in doc.iter_rows(named=True):
            for m in pattern.finditer(row["text"] or ""):
                surname, given = m.group(1), m.group(2)
                if given in givens[surname] or romanize.segment_syllables(
                        romanize.fold_spelling(given.replace("-", "")), 4):
                    continue
                near = [g for g in givens[surname]
                        if romanize.typo_distance(given.lower(), g.lower()) == 1]
                if near:
                    written = f"{surname} {given}"
                    out.append(finding(row["file"], row["segment"], "name-inconsistent",
                                       f"'{written}' looks like a slip of '{surname} {near[0]}', "
                                       f"written elsewhere in these files",
                                       found=written, expected=f"{surname} {near[0]}",
                                       context=row["text"]))
    return out


def inconsistent_translation(frame: pl.DataFrame, min_chars: int = 8) -> list[dict]:
    """Same source → different targets, and different sources → the same target."""
    # inline codes of CAT files (read as U+FFFC, workbench.inline) do not make two texts differ
    norm = lambda c: (pl.col(c).fill_null("").str.replace_all("\ufffc", " ").str.strip_chars()
                      .str.replace_all(r"\s+", " ").str.to_lowercase())
    data = frame.with_columns(norm("source").alias("_s"), norm("target").alias("_t")).filter(
        (pl.col("_s").str.len_chars() >= min_chars) & (pl.col("_t") != "")
    )
    out = []
    for key, other, label in (("_s", "_t", "the same source is translated"), ("_t", "_s", "the same translation is given to")):
        groups = data.group_by(key).agg(pl.col(other).n_unique().alias("n")).filter(pl.col("n") > 1)
        if groups.height == 0:
            continue
        for (value,), group in data.join(groups.select(key), on=key).sort("file", "segment").group_by([key], maintain_order=True):
            counts = group.group_by(other, maintain_order=True).agg(pl.len().alias("n"), pl.struct("file", "segment").alias("where"), pl.col("target" if other == "_t" else "source").first().alias("text"))
            counts = counts.sort("n", descending=True, maintain_order=True)
            majority = counts[other][0]
            odd = group.filter(pl.col(other) != majority).row(0, named=True)
            what = f"{counts.height} ways" if key == "_s" else f"{counts.height} different sources"
            listing = "; ".join(f"'{r['text'][:60]}' ×{r['n']} ({_where(r['where'])})" for r in counts.iter_rows(named=True))
            out.append(finding(odd["file"], odd["segment"], "inconsistent-translation", f"{label} {what}: {listing}", id=odd.get("id"),
                               found=odd["target"], expected=counts["text"][0] if key == "_s" else None, source_span=odd["source"][:80], context=value))
    return out
