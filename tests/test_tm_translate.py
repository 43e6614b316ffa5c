"""`wb translate --tm`: TM matches before MT, provenance in every output format, the glossary
applied to TM matches, and --update-tm with reviewed targets only."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import cli
from lxml import etree

from workbench.tm.store import TMUnit, TranslationMemory

SCHEMAS = Path(__file__).parent / "data" / "schemas"
NS12 = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
NS20 = {"x": "urn:oasis:names:tc:xliff:document:2.0", "mtc": "urn:oasis:names:tc:xliff:matches:2.0"}


def make_tm(path: Path) -> Path:
    with TranslationMemory(path) as tm:
        tm.add(
            [
                TMUnit("警方逮捕三名嫌犯。", "Police arrested three suspects.", "zh-TW", "en"),
                TMUnit(
                    "檢察官邢泰釗今天表示。", "Prosecutor Shing Tai-chao said today.", "zh-TW", "en"
                ),
                TMUnit(
                    "刑事警察局偵破跨國詐騙集團。",
                    "The Criminal Investigation Bureau cracked a transnational fraud ring.",
                    "zh-TW",
                    "en",
                ),
            ]
        )
    return path


SOURCES = [
    "警方逮捕三名嫌犯。",
    "檢察官邢泰釗今天表示。",
    "刑事警察局偵破國際詐騙集團。",
    "今天天氣很好。",
]


def test_tsv_output_carries_origin_score_and_offer(tmp_path, write_csv):
    tm = make_tm(tmp_path / "p.tm")
    src = tmp_path / "in.tsv"
    src.write_text("source\n" + "\n".join(SOURCES) + "\n", encoding="utf-8")
    glossary = write_csv(["person.hsing,person,邢泰釗,Hsing Tai-chao,,Shing Tai-chao,approved,"])
    r = cli(
        "translate",
        src,
        "--engine",
        "fake",
        "--from",
        "zh-TW",
        "--to",
        "en",
        "--no-cache",
        "--tm",
        tm,
        "-g",
        glossary,
        "-o",
        tmp_path / "out.jsonl",
    )
    assert r.exit_code == 0, r.output
    rows = [
        json.loads(line)
        for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert [row["origin"] for row in rows] == ["tm-exact", "tm-exact", "tm-fuzzy", "mt"]
    assert (
        rows[0]["target"] == "Police arrested three suspects." and rows[0]["match_score"] == "100"
    )
    # the stale spelling in the TM is repaired with the glossary's, and said so
    assert "Hsing Tai-chao" in rows[1]["target"] and "Shing" in rows[1]["term_notes"]
    # a fuzzy match is offered, the segment itself goes to MT
    assert rows[2]["tm_match"].startswith("The Criminal Investigation Bureau cracked")
    assert rows[2]["target"] != rows[2]["tm_match"] and int(rows[2]["match_score"]) >= 75
    assert rows[3]["match_score"] == "" and rows[3]["tm_match"] == ""
    assert "TM: 0 tm-context, 2 tm-exact, 1 tm-fuzzy, 1 mt" in r.output


def xliff12(path: Path) -> Path:
    units = "".join(
        f'<trans-unit id="u{i}"><source>{s}</source></trans-unit>' for i, s in enumerate(SOURCES, 1)
    )
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2"'
        ' xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        f'<file original="a.txt" source-language="zh-TW" target-language="en"'
        f' datatype="plaintext"><body>{units}'
        "</body></file></xliff>",
        encoding="utf-8",
    )
    return path


def test_xliff12_states_and_alt_trans_valid_against_the_schema(tmp_path):
    tm = make_tm(tmp_path / "p.tm")
    out = tmp_path / "out.xlf"
    r = cli(
        "translate",
        xliff12(tmp_path / "in.xlf"),
        "--engine",
        "fake",
        "--no-cache",
        "--tm",
        tm,
        "-o",
        out,
    )
    assert r.exit_code == 0, r.output
    doc = etree.parse(str(out))
    targets = doc.findall(".//x:trans-unit/x:target", NS12)
    assert [(t.get("state"), t.get("state-qualifier")) for t in targets] == [
        ("translated", "exact-match"),
        ("translated", "exact-match"),
        ("needs-review-translation", "leveraged-mt"),
        ("needs-review-translation", "leveraged-mt"),
    ]
    assert doc.find(".//x:trans-unit[@id='u1']", NS12).get("approved") != "yes"
    alts = doc.findall(".//x:trans-unit[@id='u3']/x:alt-trans", NS12)
    assert len(alts) == 1 and int(alts[0].get("match-quality")) >= 75
    assert alts[0].find("x:target", NS12).text.startswith("The Criminal Investigation Bureau")
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "xliff-core-1.2-transitional.xsd")))
    assert schema.validate(doc), schema.error_log


def test_xliff20_substate_and_matches_module_valid(tmp_path):
    tm = make_tm(tmp_path / "p.tm")
    units = "".join(
        f'<unit id="u{i}"><segment><source>{s}</source></segment></unit>'
        for i, s in enumerate(SOURCES, 1)
    )
    src = tmp_path / "in.xlf"
    src.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<xliff'
        ' xmlns="urn:oasis:names:tc:xliff:document:2.0" '
        f'version="2.0" srcLang="zh-TW" trgLang="en"><file id="f1">{units}</file></xliff>',
        encoding="utf-8",
    )
    out = tmp_path / "out.xlf"
    r = cli("translate", src, "--engine", "fake", "--no-cache", "--tm", tm, "-o", out)
    assert r.exit_code == 0, r.output
    doc = etree.parse(str(out))
    segs = doc.findall(".//x:segment", NS20)
    assert [(s.get("state"), s.get("subState")) for s in segs] == [
        ("translated", "wb:tm-exact"),
        ("translated", "wb:tm-exact"),
        ("initial", None),
        ("initial", None),
    ]
    match = doc.find(".//x:unit[@id='u3']/mtc:matches/mtc:match", NS20)
    assert (
        match is not None
        and match.get("ref") == f"#{segs[2].get('id')}"
        and float(match.get("similarity")) >= 75
    )
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "xliff_core_2.0.xsd")))
    assert schema.validate(doc), schema.error_log


def test_update_tm_adds_reviewed_targets_only(tmp_path):
    src = tmp_path / "reviewed.xlf"
    src.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2"'
        ' xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        '<file original="a" source-language="zh-TW" target-language="en"'
        ' datatype="plaintext"><body>'
        '<trans-unit id="1"><source>第一句。</source><target state="translated">First,'
        " reviewed.</target></trans-unit>"
        '<trans-unit id="2"><source>第二句。</source><target state="needs-review-translation" '
        'state-qualifier="leveraged-mt">Second, raw MT.</target></trans-unit>'
        '<trans-unit id="3"><source>第三句。</source></trans-unit>'
        "</body></file></xliff>",
        encoding="utf-8",
    )
    tm = tmp_path / "new.tm"
    r = cli(
        "translate",
        src,
        "--engine",
        "fake",
        "--no-cache",
        "--tm",
        tm,
        "--update-tm",
        "-o",
        tmp_path / "o.xlf",
    )
    assert r.exit_code == 0, r.output
    with TranslationMemory(tm, create=False) as memory:
        assert [(u.source, u.target) for u in memory.units()] == [("第一句。", "First, reviewed.")]


def test_tm_options_need_each_other_and_an_existing_tm(tmp_path):
    src = tmp_path / "in.tsv"
    src.write_text("source\n警方逮捕三名嫌犯。\n", encoding="utf-8")
    r = cli("translate", src, "--engine", "fake", "--no-cache", "--update-tm")
    assert r.exit_code == 2 and "--update-tm needs --tm" in r.output
    r = cli("translate", src, "--engine", "fake", "--no-cache", "--tm", tmp_path / "missing.tm")
    assert r.exit_code == 2 and "no such translation memory" in r.output


def test_po_and_tmx_outputs_say_which_segments_came_from_the_tm(tmp_path):
    from translate.storage import po

    tm = make_tm(tmp_path / "p.tm")
    catalogue = po.pofile()
    for text in SOURCES[:1] + SOURCES[3:]:
        catalogue.addsourceunit(text)
    (tmp_path / "in.po").write_bytes(bytes(catalogue))
    r = cli(
        "translate",
        tmp_path / "in.po",
        "--engine",
        "fake",
        "--from",
        "zh-TW",
        "--to",
        "en",
        "--no-cache",
        "--tm",
        tm,
        "-o",
        tmp_path / "out.po",
    )
    assert r.exit_code == 0, r.output
    units = [u for u in po.pofile.parsefile(str(tmp_path / "out.po")).units if not u.isheader()]
    assert [u.isfuzzy() for u in units] == [
        False,
        True,
    ]  # the TM match is a translation, MT is fuzzy
    assert "tm-exact 100%" in units[0].getnotes("translator")
    tmx = tmp_path / "in.tmx"
    tmx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" '
        'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="zh-TW" '
        'datatype="plaintext"/><body>'
        + "".join(
            f'<tu tuid="{i}"><tuv xml:lang="zh-TW"><seg>{s}</seg></tuv></tu>'
            for i, s in enumerate(SOURCES[:1] + SOURCES[3:], 1)
        )
        + "</body></tmx>",
        encoding="utf-8",
    )
    r = cli(
        "translate",
        tmx,
        "--engine",
        "fake",
        "--to",
        "en",
        "--no-cache",
        "--tm",
        tm,
        "-o",
        tmp_path / "out.tmx",
    )
    assert r.exit_code == 0, r.output
    props = [p.text for p in etree.parse(str(tmp_path / "out.tmx")).iter("prop")]
    assert props == ["translation-memory tm-exact 100%", "machine-translation"]
