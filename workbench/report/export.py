"""JSON, CSV and Markdown renderings of a QA result."""

from __future__ import annotations

import html
import json
from pathlib import Path

from ..qa.findings import COLUMNS
from ..qa.run import QAResult
from ..spreadsheet import neutralize_frame


def to_json(result: QAResult) -> str:
    data = {
        "summary": summary(result),
        "findings": result.findings.select([*COLUMNS, "key"]).to_dicts(),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_csv(result: QAResult) -> str:
    """Findings as CSV; cells a spreadsheet would run as formulas are neutralized (spreadsheet.py)."""
    return neutralize_frame(result.findings.select([*COLUMNS, "key"])).write_csv()


def summary(result: QAResult) -> dict:
    by_check = result.findings.group_by("check", "severity").len().sort("check").to_dicts()
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
        for row in result.findings.group_by("check", "severity").len().sort("len", descending=True).iter_rows(named=True):
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
