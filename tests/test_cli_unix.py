"""Unix habits: '-' for standard input and output, --json on stdout everywhere, --quiet and
--verbose, colour only on a terminal and never with NO_COLOR, exit codes that scripts can use."""

import json
import os
import subprocess
import sys

import pytest
from conftest import ROOT, cli

REVIEW = ROOT / "corpus" / "review"


def test_translate_reads_stdin_and_writes_stdout(tmp_path):
    r = cli(
        "translate",
        "-",
        "--engine",
        "fake",
        "--no-cache",
        "--from",
        "zh-TW",
        "--to",
        "en",
        input="刑事警察局表示，已破獲詐騙集團。\n\n內政部長出席。\n",
    )
    assert r.exit_code == 0, r.output
    assert "Criminal Investigation Bureau" in r.stdout and "\n\n" in r.stdout  # paragraphs kept
    assert "translated -" in r.stderr and not list(tmp_path.iterdir())


def test_translate_tsv_on_stdin_detects_direction():
    r = cli("translate", "-", "--engine", "fake", "--no-cache", input="id\tsource\n7\t刑事警察局\n")
    assert r.exit_code == 0, r.output
    header, row = r.stdout.splitlines()[:2]
    columns = header.split("\t")
    assert {"id", "source", "target", "terms_kept", "terms_missed"} <= set(columns)
    assert row.split("\t")[columns.index("id")] == "7"
    assert "Criminal Investigation Bureau" in row and "org.cib" in row


def test_translate_dash_output_writes_stdout(tmp_path):
    src = tmp_path / "in.txt"
    src.write_text("刑事警察局表示。\n", encoding="utf-8")
    r = cli("translate", src, "--engine", "fake", "--no-cache", "-o", "-")
    assert r.exit_code == 0 and "Criminal Investigation Bureau" in r.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.txt"]


def test_qa_check_reads_stdin():
    pairs = "source\ttarget\n臺北地檢署起訴嫌犯。\tThe suspect was indicted.\n"
    r = cli("qa", "check", "-", "--json", input=pairs)
    assert r.exit_code == 1, r.output
    report = json.loads(r.stdout)
    assert {f["check"] for f in report["findings"]} >= {"term-missing"}
    assert {f["file"] for f in report["findings"]} == {"-"}


def test_qa_scan_reads_stdin():
    r = cli("qa", "scan", "-", "--json", input="Commissioner Chou Yu-wei of the CIB said.\n")
    assert r.exit_code == 1, r.output
    assert any(f["check"] == "name-variant" for f in json.loads(r.stdout)["findings"])


def test_glossary_lookup_reads_stdin():
    r = cli("glossary", "lookup", "-", "--json", input="刑事警察局")
    assert r.exit_code == 0 and json.loads(r.stdout)[0]["id"] == "org.cib"


@pytest.mark.parametrize(
    "args",
    [
        ["glossary", "lint", "--json"],
        ["glossary", "stats", "--json"],
        ["glossary", "lookup", "刑事警察局", "--json"],
        ["romanize", "周幼偉", "--json"],
        ["qa", "check", REVIEW / "zh_en_release.tsv", "--json"],
        ["qa", "scan", REVIEW / "scan_article.txt", "--json"],
    ],
)
def test_json_means_json_on_stdout(args):
    r = cli(*args)
    assert r.exit_code in (0, 1), r.output
    json.loads(r.stdout)  # nothing but JSON on stdout


def test_old_json_path_spelling_gets_a_pointer(tmp_path):
    r = cli("qa", "check", REVIEW / "zh_en_release.tsv", "--json", tmp_path / "report.json")
    assert r.exit_code == 2 and "--json-out" in r.stderr


