"""The bundled review samples, every input format, reports, suppression and exit codes."""

import csv
import json
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from conftest import ROOT, cli

from workbench.bilingual import read_bilingual, write_bilingual
from workbench.qa.run import check, scan

REVIEW = ROOT / "corpus" / "review"
# The samples describe 2025: Chou Yew-woei is still CIB commissioner (title-date checks against it).
SAMPLE_DATE = date(2025, 6, 1)


def expected(name):
    with (REVIEW / name).open(encoding="utf-8") as fh:
        return sorted((r["file"], int(r["segment"]), r["check"]) for r in csv.DictReader(fh, delimiter="\t"))


def got(result):
    return sorted((Path(f).name, s, c) for f, s, c in result.findings.select("file", "segment", "check").iter_rows())


def test_bilingual_sample_every_planted_error_and_nothing_else(glossary):
    r = check([REVIEW / "zh_en_release.tsv", REVIEW / "en_zh_brief.tsv"], glossary, on=SAMPLE_DATE)
    assert got(r) == expected("expected_findings.tsv")
    assert r.directions == {str(REVIEW / "zh_en_release.tsv"): "zh→en", str(REVIEW / "en_zh_brief.tsv"): "en→zh"}


def test_scan_sample_every_planted_error_and_nothing_else(glossary):
    r = scan([REVIEW / "scan_article.txt"], glossary, on=SAMPLE_DATE)
    assert got(r) == expected("expected_scan_findings.tsv")


def test_english_corpus_article_is_clean(glossary):
    assert scan([ROOT / "corpus" / "en" / "article_cooperation.txt"], glossary, on=SAMPLE_DATE).findings.height == 0


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "xliff", "tmx"])
def test_every_input_format_gives_the_same_findings(glossary, tmp_path, fmt):
    frame = read_bilingual(REVIEW / "zh_en_release.tsv")
    path = tmp_path / f"release.{ 'xlf' if fmt == 'xliff' else fmt}"
    write_bilingual(frame.drop("file"), path, source_lang="zh-TW", target_lang="en")
    reread = read_bilingual(path)
    assert reread["source"].to_list() == frame["source"].to_list() and reread["target"].to_list() == frame["target"].to_list()
    base = check([REVIEW / "zh_en_release.tsv"], glossary)
    other = check([path], glossary)
    assert [(s, c, f) for s, c, f in other.findings.select("segment", "check", "found").iter_rows()] == \
           [(s, c, f) for s, c, f in base.findings.select("segment", "check", "found").iter_rows()]


