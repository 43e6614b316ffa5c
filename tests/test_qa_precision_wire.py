"""QA precision on newswire-style material written apart from the project's first sample
(corpus/review/correct/*_wire.tsv and correct/scan/): each false-positive class found there has a
test that fails on the old code, and a planted error of the same shape that must still be caught
(corpus/review/planted/*_numbers.tsv)."""

import csv
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench import numbers
from workbench.glossary import Glossary
from workbench.qa import generic
from workbench.qa.checks import Direction
from workbench.qa.run import check, scan

ROOT = Path(__file__).resolve().parent.parent
REVIEW = ROOT / "corpus" / "review"


def write_pairs(path, rows):
    """A two-column TSV of (source, target) rows."""
    path.write_text(
        "source\ttarget\n" + "".join(f"{s}\t{t}\n" for s, t in rows), encoding="utf-8"
    )


@pytest.fixture(scope="module")
def glossary():
    return Glossary.load([ROOT / "glossary"])


def number_diff(source: str, target: str, src="zh", tgt="en"):
    missing, extra = numbers.compare_numbers(
        numbers.extract(source, src), numbers.extract(target, tgt)
    )
    return [n.text for n in missing], [n.text for n in extra]


@pytest.mark.parametrize(
    "source, target",
    [
        # tenths: 3成 is 30 percent, 一成五 15 percent, 5成 half
        ("案件數量較去年增加近3成。", "Cases rose by nearly 30 percent from last year."),
        ("這類案件占總數的一成五。", "Such cases accounted for 15 percent of the total."),
        ("5成以上的被害人看到廣告。", "More than half of the victims saw the ads."),
        ("其中5成為女性。", "Half of them were women."),
        # the 24-hour clock
        ("記者會於15時30分舉行。", "The press conference was held at 3:30 p.m."),
        # a dateline's day in parentheses
        ("刑事局今（25）日表示，已逮捕23名嫌犯。", "The CIB said Tuesday it had held 23 suspects."),
        ("警方昨(24)日表示，已逮捕2人。", "Police said yesterday that two had been arrested."),
        # durations in months
        ("被告被判處有期徒刑1年6個月。", "The defendant was sentenced to 18 months."),
        ("該案偵查期間長達1年半。", "The investigation lasted a year and a half."),
        ("被告被判處有期徒刑3年6個月。", "He was sentenced to three years and six months."),
        # numbers English writes in words
        ("這是該局今年第3次遣返嫌犯。", "It was the bureau's third repatriation this year."),
        ("第4季出口可望成長。", "Exports are expected to grow in the fourth quarter."),
        ("該集團成員共有十二人。", "The ring had a dozen members."),
        ("共有35名被害人。", "There were thirty-five victims."),
        ("已有100萬人下載。", "A million people have downloaded it."),
        ("他曾2次出境。", "He left the country twice."),
        # the formal numerals of court rulings, 廿 in Hong Kong dates
        ("沒收犯罪所得新臺幣參拾萬元。", "NT$300,000 in proceeds of crime was confiscated."),
        ("處有期徒刑壹年貳月。", "He was sentenced to one year and two months."),
        ("警方昨日（廿四日）採取行動。", "Police took action on Tuesday."),
        ("案件於廿四日發生。", "It happened on the 24th."),
        # fractions in words
        ("約有3分之2的被害人是女性。", "About two-thirds of the victims were women."),
        ("4分之3的款項已追回。", "Three-quarters of the money has been recovered."),
        ("罰款提高為10倍。", "The fine was raised tenfold."),
        # a range shares the unit of its second number
        ("損失金額約為3～5萬元。", "Losses ranged from NT$30,000 to NT$50,000."),
        ("不法獲利約1至2億元。", "Illegal profits were NT$100 million to NT$200 million."),
    ],
)
def test_correct_numbers_in_other_shapes_agree(source, target):
    assert number_diff(source, target) == ([], [])
    assert number_diff(target, source, "en", "zh") == ([], [])


