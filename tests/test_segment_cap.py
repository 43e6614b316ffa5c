"""WB_MAX_SEGMENT_CHARS (issue 12): a single segment over the cap is refused with one located
line and exit 2, in every reader a command goes through; unset, nothing is refused."""

import pytest
from conftest import cli

LONG = "The Criminal Investigation Bureau said " + "x" * 3000 + "."


@pytest.fixture
def capped(monkeypatch):
    monkeypatch.setenv("WB_MAX_SEGMENT_CHARS", "1,000")


def _one_error_line(r, *words):
    assert r.exit_code == 2, r.output
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in r.stderr, r.stderr
    for word in words:
        assert word in lines[0], lines[0]


def test_scan_refuses_a_long_paragraph_naming_file_and_segment(tmp_path, capped):
    doc = tmp_path / "doc.txt"
    doc.write_text("A short line.\n" + LONG + "\n", encoding="utf-8")
    _one_error_line(cli("qa", "scan", doc), str(doc), "segment 2", "WB_MAX_SEGMENT_CHARS", "1,000")


def test_check_refuses_a_long_target(tmp_path, capped):
    tsv = tmp_path / "pairs.tsv"
    tsv.write_text(f"source\ttarget\n刑事警察局表示。\tThe CIB said.\n刑事警察局。\t{LONG}\n",
                   encoding="utf-8")
    _one_error_line(cli("qa", "check", tsv), str(tsv), "segment", "the target is 3,040 characters")


def test_translate_refuses_a_long_sentence(tmp_path, capped):
    doc = tmp_path / "zh.txt"
    doc.write_text("刑" * 1500 + "\n", encoding="utf-8")
    out = tmp_path / "en.txt"
    r = cli("translate", doc, "--engine", "fake", "--no-cache", "-o", out)
    _one_error_line(r, str(doc), "the source is 1,500 characters")
    assert not out.exists()


def test_within_the_cap_or_unset_nothing_is_refused(tmp_path, monkeypatch):
    doc = tmp_path / "doc.txt"
    doc.write_text(LONG + "\n", encoding="utf-8")
    monkeypatch.delenv("WB_MAX_SEGMENT_CHARS", raising=False)
    assert cli("qa", "scan", doc).exit_code in (0, 1)
    monkeypatch.setenv("WB_MAX_SEGMENT_CHARS", str(len(LONG)))
    assert cli("qa", "scan", doc).exit_code in (0, 1)


@pytest.mark.parametrize("value", ["0", "-5", "lots"])
def test_a_bad_cap_is_a_usage_error(tmp_path, monkeypatch, value):
    doc = tmp_path / "doc.txt"
    doc.write_text("A line.\n", encoding="utf-8")
    monkeypatch.setenv("WB_MAX_SEGMENT_CHARS", value)
    _one_error_line(cli("qa", "scan", doc), "WB_MAX_SEGMENT_CHARS")
