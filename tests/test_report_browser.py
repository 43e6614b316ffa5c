"""The HTML report in a real browser: headless Chromium (Debian's package) through Playwright.

Skipped, with the reason shown, where Playwright or /usr/bin/chromium is missing (`make test`
installs chromium when it runs as root)."""

import csv
import json
import shutil
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from workbench.bilingual import read_bilingual
from workbench.cli import app
from workbench.report.browser import CHROMIUM, LAUNCH_ARGS

ROOT = Path(__file__).resolve().parent.parent
REVIEW = ROOT / "corpus" / "review"
runner = CliRunner()

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed (pip install -e '.[dev]')"
)
if not shutil.which(CHROMIUM):
    pytest.skip(
        f"no Chromium at {CHROMIUM}: `apt-get install -y chromium` (as root) or set WB_CHROMIUM",
        allow_module_level=True,
    )


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A fresh page (own localStorage); fails the test on any console error or page error."""
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    errors = []
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    context.close()
    assert errors == [], f"console errors: {errors}"


FILES = [REVIEW / "zh_en_release.tsv", REVIEW / "en_zh_brief.tsv"]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """The bilingual sample's HTML and JSON reports."""
    out = tmp_path_factory.mktemp("report")
    res = runner.invoke(
        app,
        [
            "qa",
            "check",
            *map(str, FILES),
            "--html-out",
            str(out / "r.html"),
            "--json-out",
            str(out / "r.json"),
            "--fail-on",
            "never",
        ],
    )
    assert res.exit_code == 0, res.output
    return out / "r.html", json.loads((out / "r.json").read_text(encoding="utf-8"))["findings"]


def open_report(page, path):
    page.goto(path.as_uri())
    page.wait_for_function("window.wbReport && window.wbReport.completeMs !== undefined")


def shown(page) -> int:
    return int(page.inner_text("#shown-count"))


def column(page, label) -> list[str]:
    return page.eval_on_selector_all(
        f'#findings tbody td[data-label="{label}"]', "els => els.map(e => e.innerText)"
    )


def test_sort_by_column_both_ways(page, report):
    path, findings = report
    open_report(page, path)
    assert page.query_selector("#findings tbody td.evidence mark")  # evidence, span highlighted
    page.click('th[data-sort="found"] button')
    assert page.get_attribute('th[data-sort="found"]', "aria-sort") == "ascending"
    up = column(page, "found")
    assert len(up) == len(findings)
    assert [s.lower() for s in up] == sorted((f["found"] or "").lower() for f in findings)
    page.click('th[data-sort="found"] button')
    assert [s.lower() for s in column(page, "found")] == sorted(
        (s.lower() for s in up), reverse=True
    )
    page.click('th[data-sort="severity"] button')
    sev = column(page, "severity")
    rank = {"error": 0, "warning": 1, "info": 2}
    assert [rank[s.strip()] for s in sev] == sorted(rank[s.strip()] for s in sev)


def test_search_finds_text_in_messages_and_segments(page, report):
    path, findings = report
    open_report(page, path)
    page.fill("#search", "police")  # in segment text, not necessarily in the finding's fields
    page.wait_for_function(
        f"document.getElementById('shown-count').textContent != '{len(findings)}'"
    )
    n = shown(page)
    assert 0 < n < len(findings)
    assert len(page.query_selector_all("#findings tbody tr")) == n
    page.fill("#search", "zzzz-nothing")
    page.wait_for_function("document.getElementById('shown-count').textContent == '0'")
    page.fill("#search", "")
    page.wait_for_function(
        f"document.getElementById('shown-count').textContent == '{len(findings)}'"
    )


def option_counts(page, select) -> dict[str, int]:
    texts = page.eval_on_selector_all(
        f"{select} option", "os => os.map(o => [o.value, o.textContent])"
    )
    return {value: int(text.rsplit("(", 1)[1].rstrip(")")) for value, text in texts}


