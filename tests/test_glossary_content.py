"""The glossary's content: the domain review's fixes (issue 10 item 5) stay fixed, every approved
entry says where it was verified, and the new entries do not cry wolf on correct translations."""

from datetime import date
from pathlib import Path

import pytest

from workbench.glossary import Glossary
from workbench.qa.run import check

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def g():
    return Glossary.load([ROOT / "glossary"])


def entry_for(g, zh):
    found = [e for e in g.entries if e.zh == zh]
    assert len(found) == 1, zh
    return found[0]


def test_review_fixes(g):
    hsing = entry_for(g, "邢泰釗")
    assert hsing.en == "Hsing Tai-chao" and "Shing Tai-chao" in hsing.variants["en"]
    chou = entry_for(g, "周幼偉")
    assert chou.romanization == "custom"  # yew follows no system; it is not Gwoyeu Romatzyh
    for place, name in (("宜蘭", "Ilan"), ("蘭嶼", "Lanyu"), ("綠島", "Ludao"), ("綠島", "Lüdao")):
        e = entry_for(g, place)
        assert name in e.allowed("en") and name not in e.forbidden["en"]
    teco = entry_for(g, "台北經濟文化辦事處")
    assert "TECO" in teco.allowed("en") and "TECO" not in entry_for(
        g, "台北經濟文化代表處"
    ).allowed("en")
    assert "Secretary General" in entry_for(g, "秘書長").allowed("en")
    assert entry_for(g, "人頭帳戶").en == "dummy account"
    assert entry_for(g, "虛擬貨幣").en == "virtual currency"


def test_dated_facts_of_the_review(g):
    roles = {r.id: r for r in g.roles.roles}
    assert roles["role.oac.kuan-bi-ling"].valid_from == "2023-01-31"
    assert roles["role.cib.chou-yew-woei"].valid_to == "2026-01-16"
    assert roles["role.cib.chiu-shao-chou"].valid_from == "2026-01-20"
    assert [r.person for r in g.roles.holders("title.cib-commissioner", date(2026, 1, 18))] == []


def test_every_approved_entry_has_a_source_and_there_are_enough(g):
    approved = [e for e in g.entries if e.status == "approved"]
    assert [e.id for e in approved if not e.source.strip()] == []
    assert len(approved) >= 400
    assert all(r.source for r in g.roles.roles)


# Correct translations written for the project: none of them may get an error.
CORRECT = [
    (
        "中國海警船進入金門限制水域。",
        "China Coast Guard vessels entered restricted waters off Kinmen.",
    ),
    (
        "國台辦發言人陳斌華表示，反對台獨。",
        "TAO spokesperson Chen Binhua said Beijing opposed Taiwan independence.",
    ),
    (
        "立法院三讀通過詐欺犯罪危害防制條例。",
        "The Legislative Yuan passed the Fraud Crime Hazard Prevention Act in its third reading.",
    ),
    ("警方查獲詐騙集團，逮捕嫌犯10人。", "Police busted a fraud ring and arrested 10 suspects."),
    ("他被告知必須出庭。", "He was told he had to appear in court."),
    ("美國人和日本人參加了會議。", "Americans and Japanese attended the meeting."),
    ("國民黨團總召曾銘宗表示反對。", "KMT caucus whip William Tseng said the party opposed it."),
    ("前總統蔡英文出席交接典禮。", "Former president Tsai Ing-wen attended the handover ceremony."),
    ("法官判處被告死刑。", "The judge sentenced the defendant to death."),
    (
        "檢方依加重詐欺罪起訴，法院裁定交保。",
        "Prosecutors indicted him for aggravated fraud, and the court released him on bail.",
    ),
    ("海巡署在台灣海峽巡邏。", "The Coast Guard Administration patrolled the Taiwan Strait."),
    (
        "洗錢防制法修正後，人頭帳戶減少。",
        "After the Money Laundering Control Act was amended, dummy accounts decreased.",
    ),
    (
        "兩岸同屬打擊犯罪協議的締約方。",
        "Both sides of the Taiwan Strait are parties to the crime-fighting agreement.",
    ),
    (
        "國際刑警組織秘書長出席大會。",
        "The INTERPOL Secretary General attended the General Assembly.",
    ),
]


def test_correct_translations_get_no_errors(g, tmp_path):
    tsv = tmp_path / "pairs.tsv"
    tsv.write_text(
        "source\ttarget\n" + "".join(f"{s}\t{t}\n" for s, t in CORRECT), encoding="utf-8"
    )
    r = check([tsv], g, on=date(2026, 3, 1))
    errors = r.findings.filter(r.findings["severity"] == "error")
    assert errors.select("segment", "message").rows() == []
