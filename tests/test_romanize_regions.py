"""Romanization by region: Taiwan, Hong Kong, Macau, Singapore/Malaysia, mainland China."""

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from workbench import cantonese, hokkien, regions
from workbench.cli import app
from workbench.errors import InputError
from workbench.glossary import Glossary, is_language_column
from workbench.qa.run import scan
from workbench.romanize import VALID_VERDICTS, judge, match

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()

# People's own spellings, each judged by the person's region (the spelling is theirs, not derived
# from a list of names: the tests check that the rules derive it).
REAL = [
    ("李家超", "Lee Ka-chiu", "hk"), ("李家超", "John Lee Ka-chiu", "hk"),
    ("鄧炳強", "Chris Tang Ping-keung", "hk"), ("陳國基", "Eric Chan Kwok-ki", "hk"),
    ("林定國", "Paul Lam Ting-kwok", "hk"), ("曾蔭權", "Donald Tsang Yam-kuen", "hk"),
    ("梁振英", "Leung Chun-ying", "hk"), ("楊潤雄", "Kevin Yeung Yun-hung", "hk"),
    ("張建宗", "Matthew Cheung Kin-chung", "hk"), ("吳秋北", "Ng Chau-pei", "hk"),
    ("賀一誠", "Ho Iat Seng", "mo"), ("崔世安", "Chui Sai On", "mo"),
    ("何厚鏵", "Edmund Ho Hau Wah", "mo"),
    ("李顯龍", "Lee Hsien Loong", "sg"), ("吳作棟", "Goh Chok Tong", "sg"),
    ("張志賢", "Teo Chee Hean", "sg"), ("黃永宏", "Ng Eng Hen", "sg"),
    ("陳振聲", "Chan Chun Sing", "sg"), ("林勇", "Lim Yong", "my"),
    ("習近平", "Xi Jinping", "cn"), ("王小洪", "Wang Xiaohong", "cn"),
    ("陳斌華", "Chen Binhua", "cn"), ("朱鳳蓮", "Zhu Fenglian", "cn"), ("李強", "Li Qiang", "cn"),
    ("蔡清祥", "Tsai Ching-hsiang", "tw"), ("馬英九", "Ma Ying-jeou", "tw"),
    ("蕭美琴", "Hsiao Bi-khim", "tw"), ("游錫堃", "Yu Shyi-kun", "tw"),
]
WRONG = [
    ("習近平", "Hsi Chin-ping", "cn", "system-switch"),
    ("王小洪", "Wang Hsiao-hung", "cn", "system-switch"),
    ("李家超", "Li Jiachao", "hk", "system-switch"),
    ("李家超", "Li Chia-chao", "hk", "system-switch"),
    ("蔡清祥", "Cai Qingxiang", "tw", "system-switch"),
    ("周幼偉", "Zhou Youwei", "tw", "system-switch"),
    ("習近平", "Xi Jinpnig", "cn", "near-miss"),
    ("蔡清祥", "Tsai Chingxsiang", "tw", "near-miss"),
]


@pytest.mark.parametrize("hanzi,spelling,region", REAL)
def test_real_spellings_stand_in_their_region(hanzi, spelling, region):
    v = judge(spelling, hanzi, region)
    assert v.verdict in VALID_VERDICTS, v.message
    assert v.region == region


@pytest.mark.parametrize("hanzi,spelling,region,verdict", WRONG)
def test_wrong_spellings_are_reported(hanzi, spelling, region, verdict):
    v = judge(spelling, hanzi, region)
    assert v.verdict == verdict, v.message
    assert not v.valid


@pytest.mark.parametrize("hanzi,spelling,region", [
    ("李家超", "Lee Ka-chiu", "hk"), ("習近平", "Xi Jinping", "cn"),
    ("賀一誠", "Ho Iat Seng", "mo"),
    ("張志賢", "Teo Chee Hean", "sg"), ("鄧炳強", "Chris Tang Ping-keung", "hk"),
])
def test_region_inferred_from_the_spelling(hanzi, spelling, region):
    v = judge(spelling, hanzi)
    assert (v.region, v.region_inferred, v.verdict) == (region, True, "exact")
    assert regions.get(region).name in v.message