def test_filters_and_live_counts(page, report):
    path, findings = report
    open_report(page, path)
    checks = option_counts(page, "#f-check")
    assert checks[""] == len(findings)
    assert option_counts(page, "#f-term")[""] == len(findings)  # with and without an entity
    for name, n in checks.items():
        if name:
            assert n == sum(f["check"] == name for f in findings)
    page.select_option("#f-severity", "error")
    errors = [f for f in findings if f["severity"] == "error"]
    assert shown(page) == len(errors)
    assert f"of {len(findings)}" in page.inner_text("#findings-h")
    checks = option_counts(page, "#f-check")  # counts now among errors only
    assert checks[""] == len(errors)
    assert all(n == sum(f["check"] == c for f in errors) for c, n in checks.items() if c)
    assert option_counts(page, "#f-severity")["warning"] == sum(
        f["severity"] == "warning" for f in findings
    )
    target = next(f for f in errors if f["term"])
    page.select_option("#f-term", target["term"])
    assert shown(page) == sum(f["term"] == target["term"] for f in errors)
    page.select_option("#f-severity", "")
    page.select_option("#f-term", "")
    name = Path(findings[-1]["file"]).name
    file_value = page.eval_on_selector_all(
        "#f-file option", f"os => os.find(o => o.textContent.startsWith('{name}')).value"
    )
    page.select_option("#f-file", file_value)
    assert shown(page) == sum(Path(f["file"]).name == name for f in findings)


def test_context_view_shows_the_segment_with_neighbours_and_terms(page, report):
    path, _ = report
    open_report(page, path)
    link = page.query_selector_all("#findings tbody a.ctx")[2]
    where = link.inner_text()
    link.click()
    assert page.is_visible("#context")
    assert page.inner_text("#context-title") == where
    seg = int(where.rsplit(":", 1)[1])
    rows = page.query_selector_all("#context-rows tr:not(.gap)")
    numbers = [int(r.query_selector("code").inner_text()) for r in rows]
    assert seg in numbers and len(numbers) >= 3  # the segment and its neighbours
    focus = page.inner_text("#context-rows tr.focus")
    source_file = next(f for f in FILES if f.name == where.rsplit(":", 1)[0])
    segs = read_bilingual(source_file)
    src, tgt = segs.filter(pl.col("segment") == seg).select("source", "target").row(0)
    assert src[:8] in focus and tgt[:20] in focus
    assert page.query_selector("#context-rows mark.term")  # glossary terms highlighted
    assert "Findings here" in page.inner_text("#context")
    page.click("#context-back")
    assert not page.is_visible("#context")
    assert page.evaluate("document.activeElement.textContent") == where


def test_accept_export_suppress_round_trip(page, report, tmp_path):
    path, findings = report
    open_report(page, path)
    for box in page.query_selector_all("#findings tbody input.accept"):
        box.check()
    assert page.inner_text("#accepted-count") == str(len(findings))
    page.reload()
    page.wait_for_function("window.wbReport && window.wbReport.completeMs !== undefined")
    assert page.inner_text("#accepted-count") == str(len(findings))  # kept in localStorage
    assert len(page.query_selector_all("#findings tbody tr.accepted")) == len(findings)
    page.select_option("#f-review", "open")
    assert shown(page) == 0
    with page.expect_download() as info:
        page.click("#export")
    exported = tmp_path / "accepted.csv"
    info.value.save_as(exported)
    with exported.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["key"] for r in rows} == {f["key"] for f in findings}
    res = runner.invoke(app, ["qa", "check", *map(str, FILES), "--suppress", str(exported)])
    assert res.exit_code == 0, res.output
    assert "0 errors, 0 warnings" in res.output and f"{len(findings)} suppressed" in res.output


