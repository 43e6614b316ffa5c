"""TBX v3 and v2 both ways, validated against the TBX core RNG and the TBX-Basic schematron; the
LTAC TBX-Basic sample imports completely; statuses per term; vendor CSV headers."""

import csv
from pathlib import Path

import polars as pl
import pytest
from lxml import etree, isoschematron
from typer.testing import CliRunner

from workbench.cli import app
from workbench.errors import InputError
from workbench.glossary import Glossary, entry_to_row, read_glossary_csv, write_glossary_csv
from workbench.termbase_io import export_glossary, import_glossary, read_tbx

HERE = Path(__file__).resolve().parent
SCHEMAS = HERE / "data" / "schemas"
LTAC = SCHEMAS / "Example_Astronomy_DCA_VALID.tbx"
runner = CliRunner()


@pytest.fixture(scope="module")
def glossary():
    return Glossary.load([HERE.parent / "glossary"])


def rng():
    return etree.RelaxNG(etree.parse(str(SCHEMAS / "TBXcoreStructV03.rng")))


def schematron():
    """The TBX-Basic DCA rules. lxml runs XPath 1 only, so two XPath 2 forms are rewritten to
    their XPath 1 equivalents (``./local-name()`` -> ``local-name()``; ``matches`` on @target ->
    ``starts-with(@target, 'http')``); every rule is otherwise used as published."""
    text = (SCHEMAS / "TBX-Basic_DCA.sch").read_text(encoding="utf-8")
    text = text.replace('queryBinding="xslt2"', 'queryBinding="xslt"')
    text = text.replace("matches(@target,'https?://.+')", "starts-with(@target,'http')")
    text = text.replace("./local-name()", "local-name()")
    return isoschematron.Schematron(etree.fromstring(text.encode()))


def assert_valid_tbx(xml: bytes):
    doc = etree.fromstring(xml)
    r, s = rng(), schematron()
    assert r.validate(doc), [str(e) for e in r.error_log][:3]
    assert s.validate(doc), [str(e)[:200] for e in s.error_log][:3]


def test_the_schematron_catches_what_tbx_basic_forbids():
    bad = (
        b'<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en">'
        b"<tbxHeader>"
        b"<fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader><text><body>"
        b'<conceptEntry id="a">'
        b'<langSec xml:lang="en"><termSec><term>t</term><termNote'
        b' type="processStatus">provisionallyProcessed'
        b"</termNote></termSec></langSec></conceptEntry></body></text></tbx>"
    )
    assert not schematron().validate(etree.fromstring(bad))


def test_export_is_valid_tbx_basic_and_reimports_with_forbidden_chinese(glossary, tmp_path):
    xml = export_glossary(glossary, "tbx").encode()
    assert_valid_tbx(xml)
    path = tmp_path / "g.tbx"
    path.write_bytes(xml)
    entries = {e.id: e for e in import_glossary(path)}
    assert len(entries) == len(glossary)
    for e in glossary.entries:
        back = entries[e.id]
        assert (
            back.type,
            back.status,
            back.forms,
            back.forbidden.get("zh", []),
            back.forbidden.get("en", []),
        ) == (e.type, e.status, e.forms, e.forbidden.get("zh", []), e.forbidden.get("en", []))
    assert any(e.forbidden.get("zh") for e in entries.values())
    reread = Glossary(
        read_glossary_csv("imported.csv", text=write_glossary_csv(list(entries.values())))
    )
    assert (
        sum(len(e.forbidden.get("zh", [])) for e in reread.entries)
        == sum(len(e.forbidden.get("zh", [])) for e in glossary.entries)
        > 0
    )


def test_proposed_entries_use_tbx_basic_fields(glossary, tmp_path):
    proposed = tmp_path / "p.csv"
    proposed.write_text(
        "id,type,zh,en,en_variants,en_forbidden,status,note\n"
        "term.x,term,測試詞,test term,,,proposed,\n",
        encoding="utf-8",
    )
    xml = export_glossary(Glossary.load([proposed]), "tbx").encode()
    assert b"processStatus" not in xml
    assert_valid_tbx(xml)
    assert read_tbx(xml)[0].status == "proposed"


