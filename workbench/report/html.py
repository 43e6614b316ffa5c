"""A self-contained HTML review report (no network).

The page is readable with scripts off: summary, findings by check, term compliance, the entity
view, the first findings as a static table and the segments around them (each ``file:segment``
link jumps there). Scripts then enhance it from the data embedded as JSON: sort, search, filters
with live counts, paging (fast at 50,000 findings), a context panel, and review actions
("accepted", kept in localStorage, exported as a suppression CSV that ``wb qa --suppress`` reads).
"""

from __future__ import annotations

import base64
import gzip
import html
import json
import re
from collections import defaultdict
from datetime import datetime
from pathlib import Path

import polars as pl
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from .. import __version__
from ..qa.findings import CHECKS
from ..qa.run import QAResult
from ..severity import RANK as SEVERITY_RANK

STATIC_ROWS = 500  # findings rendered as HTML for readers without scripts; the rest are in the JSON
STATIC_SEGMENTS = 3000  # cap on the static segments table (context for the static rows)
CONTEXT = 2  # segments shown before and after the one a finding is in
EVIDENCE_WIDTH = 70  # characters kept on each side of the offending span
ENTITY_LINKS = 8  # places linked per rendering in the entity view (the count says how many more)


def trim(text: str | None, span: str | None, width: int = EVIDENCE_WIDTH) -> tuple[str, str, str]:
    """``text`` cut to ``span`` with ``width`` characters either side: (before, span, after), with
    "…" where something was cut. The span is found exactly, else case-insensitively; when it is
    absent the text's start is kept and the span part is empty."""
    text = " ".join((text or "").split())
    span = " ".join((span or "").split())
    at = text.find(span) if span else -1
    if span and at < 0:
        at = text.lower().find(span.lower())
    if at < 0:
        return (text if len(text) <= 2 * width else text[: 2 * width] + "…"), "", ""
    end = at + len(span)
    before = text[max(0, at - width) : at]
    after = text[end : end + width]
    return (
        ("…" if at > width else "") + before,
        text[at:end],
        after + ("…" if end + width < len(text) else ""),
    )


def highlight(text: str | None, span: str | None) -> Markup:
    """Escape ``text`` trimmed around ``span`` and mark the span."""
    before, mid, after = trim(text, span)
    marked = f"<mark>{html.escape(mid)}</mark>" if mid else ""
    return Markup(html.escape(before) + marked + html.escape(after))


def mark_terms(text: str, terms: list[str]) -> Markup:
    """Escape ``text`` and mark every occurrence of each term (longest first, no overlaps)."""
    text = text or ""
    low = text.lower()
    taken: list[tuple[int, int]] = []
    for term in sorted({t for t in terms if t}, key=len, reverse=True):
        needle, i = term.lower(), 0
        while (j := low.find(needle, i)) >= 0:
            k = j + len(needle)
            if not any(a < k and j < b for a, b in taken):
                taken.append((j, k))
            i = k
    out, i = [], 0
    for a, b in sorted(taken):
        out.append(
            html.escape(text[i:a]) + '<mark class="term">' + html.escape(text[a:b]) + "</mark>"
        )
        i = b
    return Markup("".join(out) + html.escape(text[i:]))


def _texts(result: QAResult) -> dict[str, list[tuple[int, str, str]]]:
    """Every segment of every file, in order: file -> [(segment, source, target)]."""
    by_file: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    if result.segment_texts is not None:
        for f, s, src, tgt in result.segment_texts.sort(
            "file", "segment", maintain_order=True
        ).iter_rows():
            by_file[f].append((s, src or "", tgt or ""))
    return by_file


def _segment_terms(result: QAResult) -> dict[tuple[str, int], tuple[set, set]]:
    """Glossary terms seen in each segment: (source-side strings, target-side strings)."""
    terms: dict[tuple[str, int], tuple[set, set]] = defaultdict(lambda: (set(), set()))
    if result.terms.height:
        for row in result.terms.select("file", "segment", "source", "expected", "status").iter_rows(
            named=True
        ):
            src, tgt = terms[(row["file"], row["segment"])]
            src.add(row["source"] or "")
            if row["status"] == "compliant":
                tgt.add(row["expected"] or "")
    for row in result.renderings.select("file", "segment", "rendering").iter_rows(named=True):
        terms[(row["file"], row["segment"])][1].add(row["rendering"] or "")
    return terms