def test_the_new_readings_still_tell_numbers_apart():
    assert number_diff("增加近3成。", "rose by nearly 40 percent") == (["3"], ["40 percent"])
    assert number_diff("於15時被捕。", "was arrested at 5 p.m.") == (["15"], ["5"])
    assert number_diff("判處1年6個月。", "sentenced to 16 months") == (["1年", "6"], ["16"])
    assert number_diff("判處3年6個月。", "three years and four months") == (["6"], [])
    assert number_diff("這是第3次。", "It was the fourth time.") == (["3"], [])
    assert number_diff("約3～5萬元", "NT$40,000 to NT$50,000") == (["3"], ["40,000"])
    # only a dateline's day is weak: a date elsewhere is still required
    assert number_diff("警方於11月25日逮捕嫌犯。", "Police held him on Tuesday.")[0] == ["11", "25"]
    # 成 after a number is tenths only where it is not a word of its own (3成員 is 3 members)
    assert number_diff("3成員被捕。", "30 members were arrested.") == (["3"], ["30"])


def test_planted_number_errors_are_each_caught(glossary):
    for path in sorted((REVIEW / "planted").glob("*_numbers.tsv")):
        r = check([path], glossary, only={"number-mismatch"})
        with path.open(encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh, delimiter="\t"))
        got = {f["segment"] for f in r.findings.to_dicts() if f["check"] == "number-mismatch"}
        assert got == set(range(1, len(rows) + 1)), path.name


NUMBERISH = "0123456789一二三五十百萬億成時點年個月半今昨（）()日為員.壹參陸拾廿卅"


@settings(max_examples=400, deadline=None)
@given(st.text(st.sampled_from(NUMBERISH), max_size=24))
def test_reading_numbers_in_context_never_fails(text):
    for n in numbers.extract(text, "zh"):
        assert n.values and all(isinstance(v, float) for v in n.values)


def test_correct_news_articles_scan_clean_in_either_script(glossary):
    files = sorted((REVIEW / "correct" / "scan").glob("*.txt"))
    r = scan(files, glossary)
    assert len(files) >= 4
    assert r.findings.to_dicts() == []


def test_a_document_mixing_the_two_standards_is_still_flagged(glossary, tmp_path):
    # a Simplified article is correct; Traditional characters inside it are the error
    mixed = tmp_path / "mixed.txt"
    mixed.write_text("全国破获电信网络诈骗案件10万起。\n一名嫌犯在臺灣被捕。\n", encoding="utf-8")
    got = [(f["segment"], f["found"]) for f in scan([mixed], glossary).findings.to_dicts()]
    assert got == [(2, "臺灣")]
    # a Traditional article with a Simplified slip, as before
    slip = tmp_path / "slip.txt"
    slip.write_text("警政署表示，該集團成員已全數到案。\n嫌犯在机场被捕。\n", encoding="utf-8")
    got = [(f["segment"], f["found"]) for f in scan([slip], glossary).findings.to_dicts()]
    assert got == [(2, "机场")]
    # --lang naming a standard decides it
    xinhua = REVIEW / "correct" / "scan" / "xinhua_style_zh.txt"
    assert {f["check"] for f in scan([xinhua], glossary, lang="zh-TW").findings.to_dicts()} == {
        "script"
    }


@pytest.mark.parametrize(
    "source, target",
    [
        ("嫌犯利用AI深偽技術冒充名人。", "They used artificial intelligence to pose as stars."),
        ("AIT表示重視執法合作。", "The American Institute in Taiwan said it valued it."),
        ("車手在ATM提領現金。", "The mule withdrew cash from automated teller machines."),
    ],
)
def test_an_acronym_spelled_out_in_the_target_is_carried_over(glossary, tmp_path, source, target):
    path = tmp_path / "a.tsv"
    path.write_text(f"source\ttarget\n{source}\t{target}\n", encoding="utf-8")
    assert check([path], glossary, only={"acronym"}).findings.to_dicts() == []


def test_an_acronym_neither_kept_nor_spelled_out_is_still_missing(glossary, tmp_path):
    path = tmp_path / "a.tsv"
    rows = [
        ("嫌犯利用AI技術詐騙。", "The number of scams saw an increase."),
        ("AIT表示重視合作。", "The institute said it valued the cooperation."),
    ]
    write_pairs(path, rows)
    got = [f["expected"] for f in check([path], glossary, only={"acronym"}).findings.to_dicts()]
    assert got == ["AI", "AIT"]


