"""Outputs: the candidates CSV in the glossary schema, Markdown and HTML summaries, --merge."""

from __future__ import annotations

import csv
import html
import io
from collections import Counter
from pathlib import Path

from ..errors import UsageError
from ..fileio import atomic_write_text, read_text_file, release
from ..glossary import Glossary, glossary_csv_columns, read_glossary_csv
from ..text import convert_script, find_simplified_only, fold
from .extraction import Extraction
from .harvest import indexes
from .verdict import Candidate

# ---------------------------------------------------------------- outputs

EXTRA_COLUMNS = ["verdict", "target", "frequency", "contexts"]


def candidate_columns() -> list[str]:
    return glossary_csv_columns(["zh", "en"]) + EXTRA_COLUMNS


def traditional(zh: str) -> str:
    """The glossary's zh is Traditional: a Simplified form found in a text is converted."""
    return convert_script(zh, "s2t") if find_simplified_only(zh) else zh


def candidate_row(c: Candidate) -> dict[str, str]:
    first = c.mentions[0]
    zh = traditional(c.zh)
    note = c.message if zh == c.zh else f"{c.message}; written {c.zh} in the text"
    return {
        "id": c.id,
        "type": c.type,
        "zh": zh,
        "en": c.en,
        "en_variants": "|".join(a for a in c.abbrs if a != c.en),
        "status": "proposed",
        "romanization": c.romanization,
        "region": c.region,
        "source": f"extracted from {first.file}:{first.line}",
        "note": note,
        "verdict": c.verdict,
        "target": c.target,
        "frequency": str(c.frequency),
        "contexts": " | ".join(c.contexts),
    }


def to_csv(result: Extraction) -> str:
    """Candidates in the glossary schema (status proposed) with verdict and contexts columns."""
    buf = io.StringIO()
    writer = csv.DictWriter(
        buf, fieldnames=candidate_columns(), lineterminator="\n", extrasaction="ignore"
    )
    writer.writeheader()
    for c in result.candidates:
        writer.writerow(candidate_row(c))
    return buf.getvalue()


def to_markdown(result: Extraction) -> str:
    counts = Counter(c.verdict for c in result.candidates)
    out = [
        f"# Term candidates from {len(result.files)} file(s), {result.lines} lines",
        "",
        ", ".join(f"{n} {v}" for v, n in sorted(counts.items())) or "no candidates",
        "",
        "| verdict | zh | en | type | system / region | freq | first context |",
        "|---|---|---|---|---|---|---|",
    ]

    def cell(s: str) -> str:
        return s.replace("|", "\\|").replace("\n", " ")

    for c in result.candidates:
        system = " / ".join(x for x in (c.romanization, c.region) if x)
        out.append(
            f"| {cell(c.label)} | {cell(c.zh)} | {cell(c.en)} | {c.type} | {system} | "
            f"{c.frequency} | {cell(c.contexts[0])} |"
        )
    if result.incomplete:
        out += [
            "",
            "## English only (no Chinese form found; not in the CSV)",
            "",
            "| en | type | freq | first context |",
            "|---|---|---|---|",
        ]
        for c in result.incomplete:
            out.append(f"| {cell(c.en)} | {c.type} | {c.frequency} | {cell(c.contexts[0])} |")
    return "\n".join(out) + "\n"


def to_html(result: Extraction) -> str:
    def row(cells: list[str]) -> str:
        return "<tr>" + "".join(f"<td>{html.escape(x)}</td>" for x in cells) + "</tr>"

    head = (
        "<tr>"
        + "".join(
            f"<th>{h}</th>"
            for h in ("verdict", "zh", "en", "type", "system / region", "freq", "contexts")
        )
        + "</tr>"
    )
    body = [
        row(
            [
                c.label,
                c.zh,
                c.en,
                c.type,
                " / ".join(x for x in (c.romanization, c.region) if x),
                str(c.frequency),
                "\n".join(c.contexts),
            ]
        )
        for c in result.candidates
    ]
    extra = [row([c.en, c.type, str(c.frequency), c.contexts[0]]) for c in result.incomplete]
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Term candidates</title>"
        "<style>td{vertical-align:top;white-space:pre-wrap}</style></head><body>"
        f"<h1>Term candidates ({len(result.candidates)})</h1><table>{head}{''.join(body)}</table>"
        "<h2>English only (no Chinese form found)</h2><table>"
        f"<tr><th>en</th><th>type</th><th>freq</th><th>first context</th></tr>{''.join(extra)}"
        "</table></body></html>\n"
    )


def refuse_merging_into_inputs(path: str | Path, files: list[str]) -> None:
    """--merge never writes into a file the terms came from (checked before any output)."""
    path = Path(path)
    for source in files:
        if path.exists() and Path(source).exists() and path.samefile(source):
            raise UsageError(
                f"{path}: refusing to merge into an input file; choose another glossary file"
            )


def merge_into(path: str | Path, result: Extraction, glossary: Glossary) -> list[str]:
    """Append the `new` candidates to a glossary CSV (status proposed) atomically; an id already
    in that file or the glossary, or a zh+en pair already there, is never added. Returns the ids."""
    path = Path(path)
    refuse_merging_into_inputs(path, result.files)
    text = read_text_file(path) if path.exists() else ""
    existing = read_glossary_csv(path, text=text) if text.strip() else None
    header = (
        [c for c in existing.columns if c not in ("file", "line")]
        if existing is not None
        else glossary_csv_columns(["zh", "en"])
    )
    taken = set(indexes(glossary)["ids"])
    pairs = set()
    if existing is not None:
        taken |= set(existing["id"].to_list())
        pairs = {(fold(z), e.lower()) for z, e in existing.select("zh", "en").iter_rows()}
    added = []
    buf = io.StringIO()
    writer = csv.DictWriter(
        buf, fieldnames=header, lineterminator="\n", extrasaction="ignore", restval=""
    )
    if existing is None:
        writer.writeheader()
    for c in result.candidates:
        if c.verdict != "new" or c.id in taken or (fold(c.zh), c.en.lower()) in pairs:
            continue
        writer.writerow(candidate_row(c))
        taken.add(c.id)
        added.append(c.id)
    if added or existing is None:
        joiner = "" if not text or text.endswith("\n") else "\n"
        release(path)  # read above (and maybe as part of the glossary): updated on purpose
        atomic_write_text(path, text + joiner + buf.getvalue(), inputs=result.files)
    return added


