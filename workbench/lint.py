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
import sys
from dataclasses import asdict, dataclass

import polars as pl

from .glossary import Glossary
from .matcher_cache import load_derived
from .severity import SEVERITIES
from .text import find_simplified_only, fold_many, simplified_only_chars


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


@functools.lru_cache(maxsize=1)
def _simplified_class() -> str:
    """A regex class (Rust syntax, for polars) of every Simplified-only character."""
    return "[" + "".join(f"\\x{{{ord(c):X}}}" for c in sorted(simplified_only_chars())) + "]"


def _simplified(g: Glossary):
    """Only the rows polars finds with a Simplified-only character are looked at one by one."""
    hit = pl.col("zh").str.contains(_simplified_class())
    variant_hit = pl.col("zh_variants").list.eval(
        pl.element().str.contains(_simplified_class())).list.any()
    rows = g.frame.select("id", "file", "line", "zh", "zh_variants").filter(hit | variant_hit)
    for row in rows.iter_rows(named=True):
        for column, value in [("zh", row["zh"])] + [("zh_variants", v) for v in row["zh_variants"]]:
            chars = "".join(c for _, c in find_simplified_only(value))
            if chars:
                yield _finding(g, "error", "simplified-zh", row, column, f"'{value}' has Simplified-only characters ({chars}); write zh in Traditional characters")


CANONICAL, VARIANT, FORBIDDEN = 0, 1, 2


@functools.lru_cache(maxsize=8)
def _forms(g: Glossary, lang: str) -> pl.DataFrame:
    """Every rendering of ``lang`` as one row: the entry's ``row`` in the frame, its ``kind``
    (canonical, variant, forbidden), the ``form``, its matching ``key`` and a 64-bit hash of the
    key (``h``: equal keys, equal hashes; comparing hashes first narrows a 1M-row comparison to
    the few rows worth comparing as text). The allowed forms of each entry come first in the
    order written, entries in frame order, then the forbidden ones. Each form is folded once, in
    one batch, for every check (form by form was most of the time of a 1M-entry lint)."""
    frame, parts = g.frame, []
    row = pl.int_range(pl.len(), dtype=pl.Int64).alias("row")
    for kind, column in ((CANONICAL, lang), (VARIANT, f"{lang}_variants"),
                         (FORBIDDEN, f"{lang}_forbidden")):
        if column in frame.columns:
            part = frame.select(row, pl.col(column).alias("form"))
            parts.append((part if kind == CANONICAL else part.explode("form"))
                         .with_columns(pl.lit(kind, dtype=pl.Int8).alias("kind")))

    def build() -> pl.DataFrame:
        forms = (pl.concat(parts).filter(pl.col("form").is_not_null() & (pl.col("form") != ""))
                 .sort(pl.col("kind") == FORBIDDEN, "row", maintain_order=True))  # stable
        keys = pl.Series("key", fold_many(forms["form"].to_list()), dtype=pl.String)
        return forms.with_columns(keys, keys.hash(seed=0).alias("h"))

    return load_derived(g, f"lint-forms-{lang}", build)


@functools.lru_cache(maxsize=8)
def _canonical_keys(g: Glossary, lang: str) -> pl.Series:
    """The key of each row's canonical rendering ("" where it has none)."""
    keys = _forms(g, lang).filter(pl.col("kind") == CANONICAL).select("row", "key")
    rows = pl.DataFrame({"row": pl.int_range(g.frame.height, dtype=pl.Int64, eager=True)})
    return rows.join(keys, on="row", how="left", maintain_order="left")["key"].fill_null("")


def _zh_conflicts(g: Glossary):
    """The same zh (or zh variant, in either script) approved with two different renderings."""
    frame = g.frame.with_row_index("row").with_columns(pl.col("row").cast(pl.Int64))
    zh = _forms(g, "zh").filter(pl.col("kind") != FORBIDDEN)
    approved = (
        zh.filter(pl.col("h").is_duplicated())  # a conflict needs a key twice: few rows go on
        .select("row", pl.col("key").alias("_key"))
        .join(frame.filter(pl.col("status") == "approved").select("row", "id", "en", "file", "line"),
              on="row")
        .unique(["id", "_key"])
    )
    conflicting = approved.group_by("_key").agg(pl.col("en").n_unique().alias("n")).filter(pl.col("n") > 1)
    rows = approved.join(conflicting.select("_key"), on="_key", how="semi").sort("_key", "file", "line")
    reported: set[str] = set()
    for (key,), group in rows.group_by("_key", maintain_order=True):
        first, *rest = group.select("id", "en", "file", "line").iter_rows(named=True)
        for row in rest:
            if row["en"] != first["en"] and row["id"] not in reported:
                reported.add(row["id"])
                yield _finding(g, "error", "zh-conflict", row, "en", f"zh '{key}' is approved as '{row['en']}' here and as '{first['en']}' in {first['id']} ({first['file']}:{first['line']})")


