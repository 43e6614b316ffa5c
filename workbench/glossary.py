"""The glossary: canonical renderings of people, organizations, titles, places and terms.

CSV files are read with the csv module (so every problem can be located by line and column),
validated, and held as one polars frame. ``Glossary.find`` locates every term of the glossary in a
text with an Aho-Corasick automaton (see ``matching.py``).
"""

from __future__ import annotations

import csv
import gc
import hashlib
import io
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import polars as pl

from .errors import InputError, Problem
from .fileio import csv_table, decode_utf8, read_bytes, read_text_file
from .roles import ROLES_FILE, Roles

REQUIRED = ("id", "type", "zh", "en", "en_variants", "en_forbidden", "status", "note")
OPTIONAL = ("source", "romanization", "zh_variants", "zh_forbidden", "case_sensitive", "region", "match")
TYPES = ("person", "org", "title", "place", "term")
STATUSES = ("approved", "proposed", "deprecated")
ROMANIZATIONS = ("wade-giles", "gwoyeu", "pinyin", "tongyong", "mps2", "yale", "custom", "")
# Where a person is from decides which romanization rules apply (workbench/regions.py).
REGIONS = ("tw", "hk", "mo", "sg", "my", "cn", "other", "")
# how QA finds an entry in a source: everywhere, only in context (next to a name or an
# organization), or only in the glossary's own case; empty = the default for its type (README)
MATCH_MODES = ("always", "context", "case-sensitive", "")
TRUE = {"true", "yes", "1", "y"}
FALSE = {"false", "no", "0", "n", ""}
# A language column is a bare language code (en, ja, de, pt-br); these names are never languages.
RESERVED = {"id", "type", "status", "note", "source", "romanization", "case_sensitive", "region", "match", "file", "line"}
LANG_RE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})?$")
SUFFIXES = ("_variants", "_forbidden")
# NUL and other C0/C1 controls (tab, newline, carriage return aside): invisible, unmatched by any
# text, and not representable in XML (TBX export). A located error beats a silently odd entry.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

def _default_dir() -> Path:
    """The source tree's glossary/ (editable install, checkout); else the copy a wheel ships."""
    source = Path(__file__).resolve().parent.parent / "glossary"
    shipped = Path(__file__).resolve().parent / "glossary_data"
    return source if source.is_dir() and any(source.glob("*.csv")) else shipped


DEFAULT_DIR = _default_dir()


def is_language_column(name: str) -> bool:
    return name not in RESERVED and LANG_RE.match(name) is not None


@dataclass(frozen=True)
class Entry:
    """One glossary entry, as tools and tests see it."""

    id: str
    type: str
    status: str
    forms: dict[str, str]  # language -> canonical
    variants: dict[str, list[str]]
    forbidden: dict[str, list[str]]
    note: str = ""
    source: str = ""
    romanization: str = ""
    case_sensitive: bool = False
    region: str = ""  # tw, hk, mo, sg, my, cn, other; "" = not stated
    match: str = ""  # always | context | case-sensitive | "" (the type's default)
    file: str = ""
    line: int = 0
    subject_field: str = ""  # a termbase's domain (TBX subjectField), not wb's entry type

    @property
    def zh(self) -> str:
        return self.forms.get("zh", "")

    @property
    def en(self) -> str:
        return self.forms.get("en", "")

    def allowed(self, lang: str) -> list[str]:
        canonical = self.forms.get(lang, "")
        return ([canonical] if canonical else []) + self.variants.get(lang, [])


def read_glossary_csv(path: str | Path, *, text: str | None = None) -> pl.DataFrame:
    """Read and validate one glossary CSV; raise InputError listing every located problem."""
    path = str(path)
    if text is None:
        text = read_text_file(path)
    controls = _CONTROL.search(text) is not None  # one scan of the file; cells only when needed
    problems: list[Problem] = []

    def problem(line: int, col: int, msg: str) -> None:
        problems.append(Problem(path, line, col, msg))

    header, records = csv_table(path, text, problems)
    # the header's problems are one line: a file that is not a glossary at all (another CSV, an
    # XLIFF given to -g) would otherwise print a line for each of the ten required columns
    said: list[tuple[int, str]] = []
    seen_cols: dict[str, int] = {}
    for i, name in enumerate(header, 1):
        if name in seen_cols:
            said.append((i, f"column '{name}' appears twice (first in column {seen_cols[name]})"))
        seen_cols.setdefault(name, i)
    missing = [f"'{name}'" for name in REQUIRED if name not in header]
    if missing:
        plural = "s" if len(missing) > 1 else ""
        said.append((len(header) + 1, f"missing required column{plural} {', '.join(missing)}"))
    if said:
        raise InputError([Problem(path, 1, said[0][0], "; ".join(msg for _, msg in said))])
    col = {name: i for i, name in enumerate(header)}
    rows: list[list[str]] = []
    lines: list[int] = []
    first_id_line: dict[str, int] = {}
    for start, row in records:
        _check_row(row, col, start, problem, first_id_line, controls)
        rows.append(row)
        lines.append(start)
    if problems:
        raise InputError(problems)
    frame = pl.DataFrame(
        {name: [r[i] for r in rows] for name, i in col.items()},
        schema={name: pl.String for name in header},
    )
    return frame.with_columns(pl.lit(path).alias("file"), pl.Series("line", lines, dtype=pl.Int64))


