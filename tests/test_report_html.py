"""The HTML report without a browser: evidence trimming, term marking, the static (no-script)
page, the packed data the scripts read, and the fixed summary (alignment, score colour)."""

import html
import re
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.glossary import Glossary
from workbench.qa.findings import finding, frame
from workbench.qa.run import QAResult, check, scan
from workbench.report import html as report_html
from workbench.report.html import mark_terms, read_report_data, render_html, report_data, trim

ROOT = Path(__file__).resolve().parent.parent
REVIEW = ROOT / "corpus" / "review"


@pytest.fixture(scope="module")
def glossary():
    return Glossary.load([ROOT / "glossary"])


@pytest.fixture(scope="module")
def bilingual(glossary):
    return check([REVIEW / "zh_en_release.tsv", REVIEW / "en_zh_brief.tsv"], glossary)


def packed_data(page: str) -> dict:
    return read_report_data(page)


def squash(s):
    return " ".join(s.split())


@given(
    st.text(max_size=200),
    st.text(min_size=1, max_size=30),
    st.text(max_size=200),
    st.booleans(),
    st.integers(1, 80),
)
def test_trim_keeps_the_span_and_at_most_width_either_side(head, span, tail, inside, width):
    text = head + span + tail if inside else head + tail
    before, mid, after = trim(text, span, width)
    whole = squash(text)
    if squash(span) and squash(span).lower() in whole.lower():
        assert mid.lower() == squash(span).lower()
        assert len(before.removeprefix("…")) <= width and len(after.removesuffix("…")) <= width
        assert before.removeprefix("…") + mid + after.removesuffix("…") in whole
    else:
        assert (mid, after) == ("", "")
        assert before.removesuffix("…") == whole[: 2 * width]


def test_trim_cuts_a_long_line_to_the_span_with_ellipses():
    text = "x" * 1000 + " Chou Yu-wei said " + "y" * 1000
    before, mid, after = trim(text, "chou yu-wei", 20)
    assert mid == "Chou Yu-wei" and before.startswith("…") and after.endswith("…")
    assert len(before) + len(mid) + len(after) < 70


@given(st.text(max_size=200), st.lists(st.text(min_size=1, max_size=8), max_size=5))
def test_mark_terms_escapes_and_keeps_the_text(text, terms):
    out = str(mark_terms(text, terms))
    assert "<" not in re.sub(r'</?mark( class="term")?>', "", out)
    assert html.unescape(re.sub(r"</?mark[^>]*>", "", out)) == text


def test_mark_terms_marks_each_term_once_longest_first():
    out = str(
        mark_terms(
            "Criminal Investigation Bureau and the Bureau",
            ["Bureau", "Criminal Investigation Bureau"],
        )
    )
    assert out.count("<mark") == 2
    assert '<mark class="term">Criminal Investigation Bureau</mark>' in out


def test_page_is_readable_without_scripts(bilingual):
    page = render_html(bilingual)
    n = bilingual.findings.height
    assert f'<span id="shown-count">{n}</span>' in page
    body = page.split('<table id="findings">')[1].split("</table>")[0]
    assert body.count('<tr id="f-') == n
    # every where-link of the static table has its segment row in the static segments table
    for target in set(re.findall(r'href="#(s-\d+-\d+)"', body)):
        assert f'id="{target}"' in page
    assert "https://" not in page and "http://" not in page  # self-contained


def test_summary_alignment_and_score_colour(bilingual):
    page = render_html(bilingual)
    assert "th.num, td.num { text-align: right" in page
    assert bilingual.counts()["error"] > 0
    assert re.search(r'<div class="n error" id="score">', page)


def test_score_is_green_only_without_errors_or_warnings(glossary, tmp_path):
    clean = tmp_path / "clean.tsv"
    clean.write_text(
        "source\ttarget\n刑事警察局今日表示。\tThe Criminal Investigation Bureau said today.\n",
        encoding="utf-8",
    )
    result = check([clean], glossary)
    assert result.findings.height == 0
    assert '<div class="n good" id="score">' in render_html(result)


