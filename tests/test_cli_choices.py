"""Typed choices and language codes at the command line: a wrong value is one clear error with
exit code 2, never a traceback and never a silent pass."""

import json

import pytest
from conftest import ROOT, cli

from workbench.errors import InputError, MissingExtra, ModelNotFound, UsageError, WbError
from workbench.language import Language
from workbench.severity import FailOn, exit_code_for

ZH_DOC = ROOT / "corpus" / "zh" / "press_release_cib.txt"
REVIEW = ROOT / "corpus" / "review"


@pytest.mark.parametrize(
    "args",
    [
        ["translate", ZH_DOC, "--engine", "fake", "--device", "gpu0"],
        ["translate", ZH_DOC, "--engine", "fake", "--zh-variant", "bogus"],
        ["translate", ZH_DOC, "--engine", "nope"],
        ["translate", ZH_DOC, "--engine", "fake", "--format", "docx"],
        ["qa", "check", REVIEW / "zh_en_release.tsv", "--fail-on", "sometimes"],
        ["glossary", "lint", "--fail-on", "bogus"],
        ["glossary", "export", "--format", "xlsx"],
    ],
)
def test_bad_choice_is_a_usage_error(args, tmp_path):
    r = cli(*args, "-o", tmp_path / "o.txt") if args[0] == "translate" else cli(*args)
    assert r.exit_code == 2 and "Invalid value" in r.stderr and "Traceback" not in r.output
    assert not (tmp_path / "o.txt").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["translate", ZH_DOC, "--engine", "fake", "--to", "xx"],
        ["translate", ZH_DOC, "--engine", "fake", "--from", "klingon"],
        ["qa", "check", REVIEW / "zh_en_release.tsv", "--to", "xx"],
        ["qa", "scan", REVIEW / "scan_article.txt", "--lang", "xx"],
        ["glossary", "export", "--format", "deepl", "--to", "xx"],
    ],
)
def test_unknown_language_is_exit_2(args, tmp_path):
    r = cli(*args, "-o", tmp_path / "o.txt") if args[0] == "translate" else cli(*args)
    assert r.exit_code == 2, r.output
    assert "language" in r.stderr and "xx" in r.stderr or "klingon" in r.stderr
    assert "Traceback" not in r.output


def test_zh_tw_is_accepted_everywhere():
    r = cli("glossary", "export", "--format", "deepl", "--from", "zh-TW", "--to", "en-US")
    assert r.exit_code == 0 and "蔡清祥,Tsai Ching-hsiang" in r.stdout


def test_one_glossary_column_for_pt_br_in_translate_and_qa(tmp_path):
    """pt-BR: the same column (pt-br when the glossary has it) for enforcement and for checking."""
    g = tmp_path / "g.csv"
    g.write_text(
        "id,type,zh,en,en_variants,en_forbidden,status,note,pt-br,pt\n"
        "org.pf,org,聯邦警察,Federal Police,,,approved,n,Polícia Federal,Guarda Federal\n",
        encoding="utf-8",
    )
    src = tmp_path / "s.tsv"
    src.write_text("source\n聯邦警察\n", encoding="utf-8")
    out = tmp_path / "o.tsv"
    r = cli("translate", src, "--engine", "fake", "--to", "pt-BR", "-g", g, "--no-cache", "-o", out)
    assert r.exit_code == 0, r.output
    assert "Polícia Federal" in out.read_text(encoding="utf-8").splitlines()[1]
    assert "Guarda" not in out.read_text(encoding="utf-8")
    pairs = tmp_path / "p.tsv"
    pairs.write_text("source\ttarget\n聯邦警察\tGuarda Federal\n", encoding="utf-8")
    r = cli("qa", "check", pairs, "--from", "zh-TW", "--to", "pt-BR", "-g", g, "--json")
    assert r.exit_code == 1  # the pt column's form is not the pt-br one
    assert {f["check"] for f in json.loads(r.stdout)["findings"]} == {"term-missing"}


def test_error_root_carries_exit_codes():
    assert all(
        issubclass(e, WbError) for e in (InputError, UsageError, ModelNotFound, MissingExtra)
    )
    assert {e("x").exit_code for e in (UsageError, ModelNotFound, MissingExtra)} == {2}
    assert InputError([]).exit_code == 2


@pytest.mark.parametrize(
    "severities, fail_on, code",
    [
        (["warning"], FailOn.ERROR, 0),
        (["warning"], "warning", 1),
        (["info"], "warning", 0),
        (["info"], "info", 1),
        (["error"], "never", 0),
        ([], "info", 0),
        (["error", "info"], "error", 1),
    ],
)
def test_exit_code_rule(severities, fail_on, code):
    assert exit_code_for(severities, fail_on) == code


def test_exit_code_rule_refuses_unknown_levels():
    with pytest.raises(UsageError):
        exit_code_for(["error"], "sometimes")


@pytest.mark.parametrize("to", ["zh-CN", "zh-TW", "zh-Hans", "zh-HK"])
def test_chinese_target_script_follows_the_language_code(tmp_path, to):
    """--to zh-CN gives Simplified glossary terms too (the zh column is Traditional)."""
    src = tmp_path / "s.txt"
    src.write_text("The police bureau issued a Red Notice.\n", encoding="utf-8")
    out = tmp_path / "o.txt"
    r = cli("translate", src, "--engine", "fake", "--to", to, "--no-cache", "-o", out)
    assert r.exit_code == 0, r.output
    text = out.read_text(encoding="utf-8")
    simplified = Language.parse(to).simplified
    assert ("红色通缉令" in text) == simplified and ("紅色通緝令" in text) == (not simplified)


def test_vendor_export_for_simplified_chinese_is_simplified_and_labelled_so():
    r = cli("glossary", "export", "--format", "google", "--from", "en", "--to", "zh-CN")
    assert r.exit_code == 0, r.output
    header, *rows = r.stdout.splitlines()
    assert header == "en,zh-CN,description"
    assert "Office of the President,总统府,org.office-of-the-president" in rows
    deepl = cli("glossary", "export", "--format", "deepl", "--from", "zh-CN", "--to", "en").stdout
    sources = [line.split(",")[0] for line in deepl.splitlines()]
    assert "总统府" in sources and "總統府" not in sources and len(sources) == len(set(sources))
    tw = cli("glossary", "export", "--format", "google", "--from", "en", "--to", "zh-TW").stdout
    assert tw.startswith("en,zh-TW,") and "總統府" in tw
