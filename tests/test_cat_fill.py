"""CAT files filled in place: XLIFF 1.2/2.0, TMX and PO come back as the CAT tool wrote them, with
targets only where there were none, inline codes kept, MT never approved, schemas still valid."""

import copy
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from workbench.bilingual import read_bilingual, write_bilingual
from workbench.cat import detect
from workbench.cli import app
from workbench.glossary import Glossary
from workbench.language import Language
from workbench.mt.fake import FakeEngine
from workbench.mt.pipeline import translate_file

HERE = Path(__file__).resolve().parent
CAT = HERE / "data" / "cat"
SCHEMAS = HERE / "data" / "schemas"
X12 = "{urn:oasis:names:tc:xliff:document:1.2}"
X20 = "{urn:oasis:names:tc:xliff:document:2.0}"
ZH, EN = Language.parse("zh-TW"), Language.parse("en")
runner = CliRunner()


class EchoEngine:
    """Translates by prefixing "EN:" and copying the rest, tokens included: a tidy engine."""

    name = model_id = "echo"
    pins_terms = False
    max_source_tokens = 500

    def settings(self):
        return {"engine": "echo"}

    def count_tokens(self, texts):
        return [len(t) for t in texts]

    def translate(self, texts, specs=None):
        return [f"EN:{t}" for t in texts]


def schema(name):
    if name.endswith(".dtd"):
        return etree.DTD(str(SCHEMAS / name))
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name)))


def valid(validator, path) -> bool:
    ok = validator.validate(etree.parse(str(path)))
    assert ok, [str(e) for e in validator.error_log][:3]
    return ok


def fill(path, tmp_path, engine=None, **kw):
    out = tmp_path / f"out{path.suffix}"
    _, stats = translate_file(
        path,
        engine or EchoEngine(),
        None,
        source=ZH,
        target=EN,
        output=out,
        cache=None,
        progress=False,
        **kw,
    )
    return out, stats


def without_mt(tree, ns):
    """The tree with wb's additions taken out: what must equal the input."""
    tree = copy.deepcopy(tree.getroot())
    for tgt in list(tree.iter(f"{ns}target")):
        if tgt.get("state-qualifier") == "leveraged-mt" or (
            ns == X20 and tgt.getparent().get("state") == "initial"
        ):
            prev = tgt.getprevious()
            prev.tail = tgt.tail if tgt.getnext() is not None else prev.tail
            tgt.getparent().remove(tgt)
    for el in tree.iter():
        if el.tag == f"{ns}file":
            el.attrib.pop("target-language", None)
        if el.get("state") == "initial":
            del el.attrib["state"]
    tree.attrib.pop("trgLang", None)
    return stripped(tree)


def stripped(tree):
    """Canonical form without layout whitespace and without empty targets."""
    tree = copy.deepcopy(etree.parse(str(tree)).getroot() if isinstance(tree, Path) else tree)
    for tgt in [
        t for t in tree.iter() if etree.QName(t).localname == "target" and not len(t) and not t.text
    ]:
        tgt.getparent().remove(tgt)
    for el in tree.iter():
        if isinstance(el.tag, str):
            el.tail = (el.tail or "").strip() or None
            el.text = el.text if (el.text or "").strip() or len(el) == 0 else None
    return etree.tostring(tree)


# ------------------------------------------------------------------ XLIFF 1.2
def test_xliff12_everything_but_new_targets_survives(tmp_path):
    src = CAT / "trados_style_12.xlf"
    out, stats = fill(src, tmp_path)
    assert stats.segments == 4  # not translate="no", not approved, not locked
    assert without_mt(etree.parse(str(out)), X12) == stripped(src)
    assert valid(schema("xliff-core-1.2-transitional.xsd"), out)
    root = etree.parse(str(out)).getroot()
    assert root.get("version") == "1.2" and etree.QName(root).namespace == X12.strip("{}")
    assert [f.get("original") for f in root.iter(f"{X12}file")] == [
        "press/release-0412.docx",
        "press/contacts.docx",
    ]
    assert out.read_bytes().startswith(
        src.read_bytes()[:200]
    )  # declaration and comment byte for byte


