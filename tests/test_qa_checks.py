"""Every QA check: true positives and clean negatives, on small pairs written for the test."""

import csv

import pytest

from workbench.glossary import Glossary, read_glossary_csv
from workbench.qa.run import check, scan

GLOSSARY = """id,type,zh,zh_forbidden,en,en_variants,en_forbidden,status,romanization,note
org.cib,org,刑事警察局,,Criminal Investigation Bureau,CIB,Criminal Police Bureau,approved,,n
org.old,org,國際刑警局,,Old Bureau,,,deprecated,,n
person.chou,person,周幼偉,周友偉,Chou Yew-woei,,,approved,gwoyeu,n
person.tsai,person,蔡清祥,,Tsai Ching-hsiang,,,approved,wade-giles,n
place.kaohsiung,place,高雄,,Kaohsiung,,,approved,custom,n
term.red,term,紅色通緝令,,Red Notice,,red arrest warrant,approved,,n
term.hf,term,人口販運,,human trafficking,,human smuggling,approved,,n
term.hs,term,人口走私,,human smuggling,,,approved,,n
"""


@pytest.fixture(scope="module")
def glossary():
    return Glossary(read_glossary_csv("g.csv", text=GLOSSARY))


def run(tmp_path, glossary, pairs, name="t.tsv", **kw):
    path = tmp_path / name
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["source", "target"])
        w.writerows(pairs)
    return check([path], glossary, **kw)


def found(result, check_id=None):
    rows = result.findings.to_dicts()
    return [(r["segment"], r["check"], r["found"]) for r in rows if check_id in (None, r["check"])]


def test_clean_pairs_give_no_findings(tmp_path, glossary):
    r = run(tmp_path, glossary, [
        ("刑事警察局局長周幼偉表示，共有2,713名被害人。", "CIB head Chou Yew-woei said there were 2,713 victims."),
        ("高雄的人口販運案件。", "Human trafficking cases in Kaohsiung."),
        ("嫌犯遭發布紅色通緝令。", "A Red Notice was issued for the suspect."),
    ])
    assert found(r) == []


def test_term_missing_and_what_stands_instead(tmp_path, glossary):
    r = run(tmp_path, glossary, [("刑事警察局表示。", "The police bureau said.")])
    assert found(r) == [(1, "term-missing", None)]
    row = r.findings.row(0, named=True)
    assert row["term"] == "org.cib" and row["expected"] == "Criminal Investigation Bureau" and row["source_span"] == "刑事警察局"


def test_term_forbidden_only_where_its_source_term_stands(tmp_path, glossary):
    r = run(tmp_path, glossary, [
        ("人口販運案件。", "Human smuggling cases."),
        ("人口走私案件。", "Human smuggling cases."),
        ("刑事警察局表示。", "The Criminal Police Bureau said."),
    ])
    assert found(r, "term-forbidden") == [(1, "term-forbidden", "Human smuggling"), (3, "term-forbidden", "Criminal Police Bureau")]
    assert found(r, "term-missing") == []


def test_term_deprecated(tmp_path, glossary):
    r = run(tmp_path, glossary, [("國際刑警局表示。", "The Old Bureau said.")])
    assert found(r, "term-deprecated") == [(1, "term-deprecated", "Old Bureau")]


@pytest.mark.parametrize("target, severity", [
    ("Zhou Youwei said.", "error"),  # pinyin
    ("Chiu Yew-woei said.", "error"),  # near miss
    ("Chou Yu-wei said.", "error"),  # another system
    ("Yew-woei Chou said.", "warning"),  # order only
])
def test_name_variant(tmp_path, glossary, target, severity):
    r = run(tmp_path, glossary, [("周幼偉表示。", target)])
    rows = [x for x in r.findings.to_dicts() if x["check"] == "name-variant"]
    assert len(rows) == 1 and rows[0]["severity"] == severity and rows[0]["term"] == "person.chou"
    assert found(r, "term-missing") == []


