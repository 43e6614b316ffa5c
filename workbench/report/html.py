"""A self-contained HTML report (no network): summary, term compliance, romanization table, and
every finding with its evidence highlighted, filterable by check and severity; prints cleanly."""

from __future__ import annotations

import html
from datetime import datetime
from pathlib import Path

import polars as pl
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from .. import __version__
from ..qa.findings import CHECKS
from ..qa.run import QAResult


def highlight(text: str | None, span: str | None) -> Markup:
    """Escape ``text`` and mark every occurrence of ``span`` (exact, then case-insensitive)."""
    text = text or ""
    if not span:
        return Markup(html.escape(text))
    out, i, low, needle = [], 0, text.lower(), span.lower()
    while True:
        j = low.find(needle, i)
        if j < 0:
            break
        out.append(html.escape(text[i:j]) + "<mark>" + html.escape(text[j : j + len(span)]) + "</mark>")
        i = j + len(span)
    out.append(html.escape(text[i:]))
    return Markup("".join(out))


def render_html(result: QAResult, title: str = "wb QA report") -> str:
    env = Environment(loader=PackageLoader("workbench", "report/templates"), autoescape=select_autoescape(["html", "j2"]))
    texts = {}
    if result.segment_texts is not None:
        for f, s, src, tgt in result.segment_texts.iter_rows():
            texts[(f, s)] = (src, tgt)
    findings = []
    for row in result.findings.iter_rows(named=True):
        src, tgt = texts.get((row["file"], row["segment"]), ("", ""))
        findings.append({**row, "where": f"{Path(row['file']).name}:{row['segment']}",
                         "source_html": highlight(src, row["source_span"]), "target_html": highlight(tgt, row["found"])})
    people = []
    persons = result.renderings.filter(pl.col("type") == "person")
    for (entity,), group in persons.group_by(["entity"], maintain_order=True):
        forms = group.group_by("rendering", maintain_order=True).agg(pl.len().alias("n"), pl.col("verdict").first(),
                                                                     pl.struct("file", "segment").alias("where"))
        people.append({
            "entity": entity, "canonical": group["canonical"][0] or "—",
            "forms": [{"text": r["rendering"], "n": r["n"], "verdict": r["verdict"] or "",
                       "where": ", ".join(f"{Path(w['file']).name}:{w['segment']}" for w in r["where"][:6])} for r in forms.iter_rows(named=True)],
        })
    people.sort(key=lambda p: (-len(p["forms"]), p["entity"]))
    counts = result.counts()
    by_check = {c: {"error": 0, "warning": 0, "info": 0} for c in CHECKS}
    for row in result.findings.group_by("check", "severity").len().iter_rows(named=True):
        by_check[row["check"]][row["severity"]] = row["len"]
    template = env.get_template("report.html.j2")
    return template.render(
        title=title, version=__version__, generated=datetime.now().strftime("%Y-%m-%d %H:%M"),
        result=result, signature=result.signature, counts=counts, by_check=by_check, findings=findings, people=people,
        terms=result.term_compliance().to_dicts(), checks=list(CHECKS),
        files=[(Path(f).name, result.directions.get(f, "")) for f in result.files],
    )
