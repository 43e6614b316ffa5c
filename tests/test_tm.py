"""Translation memory: import of every format, match scores and bands, glossary-aware leverage,
TMX export validity, analysis and the `wb tm` commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from workbench.cli import app
from workbench.glossary import Glossary
from workbench.tm.analyze import analyze, count_words
from workbench.tm.io import read_units, write_tmx
from workbench.tm.leverage import leverage
from workbench.tm.match import band, fix_numbers, score
from workbench.tm.store import TMUnit, TranslationMemory

DATA = Path(__file__).parent / "data" / "tm"
DTD = Path(__file__).parent / "data" / "schemas" / "tmx14.dtd"
SHARED_DTD = Path(__file__).resolve().parents[2] / "shared" / "data" / "schemas" / "tmx14.dtd"
runner = CliRunner()


@pytest.fixture
def tm(tmp_path):
    with TranslationMemory(tmp_path / "project.tm") as memory:
        yield memory


def unit(source, target, src="zh-TW", tgt="en", **kw) -> TMUnit:
    return TMUnit(source=source, target=target, src_lang=src, tgt_lang=tgt, **kw)


# ---------------------------------------------------------------- scores and bands


def test_identical_is_100_and_in_context_is_101(tm):
    tm.add(
        [
            unit(
                "警方逮捕三名嫌犯。",
                "Police arrested three suspects.",
                prev="第一句。",
                next="第三句。",
            )
        ]
    )
    assert tm.lookup("警方逮捕三名嫌犯。", "zh", "en")[0].score == 100
    assert (
        tm.lookup("警方逮捕三名嫌犯。", "zh", "en", prev="第一句。", next="第三句。")[0].score
        == 101
    )
    assert (
        tm.lookup("警方逮捕三名嫌犯。", "zh", "en", prev="別的句子。", next="第三句。")[0].score
        == 100
    )
    assert (
        tm.lookup("  警方逮捕三名嫌犯。 ", "zh-TW", "en-US")[0].score == 100
    )  # spacing and region subtags


@pytest.mark.parametrize(
    "query, stored, expected",
    [
        # ten English word tokens + final stop = 11 tokens; one word replaced: 1 - 1/11 = 90.9 -> 90
        (
            "The bureau arrested the leader of the ring on Monday .",
            "The bureau arrested the leader of the ring on Tuesday .",
            90,
        ),
        # 20 CJK characters, one different: 95
        (
            "刑事警察局今天在臺北市查獲一個詐騙集團機房",
            "刑事警察局昨天在臺北市查獲一個詐騙集團機房",
            95,
        ),
        # only a number differs: 100 - 1 point for the number
        ("Police arrested 12 suspects.", "Police arrested 15 suspects.", 99),
        # only case differs: 99
        ("Police arrested twelve suspects.", "police arrested twelve suspects.", 99),
        # half the tokens differ: 4 tokens, 2 replaced -> 50
        ("警方逮捕", "警察逮人", 50),
    ],
)
def test_fuzzy_scores_follow_the_documented_formula(query, stored, expected):
    assert score(query, stored) == expected


def test_a_different_number_costs_a_point_on_top_of_word_edits():
    # 6 tokens, one word differs -> 83; the number differs too -> 1 point more
    assert score("Police arrested 12 suspects today .", "Police arrested 12 people today .") == 83
    assert score("Police arrested 12 suspects today .", "Police arrested 15 people today .") == 82


@pytest.mark.parametrize(
    "value, name",
    [
        (101, "101"),
        (100, "100"),
        (99, "95-99"),
        (95, "95-99"),
        (94, "85-94"),
        (85, "85-94"),
        (84, "75-84"),
        (75, "75-84"),
        (74, "50-74"),
        (50, "50-74"),
        (49, "no-match"),
        (0, "no-match"),
    ],
)
def test_bands(value, name):
    assert band(value) == name


def test_a_match_that_differs_only_in_a_number_gets_the_new_number(tm):
    tm.add([unit("警方共逮捕12名嫌犯。", "Police arrested 12 suspects in total.")])
    best = tm.lookup("警方共逮捕15名嫌犯。", "zh", "en")[0]
    assert (best.score, best.target) == (99, "Police arrested 15 suspects in total.")
    assert best.unit.target == "Police arrested 12 suspects in total."


def test_fix_numbers_refuses_when_the_number_is_ambiguous_in_the_target():
    assert (
        fix_numbers("共12人，12輛車", "共10人，10輛車", "10 people, 10 cars") is None
    )  # which 10 is which?
    assert fix_numbers("共3人", "共2人", "two people") is None  # the target spells it out
    assert (
        fix_numbers("共3人，5輛車", "共2人，4輛車", "2 people and 4 cars") == "3 people and 5 cars"
    )


words = st.lists(
    st.sampled_from(["police", "arrested", "the", "12", "ring", "{0}", "警", "察", "局", ",", "."]),
    max_size=12,
)


@given(words, words)
def test_score_is_bounded_symmetric_and_100_only_for_the_same_text(a, b):
    x, y = " ".join(a), " ".join(b)
    s = score(x, y)
    assert 0 <= s <= 100
    assert s == score(y, x)
    assert (s == 100) == (" ".join(x.split()) == " ".join(y.split()))


def test_fuzzy_lookup_ranks_and_applies_the_threshold(tm):
    tm.add(
        [
            unit("刑事警察局偵破跨國詐騙集團。", "The CIB cracked a transnational fraud ring."),
            unit("刑事警察局偵破跨國毒品集團。", "The CIB cracked a transnational drug ring."),
            unit("外交部今天召開記者會。", "MOFA held a news conference today."),
        ]
    )
    found = tm.lookup("刑事警察局偵破國際詐騙集團。", "zh", "en", threshold=70)
    assert [m.unit.target for m in found] == [
        "The CIB cracked a transnational fraud ring.",
        "The CIB cracked a transnational drug ring.",
    ]
    assert (found[0].score, found[1].score) == (85, 71)  # 2 and 4 of 14 characters differ
    assert tm.lookup("外交部", "zh", "en", threshold=75) == []


# ---------------------------------------------------------------- import and export


def test_tmx_import_multilingual_with_dates_props_and_newest_wins(tm):
    stats = tm.add(read_units(DATA / "agency.tmx"))
    assert (stats.added, stats.replaced) == (4, 1)  # zh>en x3 + zh>de; a4 replaces a3's target
    pairs = sorted((s, t, n) for s, t, n in tm.language_pairs())
    assert pairs == [("zh", "de", 1), ("zh", "en", 3)]
    first = next(tm.units())
    assert first.created == "2021-03-15T10:15:00Z" and first.changed == "2021-03-16T08:00:00Z"
    assert first.props == {"x-project": "CIB releases 2021"} and first.creator == "translator1"
    best = tm.lookup("刑事警察局偵破跨國詐騙集團。", "zh", "en")[0]
    assert best.target == "The Criminal Investigation Bureau cracked a transnational fraud ring."
    assert best.alternatives == ["The CIB cracked a transnational fraud ring."]
    assert (
        tm.lookup("警方共逮捕12名嫌犯。", "zh", "en")[0].score == 100
    )  # inline codes are not text


def test_older_target_imported_later_stays_an_alternative(tm):
    tm.add([unit("原文。", "New target.", changed="2024-01-01T00:00:00Z")])
    stats = tm.add([unit("原文。", "Old target.", changed="2019-01-01T00:00:00Z")])
    assert stats.alternatives == 1
    best = tm.lookup("原文。", "zh", "en")[0]
    assert (best.target, best.alternatives) == ("New target.", ["Old target."])


def test_tmx_target_language_filter_and_source_language(tm):
    tm.add(read_units(DATA / "agency.tmx", target_lang="de"))
    assert [(s, t) for s, t, _ in tm.language_pairs()] == [("zh", "de")]


def test_import_tsv_jsonl_xliff_po_keep_context(tmp_path, tm):
    from translate.storage import po, xliff

    (tmp_path / "a.tsv").write_text(
        "source\ttarget\n第一句。\tFirst.\n第二句。\tSecond.\n第三句。\tThird.\n", encoding="utf-8"
    )
    (tmp_path / "b.jsonl").write_text(
        json.dumps({"source": "第四句。", "target": "Fourth."}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    store = xliff.xlifffile(sourcelanguage="zh-TW", targetlanguage="en")
    u = store.addsourceunit("第五句。")
    u.target = "Fifth."
    (tmp_path / "c.xlf").write_bytes(bytes(store))
    pofile = po.pofile()
    pu = pofile.addsourceunit("第六句。")
    pu.target = "Sixth."
    (tmp_path / "d.po").write_bytes(bytes(pofile))
    for name in ("a.tsv", "b.jsonl", "c.xlf", "d.po"):
        tm.add(read_units(tmp_path / name, source_lang="zh-TW", target_lang="en"))
    assert len(tm) == 6
    assert tm.lookup("第二句。", "zh", "en", prev="第一句。", next="第三句。")[0].score == 101
    assert tm.lookup("第六句。", "zh", "en")[0].target == "Sixth."


def test_language_detection_when_not_given(tmp_path, tm):
    (tmp_path / "a.tsv").write_text(
        "source\ttarget\n警方逮捕嫌犯。\tPolice arrested the suspect.\n", encoding="utf-8"
    )
    tm.add(read_units(tmp_path / "a.tsv"))
    assert [(s, t) for s, t, _ in tm.language_pairs()] == [("zh", "en")]


def test_export_is_dtd_valid_and_round_trips(tmp_path, tm):
    from io import StringIO

    from lxml import etree

    tm.add(read_units(DATA / "agency.tmx"))
    tm.add([unit("含<控制>字元\x07。", "Has a <control> character & more.", prev="前", next="後")])
    buffer = StringIO()
    assert write_tmx(tm, buffer) == 6  # five units + one alternative
    path = tmp_path / "out.tmx"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    dtd = etree.DTD(str(DTD if DTD.exists() else SHARED_DTD))
    assert dtd.validate(etree.parse(str(path))), dtd.error_log
    with TranslationMemory(tmp_path / "again.tm") as again:
        again.add(read_units(path))
        assert len(again) == len(tm)
        before = {(u.source, u.target, u.changed) for u in tm.units()}
        after = {(u.source, u.target, u.changed) for u in again.units()}
        assert {(s.replace("\x07", ""), t, c) for s, t, c in before} == after
        assert again.lookup("刑事警察局偵破跨國詐騙集團。", "zh", "en")[0].alternatives == [
            "The CIB cracked a transnational fraud ring."
        ]
        assert again.lookup("含<控制>字元。", "zh", "en", prev="前", next="後")[0].score == 101


def test_translate_toolkit_reads_the_export(tmp_path, tm):
    from io import StringIO

    from translate.storage import tmx

    tm.add(read_units(DATA / "agency.tmx"))
    buffer = StringIO()
    write_tmx(tm, buffer)
    store = tmx.tmxfile(buffer.getvalue().encode("utf-8"))
    assert "刑事警察局偵破跨國詐騙集團。" in [str(u.source) for u in store.units]


# ---------------------------------------------------------------- glossary-aware leverage and check


@pytest.fixture
def stale_glossary(write_csv):
    path = write_csv(
        [
            "person.hsing,person,邢泰釗,Hsing Tai-chao,,Shing Tai-chao,approved,",
            "org.cib,org,刑事警察局,Criminal Investigation Bureau,CIB,,approved,",
        ]
    )
    return Glossary.load([path])


def test_exact_match_with_a_stale_rendering_is_repaired_and_reported(tm, stale_glossary):
    tm.add([unit("邢泰釗今天表示。", "Shing Tai-chao said today.")])
    lev = leverage(["邢泰釗今天表示。"], tm, "zh-TW", "en", stale_glossary)[0]
    assert (lev.origin, lev.target) == ("tm-exact", "Hsing Tai-chao said today.")
    assert any("Shing Tai-chao" in n for n in lev.notes)


def test_exact_match_missing_a_term_is_demoted_to_fuzzy(tm, stale_glossary):
    tm.add([unit("刑事警察局今天表示。", "The police said today.")])
    lev = leverage(["刑事警察局今天表示。"], tm, "zh-TW", "en", stale_glossary)[0]
    assert (lev.origin, lev.target, lev.score) == ("tm-fuzzy", None, 99)
    assert lev.offers[0].target == "The police said today."


def test_leverage_origins(tm):
    tm.add(
        [
            unit("一。", "One."),
            unit("二。", "Two.", prev="一。", next="三。"),
            unit("三個嫌犯被捕。", "Three suspects held."),
        ]
    )
    got = leverage(
        ["一。", "二。", "三。", "四個嫌犯被捕。", "完全不同的句子。"], tm, "zh", "en", None
    )
    assert [g.origin for g in got] == ["tm-exact", "tm-context", "mt", "tm-fuzzy", "mt"]
    assert got[3].offers[0].unit.target == "Three suspects held."


def test_tm_check_cli_reports_stale_units_and_several_targets(tmp_path, stale_glossary, write_csv):
    path = tmp_path / "p.tm"
    with TranslationMemory(path) as memory:
        memory.add(
            [
                unit("邢泰釗今天表示。", "Shing Tai-chao said today."),
                unit("原文。", "A.", changed="2020-01-01T00:00:00Z"),
                unit("原文。", "B.", changed="2021-01-01T00:00:00Z"),
            ]
        )
    glossary = write_csv(
        ["person.hsing,person,邢泰釗,Hsing Tai-chao,,Shing Tai-chao,approved,"], name="g2.csv"
    )
    result = runner.invoke(app, ["tm", "check", "--tm", str(path), "-g", str(glossary), "--json"])
    assert result.exit_code == 1, result.output
    findings = json.loads(result.stdout)
    assert {f["check"] for f in findings} == {"tm-term-stale", "tm-inconsistent"}
    stale = next(f for f in findings if f["check"] == "tm-term-stale")
    assert stale["fix"] == "Hsing Tai-chao said today."


# ---------------------------------------------------------------- analysis and CLI


def test_analysis_band_counts(tm):
    tm.add(
        [
            unit(
                "警方逮捕三名嫌犯。",
                "Police arrested three suspects.",
                prev="",
                next="檢方起訴兩人。",
            ),
            unit("刑事警察局偵破跨國詐騙集團。", "The CIB cracked a transnational fraud ring."),
        ]
    )
    files = {
        "a.txt": [
            "警方逮捕三名嫌犯。",
            "檢方起訴兩人。",
            "刑事警察局偵破國際詐騙集團。",
            "檢方起訴兩人。",
            "完全無關的內容在這裡。",
        ],
        "b.txt": ["警方逮捕三名嫌犯。"],
    }
    frame = {r["band"]: r for r in analyze(files, tm, "zh", "en").to_dicts()}
    assert frame["101"]["segments"] == 1  # first segment of a.txt, stored with the same context
    assert frame["100"]["segments"] == 1  # b.txt's segment: same text, other context
    assert frame["repetition"]["segments"] == 1  # the second 檢方起訴兩人。
    assert frame["85-94"]["segments"] == 1  # 13 of 15 characters alike -> 86
    assert frame["no-match"]["segments"] == 2
    assert frame["repetition"]["words"] == count_words("檢方起訴兩人。") == 6


def test_count_words_mixes_scripts():
    assert count_words("The CIB's 3 officers") == 4
    assert count_words("刑事局 CIB") == 4


def test_cli_import_lookup_analyze(tmp_path):
    path = tmp_path / "p.tm"
    result = runner.invoke(app, ["tm", "import", str(DATA / "agency.tmx"), "--tm", str(path)])
    assert result.exit_code == 0 and "4 added" in result.stdout, result.output
    result = runner.invoke(app, ["tm", "lookup", "transnational", "--tm", str(path), "--json"])
    assert [r["source"] for r in json.loads(result.stdout)] == ["刑事警察局偵破跨國詐騙集團。"]
    result = runner.invoke(
        app, ["tm", "lookup", "警方共逮捕15名嫌犯。", "--fuzzy", "--tm", str(path), "--json"]
    )
    assert json.loads(result.stdout)[0]["score"] == 99
    doc = tmp_path / "new.txt"
    doc.write_text(
        "警方共逮捕12名嫌犯。刑事警察局偵破跨國詐騙集團。今天天氣很好。", encoding="utf-8"
    )
    result = runner.invoke(app, ["tm", "analyze", str(doc), "--tm", str(path), "--json"])
    assert result.exit_code == 0, result.output
    rows = {r["band"]: r["segments"] for r in json.loads(result.stdout)}
    assert rows["100"] == 2 and rows["no-match"] == 1


def test_cli_missing_or_bad_tm_is_one_line_exit_2(tmp_path):
    result = runner.invoke(app, ["tm", "lookup", "x", "--tm", str(tmp_path / "none.tm")])
    assert result.exit_code == 2 and "no such translation memory" in result.output
    bad = tmp_path / "bad.tm"
    bad.write_text("this is not sqlite" * 100)
    result = runner.invoke(app, ["tm", "lookup", "x", "--tm", str(bad)])
    assert result.exit_code == 2 and "not a wb translation memory" in result.output
    broken = tmp_path / "broken.tmx"
    broken.write_text("<tmx><body><tu>", encoding="utf-8")
    result = runner.invoke(app, ["tm", "import", str(broken), "--tm", str(tmp_path / "x.tm")])
    assert (
        result.exit_code == 2 and "broken.tmx" in result.output and "Traceback" not in result.output
    )
