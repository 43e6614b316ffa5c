"""`wb qa scan` on what reviewers have: HTML pages, WordPress/REST JSON dumps, .docx, Markdown.
Findings point to paragraphs of the text; markup, scripts and navigation are neither checked nor
counted as words."""

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from workbench.cli import app
from workbench.documents import html_paragraphs, read_document
from workbench.glossary import Glossary
from workbench.qa.run import scan

HERE = Path(__file__).resolve().parent
SCAN = HERE / "data" / "scan"
runner = CliRunner()


@pytest.fixture(scope="module")
def glossary():
    return Glossary.load([HERE.parent / "glossary"])


def located(result):
    return [
        (Path(r["file"]).name, r["segment"], r["check"], r["found"])
        for r in result.findings.to_dicts()
    ]


def test_html_article_text_not_markup(glossary):
    doc = read_document(SCAN / "article.html")
    assert doc["text"].to_list() == [
        "Taiwan and partners trace a fraud ring",
        "By a staff writer",
        "Prosecutors in Gaoxiong said on Monday that the ring moved funds through three countries.",
        "Former justice minister Cai Qingxiang was quoted in an earlier report on the case.",
        "Patrol scooters in Taipei.",
    ]
    result = scan([SCAN / "article.html"], glossary)
    assert located(result) == [
        ("article.html", 3, "place-pinyin", "Gaoxiong"),
        ("article.html", 4, "name-variant", "Cai Qingxiang"),
    ]
    assert result.words == sum(
        len(t.split()) for t in doc["text"]
    )  # 36 words, not the page's markup


def test_wordpress_json_dump(glossary, tmp_path):
    raw = (SCAN / "wordpress_posts.json").read_text(encoding="utf-8")
    assert "\\u53f0" in raw  # Chinese hidden in escapes in the file
    doc = read_document(SCAN / "wordpress_posts.json")
    assert doc["text"].to_list() == [
        "Fraud ring dismantled with help from 台灣 police",
        "Police in Gaoxiong arrested 12 suspects.",
        "The Criminal Investigation Bureau said the case began in 2025.",
    ]
    assert located(scan([SCAN / "wordpress_posts.json"], glossary)) == [
        ("wordpress_posts.json", 2, "place-pinyin", "Gaoxiong")
    ]
    as_txt = tmp_path / "dump.txt"  # the same dump saved with a .txt name
    as_txt.write_text(raw, encoding="utf-8")
    assert read_document(as_txt)["text"].to_list() == doc["text"].to_list()


def test_docx_paragraphs_and_tables(glossary, tmp_path):
    import docx

    document = docx.Document()
    document.add_heading("Case summary", level=1)
    document.add_paragraph("")
    p = document.add_paragraph("Officers in ")
    p.add_run("Gaoxiong").bold = True
    p.add_run(" seized phones.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Suspect"
    table.cell(0, 1).text = "Cai Qingxiang"
    path = tmp_path / "case.docx"
    document.save(str(path))
    assert read_document(path)["text"].to_list() == [
        "Case summary",
        "Officers in Gaoxiong seized phones.",
        "Suspect",
        "Cai Qingxiang",
    ]
    result = runner.invoke(app, ["qa", "scan", str(path), "--json", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    findings = json.loads(result.stdout[: result.stdout.rindex("}") + 1])["findings"]
    assert [(f["segment"], f["check"]) for f in findings] == [
        (2, "place-pinyin"),
        (4, "name-variant"),
    ]


def test_markdown(glossary):
    assert located(scan([SCAN / "notes.md"], glossary)) == [
        ("notes.md", 2, "place-pinyin", "Gaoxiong"),
        ("notes.md", 4, "name-variant", "Cai Qingxiang"),
    ]
    assert (
        read_document(SCAN / "notes.md")["text"][2] == "The Red Notice request was sent on Friday."
    )


def test_bad_documents_exit_2(tmp_path):
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"not a zip")
    json_bad = tmp_path / "x.json"
    json_bad.write_text('{"title": \n', encoding="utf-8")
    for path, where in ((bad, "broken.docx"), (json_bad, "x.json:2:")):
        result = runner.invoke(app, ["qa", "scan", str(path)])
        assert result.exit_code == 2 and where in result.output and "Traceback" not in result.output


@given(
    st.lists(
        st.text(alphabet=st.sampled_from(list("ab 台灣<>&\"'5")), min_size=1, max_size=12),
        min_size=1,
        max_size=5,
    )
)
@settings(max_examples=100, deadline=None)
def test_html_paragraph_text_survives_escaping(paragraphs):
    from html import escape

    html = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    expected = [" ".join(p.split()) for p in paragraphs if p.split()]
    assert html_paragraphs(html) == expected


def test_html_in_a_declared_legacy_charset(tmp_path):
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=big5"></head>'
        "<body><p>刑事警察局表示，嫌犯在高雄被捕。</p></body></html>"
    )
    path = tmp_path / "old.htm"
    path.write_bytes(page.encode("big5"))
    assert read_document(path)["text"].to_list() == ["刑事警察局表示，嫌犯在高雄被捕。"]
    path.write_bytes(page.replace("big5", "utf-8").encode("big5"))  # a page that lies about it
    result = runner.invoke(app, ["qa", "scan", str(path)])
    assert result.exit_code == 2 and "old.htm" in result.output and "Traceback" not in result.output


def test_every_article_of_a_listing_with_its_headline():
    page = (
        "<body><header><p>Site banner</p></header><main>"
        "<article><header><h2>First story</h2><p>By A</p></header><p>Body one.</p>"
        "<footer>Tags: x</footer></article>"
        "<article><h2>Second story</h2><p>Body two.</p><article><p>A comment.</p></article>"
        "</article>"
        "</main><footer><p>Site footer</p></footer></body>"
    )
    assert html_paragraphs(page) == [
        "First story",
        "By A",
        "Body one.",
        "Second story",
        "Body two.",
        "A comment.",
    ]
