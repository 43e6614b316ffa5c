"""Glossary and roles CSVs share one reader (fileio.csv_table): the same located problems for
an empty file, a ragged row, an unreadable row, and blank rows skipped, in either file."""

import pytest

from workbench.errors import InputError
from workbench.glossary import read_glossary_csv
from workbench.roles import read_roles_csv

GLOSSARY = "id,type,zh,en,en_variants,en_forbidden,status,note\n"
ROLES = "id,person,post,valid_from,valid_to\n"


def problems(read, path, text):
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read(path)
    return [(p.line, p.column, p.message) for p in exc.value.problems]


@pytest.mark.parametrize("read, head, good", [
    (read_glossary_csv, GLOSSARY, "org.a,org,甲,A,,,approved,n\n"),
    (read_roles_csv, ROLES, "role.a,person.a,title.a,2020,\n"),
])
def test_both_readers_locate_the_same_problems(tmp_path, read, head, good):
    path = tmp_path / "x.csv"
    assert problems(read, path, "") == [(1, 1, "empty file: expected a header row")]
    ragged = head + "\n" + good + "a,b,c\n"
    fields = head.count(",") + 1
    assert problems(read, path, ragged) == [(4, 4, f"row has 3 fields, header has {fields}")]
    unreadable = head + good + '"open quote,\n'
    ((line, col, message),) = problems(read, path, unreadable)
    assert (line, col) == (3, 1) and message.startswith("unreadable CSV row")
    path.write_text(head + "\n  ,  \n" + good + "\n", encoding="utf-8")
    result = read(path)
    lines = result["line"].to_list() if hasattr(result, "columns") else [r.line for r in result]
    assert lines == [4]  # blank rows skipped, the row located where it stands
