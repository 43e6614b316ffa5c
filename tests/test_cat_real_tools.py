"""CAT files as real tools write them come back byte for byte outside the filled targets."""

from pathlib import Path

from typer.testing import CliRunner

from workbench.cat.registry import same_language
from workbench.cli import app
from workbench.language import Language

runner = CliRunner()

# memoQ: BOM, CRLF line ends, three-letter language codes, entities, CDATA, single quotes.
MEMOQ = (
    "\ufeff<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n"
    "<xliff xmlns:mq=\"MQXliff\" version=\"1.2\" "
    "xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\r\n"
    "  <file original=\"press.docx\" source-language=\"zho-TW\" target-language=\"eng\" "
    "datatype=\"unknown\">\r\n"
    "    <body>\r\n"
    "      <trans-unit id=\"1\" mq:status=\"NotStarted\" xml:space=\"preserve\">\r\n"
    "        <source xml:space=\"preserve\">外交部&apos;聲明&apos; A&amp;B &#x2028;第二段"
    "</source>\r\n"
    "        <target xml:space=\"preserve\"></target>\r\n"
    "        <mq:comments><mq:comment id=\"c1\"><![CDATA[check <name>]]></mq:comment>"
    "</mq:comments>\r\n"
    "      </trans-unit>\r\n"
    "      <trans-unit id='2' mq:status=\"Confirmed\" xml:space=\"preserve\">\r\n"
    "        <source xml:space=\"preserve\">移民署 <bpt id=\"1\" ctype=\"bold\">{}</bpt>公告"
    "<ept id=\"1\">{}</ept></source>\r\n"
    "        <target xml:space=\"preserve\">NIA &lt;notice&gt; <x id=\"2\" /></target>\r\n"
    "      </trans-unit>\r\n"
    "    </body>\r\n"
    "  </file>\r\n"
    "</xliff>\r\n"
).encode("utf-8")

# Trados Studio: one line, tag-defs and contexts written with " />".
TRADOS = (
    '<?xml version="1.0" encoding="utf-8"?><xliff xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0"'
    ' xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2" sdl:version="1.0">'
    '<file original="notice.docx" datatype="x-sdlfilterframework2" source-language="zh-TW"'
    ' target-language="en-US"><header><tag-defs xmlns="http://sdl.com/FileTypes/SdlXliff/1.0">'
    '<tag id="pt2"><ph name="br" word-end="false">&lt;br/&gt;</ph><fmt id="1" /></tag>'
    '</tag-defs></header><body><group><sdl:cxts><sdl:cxt id="c1" /></sdl:cxts>'
    '<trans-unit id="u1"><source>警方已逮捕嫌犯。</source><seg-source><mrk mtype="seg" mid="1">'
    "警方已逮捕嫌犯。</mrk></seg-source><sdl:seg-defs><sdl:seg id=\"1\" /></sdl:seg-defs>"
    '</trans-unit><trans-unit id="u3"><source>調查局</source><seg-source>'
    '<mrk mtype="seg" mid="3">調查局</mrk></seg-source><target><mrk mtype="seg" mid="3">MJIB</mrk>'
    '</target><sdl:seg-defs><sdl:seg id="3" locked="true" conf="ApprovedSignOff" />'
    "</sdl:seg-defs></trans-unit></group></body></file></xliff>"
).encode()


def _fill(tmp_path: Path, name: str, data: bytes) -> bytes:
    src = tmp_path / name
    src.write_bytes(data)
    out = tmp_path / f"out{src.suffix}"
    result = runner.invoke(
        app, ["translate", str(src), "--engine", "fake", "--to", "en", "--no-cache", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert src.read_bytes() == data
    return out.read_bytes()


def test_memoq_file_comes_back_byte_for_byte_but_its_new_target(tmp_path):
    out = _fill(tmp_path, "press.mqxliff", MEMOQ)
    assert out.startswith(b"\xef\xbb\xbf<?xml")
    before, after = MEMOQ.split(b"\r\n"), out.split(b"\r\n")
    assert b"\n" not in out.replace(b"\r\n", b"")  # every line end still CRLF
    assert len(before) == len(after)
    changed = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert changed == [6]  # the empty target of unit 1, and nothing else
    assert b'state="needs-review-translation"' in after[6] and b"Ministry" in after[6]


def test_trados_self_closing_tags_keep_their_space(tmp_path):
    out = _fill(tmp_path, "notice.sdlxliff", TRADOS)
    for kept in (b'<fmt id="1" />', b'<sdl:cxt id="c1" />',
                 b'<sdl:seg id="3" locked="true" conf="ApprovedSignOff" />',
                 b'<mrk mtype="seg" mid="3">MJIB</mrk>'):
        assert kept in out
    assert b'<sdl:seg id="1" conf="Draft" origin="mt"/>' in out
    head = TRADOS.split(b"<trans-unit")[0]
    assert out.startswith(head)


def test_three_letter_language_codes_of_cat_tools():
    assert same_language("eng", "en") and same_language("zho-TW", "zh-TW")
    assert same_language("ger", "de-DE") and not same_language("eng", "de")
    assert Language.parse("fre").base == "fr"


def test_qa_does_not_read_trados_segment_markers_as_extra_tags(tmp_path):
    src = tmp_path / "notice.sdlxliff"
    src.write_bytes(TRADOS)
    result = runner.invoke(app, ["qa", "check", str(src), "--only", "markup", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    assert "markup" not in result.output.split("\n1 file")[0] and "<mrk" not in result.output