def entities(result: QAResult, files: dict[str, int]) -> list[dict]:
    """One row per person, organization or place with every rendering seen: the ones written more
    than one way, or wrongly, first."""
    out = []
    frame = result.renderings
    for (entity,), group in frame.group_by(["entity"], maintain_order=True):
        forms = group.group_by("rendering", maintain_order=True).agg(
            pl.len().alias("n"),
            pl.col("verdict").first(),
            pl.struct("file", "segment").alias("where"),
        )
        rows = []
        for r in forms.sort("n", descending=True, maintain_order=True).iter_rows(named=True):
            where = sorted({(files.get(w["file"], -1), w["segment"]) for w in r["where"]})
            rows.append(
                {"text": r["rendering"], "n": r["n"], "verdict": r["verdict"] or "", "where": where}
            )
        bad = sum(1 for f in rows if f["verdict"] not in ("", "exact"))
        canonical = group["canonical"][0] or ""
        out.append(
            {
                "entity": entity,
                "type": group["type"][0] or "",
                "canonical": canonical,
                "label": entity.removeprefix("zh:"),
                "forms": rows,
                "total": sum(f["n"] for f in rows),
                "flag": "error" if bad else ("warning" if len(rows) > 1 else ""),
            }
        )
    out.sort(key=lambda e: (e["flag"] == "", -len(e["forms"]), e["type"], e["label"]))
    return out


def packed(data) -> str:
    """JSON, gzipped and base64-encoded: a tenth of the bytes, so a 50,000-finding report loads in
    well under a second (reading the file is what costs); the page unpacks it with the browser's
    own DecompressionStream."""
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.b64encode(gzip.compress(raw, compresslevel=6, mtime=0)).decode("ascii")


def unpacked(text: str):
    """The inverse of :func:`packed`."""
    return json.loads(gzip.decompress(base64.b64decode(text)))


INTERNED = (
    2,
    3,
    4,
    5,
    6,
    7,
    8,
    10,
)  # finding columns whose values repeat: id … message, source_span


def interned(findings: list[list]) -> tuple[list[list], list[str]]:
    """Repeated strings stored once: findings refer to them by number (the same error recurring
    across a project repeats its check, message and fix): fewer bytes to unpack and parse."""
    table: dict[str, int] = {}
    out = []
    for f in findings:
        f = list(f)
        for c in INTERNED:
            f[c] = table.setdefault(f[c], len(table))
        out.append(f)
    return out, list(table)


def read_report_data(page: str) -> dict:
    """The data embedded in a rendered report, as :func:`report_data` made it (for tools, tests)."""

    def blob(name):
        m = re.search(
            rf'<script type="application/octet-stream" id="{name}"[^>]*>([^<]*)</script>', page
        )
        return unpacked(m.group(1))

    data = blob("wb-data")
    strings = data.pop("strings")
    data["findings"] = [
        [strings[v] if c in INTERNED else v for c, v in enumerate(f)] for f in data["findings"]
    ]
    data["segments"] = blob("wb-segments")
    return data


def report_data(result: QAResult) -> dict:
    """Everything the page's scripts need, in compact columnar form."""
    files = {f: i for i, f in enumerate(result.files)}
    texts = _texts(result)
    position = {f: {s: i for i, (s, _, _) in enumerate(rows)} for f, rows in texts.items()}
    findings, wanted = [], defaultdict(set)
    for row in result.findings.iter_rows(named=True):
        f = row["file"]
        fi = files.setdefault(f, len(files))
        findings.append(
            [
                fi,
                row["segment"],
                row["id"] or "",
                row["check"],
                row["severity"],
                row["term"] or "",
                row["found"] or "",
                row["expected"] or "",
                row["message"] or "",
                row["key"],
                row["source_span"] or "",
            ]
        )
        wanted[f].add(row["segment"])
    ents = entities(result, files)
    for e in ents:
        for form in e["forms"]:
            for fi, seg in form["where"]:
                if 0 <= fi < len(result.files):
                    wanted[result.files[fi]].add(seg)
    terms = _segment_terms(result)
    vocabulary: dict[str, int] = {}  # each glossary term once; segments refer to it by number
    segments: dict[str, list] = {}
    for f, segs in wanted.items():
        rows, pos = texts.get(f, []), position.get(f, {})
        keep = sorted(
            {
                j
                for s in segs
                if s in pos
                for j in range(max(0, pos[s] - CONTEXT), min(len(rows), pos[s] + CONTEXT + 1))
            }
        )
        out = []
        for j in keep:
            s, src, tgt = rows[j]
            ts, tt = terms.get((f, s), (set(), set()))
            out.append(
                [
                    s,
                    src,
                    tgt,
                    [vocabulary.setdefault(t, len(vocabulary)) for t in sorted(ts) if t],
                    [vocabulary.setdefault(t, len(vocabulary)) for t in sorted(tt) if t],
                    j,
                ]
            )
        segments[str(files[f])] = out
    return {
        "columns": [
            "file",
            "segment",
            "id",
            "check",
            "severity",
            "term",
            "found",
            "expected",
            "message",
            "key",
            "source_span",
        ],
        "files": [Path(f).name for f in files],
        "paths": list(files),
        "findings": findings,
        "segments": segments,
        "terms": list(vocabulary),
        "context": CONTEXT,
        "severity_rank": SEVERITY_RANK,
        "entities": [
            {
                "e": e["label"],
                "t": e["type"],
                "c": e["canonical"],
                "f": [[x["text"], x["n"], x["verdict"], x["where"][:50]] for x in e["forms"]],
            }
            for e in ents
        ],
        "_entities": ents,  # for render_html's static entity table; not embedded in the page
    }