def test_a_de_verb_or_adjective_of_a_term_satisfies_a_target(glossary, tmp_path):
    path = tmp_path / "d.tsv"
    rows = [
        ("該集團詐騙逾300名被害人。", "The ring defrauded more than 300 victims."),
        ("民眾在社群媒體上看到詐騙廣告。", "People saw fraudulent ads on social media."),
        ("該官員涉嫌貪污。", "The official is suspected of being corrupt."),
        ("一名婦人遭假檢警詐騙。", "A woman was cheated by scammers posing as police."),
        ("海巡署查獲走私集團。", "The CGA caught a ring of smugglers."),
        ("該集團以虛擬貨幣洗錢。", "The ring laundered money with virtual currency."),
        ("該公司替詐騙集團洗錢逾10億元。", "The firm helped fraud rings launder NT$1 billion."),
        ("政府將打擊詐騙。", "The government will combat fraud."),
    ]
    write_pairs(path, rows)
    assert check([path], glossary, only={"term-missing"}).findings.to_dicts() == []
    # ... while a verb in an English source still requires nothing
    path = tmp_path / "e.tsv"
    path.write_text(
        "source\ttarget\nThe ring defrauded 30 people.\t該集團騙走30人的錢。\n", encoding="utf-8"
    )
    assert check([path], glossary, only={"term-missing"}).findings.to_dicts() == []


def test_another_countrys_post_in_a_chinese_source_takes_that_countrys_english(
    glossary, tmp_path
):
    path = tmp_path / "f.tsv"
    rows = [
        ("新加坡內政部長在國會發言。", "Singapore's home affairs minister spoke in parliament."),
        ("菲律賓總統府發言人證實此事。", "The Philippine palace spokesperson confirmed it."),
    ]
    write_pairs(path, rows)
    assert check([path], glossary, only={"term-missing"}).findings.to_dicts() == []
    # Taiwan's own post, Taiwan's representative abroad, a Hong Kong entry: still required
    path = tmp_path / "g.tsv"
    rows = [
        ("內政部長出席會議。", "The home affairs minister attended the meeting."),
        ("駐波蘭代表出席典禮。", "Taiwan's envoy in Warsaw attended the ceremony."),
        ("香港警務處處長出席會議。", "Hong Kong's top police officer attended the meeting."),
    ]
    write_pairs(path, rows)
    got = [f["segment"] for f in check([path], glossary, only={"term-missing"}).findings.to_dicts()]
    assert sorted(set(got)) == [1, 2, 3]


@pytest.mark.parametrize(
    "source, target, d",
    [
        ("警方提醒：「穩賺不賠，一定是詐騙！」", '"It is a scam," police warned.', "zh"),
        ('"Who sent you?" the officer asked.', "員警問他：「誰派你來的？」", "en"),
    ],
)
def test_end_marks_of_a_moved_quotation_are_not_compared(source, target, d):
    direction = Direction(d, "en" if d == "zh" else "zh")
    assert list(generic.end_punctuation(source, target, direction)) == []
    # both ending inside the quotation: compared as before
    assert list(generic.end_punctuation("他說：「是詐騙！」", 'He said: "A scam."', direction))


def en_zh(glossary, tmp_path, rows, name="p.tsv"):
    path = tmp_path / name
    write_pairs(path, rows)
    r = check([path], glossary, only={"term-missing"}, source_lang="en", target_lang="zh-TW")
    return [(f["segment"], f["expected"]) for f in r.findings.to_dicts()]


def test_places_abbreviated_in_a_chinese_pair_of_names_are_rendered(glossary, tmp_path):
    rows = [
        ("Taiwan, Japan to share data on scam calls", "台日將共享詐騙電話資料"),
        ("Taiwan and the United States held talks.", "台美舉行會談。"),
        ("Trade between the United States and China fell.", "美中貿易下滑。"),
        ("Beijing opposes Taiwan independence.", "北京反對台獨。"),
    ]
    assert en_zh(glossary, tmp_path, rows) == []
    rows = [
        ("Taiwan and Japan signed the agreement.", "雙方簽署協定。"),
        ("Taiwan hosted the event in Taichung.", "活動在台中舉行。"),
        ("Singapore uses the NT dollar.", "新台幣在當地通用。"),
    ]
    assert en_zh(glossary, tmp_path, rows, "b.tsv") == [
        (1, "臺灣"),
        (1, "日本"),
        (2, "臺灣"),
        (3, "新加坡"),
    ]


