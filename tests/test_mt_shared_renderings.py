"""`wb translate` verification: a source rendering shared by two glossary entries ("Director":
處長 and 局長) is enforced when the output carries either entry's rendering."""

from pathlib import Path

from workbench.glossary import Glossary
from workbench.mt.terms import plan_terms, verify_and_repair

ROOT = Path(__file__).resolve().parent.parent


def test_shared_rendering_is_not_reported_term_not_enforced():
    g = Glossary.load([ROOT / "glossary"])
    source = "Director Chen said the office had received 40 requests."
    planned = plan_terms(g, [source], "en", "zh")[0]
    assert {t.entry.id for t in planned} >= {"title.director", "title.bureau-head"}
    _, report = verify_and_repair(
        "陳處長表示，該處已收到40件請求。", planned, "zh", pinned=False, source=source
    )
    assert report.missed == [] and not any("term-not-enforced" in n for n in report.notes)
    _, report = verify_and_repair(
        "陳先生表示，已收到40件請求。", planned, "zh", pinned=False, source=source
    )
    assert set(report.missed) == {"title.director", "title.bureau-head"}


def test_translate_pipeline_reports_no_missed_term_for_shared_renderings():
    from workbench.mt.engine import Language
    from workbench.mt.fake import FakeEngine
    from workbench.mt.pipeline import translate_texts

    g = Glossary.load([ROOT / "glossary"])
    en, tw = Language.parse("en"), Language.parse("zh-TW")
    _, reports, stats = translate_texts(
        ["Director Chen met Director-General Huang."], FakeEngine(en, tw, g), g, tw, source=en
    )
    assert stats.missed == 0 and not any("term-not-enforced" in n for n in reports[0].notes)
