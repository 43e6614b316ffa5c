import shutil

import pytest

from workbench.glossary import Glossary
from workbench.lint import lint

H = "id,type,zh,en,en_variants,en_forbidden,status,note"


def codes(path, severity=None):
    return [(f.code, f.line, f.column) for f in lint(Glossary.load([path]), romanization=False) if severity in (None, f.severity)]


def test_shipped_glossary_has_no_errors_or_warnings(glossary):
    findings = lint(glossary)
    assert [f for f in findings if f.severity in ("error", "warning")] == []


def test_same_zh_two_approved_renderings(write_csv):
    path = write_csv(["org.a,org,警政署,National Police Agency,,,approved,x", "org.b,org,警政署,National Police Administration,,,approved,x"])
    assert codes(path, "error") == [("zh-conflict", 3, 4)]


def test_same_zh_in_simplified_counts_as_the_same_zh(write_csv):
    path = write_csv(["p.a,person,劉鴻濤,Liu Hung-tao,,,approved,x", "p.b,person,劉鴻濤,Liu Hongtao,,,approved,x"])
    assert ("zh-conflict", 3, 4) in codes(path, "error")


def test_proposed_entry_does_not_conflict(write_csv):
    path = write_csv(["org.a,org,警政署,National Police Agency,,,approved,x", "org.b,org,警政署,NPA Taiwan,,,proposed,x"])
    assert codes(path, "error") == []


def test_forbidden_equal_to_allowed(write_csv):
    path = write_csv(["org.a,org,刑事警察局,Criminal Investigation Bureau,CIB,cib,approved,x"])
    assert codes(path, "error") == [("forbidden-allowed", 2, 6)]


def test_forbidden_in_one_entry_allowed_in_another_is_a_note(write_csv):
    path = write_csv(["t.a,term,人口販運,human trafficking,,human smuggling,approved,x", "t.b,term,人口走私,human smuggling,,,approved,x"])
    assert codes(path) == [("forbidden-elsewhere", 2, 6)]


def test_simplified_only_characters_in_zh(write_csv):
    path = write_csv(["p.a,person,刘鸿涛,Liu Hung-tao,,,approved,x", "p.b,person,臺灣台北,Taipei,,,approved,x"])
    assert codes(path, "error") == [("simplified-zh", 2, 3)]


def test_leading_and_trailing_spaces(write_csv):
    path = write_csv(["org.a,org,警政署, National Police Agency,,,approved,x", "org.b ,org,刑事局,CIB,,,approved,x"])
    assert codes(path, "error") == [("whitespace", 2, 4), ("whitespace", 3, 1)]


def test_near_duplicates_and_duplicate_entries_warn(write_csv):
    path = write_csv([
        "p.a,person,劉鴻濤,Liu Hung-tao,,,approved,x",
        "p.b,person,劉洪濤,Liu Hungtao,,,approved,x",
        "p.c,person,劉鴻濤,Liu Hung-tao,,,approved,x",
    ])
    found = codes(path, "warning")
    assert ("near-duplicate", 3, 4) in found and ("duplicate-entry", 4, 3) in found
    assert not any(c == "near-duplicate" and line == 4 for c, line, _ in found)


def test_unsourced_approved_entry_warns(write_csv):
    path = write_csv(["org.a,org,警政署,National Police Agency,,,approved,"])
    assert codes(path, "warning") == [("unsourced", 2, 0)]


def test_broken_copy_of_shipped_glossary_is_caught(project_glossary, tmp_path):
    broken = tmp_path / "glossary"
    shutil.copytree(project_glossary, broken)
    with (broken / "organizations.csv").open("a", encoding="utf-8") as fh:
        fh.write("org.npa-dup,org,警政署,,National Police Administration,,,,,,,approved,test,\n")
    findings = lint(Glossary.load([broken]), romanization=False)
    errors = [f for f in findings if f.severity == "error"]
    assert [(f.code, f.id) for f in errors] == [("zh-conflict", "org.npa-dup")]
    assert "org.npa " in errors[0].message
    assert all(f.file.endswith("organizations.csv") and f.line > 1 for f in errors)


@pytest.mark.parametrize("bad", ["case_sensitive", "romanization"])
def test_optional_column_values_are_validated(write_csv, bad):
    from workbench.errors import InputError

    path = write_csv(["org.a,org,警政署,NPA,,,approved,x,maybe"], header=H + f",{bad}")
    with pytest.raises(InputError) as info:
        Glossary.load([path])
    assert info.value.problems[0].column == 9
