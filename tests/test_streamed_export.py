"""TBX export is streamed one concept at a time (issue 12: a 1M-entry glossary must not become
one lxml tree) and written piece by piece; the document must be what a whole-tree pretty print
gives, and a failure half-way must leave no file behind."""

import pytest
from lxml import etree
from typer.testing import CliRunner

from workbench.cli import app
from workbench.errors import OutputError
from workbench.fileio import atomic_write_text
from workbench.termbase_io import TBX_NS, export_glossary, iter_export

runner = CliRunner()


@pytest.mark.parametrize("fmt", ["tbx", "tbx2"])
def test_streamed_tbx_is_the_whole_tree_pretty_printed(glossary, fmt):
    xml = export_glossary(glossary, fmt)
    tree = etree.fromstring(xml.encode(), etree.XMLParser(remove_blank_text=True))
    again = etree.tostring(tree.getroottree(), xml_declaration=True, encoding="UTF-8",
                           pretty_print=True).decode()
    assert xml == again  # same indentation, same declarations, nothing duplicated
    assert xml.count("xmlns=") == (1 if fmt == "tbx" else 0)  # concepts inherit the root's
    if fmt == "tbx":
        concepts = tree.findall(f".//{{{TBX_NS}}}conceptEntry")
    else:
        assert xml.count("<!DOCTYPE martif") == 1
        concepts = tree.findall(".//termEntry")
    assert [c.get("id") for c in concepts] == [e.id for e in glossary.entries]


def test_tbx_export_comes_in_pieces_per_entry(glossary):
    pieces = iter_export(glossary, "tbx")
    assert next(pieces).startswith("<?xml")
    assert sum(1 for _ in pieces) >= len(glossary)


@pytest.mark.parametrize("fmt", ["tbx", "tbx2", "deepl"])
def test_cli_file_and_stdout_get_the_library_export(glossary, project_glossary, tmp_path, fmt):
    out = tmp_path / f"g.{fmt}"
    r = runner.invoke(app, ["glossary", "export", "-f", fmt, "-g", str(project_glossary),
                            "-o", str(out)])
    assert r.exit_code == 0, r.output
    expected = export_glossary(glossary, fmt)
    assert out.read_text(encoding="utf-8") == expected
    r = runner.invoke(app, ["-q", "glossary", "export", "-f", fmt, "-g", str(project_glossary)])
    assert r.exit_code == 0 and r.stdout == expected


def test_pieces_failing_half_way_leave_the_old_file_and_no_temp(tmp_path):
    out = tmp_path / "out.tbx"
    out.write_text("old\n", encoding="utf-8")

    def pieces():
        yield "<a>" * 1000
        raise ValueError("entry 2 cannot be written")

    with pytest.raises(ValueError):
        atomic_write_text(out, pieces())
    assert out.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.tbx"]


def test_pieces_to_an_unwritable_place_are_one_output_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="cannot write"):
        atomic_write_text(blocker / "out.tbx", iter(["<a/>", "\n"]))