def test_a_term_the_english_source_negates_is_not_required(glossary, tmp_path):
    rows = [("The suspects were released without bail.", "嫌犯獲得無保請回。")]
    assert en_zh(glossary, tmp_path, rows) == []
    rows = [("The suspects were released on bail.", "嫌犯獲釋。")]
    assert en_zh(glossary, tmp_path, rows, "b.tsv") == [(1, "交保")]


def test_a_name_several_syllables_off_is_another_person_not_a_slip(glossary, tmp_path):
    # a Singaporean Tan (陳 in Hokkien) is not a misspelling of a Taiwanese 陳 in the glossary
    doc = tmp_path / "sg.txt"
    doc.write_text("Police spokesman Tan Wei Ming said two men would be charged.\n", "utf-8")
    assert scan([doc], glossary).findings.to_dicts() == []
    # one slip in the person's own spelling is still reported
    doc = tmp_path / "tw.txt"
    doc.write_text("Former police chief Chen Chia-chni (陳家欽) attended.\n", "utf-8")
    got = [(f["check"], f["expected"]) for f in scan([doc], glossary).findings.to_dicts()]
    assert got == [("name-variant", "Chen Chia-chin")]


def test_a_simplified_target_file_is_checked_as_simplified(glossary, tmp_path):
    path = tmp_path / "cn.tsv"
    rows = [
        ("Police arrested 15 suspects for telecom fraud.", "警方以电信诈骗逮捕15名嫌疑人。"),
        ("More than 40,000 people were repatriated from Myanmar.", "逾4万人从缅甸被遣返。"),
        ("Taiwan's police arrested three suspects.", "台灣警方逮捕3名嫌疑人。"),
    ]
    write_pairs(path, rows)
    found = check([path], glossary, only={"script"}).findings.to_dicts()
    # the Traditional slip in a Simplified file
    assert [(f["segment"], f["found"]) for f in found] == [(3, "灣")]
    # --to zh-TW says the file must be Traditional
    got = check([path], glossary, only={"script"}, target_lang="zh-TW").findings.to_dicts()
    assert [f["segment"] for f in got] == [1, 2]


def test_an_organization_name_in_lower_case_is_a_common_noun(glossary, tmp_path):
    rows = [("Hong Kong police arrested three men.", "香港警方拘捕3名男子。")]
    assert en_zh(glossary, tmp_path, rows) == []
    rows = [("The Hong Kong Police arrested three men.", "三名男子被捕。")]
    assert en_zh(glossary, tmp_path, rows, "b.tsv") == [(1, "香港警務處")]


def test_another_countrys_post_in_an_english_source_is_not_taiwans(glossary, tmp_path):
    rows = [
        ("The British Prime Minister visited Tokyo.", "英國首相訪問東京。"),
        ("Cambodia's National Police Commissioner met them.", "柬埔寨國家警察總監會見他們。"),
        ("Thailand's Justice Minister met Taiwan's Minister of Justice.", "泰國司法部長見法務部長"),
    ]
    assert en_zh(glossary, tmp_path, rows) == []
    rows = [
        ("Japan's Foreign Minister met Taiwan's Minister of Foreign Affairs.", "日方外相見官員。"),
        ("CIB Commissioner Lin explained the case.", "林姓官員說明案情。"),
    ]
    assert en_zh(glossary, tmp_path, rows, "b.tsv") == [(1, "外交部長"), (2, "刑事局長")]


def scan_lines(glossary, tmp_path, lines, name="doc.txt"):
    doc = tmp_path / name
    doc.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    return [(f["found"], f["severity"]) for f in scan([doc], glossary).findings.to_dicts()]