def test_english_given_name_is_set_aside():
    v = judge("John Lee Ka-chiu", "李家超", "hk")
    assert (v.verdict, v.english_name) == ("exact", "John")
    alone = judge("Lawrence Wong", "黃循財", "sg")
    assert (alone.verdict, alone.english_name) == ("unverified", "Lawrence")
    assert judge("Lawrence Chan", "黃循財", "sg").verdict == "not-a-rendering"


def test_non_derivable_spelling_of_unknown_person_is_unverified():
    v = judge("Chiang Pin-kung", "江丙坤", "tw")  # n for ng: Taiwanese usage, not proof of a slip
    assert v.verdict == "unverified" and v.valid
    assert "check the person's own usage" in v.message and "'ping'" in v.message


def test_typo_of_a_derivable_form_is_an_error():
    v = judge("Xi Jinpnig", "習近平", "cn")
    assert v.verdict == "near-miss" and not v.valid and "'ping'" in v.message


def test_explanation_names_the_usual_reading_not_a_rare_heteronym():
    # 治 has a rare reading chi2 whose pinyin is "chi"; the usual reading is zhi4, WG chih.
    v = judge("Mao Chi-kuo", "毛治國", "tw")
    assert v.verdict == "unverified"
    assert "zhi4" in v.message and "'chih'" in v.message and "chi2" not in v.message


def test_taiwan_accepts_a_pinyin_syllable_inside_a_passport_name_but_not_a_pinyin_name():
    assert judge("Yeh Hong-ming", "葉宏明", "tw").valid  # Hong: pinyin syllable Taiwan allows
    assert judge("Ye Hongming", "葉宏明", "tw").verdict == "system-switch"


def test_glossary_spelling_and_variants_decide_before_rules():
    assert judge("William Lai", "賴清德", "tw", "Lai Ching-te", ("William Lai",)).verdict == "exact"
    v = judge("Lai Qingde", "賴清德", "tw", "Lai Ching-te", ("William Lai",))
    assert v.verdict == "system-switch" and "Lai Ching-te" in v.message


def test_mainland_given_name_is_one_word():
    hyphen = judge("Xi Jin-ping", "習近平", "cn")
    assert hyphen.verdict == "system-switch" and "one word" in hyphen.message
    assert judge("XI Jinping", "習近平", "cn").verdict == "format-variant"  # case only
    assert judge("Lee Hsien Loong", "李顯龍", "sg").verdict == "exact"  # spaced is Singapore style
    assert match("Tsai Ching-hsiang", "蔡清祥").region == ""  # no region: Taiwan rules, as before


def test_cantonese_spellings_follow_government_style():
    hk = lambda jp: {s for s, systems in cantonese.spellings(jp).items() if "hk-gov" in systems}
    assert {"cheung"} <= hk("zoeng1") and "chan" in hk("can4") and "ng" in hk("ng4")
    assert "yeung" in hk("joeng4") and "tsang" in hk("zang1") and "kwok" in hk("gwok3")
    mo = lambda jp: {s for s, systems in cantonese.spellings(jp).items() if "macau" in systems}
    assert "iat" in mo("jat1") and "seng" in mo("sing4") and "ieong" in mo("joeng4")


def test_hokkien_spellings_from_tailo():
    assert "tan" in {s for r in hokkien.char_readings("陳") for s in hokkien.spellings(r)}
    assert "khim" in {s for r in hokkien.char_readings("琴") for s in hokkien.spellings(r)}
    assert "chua" in hokkien.spellings("tshua")


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(sorted({c for h, _, _ in REAL for c in h})),
       st.sampled_from(regions.REGION_IDS))
def test_every_reading_spells_as_lowercase_ascii(ch, region):
    for jp in cantonese.char_readings(ch):
        assert all(s.isascii() and s.isalpha() and s.islower() for s in cantonese.spellings(jp))
    for tl in hokkien.char_readings(ch):
        assert all(s.isascii() and s.isalpha() and s.islower() for s in hokkien.spellings(tl))


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="王李張陳林黃吳周徐孫馬朱胡郭何高羅鄭梁謝宋唐許韓馮鄧曹彭曾蕭田董袁潘",
               min_size=1, max_size=1),
       st.text(alphabet="明華國建文平志偉東海英秀玉美麗強軍傑德春新光", min_size=1, max_size=2))