def _static_segments(data: dict, static_findings: list, ents: list[dict]) -> list[dict]:
    """Rows of the no-script context table: segments around the static findings and the places
    the entity view links to, with gaps."""
    wanted = defaultdict(set)
    first: dict[tuple[int, int], int] = {}  # (file, segment) -> its first static finding's row
    for n, f in enumerate(static_findings):
        wanted[f[0]].add(f[1])
        first.setdefault((f[0], f[1]), n)
    for e in ents:
        for form in e["forms"]:
            for fi, seg in form["where"][:ENTITY_LINKS]:
                wanted[fi].add(seg)
    out = []
    for fi_text, rows in data["segments"].items():
        fi = int(fi_text)
        segs = sorted(wanted.get(fi, ()))
        if not segs:
            continue
        index = {r[0]: i for i, r in enumerate(rows)}
        keep = sorted(
            {
                j
                for s in segs
                if s in index
                for j in range(max(0, index[s] - CONTEXT), min(len(rows), index[s] + CONTEXT + 1))
            }
        )
        prev = None
        for j in keep:
            s, src, tgt, ts, tt, at = rows[j]
            out.append(
                {
                    "file": fi,
                    "name": data["files"][fi],
                    "segment": s,
                    "gap": prev is not None and at != prev + 1,
                    "focus": s in wanted[fi],
                    "back": first.get((fi, s)),
                    "source": mark_terms(src, [data["terms"][t] for t in ts]),
                    "target": mark_terms(tgt, [data["terms"][t] for t in tt]),
                }
            )
            prev = at
            if len(out) >= STATIC_SEGMENTS:
                return out
    return out


def _page_data(data: dict) -> dict:
    """What the page unpacks first: everything but the segments' text (unpacked right after)."""
    page = {k: v for k, v in data.items() if k not in ("segments", "_entities")}
    page["findings"], page["strings"] = interned(data["findings"])
    return page


def render_html(result: QAResult, title: str = "wb QA report") -> str:
    env = Environment(
        loader=PackageLoader("workbench", "report/templates"),
        autoescape=select_autoescape(["html", "j2"]),
    )
    data = report_data(result)
    texts = {(int(fi), r[0]): (r[1], r[2]) for fi, rows in data["segments"].items() for r in rows}
    static = data["findings"][:STATIC_ROWS]
    rows = []
    for n, f in enumerate(static):
        src, tgt = texts.get((f[0], f[1]), ("", ""))
        rows.append(
            {
                "n": n,
                "file": f[0],
                "where": f"{data['files'][f[0]]}:{f[1]}",
                "segment": f[1],
                "id": f[2],
                "check": f[3],
                "severity": f[4],
                "term": f[5],
                "found": f[6],
                "expected": f[7],
                "message": f[8],
                "key": f[9],
                "source_html": highlight(src, f[10]) if src else None,
                "target_html": highlight(tgt, f[6]),
            }
        )
    counts = result.counts()
    by_check = {c: {"error": 0, "warning": 0, "info": 0} for c in CHECKS}
    for row in result.findings.group_by("check", "severity").len().iter_rows(named=True):
        by_check.setdefault(row["check"], {"error": 0, "warning": 0, "info": 0})[
            row["severity"]
        ] = row["len"]
    signature = getattr(result, "signature", None)
    ents = data.pop("_entities")
    template = env.get_template("report.html.j2")
    return template.render(
        title=title,
        version=__version__,
        generated=datetime.now().strftime("%Y-%m-%d %H:%M"),
        result=result,
        counts=counts,
        by_check=by_check,
        rows=rows,
        total=len(data["findings"]),
        entities=ents,
        finding_terms=set(result.findings["term"].drop_nulls().to_list()),
        entity_links=ENTITY_LINKS,
        file_names=data["files"],
        terms=result.term_compliance().to_dicts(),
        segments=_static_segments(data, static, ents),
        data_packed=packed(_page_data(data)),
        segments_packed=packed(data["segments"]),
        score_class="error" if counts["error"] else ("warning" if counts["warning"] else "good"),
        signature=signature
        if isinstance(signature, dict)
        else ({"signature": signature} if signature else None),
        files=[(Path(f).name, result.directions.get(f, "")) for f in result.files],
    )
