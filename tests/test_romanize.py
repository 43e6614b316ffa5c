"""Romanization engine: a table of judged cases, syllable round trips and properties."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.romanize import (
    RENDER_SYSTEMS,
    Reading,
    compare,
    find_names,
    match,
    parse,
    readings,
    render,
    spell,
    spellings_of,
    split_surname,
    syllable_table,
)

# ---- romanization.md and issue examples: (candidate, canonical, hanzi, verdict)
DOC_CASES = [
    ("Chou Yu-wei", "Chou Yew-woei", "周幼偉", "system-switch"),
    ("Zhou Youwei", "Chou Yew-woei", "周幼偉", "system-switch"),
    ("Yu-wei Chou", "Chou Yew-woei", "周幼偉", "format-variant"),
    ("Chou Yu-Wei", "Chou Yew-woei", "周幼偉", "format-variant"),
    ("CHOU, YEW-WOEI", "Chou Yew-woei", "周幼偉", "exact"),
    ("Chiu Yu-wei", "Chou Yew-woei", "周幼偉", "near-miss"),
    ("Chou Yew-woei", "Chou Yew-woei", "周幼偉", "exact"),
    ("Tsai Chinghsiang", "Tsai Ching-hsiang", "蔡清祥", "format-variant"),
    ("Ts'ai Ch'ing-hsiang", "Tsai Ching-hsiang", "蔡清祥", "exact"),
    ("Ts\u2019ai Ch\u2019ing-hsiang", "Tsai Ching-hsiang", "蔡清祥", "exact"),
    ("Tsai Chin-hsiang", "Tsai Ching-hsiang", "蔡清祥", "near-miss"),
    ("Cai Qingxiang", "Tsai Ching-hsiang", "蔡清祥", "system-switch"),
    ("TSAI CHING-HSIANG", "Tsai Ching-hsiang", "蔡清祥", "exact"),
    ("Ching-hsiang Tsai", "Tsai Ching-hsiang", "蔡清祥", "format-variant"),
    ("Tsai Ching Hsiang", "Tsai Ching-hsiang", "蔡清祥", "format-variant"),
    ("Lei Ching-te", "Lai Ching-te", "賴清德", "near-miss"),
    ("Lai Qingde", "Lai Ching-te", "賴清德", "system-switch"),
    ("Liu Shih-fang", "Liu Shyh-fang", "劉世芳", "system-switch"),
    ("Liu Shifang", "Liu Shyh-fang", "劉世芳", "system-switch"),
    ("Ma Ying-chiu", "Ma Ying-jeou", "馬英九", "system-switch"),
    ("Ma Ying-jiu", "Ma Ying-jeou", "馬英九", "system-switch"),
    ("Liu Hongtao", "Liu Hung-tao", "劉鴻濤", "system-switch"),
    ("Liu Hung-tao", "Liu Hung-tao", "劉鴻濤", "exact"),
    ("Liu Hung-Tao", "Liu Hung-tao", "劉鴻濤", "format-variant"),
    ("Liu Hong-tao", "Liu Hung-tao", "劉鴻濤", "system-switch"),
    ("Lu Hung-tao", "Liu Hung-tao", "劉鴻濤", "near-miss"),
    # Hokkien and Western given names: judged on the spelling, never a false exact from the hanzi
    ("Xiao Meiqin", "Hsiao Bi-khim", "蕭美琴", "system-switch"),
    ("Hsiao Mei-chin", "Hsiao Bi-khim", "蕭美琴", "system-switch"),
    ("Hsiao Bi-khim", "Hsiao Bi-khim", "蕭美琴", "exact"),
    ("Hsiao Bi-kim", "Hsiao Bi-khim", "蕭美琴", "near-miss"),
    ("Lu Hsiu-lien", "Annette Lu", "呂秀蓮", "system-switch"),
    ("Annette Lu", "Annette Lu", "呂秀蓮", "exact"),
    ("Anette Lu", "Annette Lu", "呂秀蓮", "near-miss"),
    ("Joseph Wu", "Joseph Wu", "吳釗燮", "exact"),
    ("Wu Chao-hsieh", "Joseph Wu", "吳釗燮", "system-switch"),
]


@pytest.mark.parametrize("candidate, canonical, hanzi, verdict", DOC_CASES)
def test_compare_with_canonical(candidate, canonical, hanzi, verdict):
    assert compare(candidate, canonical, hanzi).verdict == verdict


# ---- match against hanzi only (no canonical): (candidate, hanzi, verdict)
MATCH_CASES = [
    ("Chou Yu-wei", "周幼偉", "exact"),
    ("Chou Yew-woei", "周幼偉", "exact"),
    ("Zhou Youwei", "周幼偉", "system-switch"),
    ("Chiu Yu-wei", "周幼偉", "near-miss"),
    ("CHOU, YEW-WOEI", "周幼偉", "exact"),
    ("Yu-wei Chou", "周幼偉", "format-variant"),
    ("chou yu-wei", "周幼偉", "format-variant"),
    ("Tsai Ching-hsiang", "蔡清祥", "exact"),
    ("Cai Qingxiang", "蔡清祥", "system-switch"),
    ("Tsai Chin-hsiang", "蔡清祥", "near-miss"),
    ("Tsai Cing-siang", "蔡清祥", "system-switch"),
    ("Lai Ching-te", "賴清德", "exact"),
    ("Lei Ching-te", "賴清德", "near-miss"),
    ("Ma Ying-jeou", "馬英九", "exact"),
    ("Liu Shyh-fang", "劉世芳", "exact"),
    ("Smith Jones", "劉世芳", "not-a-rendering"),
    ("Liu Shyh", "劉世芳", "not-a-rendering"),
    ("刘世芳", "劉世芳", "not-a-rendering"),
    # the surname table: pypinyin's usual reading is the wrong one for these surnames
    ("Tseng Wen-chang", "曾文昌", "exact"),
    ("Ceng Wen-chang", "曾文昌", "other-reading"),
    ("Shan Kuo-hsi", "單國璽", "exact"),
    ("Tan Kuo-hsi", "單國璽", "other-reading"),
    ("Hsieh Ming-hui", "解明輝", "exact"),
    ("Chieh Ming-hui", "解明輝", "other-reading"),
    ("Chiu Chin-tai", "仇金泰", "exact"),
    ("Chou Chin-tai", "仇金泰", "other-reading"),
    ("Ou Chin-te", "區金德", "exact"),
    ("Chu Chin-te", "區金德", "other-reading"),
    ("Yueh Fei", "樂飛", "exact"),
    ("Le Fei", "樂飛", "other-reading"),
    ("Chin Hsiao-hui", "覃曉慧", "exact"),
    ("Tan Hsiao-hui", "覃曉慧", "other-reading"),
    ("Miao Yu-ling", "繆玉玲", "exact"),
    ("Mou Yu-ling", "繆玉玲", "other-reading"),
    ("Yeh Chun-jung", "葉俊榮", "exact"),
    ("Cha Liang-yung", "查良鏞", "exact"),
    ("Chai Chih-wei", "翟志偉", "exact"),
    ("Piao Kuang-hsi", "朴光熙", "exact"),
    ("Zeng Wenchang", "曾文昌", "system-switch"),
    # the same surnames from Simplified input
    ("Tseng Wen-chang", "曾文昌", "exact"),
    ("Shan Kuo-hsi", "单国玺", "exact"),
    ("Yeh Chun-jung", "叶俊荣", "exact"),
    # compound surnames
    ("Ouyang Na-na", "歐陽娜娜", "exact"),
    ("Ou-yang Na-na", "歐陽娜娜", "exact"),
    ("Ouyang Nana", "歐陽娜娜", "format-variant"),
    ("Na-na Ouyang", "歐陽娜娜", "format-variant"),
    ("Ssu-ma Chung-yuan", "司馬中原", "exact"),
    ("Sima Zhongyuan", "司馬中原", "system-switch"),
    ("Chang-chien Li-hua", "張簡麗華", "exact"),
    ("Fan-chiang Tai-chi", "范姜泰基", "exact"),
    ("Chu-ko Liang", "諸葛亮", "exact"),
    ("Shang-kuan Ling", "上官靈", "exact"),
    ("Ouyang Nana", "欧阳娜娜", "format-variant"),
    # Wade-Giles traps of pypinyin: ai/uo/yan kept right
    ("Mai Hsiao-wen", "麥曉雯", "exact"),
    ("Mei Hsiao-wen", "麥曉雯", "near-miss"),
    ("Huo Chien-hua", "霍建華", "exact"),
    ("Ho Chien-hua", "霍建華", "other-reading"),  # pypinyin lists he4 for 霍: flagged, never exact
    ("Yen Ching-piao", "顏清標", "exact"),
    ("Hai Tzu-ching", "海子青", "exact"),
    # passport spellings
    ("Lee Teng-hui", "李登輝", "exact"),
    ("Li Denghui", "李登輝", "system-switch"),
    ("Hwang Chung-kang", "黃中剛", "exact"),
    ("Horng Ming-chih", "洪明志", "exact"),
    # Hokkien and Western given names: the surname is judged, the name is never a false exact
    ("Hsiao Bi-khim", "蕭美琴", "not-a-rendering"),
    ("Annette Lu", "呂秀蓮", "not-a-rendering"),
    ("Joseph Wu", "吳釗燮", "not-a-rendering"),
    ("William Lai", "賴清德", "not-a-rendering"),
    ("Lu Annette", "呂秀蓮", "not-a-rendering"),
]


@pytest.mark.parametrize("candidate, hanzi, verdict", MATCH_CASES)
def test_match_against_hanzi(candidate, hanzi, verdict):
    assert match(candidate, hanzi).verdict == verdict


@pytest.mark.parametrize("candidate, hanzi", [("Hsiao Bi-khim", "蕭美琴"), ("Annette Lu", "呂秀蓮"), ("William Lai", "賴清德")])
def test_hokkien_and_western_names_report_the_surname(candidate, hanzi):
    v = match(candidate, hanzi)
    assert v.surname_ok and "surname matches" in v.message


# ---- generated cases: a name's Wade-Giles rendering transformed in ways whose verdict is known
NAMES = ["蔡清祥", "劉鴻濤", "卓榮泰", "陳建仁", "林佳龍", "張榮興", "黃明昭", "鄭銘謙", "徐國勇", "林右昌",
         "邱太三", "陳家欽", "韓國瑜", "蔣萬安", "陳其邁", "邱垂正", "蔡明彥", "王俊力", "陳白立", "蔡英文"]


def transformed(hanzi):
    wg = render(hanzi, "wade-giles")
    surname, given = wg.split(" ", 1)
    yield wg, "exact"
    yield wg.upper(), "exact"
    yield f"{surname.upper()}, {given.upper()}", "exact"
    yield f"{given} {surname}", "format-variant"
    yield f"{surname} {given.replace('-', '')}", "format-variant"
    yield f"{surname} {given.title()}", "format-variant"
    pinyin = render(hanzi, "pinyin")
    if pinyin.replace("ü", "u").lower() != wg.replace("-", "").lower():
        yield pinyin, "system-switch"


GENERATED = [(c, h, v) for h in NAMES for c, v in transformed(h)]


@pytest.mark.parametrize("candidate, hanzi, verdict", GENERATED)
def test_generated_transformations(candidate, hanzi, verdict):
    assert match(candidate, hanzi).verdict == verdict


# ---- render
@pytest.mark.parametrize("hanzi, system, expected", [
    ("蔡清祥", "wade-giles", "Tsai Ching-hsiang"),
    ("蔡清祥", "wade-giles-full", "Ts'ai Ch'ing-hsiang"),
    ("蔡清祥", "pinyin", "Cai Qingxiang"),
    ("蔡清祥", "tongyong", "Tsai Cing-siang"),
    ("賴清德", "wade-giles", "Lai Ching-te"),
    ("麥", "wade-giles", "Mai"),
    ("海", "wade-giles", "Hai"),
    ("霍", "wade-giles", "Huo"),
    ("顏", "wade-giles", "Yen"),
    ("周幼偉", "gwoyeu", "Jou Yow-woei"),
    ("曾文昌", "wade-giles", "Tseng Wen-chang"),
    ("呂秀蓮", "wade-giles-full", "Lü Hsiu-lien"),
    ("西安", "pinyin", "Xi An"),
    ("劉恩愛", "pinyin", "Liu En'ai"),
    ("歐陽娜娜", "pinyin", "Ouyang Nana"),
])
def test_render(hanzi, system, expected):
    assert render(hanzi, system) == expected


def test_readings_and_surnames():
    assert split_surname("歐陽娜娜") == ("歐陽", "娜娜")
    assert split_surname("欧阳娜娜") == ("欧阳", "娜娜")
    assert split_surname("曾文") == ("曾", "文")
    assert [r[0].syllable for r in readings("曾文昌")] == ["zeng", "wen", "chang"]
    assert "ceng" in [r.syllable for r in readings("曾文昌")[0]]


def test_parse_passport_form_and_caps():
    p = parse("CHOU, YEW\u2011WOEI")
    assert p.passport_form and p.all_caps and p.parts == [["CHOU"], ["YEW", "WOEI"]]


# ---- every syllable of the reference table round-trips through every system
SYSTEM_FIELDS = ["pinyin", "wade-giles", "wade-giles-full", "tongyong", "mps2", "yale", "gwoyeu"]


# Spellings written down independently of the syllable table (standard romanization charts),
# so a wrong row in the table fails here rather than round-tripping through itself.
KNOWN_SPELLINGS = [
    ("zhou", "wade-giles", "chou"), ("xi", "wade-giles", "hsi"), ("qing", "wade-giles", "ching"),
    ("ri", "wade-giles", "jih"), ("zi", "wade-giles", "tzu"), ("si", "wade-giles", "ssu"),
    ("er", "wade-giles", "erh"), ("zhi", "wade-giles", "chih"), ("xiang", "wade-giles", "hsiang"),
    ("zhou", "tongyong", "jhou"), ("zhi", "tongyong", "jhih"), ("xi", "tongyong", "si"),
    ("qing", "tongyong", "cing"), ("zi", "tongyong", "zih"),
    ("zhou", "pinyin", "zhou"), ("qing", "pinyin", "qing"),
]


@pytest.mark.parametrize("syllable, system, expected", KNOWN_SPELLINGS)
def test_known_spellings(syllable, system, expected):
    assert spell(Reading(syllable, 1, True), system) == expected


@pytest.mark.parametrize("system", SYSTEM_FIELDS)
def test_every_syllable_round_trips(system):
    """Every spelling the table renders is recognized back as that syllable (the matcher and the
    renderer agree); KNOWN_SPELLINGS checks the table itself."""
    failures = []
    for syl in syllable_table():
        for tone in (1, 2, 3, 4):
            written = spell(Reading(syl, tone, True), system)
            from workbench.romanize import fold_spelling

            if fold_spelling(written) not in spellings_of(syl, tone):
                failures.append((syl, tone, written))
    assert failures == []


def test_reference_table_covers_all_syllables():
    assert len(syllable_table()) == 410


# ---- property: any 2-3 character name rendered in any system matches back
CHARS = "陳林黃張李王吳劉蔡楊許鄭謝郭洪曾邱廖賴周葉蘇莊呂江何蕭羅高潘簡朱鍾彭游詹胡施沈余盧梁趙顏柯翁魏孫戴明華文志建國清祥美玲俊偉德仁龍嘉宏"


@given(st.text(alphabet=CHARS, min_size=2, max_size=3), st.sampled_from(RENDER_SYSTEMS))
@settings(max_examples=400, deadline=None)
def test_rendered_names_always_match_back(hanzi, system):
    v = match(render(hanzi, system), hanzi)
    assert v.verdict != "not-a-rendering"


# ---- find names in English text
def test_find_names():
    text = ("Minister Tsai Ching-hsiang met CIB Commissioner Chou Yew-woei (周幼偉) in The Hague. "
            "A Red Notice; CHOU, YEW-WOEI; Yu-wei Chou said. Ma Ying-jeou visited Taipei City.")
    assert [c.text for c in find_names(text)] == ["Tsai Ching-hsiang", "Chou Yew-woei", "CHOU, YEW-WOEI", "Yu-wei Chou", "Ma Ying-jeou"]


def test_find_names_spans_point_at_the_text():
    text = "Premier Cho Jung-tai and Minister Lin Chia-lung"
    for c in find_names(text):
        assert text[c.start:c.end] == c.text
