"""The HTML review report at 50,000 findings in headless Chromium: file size, time until the page
is interactive (first page shown, filters and sort work), until the segments' text is in too
(evidence, context view, search in text), and the time one filter, a search and a sort take
(issue 14's target: < 1 s). Medians of 5 page loads.

The findings come from a real QA run over the review sample drawn at random with a unique number
per segment (bench_qa.corpus_pairs), so messages and texts are real ones; they repeat more than in
a real project, which flatters the compression of the embedded data."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from bench_qa import corpus_pairs, write_pairs
from common import median, table

from workbench.glossary import Glossary
from workbench.qa.run import check
from workbench.report.browser import CHROMIUM, LAUNCH_ARGS
from workbench.report.html import render_html

ROOT = Path(__file__).resolve().parent.parent
TARGET = 50_000
FINDINGS_PER_PAIR = 0.6  # what the sample gives, measured on a small run first


def _change(page, selector: str, value: str) -> float:
    return page.evaluate(
        """([sel, val]) => { const t = performance.now(); const el = document.querySelector(sel);
        el.value = val; el.dispatchEvent(new Event('change')); return performance.now() - t; }""",
        [selector, value],
    )


# the page runs a search 120 ms after the last keystroke: that wait is taken off
SEARCH_JS = """() => { const s = document.getElementById('search');
    s.value = 'bureau'; const t = performance.now(); s.dispatchEvent(new Event('input'));
    return new Promise(r => setTimeout(() => r(performance.now() - t - 120), 120)); }"""
SORT_JS = """() => { const t = performance.now();
    document.querySelector('th[data-sort=found] button').click(); return performance.now() - t; }"""


def measure(path: Path, repeat: int = 5) -> dict:
    from playwright.sync_api import sync_playwright

    out = {"ready": [], "complete": [], "filter": [], "search": [], "sort": []}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        for _ in range(repeat):
            page = browser.new_page()
            page.goto(path.as_uri())
            page.wait_for_function(
                "window.wbReport && window.wbReport.completeMs !== undefined", timeout=60_000
            )
            out["ready"].append(
                page.evaluate("window.wbReport.readyMs")
            )  # ms since navigation start
            out["complete"].append(page.evaluate("window.wbReport.completeMs"))
            out["filter"].append(_change(page, "#f-check", "name-variant"))
            out["search"].append(page.evaluate(SEARCH_JS))
            out["sort"].append(page.evaluate(SORT_JS))
            page.close()
        browser.close()
    return {k: median(v) for k, v in out.items()}


def run() -> str:
    head = "## HTML report in headless Chromium (issue 14)\n"
    if not shutil.which(CHROMIUM):
        return head + f"\nskipped: no {CHROMIUM} (`make browser` as root installs it)\n"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return head + "\nskipped: playwright is not installed (pip install -e '.[dev]')\n"
    glossary = Glossary.load([ROOT / "glossary"])
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for target in (5_000, TARGET):
            pairs = corpus_pairs(int(target / FINDINGS_PER_PAIR))
            write_pairs(tmp / "pairs.tsv", pairs)
            result = check([tmp / "pairs.tsv"], glossary)
            start = time.perf_counter()
            page = render_html(result)
            render_s = time.perf_counter() - start
            path = tmp / "report.html"
            path.write_text(page, encoding="utf-8")
            m = measure(path)
            rows.append(
                [
                    f"{result.findings.height:,}",
                    f"{len(pairs):,}",
                    f"{len(page.encode()) / 1e6:.1f}",
                    f"{render_s:.1f}",
                    f"{m['ready']:.0f}",
                    f"{m['complete']:.0f}",
                    f"{m['filter']:.0f}",
                    f"{m['search']:.0f}",
                    f"{m['sort']:.0f}",
                ]
            )
    return (
        head
        + "\n"
        + table(
            [
                "findings",
                "segments",
                "HTML MB",
                "render (s)",
                "interactive (ms)",
                "all text in (ms)",
                "filter (ms)",
                "search (ms)",
                "sort (ms)",
            ],
            rows,
        )
        + "\n"
    )


if __name__ == "__main__":
    print(run())
