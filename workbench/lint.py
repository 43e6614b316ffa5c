"""Glossary lint: conflicts and mistakes a terminologist wants to hear about before anyone else.

Errors: the same zh with two different approved renderings, a forbidden rendering that is also
allowed (in its own entry or another), Simplified-only characters in zh, leading or trailing
spaces. Warnings: near-duplicates, entries with neither source nor note, and (romanize.py) person
names whose English is not a plausible rendering of their hanzi.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

import polars as pl

from .glossary import Glossary
from .severity import SEVERITIES
from .text import find_simplified_only, fold

_NON_ALNUM = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class LintFinding:
    severity: str
    code: str
    file: str
    line: int
    column: int
    id: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.severity} {self.code}: {self.message} [{self.id}]"

    def to_dict(self) -> dict:
        return asdict(self)


def lint(glossary: Glossary, *, romanization: bool = True) -> list[LintFinding]:
    """All lint findings, sorted by file and line."""
    out: list[LintFinding] = []
    for check in (_whitespace, _simplified, _zh_conflicts, _forbidden_allowed, _near_duplicates, _unsourced):
        out.extend(check(glossary))
    if romanization:
        out.extend(_romanization(glossary))
    return sorted(out, key=lambda f: (f.file, f.line, f.column, f.code))


def _finding(g: Glossary, severity, code, entry_row: dict, column: str, message: str) -> LintFinding:
    return LintFinding(severity, code, entry_row["file"], entry_row["line"], g.column_of(entry_row["file"], column), entry_row["id"], message)


def _whitespace(g: Glossary):
    cols = [c for c in ["id", "type", "status", *g.languages] if c in g.frame.columns]
    for c in cols:
        bad = g.frame.filter(pl.col(c) != pl.col(c).str.strip_chars())
        for row in bad.iter_rows(named=True):
            yield _finding(g, "error", "whitespace", row, c, f"'{c}' has leading or trailing spaces: {row[c]!r}")


def _simplified(g: Glossary):
    for row in g.frame.select("id", "file", "line", "zh", "zh_variants").iter_rows(named=True):
        for column, value in [("zh", row["zh"])] + [("zh_variants", v) for v in row["zh_variants"]]:
            chars = "".join(c for _, c in find_simplified_only(value))
            if chars:
                yield _finding(g, "error", "simplified-zh", row, column, f"'{value}' has Simplified-only characters ({chars}); write zh in Traditional characters")


def _zh_conflicts(g: Glossary):
    """The same zh (or zh variant, in either script) approved with two different renderings."""
    approved = (
        g.frame.filter(pl.col("status") == "approved")
        .with_columns(pl.concat_list(pl.col("zh"), pl.col("zh_variants")).alias("_zh"))
        .explode("_zh")
        .with_columns(pl.col("_zh").map_elements(fold, return_dtype=pl.String).alias("_key"))
        .unique(["id", "_key"])
    )
    groups = approved.group_by("_key").agg(pl.col("en").n_unique().alias("n"), pl.struct("id", "en", "file", "line").alias("rows"))
    reported: set[str] = set()
    for key, rows in groups.filter(pl.col("n") > 1).sort("_key").select("_key", "rows").iter_rows():
        rows = sorted(rows, key=lambda r: (r["file"], r["line"]))
        first = rows[0]
        for row in rows[1:]:
            if row["en"] != first["en"] and row["id"] not in reported:
                reported.add(row["id"])
                yield _finding(g, "error", "zh-conflict", row, "en", f"zh '{key}' is approved as '{row['en']}' here and as '{first['en']}' in {first['id']} ({first['file']}:{first['line']})")


def _forbidden_allowed(g: Glossary):
    for lang in g.languages:
        allowed: dict[str, str] = {}
        for e in g.entries:
            for form in e.allowed(lang):
                allowed.setdefault(fold(form), e.id)
        for e in g.entries:
            own = {fold(f) for f in e.allowed(lang)}
            row = {"file": e.file, "line": e.line, "id": e.id}
            for form in e.forbidden.get(lang, []):
                key = fold(form)
                if key in own:
                    yield _finding(g, "error", "forbidden-allowed", row, f"{lang}_forbidden", f"'{form}' is both forbidden and allowed in this entry")
                elif key in allowed:  # legitimate contrast (人口販運 is not human smuggling): a note
                    yield _finding(g, "info", "forbidden-elsewhere", row, f"{lang}_forbidden", f"'{form}' is forbidden here but is the rendering of {allowed[key]}; it is flagged only where this entry's source term stands")


def _loose_key(value: str) -> str:
    return _NON_ALNUM.sub("", fold(value))


def _near_duplicates(g: Glossary):
    """Renderings equal but for case, spacing, hyphens or punctuation ("Liu Hung-tao" / "Liu Hungtao"),
    and whole entries repeated under another id (same zh and same en).
    """
    for lang in g.languages:
        if lang not in g.frame.columns:
            continue
        frame = g.frame.filter(pl.col(lang) != "").with_columns(
            pl.col(lang).map_elements(_loose_key, return_dtype=pl.String).alias("_loose"),
            pl.col(lang).map_elements(fold, return_dtype=pl.String).alias("_key"),
        )
        groups = frame.group_by("_loose").agg(pl.struct("id", lang, "file", "line", "_key").alias("rows"), pl.col("_key").n_unique().alias("n"))
        for rows in groups.filter(pl.col("n") > 1)["rows"].to_list():
            rows = sorted(rows, key=lambda r: (r["file"], r["line"]))
            for row in rows[1:]:
                if row["_key"] != rows[0]["_key"]:
                    yield _finding(g, "warning", "near-duplicate", row, lang, f"{lang} '{row[lang]}' nearly duplicates '{rows[0][lang]}' of {rows[0]['id']} ({rows[0]['file']}:{rows[0]['line']})")
    keyed = g.frame.with_columns(
        pl.col("zh").map_elements(fold, return_dtype=pl.String).alias("_zh"),
        pl.col("en").map_elements(fold, return_dtype=pl.String).alias("_en"),
    )
    for rows in keyed.group_by("_zh", "_en").agg(pl.struct("id", "file", "line").alias("rows"), pl.len().alias("n")).filter(pl.col("n") > 1)["rows"].to_list():
        rows = sorted(rows, key=lambda r: (r["file"], r["line"]))
        for row in rows[1:]:
            yield _finding(g, "warning", "duplicate-entry", row, "zh", f"same zh and en as {rows[0]['id']} ({rows[0]['file']}:{rows[0]['line']})")


def _unsourced(g: Glossary):
    bad = g.frame.filter((pl.col("status") == "approved") & (pl.col("source").str.strip_chars() == "") & (pl.col("note").str.strip_chars() == ""))
    for row in bad.iter_rows(named=True):
        yield _finding(g, "warning", "unsourced", row, "source", "approved entry with neither a source nor a note saying how it was established")


def _romanization(g: Glossary):
    try:
        from .romanize import judge_glossary_person
    except ImportError:  # romanization engine not built yet
        return
    persons = g.frame.filter(pl.col("type") == "person")
    for row in persons.iter_rows(named=True):
        finding = judge_glossary_person(row)
        if finding is not None:
            severity, message = finding
            yield _finding(g, severity, "romanization", row, "en", message)


def summarize(findings: list[LintFinding]) -> dict[str, int]:
    return {s: sum(f.severity == s for f in findings) for s in SEVERITIES}