def test_pinyin_rendering_is_exact_for_the_mainland(surname, given_name):
    from workbench.romanize import render

    hanzi = surname + given_name
    assert judge(render(hanzi, "pinyin"), hanzi, "cn").verdict == "exact"


# ---------------------------------------------------------------- glossary column


def test_region_column_loads_and_is_not_a_language(write_csv):
    path = write_csv(["p1,person,李家超,Lee Ka-chiu,John Lee,,approved,x,hk"],
                     header="id,type,zh,en,en_variants,en_forbidden,status,note,region")
    g = Glossary.load([path])
    assert g.entries[0].region == "hk"
    assert not is_language_column("region")


def test_unknown_region_is_located(write_csv):
    path = write_csv(["p1,person,李家超,Lee Ka-chiu,,,approved,x,hongkong"],
                     header="id,type,zh,en,en_variants,en_forbidden,status,note,region")
    with pytest.raises(InputError) as exc:
        Glossary.load([path])
    assert ":2:9:" in str(exc.value) and "unknown region" in str(exc.value)


# ---------------------------------------------------------------- CLI

REGION_GLOSSARY = """id,type,zh,en,en_variants,en_forbidden,status,note,region,source
person.test-xi,person,習近平,Xi Jinping,,,approved,test entry,cn,https://example.org/xi
person.test-lee,person,李家超,Lee Ka-chiu,John Lee|John Lee Ka-chiu,,approved,test entry,hk,https://example.org/lee
person.test-lai,person,賴清德,Lai Ching-te,William Lai,,approved,test entry,tw,https://example.org/lai
person.test-chou,person,周幼偉,Chou Yew-woei,,,approved,test entry,tw,https://example.org/chou
"""