def _check_row(row, col, line, problem, first_id_line, controls: bool = True) -> None:
    def cell(name: str) -> str:
        return row[col[name]] if name in col else ""

    for name in ("id", "zh", "en", "type", "status"):
        if not cell(name).strip():
            problem(line, col[name] + 1, f"empty '{name}'")
    kind, status = cell("type").strip(), cell("status").strip()
    if kind and kind not in TYPES:
        problem(line, col["type"] + 1, f"unknown type '{kind}' (expected one of: {', '.join(TYPES)})")
    if status and status not in STATUSES:
        problem(line, col["status"] + 1, f"unknown status '{status}' (expected one of: {', '.join(STATUSES)})")
    if "case_sensitive" in col and cell("case_sensitive").strip().lower() not in TRUE | FALSE:
        problem(line, col["case_sensitive"] + 1, f"case_sensitive must be true or false, not '{cell('case_sensitive')}'")
    if "match" in col and cell("match").strip() not in MATCH_MODES:
        problem(line, col["match"] + 1, f"unknown match '{cell('match')}' (expected one of: {', '.join(m for m in MATCH_MODES if m)})")
    if "romanization" in col and cell("romanization").strip() not in ROMANIZATIONS:
        problem(line, col["romanization"] + 1, f"unknown romanization '{cell('romanization')}' (expected one of: {', '.join(r for r in ROMANIZATIONS if r)})")
    if "region" in col and cell("region").strip() not in REGIONS:
        problem(line, col["region"] + 1, f"unknown region '{cell('region')}' (expected one of: {', '.join(r for r in REGIONS if r)})")
    if controls:
        for i, value in enumerate(row):
            if bad := _CONTROL.search(value):
                problem(line, i + 1, f"control character U+{ord(bad.group()):04X} in the cell (at character {bad.start() + 1})")
    ident = cell("id").strip()
    if ident:
        if ident in first_id_line:
            problem(line, col["id"] + 1, f"duplicate id '{ident}' (first on line {first_id_line[ident]})")
        else:
            first_id_line[ident] = line


def glossary_files(paths) -> list[Path]:
    """Expand folders into their *.csv files (sorted); keep files as given."""
    files: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            found = sorted(f for f in p.glob("*.csv") if f.name != ROLES_FILE)
            if not found:  # a wrong folder would otherwise check against nothing, silently
                raise InputError.at(str(p), 0, 0, "no glossary files (*.csv) in this folder")
            files.extend(found)
        elif p.exists():
            if p.name != ROLES_FILE:  # roles.csv is read by roles.py, not as entries
                files.append(p)
        else:
            raise InputError.at(str(p), 0, 0, "no such file or folder")
    return files


def _normalize(frame: pl.DataFrame) -> pl.DataFrame:
    """Typed columns: lists for *_variants/*_forbidden, stripped scalars, boolean case_sensitive."""
    for name in OPTIONAL:
        if name not in frame.columns:
            frame = frame.with_columns(pl.lit("").alias(name))
    langs = languages_of(frame.columns)
    for lang in langs:
        for suffix in SUFFIXES:
            if f"{lang}{suffix}" not in frame.columns:
                frame = frame.with_columns(pl.lit("").alias(f"{lang}{suffix}"))
    list_cols = [f"{lang}{s}" for lang in langs for s in SUFFIXES]
    scalar = [
        c for c in frame.columns
        if c not in list_cols and frame.schema[c] == pl.String and c not in ("file", "case_sensitive")
    ]
    return frame.with_columns(
        [pl.col(c).fill_null("") for c in scalar]
        + [
            pl.col(c).fill_null("").str.split("|").list.eval(
                pl.element().str.strip_chars()
            ).list.filter(pl.element() != "")
            for c in list_cols if frame.schema[c] == pl.String  # already a list: normalized before
        ]
        + [(pl.col("case_sensitive").cast(pl.String).fill_null("").str.strip_chars().str.to_lowercase().is_in(list(TRUE))
            | (pl.col("match").cast(pl.String).fill_null("").str.strip_chars() == "case-sensitive")).alias("case_sensitive")]
    )


