"""`wb qa check/scan --xlsx`: the workbook's sheets, filters, widths, and formula neutralisation."""

import io
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from typer.testing import CliRunner

from workbench.cli import app
from workbench.qa.findings import COLUMNS, finding, frame
from workbench.qa.run import QAResult
from workbench.report.export import to_xlsx

ROOT = Path(__file__).resolve().parent.parent
REVIEW = ROOT / "corpus" / "review"
runner = CliRunner()


def test_check_writes_findings_entities_and_summary(tmp_path):
    out = tmp_path / "review.xlsx"
    res = runner.invoke(
        app,
        [
            "qa",
            "check",
            str(REVIEW / "zh_en_release.tsv"),
            str(REVIEW / "en_zh_brief.tsv"),
            "--xlsx",
            str(out),
            "--json-out",
            str(tmp_path / "r.json"),
        ],
    )
    assert res.exit_code == 1, res.output  # the samples have errors
    book = load_workbook(out)
    assert book.sheetnames == ["Summary", "Findings", "Entities"]
    findings = book["Findings"]
    header = [c.value for c in findings[1]]
    assert header == [*COLUMNS, "key"]
    import json

    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert findings.max_row - 1 == len(report["findings"])
    assert {r[header.index("key")] for r in findings.iter_rows(min_row=2, values_only=True)} == {
        f["key"] for f in report["findings"]
    }
    for sheet in book:
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:")
        assert sheet.freeze_panes == "A2"
        assert all(sheet.column_dimensions[c].width >= 8 for c in "AB")
    assert findings.column_dimensions["J"].width == 60  # message column sized for reading
    summary = {r[0]: r[1] for r in book["Summary"].iter_rows(min_row=2, values_only=True)}
    assert summary["errors"] == report["summary"]["counts"]["error"]
    ents = list(book["Entities"].iter_rows(min_row=2, values_only=True))
    assert any(r[1] == "person" and r[5] >= 1 and ":" in r[6] for r in ents)


def test_scan_writes_a_workbook(tmp_path):
    out = tmp_path / "scan.xlsx"
    res = runner.invoke(
        app,
        ["qa", "scan", str(REVIEW / "scan_article.txt"), "--xlsx", str(out), "--fail-on", "never"],
    )
    assert res.exit_code == 0, res.output
    assert load_workbook(out)["Findings"].max_row > 1


def test_xlsx_needs_a_file_name(tmp_path):
    res = runner.invoke(app, ["qa", "check", str(REVIEW / "zh_en_release.tsv"), "--xlsx", "-"])
    assert res.exit_code == 2
    assert "--xlsx needs a file name" in res.output


@pytest.mark.parametrize(
    "text", ['=HYPERLINK("http://example.com","x")', "+1+2", "-3+4", "@SUM(A1:A2)", "\t=1+1"]
)
def test_formula_like_text_stays_text(text):
    row = finding(
        "a.tsv", 1, "term-forbidden", "m", term="t", found=text, expected=text, context="c"
    )
    renderings = pl.DataFrame(
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
    result = QAResult(frame([row]), pl.DataFrame(), renderings, ["a.tsv"], 1, 1)
    book = load_workbook(io.BytesIO(to_xlsx(result)))
    sheet = book["Findings"]
    header = [c.value for c in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("found") + 1)
    assert cell.data_type == "s" and cell.value == text
    assert cell.quotePrefix
    plain = sheet.cell(row=2, column=header.index("check") + 1)
    assert plain.value == "term-forbidden" and not plain.quotePrefix


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=60))
def test_any_text_survives_the_workbook(text):
    """Control characters that XML cannot hold are dropped; the rest comes back as written."""
    row = finding(
        "a.tsv", 1, "term-forbidden", text, term="t", found=text, expected="ok", context="c"
    )
    renderings = pl.DataFrame(
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
    result = QAResult(frame([row]), pl.DataFrame(), renderings, ["a.tsv"], 1, 1)
    sheet = load_workbook(io.BytesIO(to_xlsx(result)))["Findings"]
    header = [c.value for c in sheet[1]]
    got = sheet.cell(row=2, column=header.index("found") + 1).value
    kept = "".join(ch for ch in text if ch in "\t\n" or ord(ch) >= 32)
    assert (got or "") == kept
