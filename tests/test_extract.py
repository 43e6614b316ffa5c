"""`wb glossary extract`: harvest patterns, verdicts against the glossary, precision and recall on
the annotated sample (tests/data/extract/), outputs and --merge."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from conftest import ROOT, cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.extract import (
    HARVESTERS,
    evaluate,
    extract,
    merge_into,
    to_csv,
    to_html,
    to_markdown,
)
from workbench.glossary import Glossary
from workbench.lint import lint

SAMPLE = ROOT / "tests" / "data" / "extract"
SEEDS = ROOT.parent.parent / "shared" / "seeds"
if not SEEDS.is_dir():
    SEEDS = Path("/work/shared/seeds")


def sample_files() -> list[Path]:
    return sorted((SAMPLE / "articles").glob("*.txt")) + [SAMPLE / "bilingual.tsv"]


def run_on(tmp_path: Path, text: str, glossary: Glossary, name: str = "a.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract([path], glossary)


def by_en(result) -> dict:
    return {c.en: c for c in result.candidates + result.incomplete}


@pytest.fixture(scope="module")
def sample_result(glossary):
    return extract(sample_files(), glossary)


def test_sample_precision_and_recall(sample_result):
    score = evaluate(sample_result, SAMPLE / "gold.tsv")
    assert score.gold >= 45
    assert score.precision >= 0.90, score.wrong
    assert score.recall >= 0.80, score.missed
    assert score.verdicts_right >= 0.9 * score.found


def test_holdout_precision_and_recall(glossary):
    """A second sample, written before the tool was run on it (see BENCHMARKS.md)."""
    result = extract(sorted((SAMPLE / "holdout").glob("*.txt")), glossary)
    score = evaluate(result, SAMPLE / "holdout" / "gold.tsv")
    assert score.precision >= 0.90, score.wrong
    assert score.recall >= 0.80, score.missed


def test_english_name_with_characters_is_known_with_context(tmp_path, glossary):
    r = run_on(
        tmp_path, "Earlier, Justice Minister Tsai Ching-hsiang (蔡清祥) met Eurojust.\n", glossary
    )
    c = by_en(r)["Tsai Ching-hsiang"]
    assert (c.zh, c.verdict, c.target, c.type) == (
        "蔡清祥",
        "known",
        "person.tsai-ching-hsiang",
        "person",
    )
    assert c.contexts[0].startswith(f"{tmp_path / 'a.txt'}:1: ")
    assert c.romanization == "wade-giles" and c.region == "tw"


def test_new_person_from_chinese_with_title_prefix_trimmed(tmp_path, glossary):
    r = run_on(tmp_path, "偵查隊長林政勳（Lin Cheng-hsun）說明案情。\n", glossary)
    c = by_en(r)["Lin Cheng-hsun"]
    assert (c.zh, c.verdict, c.type) == ("林政勳", "new", "person")


def test_chinese_org_with_initialism_is_known(tmp_path, glossary):
    r = run_on(
        tmp_path, "今日內政部刑事警察局（Criminal Investigation Bureau, CIB）表示\n", glossary
    )
    c = by_en(r)["Criminal Investigation Bureau"]
    assert c.verdict == "known" and c.target == "org.cib" and "CIB" in c.abbrs
    assert c.zh == "刑事警察局"


def test_initialism_trims_the_english_to_its_letters(tmp_path, glossary):
    r = run_on(
        tmp_path,
        "He praised the work of the Eastport Harbour Patrol Command (EHPC) today.\n",
        glossary,
    )
    assert list(by_en(r)) == ["Eastport Harbour Patrol Command"]
    assert r.candidates == []  # no Chinese form: summary only, never a CSV row without zh


def test_title_before_name(tmp_path, glossary):
    r = run_on(tmp_path, "On Monday, Commissioner Chou Yew-woei met the delegation.\n", glossary)
    c = by_en(r)["Chou Yew-woei"]
    assert c.verdict == "known" and c.zh == "周幼偉"


@pytest.mark.parametrize(
    ("text", "en", "verdict", "target"),
    [
        (
            "Police chief Chou Yew-wei (周幼偉) spoke.\n",
            "Chou Yew-wei",
            "conflict with",
            "person.chou-yew-woei",
        ),
        (
            "Then Huang Ming-zhao (黃明昭) spoke.\n",
            "Huang Ming-zhao",
            "conflict with",
            "person.huang-ming-chao",
        ),
        (
            "Officers of the Criminal Police Bureau (刑事警察局) came.\n",
            "Criminal Police Bureau",
            "conflict with",
            "org.cib",
        ),
        (
            "台籍男子劉洪濤（Liu Hung-tao）被捕。\n",
            "Liu Hung-tao",
            "conflict with",
            "person.liu-hung-tao",
        ),
        (
            "Then Chou Yew-Woei (周幼偉) spoke.\n",
            "Chou Yew-Woei",
            "variant-of",
            "person.chou-yew-woei",
        ),
        (
            "Losses to pig-butchering scams (殺豬盤) rose.\n",
            "pig-butchering scams",
            "variant-of",
            "term.pig-butchering",
        ),
    ],
)
def test_verdicts_against_the_glossary(tmp_path, glossary, text, en, verdict, target):
    c = by_en(run_on(tmp_path, text, glossary))[en]
    assert (c.verdict, c.target) == (verdict, target)


@pytest.mark.parametrize(
    "text",
    [
        "Officers (pictured) came on Thursday (UTC+8) with NT$3.2 million (US$100,000).\n",
        "A man (name withheld) was wanted since 2021 (see below); losses (year on year) fell.\n",
        "嫌犯於上午十點（台灣時間）被帶回，查扣現金（含外幣），請撥打165查證（Call 165）。\n",
        "A suspect surnamed Chang (張) was held.\n",
        "發言人說（英文原文：We will act now）。\n",
    ],
)
def test_non_terms_are_not_proposed(tmp_path, glossary, text):
    r = run_on(tmp_path, text, glossary)
    assert r.candidates == [] and r.incomplete == []


def test_bilingual_names_aligned_by_romanization_and_orgs_by_cooccurrence(tmp_path, glossary):
    tsv = (
        "source\ttarget\n"
        "警員蔡宗翰在新北查獲毒品。\tOfficer Tsai Tsung-han seized drugs in New Taipei.\n"
        "濱海分局表示嫌犯已認罪。\tThe Seaside Precinct said the suspect confessed.\n"
        "濱海分局去年破案四十件。\tLast year the Seaside Precinct solved forty cases.\n"
    )
    r = run_on(tmp_path, tsv, glossary, "pairs.tsv")
    found = {(c.zh, c.en): c for c in r.candidates}
    assert found[("蔡宗翰", "Tsai Tsung-han")].mentions[0].harvester == "aligned-name"
    assert found[("濱海分局", "Seaside Precinct")].frequency == 2
    assert len(found) == 2


def test_ambiguous_alignment_is_not_guessed(tmp_path, glossary):
    tsv = "source\ttarget\n林志明與林志名出庭。\tOfficer Lin Chih-ming testified.\n"
    assert run_on(tmp_path, tsv, glossary, "pairs.tsv").candidates == []


def test_candidates_csv_passes_lint_and_merge_never_duplicates(tmp_path, sample_result):
    out = tmp_path / "candidates.csv"
    out.write_text(to_csv(sample_result), encoding="utf-8")
    proposed = Glossary.load([out])
    assert not [f for f in lint(proposed) if f.severity == "error"]
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert {r["status"] for r in rows} == {"proposed"}
    assert all(r["contexts"] and r["verdict"] for r in rows)

    target = tmp_path / "people.csv"
    original = (ROOT / "glossary" / "people.csv").read_text(encoding="utf-8")
    target.write_text(original, encoding="utf-8")
    shipped = Glossary.load([ROOT / "glossary"])
    added = merge_into(target, sample_result, shipped)
    new = [c for c in sample_result.candidates if c.verdict == "new"]
    assert sorted(added) == sorted(c.id for c in new)
    text = target.read_text(encoding="utf-8")
    assert text.startswith(original)
    merged = Glossary.load([target])  # ids unique, else load raises
    assert len(merged) == len(Glossary.load([ROOT / "glossary" / "people.csv"])) + len(added)
    assert merge_into(target, sample_result, shipped) == []  # a second merge adds nothing
    assert target.read_text(encoding="utf-8") == text


def test_summaries_name_every_candidate(sample_result):
    md, page = to_markdown(sample_result), to_html(sample_result)
    for c in sample_result.candidates:
        assert c.en in md and c.zh in md
        assert c.zh in page
    assert "conflict with person.chou-yew-woei" in md


def test_cli_extract_writes_outputs_and_merges(tmp_path):
    files = [str(f) for f in sample_files()]
    target = tmp_path / "proposed.csv"
    r = cli(
        "glossary",
        "extract",
        *files,
        "-o",
        tmp_path / "c.csv",
        "--md-out",
        tmp_path / "s.md",
        "--html-out",
        tmp_path / "s.html",
        "--merge",
        target,
    )
    assert r.exit_code == 0, r.output
    assert (tmp_path / "c.csv").read_text(encoding="utf-8").startswith("id,type,zh")
    assert "| verdict |" in (tmp_path / "s.md").read_text(encoding="utf-8")
    assert cli("glossary", "lint", target).exit_code == 0


def test_cli_bad_input_exits_2(tmp_path):
    r = cli("glossary", "extract", tmp_path / "missing.txt")
    assert r.exit_code == 2 and "missing.txt" in r.output and "Traceback" not in r.output
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"source": "x"\n', encoding="utf-8")
    r = cli("glossary", "extract", bad)
    assert r.exit_code == 2 and "bad.jsonl:1" in r.output


@pytest.mark.skipif(not (SEEDS / "004_bilateral_cooperation.txt").is_file(), reason="no seeds")
def test_seed_articles_propose_tsai_and_liu_as_known(glossary):
    r = extract(sorted(SEEDS.glob("*.txt")), glossary)
    found = {c.en: c for c in r.candidates}
    for en, zh in (("Tsai Ching-hsiang", "蔡清祥"), ("Liu Hung-tao", "劉鴻濤")):
        assert found[en].zh == zh and found[en].verdict == "known" and found[en].contexts
    assert all(c.verdict == "known" and c.type in ("person", "org", "place") for c in r.candidates)
    assert all(c.type == "org" for c in r.incomplete)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.sampled_from(
            list("abcAB CIT()（）,，;林政勳刑事局警署 -'’")
            + ["Lin ", "Chou ", "Cheng-hsun", "Bureau", "of "]
        ),
        max_size=30,
    ).map("".join)
)
def test_harvesters_never_crash_and_quote_the_text(glossary, text):
    for name, fn in HARVESTERS.items():
        for m in fn(text, "f.txt", 1, glossary):
            assert m.en and m.en in text, name
            assert not m.zh or m.zh in text, name


def test_simplified_text_gives_a_traditional_zh_in_the_csv(tmp_path, glossary):
    r = run_on(tmp_path, "警方逮捕嫌犯刘志伟（Liu Chih-wei）。\n", glossary)
    rows = list(csv.DictReader(io.StringIO(to_csv(r))))
    found = [(row["zh"], row["en"], row["verdict"]) for row in rows]
    assert found == [("劉志偉", "Liu Chih-wei", "new")]
    assert "刘志伟" in rows[0]["note"]
    out = tmp_path / "c.csv"
    out.write_text(to_csv(r), encoding="utf-8")
    assert not [f for f in lint(Glossary.load([out])) if f.code == "simplified-zh"]


@pytest.mark.parametrize("text", [
    "Suspect Lin Cheng-hsun (林政勳, 41) was held.\n",
    "Suspect Lin Cheng-hsun (Chinese: 林政勳) was held.\n",
])
def test_a_name_with_extra_words_in_the_parentheses(tmp_path, glossary, text):
    c = by_en(run_on(tmp_path, text, glossary))["Lin Cheng-hsun"]
    assert c.zh == "林政勳"


def test_a_term_with_extra_words_in_the_parentheses_is_not_guessed(tmp_path, glossary):
    r = run_on(tmp_path, "The Harbour Watch (港灣守望, founded 2019) grew.\n", glossary)
    assert r.candidates == [] and r.incomplete == []


def test_forms_of_address_are_not_names(tmp_path, glossary):
    r = run_on(tmp_path, "Mr Chen (陳先生) declined. 黃女士（Ms Huang）同意。\n", glossary)
    assert r.candidates == [] and r.incomplete == []


def test_a_listed_wrong_form_is_a_conflict_even_with_a_new_other_side(tmp_path, glossary):
    r = run_on(tmp_path, "Officers of the Criminal Police Bureau (刑警總局) came.\n", glossary)
    c = by_en(r)["Criminal Police Bureau"]
    assert (c.verdict, c.target) == ("conflict with", "org.cib")


def test_a_folder_is_refused_with_one_line(tmp_path):
    r = cli("glossary", "extract", tmp_path)
    assert r.exit_code == 2 and "a folder" in r.output and "Traceback" not in r.output


def test_a_known_owner_before_a_name_is_left_out(tmp_path, glossary):
    r = run_on(tmp_path, "A raid in Taichung's Riverside Precinct (河濱分局) ended.\n", glossary)
    assert [(c.zh, c.en) for c in r.candidates] == [("河濱分局", "Riverside Precinct")]


def test_merge_into_an_input_is_refused_and_leaves_it_alone(tmp_path):
    article = tmp_path / "a.txt"
    text = "Inspector Lin Cheng-hsun (林政勳) spoke.\n"
    article.write_text(text, encoding="utf-8")
    r = cli("glossary", "extract", article, "-o", tmp_path / "c.csv", "--merge", article)
    assert r.exit_code == 2 and "input" in r.output
    assert article.read_text(encoding="utf-8") == text
    assert not (tmp_path / "c.csv").exists()  # refused before anything was written


def test_a_western_name_after_a_chinese_title(tmp_path, glossary):
    r = run_on(tmp_path, "協會處長高文德（Walter Gordon）今天表示支持。\n", glossary)
    assert [(c.zh, c.en, c.type) for c in r.candidates] == [("高文德", "Walter Gordon", "person")]


def test_a_western_name_after_an_english_title(tmp_path, glossary):
    r = run_on(tmp_path, "Association Director Walter Gordon (高文德) spoke.\n", glossary)
    assert [(c.zh, c.en, c.type) for c in r.candidates] == [("高文德", "Walter Gordon", "person")]
