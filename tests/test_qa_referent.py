"""A forbidden rendering is reported only where it renders the glossary's own entry: "Prime
Minister" is wrong for Taiwan's 行政院長 but right for Singapore's or Japan's head of government,
and "driver" in an English text is a driver. Correct news about other countries must stay quiet,
while the glossary's real errors are still caught."""

import csv
from pathlib import Path

import pytest

from workbench.glossary import Glossary
from workbench.qa.run import check, scan

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def glossary():
    return Glossary.load([ROOT / "glossary"])


def scanned(glossary, tmp_path, text):
    doc = tmp_path / "doc.txt"
    doc.write_text(text + "\n", encoding="utf-8")
    rows = scan([doc], glossary, lang="en").findings.to_dicts()
    return [(r["check"], r["severity"], r["found"]) for r in rows if r["check"] == "term-forbidden"]


@pytest.mark.parametrize(
    "text",
    [
        "Singapore's Prime Minister Lawrence Wong met the delegation in Taipei.",
        "The Japanese Vice Minister for Foreign Affairs arrived on Monday.",
        "Talks with British Prime Minister Keir Starmer were postponed.",
        "The Attorney General of Singapore filed the charges last week.",
        "Britain’s Prime Minister sent a message of support.",
        "The driver of the van was detained at the scene.",
        "Officers said the deportation order was issued in March.",
    ],
)
def test_other_countries_posts_and_everyday_words_are_not_errors(glossary, tmp_path, text):
    assert scanned(glossary, tmp_path, text) == []


@pytest.mark.parametrize(
    "text, found",
    [
        ("Taiwan's Prime Minister Cho Jung-tai opened the forum.", "Prime Minister"),
        ("The Taiwanese Vice Minister spoke after the minister.", "Vice Minister"),
        ("Prime Minister Cho Jung-tai opened the forum.", "Prime Minister"),
        ("Officers of the Criminal Police Bureau raided the site.", "Criminal Police Bureau"),
    ],
)
def test_taiwans_own_post_or_agency_under_a_forbidden_name_is_an_error(
    glossary, tmp_path, text, found
):
    assert scanned(glossary, tmp_path, text) == [("term-forbidden", "error", found)]


def test_a_title_with_nothing_to_say_whose_is_a_warning(glossary, tmp_path):
    got = scanned(glossary, tmp_path, "On Monday the Prime Minister said fraud cases fell.")
    assert got == [("term-forbidden", "warning", "Prime Minister")]


def test_a_calque_of_several_words_is_a_warning_without_a_source(glossary, tmp_path):
    got = scanned(glossary, tmp_path, "Police warned that money washing through shops grew.")
    assert got == [("term-forbidden", "warning", "money washing")]


def pair_findings(glossary, tmp_path, source, target):
    path = tmp_path / "pairs.tsv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerows([["source", "target"], [source, target]])
    rows = check([path], glossary, source_lang="zh", target_lang="en").findings.to_dicts()
    return [(r["check"], r["found"]) for r in rows if r["check"] == "term-forbidden"]


def test_a_pair_reports_a_forbidden_title_only_for_the_source_term(glossary, tmp_path):
    quiet = pair_findings(
        glossary, tmp_path, "新加坡總理黃循財昨天抵達。", "Singapore's Prime Minister Lawrence "
        "Wong arrived yesterday."
    )
    assert quiet == []
    wrong = pair_findings(
        glossary, tmp_path, "行政院長卓榮泰昨天出席。", "Prime Minister Cho Jung-tai attended "
        "yesterday."
    )
    assert wrong == [("term-forbidden", "Prime Minister")]