def test_a_former_name_said_as_history_and_a_place_set_by_in_are_not_forbidden(glossary, tmp_path):
    lines = [
        "The Council of Agriculture, which became the Ministry of Agriculture in 2023, ran it.",
        "The program began under the former Council of Agriculture.",
        "In Hong Kong, the Executive Council approved the plan.",
    ]
    assert scan_lines(glossary, tmp_path, lines) == []
    lines = [
        "The Council of Agriculture announced new subsidies.",
        "The Executive Council approved the plan.",
    ]
    assert scan_lines(glossary, tmp_path, lines, "b.txt") == [
        ("Council of Agriculture", "error"),
        ("Executive Council", "error"),
    ]


def test_everyday_chinese_for_scam_and_suspect_render_the_terms(glossary, tmp_path):
    rows = [
        ("The scam targeted retirees.", "這起騙局鎖定退休人士。"),
        ("Police questioned three suspects.", "警方約談3名犯嫌。"),
    ]
    assert en_zh(glossary, tmp_path, rows) == []


def test_a_state_before_a_year_is_the_calendar_era(glossary, tmp_path):
    path = tmp_path / "era.tsv"
    path.write_text("source\ttarget\n中華民國114年11月25日\tNovember 25, 2025\n", encoding="utf-8")
    assert check([path], glossary, only={"term-missing"}).findings.to_dicts() == []


def test_news_style_names_and_lists_of_titles_scan_clean(glossary, tmp_path):
    lines = [
        "President Lai Ching-te and Vice President Hsiao Bi-khim attended.",
        (
            "Legislative Speaker Han Kuo-yu, Taipei Mayor Chiang Wan-an and Taichung Mayor "
            "Lu Shiow-yen also took part."
        ),
        "Lai (賴清德) thanked the police, while Hsiao (蕭美琴) met volunteers.",
    ]
    assert scan_lines(glossary, tmp_path, lines) == []
    # what these rules leave alone is still reported
    lines = [
        "Han Kuo-yu, Taipei Mayor, attended.",
        "Former CIB Commissioner Chou Yew-woei spoke. Later, Chou Yu-wei left.",
    ]
    doc = tmp_path / "b.txt"
    doc.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    checks = sorted(f["check"] for f in scan([doc], glossary).findings.to_dicts())
    assert "title-date" in checks and "name-inconsistent" in checks


def test_taipei_renders_taipei_city_as_addresses_and_news_write_it(glossary, tmp_path):
    path = tmp_path / "t.tsv"
    path.write_text(
        "source\ttarget\n台北市中正區有人被捕。\tA man was held in Taipei's Zhongzheng District.\n",
        encoding="utf-8",
    )
    assert check([path], glossary, only={"term-missing"}).findings.to_dicts() == []


def test_a_valid_name_a_letter_off_a_glossary_person_is_a_namesake_unless_titled(
    glossary, tmp_path
):
    lines = ["Official Lin Chia-hung attended.", "Researcher Chen Ming-tong spoke."]
    assert scan_lines(glossary, tmp_path, lines) == []
    lines = ["Minister of Foreign Affairs Lin Chia-hung attended."]
    assert scan_lines(glossary, tmp_path, lines, "b.txt") == [("Lin Chia-hung", "error")]


def test_a_forbidden_form_quoted_as_someone_elses_wording_is_a_mention(glossary, tmp_path):
    lines = ['A UN agency listed the country as "Taiwan Province of China" on its site.']
    assert scan_lines(glossary, tmp_path, lines) == []
    lines = ["A UN agency listed Taiwan Province of China on its site."]
    assert scan_lines(glossary, tmp_path, lines, "b.txt") == [("Taiwan Province of China", "error")]


def test_a_quoted_label_and_a_title_inside_another_word(glossary, tmp_path):
    path = tmp_path / "q.tsv"
    rows = [
        ("該網站將我國列為「中國台灣省」。", 'A site listed Taiwan as "Taiwan Province of China."'),
        ("臺灣代表團出席會議。", "Taiwan's delegation attended the meeting."),
    ]
    write_pairs(path, rows)
    assert check([path], glossary).findings.to_dicts() == []


def test_a_parent_agency_written_before_its_bureau_is_not_required(glossary, tmp_path):
    path = tmp_path / "n.tsv"
    path.write_text(
        "source\ttarget\n警政署刑事警察局表示已逮捕5人。\tThe CIB said it had held five people.\n",
        encoding="utf-8",
    )
    assert check([path], glossary, only={"term-missing"}).findings.to_dicts() == []