def test_name_inconsistent_across_files(tmp_path, glossary):
    a = run(tmp_path, glossary, [("周幼偉表示。", "Chou Yew-woei said.")], name="a.tsv")
    assert found(a, "name-inconsistent") == []
    path_b = tmp_path / "b.tsv"
    path_b.write_text("source\ttarget\n周幼偉表示。\tChou Yu-wei said.\n", encoding="utf-8")
    r = check([tmp_path / "a.tsv", path_b], glossary)
    [row] = [x for x in r.findings.to_dicts() if x["check"] == "name-inconsistent"]
    assert row["file"].endswith("b.tsv") and "Chou Yew-woei' ×1" in row["message"] and "Chou Yu-wei' ×1" in row["message"]


def test_name_inconsistent_for_hanzi_outside_the_glossary(tmp_path, glossary):
    r = run(tmp_path, glossary, [
        ("王小明表示。", "Wang Hsiao-ming (王小明) said."),
        ("王小明也表示。", "Wang Xiaoming (王小明) also said."),
    ])
    [row] = [x for x in r.findings.to_dicts() if x["check"] == "name-inconsistent"]
    assert row["segment"] == 2 and row["source_span"] == "王小明"


def test_place_pinyin(tmp_path, glossary):
    r = run(tmp_path, glossary, [("高雄市。", "Gaoxiong City.")])
    assert found(r) == [(1, "place-pinyin", "Gaoxiong")]


@pytest.mark.parametrize("source, target, ok", [
    ("共查扣1億321萬元。", "NT$103.21 million was seized.", True),
    ("共查扣1億321萬元。", "More than NT$103 million was seized.", True),
    ("共查扣1億321萬元。", "NT$130.21 million was seized.", False),
    ("民國114年3月。", "March 2025.", True),
    ("百分之五的被害人。", "5 percent of victims.", True),
    ("被害人共2,713人。", "There were 2,731 victims.", False),
    ("被害人共２７１３人。", "There were 2,713 victims.", True),
])
def test_number_mismatch(tmp_path, glossary, source, target, ok):
    r = run(tmp_path, glossary, [(source, target)])
    assert (found(r, "number-mismatch") == []) is ok


@pytest.mark.parametrize("target, message", [
    ("", "target is empty"),
    ("刑事警察局表示說明", "identical"),
    ("The Criminal Investigation Bureau 表示.", "Chinese text left"),
])
def test_untranslated(tmp_path, glossary, target, message):
    r = run(tmp_path, glossary, [("刑事警察局表示說明", target)])
    rows = [x for x in r.findings.to_dicts() if x["check"] == "untranslated"]
    assert len(rows) == 1 and message in rows[0]["message"]


def test_hanzi_in_parentheses_after_a_name_is_not_untranslated(tmp_path, glossary):
    r = run(tmp_path, glossary, [("蔡清祥表示。", "Tsai Ching-hsiang (蔡清祥) said.")])
    assert found(r) == []


def test_script_traditional_and_simplified_targets(tmp_path, glossary):
    r = run(tmp_path, glossary, [("The CIB said.", "刑事警察局发表声明。")], target_lang="zh-TW")
    assert found(r, "script") == [(1, "script", "发声")]
    r = run(tmp_path, glossary, [("The CIB said.", "刑事警察局發表聲明。")], target_lang="zh-CN")
    assert found(r, "script") == [(1, "script", "發聲")]
    r = run(tmp_path, glossary, [("The CIB said.", "刑事警察局发表声明。")], target_lang="zh-CN")
    assert found(r, "script") == []


def test_zh_forbidden_homophone_in_chinese_target(tmp_path, glossary):
    r = run(tmp_path, glossary, [("Chou Yew-woei said.", "周友偉表示。")])
    assert found(r, "term-forbidden") == [(1, "term-forbidden", "周友偉")]


