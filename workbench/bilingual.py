"""Bilingual tables: one reader/writer per format behind one interface.

Every reader returns a polars frame with ``file, segment, id, source, target`` (plus any other
columns of a TSV/CSV/JSONL input, carried through). ``segment`` is the 1-based data row
(TSV/CSV/JSONL), the unit number (XLIFF/TMX) or the line number (aligned text files).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import polars as pl

from . import cat
from .errors import InputError, UsageError
from .fileio import (
    STDIN,
    atomic_write_bytes,
    atomic_write_text,
    is_stdio,
    read_bytes,
    read_text_file,
    refuse_long_segments,
    row_length_problem,
)
from .text import has_cjk, is_cjk

TABLES = ("tsv", "csv", "jsonl", "txt")
FORMATS = (*TABLES, *cat.format_ids())
_EXT = {".tsv": "tsv", ".csv": "csv", ".jsonl": "jsonl", ".txt": "txt"}


def output_format_for(path: str | Path) -> str:
    """The format to write a translation of ``path`` in: a CAT file keeps its format and version
    (an XLIFF 2.0 input stays 2.0), read from its root element."""
    readable = is_stdio(path) or Path(path).exists()
    return cat.detect(path).id if readable and cat.handles(path) else format_of(path)


def stdin_format() -> str:
    """The format of what arrives on standard input, from its first bytes: XML is XLIFF or TMX,
    ``{`` starts JSON Lines, a first line with a tab or comma is TSV or CSV, anything else text."""
    head = read_bytes(STDIN).lstrip(b"\xef\xbb\xbf \t\r\n")[:4000]
    if head.startswith(b"<"):
        return cat.detect(STDIN).id
    if head.startswith(b"{"):
        return "jsonl"
    first = head.split(b"\n", 1)[0]
    return "tsv" if b"\t" in first else "csv" if b"," in first and b"source" in first else "txt"


def format_of(path: str | Path) -> str:
    """The format an extension names (for .xlf, XLIFF 1.2 unless the file says otherwise)."""
    if is_stdio(path):
        return stdin_format()
    suffix = Path(path).suffix.lower()
    if suffix in _EXT:
        return _EXT[suffix]
    if cat.handles(path):
        return cat.extensions()[suffix][0]
    known = sorted([*_EXT, *cat.extensions()])
    raise UsageError(f"{path}: unknown file type (expected one of: {', '.join(known)})")


def _frame(rows: list[dict], path: str, extra: Sequence[str] = ()) -> pl.DataFrame:
    schema = {"file": pl.String, "segment": pl.Int64, "id": pl.String, "source": pl.String, "target": pl.String}
    schema.update({c: pl.String for c in extra if c not in schema})
    for r in rows:
        r["file"] = path
    return pl.DataFrame(rows, schema=schema, orient="row") if rows else pl.DataFrame(schema=schema)


def read_bilingual(path: str | Path, *, require_target: bool = True, target_lang: str | None = None,
                   inline_codes: bool = False) -> pl.DataFrame:
    """Read a bilingual file: tsv, csv, jsonl, or a CAT file (XLIFF 1.2/2.0, TMX, PO; inline codes
    read as marks, units marked translate="no" left out; ``target_lang`` picks a TMX's tuv).
    ``inline_codes`` adds a CAT file's codes as ``source_codes``/``target_codes`` columns ("g#1
    x#2", for QA's markup check, not for output). Segments over WB_MAX_SEGMENT_CHARS: refused."""
    frame = _read_bilingual(path, require_target, target_lang, inline_codes)
    return refuse_long_segments(frame, ("source", "target"))


def _read_bilingual(path, require_target, target_lang, inline_codes) -> pl.DataFrame:
    if cat.handles(path):
        rows = cat.open_store(path).rows(target_lang)
        codes = ("source_codes", "target_codes")
        keep = inline_codes and any(r.get(k) for r in rows for k in codes)
        for r, k in ((r, k) for r in rows for k in codes):
            if keep:
                r.setdefault(k, "")
            else:
                r.pop(k, None)
        return _frame(rows, str(path), list(codes) if keep else [])
    reader = TABLE_READERS.get(format_of(path))
    if reader is None and is_stdio(path):
        from .fileio import read_bytes

        raise InputError.at(str(path), 1, 1, "standard input is empty" if not read_bytes(path).strip()
                            else "standard input is plain text: a bilingual file needs a header "
                            "row with 'source' and 'target', JSON Lines, XLIFF or TMX")
    if reader is None:
        raise UsageError(f"{path}: a .txt file is monolingual; pair two with --source A.txt --target B.txt")
    return reader(path, require_target)


def _read_delimited(path, delimiter: str, require_target: bool) -> pl.DataFrame:
    text = read_text_file(path)
    text, delimiter, skipped = excel_delimiter(text, delimiter)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise InputError.at(str(path), 1 + skipped, 1, "empty file: expected a header row with 'source' and 'target'")
    for needed in ("source", "target") if require_target else ("source",):
        if needed not in header:
            raise InputError.at(str(path), 1 + skipped, len(header) + 1, f"missing required column '{needed}' (header: {', '.join(header)})")
    for i, name in enumerate(header):  # a repeated column: which one is the text? (the last won)
        if name and name in header[:i]:
            raise InputError.at(str(path), 1 + skipped, i + 1, f"column '{name}' appears twice "
                                f"(first in column {header.index(name) + 1})")
    rows, number = [], 0
    line = reader.line_num + 1 + skipped
    for row in reader:
        start, line = line, reader.line_num + 1 + skipped
        if not row or all(not c.strip() for c in row):
            continue
        bad_length = row_length_problem(path, start, row, header)
        if bad_length:
            raise InputError(bad_length)
        number += 1
        record: dict[str, Any] = dict(zip(header, row))
        record.setdefault("target", "")
        record["segment"] = number
        record["id"] = record.get("id") or None
        rows.append(record)
    return _frame(rows, str(path), header)


_EXCEL_SEP = re.compile(r'"?sep=(.)"?[ \t]*')


def excel_delimiter(text: str, delimiter: str) -> tuple[str, str, int]:
    """The delimiter a spreadsheet-saved CSV really uses: Excel's own first line ``sep=;`` (then
    dropped: the text, the delimiter, 1 line skipped), or ``;`` when the header has semicolons
    and no comma (Excel where the decimal mark is a comma). Otherwise the text as given."""
    first = text.split("\n", 1)[0].rstrip("\r")
    m = _EXCEL_SEP.fullmatch(first)
    if m:
        return text[len(first):].removeprefix("\r").removeprefix("\n"), m.group(1), 1
    if delimiter == "," and ";" in first and "," not in first:
        return text, ";", 0
    return text, delimiter, 0


def _read_jsonl(path, require_target: bool) -> pl.DataFrame:
    rows: list[dict] = []
    extra: list[str] = []
    for line_no, line in enumerate(read_text_file(path).splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError.at(str(path), line_no, exc.colno, f"invalid JSON: {exc.msg}")
        except ValueError as exc:  # an integer of thousands of digits
            raise InputError.at(str(path), line_no, 1, f"unreadable JSON value: {exc}".split(";")[0])
        except RecursionError:
            raise InputError.at(str(path), line_no, 1, "JSON nested too deeply")
        if not isinstance(record, dict) or "source" not in record or (require_target and "target" not in record):
            raise InputError.at(str(path), line_no, 1, "each line must be a JSON object with 'source'" + (" and 'target'" if require_target else ""))
        record = {k: (v if isinstance(v, str) or v is None else json.dumps(v, ensure_ascii=False)) for k, v in record.items()}
        extra += [k for k in record if k not in extra]
        record["segment"] = len(rows) + 1
        record["id"] = record.get("id")
        record.setdefault("target", "")
        rows.append(record)
    return _frame(rows, str(path), extra)


def read_aligned(source: str | Path, target: str | Path) -> pl.DataFrame:
    """Two aligned text files, one segment per line (blank lines kept as empty segments)."""
    src = read_text_file(source).splitlines()
    tgt = read_text_file(target).splitlines()
    if len(src) != len(tgt):
        raise InputError.at(str(target), min(len(src), len(tgt)) + 1, 1, f"has {len(tgt)} lines but {source} has {len(src)}: aligned files need one segment per line")
    rows = [{"segment": i, "id": None, "source": s, "target": t} for i, (s, t) in enumerate(zip(src, tgt), 1) if s.strip() or t.strip()]
    return _frame(rows, str(target))


def read_monolingual(path: str | Path) -> pl.DataFrame:
    """A document as lines: ``file, segment`` (line number), ``text``."""
    lines = read_text_file(path).splitlines()
    frame = pl.DataFrame(
        {"file": [str(path)] * len(lines), "segment": list(range(1, len(lines) + 1)), "text": lines},
        schema={"file": pl.String, "segment": pl.Int64, "text": pl.String},
    ).filter(pl.col("text").str.strip_chars() != "")
    return refuse_long_segments(frame, ("text",))


FUNCTION_WORDS = {
    "en": ["the", "and", "of", "to", "in", "is", "that", "for", "was", "with", "on", "as", "by", "are", "from", "has", "have", "said"],
    "de": ["der", "die", "und", "das", "nicht", "mit", "von", "ist", "den", "dem", "ein", "eine", "sich", "auf", "für", "des", "wurde"],
    "fr": ["le", "la", "les", "et", "des", "est", "une", "du", "dans", "pour", "que", "qui", "sur", "par", "au", "avec"],
    "pl": ["i", "w", "nie", "na", "się", "jest", "że", "z", "do", "to", "od", "przez", "oraz", "dla", "jak"],
    "es": ["el", "la", "los", "las", "y", "de", "que", "en", "un", "una", "por", "con", "para", "es", "del"],
    "it": ["il", "la", "di", "e", "che", "è", "per", "un", "una", "con", "del", "della", "sono", "non"],
    "nl": ["de", "het", "een", "en", "van", "is", "dat", "op", "te", "met", "voor", "niet", "zijn"],
    "cs": ["a", "v", "je", "se", "na", "že", "z", "do", "to", "s", "pro", "jako", "ve", "které"],
}


def detect_language(texts) -> str:
    """'zh' when CJK characters make up a fifth of the letters; otherwise the Latin-script language
    whose common function words occur most (en, de, fr, pl, es, it, nl, cs), English by default."""
    return detect_language_with_evidence(texts)[0]


def detect_language_code(texts) -> str:
    """``detect_language`` as a language code to translate or store: Chinese is taken to be
    Taiwan-standard Traditional (zh-TW), the glossary's own; anything else as detected."""
    lang = detect_language(texts)
    return "zh-TW" if lang == "zh" else lang


def translation_source_code(texts) -> str:
    """The language to translate from when none is named: zh-TW for Chinese, English otherwise
    (wb's two glossary languages; a short English text can look like another language, and
    ``--from`` names any other)."""
    return "zh-TW" if detect_language(texts) == "zh" else "en"


def detect_language_with_evidence(texts) -> tuple[str, int]:
    """``detect_language`` and how many function words (or CJK characters) decided it: a one-line
    "A police officer said" gives ('cs', 1), which no caller should trust to switch checks off."""
    cjk = letters = 0
    counts = dict.fromkeys(FUNCTION_WORDS, 0)
    lookup: dict[str, list[str]] = {}
    for lang, words in FUNCTION_WORDS.items():
        for w in words:
            lookup.setdefault(w, []).append(lang)
    for text in texts:
        text = (text or "")[:20000]  # a sample is enough; a 50 MB line must not be walked in Python
        for ch in text:
            if ch.isalpha():
                letters += 1
                cjk += is_cjk(ch)
        for word in re.findall(r"[^\W\d_]+", (text or "").lower()):
            for lang in lookup.get(word, ()):
                counts[lang] += 1
        if letters > 5000:
            break
    if letters and cjk / letters > 0.2:
        return "zh", cjk
    best = max(counts, key=lambda lang: (counts[lang], lang == "en"))
    return (best, counts[best]) if counts[best] > counts["en"] else ("en", counts["en"])


# ---------------------------------------------------------------- writing

def write_bilingual(frame: pl.DataFrame, path: str | Path, fmt: str | None = None, *, source_lang: str = "zh-TW",
                    target_lang: str = "en", inputs=(), machine: bool = True) -> Path:
    """Write a bilingual frame atomically (tsv, csv, jsonl; txt writes the targets; a CAT format
    builds a new file, its targets marked machine-translated unless ``machine`` is false)."""
    fmt = fmt or format_of(path)
    if fmt not in FORMATS:
        raise UsageError(f"unknown output format '{fmt}' (expected one of: {', '.join(FORMATS)})")
    if fmt in TABLE_WRITERS:
        return atomic_write_text(path, TABLE_WRITERS[fmt](frame), inputs=inputs)
    rows = list(frame.iter_rows(named=True))
    return atomic_write_bytes(path, cat.by_id(fmt).build(rows, source_lang, target_lang, machine), inputs=inputs)


def _write_delimited(frame: pl.DataFrame, delimiter: str) -> str:
    columns = [c for c in frame.columns if c != "file"]
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    writer.writerow(columns)
    for row in frame.select(columns).iter_rows():
        writer.writerow(["|".join(v) if isinstance(v, list) else ("" if v is None else v) for v in row])
    return buf.getvalue()


def _write_jsonl(frame: pl.DataFrame) -> str:
    columns = [c for c in frame.columns if c != "file"]
    lines = [json.dumps(row, ensure_ascii=False) for row in frame.select(columns).iter_rows(named=True)]
    return "\n".join(lines) + ("\n" if lines else "")


# Table formats by id (CAT formats are in the workbench.cat registry).
TABLE_READERS: dict[str, Callable[[str | Path, bool], pl.DataFrame]] = {
    "tsv": lambda path, require_target: _read_delimited(path, "\t", require_target),
    "csv": lambda path, require_target: _read_delimited(path, ",", require_target),
    "jsonl": _read_jsonl,
}
TABLE_WRITERS: dict[str, Callable[[pl.DataFrame], str]] = {
    "tsv": lambda frame: _write_delimited(frame, "\t"),
    "csv": lambda frame: _write_delimited(frame, ","),
    "jsonl": _write_jsonl,
    "txt": lambda frame: "\n".join(frame["target"].fill_null("").to_list()) + "\n",  # targets only
}


__all__ = ["detect_language", "has_cjk", "read_aligned", "read_bilingual", "read_monolingual", "write_bilingual"]