def test_aligned_text_files(glossary, tmp_path):
    frame = read_bilingual(REVIEW / "zh_en_release.tsv")
    (tmp_path / "zh.txt").write_text("\n".join(frame["source"]) + "\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("\n".join(frame["target"]) + "\n", encoding="utf-8")
    r = check([], glossary, aligned=(tmp_path / "zh.txt", tmp_path / "en.txt"))
    assert got(r) == [("en.txt", s, c) for _, s, c in got(check([REVIEW / "zh_en_release.tsv"], glossary))]


def test_exit_codes_and_fail_on(tmp_path):
    clean = tmp_path / "clean.tsv"
    clean.write_text("source\ttarget\n刑事警察局表示。\tThe Criminal Investigation Bureau said.\n", encoding="utf-8")
    assert cli("qa", "check", clean).exit_code == 0
    sample = REVIEW / "zh_en_release.tsv"
    assert cli("qa", "check", sample).exit_code == 1
    assert cli("qa", "check", sample, "--fail-on", "never").exit_code == 0
    assert cli("qa", "check", sample, "--only", "punctuation").exit_code == 0  # a warning only
    assert cli("qa", "check", sample, "--only", "punctuation", "--fail-on", "warning").exit_code == 1
    bad = cli("qa", "check", sample, "--only", "spelling")
    assert bad.exit_code == 2 and "unknown check" in bad.stderr
    broken = tmp_path / "broken.tsv"
    broken.write_text("source\ttarget\n甲\tA\textra\n", encoding="utf-8")
    r = cli("qa", "check", broken)
    assert r.exit_code == 2 and r.stderr.strip() == f"error: {broken}:2:3: row has 3 fields, header has 2"
    r = cli("qa", "check", REVIEW / "expected_findings.tsv")
    assert r.exit_code == 2 and "missing required column 'source'" in r.stderr
    jsonl = tmp_path / "x.jsonl"
    jsonl.write_text('{"source": "甲", "target": "A"}\n{"source": "乙", \n', encoding="utf-8")
    r = cli("qa", "check", jsonl)
    assert r.exit_code == 2 and f"{jsonl}:2:" in r.stderr


def test_reports_are_written(tmp_path):
    out = tmp_path / "out"
    r = cli("qa", "check", REVIEW / "zh_en_release.tsv", REVIEW / "en_zh_brief.tsv", "--json-out", out / "r.json",
            "--csv", out / "r.csv", "--html", out / "r.html", "--md", out / "r.md", "--date", SAMPLE_DATE.isoformat())
    assert r.exit_code == 1
    data = json.loads((out / "r.json").read_text(encoding="utf-8"))
    assert data["summary"]["counts"]["error"] == 11 and len(data["findings"]) == 14
    assert set(data["findings"][0]) == {"file", "segment", "id", "check", "severity", "term", "source_span", "found", "expected", "message", "key"}
    rows = list(csv.DictReader((out / "r.csv").open(encoding="utf-8")))
    assert len(rows) == 14 and rows[0]["check"]
    html = (out / "r.html").read_text(encoding="utf-8")
    assert "<mark>Gaoxiong</mark>" in html and "Term compliance" in html and "Entities: how each person" in html
    assert "http://" not in html and "https://" not in html  # self-contained
    assert (out / "r.md").read_text(encoding="utf-8").startswith("## ❌ wb QA: 11 errors")


def test_suppression_survives_edits_elsewhere(tmp_path):
    report = tmp_path / "r.json"
    cli("qa", "check", REVIEW / "zh_en_release.tsv", "--json-out", report)
    findings = json.loads(report.read_text(encoding="utf-8"))["findings"]
    accepted = [f for f in findings if f["check"] == "place-pinyin"]
    suppress = tmp_path / "accepted.csv"
    with suppress.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["key", "check", "found", "reviewer note"])
        for f in accepted:
            w.writerow([f["key"], f["check"], f["found"], "quoting an old document"])
    # insert a new segment at the top: the suppressed finding moves but keeps its key
    edited = tmp_path / "zh_en_release.tsv"
    lines = (REVIEW / "zh_en_release.tsv").read_text(encoding="utf-8").splitlines()
    edited.write_text("\n".join([lines[0], "new-0\t新增一句。\tA new sentence.", *lines[1:]]) + "\n", encoding="utf-8")
    out = tmp_path / "after.json"
    cli("qa", "check", edited, "--suppress", suppress, "--json-out", out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert not any(f["check"] == "place-pinyin" for f in data["findings"])
    assert data["summary"]["suppressed"] == len(accepted) == 1
    assert len(data["findings"]) == len(findings) - 1
    # a JSON report works as a suppression list too: accepting every remaining finding
    # leaves only the one suppressed before, which that report did not list
    again = tmp_path / "again.json"
    cli("qa", "check", edited, "--suppress", out, "--json-out", again)
    assert [f["check"] for f in json.loads(again.read_text(encoding="utf-8"))["findings"]] == ["place-pinyin"]


def test_scan_cli_and_stdout_json(tmp_path):
    r = cli("qa", "scan", REVIEW / "scan_article.txt", "--json", "--date", SAMPLE_DATE.isoformat())
    assert r.exit_code == 1
    data = json.loads(r.stdout)
    assert {f["check"] for f in data["findings"]} == {"name-variant", "name-inconsistent", "term-forbidden", "place-pinyin"}


def test_output_never_overwrites_an_input(tmp_path):
    src = tmp_path / "a.tsv"
    src.write_text("source\ttarget\n甲\tA\n", encoding="utf-8")
    r = cli("qa", "check", src, "--csv", src)
    assert r.exit_code == 2 and src.read_text(encoding="utf-8") == "source\ttarget\n甲\tA\n"


def test_findings_frame_is_polars(glossary):
    r = check([REVIEW / "zh_en_release.tsv"], glossary)
    assert isinstance(r.findings, pl.DataFrame) and r.term_compliance().filter(pl.col("term") == "org.cib")["compliant"][0] == 2


XLIFF2 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh-TW" trgLang="en">
  <file id="f1">
    <unit id="u1"><segment><source>刑事警察局表示。</source><target>The CIB said.</target></segment></unit>
    <unit id="u2"><segment><source>周幼偉表示。</source><target>Zhou Youwei said.</target></segment></unit>
  </file>
</xliff>
"""


def test_xliff_2_0_is_read_and_translated_back_as_2_0(glossary, tmp_path):
    path = tmp_path / "t.xlf"
    path.write_text(XLIFF2, encoding="utf-8")
    r = check([path], glossary)
    assert [(x["segment"], x["id"], x["check"]) for x in r.findings.to_dicts()] == [(2, "u2", "name-variant")]
    out = tmp_path / "t.en.xlf"
    res = cli("translate", path, "--engine", "fake", "--to", "en", "--no-cache")
    assert res.exit_code == 0, res.output
    assert "Zhou Youwei said." in out.read_text(encoding="utf-8")  # existing targets are kept
    res = cli("translate", path, "--engine", "fake", "--to", "en", "--no-cache", "--overwrite", "-o", out)
    assert res.exit_code == 0, res.output
    text = out.read_text(encoding="utf-8")
    assert 'version="2.0"' in text and 'id="u2"' in text and "Chou Yew-woei" in text