def languages_of(columns) -> list[str]:
    """Language codes in a set of columns: zh and en first, then the others in column order."""
    langs = [c for c in columns if is_language_column(c)]
    for suffixed in columns:
        for suffix in SUFFIXES:
            base = suffixed.removesuffix(suffix)
            if suffixed.endswith(suffix) and is_language_column(base) and base not in langs:
                langs.append(base)
    return sorted(langs, key=lambda code: (code != "zh", code != "en", langs.index(code)))


class Glossary:
    """Entries as a polars frame (one row per entry) with a lazily built term matcher."""

    def __init__(self, frame: pl.DataFrame, headers: dict[str, list[str]] | None = None):
        self.frame = _normalize(frame)
        self.languages = languages_of(self.frame.columns)
        self.headers = headers or {}  # file -> its header row, to name columns in messages
        self.roles = Roles()  # dated roles (roles.csv beside the CSVs), set by load()
        self.source_key: str | None = None  # files' cache key (matcher_cache.py), set by load()

    def __getstate__(self) -> dict:
        """Pickled (for QA worker processes) without what is derived from the entries: the matcher
        and entry objects are rebuilt, or the matcher loaded from its disk cache, where needed."""
        return {k: v for k, v in self.__dict__.items() if k not in ("matcher", "entries", "by_id")}

    def column_of(self, file: str, name: str) -> int:
        """1-based column of ``name`` in ``file`` as written (0 when unknown)."""
        header = self.headers.get(file, [])
        return header.index(name) + 1 if name in header else 0

    @classmethod
    def load(cls, paths=None) -> Glossary:
        """Load CSV files or folders (default: the project's glossary/) and their roles.csv."""
        glossary = cls._load_entries(paths)
        glossary.roles = Roles.load(paths or [DEFAULT_DIR])
        return glossary

    @classmethod
    def _load_entries(cls, paths=None) -> Glossary:
        """Entries from CSV files or folders; ids unique across files. A large glossary read
        before with the same bytes comes from the on-disk cache (matcher_cache.py)."""
        from .matcher_cache import load_frame, source_key, store_frame

        files = glossary_files(paths or [DEFAULT_DIR])
        datas: list[bytes | None] = []
        problems: list[Problem] = []
        for f in files:
            try:
                datas.append(read_bytes(f))
            except InputError as exc:
                problems.extend(exc.problems)
                datas.append(None)
        key = None if problems else source_key(files, datas)
        cached = load_frame(key) if key else None
        if cached is not None:
            glossary = cls(*cached)
            glossary.source_key = key
            return glossary
        frames = []
        enabled = gc.isenabled()
        gc.disable()  # a million rows of small lists: the cyclic GC would rescan them all, repeatedly
        try:
            for i, f in enumerate(files):
                data, datas[i] = datas[i], None  # the text alone is held while a file is parsed
                if data is None:
                    continue
                try:
                    frames.append(read_glossary_csv(f, text=decode_utf8(data, f)))
                except InputError as exc:
                    problems.extend(exc.problems)
                del data
        finally:
            if enabled:
                gc.enable()
        if problems:
            raise InputError(problems)
        if not frames:
            return cls(pl.DataFrame({name: [] for name in REQUIRED}, schema={n: pl.String for n in REQUIRED}).with_columns(pl.lit("").alias("file"), pl.lit(0).alias("line")))
        headers = {fr["file"][0]: [c for c in fr.columns if c not in ("file", "line")] for fr in frames if fr.height}
        frame = pl.concat(frames, how="diagonal_relaxed")
        dups = frame.filter(pl.col("id").is_duplicated()).sort("file", "line")
        if dups.height:
            first: dict[str, tuple[str, int]] = {}
            for ident, f, ln in dups.select("id", "file", "line").iter_rows():
                if ident in first:
                    col = headers[f].index("id") + 1
                    problems.append(Problem(f, ln, col, f"duplicate id '{ident}' (first in {first[ident][0]}:{first[ident][1]})"))
                else:
                    first[ident] = (f, ln)
            raise InputError(problems)
        glossary = cls(frame, headers)
        if key:
            store_frame(key, glossary.frame, headers)
            glossary.source_key = key
        return glossary

    def __len__(self) -> int:
        return self.frame.height

    @cached_property
    def entries(self) -> list[Entry]:
        return [row_to_entry(r, self.languages) for r in self.frame.iter_rows(named=True)]

    def entry(self, row: int) -> Entry:
        """The entry of one frame row, without making every Entry (a lookup in a 1M-entry
        glossary needs a handful)."""
        if "entries" in self.__dict__:
            return self.entries[row]
        return row_to_entry(self.frame.row(row, named=True), self.languages)

    @cached_property
    def _row_of_id(self) -> dict[str, int]:
        rows: dict[str, int] = {}
        for row, ident in enumerate(self.frame["id"].to_list()):
            rows.setdefault(ident.strip(), row)
        return rows

    def get(self, ident: str) -> Entry | None:
        """The entry with this id (None: no such entry), without making every Entry."""
        row = self._row_of_id.get(ident)
        return None if row is None else self.entry(row)

    @cached_property
    def by_id(self) -> dict[str, Entry]:
        return {e.id: e for e in self.entries}

    @cached_property
    def version(self) -> str:
        """Content hash: changes whenever any entry changes (keys caches of translations)."""
        cols = [c for c in self.frame.columns if c not in ("file", "line")]
        digest = hashlib.sha256()
        for row in self.frame.select(sorted(cols)).sort("id").iter_rows():
            digest.update(repr(row).encode())
        return digest.hexdigest()[:16]

    @cached_property
    def matcher(self):
        from .matcher_cache import load_matcher

        return load_matcher(self)  # large glossaries: from the on-disk cache when built before

    def find(self, text: str, langs=None, roles=None):
        """Every glossary term in ``text``: longest first, non-overlapping (see TermMatcher)."""
        return self.matcher.find(text, langs=langs, roles=roles)


