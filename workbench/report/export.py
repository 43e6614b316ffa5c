"""JSON, CSV, Markdown and Excel renderings of a QA result."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path

import polars as pl

from ..qa.findings import COLUMNS
from ..qa.run import QAResult
from ..spreadsheet import neutralize_frame


def to_json(result: QAResult) -> str:
    """The JSON report: {"summary": …, "findings": […]}, indented by two."""
    return "".join(json_pieces(result))


def json_pieces(result: QAResult) -> Iterator[str]:
    """``to_json``'s text in pieces, a finding at a time: the same bytes as one ``json.dumps`` of
    the report, without the whole report (and the encoder's chunks of it) in memory at once."""
    head = json.dumps({"summary": summary(result)}, ensure_ascii=False, indent=2)
    yield head[: -len("\n}")] + ',\n  "findings": ['
    empty = True
    for row in result.findings.select([*COLUMNS, "key"]).iter_rows(named=True):
        # a JSON string never holds a raw newline: every newline here is the indentation's
        body = json.dumps(row, ensure_ascii=False, indent=2).replace("\n", "\n    ")
        yield ("\n    " if empty else ",\n    ") + body
        empty = False
    yield ("]" if empty else "\n  ]") + "\n}\n"


def to_csv(result: QAResult) -> str:
    """Findings as CSV; cells a spreadsheet would run as formulas are neutralized (spreadsheet.py)."""
    return neutralize_frame(result.findings.select([*COLUMNS, "key"])).write_csv()


def summary(result: QAResult) -> dict:
    by_check = (result.findings.group_by("check", "severity", maintain_order=True).len()
                .sort("check", maintain_order=True).to_dicts())  # the same report twice: same bytes
    return {
        "files": result.files, "segments": result.segments, "words": result.words,
        "counts": result.counts(), "score_per_1000_words": result.score, "suppressed": result.suppressed,
        "by_check": by_check, "directions": result.directions, "notes": result.notes,
        "signature": result.signature,
    }


def to_markdown(result: QAResult, limit: int = 20) -> str:
    """A short summary for a pull request: counts, then the first errors."""
    c = result.counts()
    status = "❌" if c["error"] else ("⚠️" if c["warning"] else "✅")
    lines = [
        f"## {status} wb QA: {c['error']} errors, {c['warning']} warnings, {c['info']} notes",
        "",
        f"{len(result.files)} file(s), {result.segments} segments, {result.words} words; "
        f"score {result.score} penalty points per 1,000 words (error 5, warning 2)"
        + (f"; {result.suppressed} suppressed" if result.suppressed else "") + ".",
        "",
    ]
    if result.findings.height:
        lines += ["| check | severity | count |", "|---|---|---|"]
        for row in result.findings.group_by("check", "severity", maintain_order=True).len().sort("len", descending=True, maintain_order=True).iter_rows(named=True):
            lines.append(f"| `{row['check']}` | {row['severity']} | {row['len']} |")
        lines += ["", "| where | check | found | expected |", "|---|---|---|---|"]
        for row in result.findings.head(limit).iter_rows(named=True):
            where = _md(f"{Path(row['file']).name}:{row['segment']}")
            lines.append(f"| {where} | `{row['check']}` | {_md(row['found'])} | {_md(row['expected'])} |")
        if result.findings.height > limit:
            lines.append(f"\n… and {result.findings.height - limit} more (see the HTML or JSON report).")
    return "\n".join(lines) + "\n"


def _md(value) -> str:
    """A table cell: HTML escaped (a Markdown renderer passes raw <script> and <img onerror>
    through), Markdown's own table and code syntax defused, one line, at most 80 characters."""
    if value is None:
        return ""
    text = " ".join(str(value).split())[:80]
    return html.escape(text, quote=True).replace("|", "\\|").replace("`", "&#96;").replace("[", "&#91;")


# ---------------------------------------------------------------- Excel

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b-\x1f]")  # control characters a worksheet cannot hold


def _xlsx_value(value):
    """A cell value that a spreadsheet will never run as a formula: text stays text."""
    if value is None or isinstance(value, (int, float)):
        return value
    return str(value)


def _xlsx_sheet(book, title: str, header: list[str], rows, widths: dict[str, int] | None = None):
    """A sheet with a bold frozen header, filters on, columns sized to their content (capped).
    Text cells are typed as strings, and those starting with = + - @ get Excel's quote prefix,
    so they show as written and are never evaluated."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(title)
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    longest = [len(h) for h in header]
    for r, values in enumerate(rows, start=2):  # row numbers counted here: max_row rescans the sheet
        for col, value in enumerate(values, start=1):
            cell = sheet.cell(row=r, column=col)
            value = _xlsx_value(value)
            if isinstance(value, str):
                value = XML_ILLEGAL.sub("", value)
                cell.value = value
                cell.data_type = "s"  # never "f": a leading "=" stays text
                if value.startswith(FORMULA_PREFIXES):
                    cell.quotePrefix = True
            else:
                cell.value = value
            longest[col - 1] = max(longest[col - 1], min(len(str(value or "")), 80))
    for col, name in enumerate(header, start=1):
        width = (widths or {}).get(name) or min(max(longest[col - 1] + 2, 8), 60)
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(sheet.max_row, 1)}"
    return sheet


def to_xlsx(result: QAResult) -> bytes:
    """An Excel workbook: Summary, Findings and Entities sheets, filters on, columns sized."""
    import io as _io

    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    s = summary(result)
    c = s["counts"]
    rows = [["files", len(result.files)], ["segments", result.segments], ["words", result.words],
            ["errors", c["error"]], ["warnings", c["warning"]], ["notes", c["info"]],
            ["penalty points per 1,000 words", result.score], ["suppressed", result.suppressed]]
    rows += [[f"file: {Path(f).name}", result.directions.get(f, "")] for f in result.files]
    rows += [[f"check: {r['check']} ({r['severity']})", r["len"]] for r in s["by_check"]]
    _xlsx_sheet(book, "Summary", ["item", "value"], rows, {"item": 40, "value": 24})
    cols = [*COLUMNS, "key"]
    _xlsx_sheet(book, "Findings", cols, result.findings.select(cols).iter_rows(),
                {"message": 60, "source_span": 24, "found": 24, "expected": 24})
    ents = (result.renderings.group_by("entity", "type", "canonical", "rendering", "verdict", maintain_order=True)
            .agg(pl.len().alias("count"),
                 pl.concat_str(pl.col("file").str.split("/").list.last(), pl.lit(":"),
                               pl.col("segment").cast(pl.String)).unique(maintain_order=True)
                 .head(20).str.join(", ").alias("where")))
    _xlsx_sheet(book, "Entities", ["entity", "type", "canonical", "rendering", "verdict", "count", "where"],
                ents.select("entity", "type", "canonical", "rendering", "verdict", "count", "where").iter_rows(),
                {"where": 60})
    buffer = _io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
