import shutil

import pytest

from workbench.errors import InputError
from workbench.glossary import Glossary

OK = "org.cib,org,刑事警察局,Criminal Investigation Bureau,CIB,Criminal Police Bureau,approved,"


def problems(path_or_paths):
    with pytest.raises(InputError) as info:
        Glossary.load(path_or_paths if isinstance(path_or_paths, list) else [path_or_paths])
    return info.value.problems


def test_shipped_glossary_loads_with_enough_entries(glossary):
    g = glossary
    assert len(g) >= 150
    counts = g.frame.group_by("type").len().to_dict(as_series=False)
    per_type = dict(zip(counts["type"], counts["len"]))
    assert per_type["person"] >= 25 and per_type["org"] >= 40
    assert {"title", "place", "term"} <= set(per_type)
    assert g.by_id["person.tsai-ching-hsiang"].en == "Tsai Ching-hsiang"
    assert g.by_id["person.liu-hung-tao"].zh == "劉鴻濤"
    approved = g.frame.filter(g.frame["status"] == "approved")
    assert approved.height >= 150
    assert all((r["source"] or r["note"]).strip() for r in approved.iter_rows(named=True))
    assert {"de", "fr", "pl"} <= set(g.languages)


def test_bom_extra_columns_and_language_columns(write_csv):
    path = write_csv([OK + ",x,Bundeskriminalamt"], header="\ufeffid,type,zh,en,en_variants,en_forbidden,status,note,my_extra,de")
    g = Glossary.load([path])
    assert g.languages == ["zh", "en", "de"]
    assert "my_extra" in g.frame.columns
    e = g.by_id["org.cib"]
    assert e.variants["en"] == ["CIB"] and e.forbidden["en"] == ["Criminal Police Bureau"]
    assert e.forms["de"] == "Bundeskriminalamt"


def test_missing_required_column(write_csv):
    path = write_csv(["a,org,x,y,,,approved"], header="id,type,zh,en,en_variants,en_forbidden,status")
    [p] = problems(path)
    assert (p.line, p.column) == (1, 8) and "missing required column 'note'" in p.message


@pytest.mark.parametrize(
    "row, column, text",
    [
        ("org.x,org,,Name,,,approved,", 3, "empty 'zh'"),
        ("org.x,org,名稱,,,,approved,", 4, "empty 'en'"),
        ("org.x,agency,名稱,Name,,,approved,", 2, "unknown type 'agency'"),
        ("org.x,org,名稱,Name,,,final,", 7, "unknown status 'final'"),
        ("org.x,org,名稱,Name,,approved,", 8, "row has 7 fields, header has 8"),
        ("org.x,org,名稱,Name,,,approved,,extra", 9, "row has 9 fields, header has 8"),
    ],
)
def test_row_errors_name_line_and_column(write_csv, row, column, text):
    path = write_csv([OK, row])
    [p] = problems(path)
    assert p.path == str(path) and p.line == 3 and p.column == column
    assert text in p.message
    assert str(p).startswith(f"{path}:3:{column}: ")


def test_duplicate_id_in_one_file_and_across_files(write_csv, tmp_path):
    path = write_csv([OK, OK])
    [p] = problems(path)
    assert (p.line, p.column) == (3, 1) and "duplicate id 'org.cib' (first on line 2)" in p.message
    a = write_csv([OK], name="two/a.csv")
    b = write_csv(["x.y,term,詐騙,fraud,,,approved,", OK], name="two/b.csv")
    [p] = problems([tmp_path / "two"])
    assert p.path == str(b) and p.line == 3 and "first in" in p.message and str(a) in p.message


def test_undecodable_bytes_are_located(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(b"id,type,zh,en,en_variants,en_forbidden,status,note\norg.a,org,\xe5\x88,A,,,approved,\n")
    [p] = problems(path)
    assert (p.line, p.column) == (2, 11) and "not UTF-8" in p.message


def test_multiline_quoted_note_keeps_line_numbers(write_csv):
    path = write_csv(['org.a,org,甲,A,,,approved,"two\nlines"', "org.b,org,乙,,,,approved,"])
    [p] = problems(path)
    assert p.line == 4 and p.column == 4


def test_every_problem_of_a_file_is_reported(write_csv):
    path = write_csv(["a,org,,A,,,approved,", "b,bad,乙,B,,,approved,"])
    assert [(p.line, p.column) for p in problems(path)] == [(2, 3), (3, 2)]


def test_copy_of_shipped_glossary_with_broken_row(project_glossary, tmp_path):
    broken = tmp_path / "glossary"
    shutil.copytree(project_glossary, broken)
    people = broken / "people.csv"
    lines = people.read_text(encoding="utf-8").splitlines()
    lines[4] = lines[4].replace(",approved,", ",accepted,", 1)
    people.write_text("\n".join(lines) + "\n", encoding="utf-8")
    [p] = problems(broken)
    assert p.path == str(people) and p.line == 5 and "unknown status 'accepted'" in p.message