def _forbidden_allowed(g: Glossary):
    """A forbidden rendering that is also allowed: in its own entry (an error) or in another (a
    note). Polars keeps the forbidden forms whose key is allowed anywhere; only those are looked
    at one by one."""
    ids, files, lines = g.frame["id"], g.frame["file"], g.frame["line"]
    for lang in g.languages:
        forms = _forms(g, lang)
        allowed = forms.filter(pl.col("kind") != FORBIDDEN)
        hits = forms.filter((pl.col("kind") == FORBIDDEN) & pl.col("h").is_in(allowed["h"].implode()))
        hits = hits.filter(pl.col("key").is_in(allowed["key"].filter(
            allowed["h"].is_in(hits["h"].implode())).implode()))  # the hashes alike: same text?
        if not hits.height:
            continue
        owners = allowed.filter(pl.col("key").is_in(hits["key"].unique().implode())).select("row", "key")
        first_owner: dict[str, int] = {}
        own: set[tuple[int, str]] = set()
        for i, key in owners.iter_rows():
            first_owner.setdefault(key, i)
            own.add((i, key))
        for i, form, key in hits.select("row", "form", "key").iter_rows():
            row = {"id": ids[i], "file": files[i], "line": lines[i]}
            if (i, key) in own:
                yield _finding(g, "error", "forbidden-allowed", row, f"{lang}_forbidden", f"'{form}' is both forbidden and allowed in this entry")
            else:  # legitimate contrast (人口販運 is not human smuggling): a note
                yield _finding(g, "info", "forbidden-elsewhere", row, f"{lang}_forbidden", f"'{form}' is forbidden here but is the rendering of {ids[first_owner[key]]}; it is flagged only where this entry's source term stands")


def _forbidden_contained(g: Glossary):
    """A forbidden rendering inside a longer allowed one ("Investigation Bureau" forbidden, "Criminal
    Investigation Bureau" allowed). In the same entry: an error, the correct rendering itself holds
    the forbidden one (QA and repair would chase their own tail). In another entry: a note, the
    forbidden form is legitimate inside that name ("Bureau of Investigation" in "Federal Bureau of
    Investigation"); repair shelters the longer name. One Aho-Corasick pass per language: linear in
    the glossary's size."""
    import ahocorasick

    from .text import is_word_char

    ids = g.frame["id"]
    for lang in g.languages:
        forms = _forms(g, lang)
        forbidden = forms.filter((pl.col("kind") == FORBIDDEN) & (pl.col("key") != ""))
        if not forbidden.height:
            continue
        keys = forbidden["key"].unique(maintain_order=True).to_list()

        def build(keys=keys):
            automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
            for i, key in enumerate(keys):
                automaton.add_word(key, i)
            automaton.make_automaton()
            return automaton

        automaton = load_derived(g, f"lint-forbidden-automaton-{lang}", build)
        allowed = forms.filter(pl.col("kind") != FORBIDDEN)
        if not allowed.height:
            continue
        # one pass over every allowed form, NUL-separated (no key holds a control character)
        joined = allowed.select(pl.col("key").str.join("\x00")).item()
        ends = (allowed["key"].str.len_chars().cast(pl.Int64) + 1).cum_sum().to_list()
        starts = [0, *ends]
        hits = []
        for stop, i in automaton.iter(joined):
            key = keys[i]
            k = bisect.bisect_right(starts, stop) - 1
            start, end, size = stop - len(key) + 1 - starts[k], stop - starts[k], starts[k + 1] - 1 - starts[k]
            if start < 0 or len(key) == size:
                continue  # across two forms, or equal: forbidden-allowed / forbidden-elsewhere
            at = starts[k]
            if (is_word_char(key[0]) and start and is_word_char(joined[at + start - 1])) or (
                    is_word_char(key[-1]) and end + 1 < size and is_word_char(joined[at + end + 1])):
                continue  # inside a word, not a word-bounded part of the name
            hits.append((k, key))
        if not hits:
            continue
        owners: dict[str, list[tuple[int, str]]] = {}
        hit_keys = pl.Series([key for _, key in hits], dtype=pl.String).unique().implode()
        for i, form, key in forbidden.filter(pl.col("key").is_in(hit_keys)).select("row", "form", "key").iter_rows():
            owners.setdefault(key, []).append((i, form))
        seen: set[tuple[int, str]] = set()
        for k, key in hits:
            j, allowed_form = allowed["row"][k], allowed["form"][k]
            for owner, form in owners[key]:
                if (owner, form) in seen:
                    continue
                seen.add((owner, form))
                row = g.frame.row(owner, named=True)
                if owner == j:
                    yield _finding(g, "error", "forbidden-in-allowed", row, f"{lang}_forbidden",
                                   f"'{form}' is forbidden but is part of the allowed '{allowed_form}' of this "
                                   "entry: every correct rendering would contain a forbidden one")
                else:
                    yield _finding(g, "info", "forbidden-in-other", row, f"{lang}_forbidden",
                                   f"'{form}' is forbidden here but is part of '{allowed_form}' ({ids[j]}); repair "
                                   f"and QA leave it alone inside '{allowed_form}'")