@pytest.fixture
def region_glossary(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text(REGION_GLOSSARY, encoding="utf-8")
    return path


@pytest.mark.parametrize("args,code,verdict", [
    (["李家超", "--check", "Lee Ka-chiu", "--region", "hk"], 0, "exact"),
    (["李家超", "--check", "Li Jiachao", "--region", "hk"], 1, "system-switch"),
    (["習近平", "--check", "Hsi Chin-ping", "--region", "cn"], 1, "system-switch"),
    (["習近平", "--check", "Hsi Chin-ping"], 0, "exact"),  # inferred: a Taiwanese spelling
    (["江丙坤", "--check", "Chiang Pin-kung", "--region", "tw"], 0, "unverified"),
    (["習近平", "--check", "Xi Jinpnig", "--region", "cn"], 1, "near-miss"),
])
def test_cli_exit_codes(args, code, verdict, tmp_path):
    empty = tmp_path / "none.csv"
    empty.write_text("id,type,zh,en,en_variants,en_forbidden,status,note\n", encoding="utf-8")
    r = runner.invoke(app, ["romanize", *args, "--json", "-g", str(empty)])
    assert r.exit_code == code, r.output
    assert json.loads(r.output)["verdict"] == verdict


def test_cli_uses_glossary_variants_and_region(region_glossary):
    ok = runner.invoke(app, ["romanize", "賴清德", "--check", "William Lai",
                             "-g", str(region_glossary)])
    assert ok.exit_code == 0, ok.output
    bad = runner.invoke(app, ["romanize", "習近平", "--check", "Hsi Chin-ping", "--json",
                              "-g", str(region_glossary)])
    assert bad.exit_code == 1
    data = json.loads(bad.output)
    got = (data["verdict"], data["region"], data["canonical"])
    assert got == ("system-switch", "cn", "Xi Jinping")


def test_cli_says_when_the_region_is_inferred(tmp_path):
    empty = tmp_path / "none.csv"
    empty.write_text("id,type,zh,en,en_variants,en_forbidden,status,note\n", encoding="utf-8")
    r = runner.invoke(app, ["romanize", "李家超", "--check", "Lee Ka-chiu", "-g", str(empty)])
    assert r.exit_code == 0
    assert "[hk, inferred]" in r.output and "Hong Kong" in r.output


def test_cli_rejects_unknown_region():
    r = runner.invoke(app, ["romanize", "李家超", "--check", "Lee Ka-chiu", "--region", "hongkong"])
    assert r.exit_code == 2


# ---------------------------------------------------------------- QA on mainland and Hong Kong news

NAME_CHECKS = {"name-variant", "place-pinyin"}


def test_mainland_and_hong_kong_news_give_no_false_romanization_errors(region_glossary):
    g = Glossary.load([ROOT / "glossary", region_glossary])
    files = sorted((ROOT / "corpus" / "region").glob("*.txt"))
    assert len(files) >= 2
    found = scan(files, g).findings
    assert found.filter(found["check"].is_in(NAME_CHECKS)).height == 0
    plain = scan(files, Glossary.load([ROOT / "glossary"])).findings
    assert plain.filter(plain["check"].is_in(NAME_CHECKS)).height == 0


def test_wade_giles_mainland_and_pinyin_taiwanese_names_are_flagged(region_glossary, tmp_path):
    doc = tmp_path / "news.txt"
    doc.write_text("Hsi Chin-ping met envoys in Beijing.\n\n"
                   "Police chief Zhou Youwei spoke in Taipei.\n\n"
                   "Chief Executive John Lee Ka-chiu spoke in Hong Kong.\n", encoding="utf-8")
    g = Glossary.load([ROOT / "glossary", region_glossary])
    findings = scan([doc], g).findings
    found = findings.filter(findings["check"] == "name-variant")
    assert sorted(found["found"].to_list()) == ["Hsi Chin-ping", "Zhou Youwei"]
    assert set(found["severity"].to_list()) == {"error"}


def test_glossary_lint_reads_a_hong_kong_entry_in_cantonese(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text(
        "id,type,zh,en,en_variants,en_forbidden,status,note,region,source\n"
        "p.lee,person,李家超,Lee Ka-chiu,,,approved,t,hk,https://example.org/a\n"
        "p.typo,person,李家超,Lee Ka-chuu,,,proposed,t,hk,https://example.org/b\n",
        encoding="utf-8")
    r = runner.invoke(app, ["glossary", "lint", str(path), "--verbose"])
    lines = [x for x in r.output.splitlines() if "romanization" in x]
    assert any(":2:" in x and "info" in x and "exact" in x for x in lines), r.output
    assert any(":3:" in x and "warning" in x and "'chiu'" in x for x in lines), r.output


def test_typo_in_a_name_with_its_hanzi_is_a_warning_even_outside_the_glossary(tmp_path):
    doc = tmp_path / "news.txt"
    doc.write_text("Xi Jinpnig (習近平) met John Lee Ka-chiu (李家超) and Chen Binhua (陳斌華).\n",
                   encoding="utf-8")
    empty = tmp_path / "none.csv"
    empty.write_text("id,type,zh,en,en_variants,en_forbidden,status,note\n", encoding="utf-8")
    findings = scan([doc], Glossary.load([empty])).findings
    named = findings.filter(findings["check"] == "name-variant")
    assert named["found"].to_list() == ["Xi Jinpnig"]
    assert named["severity"].to_list() == ["warning"]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcdehiklmnoprstuwyz ABCKLTW-',")), max_size=30),
       st.sampled_from([None, *regions.REGION_IDS]))
def test_any_spelling_gets_a_verdict_never_an_exception(spelling, region):
    from workbench.romanize import VERDICTS

    v = judge(spelling, "李家超", region)
    assert v.verdict in VERDICTS
    assert v.valid == (v.verdict in VALID_VERDICTS)


def test_slip_of_a_name_seen_elsewhere_in_the_document_set_is_a_warning(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Minister Wang Xiaohong spoke in Beijing.\n", encoding="utf-8")
    b.write_text("Later Wang Xioahong said police were ready.\n\nWang Xiaodong is another man.\n",
                 encoding="utf-8")
    empty = tmp_path / "none.csv"
    empty.write_text("id,type,zh,en,en_variants,en_forbidden,status,note\n", encoding="utf-8")
    findings = scan([a, b], Glossary.load([empty])).findings
    slips = findings.filter(findings["check"] == "name-inconsistent")
    assert slips["found"].to_list() == ["Wang Xioahong"]  # Xiaodong: valid, maybe another person
    assert slips["expected"].to_list() == ["Wang Xiaohong"]
    assert slips["severity"].to_list() == ["warning"]