def row_to_entry(row: dict, langs: list[str]) -> Entry:
    return Entry(
        id=row["id"].strip(),
        type=row["type"].strip(),
        status=row["status"].strip(),
        forms={lang: row.get(lang) or "" for lang in langs if row.get(lang)},
        variants={lang: list(row.get(f"{lang}_variants") or []) for lang in langs},
        forbidden={lang: list(row.get(f"{lang}_forbidden") or []) for lang in langs},
        note=row.get("note") or "",
        source=row.get("source") or "",
        romanization=(row.get("romanization") or "").strip(),
        region=(row.get("region") or "").strip(),
        case_sensitive=bool(row.get("case_sensitive")),
        match=(row.get("match") or "").strip(),
        file=row.get("file") or "",
        line=row.get("line") or 0,
        subject_field=(row.get("subject_field") or "").strip(),
    )


def entry_to_row(e: Entry) -> dict:
    row = {
        "id": e.id, "type": e.type, "status": e.status, "note": e.note, "source": e.source,
        "romanization": e.romanization, "region": e.region,
        "case_sensitive": "true" if e.case_sensitive else "",
        "match": e.match,
        "file": e.file, "line": e.line, "subject_field": e.subject_field,
    }
    for lang in sorted(set(e.forms) | {"zh", "en"}):
        row[lang] = e.forms.get(lang, "")
        row[f"{lang}_variants"] = "|".join(e.variants.get(lang, []))
        row[f"{lang}_forbidden"] = "|".join(e.forbidden.get(lang, []))
    return row


def glossary_csv_columns(langs: list[str]) -> list[str]:
    cols = ["id", "type", "zh", "zh_variants", "zh_forbidden", "en", "en_variants", "en_forbidden"]
    for lang in langs:
        if lang not in ("zh", "en"):
            cols += [lang, f"{lang}_variants", f"{lang}_forbidden"]
    return cols + ["status", "romanization", "region", "case_sensitive", "match", "source", "note"]


def write_glossary_csv(entries: list[Entry]) -> str:
    """Glossary CSV text for entries (used by import)."""
    langs = sorted({lang for e in entries for lang in e.forms}, key=lambda c: (c != "zh", c != "en", c))
    cols = glossary_csv_columns(langs)
    if any(e.subject_field for e in entries):
        cols.insert(cols.index("status"), "subject_field")
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=cols, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for e in entries:
        writer.writerow({k: v for k, v in entry_to_row(e).items() if k in cols})
    return buf.getvalue()
