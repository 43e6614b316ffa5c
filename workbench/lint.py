"""Glossary lint: conflicts and mistakes a terminologist wants to hear about before anyone else.

Errors: the same zh with two different approved renderings, a forbidden rendering that is also
allowed (in its own entry or another), Simplified-only characters in zh, leading or trailing
spaces. Warnings: near-duplicates, entries with neither source nor note, and (romanize.py) person
names whose English is not a plausible rendering of their hanzi.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import gc
import re
from dataclasses import asdict, dataclass

import polars as pl

from .glossary import Glossary
from .severity import SEVERITIES
from .text import find_simplified_only, fold, fold_many

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
    with gc_paused():
        _run(glossary, out, romanization)
    return sorted(out, key=lambda f: (f.file, f.line, f.column, f.code))


@contextlib.contextmanager
def gc_paused():
    """Millions of small lists and strings: the cyclic GC would rescan the whole glossary again
    and again (a 200k-entry lint took 4 times longer with it running)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _run(glossary: Glossary, out: list, romanization: bool) -> None:
    for check in (_whitespace, _simplified, _zh_conflicts, _forbidden_allowed, _forbidden_contained,
                  _near_duplicates, _unsourced):
        out.extend(check(glossary))
    if romanization:
        out.extend(_romanization(glossary))
    out.extend(_roles(glossary))


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
    )
    approved = approved.with_columns(pl.Series("_key", fold_many(approved["_zh"].fill_null("").to_list()), dtype=pl.String)).unique(["id", "_key"])
    groups = approved.group_by("_key").agg(pl.col("en").n_unique().alias("n"), pl.struct("id", "en", "file", "line").alias("rows"))
    reported: set[str] = set()
    for key, rows in groups.filter(pl.col("n") > 1).sort("_key").select("_key", "rows").iter_rows():
        rows = sorted(rows, key=lambda r: (r["file"], r["line"]))
        first = rows[0]
        for row in rows[1:]:
            if row["en"] != first["en"] and row["id"] not in reported:
                reported.add(row["id"])
                yield _finding(g, "error", "zh-conflict", row, "en", f"zh '{key}' is approved as '{row['en']}' here and as '{first['en']}' in {first['id']} ({first['file']}:{first['line']})")


@dataclass
class _LangForms:
    """Per entry row, in one language: allowed and forbidden forms with their matching keys,
    folded in one batch (folding form by form was most of the time of a 1M-entry lint)."""

    ids: list[str]
    files: list[str]
    lines: list[int]
    allowed: list[list[str]]
    allowed_keys: list[list[str]]
    forbidden: list[list[str]]
    forbidden_keys: list[list[str]]

    def row(self, i: int) -> dict:
        return {"file": self.files[i], "line": self.lines[i], "id": self.ids[i]}


@functools.lru_cache(maxsize=8)
def _lang_forms(g: Glossary, lang: str) -> _LangForms:
    frame = g.frame
    n = frame.height

    def column(name: str, listed: bool) -> list[list[str]]:
        if name not in frame.columns:
            return [[] for _ in range(n)]
        values = frame[name].to_list()
        return [list(v or []) for v in values] if listed else [[v] if v else [] for v in values]

    allowed = [a + b for a, b in zip(column(lang, False), column(f"{lang}_variants", True))]
    forbidden = column(f"{lang}_forbidden", True)
    flat = fold_many([f for forms in allowed + forbidden for f in forms])
    keys, pos = [], 0
    for forms in allowed + forbidden:
        keys.append(flat[pos : pos + len(forms)])
        pos += len(forms)
    return _LangForms(frame["id"].to_list(), frame["file"].to_list(), frame["line"].to_list(),
                      allowed, keys[:n], forbidden, keys[n:])


def _forbidden_allowed(g: Glossary):
    for lang in g.languages:
        f = _lang_forms(g, lang)
        allowed: dict[str, str] = {}
        for i, keys in enumerate(f.allowed_keys):
            for key in keys:
                allowed.setdefault(key, f.ids[i])
        for i, (forms, keys) in enumerate(zip(f.forbidden, f.forbidden_keys)):
            if not forms:
                continue
            own = set(f.allowed_keys[i])
            for form, key in zip(forms, keys):
                if key in own:
                    yield _finding(g, "error", "forbidden-allowed", f.row(i), f"{lang}_forbidden", f"'{form}' is both forbidden and allowed in this entry")
                elif key in allowed:  # legitimate contrast (人口販運 is not human smuggling): a note
                    yield _finding(g, "info", "forbidden-elsewhere", f.row(i), f"{lang}_forbidden", f"'{form}' is forbidden here but is the rendering of {allowed[key]}; it is flagged only where this entry's source term stands")