def test_inconsistent_translation_both_ways(tmp_path, glossary):
    r = run(tmp_path, glossary, [
        ("今天天氣很好，我們出發。", "The weather is fine today, let's go."),
        ("今天天氣很好，我們出發。", "Today the weather is good, we leave."),
        ("明天見，大家再會。", "See you tomorrow, everyone."),
        ("明日見，各位再會。", "See you tomorrow, everyone."),
        ("今天天氣很好，我們出發。", "The weather is fine today, let's go."),
    ])
    assert found(r, "inconsistent-translation") == [(2, "inconsistent-translation", "Today the weather is good, we leave."),
                                                    (4, "inconsistent-translation", "See you tomorrow, everyone.")]


def test_punctuation(tmp_path, glossary):
    r = run(tmp_path, glossary, [("他說，然後離開。", "He said，then left."), ("他說。", "He said.")], source_lang="zh", target_lang="en")
    assert [(x["segment"], x["severity"], x["found"]) for x in r.findings.to_dicts()] == [(1, "warning", "，")]
    r = run(tmp_path, glossary, [("He said (then left.", "他說（然後離開。"), ("He said.", "他說,然後離開。"), ("He spoke.", "他講話。")], source_lang="en", target_lang="zh-TW")
    assert [(x["segment"], x["severity"], x["found"]) for x in r.findings.to_dicts()] == [(2, "info", ",")]
    r = run(tmp_path, glossary, [("他說（然後）離開。", "He said (then left.")], source_lang="zh", target_lang="en")
    assert found(r, "punctuation") == [(1, "punctuation", "(")]


def test_scan_monolingual_english(tmp_path, glossary):
    doc = tmp_path / "a.txt"
    doc.write_text("Minister Cai Qingxiang met Chou Yew-woei in Gaoxiong.\nThe Criminal Police Bureau said.\nTsai Ching-hsiang left.\n", encoding="utf-8")
    r = scan([doc], glossary)
    got = found(r)
    assert (1, "name-variant", "Cai Qingxiang") in got and (1, "place-pinyin", "Gaoxiong") in got
    assert (2, "term-forbidden", "Criminal Police Bureau") in got
    assert any(c == "name-inconsistent" for _, c, _ in got)
    assert not any(seg == 3 and c == "name-variant" for seg, c, _ in got)


def test_scan_monolingual_chinese(tmp_path, glossary):
    doc = tmp_path / "a.txt"
    doc.write_text("周友偉表示，刑事警察局发表声明。\n", encoding="utf-8")
    r = scan([doc], glossary)
    assert sorted(c for _, c, _ in found(r)) == ["script", "term-forbidden"]


def test_language_detection():
    from workbench.bilingual import detect_language

    assert detect_language(["Das Bundeskriminalamt und die Polizei haben den Fall untersucht."]) == "de"
    assert detect_language(["La police et le parquet ont ouvert une enquête sur la fraude."]) == "fr"
    assert detect_language(["Policja i prokuratura wszczęły śledztwo, które nie jest nowe."]) == "pl"
    assert detect_language(["The police said that the case is closed."]) == "en"
    assert detect_language(["刑事警察局表示"]) == "zh"


def test_zh_to_german_uses_the_de_column(tmp_path):
    g = Glossary(read_glossary_csv("g.csv", text=(
        "id,type,zh,en,en_variants,en_forbidden,de,de_variants,de_forbidden,status,note\n"
        "term.fraud,term,詐騙,fraud,,,Betrug,,Schwindel,approved,n\n"
        "org.bka,org,德國聯邦刑事警察局,Federal Criminal Police Office,BKA,,Bundeskriminalamt,BKA,,approved,n\n")))
    r = run(tmp_path, g, [
        ("德國聯邦刑事警察局調查詐騙案，查扣1億321萬元。", "Das Bundeskriminalamt ermittelt in dem Betrug und hat 103,21 Millionen beschlagnahmt."),
        ("德國聯邦刑事警察局調查詐騙案。", "Die Polizei ermittelt in dem Schwindel mit der Bundespolizei."),
    ])
    assert r.directions[str(tmp_path / "t.tsv")] == "zh→de"
    assert found(r) == [(2, "term-forbidden", "Schwindel"), (2, "term-missing", None)]