def test_xliff12_mt_is_never_approved_and_codes_come_back_in_place(tmp_path):
    out, _ = fill(CAT / "trados_style_12.xlf", tmp_path)
    units = {
        (
            tu.getparent().getparent().get("original")
            if tu.getparent().tag == f"{X12}body"
            else "g",
            tu.get("id"),
        ): tu
        for tu in etree.parse(str(out)).iter(f"{X12}trans-unit")
    }
    title = units[("g", "1")].find(f"{X12}target")
    assert (
        title.get("state") == "needs-review-translation"
        and title.get("state-qualifier") == "leveraged-mt"
    )
    assert (
        title.text == "EN:刑事警察局破獲"
        and title[0].tag == f"{X12}g"
        and title[0].text == "跨境詐騙"
    )
    assert title[0].get("ctype") == "bold" and title[0].tail == "集團"
    money = units[("g", "2")].find(f"{X12}target")
    assert (
        money.text == "EN:查扣現金新臺幣"
        and money[0].tag == f"{X12}x"
        and money[0].tail == "5,000萬元"
    )
    contacts = [tu for tu in etree.parse(str(out)).iter(f"{X12}trans-unit")][-2:]
    ph = contacts[0].find(f"{X12}target")
    assert [c.text for c in ph] == ['<span class="name">', "</span>"] and ph[0].tail == "發言人"
    assert [c.tag for c in contacts[1].find(f"{X12}target")] == [f"{X12}bpt", f"{X12}ept"]
    for tu in etree.parse(str(out)).iter(f"{X12}trans-unit"):
        assert tu.get("approved") != "yes" or tu.find(f"{X12}target").get("state") == "signed-off"


def test_xliff12_left_alone_units_and_overwrite(tmp_path):
    out, _ = fill(CAT / "trados_style_12.xlf", tmp_path)
    tus = {
        tu.get("id"): tu
        for tu in etree.parse(str(out)).iter(f"{X12}trans-unit")
        if tu.get("id") in "345"
    }
    assert tus["3"].find(f"{X12}target") is None  # translate="no"
    assert tus["4"].find(f"{X12}target").text == "National Police Agency"  # human, approved
    assert tus["5"].find(f"{X12}target") is None  # locked
    again, stats = fill(CAT / "trados_style_12.xlf", tmp_path / "o", overwrite=True)
    tus = {
        tu.get("id"): tu
        for tu in etree.parse(str(again)).iter(f"{X12}trans-unit")
        if tu.get("id") in "345"
    }
    assert stats.segments == 6
    assert tus["3"].find(f"{X12}target") is None  # never translated, even with --overwrite
    assert tus["4"].find(f"{X12}target").text == "EN:警政署" and tus["4"].get("approved") == "no"
    assert tus["5"].find(f"{X12}target").get("state") == "needs-review-translation"


def test_dropped_codes_are_reported_and_put_back(tmp_path):
    out, stats = fill(
        CAT / "trados_style_12.xlf",
        tmp_path,
        engine=FakeEngine(ZH, EN, Glossary.load([HERE.parent / "glossary"])),
    )
    missing = [n for n in stats.notes if n.startswith("inline-code-missing")]
    assert len(missing) == 6 and any('<x id="2"/>' in n for n in missing)
    tree = etree.parse(str(out))
    for tu in tree.iter(f"{X12}trans-unit"):
        tgt = tu.find(f"{X12}target")
        if tgt is not None and tgt.get("state-qualifier"):
            codes = sorted(
                etree.QName(e).localname
                for e in tu.find(f"{X12}source").iter()
                if e is not tu.find(f"{X12}source")
            )
            assert sorted(etree.QName(e).localname for e in tgt.iter() if e is not tgt) == codes
    assert valid(schema("xliff-core-1.2-transitional.xsd"), out)


def test_strict_valid_input_stays_strict_valid(tmp_path):
    src = tmp_path / "strict.xlf"
    src.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2"'
        ' xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        '<file original="a.txt" source-language="zh-TW" datatype="plaintext"><body>\n'
        '<trans-unit id="a"><source>那<x id="1"/>5名嫌犯</source><note>n</note></trans-unit>\n'
        "</body></file></xliff>\n",
        encoding="utf-8",
    )
    assert valid(schema("xliff-core-1.2-strict.xsd"), src)
    out, _ = fill(src, tmp_path)
    assert valid(schema("xliff-core-1.2-strict.xsd"), out)