def test_ltac_sample_imports_completely_and_reexports_valid(tmp_path):
    result = runner.invoke(app, ["glossary", "import", str(LTAC), "-o", str(tmp_path / "ltac.csv")])
    assert result.exit_code == 0, result.output
    with open(tmp_path / "ltac.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 45 == len(etree.parse(str(LTAC)).findall(".//{*}conceptEntry"))
    assert {"en", "es", "es_variants", "subject_field"} <= set(rows[0])
    c1 = next(r for r in rows if r["id"] == "c1")
    assert (
        c1["type"] == "term" and c1["subject_field"] == "General" and c1["es"] == "cúmulo abierto"
    )
    assert c1["status"] == "approved"  # one superseded term does not deprecate the entry
    assert c1["en_forbidden"] == "galactic cluster"  # the superseded term
    g = Glossary(
        pl.DataFrame(
            [{k: str(v) for k, v in entry_to_row(e).items()} for e in import_glossary(LTAC)]
        )
    )
    xml = export_glossary(g, "tbx").encode()
    assert_valid_tbx(xml)
    assert len(read_tbx(xml)) == 45


def test_per_term_status_and_dct_style():
    def term(text, status):
        admin = f"<basic:administrativeStatus>{status}</basic:administrativeStatus>"
        return f"<termSec><term>{text}</term>{admin}</termSec>"

    dct = (
        '<tbx xmlns="urn:iso:std:iso:30042:ed-2" xmlns:basic="http://www.tbxinfo.net/ns/basic" '
        'type="TBX-Basic" style="dct" xml:lang="en"><tbxHeader><fileDesc><sourceDesc><p>s</p>'
        '</sourceDesc></fileDesc></tbxHeader><text><body><conceptEntry id="k1">'
        '<basic:subjectField>policing</basic:subjectField><langSec xml:lang="en">'
        + term("Red Notice", "preferredTerm-admn-sts")
        + term("red arrest warrant", "deprecatedTerm-admn-sts")
        + term("INTERPOL Red Notice", "admittedTerm-admn-sts")
        + term("red wanted notice", "supersededTerm-admn-sts")
        + '</langSec><langSec xml:lang="zh-TW"><termSec><term>紅色通緝令</term></termSec></langSec>'
        "</conceptEntry></body></text></tbx>"
    )
    [e] = read_tbx(dct.encode())
    assert e.forms == {"en": "Red Notice", "zh": "紅色通緝令"} and e.status == "approved"
    assert e.variants["en"] == ["INTERPOL Red Notice"]
    assert e.forbidden["en"] == ["red arrest warrant", "red wanted notice"]
    assert e.subject_field == "policing" and e.type == "term"


def test_tbx_v2_written_and_read_by_translate_toolkit_and_wb(glossary, tmp_path):
    from translate.storage import tbx

    xml = export_glossary(glossary, "tbx2")
    path = tmp_path / "g2.tbx"
    path.write_text(xml, encoding="utf-8")
    store = tbx.tbxfile.parsefile(str(path))
    assert len(store.units) == len(glossary)
    first = glossary.entries[0]
    assert str(store.units[0].source) == first.zh
    v2 = {e.id: (e.forms, e.forbidden, e.status) for e in import_glossary(path)}
    v3 = {
        e.id: (e.forms, e.forbidden, e.status)
        for e in read_tbx(export_glossary(glossary, "tbx").encode())
    }
    assert v2 == v3


def test_a_tbx_with_no_entries_is_exit_2_naming_what_it_found(tmp_path):
    empty = tmp_path / "e.tbx"
    empty.write_text(
        '<martif type="TBX"><text><body><termEntry id="a"><langSet xml:lang="en"/></termEntry>'
        "</body></text></martif>",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="1 termEntry"):
        import_glossary(empty)
    result = runner.invoke(app, ["glossary", "import", str(empty)])
    assert result.exit_code == 2 and "no usable entries" in result.output


def test_deepl_header_row_is_not_an_entry(tmp_path):
    path = tmp_path / "deepl.csv"
    path.write_text("zh-TW,en\n刑事警察局,Criminal Investigation Bureau\n", encoding="utf-8")
    entries = import_glossary(path, "deepl", "zh", "en")
    assert [e.forms for e in entries] == [
        {"zh": "刑事警察局", "en": "Criminal Investigation Bureau"}
    ]
    path.write_text("CIA,FBI\n", encoding="utf-8")  # two short words are a term pair, not a header
    assert len(import_glossary(path, "deepl", "zh", "en")) == 1


def test_a_subject_field_is_a_column_not_an_error(tmp_path):
    path = tmp_path / "subject.tbx"
    path.write_text('<tbx xmlns="urn:iso:std:iso:30042:ed-2"><text><body><conceptEntry id="a">'
                    '<descrip type="subjectField">weapons</descrip><langSec xml:lang="en"><termSec>'
                    "<term>x</term></termSec></langSec></conceptEntry></body></text></tbx>",
                    encoding="utf-8")
    [entry] = import_glossary(path)
    assert (entry.type, entry.subject_field) == ("term", "weapons")