def test_packed_data_carries_every_finding_and_its_context(bilingual):
    data = packed_data(render_html(bilingual))
    assert data["findings"] == report_data(bilingual)["findings"]  # interning round-trips
    assert len(data["findings"]) == bilingual.findings.height
    keys = {f[data["columns"].index("key")] for f in data["findings"]}
    assert keys == set(bilingual.findings["key"])
    for f in data["findings"]:
        rows = {r[0]: r for r in data["segments"][str(f[0])]}
        assert f[1] in rows  # the finding's own segment, with its text
        assert rows[f[1]][2]  # target text
    # glossary terms of a segment are recorded for highlighting
    assert any(r[3] or r[4] for rows in data["segments"].values() for r in rows)


def test_static_rows_are_capped_and_say_so(bilingual, monkeypatch):
    monkeypatch.setattr(report_html, "STATIC_ROWS", 3)
    page = render_html(bilingual)
    body = page.split('<table id="findings">')[1].split("</table>")[0]
    assert body.count('<tr id="f-') == 3
    assert f"The first 3 of {bilingual.findings.height} findings are listed" in page
    assert len(packed_data(page)["findings"]) == bilingual.findings.height


def test_entity_view_lists_every_rendering_with_verdict(glossary):
    result = scan(
        [REVIEW / "scan_article.txt", ROOT / "corpus" / "en" / "article_cooperation.txt"], glossary
    )
    data = report_data(result)
    people = {e["e"]: e for e in data["entities"] if e["t"] == "person"}
    assert people, "the sample mentions people"
    spread = [e for e in people.values() if len(e["f"]) > 1]
    assert spread and any(form[2] not in ("", "exact") for e in spread for form in e["f"])
    page = render_html(result)
    assert 'id="entity-table"' in page
    links = re.findall(
        r'href="#(s-\d+-\d+)"', page.split('id="entity-table"')[1].split("</table>")[0]
    )
    assert links and all(f'id="{target}"' in page for target in links)  # each opens without scripts
    entity = spread[0]
    for text, n, verdict, where in entity["f"]:
        assert f"<strong>{text}</strong> ×{n}" in page


def _tiny_result(found: str) -> QAResult:
    row = finding(
        "a.tsv", 1, "term-forbidden", "bad", term="t", found=found, expected="ok", context="x"
    )
    empty = pl.DataFrame(
        schema={
            "entity": pl.String,
            "canonical": pl.String,
            "type": pl.String,
            "rendering": pl.String,
            "file": pl.String,
            "segment": pl.Int64,
            "verdict": pl.String,
            "start": pl.Int64,
        }
    )
    terms = pl.DataFrame(
        schema={
            "term": pl.String,
            "type": pl.String,
            "source": pl.String,
            "expected": pl.String,
            "file": pl.String,
            "segment": pl.Int64,
            "status": pl.String,
        }
    )
    result = QAResult(frame([row]), terms, empty, ["a.tsv"], 1, 3)
    result.segment_texts = pl.DataFrame(
        {"file": ["a.tsv"], "segment": [1], "source": ["源"], "target": [f"say {found} now"]}
    )
    return result


def test_markup_in_findings_is_escaped_everywhere():
    page = render_html(_tiny_result("</script><img src=x onerror=alert(1)>"))
    assert "<img src=x" not in page
    assert page.count("</script>") == page.count("<script")


def test_signature_is_shown_when_the_result_has_one():
    result = _tiny_result("bad")
    result.signature = {"version": "9.9.9", "glossary": "abc123"}
    page = render_html(result)
    assert "glossary: <code>abc123</code>" in page and "version: <code>9.9.9</code>" in page


def test_notes_on_what_was_assumed_are_shown():
    result = _tiny_result("bad")
    result.notes = ["a.tsv: source language assumed to be zh"]
    assert '<p class="muted">note: a.tsv: source language assumed to be zh</p>' in render_html(
        result
    )