@functools.lru_cache(maxsize=1)
def _non_word_class() -> str:
    r"""``[\W_]+`` of Python's re (\w: str.isalnum(), or "_") as a Rust regex for polars, whose own
    \w differs from Python's (combining marks, No numbers): the runs of Python's alnum code points
    spelled out."""
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    runs = [(m.start(), m.end() - 1) for m in re.finditer(r"[^\W_]+", everything)]
    return "[^" + "".join(f"\\x{{{a:X}}}-\\x{{{b:X}}}" for a, b in runs) + "]+"


def _loose_keys(keys: pl.Expr) -> pl.Expr:
    r"""The loose key of each key (``re.sub(r"[\W_]+", "", key)``): equal but for case, spacing,
    hyphens or punctuation."""
    return keys.str.replace_all(_non_word_class(), "")


def _near_duplicates(g: Glossary):
    """Renderings equal but for case, spacing, hyphens or punctuation ("Liu Hung-tao" / "Liu Hungtao"),
    and whole entries repeated under another id (same zh and same en).
    """
    for lang in g.languages:
        if lang not in g.frame.columns:
            continue
        frame = g.frame.select("id", lang, "file", "line").with_columns(
            _canonical_keys(g, lang).alias("_key")).filter(pl.col(lang) != "")
        frame = frame.with_columns(_loose_keys(pl.col("_key")).alias("_loose"))
        frame = frame.filter(pl.col("_loose").hash(seed=0).is_duplicated())  # the few near-twins
        near = frame.group_by("_loose").agg(pl.col("_key").n_unique().alias("n")).filter(pl.col("n") > 1)
        for _, group in (frame.join(near.select("_loose"), on="_loose", how="semi")
                         .sort("file", "line").group_by("_loose", maintain_order=True)):
            first, *rest = group.iter_rows(named=True)
            for row in rest:
                if row["_key"] != first["_key"]:
                    yield _finding(g, "warning", "near-duplicate", row, lang, f"{lang} '{row[lang]}' nearly duplicates '{first[lang]}' of {first['id']} ({first['file']}:{first['line']})")
    keyed = g.frame.select("id", "file", "line").with_columns(
        _canonical_keys(g, "zh").alias("_zh"), _canonical_keys(g, "en").alias("_en"))
    keyed = keyed.filter(pl.struct(pl.col("_zh").hash(seed=0), pl.col("_en").hash(seed=0))
                         .is_duplicated())
    twins = keyed.group_by("_zh", "_en").agg(pl.len().alias("n")).filter(pl.col("n") > 1)
    for _, group in (keyed.join(twins.select("_zh", "_en"), on=["_zh", "_en"], how="semi")
                     .sort("file", "line").group_by("_zh", "_en", maintain_order=True)):
        first, *rest = group.iter_rows(named=True)
        for row in rest:
            yield _finding(g, "warning", "duplicate-entry", row, "zh", f"same zh and en as {first['id']} ({first['file']}:{first['line']})")


def _unsourced(g: Glossary):
    bad = g.frame.filter((pl.col("status") == "approved") & (pl.col("source").str.strip_chars() == "") & (pl.col("note").str.strip_chars() == ""))
    for row in bad.iter_rows(named=True):
        yield _finding(g, "warning", "unsourced", row, "source", "approved entry with neither a source nor a note saying how it was established")


def _romanization(g: Glossary):
    persons = g.frame.filter(pl.col("type") == "person")
    if not persons.height:
        return  # no names: the romanization tables (half a second to load) are not needed
    try:
        from .romanize import judge_glossary_person
    except ImportError:  # romanization engine not built yet
        return
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
