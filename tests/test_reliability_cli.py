"""Bad files and bad options: exit code 2, one line on stderr, no traceback, no partial file
(issue 12). Each row of CASES is a command a new user could type; `{d}` is a fresh folder holding
the files written by `setup_files`."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from workbench.cli import app

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent
GLOSSARY_HEADER = "id,type,zh,en,en_variants,en_forbidden,status,note"


def setup_files(d: Path) -> None:
    (d / "g").mkdir()
    (d / "g" / "orgs.csv").write_text(
        GLOSSARY_HEADER
        + "\norg.cib,org,刑事警察局,Criminal Investigation Bureau,CIB,"
        "Criminal Police Bureau,approved,test\n",
        encoding="utf-8",
    )
    (d / "ok.tsv").write_text(
        "source\ttarget\n刑事警察局表示\tThe Criminal Investigation Bureau said\n", encoding="utf-8"
    )
    (d / "ok.txt").write_text("The Criminal Police Bureau said.\n", encoding="utf-8")
    (d / "nul.csv").write_text(
        GLOSSARY_HEADER + "\norg.cib,org,刑事\x00警察局,CIB,,,approved,test\n", encoding="utf-8"
    )
    (d / "ctl.csv").write_text(
        GLOSSARY_HEADER + "\norg.cib,org,刑事警察局,C\x01IB,,,approved,test\n", encoding="utf-8"
    )
    (d / "latin1.tsv").write_bytes("source\ttarget\ncafé\tx\n".encode("latin-1"))
    (d / "ragged.tsv").write_text("source\ttarget\na\tb\tc\n", encoding="utf-8")
    (d / "nohead.tsv").write_text("", encoding="utf-8")
    (d / "bigint.jsonl").write_text(
        '{"source": "a", "target": "b", "n": ' + "9" * 5000 + "}\n", encoding="utf-8"
    )
    (d / "deep.jsonl").write_text(
        '{"source": "a", "target": "b", "n": ' + "[" * 50000 + "]" * 50000 + "}\n", encoding="utf-8"
    )
    (d / "notobj.jsonl").write_text("[1, 2]\n", encoding="utf-8")
    (d / "bad.xlf").write_text("<xliff><file><body><trans-unit", encoding="utf-8")
    for name, body in {
        "list": "[1, 2]",
        "num": "5",
        "obj": '{"a": 1}',
        "str": '"abc"',
        "broken": "{",
    }.items():
        (d / f"sup_{name}.json").write_text(body, encoding="utf-8")
    (d / "sup_nokey.csv").write_text("check,found\nx,y\n", encoding="utf-8")
    (d / "xxe.tbx").write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE tbx [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
        '<tbx xmlns="urn:iso:std:iso:30042:ed-2"><text><body>'
        '<conceptEntry id="a"><langSec xml:lang="en">'
        "<termSec><term>&x;</term></termSec></langSec></conceptEntry></body></text></tbx>\n",
        encoding="utf-8",
    )
    (d / "dup.tbx").write_text(
        '<?xml version="1.0"?>\n<tbx xmlns="urn:iso:std:iso:30042:ed-2"><text><body>'
        + '<conceptEntry id="a"><langSec xml:lang="en">'
        '<termSec><term>x</term></termSec></langSec></conceptEntry>'
        * 2
        + "</body></text></tbx>\n",
        encoding="utf-8",
    )
    (d / "subject.tbx").write_text(
        '<?xml version="1.0"?>\n<tbx xmlns="urn:iso:std:iso:30042:ed-2">'
        '<text><body><conceptEntry id="a">'
        '<descrip type="subjectField">weapons</descrip>'
        '<langSec xml:lang="en"><termSec><term>x</term></termSec>'
        "</langSec></conceptEntry></body></text></tbx>\n",
        encoding="utf-8",
    )
    (d / "empty.csv").write_text("", encoding="utf-8")
    (d / "unterminated.csv").write_text('刑事局,"CIB\n海巡署,CGA\n', encoding="utf-8")
    (d / "afile").write_text("x", encoding="utf-8")
    (d / "existing.csv").write_text(GLOSSARY_HEADER + "\n", encoding="utf-8")
    (d / "dev").mkdir()
    if os.geteuid() == 0:  # private copies of /dev/full and /dev/null: a regression must not
        os.mknod(
            d / "dev" / "full", 0o666 | stat.S_IFCHR, os.makedev(1, 7)
        )  # replace the real ones
        os.mknod(d / "dev" / "null", 0o666 | stat.S_IFCHR, os.makedev(1, 3))


G = "-g {d}/g"
CASES = [
    # bad inputs
    ("glossary lint {d}/nul.csv", "nul.csv:2:"),
    ("glossary lint {d}/ctl.csv", "U+0001"),
    (f"qa check {{d}}/latin1.tsv {G}", "not UTF-8"),
    (f"qa check {{d}}/ragged.tsv {G}", "ragged.tsv:2:"),
    (f"qa check {{d}}/nohead.tsv {G}", "nohead.tsv:1:1"),
    (f"qa check {{d}}/bigint.jsonl {G}", "bigint.jsonl:1:"),
    (f"qa check {{d}}/deep.jsonl {G}", "deep.jsonl:1:"),
    (f"qa check {{d}}/notobj.jsonl {G}", "notobj.jsonl:1:"),
    (f"qa check {{d}}/bad.xlf {G}", "bad.xlf"),
    (f"qa check {{d}}/missing.tsv {G}", "missing.tsv"),
    (f"qa check {{d}}/ok.tsv {G} --suppress {{d}}/sup_list.json", "sup_list.json:1:1"),
    (f"qa check {{d}}/ok.tsv {G} --suppress {{d}}/sup_num.json", "sup_num.json:1:1"),
    (f"qa check {{d}}/ok.tsv {G} --suppress {{d}}/sup_obj.json", "sup_obj.json:1:1"),
    (f"qa check {{d}}/ok.tsv {G} --suppress {{d}}/sup_str.json", "sup_str.json:1:1"),
    (f"qa check {{d}}/ok.tsv {G} --suppress {{d}}/sup_broken.json", "sup_broken.json:"),
    (f"qa check {{d}}/ok.tsv {G} --suppress {{d}}/sup_nokey.csv", "sup_nokey.csv:1:1"),
    ("glossary import {d}/xxe.tbx", "DOCTYPE"),
    ("glossary import {d}/dup.tbx", "duplicate concept id"),
    ("glossary import {d}/empty.csv -f deepl", "no entries"),
    ("glossary import {d}/unterminated.csv -f deepl", "unterminated.csv:1:1"),
    # bad options
    (f"translate {{d}}/ok.tsv --engine fake {G} --batch-size 0 --no-cache", "--batch-size"),
    (f"translate {{d}}/ok.tsv --engine fake {G} --batch-size -3 --no-cache", "--batch-size"),
    (f"qa check {{d}}/ok.tsv {G} --to xx", "'xx'"),
    (f"qa check {{d}}/ok.tsv {G} --from qq", "'qq'"),
    (f"qa scan {{d}}/ok.txt {G} --lang zz", "'zz'"),
    ("romanize 周幼偉 --check Chou -g {d}/nothing.csv", "nothing.csv"),
    # outputs that cannot or must not be written
    (f"qa check {{d}}/ok.tsv {G} --csv {{d}}/ok.tsv", "refusing to overwrite"),
    (f"qa check {{d}}/ok.tsv {G} --csv {{d}}/g/orgs.csv", "refusing to overwrite"),
    ("glossary export -f deepl -g {d}/g -o {d}/g/orgs.csv", "refusing to overwrite"),
    (
        f"translate {{d}}/ok.tsv --engine fake {G} --no-cache -o {{d}}/g/orgs.csv",
        "refusing to overwrite",
    ),
    ("glossary import {d}/dup.tbx -o {d}/existing.csv", "exists"),
    (f"qa check {{d}}/ok.tsv {G} --json-out {{d}}/afile/report.json", "cannot write"),
    (f"qa check {{d}}/ok.tsv {G} --json-out {{d}}/g", "cannot write"),
    (f"qa check {{d}}/ok.tsv {G} --html {{d}}/dev/full", "No space left"),
    (
        f"translate {{d}}/ok.tsv --engine fake {G} --cache {{d}}/afile/c.sqlite -o {{d}}/out.tsv",
        "cannot write",
    ),
    (f"translate {{d}}/ok.tsv --engine fake {G} --cache {{d}}/g -o {{d}}/out.tsv", "cannot write"),
]


def snapshot(d: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(d)): (p.stat().st_mode, p.read_bytes() if p.is_file() else b"")
        for p in sorted(d.rglob("*"))
        if p.is_file() or p.is_char_device()
    }


@pytest.mark.parametrize("command, needle", CASES, ids=[c for c, _ in CASES])
def test_bad_file_or_option_is_one_clean_line(tmp_path, command, needle):
    setup_files(tmp_path)
    if "/dev/" in command and not (tmp_path / "dev" / "full").exists():
        pytest.skip("device nodes need root (mknod)")
    before = snapshot(tmp_path)
    args = command.format(d=tmp_path).split()
    result = runner.invoke(app, args)
    assert result.exit_code == 2, (result.output, result.exception)
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ") and needle in lines[0], lines[0]
    assert "Traceback" not in result.output
    assert snapshot(tmp_path) == before  # nothing written, nothing replaced, no temp file left


def test_hard_link_and_symlink_of_an_input_are_refused(tmp_path):
    setup_files(tmp_path)
    os.link(tmp_path / "ok.tsv", tmp_path / "hard.tsv")
    (tmp_path / "soft.csv").symlink_to(tmp_path / "g" / "orgs.csv")
    before = snapshot(tmp_path)
    for out in ("hard.tsv", "soft.csv"):
        result = runner.invoke(
            app,
            [
                "qa",
                "check",
                str(tmp_path / "ok.tsv"),
                "-g",
                str(tmp_path / "g"),
                "--csv",
                str(tmp_path / out),
            ],
        )
        assert result.exit_code == 2 and "refusing to overwrite" in result.stderr
    assert snapshot(tmp_path) == before


def test_output_mode_follows_umask_and_keeps_an_existing_mode(tmp_path):
    setup_files(tmp_path)
    old = os.umask(0o022)
    try:
        out = tmp_path / "r.csv"
        args = [
            "qa",
            "check",
            str(tmp_path / "ok.tsv"),
            "-g",
            str(tmp_path / "g"),
            "--csv",
            str(out),
        ]
        assert runner.invoke(app, args).exit_code == 0
        assert stat.S_IMODE(out.stat().st_mode) == 0o644
        out.chmod(0o640)
        assert runner.invoke(app, args).exit_code == 0
        assert stat.S_IMODE(out.stat().st_mode) == 0o640
    finally:
        os.umask(old)


def test_symlinked_output_keeps_the_link_and_writes_its_target(tmp_path):
    setup_files(tmp_path)
    real = tmp_path / "real.csv"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    result = runner.invoke(
        app,
        ["qa", "check", str(tmp_path / "ok.tsv"), "-g", str(tmp_path / "g"), "--csv", str(link)],
    )
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("file,segment")


def test_device_and_fifo_outputs_are_written_in_place(tmp_path):
    setup_files(tmp_path)
    null = tmp_path / "dev" / "null"
    if null.exists():  # root: a private /dev/null (the real one was destroyed this way as root)
        result = runner.invoke(
            app,
            [
                "qa",
                "check",
                str(tmp_path / "ok.tsv"),
                "-g",
                str(tmp_path / "g"),
                "--json-out",
                str(null),
            ],
        )
        assert result.exit_code == 0, result.output
        assert stat.S_ISCHR(os.stat(null).st_mode)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    import threading

    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    result = runner.invoke(
        app,
        ["qa", "check", str(tmp_path / "ok.tsv"), "-g", str(tmp_path / "g"), "--csv", str(fifo)],
    )
    reader.join(30)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(os.stat(fifo).st_mode) and got and got[0].startswith(b"file,segment")
