import csv
import io

import pytest
from lxml import etree

from workbench.errors import InputError
from workbench.glossary import Glossary, read_glossary_csv, write_glossary_csv
from workbench.termbase_io import TBX_NS, export_glossary, import_glossary, read_tbx


def comparable(entries):
    return sorted(
        (e.id, e.type, e.status, tuple(sorted(e.forms.items())),
         tuple(sorted((k, tuple(v)) for k, v in e.variants.items() if v)),
         tuple(sorted((k, tuple(v)) for k, v in e.forbidden.items() if v)),
         e.note, e.source, e.romanization, e.case_sensitive)
        for e in entries
    )


def test_tbx_export_reimports_to_the_same_entries(glossary, tmp_path):
    g = glossary
    xml = export_glossary(g, "tbx")
    root = etree.fromstring(xml.encode())
    assert root.tag == f"{{{TBX_NS}}}tbx" and root.get("type") == "TBX-Basic" and root.get("style") == "dca"
    assert len(root.findall(f".//{{{TBX_NS}}}conceptEntry")) == len(g)
    path = tmp_path / "g.tbx"
    path.write_text(xml, encoding="utf-8")
    assert comparable(import_glossary(path)) == comparable(g.entries)


def test_tbx_marks_preferred_admitted_and_deprecated_terms(glossary):
    g = glossary
    root = etree.fromstring(export_glossary(g, "tbx").encode())
    ns = {"t": TBX_NS}
    [concept] = root.xpath("//t:conceptEntry[@id='org.npa']", namespaces=ns)
    statuses = {
        ts.findtext("t:term", namespaces=ns): ts.findtext("t:termNote[@type='administrativeStatus']", namespaces=ns)
        for ts in concept.xpath("t:langSec[@xml:lang='en']/t:termSec", namespaces=ns)
    }
    assert statuses["National Police Agency"] == "preferredTerm-admn-sts"
    assert statuses["NPA"] == "admittedTerm-admn-sts"
    assert statuses["National Police Administration"] == "deprecatedTerm-admn-sts"


def test_proposed_and_deprecated_status_round_trip():
    text = "id,type,zh,en,en_variants,en_forbidden,status,note\na.b,term,甲,Alpha,,,proposed,n\nc.d,term,乙,Beta,,,deprecated,n\n"
    g = Glossary(read_glossary_csv("x.csv", text=text))
    entries = read_tbx(export_glossary(g, "tbx").encode())
    assert {e.id: e.status for e in entries} == {"a.b": "proposed", "c.d": "deprecated"}


def test_tbx_errors_are_located(tmp_path):
    bad = tmp_path / "bad.tbx"
    bad.write_text("<tbx>\n<text><body>\n<conceptEntry id='x'>\n</body></text></tbx>")
    with pytest.raises(InputError) as info:
        import_glossary(bad)
    assert info.value.problems[0].line == 4
    v2 = tmp_path / "old.tbx"
    v2.write_text("<martif type='TBX'><text><body/></text></martif>")
    with pytest.raises(InputError, match="martif"):
        import_glossary(v2)


def rows(text, delimiter=","):
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def test_vendor_exports(glossary):
    g = glossary
    deepl = rows(export_glossary(g, "deepl"))
    assert ["刑事警察局", "Criminal Investigation Bureau"] in deepl
    assert ["內政部警政署刑事警察局", "Criminal Investigation Bureau"] in deepl
    assert all(len(r) == 2 for r in deepl) and len({r[0] for r in deepl}) == len(deepl)
    google = rows(export_glossary(g, "google", languages=["zh", "en", "de"]))
    assert google[0] == ["zh-TW", "en", "de", "description"]
    assert ["內政部警政署", "National Police Agency", "", "org.npa"] in google
    amazon = rows(export_glossary(g, "amazon"))
    assert amazon[0] == ["zh-TW", "en"] and ["蔡清祥", "Tsai Ching-hsiang"] in amazon
    omegat = rows(export_glossary(g, "omegat"), "\t")
    assert any(r[:2] == ["劉鴻濤", "Liu Hung-tao"] and r[2].startswith("person.liu-hung-tao") for r in omegat)
    proposed = {e.zh for e in g.entries if e.status != "approved"}
    assert not proposed & {r[0] for r in deepl}


@pytest.mark.parametrize("fmt, name", [("deepl", "g.csv"), ("omegat", "g.txt"), ("google", "g.csv"), ("amazon", "g.csv")])
def test_vendor_formats_import_back(glossary, tmp_path, fmt, name):
    g = glossary
    path = tmp_path / name
    path.write_text(export_glossary(g, fmt), encoding="utf-8")
    entries = import_glossary(path)
    pairs = {(e.forms.get("zh"), e.forms.get("en")) for e in entries}
    assert ("蔡清祥", "Tsai Ching-hsiang") in pairs and ("內政部警政署", "National Police Agency") in pairs
    assert all(e.status == "proposed" for e in entries)
    # and the imported entries make a valid glossary CSV
    reread = Glossary(read_glossary_csv("imported.csv", text=write_glossary_csv(entries)))
    assert len(reread) == len(entries)
    if fmt == "google":
        assert {e.id for e in entries} <= {e.id for e in g.entries}


def test_two_column_import_reports_short_rows(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("刑事局,CIB\n詐騙\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        import_glossary(path, "deepl")
    assert (info.value.problems[0].line, info.value.problems[0].column) == (2, 2)