def test_segmented_source_fills_one_target_mrk_per_segment(tmp_path):
    src = tmp_path / "seg.xlf"
    src.write_text(
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        '<file original="a" source-language="zh-TW" datatype="plaintext"><body><trans-unit id="1">'
        '<source>第一句。第二句。</source><seg-source><mrk mtype="seg" mid="1">第一句。</mrk>'
        '<mrk mtype="seg" mid="2">第二句。</mrk></seg-source></trans-unit></body></file></xliff>',
        encoding="utf-8",
    )
    out, stats = fill(src, tmp_path)
    assert stats.segments == 2
    target = etree.parse(str(out)).find(f".//{X12}target")
    assert [(m.get("mid"), m.text) for m in target] == [("1", "EN:第一句。"), ("2", "EN:第二句。")]
    assert valid(schema("xliff-core-1.2-strict.xsd"), out)
    # a CAT tool's prepared target: empty shells, one segment already translated by a person
    src.write_text(
        src.read_text(encoding="utf-8").replace(
            "</seg-source>",
            '</seg-source><target><mrk mtype="seg" mid="1">First sentence.</mrk>'
            '<mrk mtype="seg" mid="2"/></target>',
        ),
        encoding="utf-8",
    )
    out, stats = fill(src, tmp_path / "again")
    target = etree.parse(str(out)).find(f".//{X12}target")
    assert stats.segments == 1
    assert [(m.get("mid"), m.text) for m in target] == [
        ("1", "First sentence."),
        ("2", "EN:第二句。"),
    ]


# ------------------------------------------------------------------ XLIFF 2.0
def test_xliff20_stays_20_units_stay_whole_and_states_initial(tmp_path):
    src = CAT / "okapi_style_20.xlf"
    assert detect(src).id == "xliff2"  # the version is past the first 2,000 bytes
    for out in (
        fill(src, tmp_path)[0],
        fill(
            src,
            tmp_path / "x",
        )[0],
    ):
        assert valid(schema("xliff_core_2.0.xsd"), out)
        root = etree.parse(str(out)).getroot()
        assert root.get("version") == "2.0" and root.get("trgLang") == "en"
        unit = root.find(f".//{X20}unit[@id='u1']")
        segments = unit.findall(f"{X20}segment")
        assert [s.get("id") for s in segments] == ["s1", "s2"] and len(
            root.findall(f".//{X20}unit[@id='u1']")
        ) == 1
        assert all(s.get("state") == "initial" for s in segments)
        assert (
            unit.find(f"{X20}ignorable") is not None and unit.find(f"{X20}originalData") is not None
        )
        first = segments[0].find(f"{X20}target")
        assert (
            first.text == "EN:警方查獲"
            and first[0].tag == f"{X20}pc"
            and first[0].text == "人口販運"
        )
        assert root.find(f".//{X20}unit[@id='u2']//{X20}target") is None  # translate="no"
        reviewed = root.find(f".//{X20}unit[@id='u3']/{X20}segment")
        assert (
            reviewed.get("state") == "reviewed"
            and reviewed.find(f"{X20}target").text == "Ministry of Foreign Affairs"
        )
        assert without_mt(etree.parse(str(out)), X20) == stripped(src)


def test_output_named_xlf_keeps_the_20_version(tmp_path):
    out = tmp_path / "renamed.xlf"
    translate_file(
        CAT / "okapi_style_20.xlf",
        EchoEngine(),
        None,
        source=ZH,
        target=EN,
        output=out,
        cache=None,
        progress=False,
    )
    assert etree.parse(str(out)).getroot().get("version") == "2.0"


def test_declared_target_language_must_match(tmp_path):
    src = tmp_path / "de.xlf"
    src.write_text(
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh"'
        ' trgLang="de">'
        '<file id="f"><unit id="u"><segment><source>案件</source></segment></unit></file></xliff>',
        encoding="utf-8",
    )
    result = runner.invoke(
        app,
        ["translate", str(src), "--engine", "fake", "--from", "zh-TW", "--to", "en", "--no-cache"],
    )
    assert result.exit_code == 2 and "trgLang de" in result.output


