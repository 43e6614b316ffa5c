"""A last sweep of every command with the odd files a real user has (issue 12): each row is a
command line; it must exit 2 with ONE line on stderr naming the file (and line where it applies),
no traceback, and leave the folder as it was (no partial output). `{d}` is a fresh folder
holding the files of `setup_files`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from workbench.cli import app

runner = CliRunner()
HEADER = "id,type,zh,en,en_variants,en_forbidden,status,note\n"
ROW = "org.cib,org,刑事警察局,Criminal Investigation Bureau,CIB,Criminal Police Bureau,approved,t\n"
XLIFF_WITH_ENTITY = (
    '<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY agency "刑事警察局">]>\n'
    '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
    '<file source-language="zh-TW" target-language="en" datatype="plaintext" original="x"><body>'
    '<trans-unit id="1"><source>&agency;表示</source></trans-unit></body></file></xliff>\n'
)
TMX_WITH_ENTITY = (
    '<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY e SYSTEM "file:///etc/hostname">]>\n'
    '<tmx version="1.4"><header srclang="zh-TW" segtype="sentence" adminlang="en" '
    'datatype="plaintext" o-tmf="x" creationtool="x" creationtoolversion="1"/><body>'
    '<tu><tuv xml:lang="zh-TW"><seg>&e;</seg></tuv><tuv xml:lang="en"><seg>x</seg></tuv></tu>'
    "</body></tmx>\n"
)


def setup_files(d: Path) -> None:
    (d / "g").mkdir()
    (d / "g" / "orgs.csv").write_text(HEADER + ROW, encoding="utf-8")
    (d / "ok.tsv").write_text(
        "source\ttarget\n刑事警察局表示\tThe Criminal Police Bureau said\n", encoding="utf-8"
    )
    (d / "entity.xlf").write_text(XLIFF_WITH_ENTITY, encoding="utf-8")
    (d / "entity.tmx").write_text(TMX_WITH_ENTITY, encoding="utf-8")
    (d / "excel_bad.csv").write_text('sep=;\r\n"source";"target"\r\n"a";"b";"c"\r\n', "utf-8")
    (d / "big5.tsv").write_bytes("source\ttarget\n刑事警察局表示\tCIB said\n".encode("big5"))
    (d / "bad.po").write_text('msgid "刑事警察局\nmsgstr ""\n', encoding="utf-8")
    (d / "dup_col.tsv").write_text("source\ttarget\ttarget\n刑事警察局\tCIB\tCPB\n", "utf-8")
    (d / "empty_folder").mkdir()
    (d / "dup_header.csv").write_text(HEADER.replace("status", "en") + ROW, encoding="utf-8")
    (d / "not_a_glossary.csv").write_text("name,phone\nChou,123\n", encoding="utf-8")


G = "-g {d}/g"
T = f"--engine fake --no-cache {G}"
CASES = [
    # a DOCTYPE entity is never expanded: its text used to vanish silently (exit 0)
    (f"qa check {{d}}/entity.xlf {G}", "entity.xlf:3:"),
    (f"translate {{d}}/entity.xlf --to en {T} -o {{d}}/out.tsv", "entity.xlf:3:"),
    ("glossary extract {d}/entity.xlf -g {d}/g -o {d}/cand.csv", "entity.xlf:3:"),
    (f"qa check {{d}}/entity.tmx {G}", "entity.tmx:3:"),
    ("tm analyze {d}/entity.tmx --tm {d}/g/none.tm", "entity.tmx:3:"),
    # a glossary's header problems are one line (they were one line per missing column)
    ("glossary lint {d}/dup_header.csv", "dup_header.csv:1:7: column 'en' appears twice"),
    ("glossary lint {d}/not_a_glossary.csv", "missing required columns 'id', 'type'"),
    ("qa check {d}/ok.tsv -g {d}/not_a_glossary.csv", "not_a_glossary.csv:1:3:"),
    ("glossary lookup 刑事警察局 -g {d}/entity.xlf", "entity.xlf:1:"),
    # a -g folder without glossary files checked against nothing, exit 0
    ("qa check {d}/ok.tsv -g {d}/empty_folder", "empty_folder: no glossary files"),
    ("glossary lint {d}/empty_folder", "empty_folder: no glossary files"),
    # Excel's `sep=;` line is read, so a bad row is located on its real line (was: header 'sep=;')
    ("qa check {d}/excel_bad.csv -g {d}/g", "excel_bad.csv:3:3: row has 3 fields"),
    # a legacy Chinese encoding: located, and the line says what to do
    ("qa check {d}/big5.tsv -g {d}/g", "big5.tsv:2:1: not UTF-8: byte 0xa6 cannot be decoded (Big"),
    # `-` with nothing piped (the runner's stdin is empty): said so, not "a .txt is monolingual"
    ("qa check - -g {d}/g", "-:1:1: standard input is empty"),
    ("tm analyze - --tm {d}/p.tm", "-:1:1: standard input is empty"),
    # extract read a PO file as plain text: a broken one gave 0 candidates, exit 0
    ("glossary extract {d}/bad.po -g {d}/g -o {d}/cand.csv", "bad.po: cannot read PO"),
    # a failed import into a new TM left an empty TM file behind
    ("tm import {d}/ok.tsv {d}/bad.po --tm {d}/new.tm", "bad.po: cannot read PO"),
    ("tm import {d}/entity.tmx --tm {d}/new.tm", "entity.tmx:3:"),
    # a bilingual table with a repeated column: the last one silently won
    ("qa check {d}/dup_col.tsv -g {d}/g", "dup_col.tsv:1:3: column 'target' appears twice"),
    (f"translate {{d}}/dup_col.tsv --to en {T} -o {{d}}/o.tsv", "dup_col.tsv:1:3:"),
    # an empty spelling was "judged" (a table of nothing, exit 1)
    ("romanize 周幼偉 --check=", "--check needs a romanized spelling"),
    # click's usage errors (out of range, unknown choice, missing option) were a boxed panel
    ("tm lookup x --tm {d}/p.tm --limit 0", "'--limit': 0 is not in the range"),
    (f"translate {{d}}/ok.tsv --to en {T} --fuzzy-threshold 500", "'--fuzzy-threshold'"),
    ("romanize 周幼偉 --region xx", "'--region': 'xx' is not one of"),
    ("qa check {d}/ok.tsv --fail-on sometimes", "'--fail-on'"),
    ("batch qa {d}/ok.tsv", "Missing option '--output'"),
    ("qa check {d}/ok.tsv --no-such-option", "No such option: --no-such-option"),
    ("nosuch", "No such command 'nosuch'"),
]


def snapshot(d: Path) -> dict[str, bytes]:
    return {str(p.relative_to(d)): p.read_bytes() for p in sorted(d.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("command, needle", CASES, ids=[c for c, _ in CASES])
def test_odd_input_is_one_clean_line(tmp_path, command, needle):
    setup_files(tmp_path)
    before = snapshot(tmp_path)
    result = runner.invoke(app, command.format(d=tmp_path).split())
    assert result.exit_code == 2, (result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ") and needle in lines[0], lines[0]
    assert snapshot(tmp_path) == before


def test_tm_import_refuses_an_entity_instead_of_storing_its_name(tmp_path):
    setup_files(tmp_path)
    tm = tmp_path / "p.tm"
    result = runner.invoke(app, ["tm", "import", str(tmp_path / "entity.tmx"), "--tm", str(tm)])
    assert result.exit_code == 2 and "entity.tmx:3:" in result.stderr, result.output
    out = runner.invoke(app, ["tm", "lookup", "&e;", "--tm", str(tm)])
    assert "&e;" not in out.stdout


@pytest.mark.parametrize(
    "saved",
    [
        'sep=;\r\n"source";"target"\r\n"刑事警察局表示";"The Criminal Police Bureau said"\r\n',
        '"source";"target"\r\n"刑事警察局表示";"The Criminal Police Bureau said"\r\n',
        "\ufeffsource;target\n刑事警察局表示;The Criminal Police Bureau said\n",
    ],
    ids=["sep-line", "semicolons", "bom-semicolons"],
)
def test_excel_saved_csv_is_checked_like_a_comma_csv(tmp_path, saved):
    """Excel writes `sep=;` or plain semicolons where the decimal mark is a comma: the same rows,
    so the same finding (a forbidden rendering) as the comma-separated file."""
    setup_files(tmp_path)
    (tmp_path / "excel.csv").write_text(saved, encoding="utf-8")
    result = runner.invoke(
        app, ["qa", "check", str(tmp_path / "excel.csv"), "-g", str(tmp_path / "g"), "--json"]
    )
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert report["summary"]["segments"] == 1
    assert [f["check"] for f in report["findings"]] == ["term-forbidden"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_a_byte_order_mark_is_read(tmp_path, encoding):
    """Excel's "Unicode Text" and Notepad's "Unicode" are UTF-16 with a BOM: unambiguous, so
    read (was: exit 2 'byte 0xff cannot be decoded'), for bilingual files and glossaries alike."""
    setup_files(tmp_path)
    bom = "\ufeff" if encoding != "utf-16" else ""
    tsv = "source\ttarget\n刑事警察局表示\tThe Criminal Police Bureau said\n"
    (tmp_path / "u16.tsv").write_bytes((bom + tsv).encode(encoding))
    (tmp_path / "g2").mkdir()
    (tmp_path / "g2" / "orgs.csv").write_bytes((bom + HEADER + ROW).encode(encoding))
    args = ["qa", "check", str(tmp_path / "u16.tsv"), "-g", str(tmp_path / "g2"), "--json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.output
    assert [f["check"] for f in json.loads(result.stdout)["findings"]] == ["term-forbidden"]


@given(st.text())
def test_decode_reads_any_utf16_text_with_its_bom(text):
    from workbench.fileio import decode_utf8

    assert decode_utf8(text.encode("utf-16"), "x.txt") == text
    assert decode_utf8(text.encode("utf-8"), "x.txt") == text.removeprefix("\ufeff")


def test_stdin_that_is_a_terminal_is_refused_not_waited_on(monkeypatch):
    """`wb qa check -` typed with nothing piped used to wait silently for Ctrl-D."""
    import io
    import sys

    from workbench.errors import InputError
    from workbench.fileio import read_bytes

    class Terminal(io.TextIOWrapper):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Terminal(io.BytesIO(b"never read")))
    with pytest.raises(InputError, match="standard input is a terminal"):
        read_bytes("-")


def test_extract_reads_a_po_file_as_pairs_not_as_text(tmp_path):
    setup_files(tmp_path)
    po = tmp_path / "pairs.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "刑事警察局局長周幼偉（Chou Yew-woei）表示"\n'
        'msgstr "Chou Yew-woei, Commissioner of the Criminal Investigation Bureau, said"\n',
        encoding="utf-8",
    )
    result = runner.invoke(
        app, ["glossary", "extract", str(po), "-g", str(tmp_path / "g"), "-o", "-"]
    )
    assert result.exit_code == 0, result.output
    assert "Chou Yew-woei" in result.stdout and "周幼偉" in result.stdout
    assert "msgid" not in result.stdout and "msgstr" not in result.stdout
