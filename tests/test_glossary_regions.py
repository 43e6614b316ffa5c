"""People from outside Taiwan in the project glossary (issue 11, "region as part of identity"):
mainland, Hong Kong, Macao, Singapore and Malaysian officials the domain's news names, each with
their own spelling and region, so that a scan can tell "Xi Jinping" (right) from "Hsi Chin-ping"
(Wade-Giles for a mainland official) and "Lee Hsien Loong" from "Li Xianlong"."""

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from workbench.cli import app
from workbench.glossary import Glossary
from workbench.qa.run import scan
from workbench.romanize import judge

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()

# The people this issue adds, by region (ids in glossary/people.csv).
REGIONAL = {
    "cn": ["xi-jinping", "li-qiang", "zhao-leji", "wang-huning", "ding-xuexiang", "wang-yi",
           "wang-xiaohong", "chen-wenqing", "song-tao", "zhu-fenglian", "peng-qingen"],
    "hk": ["eric-chan-kwok-ki", "paul-lam-ting-kwok", "regina-ip-lau-suk-yee", "paul-chan-mo-po",
           "woo-ying-ming"],
    "mo": ["sam-hou-fai", "ho-iat-seng", "chan-tsz-king", "wong-sio-chak"],
    "sg": ["lawrence-wong", "lee-hsien-loong", "gan-kim-yong", "chan-chun-sing", "ong-ye-kung",
           "josephine-teo", "desmond-tan"],
    "my": ["anthony-loke-siew-fook", "hannah-yeoh", "steven-sim"],
}
PEOPLE = [(region, f"person.{slug}") for region, slugs in REGIONAL.items() for slug in slugs]

# Spellings that are wrong for these people: Wade-Giles for mainland officials, Mandarin pinyin for
# people whose names are Cantonese, Hokkien or their own.
WRONG = [
    ("習近平", "Hsi Chin-ping"), ("王小洪", "Wang Hsiao-hung"), ("朱鳳蓮", "Chu Feng-lien"),
    ("彭慶恩", "Peng Ching-en"), ("趙樂際", "Chao Le-chi"), ("陳國基", "Chen Guoji"),
    ("林定國", "Lin Dingguo"), ("岑浩輝", "Cen Haohui"), ("黃循財", "Huang Xuncai"),
    ("李顯龍", "Li Xianlong"), ("陸兆福", "Lu Zhaofu"),
]
SAMPLES = [ROOT / "corpus" / "region" / "cross_strait_officials.txt",
           ROOT / "corpus" / "region" / "singapore_malaysia_news.txt"]


@pytest.fixture(scope="module")
def g():
    return Glossary.load([ROOT / "glossary"])


@pytest.mark.parametrize("region,pid", PEOPLE)
def test_each_person_has_region_source_and_an_accepted_spelling(g, region, pid):
    e = g.by_id[pid]
    assert e.type == "person" and e.region == region
    assert e.source.startswith("http") and e.note
    assert e.status in ("approved", "proposed")
    variants = tuple(e.variants.get("en", []))
    for spelling in (e.en, *variants):
        v = judge(spelling, e.zh, region=region, canonical=e.en, variants=variants)
        assert v.valid, (spelling, v.verdict, v.message)


def test_enough_people_outside_taiwan(g):
    outside = [e for e in g.entries if e.type == "person" and e.region not in ("", "tw")]
    by_region = {r: sum(e.region == r for e in outside) for r in REGIONAL}
    assert all(n >= 3 for n in by_region.values()), by_region
    assert len(outside) >= 30


@pytest.mark.parametrize("hanzi,wrong", WRONG)
def test_wrong_system_for_the_persons_region_is_not_valid(g, hanzi, wrong):
    e = next(x for x in g.entries if x.type == "person" and x.zh == hanzi)
    variants = tuple(e.variants.get("en", []))
    v = judge(wrong, hanzi, region=e.region, canonical=e.en, variants=variants)
    assert not v.valid and v.verdict == "system-switch", (wrong, v.verdict)


def test_cli_check_uses_the_glossary_entry(tmp_path):
    ok = runner.invoke(app, ["romanize", "楊莉明", "--check", "Josephine Teo",
                             "--glossary", str(ROOT / "glossary")])
    assert ok.exit_code == 0, ok.output  # her married surname: only the glossary knows it
    bad = runner.invoke(app, ["romanize", "習近平", "--check", "Hsi Chin-ping",
                              "--glossary", str(ROOT / "glossary")])
    assert bad.exit_code == 1 and "system-switch" in bad.output


def test_samples_naming_them_give_no_findings(g):
    report = scan(SAMPLES, g, on=date(2025, 12, 20))
    assert report.findings.height == 0, report.findings.select("check", "found", "message").rows()


def test_wade_giles_and_pinyin_forms_of_them_are_errors(g, tmp_path):
    doc = tmp_path / "news.txt"
    doc.write_text("Officials comment on returned fraud suspects\n\n"
                   + " ".join(f"{wrong} spoke on Tuesday." for _, wrong in WRONG) + "\n",
                   encoding="utf-8")
    found = scan([doc], g).findings
    names = found.filter((found["check"] == "name-variant") & (found["severity"] == "error"))
    assert sorted(names["found"].to_list()) == sorted(wrong for _, wrong in WRONG)


def test_another_places_post_with_the_same_title_is_not_stale(g, tmp_path):
    doc = tmp_path / "news.txt"
    doc.write_text("Regional officials meet\n\n"
                   "Foreign Minister Wang Yi met envoys. In Macao, Secretary for Security Chan Tsz "
                   "King spoke. In Hong Kong, Executive Council convenor Regina Ip Lau Suk-yee "
                   "spoke.\n\n"
                   "Secretary for Security John Lee Ka-chiu spoke. In Taiwan, the Executive "
                   "Council met.\n", encoding="utf-8")
    found = scan([doc], g, on=date(2025, 12, 20)).findings
    got = sorted(zip(found["check"].to_list(), found["found"].to_list(), strict=True))
    # Hong Kong's post held by someone else on that date, and Taiwan's cabinet misnamed, still are
    assert got == [("term-forbidden", "Executive Council"),
                   ("title-date", "Secretary for Security John Lee Ka-chiu")]