# ------------------------------------------------------------------ TMX and PO
def test_tmx_three_languages_target_picked_by_language(tmp_path):
    src = CAT / "three_languages.tmx"
    out, stats = fill(src, tmp_path)
    assert stats.segments == 2 and valid(schema("tmx14.dtd"), out)
    tus = {tu.get("tuid"): tu for tu in etree.parse(str(out)).iter("tu")}
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    assert [t.get(lang) for t in tus["tu-1"].findall("tuv")] == ["zh-TW", "ja", "en"]
    assert tus["tu-2"].findall("tuv")[2].findtext("seg") == "Seized drugs"  # en-US kept
    new = tus["tu-3"].findall("tuv")[1]
    assert new.findtext("prop") == "machine-translation" and new.find("seg")[0].tag == "ph"
    assert read_bilingual(out, target_lang="ja")["target"][1] == "麻薬事件を摘発"
    assert read_bilingual(out, target_lang="en")["target"][1] == "Seized drugs"
    assert list(read_bilingual(out)["id"]) == ["tu-1", "tu-2", "tu-3"]


def test_po_plurals_context_and_comments_kept(tmp_path):
    from translate.storage import po

    out, stats = fill(CAT / "plurals.po", tmp_path)
    store = po.pofile.parsefile(str(out))
    units = {(u.getcontext(), str(u.source)): u for u in store.units if not u.isheader()}
    case = units[("case list", "案件")]
    assert (
        str(case.target) == "EN:案件"
        and case.isfuzzy()
        and "Shown on the case list." in case.getnotes()
    )
    assert (
        str(units[("button", "案件")].target) == "Case" and not units[("button", "案件")].isfuzzy()
    )
    plural = next(u for u in store.units if u.hasplural())
    assert [str(s) for s in plural.target.strings] == [
        "EN:%d 名嫌犯",
        "EN:%d 名嫌犯",
    ] and plural.isfuzzy()
    assert any(u.isobsolete() for u in store.units)
    assert "python-format" in out.read_text(encoding="utf-8")
    assert stats.segments == 3  # one single, two plural forms


# ------------------------------------------------------------ interchange with translate-toolkit
def test_translate_toolkit_reads_every_file_wb_writes(tmp_path):
    from translate.storage import factory, xliff2

    rows = [
        {"id": "a b", "source": "案件", "target": "case"},
        {"id": "2", "source": "警方", "target": ""},
    ]
    import polars as pl

    frame = pl.DataFrame(rows)
    for fmt, name, check in (
        ("xliff", "n.xlf", "xliff-core-1.2-strict.xsd"),
        ("xliff2", "n2.xlf", "xliff_core_2.0.xsd"),
        ("tmx", "n.tmx", "tmx14.dtd"),
        ("po", "n.po", None),
    ):
        path = write_bilingual(frame, tmp_path / name, fmt, source_lang="zh-TW", target_lang="en")
        if check:
            assert valid(schema(check), path)
        store = (
            xliff2.Xliff2File.parsefile(str(path))
            if fmt == "xliff2"
            else factory.getobject(str(path))
        )
        units = [u for u in store.units if not u.isheader()]
        assert [str(u.source) for u in units] == ["案件", "警方"] and str(units[0].target) == "case"
        assert list(read_bilingual(path)["source"]) == ["案件", "警方"]
    tmx_ids = list(read_bilingual(tmp_path / "n.tmx")["id"])
    assert tmx_ids == ["a b", "2"]  # tuid written