def _forbidden_contained(g: Glossary):
    """A forbidden rendering inside a longer allowed one ("Investigation Bureau" forbidden, "Criminal
    Investigation Bureau" allowed). In the same entry: an error, the correct rendering itself holds
    the forbidden one (QA and repair would chase their own tail). In another entry: a note, the
    forbidden form is legitimate inside that name ("Bureau of Investigation" in "Federal Bureau of
    Investigation"); repair shelters the longer name. One Aho-Corasick pass per language: linear in
    the glossary's size."""
    import ahocorasick

    from .text import is_word_char

    for lang in g.languages:
        f = _lang_forms(g, lang)
        owners: dict[str, list[tuple[int, str]]] = {}
        for i, (forms, keys) in enumerate(zip(f.forbidden, f.forbidden_keys)):
            for form, key in zip(forms, keys):
                if key:
                    owners.setdefault(key, []).append((i, form))
        if not owners:
            continue
        automaton = ahocorasick.Automaton()
        for key in owners:
            automaton.add_word(key, key)
        automaton.make_automaton()
        seen: set[tuple[int, str]] = set()
        where = [(j, allowed, text) for j, (forms, keys) in enumerate(zip(f.allowed, f.allowed_keys))
                 for allowed, text in zip(forms, keys)]
        starts, pos = [], 0
        for _, _, text in where:
            starts.append(pos)
            pos += len(text) + 1
        joined = "\x00".join(text for _, _, text in where)  # one pass over every allowed form
        for stop, key in automaton.iter(joined):
            k = bisect.bisect_right(starts, stop) - 1
            j, allowed, text = where[k]
            start, end = stop - len(key) + 1 - starts[k], stop - starts[k]
            if start < 0 or len(key) == len(text):
                continue  # across two forms, or equal: forbidden-allowed / forbidden-elsewhere
            if (is_word_char(key[0]) and start and is_word_char(text[start - 1])) or (
                    is_word_char(key[-1]) and end + 1 < len(text) and is_word_char(text[end + 1])):
                continue  # inside a word, not a word-bounded part of the name
            for owner, form in owners[key]:
                if (owner, form) in seen:
                    continue
                seen.add((owner, form))
                if owner == j:
                    yield _finding(g, "error", "forbidden-in-allowed", f.row(owner), f"{lang}_forbidden",
                                   f"'{form}' is forbidden but is part of the allowed '{allowed}' of this "
                                   "entry: every correct rendering would contain a forbidden one")
                else:
                    yield _finding(g, "info", "forbidden-in-other", f.row(owner), f"{lang}_forbidden",
                                   f"'{form}' is forbidden here but is part of '{allowed}' ({f.ids[j]}); repair "
                                   f"and QA leave it alone inside '{allowed}'")


def _loose_key(value: str) -> str:
    return _NON_ALNUM.sub("", fold(value))


def _near_duplicates(g: Glossary):
    """Renderings equal but for case, spacing, hyphens or punctuation ("Liu Hung-tao" / "Liu Hungtao"),
    and whole entries repeated under another id (same zh and same en).
    """
    for lang in g.languages:
        if lang not in g.frame.columns:
            continue
        frame = g.frame.filter(pl.col(lang) != "")
        keys = fold_many(frame[lang].to_list())
        frame = frame.with_columns(pl.Series("_key", keys, dtype=pl.String),
                                   pl.Series("_loose", [_NON_ALNUM.sub("", k) for k in keys], dtype=pl.String))
        groups = frame.group_by("_loose").agg(pl.struct("id", lang, "file", "line", "_key").alias("rows"), pl.col("_key").n_unique().alias("n"))
        for rows in groups.filter(pl.col("n") > 1)["rows"].to_list():
            rows = sorted(rows, key=lambda r: (r["file"], r["line"]))
            for row in rows[1:]:
                if row["_key"] != rows[0]["_key"]:
                    yield _finding(g, "warning", "near-duplicate", row, lang, f"{lang} '{row[lang]}' nearly duplicates '{rows[0][lang]}' of {rows[0]['id']} ({rows[0]['file']}:{rows[0]['line']})")
    keyed = g.frame.with_columns(pl.Series("_zh", fold_many(g.frame["zh"].to_list()), dtype=pl.String),
                                 pl.Series("_en", fold_many(g.frame["en"].to_list()), dtype=pl.String))
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


def _roles(g: Glossary):
    """roles.csv: people and posts that exist, dates in order, one holder of a post at a time."""
    from .roles import ROLE_CHECKS

    for check in ROLE_CHECKS:
        for role, severity, code, column, message in check(g):
            yield LintFinding(severity, code, role.file, role.line, column, role.id, message)