def test_report_files_and_quiet(tmp_path):
    r = cli(
        "qa",
        "check",
        REVIEW / "zh_en_release.tsv",
        "--json-out",
        tmp_path / "r.json",
        "--html-out",
        tmp_path / "r.html",
        "--csv",
        tmp_path / "r.csv",
    )
    assert r.exit_code == 1 and "wrote" in r.stderr
    assert all((tmp_path / n).exists() for n in ("r.json", "r.html", "r.csv"))
    q = cli(
        "--quiet", "qa", "check", REVIEW / "zh_en_release.tsv", "--json-out", tmp_path / "q.json"
    )
    assert q.exit_code == 1 and "wrote" not in q.stderr and (tmp_path / "q.json").exists()


def test_verbose_shows_lint_notes(glossary):
    plain = cli("glossary", "lint")
    verbose = cli("-v", "glossary", "lint")
    assert plain.exit_code == verbose.exit_code == 0
    assert " info " not in plain.stdout and " info " in verbose.stdout


def test_quiet_and_verbose_together_is_a_usage_error():
    assert cli("-q", "-v", "glossary", "stats").exit_code == 2


@pytest.mark.parametrize(
    "spelling, code",
    [
        ("Chou Yew-woei", 0),
        ("CHOU, YEW-WOEI", 0),
        ("Chou Yu-wei", 1),
        ("Chiu Yu-wei", 1),
        ("Smith", 1),
    ],
)
def test_romanize_check_exit_code(spelling, code):
    assert cli("romanize", "周幼偉", "--check", spelling).exit_code == code
    assert cli("romanize", "周幼偉", "--check", spelling, "--json").exit_code == code


def test_shell_completion_is_offered():
    r = cli("--help")
    assert "--install-completion" in r.stdout and "--show-completion" in r.stdout


def run_wb(*args, env):
    return subprocess.run(
        [sys.executable, "-m", "workbench", *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **env},
        cwd=ROOT,
        timeout=120,
    )


def test_colour_on_a_terminal_and_never_with_no_color(tmp_path):
    bad = tmp_path / "g.csv"
    bad.write_text(
        "id,type,zh,en,en_variants,en_forbidden,status,note\n"
        "term.a,term,甲,Alpha,,,approved,n\nterm.b,term,甲,Beta,,,approved,n\n",
        encoding="utf-8",
    )
    coloured = run_wb("glossary", "lint", str(bad), env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    plain = run_wb("glossary", "lint", str(bad), env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    piped = run_wb("glossary", "lint", str(bad), env={"FORCE_COLOR": "", "NO_COLOR": ""})
    assert coloured.returncode == plain.returncode == piped.returncode == 1
    assert "\x1b[" in coloured.stdout and "zh-conflict" in coloured.stdout
    assert "\x1b[3" not in plain.stdout and "\x1b[" not in piped.stdout


def test_xliff_on_stdin_is_checked():
    doc = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        '<file original="x" source-language="zh-TW" target-language="en" datatype="plaintext">'
        '<body><trans-unit id="u1"><source>刑事警察局表示。</source>'
        "<target>The police said.</target></trans-unit>"
        "</body></file></xliff>\n"
    )
    r = cli("qa", "check", "-", "--json", input=doc)
    assert r.exit_code == 1, r.output
    findings = json.loads(r.stdout)["findings"]
    assert [(f["file"], f["segment"], f["check"]) for f in findings] == [("-", 1, "term-missing")]


def test_each_command_reads_its_own_stdin():
    first = cli("glossary", "lookup", "-", "--json", input="刑事警察局")
    second = cli("glossary", "lookup", "-", "--json", input="紅色通緝令")
    assert json.loads(first.stdout)[0]["id"] == "org.cib"
    assert json.loads(second.stdout)[0]["id"] != "org.cib"


def test_json_and_json_out_together_is_a_usage_error(tmp_path):
    r = cli("qa", "scan", REVIEW / "scan_article.txt", "--json", "--json-out", tmp_path / "r.json")
    assert r.exit_code == 2 and "choose one" in r.stderr and not (tmp_path / "r.json").exists()