def test_wb_fills_files_translate_toolkit_wrote(tmp_path):
    from translate.storage import po, tmx, xliff, xliff2

    x = xliff.xlifffile(sourcelanguage="zh-TW")
    x.addsourceunit("案件").setid("1")
    (tmp_path / "tt.xlf").write_bytes(bytes(x))
    p = po.pofile()
    p.addsourceunit("案件")
    (tmp_path / "tt.po").write_bytes(bytes(p))
    t = tmx.tmxfile(sourcelanguage="zh-TW", targetlanguage="en")
    t.addtranslation("案件", "zh-TW", "", "en")
    (tmp_path / "tt.tmx").write_bytes(bytes(t))
    x2 = xliff2.Xliff2File(sourcelanguage="zh-TW", targetlanguage="en")
    x2.addsourceunit("案件").setid("u 1")
    (tmp_path / "tt2.xlf").write_bytes(bytes(x2))
    for name in ("tt.xlf", "tt.po", "tt.tmx", "tt2.xlf"):
        out, stats = fill(tmp_path / name, tmp_path / name.replace(".", "_"))
        assert stats.segments == 1 and "EN:案件" in list(
            read_bilingual(out, target_lang="en")["target"]
        )


def test_cli_fills_in_place_and_bad_xml_is_exit_2(tmp_path):
    src = tmp_path / "a.xlf"
    src.write_bytes((CAT / "trados_style_12.xlf").read_bytes())
    result = runner.invoke(
        app, ["translate", str(src), "--engine", "fake", "--to", "en", "--no-cache"]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "a.en.xlf").exists() and "inline-code-missing" in result.output
    bad = tmp_path / "bad.xlf"
    bad.write_text('<xliff version="1.2">\n<file><body>\n<trans-unit></file>', encoding="utf-8")
    result = runner.invoke(
        app,
        ["translate", str(bad), "--engine", "fake", "--from", "zh-TW", "--to", "en", "--no-cache"],
    )
    assert (
        result.exit_code == 2 and "bad.xlf:3:" in result.output and "Traceback" not in result.output
    )


@pytest.mark.parametrize(
    "name",
    [
        "trados_style_12.xlf",
        "okapi_style_20.xlf",
        "three_languages.tmx",
        "trados_segments.sdlxliff",
    ],
)
def test_fixtures_are_valid_cat_files(name):
    check = {
        "trados_style_12.xlf": "xliff-core-1.2-transitional.xsd",
        "okapi_style_20.xlf": "xliff_core_2.0.xsd",
        "three_languages.tmx": "tmx14.dtd",
        "trados_segments.sdlxliff": "xliff-core-1.2-transitional.xsd",
    }[name]
    assert valid(schema(check), CAT / name)


def test_wb_reads_tbx_v2_translate_toolkit_wrote(tmp_path):
    from translate.storage import tbx

    from workbench.termbase_io import import_glossary

    store = tbx.tbxfile()
    store.addsourceunit("刑事警察局").target = "Criminal Investigation Bureau"
    (tmp_path / "tt.tbx").write_bytes(bytes(store))
    [entry] = import_glossary(tmp_path / "tt.tbx")
    assert set(entry.forms.values()) == {"刑事警察局", "Criminal Investigation Bureau"}


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig"])
def test_other_encodings_are_written_back_in_theirs(tmp_path, encoding):
    declared = "UTF-16" if encoding == "utf-16" else "UTF-8"
    src = tmp_path / "enc.xlf"
    src.write_bytes(
        (
            f'<?xml version="1.0" encoding="{declared}"?>\n<xliff version="1.2" '
            'xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a"'
            ' source-language="zh-TW" '
            'datatype="plaintext"><body><trans-unit id="1"><source>案件</source></trans-unit>'
            "</body>"
            "</file></xliff>\n"
        ).encode(encoding)
    )
    out, _ = fill(src, tmp_path)
    assert out.read_bytes()[:3] == src.read_bytes()[:3]  # the byte-order mark is kept
    assert etree.parse(str(out)).find(f".//{X12}target").text == "EN:案件"


