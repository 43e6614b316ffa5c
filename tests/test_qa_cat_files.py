"""QA on CAT files: inline codes are not text, translate="no" units are not "untranslated",
every plural form is checked, a TMX is read in the language asked for."""

from pathlib import Path

import pytest

from workbench.glossary import Glossary
from workbench.qa.run import check

ROOT = Path(__file__).resolve().parent.parent
HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2"'
    ' xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
    '<file original="a.txt" source-language="en" target-language="zh-TW" datatype="plaintext">'
    "<body>\n"
)


@pytest.fixture(scope="module")
def glossary():
    return Glossary.load([ROOT / "glossary"])


def xliff(tmp_path, units: str) -> Path:
    path = tmp_path / "review.xlf"
    path.write_text(HEAD + units + "\n</body></file></xliff>\n", encoding="utf-8")
    return path


def checks(result):
    return (
        [(f["check"], f["segment"]) for f in result.findings]
        if isinstance(result.findings, list)
        else [(r["check"], r["segment"]) for r in result.findings.iter_rows(named=True)]
    )


def test_inline_codes_do_not_glue_words_to_numbers(glossary, tmp_path):
    path = xliff(
        tmp_path,
        '<trans-unit id="1"><source>Police arrested<x id="1"/>5 suspects.</source>'
        '<target>警方逮捕<x id="1"/>5名嫌犯。</target></trans-unit>\n'
        '<trans-unit id="2"><source>They seized <g id="1">12</g> phones.</source>'
        '<target>查扣<g id="1">13</g>支手機。</target></trans-unit>',
    )
    found = checks(check([path], glossary, only=None))
    assert ("number-mismatch", 1) not in found
    assert ("number-mismatch", 2) in found  # a real mismatch inside a paired code is still caught


def test_translate_no_units_are_not_untranslated(glossary, tmp_path):
    path = xliff(
        tmp_path,
        '<trans-unit id="1" translate="no"><source>Case CIB-2026-0412 file</source>'
        "<target>Case CIB-2026-0412 file</target></trans-unit>\n"
        '<trans-unit id="2"><source>The suspects were arrested.</source>'
        "<target>The suspects were arrested.</target></trans-unit>",
    )
    result = check([path], glossary)
    assert [s for c, s in checks(result) if c == "untranslated"] == [2]


def test_every_plural_form_is_checked(glossary, tmp_path):
    path = tmp_path / "p.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Language: zh_TW\\n"\n"Plural-Forms: nplurals=2; plural=(n !='
        ' 1);\\n"\n\n'
        'msgid "%d suspect arrested in 2026"\nmsgid_plural "%d suspects arrested in 2026"\n'
        'msgstr[0] "2026年逮捕%d名嫌犯"\nmsgstr[1] "2025年逮捕%d名嫌犯"\n',
        encoding="utf-8",
    )
    result = check([path], glossary, source_lang="en", target_lang="zh-TW")
    rows = [r for c, r in checks(result) if c == "number-mismatch"]
    assert rows == [1]  # the second form (same unit) carries the wrong year


def test_tmx_is_checked_in_the_language_asked_for(glossary, tmp_path):
    path = tmp_path / "m.tmx"
    path.write_text(
        '<tmx version="1.4"><header creationtool="t" creationtoolversion="1" datatype="plaintext" '
        'segtype="sentence" adminlang="en" srclang="zh-TW" o-tmf="t"/><body>'
        '<tu><tuv xml:lang="zh-TW"><seg>逮捕5名嫌犯</seg></tuv><tuv xml:lang="ja">'
        "<seg>容疑者6人を逮捕</seg></tuv>"
        '<tuv xml:lang="en"><seg>5 suspects arrested</seg></tuv></tu></body></tmx>',
        encoding="utf-8",
    )
    assert ("number-mismatch", 1) not in checks(check([path], glossary, target_lang="en"))


def test_unit_ids_name_their_file_when_a_document_has_several():
    from workbench.bilingual import read_bilingual

    frame = read_bilingual(Path(__file__).parent / "data" / "cat" / "trados_style_12.xlf")
    assert list(frame["id"]) == ["press/release-0412.docx#1", "press/release-0412.docx#2",
                                 "press/release-0412.docx#4", "press/release-0412.docx#5",
                                 "press/contacts.docx#1", "press/contacts.docx#2"]