def test_paging_at_many_findings(page, tmp_path):
    lines = FILES[0].read_text(encoding="utf-8").splitlines()
    body = [
        f"{line.split(chr(9), 1)[0]}-{r}\t{line.split(chr(9), 1)[1]}"
        for r in range(30)
        for line in lines[1:]
    ]
    big = tmp_path / "big.tsv"
    big.write_text("\n".join([lines[0], *body]) + "\n", encoding="utf-8")
    res = runner.invoke(
        app,
        [
            "qa",
            "check",
            str(big),
            "--html-out",
            str(tmp_path / "big.html"),
            "--json-out",
            str(tmp_path / "big.json"),
            "--fail-on",
            "never",
        ],
    )
    n = len(json.loads((tmp_path / "big.json").read_text(encoding="utf-8"))["findings"])
    assert res.exit_code == 0 and n > 200
    open_report(page, tmp_path / "big.html")
    assert len(page.query_selector_all("#findings tbody tr")) == 100
    assert page.inner_text("#page-info").startswith(f"1–100 of {n}")
    page.click("#next")
    assert page.inner_text("#page-info").startswith(f"101–200 of {n}")
    first = page.inner_text("#findings tbody tr td")
    page.click("#prev")
    assert page.inner_text("#findings tbody tr td") != first


def test_readable_with_scripts_off(browser, report):
    path, findings = report
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    pg.goto(path.as_uri())
    assert len(pg.query_selector_all("#findings tbody tr")) == len(findings)
    assert not pg.is_visible("#controls")
    assert pg.is_visible("#segments")
    href = pg.get_attribute("#findings tbody a.ctx", "href")
    pg.click("#findings tbody a.ctx")
    assert pg.evaluate("location.hash") == href
    assert pg.is_visible(f"#segments tr{href}")
    pg.click(f"#segments tr{href} a")  # and back to the finding it came from
    assert pg.evaluate("location.hash") == "#f-0"
    context.close()


def test_phone_width_has_no_sideways_scroll(browser, report):
    path, _ = report
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    pg = context.new_page()
    open_report(pg, path)
    assert pg.evaluate("document.documentElement.scrollWidth") <= 390 + 1
    assert pg.is_visible("#findings tbody tr td.evidence")
    context.close()


def test_print_stylesheet_hides_controls(page, report):
    path, _ = report
    open_report(page, path)
    page.emulate_media(media="print")
    assert not page.is_visible("#controls")
    assert (
        page.evaluate("getComputedStyle(document.querySelector('#findings tbody tr')).breakInside")
        == "avoid"
    )


def test_summary_counts_sit_under_their_headers(page, report):
    path, _ = report
    open_report(page, path)
    aligned = page.evaluate("""() => {
        const t = document.getElementById('by-check-table');
        const ths = [...t.querySelectorAll('thead th.num')], row = t.querySelector('tbody tr');
        return ths.map((th, i) => {
            const td = row.querySelectorAll('td.num')[i];
            return [getComputedStyle(th).textAlign, getComputedStyle(td).textAlign,
                    Math.abs(th.getBoundingClientRect().right - td.getBoundingClientRect().right)];
        }); }""")
    assert len(aligned) == 3
    assert all(th == td == "right" and gap < 1 for th, td, gap in aligned)


def test_clean_run_still_opens_the_entity_view_context(page, tmp_path):
    article = tmp_path / "clean.txt"
    article.write_text(
        "Taiwan Police Meet in Taipei\n\nMinister of Justice Cheng Ming-chien visited the Criminal"
        " Investigation Bureau in Taipei on Monday.\n\nThe bureau thanked Poland for its help.\n",
        encoding="utf-8",
    )
    res = runner.invoke(app, ["qa", "scan", str(article), "--html-out", str(tmp_path / "c.html")])
    assert res.exit_code == 0, res.output
    open_report(page, tmp_path / "c.html")
    assert page.inner_text("#findings-h") == "Findings (0)"
    assert page.is_visible("text=No findings.")
    page.click("#entity-table a.ctx >> nth=0")
    assert page.is_visible("#context")
    assert page.query_selector("#context-rows tr.focus mark.term")


def test_entity_view_leads_to_the_entitys_findings(page, report):
    path, findings = report
    open_report(page, path)
    link = page.query_selector("#entity-table a.ent")
    term = link.get_attribute("data-term")
    link.click()
    assert page.input_value("#f-term") == term
    assert shown(page) == sum(f["term"] == term for f in findings) > 0