def test_trados_segments_locks_and_status(tmp_path):
    src = CAT / "trados_segments.sdlxliff"
    out, stats = fill(src, tmp_path)
    assert out.suffix == ".sdlxliff" and stats.segments == 2
    assert valid(schema("xliff-core-1.2-transitional.xsd"), out)
    sdl = "{http://sdl.com/FileTypes/SdlXliff/1.0}"
    tus = list(etree.parse(str(out)).iter(f"{X12}trans-unit"))
    first = tus[0].find(f"{X12}target")
    assert [(etree.QName(e).localname, e.get("mid") or e.get("id"), e.text) for e in first] == [
        ("mrk", "1", "EN:警方逮捕三名嫌犯。"),
        ("x", "5", None),
        ("mrk", "2", "EN:案件移送檢方。"),
    ]
    assert [(s.get("conf"), s.get("origin")) for s in tus[0].iter(f"{sdl}seg")] == [
        ("Draft", "mt")
    ] * 2
    # locked segments: the translated one kept, the empty one left empty; their status untouched
    second = tus[1].find(f"{X12}target")
    assert [m.text for m in second] == ["Criminal Investigation Bureau.", None]
    assert [s.get("conf") for s in tus[1].iter(f"{sdl}seg")] == ["ApprovedSignOff", None]
    assert second.get("state") is None  # nothing was machine-translated in this unit


def test_languages_come_from_the_file_when_not_given(tmp_path):
    src = tmp_path / "job.xlf"
    src.write_text(
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a" '
        'source-language="en-GB" target-language="zh-TW" datatype="plaintext"><body>'
        '<trans-unit id="1"><source>The police said.</source></trans-unit></body></file></xliff>',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["translate", str(src), "--engine", "fake", "--no-cache"])
    assert result.exit_code == 0, result.output
    out = tmp_path / "job.zh-TW.xlf"
    target = etree.parse(str(out)).find(f".//{X12}target")
    assert (
        target.get("state") == "needs-review-translation" and "〈" in target.text
    )  # en→zh by the test engine


def test_a_real_model_fills_xliff_with_every_code_kept(tiny_models, tmp_path):
    """A random-weight Marian model through the same code as a hub model: whatever it makes of the
    {n} tokens, the file stays valid and every source code is in its target."""
    from workbench.mt.engine import GenerationOptions
    from workbench.mt.registry import load_engine

    engine = load_engine(
        "hf", str(tiny_models["zh-en"]), ZH, EN, options=GenerationOptions(beams=1)
    )
    out = tmp_path / "hf.xlf"
    translate_file(
        CAT / "trados_style_12.xlf",
        engine,
        Glossary.load([HERE.parent / "glossary"]),
        source=ZH,
        target=EN,
        output=out,
        cache=None,
        progress=False,
    )
    assert valid(schema("xliff-core-1.2-transitional.xsd"), out)
    for tu in etree.parse(str(out)).iter(f"{X12}trans-unit"):
        tgt = tu.find(f"{X12}target")
        if tgt is not None and tgt.get("state-qualifier") == "leveraged-mt":
            src = tu.find(f"{X12}source")
            assert sorted(e.get("id") for e in tgt.iter() if e is not tgt) == sorted(
                e.get("id") for e in src.iter() if e is not src
            )


def test_a_filled_template_is_a_po_with_its_language(tmp_path):
    from translate.storage import po

    pot = tmp_path / "messages.pot"
    pot.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "案件"\nmsgstr ""\n',
        encoding="utf-8",
    )
    result = runner.invoke(
        app,
        ["translate", str(pot), "--engine", "fake", "--from", "zh-TW", "--to", "en", "--no-cache"],
    )
    assert result.exit_code == 0, result.output
    store = po.pofile.parsefile(str(tmp_path / "messages.en.po"))
    assert store.parseheader()["Language"] == "en"
    assert [str(u.target) for u in store.units if not u.isheader()] == ["[案件]"]


@pytest.mark.parametrize(
    "name",
    [
        "trados_style_12.xlf",
        "okapi_style_20.xlf",
        "three_languages.tmx",
        "plurals.po",
        "trados_segments.sdlxliff",
    ],
)
def test_translate_toolkit_reads_every_filled_file(tmp_path, name):
    from translate.storage import factory, xliff, xliff2

    out, _ = fill(CAT / name, tmp_path)
    if name == "okapi_style_20.xlf":
        store = xliff2.Xliff2File.parsefile(str(out))
    elif out.suffix == ".sdlxliff":
        store = xliff.xlifffile.parsefile(str(out))
    else:
        store = factory.getobject(str(out))
    assert any("EN:" in str(u.target or "") for u in store.units)
